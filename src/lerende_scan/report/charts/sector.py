"""The sector benchmark report's charts: band shares, the distribution of company means, the company heatmap.

Drawn the same way as the company charts (see :mod:`lerende_scan.report.charts`): matplotlib straight onto
a ``Figure``, every mark of one kind in one collection, text as SVG text, a ``<title>``/``<desc>`` for
screen readers and the same colour-blind-safe band colours.

Three charts:

- :func:`band_shares`: per factor, the share of companies in each band as one 100% bar ("where the most
  room lies");
- :func:`distribution`: per factor, every company as a dot (a strip) above the sector's P10–P90 line,
  P25–P75 bar and median tick, on the shaded band zones;
- :func:`company_heatmap`: companies (rows, by code) × factors (columns), cells tinted by band. Above
  :data:`CELL_LABEL_MAX` companies the numbers are left out of the cells (the colours carry the pattern and
  the numbers are in ``benchmark.json``); the caller splits long lists over several charts (pages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from markupsafe import Markup
from matplotlib.collections import LineCollection, PolyCollection

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    LINE,
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
    to_svg,
    wrap,
)
from lerende_scan.report.charts.bands import BandStyle, band_zones, colour_for
from lerende_scan.report.palette import DECILE_LINE, GRID, INK, MUTED, QUARTILE_BOX, STRIP, text_on, tint

__all__ = [
    "CELL_LABEL_MAX",
    "DistributionRow",
    "HeatRow",
    "ShareRow",
    "band_shares",
    "company_heatmap",
    "distribution",
]

CELL_LABEL_MAX = 40
"""Up to this many companies a heatmap cell shows its score; above it the cell is colour only."""

_HEAD_FONT = 6.5  # heatmap column headers: long Dutch factor names in narrow columns


@dataclass(frozen=True)
class ShareRow:
    """One factor: its label, the share of companies per band (low to high, summing to 1), a right label."""

    label: str
    shares: Sequence[float]
    right: str


@dataclass(frozen=True)
class DistributionRow:
    """One factor's company means and the sector quantiles drawn over them."""

    label: str
    values: Sequence[float]
    p10: float | None
    p25: float | None
    median: float | None
    p75: float | None
    p90: float | None
    emphasis: bool = False


@dataclass(frozen=True)
class HeatRow:
    """One company: its label (code, or code and name) and one value per column."""

    label: str
    values: Sequence[float | None]


def band_shares(
    rows: Sequence[ShareRow],
    bands: Sequence[BandStyle],
    *,
    chart_id: str,
    title: str,
    desc: str,
    pct: Fmt,
) -> Markup:
    """A 100% bar per factor split by band (lowest band left), with the shares printed in the segments."""
    labels = [wrap(r.label, 30) for r in rows]
    centres, _, total = row_positions(labels, pad=0.14)
    top = 0.14 + 0.2 * legend_lines([b.label for b in bands])
    bottom = 0.3
    height = total + top + bottom
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=2.2, right=0.75, top=top, bottom=bottom)
        ax.set_xlim(0, 1)
        ax.set_ylim(total, 0)
        ax.add_collection(
            LineCollection([[(x, 0), (x, total)] for x in (0.25, 0.5, 0.75)], colors=GRID, lw=0.6)
        )
        for x in (0, 0.25, 0.5, 0.75, 1):
            ax.text(x, total + 0.06, pct(x), ha="center", va="top", color=MUTED)
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        for label, row, y in zip(labels, rows, centres, strict=True):
            ax.text(-0.03, y, label, ha="right", va="center", color=INK, parse_math=False)
            ax.text(1.03, y, row.right, ha="left", va="center", color=INK, fontweight="bold")
            x = 0.0
            for share, band in zip(row.shares, bands, strict=True):
                if share > 0:
                    verts.append(rect(x, x + share, y, 0.13))
                    faces.append(band.colour)
                    if share >= 0.05:  # "5%" still fits inside its segment
                        ax.text(
                            x + share / 2,
                            y,
                            pct(share),
                            ha="center",
                            va="center",
                            color=text_on(band.colour),
                            fontsize=7.5,
                        )
                x += share
        ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="white", linewidths=0.6))
        swatch_legend(fig, height, [(b.label, b.colour) for b in bands])
        return to_svg(fig, chart_id, title, desc)


