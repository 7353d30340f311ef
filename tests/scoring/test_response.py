"""The response rate: --invited for one company, a population table per company and group, hidden groups
without a rate, a warning when responses exceed the invited count, and None when it is unknown."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.scoring.test_score import questionnaire, response_set, varied

from lerende_scan.errors import Code, ScanError
from lerende_scan.results import CompanyResult
from lerende_scan.scoring import score
from lerende_scan.scoring.response import Population, add_response, read_population


def _scored(companies: list[str] | str = "Acme") -> list[CompanyResult]:
    depts = ["A"] * 6 + ["B"] * 6 + ["C"] * 2 + ["A"] * 6
    q = questionnaire(groups=["afdeling"], anonymity={"min_group_size": 5})
    return score(response_set(varied(20), companies, q=q, groups={"afdeling": depts})).companies


def test_without_population_the_rate_is_unknown() -> None:
    results, findings = add_response(_scored(), None)
    assert results[0].response is None and findings == []


def test_invited_gives_the_overall_rate_of_valid_responses() -> None:
    (result,), findings = add_response(_scored(), Population.invited(40))
    assert result.response is not None
    assert (result.response.invited, result.response.responses) == (40, 20)
    assert result.response.rate == pytest.approx(0.5)
    assert result.response.groups == [] and findings == []


def test_one_invited_count_for_several_companies_is_refused() -> None:
    results = _scored(["Acme"] * 10 + ["Beta"] * 10)
    with pytest.raises(ScanError) as err:
        add_response(results, Population.invited(40))
    # About --invited, not about a population table the user never gave (it was S004).
    assert err.value.findings[0].code is Code.INVITED_SEVERAL_COMPANIES
    assert err.value.findings[0].params == {"invited": 40, "count": 2}


def test_population_table_gives_rates_per_group_and_hides_hidden_groups(tmp_path: Path) -> None:
    table = tmp_path / "population.csv"
    table.write_text(
        "Bedrijf;Afdeling;Uitgenodigd\nacme ;;30\nAcme;a;15\nAcme;B;5\nAcme;C;4\n", encoding="utf-8"
    )
    (result,), findings = add_response(_scored(), read_population(table), "population.csv")
    rate = result.response
    assert rate is not None and rate.invited == 30 and rate.rate == pytest.approx(20 / 30)
    groups = {g.name: g for g in rate.groups}
    assert (groups["A"].responses, groups["A"].rate) == (12, pytest.approx(12 / 15))
    # C (2) is too small, B hidden with it: their invited counts show, their responses do not
    assert groups["C"].suppressed and groups["C"].responses is None and groups["C"].rate is None
    assert groups["B"].suppressed and groups["B"].rate is None
    assert [f.code for f in findings] == []


def test_more_responses_than_invited_is_a_warning_and_the_rate_stays(tmp_path: Path) -> None:
    table = tmp_path / "population.csv"
    table.write_text("department,invited\nA,10\n", encoding="utf-8")
    population = read_population(table)
    (result,), findings = add_response(
        _scored(), Population(population.totals, {"": {("afdeling", "a"): 10}})
    )
    assert result.response is not None
    assert result.response.invited == 10  # the total is the sum of the first group column's rows
    assert [f.code for f in findings] == [Code.RESPONSES_EXCEED_INVITED] * 2  # the total and group A
    assert result.response.groups[0].rate == pytest.approx(1.2)


def test_company_missing_from_the_population_has_an_unknown_rate(tmp_path: Path) -> None:
    table = tmp_path / "population.csv"
    table.write_text("company,invited\nOther,10\n", encoding="utf-8")
    (result,), _ = add_response(_scored(), read_population(table))
    assert result.response is None


@pytest.mark.parametrize(
    "text",
    [
        "company,count\nAcme,10\n",
        "company,invited\nAcme,tien\n",
        "a,b,invited\nx,y,3\n",
        "company,invited\nAcme,12.5\n",
        "company,invited\nAcme,-3\n",
        # found by fuzzing: isdigit() took these, int() did not (exit 70)
        "company,invited\nAcme,\u00b2\n",
        "company,invited\nAcme," + "9" * 5000 + "\n",
        "invited;;\n50;x;y\n",  # found by fuzzing: two blank headers made a row's cell a Series (exit 70)
        "company,invited,Company\nAcme,3,x\n",
    ],
)
def test_unusable_population_tables_are_refused(tmp_path: Path, text: str) -> None:
    table = tmp_path / "population.csv"
    table.write_text(text, encoding="utf-8")
    with pytest.raises(ScanError) as err:
        read_population(table)
    assert err.value.findings[0].code is Code.POPULATION_INVALID


def test_a_count_as_a_spreadsheet_writes_it_is_read(tmp_path: Path) -> None:
    """pandas and Excel write a column with a blank as decimals: "140.0" is 140 people."""
    table = tmp_path / "population.csv"
    table.write_text('company,invited\nAcme,140.0\nOther,\nThird,"60,0"\n', encoding="utf-8")
    assert read_population(table).totals == {"acme": 140, "third": 60}


def test_two_different_counts_for_one_company_or_group_are_refused_at_the_second_row(tmp_path: Path) -> None:
    """The later row silently won before; the row number counts the blank line, as a spreadsheet does."""
    table = tmp_path / "population.csv"
    table.write_text("company,afdeling,invited\nAcme,,30\n\nAcme,A,15\nacme,a ,16\n", encoding="utf-8")
    with pytest.raises(ScanError) as err:
        read_population(table)
    (finding,) = err.value.findings
    assert finding.code is Code.POPULATION_INVALID and finding.row == 5
    assert "15 in row 4 and 16 here" in finding.message
    table.write_text("company,invited\nAcme,30\nAcme,30\n", encoding="utf-8")  # the same count twice
    assert read_population(table).totals == {"acme": 30}


def test_names_the_responses_do_not_hold_are_warned_with_a_suggestion(tmp_path: Path) -> None:
    table = tmp_path / "population.csv"
    table.write_text(
        "company,afdeling,team,invited\nAcme,,,30\nAcme,A,,15\nAcme,Z,,3\nAcme,,x,4\nAcmee,,,9\n",
        encoding="utf-8",
    )
    (result,), findings = add_response(_scored(), read_population(table))
    assert {f.code for f in findings} == {Code.POPULATION_UNMATCHED}
    messages = sorted(f.message for f in findings)
    assert len(messages) == 3 and all(f.file == "population.csv" for f in findings)
    assert "company 'Acmee'" in messages[0] and "did you mean 'Acme'?" in messages[0]
    assert "group 'Z' (afdeling)" in messages[1] and "no one of it answered" in messages[1]
    assert "group column 'team'" in messages[2] and "(afdeling)" in messages[2]
    assert result.response is not None and [g.name for g in result.response.groups] == ["A"]
