"""Drawing plumbing shared by every chart in :mod:`.charts`: the rc style, figure and axes set-up, row
layout, label wrapping, markers, legends and text measuring. It lives here so that all chart modules draw
the same way without one reaching into another's private helpers. Colours are in :mod:`.palette`; the
SVG a figure becomes, in :mod:`.svg`.
"""

from __future__ import annotations

import functools
import re
import textwrap
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import Collection, LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.textpath import text_to_path
from matplotlib.transforms import Bbox, BboxTransformFrom, BboxTransformTo, IdentityTransform, TransformedBbox

from lerende_scan.report.palette import GRID, INK, MUTED

__all__ = [
    "FIG_WIDTH",
    "FONT",
    "FONTS",
    "FONT_PT",
    "LINE",
    "LINE_PT",
    "Fmt",
    "Plane",
    "axes",
    "by_colour",
    "dots",
    "figure",
    "fit_headers",
    "fit_words",
    "legend_lines",
    "line_count",
    "rect",
    "row_positions",
    "scale_axis",
    "scale_rows",
    "style",
    "swatch_legend",
    "text_width",
    "wrap",
]

# --- geometry ---------------------------------------------------------------------------------------
FIG_WIDTH = 7.0  # inches; the A4 text column is about 6.7 in, the browser scales the SVG to fit
FONT = 8.0  # points
LINE = 0.15  # inches per text line at 8 pt
FONT_PT = FONT
LINE_PT = round(LINE * 72, 2)  # 10.8 pt: the line height chart labels are laid out with
_LABEL_CHARS = 44  # default wrap width for item texts in a label column

FONTS = ("Open Sans", "DejaVu Sans")
"""The report typeface (Debian: fonts-open-sans) and its fallback (matplotlib's own DejaVu Sans)."""

_RC: dict[Any, Any] = {
    "text.parse_math": False,  # user text with "$" must not become mathtext
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": list(FONTS),
    "font.size": FONT,
}

Fmt = Callable[[float], str]


# --- figure and layout ------------------------------------------------------------------------------
@contextmanager
def style() -> Iterator[None]:
    with mpl.rc_context(_RC):
        yield


def figure(height: float, width: float = FIG_WIDTH) -> Figure:
    # No background rectangle: the page is white anyway, and it is one node less to draw.
    return Figure(figsize=(width, height), frameon=False)


class Plane:
    """Data coordinates on a part of a figure: the few ``Axes`` methods the charts use, without an Axes.

    Every chart hides the axes and draws its own labels, so an ``Axes`` (spines, two axis objects, title
    texts, tick machinery) was pure overhead: a fifth of a report's chart time went into creating them.
    A plane adds each artist to the figure with a transform from its data limits to its box, in the
    order drawn, so the SVG holds the same marks. Set the limits before drawing outside them matters
    not: the transform follows :meth:`set_xlim`/:meth:`set_ylim` at any time.
    """

    def __init__(self, fig: Figure, box: tuple[float, float, float, float]) -> None:
        self.fig = fig
        self._limits = Bbox.unit()
        x0, y0, w, h = box
        target = TransformedBbox(Bbox.from_bounds(x0, y0, w, h), fig.transFigure)
        self.transData = BboxTransformFrom(self._limits) + BboxTransformTo(target)

    def set_xlim(self, lo: float, hi: float) -> None:
        self._limits.intervalx = (lo, hi)

    def set_ylim(self, lo: float, hi: float) -> None:
        self._limits.intervaly = (lo, hi)

    def _add(self, artist: Artist) -> Any:
        if not artist.is_transform_set():
            artist.set_transform(self.transData)
        self.fig.add_artist(artist)
        return artist

    def text(self, x: float, y: float, s: str, **kwargs: Any) -> Text:
        defaults = {"verticalalignment": "baseline", "horizontalalignment": "left", "clip_on": False}
        return self._add(Text(x, y, s, **{**defaults, **kwargs}))  # type: ignore[no-any-return]

    def add_collection(self, collection: Collection) -> Collection:
        return self._add(collection)  # type: ignore[no-any-return]

    def add_patch(self, patch: Patch) -> Patch:
        return self._add(patch)  # type: ignore[no-any-return]

    def plot(self, xs: Sequence[float], ys: Sequence[float], **kwargs: Any) -> Line2D:
        return self._add(Line2D(xs, ys, **kwargs))  # type: ignore[no-any-return]

    def vlines(self, x: float, ymin: float, ymax: float, **kwargs: Any) -> LineCollection:
        return self._add(LineCollection([[(x, ymin), (x, ymax)]], **kwargs))  # type: ignore[no-any-return]

    def scatter(
        self, xs: Sequence[float], ys: Sequence[float], *, s: float, c: Any, marker: str = "o", **kwargs: Any
    ) -> PathCollection:
        """Markers of ``s`` square points at (x, y), as ``Axes.scatter`` draws them."""
        style = MarkerStyle(marker)
        dots = PathCollection(
            (style.get_path().transformed(style.get_transform()),),
            sizes=[s],
            facecolors=c,
            offsets=np.column_stack([xs, ys]),
            offset_transform=self.transData,
            **kwargs,
        )
        dots.set_transform(IdentityTransform())
        return self._add(dots)  # type: ignore[no-any-return]


