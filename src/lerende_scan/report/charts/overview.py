"""The factor overview chart: each factor's mean with its 95% CI as a dot and whisker on the band zones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from matplotlib.collections import LineCollection

from lerende_scan.report.canvas import Fmt, by_colour, dots, scale_axis, scale_rows, style, wrap
from lerende_scan.report.charts.bands import BandStyle, band_zones
from lerende_scan.report.palette import INK
from lerende_scan.report.svg import to_svg

__all__ = ["MeanRow", "factor_overview"]


@dataclass(frozen=True)
class MeanRow:
    """A score with its 95% CI, e.g. one factor in the overview."""

    label: str
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    colour: str
    emphasis: bool = False


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
    compact: bool = False,
) -> Markup:
    """Each factor's mean with its 95% CI as a dot and whisker, coloured by band, on shaded band zones;
    ``compact`` (the summary page) packs the rows closer."""
    labels = [wrap(r.label, 30) for r in rows]
    lo, hi = scale
    pad = 0.03 if compact else 0.14
    with style():
        fig, ax, centres, total, _ = scale_rows(labels, scale, pad=pad, top=0.32, bottom=0.3, right=0.55)
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
        whiskers, whisker_colours = by_colour(whiskers, whisker_colours)
        ax.add_collection(LineCollection(whiskers, colors=whisker_colours, linewidths=1.4))
        for emphasis, marker, size in ((False, "o", 44), (True, "D", 70)):
            marks = [
                (r.mean, y, r.colour)
                for r, y in zip(rows, centres, strict=True)
                if r.mean is not None and r.emphasis == emphasis
            ]
            if marks:
                dots(ax, marks, marker, size)
        return to_svg(fig, chart_id, title, desc)
