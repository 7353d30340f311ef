"""The comparing sections of the company report: groups (a heatmap per breakdown, coloured by the
difference from the company total), leaders against employees (the chain of learning: gap, 95% CI and
effect size per factor, the statements with the largest gaps, one sentence that reads it), and the
company's position in a sector benchmark."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from lerende_scan.errors import ScanError
from lerende_scan.report import charts
from lerende_scan.report.charts.heatmap import heatmap_legend
from lerende_scan.report.company.view import View, group_label
from lerende_scan.report.render import Translator
from lerende_scan.results import GroupScore, LeaderGap, Position

__all__ = [
    "STATEMENT_GAPS",
    "benchmark",
    "breakdowns",
    "effect_size",
    "group_column",
    "group_name",
    "leaders",
]

STATEMENT_GAPS = 5
"""How many statements with the largest leader-employee gaps the chain-of-learning page lists."""

SMALL_SECTOR = 20
"""Below this many organisations the position page says that percentiles move in coarse steps."""

_EFFECT_SIZES = ((0.8, "effect_large"), (0.5, "effect_medium"), (0.2, "effect_small"))


def effect_size(g: float | None) -> str:
    """The strings key for the size of Hedges' g (Cohen's rule of thumb: .2 small, .5 medium, .8 large)."""
    if g is None:
        return "effect_none"
    for threshold, key in _EFFECT_SIZES:
        if abs(g) >= threshold:
            return key
    return "effect_negligible"


def group_column(t: Translator, column: str) -> str:
    """A readable name for a group column: 'department' -> 'afdeling' when strings.yaml knows it."""
    try:
        return t(f"group_{column.strip().lower()}")
    except ScanError:
        return column


def group_name(t: Translator, column: str, group: str) -> str:
    """A group as every page names it: 'Medewerker (functie)'."""
    return f"{group_label(group)} ({group_column(t, column)})"


def _hidden_text(v: View, g: GroupScore) -> str:
    """Why a group is hidden: too small, or hidden only to protect a small one (also when unknown)."""
    key = "suppressed_too_small" if g.suppressed_reason == "too_small" else "suppressed_protects"
    return v.t(key, min=v.q.anonymity.min_group_size)


def breakdowns(v: View) -> list[dict[str, Any]]:
    """One heatmap per group column: the total, then every group with its n or the reason it is hidden."""
    t, fmt = v.t, v.fmt
    ids = [f.id for f in v.result.factors]
    rows = [v.name(fid) for fid in ids] + [t("index_label")]
    company = [v.result.factor(fid).mean for fid in ids] + [v.result.index.mean]
    total = charts.HeatGroup(t("groups_total"), company, t("group_n", n=v.result.respondents.valid))
    legend = heatmap_legend(fmt.num, v.signed)
    out: list[dict[str, Any]] = []
    for b in v.result.groups:
        groups, desc = [], []
        reasons: set[str] = set()
        for g in b.groups:
            label = group_label(g.name)
            if g.suppressed or g.factors is None:
                why = _hidden_text(v, g)
                reasons.add(g.suppressed_reason or "protects_other")
                groups.append(charts.HeatGroup(label, None, hidden_text=why))
                desc.append(t("groups_desc_hidden", group=label, why=why))
                continue
            values = [g.factors.get(fid) for fid in ids] + [g.index]
            if any(x is None for x in values):
                reasons.add("few_scores")
            note = t("group_n", n=g.n) if g.n is not None else ""
            groups.append(charts.HeatGroup(label, values, note))
            desc.append(
                t(
                    "groups_desc_row",
                    group=label,
                    values=", ".join(f"{c} {fmt.num(x)}" for c, x in zip(rows, values, strict=True)),
                )
            )
        column = group_column(t, b.column)
        chart = charts.heatmap(
            total,
            groups,
            rows,
            chart_id=f"chart-groups-{len(out)}",
            title=t("groups_chart_title", column=column),
            desc=t("groups_chart_desc", rows="; ".join(desc)),
            fmt=fmt.num,
            legend=legend,
            legend_title=t("groups_legend"),
        )
        notes = [t(f"groups_note_{reason}", min=v.q.anonymity.min_group_size) for reason in sorted(reasons)]
        out.append({"column": column, "chart": chart, "notes": notes})
    return out


def _interpretation(v: View, gaps: list[LeaderGap]) -> str:
    """One sentence: the largest gap whose interval excludes zero, or that no gap is clear."""
    clear = [
        g for g in gaps if g.ci_low is not None and g.ci_high is not None and (g.ci_low > 0 or g.ci_high < 0)
    ]
    if not clear:
        return v.t("leaders_reading_none")
    big = clear[0]
    key = "leaders_reading_higher" if (big.gap or 0) > 0 else "leaders_reading_lower"
    others = len(clear) - 1
    return v.t(
        key,
        factor=v.name(big.factor),
        gap=v.signed(big.gap),
        low=v.fmt.num(big.ci_low),
        high=v.fmt.num(big.ci_high),
        size=v.t(effect_size(big.g)),
        others=v.t("leaders_reading_others", count=others) if others else "",
    )


def leaders(v: View) -> dict[str, Any] | None:
    """Leaders against employees per factor, largest gap first; None without a comparison, no chart and
    no numbers when it is suppressed."""
    lc = v.result.leaders
    if lc is None:
        return None
    t, fmt = v.t, v.fmt
    if lc.suppressed:
        return {"suppressed": True, "chart": Markup(""), "rows": [], "counts": "", "statements": []}
    gaps = sorted(lc.factors, key=lambda g: -1.0 if g.gap is None else -abs(g.gap))
    rows = [charts.GapRow(v.name(g.factor), g.leaders, g.employees, g.gap) for g in gaps]
    desc = [
        t(
            "leaders_desc_row",
            factor=v.name(g.factor),
            leaders=fmt.num(g.leaders),
            employees=fmt.num(g.employees),
        )
        for g in gaps
    ]
    chart = charts.gap_chart(
        rows,
        v.scale,
        (t("col_leaders"), t("col_employees")),
        chart_id="chart-leaders",
        title=t("leaders_chart_title"),
        desc=t("leaders_chart_desc", rows="; ".join(desc)),
        fmt=lambda x: fmt.num(x, 0),
        signed=v.signed,
    )
    table = [
        {
            "name": v.name(g.factor),
            "leaders": fmt.num(g.leaders),
            "employees": fmt.num(g.employees),
            "gap": v.signed(g.gap),
            "ci": t("interval", low=v.signed(g.ci_low), high=v.signed(g.ci_high))
            if g.ci_low is not None and g.ci_high is not None
            else t("not_available"),
            "g": v.signed(g.g) if g.g is not None else t("not_available"),
            "size": t(effect_size(g.g)),
        }
        for g in gaps
    ]
    texts = {i.id: v.text(i.text) for f in v.q.factors for i in f.items}
    statements = [
        {
            "text": texts.get(s.item, s.item),
            "factor": v.name(s.factor),
            "leaders": fmt.num(s.leaders),
            "employees": fmt.num(s.employees),
            "gap": v.signed(s.gap),
        }
        for s in lc.items[:STATEMENT_GAPS]
        if s.gap is not None
    ]
    counts = (
        t("leaders_counts", leaders=lc.n_leaders, employees=lc.n_employees)
        if lc.n_leaders is not None and lc.n_employees is not None
        else ""
    )
    return {
        "suppressed": False,
        "chart": chart,
        "rows": table,
        "counts": counts,
        "statements": statements,
        "reading": _interpretation(v, gaps),
    }


def _position_reading(v: View, pos: Position) -> list[str]:
    """What the position says in plain sentences: the lowest and highest quarter, where a factor is both
    an opportunity of its own and behind the sector, and how coarse percentiles are in a small sector."""
    t = v.t
    quartile = {p.id: p.quartile for p in pos.factors}
    lines: list[str] = []
    for q, key in ((1, "lowest"), (4, "highest")):
        names = [v.name(fid) for fid, at in quartile.items() if at == q]
        text = t(f"benchmark_reading_{key}", factors=v.join(names)) if names else ""
        lines.append(text or t(f"benchmark_reading_no_{key}"))
    behind = [v.name(fid) for fid in v.result.opportunities if quartile.get(fid) == 1]
    if behind:
        key = "benchmark_reading_behind" if len(behind) > 1 else "benchmark_reading_behind_one"
        lines.append(t(key, factors=v.join(behind)))
    if pos.companies < SMALL_SECTOR:
        step = f"{100 / pos.companies:.0f}"
        lines.append(t("benchmark_reading_coarse", companies=pos.companies, step=step))
    return lines


def benchmark(v: View) -> dict[str, Any] | None:
    """The company against the sector's quartiles per factor; None when no benchmark position is set."""
    pos = v.result.benchmark
    if pos is None:
        return None
    t, fmt = v.t, v.fmt
    scores = {f.id: f.mean for f in v.result.factors}
    rows, desc, table, right = [], [], [], []
    for p in pos.factors:
        value = scores.get(p.id)
        rows.append(charts.PositionRow(v.name(p.id), value, p.sector_p25, p.sector_median, p.sector_p75))
        pct = "–" if p.percentile is None else f"{p.percentile:.0f}"
        right.append(t("benchmark_percentile_label", p=pct) if p.percentile is not None else "–")
        desc.append(
            t(
                "benchmark_desc_row",
                factor=v.name(p.id),
                score=fmt.num(value),
                median=fmt.num(p.sector_median),
                percentile=pct,
            )
        )
        table.append(
            {
                "name": v.name(p.id),
                "score": fmt.num(value),
                "sector": f"{fmt.num(p.sector_p25)} – {fmt.num(p.sector_median)} – {fmt.num(p.sector_p75)}",
                "percentile": pct,
                "quartile": "–" if p.quartile is None else str(p.quartile),
                "diff_median": v.signed(p.diff_median),
            }
        )
    chart = charts.position_chart(
        rows,
        v.scale,
        (t("benchmark_legend_company"), t("benchmark_legend_band"), t("benchmark_legend_median")),
        chart_id="chart-benchmark",
        title=t("benchmark_chart_title"),
        desc=t("benchmark_chart_desc", rows="; ".join(desc)),
        fmt=lambda x: fmt.num(x, 0),
        right_labels=right,
    )
    code = t("benchmark_code", code=pos.code) if pos.code else ""
    return {
        "name": pos.name,
        "companies": pos.companies,
        "chart": chart,
        "rows": table,
        "code": code,
        "reading": _position_reading(v, pos),
        "limits": t("benchmark_reading_limits"),
    }
