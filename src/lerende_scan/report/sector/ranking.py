"""The sector report's first pages: the summary, where the most room lies (the ranking) and the spread of
the organisations' scores, all on the one statistic of :data:`~.view.STATISTIC`."""

from __future__ import annotations

from typing import Any

from lerende_scan.benchmark import FactorDistribution
from lerende_scan.report.charts import sector as sector_charts
from lerende_scan.report.sector.view import COUNTS_BELOW, View

__all__ = ["distribution", "room", "summary"]


def _band_of(v: View, score: float | None) -> dict[str, str] | None:
    band = v.q.band_for(score) if score is not None else None
    if band is None:
        return None
    for band_id, label, style in v.bands:
        if band_id == v.q.band_id(band):
            return {"id": band_id, "label": label, "colour": style.colour}
    return None


def summary(v: View) -> dict[str, Any]:
    b, t, fmt = v.bench, v.t, v.fmt
    ix = b.index
    first = v.first_band()
    ranked = [f for f in b.factors if v.statistic(f) is not None]
    room = [
        {
            "name": v.name(f.id),
            "text": t(
                "sector_summary_room_item_counts" if v.counts else "sector_summary_room_item",
                mean=fmt.num(v.statistic(f)),
                band=first[1].lower(),
                share=v.bottleneck(f),
            )
            if first
            else t("sector_summary_room_item_no_band", mean=fmt.num(v.statistic(f))),
        }
        for f in ranked[:3]
    ]
    strongest = ranked[-1] if len(ranked) > 3 else None
    return {
        "index": fmt.num(v.statistic(ix)),
        "index_band": _band_of(v, v.statistic(ix)),
        "text": t(
            "sector_summary_text",
            companies=b.provenance.companies,
            respondents=fmt.count(b.provenance.respondents),
            name=b.provenance.name,
            mean=fmt.num(v.statistic(ix)),
            min=v.q.scale.min,
            max=v.q.scale.max,
            p25=fmt.num(ix.p25),
            p75=fmt.num(ix.p75),
        ),
        "room": room,
        "strongest": t(
            "sector_summary_strong", factor=v.name(strongest.id), mean=fmt.num(v.statistic(strongest))
        )
        if strongest
        else "",
        "counts": t("sector_summary_counts", limit=COUNTS_BELOW) if v.counts else "",
        "own_code": t("sector_summary_own_code"),
        "excluded": t("sector_summary_excluded", count=len(b.excluded)) if b.excluded else "",
    }


def _ticks(v: View) -> list[tuple[float, str]]:
    """Under the share bars: counts of organisations below COUNTS_BELOW, else 0% to 100%."""
    if not v.counts:
        return [(x, v.fmt.share(x)) for x in (0, 0.25, 0.5, 0.75, 1)]
    total = v.bench.provenance.companies
    step = 1 if total <= 10 else 2
    return [(k / total, str(k)) for k in range(0, total + 1, step)] + (
        [(1.0, str(total))] if total % step else []
    )


def room(v: View) -> dict[str, Any]:
    t, fmt = v.t, v.fmt
    first = v.first_band()
    rows, desc, table = [], [], []
    for rank, f in enumerate(v.bench.factors, 1):
        stat = fmt.num(v.statistic(f))
        shares = v.shares_of(f)
        rows.append(sector_charts.ShareRow(f"{rank}. {v.name(f.id)}", v.band_shares(f), v.segments(f), stat))
        desc.append(
            t(
                "sector_room_desc_row",
                rank=rank,
                factor=v.name(f.id),
                mean=stat,
                shares=", ".join(
                    t("sector_share_item", band=label, share=s)
                    for (_, label, _), s in zip(v.bands, shares, strict=True)
                ),
            )
        )
        table.append(
            {
                "rank": rank,
                "id": f.id,
                "name": v.name(f.id),
                "mean": stat,
                "iqr": fmt.interval(f.p25, f.p75),
                "shares": shares,
                "companies": f.companies,
            }
        )
    companies = v.bench.provenance.companies
    chart = (
        sector_charts.band_shares(
            rows,
            v.styles,
            ticks=_ticks(v),
            axis_title=t("sector_room_axis_counts", total=companies)
            if v.counts
            else t("sector_room_axis_shares", total=companies),
            right_title=t("sector_col_mean"),
            chart_id="chart-room",
            title=t("sector_room_chart_title"),
            desc=t("sector_room_chart_desc", rows="; ".join(desc)),
        )
        if v.bands
        else None
    )
    return {
        "intro": t("sector_room_intro", bands=v.band_list()) if first else t("sector_room_intro_no_band"),
        "bands": [label for _, label, _ in v.bands],
        "chart": chart,
        "rows": table,
    }


def distribution(v: View) -> dict[str, Any]:
    t, fmt, b = v.t, v.fmt, v.bench

    def row(dist: FactorDistribution, label: str, values: list[float | None], emphasis: bool = False) -> Any:
        return sector_charts.DistributionRow(
            label,
            [float("nan") if x is None else x for x in values],
            dist.p10,
            dist.p25,
            v.statistic(dist),
            dist.p75,
            dist.p90,
            emphasis,
        )

    dists = [*b.factors, b.index]
    labels = [v.name(f.id) for f in b.factors] + [t("index_label")]
    rows = [row(f, v.name(f.id), [c.factors.get(f.id) for c in b.companies]) for f in b.factors]
    rows.append(row(b.index, t("index_label"), [c.index for c in b.companies], emphasis=True))
    desc = [
        t(
            "sector_distribution_desc_row",
            factor=label,
            mean=fmt.num(v.statistic(d)),
            p10=fmt.num(d.p10),
            p25=fmt.num(d.p25),
            p75=fmt.num(d.p75),
            p90=fmt.num(d.p90),
        )
        for label, d in zip(labels, dists, strict=True)
    ]
    chart = sector_charts.distribution(
        rows,
        v.styles,
        v.scale,
        (
            t("sector_legend_companies"),
            t("sector_legend_p10_p90"),
            t("sector_legend_p25_p75"),
            t("sector_col_mean"),
        ),
        chart_id="chart-distribution",
        title=t("sector_distribution_chart_title"),
        desc=t("sector_distribution_chart_desc", rows="; ".join(desc)),
        fmt=fmt.num,
        tick=lambda x: fmt.num(x, 0),
    )
    table = [
        {
            "name": label,
            "companies": d.companies,
            "mean": fmt.num(v.statistic(d)),
            "p10": fmt.num(d.p10),
            "p25": fmt.num(d.p25),
            "median": fmt.num(d.median),
            "p75": fmt.num(d.p75),
            "p90": fmt.num(d.p90),
            "total": d is b.index,
        }
        for label, d in zip(labels, dists, strict=True)
    ]
    return {"chart": chart, "rows": table}
