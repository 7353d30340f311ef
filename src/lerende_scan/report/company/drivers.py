"""The "What drives motivation" page: the priority matrix, the weights with intervals, R², n, the caveat,
the spread of motivation, the pioneer groups, or why there is no driver analysis."""

from __future__ import annotations

from typing import Any

from lerende_scan.drivers.companies import cutoffs
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report.charts.priority import PriorityPoint, priority_chart
from lerende_scan.report.company.comparisons import group_name
from lerende_scan.report.company.view import View
from lerende_scan.report.render import ReportOptions
from lerende_scan.results import CompanyResult

__all__ = ["PIONEERS_SHOWN", "drivers_context", "drivers_section", "pioneers_line", "template_values"]

PIONEERS_SHOWN = 3


def template_values(v: View) -> dict[str, Any]:
    """What company.html.j2 gets from this module: ``drivers`` (the page) and ``drivers_pioneers_line``."""
    return {"drivers": drivers_section(v), "drivers_pioneers_line": pioneers_line(v)}


def drivers_context(
    result: CompanyResult, questionnaire: Questionnaire, lang: str, options: ReportOptions | None = None
) -> dict[str, Any] | None:
    """The page's context for one company (the benchmark script times this)."""
    return drivers_section(View(result, questionnaire, lang, options or ReportOptions(lang=lang)))


def drivers_section(v: View) -> dict[str, Any] | None:
    """None without a driver declaration; otherwise the page, with ``status`` saying which variant."""
    d = v.result.drivers
    if d is None:
        return None
    t, fmt = v.t, v.fmt
    outcome = v.name(d.outcome)
    page: dict[str, Any] = {
        "status": d.status,
        "outcome": outcome,
        "outcome_id": d.outcome,  # without an analysis (or groups) this runs on after the outcome factor's
        # page (validation makes the outcome a factor of the questionnaire, so every report has that page)
        "caveat": t("drivers_caveat", outcome=outcome),
        "spread": _spread(v),
        "pioneers": _pioneers(v),
        "method": None,  # only with an analysis (the template asks either way)
    }
    if d.status != "ok":
        names = ", ".join(v.name(f) for f in d.factors)
        page["why"] = t(f"drivers_why_{d.status}", n=fmt.count(d.n), minimum=d.min_respondents, factors=names)
        return page
    p = len(d.predictors)
    strong_from = cutoffs(v.q).high_from
    means = {f.id: f.mean for f in v.result.factors}
    page["intro"] = t(
        "drivers_intro",
        outcome=outcome,
        r2=fmt.share(d.r2),
        ci=_pct_interval(v, d.r2_ci_low, d.r2_ci_high),
        n=fmt.count(d.n),
        count=p,
    )
    page["rows"] = [
        {
            "name": v.name(w.factor),
            "score": fmt.num(means.get(w.factor)),
            "raw": fmt.share(w.raw),
            "share": fmt.share(w.share),
            "ci": _pct_interval(v, w.share_ci_low, w.share_ci_high),
            "distinguishable": w.distinguishable,
            "act_first": w.act_first,
        }
        for w in d.weights
    ]
    points = [
        PriorityPoint(v.name(w.factor), s, w.share, w.share_ci_low, w.share_ci_high, w.distinguishable)
        for w in d.weights
        if (s := means.get(w.factor)) is not None
    ]
    page["chart"] = priority_chart(
        points,
        v.scale,
        v.styles,
        strong_from=strong_from,
        threshold=1 / p,
        act_label=t("drivers_act_first"),
        x_label=t("drivers_axis_score"),
        y_label=t("drivers_axis_share"),
        chart_id="priority",
        title=t("drivers_chart_title", outcome=outcome),
        desc=t("drivers_chart_desc", outcome=outcome),
        fmt=lambda x: fmt.num(x, 0),
        pct=fmt.share,
    )
    page["reading"] = t("drivers_reading", average=fmt.share(1 / p), strong=fmt.num(strong_from, 1))
    act = [w for w in d.weights if w.act_first]
    page["order"] = [v.name(f) for f in d.priorities]
    if act:
        page["order_text"] = t("drivers_order_act", factors="; ".join(f"'{v.name(w.factor)}'" for w in act))
    else:
        page["order_text"] = t("drivers_order_none")
    later = [
        w
        for w in d.weights
        if not w.act_first and (s := means.get(w.factor)) is not None and s < strong_from and w.share < 1 / p
    ]
    page["later_text"] = ""
    if later:
        quoted = [f"'{v.name(w.factor)}'" for w in later]
        key = "drivers_later" if len(later) > 1 else "drivers_later_one"
        page["later_text"] = t(key, factors=v.join(quoted))
    page["method"] = t("drivers_method", resamples=fmt.count(d.resamples))
    return page


def _pct_interval(v: View, low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return v.t("not_available")
    return f"{v.fmt.share(low)} – {v.fmt.share(high)}"


def _spread(v: View) -> dict[str, Any] | None:
    s = v.result.motivation
    if s is None:
        return None
    fmt = v.fmt

    def row(label: str, n: int, mean: float | None, shares: Any) -> dict[str, Any]:
        return {
            "label": label,
            "n": fmt.count(n),
            "mean": fmt.num(mean),
            "high": fmt.share(shares.high),
            "moderate": fmt.share(shares.moderate),
            "low": fmt.share(shares.low),
            "high_raw": shares.high,
            "moderate_raw": shares.moderate,
            "low_raw": shares.low,
        }

    company = row(v.t("drivers_spread_company"), s.n, v.result.factor(s.factor).mean, s.shares)
    return {
        "cutoffs": v.t("drivers_spread_cutoffs", low=fmt.num(s.low_below, 1), high=fmt.num(s.high_from, 1)),
        "rows": [
            company,
            *(row(group_name(v.t, g.column, g.group), g.n, g.mean, g.shares) for g in s.groups),
        ],
    }


def _pioneers(v: View) -> list[dict[str, Any]]:
    """Up to three shown groups above the company's motivation, with their weakest driver."""
    fmt = v.fmt
    found = []
    for p in [p for p in v.result.pioneers if p.above_company][:PIONEERS_SHOWN]:
        values = {
            "group": group_name(v.t, p.column, p.group),
            "motivation": fmt.num(p.motivation),
            "room": v.name(p.room) if p.room else "",
            "room_score": fmt.num(p.room_score),
        }
        text = v.t(
            "drivers_pioneer",
            group=values["group"],
            motivation=values["motivation"],
            factor=values["room"],
            score=values["room_score"],
        )
        found.append({**values, "text": text})
    return found


def pioneers_line(v: View) -> str | None:
    """One sentence for the management summary ("start with ..."), or None without pioneers."""
    found = _pioneers(v)
    if not found:
        return None
    first = found[0]
    return v.t(
        "drivers_pioneers_summary",
        group=first["group"],
        motivation=first["motivation"],
        factor=first["room"],
        score=first["room_score"],
    )
