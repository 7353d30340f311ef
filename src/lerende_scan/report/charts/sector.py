"""The sector benchmark report's charts: band shares, the distribution of company means, the company heatmap.

Drawn the same way as the company charts (see :mod:`lerende_scan.report.charts`): matplotlib straight onto
a ``Figure``, every mark of one kind in one collection, text as SVG text, a ``<title>``/``<desc>`` for
screen readers and the same colour-blind-safe band colours. The caller formats every number, so a share
is a count ("3") or a percentage as the report decides, and the statistic the report ranks by (its name
heads the right-hand column) is the one the charts print.

- :func:`band_shares`: per factor, the companies in each band as one 100% bar ("where the most room lies");
- :func:`distribution`: per factor, every company as a dot above the sector's P10–P90 line, P25–P75 bar
  and mean, on the shaded band zones;
- :func:`company_heatmap` (drawn in :mod:`.sector_heatmap`, re-exported here): companies (rows, by code,
  with n) × factors, under a sector row, cells tinted by band.
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
    Fmt,
    axes,
    figure,
    legend_lines,
    rect,
    row_positions,
    scale_axis,
    style,
    swatch_legend,
    text_width,
    wrap,
)
from lerende_scan.report.charts.bands import BandStyle, band_zones
from lerende_scan.report.charts.sector_heatmap import (
    CELL_LABEL_MAX,
    HeatRow,
    company_heatmap,
    heatmap_capacity,
)
from lerende_scan.report.palette import DECILE_LINE, GRID, INK, MUTED, QUARTILE_BOX, STRIP, text_on
from lerende_scan.report.svg import to_svg

__all__ = [
    "CELL_LABEL_MAX",
    "DistributionRow",
    "HeatRow",
    "ShareRow",
    "band_shares",
    "company_heatmap",
    "distribution",
    "heatmap_capacity",
]

_SEGMENT_FONT = 7.5  # the count or percentage inside a band-share segment


@dataclass(frozen=True)
class ShareRow:
    """One factor: its label, the share of companies per band (low to high, summing to 1), the text of each
    segment (a count such as "3", or a percentage) and the ranking statistic at the right."""

    label: str
    shares: Sequence[float]
    segments: Sequence[str]
    right: str


@dataclass(frozen=True)
class DistributionRow:
    """One factor's company means, the sector's spread (P10–P90, P25–P75) and its mean drawn over them."""

    label: str
    values: Sequence[float]
    p10: float | None
    p25: float | None
    mean: float | None
    p75: float | None
    p90: float | None
    emphasis: bool = False


def band_shares(
    rows: Sequence[ShareRow],
    bands: Sequence[BandStyle],
    *,
    ticks: Sequence[tuple[float, str]],
    axis_title: str,
    right_title: str,
    chart_id: str,
    title: str,
    desc: str,
) -> Markup:
    """A 100% bar per factor split by band (lowest band left), each segment's text printed in it where it
    fits. ``ticks`` are (position 0..1, label) under the bars, ``axis_title`` says what they count and
    ``right_title`` names the statistic in the right-hand column (the one the rows are ranked by)."""
    labels = [wrap(r.label, 36) for r in rows]
    centres, _, total = row_positions(labels, pad=0.1)
    top = 0.3 + 0.2 * legend_lines([b.label for b in bands])
    bottom = 0.5
    height = total + top + bottom
    left, right = 2.5, max(0.75, text_width(right_title) + 0.25)
    plot = FIG_WIDTH - left - right
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=left, right=right, top=top, bottom=bottom)
        ax.set_xlim(0, 1)
        ax.set_ylim(total, 0)
        inner = [x for x, _ in ticks if 0 < x < 1]
        ax.add_collection(LineCollection([[(x, 0), (x, total)] for x in inner], colors=GRID, lw=0.6))
        for x, tick in ticks:
            ax.text(x, total + 0.06, tick, ha="center", va="top", color=MUTED)
        ax.text(0.5, total + 0.26, axis_title, ha="center", va="top", color=MUTED, parse_math=False)
        ax.text(1.03, -0.06, right_title, ha="left", va="bottom", color=MUTED, parse_math=False)
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        for label, row, y in zip(labels, rows, centres, strict=True):
            ax.text(-0.03, y, label, ha="right", va="center", color=INK, parse_math=False)
            ax.text(1.03, y, row.right, ha="left", va="center", color=INK, fontweight="bold")
            x = 0.0
            for share, segment, band in zip(row.shares, row.segments, bands, strict=True):
                if share > 0:
                    verts.append(rect(x, x + share, y, 0.11))
                    faces.append(band.colour)
                    if text_width(segment, _SEGMENT_FONT) + 0.08 <= share * plot:
                        ax.text(
                            x + share / 2,
                            y,
                            segment,
                            ha="center",
                            va="center",
                            color=text_on(band.colour),
                            fontsize=_SEGMENT_FONT,
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
    """Each factor's company means as a strip of dots, with P10–P90 (line), P25–P75 (bar) and the sector
    mean (diamond, and printed at the right: the statistic the report ranks by) below it, over the band
    zones. ``legend`` names: companies, P10–P90, P25–P75, mean; the mean's name heads the right column."""
    labels = [wrap(r.label, 30) for r in rows]
    centres, _, total = row_positions([label + "\n " for label in labels], pad=0.16)
    top, bottom = 0.55, 0.3
    height = total + top + bottom
    lo, hi = scale
    span = hi - lo
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=2.2, right=max(0.55, text_width(legend[3]) + 0.2), top=top, bottom=bottom)
        ax.set_xlim(lo - 0.03 * span, hi + 0.03 * span)
        ax.set_ylim(total, 0)
        band_zones(ax, bands, lo, hi, total, label_y=-0.06, alpha=0.09, thresholds=False)
        scale_axis(ax, lo, hi, total, tick)
        ax.text(hi + 0.06 * span, -0.06, legend[3], ha="left", va="bottom", color=MUTED, parse_math=False)
        xs: list[float] = []
        ys: list[float] = []
        boxes: list[list[tuple[float, float]]] = []
        lines: list[list[tuple[float, float]]] = []
        means: list[tuple[float, float]] = []
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
            if row.mean is not None:
                means.append((row.mean, base))
                ax.text(
                    hi + 0.06 * span,
                    base,
                    fmt(row.mean),
                    ha="left",
                    va="center",
                    color=INK,
                    fontweight="bold",
                )
        ax.add_collection(LineCollection(lines, colors=DECILE_LINE, linewidths=1.1, zorder=2))
        ax.add_collection(PolyCollection(boxes, facecolors=QUARTILE_BOX, edgecolors="none", zorder=3))
        if means:
            ax.scatter(
                [m[0] for m in means],
                [m[1] for m in means],
                s=30,
                c=INK,
                marker="D",
                edgecolors="white",
                linewidths=0.8,
                zorder=6,
            )
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
            [(x + 0.06) / FIG_WIDTH],
            [y],
            marker="D",
            color=INK,
            markeredgecolor="white",
            markersize=5,
            linestyle="none",
            transform=fig.transFigure,
        )
    )
    fig.text((x + 0.16) / FIG_WIDTH, y, legend[3], va="center", color=INK, parse_math=False)
