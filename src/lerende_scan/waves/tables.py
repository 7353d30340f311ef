"""The before-and-after sheets of scores.xlsx: factors and index, and statements (pure DataFrames)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult

__all__ = ["wave_tables"]


def wave_tables(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> dict[str, pd.DataFrame]:
    """``before_after`` (one row per factor and the index, and the factors not compared) and
    ``before_after_items`` (each statement: its change, or why it is not compared); none without waves."""
    w = result.waves
    if w is None:
        return {}
    names = {f.id: str(localise(f.name, lang)) for f in questionnaire.factors}
    names["index"] = "Lerende-organisatie-index" if lang == "nl" else "Learning-organisation index"
    texts = {i.id: str(localise(i.text, lang)) for i in questionnaire.items}
    rows: list[dict[str, Any]] = []
    for c in [*w.factors, *([w.index] if w.index else [])]:
        rows.append(
            {
                "factor": c.id,
                "name": names.get(c.id, c.id),
                "wave_before": w.previous.label,
                "n_before": c.before.n,
                "mean_before": c.before.mean,
                "wave_after": w.current.label,
                "n_after": c.after.n,
                "mean_after": c.after.mean,
                "change": c.diff,
                "change_ci_low": c.ci_low,
                "change_ci_high": c.ci_high,
                "hedges_g": c.g,
                "g_ci_low": c.g_low,
                "g_ci_high": c.g_high,
                "statistical": c.statistical,
                "practical": c.practical,
                "not_compared": "",
            }
        )
    for fid, changes in w.not_compared.items():
        why = ", ".join(f"{s.id} ({s.reason})" for s in changes)
        rows.append({"factor": fid, "name": names.get(fid, fid), "not_compared": why})
    if w.index is None:
        rows.append({"factor": "index", "name": names["index"], "not_compared": "factors changed"})
    items: list[dict[str, Any]] = [
        {
            "factor": i.factor,
            "item": i.id,
            "text": texts.get(i.id, ""),
            "mean_before": i.before,
            "mean_after": i.after,
            "change": i.diff,
            "favourable_before": i.favourable_before,
            "favourable_after": i.favourable_after,
            "favourable_change": i.favourable_diff,
            "not_compared": "",
        }
        for i in w.items
    ]
    items += [
        {"factor": s.factor, "item": s.id, "text": texts.get(s.id, ""), "not_compared": s.reason}
        for s in w.statements
        if s.reason != "moved"
    ]
    return {"before_after": pd.DataFrame(rows), "before_after_items": pd.DataFrame(items)}
