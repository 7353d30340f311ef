"""Drivers for a sector benchmark: the analysis on all respondents of all its companies, on the companies'
means (from 30 companies), and the spread of motivation across the sector (aggregates only).

The pooled analysis mixes differences within and between companies: it answers "which factors go
together with motivation among the sector's employees". The company-means analysis answers "in which
companies is motivation higher", with the companies as units; it needs :data:`MIN_COMPANIES`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from lerende_scan.drivers.analysis import analyse
from lerende_scan.drivers.companies import RespondentScores, cutoffs
from lerende_scan.drivers.model import LevelShares, SectorDrivers, SectorSpread
from lerende_scan.drivers.weights import Floats
from lerende_scan.errors import Finding
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.scoring import ScoreResult

if TYPE_CHECKING:
    from lerende_scan.benchmark import Benchmark

__all__ = ["MIN_COMPANIES", "driver_rows", "sector_drivers"]

MIN_COMPANIES = 30
"""Fewer companies than this: no analysis of the company means (too few units for the weights)."""


def driver_rows(scored: ScoreResult, q: Questionnaire, into: dict[str, Floats]) -> None:
    """Keep each company's respondent scores on the drivers and the outcome (columns: predictors, then
    the outcome) in ``into`` by company name; a name seen before keeps its first rows, as the benchmark
    keeps the first company of a duplicated name. Nothing without ``drivers`` in the questionnaire."""
    config = q.drivers
    data = RespondentScores.of(scored, q) if config is not None else None
    if config is None or data is None:
        return
    columns = [*config.predictors, config.outcome]
    for c, name in enumerate(data.names):
        if name not in into:
            into[name] = data.matrix(columns, c)


def sector_drivers(
    bench: Benchmark, rows: Mapping[str, Floats], codes: Mapping[str, str], q: Questionnaire
) -> tuple[SectorDrivers | None, list[Finding]]:
    """The sector's drivers over the benchmark's companies (``codes``: company name -> code; companies
    that are not in the benchmark are left out); None without ``drivers`` in the questionnaire."""
    config = q.drivers
    if config is None:
        return None, []
    members = {c.code for c in bench.companies}
    width = len(config.predictors) + 1
    kept = [m for name, m in rows.items() if codes.get(name) in members]
    pooled = np.concatenate(kept) if kept else np.empty((0, width))
    cut = cutoffs(q)
    means = {d.id: d.mean for d in bench.factors}
    run = partial(
        analyse, outcome=config.outcome, predictors=config.predictors, scores=means, strong_from=cut.high_from
    )
    name = bench.provenance.name
    respondents, found = run(
        pooled, min_respondents=config.min_respondents, key=f"sector {name}", where=f"sector '{name}'"
    )
    columns = [*config.predictors, config.outcome]
    company_means = np.array(
        [[np.nan if (x := c.factors.get(f)) is None else x for f in columns] for c in bench.companies],
        dtype=np.float64,
    ).reshape(-1, width)
    companies, more = run(
        company_means,
        min_respondents=MIN_COMPANIES,
        key=f"sector companies {name}",
        where=f"sector '{name}' (company means)",
    )
    spread = _spread(pooled[:, -1], company_means[:, -1], config.outcome, cut.low_below, cut.high_from)
    return SectorDrivers(respondents=respondents, companies=companies, motivation=spread), [*found, *more]


def _spread(people: Floats, companies: Floats, factor: str, low: float, high: float) -> SectorSpread:
    def shares(values: Floats) -> LevelShares:
        level = (values >= low).astype(np.intp) + (values >= high)
        counts = np.bincount(level, minlength=3)
        total = max(int(counts.sum()), 1)
        return LevelShares(low=counts[0] / total, moderate=counts[1] / total, high=counts[2] / total)

    people, companies = people[np.isfinite(people)], companies[np.isfinite(companies)]
    return SectorSpread(
        factor=factor,
        low_below=low,
        high_from=high,
        respondents=len(people),
        shares=shares(people),
        companies=len(companies),
        company_shares=shares(companies),
        lowest=float(companies.min()) if len(companies) else None,
        highest=float(companies.max()) if len(companies) else None,
    )
