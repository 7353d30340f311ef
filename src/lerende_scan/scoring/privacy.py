"""Every suppression rule: small companies, small groups ("difference anonymity") and the leader split.

- A company total is itself a group: a company with fewer valid respondents than
  ``anonymity.min_group_size`` gets no result at all (:func:`company_reportable`), in scoring and in the
  sector benchmark.
- A group under ``anonymity.min_group_size`` shows no scores. That alone is not enough: when exactly one
  group of a breakdown is hidden, its sum is the company total minus the shown groups. Complementary
  suppression hides further groups (smallest first) until the hidden groups together cannot be split back
  into one group: at least two are hidden and together they hold at least ``min_size`` respondents, or all
  groups are hidden (:func:`suppress`).
- The same holds per score: a shown group's mean of one factor is hidden when too few of its people have
  that factor's score ("Weet niet", skipped statements), with complementary suppression over the counts
  of that score (:func:`suppress_cells`).
- The leader/employee comparison is shown only when both sides are large enough and neither exposes a
  group hidden in the leader column's breakdown (:func:`split_suppressed`); per factor and statement, a
  gap is shown only when both sides have that score from at least ``min_size`` people.

Blank group values form a group of their own (:data:`~lerende_scan.scoring.breakdowns.UNKNOWN_GROUP`),
so they cannot be recovered by subtracting the shown groups from the total.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

__all__ = ["company_reportable", "side_exposes", "split_suppressed", "suppress", "suppress_cells"]


def company_reportable(valid: int, min_group_size: int) -> bool:
    """Whether a company with ``valid`` valid respondents may get a result: its total is a group too."""
    return valid >= min_group_size


def suppress(sizes: Mapping[str, int], min_size: int, already: Collection[str] = ()) -> set[str]:
    """Names of the groups to hide, given each group's number of respondents.

    1. Hide every group with fewer than ``min_size`` respondents, and those ``already`` hidden.
    2. While something is hidden, and either only one group is hidden or the hidden groups together hold
       fewer than ``min_size`` respondents, also hide the smallest shown group (ties broken by name, so the
       outcome never depends on dict order). Stop when no shown group is left.

    Afterwards no hidden group can be recovered as "total minus shown groups": either nothing is hidden,
    or at least two groups with together at least ``min_size`` respondents are, or everything is.
    """
    hidden = {name for name, n in sizes.items() if n < min_size or name in already}
    shown = sorted((n, name) for name, n in sizes.items() if name not in hidden)
    hidden_total = sum(sizes[name] for name in hidden)
    while hidden and (len(hidden) == 1 or hidden_total < min_size) and shown:
        n, name = shown.pop(0)
        hidden.add(name)
        hidden_total += n
    return hidden


def suppress_cells(counts: Mapping[str, int], hidden_groups: Collection[str], min_size: int) -> set[str]:
    """Groups whose mean of one score (a factor, the index) is hidden, given how many in each group have
    that score.

    A group shown as a whole can still hold few people with a given score: those who answered "Weet niet"
    or skipped its statements have none. Its mean of that score is then a mean of fewer than ``min_size``
    people, and the hidden groups' sum can be recovered as the company's minus the shown groups' (or the
    hidden groups may hold one score between them). So :func:`suppress` is applied to the counts of this
    score, starting from the groups hidden as a whole; groups without the score take no part (they have
    no sum to recover).
    """
    present = {name: n for name, n in counts.items() if n > 0}
    return suppress(present, min_size, already=[name for name in hidden_groups if name in present])


def side_exposes(
    side: Collection[str], sizes: Mapping[str, int], hidden: Collection[str], min_size: int
) -> bool:
    """Whether showing an aggregate over the groups ``side`` would expose a hidden group of a breakdown.

    Used for the leader/employee split, whose two sides are unions of the groups of the leader column's
    breakdown. Given the side's total and the shown groups in it, the hidden groups in it are recoverable
    together; that is safe only when there are none, or at least two holding ``min_size`` respondents.
    """
    hidden_here = [name for name in side if name in hidden]
    if not hidden_here:
        return False
    return len(hidden_here) == 1 or sum(sizes[name] for name in hidden_here) < min_size


def split_suppressed(
    sides: Sequence[Collection[str]], sizes: Mapping[str, int], hidden: Collection[str], min_size: int
) -> bool:
    """Whether a comparison of aggregates over the groups of each side (leaders vs employees) is hidden.

    It is when a side holds fewer than ``min_size`` respondents, or showing a side would expose a group
    hidden in the breakdown (:func:`side_exposes`). ``sizes`` holds the groups present, with their sizes.
    """
    return min(sum(sizes[name] for name in side) for side in sides) < min_size or any(
        side_exposes(side, sizes, hidden, min_size) for side in sides
    )
