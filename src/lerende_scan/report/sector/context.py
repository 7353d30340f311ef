"""Assemble the sector report's context from its sections and render ``benchmark.html.j2``."""

from __future__ import annotations

from typing import Any

from lerende_scan._gc import paused_gc
from lerende_scan.benchmark import Benchmark, Exclusion
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report.render import ReportOptions, render_template
from lerende_scan.report.sector import heatmap, method, ranking
from lerende_scan.report.sector.view import View
from lerende_scan.report.sector_drivers import template_values as drivers_values
from lerende_scan.report.sector_waves import template_values as waves_values

__all__ = ["TEMPLATE", "benchmark_context", "render_benchmark_html"]

TEMPLATE = "benchmark.html.j2"


def benchmark_context(
    bench: Benchmark, questionnaire: Questionnaire, lang: str, options: ReportOptions
) -> dict[str, Any]:
    """Everything the benchmark template shows, as plain values and inline SVG charts."""
    v = View(bench, questionnaire, lang, options)
    p = bench.provenance
    return {
        "lang": lang,
        "name": p.name,
        "questionnaire": {
            "id": p.questionnaire.id,
            "version": p.questionnaire.version,
            "hash": p.questionnaire.hash,
            "title": v.text(questionnaire.title),
        },
        "provenance": {
            "date": v.t.date(p.date),
            "date_iso": p.date.isoformat(),
            "tool": p.tool,
            "companies": p.companies,
            "respondents": v.fmt.count(p.respondents),
            "excluded": len(bench.excluded),
        },
        "named": any(c.name for c in bench.companies),
        "summary": ranking.summary(v),
        "room": ranking.room(v),
        "distribution": ranking.distribution(v),
        "heatmap": heatmap.heatmap(v),
        "excluded": [{"code": e.code, "name": e.name, "reason": _reason(v, e)} for e in bench.excluded],
        "method": method.method(v),
        "technical": method.technical(v),
        **waves_values(v),  # the sector change page and the pilot comparison (issue 12)
        **drivers_values(v),  # what drives motivation in the sector, and its spread (issue 13)
    }


def render_benchmark_html(bench: Benchmark, questionnaire: Questionnaire, options: ReportOptions) -> str:
    """The sector benchmark report as one self-contained HTML page (charts and CSS inline, no URLs)."""
    lang = options.lang or questionnaire.default_language
    with paused_gc():
        return render_template(TEMPLATE, benchmark_context(bench, questionnaire, lang, options), options)


def _reason(v: View, exclusion: Exclusion) -> str:
    """An exclusion's catalogue reason in the report language (``sector_reason_<reason>`` in strings.yaml)."""
    details = {"minimum": v.bench.provenance.min_group_size, "finding": "?", **exclusion.details}
    return v.t(f"sector_reason_{exclusion.reason.value}", **details)
