"""The company report's template context and HTML: assembles the sections into one plain view model and
renders ``company.html.j2`` with it."""

from __future__ import annotations

from typing import Any

from lerende_scan._gc import paused_gc
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report.company import appendix, comparisons, drivers, waves
from lerende_scan.report.company.factors import factor_page
from lerende_scan.report.company.summary import overview, summary
from lerende_scan.report.company.view import View, score_cells
from lerende_scan.report.render import ReportOptions, render_template
from lerende_scan.results import CompanyResult, FactorResult

__all__ = ["TEMPLATE", "company_context", "render_company_html"]

TEMPLATE = "company.html.j2"


def _ranked(result: CompanyResult) -> list[tuple[int | None, FactorResult]]:
    order = {fid: i + 1 for i, fid in enumerate(result.opportunities)}
    return [(order.get(f.id), f) for f in result.factors]


def company_context(
    result: CompanyResult, questionnaire: Questionnaire, lang: str, options: ReportOptions
) -> dict[str, Any]:
    """Everything the company template shows, as plain values and inline SVG charts."""
    v = View(result, questionnaire, lang, options)
    factors = [factor_page(v, f, rank) for rank, f in _ranked(result)]
    factors.sort(key=lambda f: [x.id for x in questionnaire.factors].index(f["id"]))
    return {
        "lang": lang,
        "company": result.company,
        "questionnaire": {
            "id": result.questionnaire.id,
            "version": result.questionnaire.version,
            "hash": result.questionnaire.hash,
            "title": v.text(questionnaire.title),
        },
        "respondents": {
            "valid": v.fmt.count(result.respondents.valid),
            "received": v.fmt.count(result.respondents.received),
        },
        "index": score_cells(v, result.index),
        "summary": summary(v),
        "overview": overview(v),
        "factors": factors,
        "breakdowns": comparisons.breakdowns(v),
        "leaders": comparisons.leaders(v),
        "benchmark": comparisons.benchmark(v),
        "quality": appendix.quality(v),
        "method": appendix.method(v),
        **drivers.template_values(v),  # the drivers page and the summary's pioneers line (issue 13)
        **waves.template_values(v),  # the "Voor en na" / "Before and after" section (issue 12)
    }


def render_company_html(result: CompanyResult, questionnaire: Questionnaire, options: ReportOptions) -> str:
    """The company report as one self-contained HTML page (charts inline, CSS inline, no URLs)."""
    lang = options.lang or questionnaire.default_language
    with paused_gc():
        return render_template(TEMPLATE, company_context(result, questionnaire, lang, options), options)
