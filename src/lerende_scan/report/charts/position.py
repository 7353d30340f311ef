"""The benchmark position chart of the company report: the company's score against the sector's quartile
band and median, per factor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
from markupsafe import Markup
from matplotlib.collections import LineCollection, PolyCollection

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    Fmt,
    dots,
    rect,
    scale_axis,
    scale_rows,
    style,
    text_width,
    wrap,
)
from lerende_scan.report.palette import COMPANY, INK, OKABE_BLUE, SECTOR_BAND
from lerende_scan.report.svg import to_svg

__all__ = ["PositionRow", "position_chart"]


@dataclass(frozen=True)
class PositionRow:
    """The company's score against the sector's quartile band and median."""

    label: str
    value: float | None
    p25: float | None
    median: float | None
    p75: float | None


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
        fig, ax, centres, total, height = scale_rows(labels, scale, pad=0.16, top=0.35, bottom=0.3, right=0.8)
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
        ax.add_collection(PolyCollection(verts, facecolors=SECTOR_BAND, edgecolors="none", zorder=1))
        ax.add_collection(LineCollection(medians, colors=INK, linewidths=1.6, zorder=2))
        marks = [(r.value, y, COMPANY) for r, y in zip(rows, centres, strict=True) if r.value is not None]
        if marks:
            dots(ax, marks, "o", 56)
        x = 2.0
        y = (height - 0.15) / height
        fig.lines.append(
            mpl.lines.Line2D(
                [x / FIG_WIDTH],
                [y],
                marker="o",
                color=OKABE_BLUE,
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
                facecolor=SECTOR_BAND,
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
