"""The drivers and motivation sheets of scores.xlsx: flat tables of a company's driver results (no I/O)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult

__all__ = ["driver_tables"]


def driver_tables(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> dict[str, pd.DataFrame]:
    """``drivers`` (one row per driver, or one row saying why there is no analysis) and ``motivation``
    (the spread for the company and each shown group, with the pioneer rank); empty without drivers."""
    d = result.drivers
    if d is None:
        return {}
    names = {f.id: str(localise(f.name, lang)) for f in questionnaire.factors}
    means = {f.id: f.mean for f in result.factors}
    head: dict[str, Any] = {
        "company": result.company,
        "outcome": d.outcome,
        "status": d.status,
        "n": d.n,
        "min_respondents": d.min_respondents,
        "r2": d.r2,
        "r2_ci_low": d.r2_ci_low,
        "r2_ci_high": d.r2_ci_high,
    }
    rows = [
        {
            **head,
            "factor": w.factor,
            "name": names.get(w.factor, w.factor),
            "score": means.get(w.factor),
            "raw": w.raw,
            "share": w.share,
            "ci_low": w.ci_low,
            "ci_high": w.ci_high,
            "share_ci_low": w.share_ci_low,
            "share_ci_high": w.share_ci_high,
            "distinguishable": w.distinguishable,
            "act_first": w.act_first,
            "priority": d.priorities.index(w.factor) + 1 if w.factor in d.priorities else None,
        }
        for w in d.weights
    ] or [{**head, "factor": ", ".join(d.factors) or None}]
    tables = {"drivers": pd.DataFrame(rows)}
    spread = result.motivation
    if spread is not None:
        rank = {(p.column, p.group): i for i, p in enumerate(result.pioneers, 1)}
        room = {(p.column, p.group): (p.room, p.room_score) for p in result.pioneers}
        levels = [
            {
                "column": None,
                "group": None,
                "n": spread.n,
                "mean": means.get(spread.factor),
                **spread.shares.model_dump(),
                "pioneer_rank": None,
                "room": None,
                "room_score": None,
            }
        ]
        for g in spread.groups:
            key = (g.column, g.group)
            levels.append(
                {
                    "column": g.column,
                    "group": g.group,
                    "n": g.n,
                    "mean": g.mean,
                    **g.shares.model_dump(),
                    "pioneer_rank": rank.get(key),
                    "room": room.get(key, (None, None))[0],
                    "room_score": room.get(key, (None, None))[1],
                }
            )
        tables["motivation"] = pd.DataFrame(levels).astype({"pioneer_rank": "Int64"})
    return tables
