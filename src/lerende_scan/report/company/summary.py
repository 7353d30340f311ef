"""The first pages of the company report: the management summary (index, response rate, opportunities
with their weakest statements, real strengths, hotspots, sector position, a small overview chart) and
the factor overview (scores with intervals and % favourable)."""

from __future__ import annotations

from typing import Any

from lerende_scan.questionnaire import ALPHA_WEAK, localise
from lerende_scan.report import charts
from lerende_scan.report.company import waves
from lerende_scan.report.company.comparisons import group_column, group_name
from lerende_scan.report.company.factors import weakest_first
from lerende_scan.report.company.view import View, group_label, score_cells
from lerende_scan.results import FactorResult

__all__ = ["HOTSPOTS", "OPPORTUNITIES", "WEAKEST_STATEMENTS", "overview", "response", "summary"]

OPPORTUNITIES = 3
"""How many opportunities and strengths the summary names."""
WEAKEST_STATEMENTS = 2
"""How many of an opportunity's weakest statements the summary quotes."""
HOTSPOTS = 3
"""How many of the lowest group × factor cells the summary names (scores.json keeps five; the groups page
shows every cell): with five, a company with pioneers, a sector position and a reliability note spilled
the summary's last lines onto a page of their own."""


def response(v: View) -> dict[str, Any]:
    """The response rate in words (or that it is unknown) and, per group, as table rows."""
    rate, t, fmt = v.result.response, v.t, v.fmt
    if rate is None:
        return {
            "known": False,
            "text": t("response_unknown"),
            "short": t("response_short_unknown"),
            "groups": [],
        }
    groups = [
        {
            "column": group_column(t, g.column),
            "name": group_label(g.name),
            "invited": fmt.count(g.invited),
            "responses": fmt.count(g.responses) if g.responses is not None else t("response_hidden"),
            "rate": fmt.share(g.rate) if g.rate is not None else t("not_available"),
        }
        for g in rate.groups
    ]
    return {
        "known": True,
        "text": t(
            "response_text",
            responses=fmt.count(rate.responses),
            invited=fmt.count(rate.invited),
            rate=fmt.share(rate.rate),
        ),
        "short": t("response_short", rate=fmt.share(rate.rate), invited=fmt.count(rate.invited)),
        "groups": groups,
    }


def summary(v: View) -> dict[str, Any]:
    """Everything page 2 says: the index, the response rate, up to three opportunities with their
    weakest statements and first advice, the real strengths (or that there are none), the hotspots, the
    sector position, what changed since the previous wave, and notes."""
    r, t, fmt = v.result, v.t, v.fmt
    has_bands = bool(v.bands)
    index_text = t(
        "summary_index_text" if has_bands else "summary_index_text_no_band",
        company=r.company,
        score=fmt.num(r.index.mean),
        min=v.q.scale.min,
        max=v.q.scale.max,
        band=v.band(r.index.band)["label"],
        favourable=fmt.share(r.index.favourable),
        factors=len(r.factors),
        valid=fmt.count(r.respondents.valid),
        received=fmt.count(r.respondents.received),
    )

    def entry(fid: str, with_details: bool) -> dict[str, Any]:
        f = r.factor(fid)
        factor = v.factors.get(fid)
        advice = localise(factor.advice, v.lang, fallback=v.q.default_language) if factor else None
        texts = {i.id: v.text(i.text) for i in factor.items} if factor else {}
        weakest = [
            {
                "text": texts.get(i.id, i.id),
                "favourable": fmt.share(i.favourable),
                "mean": fmt.num(i.scored_mean),
            }
            for i in weakest_first(list(f.items))[:WEAKEST_STATEMENTS]
            if i.scored_mean is not None
        ]
        return {
            "id": fid,
            "name": v.name(fid),
            "score": t(
                "summary_score" if has_bands else "summary_score_no_band",
                score=fmt.num(f.mean),
                band=v.band(f.band)["label"].lower(),
                favourable=fmt.share(f.favourable),
            ),
            "band": v.band(f.band),
            "weakest": weakest if with_details else [],
            "advice": list(advice or [])[:1] if with_details else [],
        }

    notes = []
    low = [v.name(f.id) for f in r.factors if f.alpha is not None and f.alpha < ALPHA_WEAK]
    if low:
        notes.append(t("summary_low_alpha", factors=", ".join(f"'{n}'" for n in low)))
    shown = {(b.column, g.name) for b in r.groups for g in b.groups if not g.suppressed}
    lowest = [h for h in r.hotspots if (h.column, h.group) in shown][:HOTSPOTS]
    hotspots = [
        t(
            "summary_hotspot",
            group=group_name(t, h.column, h.group),
            factor=v.name(h.factor),
            score=fmt.num(h.score),
            diff=v.signed(h.difference),
        )
        for h in lowest
    ]
    return {
        "index_text": index_text,
        "response": response(v),
        "opportunities": [entry(fid, True) for fid in r.opportunities[:OPPORTUNITIES]],
        "strengths": [entry(fid, False) for fid in r.strengths[:OPPORTUNITIES]],
        "hotspots": hotspots,
        "waves": waves.summary_line(v),
        "leaders": _leaders_line(v),
        "benchmark": _benchmark_line(v),
        "notes": notes,
        "chart": _chart(v, "chart-summary", compact=True),
    }


