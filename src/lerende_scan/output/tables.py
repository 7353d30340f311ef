"""Pure tables of a company result: the DataFrames behind scores.xlsx and scores.csv (no I/O)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from lerende_scan.drivers.tables import driver_tables
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult, FactorResult
from lerende_scan.waves.tables import wave_tables

__all__ = ["result_tables"]


def result_tables(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> dict[str, pd.DataFrame]:
    """Flat tables of one company's result, one per XLSX sheet. Aggregates only."""
    factors = {f.id: f for f in questionnaire.factors}
    items = {i.id: i for i in questionnaire.items}

    def band_label(band_id: str | None) -> str | None:
        for band in questionnaire.scoring.bands:
            if questionnaire.band_id(band) == band_id:
                return str(localise(band.label, lang))
        return None

    def factor_row(f: FactorResult, name: str, rank: int | None) -> dict[str, Any]:
        return {
            "company": result.company,
            "factor": f.id,
            "name": name,
            "n": f.n,
            "mean": f.mean,
            "sd": f.sd,
            "ci_low": f.ci_low,
            "ci_high": f.ci_high,
            "alpha": f.alpha,
            "band": f.band,
            "band_label": band_label(f.band),
            "rank": rank,
        }

    factor_rows = [
        factor_row(f, localise(factors[f.id].name, lang), result.opportunities.index(f.id) + 1)
        if f.id in result.opportunities
        else factor_row(f, localise(factors[f.id].name, lang), None)
        for f in result.factors
    ]
    index_name = "Lerende-organisatie-index" if lang == "nl" else "Learning-organisation index"
    factor_rows.append(factor_row(result.index, index_name, None))
    points = [str(v) for v in range(questionnaire.scale.min, questionnaire.scale.max + 1)]
    item_rows = [
        {
            "factor": f.id,
            "item": it.id,
            "text": localise(items[it.id].text, lang),
            "reverse": it.reverse,
            "n": it.n,
            "mean": it.mean,
            "sd": it.sd,
            "missing_pct": it.missing_pct,
            "item_rest": it.item_rest,
            **{f"share_{p}": it.distribution.get(p) for p in points},
        }
        for f in result.factors
        for it in f.items
    ]
    group_rows = [
        {
            "breakdown": b.column,
            "group": g.name,
            "suppressed": g.suppressed,
            "n": g.n,
            "index": g.index,
            **{fid: (g.factors or {}).get(fid) for fid in factors},
        }
        for b in result.groups
        for g in b.groups
    ]
    leaders = result.leaders
    if leaders is not None:  # the perception gap, as two more groups of the same table
        for side, n in (("leaders", leaders.n_leaders), ("employees", leaders.n_employees)):
            group_rows.append(
                {
                    "breakdown": "leaders_vs_employees",
                    "group": side,
                    "suppressed": leaders.suppressed,
                    "n": None if leaders.suppressed else n,
                    "index": None,
                    **{g.factor: None if leaders.suppressed else getattr(g, side) for g in leaders.factors},
                }
            )
    dq = result.data_quality
    quality_rows: list[dict[str, Any]] = [
        {"measure": "received", "key": "", "value": dq.received},
        {"measure": "valid", "key": "", "value": dq.valid},
        *({"measure": "excluded", "key": k, "value": v} for k, v in dq.excluded.items()),
        *({"measure": "flagged", "key": k, "value": v} for k, v in dq.flagged.items()),
        *({"measure": "missing_pct", "key": k, "value": v} for k, v in dq.missing_pct.items()),
        *({"measure": "out_of_range", "key": k, "value": v} for k, v in dq.out_of_range.items()),
    ]
    summary = pd.DataFrame(
        [
            ("company", result.company),
            ("questionnaire", f"{result.questionnaire.id} {result.questionnaire.version}"),
            ("questionnaire_hash", result.questionnaire.hash),
            ("received", result.respondents.received),
            ("valid", result.respondents.valid),
            ("index", result.index.mean),
            ("opportunities", ", ".join(result.opportunities)),
            ("strengths", ", ".join(result.strengths)),
        ],
        columns=["key", "value"],
    )
    return {
        "summary": summary,
        "factors": pd.DataFrame(factor_rows).astype({"n": "Int64", "rank": "Int64"}),
        "items": pd.DataFrame(item_rows),
        "groups": pd.DataFrame(
            group_rows, columns=["breakdown", "group", "suppressed", "n", "index", *factors]
        ),
        "data_quality": pd.DataFrame(quality_rows, columns=["measure", "key", "value"]),
        **driver_tables(result, questionnaire, lang),  # drivers and motivation, when the scan has drivers
        **wave_tables(result, questionnaire, lang),  # before and after, with --previous
    }
