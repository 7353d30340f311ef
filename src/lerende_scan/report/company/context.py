"""The per-company report: turn a ``CompanyResult`` and its ``Questionnaire`` into template context and HTML.

The context is a plain view model (strings, numbers, ready-made SVG charts), so templates stay free of
logic and a consultant can restyle them with ``--template-dir`` without touching Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from lerende_scan import __version__
from lerende_scan._gc import paused_gc
from lerende_scan.errors import ScanError
from lerende_scan.questionnaire import Factor, Questionnaire, localise
from lerende_scan.report import charts
from lerende_scan.report.render import Formatter, ReportOptions, Translator, render_template
from lerende_scan.results import CompanyResult, FactorResult

__all__ = ["ALPHA_THRESHOLDS", "alpha_reading", "company_context", "render_company_html"]

TEMPLATE = "company.html.j2"

ALPHA_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.8, "alpha_good"),
    (0.7, "alpha_acceptable"),
    (0.6, "alpha_weak"),
)
"""Plain-language reading of Cronbach's alpha: at or above each threshold, that reading; below .6 'poor'."""


def alpha_reading(alpha: float | None) -> str:
    """The strings key for an alpha: good (≥ .8), acceptable (≥ .7), weak (≥ .6), poor, or none."""
    if alpha is None:
        return "alpha_none"
    for threshold, key in ALPHA_THRESHOLDS:
        if alpha >= threshold:
            return key
    return "alpha_poor"


@dataclass(frozen=True)
class _Band:
    id: str
    label: str
    colour: str
    below: float | None


class _View:
    """Lookups shared by all sections: names, bands, formatting, translation."""

    def __init__(self, result: CompanyResult, q: Questionnaire, lang: str, options: ReportOptions) -> None:
        self.result = result
        self.q = q
        self.lang = lang
        self.t = Translator(lang, options.template_dir)
        self.fmt = Formatter(lang)
        self.factors: dict[str, Factor] = {f.id: f for f in q.factors}
        colours = charts.band_colours(len(q.scoring.bands))
        self.bands = [
            _Band(q.band_id(b), self.text(b.label), c, None if b.below is None else float(b.below))
            for b, c in zip(q.scoring.bands, colours, strict=True)
        ]
        self.band_by_id = {b.id: b for b in self.bands}
        self.styles = [charts.BandStyle(b.label, b.below, b.colour) for b in self.bands]
        self.scale = (float(q.scale.min), float(q.scale.max))

    def text(self, value: Any) -> str:
        return str(localise(value, self.lang, fallback=self.q.default_language) or "")

    def name(self, factor_id: str) -> str:
        factor = self.factors.get(factor_id)
        return self.text(factor.name) if factor else factor_id

    def band(self, band_id: str | None) -> dict[str, str]:
        band = self.band_by_id.get(band_id or "")
        if band is None:
            return {"id": "", "label": self.t("not_available"), "colour": "#888888"}
        return {"id": band.id, "label": band.label, "colour": band.colour}

    def colour(self, score: float | None) -> str:
        return charts.colour_for(score, self.styles)


def company_context(
    result: CompanyResult, questionnaire: Questionnaire, lang: str, options: ReportOptions
) -> dict[str, Any]:
    """Everything the company template shows, as plain values and inline SVG charts."""
    v = _View(result, questionnaire, lang, options)
    factors = [_factor(v, f, rank) for rank, f in _ranked(result)]
    factors.sort(key=lambda f: [x.id for x in questionnaire.factors].index(f["id"]))
    return {
        "lang": lang,
        "company": result.company,
        "questionnaire": {
            "id": result.questionnaire.id,
            "version": result.questionnaire.version,
            "hash": result.questionnaire.hash,
            "title": v.text(questionnaire.title),
        },
        "respondents": {
            "valid": v.fmt.count(result.respondents.valid),
            "received": v.fmt.count(result.respondents.received),
        },
        "index": _score(v, result.index),
        "summary": _summary(v),
        "overview": _overview(v),
        "factors": factors,
        "breakdowns": _breakdowns(v),
        "leaders": _leaders(v),
        "benchmark": _benchmark(v),
        "quality": _quality(v),
        "method": _method(v),
    }


