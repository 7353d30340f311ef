"""The sector report's heatmap: organisations (rows, by code, with their n) × factors, under a sector row,
cells tinted by band. Up to :data:`CELL_LABEL_MAX` organisations the cells show their scores and the rows
grow to fill the page; above it the cells are colour only (the numbers are in ``benchmark.json``) and the
caller splits the list over pages of :func:`heatmap_capacity` rows.

The organisations' rows hold nearly all of the chart's text (500 codes and n's in a large sector): they
are written straight into the SVG (:func:`_row_texts`), since a matplotlib text artist each is what made
the chart slow; headers, legend and cells are drawn by matplotlib like every other chart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
from markupsafe import Markup, escape
from matplotlib.collections import PolyCollection

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    LINE,
    Fmt,
    axes,
    by_colour,
    figure,
    fit_headers,
    legend_lines,
    line_count,
    rect,
    style,
    swatch_legend,
    text_width,
    wrap,
)
from lerende_scan.report.charts.bands import BandStyle, colour_for
from lerende_scan.report.palette import INK, tint
from lerende_scan.report.svg import to_svg

__all__ = ["CELL_LABEL_MAX", "HeatRow", "company_heatmap", "heatmap_capacity"]

CELL_LABEL_MAX = 40
"""Up to this many companies a heatmap cell shows its score; above it the cell is colour only."""

_FONT_FAMILY = re.compile(r'<text [^>]*?font-family="([^"]*)"')
_BOLD = ' font-weight="700"'
_HEAD_FONT = 6.5  # heatmap column headers: long Dutch factor names in narrow columns
_N_WIDTH = 0.4  # the heatmap's n column, inches
_INDEX_GAP = 0.15  # between the factors and the index column, in column units
_SECTOR_GAP = 0.4  # below the heatmap's sector row, in rows
_ROW_LABELLED = 0.19  # the least height of a heatmap row with numbers, inches
_ROW_COLOUR = 0.125  # a heatmap row without numbers, inches
_ROW_TALLEST = 0.42  # a few organisations' rows grow up to this, so the heatmap fills its page


@dataclass(frozen=True)
class HeatRow:
    """One company (or the sector): its label (code, or code and name), its n as text, one value per
    column; ``emphasis`` for the sector row (bold, numbers always shown)."""

    label: str
    n: str
    values: Sequence[float | None]
    emphasis: bool = False


@dataclass(frozen=True)
class _HeatLayout:
    """Where a heatmap's parts go, in inches (column units for ``col_width``)."""

    col_labels: list[str]
    col_width: float
    left: float
    head: float
    font: float  # the column headers' size, points


def _heat_layout(columns: Sequence[str], bands: Sequence[BandStyle], label_width: float) -> _HeatLayout:
    ncol = max(len(columns), 1)
    left = label_width + _N_WIDTH + 0.1
    col_width = (FIG_WIDTH - left - 0.05) / (ncol + _INDEX_GAP)
    col_labels, font = fit_headers(columns, col_width, _HEAD_FONT)
    legend_h = 0.2 * legend_lines([b.label for b in bands]) + 0.08
    head = max((line_count(c) for c in col_labels), default=1) * LINE * font / 7.2 + 0.1 + legend_h
    return _HeatLayout(col_labels, col_width, left, head, font)


def heatmap_capacity(
    height: float, columns: Sequence[str], bands: Sequence[BandStyle], *, label_width: float = 0.5
) -> int:
    """How many company rows (without numbers) fit a heatmap of ``height`` inches with its sector row."""
    layout = _heat_layout(columns, bands, label_width)
    return max(1, int((height - layout.head - 0.06) / _ROW_COLOUR) - 2)


