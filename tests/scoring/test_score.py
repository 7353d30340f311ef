"""Scoring a ResponseSet into CompanyResults (lerende_scan.scoring), against hand-computed references."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from lerende_scan.errors import Code, Finding, Severity
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet
from lerende_scan.scoring import UNKNOWN_GROUP, moments, score

NAN = math.nan
ITEMS = ["a1", "a2", "a3", "b1", "b2"]  # a3 is reverse-keyed


def questionnaire(**extra: Any) -> Questionnaire:
    """Factor fa: a1, a2, a3 (reversed), needs 2 answered; factor fb: b1, b2, needs 1; K = 5 needs 3."""
    data: dict[str, Any] = {
        "id": "test",
        "version": "1",
        "title": "t",
        "scale": {"min": 1, "max": 5},
        "anonymity": {"min_group_size": 1},  # hand-sized data; tests of suppression set their own
        "scoring": {
            "min_answered": 0.5,
            "bands": [
                {"id": "knelpunt", "below": 2.5, "label": "Knelpunt"},
                {"id": "aandachtspunt", "below": 3.5, "label": "Aandachtspunt"},
                {"id": "sterk", "label": "Sterk"},
            ],
        },
        "factors": [
            {
                "id": "fa",
                "name": "A",
                "items": [
                    {"id": "a1", "text": "t"},
                    {"id": "a2", "text": "t"},
                    {"id": "a3", "text": "t", "reverse": True},
                ],
            },
            {"id": "fb", "name": "B", "items": [{"id": "b1", "text": "t"}, {"id": "b2", "text": "t"}]},
        ],
    }
    data.update(extra)
    return Questionnaire.model_validate(data)


def response_set(
    answers: list[list[float]] | np.ndarray,
    companies: list[str] | str = "Acme",
    *,
    q: Questionnaire | None = None,
    ids: list[Any] | None = None,
    groups: dict[str, list[Any]] | None = None,
    rejected: dict[str, list[bool]] | None = None,
) -> ResponseSet:
    q = q or questionnaire()
    item_ids = [item.id for item in q.items]
    frame = pd.DataFrame(np.asarray(answers, dtype=float), columns=item_ids)
    n = len(frame)
    company = pd.Series([companies] * n if isinstance(companies, str) else companies)
    mask = pd.DataFrame(False, index=frame.index, columns=item_ids)
    for col, values in (rejected or {}).items():
        mask[col] = values
    return ResponseSet(
        questionnaire=q,
        source="antwoorden.csv",
        answers=frame,
        company=company,
        groups=pd.DataFrame(groups or {}, index=frame.index),
        respondent_id=pd.Series(ids) if ids is not None else None,
        rows=np.arange(2, n + 2),
        rejected=mask,
    )


def varied(n: int, seed: int = 1) -> np.ndarray:
    """n complete rows that are never straight-lined (b2 always differs from b1)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 6, size=(n, 5)).astype(float)
    x[:, 4] = x[:, 3] % 5 + 1
    return x


# -- respondent and company scores ---------------------------------------------------------------------

HAND_ROWS = [
    [4, NAN, 2, 5, NAN],  # fa = mean(4, 6-2) = 4; fb = 5; index = 4.5
    [5, NAN, NAN, 2, 3],  # fa missing (1 of 3 answered, needs 2); fb = 2.5; index = 2.5
    [1, 2, 5, 4, 4],  # fa = mean(1, 2, 6-5) = 4/3; fb = 4; index = (4/3 + 4) / 2 = 8/3
]


def test_respondent_scores_reverse_items_and_apply_min_answered() -> None:
    result = score(response_set(HAND_ROWS))
    frame = result.respondent_scores
    assert frame["respondent"].tolist() == [2, 3, 4]  # no id column: source rows
    np.testing.assert_allclose(frame["fa"], [4.0, NAN, 4 / 3])
    np.testing.assert_allclose(frame["fb"], [5.0, 2.5, 4.0])
    np.testing.assert_allclose(frame["index"], [4.5, 2.5, 8 / 3])


