"""The "Voor en na" / "Before and after" section of the company report: this wave against the latest
earlier one (:attr:`CompanyResult.waves`, built by :mod:`lerende_scan.waves.compare`).

Per factor and the index: both means, the change with its CI, Hedges' g with its CI and the statistical
and the practical mark as two separate columns (they answer different questions and are never merged);
the factors not compared, with their changed statements and why; per unchanged statement the change of
its mean and of its % favourable, the largest movers named; the groups shown in both waves; a chart of
then and now per factor for two waves, a trend chart per factor from three waves on; and one sentence on
what a before and after does not show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from lerende_scan.report.charts.gaps import GapRow, gap_chart
from lerende_scan.report.charts.trend import TrendPanel, TrendPoint, trend_chart
from lerende_scan.report.company.view import View
from lerende_scan.waves.model import Change, GroupChange, ItemChange, StatementChange, WaveComparison, WaveRef

__all__ = ["TREND_FROM", "summary_line", "template_values", "waves_section"]

TREND_FROM = 3
"""Waves from which the section draws a trend chart; with two, a chart of then and now per factor."""


def template_values(v: View) -> dict[str, Any]:
    """What company.html.j2 gets from this module: ``waves``, the section (None without ``--previous``)."""
    return {"waves": waves_section(v)}


def waves_section(v: View) -> dict[str, Any] | None:
    """The section's context, or None when this result was not compared with an earlier wave."""
    w = v.result.waves
    if w is None:
        return None
    t = v.t
    texts = {i.id: v.text(i.text) for f in v.q.factors for i in f.items}
    current_n = v.fmt.count(v.result.respondents.valid)
    intro = t("waves_intro", current=_wave(v, w.current), previous=_wave(v, w.previous), n=current_n)
    if w.previous_version != v.result.questionnaire.version:
        intro += " " + t("waves_versions", before=w.previous_version, after=v.result.questionnaire.version)
    rows = [_row(v, c, v.name(c.id)) for c in w.factors]
    if w.index is not None:
        rows.append({**_row(v, w.index, t("index_label")), "total": True})
    return {
        "intro": intro,
        "marks": t("waves_marks", g=v.fmt.num(w.practical_g, 1)),
        "rows": rows,
        "index_not_compared": t("waves_index_not_compared") if w.index is None else None,
        "not_compared": _not_compared(v, w, texts),
        "items": _items(v, w, texts),
        "movers": _movers(v, w, texts),
        "groups": _groups(v, w),
        "hidden": _hidden(v, w),
        "chart": _then_and_now(v, w),
        "trend": _trend(v, w),
        "caveat": t("waves_caveat"),
    }


def summary_line(v: View) -> str:
    """What the summary page says of the before and after: the factors (and the index) that changed both
    statistically and practically, with the change and g, or that none did; empty without ``--previous``.
    Only what both marks agree on, so the headline never rests on one of them."""
    w = v.result.waves
    if w is None:
        return ""
    changes = _compared(v, w)
    moved = [(name, c) for name, c in changes if c.statistical and c.practical]
    previous = _wave(v, w.previous)
    if not moved:
        return v.t("waves_summary_none", previous=previous)
    listed = "; ".join(
        v.t("waves_summary_change", factor=name, diff=v.signed(c.diff), g=v.signed(c.g)) for name, c in moved
    )
    rest = " " + v.t("waves_summary_others") if len(moved) < len(changes) else ""
    return v.t("waves_summary_moved", previous=previous, changes=listed) + rest


def _compared(v: View, w: WaveComparison) -> list[tuple[str, Change]]:
    """The compared factors by name, in the table's order, then the index when it is compared."""
    changes = [(v.name(c.id), c) for c in w.factors]
    if w.index is not None:
        changes.append((v.t("index_label"), w.index))
    return changes


def _wave(v: View, ref: WaveRef) -> str:
    """'nameting, 15 juni 2026', '15 juni 2026' or 'nameting'."""
    date = v.t.date(ref.date) if ref.date else None
    if ref.name and date:
        return f"{ref.name}, {date}"
    return ref.name or date or v.t("not_available")


def _mark(v: View, value: bool | None) -> dict[str, Any]:
    key = "not_available" if value is None else ("waves_yes" if value else "waves_no")
    return {"on": bool(value), "text": v.t(key)}


def _row(v: View, c: Change, name: str) -> dict[str, Any]:
    fmt = v.fmt
    return {
        "id": c.id,
        "name": name,
        "before": fmt.num(c.before.mean),
        "after": fmt.num(c.after.mean),
        "n_before": fmt.count(c.before.n),
        "n_after": fmt.count(c.after.n),
        "diff": v.signed(c.diff),
        "ci": fmt.interval(c.ci_low, c.ci_high),
        "g": v.signed(c.g),
        "g_ci": fmt.interval(c.g_low, c.g_high),
        "statistical": _mark(v, c.statistical),
        "practical": _mark(v, c.practical),
        "total": False,
    }


def _statement(v: View, s: StatementChange, texts: dict[str, str]) -> dict[str, str]:
    return {
        "id": s.id,
        "text": texts.get(s.id, ""),
        "reason": v.t(f"waves_reason_{s.reason.replace('-', '_')}"),
    }


def _not_compared(v: View, w: WaveComparison, texts: dict[str, str]) -> list[dict[str, Any]]:
    order = [f.id for f in v.q.factors]
    return [
        {
            "name": v.name(fid),
            "statements": [_statement(v, s, texts) for s in changed],
            "kept": _kept(v, sum(1 for i in w.items if i.factor == fid)),
        }
        for fid, changed in sorted(w.not_compared.items(), key=lambda kv: _position(order, kv[0]))
    ]


