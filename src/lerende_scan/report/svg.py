"""A chart figure as the inline SVG a report embeds: unique ids, a title and description for screen
readers, and matplotlib's output trimmed of what costs WeasyPrint time per node without changing a pixel
(wrapper groups, CSS in style attributes, identity transforms, one path per shape)."""

from __future__ import annotations

import functools
import io
import re
import warnings
from typing import Any

import matplotlib as mpl
from markupsafe import Markup, escape
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

from lerende_scan.report.canvas import chart_text

__all__ = ["to_svg"]

_ID_ATTR = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_STYLE = re.compile(r"\s*<defs>\s*<style[^>]*>.*?</style>\s*</defs>", re.S)
_NO_ROTATION = re.compile(r' transform="rotate\(-?0 [^"]*\)"')
_SIZE = re.compile(r'<svg ([^>]*?)width="([\d.]+)pt" height="([\d.]+)pt"')
_GROUP = re.compile(r"<g\b[^>]*>|</g>")
_BARE_GROUP = re.compile(r'<g id="[^"]*">')
_STYLE_ATTR = re.compile(r'style="([^"]*)"')
_BETWEEN_TAGS = re.compile(r">\s+<")
_PATH_RUN = re.compile(r'(?:<path d="[^"]*"[^>]*/>)+')
_PATH = re.compile(r'<path d="([^"]*)"([^>]*)/>')


@functools.lru_cache(maxsize=8192)
def _text_metrics(text: str, prop: FontProperties, ismath: Any) -> tuple[float, float, float]:
    """Width, height and descent of a chart text in points, as the SVG renderer measures it."""
    width, height, descent = text_to_path.get_text_width_height_descent(text, prop, ismath)
    return width, height, descent


def _shared_text_metrics(
    renderer: RendererSVG, text: str, prop: FontProperties, ismath: Any
) -> tuple[float, float, float]:
    """``RendererSVG.get_text_width_height_descent`` with one cache for the whole process.

    matplotlib caches text metrics per renderer, and every ``savefig`` makes a new one, so each chart
    measured its labels again in FreeType: scale labels, factor names and statements recur in every chart
    of every report (a third of the HTML time of a company report). The SVG renderer's metrics depend on
    the text and font alone (its ``TextToPath`` has no state), so sharing them changes no output.
    ``prop`` is copied because a ``FontProperties`` is mutable and hashed by its current values."""
    return _text_metrics(text, prop.copy(), ismath)


RendererSVG.get_text_width_height_descent = _shared_text_metrics  # type: ignore[method-assign]


def _flatten_groups(svg: str) -> str:
    """Drop the ``<g id="...">`` wrapper matplotlib puts around every artist (groups that carry a
    transform, clip or style stay). Half of a chart's nodes are such wrappers, and WeasyPrint cascades
    and draws every node."""
    kept: list[bool] = []

    def tag(match: re.Match[str]) -> str:
        if match[0] == "</g>":
            return match[0] if kept.pop() else ""
        keep = _BARE_GROUP.fullmatch(match[0]) is None
        kept.append(keep)
        return match[0] if keep else ""

    return _GROUP.sub(tag, svg)


def _merge_paths(run: re.Match[str]) -> str:
    """Consecutive ``<path>`` elements with identical attributes (same fill, stroke, width) as one path
    of several subpaths: the same pixels, but WeasyPrint pays per element, and a Likert chart's 25 bar
    segments become five paths. Builders emit shapes grouped by colour (:func:`by_colour`)
    so that same-coloured shapes are neighbours; shapes of one colour do not overlap, so draw order is kept.
    Hatched cells merge too (a pattern fill costs WeasyPrint most per element); the hatch lines then
    start at another phase inside each cell, the only pixels that change."""
    merged: list[tuple[list[str], str]] = []
    for d, attrs in _PATH.findall(run[0]):
        if merged and merged[-1][1] == attrs:
            merged[-1][0].append(d)
        else:
            merged.append(([d], attrs))
    return "".join(f'<path d="{" ".join(" ".join(ds).split())}"{attrs}/>' for ds, attrs in merged)


def _presentation_attributes(match: re.Match[str]) -> str:
    """``style="fill: #fff; stroke-width: 0.4"`` as ``fill="#fff" stroke-width="0.4"``: the same
    rendering, but WeasyPrint reads attributes directly instead of running a CSS parser per node."""
    declarations = (d.partition(":") for d in match[1].split(";"))
    return " ".join(f'{k.strip()}="{v.strip()}"' for k, _, v in declarations if k.strip() and v.strip())


def to_svg(fig: Figure, chart_id: str, title: str, desc: str) -> Markup:
    """Serialise a figure as inline SVG with unique ids and a screen-reader title and description."""
    # Every chart draws inside its axes limits by construction, so clipping to the axes only adds a
    # clip path to each element (more work for WeasyPrint, nothing visible).
    # Labels come from questionnaires and survey data: draw them as text_width measured them.
    for label in [a for a in (*fig.texts, *fig.artists) if isinstance(a, Text)]:
        raw = label.get_text()
        clean = chart_text(raw)
        if clean != raw:
            label.set_text(clean)
    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": chart_id}), warnings.catch_warnings():
        # A character the chart font lacks (an emoji in a department name) is drawn as a box; matplotlib's
        # warning about it would print the user's text raw on the terminal.
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = _PROLOG.sub("", svg, count=1)
    svg = _METADATA.sub("", svg, count=1)
    # matplotlib's global "*{stroke-linejoin}" rule would leak into the HTML page; the defaults suffice.
    svg = _STYLE.sub("", svg, count=1)
    # Identity transforms on every text, a wrapper group per artist, CSS in style attributes and the
    # indentation: all cost WeasyPrint time per node and change nothing on screen or paper.
    svg = _NO_ROTATION.sub("", svg)
    svg = _flatten_groups(svg)
    svg = _STYLE_ATTR.sub(_presentation_attributes, svg)
    svg = _BETWEEN_TAGS.sub("><", svg)
    svg = _PATH_RUN.sub(_merge_paths, svg)
    svg = _ID_ATTR.sub(lambda m: f'id="{chart_id}-{m[1]}"', svg)
    svg = _HREF.sub(lambda m: f'href="#{chart_id}-{m[1]}"', svg)
    svg = _URL_REF.sub(lambda m: f"url(#{chart_id}-{m[1]})", svg)
    head = (
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'preserveAspectRatio="xMinYMin meet" \\1width="\\2pt" height="\\3pt"'
    )
    svg = _SIZE.sub(head, svg, count=1)
    close = svg.index(">", svg.index("<svg")) + 1
    a11y = (
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )
    # Safe: matplotlib escapes all SVG text, and the title and description are escaped above.
    return Markup(svg[:close] + a11y + svg[close:].rstrip() + "\n")  # noqa: S704