def _jitter(n: int) -> np.ndarray:
    """Deterministic, evenly spread offsets in [0, 1) (golden-ratio sequence): no random state involved."""
    offsets: np.ndarray = np.modf(np.arange(1, n + 1) * 0.6180339887498949)[0]
    return offsets


def distribution(
    rows: Sequence[DistributionRow],
    bands: Sequence[BandStyle],
    scale: tuple[float, float],
    legend: tuple[str, str, str, str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    tick: Fmt,
) -> Markup:
    """Each factor's company means as a strip of dots, with P10–P90 (line), P25–P75 (bar) and median (tick)
    below it, over the band zones. ``legend`` names: companies, P10–P90, P25–P75, median."""
    labels = [wrap(r.label, 30) for r in rows]
    centres, _, total = row_positions([label + "\n " for label in labels], pad=0.16)
    top, bottom = 0.55, 0.3
    height = total + top + bottom
    lo, hi = scale
    span = hi - lo
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=2.2, right=0.55, top=top, bottom=bottom)
        ax.set_xlim(lo - 0.03 * span, hi + 0.03 * span)
        ax.set_ylim(total, 0)
        band_zones(ax, bands, lo, hi, total, label_y=-0.06, alpha=0.09, thresholds=False)
        scale_axis(ax, lo, hi, total, tick)
        xs: list[float] = []
        ys: list[float] = []
        boxes: list[list[tuple[float, float]]] = []
        lines: list[list[tuple[float, float]]] = []
        medians: list[list[tuple[float, float]]] = []
        for label, row, y in zip(labels, rows, centres, strict=True):
            weight = "bold" if row.emphasis else "normal"
            ax.text(
                lo - 0.06 * span,
                y,
                label,
                ha="right",
                va="center",
                color=INK,
                fontweight=weight,
                parse_math=False,
            )
            values = np.asarray(row.values, dtype=float)
            values = values[~np.isnan(values)]
            xs.extend(values.tolist())
            ys.extend((y - 0.2 + 0.15 * _jitter(values.size)).tolist())
            base = y + 0.1
            if row.p10 is not None and row.p90 is not None:
                lines += [[(row.p10, base), (row.p90, base)]]
                lines += [[(x, base - 0.05), (x, base + 0.05)] for x in (row.p10, row.p90)]
            if row.p25 is not None and row.p75 is not None:
                boxes.append(rect(row.p25, row.p75, base, 0.07))
            if row.median is not None:
                medians.append([(row.median, base - 0.11), (row.median, base + 0.11)])
                ax.text(
                    hi + 0.06 * span,
                    base,
                    fmt(row.median),
                    ha="left",
                    va="center",
                    color=INK,
                    fontweight="bold",
                )
        ax.add_collection(LineCollection(lines, colors=DECILE_LINE, linewidths=1.1, zorder=2))
        ax.add_collection(PolyCollection(boxes, facecolors=QUARTILE_BOX, edgecolors="none", zorder=3))
        ax.add_collection(LineCollection(medians, colors=INK, linewidths=2.0, zorder=4))
        # Many companies: smaller, more transparent dots so the density still shows.
        size, alpha = (9.0, 0.55) if len(xs) <= 60 * max(len(rows), 1) else (4.0, 0.25)
        if xs:
            ax.scatter(xs, ys, s=size, c=STRIP, alpha=alpha, linewidths=0, zorder=5, clip_on=False)
        _distribution_legend(fig, height, legend)
        return to_svg(fig, chart_id, title, desc)


def _distribution_legend(fig: mpl.figure.Figure, height: float, legend: tuple[str, str, str, str]) -> None:
    y = (height - 0.14) / height
    x = 2.2
    half = 0.05 / height
    fig.lines.append(
        mpl.lines.Line2D(
            [x / FIG_WIDTH],
            [y],
            marker="o",
            color=STRIP,
            markersize=3.5,
            alpha=0.7,
            linestyle="none",
            transform=fig.transFigure,
        )
    )
    fig.text((x + 0.1) / FIG_WIDTH, y, legend[0], va="center", color=INK, parse_math=False)
    x += 0.35 + text_width(legend[0])
    fig.lines.append(
        mpl.lines.Line2D(
            [x / FIG_WIDTH, (x + 0.25) / FIG_WIDTH],
            [y, y],
            color=DECILE_LINE,
            lw=1.1,
            transform=fig.transFigure,
        )
    )
    fig.text((x + 0.32) / FIG_WIDTH, y, legend[1], va="center", color=INK, parse_math=False)
    x += 0.6 + text_width(legend[1])
    fig.patches.append(
        mpl.patches.Rectangle(
            (x / FIG_WIDTH, y - half),
            0.25 / FIG_WIDTH,
            2 * half,
            transform=fig.transFigure,
            facecolor=QUARTILE_BOX,
            edgecolor="none",
        )
    )
    fig.text((x + 0.32) / FIG_WIDTH, y, legend[2], va="center", color=INK, parse_math=False)
    x += 0.6 + text_width(legend[2])
    fig.lines.append(
        mpl.lines.Line2D(
            [x / FIG_WIDTH] * 2,
            [y - 1.6 * half, y + 1.6 * half],
            color=INK,
            lw=2.0,
            transform=fig.transFigure,
        )
    )
    fig.text((x + 0.08) / FIG_WIDTH, y, legend[3], va="center", color=INK, parse_math=False)


