"""The benchmark report's drivers page: what drives motivation in the sector (all respondents pooled, and
company means from 30 companies) and the spread of motivation across the companies (aggregates only)."""

from __future__ import annotations

from typing import Any

from lerende_scan.drivers.companies import cutoffs
from lerende_scan.drivers.model import DriverResult, LevelShares
from lerende_scan.report.charts.priority import PriorityPoint, priority_chart
from lerende_scan.report.sector.view import View

__all__ = ["sector_drivers_section", "template_values"]

_TEXT: dict[str, dict[str, str]] = {
    "title": {"nl": "Wat drijft motivatie in de sector", "en": "What drives motivation in the sector"},
    "respondents": {"nl": "Alle medewerkers samen", "en": "All employees together"},
    "companies": {"nl": "Tussen organisaties (gemiddelden)", "en": "Between organisations (means)"},
    "intro_respondents": {
        "nl": "Over alle {n} medewerkers van de {companies} organisaties verklaren de {count} leerfactoren"
        " samen {r2} van de verschillen in {outcome} (95%-interval {ci}).",
        "en": "Across all {n} employees of the {companies} organisations, the {count} learning factors"
        " together explain {r2} of the differences in {outcome} (95% interval {ci}).",
    },
    "intro_companies": {
        "nl": "Met de organisaties als eenheid ({n} gemiddelden) verklaren de factoren {r2} van de"
        " verschillen in {outcome} tussen organisaties (95%-interval {ci}).",
        "en": "With the organisations as units ({n} means), the factors explain {r2} of the differences in"
        " {outcome} between organisations (95% interval {ci}).",
    },
    "why_companies": {
        "nl": "Een analyse tussen organisaties vraagt minstens {minimum} organisaties; deze benchmark heeft"
        " er {n}.",
        "en": "An analysis between organisations needs at least {minimum} organisations; this benchmark"
        " has {n}.",
    },
    "why_respondents": {
        "nl": "Er is geen analyse over alle medewerkers ({status}).",
        "en": "There is no analysis over all employees ({status}).",
    },
    "spread": {"nl": "Spreiding van motivatie", "en": "Spread of motivation"},
    "spread_people": {"nl": "Medewerkers", "en": "Employees"},
    "spread_companies": {"nl": "Organisaties (hun gemiddelde)", "en": "Organisations (their mean)"},
    "range": {
        "nl": "Het gemiddelde van de organisaties loopt van {low} tot {high}.",
        "en": "The organisations' means range from {low} to {high}.",
    },
}


def template_values(v: View) -> dict[str, Any]:
    """What benchmark.html.j2 gets from this module: ``sector_drivers`` (None without drivers)."""
    return {"sector_drivers": sector_drivers_section(v)}


def _s(v: View, key: str, **values: object) -> str:
    text = _TEXT[key]
    return (text.get(v.lang) or text["en"]).format(**values)


def sector_drivers_section(v: View) -> dict[str, Any] | None:
    """The page, or None when the benchmark has no sector drivers."""
    d = v.bench.drivers
    if d is None:
        return None
    outcome = v.name(d.respondents.outcome)
    companies = len(v.bench.companies)
    page: dict[str, Any] = {
        "title": _s(v, "title"),
        "caveat": v.t("drivers_caveat", outcome=outcome),
        "heads": {k: v.t(k) for k in ("drivers_factor", "drivers_score", "drivers_share", "drivers_ci")},
        "analyses": [
            _analysis(v, d.respondents, "respondents", companies, chart=True),
            _analysis(v, d.companies, "companies", companies, chart=False),
        ],
    }
    s = d.motivation
    fmt = v.fmt

    def row(label: str, n: int, shares: LevelShares) -> dict[str, str]:
        return {
            "label": label,
            "n": fmt.count(n),
            "high": fmt.share(shares.high),
            "moderate": fmt.share(shares.moderate),
            "low": fmt.share(shares.low),
        }

    page["spread"] = {
        "title": _s(v, "spread"),
        "heads": {
            k: v.t(k) for k in ("drivers_group", "col_n", "drivers_high", "drivers_moderate", "drivers_low")
        },
        "rows": [
            row(_s(v, "spread_people"), s.respondents, s.shares),
            row(_s(v, "spread_companies"), s.companies, s.company_shares),
        ],
        "cutoffs": v.t("drivers_spread_cutoffs", low=fmt.num(s.low_below, 1), high=fmt.num(s.high_from, 1)),
        "range": _s(v, "range", low=fmt.num(s.lowest), high=fmt.num(s.highest))
        if s.lowest is not None and s.highest is not None
        else None,
    }
    return page


def _analysis(v: View, d: DriverResult, kind: str, companies: int, *, chart: bool) -> dict[str, Any]:
    fmt, outcome = v.fmt, v.name(d.outcome)
    out: dict[str, Any] = {"title": _s(v, kind), "status": d.status}
    if d.status != "ok":
        if kind == "companies" and d.status == "too_few":
            out["why"] = _s(v, "why_companies", minimum=d.min_respondents, n=d.n)
        else:
            out["why"] = _s(v, "why_respondents", status=d.status)
        return out
    ci = _interval(v, d.r2_ci_low, d.r2_ci_high)
    out["intro"] = _s(
        v,
        f"intro_{kind}",
        n=fmt.count(d.n),
        companies=companies,
        count=len(d.predictors),
        r2=fmt.share(d.r2),
        outcome=outcome,
        ci=ci,
    )
    means = {f.id: f.mean for f in v.bench.factors}
    out["rows"] = [
        {
            "name": v.name(w.factor),
            "score": fmt.num(means.get(w.factor)),
            "share": fmt.share(w.share),
            "ci": _interval(v, w.share_ci_low, w.share_ci_high),
            "distinguishable": w.distinguishable,
            "act_first": w.act_first,
        }
        for w in d.weights
    ]
    out["not_distinguishable"] = v.t("drivers_not_distinguishable")
    out["act_first"] = v.t("drivers_act_first")
    out["chart"] = None  # the company-means analysis has a table only
    if chart:
        strong = cutoffs(v.q).high_from  # as for a company: the top band's lower bound
        points = [
            PriorityPoint(v.name(w.factor), s, w.share, w.share_ci_low, w.share_ci_high, w.distinguishable)
            for w in d.weights
            if (s := means.get(w.factor)) is not None
        ]
        out["chart"] = priority_chart(
            points,
            v.scale,
            v.styles,
            strong_from=strong,
            threshold=1 / len(d.predictors),
            act_label=v.t("drivers_act_first"),
            x_label=v.t("drivers_axis_score"),
            y_label=v.t("drivers_axis_share"),
            chart_id="sector-priority",
            title=v.t("drivers_chart_title", outcome=outcome),
            desc=v.t("drivers_chart_desc", outcome=outcome),
            fmt=lambda x: fmt.num(x, 0),
            pct=fmt.share,
        )
        out["reading"] = v.t(
            "drivers_reading", average=fmt.share(1 / len(d.predictors)), strong=fmt.num(strong, 1)
        )
    return out


def _interval(v: View, low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return v.t("not_available")
    return f"{v.fmt.share(low)} – {v.fmt.share(high)}"
