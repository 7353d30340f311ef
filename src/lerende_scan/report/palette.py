"""The report colours: band colours, the Likert scale, Okabe-Ito for pairs, greys for text, grid and gaps.

Every colour a chart or the report context uses comes from here, so a restyle is one file. The choices are
colour-blind safe: bands and Likert answers follow ColorBrewer RdBu (red, orange, blue also differ in
lightness, so they stay apart for deuteranopes and in greyscale print), two groups side by side use
Okabe-Ito blue and orange, and every colour is backed by a text label in the chart.
"""

from __future__ import annotations

import matplotlib as mpl

__all__ = [
    "COMPANY",
    "DECILE_LINE",
    "GRID",
    "INK",
    "LIKERT_NEUTRAL",
    "MUTED",
    "NO_BAND",
    "OKABE_BLUE",
    "OKABE_ORANGE",
    "QUARTILE_BOX",
    "SECTOR_BAND",
    "STRIP",
    "SUPPRESSED_EDGE",
    "SUPPRESSED_FILL",
    "TOTAL_FILL",
    "WHITE",
    "band_colours",
    "diverging",
    "likert_colours",
    "text_on",
    "tint",
]

# --- text and structure -----------------------------------------------------------------------------
INK = "#222222"  # labels and values
MUTED = "#666666"  # tick labels and secondary numbers
GRID = "#dddddd"  # grid lines
WHITE = "#ffffff"  # text on a dark band colour

# --- bands and scales -------------------------------------------------------------------------------
# Bands, low to high: ColorBrewer-style dark red, orange, blue. They also differ in lightness, so they stay
# apart for deuteranopes and in greyscale print.
_BAND_PALETTES: dict[int, list[str]] = {
    1: ["#2166ac"],
    2: ["#b2182b", "#2166ac"],
    3: ["#b2182b", "#e08214", "#2166ac"],
    4: ["#b2182b", "#e08214", "#67a9cf", "#2166ac"],
    5: ["#b2182b", "#e08214", "#fdb863", "#67a9cf", "#2166ac"],
}
NO_BAND = "#888888"  # a score without a band (missing, or a questionnaire without bands)
LIKERT_NEUTRAL = "#c8c8c8"  # the middle answer of an odd Likert scale
SUPPRESSED_FILL = "#f4f4f4"  # a heatmap cell hidden for anonymity (hatched)
SUPPRESSED_EDGE = "#c8c8c8"
TOTAL_FILL = "#eef1f5"  # the company-total column of the group heatmap

# --- pairs and positions ----------------------------------------------------------------------------
OKABE_BLUE = "#0072b2"  # leaders in the gap chart
OKABE_ORANGE = "#e69f00"  # employees in the gap chart
COMPANY = "#0072b2"  # Okabe-Ito blue: the company in position charts
SECTOR_BAND = "#d0d0d0"  # the sector's P25–P75 band behind the company in position charts

# --- sector distribution ----------------------------------------------------------------------------
QUARTILE_BOX = "#9fb3c8"  # P25–P75
DECILE_LINE = "#5b6f84"  # P10–P90
STRIP = "#1a3550"  # one dot per company


_RDBU = mpl.colormaps["RdBu"]
"""Looked up once: the registry hands out a fresh copy per lookup, which builds its 256-colour table on first
use (0.2 ms, a hundred times per report's heatmaps)."""


def band_colours(n: int) -> list[str]:
    """Colours for ``n`` bands ordered from low to high."""
    if n in _BAND_PALETTES:
        return list(_BAND_PALETTES[n])
    return [mpl.colors.to_hex(_RDBU(0.05 + 0.9 * i / max(n - 1, 1))) for i in range(n)]


def likert_colours(points: int) -> list[str]:
    """Diverging RdBu colours for a ``points``-point scale; the middle of an odd scale is neutral grey."""
    colours = [mpl.colors.to_hex(_RDBU(0.08 + 0.84 * i / max(points - 1, 1))) for i in range(points)]
    if points % 2:
        colours[points // 2] = LIKERT_NEUTRAL
    return colours


def diverging(difference: float, limit: float) -> str:
    """A light RdBu colour for a difference from a total: red below, blue above, near white at 0, the
    strongest at ``±limit`` and beyond; light enough for black text on every step."""
    x = max(-1.0, min(1.0, difference / limit)) if limit > 0 else 0.0
    rgb = _RDBU(0.5 + 0.4 * x)[:3]
    return str(mpl.colors.to_hex(tint(mpl.colors.to_hex(rgb), 0.2)))


def tint(colour: str, amount: float = 0.55) -> tuple[float, float, float]:
    """A lighter version of a band colour, so black cell text stays readable on it."""
    r, g, b = mpl.colors.to_rgb(colour)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def text_on(colour: str) -> str:
    """White on dark band colours, ink on light ones (relative luminance, WCAG formula)."""
    rgb = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in mpl.colors.to_rgb(colour)]
    luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return WHITE if luminance < 0.25 else INK
