"""Scoring orchestration: the public :func:`score` and :class:`ScoreResult`, one result per company.

The conventions are R ``psych::scoreItems(impute="none")`` and ``psych::alpha``:

- **Respondent factor score**: mean of the factor's answered items after reversal (``min + max - x``);
  missing when fewer than ``ceil(min_answered × k)`` items are answered.
- **Respondent index**: mean of the respondent's available factor scores (each factor weighs the same,
  whatever its number of items); missing only when the respondent has no factor score at all.
- **Company statistics** and the factor ranking: see :mod:`~lerende_scan.scoring.factors`;
  **reliability**: :mod:`~lerende_scan.scoring.reliability`; **data quality**:
  :mod:`~lerende_scan.scoring.quality`; **group breakdowns**: :mod:`~lerende_scan.scoring.breakdowns`;
  **suppression** of small companies and groups: :mod:`~lerende_scan.scoring.privacy`.

The work is vectorised. All rows are ordered by company once (a radix sort) and the int8 answer codes
gathered in that order; the one pass over them is :mod:`~lerende_scan.scoring.moments`. Item statistics,
alpha and item-rest then come from the stacked per-company sums in a few array operations. Python loops
run over companies, chunks, factors, items and groups only, never over respondents; the result models are
built once per company at the end.

Measured on a busy 2-core machine: 1M respondents × 30 items, 500 companies, a department column and
text respondent ids score in about 0.9-1.2 s (``benchmarks/scoring_bench.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd

from lerende_scan._gc import paused_gc
from lerende_scan.errors import Code, Finding
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet
from lerende_scan.results import CompanyResult, FactorResult, QuestionnaireRef
from lerende_scan.scoring import privacy, quality
from lerende_scan.scoring.breakdowns import (
    UNKNOWN_GROUP,
    Breakdowns,
    group_columns,
    hotspots,
    leader_column,
)
from lerende_scan.scoring.factors import (
    INDEX_ID,
    Numbers,
    company_stats,
    factor_results,
    stat_result,
    strengths_and_opportunities,
)
from lerende_scan.scoring.moments import Floats, Ints, Layout, Scan, answered_counts, single_threaded_blas

__all__ = ["INDEX_ID", "UNKNOWN_GROUP", "ScoreResult", "score"]


@dataclass(frozen=True)
class ScoreResult:
    """What :func:`score` returns.

    - ``companies``: one result per company with at least one valid respondent, in order of first
      appearance in the file.
    - ``findings``: scoring findings (low alpha, negative item-rest, one straight-lining warning for the
      file, a ``NO_VALID_RESPONDENTS`` error per company without valid respondents, and a
      ``COMPANY_TOO_SMALL`` error per company with fewer valid respondents than the anonymity threshold:
      such a company gets no result at all, because its total would reveal a group that small). Ingestion
      findings are not repeated here; they appear in each company's ``data_quality.findings``.
    - ``respondent_scores``: see the property.
    """

    companies: list[CompanyResult]
    findings: list[Finding] = field(default_factory=list)
    _respondents: _RespondentRows | None = field(default=None, repr=False, compare=False)

    @cached_property
    def respondent_scores(self) -> pd.DataFrame:
        """Valid respondents, grouped by company (first appearance), in file order within a company.

        Columns: ``respondent`` (the respondent id, else the source row number), ``company``, one per
        factor, and ``index``. Personal data: write it only on explicit request (``--respondent-scores``).
        Built on first access, so scoring without it costs nothing.
        """
        if self._respondents is None:
            return pd.DataFrame(columns=["respondent", "company", INDEX_ID])
        return self._respondents.frame()

    @property
    def respondent_rows(self) -> _RespondentRows | None:
        """The arrays behind :attr:`respondent_scores` (references, not copies), for analyses over the
        respondents such as the drivers of motivation; None without valid respondents."""
        return self._respondents


def score(
    responses: ResponseSet,
    *,
    exclude_straightliners: bool = False,
    ingest_findings: Sequence[Finding] = (),
) -> ScoreResult:
    """Score every company in ``responses``; pure (no I/O), returns results and findings.

    Answers must be whole scale values or NaN, as :func:`lerende_scan.responses.ingest` guarantees;
    anything else is a programming error (ValueError).
    """
    with paused_gc():  # tens of thousands of small result models: see lerende_scan._gc
        return _score(responses, exclude_straightliners, ingest_findings)


def _score(
    responses: ResponseSet, exclude_straightliners: bool, ingest_findings: Sequence[Finding]
) -> ScoreResult:
    q = responses.questionnaire
    source = responses.source
    item_ids = [item.id for item in q.items]
    layout = Layout.of(q)
    codes = responses.codes
    answered = answered_counts(codes)

    # Names that differ only in case are one company, named as first spelled (as groups are).
    company, names = quality.text_codes(responses.company.fillna(UNKNOWN_GROUP))
    if (blank := company < 0).any():  # a blank name given in memory (ingest fills them in)
        if UNKNOWN_GROUP not in names:
            names.append(UNKNOWN_GROUP)
        company[blank] = names.index(UNKNOWN_GROUP)
    n_comp = len(names)

    duplicate = (
        quality.duplicate_ids(responses.respondent_id, answered == 0)
        if responses.respondent_id is not None
        else None
    )
    # All rows ordered by company once (stable: file order within a company); each company is a slice.
    narrow = company.astype(np.uint16) if n_comp <= np.iinfo(np.uint16).max else company
    order = np.argsort(narrow, kind="stable")  # a radix sort for 16-bit keys
    # The codes in company order, row-major: each chunk of the scan is a contiguous slice (one gather of
    # 1 byte per answer, instead of a scattered gather per chunk).
    sorted_codes = np.take(codes, order, axis=0)
    sizes = np.bincount(company, minlength=n_comp)
    starts = np.concatenate(([0], np.cumsum(sizes)))
    grouping = group_columns(responses, q)
    scan = Scan(
        layout=layout,
        groups=[codes for _, codes, _ in grouping],
        n_groups=[len(labels) for _, _, labels in grouping],
        codes=sorted_codes,
        answered=answered,
        duplicate=duplicate,
        order=order,
        need=quality.min_required(float(q.scoring.min_answered), len(item_ids)),
        keep_straightliners=not exclude_straightliners,
        item_group=_leader_index(q, grouping),
    )
    with single_threaded_blas():
        moments = [scan.company(int(starts[c]), int(starts[c + 1])) for c in range(n_comp)]
    del sorted_codes  # 30 MB at a million rows, not needed after the scan
    scan.codes = np.empty((0, len(item_ids)), dtype=np.int8)

    sorted_company = company[order]
    counts = quality.reason_counts(scan.reason, sorted_company, n_comp)
    no_rows = np.empty(0, dtype=np.intp)
    rejected_rows = [responses.rejected_rows.get(item_id, no_rows) for item_id in item_ids]
    oor = quality.out_of_range_counts(rejected_rows, company, n_comp)
    summaries = [
        quality.respondents_summary(
            counts[c],
            has_ids=responses.respondent_id is not None,
            exclude_straightliners=exclude_straightliners,
        )
        for c in range(n_comp)
    ]
    stats_table = company_stats(scan.scores, starts, layout.mid)
    numbers = Numbers.of(layout, moments)
    breakdowns = Breakdowns.of(q, grouping, moments)

    # -- findings and models, once per company --------------------------------------------------------
    findings: list[Finding] = []
    straight_total = int(counts[:, quality.STRAIGHTLINING].sum())
    if straight_total and not exclude_straightliners:
        findings.append(Finding(Code.STRAIGHTLINERS, file=source, params={"count": straight_total}))
    ingest_by_company = quality.findings_by_company(
        ingest_findings, responses.rows, company, n_comp, responses.rejected_rows
    )
    ref = QuestionnaireRef(id=q.id, version=q.version, hash=q.content_hash())

    companies: list[CompanyResult] = []
    for c, name in enumerate(names):
        summary = summaries[c]
        if summary.valid == 0:
            reasons = ", ".join(f"{n} {r}" for r, n in summary.excluded.items() if n)
            findings.append(
                Finding(Code.NO_VALID_RESPONDENTS, file=source, params={"company": name, "reasons": reasons})
            )
            continue
        if not privacy.company_reportable(summary.valid, q.anonymity.min_group_size):
            findings.append(
                Finding(
                    Code.COMPANY_TOO_SMALL,
                    file=source,
                    params={"company": name, "valid": summary.valid, "minimum": q.anonymity.min_group_size},
                )
            )
            continue
        own: list[Finding] = []
        straight = summary.flagged.get("straightlining", 0)
        if straight:
            own.append(Finding(Code.STRAIGHTLINERS, file=source, params={"count": straight}))
        stats_rows = stats_table[:, c].T.tolist()  # columns → [n, mean, sd, ci_low, ci_high]
        factors = factor_results(q, layout, name, numbers, c, stats_rows, summary.valid, source, own)
        index = stat_result(
            INDEX_ID, stats_rows[-1], layout, alpha=None, items=[], warnings=[], split=_index_split(factors)
        )
        strengths, opportunities = strengths_and_opportunities(factors, layout)
        identifying = breakdowns.identifying(c)
        own.extend(
            Finding(
                Code.GROUP_COLUMN_IDENTIFYING,
                file=source,
                params={
                    "company": name,
                    "column": column,
                    "small": small,
                    "answered": answered,
                    "minimum": q.anonymity.min_group_size,
                },
            )
            for column, (small, answered) in identifying.items()
        )
        groups = breakdowns.for_company(c, leave_out=identifying)
        quality_block = quality.data_quality(
            summary,
            item_ids,
            numbers.item_n[c],
            oor[c],
            [str(f.redacted()) for f in ingest_by_company[c]] + [str(f.redacted()) for f in own],
        )
        companies.append(
            CompanyResult(
                questionnaire=ref,
                company=name,
                respondents=summary,
                index=index,
                factors=factors,
                opportunities=opportunities,
                strengths=strengths,
                groups=groups,
                hotspots=hotspots(groups, factors, skip_column=breakdowns.leader_column),
                leaders=breakdowns.leaders_for(c),
                data_quality=quality_block,
            )
        )
        findings.extend(f for f in own if f.code is not Code.STRAIGHTLINERS)

    return ScoreResult(
        companies=companies,
        findings=findings,
        _respondents=_RespondentRows(  # references, no copies; the sorted codes are freed
            responses,
            order=order,
            company=sorted_company,
            valid=scan.valid,
            names=names,
            columns=[*layout.factor_ids, INDEX_ID],
            scores=scan.scores,
        ),
    )


def _leader_index(q: Questionnaire, grouping: list[tuple[str, Ints, list[str]]]) -> int | None:
    """Position of the leader column among the group columns (it gets item sums too), or None."""
    names = [name for name, _, _ in grouping]
    column = leader_column(q, names)
    return None if column is None else names.index(column)


def _index_split(factors: list[FactorResult]) -> tuple[float | None, float | None, float | None]:
    """The index's favourable split: the mean of the factors' splits (each factor weighs the same, as in
    the index itself); None without any factor split."""
    splits = [(f.favourable, f.neutral, f.unfavourable) for f in factors if f.favourable is not None]
    if not splits:
        return None, None, None
    fav, neu, unf = (sum(float(s[i] or 0.0) for s in splits) / len(splits) for i in range(3))
    return fav, neu, unf


@dataclass(frozen=True)
class _RespondentRows:
    """What :attr:`ScoreResult.respondent_scores` needs, kept until (and unless) it is asked for."""

    responses: ResponseSet
    order: Ints  # all rows in company order
    company: Ints  # company code per row, in company order
    valid: npt.NDArray[np.bool_]  # per row, in company order
    names: list[str]
    columns: list[str]
    scores: Floats  # per row, in company order: factors + index (NaN for rows not valid)

    def frame(self) -> pd.DataFrame:
        rows = self.order[self.valid]
        if self.responses.respondent_id is not None:
            ids = self.responses.respondent_id.reset_index(drop=True)
            respondent = ids.iloc[rows].reset_index(drop=True)
        else:
            respondent = pd.Series(np.asarray(self.responses.rows)[rows])
        frame = pd.DataFrame(
            {
                "respondent": respondent,
                "company": pd.Categorical.from_codes(
                    self.company[self.valid], categories=pd.Index(self.names)
                ),
            }
        )
        scores = self.scores[self.valid]
        for j, ident in enumerate(self.columns):
            frame[ident] = scores[:, j]
        return frame
