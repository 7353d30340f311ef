"""What every section of the sector report looks things up in: names, bands, formatting, translation, and
the two conventions the whole report keeps: the one statistic it ranks and shows, and how it writes a
share of organisations (a count below :data:`COUNTS_BELOW` organisations, a percentage from there)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from lerende_scan.benchmark import Benchmark, CompanyEntry, Exclusion, FactorDistribution
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.report import charts
from lerende_scan.report.render import Formatter, ReportOptions, Translator

__all__ = ["COUNTS_BELOW", "STATISTIC", "View", "rounded_percentages"]

COUNTS_BELOW = 20
"""Below this many organisations a share is written as a count ("3 van 8"): one organisation is then 5% or
more, and rounded percentages of a handful of organisations add up to 99% or 101%."""

STATISTIC = "mean"
"""The statistic the report ranks factors by and prints in every table and chart: the mean of the
organisations' means (``FactorDistribution.mean``), the order of ``benchmark.json``'s factors."""


def rounded_percentages(shares: Sequence[float]) -> list[int]:
    """Whole percentages that add up to exactly 100 (largest remainder), for shares that sum to 1."""
    raw = [max(0.0, s) * 100 for s in shares]
    if not raw or sum(raw) == 0:
        return [0 for _ in raw]
    floors = [math.floor(x) for x in raw]
    short = round(sum(raw)) - sum(floors)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[: max(short, 0)]:
        floors[i] += 1
    return floors


class View:
    """The benchmark, its questionnaire and the report language, with the lookups the sections share."""

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
        self.counts = bench.provenance.companies < COUNTS_BELOW

    def text(self, value: Any) -> str:
        return str(localise(value, self.lang, fallback=self.q.default_language) or "")

    def name(self, factor_id: str) -> str:
        return self.names.get(factor_id, factor_id)

    def first_band(self) -> tuple[str, str] | None:
        """(id, label) of the lowest band, the 'bottleneck' band; None without bands."""
        return (self.bands[0][0], self.bands[0][1]) if self.bands else None

    def band_list(self) -> str:
        """The band labels as a sentence writes them: "knelpunt, aandachtspunt of sterk punt"."""
        labels = [label.lower() for _, label, _ in self.bands]
        if len(labels) < 2:
            return "".join(labels)
        return f"{', '.join(labels[:-1])} {self.t('sector_or')} {labels[-1]}"

    def label(self, company: CompanyEntry | Exclusion) -> str:
        return f"{company.code} {company.name}" if company.name else company.code

    def statistic(self, dist: FactorDistribution) -> float | None:
        """The one statistic the report ranks by and shows (:data:`STATISTIC`)."""
        value: float | None = getattr(dist, STATISTIC)
        return value

    def band_shares(self, dist: FactorDistribution) -> list[float]:
        return [float(dist.bands.get(band_id, 0.0)) for band_id, _, _ in self.bands]

    def band_counts(self, dist: FactorDistribution) -> list[int]:
        """Organisations per band: the shares in benchmark.json times the factor's organisations."""
        return [round(s * dist.companies) for s in self.band_shares(dist)]

    def segments(self, dist: FactorDistribution) -> list[str]:
        """The text in each band's segment of a share bar: a count, or a percentage summing to 100%."""
        if self.counts:
            return [str(c) for c in self.band_counts(dist)]
        return [f"{p}%" for p in rounded_percentages(self.band_shares(dist))]

    def shares_of(self, dist: FactorDistribution) -> list[str]:
        """Each band's share as a reader reads it: "3 van 8" below COUNTS_BELOW organisations, else "38%"."""
        if self.counts:
            return [self.t("sector_count_of", count=c, total=dist.companies) for c in self.band_counts(dist)]
        return [f"{p}%" for p in rounded_percentages(self.band_shares(dist))]

    def bottleneck(self, dist: FactorDistribution) -> str:
        """The lowest band's share as :meth:`shares_of` writes it ('' without bands)."""
        return self.shares_of(dist)[0] if self.bands else ""
