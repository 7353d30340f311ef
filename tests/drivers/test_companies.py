"""Drivers of every company: results in scores.json, the motivation spread and pioneers, privacy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lerende_scan.drivers.companies import add_drivers, cutoffs
from lerende_scan.drivers.model import DriverResult
from lerende_scan.ingest import ingest
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult
from lerende_scan.scoring import score


@pytest.fixture(scope="module")
def with_drivers(questionnaire: Questionnaire, example_csv: Path) -> list[CompanyResult]:
    read = ingest(example_csv, questionnaire)
    results, findings = add_drivers(score(read.responses), questionnaire)
    assert findings == []
    return results


def test_every_example_company_gets_an_analysis(with_drivers: list[CompanyResult]) -> None:
    for result in with_drivers:
        d = result.drivers
        assert d is not None and d.status == "ok" and d.n >= 30
        assert sum(w.raw for w in d.weights) == pytest.approx(d.r2)
        assert sorted(d.priorities) == sorted(d.predictors)
        assert d.resamples == 1000


def test_spread_uses_only_groups_the_breakdown_shows(with_drivers: list[CompanyResult]) -> None:
    for result in with_drivers:
        spread = result.motivation
        assert spread is not None
        shown = {(b.column, g.name) for b in result.groups for g in b.groups if not g.suppressed}
        hidden = {(b.column, g.name) for b in result.groups for g in b.groups if g.suppressed}
        assert {(g.column, g.group) for g in spread.groups} <= shown
        assert not {(g.column, g.group) for g in spread.groups} & hidden
        for g in spread.groups:
            assert g.n >= 5
            assert g.shares.low + g.shares.moderate + g.shares.high == pytest.approx(1.0)


def test_a_suppressed_group_gets_no_shares_and_is_no_pioneer(
    questionnaire: Questionnaire, example_csv: Path, tmp_path: Path
) -> None:
    """Move three respondents to a department of their own: it and its complementary partner are hidden
    in the breakdown, so neither appears in the spread or among the pioneers."""
    lines = example_csv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    dep = header.index("department")
    company = header.index("company")
    first = lines[1].split(",")[company]
    moved = 0
    for i, line in enumerate(lines[1:], 1):
        cells = line.split(",")
        if cells[company] == first and moved < 3:
            cells[dep] = "Klein"
            lines[i] = ",".join(cells)
            moved += 1
    path = tmp_path / "small.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results, _ = add_drivers(score(ingest(path, questionnaire).responses), questionnaire)
    result = next(r for r in results if r.company == first)
    hidden = {g.name for b in result.groups for g in b.groups if g.suppressed}
    assert "Klein" in hidden and len(hidden) >= 2
    assert result.motivation is not None
    assert not {g.group for g in result.motivation.groups} & hidden
    assert not {p.group for p in result.pioneers} & hidden


def test_pioneers_are_ranked_by_motivation_with_their_weakest_driver(
    with_drivers: list[CompanyResult], questionnaire: Questionnaire
) -> None:
    assert questionnaire.drivers is not None
    predictors = questionnaire.drivers.predictors
    for result in with_drivers:
        motivation = [p.motivation for p in result.pioneers]
        assert motivation == sorted(motivation, reverse=True)
        for p in result.pioneers:
            groups = next(b.groups for b in result.groups if b.column == p.column)
            group = next(g for g in groups if g.name == p.group)
            scores = {f: group.factors[f] for f in predictors}  # type: ignore[index]
            assert p.room == min(scores, key=lambda f: scores[f])  # type: ignore[arg-type,return-value]


def test_cutoffs_follow_the_bands(questionnaire: Questionnaire) -> None:
    cut = cutoffs(questionnaire)
    assert (cut.low_below, cut.high_from) == (2.5, 3.5)


def test_scores_json_round_trips_and_old_files_still_load(with_drivers: list[CompanyResult]) -> None:
    result = with_drivers[0]
    again = CompanyResult.model_validate_json(result.model_dump_json())
    assert again.drivers == result.drivers and again.pioneers == result.pioneers
    old = json.loads(result.model_dump_json(exclude={"drivers", "motivation", "pioneers"}))
    assert CompanyResult.model_validate(old).drivers is None
    assert isinstance(result.drivers, DriverResult)


def test_without_drivers_in_the_questionnaire_nothing_is_added(
    questionnaire: Questionnaire, example_csv: Path
) -> None:
    plain = questionnaire.model_copy(update={"drivers": None})
    scored = score(ingest(example_csv, plain).responses)
    results, findings = add_drivers(scored, plain)
    assert findings == [] and all(r.drivers is None and r.motivation is None for r in results)


def test_act_first_drivers_lead_the_opportunities() -> None:
    """The driver-aware order: act-first drivers first (by priority), then the rest by score; the score
    order is kept in drivers.opportunities_by_score; without an analysis the order stays by score."""
    from lerende_scan.drivers.analysis import opportunities
    from lerende_scan.drivers.model import DriverWeight

    def weight(factor: str, act: bool) -> DriverWeight:
        return DriverWeight(
            factor=factor, raw=0.1, share=0.2, ci_low=None, ci_high=None, distinguishable=act, act_first=act
        )

    ok = DriverResult(
        outcome="motivation",
        predictors=["feedback", "autonomy", "safety"],
        status="ok",
        n=50,
        min_respondents=30,
        weights=[weight("autonomy", True), weight("safety", True), weight("feedback", False)],
        priorities=["safety", "autonomy", "feedback"],
    )
    by_score = ["feedback", "learning", "autonomy", "safety"]
    assert opportunities(by_score, ok) == ["safety", "autonomy", "feedback", "learning"]
    too_few = ok.model_copy(update={"status": "too_few"})
    assert opportunities(by_score, too_few) == by_score


def test_example_opportunities_keep_the_score_order(
    with_drivers: list[CompanyResult], questionnaire: Questionnaire, example_csv: Path
) -> None:
    plain = {
        r.company: r.opportunities for r in score(ingest(example_csv, questionnaire).responses).companies
    }
    for result in with_drivers:
        assert result.drivers is not None
        assert result.drivers.opportunities_by_score == plain[result.company]
        act = [f for f in result.drivers.priorities if (w := result.drivers.weight(f)) and w.act_first]
        assert result.opportunities[: len(act)] == [f for f in act if f in plain[result.company]]
        assert sorted(result.opportunities) == sorted(plain[result.company])