def render_company_html(result: CompanyResult, questionnaire: Questionnaire, options: ReportOptions) -> str:
    """The company report as one self-contained HTML page (charts inline, CSS inline, no URLs)."""
    lang = options.lang or questionnaire.default_language
    with paused_gc():
        return render_template(TEMPLATE, company_context(result, questionnaire, lang, options), options)


# --- sections ---------------------------------------------------------------------------------------
def _ranked(result: CompanyResult) -> list[tuple[int | None, FactorResult]]:
    order = {fid: i + 1 for i, fid in enumerate(result.opportunities)}
    return [(order.get(f.id), f) for f in result.factors]


def _score(v: _View, f: FactorResult) -> dict[str, Any]:
    return {
        "n": f.n,
        "mean": v.fmt.num(f.mean),
        "sd": v.fmt.num(f.sd),
        "ci": v.fmt.interval(f.ci_low, f.ci_high),
        "alpha": v.fmt.coef(f.alpha),
        "band": v.band(f.band),
        "raw": f.mean,
    }


def _summary(v: _View) -> dict[str, Any]:
    r, t, fmt = v.result, v.t, v.fmt
    has_bands = bool(v.bands)
    index_text = t(
        "summary_index_text" if has_bands else "summary_index_text_no_band",
        company=r.company,
        score=fmt.num(r.index.mean),
        min=v.q.scale.min,
        max=v.q.scale.max,
        band=v.band(r.index.band)["label"],
        factors=len(r.factors),
        valid=fmt.count(r.respondents.valid),
        received=fmt.count(r.respondents.received),
    )

    def entry(fid: str, with_advice: bool) -> dict[str, Any]:
        f = r.factor(fid)
        factor = v.factors.get(fid)
        advice = localise(factor.advice, v.lang, fallback=v.q.default_language) if factor else None
        return {
            "id": fid,
            "name": v.name(fid),
            "score": t(
                "summary_score" if has_bands else "summary_score_no_band",
                score=fmt.num(f.mean),
                band=v.band(f.band)["label"],
            ),
            "band": v.band(f.band),
            "description": v.text(factor.description) if factor else "",
            "advice": list(advice or [])[:2] if with_advice else [],
            "more_advice": with_advice and len(advice or []) > 2,
        }

    notes = []
    if r.leaders is not None and not r.leaders.suppressed:
        gaps = [g for g in r.leaders.factors if g.gap is not None]
        if gaps:
            big = max(gaps, key=lambda g: abs(g.gap or 0.0))
            notes.append(t("summary_gap", factor=v.name(big.factor), gap=fmt.signed(big.gap)))
    low = [v.name(f.id) for f in r.factors if f.alpha is not None and f.alpha < 0.6]
    if low:
        notes.append(t("summary_low_alpha", factors=", ".join(f"'{n}'" for n in low)))
    return {
        "index_text": index_text,
        "opportunities": [entry(fid, True) for fid in r.opportunities[:3]],
        "strengths": [entry(fid, False) for fid in r.strengths[:3]],
        "notes": notes,
    }


def _overview(v: _View) -> dict[str, Any]:
    r, t, fmt = v.result, v.t, v.fmt
    ordered = [r.factor(fid) for fid in reversed(r.opportunities)] if r.opportunities else list(r.factors)
    rows = [charts.MeanRow(v.name(f.id), f.mean, f.ci_low, f.ci_high, v.colour(f.mean)) for f in ordered]
    ix = r.index
    rows.append(
        charts.MeanRow(t("index_label"), ix.mean, ix.ci_low, ix.ci_high, v.colour(ix.mean), emphasis=True)
    )
    desc_items = [
        t(
            "overview_chart_item",
            name=row.label,
            score=fmt.num(row.mean),
            band=f" ({v.band(q.band)['label']})" if v.bands else "",
            low=fmt.num(row.ci_low),
            high=fmt.num(row.ci_high),
        )
        for row, q in zip(rows, [*ordered, ix], strict=True)
    ]
    chart = charts.factor_overview(
        rows,
        v.styles,
        v.scale,
        chart_id="chart-overview",
        title=t("overview_chart_title"),
        desc=t("overview_chart_desc", items="; ".join(desc_items)),
        fmt=fmt.num,
        tick=lambda x: fmt.num(x, 0),
    )
    table = [{"id": f.id, "name": v.name(f.id), **_score(v, f)} for f in ordered]
    return {"chart": chart, "table": table}


