"""Report charts: matplotlib drawn straight onto a ``Figure`` (no pyplot), returned as inline SVG strings.

Why this shape:
- **Speed.** A report has about ten charts and a budget of 0.3 s. Axis ticks and one patch per bar are what
  make matplotlib slow, so every chart hides the axes, draws bars as one ``PolyCollection`` and places its
  own labels with ``ax.text``. Figures are created with ``matplotlib.figure.Figure`` (no global state).
- **Text stays text** (``svg.fonttype = none``): smaller, faster, selectable, and searchable in the PDF.
- **Deterministic output:** a fixed ``svg.hashsalt`` per chart, no date metadata, no XML prolog. Ids are
  prefixed with the chart id, so several SVGs can live in one HTML page without clashing.
- **Accessible:** every SVG gets ``role="img"`` and a ``<title>``/``<desc>`` pair for screen readers.
- **Colour-blind safe:** ColorBrewer RdBu for the Likert scale, red/orange/blue bands that differ in
  lightness too, Okabe-Ito for the leader/employee pair, and every colour is backed by a text label.
- **Inert user text:** labels are drawn with ``parse_math=False`` (a ``$`` in a department name is not
  mathtext) and matplotlib escapes ``<``/``&`` in SVG text.

All functions are pure: plain data in, one SVG string out. The drawing plumbing they share with the
sector charts (style, layout, legends, SVG serialisation) is in :mod:`lerende_scan.report.canvas`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
from markupsafe import Markup
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    FONT,
    GRID,
    INK,
    LINE,
    MUTED,
    Fmt,
    axes,
    figure,
    legend_lines,
    line_count,
    rect,
    row_positions,
    scale_axis,
    style,
    swatch_legend,
    text_width,
    tint,
    to_svg,
)

__all__ = [
    "FONT_PT",
    "LINE_PT",
    "BandStyle",
    "GapRow",
    "HeatGroup",
    "LikertChart",
    "LikertLabel",
    "LikertRow",
    "MeanRow",
    "PositionRow",
    "band_colours",
    "factor_overview",
    "gap_chart",
    "heatmap",
    "likert_bars",
    "position_chart",
    "wrap",
]

# --- palette ----------------------------------------------------------------------------------------
# Bands, low to high: ColorBrewer-style dark red, orange, blue. They also differ in lightness, so they stay
# apart for deuteranopes and in greyscale print.
_BAND_PALETTES: dict[int, list[str]] = {
    1: ["#2166ac"],
    2: ["#b2182b", "#2166ac"],
    3: ["#b2182b", "#e08214", "#2166ac"],
    4: ["#b2182b", "#e08214", "#67a9cf", "#2166ac"],
    5: ["#b2182b", "#e08214", "#fdb863", "#67a9cf", "#2166ac"],
}
_LIKERT_NEUTRAL = "#c8c8c8"
_OKABE_BLUE = "#0072b2"
_OKABE_ORANGE = "#e69f00"
_NO_BAND = "#888888"
_COMPANY = "#0072b2"  # Okabe-Ito blue: the company in position charts

_LABEL_CHARS = 44  # wrap width for item texts in the label column
_LIKERT_WIDTH = 6.75  # inches: a Likert chart, kept at its natural size so HTML labels can sit on it
_LIKERT_LABELS = 2.8  # inches: the empty column on the chart's left where the HTML item labels go

FONT_PT = FONT
LINE_PT = round(LINE * 72, 2)  # 10.8 pt: the line height chart labels are laid out with


@dataclass(frozen=True)
class BandStyle:
    """One band as a chart sees it: its label, its upper bound (None = open) and its colour."""

    label: str
    below: float | None
    colour: str


@dataclass(frozen=True)
class MeanRow:
    """A score with its 95% CI, e.g. one factor in the overview."""

    label: str
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    colour: str
    emphasis: bool = False


@dataclass(frozen=True)
class LikertRow:
    """One item: its (already wrapped or short) label and the share of each answer value, low to high."""

    label: str
    shares: Sequence[float] | None


@dataclass(frozen=True)
class LikertLabel:
    """An item label set as HTML text beside the Likert bars: its wrapped lines and its row's place."""

    lines: tuple[str, ...]
    top: float  # points from the top of the chart
    height: float  # points; the row of the bars has the same height

    @property
    def pad(self) -> float:
        """Points above the text that centre it vertically on its bar (line height: :data:`LINE_PT`)."""
        return round(max(self.height - len(self.lines) * LINE_PT, 0.0) / 2, 2)


