"""The anonymity rule across waves: no change, and no level, that singles out the few who came or went.

Within one wave, :mod:`lerende_scan.scoring.privacy` hides small groups and the groups that would expose
them by subtraction. Two waves add one more way in: a group of six shown in the first wave and of five in
the second tells whoever holds both reports roughly what the one person who left had answered (the sum
of the first wave minus the sum of the second, blurred only by how much the others' answers moved).

**The rule** (applied when a wave is scored with ``--previous``): a group of a breakdown, and each side of
the leader/employee comparison, may be shown in this wave only when, for every earlier wave in which it was
shown, its size changed by 0 or by at least ``anonymity.min_group_size`` (k) respondents, or it held at
least :data:`LARGE` × k respondents in both waves (there the few who came or went are blurred by at least
that many others answering anew; without this, one employee leaving would hide the leader/employee
comparison of almost every second wave). The hidden groups of a wave count as one more group: their
size and sum are the company total minus the shown groups, so the rule holds for them too, joined with
the earlier wave's hidden groups when the two overlap (:func:`hide_for_waves`). A group failing the rule
is hidden in this wave (:func:`cross_wave`); when that leaves it the only hidden group of its breakdown,
the smallest other shown group is hidden with it, so it cannot be recovered as the company total minus
the shown groups. A change is shown only for a group shown in both waves
(:func:`group_changes`); a group hidden in either wave never gets one.

The company total is not subject to the rule: comparing the company is the point, and one person in a
company of many is lost in everyone else's change; in a company under 4 × k respondents it is not, which
is part of the residual risk. What remains, and the README says so: a size change of
zero may hide one person leaving and one joining; waves not passed with ``--previous`` are not checked;
each earlier report, once handed out, stays what it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import Breakdown, CompanyResult, GroupScore, LeaderComparison
from lerende_scan.scoring.quality import group_key
from lerende_scan.waves.model import GroupChange

__all__ = ["LARGE", "cross_wave", "group_changes", "hide_for_waves", "respelled", "size_change_allowed"]

LARGE = 4
"""A group of at least ``LARGE × min_group_size`` respondents in both waves (20 at the default 5) is exempt:
the few who came or went are blurred by at least that many others answering anew."""


def size_change_allowed(before: int, after: int, min_size: int) -> bool:
    """A group shown in two waves may be shown again when its size changed by 0 or by ≥ ``min_size``,
    or when it held at least :data:`LARGE` × ``min_size`` respondents in both waves."""
    return before == after or abs(after - before) >= min_size or min(before, after) >= LARGE * min_size


def _blocks(
    now: tuple[dict[str, int], set[str], int], then: tuple[dict[str, int], set[str], int]
) -> list[tuple[set[str], int, int]]:
    """The smallest sets of groups whose size (and sum) both waves publish: ``(groups, n then, n now)``.

    A wave publishes each shown group and, through the company total, its hidden groups together. Sets
    published by both waves are unions of the blocks returned: every group shown in both waves alone,
    and the hidden groups of each wave, joined into one block when the two overlap.
    """
    shown2, hidden2, total2 = now
    shown1, hidden1, total1 = then
    names = set(shown2) | hidden2 | set(shown1) | hidden1
    hidden_blocks = [hidden1 | hidden2] if hidden1 & hidden2 else [h for h in (hidden1, hidden2) if h]
    blocks = [*hidden_blocks, *({g} for g in names - hidden1 - hidden2)]

    def size(block: set[str], shown: dict[str, int], hidden: set[str], total: int) -> int:
        if hidden and hidden <= block:
            return total - sum(n for g, n in shown.items() if g not in block)
        return sum(shown.get(g, 0) for g in block)

    return [(b, size(b, shown1, hidden1, total1), size(b, shown2, hidden2, total2)) for b in blocks]


def hide_for_waves(
    now: tuple[dict[str, int], set[str], int], earlier: Sequence[tuple[dict[str, int], set[str], int]], k: int
) -> set[str]:
    """The groups of one breakdown to hide in this wave: its own hidden groups, and more until every block
    (:func:`_blocks`) against every earlier wave changed in size as :func:`size_change_allowed` allows.

    ``now`` and each earlier wave are ``(shown group -> n, hidden groups, company total)``. A block holding
    every group of one of the two waves is that wave's company total, which is exempt. A failing block
    that holds a group shown now loses its smallest such group; otherwise the smallest shown group is
    hidden. Within the wave, a group hidden alone takes the smallest shown group with it.
    """
    shown_all, hidden, total = dict(now[0]), set(now[1]), now[2]
    while True:
        shown = {g: n for g, n in shown_all.items() if g not in hidden}
        if not shown:
            return hidden
        victim: list[str] = []
        if len(hidden) == 1:
            victim = list(shown)
        for then in earlier if not victim else ():
            whole = (set(shown) | hidden, set(then[0]) | then[1])  # a company total: exempt
            for block, before, after in _blocks((shown, hidden, total), then):
                if not any(block >= w for w in whole) and not size_change_allowed(before, after, k):
                    victim = [g for g in block if g in shown] or list(shown)
                    break
            if victim:
                break
        if not victim:
            return hidden
        hidden.add(min(victim, key=lambda g: (shown[g], g)))


def respelled(
    earlier: CompanyResult, current: CompanyResult, renamed: Mapping[str, str] | None = None
) -> CompanyResult:
    """``earlier`` with its group names spelled as ``current`` spells the same group.

    Within a wave, names that differ only in case or surrounding spaces are one group
    (:func:`~lerende_scan.scoring.quality.group_key`); across waves they must be too, or "A" (6) in one wave
    and "a " (5) in the next would escape the rule and give back the leaver's scores by subtraction. So must
    a group renamed since (``renamed``, old -> new, from ``--group-match``): "Verkoop" (6) then "Sales" (5).
    """
    spelling = {(b.column, group_key(g.name)): g.name for b in current.groups for g in b.groups}
    now = {group_key(old): new for old, new in (renamed or {}).items()}

    def name(column: str, old: str) -> str:
        new = now.get(group_key(old), old)
        return spelling.get((column, group_key(new)), new)

    groups = [
        b.model_copy(
            update={"groups": [g.model_copy(update={"name": name(b.column, g.name)}) for g in b.groups]}
        )
        for b in earlier.groups
    ]
    return earlier.model_copy(update={"groups": groups})


def _state(result: CompanyResult, column: str) -> tuple[dict[str, int], set[str], int] | None:
    b = next((b for b in result.groups if b.column == column), None)
    if b is None:
        return None
    shown = {g.name: g.n for g in b.groups if not g.suppressed and g.n is not None}
    return shown, {g.name for g in b.groups if g.suppressed}, result.respondents.valid


def cross_wave(
    current: CompanyResult, earlier: Sequence[CompanyResult], questionnaire: Questionnaire
) -> tuple[CompanyResult, list[str]]:
    """``current`` with the groups (and leader comparison) hidden that the rule hides; and which they are.

    The returned names are ``"column: group"``, for the report's note. Groups hidden for the rule carry no
    numbers, exactly like groups hidden within a wave.
    """
    k = questionnaire.anonymity.min_group_size
    groups: list[Breakdown] = []
    hidden_now: list[str] = []
    newly: dict[str, set[str]] = {}
    for b in current.groups:
        now = _state(current, b.column)
        assert now is not None
        olds = [s for s in (_state(r, b.column) for r in earlier) if s is not None]
        hidden = hide_for_waves(now, olds, k)
        extra = hidden - now[1]
        if extra:
            newly[b.column] = extra
            hidden_now += [f"{b.column}: {name}" for name in sorted(extra)]
            b = b.model_copy(
                update={
                    "groups": [
                        GroupScore(name=g.name, suppressed=True) if g.name in hidden else g for g in b.groups
                    ]
                }
            )
        groups.append(_thin_cells(b, current, earlier, k))
    leaders = _leaders(current, earlier, questionnaire, groups, newly)
    return current.model_copy(update={"groups": groups, "leaders": leaders}), hidden_now


def _score(g: GroupScore, key: str) -> float | None:
    return g.index if key == "index" else (g.factors or {}).get(key)


def _scored(g: GroupScore, key: str) -> int:
    """How many in the group have the score (its size for a wave written before the counts were)."""
    return (g.scored or {}).get(key, g.n or 0)


def _thin_cells(b: Breakdown, current: CompanyResult, earlier: Sequence[CompanyResult], k: int) -> Breakdown:
    """The group-level rule, per score: a shown group's factor (or index) from a number of people that
    changed by 1 to k−1 since a wave that showed it is hidden, even when the group's size did not change
    (one of six answered "Weet niet" the second time: 6 × then − 5 × now is that person's first score).
    Further cells follow, smallest first, until the hidden cells of that score hold none, or at least two
    cells with k scores together; what they hold is the company's count minus the shown cells'."""
    shown = [g for g in b.groups if not g.suppressed and g.n is not None]
    if not shown:
        return b
    olds = [
        {g.name: g for ob in r.groups if ob.column == b.column for g in ob.groups if not g.suppressed}
        for r in earlier
    ]
    totals = {f.id: f.n for f in current.factors} | {"index": current.index.n}
    hide: dict[str, set[str]] = {}
    for key in totals:
        cells = {g.name for g in shown if _score(g, key) is None}  # hidden within the wave already
        for g in shown:
            for old in olds:  # against every earlier wave that showed the cell
                was = old.get(g.name)
                if g.name in cells or was is None or was.n is None or _score(was, key) is None:
                    continue
                if not size_change_allowed(_scored(was, key), _scored(g, key), k):
                    cells.add(g.name)
        if not cells - {g.name for g in shown if _score(g, key) is None}:
            continue
        counts = {g.name: _scored(g, key) for g in shown}
        while True:
            visible = [g.name for g in shown if g.name not in cells]
            held = totals[key] - sum(counts[name] for name in visible)
            hidden_cells = len(cells) + sum(1 for g in b.groups if g.suppressed)
            if not visible or held <= 0 or (hidden_cells >= 2 and held >= k):
                break
            cells.add(min(visible, key=lambda name: (counts[name], name)))
        hide[key] = cells
    if not hide:
        return b
    thinned = []
    for g in b.groups:
        gone = {key for key, names in hide.items() if g.name in names}
        if g.suppressed or not gone:
            thinned.append(g)
            continue
        factors = {f: None if f in gone else v for f, v in (g.factors or {}).items()}
        thinned.append(
            g.model_copy(update={"factors": factors, "index": None if "index" in gone else g.index})
        )
    return b.model_copy(update={"groups": thinned})


def _leaders(
    current: CompanyResult,
    earlier: Sequence[CompanyResult],
    questionnaire: Questionnaire,
    groups: list[Breakdown],
    newly: dict[str, set[str]],
) -> LeaderComparison | None:
    """The leader/employee comparison, hidden when a side's size changed by 1 to k−1 since a wave that
    showed it, or when a group hidden just now in the leader column would be its side's only hidden one."""
    lead = current.leaders
    config = questionnaire.leaders
    if lead is None or lead.suppressed or config is None:
        return lead
    k = questionnaire.anonymity.min_group_size
    for old in earlier:
        was = old.leaders
        if was is None or was.suppressed or was.n_leaders is None or was.n_employees is None:
            continue
        if not (
            size_change_allowed(was.n_leaders, lead.n_leaders or 0, k)
            and size_change_allowed(was.n_employees, lead.n_employees or 0, k)
        ):
            return LeaderComparison(suppressed=True)
    if config.column in newly:
        values = {group_key(v) for v in config.values}
        breakdown = next(b for b in groups if b.column == config.column)
        for is_leader in (True, False):
            hidden = [
                g.name
                for g in breakdown.groups
                if g.suppressed and (group_key(g.name) in values) is is_leader
            ]
            if len(hidden) == 1:
                return LeaderComparison(suppressed=True)
    return lead


def group_changes(
    current: CompanyResult,
    previous: CompanyResult,
    factors: Sequence[str],
    hidden_now: Sequence[str],
    *,
    index: bool,
) -> list[GroupChange]:
    """Per group in both waves: the change of its index and comparable factors, or ``hidden`` without
    numbers when either wave hides it (``cross_wave`` when this wave hides it for the cross-wave rule)."""
    old = {(b.column, g.name): g for b in previous.groups for g in b.groups}
    out: list[GroupChange] = []
    for b in current.groups:
        for g in b.groups:
            was = old.get((b.column, g.name))
            if was is None:
                continue
            if g.suppressed or was.suppressed or g.n is None or was.n is None:
                reason = "cross_wave" if f"{b.column}: {g.name}" in hidden_now else "hidden_in_a_wave"
                out.append(GroupChange(column=b.column, name=g.name, hidden=True, reason=reason))
                continue
            now, then = g.factors or {}, was.factors or {}
            out.append(
                GroupChange(
                    column=b.column,
                    name=g.name,
                    hidden=False,
                    n_before=was.n,
                    n_after=g.n,
                    index=_minus(g.index, was.index) if index else None,
                    factors={f: _minus(now.get(f), then.get(f)) for f in factors},
                )
            )
    return out


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b
