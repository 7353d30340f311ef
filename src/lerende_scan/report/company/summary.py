"""The first pages of the company report: the management summary and the factor overview chart."""

from __future__ import annotations

from typing import Any

from lerende_scan.questionnaire import ALPHA_WEAK, localise
from lerende_scan.report import charts
from lerende_scan.report.company.view import View, score_cells

__all__ = ["overview", "summary"]


def summary(v: View) -> dict[str, Any]:
    """The index in words, the three biggest opportunities (with advice), three strengths and notes."""
    r, t, fmt = v.result, v.t, v.fmt
    has_bands = bool(v.bands)
    index_text = t(
        "summary_index_text" if has_bands else "summary_index_text_no_band",
        company=r.company,
        score=fmt.num(r.index.mean),
        min=v.q.scale.min,
        max=v.q.scale.max,
        band=v.band(r.index.band)["label"],
        factors=len(r.factors),
        valid=fmt.count(r.respondents.valid),
        received=fmt.count(r.respondents.received),
    )

    def entry(fid: str, with_advice: bool) -> dict[str, Any]:
        f = r.factor(fid)
        factor = v.factors.get(fid)
        advice = localise(factor.advice, v.lang, fallback=v.q.default_language) if factor else None
        return {
            "id": fid,
            "name": v.name(fid),
            "score": t(
                "summary_score" if has_bands else "summary_score_no_band",
                score=fmt.num(f.mean),
                band=v.band(f.band)["label"],
            ),
            "band": v.band(f.band),
            "description": v.text(factor.description) if factor else "",
            "advice": list(advice or [])[:2] if with_advice else [],
            "more_advice": with_advice and len(advice or []) > 2,
        }

    notes = []
    if r.leaders is not None and not r.leaders.suppressed:
        gaps = [g for g in r.leaders.factors if g.gap is not None]
        if gaps:
            big = max(gaps, key=lambda g: abs(g.gap or 0.0))
            notes.append(t("summary_gap", factor=v.name(big.factor), gap=fmt.signed(big.gap)))
    low = [v.name(f.id) for f in r.factors if f.alpha is not None and f.alpha < ALPHA_WEAK]
    if low:
        notes.append(t("summary_low_alpha", factors=", ".join(f"'{n}'" for n in low)))
    return {
        "index_text": index_text,
        "opportunities": [entry(fid, True) for fid in r.opportunities[:3]],
        "strengths": [entry(fid, False) for fid in r.strengths[:3]],
        "notes": notes,
    }


def overview(v: View) -> dict[str, Any]:
    """Every factor and the index on one chart (most room for improvement at the top) and as a table."""
    r, t, fmt = v.result, v.t, v.fmt
    ordered = [r.factor(fid) for fid in reversed(r.opportunities)] if r.opportunities else list(r.factors)
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
    chart = charts.factor_overview(
        rows,
        v.styles,
        v.scale,
        chart_id="chart-overview",
        title=t("overview_chart_title"),
        desc=t("overview_chart_desc", items="; ".join(desc_items)),
        fmt=fmt.num,
        tick=lambda x: fmt.num(x, 0),
    )
    table = [{"id": f.id, "name": v.name(f.id), **score_cells(v, f)} for f in ordered]
    return {"chart": chart, "table": table}
