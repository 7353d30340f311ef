"""The sector report's last pages: the method in plain words for a programme coordinator, and a short
technical note (percentile definition, files, commands, versions) for whoever reproduces the benchmark."""

from __future__ import annotations

from typing import Any

from lerende_scan.report.sector.view import COUNTS_BELOW, View

__all__ = ["method", "technical"]


def _bands(v: View) -> list[str]:
    t, fmt, q = v.t, v.fmt, v.q
    bands: list[str] = []
    previous: float | None = None
    for _, label, style in v.bands:
        below = None if style.below is None else float(style.below)
        if below is None:
            bands.append(t("method_band_rest", label=label, below=fmt.num(previous or q.scale.min)))
        elif previous is None:
            bands.append(t("method_band_below", label=label, below=fmt.num(below)))
        else:
            bands.append(t("method_band_between", label=label, low=fmt.num(previous), below=fmt.num(below)))
        previous = below
    return bands


def method(v: View) -> dict[str, Any]:
    """What a coordinator needs to read the report right, without formulas or file names."""
    t, p = v.t, v.bench.provenance
    return {
        "what": t(
            "sector_method_what",
            companies=p.companies,
            title=v.text(v.q.title),
            min=v.q.scale.min,
            max=v.q.scale.max,
        ),
        "read": [
            t("sector_method_read_mean"),
            t("sector_method_read_spread"),
            t("sector_method_read_counts", limit=COUNTS_BELOW)
            if v.counts
            else t("sector_method_read_shares", limit=COUNTS_BELOW),
        ],
        "bands": _bands(v),
        "privacy": t(
            "sector_method_privacy",
            min=p.min_group_size,
            min_companies=p.min_companies if p.min_companies is not None else 5,
        ),
        "named": t("sector_method_named") if any(c.name for c in v.bench.companies) else "",
        "caution": t("sector_method_caution"),
    }


def technical(v: View) -> dict[str, Any]:
    """The details behind the numbers, in a few short paragraphs at the very end."""
    t, p, q = v.t, v.bench.provenance, v.q
    return {
        "percentiles": t("sector_tech_percentiles", method=p.percentile_method),
        "files": t("sector_tech_files"),
        "commands": t(
            "sector_tech_commands",
            name=p.name,
            min_companies=p.min_companies if p.min_companies is not None else 5,
        ),
        "version": t(
            "sector_tech_version",
            title=v.text(q.title),
            id=p.questionnaire.id,
            version=p.questionnaire.version,
            hash=p.questionnaire.hash,
            name=p.name,
            date=t.date(p.date),
            tool=p.tool,
        ),
    }
