"""The appendices of the company report: data quality (who was excluded or flagged, what is missing) and
the method (scale, reversed items, scoring rules, bands, alpha, anonymity, versions)."""

from __future__ import annotations

from typing import Any

from lerende_scan import __version__
from lerende_scan.errors import ScanError
from lerende_scan.report.company.view import View
from lerende_scan.report.render import Translator

__all__ = ["method", "quality"]


def _reason(t: Translator, reason: str) -> str:
    key = f"reason_{reason}"
    try:
        return t(key)
    except ScanError:  # a reason this report does not know yet: show its id rather than fail
        return reason.replace("_", " ")


def quality(v: View) -> dict[str, Any]:
    """Counts of received, valid, excluded and flagged questionnaires, and missing answers per item."""
    dq, t, fmt = v.result.data_quality, v.t, v.fmt
    return {
        "received": fmt.count(dq.received),
        "valid": fmt.count(dq.valid),
        "excluded": [{"reason": _reason(t, k), "count": n} for k, n in dq.excluded.items() if n],
        "excluded_total": sum(dq.excluded.values()),
        "flagged": [{"reason": _reason(t, k), "count": n} for k, n in dq.flagged.items() if n],
        "out_of_range": [{"column": k, "count": n} for k, n in dq.out_of_range.items() if n],
        "missing": [
            {
                "name": v.text(f.name),
                "cells": [
                    {
                        "id": i.id,
                        "pct": fmt.percent(dq.missing_pct.get(i.id)),
                        "high": dq.missing_pct.get(i.id, 0) >= 10,
                    }
                    for i in f.items
                ],
            }
            for f in v.q.factors
        ],
        "missing_columns": max((len(f.items) for f in v.q.factors), default=0),
    }


def method(v: View) -> dict[str, Any]:
    """The rules behind the numbers, in the report's language, with the questionnaire and tool versions."""
    q, t, fmt = v.q, v.t, v.fmt
    labels = ", ".join(f"{x} = {v.text(q.scale.labels[x])}" for x in sorted(q.scale.labels))
    labels = labels or ", ".join(str(x) for x in range(q.scale.min, q.scale.max + 1))
    reversed_items = [f"{i.id}: {v.text(i.text)}" for i in q.items if i.reverse]
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
        "bands": bands,
        "alpha": t("method_alpha"),
        "anonymity": t("method_anonymity", min=q.anonymity.min_group_size),
        "min_group_size": q.anonymity.min_group_size,
        "version": t(
            "method_version",
            title=v.text(q.title),
            id=v.result.questionnaire.id,
            version=v.result.questionnaire.version,
            hash=v.result.questionnaire.hash,
            tool=__version__,
        ),
    }
