"""scores.xlsx read back with openpyxl: headers in the report language, number formats, frozen bold headers
and an autofilter on every sheet; statements in the favourable direction with the raw mean beside them;
one convention for shares; a leaders sheet always and a position sheet with a benchmark."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from lerende_scan.benchmark import add_position, build_benchmark
from lerende_scan.output.formats import scores_json, scores_xlsx
from lerende_scan.output.workbook import FORMATS, column_label, write_sheet
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult, ResponseRate


def _book(result: CompanyResult, q: Questionnaire, lang: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(BytesIO(scores_xlsx(result, q, lang)))


def _header(sheet: Worksheet) -> list[Any]:
    return [c.value for c in sheet[1]]


def _column(sheet: Worksheet, header: str) -> list[Any]:
    j = _header(sheet).index(header) + 1
    return [row[0] for row in sheet.iter_rows(min_row=2, min_col=j, max_col=j)]


@pytest.fixture(scope="module")
def result(example_results: list[CompanyResult]) -> CompanyResult:
    return example_results[0]


@pytest.mark.parametrize(
    ("lang", "headers"),
    [
        ("nl", ["Organisatie", "Factor", "n", "Gemiddelde", "95%-BI laag", "Gunstig", "Ongunstig"]),
        ("en", ["Organisation", "Factor", "n", "Mean", "95% CI low", "Favourable", "Unfavourable"]),
    ],
)
def test_headers_in_the_report_language_bold_frozen_and_filtered(
    result: CompanyResult, questionnaire: Questionnaire, lang: str, headers: list[str]
) -> None:
    book = _book(result, questionnaire, lang)
    assert set(headers) <= set(_header(book["factors"]))
    for sheet in book:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == sheet.dimensions, sheet.title
        assert all(c.font.bold for c in sheet[1]), sheet.title
        assert not any(str(h).startswith(("ci_", "raw_", "share_")) for h in _header(sheet)), sheet.title
        for letter, dim in sheet.column_dimensions.items():
            assert 6 <= dim.width <= 62, (sheet.title, letter)
    groups = _header(book["groups"])
    assert "Psychologische veiligheid" in groups if lang == "nl" else "Psychological safety" in groups


def test_number_formats_two_decimals_and_percentages(
    result: CompanyResult, questionnaire: Questionnaire
) -> None:
    book = _book(result, questionnaire, "nl")
    factors = book["factors"]
    for header, fmt in (("Gemiddelde", "0.00"), ("SD", "0.00"), ("Gunstig", "0%"), ("n", "0")):
        cells = _column(factors, header)
        assert cells and all(c.number_format == fmt for c in cells), header
    items = book["items"]
    for header in ("Gunstig", "Neutraal", "Ongunstig", "Ontbrekend", "Antwoord 1 (zoals gegeven)"):
        assert all(c.number_format == FORMATS["share"] for c in _column(items, header)), header
    assert all(c.number_format == "0.00" for c in _column(items, "Gemiddelde zoals beantwoord"))


def test_statement_means_are_favourable_with_the_raw_mean_beside(
    result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """A reverse-worded statement's mean is min + max - its raw mean, and the raw mean is the next column."""
    items = _book(result, questionnaire, "en")["items"]
    header = _header(items)
    assert header.index("Mean as answered") == header.index("Mean") + 1
    lo, hi = questionnaire.scale.min, questionnaire.scale.max
    rows = list(items.iter_rows(min_row=2, values_only=True))
    reversed_rows = [r for r in rows if r[header.index("Reverse-worded")]]
    assert reversed_rows
    for row in rows:
        mean, raw = row[header.index("Mean")], row[header.index("Mean as answered")]
        expected = lo + hi - raw if row[header.index("Reverse-worded")] else raw
        assert mean == pytest.approx(expected)
        _, high = questionnaire.scale.favourable_split()
        if row[header.index("Reverse-worded")]:  # favourable: the low raw answers of a reversed statement
            raw_low = sum(
                row[header.index(f"Answer {p} (as given)")] or 0 for p in range(lo, lo + hi - high + 1)
            )
            assert row[header.index("Favourable")] == pytest.approx(raw_low)


