"""The sector benchmark report: turn a :class:`~lerende_scan.benchmark.Benchmark` into template context and
HTML, with the same machinery as the company report (one Jinja2 environment, ``strings.yaml``, inline SVG).

The report only ever sees the benchmark, i.e. aggregates: company codes (and names only when the benchmark
was built with ``--named``), never respondent rows.
"""

from __future__ import annotations

from typing import Any

from lerende_scan._gc import paused_gc
from lerende_scan.benchmark import Benchmark, CompanyEntry, Exclusion, FactorDistribution
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.report import charts, sector_charts
from lerende_scan.report.render import Formatter, ReportOptions, Translator, render_template

__all__ = ["HEATMAP_ROWS", "benchmark_context", "render_benchmark_html"]

TEMPLATE = "benchmark.html.j2"

HEATMAP_ROWS = 60
"""Companies per heatmap chart (one page each) above :data:`sector_charts.CELL_LABEL_MAX` companies."""


class _View:
    def __init__(self, bench: Benchmark, q: Questionnaire, lang: str, options: ReportOptions) -> None:
        self.bench = bench
        self.q = q
        self.lang = lang
        self.t = Translator(lang, options.template_dir)
        self.fmt = Formatter(lang)
        colours = charts.band_colours(len(q.scoring.bands))
        self.bands = [
            (q.band_id(b), self.text(b.label), charts.BandStyle(self.text(b.label), b.below, c))
            for b, c in zip(q.scoring.bands, colours, strict=True)
        ]
        self.styles = [style for _, _, style in self.bands]
        self.scale = (float(q.scale.min), float(q.scale.max))
        self.names = {f.id: self.text(f.name) for f in q.factors}

    def text(self, value: Any) -> str:
        return str(localise(value, self.lang, fallback=self.q.default_language) or "")

    def name(self, factor_id: str) -> str:
        return self.names.get(factor_id, factor_id)

    def first_band(self) -> tuple[str, str] | None:
        """(id, label) of the lowest band, the 'bottleneck' band; None without bands."""
        return (self.bands[0][0], self.bands[0][1]) if self.bands else None

    def label(self, company: CompanyEntry | Exclusion) -> str:
        return f"{company.code} {company.name}" if company.name else company.code


def benchmark_context(
    bench: Benchmark, questionnaire: Questionnaire, lang: str, options: ReportOptions
) -> dict[str, Any]:
    """Everything the benchmark template shows, as plain values and inline SVG charts."""
    v = _View(bench, questionnaire, lang, options)
    p = bench.provenance
    return {
        "lang": lang,
        "name": p.name,
        "questionnaire": {
            "id": p.questionnaire.id,
            "version": p.questionnaire.version,
            "hash": p.questionnaire.hash,
            "title": v.text(questionnaire.title),
        },
        "provenance": {
            "date": v.t.date(p.date),
            "date_iso": p.date.isoformat(),
            "tool": p.tool,
            "companies": p.companies,
            "respondents": v.fmt.count(p.respondents),
            "excluded": len(bench.excluded),
        },
        "named": any(c.name for c in bench.companies),
        "summary": _summary(v),
        "room": _room(v),
        "distribution": _distribution(v),
        "heatmap": _heatmap(v),
        "excluded": [{"code": e.code, "name": e.name, "reason": _reason(v, e)} for e in bench.excluded],
        "method": _method(v),
    }


def render_benchmark_html(bench: Benchmark, questionnaire: Questionnaire, options: ReportOptions) -> str:
    """The sector benchmark report as one self-contained HTML page (charts and CSS inline, no URLs)."""
    lang = options.lang or questionnaire.default_language
    with paused_gc():
        return render_template(TEMPLATE, benchmark_context(bench, questionnaire, lang, options), options)


# --- sections ---------------------------------------------------------------------------------------
def _share(dist: FactorDistribution, band_id: str) -> float:
    return float(dist.bands.get(band_id, 0.0))


