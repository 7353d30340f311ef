"""Pure result tables: suppressed groups stay empty, factors keep their ranks."""

from __future__ import annotations

from lerende_scan.output.tables import result_tables
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult


def test_tables_show_no_numbers_for_suppressed_groups(
    questionnaire: Questionnaire, example_results: list[CompanyResult]
) -> None:
    """Suppressed groups appear by name in the XLSX/CSV tables, with every number empty."""
    q = questionnaire
    result = example_results[0]
    tables = result_tables(result, q, "nl")
    groups = tables["groups"]
    hidden = groups[groups["suppressed"]]
    assert len(hidden) >= 2  # the small department and its complement
    numbers = ["n", "index", *(f.id for f in q.factors)]
    assert hidden[numbers].isna().all().all()
    shown = groups[~groups["suppressed"] & (groups["breakdown"] == "department")]
    assert (shown["n"] >= q.anonymity.min_group_size).all()
    factors = tables["factors"]
    assert list(factors["factor"]) == [*(f.id for f in result.factors), "index"]
    assert sorted(factors["rank"].dropna().astype(int)) == list(range(1, len(result.opportunities) + 1))
