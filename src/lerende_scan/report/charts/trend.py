"""The before-and-after trend chart: one small panel per factor over three or more waves, one line through
the wave means and a 95% CI whisker at every point, on the questionnaire's whole scale.

The y axis always spans the whole scale, so a small change looks small; waves are spaced evenly and
labelled by their ``--wave-name`` or date, because the consultant's name for a wave is what readers know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from lerende_scan.report.canvas import FIG_WIDTH, FONT, Fmt, axes, figure, style, wrap
from lerende_scan.report.palette import COMPANY, GRID, INK, MUTED
from lerende_scan.report.svg import to_svg

__all__ = ["PANELS_PER_ROW", "TrendPanel", "TrendPoint", "trend_chart"]

PANELS_PER_ROW = 3
_PANEL_H = 1.95  # inches per row of panels, labels included
_TOP, _BOTTOM, _LEFT, _RIGHT = 0.5, 0.42, 0.32, 0.12
_CAP = 0.1  # half the width of a CI whisker's cap, in waves  # inches inside each panel


@dataclass(frozen=True)
class TrendPoint:
    """One wave of one factor: its label on the x axis and the mean with its 95% CI."""

    label: str
    mean: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class TrendPanel:
    """One factor (or the index) over the waves, oldest first."""

    title: str
    points: Sequence[TrendPoint]


def trend_chart(
    panels: Sequence[TrendPanel],
    scale: tuple[float, float],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
) -> Markup:
    """A grid of small panels, :data:`PANELS_PER_ROW` a row: per factor a line through the wave means,
    each point with its CI whisker and its value printed above it."""
    lo, hi = scale
    rows = max(1, -(-len(panels) // PANELS_PER_ROW))
    height = rows * _PANEL_H
    width = FIG_WIDTH / PANELS_PER_ROW
    with style():
        fig = figure(height)
        for i, panel in enumerate(panels):
            row, col = divmod(i, PANELS_PER_ROW)
            _panel(fig, panel, lo, hi, height, row, col * width, width, fmt)
        return to_svg(fig, chart_id, title, desc)


def _panel(
    fig: Figure,
    panel: TrendPanel,
    lo: float,
    hi: float,
    height: float,
    row: int,
    x0: float,
    width: float,
    fmt: Fmt,
) -> None:
    top = row * _PANEL_H + _TOP
    bottom = height - (row + 1) * _PANEL_H + _BOTTOM
    ax = axes(fig, height, left=x0 + _LEFT, right=FIG_WIDTH - x0 - width + _RIGHT, top=top, bottom=bottom)
    n = len(panel.points)
    xs = list(range(n))
    ax.set_xlim(-0.4, n - 0.6)
    ax.set_ylim(lo, hi)
    title = wrap(panel.title, 30)
    ax.text(-0.4, hi + 0.1 * (hi - lo), title, ha="left", va="bottom", color=INK, fontweight="bold")
    ticks = [lo + k for k in range(int(hi - lo) + 1)]
    ax.add_collection(
        LineCollection([[(-0.4, t), (n - 0.6, t)] for t in ticks], colors=GRID, linewidths=0.6, zorder=0)
    )
    for t in ticks:
        ax.text(-0.5, t, fmt(t), ha="right", va="center", color=MUTED, fontsize=FONT - 1)
    for x, p in zip(xs, panel.points, strict=True):
        ax.text(
            x, lo - 0.06 * (hi - lo), wrap(p.label, 12), ha="center", va="top", color=MUTED, fontsize=FONT - 1
        )
    whiskers: list[list[tuple[float, float]]] = []
    for x, p in zip(xs, panel.points, strict=True):
        if p.ci_low is not None and p.ci_high is not None:
            whiskers += [
                [(x, p.ci_low), (x, p.ci_high)],
                [(x - _CAP, p.ci_low), (x + _CAP, p.ci_low)],
                [(x - _CAP, p.ci_high), (x + _CAP, p.ci_high)],
            ]
    ax.add_collection(LineCollection(whiskers, colors=INK, linewidths=0.9, zorder=6))
    shown = [(x, p.mean) for x, p in zip(xs, panel.points, strict=True) if p.mean is not None]
    if not shown:
        return
    ax.plot([x for x, _ in shown], [m for _, m in shown], color=COMPANY, linewidth=1.6, zorder=4)
    ax.scatter(
        [x for x, _ in shown],
        [m for _, m in shown],
        s=16,
        c=COMPANY,
        edgecolors="white",
        linewidths=0.8,
        zorder=5,
    )
    for x, p in zip(xs, panel.points, strict=True):
        if p.mean is None:
            continue
        above = (p.ci_high if p.ci_high is not None else p.mean) + 0.04 * (hi - lo)
        ax.text(x, above, fmt(p.mean), ha="center", va="bottom", color=INK, fontsize=FONT - 1)
