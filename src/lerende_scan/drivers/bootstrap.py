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
same company in another file or another order, gives the same intervals.
"""

from __future__ import annotations

import hashlib

import numpy as np
import numpy.typing as npt

__all__ = ["MAX_UNITS", "RESAMPLES", "SEED", "generator", "resampled_correlations"]

Floats = npt.NDArray[np.float64]

RESAMPLES = 1000
"""Bootstrap resamples per analysis: the usual number for 95% percentile intervals."""
MAX_UNITS = 250
"""Above this many complete respondents, the bootstrap resamples this many random blocks of them."""
SEED = 20261122


def generator(key: str) -> np.random.Generator:
    """The seeded generator of one analysis (``key``: the company name, or the sector's)."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    words = np.frombuffer(digest[:16], dtype=np.uint32)
    return np.random.default_rng(np.random.SeedSequence([SEED, *(int(w) for w in words)]))


def resampled_correlations(
    data: Floats, rng: np.random.Generator, *, resamples: int = RESAMPLES, max_units: int = MAX_UNITS
) -> Floats:
    """Correlation matrices ``(resamples, q, q)`` of bootstrap resamples of the rows of ``data`` ``(n, q)``.

    ``data`` holds complete cases only. A resample in which a variable has no variance gives a matrix with
    NaN in that variable's row and column (the caller drops it).
    """
    n, q = data.shape
    centred = data - data.mean(axis=0)  # cross-products of centred data lose no precision
    upper = np.triu_indices(q)
    moments = np.empty((n, 1 + q + len(upper[0])))
    moments[:, 0] = 1.0
    moments[:, 1 : 1 + q] = centred
    moments[:, 1 + q :] = centred[:, upper[0]] * centred[:, upper[1]]
    if n > max_units:  # deal the respondents into random blocks; a block's moments are its rows' sums
        blocks = np.minimum(rng.permutation(n) * max_units // n, max_units - 1)
        order = np.argsort(blocks, kind="stable")
        starts = np.searchsorted(blocks[order], np.arange(max_units))
        moments = np.add.reduceat(moments[order], starts, axis=0)
    units = moments.shape[0]
    draws = rng.integers(0, units, size=(resamples, units))
    draws += np.arange(resamples)[:, None] * units
    counts = np.bincount(draws.ravel(), minlength=resamples * units).reshape(resamples, units)
    totals = counts.astype(np.float64) @ moments
    size = totals[:, :1]
    mean = totals[:, 1 : 1 + q] / size
    cross = np.empty((resamples, q, q))
    cross[:, upper[0], upper[1]] = totals[:, 1 + q :] / size
    cross[:, upper[1], upper[0]] = cross[:, upper[0], upper[1]]
    cov = cross - mean[:, :, None] * mean[:, None, :]
    sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0.0, None))
    with np.errstate(divide="ignore", invalid="ignore"):
        tiny = sd <= 1e-12 * (1.0 + np.abs(data).max())
        sd = np.where(tiny, np.nan, sd)
        corr: Floats = cov / (sd[:, :, None] * sd[:, None, :])
    return corr
