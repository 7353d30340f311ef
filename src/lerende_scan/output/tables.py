"""Pure tables of a company result: the DataFrames behind scores.xlsx and scores.csv (no I/O).

Columns are named by stable ids (``mean``, ``favourable``...); the workbook puts headers in the report
language over them (:mod:`.workbook`). One convention for shares: every share and percentage is a
fraction 0..1 (``missing`` included), which the workbook shows as a percentage. A statement's ``mean`` is
in the favourable direction (after reversal), with the answers' own mean beside it as ``raw_mean``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from lerende_scan.drivers.tables import driver_tables
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult, FactorResult
from lerende_scan.waves.tables import wave_tables

__all__ = ["result_tables"]

_WORDS = {
    "nl": {
        "index": "Lerende-organisatie-index",
        "too_small": "te klein",
        "protects_other": "verborgen ter bescherming",
        "leaders": "leidinggevenden",
        "employees": "medewerkers",
        "none": "geen",
        "factor": "factor",
        "statement": "stelling",
        "received": "ontvangen",
        "valid": "bruikbaar",
        "excluded": "niet gebruikt",
        "flagged": "gemarkeerd, wel gebruikt",
        "missing": "ontbrekend",
        "out_of_range": "buiten de schaal",
    },
    "en": {
        "index": "Learning-organisation index",
        "too_small": "too small",
        "protects_other": "hidden to protect another group",
        "leaders": "leaders",
        "employees": "employees",
        "none": "none",
        "factor": "factor",
        "statement": "statement",
        "received": "received",
        "valid": "usable",
        "excluded": "excluded",
        "flagged": "flagged, kept",
        "missing": "missing",
        "out_of_range": "out of range",
    },
}


def _words(lang: str) -> dict[str, str]:
    return _WORDS.get(lang, _WORDS["en"])


def result_tables(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> dict[str, pd.DataFrame]:
    """Flat tables of one company's result, one per XLSX sheet. Aggregates only."""
    words = _words(lang)
    factors = {f.id: f for f in questionnaire.factors}
    names = {f.id: str(localise(f.name, lang)) for f in questionnaire.factors}
    texts = {i.id: str(localise(i.text, lang)) for i in questionnaire.items}

    def band_label(band_id: str | None) -> str | None:
        for band in questionnaire.scoring.bands:
            if questionnaire.band_id(band) == band_id:
                return str(localise(band.label, lang))
        return None

    def rank(ids: list[str], fid: str) -> int | None:
        return ids.index(fid) + 1 if fid in ids else None

    def factor_row(f: FactorResult, name: str) -> dict[str, Any]:
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
            "rank": rank(result.opportunities, f.id),
            "strength_rank": rank(result.strengths, f.id),
            "favourable": f.favourable,
            "neutral": f.neutral,
            "unfavourable": f.unfavourable,
        }

    factor_rows = [factor_row(f, names[f.id]) for f in result.factors]
    factor_rows.append(factor_row(result.index, words["index"]))
    points = [str(v) for v in range(questionnaire.scale.min, questionnaire.scale.max + 1)]
    item_rows = [
        {
            "factor": f.id,
            "item": it.id,
            "text": texts.get(it.id, it.id),
            "reverse": it.reverse,
            "n": it.n,
            "mean": it.scored_mean,
            "raw_mean": it.mean,
            "favourable": it.favourable,
            "neutral": it.neutral,
            "unfavourable": it.unfavourable,
            "sd": it.sd,
            "missing": it.missing_pct / 100,
            "item_rest": it.item_rest,
            **{f"share_{p}": it.raw_distribution.get(p) for p in points},
        }
        for f in result.factors
        for it in f.items
    ]
    tables = {
        "summary": _summary(result, names, words),
        "factors": pd.DataFrame(factor_rows).astype(
            {"n": "Int64", "rank": "Int64", "strength_rank": "Int64"}
        ),
        "items": pd.DataFrame(item_rows),
        "groups": _groups(result, list(factors), words),
        "leaders": _leaders(result, names, texts, words),
        "data_quality": _quality(result, texts, words),
        **driver_tables(result, questionnaire, lang),  # drivers and motivation, when the scan has drivers
        **wave_tables(result, questionnaire, lang),  # before and after, with --previous
    }
    if result.benchmark is not None:
        tables["position"] = _position(result, names)
    return tables


def _summary(result: CompanyResult, names: dict[str, str], words: dict[str, str]) -> pd.DataFrame:
    """Key figures, one per row: ``key`` (a stable id) and ``value``; the workbook labels the keys."""
    response = result.response
    bench = result.benchmark
    rows: list[tuple[str, Any]] = [
        ("company", result.company),
        ("questionnaire", f"{result.questionnaire.id} {result.questionnaire.version}"),
        ("questionnaire_hash", result.questionnaire.hash),
        ("received", result.respondents.received),
        ("valid", result.respondents.valid),
        ("invited", response.invited if response else None),
        ("response_rate", response.rate if response else None),
        ("index", result.index.mean),
        ("index_favourable", result.index.favourable),
        ("opportunities", ", ".join(names.get(f, f) for f in result.opportunities) or words["none"]),
        ("strengths", ", ".join(names.get(f, f) for f in result.strengths) or words["none"]),
    ]
    if bench is not None:
        rows += [
            ("benchmark", bench.name),
            ("benchmark_code", bench.code),
            ("benchmark_companies", bench.companies),
        ]
    return pd.DataFrame(rows, columns=["key", "value"])


