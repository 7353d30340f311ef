"""The priority matrix: each driver's score (x) against its share of the explained variance (y), on the
band zones, with the "act first" quadrant (low score, high impact) marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    LINE,
    Fmt,
    axes,
    dots,
    figure,
    style,
    text_width,
    wrap,
)
from lerende_scan.report.charts.bands import BandStyle
from lerende_scan.report.palette import GRID, INK, MUTED
from lerende_scan.report.svg import to_svg

__all__ = ["PriorityPoint", "priority_chart"]

_HEIGHT = 3.0  # inches
_MARGINS = {"left": 0.8, "right": 0.2, "top": 0.2, "bottom": 0.5}  # inches around the plot
_OFFSET = 0.1  # inches between a dot and its label
_DOT = 0.06  # inches: half the size of the area a dot keeps free of labels
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
        ax = axes(fig, _HEIGHT, **_MARGINS)
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
        labels = [wrap(p.label, 24) for p in points]
        offset = _OFFSET * (hi - lo) / (FIG_WIDTH - _MARGINS["left"] - _MARGINS["right"])
        for p, text, (y, right) in zip(
            points, labels, _label_places(points, labels, scale, top), strict=True
        ):
            ax.text(
                p.score + (offset if right else -offset),
                y,
                text,
                ha="left" if right else "right",
                va="center",
                color=INK,
                parse_math=False,
                zorder=4,  # over the interval lines, under the dots
                # a label may still cross a neighbour's interval line: a light backing keeps it readable
                bbox={
                    "boxstyle": "square,pad=0.15",
                    "facecolor": "white",
                    "edgecolor": "none",
                    "alpha": 0.75,
                },
            )
        fig.set_size_inches(FIG_WIDTH, _HEIGHT)
        return to_svg(fig, chart_id, title, desc)


def _label_places(
    points: Sequence[PriorityPoint], labels: Sequence[str], scale: tuple[float, float], top: float
) -> list[tuple[float, bool]]:
    """Each label's height and side (True: right of its dot), so that it covers no dot and no label placed
    before it: at the dot on its preferred side (right, or left in the right third), else the other side,
    else stepped up and down by a line until it is free. Labels are placed from the lowest share up."""
    lo, hi = scale
    per_x = (hi - lo) / (FIG_WIDTH - _MARGINS["left"] - _MARGINS["right"])  # data units per inch
    per_y = top / (_HEIGHT - _MARGINS["top"] - _MARGINS["bottom"])
    line, offset = LINE * per_y, _OFFSET * per_x
    dots = [(p.score - _DOT * per_x, p.share - _DOT * per_y, p.score + _DOT * per_x, p.share + _DOT * per_y)
            for p in points]  # fmt: skip
    taken: list[tuple[float, float, float, float]] = []
    places = [(p.share, True) for p in points]

    def box(i: int, y: float, right: bool) -> tuple[float, float, float, float]:
        text = labels[i].splitlines() or [""]
        width = max(text_width(t) for t in text) * per_x
        half = len(text) * line / 2
        x = points[i].score + (offset if right else -offset)
        return (x, y - half, x + width, y + half) if right else (x - width, y - half, x, y + half)

    def free(b: tuple[float, float, float, float], own: int) -> bool:
        if b[0] < lo or b[2] > hi or b[1] < -0.02 * top or b[3] > top:
            return False
        others = [d for j, d in enumerate(dots) if j != own] + taken
        return not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in others)

    for i in sorted(range(len(points)), key=lambda k: points[k].share):
        p = points[i]
        prefer = p.score < lo + 0.7 * (hi - lo)
        candidates = [
            (p.share + k * line, side) for k in (0, 1, -1, 2, -2, 3, -3) for side in (prefer, not prefer)
        ]
        places[i] = next((c for c in candidates if free(box(i, *c), i)), (p.share, prefer))
        taken.append(box(i, *places[i]))
    return places
