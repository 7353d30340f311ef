"""The company report's group heatmap: factors (rows) × the company total and the groups of a breakdown
(columns). A group's cell is tinted by its difference from the company total (diverging: red below, blue
above, white at the total), so the eye goes to where a group differs, not to the overall level; the total
column is plain. Hidden groups are hatched and say why, never a number.

With many groups, or a group name with a word too long for its column ("Verpleeghuis" among eight), the
chart turns: groups on the rows, where a name has room, and the factors on the columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from lerende_scan.report.canvas import (
    FIG_WIDTH,
    FONT,
    LINE,
    Fmt,
    Plane,
    axes,
    by_colour,
    figure,
    fit_headers,
    legend_lines,
    line_count,
    rect,
    row_positions,
    style,
    swatch_legend,
    text_width,
    wrap,
)
from lerende_scan.report.palette import INK, SUPPRESSED_EDGE, SUPPRESSED_FILL, TOTAL_FILL, diverging
from lerende_scan.report.svg import to_svg

__all__ = ["DIFF_LIMIT", "HeatGroup", "heatmap", "heatmap_legend"]

DIFF_LIMIT = 0.5
"""A difference from the total of this size or more gets the strongest colour."""


@dataclass(frozen=True)
class HeatGroup:
    """One column: a group (or the total) with one value per row; ``values`` is None when the group is
    hidden for anonymity, and then ``hidden_text`` says why ("te klein")."""

    label: str
    values: Sequence[float | None] | None
    note: str = ""  # a second header line, e.g. "n = 13"
    hidden_text: str = ""


def heatmap_legend(fmt: Fmt, signed: Fmt) -> list[tuple[str, float]]:
    """The legend's steps: (label, difference) from far below to far above the total."""
    steps = (-DIFF_LIMIT, -DIFF_LIMIT / 2, 0.0, DIFF_LIMIT / 2, DIFF_LIMIT)
    return [(signed(d) if d else fmt(0.0), d) for d in steps]


def heatmap(
    total: HeatGroup,
    columns: Sequence[HeatGroup],
    rows: Sequence[str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    legend: Sequence[tuple[str, float]],
    legend_title: str,
) -> Markup:
    """Factors (rows) × the total and each group (columns), each group cell tinted by its difference
    from the total and showing its score; hidden groups hatched with their ``hidden_text``.

    Factor names are long, so they go on the rows (wrapped on words at a width that keeps a name on two
    lines at most); group names are wrapped to the column width.
    """
    left, right = 2.2, 0.05
    cols = [total, *columns]
    ncol = max(len(cols), 1)
    col_width = (FIG_WIDTH - left - right) / ncol
    chars = max(4, int(col_width / (text_width("abcdefghijklmnopqrstuvwxyz") / 26)) - 1)
    small = FONT - 1.5  # hidden-cell reasons and long group names: two lines in a narrow column
    small_chars = int(chars * FONT / small)
    col_labels = [_header(c.label, chars, small_chars) + (f"\n{c.note}" if c.note else "") for c in cols]
    header_size = FONT if all(_fits(c.label, chars) for c in cols) else small
    row_labels = [wrap(r, 32) for r in rows]
    entries = [(f"{label}", diverging(d, DIFF_LIMIT)) for label, d in legend]
    legend_h = 0.2 * legend_lines([legend_title, *[e[0] for e in entries]]) + 0.1
    head = max((line_count(c) for c in col_labels), default=1) * LINE + 0.12 + legend_h
    centres, heights, height_rows = row_positions(row_labels, pad=0.1)
    height = height_rows + head + 0.08
    digits_fit = col_width >= 0.45
    if not digits_fit or not all(_fits(c.label, small_chars) for c in cols):
        return _groups_on_rows(
            total, columns, rows, chart_id=chart_id, title=title, desc=desc, fmt=fmt, legend=legend,
            legend_title=legend_title,
        )  # fmt: skip
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=left, right=right, top=head, bottom=0.08)
        ax.set_xlim(0, ncol)
        ax.set_ylim(height_rows, 0)
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        hatched: list[list[tuple[float, float]]] = []
        for j, label in enumerate(col_labels):
            weight = "bold" if j == 0 else "normal"
            ax.text(
                j + 0.5,
                -0.06,
                label,
                ha="center",
                va="bottom",
                color=INK,
                fontweight=weight,
                fontsize=header_size,
            )
        for i, (label, y, h) in enumerate(zip(row_labels, centres, heights, strict=True)):
            ax.text(-0.08 / col_width, y, label, ha="right", va="center", color=INK)
            base = total.values[i] if total.values is not None else None
            for j, col in enumerate(cols):
                cell = [
                    (j + 0.03, y - h / 2 + 0.02),
                    (j + 0.97, y - h / 2 + 0.02),
                    (j + 0.97, y + h / 2 - 0.02),
                    (j + 0.03, y + h / 2 - 0.02),
                ]
                if col.values is None:
                    hatched.append(cell)
                    text = wrap(col.hidden_text, small_chars)
                    ax.text(
                        j + 0.5,
                        y,
                        text,
                        ha="center",
                        va="center",
                        color=INK,
                        fontstyle="italic",
                        fontsize=small,
                    )
                    continue
                value = col.values[i]
                verts.append(cell)
                if j == 0 or value is None or base is None:
                    faces.append(TOTAL_FILL)
                else:
                    faces.append(diverging(value - base, DIFF_LIMIT))
                text = "–" if value is None else (fmt(value) if digits_fit else fmt(round(value, 1)))
                ax.text(j + 0.5, y, text, ha="center", va="center", color=INK, fontweight="bold")
        _cells_and_legend(fig, ax, height, verts, faces, hatched, legend_title, entries)
        return to_svg(fig, chart_id, title, desc)


