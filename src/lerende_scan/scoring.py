"""Scoring: from a :class:`ResponseSet` to one :class:`CompanyResult` per company.

The conventions are R ``psych::scoreItems(impute="none")`` and ``psych::alpha``:

- **Respondent factor score**: mean of the factor's answered items after reversal (``min + max - x``);
  missing when fewer than ``ceil(min_answered × k)`` items are answered.
- **Respondent index**: mean of the respondent's available factor scores (each factor weighs the same,
  whatever its number of items); missing only when the respondent has no factor score at all.
- **Company factor score / index**: mean of the respondents' scores, SD with n-1, n, and a 95% CI with
  the t-distribution (``t.ppf(0.975, n-1) · sd / sqrt(n)``); SD and CI are missing when n < 2.
- **Reliability**: see :mod:`lerende_scan.reliability`; **data quality**: see :mod:`lerende_scan.quality`;
  **suppression** of small groups: see :mod:`lerende_scan.privacy`.

The work is vectorised. It reads the answers as the compact int8 codes of :attr:`ResponseSet.codes
<lerende_scan.responses.ResponseSet.codes>`, never as floats; all rows are ordered by company once (a radix
sort) and the codes gathered in that order. One pass over each company, in chunks of at most :data:`_CHUNK`
rows, classifies the rows (:mod:`lerende_scan.quality`), computes the respondent scores with two small
matrix products, and sums one symmetric product ``[Z | M]'[Z | M]`` for the pairwise covariances, answer
counts (``np.bincount``) and group sums (one-hot products). Item statistics, alpha and item-rest then come
from the stacked per-company sums in a few array operations. Python loops run over companies, chunks,
factors, items and groups only, never over respondents; the result models are built once per company at the
end.

Measured on a busy 2-core machine: 1M respondents × 30 items, 500 companies, a department column and
text respondent ids score in about 0.9-1.2 s (``benchmarks/scoring_bench.py``).
"""

from __future__ import annotations

import bisect
import contextlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import special

from lerende_scan import privacy, quality, reliability
from lerende_scan._gc import paused_gc
from lerende_scan.errors import Code, Finding
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet
from lerende_scan.results import (
    Breakdown,
    CompanyResult,
    FactorResult,
    GroupScore,
    ItemResult,
    LeaderComparison,
    LeaderGap,
    QuestionnaireRef,
)

try:  # optional: see _single_threaded_blas
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # ships no type hints
except ImportError:  # pragma: no cover - plain numpy still works, only slower on busy machines
    threadpool_limits = None

__all__ = ["INDEX_ID", "UNKNOWN_GROUP", "ScoreResult", "score"]

INDEX_ID = "index"
"""Id of the overall learning-organisation index (``CompanyResult.index.id`` and the respondent column)."""
UNKNOWN_GROUP = "(onbekend)"
"""Group name for a blank group value; such respondents form a group so they cannot be recovered by
subtracting the shown groups from the company total."""
LOW_ALPHA = 0.6