def test_company_factor_mean_sd_and_t_interval() -> None:
    company = score(response_set(HAND_ROWS)).companies[0]
    fa, fb = company.factor("fa"), company.factor("fb")
    # fa: respondents 4 and 4/3
    assert fa.n == 2
    assert fa.mean == pytest.approx(8 / 3)
    sd = np.std([4, 4 / 3], ddof=1)
    half = stats.t.ppf(0.975, 1) * sd / math.sqrt(2)
    assert fa.sd == pytest.approx(sd)
    assert (fa.ci_low, fa.ci_high) == (pytest.approx(8 / 3 - half), pytest.approx(8 / 3 + half))
    # fb: 5, 2.5, 4
    assert fb.n == 3
    assert fb.mean == pytest.approx(11.5 / 3)
    sd = math.sqrt(((5 - 11.5 / 3) ** 2 + (2.5 - 11.5 / 3) ** 2 + (4 - 11.5 / 3) ** 2) / 2)
    half = 4.302652729911275 * sd / math.sqrt(3)  # t(0.975, df=2)
    assert fb.sd == pytest.approx(sd)
    assert fb.ci_low == pytest.approx(11.5 / 3 - half)
    assert fb.ci_high == pytest.approx(11.5 / 3 + half)


def test_index_is_statistics_of_the_respondent_index() -> None:
    index = score(response_set(HAND_ROWS)).companies[0].index
    values = [4.5, 2.5, 8 / 3]
    assert index.id == "index"
    assert index.n == 3
    assert index.mean == pytest.approx(np.mean(values))
    assert index.sd == pytest.approx(np.std(values, ddof=1))
    assert index.alpha is None
    assert index.band == "aandachtspunt"


def test_single_respondent_has_no_sd_or_interval() -> None:
    fb = score(response_set([[1, 2, 3, 4, 5]])).companies[0].factor("fb")
    assert (fb.n, fb.mean, fb.sd, fb.ci_low, fb.ci_high) == (1, 4.5, None, None, None)


def test_bands_opportunities_and_strengths() -> None:
    company = score(response_set(HAND_ROWS)).companies[0]
    assert company.factor("fa").band == "aandachtspunt"  # 2.67
    assert company.factor("fb").band == "sterk"  # 3.83
    # A factor is a strength only in the highest band, and then never also an opportunity.
    assert company.opportunities == ["fa"]
    assert company.strengths == ["fb"]


def test_factor_without_any_score_ranks_last() -> None:
    rows = [[4, NAN, NAN, 2, 3], [NAN, 5, NAN, 1, 4]]  # nobody has 2 of fa's 3 items
    company = score(response_set(rows)).companies[0]
    fa = company.factor("fa")
    assert (fa.n, fa.mean, fa.band) == (0, None, None)
    assert company.opportunities == ["fb", "fa"]  # fb is 2.5: not strong
    assert company.strengths == []


# -- items ----------------------------------------------------------------------------------------------


def test_item_statistics_use_raw_answers() -> None:
    company = score(response_set(HAND_ROWS)).companies[0]
    items = {item.id: item for f in company.factors for item in f.items}
    a1, a2, a3 = items["a1"], items["a2"], items["a3"]
    assert (a1.n, a1.missing_pct) == (3, 0.0)
    assert a1.mean == pytest.approx(10 / 3)
    assert a1.sd == pytest.approx(np.std([4, 5, 1], ddof=1))
    assert a1.raw_distribution == pytest.approx({"1": 1 / 3, "2": 0.0, "3": 0.0, "4": 1 / 3, "5": 1 / 3})
    assert (a2.n, a2.mean, a2.sd) == (1, 2.0, None)
    assert a2.missing_pct == pytest.approx(200 / 3)
    assert a3.reverse and a3.mean == pytest.approx(3.5)  # raw 2 and 5, not reversed
    assert company.data_quality.missing_pct["a2"] == pytest.approx(200 / 3)