@dataclass(frozen=True)
class LikertChart:
    """Diverging Likert bars as SVG, with the item labels as data for the template.

    The chart is ``width`` × ``height`` points and leaves its leftmost ``label_width`` points empty. The
    template shows it at that natural size and sets the labels there as HTML text (``FONT_PT`` size,
    ``LINE_PT`` line height, one line per entry of ``lines``), each row ``height`` high from ``top``, so
    label and bar share a row in the browser and on paper alike.
    """

    svg: Markup
    width: float  # points
    height: float  # points
    label_width: float  # points
    labels: tuple[LikertLabel, ...]


@dataclass(frozen=True)
class HeatGroup:
    """One group of a breakdown; ``values`` is None when the group is suppressed for anonymity."""

    label: str
    values: Sequence[float | None] | None
    note: str = ""  # a second header line, e.g. "n = 13"


@dataclass(frozen=True)
class GapRow:
    """One factor for two groups; ``gap`` is first minus second as the scorer computed it."""

    label: str
    first: float | None
    second: float | None
    gap: float | None


@dataclass(frozen=True)
class PositionRow:
    """The company's score against the sector's quartile band and median."""

    label: str
    value: float | None
    p25: float | None
    median: float | None
    p75: float | None


def band_colours(n: int) -> list[str]:
    """Colours for ``n`` bands ordered from low to high."""
    if n in _BAND_PALETTES:
        return list(_BAND_PALETTES[n])
    cmap = mpl.colormaps["RdBu"]
    return [mpl.colors.to_hex(cmap(0.05 + 0.9 * i / max(n - 1, 1))) for i in range(n)]


def colour_for(score: float | None, bands: Sequence[BandStyle]) -> str:
    """The colour of the band a score falls in (grey when missing or without bands)."""
    if score is None:
        return _NO_BAND
    for band in bands:
        if band.below is None or score < band.below:
            return band.colour
    return _NO_BAND


def band_zones(
    ax: Any,
    bands: Sequence[BandStyle],
    lo: float,
    hi: float,
    total: float,
    *,
    label_y: float,
    alpha: float,
    thresholds: bool,
) -> None:
    """Shade each band's score range behind the data, label it on top, and optionally dash its upper bound.

    Shared by the factor overview and the sector distribution chart, so both read the bands the same way.
    """
    start = lo
    lines: list[list[tuple[float, float]]] = []
    colours: list[str] = []
    for band in bands:
        end = hi if band.below is None else float(band.below)
        ax.add_patch(
            mpl.patches.Rectangle(
                (start, 0), end - start, total, color=band.colour, alpha=alpha, lw=0, zorder=0
            )
        )
        ax.text(
            (start + end) / 2,
            label_y,
            band.label,
            ha="center",
            va="bottom",
            color=band.colour,
            fontweight="bold",
        )
        if band.below is not None:
            lines.append([(end, 0), (end, total)])
            colours.append(band.colour)
        start = end
    if thresholds:
        ax.add_collection(LineCollection(lines, colors=colours, linestyles="dashed", linewidths=0.8))


def wrap(text: str, width: int = _LABEL_CHARS) -> str:
    """Wrap a label on word boundaries. A word longer than ``width`` is split with a hyphen rather than
    cut off or allowed to run into its neighbour."""
    flat = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()  # keeps no-break spaces: "n\u00a0=\u00a05"
    pieces = []
    for word in flat.split(" "):
        while len(word) > width > 2:
            pieces.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        pieces.append(word)
    lines = textwrap.wrap(" ".join(pieces), width=width, break_long_words=True, break_on_hyphens=False)
    return "\n".join(lines) or " "