def axes(fig: Figure, height: float, left: float, right: float, top: float, bottom: float) -> Plane:
    """A drawing plane placed by margins in inches (no frame, no ticks: labels are drawn by hand)."""
    width = float(fig.get_figwidth())
    return Plane(
        fig, (left / width, bottom / height, 1 - (left + right) / width, 1 - (top + bottom) / height)
    )


def line_count(text: str) -> int:
    return text.count("\n") + 1


def rect(x0: float, x1: float, y: float, half: float) -> list[tuple[float, float]]:
    return [(x0, y - half), (x1, y - half), (x1, y + half), (x0, y + half)]


def row_positions(labels: Sequence[str], pad: float = 0.12) -> tuple[list[float], list[float], float]:
    """Stack rows top-down, each as tall as its wrapped label; returns centres, heights and total (in)."""
    heights = [max(line_count(label) * LINE, 0.18) + pad for label in labels]
    centres, y = [], 0.0
    for h in heights:
        centres.append(y + h / 2)
        y += h
    return centres, heights, y


def scale_axis(ax: Plane, lo: float, hi: float, y_bottom: float, fmt: Fmt, step: float = 1.0) -> None:
    """Vertical grid lines and tick labels at every scale point, drawn as one collection."""
    ticks = []
    x = lo
    while x <= hi + 1e-9:
        ticks.append(x)
        x += step
    ax.add_collection(
        LineCollection([[(t, 0), (t, y_bottom)] for t in ticks], colors=GRID, linewidths=0.6, zorder=0)
    )
    for t in ticks:
        ax.text(t, y_bottom + 0.06, fmt(t), ha="center", va="top", color=MUTED, parse_math=False)


