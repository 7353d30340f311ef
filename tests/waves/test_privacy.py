"""The cross-wave anonymity rule: no group, and no set of groups two waves both publish, whose size
changed by 1 to k-1 (unless it is large), and no change for a group hidden in either wave."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.scoring.test_score import questionnaire, response_set, varied

from lerende_scan.results import CompanyResult, GroupScore
from lerende_scan.scoring import score
from lerende_scan.scoring.privacy import suppress
from lerende_scan.waves.privacy import LARGE, cross_wave, hide_for_waves, size_change_allowed

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


def test_a_factor_one_member_answered_weet_niet_the_second_time_is_hidden_with_a_companion() -> None:
    """A group of six in both waves; one of them has no feedback score in the second (fuzz V4): the
    group's size allowed it, but 6 × then − 5 × now was that person's first feedback score."""
    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5})
    depts = ["A"] * 6 + ["B"] * 30
    first = varied(36, seed=8)
    second = first.copy()
    second[0, 3:5] = np.nan  # respondent 0 (in A) has no fb score now; fa and the index remain
    then = score(response_set(first, q=q, groups={"afdeling": depts})).companies[0]
    now = score(response_set(second, q=q, groups={"afdeling": depts})).companies[0]

    def group(result: CompanyResult, name: str) -> GroupScore:
        return next(g for g in result.groups[0].groups if g.name == name)

    a_then, a_now = group(then, "A"), group(now, "A")
    assert (a_then.scored or {})["fb"] == 6 and (a_now.scored or {})["fb"] == 5
    leaver = 6 * (a_then.factors or {})["fb"] - 5 * (a_now.factors or {})["fb"]
    assert leaver == pytest.approx(first[0, 3:5].mean())  # what two reports would give away
    thinned, _ = cross_wave(now, [then], q)
    a, b = group(thinned, "A"), group(thinned, "B")
    assert (a.factors or {})["fb"] is None and (a.factors or {})["fa"] is not None and a.index is not None
    assert (b.factors or {})["fb"] is None  # else A's fb = the company's minus B's
    assert (b.factors or {})["fa"] == (group(now, "B").factors or {})["fa"]


def test_the_cell_rule_holds_against_every_earlier_wave_not_the_last_one_only() -> None:
    """Wave 1: 6 feedback scores, wave 2: 5, wave 3: 5 again. Against wave 2 nothing moved, against
    wave 1 one person did: the cell stays hidden when both earlier waves are passed."""
    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5})
    depts = ["A"] * 6 + ["B"] * 30
    first = varied(36, seed=9)
    later = first.copy()
    later[0, 3:5] = np.nan
    waves = [
        score(response_set(x, q=q, groups={"afdeling": depts})).companies[0] for x in (first, later, later)
    ]
    for earlier in ([waves[0], waves[1]], [waves[1], waves[0]]):
        thinned, _ = cross_wave(waves[2], earlier, q)
        a = next(g for g in thinned.groups[0].groups if g.name == "A")
        assert (a.factors or {})["fb"] is None


def test_a_group_spelled_otherwise_in_the_next_wave_is_the_same_group_for_the_rule() -> None:
    """ "A" (6) then "a " (5): within a wave case and spaces do not make another group, so across waves
    they must not either; else 6 × then − 5 × now gives back the leaver's index (found by fuzzing)."""
    from lerende_scan.waves.compare import compare

    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5})
    first = varied(36, seed=8)
    then = score(response_set(first, q=q, groups={"afdeling": ["A"] * 6 + ["B"] * 30})).companies[0]
    now = score(response_set(first[1:], q=q, groups={"afdeling": ["a "] * 5 + ["B"] * 30})).companies[0]
    assert [g.name for g in now.groups[0].groups if not g.suppressed] == ["a", "B"]  # shown on its own

    compared = compare(now, [then], q)
    a = next(g for g in compared.groups[0].groups if g.name == "a")
    assert a.suppressed and a.index is None
    assert compared.waves is not None and "afdeling: a" in compared.waves.hidden_now
    assert all(c.hidden for c in compared.waves.groups if c.name == "a")


def test_a_group_renamed_since_the_earlier_wave_is_the_same_group_when_declared() -> None:
    """'Verkoop' (6) then 'Sales' (5), the same people but one: without --group-match the rule could not
    know, and 6 × then − 5 × now gave back the leaver's index. Declared, the rule hides it."""
    from lerende_scan.waves.compare import compare

    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5})
    first = varied(36, seed=8)
    then = score(response_set(first, q=q, groups={"afdeling": ["Verkoop"] * 6 + ["B"] * 30})).companies[0]
    now = score(response_set(first[1:], q=q, groups={"afdeling": ["Sales"] * 5 + ["B"] * 30})).companies[0]
    undeclared = compare(now, [then], q)
    sales = next(g for g in undeclared.groups[0].groups if g.name == "Sales")
    assert not sales.suppressed  # the rule cannot see a rename it is not told of
    declared = compare(now, [then], q, groups_renamed={"verkoop ": "SALES"})  # spelled loosely
    sales = next(g for g in declared.groups[0].groups if g.name == "Sales")
    assert sales.suppressed and sales.index is None
    assert declared.waves is not None and "afdeling: Sales" in declared.waves.hidden_now