def _likert_colours(points: int) -> list[str]:
    """Diverging RdBu colours for a ``points``-point scale; the middle of an odd scale is neutral grey."""
    cmap = mpl.colormaps["RdBu"]
    colours = [mpl.colors.to_hex(cmap(0.08 + 0.84 * i / max(points - 1, 1))) for i in range(points)]
    if points % 2:
        colours[points // 2] = _LIKERT_NEUTRAL
    return colours


# --- plumbing ---------------------------------------------------------------------------------------
def _by_colour(shapes: Sequence[Any], colours: Sequence[str]) -> tuple[list[Any], list[str]]:
    """Shapes and colours reordered so equal colours are adjacent (first-seen colour order), which lets
    :func:`~lerende_scan.report.canvas.to_svg` merge each colour into one path."""
    order = {c: i for i, c in reversed(list(enumerate(colours)))}
    pairs = sorted(zip(shapes, colours, strict=True), key=lambda p: order[p[1]])
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _dots(ax: Axes, dots: Sequence[tuple[float, float, str]], marker: str, size: float) -> None:
    """Markers for many rows in one artist (one ``plot`` call per row is what makes charts slow)."""
    xs, ys, colours = zip(*dots, strict=True)
    ax.scatter(
        xs,
        ys,
        s=size,
        c=list(colours),
        marker=marker,
        edgecolors="white",
        linewidths=0.8,
        zorder=5,
        clip_on=False,
    )


def _scale_rows(
    labels: Sequence[str], scale: tuple[float, float], *, pad: float, top: float, bottom: float, right: float
) -> tuple[Any, Any, list[float], float, float]:
    """Figure and axes for one row per (wrapped) label along a score scale, top row first.

    Returns ``fig, ax, centres, total, height``; call it inside ``style()``.
    """
    centres, _, total = row_positions(labels, pad=pad)
    height = total + top + bottom
    lo, hi = scale
    fig = figure(height)
    ax = axes(fig, height, left=2.0, right=right, top=top, bottom=bottom)
    ax.set_xlim(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
    ax.set_ylim(total, 0)
    return fig, ax, centres, total, height


# --- charts -----------------------------------------------------------------------------------------
def factor_overview(
    rows: Sequence[MeanRow],
    bands: Sequence[BandStyle],
    scale: tuple[float, float],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    tick: Fmt,
) -> Markup:
    """Each factor's mean with its 95% CI as a dot and whisker, coloured by band, on shaded band zones."""
    labels = [wrap(r.label, 30) for r in rows]
    lo, hi = scale
    with style():
        fig, ax, centres, total, _ = _scale_rows(labels, scale, pad=0.14, top=0.32, bottom=0.3, right=0.55)
        band_zones(ax, bands, lo, hi, total, label_y=-0.08, alpha=0.10, thresholds=True)
        scale_axis(ax, lo, hi, total, tick)
        whiskers: list[list[tuple[float, float]]] = []
        whisker_colours: list[str] = []
        for label, row, y in zip(labels, rows, centres, strict=True):
            weight = "bold" if row.emphasis else "normal"
            ax.text(lo - 0.08 * (hi - lo), y, label, ha="right", va="center", color=INK, fontweight=weight)
            if row.mean is None:
                continue
            if row.ci_low is not None and row.ci_high is not None:
                whiskers += [
                    [(row.ci_low, y), (row.ci_high, y)],
                    [(row.ci_low, y - 0.06), (row.ci_low, y + 0.06)],
                    [(row.ci_high, y - 0.06), (row.ci_high, y + 0.06)],
                ]
                whisker_colours += [row.colour] * 3
            ax.text(
                hi + 0.07 * (hi - lo), y, fmt(row.mean), ha="left", va="center", color=INK, fontweight="bold"
            )
        whiskers, whisker_colours = _by_colour(whiskers, whisker_colours)
        ax.add_collection(LineCollection(whiskers, colors=whisker_colours, linewidths=1.4))
        for emphasis, marker, size in ((False, "o", 44), (True, "D", 70)):
            dots = [
                (r.mean, y, r.colour)
                for r, y in zip(rows, centres, strict=True)
                if r.mean is not None and r.emphasis == emphasis
            ]
            if dots:
                _dots(ax, dots, marker, size)
        return to_svg(fig, chart_id, title, desc)


def likert_bars(
    rows: Sequence[LikertRow],
    scale_labels: Sequence[str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    pct: Fmt,
) -> LikertChart:
    """Diverging stacked bars: disagreement left of zero, the neutral answer centred on zero, agreement
    right of it; the totals of both sides are printed at the bar ends.

    The chart draws bars, axis, percentages and legend, but not the item labels: they come back as data
    for the template to set as HTML text in the chart's empty left column (see :class:`LikertChart`).
    Item texts were most of a report's chart text, and WeasyPrint lays out SVG text one glyph at a time.
    """
    points = len(scale_labels)
    colours = _likert_colours(points)
    mid = points // 2
    odd = points % 2 == 1
    wrapped = [wrap(r.label) for r in rows]
    centres, heights, total = row_positions(wrapped, pad=0.08)
    top, bottom = 0.12 + 0.2 * legend_lines(scale_labels, _LIKERT_WIDTH), 0.3
    height = total + top + bottom
    with style():
        fig = figure(height, _LIKERT_WIDTH)
        ax = axes(fig, height, left=_LIKERT_LABELS + 0.3, right=0.1, top=top, bottom=bottom)
        ax.set_xlim(-1.04, 1.04)
        ax.set_ylim(total, 0)
        ax.add_collection(
            LineCollection([[(x, 0), (x, total)] for x in (-1, -0.5, 0.5, 1)], colors=GRID, linewidths=0.6)
        )
        for x in (-1, -0.5, 0, 0.5, 1):
            ax.text(x, total + 0.06, pct(abs(x)), ha="center", va="top", color=MUTED, parse_math=False)
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        for row, y in zip(rows, centres, strict=True):
            if row.shares is None:
                continue
            shares = list(row.shares)
            neutral = shares[mid] if odd else 0.0
            low = sum(shares[:mid])
            high = sum(shares[mid + 1 :] if odd else shares[mid:])
            x = -neutral / 2 - low
            for share, colour in zip(shares, colours, strict=True):
                if share > 0:
                    verts.append(rect(x, x + share, y, 0.09))
                    faces.append(colour)
                x += share
            for at, text, align in (
                (-neutral / 2 - low - 0.02, low, "right"),
                (neutral / 2 + high + 0.02, high, "left"),
            ):
                ax.text(
                    at,
                    y,
                    pct(text),
                    ha=align,
                    va="center",
                    color=MUTED,
                    fontsize=FONT - 1,
                    parse_math=False,
                )
        verts, faces = _by_colour(verts, faces)
        ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="white", linewidths=0.4))
        ax.vlines(0, 0, total, colors=INK, linewidth=0.8)
        # The legend stays in the chart: a line of SVG text costs WeasyPrint less than the HTML elements
        # of a legend (measured), and it is the same on every factor page.
        swatch_legend(fig, height, list(zip(scale_labels, colours, strict=True)))
        svg = to_svg(fig, chart_id, title, desc)
    labels = tuple(
        LikertLabel(tuple(text.split("\n")), round((top + y - h / 2) * 72, 2), round(h * 72, 2))
        for text, y, h in zip(wrapped, centres, heights, strict=True)
    )
    return LikertChart(
        svg, round(_LIKERT_WIDTH * 72, 2), round(height * 72, 2), round(_LIKERT_LABELS * 72, 2), labels
    )


def heatmap(
    columns: Sequence[HeatGroup],
    rows: Sequence[str],
    bands: Sequence[BandStyle],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    suppressed_text: str,
) -> Markup:
    """Factors (rows) × groups (columns), each cell tinted by its band and showing the score.

    ``columns`` are the groups: their label and one value per row, or ``values=None`` when the group is
    suppressed for anonymity; then every cell of that column shows ``suppressed_text`` (e.g. "n < 5"),
    hatched: never blank, never a number. Factor names are long, so they go on the rows; group names are
    wrapped to the column width (long words are split rather than overlapping the neighbours).
    """
    left, right = 2.0, 0.05
    ncol = max(len(columns), 1)
    col_width = (FIG_WIDTH - left - right) / ncol
    chars = max(4, int(col_width / (text_width("abcdefghijklmnopqrstuvwxyz") / 26)) - 1)
    col_labels = [wrap(c.label, chars) + (f"\n{c.note}" if c.note else "") for c in columns]
    row_labels = [wrap(r, 28) for r in rows]
    head = max((line_count(c) for c in col_labels), default=1) * LINE + 0.12
    centres, heights, total = row_positions(row_labels, pad=0.1)
    height = total + head + 0.08
    digits_fit = col_width >= 0.45
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=left, right=right, top=head, bottom=0.08)
        ax.set_xlim(0, ncol)
        ax.set_ylim(total, 0)
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        hatched: list[list[tuple[float, float]]] = []
        for j, label in enumerate(col_labels):
            ax.text(j + 0.5, -0.06, label, ha="center", va="bottom", color=INK, parse_math=False)
        for i, (label, y, h) in enumerate(zip(row_labels, centres, heights, strict=True)):
            ax.text(-0.08 / col_width, y, label, ha="right", va="center", color=INK)
            for j, col in enumerate(columns):
                cell = [
                    (j + 0.03, y - h / 2 + 0.02),
                    (j + 0.97, y - h / 2 + 0.02),
                    (j + 0.97, y + h / 2 - 0.02),
                    (j + 0.03, y + h / 2 - 0.02),
                ]
                if col.values is None:
                    hatched.append(cell)
                    ax.text(
                        j + 0.5, y, suppressed_text, ha="center", va="center", color=INK, fontstyle="italic"
                    )
                    continue
                value = col.values[i]
                verts.append(cell)
                faces.append(mpl.colors.to_hex(tint(colour_for(value, bands))))
                text = "–" if value is None else (fmt(value) if digits_fit else fmt(round(value, 1)))
                ax.text(j + 0.5, y, text, ha="center", va="center", color=INK, fontweight="bold")
        verts, faces = _by_colour(verts, faces)
        ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none"))
        if hatched:
            ax.add_collection(
                PolyCollection(
                    hatched, facecolors="#f4f4f4", edgecolors="#c8c8c8", linewidths=0.5, hatch="///"
                )
            )
        return to_svg(fig, chart_id, title, desc)