def _summary(v: _View) -> dict[str, Any]:
    b, t, fmt = v.bench, v.t, v.fmt
    ix = b.index
    first = v.first_band()
    ranked = [f for f in b.factors if f.mean is not None]
    room = [
        {
            "name": v.name(f.id),
            "text": t(
                "sector_summary_room_item",
                mean=fmt.num(f.mean),
                band=first[1].lower(),
                share=fmt.share(_share(f, first[0])),
            )
            if first
            else t("sector_summary_room_item_no_band", mean=fmt.num(f.mean)),
        }
        for f in ranked[:3]
    ]
    strongest = ranked[-1] if len(ranked) > 3 else None
    return {
        "index": fmt.num(ix.median),
        "index_band": _band_of(v, ix.median),
        "text": t(
            "sector_summary_text",
            companies=b.provenance.companies,
            respondents=fmt.count(b.provenance.respondents),
            name=b.provenance.name,
            median=fmt.num(ix.median),
            min=v.q.scale.min,
            max=v.q.scale.max,
            p25=fmt.num(ix.p25),
            p75=fmt.num(ix.p75),
        ),
        "room": room,
        "strongest": t("sector_summary_strong", factor=v.name(strongest.id), mean=fmt.num(strongest.mean))
        if strongest
        else "",
        "excluded": t("sector_summary_excluded", count=len(b.excluded)) if b.excluded else "",
    }


def _band_of(v: _View, score: float | None) -> dict[str, str] | None:
    band = v.q.band_for(score) if score is not None else None
    if band is None:
        return None
    for band_id, label, style in v.bands:
        if band_id == v.q.band_id(band):
            return {"id": band_id, "label": label, "colour": style.colour}
    return None


def _room(v: _View) -> dict[str, Any]:
    t, fmt = v.t, v.fmt
    first = v.first_band()
    rows, desc, table = [], [], []
    for rank, f in enumerate(v.bench.factors, 1):
        shares = [_share(f, band_id) for band_id, _, _ in v.bands]
        rows.append(sector_charts.ShareRow(f"{rank}. {v.name(f.id)}", shares, fmt.num(f.mean)))
        desc.append(
            t(
                "sector_room_desc_row",
                rank=rank,
                factor=v.name(f.id),
                mean=fmt.num(f.mean),
                shares=", ".join(
                    t("sector_share_item", band=label, share=fmt.share(s))
                    for (_, label, _), s in zip(v.bands, shares, strict=True)
                ),
            )
        )
        table.append(
            {
                "rank": rank,
                "id": f.id,
                "name": v.name(f.id),
                "mean": fmt.num(f.mean),
                "median": fmt.num(f.median),
                "iqr": fmt.interval(f.p25, f.p75),
                "share": fmt.share(_share(f, first[0])) if first else "",
                "companies": f.companies,
            }
        )
    chart = (
        sector_charts.band_shares(
            rows,
            v.styles,
            chart_id="chart-room",
            title=t("sector_room_chart_title"),
            desc=t("sector_room_chart_desc", rows="; ".join(desc)),
            pct=fmt.share,
        )
        if v.bands
        else None
    )
    return {
        "intro": t("sector_room_intro", band=first[1]) if first else t("sector_room_intro_no_band"),
        "share_header": t("sector_col_share", band=first[1].lower()) if first else "",
        "chart": chart,
        "rows": table,
    }


def _distribution(v: _View) -> dict[str, Any]:
    t, fmt, b = v.t, v.fmt, v.bench

    def row(dist: FactorDistribution, label: str, values: list[float | None], emphasis: bool = False) -> Any:
        return sector_charts.DistributionRow(
            label,
            [float("nan") if x is None else x for x in values],
            dist.p10,
            dist.p25,
            dist.median,
            dist.p75,
            dist.p90,
            emphasis,
        )

    dists = [*b.factors, b.index]
    labels = [v.name(f.id) for f in b.factors] + [t("index_label")]
    rows = [row(f, v.name(f.id), [c.factors.get(f.id) for c in b.companies]) for f in b.factors]
    rows.append(row(b.index, t("index_label"), [c.index for c in b.companies], emphasis=True))
    desc = [
        t(
            "sector_distribution_desc_row",
            factor=label,
            p10=fmt.num(d.p10),
            p25=fmt.num(d.p25),
            median=fmt.num(d.median),
            p75=fmt.num(d.p75),
            p90=fmt.num(d.p90),
        )
        for label, d in zip(labels, dists, strict=True)
    ]
    chart = sector_charts.distribution(
        rows,
        v.styles,
        v.scale,
        (
            t("sector_legend_companies"),
            t("sector_legend_p10_p90"),
            t("sector_legend_p25_p75"),
            t("sector_legend_median"),
        ),
        chart_id="chart-distribution",
        title=t("sector_distribution_chart_title"),
        desc=t("sector_distribution_chart_desc", rows="; ".join(desc)),
        fmt=fmt.num,
        tick=lambda x: fmt.num(x, 0),
    )
    table = [
        {
            "name": label,
            "companies": d.companies,
            "mean": fmt.num(d.mean),
            "p10": fmt.num(d.p10),
            "p25": fmt.num(d.p25),
            "median": fmt.num(d.median),
            "p75": fmt.num(d.p75),
            "p90": fmt.num(d.p90),
            "total": d is b.index,
        }
        for label, d in zip(labels, dists, strict=True)
    ]
    return {"chart": chart, "rows": table}


