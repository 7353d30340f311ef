"""The report's drivers page: the matrix as valid SVG, the caveat, nl and en, the page without analysis."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lerende_scan.drivers.companies import add_drivers
from lerende_scan.ingest import ingest
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult
from lerende_scan.scoring import score


@pytest.fixture(scope="module")
def results(questionnaire: Questionnaire, example_csv: Path) -> list[CompanyResult]:
    return add_drivers(score(ingest(example_csv, questionnaire).responses), questionnaire)[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_has_the_matrix_weights_and_the_caveat(
    results: list[CompanyResult], questionnaire: Questionnaire, lang: str
) -> None:
    from lerende_scan.report.company.drivers import drivers_context

    page = drivers_context(results[0], questionnaire, lang)
    assert page is not None and page["status"] == "ok"
    ET.fromstring(str(page["chart"]))  # well-formed SVG
    assert len(page["rows"]) == 5
    assert ("geen bewijs van oorzaak" if lang == "nl" else "not proof of cause") in page["caveat"]


def test_page_explains_a_missing_analysis(results: list[CompanyResult], questionnaire: Questionnaire) -> None:
    from lerende_scan.report.company.drivers import drivers_context

    result = results[0]
    assert result.drivers is not None
    small = result.model_copy(
        update={"drivers": result.drivers.model_copy(update={"status": "too_few", "n": 12, "weights": []})}
    )
    page = drivers_context(small, questionnaire, "en")
    assert page is not None and "chart" not in page
    assert "at least 30" in page["why"] and "there are 12" in page["why"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_company_html_has_the_drivers_page(
    results: list[CompanyResult], questionnaire: Questionnaire, lang: str
) -> None:
    from lerende_scan.report import ReportOptions, render_company_html

    html = render_company_html(results[0], questionnaire, ReportOptions(lang=lang))
    assert 'id="drivers"' in html and 'id="motivation"' in html
    assert ("Wat drijft motivatie" if lang == "nl" else "What drives motivation") in html


def test_a_missing_analysis_is_a_notice_under_the_overview(
    results: list[CompanyResult], questionnaire: Questionnaire
) -> None:
    """Without weights the section is one sentence: it runs on under the motivation factor's page (a page
    of its own was filled to a tenth; under the overview it did not always fit), is listed there in the
    contents, and drops the caveat about reading weights that are not there."""
    from lerende_scan.report import ReportOptions, render_company_html

    result = results[0]
    assert result.drivers is not None
    small = result.model_copy(
        update={"drivers": result.drivers.model_copy(update={"status": "too_few", "n": 12, "weights": []})}
    )
    html = render_company_html(small, questionnaire, ReportOptions(lang="en"))
    body = html[html.index("<main>") :]
    start = body.index('<section class="run-on drivers" id="drivers">')
    section = body[start : body.index("<section", start + 1)]
    assert body.index('id="factor-motivation"') < start < body.index('id="groups"')
    contents = html[: html.index("<main>")]
    assert (
        contents.index("#factor-motivation") < contents.index('href="#drivers"') < contents.index("#groups")
    )
    assert "there are 12" in section
    assert "not proof of cause" not in section
    full = render_company_html(result, questionnaire, ReportOptions(lang="en"))
    assert '<section class="page drivers" id="drivers">' in full
