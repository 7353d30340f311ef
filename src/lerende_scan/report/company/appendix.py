"""The appendices of the company report: data quality (who was excluded or flagged, which statements
were left unanswered, by their text) and the method (scale, reversed statements, scoring, % favourable,
bands, response rate, anonymity, versions) with the analyst's figures per factor (alpha, and per
statement SD, missing and item-rest)."""

from __future__ import annotations

from typing import Any

from lerende_scan import __version__
from lerende_scan.errors import ScanError
from lerende_scan.questionnaire import ALPHA_ACCEPTABLE
from lerende_scan.report.company.view import View, alpha_reading
from lerende_scan.report.render import Translator

__all__ = ["MISSING_HIGH", "MISSING_SHOWN", "method", "quality", "statistics"]

MISSING_HIGH = 10.0
"""Percentage of missing answers from which a statement is highlighted."""
MISSING_SHOWN = 5
"""Statements the data-quality appendix lists at least (most missing first; every highlighted one is
listed too). The method appendix gives each statement's missing share, so the full list is not printed
twice."""


def _reason(t: Translator, reason: str) -> str:
    key = f"reason_{reason}"
    try:
        return t(key)
    except ScanError:  # a reason this report does not know yet: show its id rather than fail
        return reason.replace("_", " ")


def quality(v: View) -> dict[str, Any]:
    """Counts of received, valid, excluded and flagged questionnaires, and the statements with the most
    missing answers by their text, most missing first (see :data:`MISSING_SHOWN`)."""
    dq, t, fmt = v.result.data_quality, v.t, v.fmt
    missing = [
        (dq.missing_pct.get(i.id, 0.0), v.text(i.text), v.name(f.id))
        for f in v.q.factors
        for i in f.items
        if dq.missing_pct.get(i.id, 0.0) > 0
    ]
    missing.sort(key=lambda m: -m[0])
    shown = max(MISSING_SHOWN, sum(pct >= MISSING_HIGH for pct, _, _ in missing))
    rest = missing[shown:]
    texts = {i.id: v.text(i.text) for i in v.q.items}
    return {
        "received": fmt.count(dq.received),
        "valid": fmt.count(dq.valid),
        "excluded": [{"reason": _reason(t, k), "count": n} for k, n in dq.excluded.items() if n],
        "excluded_total": sum(dq.excluded.values()),
        "flagged": [{"reason": _reason(t, k), "count": n} for k, n in dq.flagged.items() if n],
        "out_of_range": [{"column": texts.get(k, k), "count": n} for k, n in dq.out_of_range.items() if n],
        "missing": [
            {"text": text, "factor": factor, "pct": fmt.percent(pct), "high": pct >= MISSING_HIGH}
            for pct, text, factor in missing[:shown]
        ],
        "missing_rest": (
            t("quality_missing_rest", count=len(rest), pct=fmt.percent(rest[0][0])) if rest else ""
        ),
    }


def statistics(v: View) -> list[dict[str, Any]]:
    """Per factor its alpha in words and per statement n, scored mean, SD, missing and item-rest."""
    t, fmt = v.t, v.fmt
    out = []
    for f in v.result.factors:
        factor = v.factors.get(f.id)
        texts = {i.id: v.text(i.text) for i in factor.items} if factor else {}
        reading = alpha_reading(f.alpha)
        out.append(
            {
                "name": v.name(f.id),
                "alpha": fmt.coef(f.alpha),
                "reading": t(reading),
                "alpha_class": reading.removeprefix("alpha_"),
                "items": [
                    {
                        "text": texts.get(i.id, i.id),
                        "reverse": i.reverse,
                        "n": i.n,
                        "mean": fmt.num(i.scored_mean),
                        "raw": fmt.num(i.mean),
                        "sd": fmt.num(i.sd),
                        "missing": fmt.percent(i.missing_pct),
                        "item_rest": fmt.coef(i.item_rest),
                        "negative": i.item_rest is not None and i.item_rest < 0,
                    }
                    for i in f.items
                ],
            }
        )
    return out


def method(v: View) -> dict[str, Any]:
    """The rules behind the numbers, in the report's language, with the questionnaire and tool versions."""
    q, t, fmt = v.q, v.t, v.fmt
    labels = ", ".join(f"{x} = {v.text(q.scale.labels[x])}" for x in sorted(q.scale.labels))
    labels = labels or ", ".join(str(x) for x in range(q.scale.min, q.scale.max + 1))
    reversed_items = [v.text(i.text) for i in q.items if i.reverse]
    ks = sorted({len(f.items) for f in q.factors})
    k = ks[-1] if ks else 0
    bands: list[str] = []
    previous: float | None = None
    for band in v.bands:
        if band.below is None:
            bands.append(t("method_band_rest", label=band.label, below=fmt.num(previous or q.scale.min)))
        elif previous is None:
            bands.append(t("method_band_below", label=band.label, below=fmt.num(band.below)))
        else:
            bands.append(
                t("method_band_between", label=band.label, low=fmt.num(previous), below=fmt.num(band.below))
            )
        previous = band.below
    example = next((f for f in q.factors if len(f.items) == k), None)
    low, high = q.scale.favourable_split()
    return {
        "scale": t(
            "method_scale" if q.scale.missing else "method_scale_no_missing",
            min=q.scale.min,
            max=q.scale.max,
            labels=labels,
            missing=", ".join(f"'{m}'" for m in q.scale.missing) or "'–'",
        ),
        "reversed": t("method_reversed", min=q.scale.min, max=q.scale.max),
        "reversed_items": reversed_items,
        "scoring": t(
            "method_scoring",
            share=f"{float(q.scoring.min_answered) * 100:.0f}%",
            min_items=q.min_items(example) if example else 1,
            k=k,
        ),
        "favourable": t("method_favourable", low=low, high=high),
        "bands": bands,
        "alpha": t("method_alpha", threshold=fmt.coef(ALPHA_ACCEPTABLE)),
        "response": t("method_response"),
        "anonymity": t("method_anonymity", min=q.anonymity.min_group_size),
        "min_group_size": q.anonymity.min_group_size,
        "statistics": statistics(v),
        "version": t(
            "method_version",
            title=v.text(q.title),
            id=v.result.questionnaire.id,
            version=v.result.questionnaire.version,
            hash=v.result.questionnaire.hash,
            tool=__version__,
        ),
    }
