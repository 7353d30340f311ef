"""The golden company reports: the first company of ``examples/responses.csv`` in Dutch and English.

Golden files: ``tests/data/report/golden_nl.html`` and ``golden_en.html`` hold the report, normalised: the
tool version is replaced, the inline stylesheet is left out (styling is checked by looking at the pages,
see docs/), and chart drawings are reduced to their title and description, because matplotlib versions move
paths by fractions of a point. After an intended change to templates or texts, regenerate them with::

    UPDATE_GOLDEN=1 pytest tests/report/test_golden.py

and review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report import ReportOptions, render_company_html
from lerende_scan.results import CompanyResult

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
DATE = dt.date(2026, 11, 22)


def _render(result: CompanyResult, q: Questionnaire, lang: str = "nl", **kw: object) -> str:
    return render_company_html(result, q, ReportOptions(lang=lang, date=DATE, **kw))  # type: ignore[arg-type]


_CHART_BODY = re.compile(r"(<desc id=\"[^\"]+\">.*?</desc>).*?(</svg>)", re.S)
_STYLE = re.compile(r"(<style>).*?(</style>)", re.S)


def _normalise(html: str) -> str:
    from lerende_scan import __version__

    html = html.replace(f"lerende-scan {__version__}", "lerende-scan VERSION")
    html = _STYLE.sub(r"\1 [report.css] \2", html)
    return _CHART_BODY.sub(r"\1 [chart drawing]\2", html)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_golden_html_for_the_example(
    example_result: CompanyResult, questionnaire: Questionnaire, lang: str
) -> None:
    html = _normalise(_render(example_result, questionnaire, lang, title="Adviesbureau Voorbeeld"))
    golden = DATA / f"golden_{lang}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        "report changed; see the module docstring to regenerate"
    )
