"""The company report's group heatmap: factors (rows) × groups of a breakdown (columns), tinted by band,
with groups suppressed for anonymity hatched and labelled instead of scored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
from markupsafe import Markup
from matplotlib.collections import PolyCollection

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    LINE,
    Fmt,
    axes,
    by_colour,
    figure,
    line_count,
    row_positions,
    style,
    text_width,
    to_svg,
    wrap,
)
from lerende_scan.report.charts.bands import BandStyle, colour_for
from lerende_scan.report.palette import INK, SUPPRESSED_EDGE, SUPPRESSED_FILL, tint

__all__ = ["HeatGroup", "heatmap"]


@dataclass(frozen=True)
class HeatGroup:
    """One group of a breakdown; ``values`` is None when the group is suppressed for anonymity."""

    label: str
    values: Sequence[float | None] | None
    note: str = ""  # a second header line, e.g. "n = 13"


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
        verts, faces = by_colour(verts, faces)
        ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none"))
        if hatched:
            ax.add_collection(
                PolyCollection(
                    hatched,
                    facecolors=SUPPRESSED_FILL,
                    edgecolors=SUPPRESSED_EDGE,
                    linewidths=0.5,
                    hatch="///",
                )
            )
        return to_svg(fig, chart_id, title, desc)
