"""Drivers for every company of a scoring run: the analysis, the motivation spread and the pioneer groups.

Reads the respondents' factor scores that :func:`lerende_scan.scoring.score` keeps (in company order,
never copied) and adds ``drivers``, ``motivation`` and ``pioneers`` to each :class:`CompanyResult`, with
its ``opportunities`` in driver-aware order (act-first drivers first; the order by score is kept in
``drivers.opportunities_by_score``). Python
loops run over companies, groups and group columns, never over respondents.

Privacy: the spread and the pioneers use only the groups that the company's breakdown shows, so the same
anonymity threshold and complementary suppression apply (:mod:`lerende_scan.scoring.privacy`); a
suppressed group gets no shares, and no group is ever smaller than the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lerende_scan.drivers.analysis import analyse, opportunities
from lerende_scan.drivers.bootstrap import RESAMPLES
from lerende_scan.drivers.model import GroupSpread, LevelShares, MotivationSpread, Pioneer
from lerende_scan.drivers.weights import Floats
from lerende_scan.errors import Finding
from lerende_scan.questionnaire import Drivers, Questionnaire
from lerende_scan.results import Breakdown, CompanyResult
from lerende_scan.scoring import ScoreResult
from lerende_scan.scoring.breakdowns import UNKNOWN_GROUP, group_columns
from lerende_scan.scoring.moments import single_threaded_blas

__all__ = ["Cutoffs", "RespondentScores", "add_drivers", "cutoffs"]


@dataclass(frozen=True)
class Cutoffs:
    """Outcome levels: below ``low_below`` little motivated, from ``high_from`` highly, else moderately."""

    low_below: float
    high_from: float

    def levels(self, scores: Floats) -> npt.NDArray[np.intp]:
        """0 low, 1 moderate, 2 high per (finite) score."""
        return (scores >= self.low_below).astype(np.intp) + (scores >= self.high_from)


def cutoffs(q: Questionnaire) -> Cutoffs:
    """From the bands (the first band is low, the top band high), else the favourable split of the scale
    (a mean of unfavourable answers is low, of favourable answers high)."""
    bounds = [float(b.below) for b in q.scoring.bands if b.below is not None]
    if len(bounds) >= 2:
        return Cutoffs(low_below=bounds[0], high_from=bounds[-1])
    low, high = q.scale.favourable_split()
    return Cutoffs(low_below=low + 0.5, high_from=high - 0.5)


@dataclass(frozen=True)
class RespondentScores:
    """Valid respondents' factor scores in company order, with company boundaries and group codes."""

    scores: Floats  # respondents × (factors + index)
    columns: list[str]
    starts: npt.NDArray[np.intp]  # company c is rows starts[c]:starts[c + 1]
    names: list[str]
    groups: list[tuple[str, npt.NDArray[np.intp], list[str]]]  # column, code per row, labels

    @classmethod
    def of(cls, scored: ScoreResult, q: Questionnaire) -> RespondentScores | None:
        rows = scored.respondent_rows  # the arrays behind respondent_scores, without a copy
        if rows is None:
            return None
        valid = rows.valid
        company = rows.company[valid]
        starts = np.searchsorted(company, np.arange(len(rows.names) + 1)).astype(np.intp)
        kept = rows.order[valid]
        groups = [(name, codes[kept], labels) for name, codes, labels in group_columns(rows.responses, q)]
        return cls(rows.scores[valid], list(rows.columns), starts, list(rows.names), groups)

    def matrix(self, columns: Sequence[str], c: int | None = None) -> Floats:
        """The scores of ``columns`` for company ``c`` (all companies when None)."""
        idx = [self.columns.index(col) for col in columns]
        rows = slice(None) if c is None else slice(int(self.starts[c]), int(self.starts[c + 1]))
        return self.scores[rows][:, idx]


