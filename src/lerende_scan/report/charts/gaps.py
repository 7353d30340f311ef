"""The leaders-versus-employees chart: a dumbbell per factor, the two groups in Okabe-Ito blue and orange,
the gap printed on the right."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
from markupsafe import Markup
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    Fmt,
    dots,
    scale_axis,
    scale_rows,
    style,
    text_width,
    wrap,
)
from lerende_scan.report.palette import INK, MUTED, OKABE_BLUE, OKABE_ORANGE
from lerende_scan.report.svg import to_svg

__all__ = ["GapRow", "gap_chart"]


@dataclass(frozen=True)
class GapRow:
    """One factor for two groups; ``gap`` is first minus second as the scorer computed it."""

    label: str
    first: float | None
    second: float | None
    gap: float | None


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
        fig, ax, centres, total, height = scale_rows(labels, scale, pad=0.08, top=0.35, bottom=0.3, right=0.7)
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
        firsts = [(r.first, y, OKABE_BLUE) for r, y in zip(rows, centres, strict=True) if r.first is not None]
        seconds = [
            (r.second, y, OKABE_ORANGE) for r, y in zip(rows, centres, strict=True) if r.second is not None
        ]
        # Leaders as the larger circle underneath, so equal scores still show both markers.
        if firsts:
            dots(ax, firsts, "o", 85)
        if seconds:
            dots(ax, seconds, "s", 34)
        _marker_legend(fig, height, [(legend[0], "o", OKABE_BLUE), (legend[1], "s", OKABE_ORANGE)])
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