def test_distributions_sum_to_one_over_all_scale_points() -> None:
    company = score(response_set(varied(40))).companies[0]
    for factor in company.factors:
        for item in factor.items:
            assert list(item.raw_distribution) == ["1", "2", "3", "4", "5"]
            assert sum(item.raw_distribution.values()) == pytest.approx(1.0)


# -- reliability inside scoring ---------------------------------------------------------------------------

# The hand-computed 5×3 matrix of tests/scoring/test_reliability.py (alpha 71/73), as fa after reversal.
HAND_FA = np.array([[1, 2, 2], [2, 2, 3], [3, 4, NAN], [4, NAN, 5], [5, 5, 4]], dtype=float)


def test_alpha_and_item_rest_with_missing_values_match_hand_values() -> None:
    raw = np.column_stack([HAND_FA[:, 0], HAND_FA[:, 1], 6 - HAND_FA[:, 2], [3, 4, 3, 4, 3], [4, 3, 4, 3, 4]])
    fa = score(response_set(raw)).companies[0].factor("fa")
    assert fa.alpha == pytest.approx(71 / 73)
    rest = [item.item_rest for item in fa.items]
    assert rest == pytest.approx([1.062126, 0.913699, 0.875761], abs=1e-6)


def test_alpha_matches_pandas_pairwise_cov_on_reversed_items() -> None:
    rng = np.random.default_rng(4)
    trait = rng.normal(size=(120, 1))
    raw = np.clip(np.rint(3 + trait + rng.normal(scale=0.9, size=(120, 5))), 1, 5)
    raw[:, 2] = 6 - raw[:, 2]
    raw[rng.random(raw.shape) < 0.12] = np.nan
    result = score(response_set(raw))
    kept = result.respondent_scores["respondent"].to_numpy() - 2  # source row -> position
    frame = pd.DataFrame(raw[kept], columns=ITEMS)
    frame["a3"] = 6 - frame["a3"]
    for factor, cols in (("fa", ["a1", "a2", "a3"]), ("fb", ["b1", "b2"])):
        c = frame[cols].cov().to_numpy()
        k = len(cols)
        expected = k / (k - 1) * (1 - np.trace(c) / c.sum())
        assert result.companies[0].factor(factor).alpha == pytest.approx(expected, rel=1e-9)


def test_unreversed_item_gives_negative_item_rest_and_low_alpha_warnings() -> None:
    t = np.array([1, 2, 3, 4, 5, 1, 2, 3, 4, 5], dtype=float)
    b = np.where(t > 3, 1.0, 5.0)  # never equal to t, so nobody is straight-lining
    raw = np.column_stack([t, t, t, b, b])  # a3 answered like a1, but marked reverse
    result = score(response_set(raw))
    fa = result.companies[0].factor("fa")
    assert fa.alpha is not None and fa.alpha < 0.6
    a3 = fa.items[2]
    assert a3.item_rest is not None and a3.item_rest < 0
    assert Code.LOW_ALPHA.id in fa.warnings
    assert Code.NEGATIVE_ITEM_REST.id in fa.warnings
    codes = [f.code for f in result.findings]
    assert Code.LOW_ALPHA in codes
    negative = [f for f in result.findings if f.code is Code.NEGATIVE_ITEM_REST]
    assert [f.params["item"] for f in negative] == ["a3"]
    assert all(f.severity is Severity.WARNING for f in result.findings)


# -- data quality ------------------------------------------------------------------------------------------

QUALITY_ROWS = [
    [NAN, NAN, NAN, NAN, NAN],  # p1: empty
    [4, 4, 2, 5, 3],  # p2: valid
    [3, 3, 3, 3, 3],  # p3: straight-lining (the reversed a3 too)
    [4, 5, NAN, NAN, NAN],  # p4: too few answered (2 < 3)
    [2, 3, 4, 5, 1],  # p2 again: duplicate id
    [5, 4, 1, 4, 5],  # p6: valid
]
QUALITY_IDS = ["p1", "p2", "p3", "p4", "p2", "p6"]


