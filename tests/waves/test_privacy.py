"""The cross-wave anonymity rule: no group, and no set of groups two waves both publish, whose size
changed by 1 to k-1 (unless it is large), and no change for a group hidden in either wave."""

from __future__ import annotations

import itertools

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lerende_scan.scoring.privacy import suppress
from lerende_scan.waves.privacy import LARGE, hide_for_waves, size_change_allowed

K = 5
NAMES = ["A", "B", "C", "D", "E"]


def _wave(sizes: dict[str, int]) -> tuple[dict[str, int], set[str], int]:
    """A wave as published: shown groups with n, hidden groups (within-wave rule), company total."""
    present = {g: n for g, n in sizes.items() if n}
    hidden = suppress(present, K)
    return {g: n for g, n in present.items() if g not in hidden}, hidden, sum(present.values())


def _published(shown: dict[str, int], hidden: set[str], total: int, groups: set[str]) -> int | None:
    """The size a wave reveals for a set of groups, or None when it cannot be worked out from it."""
    if groups.isdisjoint(hidden):
        return sum(shown.get(g, 0) for g in groups)
    if hidden <= groups:
        return total - sum(n for g, n in shown.items() if g not in groups)
    return None


def _linked_sets(then: tuple[dict[str, int], set[str], int], now: tuple[dict[str, int], set[str], int]):
    """Brute force: every minimal non-empty set of groups both waves reveal, with its two sizes."""
    names = sorted(set(then[0]) | then[1] | set(now[0]) | now[1])
    both = []
    for r in range(1, len(names) + 1):
        for combo in itertools.combinations(names, r):
            groups = set(combo)
            a, b = _published(*then, groups), _published(*now, groups)
            if a is not None and b is not None:
                both.append((groups, a, b))
    minimal = [(g, a, b) for g, a, b in both if not any(h < g for h, _, _ in both)]
    return minimal, [set(then[0]) | then[1], set(now[0]) | now[1]]


sizes = st.dictionaries(st.sampled_from(NAMES), st.integers(0, 30), min_size=1)


@settings(max_examples=400, deadline=None)
@given(first=sizes, second=sizes)
def test_no_linked_set_of_groups_singles_out_a_few_people(
    first: dict[str, int], second: dict[str, int]
) -> None:
    assume(sum(first.values()) >= K and sum(second.values()) >= K)  # smaller companies get no result
    then = _wave(first)
    shown, hidden, total = _wave(second)
    final = hide_for_waves((shown, hidden, total), [then], K)
    assert hidden <= final
    now = ({g: n for g, n in shown.items() if g not in final}, final, total)
    # Within the wave: nothing hidden, or at least two groups, or everything.
    assert not final or len(final) >= 2 or not now[0]
    linked, wholes = _linked_sets(then, now)
    for groups, before, after in linked:
        if any(groups >= whole for whole in wholes):
            continue  # a wave's company total: exempt, documented
        assert size_change_allowed(before, after, K), (groups, before, after, then, now)


def test_one_person_leaving_a_group_of_six_hides_the_group_and_its_change() -> None:
    """Six in Staf, then five: Staf is hidden now, with the next smallest group so it cannot be derived;
    and as those two together went from 15 to 14, the rest of the breakdown goes too."""
    then = _wave({"Staf": 6, "Zorg": 40, "Facilitair": 9})
    final = hide_for_waves(_wave({"Staf": 5, "Zorg": 40, "Facilitair": 9}), [then], K)
    assert final == {"Staf", "Facilitair", "Zorg"}


def test_the_companion_group_may_stay_hidden_alone_when_the_pair_changed_enough() -> None:
    then = _wave({"Staf": 6, "Zorg": 40, "Facilitair": 9})
    final = hide_for_waves(_wave({"Staf": 5, "Zorg": 40, "Facilitair": 15}), [then], K)
    assert final == {"Staf", "Facilitair"}  # 15 -> 20 together: five people; Zorg stays shown


def test_large_groups_and_unchanged_or_clearly_changed_sizes_stay_shown() -> None:
    then = _wave({"Staf": 6, "Zorg": 4 * K + 3, "Facilitair": 9})
    assert hide_for_waves(_wave({"Staf": 6, "Zorg": 4 * K + 2, "Facilitair": 14}), [then], K) == set()
    assert LARGE * K == 20
