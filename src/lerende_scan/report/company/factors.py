"""The factor pages of the company report: per factor its score, the Likert chart of its items, the item
table, the reliability reading, warnings and advice."""

from __future__ import annotations

from typing import Any

from lerende_scan.questionnaire import ALPHA_ACCEPTABLE, ALPHA_WEAK, localise
from lerende_scan.report import charts
from lerende_scan.report.company.view import View, alpha_reading, score_cells
from lerende_scan.results import FactorResult

__all__ = ["factor_page"]


def factor_page(v: View, f: FactorResult, rank: int | None) -> dict[str, Any]:
    """One factor's page; ``rank`` is its place among the opportunities (None: not ranked)."""
    t, fmt = v.t, v.fmt
    factor = v.factors.get(f.id)
    texts = {i.id: v.text(i.text) for i in factor.items} if factor else {}
    scale_labels = [v.text(v.q.scale.labels.get(x, str(x))) for x in range(v.q.scale.min, v.q.scale.max + 1)]
    values = [str(x) for x in range(v.q.scale.min, v.q.scale.max + 1)]
    rows, desc, items, warnings = [], [], [], []
    for item in f.items:
        label = texts.get(item.id, item.id) + (f" {t('reversed_mark')}" if item.reverse else "")
        shares = [float(item.distribution.get(x, 0.0)) for x in values] if item.n else None
        rows.append(charts.LikertRow(label, shares))
        if shares is not None:
            mid = len(values) // 2
            odd = len(values) % 2 == 1
            low, high = sum(shares[:mid]), sum(shares[mid + 1 :] if odd else shares[mid:])
            desc.append(t("likert_desc_item", item=item.id, low=fmt.share(low), high=fmt.share(high)))
        items.append(
            {
                "id": item.id,
                "text": texts.get(item.id, item.id),
                "reverse": item.reverse,
                "n": item.n,
                "mean": fmt.num(item.mean),
                "sd": fmt.num(item.sd),
                "missing": fmt.percent(item.missing_pct),
                "item_rest": fmt.coef(item.item_rest),
                "negative": item.item_rest is not None and item.item_rest < 0,
            }
        )
        if item.item_rest is not None and item.item_rest < 0:
            warnings.append(
                t("warn_negative_item", item=texts.get(item.id, item.id), r=fmt.coef(item.item_rest))
            )
    if (f.alpha is not None and f.alpha < ALPHA_WEAK) or "S001" in f.warnings:
        warnings.insert(0, t("warn_low_alpha"))
    name = v.name(f.id)
    chart = charts.likert_bars(
        rows,
        scale_labels,
        chart_id=f"chart-items-{f.id}",
        title=t("likert_title", factor=name),
        desc=t("likert_desc", items="; ".join(desc)),
        pct=fmt.share,
    )
    advice = localise(factor.advice, v.lang, fallback=v.q.default_language) if factor else None
    reading_key = alpha_reading(f.alpha)
    alpha_text = (
        t("alpha_reading_none")
        if f.alpha is None
        else t(
            "alpha_reading",
            alpha=fmt.coef(f.alpha),
            reading=t(reading_key),
            threshold=fmt.coef(ALPHA_ACCEPTABLE),
        )
    )
    return {
        "id": f.id,
        "name": name,
        "description": v.text(factor.description) if factor else "",
        "score": score_cells(v, f),
        "rank": t("factor_rank", rank=rank, count=len(v.result.factors)) if rank else "",
        "chart": chart,
        "items": items,
        "alpha_reading": t(reading_key),
        "alpha_text": alpha_text,
        "alpha_class": reading_key.removeprefix("alpha_"),
        "warnings": warnings,
        "advice": list(advice or []),
    }
