"""HTML to PDF with WeasyPrint, behind a URL fetcher that can only read what the report itself ships.

This module imports WeasyPrint; ``lerende_scan.report.html_to_pdf`` imports it only when a PDF is asked for.

The report HTML embeds everything (charts as inline SVG, the logo as a ``data:`` URI), so the fetcher has
nothing legitimate to fetch from the network or the file system. It allows ``data:`` URIs and files inside
the template directories (assets of a custom template); anything else, ``file://`` elsewhere, ``http(s)``,
``ftp`` or a path that escapes the template directory by ``..`` or a symlink, raises
:class:`~lerende_scan.errors.ScanError` (O005). WeasyPrint logs it and leaves the resource out.
"""

from __future__ import annotations

import base64
import functools
import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from weasyprint import CSS, HTML
from weasyprint import html as weasyprint_html
from weasyprint.formatting_structure.boxes import LineBox, ReplacedBox, TableRowBox
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from lerende_scan._gc import paused_gc
from lerende_scan.errors import Code, ScanError
from lerende_scan.report import svg_text
from lerende_scan.report.render import ReportOptions, template_roots

__all__ = ["SafeFetcher", "html_to_pdf", "refused_references"]

svg_text.install()


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint ``URLFetcher`` that serves ``data:`` URIs and template-directory files only."""

    def __init__(self, roots: Sequence[Path], **kwargs: Any) -> None:
        super().__init__(timeout=1, allow_redirects=False, **kwargs)
        self.roots = tuple(Path(r).resolve() for r in roots)

    def allowed(self, url: str) -> Path | bool:
        """A template-directory file's path, True for a ``data:`` URI, False for anything else."""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return True
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return path
        return False

    def fetch(self, url: str, headers: Any = None) -> Any:
        allowed = self.allowed(url)
        if allowed is True:
            return super().fetch(url, headers)
        if isinstance(allowed, Path):
            return URLFetcherResponse(allowed.as_uri(), allowed.read_bytes())
        raise ScanError.of(Code.RESOURCE_REFUSED, url=url[:200])


#: What WeasyPrint fetches: ``src`` attributes, stylesheet links, CSS ``url()`` and ``@import``.
_REFERENCE = re.compile(
    r"""\bsrc\s*=\s*["']([^"']*)["']|<link\b[^>]*?\bhref\s*=\s*["']([^"']*)["']"""
    r"""|url\(\s*["']?([^"')\s]*)|@import\s+["']([^"']*)["']""",
    re.I,
)


def refused_references(html: str, options: ReportOptions) -> list[str]:
    """The resources in ``html`` that the PDF leaves out (neither ``data:`` nor a template-directory file),
    once each, in order: WeasyPrint reports a refused fetch on its logger only, so without this a custom
    template's web logo or stylesheet vanished from the PDF without a word (O005)."""
    roots = template_roots(options.template_dir)
    fetcher = SafeFetcher(roots)
    base = roots[0].as_uri() + "/"
    refused: dict[str, None] = {}
    for match in _REFERENCE.finditer(html):
        url = next(group for group in match.groups() if group is not None).strip()
        if not url or url.startswith("#"):
            continue
        if not fetcher.allowed(urljoin(base, url)):
            refused[url] = None
    return list(refused)


_FONTS = threading.local()


def _font_config() -> FontConfiguration:
    """This thread's WeasyPrint font configuration, created once and reused for every report.

    WeasyPrint otherwise builds a new one per document: it reloads the system font list and starts with
    cold Pango font and shaping caches (2% of the PDF time of a 13-page report). One per thread because a
    Pango font map must not be shared between threads; worker processes each get their own anyway.
    """
    config: FontConfiguration | None = getattr(_FONTS, "config", None)
    if config is None:
        config = _FONTS.config = FontConfiguration()
    return config


_CHART = re.compile(r'<svg class="chart"[^>]*>.*?</svg>', re.S)
_TITLE = re.compile(r'<title id="[^"]*">(.*?)</title>', re.S)


def _chart_as_image(match: re.Match[str]) -> str:
    """An inline chart as an ``<img>`` with an SVG ``data:`` URI and its title as alt text.

    WeasyPrint computes CSS styles for every element of the HTML tree, inline SVG nodes included; the same
    SVG as an image is parsed by its SVG renderer alone. That halves the PDF time and changes nothing on
    paper (still vector graphics with real text).
    """
    svg = match[0]
    title = _TITLE.search(svg)
    alt = title[1] if title else ""  # already HTML-escaped when the chart was made
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart" alt="{alt}" src="data:image/svg+xml;base64,{data}">'