def _heatmap(v: _View) -> dict[str, Any]:
    """Companies sorted by index (lowest first, missing last), factors in ranked order then the index.

    Up to CELL_LABEL_MAX companies: one chart with numbers in the cells. Above: charts of HEATMAP_ROWS
    companies each (one per page), colour only.
    """
    t, fmt, b = v.t, v.fmt, v.bench
    ids = [f.id for f in b.factors]
    columns = [v.name(fid) for fid in ids] + [t("index_label")]
    companies = sorted(b.companies, key=lambda c: (c.index is None, c.index or 0.0, c.code))
    total = len(companies)
    labelled = total <= sector_charts.CELL_LABEL_MAX
    size = total if labelled else HEATMAP_ROWS
    named = any(c.name for c in companies)
    parts: list[dict[str, Any]] = []
    for start in range(0, max(total, 1), max(size, 1)):
        chunk = companies[start : start + size]
        rows = [sector_charts.HeatRow(v.label(c), [*(c.factors.get(f) for f in ids), c.index]) for c in chunk]
        desc = [
            t(
                "sector_heatmap_desc_row",
                company=v.label(c),
                values=", ".join(f"{col} {fmt.num(x)}" for col, x in zip(columns, row.values, strict=True)),
            )
            for c, row in zip(chunk, rows, strict=True)
        ]
        caption = (
            t("sector_heatmap_part", start=start + 1, end=start + len(chunk), total=total)
            if not labelled
            else ""
        )
        chart = sector_charts.company_heatmap(
            rows,
            columns,
            v.styles,
            chart_id=f"chart-heatmap-{len(parts)}",
            title=t("sector_heatmap_chart_title") + (f" ({caption})" if caption else ""),
            desc=t("sector_heatmap_chart_desc", rows="; ".join(desc)),
            fmt=fmt.num,
            cell_labels=labelled,
            label_width=1.8 if named else 0.5,
        )
        parts.append({"chart": chart, "caption": caption})
    return {
        "parts": parts,
        "note": "" if labelled else t("sector_heatmap_no_numbers", max=sector_charts.CELL_LABEL_MAX),
    }


def _reason(v: _View, exclusion: Exclusion) -> str:
    """An exclusion's catalogue reason in the report language (``sector_reason_<reason>`` in strings.yaml)."""
    details = {"minimum": v.bench.provenance.min_group_size, "finding": "?", **exclusion.details}
    return v.t(f"sector_reason_{exclusion.reason.value}", **details)


def _method(v: _View) -> dict[str, Any]:
    q, t, fmt, p = v.q, v.t, v.fmt, v.bench.provenance
    bands: list[str] = []
    previous: float | None = None
    for _, label, style in v.bands:
        below = None if style.below is None else float(style.below)
        if below is None:
            bands.append(t("method_band_rest", label=label, below=fmt.num(previous or q.scale.min)))
        elif previous is None:
            bands.append(t("method_band_below", label=label, below=fmt.num(below)))
        else:
            bands.append(
                t(
                    "method_band_between",
                    label=label,
                    low=fmt.num(previous),
                    below=fmt.num(below),
                )
            )
        previous = below
    return {
        "scores": t("sector_method_scores"),
        "quantiles": t("sector_method_quantiles"),
        "bands": bands,
        "anonymity": t(
            "sector_method_anonymity",
            min=p.min_group_size,
            min_companies=p.min_companies if p.min_companies is not None else 5,
        ),
        "named": t("sector_method_named") if any(c.name for c in v.bench.companies) else "",
        "version": t(
            "sector_method_version",
            title=v.text(q.title),
            id=p.questionnaire.id,
            version=p.questionnaire.version,
            hash=p.questionnaire.hash,
            name=p.name,
            date=t.date(p.date),
            tool=p.tool,
        ),
    }