def _kept(v: View, count: int) -> str:
    return (
        v.t("waves_kept_one" if count == 1 else "waves_kept", count=count)
        if count
        else v.t("waves_kept_none")
    )


def _position(order: Sequence[str], fid: str) -> int:
    return order.index(fid) if fid in order else len(order)


def _items(v: View, w: WaveComparison, texts: dict[str, str]) -> list[dict[str, Any]]:
    fmt = v.fmt
    up, down = set(w.movers_up), set(w.movers_down)
    order = [i.id for f in v.q.factors for i in f.items]
    out = []
    for c in sorted(w.items, key=lambda c: _position(order, c.id)):
        out.append(
            {
                "id": c.id,
                "text": texts.get(c.id, c.id),
                "factor": v.name(c.factor),
                "before": fmt.num(c.before),
                "after": fmt.num(c.after),
                "diff": v.signed(c.diff),
                "fav_before": fmt.share(c.favourable_before),
                "fav_after": fmt.share(c.favourable_after),
                "fav_diff": _points(v, c.favourable_diff),
                "mover": "up" if c.id in up else ("down" if c.id in down else ""),
            }
        )
    return out


def _points(v: View, share: float | None) -> str:
    """A change of a share in percentage points: '+15' ('−3'), the column header says 'points'."""
    return v.fmt.signed(None if share is None else share * 100, 0)


def _movers(v: View, w: WaveComparison, texts: dict[str, str]) -> dict[str, list[str]]:
    by_id: dict[str, ItemChange] = {c.id: c for c in w.items}

    def named(ids: Sequence[str]) -> list[str]:
        return [
            v.t(
                "waves_mover",
                text=texts.get(i, i),
                diff=v.fmt.signed(by_id[i].diff),
                points=_points(v, by_id[i].favourable_diff),
            )
            for i in ids
            if i in by_id
        ]

    return {"up": named(w.movers_up), "down": named(w.movers_down)}


def _groups(v: View, w: WaveComparison) -> list[dict[str, Any]]:
    """Per breakdown column, the groups shown in both waves: sizes and the change per compared factor.
    A group hidden in either wave is not here at all (it is named in :func:`_hidden`)."""
    factor_ids = [c.id for c in w.factors]
    columns: dict[str, list[GroupChange]] = {}
    for g in w.groups:
        if not g.hidden:
            columns.setdefault(g.column, []).append(g)
    fmt = v.fmt
    return [
        {
            "column": column,
            "factors": [v.name(f) for f in factor_ids],
            "index": w.index is not None,
            "rows": [
                {
                    "name": g.name,
                    "n_before": fmt.count(g.n_before or 0),
                    "n_after": fmt.count(g.n_after or 0),
                    "changes": [fmt.signed(g.factors.get(f)) for f in factor_ids],
                    "index": fmt.signed(g.index),
                }
                for g in groups
            ],
        }
        for column, groups in columns.items()
    ]


def _hidden(v: View, w: WaveComparison) -> list[str]:
    """One line per hidden group: why it has no change (too small in a wave, or the cross-wave rule)."""
    k = v.q.anonymity.min_group_size
    return [
        v.t(
            f"waves_hidden_{g.reason or 'hidden_in_a_wave'}", group=f"{g.column}: {g.name}", min=k, less=k - 1
        )
        for g in w.groups
        if g.hidden
    ]


def _then_and_now(v: View, w: WaveComparison) -> Markup | None:
    """For two waves: per compared factor (and the index) both means on the scale and the change printed
    right, in the table's order, so that a reader sees at a glance what moved. From three waves on the
    trend chart shows this and more."""
    if len(w.waves) >= TREND_FROM:
        return None
    changes = _compared(v, w)
    if not changes:
        return None
    fmt, t = v.fmt, v.t
    desc = "; ".join(
        t("waves_chart_desc_row", factor=name, before=fmt.num(c.before.mean), after=fmt.num(c.after.mean))
        for name, c in changes
    )
    return gap_chart(
        [GapRow(name, c.after.mean, c.before.mean, c.diff) for name, c in changes],
        v.scale,
        (
            t("waves_chart_now", wave=_wave(v, w.current)),
            t("waves_chart_then", wave=_wave(v, w.previous)),
        ),
        chart_id="chart-waves",
        title=t("waves_chart_title"),
        desc=desc + ".",
        fmt=lambda x: fmt.num(x, 0),
        signed=v.signed,
    )


def _trend(v: View, w: WaveComparison) -> dict[str, Any] | None:
    """From :data:`TREND_FROM` waves: one panel per factor with at least two comparable waves, then the
    index; the factors left out are named."""
    if len(w.waves) < TREND_FROM:
        return None
    ids = [f.id for f in v.q.factors] + [v.result.index.id]
    panels: list[TrendPanel] = []
    missing: list[str] = []
    for fid in ids:
        points = w.trend.get(fid, [])
        name = v.t("index_label") if fid == v.result.index.id else v.name(fid)
        if len(points) < 2:
            missing.append(name)
            continue
        panels.append(
            TrendPanel(
                name,
                [TrendPoint(p.wave, p.mean, p.ci_low, p.ci_high) for p in points],
            )
        )
    if not panels:
        return None
    labels = ", ".join(_wave(v, r) for r in w.waves)
    chart = trend_chart(
        panels,
        v.scale,
        chart_id="trend",
        title=v.t("waves_trend_title"),
        desc=v.t("waves_trend_desc", waves=labels, count=len(panels)),
        fmt=lambda x: v.fmt.num(x, 1),
    )
    note = v.t("waves_trend_missing", factors=", ".join(missing)) if missing else ""
    return {"chart": chart, "note": note, "intro": v.t("waves_trend_intro", count=len(w.waves))}
