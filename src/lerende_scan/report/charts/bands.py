"""Bands as the charts see them: the :class:`BandStyle` of each band, the colour a score gets, and the shaded
band zones behind a score scale (shared by the factor overview and the sector distribution chart)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
from matplotlib.collections import LineCollection

from lerende_scan.report.palette import NO_BAND

__all__ = ["BandStyle", "band_zones", "colour_for"]


@dataclass(frozen=True)
class BandStyle:
    """One band as a chart sees it: its label, its upper bound (None = open) and its colour."""

    label: str
    below: float | None
    colour: str


def colour_for(score: float | None, bands: Sequence[BandStyle]) -> str:
    """The colour of the band a score falls in (grey when missing or without bands)."""
    if score is None:
        return NO_BAND
    for band in bands:
        if band.below is None or score < band.below:
            return band.colour
    return NO_BAND


def band_zones(
    ax: Any,
    bands: Sequence[BandStyle],
    lo: float,
    hi: float,
    total: float,
    *,
    label_y: float,
    alpha: float,
    thresholds: bool,
) -> None:
    """Shade each band's score range behind the data, label it on top, and optionally dash its upper bound.

    Shared by the factor overview and the sector distribution chart, so both read the bands the same way.
    """
    start = lo
    lines: list[list[tuple[float, float]]] = []
    colours: list[str] = []
    for band in bands:
        end = hi if band.below is None else float(band.below)
        ax.add_patch(
            mpl.patches.Rectangle(
                (start, 0), end - start, total, color=band.colour, alpha=alpha, lw=0, zorder=0
            )
        )
        ax.text(
            (start + end) / 2,
            label_y,
            band.label,
            ha="center",
            va="bottom",
            color=band.colour,
            fontweight="bold",
        )
        if band.below is not None:
            lines.append([(end, 0), (end, total)])
            colours.append(band.colour)
        start = end
    if thresholds:
        ax.add_collection(LineCollection(lines, colors=colours, linestyles="dashed", linewidths=0.8))