CHART_TEXT_LIMIT = 200
"""Characters of one line of chart text: a label longer than any chart is wide is cut with an ellipsis, so
a 100 kB scale label costs what a normal one does (measuring text is linear in its length)."""
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def chart_text(text: str) -> str:
    """Text as a chart may draw it: control characters (which no font has, and which matplotlib would echo
    raw in a warning) removed, each line at most :data:`CHART_TEXT_LIMIT` characters."""
    text = _CONTROL.sub("", text)
    if len(text) <= CHART_TEXT_LIMIT:
        return text
    return "\n".join(
        line if len(line) <= CHART_TEXT_LIMIT else line[: CHART_TEXT_LIMIT - 1] + "…"
        for line in text.split("\n")
    )


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size: float = FONT) -> float:
    """Width in inches of one line in the chart font at ``size`` points, as matplotlib measures it.

    Cached: legends and column headers measure the same few labels in every chart of every report. A
    label in a script the chart fonts do not cover (a factor named in Chinese) is drawn with the font's
    missing-glyph box; matplotlib's warning per character, with this file's path, would land among the
    run's one-line messages, so it is silenced here.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        width, _, _ = text_to_path.get_text_width_height_descent(
            chart_text(text), FontProperties(family=list(FONTS), size=size), ismath=False
        )
    return float(width) / 72


def fit_headers(columns: Sequence[str], width: float, size: float) -> tuple[list[str], float]:
    """Column headers for columns ``width`` inches wide, and their size in points: the font shrinks from
    ``size`` (down to 5.5 pt) until the longest word fits, so a long Dutch compound ("kennisuitwisseling")
    is never split with a hyphen; each header then wraps between words within the column."""
    longest = max((w for c in columns for w in c.split()), key=len, default="")
    font = max(5.5, min(size, size * (width - 0.06) / max(text_width(longest, size), 0.01)))
    chars = max(6, int(width / (text_width("abcdefghijklmnopqrstuvwxyz", font) / 26)) + 2)
    return [fit_words(c, chars, width - 0.06, font) for c in columns], font


def fit_words(text: str, chars: int, width: float, font: float) -> str:
    """``text`` wrapped at the most characters per line whose every line is at most ``width`` inches
    (measured, not guessed), but never splitting a word."""
    longest = max((len(w) for w in text.split()), default=1)
    label = wrap(text, max(chars, longest))
    while chars > longest and max(text_width(line, font) for line in label.split("\n")) > width:
        chars -= 1
        label = wrap(text, chars)
    return label


def wrap(text: str, width: int = _LABEL_CHARS) -> str:
    """Wrap a label on word boundaries. A word longer than ``width`` is split with a hyphen rather than
    cut off or allowed to run into its neighbour."""
    flat = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()  # keeps no-break spaces: "n\u00a0=\u00a05"
    pieces = []
    for word in flat.split(" "):
        while len(word) > width > 2:
            pieces.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        pieces.append(word)
    lines = textwrap.wrap(" ".join(pieces), width=width, break_long_words=True, break_on_hyphens=False)
    return "\n".join(lines) or " "


def scale_rows(
    labels: Sequence[str], scale: tuple[float, float], *, pad: float, top: float, bottom: float, right: float
) -> tuple[Any, Any, list[float], float, float]:
    """Figure and axes for one row per (wrapped) label along a score scale, top row first.

    Returns ``fig, ax, centres, total, height``; call it inside ``style()``.
    """
    centres, _, total = row_positions(labels, pad=pad)
    height = total + top + bottom
    lo, hi = scale
    fig = figure(height)
    ax = axes(fig, height, left=2.0, right=right, top=top, bottom=bottom)
    ax.set_xlim(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))
    ax.set_ylim(total, 0)
    return fig, ax, centres, total, height


# --- marks ------------------------------------------------------------------------------------------
def by_colour(shapes: Sequence[Any], colours: Sequence[str]) -> tuple[list[Any], list[str]]:
    """Shapes and colours reordered so equal colours are adjacent (first-seen colour order), which lets
    :func:`to_svg` merge each colour into one path."""
    order = {c: i for i, c in reversed(list(enumerate(colours)))}
    pairs = sorted(zip(shapes, colours, strict=True), key=lambda p: order[p[1]])
    return [p[0] for p in pairs], [p[1] for p in pairs]


def dots(ax: Plane, marks: Sequence[tuple[float, float, str]], marker: str, size: float) -> None:
    """Markers for many rows in one artist (one ``plot`` call per row is what makes charts slow)."""
    xs, ys, colours = zip(*marks, strict=True)
    ax.scatter(
        xs,
        ys,
        s=size,
        c=list(colours),
        marker=marker,
        edgecolors="white",
        linewidths=0.8,
        zorder=5,
        clip_on=False,
    )


# --- legend -----------------------------------------------------------------------------------------
def _legend_layout(
    labels: Sequence[str], fig_width: float = FIG_WIDTH, start: float = 0.1
) -> list[tuple[float, int]]:
    """(x in inches, line) of each swatch legend entry, flowing onto a new line when one does not fit."""
    x, line, out = start, 0, []
    for label in labels:
        width = 0.22 + text_width(label) + 0.25
        if x + width > fig_width and x > start:
            x, line = 0.1, line + 1
        out.append((x, line))
        x += width
    return out


def legend_lines(labels: Sequence[str], fig_width: float = FIG_WIDTH) -> int:
    return 1 + max((line for _, line in _legend_layout(labels, fig_width)), default=0)


def swatch_legend(fig: Figure, height: float, entries: Sequence[tuple[str, str]], start: float = 0.1) -> None:
    """Colour swatches across the top of the figure, from ``start`` inches."""
    fig_width = float(fig.get_figwidth())
    layout = _legend_layout([e[0] for e in entries], fig_width, start)
    for (label, colour), (x, line) in zip(entries, layout, strict=True):
        y = height - 0.12 - line * 0.2
        fig.patches.append(
            mpl.patches.Rectangle(
                (x / fig_width, (y - 0.05) / height),
                0.16 / fig_width,
                0.1 / height,
                transform=fig.transFigure,
                facecolor=colour,
                edgecolor="none",
            )
        )
        fig.text((x + 0.22) / fig_width, y / height, label, va="center", ha="left", color=INK)
