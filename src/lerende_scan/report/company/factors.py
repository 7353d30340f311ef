"""The factor pages of the company report, written for a director: the factor's score, band and
% favourable, every statement in the favourable direction (weakest first) as a Likert chart and a table of
shares and scored means, warnings and the advice. The analyst's figures (SD, missing, item-rest, alpha)
are in the method appendix (:func:`lerende_scan.report.company.appendix.statistics`)."""

from __future__ import annotations

from typing import Any

from lerende_scan.questionnaire import ALPHA_WEAK, localise
from lerende_scan.report import charts
from lerende_scan.report.company.view import View, score_cells
from lerende_scan.results import FactorResult, ItemResult

__all__ = ["factor_page", "favourable_shares", "weakest_first"]


def favourable_shares(v: View, item: ItemResult) -> list[float] | None:
    """The answer shares from least to most favourable: a reverse-keyed statement's turned round."""
    if not item.n:
        return None
    values = [str(x) for x in range(v.q.scale.min, v.q.scale.max + 1)]
    shares = [float(item.raw_distribution.get(x, 0.0)) for x in values]
    return shares[::-1] if item.reverse else shares


def weakest_first(items: list[ItemResult]) -> list[ItemResult]:
    """Statements by scored mean, weakest first; unanswered ones last, in questionnaire order."""
    scored = [i for i in items if i.scored_mean is not None]
    scored.sort(key=lambda i: i.scored_mean or 0.0)
    return scored + [i for i in items if i.scored_mean is None]


def factor_page(v: View, f: FactorResult, rank: int | None) -> dict[str, Any]:
    """One factor's page; ``rank`` is its place among the opportunities (None: a strength, or unranked)."""
    t, fmt = v.t, v.fmt
    factor = v.factors.get(f.id)
    texts = {i.id: v.text(i.text) for i in factor.items} if factor else {}
    scale_labels = [v.text(v.q.scale.labels.get(x, str(x))) for x in range(v.q.scale.min, v.q.scale.max + 1)]
    rows, desc, items, warnings = [], [], [], []
    for item in weakest_first(list(f.items)):
        text = texts.get(item.id, item.id)
        label = text + (f" {t('reversed_mark')}" if item.reverse else "")
        rows.append(charts.LikertRow(label, favourable_shares(v, item), item.unfavourable, item.favourable))
        if item.n:
            desc.append(
                t(
                    "likert_desc_item",
                    item=text,
                    low=fmt.share(item.unfavourable),
                    high=fmt.share(item.favourable),
                )
            )
        items.append(
            {
                "id": item.id,
                "text": text,
                "reverse": item.reverse,
                "n": item.n,
                "mean": fmt.num(item.scored_mean),
                "favourable": fmt.share(item.favourable),
                "neutral": fmt.share(item.neutral),
                "unfavourable": fmt.share(item.unfavourable),
            }
        )
        if item.item_rest is not None and item.item_rest < 0:
            warnings.append(t("warn_negative_item", item=text, r=fmt.coef(item.item_rest)))
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
    strength = f.id in v.result.strengths
    return {
        "id": f.id,
        "name": name,
        "description": v.text(factor.description) if factor else "",
        "score": score_cells(v, f),
        "rank": t("factor_rank", rank=rank, count=len(v.result.opportunities)) if rank else "",
        "strength": t("factor_strength") if strength else "",
        "chart": chart,
        "items": items,
        "any_reversed": any(i["reverse"] for i in items),
        "warnings": warnings,
        "advice": list(advice or []),
    }
