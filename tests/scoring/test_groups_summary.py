"""What the summary and the chain of learning need from the breakdowns: the leader gap's Welch CI and
Hedges' g (checked against an independent computation), statement gaps in the favourable direction, why a
group is hidden, and the hotspots (lowest shown group × factor cells)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from tests.scoring.test_score import questionnaire, response_set, varied

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.scoring import UNKNOWN_GROUP, score


def _leader_q() -> Questionnaire:
    return questionnaire(
        groups=["rol"],
        leaders={"column": "rol", "values": ["Leidinggevende"]},
        anonymity={"min_group_size": 5},
    )


def test_leader_gap_has_a_welch_interval_and_hedges_g_matching_scipy() -> None:
    roles = ["Leidinggevende"] * 7 + ["Medewerker"] * 13
    result = score(response_set(varied(20, seed=4), q=_leader_q(), groups={"rol": roles}))
    leaders = result.companies[0].leaders
    assert leaders is not None and not leaders.suppressed
    frame = result.respondent_scores
    for gap in leaders.factors:
        lead = frame[gap.factor].iloc[:7].dropna().to_numpy()
        emp = frame[gap.factor].iloc[7:].dropna().to_numpy()
        welch = stats.ttest_ind(lead, emp, equal_var=False)
        ci = welch.confidence_interval(0.95)
        assert (gap.ci_low, gap.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-9)
        n1, n2 = len(lead), len(emp)
        pooled = np.sqrt(((n1 - 1) * lead.var(ddof=1) + (n2 - 1) * emp.var(ddof=1)) / (n1 + n2 - 2))
        j = 1 - 3 / (4 * (n1 + n2) - 9)  # Hedges (1981)
        assert gap.g == pytest.approx(j * (lead.mean() - emp.mean()) / pooled, rel=1e-9)


def test_statement_gaps_are_on_scored_means_largest_first() -> None:
    roles = ["Leidinggevende"] * 6 + ["Medewerker"] * 6
    rows = varied(12, seed=7)
    result = score(response_set(rows, q=_leader_q(), groups={"rol": roles}))
    leaders = result.companies[0].leaders
    assert leaders is not None
    by_item = {g.item: g for g in leaders.items}
    assert set(by_item) == {"a1", "a2", "a3", "b1", "b2"}
    a3_lead, a3_emp = 6 - rows[:6, 2].mean(), 6 - rows[6:, 2].mean()  # a3 is reverse-keyed
    assert (by_item["a3"].leaders, by_item["a3"].employees) == pytest.approx((a3_lead, a3_emp))
    assert by_item["a3"].gap == pytest.approx(a3_lead - a3_emp)
    gaps = [abs(g.gap or 0) for g in leaders.items]
    assert gaps == sorted(gaps, reverse=True)


def test_hidden_groups_say_why() -> None:
    """C (2) and unknown (1) are under 5: 'too_small'; B (5) is hidden only to protect them."""
    depts = ["A"] * 6 + ["B"] * 5 + ["C"] * 2 + [None]
    rs = response_set(
        varied(14),
        q=questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5}),
        groups={"afdeling": depts},
    )
    (breakdown,) = score(rs).companies[0].groups
    reasons = {g.name: g.suppressed_reason for g in breakdown.groups}
    assert reasons == {"A": None, "B": "protects_other", "C": "too_small", UNKNOWN_GROUP: "too_small"}


def test_hotspots_are_the_lowest_shown_cells_without_hidden_or_unknown_groups() -> None:
    rows = np.vstack([np.full((6, 5), 4.0), np.full((6, 5), 2.0), np.full((6, 5), 1.0), np.full((2, 5), 1.0)])
    rows[:, 4] = rows[:, 3] % 5 + 1  # never straight-lined
    depts = ["A"] * 6 + ["B"] * 6 + ["C"] * 6 + [None] * 2
    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 2})
    company = score(response_set(rows, q=q, groups={"afdeling": depts})).companies[0]
    spots = company.hotspots
    assert spots and len(spots) <= 5
    assert all(h.group != UNKNOWN_GROUP for h in spots)
    assert [h.score for h in spots] == sorted(h.score for h in spots)
    first = spots[0]
    assert first.group == "C"
    assert first.difference == pytest.approx(first.score - company.factor(first.factor).mean)
    assert first.n == 6


def test_no_hotspots_when_every_group_is_hidden() -> None:
    depts = ["A"] * 3 + ["B"] * 3
    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5})
    company = score(response_set(varied(6), q=q, groups={"afdeling": depts})).companies[0]
    assert company.hotspots == []


# -- means of fewer than min_group_size people ("Weet niet" leaves a shown group with few scores) ------


def _blank(rows: np.ndarray, where: slice, items: slice) -> np.ndarray:
    rows = rows.copy()
    rows[where, items] = np.nan
    return rows


def test_a_shown_groups_factor_from_few_people_is_hidden_and_cannot_be_subtracted_back() -> None:
    """A (6) shows, but only 2 of its people have an fa score: its fa mean is a mean of two (fuzz V1).
    B (3) and C (5) are hidden; of them only one has an fb score, so fb of B and C together is the
    company's fb sum minus A's and D's, one person's score: the smallest shown fb cell is hidden too (V3)."""
    depts = ["A"] * 6 + ["B"] * 3 + ["C"] * 5 + ["D"] * 10
    rows = _blank(varied(24, seed=3), slice(2, 6), slice(0, 2))  # 4 of A without fa (1 of 3 answered)
    rows = _blank(rows, slice(6, 13), slice(3, 5))  # B and 4 of C without fb
    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5})
    result = score(response_set(rows, q=q, groups={"afdeling": depts})).companies[0]
    groups = {g.name: g for g in result.groups[0].groups}
    assert [g.suppressed for g in groups.values()] == [False, True, True, False]
    assert groups["A"].factors["fa"] is None and groups["D"].factors["fa"] is not None
    # fb: B and C hold one score between them; A (6 scores) is the smallest shown fb cell and goes too
    assert groups["A"].factors["fb"] is None and groups["D"].factors["fb"] is not None
    fb = next(f for f in result.factors if f.id == "fb")
    hidden_fb = fb.n - 10  # the company's fb scores minus D's
    assert hidden_fb == 7 and hidden_fb >= 5  # what the hidden cells hold together: no one alone


def test_the_leader_split_shows_no_side_of_a_factor_or_statement_few_of_a_side_answered() -> None:
    roles = ["Leidinggevende"] * 6 + ["Medewerker"] * 14
    rows = _blank(varied(20, seed=5), slice(0, 4), slice(3, 5))  # 4 of 6 leaders without fb
    leaders = score(response_set(rows, q=_leader_q(), groups={"rol": roles})).companies[0].leaders
    assert leaders is not None and not leaders.suppressed
    fb = next(g for g in leaders.factors if g.factor == "fb")
    assert (fb.leaders, fb.employees, fb.gap) == (None, None, None)
    fa = next(g for g in leaders.factors if g.factor == "fa")
    assert fa.leaders is not None and fa.employees is not None
    rows = _blank(varied(20, seed=5), slice(0, 5), slice(0, 1))  # a1 from one leader only
    leaders = score(response_set(rows, q=_leader_q(), groups={"rol": roles})).companies[0].leaders
    assert leaders is not None and not leaders.suppressed
    a1 = next(g for g in leaders.items if g.item == "a1")
    assert (a1.leaders, a1.employees, a1.gap) == (None, None, None)
    a2 = next(g for g in leaders.items if g.item == "a2")
    assert a2.gap == pytest.approx(a2.leaders - a2.employees)  # type: ignore[operator]


def test_a_statement_or_factor_few_people_answered_shows_no_numbers() -> None:
    """A statement one person answered showed n=1, that answer as the mean and its distribution (V2)."""
    q = questionnaire(anonymity={"min_group_size": 5})
    rows = _blank(varied(12, seed=6), slice(1, 12), slice(4, 5))  # b2 from one respondent
    result = score(response_set(rows, q=q)).companies[0]
    b2 = next(i for f in result.factors for i in f.items if i.id == "b2")
    assert b2.n == 1
    assert (b2.mean, b2.scored_mean, b2.sd, b2.favourable, b2.item_rest) == (None, None, None, None, None)
    assert set(b2.raw_distribution.values()) == {0.0}
    rows = _blank(varied(12, seed=6), slice(3, 12), slice(3, 5))  # fb from three respondents
    fb = next(f for f in score(response_set(rows, q=q)).companies[0].factors if f.id == "fb")
    assert fb.n == 3 and (fb.mean, fb.ci_low, fb.band, fb.favourable) == (None, None, None, None)
