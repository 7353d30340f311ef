"""The priority matrix: each driver's score (x) against its share of the explained variance (y), on the
band zones, with the "act first" quadrant (low score, high impact) marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from lerende_scan.report.canvas import FIG_WIDTH, Fmt, axes, dots, figure, style, to_svg, wrap
from lerende_scan.report.charts.bands import BandStyle
from lerende_scan.report.palette import GRID, INK, MUTED

__all__ = ["PriorityPoint", "priority_chart"]

_HEIGHT = 3.0  # inches
_ACT = "#b2182b"  # the act-first outline and label: the bottleneck red family, readable on white


@dataclass(frozen=True)
class PriorityPoint:
    """One driver: its label, score, share of the explained variance and that share's interval."""

    label: str
    score: float
    share: float
    low: float | None
    high: float | None
    distinguishable: bool


def priority_chart(
    points: Sequence[PriorityPoint],
    scale: tuple[float, float],
    bands: Sequence[BandStyle],
    *,
    strong_from: float,
    threshold: float,
    act_label: str,
    x_label: str,
    y_label: str,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    pct: Fmt,
) -> Markup:
    """Drivers as dots (hollow when not distinguishable from zero) with their interval as a vertical line;
    the act-first quadrant is left of ``strong_from`` and above ``threshold`` (one over the drivers)."""
    lo, hi = scale
    top = max([threshold * 2, *(p.high or p.share for p in points)]) * 1.08
    top = min(1.0, top)
    with style():
        fig = figure(_HEIGHT)
        ax = axes(fig, _HEIGHT, left=0.8, right=0.2, top=0.2, bottom=0.5)
        ax.set_xlim(lo, hi)
        ax.set_ylim(0, top)
        start = lo
        for band in bands:  # band zones, left to right
            end = hi if band.below is None else min(float(band.below), hi)
            ax.add_patch(
                Rectangle((start, 0), end - start, top, color=band.colour, alpha=0.12, lw=0, zorder=0)
            )
            start = end
        ax.add_patch(
            Rectangle(
                (lo, threshold),
                strong_from - lo,
                top - threshold,
                fill=False,
                edgecolor=_ACT,
                linewidth=1.4,
                linestyle=(0, (4, 2)),
                zorder=1,
            )
        )
        ax.text(lo + 0.04 * (hi - lo), top * 0.97, act_label, color=_ACT, fontweight="bold", va="top")
        ax.add_collection(
            LineCollection(
                [[(lo, threshold), (hi, threshold)]], colors=MUTED, linewidths=0.8, linestyles="dotted"
            )
        )
        # Axes drawn by hand (the SVG clean-up of the canvas expects no tick artists).
        ticks_x = [float(x) for x in range(int(lo), int(hi) + 1)]
        step = 0.2 if top > 0.6 else 0.1 if top > 0.3 else 0.05  # at most six labels: each text costs
        ticks_y = [i * step for i in range(int(top / step + 1e-9) + 1)]
        grid = [[(x, 0), (x, top)] for x in ticks_x] + [[(lo, y), (hi, y)] for y in ticks_y]
        ax.add_collection(LineCollection(grid, colors=GRID, linewidths=0.5, zorder=0))
        for x in ticks_x:
            ax.text(x, -0.02 * top, fmt(x), ha="center", va="top", color=MUTED, parse_math=False)
        for y in ticks_y:
            ax.text(lo - 0.015 * (hi - lo), y, pct(y), ha="right", va="center", color=MUTED, parse_math=False)
        ax.text((lo + hi) / 2, -0.09 * top, x_label, ha="center", va="top", color=INK, parse_math=False)
        ax.text(
            lo - 0.1 * (hi - lo),
            top / 2,
            y_label,
            ha="center",
            va="center",
            rotation=90,
            color=INK,
            parse_math=False,
        )
        bars = [
            [(p.score, p.low), (p.score, p.high)] for p in points if p.low is not None and p.high is not None
        ]
        ax.add_collection(LineCollection(bars, colors=MUTED, linewidths=1.0, zorder=2))
        filled = [(p.score, p.share, INK) for p in points]
        if filled:
            dots(ax, filled, "o", 46)
        hollow = [(p.score, p.share, "white") for p in points if not p.distinguishable]
        if hollow:
            dots(ax, hollow, "o", 14)
        placed = _label_heights(points, top, lo + 0.7 * (hi - lo))
        for p, y in zip(points, placed, strict=True):
            right = p.score < lo + 0.7 * (hi - lo)
            ax.text(
                p.score + (0.07 if right else -0.07),
                y,
                wrap(p.label, 24),
                ha="left" if right else "right",
                va="center",
                color=INK,
                parse_math=False,
                zorder=6,
            )
        fig.set_size_inches(FIG_WIDTH, _HEIGHT)
        return to_svg(fig, chart_id, title, desc)


def _label_heights(points: Sequence[PriorityPoint], top: float, flip: float) -> list[float]:
    """Label heights: at each dot, pushed apart where two labels on the same side would overlap (labels
    of dots less than one scale point apart, closer than two text lines)."""
    gap = top * 0.11
    heights = [p.share for p in points]
    order = sorted(range(len(points)), key=lambda i: points[i].share)
    for pos, i in enumerate(order):
        for j in order[:pos]:
            same_side = (points[i].score < flip) == (points[j].score < flip)
            if same_side and abs(points[i].score - points[j].score) < 1.0 and heights[i] - heights[j] < gap:
                heights[i] = heights[j] + gap
    return heights