def _cells_and_legend(
    fig: Figure,
    ax: Plane,
    height: float,
    verts: list[list[tuple[float, float]]],
    faces: list[str],
    hatched: list[list[tuple[float, float]]],
    legend_title: str,
    entries: Sequence[tuple[str, str]],
) -> None:
    """Both orientations' cells (one collection per colour), the hidden cells hatched, and the legend."""
    verts, faces = by_colour(verts, faces)
    ax.add_collection(PolyCollection(verts, facecolors=faces, edgecolors="none"))
    if hatched:
        ax.add_collection(
            PolyCollection(
                hatched, facecolors=SUPPRESSED_FILL, edgecolors=SUPPRESSED_EDGE, linewidths=0.5, hatch="///"
            )
        )
    fig.text(0.1 / FIG_WIDTH, (height - 0.12) / height, legend_title, va="center", ha="left", color=INK)
    swatch_legend(fig, height, entries, start=0.1 + text_width(legend_title) + 0.25)


_HEAD_FONT = 6.5  # column headers of the turned chart: factor names in columns of about 0.6 in
_INDEX_GAP = 0.15  # between the factors and the index column, in column units
_TOTAL_GAP = 0.08  # below the total's row, inches


def _groups_on_rows(
    total: HeatGroup,
    columns: Sequence[HeatGroup],
    factors: Sequence[str],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt,
    legend: Sequence[tuple[str, float]],
    legend_title: str,
) -> Markup:
    """The total and each group (rows) × the factors and the index (columns, the index set apart), cells
    tinted and labelled as in :func:`heatmap`; a hidden group is one hatched bar with its reason."""
    groups = [total, *columns]
    labels = [wrap(g.label + (f" ({g.note})" if g.note else ""), 34) for g in groups]
    left = min(
        2.6, max(max((text_width(line) for lb in labels for line in lb.split("\n")), default=0.5), 0.5)
    )
    left += 0.15
    ncol = max(len(factors), 1)
    col_width = (FIG_WIDTH - left - 0.05) / (ncol + _INDEX_GAP)
    headers, font = fit_headers(factors, col_width, _HEAD_FONT)
    entries = [(label, diverging(d, DIFF_LIMIT)) for label, d in legend]
    legend_h = 0.2 * legend_lines([legend_title, *[e[0] for e in entries]]) + 0.1
    head = max((line_count(h) for h in headers), default=1) * LINE * font / FONT + 0.1 + legend_h
    centres, heights, rows_h = row_positions(labels, pad=0.06)
    centres = [c + (_TOTAL_GAP if i else 0.0) for i, c in enumerate(centres)]
    rows_h += _TOTAL_GAP
    height = rows_h + head + 0.08
    xs = [j + (_INDEX_GAP if j == ncol - 1 else 0.0) for j in range(ncol)]
    with style():
        fig = figure(height)
        ax = axes(fig, height, left=left, right=0.05, top=head, bottom=0.08)
        ax.set_xlim(0, ncol + _INDEX_GAP)
        ax.set_ylim(rows_h, 0)
        for x, header in zip(xs, headers, strict=True):
            ax.text(x + 0.5, -0.05, header, ha="center", va="bottom", color=INK, fontsize=font)
        verts: list[list[tuple[float, float]]] = []
        faces: list[str] = []
        hatched: list[list[tuple[float, float]]] = []
        base = total.values
        for i, (group, label, y, h) in enumerate(zip(groups, labels, centres, heights, strict=True)):
            weight = "bold" if i == 0 else "normal"
            ax.text(-0.1 / col_width, y, label, ha="right", va="center", color=INK, fontweight=weight)
            if group.values is None:
                hatched.append(rect(0.02, xs[-1] + 0.98, y, h / 2 - 0.01))
                ax.text(
                    (xs[-1] + 1) / 2, y, group.hidden_text, ha="center", va="center", color=INK,
                    fontstyle="italic",
                )  # fmt: skip
                continue
            for j, (x, value) in enumerate(zip(xs, group.values, strict=True)):
                verts.append(rect(x + 0.02, x + 0.98, y, h / 2 - 0.01))
                ref = base[j] if base is not None else None
                if i == 0 or value is None or ref is None:
                    faces.append(TOTAL_FILL)
                else:
                    faces.append(diverging(value - ref, DIFF_LIMIT))
                text = "–" if value is None else fmt(value)
                ax.text(x + 0.5, y, text, ha="center", va="center", color=INK, fontweight="bold")
        _cells_and_legend(fig, ax, height, verts, faces, hatched, legend_title, entries)
        return to_svg(fig, chart_id, title, desc)


def _fits(label: str, chars: int) -> bool:
    """Whether every word of a group name fits the column at the normal size."""
    return all(len(word) <= chars for word in label.split())


def _header(label: str, chars: int, small_chars: int) -> str:
    """A group name wrapped on words; a word too long for the column is set smaller (see the caller)
    rather than split in two."""
    return wrap(label, chars if _fits(label, chars) else small_chars)
