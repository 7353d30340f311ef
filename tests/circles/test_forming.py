"""Forming circles: every rule holds on random instances, the heuristic meets the exact optimum on small
ones, the same seed gives the same circles, and 300 leaders take seconds."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lerende_scan.circles import (
    CircleOptions,
    CirclesResult,
    Leader,
    Needs,
    SizeRule,
    UnplacedReason,
    form_circles,
)
from lerende_scan.circles.exact import exact_optimum
from lerende_scan.circles.plan import MAX_LEADERS, circle_count, plan
from lerende_scan.circles.search import solve
from lerende_scan.errors import Code, ScanError

Builder = Callable[..., Needs]

GAP = 0.02
"""The stated gap: on small instances the heuristic's total fit is within 2 % of the exact optimum
(measured: benchmarks/circles_bench.py meets it exactly on 24 of 25, worst 1.7 %)."""


def assert_rules_hold(needs: Needs, options: CircleOptions, result: CirclesResult) -> None:
    """Sizes in bounds, nobody with their manager, pairs kept, department caps kept, nobody dropped."""
    where = {m.leader_id: c.number for c in result.circles for m in c.members}
    out = [u.leader_id for u in result.unplaced]
    assert sorted([*where, *out]) == sorted(lead.id for lead in needs.leaders)
    assert len(set(out)) == len(out) and not set(out) & set(where)
    sizes = options.sizes
    for circle in result.circles:
        assert sizes.minimum <= len(circle.members) <= sizes.maximum
    for lead in needs.leaders:
        if lead.manager and lead.id in where and lead.manager in where:
            assert where[lead.id] != where[lead.manager], (lead.id, lead.manager)
    for a, b in needs.separate:
        assert not (a in where and b in where and where[a] == where[b])
    for a, b in needs.join:
        assert where.get(a) == where.get(b)
    problem = plan(needs, options)
    caps = dict(zip(problem.departments, problem.caps, strict=True))
    for circle in result.circles:
        for dept, count in circle.departments.items():
            assert count <= caps[dept]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(7, 60),
    themes=st.integers(1, 6),
    departments=st.integers(0, 6),
    managers=st.sampled_from([0.0, 0.5, 0.9]),
    separate=st.integers(0, 4),
    join=st.integers(0, 3),
    cap=st.sampled_from([None, 1, 2, 3]),
    sizes=st.sampled_from([SizeRule(), SizeRule(6, 5, 7), SizeRule(4, 3, 5)]),
    seed=st.integers(0, 10_000),
)
def test_rules_always_hold(
    make_needs: Builder,
    n: int,
    themes: int,
    departments: int,
    managers: float,
    separate: int,
    join: int,
    cap: int | None,
    sizes: SizeRule,
    seed: int,
) -> None:
    assume(n >= sizes.minimum)
    needs = make_needs(n, themes, departments, seed=seed, managers=managers, separate=separate, join=join)
    options = CircleOptions(sizes=sizes, max_per_department=cap, seed=seed, restarts=2)
    try:
        result = form_circles(needs, options)
    except ScanError as exc:  # impossible rule sets are refused with a catalogue error, never a crash
        codes = {f.code for f in exc.findings}
        assert codes <= {
            Code.PAIR_CONFLICT,
            Code.DEPARTMENT_CAP_IMPOSSIBLE,
            Code.JOIN_TOO_LARGE,
            Code.NOTHING_FORMED,
            Code.JOIN_OVER_CAP,
        }
        return
    assert_rules_hold(needs, options, result)


@pytest.mark.parametrize(
    ("n", "seed", "choices"),
    [(14, 1, False), (16, 0, False), (18, 3, True), (21, 2, False), (22, 5, True), (24, 0, False)],
)
def test_heuristic_meets_the_exact_optimum_on_small_instances(
    make_needs: Builder, n: int, seed: int, choices: bool
) -> None:
    needs = make_needs(n, themes=5, departments=4, seed=seed, managers=0.5, separate=1, choices=choices)
    problem = plan(needs, CircleOptions())
    best = exact_optimum(problem)
    assert best is not None
    found = solve(problem, seed=0).fit(problem)
    assert found <= best + 1e-6
    assert found >= best * (1 - GAP), (found, best)


def test_same_seed_same_circles(make_needs: Builder) -> None:
    needs = make_needs(80, themes=6, departments=5, seed=4, separate=3, join=2)
    first = form_circles(needs, CircleOptions(seed=7))
    again = form_circles(needs, CircleOptions(seed=7))
    assert first.circles == again.circles and first.quality == again.quality


def test_circles_beat_random_assignment_on_the_example_scale(make_needs: Builder) -> None:
    result = form_circles(make_needs(64, themes=6, departments=6, seed=2), CircleOptions())
    q = result.quality
    assert q.placed == 64 and q.mean_fit > q.baseline_mean_fit + 0.1
    assert q.top2_share > q.baseline_top2_share


def test_300_leaders_well_under_ten_seconds(make_needs: Builder) -> None:
    needs = make_needs(300, themes=10, departments=12, seed=1, separate=5, join=3)
    options = CircleOptions()
    start = time.perf_counter()
    result = form_circles(needs, options)
    assert time.perf_counter() - start < 10
    assert_rules_hold(needs, options, result)
    assert result.quality.placed == 300


@pytest.mark.parametrize(
    ("n", "expected"), [(8, (1, 0)), (16, (2, 0)), (27, (3, 0)), (64, (8, 0)), (10, (1, 1)), (20, (2, 2))]
)
def test_circle_count_is_closest_to_the_target_and_leaves_out_only_what_no_count_holds(
    n: int, expected: tuple[int, int]
) -> None:
    assert circle_count(n, SizeRule()) == expected


def test_leaders_the_sizes_cannot_hold_are_listed_with_the_reason(make_needs: Builder) -> None:
    needs = make_needs(11, seed=3, managers=0.0)
    result = form_circles(needs)
    assert [len(c.members) for c in result.circles] == [9]
    assert [u.reason for u in result.unplaced] == [UnplacedReason.SIZES] * 2
    assert [f.code for f in result.findings] == [Code.UNPLACED_SIZES]


def _team(needs: Needs) -> Needs:
    """Everyone after L0 reports to L0."""
    leaders = [needs.leaders[0]] + [
        Leader(lead.id, lead.fit, lead.rank, lead.department, "L0", row=lead.row)
        for lead in needs.leaders[1:]
    ]
    return Needs(file=needs.file, themes=needs.themes, leaders=tuple(leaders))


def test_a_manager_stays_out_when_every_circle_holds_their_reports(make_needs: Builder) -> None:
    """One circle for 8 leaders, 7 of them report to L0: L0 cannot join without their own team."""
    result = form_circles(_team(make_needs(8, seed=1, managers=0.0)))
    assert [u.leader_id for u in result.unplaced] == ["L0"]
    assert result.unplaced[0].reason is UnplacedReason.CONSTRAINTS
    assert [f.code for f in result.findings] == [Code.UNPLACED_RULES]


def test_nothing_formed_is_an_error(make_needs: Builder) -> None:
    """The same team with circles of exactly 8: no circle can keep the manager rule."""
    with pytest.raises(ScanError) as info:
        form_circles(_team(make_needs(8, seed=1, managers=0.0)), CircleOptions(sizes=SizeRule(8, 8, 8)))
    assert [(f.code, f.file) for f in info.value.findings] == [(Code.NOTHING_FORMED, "needs.csv")]


def test_department_cap_impossible_names_the_department_and_the_cap_needed(make_needs: Builder) -> None:
    needs = make_needs(16, departments=1, seed=0)
    with pytest.raises(ScanError) as info:
        form_circles(needs, CircleOptions(max_per_department=2))
    (finding,) = info.value.findings
    assert finding.code is Code.DEPARTMENT_CAP_IMPOSSIBLE
    assert finding.params["department"] == "D0" and finding.params["needed"] == 8


def test_join_and_separate_on_the_same_pair_is_refused(make_needs: Builder) -> None:
    needs = make_needs(16, seed=0, managers=0.0)
    pair = (("L1", "L2"),)
    needs = Needs(file="x", themes=needs.themes, leaders=needs.leaders, separate=pair, join=pair)
    with pytest.raises(ScanError) as info:
        form_circles(needs)
    assert [f.code for f in info.value.findings] == [Code.PAIR_CONFLICT]


def test_fewer_leaders_than_one_circle(make_needs: Builder) -> None:
    with pytest.raises(ScanError) as info:
        form_circles(make_needs(6, seed=0))
    assert [f.code for f in info.value.findings] == [Code.TOO_FEW_LEADERS]


def test_more_leaders_than_one_run_forms_is_refused_before_the_search(make_needs: Builder) -> None:
    """The search compares every pair of leaders; a file over the limit gets a message, not an hour."""
    with pytest.raises(ScanError) as info:
        form_circles(make_needs(MAX_LEADERS + 1, seed=0, managers=0.0))
    assert [f.code for f in info.value.findings] == [Code.TOO_MANY_LEADERS]
    assert info.value.findings[0].file == "needs.csv"
    assert f"{MAX_LEADERS + 1} leaders" in info.value.findings[0].message


def test_department_mix_breaks_ties_in_fit(make_needs: Builder) -> None:
    """Everyone needs the same theme equally: the circles are then as mixed as possible."""
    needs = make_needs(16, themes=1, departments=2, seed=0, managers=0.0)
    result = form_circles(needs, CircleOptions(max_per_department=8))
    counts = Counter(lead.department for lead in needs.leaders)
    for circle in result.circles:
        for dept, k in circle.departments.items():
            assert k <= int(np.ceil(counts[dept] / 2))


def test_the_cost_of_adding_a_unit_equals_costing_its_circle_whole(make_needs: Builder) -> None:
    """The gather from circle × department (singles) gives what costing every unit whole gave, joined
    units and leaders without a department included."""
    from lerende_scan.circles import search

    needs = make_needs(60, departments=5, seed=3, join=4)
    leaders = [lead if i % 7 else replace(lead, department=None) for i, lead in enumerate(needs.leaders)]
    needs = replace(needs, leaders=tuple(leaders))
    s = search._State(plan(needs, CircleOptions()))
    rng = np.random.default_rng(3)
    circ = rng.integers(0, s.bins, len(s.size))
    one = np.zeros((len(circ), s.bins))
    one[np.arange(len(circ)), circ] = 1.0
    counts = one.T @ s.dep
    counts[~s.real] = 0
    base = search._dep_cost(counts, s.caps)
    whole = search._dep_cost(counts[None, :, :] + s.dep[:, None, :], s.caps) - base[None, :]
    assert (s.dep_code < 0).sum() > 0 and (s.size > 1).sum() > 0
    np.testing.assert_allclose(search._add_cost(s, counts, base), whole, atol=1e-9)
