"""The sector benchmark report: a :class:`~lerende_scan.benchmark.Benchmark` as template context and HTML,
with the same machinery as the company report (one Jinja2 environment, ``strings.yaml``, inline SVG).

The report only ever sees the benchmark, i.e. aggregates: company codes (and names only when the benchmark
was built with ``--named``), never respondent rows. One module per part: :mod:`.ranking` (summary, room,
spread), :mod:`.heatmap`, :mod:`.method` (plain method and technical note); :mod:`.view` holds the lookups
and conventions they share (the ranking statistic, counts below 20 organisations) and :mod:`.context`
assembles and renders them.
"""

from lerende_scan.report.sector.context import TEMPLATE, benchmark_context, render_benchmark_html
from lerende_scan.report.sector.heatmap import PAGE_FIRST, PAGE_NEXT
from lerende_scan.report.sector.view import COUNTS_BELOW, STATISTIC

__all__ = [
    "COUNTS_BELOW",
    "PAGE_FIRST",
    "PAGE_NEXT",
    "STATISTIC",
    "TEMPLATE",
    "benchmark_context",
    "render_benchmark_html",
]
