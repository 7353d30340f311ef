"""The one pass over the answers: the questionnaire layout as arrays and the scan of the int8 codes.

The scan reads the answers as the compact int8 codes of :attr:`ResponseSet.codes
<lerende_scan.responses.ResponseSet.codes>`, never as floats, with all rows ordered by company once (see
:mod:`lerende_scan.scoring.score`). One pass over each company, in chunks of at most :data:`_CHUNK` rows,
classifies the rows (:mod:`lerende_scan.scoring.quality`), computes the respondent scores with two small
matrix products, and sums one symmetric product ``[Z | M]'[Z | M]`` for the pairwise covariances, answer
counts (``np.bincount``) and group sums (one-hot products). Python loops run over companies, chunks and
group columns only, never over respondents.
"""

from __future__ import annotations

import bisect
import contextlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.scoring import quality

try:  # optional: see single_threaded_blas
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]  # ships no type hints
except ImportError:  # pragma: no cover - plain numpy still works, only slower on busy machines
    threadpool_limits = None

__all__ = ["Floats", "Ints", "Layout", "Moments", "Scan", "answered_counts", "single_threaded_blas"]

_CHUNK = 4_096  # rows per chunk: the float32 temporaries stay in cache (about 0.5 MB each at 30 items)

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Layout:
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
    favourable: Floats  # items × scale points: 1 where the raw answer is favourable after reversal
    unfavourable: Floats  # items × scale points: 1 where the raw answer is unfavourable after reversal
    favourable_from: int  # lowest scored answer that counts as favourable (Scale.favourable_split)
    min_size: int  # anonymity.min_group_size: a mean of fewer people is not shown

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
    def of(cls, q: Questionnaire) -> Layout:
        items = q.items
        sign = np.array([-1.0 if item.reverse else 1.0 for item in items])
        member = np.zeros((len(items), len(q.factors)))
        spans: list[tuple[int, int]] = []
        col = 0
        for j, factor in enumerate(q.factors):
            spans.append((col, col + len(factor.items)))
            member[col : col + len(factor.items), j] = 1.0
            col += len(factor.items)
        low, high = q.scale.favourable_split()
        raw = np.arange(q.scale.min, q.scale.max + 1, dtype=np.float64)
        scored = np.where(sign[:, None] < 0, q.scale.min + q.scale.max - raw[None, :], raw[None, :])
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
            favourable=(scored >= high).astype(np.float64),
            unfavourable=(scored <= low).astype(np.float64),
            favourable_from=high,
            min_size=q.anonymity.min_group_size,
        )


def single_threaded_blas() -> contextlib.AbstractContextManager[object]:
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


def answered_counts(codes: npt.NDArray[np.int8]) -> npt.NDArray[np.int16]:
    """Answered items per row, column by column (the codes are column-major; no full-size temporary)."""
    answered = np.zeros(len(codes), dtype=np.int16)
    for j in range(codes.shape[1]):
        answered += codes[:, j] >= 0
    return answered


@dataclass
class Moments:
    """Per-company sums over valid respondents, gathered chunk by chunk."""

    n: Floats  # items × items: answered both
    s: Floats  # items × items: Σ z_i over rows answering both
    p: Floats  # items × items: Σ z_i z_j
    dist: npt.NDArray[np.int64]  # scale points × items: answers per value
    groups: list[Floats]  # per group column: groups × (sums | sums of squares | counts | valid respondents)
    item_groups: Floats | None = None  # item_group column: groups × (Σ z per item | answers per item)


@dataclass
class Scan:
    """The single pass over all rows in company order: row reasons, moments and respondent scores.

    Values are centred on the scale midpoint, so reversal is a sign flip: ``(min + max - x) - mid =
    -(x - mid)``, and a respondent's factor score is ``mid + Σ sign·z / answered`` over the factor's
    items. Products run in float32 on whole (or half) values, which is exact per chunk; they are summed
    in float64.
    """

    layout: Layout
    groups: list[Ints]  # per group column: group code per row (file order), blanks coded as unknown
    n_groups: list[int]  # per group column: number of group names
    codes: npt.NDArray[np.int8]  # rows in company order, row-major: answer - min, -1 missing
    answered: npt.NDArray[np.int16]  # file order
    duplicate: npt.NDArray[np.bool_] | None  # file order
    order: Ints
    need: int
    keep_straightliners: bool
    item_group: int | None = None  # a group column (the leader column) that also gets item sums per group
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

    def company(self, start: int, stop: int) -> Moments:
        """Scan one company's rows (``start:stop`` in company order) in chunks; return its sums."""
        lay = self.layout
        k, f = self.codes.shape[1], lay.n_factors
        gram = np.zeros((2 * k, 2 * k))
        dist = np.zeros(k * (lay.points + 1), dtype=np.int64)  # bincount bins, see `bins` below
        cols = f + 1
        group_sums = [np.zeros((len(eye), 3 * cols + 1)) for eye in self._eyes]
        ig = self.item_group
        item_sums = np.zeros((len(self._eyes[ig]), 2 * k)) if ig is not None else None
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
                filled = np.where(has, out, 0.0)
                stacked = np.concatenate(
                    [filled, filled * filled, has, valid[:, None]], axis=1, dtype=np.float64
                )
                for sums, eye, codes in zip(group_sums, self._eyes, self.groups, strict=True):
                    sums += eye[codes[rows]].T @ stacked  # one-hot groups' × rows: sums per group
                if item_sums is not None and ig is not None:
                    item_sums += self._eyes[ig][self.groups[ig][rows]].T @ zm  # invalid rows are 0
        return Moments(
            n=gram[k:, k:],
            s=gram[:k, k:],
            p=gram[:k, :k],
            dist=dist.reshape(k, lay.points + 1)[:, 1:].T.copy(),
            groups=group_sums,
            item_groups=item_sums,
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
