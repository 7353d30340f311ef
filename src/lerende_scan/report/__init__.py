"""Per-company (and benchmark) reports: self-contained HTML with inline SVG charts, and PDF.

Pure functions: they return strings and bytes; writing files is the caller's job.

>>> html = render_company_html(result, questionnaire, ReportOptions(lang="en"))
>>> pdf = html_to_pdf(html, ReportOptions(lang="en"))

The benchmark report reuses the machinery: :func:`render_template` with its own template in
``reports/templates/``, the chart functions in :mod:`lerende_scan.report.charts`, and the texts in
``strings.yaml``.
"""

from lerende_scan.errors import Code, ScanError
from lerende_scan.report import charts
from lerende_scan.report.company import render_company_html
from lerende_scan.report.render import ReportOptions, render_template, report_date
from lerende_scan.report.sector import render_benchmark_html

__all__ = [
    "ReportOptions",
    "charts",
    "html_to_pdf",
    "render_benchmark_html",
    "render_company_html",
    "render_template",
    "report_date",
]


def html_to_pdf(html: str, options: ReportOptions) -> bytes:
    """Render report HTML as an A4 PDF with WeasyPrint (see :mod:`lerende_scan.report.pdf`).

    WeasyPrint is imported here, on first use, so HTML reports work on machines without its system
    libraries (Pango); there, asking for a PDF is catalogue error O004.
    """
    try:
        from lerende_scan.report.pdf import html_to_pdf as convert
    except (ImportError, OSError) as exc:  # OSError: a system library such as Pango is missing
        raise ScanError.of(Code.PDF_UNAVAILABLE, reason=str(exc).splitlines()[0]) from None
    return convert(html, options)
