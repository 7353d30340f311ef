"""The drivers and motivation sheets: one row per driver, the spread per shown group, pioneer ranks."""

from __future__ import annotations

from pathlib import Path

from lerende_scan.drivers.companies import add_drivers
from lerende_scan.ingest import ingest
from lerende_scan.output.tables import result_tables
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.scoring import score


def test_driver_sheets(questionnaire: Questionnaire, example_csv: Path) -> None:
    results, _ = add_drivers(score(ingest(example_csv, questionnaire).responses), questionnaire)
    result = results[0]
    tables = result_tables(result, questionnaire, "en")
    drivers = tables["drivers"]
    assert questionnaire.drivers is not None
    assert sorted(drivers["factor"]) == sorted(questionnaire.drivers.predictors)
    assert abs(drivers["raw"].sum() - drivers["r2"].iloc[0]) < 1e-12
    assert sorted(drivers["priority"]) == list(range(1, 6))
    motivation = tables["motivation"]
    assert motivation["group"].isna().iloc[0]  # the company row first
    shown = {g.name for b in result.groups for g in b.groups if not g.suppressed}
    assert set(motivation["group"].dropna()) <= shown
    assert list(motivation["pioneer_rank"].dropna()) != []


def test_no_driver_sheets_without_drivers(questionnaire: Questionnaire, example_results: list) -> None:  # type: ignore[type-arg]
    plain = example_results[0].model_copy(update={"drivers": None, "motivation": None, "pioneers": []})
    assert "drivers" not in result_tables(plain, questionnaire, "nl")