def test_every_exclusion_reason_is_counted() -> None:
    result = score(response_set(QUALITY_ROWS, ids=QUALITY_IDS))
    r = result.companies[0].respondents
    assert r.received == 6
    assert r.excluded == {"empty": 1, "duplicate_id": 1, "too_few_answered": 1}
    assert r.flagged == {"straightlining": 1}
    assert r.valid == 3
    assert r.received == r.valid + sum(r.excluded.values())
    dq = result.companies[0].data_quality
    assert (dq.received, dq.valid, dq.excluded, dq.flagged) == (6, 3, r.excluded, r.flagged)
    assert result.respondent_scores["respondent"].tolist() == ["p2", "p3", "p6"]
    straight = [f for f in result.findings if f.code is Code.STRAIGHTLINERS]
    assert len(straight) == 1 and straight[0].params["count"] == 1


def test_straightliners_excluded_on_request() -> None:
    result = score(response_set(QUALITY_ROWS, ids=QUALITY_IDS), exclude_straightliners=True)
    r = result.companies[0].respondents
    assert r.excluded["straightlining"] == 1
    assert r.flagged == {}
    assert r.valid == 2
    assert r.received == r.valid + sum(r.excluded.values())
    assert Code.STRAIGHTLINERS not in [f.code for f in result.findings]
    assert result.respondent_scores["respondent"].tolist() == ["p2", "p6"]


def test_company_without_valid_respondents_gets_an_error_and_no_result() -> None:
    rows = [[1, 2, 3, 4, 5], [NAN] * 5, [2, 3, 4, 5, 1], [NAN] * 5, [NAN] * 5, [1, NAN, NAN, NAN, NAN]]
    companies = ["Goed", "Leeg", "Goed", "Leeg", "Leeg", "Leeg"]
    result = score(response_set(rows, companies))
    assert [c.company for c in result.companies] == ["Goed"]
    errors = [f for f in result.findings if f.code is Code.NO_VALID_RESPONDENTS]
    assert len(errors) == 1
    assert errors[0].severity is Severity.ERROR
    assert errors[0].params["company"] == "Leeg"
    assert errors[0].params["reasons"] == "3 empty, 1 too_few_answered"


def test_company_below_anonymity_threshold_gets_an_error_and_no_result() -> None:
    """The company total is a group too: 4 valid respondents under a threshold of 5 reveal too much."""
    q = questionnaire(anonymity={"min_group_size": 5})
    rows = varied(9)
    result = score(response_set(rows, ["Groot"] * 5 + ["Klein"] * 4, q=q))
    assert [c.company for c in result.companies] == ["Groot"]
    (error,) = [f for f in result.findings if f.code is Code.COMPANY_TOO_SMALL]
    assert error.params == {"company": "Klein", "valid": 4, "minimum": 5}


def test_companies_in_order_of_first_appearance() -> None:
    rows = varied(4)
    result = score(response_set(rows, ["Zeta", "Alfa", "Zeta", "Beta"]))
    assert [c.company for c in result.companies] == ["Zeta", "Alfa", "Beta"]
    assert [c.respondents.received for c in result.companies] == [2, 1, 1]


def test_company_names_that_differ_in_case_or_spaces_are_one_company_named_as_first_spelled() -> None:
    """'REVALIDATIE DUINZICHT' beside 'Revalidatie Duinzicht' was a company of its own (groups merged)."""
    rows = varied(6)
    names = ["Zorg Noord", "ZORG NOORD", "Alfa", " zorg noord ", "alfa", "Beta"]
    result = score(response_set(rows, names))
    assert [c.company for c in result.companies] == ["Zorg Noord", "Alfa", "Beta"]
    assert [c.respondents.received for c in result.companies] == [3, 2, 1]
    whole = score(response_set(rows[[0, 1, 3]], "Zorg Noord")).companies[0]
    assert result.companies[0].index.mean == pytest.approx(whole.index.mean)


def test_out_of_range_counts_per_company() -> None:
    rows = varied(4)
    rejected = {"b1": [True, False, True, True]}
    result = score(response_set(rows, ["A", "B", "A", "A"], rejected=rejected))
    assert result.companies[0].data_quality.out_of_range == {"b1": 3}
    assert result.companies[1].data_quality.out_of_range == {}