def add_drivers(
    scored: ScoreResult, q: Questionnaire, *, resamples: int = RESAMPLES
) -> tuple[list[CompanyResult], list[Finding]]:
    """Every company result with its drivers, motivation spread and pioneers (unchanged without
    ``drivers`` in the questionnaire), and the findings of the analyses."""
    config = q.drivers
    data = RespondentScores.of(scored, q) if config is not None else None
    if config is None or data is None:
        return list(scored.companies), []
    cut = cutoffs(q)
    position = {name: c for c, name in enumerate(data.names)}
    findings: list[Finding] = []
    out: list[CompanyResult] = []
    with single_threaded_blas():
        for result in scored.companies:
            c = position[result.company]
            means = {f.id: f.mean for f in result.factors}
            drivers, found = analyse(
                data.matrix([*config.predictors, config.outcome], c),
                outcome=config.outcome,
                predictors=config.predictors,
                min_respondents=config.min_respondents,
                key=result.company,
                scores=means,
                strong_from=cut.high_from,
                resamples=resamples,
                where=f"company '{result.company}'",
            )
            findings.extend(found)
            if drivers.status == "ok":  # act-first drivers lead the opportunities; the score order is kept
                drivers = drivers.model_copy(update={"opportunities_by_score": list(result.opportunities)})
            update = {
                "opportunities": opportunities(result.opportunities, drivers),
                "drivers": drivers,
                "motivation": spread(data, c, result.groups, config, cut),
                "pioneers": pioneers(result, config),
            }
            out.append(result.model_copy(update=update))
    return out, findings


def _shares(counts: npt.NDArray[np.int64]) -> LevelShares:
    total = max(int(counts.sum()), 1)
    return LevelShares(low=counts[0] / total, moderate=counts[1] / total, high=counts[2] / total)


def spread(
    data: RespondentScores, c: int, breakdowns: Sequence[Breakdown], config: Drivers, cut: Cutoffs
) -> MotivationSpread:
    """The outcome's spread over levels for company ``c``, and for each group its breakdown shows."""
    lo, hi = int(data.starts[c]), int(data.starts[c + 1])
    outcome = data.matrix([config.outcome], c)[:, 0]
    has = np.isfinite(outcome)
    level = cut.levels(outcome[has])
    groups: list[GroupSpread] = []
    codes = {name: (rows[lo:hi][has], labels) for name, rows, labels in data.groups}
    for breakdown in breakdowns:
        if breakdown.column not in codes:
            continue
        rows, labels = codes[breakdown.column]
        counts = np.bincount(rows * 3 + level, minlength=3 * len(labels)).reshape(len(labels), 3)
        for g in breakdown.groups:
            if g.suppressed or g.name not in labels:
                continue
            own = counts[labels.index(g.name)]
            groups.append(
                GroupSpread(
                    column=breakdown.column,
                    group=g.name,
                    n=int(own.sum()),
                    mean=(g.factors or {}).get(config.outcome),
                    shares=_shares(own),
                )
            )
    return MotivationSpread(
        factor=config.outcome,
        low_below=cut.low_below,
        high_from=cut.high_from,
        n=int(has.sum()),
        shares=_shares(np.bincount(level, minlength=3)),
        groups=groups,
    )


def pioneers(result: CompanyResult, config: Drivers) -> list[Pioneer]:
    """Shown groups (not the blank-value group) by mean outcome, highest first, with their weakest driver."""
    company = result.factor(config.outcome).mean
    found: list[Pioneer] = []
    for breakdown in result.groups:
        for g in breakdown.groups:
            scores = g.factors or {}
            motivation = scores.get(config.outcome)
            if g.suppressed or g.name == UNKNOWN_GROUP or motivation is None or g.n is None:
                continue
            drivers = [(s, f) for f in config.predictors if (s := scores.get(f)) is not None]
            room = min(drivers) if drivers else None
            found.append(
                Pioneer(
                    column=breakdown.column,
                    group=g.name,
                    n=g.n,
                    motivation=motivation,
                    above_company=company is not None and motivation > company,
                    room=room[1] if room else None,
                    room_score=room[0] if room else None,
                )
            )
    found.sort(key=lambda p: (-p.motivation, p.column, p.group))
    return found
