"""The diverging Likert chart of a factor page: one stacked bar per item, with the item labels as data for
the template to set as HTML text beside the bars.

The caller passes each statement's answer shares in the favourable direction (a reverse-keyed
statement's shares turned round), so favourable is always blue and on the right, and the totals printed at
the bar ends are the unfavourable and favourable shares of the questionnaire's cut-offs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from matplotlib.collections import LineCollection, PolyCollection

from lerende_scan.report.canvas import (
    FONT,
    LINE_PT,
    Fmt,
    axes,
    by_colour,
    figure,
    legend_lines,
    rect,
    row_positions,
    style,
    swatch_legend,
    wrap,
)
from lerende_scan.report.palette import GRID, INK, MUTED, likert_colours
from lerende_scan.report.svg import to_svg

__all__ = ["LikertChart", "LikertLabel", "LikertRow", "likert_bars"]

_LIKERT_WIDTH = 6.75  # inches: a Likert chart, kept at its natural size so HTML labels can sit on it
_LIKERT_LABELS = 2.8  # inches: the empty column on the chart's left where the HTML item labels go


@dataclass(frozen=True)
class LikertRow:
    """One item: its label and the share of each answer value from least to most favourable; ``low`` and
    ``high`` are the unfavourable and favourable totals printed at the bar ends (default: the shares below
    and above the middle)."""

    label: str
    shares: Sequence[float] | None
    low: float | None = None
    high: float | None = None


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
    colours = likert_colours(points)
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
                (-neutral / 2 - low - 0.02, low if row.low is None else row.low, "right"),
                (neutral / 2 + high + 0.02, high if row.high is None else row.high, "left"),
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
        verts, faces = by_colour(verts, faces)
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
