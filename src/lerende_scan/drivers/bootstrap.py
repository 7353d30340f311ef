"""Seeded bootstrap of the driver analysis: correlation matrices of resamples, from moment sums.

A resample's correlation matrix needs only its count, sums and cross-products, and those of a resample are
a weighted sum of the respondents' own (the weight of a respondent is how often it was drawn). So the
bootstrap is one matrix product: resampling counts ``(resamples × units)`` times the units' moment sums
``(units × moments)``. No Python loop over respondents or resamples.

**Units.** Up to :data:`MAX_UNITS` complete respondents, every respondent is a unit: the ordinary
(nonparametric) bootstrap. Above it, the respondents are dealt into :data:`MAX_UNITS` random blocks of
(nearly) equal size, seeded, and the blocks are resampled. The block sums are independent and identically
distributed, so the resampled moments have the same sampling variance as with respondents as units, and the
weights (smooth functions of the moments) get the same bootstrap distribution to first order; the cost then
no longer grows with the company's size. ``tests/drivers`` checks the two against each other.

**Seed.** Each company's generator is seeded from :data:`SEED` and a hash of its name, so a rerun, or the
same company in another file or another order, gives the same intervals. It deals the blocks and draws
the resamples of respondents; the resampling counts of the :data:`MAX_UNITS` blocks do not depend on the
data, so they are drawn once from :data:`SEED` alone and shared by every large company (cached): each
company's own random dealing into blocks keeps its resamples independent of other companies', and a
company's intervals still depend on nothing but its own data and name.

**Resamples.** :class:`Resampler` draws resamples in stages (the analysis stops after the first half when
the intervals are already stable, see :mod:`.analysis`); a stage continues the same seeded stream, so
the first ``k`` resamples are the same whether or not more follow, and a run that uses every resample
gives the intervals of a single stage.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
import numpy.typing as npt

__all__ = ["MAX_UNITS", "RESAMPLES", "SEED", "Resampler", "generator", "resampled_correlations"]

Floats = npt.NDArray[np.float64]

RESAMPLES = 1000
"""Bootstrap resamples per analysis at most: the usual number for 95% percentile intervals."""
MAX_UNITS = 250
"""Above this many complete respondents, the bootstrap resamples this many random blocks of them."""
SEED = 20261122


def generator(key: str) -> np.random.Generator:
    """The seeded generator of one analysis (``key``: the company name, or the sector's)."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    words = np.frombuffer(digest[:16], dtype=np.uint32)
    return np.random.default_rng(np.random.SeedSequence([SEED, *(int(w) for w in words)]))


@lru_cache(maxsize=4)
def _block_counts(units: int, resamples: int) -> Floats:
    """How often each of ``units`` blocks is drawn in each of ``resamples`` resamples, from :data:`SEED`
    alone (read-only; shared by every company with blocks)."""
    rng = np.random.default_rng(np.random.SeedSequence([SEED, units, resamples]))
    counts = _counts(rng, units, resamples)
    counts.flags.writeable = False
    return counts


def _counts(rng: np.random.Generator, units: int, resamples: int) -> Floats:
    draws = rng.integers(0, units, size=(resamples, units))
    draws += np.arange(resamples)[:, None] * units
    counts = np.bincount(draws.ravel(), minlength=resamples * units).reshape(resamples, units)
    return counts.astype(np.float64)


class Resampler:
    """Bootstrap resamples of the rows of ``data`` ``(n, q)`` (complete cases only), as correlation
    matrices, in stages: :meth:`correlations` continues where the previous call stopped."""

    def __init__(
        self, data: Floats, rng: np.random.Generator, *, max_units: int = MAX_UNITS, total: int = RESAMPLES
    ) -> None:
        n, q = data.shape
        centred = data - data.mean(axis=0)  # cross-products of centred data lose no precision
        self._upper = np.triu_indices(q)
        moments = np.empty((n, 1 + q + len(self._upper[0])))
        moments[:, 0] = 1.0
        moments[:, 1 : 1 + q] = centred
        moments[:, 1 + q :] = centred[:, self._upper[0]] * centred[:, self._upper[1]]
        self._blocked = n > max_units
        if self._blocked:  # deal the respondents into random blocks; a block's moments are its rows' sums
            starts = (np.arange(max_units) * n + max_units - 1) // max_units  # sizes differ by one at most
            moments = np.add.reduceat(moments[rng.permutation(n)], starts, axis=0)
        self._moments = moments
        # Without blocks, the counts of all resamples are drawn at once, so that the stream (and the
        # intervals when every resample is used) is the same as in a single stage.
        self._counts = None if self._blocked else _counts(rng, n, total)
        self._q = q
        self._tiny = 1e-12 * (1.0 + float(np.abs(data).max()))
        self._total = total
        self.drawn = 0

    def correlations(self, resamples: int) -> Floats:
        """The next ``resamples`` correlation matrices ``(resamples, q, q)``. A resample in which a
        variable has no variance gives NaN in that variable's row and column (the caller drops it)."""
        units, q, upper = self._moments.shape[0], self._q, self._upper
        begin, end = self.drawn, self.drawn + resamples
        if end > self._total:
            raise ValueError(f"only {self._total} resamples were planned")
        counts = _block_counts(units, self._total) if self._counts is None else self._counts
        self.drawn = end
        counts = counts[begin:end]
        totals = counts @ self._moments
        size = totals[:, :1]
        mean = totals[:, 1 : 1 + q] / size
        cross = np.empty((resamples, q, q))
        cross[:, upper[0], upper[1]] = totals[:, 1 + q :] / size
        cross[:, upper[1], upper[0]] = cross[:, upper[0], upper[1]]
        cov = cross - mean[:, :, None] * mean[:, None, :]
        sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0.0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            sd = np.where(sd <= self._tiny, np.nan, sd)
            corr: Floats = cov / (sd[:, :, None] * sd[:, None, :])
        return corr


def resampled_correlations(
    data: Floats, rng: np.random.Generator, *, resamples: int = RESAMPLES, max_units: int = MAX_UNITS
) -> Floats:
    """Correlation matrices ``(resamples, q, q)`` of bootstrap resamples of the rows of ``data`` ``(n, q)``
    in one stage (see :class:`Resampler`)."""
    return Resampler(data, rng, max_units=max_units, total=resamples).correlations(resamples)
