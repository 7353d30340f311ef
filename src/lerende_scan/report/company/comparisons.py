"""The comparing sections of the company report: groups (a heatmap per breakdown), leaders against
employees, and the company's position in a sector benchmark."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from lerende_scan.errors import ScanError
from lerende_scan.report import charts
from lerende_scan.report.company.view import View
from lerende_scan.report.render import Translator

__all__ = ["benchmark", "breakdowns", "leaders"]


def _group_column(t: Translator, column: str) -> str:
    """A readable name for a group column: 'department' -> 'afdeling' when strings.yaml knows it."""
    try:
        return t(f"group_{column.strip().lower()}")
    except ScanError:
        return column


def breakdowns(v: View) -> list[dict[str, Any]]:
    """One heatmap per group column; suppressed groups show 'n < minimum' instead of scores."""
    t, fmt = v.t, v.fmt
    minimum = v.q.anonymity.min_group_size
    ids = [f.id for f in v.result.factors]
    rows = [v.name(fid) for fid in ids] + [t("index_label")]
    out: list[dict[str, Any]] = []
    for b in v.result.groups:
        groups, desc = [], []
        for g in b.groups:
            if g.suppressed or g.factors is None:
                groups.append(charts.HeatGroup(g.name, None))
                desc.append(t("groups_desc_suppressed", group=g.name, min=minimum))
                continue
            values = [g.factors.get(fid) for fid in ids] + [g.index]
            note = t("group_n", n=g.n) if g.n is not None else ""
            groups.append(charts.HeatGroup(g.name, values, note))
            desc.append(
                t(
                    "groups_desc_row",
                    group=g.name,
                    values=", ".join(f"{c} {fmt.num(x)}" for c, x in zip(rows, values, strict=True)),
                )
            )
        column = _group_column(t, b.column)
        chart = charts.heatmap(
            groups,
            rows,
            v.styles,
            chart_id=f"chart-groups-{len(out)}",
            title=t("groups_chart_title", column=column),
            desc=t("groups_chart_desc", rows="; ".join(desc)),
            fmt=fmt.num,
            suppressed_text=t("suppressed_cell", min=minimum),
        )
        out.append({"column": column, "chart": chart, "suppressed": any(g.suppressed for g in b.groups)})
    return out


def leaders(v: View) -> dict[str, Any] | None:
    """Leaders against employees per factor; None without a comparison, no chart when suppressed."""
    lc = v.result.leaders
    if lc is None:
        return None
    t, fmt = v.t, v.fmt
    if lc.suppressed:
        return {"suppressed": True, "chart": Markup(""), "rows": [], "counts": ""}
    gaps = [g for g in lc.factors]
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
        signed=fmt.signed,
    )
    table = [
        {
            "name": v.name(g.factor),
            "leaders": fmt.num(g.leaders),
            "employees": fmt.num(g.employees),
            "gap": fmt.signed(g.gap),
        }
        for g in gaps
    ]
    counts = (
        t("leaders_counts", leaders=lc.n_leaders, employees=lc.n_employees)
        if lc.n_leaders is not None and lc.n_employees is not None
        else ""
    )
    return {"suppressed": False, "chart": chart, "rows": table, "counts": counts}


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
                "diff_median": fmt.signed(p.diff_median),
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
    return {"name": pos.name, "companies": pos.companies, "chart": chart, "rows": table}