def gap_chart(
    rows: Sequence[GapRow],
    scale: tuple[float, float],
    legend: tuple[str, str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    signed: Fmt,
) -> Markup:
    """A dumbbell per factor: leaders (blue circle) and employees (orange square), the gap printed right."""
    labels = [wrap(r.label, 30) for r in rows]
    lo, hi = scale
    with style():
        fig, ax, centres, total, height = _scale_rows(
            labels, scale, pad=0.16, top=0.35, bottom=0.3, right=0.7
        )
        scale_axis(ax, lo, hi, total, fmt)
        links: list[list[tuple[float, float]]] = []
        for label, row, y in zip(labels, rows, centres, strict=True):
            ax.text(lo - 0.08 * (hi - lo), y, label, ha="right", va="center", color=INK, parse_math=False)
            if row.gap is not None:
                ax.text(
                    hi + 0.08 * (hi - lo),
                    y,
                    signed(row.gap),
                    ha="left",
                    va="center",
                    color=INK,
                    fontweight="bold",
                )
            if row.first is not None and row.second is not None:
                links.append([(row.first, y), (row.second, y)])
        ax.add_collection(LineCollection(links, colors=MUTED, linewidths=1.4))
        firsts = [
            (r.first, y, _OKABE_BLUE) for r, y in zip(rows, centres, strict=True) if r.first is not None
        ]
        seconds = [
            (r.second, y, _OKABE_ORANGE) for r, y in zip(rows, centres, strict=True) if r.second is not None
        ]
        # Leaders as the larger circle underneath, so equal scores still show both markers.
        if firsts:
            _dots(ax, firsts, "o", 85)
        if seconds:
            _dots(ax, seconds, "s", 34)
        _marker_legend(fig, height, [(legend[0], "o", _OKABE_BLUE), (legend[1], "s", _OKABE_ORANGE)])
        return to_svg(fig, chart_id, title, desc)


def _marker_legend(fig: Figure, height: float, entries: Sequence[tuple[str, str, str]]) -> None:
    x = 2.0
    y = (height - 0.15) / height
    for label, marker, colour in entries:
        fig.lines.append(
            mpl.lines.Line2D(
                [x / FIG_WIDTH],
                [y],
                marker=marker,
                color=colour,
                markersize=6.5,
                transform=fig.transFigure,
                linestyle="none",
            )
        )
        fig.text((x + 0.12) / FIG_WIDTH, y, label, va="center", ha="left", color=INK, parse_math=False)
        x += 0.45 + text_width(label)


def position_chart(
    rows: Sequence[PositionRow],
    scale: tuple[float, float],
    legend: tuple[str, str, str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    right_labels: Sequence[str],
) -> Markup:
    """The company's score (blue dot) against the sector's P25–P75 band (grey) and median (bar)."""
    labels = [wrap(r.label, 30) for r in rows]
    lo, hi = scale
    with style():
        fig, ax, centres, total, height = _scale_rows(
            labels, scale, pad=0.16, top=0.35, bottom=0.3, right=0.8
        )
        scale_axis(ax, lo, hi, total, fmt)
        verts: list[list[tuple[float, float]]] = []
        medians: list[list[tuple[float, float]]] = []
        for label, row, y, right in zip(labels, rows, centres, right_labels, strict=True):
            ax.text(lo - 0.08 * (hi - lo), y, label, ha="right", va="center", color=INK, parse_math=False)
            if row.p25 is not None and row.p75 is not None:
                verts.append(rect(row.p25, row.p75, y, 0.1))
            if row.median is not None:
                medians.append([(row.median, y - 0.14), (row.median, y + 0.14)])
            ax.text(hi + 0.08 * (hi - lo), y, right, ha="left", va="center", color=INK, parse_math=False)
        ax.add_collection(PolyCollection(verts, facecolors="#d0d0d0", edgecolors="none", zorder=1))
        ax.add_collection(LineCollection(medians, colors=INK, linewidths=1.6, zorder=2))
        dots = [(r.value, y, _COMPANY) for r, y in zip(rows, centres, strict=True) if r.value is not None]
        if dots:
            _dots(ax, dots, "o", 56)
        x = 2.0
        y = (height - 0.15) / height
        fig.lines.append(
            mpl.lines.Line2D(
                [x / FIG_WIDTH],
                [y],
                marker="o",
                color=_OKABE_BLUE,
                markersize=6.5,
                transform=fig.transFigure,
                linestyle="none",
            )
        )
        fig.text((x + 0.12) / FIG_WIDTH, y, legend[0], va="center", color=INK, parse_math=False)
        x += 0.45 + text_width(legend[0])
        fig.patches.append(
            mpl.patches.Rectangle(
                ((x - 0.08) / FIG_WIDTH, y - 0.05 / height),
                0.25 / FIG_WIDTH,
                0.1 / height,
                transform=fig.transFigure,
                facecolor="#d0d0d0",
            )
        )
        fig.text((x + 0.22) / FIG_WIDTH, y, legend[1], va="center", color=INK, parse_math=False)
        x += 0.6 + text_width(legend[1])
        fig.lines.append(
            mpl.lines.Line2D(
                [x / FIG_WIDTH] * 2,
                [y - 0.07 / height, y + 0.07 / height],
                color=INK,
                linewidth=1.6,
                transform=fig.transFigure,
            )
        )
        fig.text((x + 0.1) / FIG_WIDTH, y, legend[2], va="center", color=INK, parse_math=False)
        return to_svg(fig, chart_id, title, desc)