def _groups(result: CompanyResult, factor_ids: list[str], words: dict[str, str]) -> pd.DataFrame:
    invited = {(g.column, g.name): g for g in (result.response.groups if result.response else [])}
    rows = []
    for b in result.groups:
        for g in b.groups:
            rate = invited.get((b.column, g.name))
            rows.append(
                {
                    "breakdown": b.column,
                    "group": g.name,
                    "suppressed": g.suppressed,
                    "reason": words.get(g.suppressed_reason, g.suppressed_reason)
                    if g.suppressed_reason
                    else None,
                    "n": g.n,
                    "invited": rate.invited if rate else None,
                    "response_rate": rate.rate if rate else None,
                    "index": g.index,
                    **{fid: (g.factors or {}).get(fid) for fid in factor_ids},
                }
            )
    columns = [
        "breakdown",
        "group",
        "suppressed",
        "reason",
        "n",
        "invited",
        "response_rate",
        "index",
        *factor_ids,
    ]
    return pd.DataFrame(rows, columns=columns).astype({"n": "Int64", "invited": "Int64"})


def _leaders(
    result: CompanyResult, names: dict[str, str], texts: dict[str, str], words: dict[str, str]
) -> pd.DataFrame:
    """The chain of learning: per factor leaders, employees, the gap with its 95% CI and Hedges' g, then
    per statement (in the favourable direction); one row saying so when the comparison is hidden."""
    columns = [
        "level", "factor", "item", "text", "n_leaders", "n_employees",
        "leaders", "employees", "gap", "ci_low", "ci_high", "g", "suppressed",
    ]  # fmt: skip
    lc = result.leaders
    if lc is None:
        return pd.DataFrame([], columns=columns)
    if lc.suppressed:
        return pd.DataFrame([{"level": words["factor"], "suppressed": True}], columns=columns)
    rows: list[dict[str, Any]] = [
        {
            "level": words["factor"],
            "factor": g.factor,
            "text": names.get(g.factor, g.factor),
            "n_leaders": lc.n_leaders,
            "n_employees": lc.n_employees,
            "leaders": g.leaders,
            "employees": g.employees,
            "gap": g.gap,
            "ci_low": g.ci_low,
            "ci_high": g.ci_high,
            "g": g.g,
            "suppressed": False,
        }
        for g in lc.factors
    ]
    rows += [
        {
            "level": words["statement"],
            "factor": i.factor,
            "item": i.item,
            "text": texts.get(i.item, i.item),
            "leaders": i.leaders,
            "employees": i.employees,
            "gap": i.gap,
            "suppressed": False,
        }
        for i in lc.items
    ]
    return pd.DataFrame(rows, columns=columns).astype({"n_leaders": "Int64", "n_employees": "Int64"})


def _quality(result: CompanyResult, texts: dict[str, str], words: dict[str, str]) -> pd.DataFrame:
    """Counts in ``count``, shares (missing answers per statement) in ``share``, statements by text."""
    dq = result.data_quality
    rows: list[dict[str, Any]] = [
        {"measure": "received", "count": dq.received},
        {"measure": "valid", "count": dq.valid},
        *({"measure": "excluded", "key": k, "count": v} for k, v in dq.excluded.items()),
        *({"measure": "flagged", "key": k, "count": v} for k, v in dq.flagged.items()),
        *(
            {"measure": "missing", "key": k, "text": texts.get(k), "share": v / 100}
            for k, v in dq.missing_pct.items()
        ),
        *(
            {"measure": "out_of_range", "key": k, "text": texts.get(k), "count": v}
            for k, v in dq.out_of_range.items()
        ),
    ]
    for row in rows:
        row["measure"] = words[row["measure"]]
    return pd.DataFrame(rows, columns=["measure", "key", "text", "count", "share"]).astype({"count": "Int64"})


def _position(result: CompanyResult, names: dict[str, str]) -> pd.DataFrame:
    bench = result.benchmark
    assert bench is not None
    means = {f.id: f.mean for f in result.factors}
    rows = [
        {
            "factor": p.id,
            "name": names.get(p.id, p.id),
            "mean": means.get(p.id),
            "sector_p25": p.sector_p25,
            "sector_median": p.sector_median,
            "sector_p75": p.sector_p75,
            "diff_median": p.diff_median,
            "percentile": p.percentile,
            "quartile": p.quartile,
        }
        for p in bench.factors
    ]
    return pd.DataFrame(rows).astype({"quartile": "Int64"})