def _factor(v: _View, f: FactorResult, rank: int | None) -> dict[str, Any]:
    t, fmt = v.t, v.fmt
    factor = v.factors.get(f.id)
    texts = {i.id: v.text(i.text) for i in factor.items} if factor else {}
    scale_labels = [v.text(v.q.scale.labels.get(x, str(x))) for x in range(v.q.scale.min, v.q.scale.max + 1)]
    values = [str(x) for x in range(v.q.scale.min, v.q.scale.max + 1)]
    rows, desc, items, warnings = [], [], [], []
    for item in f.items:
        label = texts.get(item.id, item.id) + (f" {t('reversed_mark')}" if item.reverse else "")
        shares = [float(item.distribution.get(x, 0.0)) for x in values] if item.n else None
        rows.append(charts.LikertRow(label, shares))
        if shares is not None:
            mid = len(values) // 2
            odd = len(values) % 2 == 1
            low, high = sum(shares[:mid]), sum(shares[mid + 1 :] if odd else shares[mid:])
            desc.append(t("likert_desc_item", item=item.id, low=fmt.share(low), high=fmt.share(high)))
        items.append(
            {
                "id": item.id,
                "text": texts.get(item.id, item.id),
                "reverse": item.reverse,
                "n": item.n,
                "mean": fmt.num(item.mean),
                "sd": fmt.num(item.sd),
                "missing": fmt.percent(item.missing_pct),
                "item_rest": fmt.coef(item.item_rest),
                "negative": item.item_rest is not None and item.item_rest < 0,
            }
        )
        if item.item_rest is not None and item.item_rest < 0:
            warnings.append(
                t("warn_negative_item", item=texts.get(item.id, item.id), r=fmt.coef(item.item_rest))
            )
    if (f.alpha is not None and f.alpha < 0.6) or "S001" in f.warnings:
        warnings.insert(0, t("warn_low_alpha"))
    name = v.name(f.id)
    chart = charts.likert_bars(
        rows,
        scale_labels,
        chart_id=f"chart-items-{f.id}",
        title=t("likert_title", factor=name),
        desc=t("likert_desc", items="; ".join(desc)),
        pct=fmt.share,
    )
    advice = localise(factor.advice, v.lang, fallback=v.q.default_language) if factor else None
    reading_key = alpha_reading(f.alpha)
    alpha_text = (
        t("alpha_reading_none")
        if f.alpha is None
        else t("alpha_reading", alpha=fmt.coef(f.alpha), reading=t(reading_key), threshold=fmt.coef(0.7))
    )
    return {
        "id": f.id,
        "name": name,
        "description": v.text(factor.description) if factor else "",
        "score": _score(v, f),
        "rank": t("factor_rank", rank=rank, count=len(v.result.factors)) if rank else "",
        "chart": chart,
        "items": items,
        "alpha_reading": t(reading_key),
        "alpha_text": alpha_text,
        "alpha_class": reading_key.removeprefix("alpha_"),
        "warnings": warnings,
        "advice": list(advice or []),
    }


def _group_column(t: Translator, column: str) -> str:
    """A readable name for a group column: 'department' -> 'afdeling' when strings.yaml knows it."""
    try:
        return t(f"group_{column.strip().lower()}")
    except ScanError:
        return column


def _breakdowns(v: _View) -> list[dict[str, Any]]:
    t, fmt = v.t, v.fmt
    minimum = v.q.anonymity.min_group_size
    ids = [f.id for f in v.result.factors]
    rows = [v.name(fid) for fid in ids] + [t("index_label")]
    out: list[dict[str, Any]] = []
    for b in v.result.groups:
        groups, desc = [], []
        for g in b.groups:
            if g.suppressed or g.factors is None:
                groups.append(charts.HeatGroup(g.name, None))
                desc.append(t("groups_desc_suppressed", group=g.name, min=minimum))
                continue
            values = [g.factors.get(fid) for fid in ids] + [g.index]
            note = t("group_n", n=g.n) if g.n is not None else ""
            groups.append(charts.HeatGroup(g.name, values, note))
            desc.append(
                t(
                    "groups_desc_row",
                    group=g.name,
                    values=", ".join(f"{c} {fmt.num(x)}" for c, x in zip(rows, values, strict=True)),
                )
            )
        column = _group_column(t, b.column)
        chart = charts.heatmap(
            groups,
            rows,
            v.styles,
            chart_id=f"chart-groups-{len(out)}",
            title=t("groups_chart_title", column=column),
            desc=t("groups_chart_desc", rows="; ".join(desc)),
            fmt=fmt.num,
            suppressed_text=t("suppressed_cell", min=minimum),
        )
        out.append({"column": column, "chart": chart, "suppressed": any(g.suppressed for g in b.groups)})
    return out