def company_heatmap(
    rows: Sequence[HeatRow],
    columns: Sequence[str],
    bands: Sequence[BandStyle],
    *,
    sector: HeatRow | None,
    n_header: str,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    cell_labels: bool,
    label_width: float = 0.5,
    height: float | None = None,
) -> Markup:
    """Companies (rows, in the given order) × factors (columns), each cell tinted by the band of its score,
    with each row's n beside its label and the ``sector`` row on top, set apart and in bold.

    With ``cell_labels`` every cell shows its score and rows grow (up to 0.42 in) to fill ``height``;
    without, rows are packed tight and the colour alone shows the pattern. The last column is set apart
    (it is the index). ``label_width`` is the row-label column in inches (wider when names are shown).
    """
    ncol = max(len(columns), 1)
    layout = _heat_layout(columns, bands, label_width)
    lines = len(rows) + (1 + _SECTOR_GAP if sector else 0)
    row_h = _ROW_COLOUR
    if cell_labels:
        room = (height - layout.head - 0.06) / max(lines, 1) if height else _ROW_LABELLED
        row_h = min(_ROW_TALLEST, max(_ROW_LABELLED, room))
    row_chars = max(6, int(label_width / (text_width("abcdefghijklmnopqrstuvwxyz", 7.0) / 26)) - 1)
    total = max(lines, 1) * row_h
    fig_h = total + layout.head + 0.06
    size = 7.0 if cell_labels else 6.0
    with style():
        fig = figure(fig_h)
        ax = axes(fig, fig_h, left=layout.left, right=0.05, top=layout.head, bottom=0.06)
        ax.set_xlim(0, ncol + _INDEX_GAP)
        ax.set_ylim(total, 0)
        xs = [j + (_INDEX_GAP if j == ncol - 1 else 0.0) for j in range(ncol)]
        unit = 1 / layout.col_width  # one inch in column units
        for x, label in zip(xs, layout.col_labels, strict=True):
            ax.text(x + 0.5, -0.05, label, ha="center", va="bottom", color=INK, fontsize=layout.font)
        ax.text(-0.1 * unit, -0.05, n_header, ha="right", va="bottom", color=INK, fontsize=_HEAD_FONT)
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        tints: dict[str, str] = {}
        offset = (1 + _SECTOR_GAP) * row_h if sector else 0.0
        placed = [(row, offset + (i + 0.5) * row_h) for i, row in enumerate(rows)]
        for row, y in [*([(sector, 0.5 * row_h)] if sector else []), *placed]:
            for x, value in zip(xs, row.values, strict=True):
                verts.append(rect(x + 0.02, x + 0.98, y, row_h / 2 - 0.01))
                colour = colour_for(value, bands)
                faces.append(tints.setdefault(colour, mpl.colors.to_hex(tint(colour, 0.35))))
        # The organisations' rows hold most of the chart's text (500 codes, n's and scores): written
        # straight into the SVG (:func:`_row_texts`) rather than laid out by matplotlib one by one.
        marks: list[tuple[float, float, str, str, bool]] = []
        for row, y in [*([(sector, 0.5 * row_h)] if sector else []), *placed]:
            label = wrap(row.label, row_chars).split("\n")[0]
            bold = row.emphasis
            marks += [(-(_N_WIDTH + 0.1) * unit, y, label, "end", bold), (-0.1 * unit, y, row.n, "end", bold)]
            if cell_labels or bold:
                marks += [
                    (x + 0.5, y, "–" if v is None else fmt(v), "middle", bold)
                    for x, v in zip(xs, row.values, strict=True)
                ]
        verts, faces = by_colour(verts, faces)
        ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none"))
        swatch_legend(fig, fig_h, [(b.label, mpl.colors.to_hex(tint(b.colour, 0.35))) for b in bands])
        svg = to_svg(fig, chart_id, title, desc)
    points = [
        ((layout.left + x * layout.col_width) * 72, (layout.head + y) * 72, t, a, b)
        for x, y, t, a, b in marks
    ]
    return _row_texts(svg, points, size)


def _row_texts(svg: Markup, marks: Sequence[tuple[float, float, str, str, bool]], size: float) -> Markup:
    """``svg`` with a ``<text>`` per mark (x and the row's centre in points from the top left, the text,
    its text-anchor, bold or not), in the font matplotlib wrote the chart's other texts in, centred on
    the row by the height of digits and capitals (the baseline 0.36 em below the centre)."""
    raw = str(svg)  # plain text: Markup + str would escape the new elements
    found = _FONT_FAMILY.search(raw)
    family = found[1] if found else "sans-serif"
    body = "".join(
        f'<text{_BOLD if bold else ""} font-size="{size:g}px" font-family="{family}" text-anchor="{anchor}"'
        f' fill="{INK}" x="{x:.3f}" y="{y + 0.36 * size:.3f}">{escape(text)}</text>'
        for x, y, text, anchor, bold in marks
    )
    close = raw.rindex("</svg>")
    # Safe: the font family is matplotlib's own attribute value and every text is escaped above.
    return Markup(raw[:close] + body + raw[close:])  # noqa: S704