def _leaders_line(v: View) -> str:
    lc = v.result.leaders
    if lc is None or lc.suppressed:
        return ""
    gaps = [g for g in lc.factors if g.gap is not None]
    if not gaps:
        return ""
    big = max(gaps, key=lambda g: abs(g.gap or 0.0))
    return v.t("summary_gap", factor=v.name(big.factor), gap=v.signed(big.gap))


def _benchmark_line(v: View) -> str:
    pos = v.result.benchmark
    if pos is None:
        return ""
    above = sum(1 for p in pos.factors if p.diff_median is not None and p.diff_median > 0)
    key = "summary_benchmark_code" if pos.code else "summary_benchmark"
    return v.t(
        key, name=pos.name, companies=pos.companies, code=pos.code or "", above=above, count=len(pos.factors)
    )


def _chart(v: View, chart_id: str, compact: bool) -> Any:
    """Every factor and the index as dot and whisker on the band zones, most room for improvement on top."""
    r, t, fmt = v.result, v.t, v.fmt
    ordered = _ordered(v)
    rows = [charts.MeanRow(v.name(f.id), f.mean, f.ci_low, f.ci_high, v.colour(f.mean)) for f in ordered]
    ix = r.index
    rows.append(
        charts.MeanRow(t("index_label"), ix.mean, ix.ci_low, ix.ci_high, v.colour(ix.mean), emphasis=True)
    )
    desc_items = [
        t(
            "overview_chart_item",
            name=row.label,
            score=fmt.num(row.mean),
            band=f" ({v.band(q.band)['label']})" if v.bands else "",
            low=fmt.num(row.ci_low),
            high=fmt.num(row.ci_high),
        )
        for row, q in zip(rows, [*ordered, ix], strict=True)
    ]
    return charts.factor_overview(
        rows,
        v.styles,
        v.scale,
        chart_id=chart_id,
        title=t("overview_chart_title"),
        desc=t("overview_chart_desc", items="; ".join(desc_items)),
        fmt=fmt.num,
        tick=lambda x: fmt.num(x, 0),
        compact=compact,
    )


def _ordered(v: View) -> list[FactorResult]:
    """The factors weakest first (most room for improvement on top); unscored ones last."""
    scored = sorted((f for f in v.result.factors if f.mean is not None), key=lambda f: f.mean or 0.0)
    return scored + [f for f in v.result.factors if f.mean is None]


def overview(v: View) -> dict[str, Any]:
    """Every factor as a table row (score, interval, % favourable, band) and as a stacked bar of its
    unfavourable, neutral and favourable shares."""
    t, fmt = v.t, v.fmt
    ordered = _ordered(v)
    labels = [t("overview_unfavourable"), t("overview_neutral"), t("overview_favourable")]
    rows = [
        charts.LikertRow(
            v.name(f.id),
            [f.unfavourable or 0.0, f.neutral or 0.0, f.favourable or 0.0]
            if f.favourable is not None
            else None,
            f.unfavourable,
            f.favourable,
        )
        for f in ordered
    ]
    chart = charts.likert_bars(
        rows,
        labels,
        chart_id="chart-favourable",
        title=t("overview_split_title"),
        desc=t(
            "overview_split_desc",
            items="; ".join(
                t(
                    "likert_desc_item",
                    item=v.name(f.id),
                    low=fmt.share(f.unfavourable),
                    high=fmt.share(f.favourable),
                )
                for f in ordered
            ),
        ),
        pct=fmt.share,
    )
    table = [{"id": f.id, "name": v.name(f.id), **score_cells(v, f)} for f in ordered]
    return {"chart": chart, "table": table}
