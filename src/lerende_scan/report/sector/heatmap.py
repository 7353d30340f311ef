"""The sector report's heatmap: every organisation (rows, lowest index first, with its n) × the factors in
ranked order and the index, under a sector row; one chart up to CELL_LABEL_MAX organisations, with the
scores in the cells, and above that colour-only charts that each fill a page."""

from __future__ import annotations

from typing import Any

from lerende_scan.report.charts import sector as sector_charts
from lerende_scan.report.sector.view import View

__all__ = ["PAGE_FIRST", "PAGE_NEXT", "heatmap", "heatmap_chunks"]

PAGE_FIRST = 9.0
"""Chart inches free on the heatmap's first page, below the heading and the introduction (A4, the report's
margins, the SVG scaled from 7.0 in to the 6.93 in text column)."""
PAGE_NEXT = 9.8
"""Chart inches free on each following page, below the caption."""


def heatmap_chunks(total: int, first: int, rest: int) -> list[tuple[int, int]]:
    """(start, end) of the rows on each page: ``first`` rows on the first page, ``rest`` on the others."""
    chunks, start, size = [], 0, max(first, 1)
    while start < total:
        chunks.append((start, min(total, start + size)))
        start, size = start + size, max(rest, 1)
    return chunks or [(0, 0)]


def heatmap(v: View) -> dict[str, Any]:
    t, fmt, b = v.t, v.fmt, v.bench
    ids = [f.id for f in b.factors]
    columns = [v.name(fid) for fid in ids] + [t("index_label")]
    companies = sorted(b.companies, key=lambda c: (c.index is None, c.index or 0.0, c.code))
    total = len(companies)
    labelled = total <= sector_charts.CELL_LABEL_MAX
    named = any(c.name for c in companies)
    label_width = 1.8 if named else 0.5
    if labelled:
        chunks = [(0, total)]
    else:
        fits = [
            sector_charts.heatmap_capacity(h, columns, v.styles, label_width=label_width)
            for h in (PAGE_FIRST, PAGE_NEXT)
        ]
        chunks = heatmap_chunks(total, *fits)
    sector = sector_charts.HeatRow(
        t("sector_heatmap_sector"),
        fmt.count(b.provenance.respondents),
        [*(v.statistic(b.factor(fid)) for fid in ids), v.statistic(b.index)],
        emphasis=True,
    )
    parts: list[dict[str, Any]] = []
    for start, end in chunks:
        chunk = companies[start:end]
        rows = [
            sector_charts.HeatRow(v.label(c), fmt.count(c.n), [*(c.factors.get(f) for f in ids), c.index])
            for c in chunk
        ]
        desc = [
            t(
                "sector_heatmap_desc_row",
                company=row.label,
                n=row.n,
                values=", ".join(f"{col} {fmt.num(x)}" for col, x in zip(columns, row.values, strict=True)),
            )
            for row in [sector, *rows]
        ]
        caption = "" if labelled else t("sector_heatmap_part", start=start + 1, end=end, total=total)
        chart = sector_charts.company_heatmap(
            rows,
            columns,
            v.styles,
            sector=sector,
            n_header=t("col_n"),
            chart_id=f"chart-heatmap-{len(parts)}",
            title=t("sector_heatmap_chart_title") + (f" ({caption})" if caption else ""),
            desc=t("sector_heatmap_chart_desc", rows="; ".join(desc)),
            fmt=fmt.num,
            cell_labels=labelled,
            label_width=label_width,
            height=PAGE_FIRST,
        )
        parts.append({"chart": chart, "caption": caption})
    return {
        "intro": t("sector_heatmap_intro", bands=v.band_list()),
        "parts": parts,
        "note": "" if labelled else t("sector_heatmap_no_numbers", max=sector_charts.CELL_LABEL_MAX),
    }