def html_to_pdf(html: str, options: ReportOptions) -> bytes:
    """Render report HTML as an A4 PDF (print CSS: page numbers, running header, no cut charts).

    The input is the HTML report itself; its inline charts are handed to WeasyPrint as SVG images. A
    section whose page break leaves the page before it less than half full runs on under it instead, in
    another layout (at most three; not a section of class ``own-page``); the shipped example needs none, a
    company of 14 groups one.
    """
    roots = template_roots(options.template_dir)
    fetcher = SafeFetcher(roots)
    # WeasyPrint reports every refused resource and every unsupported CSS property as a warning on its
    # logger; the refusals are intended, so keep them out of the user's terminal.
    logger = logging.getLogger("weasyprint")
    previous = logger.level
    logger.setLevel(logging.ERROR)
    forced = {m[2] for m in _PAGE_SECTION.finditer(html) if _OWN_PAGE not in m[1].split()}
    try:
        with paused_gc():
            source = _CHART.sub(_chart_as_image, html)
            document = _render(source, roots, fetcher)
            for _ in range(_REFLOWS):
                flowing = _starts_after_half_empty_page(document.pages, forced)
                if not flowing:
                    break
                forced -= flowing
                source = _PAGE_SECTION.sub(functools.partial(_flows, flowing=flowing), source)
                document = _render(source, roots, fetcher)
            pdf: bytes = document.write_pdf()
    finally:
        logger.setLevel(previous)
    return pdf


def _render(source: str, roots: Sequence[Path], fetcher: SafeFetcher) -> Any:
    html = _ReportHTML(string=source, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher)
    return html.render(font_config=_font_config())


#: WeasyPrint's rules for pseudo-elements that every element may have, one per line of its stylesheet:
#: ``::marker`` and the calls and markers of footnotes and notes.
_MARKER = re.compile(r"^::marker ", re.M)
_NOTES = re.compile(r"^::(?:footnote|note)-[a-z]+ .*\n", re.M)


def _lean_user_agent_css(css: str) -> str:
    """WeasyPrint's user-agent stylesheet with ``::marker`` on list items only and no footnote or note calls.

    Those rules match every element, and WeasyPrint computes a style for every pseudo-element a rule
    matches: six per element, 15% of a report's layout time, for markers and footnotes the reports do
    not have. A custom template that floats an element as a footnote declares its call in its own CSS.
    """
    return _NOTES.sub("", _MARKER.sub("li::marker, summary::marker ", css))


class _ReportHTML(HTML):  # type: ignore[misc]
    """A WeasyPrint document with the lean user-agent stylesheet (:func:`_lean_user_agent_css`)."""

    _UA = CSS(string=_lean_user_agent_css(weasyprint_html.UA), counter_style=weasyprint_html.UA_COUNTER_STYLE)

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        return [self._UA]


#: The start tag of a section that starts a page (class ``page``): its classes and its id.
_PAGE_SECTION = re.compile(r'<section class="((?:[^"]* )?page(?: [^"]*)?)" id="([^"]+)"')
#: The class of a section that starts a page even after a half-empty one (a circle's page, handed to it).
_OWN_PAGE = "own-page"
#: Re-layouts at most, each letting more sections run on; a report that needs none costs nothing extra.
_REFLOWS = 3
_HALF = 0.5


def _flows(match: re.Match[str], flowing: set[str]) -> str:
    """The section's start tag, with class ``flows`` and the page break lifted where it is to run on.

    The style is inline, so that it holds for a custom template's stylesheet too (and comes before any
    style attribute of the template's, which the HTML parser then ignores).
    """
    classes, name = match[1], match[2]
    if name not in flowing:
        return match[0]
    return f'<section class="{classes} flows" id="{name}" style="break-before: auto; margin-top: 2.2em"'


def _starts_after_half_empty_page(pages: Sequence[Any], forced: set[str]) -> set[str]:
    """The sections that start a page after one (neither the cover nor the last) filled less than half.

    Where a section starts a page is the first page with its anchor. Such a section is let run on in the
    next layout (:func:`_flows`): its page break is what left the page before it half empty, which the
    templates cannot foresee (it depends on the number of groups, the length of their names, the
    language). Empty when WeasyPrint's page boxes cannot be read (another version).
    """
    first: dict[str, int] = {}
    for number, page in enumerate(pages):
        for name in page.anchors:
            first.setdefault(name, number)
    found = set()
    for name, number in first.items():
        if name in forced and number >= 2:
            fill = _fill(pages[number - 1])
            if fill is not None and fill < _HALF:
                found.add(name)
    return found


def _fill(page: Any) -> float | None:
    """How far down its content area a laid-out page's text, charts and table rows reach (0 to 1)."""
    page_box: Any = getattr(page, "_page_box", None)
    children = getattr(page_box, "children", None)
    if not children:
        return None
    top, height = page_box.content_box_y(), page_box.height
    bottom = top
    for box in children[0].descendants():
        if isinstance(box, (LineBox, ReplacedBox, TableRowBox)):
            bottom = max(bottom, box.position_y + box.margin_height())
    return float((bottom - top) / height) if height else None
