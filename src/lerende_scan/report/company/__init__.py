"""The per-company report: turn a ``CompanyResult`` and its ``Questionnaire`` into template context and HTML.

The context is a plain view model (strings, numbers, ready-made SVG charts), so templates stay free of
logic and a consultant can restyle them with ``--template-dir`` without touching Python. One module per
part of the report: :mod:`.summary` (summary, overview), :mod:`.factors` (factor pages),
:mod:`.comparisons` (groups, leaders, benchmark), :mod:`.appendix` (data quality, method); :mod:`.view`
holds the lookups they share and :mod:`.context` assembles and renders them.
"""

from lerende_scan.report.company.context import TEMPLATE, company_context, render_company_html
from lerende_scan.report.company.view import ALPHA_THRESHOLDS, alpha_reading

__all__ = ["ALPHA_THRESHOLDS", "TEMPLATE", "alpha_reading", "company_context", "render_company_html"]