def test_every_share_is_a_fraction(result: CompanyResult, questionnaire: Questionnaire) -> None:
    """Shares and percentages in one convention: 0..1, shown as % (missing answers included)."""
    book = _book(result, questionnaire, "nl")
    shares = [
        c.value
        for sheet in book
        for row in sheet.iter_rows(min_row=2)
        for c in row
        if c.number_format == FORMATS["share"] and isinstance(c.value, float)
    ]
    assert len(shares) > 100 and all(0.0 <= v <= 1.0 for v in shares)
    missing = _column(book["data_quality"], "Aandeel")
    assert any(isinstance(c.value, float) and c.value > 0 for c in missing)


def test_leaders_sheet_and_position_sheet_with_a_benchmark(
    example_results: list[CompanyResult], questionnaire: Questionnaire
) -> None:
    plain = _book(example_results[0], questionnaire, "nl")
    assert "leaders" in plain.sheetnames and "position" not in plain.sheetnames
    leaders = plain["leaders"]
    assert {"Leidinggevenden", "Medewerkers", "Verschil", "Hedges' g"} <= set(_header(leaders))
    levels = [c.value for c in _column(leaders, "Niveau")]
    assert "factor" in levels and "stelling" in levels
    built = build_benchmark(
        example_results, questionnaire, name="Proef 2026", date=dt.date(2026, 11, 22), min_companies=3
    )
    first = example_results[0]
    placed = add_position(first, built.benchmark, code=built.codes[first.company])
    book = _book(placed, questionnaire, "nl")
    position = book["position"]
    assert {"Percentiel", "Kwartiel", "Sectormediaan", "Verschil met mediaan"} <= set(_header(position))
    summary = {row[0]: row[1] for row in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["Eigen code in de benchmark"] == built.codes[first.company]


@pytest.mark.parametrize(("lang", "unknown"), [("nl", "onbekend"), ("en", "unknown")])
def test_summary_response_rate_known_or_unknown(
    result: CompanyResult, questionnaire: Questionnaire, lang: str, unknown: str
) -> None:
    sheet = _book(result, questionnaire, lang)["summary"]
    label = "Respons" if lang == "nl" else "Response rate"
    rows = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert rows[label].value == unknown
    invited = result.model_copy(
        update={"response": ResponseRate(invited=80, responses=result.respondents.valid, rate=0.7)}
    )
    rows = {
        row[0].value: row[1] for row in _book(invited, questionnaire, lang)["summary"].iter_rows(min_row=2)
    }
    assert rows[label].value == 0.7 and rows[label].number_format == "0%"


def test_an_unknown_column_keeps_its_id_and_text_stays_masked() -> None:
    """A sheet this module has no labels for (a later helper's) still gets a header, formats and filter;
    formula-like text is masked as everywhere."""
    buffer = BytesIO()
    table = pd.DataFrame({"wholly_new": [1.23456], "group": ["=HYPERLINK(1)"]})
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        write_sheet(writer, "extra", table, "nl", {})
    sheet = openpyxl.load_workbook(BytesIO(buffer.getvalue()))["extra"]
    assert _header(sheet) == ["wholly_new", "Groep"]
    assert sheet["A2"].number_format == "0.00" and sheet["B2"].value == "'=HYPERLINK(1)"
    assert column_label("share_3", "en", {}) == ("Answer 3 (as given)", "share")


def test_scores_json_names_no_folder_and_has_the_new_fields(result: CompanyResult, example_csv: Any) -> None:
    text = scores_json(result)
    assert str(example_csv.parent) not in text
    for field in ('"scored_mean"', '"raw_distribution"', '"favourable"', '"unfavourable"', '"response"'):
        assert field in text, field
