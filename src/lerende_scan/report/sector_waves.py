"""The benchmark report's wave pages: the sector's change since its earlier benchmark and, with
``--pilots``, whether the pilot companies moved more than the others (``benchmark.json`` → ``waves``,
built by :mod:`lerende_scan.waves.sector`).

Companies stay anonymous here as in the rest of the sector report: they are counted (improved, the same,
declined; pilots and others), never named. The pilot comparison says what a difference in differences
does not show, and a factor with fewer than 3 companies on either side gets the refusal, not a number.
"""

from __future__ import annotations

from typing import Any

from lerende_scan.report.sector.view import View
from lerende_scan.waves.model import DiffRow, SectorChange, SectorWaves, WaveRef

__all__ = ["MIN_COMPANIES", "sector_waves_section", "template_values"]

MIN_COMPANIES = 3
"""Fewer companies than this in the pilot group or the others: no difference in differences (W012)."""


def template_values(v: View) -> dict[str, Any]:
    """What benchmark.html.j2 gets from this module: ``sector_waves`` (None without ``--previous``)."""
    return {"sector_waves": sector_waves_section(v)}


def sector_waves_section(v: View) -> dict[str, Any] | None:
    """The sector change page and the pilot comparison, or None when the benchmark has no earlier wave."""
    w = v.bench.waves
    if w is None:
        return None
    t = v.t
    rows = [_change(v, c) for c in w.factors]
    return {
        "intro": t(
            "sector_waves_intro",
            previous=_wave(v, w.previous),
            current=_wave(v, w.current),
            companies=w.companies_both,
            g=v.fmt.num(w.practical_g, 1),
        ),
        "rows": rows,
        "not_compared": (
            t("sector_waves_not_compared", factors=", ".join(v.name(f) for f in w.not_compared))
            if w.not_compared
            else None
        ),
        "pilots": _pilots(v, w),
    }


def _wave(v: View, ref: WaveRef) -> str:
    date = v.t.date(ref.date) if ref.date else None
    if ref.name and date:
        return f"{ref.name}, {date}"
    return ref.name or date or v.t("not_available")


def _label(v: View, fid: str) -> str:
    return v.t("index_label") if fid == "index" else v.name(fid)


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _change(v: View, c: SectorChange) -> dict[str, Any]:
    fmt = v.fmt
    return {
        "name": _label(v, c.id),
        "total": c.id == "index",
        "mean_before": fmt.num(c.mean_before),
        "mean_after": fmt.num(c.mean_after),
        "mean_diff": fmt.signed(_minus(c.mean_after, c.mean_before)),
        "median_before": fmt.num(c.median_before),
        "median_after": fmt.num(c.median_after),
        "median_diff": fmt.signed(_minus(c.median_after, c.median_before)),
        "companies": fmt.count(c.companies),
        "improved": fmt.count(c.improved),
        "same": fmt.count(c.same),
        "declined": fmt.count(c.declined),
    }


def _pilots(v: View, w: SectorWaves) -> dict[str, Any] | None:
    p = w.pilots
    if p is None:
        return None
    t = v.t
    rows = [_did(v, r) for r in p.factors]
    return {
        "intro": t("sector_pilots_intro", pilots=p.pilots, others=p.others),
        "targeted": t("sector_pilots_targeted") if p.targeted else None,
        "rows": rows,
        "refused": [r["refusal"] for r in rows if r["refusal"]],
        "shows": t("sector_pilots_shows"),
        "does_not_show": t("sector_pilots_does_not_show"),
    }


def _did(v: View, r: DiffRow) -> dict[str, Any]:
    fmt = v.fmt
    too_few = r.note == "too_few" or min(r.pilots, r.others) < MIN_COMPANIES
    refusal = _refusal(v, r) if too_few else None
    clear = not too_few and r.ci_low is not None and r.ci_high is not None and (r.ci_low > 0 or r.ci_high < 0)
    return {
        "name": _label(v, r.id),
        "pilots": fmt.count(r.pilots),
        "others": fmt.count(r.others),
        "before_pilots": fmt.num(r.before_pilots),
        "before_others": fmt.num(r.before_others),
        "change_pilots": "–" if too_few else fmt.signed(r.change_pilots),
        "change_others": "–" if too_few else fmt.signed(r.change_others),
        "did": "–" if too_few else fmt.signed(r.did),
        "ci": "–" if too_few else fmt.interval(r.ci_low, r.ci_high),
        "excludes_zero": clear,
        "refusal": refusal,
    }


def _refusal(v: View, r: DiffRow) -> str:
    """Why a factor has no difference in differences: a group of fewer than :data:`MIN_COMPANIES`."""
    return v.t(
        "sector_pilots_too_few",
        factor=_label(v, r.id),
        pilots=r.pilots,
        others=r.others,
        minimum=MIN_COMPANIES,
    )