def company_heatmap(
    rows: Sequence[HeatRow],
    columns: Sequence[str],
    bands: Sequence[BandStyle],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    cell_labels: bool,
    label_width: float = 0.5,
) -> Markup:
    """Companies (rows, in the given order) × factors (columns), each cell tinted by the band of its score.

    With ``cell_labels`` every cell shows its score; without, rows are packed tighter and the colour alone
    shows the pattern. The last column is set apart (it is the index). ``label_width`` is the row-label
    column in inches (wider when names are shown).
    """
    ncol = max(len(columns), 1)
    gap = 0.15  # between the factors and the index column, in column units
    left, right = label_width + 0.1, 0.05
    col_width = (FIG_WIDTH - left - right) / (ncol + gap)
    chars = max(6, int(col_width / (text_width("abcdefghijklmnopqrstuvwxyz", _HEAD_FONT) / 26)) - 1)
    # A long Dutch compound ("kennisuitwisseling") that does fit the column is not split with a hyphen.
    longest = max((w for c in columns for w in c.split()), key=len, default="")
    if text_width(longest, _HEAD_FONT) <= col_width - 0.06:
        chars = max(chars, len(longest))
    col_labels = [wrap(c, chars) for c in columns]
    row_chars = max(6, int(label_width / (text_width("abcdefghijklmnopqrstuvwxyz", 7.0) / 26)) - 1)
    row_labels = [wrap(r.label, row_chars).split("\n")[0] for r in rows]
    row_h = 0.2 if cell_labels else 0.125
    legend_h = 0.2 * legend_lines([b.label for b in bands]) + 0.08
    head = max((line_count(c) for c in col_labels), default=1) * LINE * 0.9 + 0.1 + legend_h
    total = max(len(rows), 1) * row_h
    height = total + head + 0.06
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=left, right=right, top=head, bottom=0.06)
        ax.set_xlim(0, ncol + gap)
        ax.set_ylim(total, 0)
        xs = [j + (gap if j == ncol - 1 else 0.0) for j in range(ncol)]
        for x, label in zip(xs, col_labels, strict=True):
            ax.text(
                x + 0.5,
                -0.05,
                label,
                ha="center",
                va="bottom",
                color=INK,
                fontsize=_HEAD_FONT,
                parse_math=False,
            )
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        size = 7.0 if cell_labels else 6.0
        for i, (label, row) in enumerate(zip(row_labels, rows, strict=True)):
            y = (i + 0.5) * row_h
            ax.text(
                -0.1 / col_width,
                y,
                label,
                ha="right",
                va="center",
                color=INK,
                fontsize=size,
                parse_math=False,
            )
            for x, value in zip(xs, row.values, strict=True):
                verts.append(
                    [
                        (x + 0.02, y - row_h / 2 + 0.01),
                        (x + 0.98, y - row_h / 2 + 0.01),
                        (x + 0.98, y + row_h / 2 - 0.01),
                        (x + 0.02, y + row_h / 2 - 0.01),
                    ]
                )
                faces.append(mpl.colors.to_hex(tint(colour_for(value, bands), 0.35)))
                if cell_labels:
                    text = "–" if value is None else fmt(value)
                    ax.text(x + 0.5, y, text, ha="center", va="center", color=INK, fontsize=7.0)
        ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none"))
        swatch_legend(fig, height, [(b.label, mpl.colors.to_hex(tint(b.colour, 0.35))) for b in bands])
        return to_svg(fig, chart_id, title, desc)
