"""Reliability per factor: Cronbach's raw alpha and item-rest correlations from pairwise-complete covariances.

The convention is the field's standard (R ``psych::alpha``, ``pingouin.cronbach_alpha``): the covariance of
two items uses the respondents who answered both ("pairwise complete", as ``cov(x, use="pairwise")`` and
pandas ``DataFrame.cov()``), and raw alpha is ``k/(k-1) * (1 - trace(C)/sum(C))`` on the reverse-scored items.

Everything here works on whole item matrices at once. :func:`pairwise_moments` turns a zero-filled value
matrix ``Z`` and its answered-mask ``M`` into three K×K matrix products (``N = M'M``, ``S = Z'M``,
``P = Z'Z``), from which :func:`cov_from_moments` gives every pairwise covariance; a factor's matrix is a
block of that one matrix.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "FloatArray",
    "cov_from_moments",
    "cronbach_alpha",
    "cronbach_alphas",
    "item_rest",
    "pairwise_cov",
    "pairwise_moments",
]

FloatArray = npt.NDArray[np.float64]


def pairwise_moments(z: FloatArray, m: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(N, S, P)`` for zero-filled values ``z`` and the 0/1 answered-mask ``m`` (both rows × items).

    ``N[i, j]`` counts respondents who answered both i and j; ``S[i, j]`` sums item i over them;
    ``P[i, j]`` sums ``x_i * x_j`` over them. Centre ``z`` first (e.g. on the scale midpoint) to keep the
    later subtraction well conditioned; covariances do not depend on the shift.
    """
    n = m.T @ m
    s = z.T @ m
    p = z.T @ z
    return n, s, p


def cov_from_moments(n: FloatArray, s: FloatArray, p: FloatArray) -> FloatArray:
    """Pairwise-complete covariances ``(P - S∘S'/N) / (N - 1)``; NaN where fewer than 2 answered both.

    Works on one set of K × K moments or on a stack of them (``... × K × K``).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = (p - s * np.swapaxes(s, -1, -2) / n) / (n - 1.0)
    cov[n < 2] = np.nan
    return cov


def pairwise_cov(values: npt.ArrayLike) -> FloatArray:
    """Pairwise-complete covariance matrix of a rows × items array with NaN for missing answers.

    Equal to pandas ``DataFrame(values).cov()``; provided for callers holding one small matrix.
    """
    x = np.asarray(values, dtype=np.float64)
    m = (~np.isnan(x)).astype(np.float64)
    centre = np.nanmean(x) if m.any() else 0.0
    z = np.where(m > 0, x - centre, 0.0)
    return cov_from_moments(*pairwise_moments(z, m))


def cronbach_alpha(cov: FloatArray) -> float | None:
    """Raw alpha ``k/(k-1) * (1 - trace(C)/sum(C))`` of a factor's (reverse-scored) covariance matrix.

    None when it is undefined: fewer than two items, a covariance that no pair of respondents supports
    (NaN), or a total variance of zero (everyone answered the same).
    """
    value = float(cronbach_alphas(cov))
    return None if np.isnan(value) else value


def cronbach_alphas(covs: FloatArray) -> FloatArray:
    """:func:`cronbach_alpha` for a stack of matrices (``... × k × k``), NaN where undefined.

    Scoring computes every company's alpha of a factor in one call.
    """
    k = covs.shape[-1]
    if k < 2:
        return np.full(covs.shape[:-2], np.nan)
    total = covs.sum(axis=(-2, -1))
    trace = np.trace(covs, axis1=-2, axis2=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = k / (k - 1) * (1.0 - trace / total)
    alpha = np.where(np.isfinite(covs).all(axis=(-2, -1)) & (total != 0.0), alpha, np.nan)
    return np.asarray(alpha, dtype=np.float64)


def item_rest(cov: FloatArray) -> FloatArray:
    """Item-rest correlation of each item of a factor, from the factor's pairwise covariance matrix C.

    The rest score of item i is the sum of the factor's other items. Its covariance with item i and its
    variance follow from C: ``cov(i, rest) = Σ_{j≠i} C_ij`` and ``var(rest) = Σ_{j,l≠i} C_jl``, so
    ``r_i = cov(i, rest) / sqrt(C_ii · var(rest))``. This is R ``psych::alpha``'s ``r.drop``. With
    complete data it is exactly the Pearson correlation of item i with the sum of the other items. With
    missing answers every covariance in it is pairwise complete (no respondent dropped, nothing imputed),
    consistent with alpha; like psych's, the estimate can then fall slightly outside [-1, 1] on very
    small, very incomplete samples. NaN where undefined (fewer than two items, a zero variance, or an
    unsupported covariance).

    Also takes a stack of matrices (``... × k × k``) and then returns ``... × k``.
    """
    k = cov.shape[-1]
    if k < 2:
        return np.full(cov.shape[:-1], np.nan)
    diag = np.diagonal(cov, axis1=-2, axis2=-1)
    row = cov.sum(axis=-1)
    total = row.sum(axis=-1, keepdims=True)
    cov_rest = row - diag
    var_rest = total - 2.0 * row + diag
    with np.errstate(divide="ignore", invalid="ignore"):
        r = cov_rest / np.sqrt(diag * var_rest)
    return np.asarray(np.where((diag > 0) & (var_rest > 0), r, np.nan), dtype=np.float64)
