"""One driver analysis: complete cases, the weights, their bootstrap intervals, and the priority order.

Input is a matrix of scores (respondents, or companies for a sector's company means) with the predictors
first and the outcome last; NaN is a missing score. The result is a :class:`~.model.DriverResult` and the
findings for bad input (collinear predictors, a factor without variance), never an exception.

**Not distinguishable from zero.** Relative weights are never negative, so an interval of a weight does
not test it against zero. As Tonidandel, LeBreton and Johnson (2009) propose, every resample also fits the
model with one extra predictor of random numbers (seeded); a driver is *distinguishable* when its weight
minus the random variable's is above zero in at least 97.5% of the resamples (the lower end of the 95%
interval of the difference is positive).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from lerende_scan.drivers.bootstrap import RESAMPLES, generator, resampled_correlations
from lerende_scan.drivers.model import DriverResult, DriverWeight
from lerende_scan.drivers.weights import Floats, collinear_predictors, relative_weights
from lerende_scan.errors import Code, Finding

__all__ = ["analyse", "priorities"]


def analyse(
    data: Floats,
    *,
    outcome: str,
    predictors: Sequence[str],
    min_respondents: int,
    key: str,
    scores: Mapping[str, float | None],
    strong_from: float,
    resamples: int = RESAMPLES,
    where: str = "",
) -> tuple[DriverResult, list[Finding]]:
    """The driver analysis of ``data`` ``(n, predictors + 1)``; ``key`` seeds its bootstrap.

    ``scores`` (factor id -> the company's mean) and ``strong_from`` (the lowest score of the top band)
    decide which drivers are *act first*: a share of the explained variance of at least one over the number
    of predictors, distinguishable from zero, and a score below ``strong_from``. ``where`` names the
    company (or sector) in findings.
    """
    p = len(predictors)
    complete = data[np.isfinite(data).all(axis=1)]
    n = len(complete)
    base = {"outcome": outcome, "predictors": list(predictors), "n": n, "min_respondents": min_respondents}
    if n < min_respondents:
        return DriverResult(status="too_few", **base), []
    names = [*predictors, outcome]
    flat = [name for name, sd in zip(names, complete.std(axis=0), strict=True) if not sd > 1e-12]
    if flat:
        finding = Finding(Code.DRIVER_NO_VARIANCE, params={"where": where, "factors": ", ".join(flat)})
        return DriverResult(status="no_variance", factors=flat, **base), [finding]
    corr: Floats = np.atleast_2d(np.corrcoef(complete, rowvar=False))
    collinear = collinear_predictors(corr, list(predictors))
    if collinear:
        finding = Finding(Code.DRIVER_COLLINEAR, params={"where": where, "factors": ", ".join(collinear)})
        return DriverResult(status="collinear", factors=collinear, **base), [finding]

    point = relative_weights(corr)
    rng = generator(key)
    boot = resampled_correlations(complete, rng, resamples=resamples)
    basis = np.linalg.eigh(corr[:p, :p])[1]
    plain = relative_weights(boot, basis)
    with_noise = relative_weights(_with_random_variable(boot, n, rng), _extend(basis))
    kept = np.isfinite(plain.r2) & np.isfinite(with_noise.r2)
    raw, r2 = plain.raw[kept], plain.r2[kept]
    margin = with_noise.raw[kept, :p] - with_noise.raw[kept, p:]
    low, high = _interval(raw)
    share_low, share_high = _interval(raw / r2[:, None])
    beats = _interval(margin)[0] > 0
    r2_low, r2_high = _interval(r2[:, None])
    weights = []
    for j, factor in enumerate(predictors):
        share = float(point.raw[j] / point.r2)
        score = scores.get(factor)
        weights.append(
            DriverWeight(
                factor=factor,
                raw=float(point.raw[j]),
                share=share,
                ci_low=_num(low[j]),
                ci_high=_num(high[j]),
                share_ci_low=_num(share_low[j]),
                share_ci_high=_num(share_high[j]),
                distinguishable=bool(beats[j]),
                act_first=bool(beats[j]) and share >= 1 / p - 1e-12 and _below(score, strong_from),
            )
        )
    weights.sort(key=lambda w: (-w.raw, w.factor))
    result = DriverResult(
        status="ok",
        r2=float(point.r2),
        r2_ci_low=_num(r2_low[0]),
        r2_ci_high=_num(r2_high[0]),
        weights=weights,
        priorities=priorities(weights, scores),
        resamples=int(kept.sum()),
        **base,
    )
    return result, []


def _with_random_variable(corr: Floats, n: int, rng: np.random.Generator) -> Floats:
    """Each correlation matrix ``(b, q, q)`` (outcome last) with one more predictor before the outcome: a
    variable of ``n`` independent standard-normal numbers, drawn anew for every matrix.

    Its correlations with the others are drawn exactly, without drawing the ``n`` numbers: for ``z``
    independent of the data, ``z/|z|`` (centred) is uniform on the sphere of the ``n - 1`` centred
    dimensions, so in an orthonormal basis of the ``q`` centred columns its coordinates are
    ``g / sqrt(|g|² + χ²(n - 1 - q))`` with ``g`` standard normal, and the correlations are ``L·g`` over the
    same norm, where ``L·Lᵀ`` is the correlation matrix (Cholesky).
    """
    b, q = corr.shape[0], corr.shape[1]
    g = rng.standard_normal((b, q))
    rest = rng.chisquare(max(n - 1 - q, 1), size=b)
    finite = np.isfinite(corr).all(axis=(1, 2))
    chol = np.zeros_like(corr)
    try:
        chol[finite] = np.linalg.cholesky(corr[finite])
    except np.linalg.LinAlgError:  # a resample at the edge of singular: the slower, forgiving way
        for i in np.flatnonzero(finite):
            lam, vec = np.linalg.eigh(corr[i])
            chol[i] = vec * np.sqrt(np.clip(lam, 0.0, None))
    r = (chol @ g[:, :, None])[:, :, 0] / np.sqrt((g**2).sum(axis=1) + rest)[:, None]
    out = np.empty((b, q + 1, q + 1))
    out[:, : q - 1, : q - 1] = corr[:, : q - 1, : q - 1]
    out[:, : q - 1, q] = out[:, q, : q - 1] = corr[:, : q - 1, q - 1]  # with the outcome, now last
    out[:, q, q] = 1.0
    out[:, q - 1, q - 1] = 1.0
    out[:, q - 1, : q - 1] = out[:, : q - 1, q - 1] = r[:, : q - 1]
    out[:, q - 1, q] = out[:, q, q - 1] = r[:, q - 1]
    out[~finite] = np.nan
    return out


def _extend(basis: Floats) -> Floats:
    """The basis with one more coordinate (the random variable) appended."""
    p = basis.shape[0]
    return np.block([[basis, np.zeros((p, 1))], [np.zeros((1, p)), np.ones((1, 1))]])


def priorities(weights: Sequence[DriverWeight], scores: Mapping[str, float | None]) -> list[str]:
    """Act-first drivers by weight (highest first), then the other drivers by score (lowest first)."""
    first = [w.factor for w in weights if w.act_first]
    rest = [w.factor for w in weights if not w.act_first]
    rest.sort(key=lambda f: (scores.get(f) is None, scores.get(f) or 0.0, f))
    return first + rest


def _interval(samples: Floats) -> tuple[Floats, Floats]:
    """2.5th and 97.5th percentiles per column (NaN columns when there are no resamples)."""
    if len(samples) == 0:
        nan = np.full(samples.shape[1], np.nan)
        return nan, nan
    low, high = np.percentile(samples, [2.5, 97.5], axis=0)
    return low, high


def _below(score: float | None, bound: float) -> bool:
    return score is not None and score < bound


def _num(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None