_CHUNK = 4_096  # rows per chunk: the float32 temporaries stay in cache (about 0.5 MB each at 30 items)

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]


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
    layout = _Layout.of(q)
    codes = responses.codes
    answered = _answered(codes)

    company_series = responses.company.reset_index(drop=True).fillna(UNKNOWN_GROUP)
    company_raw, company_uniques = pd.factorize(company_series, sort=False)
    company = np.asarray(company_raw, dtype=np.intp)
    names = [str(c) for c in company_uniques]
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
    group_columns = _group_columns(responses, q)
    scan = _Scan(
        layout=layout,
        groups=[codes for _, codes, _ in group_columns],
        n_groups=[len(labels) for _, _, labels in group_columns],
        codes=sorted_codes,
        answered=answered,
        duplicate=duplicate,
        order=order,
        need=quality.min_required(float(q.scoring.min_answered), len(item_ids)),
        keep_straightliners=not exclude_straightliners,
    )
    with _single_threaded_blas():
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
    stats_table = _company_stats(scan.scores, starts, layout.mid)
    numbers = _Numbers.of(layout, moments)
    breakdowns = _Breakdowns.of(q, group_columns, moments)

    # -- findings and models, once per company --------------------------------------------------------
    findings: list[Finding] = []
    straight_total = int(counts[:, quality.STRAIGHTLINING].sum())
    if straight_total and not exclude_straightliners:
        findings.append(Finding(Code.STRAIGHTLINERS, file=source, params={"count": straight_total}))
    ingest_by_company = _ingest_findings_by_company(
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
        if summary.valid < q.anonymity.min_group_size:  # the company total is a group too
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
        factors = _factor_results(q, layout, name, numbers, c, stats_rows, summary.valid, source, own)
        index = _stat_result(INDEX_ID, stats_rows[-1], layout, alpha=None, items=[], warnings=[])
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
                opportunities=_ranked(factors, ascending=True),
                strengths=_ranked(factors, ascending=False),
                groups=breakdowns.for_company(c),
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


# ---------------------------------------------------------------------------------------------------------
# the one pass over the answers


@dataclass(frozen=True)
class _Layout:
    """Questionnaire geometry as arrays: item → factor membership, reversal signs, thresholds."""

    factor_ids: list[str]
    spans: list[tuple[int, int]]  # item columns [lo, hi) per factor (items are grouped by factor)
    sign_outer: list[Floats]  # per factor: outer(sign, sign), reverses a covariance block
    sign: Floats  # -1 for reverse-keyed items, +1 otherwise
    weights: npt.NDArray[np.float32]  # items × factors: sign where the item belongs to the factor
    member: npt.NDArray[np.float32]  # items × factors: 1 where the item belongs to the factor
    need: Floats  # answered items needed per factor
    low: int  # scale minimum
    mid: float  # scale midpoint
    points: int  # number of scale points
    band_below: list[float]  # upper bounds of the bands, low to high (the last band is open-ended)
    band_ids: list[str]

    def band(self, score: float | None) -> str | None:
        """Band id of a score, as ``Questionnaire.band_for`` + ``band_id`` (precomputed: called 3,500
        times at 500 companies)."""
        if score is None or not self.band_ids:
            return None
        index = bisect.bisect_right(self.band_below, score)  # scores below a bound fall in its band
        return self.band_ids[index] if index < len(self.band_ids) else None

    @property
    def n_factors(self) -> int:
        return len(self.factor_ids)

    @classmethod
    def of(cls, q: Questionnaire) -> _Layout:
        items = q.items
        sign = np.array([-1.0 if item.reverse else 1.0 for item in items])
        member = np.zeros((len(items), len(q.factors)))
        spans: list[tuple[int, int]] = []
        col = 0
        for j, factor in enumerate(q.factors):
            spans.append((col, col + len(factor.items)))
            member[col : col + len(factor.items), j] = 1.0
            col += len(factor.items)
        return cls(
            factor_ids=[factor.id for factor in q.factors],
            spans=spans,
            sign_outer=[np.outer(sign[lo:hi], sign[lo:hi]) for lo, hi in spans],
            sign=sign,
            weights=(member * sign[:, None]).astype(np.float32),
            member=member.astype(np.float32),
            need=np.array([q.min_items(factor) for factor in q.factors], dtype=np.float64),
            low=q.scale.min,
            mid=(q.scale.min + q.scale.max) / 2.0,
            points=q.scale.points,
            band_below=[float(b.below) for b in q.scoring.bands if b.below is not None],
            band_ids=[q.band_id(b) for b in q.scoring.bands],
        )


def _single_threaded_blas() -> contextlib.AbstractContextManager[object]:
    """Keep BLAS on one thread during the scan.

    The scan makes hundreds of small products (a 2K × 2K result per company chunk). A multi-threaded
    OpenBLAS gains nothing on those, and when the cores are busy its threads spin waiting for each other:
    at 1M rows × 30 items on a loaded 2-core machine scoring took 6.6 s instead of 1.2 s. threadpoolctl
    sets the limit for this block only; without it the products still run, at the BLAS default.
    """
    if threadpool_limits is None:
        return contextlib.nullcontext()
    limits: contextlib.AbstractContextManager[object] = threadpool_limits(limits=1, user_api="blas")
    return limits


def _answered(codes: npt.NDArray[np.int8]) -> npt.NDArray[np.int16]:
    """Answered items per row, column by column (the codes are column-major; no full-size temporary)."""
    answered = np.zeros(len(codes), dtype=np.int16)
    for j in range(codes.shape[1]):
        answered += codes[:, j] >= 0
    return answered


@dataclass
class _Moments:
    """Per-company sums over valid respondents, gathered chunk by chunk."""

    n: Floats  # items × items: answered both
    s: Floats  # items × items: Σ z_i over rows answering both
    p: Floats  # items × items: Σ z_i z_j
    dist: npt.NDArray[np.int64]  # scale points × items: answers per value
    groups: list[Floats]  # per group column: groups × (score sums | score counts | valid respondents)


@dataclass
class _Scan:
    """The single pass over all rows in company order: row reasons, moments and respondent scores.

    Values are centred on the scale midpoint, so reversal is a sign flip: ``(min + max - x) - mid =
    -(x - mid)``, and a respondent's factor score is ``mid + Σ sign·z / answered`` over the factor's
    items. Products run in float32 on whole (or half) values, which is exact per chunk; they are summed
    in float64.
    """

    layout: _Layout
    groups: list[Ints]  # per group column: group code per row (file order), blanks coded as unknown
    n_groups: list[int]  # per group column: number of group names
    codes: npt.NDArray[np.int8]  # rows in company order, row-major: answer - min, -1 missing
    answered: npt.NDArray[np.int16]  # file order
    duplicate: npt.NDArray[np.bool_] | None  # file order
    order: Ints
    need: int
    keep_straightliners: bool
    reason: npt.NDArray[np.int8] = field(init=False)
    _eyes: list[Floats] = field(init=False)
    valid: npt.NDArray[np.bool_] = field(init=False)
    scores: Floats = field(init=False)  # rows (company order) × (factors + index); NaN if not valid

    def __post_init__(self) -> None:
        n = len(self.order)
        self.reason = np.zeros(n, dtype=np.int8)
        self.valid = np.zeros(n, dtype=bool)
        self.scores = np.empty((n, self.layout.n_factors + 1))  # every row is written by company()
        self._eyes = [np.eye(n) for n in self.n_groups]

    def company(self, start: int, stop: int) -> _Moments:
        """Scan one company's rows (``start:stop`` in company order) in chunks; return its sums."""
        lay = self.layout
        k, f = self.codes.shape[1], lay.n_factors
        gram = np.zeros((2 * k, 2 * k))
        dist = np.zeros(k * (lay.points + 1), dtype=np.int64)  # bincount bins, see `bins` below
        cols = f + 1
        group_sums = [np.zeros((len(eye), 2 * cols + 1)) for eye in self._eyes]
        # [Z | M] per chunk: one symmetric product gives P = Z'Z, S = Z'M and N = M'M at once.
        buffer = np.empty((min(_CHUNK, max(stop - start, 1)), 2 * k), dtype=np.float32)
        offset = np.float32(lay.mid - lay.low)
        width = k * (lay.points + 1)  # key = code + 1 + col·(points+1)
        bins: npt.NDArray[np.signedinteger[Any]] = (np.arange(k) * (lay.points + 1) + 1).astype(
            np.int16 if width < 2**15 else np.int32
        )
        for lo in range(start, stop, _CHUNK):
            hi = min(lo + _CHUNK, stop)
            rows = self.order[lo:hi]
            c = self.codes[lo:hi]
            zm = buffer[: hi - lo]
            z, m = zm[:, :k], zm[:, k:]
            m[...] = c >= 0
            z[...] = c
            z -= offset
            z *= m
            answered = self.answered[rows]
            dup = self.duplicate[rows] if self.duplicate is not None else None
            reason = quality.row_reasons(answered, dup, quality.same_answers(z, answered), self.need)
            valid = reason == 0
            if self.keep_straightliners:
                valid |= reason == quality.STRAIGHTLINING
            invalid = ~valid
            key = np.add(c, bins, dtype=bins.dtype)
            if invalid.any():
                zm[invalid] = 0.0
                key[invalid] = 0  # the "missing" bin of the first item, which is never read
            gram += zm.T @ zm
            dist += np.bincount(key.ravel(), minlength=len(dist))
            count = (m @ lay.member).astype(np.float64)
            total = (z @ lay.weights).astype(np.float64)
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = lay.mid + total / count
            factor[(count < lay.need) | invalid[:, None]] = np.nan
            out = self.scores[lo:hi]
            out[:, :f] = factor
            out[:, f] = _row_mean(factor)
            self.reason[lo:hi] = reason
            self.valid[lo:hi] = valid
            if group_sums:
                has = ~np.isnan(out)
                stacked = np.concatenate(
                    [np.where(has, out, 0.0), has, valid[:, None]], axis=1, dtype=np.float64
                )
                for sums, eye, codes in zip(group_sums, self._eyes, self.groups, strict=True):
                    sums += eye[codes[rows]].T @ stacked  # one-hot groups' × rows: sums per group
        return _Moments(
            n=gram[k:, k:],
            s=gram[:k, k:],
            p=gram[:k, :k],
            dist=dist.reshape(k, lay.points + 1)[:, 1:].T.copy(),
            groups=group_sums,
        )


def _row_mean(scores: Floats) -> Floats:
    """Mean of each row's non-missing values; NaN for a row without any.

    Row sums as matrix-vector products: reductions along a short row axis are slow in numpy.
    """
    ok = ~np.isnan(scores)
    ones = np.ones(scores.shape[1])
    n = ok.astype(np.float64) @ ones
    total = np.where(ok, scores, 0.0) @ ones
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = total / n
    return np.asarray(mean, dtype=np.float64)


def _company_stats(scores: Floats, starts: npt.NDArray[np.int64], mid: float) -> Floats:
    """Per company and score column: n, mean, sd (n-1), 95% CI low and high (t-distribution).

    Shape 5 × companies × columns; NaN where undefined (no scores; sd and CI need n ≥ 2). Each company's
    rows are one slice of ``scores``; two passes (mean, then squared deviations) keep the SD exact.
    """
    n_comp = len(starts) - 1
    cols = scores.shape[1]
    n = np.zeros((n_comp, cols))
    mean = np.full((n_comp, cols), np.nan)
    var = np.full((n_comp, cols), np.nan)
    for c in range(n_comp):
        block = scores[starts[c] : starts[c + 1]]
        ok = ~np.isnan(block)
        cnt = ok.sum(axis=0)
        filled = np.where(ok, block, mid)
        with np.errstate(divide="ignore", invalid="ignore"):
            mu = mid + (filled - mid).sum(axis=0) / cnt
            dev = np.where(ok, block - mu, 0.0)
            var[c] = (dev * dev).sum(axis=0) / (cnt - 1)
        n[c] = cnt
        mean[c] = mu
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.where(n >= 2, np.sqrt(var), np.nan)
        # scipy.stats.t.ppf(q, df) is special.stdtrit(df, q); scipy.stats itself costs ~50 MB to import.
        half = special.stdtrit(np.maximum(n - 1, 1), 0.975) * sd / np.sqrt(n)
    mean = np.where(n > 0, mean, np.nan)
    return np.stack([n, mean, sd, mean - half, mean + half])


# ---------------------------------------------------------------------------------------------------------
# result models


def _num(value: float) -> float | None:
    """A Python float, or None for NaN (JSON ``null``)."""
    return None if math.isnan(value) else float(value)


def _stat_result(
    ident: str,
    st: list[float],
    layout: _Layout,
    *,
    alpha: float | None,
    items: list[ItemResult],
    warnings: list[str],
) -> FactorResult:
    """A factor (or the index) from its (n, mean, sd, ci_low, ci_high) statistics."""
    mean = _num(st[1])
    return FactorResult(
        id=ident,
        n=int(st[0]),
        mean=mean,
        sd=_num(st[2]),
        ci_low=_num(st[3]),
        ci_high=_num(st[4]),
        alpha=alpha,
        band=layout.band(mean),
        items=items,
        warnings=warnings,
    )


@dataclass(frozen=True)
class _Numbers:
    """Item statistics and reliability of every company, computed for all companies at once.

    Per company (first index): item n, raw mean and SD, answer shares, alpha per factor and item-rest
    per item, all as Python lists so that building the models is plain Python on floats.
    """

    item_n: list[list[int]]
    item_mean: list[list[float]]
    item_sd: list[list[float]]
    shares: list[list[list[float]]]  # items × scale points
    alpha: list[list[float]]  # factors
    rest: list[list[float]]  # items

    @classmethod
    def of(cls, layout: _Layout, moments: list[_Moments]) -> _Numbers:
        if not moments:
            return cls([], [], [], [], [], [])
        n = np.stack([m.n for m in moments])
        cov = reliability.cov_from_moments(
            n, np.stack([m.s for m in moments]), np.stack([m.p for m in moments])
        )
        item_n = np.diagonal(n, axis1=1, axis2=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            item_mean = layout.mid + np.diagonal(np.stack([m.s for m in moments]), axis1=1, axis2=2) / item_n
            shares = np.stack([m.dist.T for m in moments]) / item_n[:, :, None]
        alpha = np.full((len(moments), layout.n_factors), np.nan)
        rest = np.full(item_n.shape, np.nan)
        for j, (lo, hi) in enumerate(layout.spans):
            block = cov[:, lo:hi, lo:hi] * layout.sign_outer[j]  # reverse-scored items
            alpha[:, j] = reliability.cronbach_alphas(block)
            rest[:, lo:hi] = reliability.item_rest(block)
        return cls(
            item_n=item_n.astype(np.int64).tolist(),
            item_mean=item_mean.tolist(),
            item_sd=np.sqrt(np.diagonal(cov, axis1=1, axis2=2)).tolist(),
            shares=np.nan_to_num(shares).tolist(),
            alpha=alpha.tolist(),
            rest=rest.tolist(),
        )


def _factor_results(
    q: Questionnaire,
    layout: _Layout,
    company: str,
    numbers: _Numbers,
    c: int,
    stats_rows: list[list[float]],
    valid: int,
    source: str,
    findings: list[Finding],
) -> list[FactorResult]:
    """Factor and item results of company ``c``; appends its reliability warnings to ``findings``.

    Item mean and SD are of the raw answers (before reversal); the distribution holds every scale point.
    """
    item_n, item_mean, item_sd = numbers.item_n[c], numbers.item_mean[c], numbers.item_sd[c]
    shares, rest = numbers.shares[c], numbers.rest[c]
    keys = [str(layout.low + v) for v in range(layout.points)]
    results: list[FactorResult] = []
    for j, factor in enumerate(q.factors):
        alpha = _num(numbers.alpha[c][j])
        warnings: list[str] = []
        if alpha is not None and alpha < LOW_ALPHA:
            warnings.append(Code.LOW_ALPHA.id)
            findings.append(
                Finding(
                    Code.LOW_ALPHA,
                    file=source,
                    params={"company": company, "factor": factor.id, "alpha": alpha},
                )
            )
        items: list[ItemResult] = []
        for col, item in enumerate(factor.items, start=layout.spans[j][0]):
            n = item_n[col]
            r = _num(rest[col])
            if r is not None and r < 0:
                if Code.NEGATIVE_ITEM_REST.id not in warnings:
                    warnings.append(Code.NEGATIVE_ITEM_REST.id)
                findings.append(
                    Finding(
                        Code.NEGATIVE_ITEM_REST,
                        file=source,
                        params={"company": company, "item": item.id, "r": r},
                    )
                )
            items.append(
                ItemResult(
                    id=item.id,
                    factor=factor.id,
                    reverse=item.reverse,
                    n=n,
                    mean=item_mean[col] if n else None,
                    sd=_num(item_sd[col]) if n >= 2 else None,
                    missing_pct=100.0 * (1.0 - n / valid),
                    distribution=dict(zip(keys, shares[col], strict=True)),
                    item_rest=r,
                )
            )
        results.append(
            _stat_result(factor.id, stats_rows[j], layout, alpha=alpha, items=items, warnings=warnings)
        )
    return results


def _ranked(factors: list[FactorResult], *, ascending: bool) -> list[str]:
    """Factor ids by mean (weakest first when ascending); factors without a score last, in their order."""
    scored = [(f.mean, f.id) for f in factors if f.mean is not None]
    scored.sort(key=lambda pair: pair[0] if ascending else -pair[0])  # stable: ties keep questionnaire order
    return [ident for _, ident in scored] + [f.id for f in factors if f.mean is None]


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


def _ingest_findings_by_company(
    findings: Sequence[Finding],
    rows: npt.ArrayLike,
    company: Ints,
    n_comp: int,
    rejected_rows: Mapping[str, npt.NDArray[np.intp]],
) -> list[list[Finding]]:
    """Ingestion findings per company, so one company's outputs never describe another's rows.

    A finding without a row goes to every company; one located at a row goes to that row's company. An
    out-of-range finding (counted over the whole file) is restated for every company with such answers
    in that column: its own count and its own first row.
    """
    out: list[list[Finding]] = [[] for _ in range(n_comp)]
    source_rows = np.asarray(rows)
    located: list[Finding] = []
    for f in findings:
        item = str(f.params.get("item"))
        if f.code in _PER_COMPANY_COUNTS and item in rejected_rows:
            for c, restated in _per_company(f, rejected_rows[item], source_rows, company):
                out[c].append(restated)
        elif f.row is None:
            for bucket in out:
                bucket.append(f)
        else:
            located.append(f)
    positions = pd.Index(source_rows).get_indexer([f.row for f in located]) if located else []
    for f, pos in zip(located, positions, strict=True):
        if pos >= 0:
            out[int(company[pos])].append(f)
    return out


_PER_COMPANY_COUNTS = frozenset({Code.OUT_OF_RANGE, Code.OUT_OF_RANGE_STRICT})


def _per_company(
    finding: Finding, positions: npt.NDArray[np.intp], rows: npt.NDArray[Any], company: Ints
) -> list[tuple[int, Finding]]:
    """``finding`` restated per company that has rows among ``positions`` (ascending row positions)."""
    owners = company[positions]
    counts = np.bincount(owners)
    firsts, first_at = np.unique(owners, return_index=True)  # ascending positions: first = first row
    restated = []
    for c, i in zip(firsts.tolist(), first_at.tolist(), strict=True):
        row = int(rows[positions[i]])
        params = {**finding.params, "count": int(counts[c]), "row": row}
        restated.append((c, replace(finding, row=row, params=params)))
    return restated


# ---------------------------------------------------------------------------------------------------------
# group breakdowns and the leader/employee split


@dataclass
class _Column:
    name: str
    labels: list[str]  # normalised group names
    sizes: npt.NDArray[np.int64]  # companies × groups: valid respondents
    stats: Floats  # companies × groups × (factors + index): means
    sums: Floats  # companies × groups × cols: sums of scores
    counts: Floats  # companies × groups × cols: non-missing scores


@dataclass
class _Breakdowns:
    columns: list[_Column]
    min_size: int
    factor_ids: list[str]
    leader_column: str | None
    leader_values: frozenset[str]
    hidden: dict[tuple[str, int], set[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, q: Questionnaire, group_columns: list[tuple[str, Ints, list[str]]], moments: list[_Moments]
    ) -> _Breakdowns:
        columns: list[_Column] = []
        for g, (name, _, labels) in enumerate(group_columns):
            totals = np.stack([m.groups[g] for m in moments]) if moments else np.zeros((0, len(labels), 1))
            n_cols = (totals.shape[2] - 1) // 2
            sums, counts = totals[:, :, :n_cols], totals[:, :, n_cols : 2 * n_cols]
            with np.errstate(divide="ignore", invalid="ignore"):
                means = sums / counts
            sizes = np.rint(totals[:, :, -1]).astype(np.int64)
            columns.append(
                _Column(name=name, labels=labels, sizes=sizes, stats=means, sums=sums, counts=counts)
            )
        leaders = q.leaders
        present = {name for name, _, _ in group_columns}
        return cls(
            columns=columns,
            min_size=q.anonymity.min_group_size,
            factor_ids=[f.id for f in q.factors],
            leader_column=leaders.column if leaders is not None and leaders.column in present else None,
            leader_values=frozenset(v.strip().casefold() for v in (leaders.values if leaders else [])),
        )

    def _hidden(self, col: _Column, c: int) -> set[str]:
        key = (col.name, c)
        if key not in self.hidden:
            sizes = {label: int(n) for label, n in zip(col.labels, col.sizes[c], strict=True) if n}
            self.hidden[key] = privacy.suppress(sizes, self.min_size)
        return self.hidden[key]

    def for_company(self, c: int) -> list[Breakdown]:
        out: list[Breakdown] = []
        for col in self.columns:
            hidden = self._hidden(col, c)
            present = [g for g in range(len(col.labels)) if col.sizes[c, g]]
            present.sort(
                key=lambda g: (col.labels[g] == UNKNOWN_GROUP, col.labels[g].casefold(), col.labels[g])
            )
            groups = []
            for g in present:
                label = col.labels[g]
                if label in hidden:
                    groups.append(GroupScore(name=label, suppressed=True))
                    continue
                means = col.stats[c, g]
                groups.append(
                    GroupScore(
                        name=label,
                        n=int(col.sizes[c, g]),
                        factors={f: _num(means[j]) for j, f in enumerate(self.factor_ids)},
                        index=_num(means[-1]),
                    )
                )
            out.append(Breakdown(column=col.name, groups=groups))
        return out

    def leaders_for(self, c: int) -> LeaderComparison | None:
        """Leaders vs employees; suppressed when either side is small or showing both sides would expose
        a group hidden in the leader column's breakdown (see :func:`privacy.side_exposes`)."""
        if self.leader_column is None:
            return None
        col = next(col for col in self.columns if col.name == self.leader_column)
        is_leader = np.array([label.casefold() in self.leader_values for label in col.labels], dtype=bool)
        n_lead = int(col.sizes[c, is_leader].sum())
        n_emp = int(col.sizes[c, ~is_leader].sum())
        hidden = self._hidden(col, c)
        sizes = {label: int(n) for label, n in zip(col.labels, col.sizes[c], strict=True) if n}
        lead_side = [
            label for label, lead in zip(col.labels, is_leader, strict=True) if lead and label in sizes
        ]
        emp_side = [
            label for label, lead in zip(col.labels, is_leader, strict=True) if not lead and label in sizes
        ]
        if (
            min(n_lead, n_emp) < self.min_size
            or privacy.side_exposes(lead_side, sizes, hidden, self.min_size)
            or privacy.side_exposes(emp_side, sizes, hidden, self.min_size)
        ):
            return LeaderComparison(suppressed=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            lead = col.sums[c, is_leader].sum(axis=0) / col.counts[c, is_leader].sum(axis=0)
            emp = col.sums[c, ~is_leader].sum(axis=0) / col.counts[c, ~is_leader].sum(axis=0)
        gaps = []
        for j, f in enumerate(self.factor_ids):
            a, b = _num(lead[j]), _num(emp[j])
            gaps.append(
                LeaderGap(factor=f, leaders=a, employees=b, gap=None if a is None or b is None else a - b)
            )
        return LeaderComparison(suppressed=False, n_leaders=n_lead, n_employees=n_emp, factors=gaps)


def _group_columns(responses: ResponseSet, q: Questionnaire) -> list[tuple[str, Ints, list[str]]]:
    """``(column, group code per row, group names)`` for each group column present.

    Declared groups first, in questionnaire order. Blank or missing values form the group
    :data:`UNKNOWN_GROUP`, so they cannot be recovered by subtracting the shown groups from the total.
    """
    present = [str(g) for g in q.groups if g in responses.groups.columns]
    present += [str(g) for g in responses.groups.columns if g not in present]
    out: list[tuple[str, Ints, list[str]]] = []
    for name in present:
        codes, labels = quality.text_codes(responses.groups[name])
        if UNKNOWN_GROUP in labels:
            unknown = labels.index(UNKNOWN_GROUP)
        else:
            unknown = len(labels)
            labels = [*labels, UNKNOWN_GROUP]
        out.append((name, np.where(codes < 0, unknown, codes), labels))
    return out