def test_ingest_findings_reach_only_the_company_of_their_row() -> None:
    params = {"column": "b1", "count": 1, "min": 1, "max": 5, "row": 3, "answer": ": 'negen'"}
    located = Finding(Code.OUT_OF_RANGE, file="x.csv", row=3, column="b1", params=params)
    general = Finding(
        Code.GROUP_COLUMN_MISSING, file="x.csv", params={"column": "afdeling", "suggestion": ""}
    )
    result = score(response_set(varied(3), ["A", "B", "A"]), ingest_findings=[located, general])
    a, b = result.companies
    assert str(located.redacted()) in b.data_quality.findings  # source row 3 is the second row: B
    assert not any("b1" in f for f in a.data_quality.findings)
    assert not any("negen" in f for c in result.companies for f in c.data_quality.findings)
    assert str(general) in a.data_quality.findings
    assert str(general) in b.data_quality.findings
    assert located not in result.findings  # ingestion findings are not repeated


def test_an_out_of_range_finding_is_restated_per_company_with_its_own_count_and_first_row() -> None:
    """The file-wide warning says 3 answers, first at row 2; A's outputs say 2 (rows 2 and 4), B's 1
    (row 5), each company seeing only its own rows."""
    rows = varied(6)
    rejected = {"b1": [True, False, True, True, False, False]}  # source rows 2, 4 (A) and 5 (B)
    params = {"column": "B1", "count": 3, "min": 1, "max": 5, "row": 2, "answer": ": 'x'", "item": "b1"}
    found = Finding(Code.OUT_OF_RANGE, file="x.csv", row=2, column="B1", params=params)
    companies = ["A", "A", "A", "B", "B", "B"]
    result = score(response_set(rows, companies, rejected=rejected), ingest_findings=[found])
    a, b = ({f for f in c.data_quality.findings if "R030" in f} for c in result.companies)
    assert a == {str(replace(found, params={**params, "count": 2, "answer": ""}))}
    assert b == {str(replace(found, row=5, params={**params, "count": 1, "row": 5, "answer": ""}))}
    assert "1 answer(s)" in next(iter(b)) and "row 5" in next(iter(b))
    assert [c.data_quality.out_of_range for c in result.companies] == [{"b1": 2}, {"b1": 1}]


def test_answers_that_are_not_whole_scale_values_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        score(response_set([[1, 2, 3.5, 4, 5]]))
    with pytest.raises(ValueError):
        score(response_set([[1, 2, 3, 4, 6]]))


# -- group breakdowns and leaders -----------------------------------------------------------------------


def test_group_breakdown_suppresses_small_groups_and_their_complement() -> None:
    depts = ["A"] * 6 + ["B"] * 5 + ["C"] * 2 + [None]
    rs = response_set(
        varied(14),
        q=questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5}),
        groups={"afdeling": depts},
    )
    result = score(rs)
    (breakdown,) = result.companies[0].groups
    assert breakdown.column == "afdeling"
    assert [g.name for g in breakdown.groups] == ["A", "B", "C", UNKNOWN_GROUP]
    shown = {g.name: g for g in breakdown.groups if not g.suppressed}
    hidden = [g for g in breakdown.groups if g.suppressed]
    # C (2) and unknown (1) are small; together 3 < 5, so the smallest shown group (B, 5) goes too
    assert [g.name for g in hidden] == ["B", "C", UNKNOWN_GROUP]
    assert all(g.n is None and g.factors is None and g.index is None for g in hidden)
    scores_a = result.respondent_scores.iloc[:6]
    assert shown["A"].n == 6
    assert shown["A"].factors == pytest.approx({"fa": scores_a["fa"].mean(), "fb": scores_a["fb"].mean()})
    assert shown["A"].index == pytest.approx(scores_a["index"].mean())


