"""Whole-string SVG text for WeasyPrint: one Pango layout per ``<text>``, not one per code point.

WeasyPrint (up to 70 at least) lays out and draws SVG text code point by code point, so that per-glyph
``x``/``y``/``dx``/``dy``/``rotate`` lists work, even when a text has none of them. For a report's ~280 chart
labels that is ~2,000 Pango layouts, and drawing them whole makes the PDF 8% faster (0.87 -> 0.80 CPU-s
for a 14-page report). Letter by letter also pulls combining accents apart: a department "Één" exported
in decomposed form came out as "E´e´n" (Kozea/WeasyPrint#2249). :func:`install` applies the fix
proposed in that issue: a text without glyph-specific positioning is shaped and drawn as a whole, with
kerning; any other text goes to WeasyPrint's own function unchanged.

It replaces one function in WeasyPrint's SVG renderer, so it is installed only on the WeasyPrint version
it was checked against (tests compare where every word lands with WeasyPrint's own drawing); on any
other version WeasyPrint draws as it always does.
"""

from __future__ import annotations

import importlib
from math import inf
from typing import Any

import weasyprint
import weasyprint.svg as svg_module
from weasyprint.css.properties import INITIAL_VALUES
from weasyprint.draw.text import draw_emojis, draw_first_line
from weasyprint.matrix import Matrix
from weasyprint.svg.bounding_box import extend_bounding_box
from weasyprint.svg.utils import normalize, size
from weasyprint.text.line_break import split_first_line

__all__ = ["CHECKED_VERSIONS", "install", "installed"]

CHECKED_VERSIONS = ("70.",)
_upstream_module = importlib.import_module("weasyprint.svg.text")
_upstream = _upstream_module.text
_PER_GLYPH = ("dx", "dy", "rotate", "textLength", "letter-spacing")
_WEIGHTS = {"normal": 400, "bold": 700}
# dominant-baseline / alignment-baseline shifts as WeasyPrint computes them, in units of the font size.
_ASCENT, _DESCENT = 0.8, 0.2
_BELOW = ("text-before-edge", "before_edge", "top", "hanging", "text-top")
_ABOVE = ("text-after-edge", "after_edge", "bottom", "text-bottom")


def _single(node: Any, name: str) -> list[str] | None:
    """The values of a coordinate attribute, or None when it has more than one (per-glyph positions)."""
    values = normalize(node.attrib.get(name, "")).split()
    return values if len(values) <= 1 else None


def text(svg: Any, node: Any, font_size: float) -> None:
    """Draw an SVG text node; whole when nothing positions its glyphs one by one, else as WeasyPrint does."""
    xs, ys = _single(node, "x"), _single(node, "y")
    if not node.text or xs is None or ys is None or any(node.get(name) for name in _PER_GLYPH):
        _upstream(svg, node, font_size)
        return

    style = _upstream_module.Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [f.strip("\"'") for f in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    weight = node.get("font-weight", 400)
    try:
        style["font_weight"] = _WEIGHTS.get(weight) or int(weight)
    except ValueError:
        style["font_weight"] = 400
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)

    y_align = 0.0
    anchor = node.get("display-anchor")
    alignment = node.get("dominant-baseline", node.get("alignment-baseline"))
    if anchor == "middle":
        y_align = -height / 2
    elif anchor == "bottom":
        y_align = -height
    elif anchor == "top":
        pass
    elif alignment in ("central", "middle"):
        y_align = font_size * ((_ASCENT + _DESCENT) / 2 - _DESCENT)
    elif alignment in _BELOW:
        y_align = font_size * _ASCENT
    elif alignment in _ABOVE:
        y_align = -font_size * _DESCENT

    if xs:
        svg.cursor_d_position[0] = 0
    if ys:
        svg.cursor_d_position[1] = 0
    x = size(xs[0], font_size, svg.inner_width) if xs else svg.cursor_position[0]
    y = size(ys[0], font_size, svg.inner_height) if ys else svg.cursor_position[1]
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + y_align
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = _upstream_module.TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def installed() -> bool:
    """Whether WeasyPrint's SVG renderer draws text with :func:`text`."""
    return svg_module.text is text


def install() -> bool:
    """Make WeasyPrint draw SVG text with :func:`text`, on a checked version only; returns whether it does.

    WeasyPrint looks the function up in its tag table and compares text nodes against its module-level
    name (text-anchor handling), so both are replaced.
    """
    if installed():
        return True
    tags = svg_module.TAGS
    keys = [key for key, function in tags.items() if function is _upstream]
    checked = weasyprint.__version__.startswith(CHECKED_VERSIONS)
    if not checked or svg_module.text is not _upstream or not keys:
        return False
    svg_module.text = text
    for key in keys:
        tags[key] = text
    return True
