"""Per-company (and, later, benchmark) reports: self-contained HTML with inline SVG charts, and PDF.

Pure functions: they return strings and bytes; writing files is the caller's job.

>>> html = render_company_html(result, questionnaire, ReportOptions(lang="en"))
>>> pdf = html_to_pdf(html, ReportOptions(lang="en"))
"""

from lerende_scan.report.company import render_company_html
from lerende_scan.report.pdf import html_to_pdf
from lerende_scan.report.render import ReportOptions, render_template, report_date

__all__ = ["ReportOptions", "html_to_pdf", "render_company_html", "render_template", "report_date"]