def test_group_sizes_count_valid_respondents_only() -> None:
    rows = np.vstack([varied(5), [[NAN] * 5]])
    rs = response_set(rows, q=questionnaire(groups=["afdeling"]), groups={"afdeling": ["A"] * 6})
    (group,) = score(rs).companies[0].groups[0].groups
    assert (group.name, group.n, group.suppressed) == ("A", 5, False)


def _leader_q() -> Questionnaire:
    return questionnaire(
        groups=["rol"],
        leaders={"column": "rol", "values": ["Leidinggevende"]},
        anonymity={"min_group_size": 5},
    )


def test_leader_gap_per_factor_with_case_insensitive_values() -> None:
    roles = ["Leidinggevende"] * 3 + ["leidinggevende "] * 2 + ["Medewerker"] * 6
    result = score(response_set(varied(11), q=_leader_q(), groups={"rol": roles}))
    leaders = result.companies[0].leaders
    assert leaders is not None and not leaders.suppressed
    assert (leaders.n_leaders, leaders.n_employees) == (5, 6)
    frame = result.respondent_scores
    for gap in leaders.factors:
        lead, emp = frame[gap.factor].iloc[:5].mean(), frame[gap.factor].iloc[5:].mean()
        assert (gap.leaders, gap.employees) == (pytest.approx(lead), pytest.approx(emp))
        assert gap.gap == pytest.approx(lead - emp)
    assert [g.name for g in result.companies[0].groups[0].groups] == ["Leidinggevende", "Medewerker"]


def test_leader_split_suppressed_when_one_side_is_small() -> None:
    roles = ["Leidinggevende"] * 3 + ["Medewerker"] * 8
    leaders = score(response_set(varied(11), q=_leader_q(), groups={"rol": roles})).companies[0].leaders
    assert leaders is not None
    assert leaders.suppressed
    assert (leaders.n_leaders, leaders.n_employees, leaders.factors) == (None, None, [])


def test_leader_split_suppressed_when_it_would_expose_a_hidden_breakdown_group() -> None:
    """Breakdown: unknown (2) is hidden and takes Manager (6) with it. Showing leaders (= Manager)
    would reveal the Manager group, and total - leaders - Staff would reveal the unknown group."""
    q = questionnaire(
        groups=["rol"], leaders={"column": "rol", "values": ["Manager"]}, anonymity={"min_group_size": 5}
    )
    roles = ["Manager"] * 6 + ["Staff"] * 20 + [""] * 2
    company = score(response_set(varied(28), q=q, groups={"rol": roles})).companies[0]
    hidden = {g.name for g in company.groups[0].groups if g.suppressed}
    assert hidden == {"Manager", UNKNOWN_GROUP}
    assert company.leaders is not None and company.leaders.suppressed


def test_no_leader_comparison_without_the_leader_column() -> None:
    company = score(response_set(varied(6), q=_leader_q())).companies[0]
    assert company.leaders is None
    assert company.groups == []


# -- privacy of the output and the implementation -------------------------------------------------------


def test_results_hold_no_respondent_ids() -> None:
    ids = [f"geheim-{i}" for i in range(12)]
    rs = response_set(varied(12), ["A"] * 6 + ["B"] * 6, ids=ids)
    result = score(rs)
    dumped = "".join(c.model_dump_json() for c in result.companies)
    assert "geheim" not in dumped
    assert result.respondent_scores["respondent"].str.startswith("geheim").all()  # only here, on request