def _leaders(v: _View) -> dict[str, Any] | None:
    lc = v.result.leaders
    if lc is None:
        return None
    t, fmt = v.t, v.fmt
    if lc.suppressed:
        return {"suppressed": True, "chart": Markup(""), "rows": [], "counts": ""}
    gaps = [g for g in lc.factors]
    rows = [charts.GapRow(v.name(g.factor), g.leaders, g.employees, g.gap) for g in gaps]
    desc = [
        t(
            "leaders_desc_row",
            factor=v.name(g.factor),
            leaders=fmt.num(g.leaders),
            employees=fmt.num(g.employees),
        )
        for g in gaps
    ]
    chart = charts.gap_chart(
        rows,
        v.scale,
        (t("col_leaders"), t("col_employees")),
        chart_id="chart-leaders",
        title=t("leaders_chart_title"),
        desc=t("leaders_chart_desc", rows="; ".join(desc)),
        fmt=lambda x: fmt.num(x, 0),
        signed=fmt.signed,
    )
    table = [
        {
            "name": v.name(g.factor),
            "leaders": fmt.num(g.leaders),
            "employees": fmt.num(g.employees),
            "gap": fmt.signed(g.gap),
        }
        for g in gaps
    ]
    counts = (
        t("leaders_counts", leaders=lc.n_leaders, employees=lc.n_employees)
        if lc.n_leaders is not None and lc.n_employees is not None
        else ""
    )
    return {"suppressed": False, "chart": chart, "rows": table, "counts": counts}


def _benchmark(v: _View) -> dict[str, Any] | None:
    pos = v.result.benchmark
    if pos is None:
        return None
    t, fmt = v.t, v.fmt
    scores = {f.id: f.mean for f in v.result.factors}
    rows, desc, table, right = [], [], [], []
    for p in pos.factors:
        value = scores.get(p.id)
        rows.append(charts.PositionRow(v.name(p.id), value, p.sector_p25, p.sector_median, p.sector_p75))
        pct = "–" if p.percentile is None else f"{p.percentile:.0f}"
        right.append(t("benchmark_percentile_label", p=pct) if p.percentile is not None else "–")
        desc.append(
            t(
                "benchmark_desc_row",
                factor=v.name(p.id),
                score=fmt.num(value),
                median=fmt.num(p.sector_median),
                percentile=pct,
            )
        )
        table.append(
            {
                "name": v.name(p.id),
                "score": fmt.num(value),
                "sector": f"{fmt.num(p.sector_p25)} – {fmt.num(p.sector_median)} – {fmt.num(p.sector_p75)}",
                "percentile": pct,
                "quartile": "–" if p.quartile is None else str(p.quartile),
                "diff_median": fmt.signed(p.diff_median),
            }
        )
    chart = charts.position_chart(
        rows,
        v.scale,
        (t("benchmark_legend_company"), t("benchmark_legend_band"), t("benchmark_legend_median")),
        chart_id="chart-benchmark",
        title=t("benchmark_chart_title"),
        desc=t("benchmark_chart_desc", rows="; ".join(desc)),
        fmt=lambda x: fmt.num(x, 0),
        right_labels=right,
    )
    return {"name": pos.name, "companies": pos.companies, "chart": chart, "rows": table}


def _reason(t: Translator, reason: str) -> str:
    key = f"reason_{reason}"
    try:
        return t(key)
    except ScanError:  # a reason this report does not know yet: show its id rather than fail
        return reason.replace("_", " ")


def _quality(v: _View) -> dict[str, Any]:
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


def _method(v: _View) -> dict[str, Any]:
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