def test_chunked_scan_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Companies larger than a chunk are summed over several chunks; the outcome must not change."""
    rng = np.random.default_rng(9)
    raw = varied(300, seed=9)
    raw[rng.random(raw.shape) < 0.15] = np.nan
    companies = list(rng.choice(["A", "B", "C"], size=300))
    rs = response_set(
        raw,
        companies,
        q=questionnaire(groups=["afdeling"]),
        groups={"afdeling": list(rng.choice(["X", "Y", "Z", ""], size=300))},
    )
    whole = [c.model_dump() for c in score(rs).companies]
    monkeypatch.setattr(moments, "_CHUNK", 7)
    chunked = [c.model_dump() for c in score(rs).companies]
    assert _rounded(chunked) == _rounded(whole)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def test_scores_match_a_plain_pandas_reference_on_random_data() -> None:
    """An independent, loop-based pandas computation of the same rules, on data with missing answers."""
    rng = np.random.default_rng(21)
    raw = varied(200, seed=21)
    raw[rng.random(raw.shape) < 0.2] = np.nan
    companies = list(rng.choice(["A", "B"], size=200))
    result = score(response_set(raw, companies))
    frame = pd.DataFrame(raw, columns=ITEMS)
    frame["company"] = companies
    answered = frame[ITEMS].notna().sum(axis=1)
    values = frame[ITEMS].to_numpy()
    same = np.array([len(set(r[~np.isnan(r)])) == 1 for r in values])
    frame = frame[(answered >= 3)]
    flagged = same[answered >= 3]
    rev = frame.copy()
    rev["a3"] = 6 - rev["a3"]
    fa = rev[["a1", "a2", "a3"]].mean(axis=1).where(rev[["a1", "a2", "a3"]].notna().sum(axis=1) >= 2)
    fb = rev[["b1", "b2"]].mean(axis=1)
    for company in result.companies:
        sel = (frame["company"] == company.company).to_numpy()
        assert company.respondents.flagged["straightlining"] == int(flagged[sel].sum())
        for factor, series in (("fa", fa[sel]), ("fb", fb[sel])):
            got = company.factor(factor)
            assert got.n == series.count()
            assert got.mean == pytest.approx(series.mean())
            assert got.sd == pytest.approx(series.std())
        for item in ITEMS:
            got_item = next(i for f in company.factors for i in f.items if i.id == item)
            col = frame.loc[sel, item]
            assert got_item.n == col.count()
            assert got_item.mean == pytest.approx(col.mean())
            assert got_item.sd == pytest.approx(col.std())


def test_empty_response_set_scores_nothing() -> None:
    result = score(response_set(np.empty((0, 5))))
    assert result.companies == []
    assert result.findings == []
    assert result.respondent_scores.empty


def test_excluded_straightliners_can_leave_a_company_without_valid_respondents() -> None:
    rows = [[2, 2, 2, 2, 2], [4, 4, 4, NAN, 4], [1, 2, 3, 4, 5]]
    result = score(response_set(rows, ["Eentonig", "Eentonig", "Anders"]), exclude_straightliners=True)
    assert [c.company for c in result.companies] == ["Anders"]
    (error,) = [f for f in result.findings if f.code is Code.NO_VALID_RESPONDENTS]
    assert error.params == {"company": "Eentonig", "reasons": "2 straightlining"}


def test_eleven_point_scale_distribution_keys_and_reversal() -> None:
    q = questionnaire(scale={"min": 0, "max": 10}, scoring={"min_answered": 0.5})
    result = score(response_set([[0, 10, 10, 3, 7], [10, 0, 0, 5, 6]], q=q))
    company = result.companies[0]
    a1 = company.factor("fa").items[0]
    assert list(a1.distribution) == [str(v) for v in range(11)]
    assert a1.distribution["0"] == a1.distribution["10"] == 0.5
    # reversal on 0..10 is 10 - x: respondent 1 fa = mean(0, 10, 0), respondent 2 = mean(10, 0, 10)
    np.testing.assert_allclose(result.respondent_scores["fa"], [10 / 3, 20 / 3])


def test_band_boundaries_follow_the_questionnaire() -> None:
    """A score equal to a band's 'below' belongs to the next band, exactly as Questionnaire.band_for."""
    q = questionnaire()
    rows = [[1, 1, 5, 2, 3], [4, 4, 2, 2, 3], [5, 5, 1, 3, 4]]  # fb means 2.5, 2.5, 3.5; fa 1, 4, 5
    result = score(response_set(rows[:1], q=q))
    assert result.companies[0].factor("fb").band == "aandachtspunt"  # 2.5 is not below 2.5
    for row in rows:
        company = score(response_set([row], q=q)).companies[0]
        for factor in company.factors:
            band = q.band_for(factor.mean)
            assert factor.band == (q.band_id(band) if band else None)
