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

from lerende_scan.drivers.bootstrap import RESAMPLES, Resampler, generator
from lerende_scan.drivers.model import DriverResult, DriverWeight
from lerende_scan.drivers.weights import Floats, collinear_predictors, relative_weights
from lerende_scan.errors import Code, Finding

__all__ = ["STABLE_BOUND", "analyse", "opportunities", "priorities"]

STABLE_BOUND = 0.005
"""Monte Carlo standard error (in shares: half a percentage point, below what the report shows) under
which the resamples drawn so far (250, then 500) are enough; otherwise all :data:`~.bootstrap.RESAMPLES` are
drawn."""
STAGE_MIN = 200
"""The smallest stage: with the default 1,000 resamples the stages stop at 250, 500 and 1,000."""
_PERCENTILE_SE = float(np.sqrt(0.025 * 0.975) / 0.05844)  # φ(1.96) = 0.05844


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
    raw, r2, margin = _bootstrap(complete, generator(key), np.linalg.eigh(corr[:p, :p])[1], resamples)
    bounds = _interval(np.hstack([raw, raw / r2[:, None], margin, r2[:, None]]))  # one sort for all
    (low, share_low, lowest, r2_low), (high, share_high, _, r2_high) = (
        np.split(b, [p, 2 * p, 3 * p]) for b in bounds
    )
    beats = lowest > 0
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
        resamples=len(r2),
        **base,
    )
    return result, []


def _bootstrap(
    complete: Floats, rng: np.random.Generator, basis: Floats, resamples: int
) -> tuple[Floats, Floats, Floats]:
    """Raw weights ``(b, p)``, R² ``(b,)`` and each weight minus the random variable's ``(b, p)`` of the
    resamples that could be fitted: a quarter of ``resamples``, then half, then all, stopping as soon as
    the intervals are stable (:func:`_stable`)."""
    resampler = Resampler(complete, rng, total=resamples)
    noise = _noise(rng, resamples, complete.shape[1], len(complete))
    stops = [s for s in (resamples // 4, resamples // 2) if s >= STAGE_MIN] + [resamples]
    parts: list[tuple[Floats, Floats, Floats]] = []
    for stop in stops:
        parts.append(_fit(resampler, stop - resampler.drawn, noise, basis))
        raw, r2, margin = (np.concatenate(arrays) for arrays in zip(*parts, strict=True))
        if stop == resamples or _stable(raw, r2, stop):
            break
    return raw, r2, margin


def _fit(
    resampler: Resampler, count: int, noise: tuple[Floats, Floats], basis: Floats
) -> tuple[Floats, Floats, Floats]:
    """One stage: both models of ``count`` resamples in one stack (so one pass of the numerics). The
    model without the random variable gets a placeholder predictor uncorrelated with everything, which
    leaves its weights and R² exactly as they are (the loadings are block diagonal, its β is zero)."""
    p, begin = basis.shape[0], resampler.drawn
    boot = resampler.correlations(count)
    g, rest = (part[begin : begin + count] for part in noise)
    padded = np.zeros((count, p + 2, p + 2))
    padded[:, :p, :p] = boot[:, :p, :p]
    padded[:, :p, p + 1] = padded[:, p + 1, :p] = boot[:, :p, p]
    padded[:, p, p] = padded[:, p + 1, p + 1] = 1.0
    padded[~np.isfinite(boot).all(axis=(1, 2))] = np.nan
    both = relative_weights(np.concatenate([padded, _with_random_variable(boot, g, rest)]), _extend(basis))
    plain_raw, plain_r2 = both.raw[:count, :p], both.r2[:count]
    noise_raw, noise_r2 = both.raw[count:], both.r2[count:]
    kept = np.isfinite(plain_r2) & np.isfinite(noise_r2)
    margin = noise_raw[kept, :p] - noise_raw[kept, p:]
    return plain_raw[kept], plain_r2[kept], margin


def _stable(raw: Floats, r2: Floats, count: int) -> bool:
    """Whether ``count`` resamples already place every interval bound (raw weights, shares, R²) within
    :data:`STABLE_BOUND` Monte Carlo standard error. The standard error of a 2.5% (or 97.5%) percentile
    of ``B`` draws is about ``sqrt(0.025 · 0.975 / B) / φ(1.96) · σ`` (normal approximation, σ the spread
    of the resampled values)."""
    if len(r2) < 0.9 * count:  # many resamples could not be fitted: keep drawing
        return False
    spread = max(float(np.std(raw, axis=0).max()), float(np.std(raw / r2[:, None], axis=0).max()))
    spread = max(spread, float(np.std(r2)))
    return bool(_PERCENTILE_SE / np.sqrt(len(r2)) * spread <= STABLE_BOUND)


def _noise(rng: np.random.Generator, resamples: int, q: int, n: int) -> tuple[Floats, Floats]:
    """The draws behind the random variable of every resample (see :func:`_with_random_variable`)."""
    return rng.standard_normal((resamples, q)), rng.chisquare(max(n - 1 - q, 1), size=resamples)


def _with_random_variable(corr: Floats, g: Floats, rest: Floats) -> Floats:
    """Each correlation matrix ``(b, q, q)`` (outcome last) with one more predictor before the outcome: a
    variable of ``n`` independent standard-normal numbers, drawn anew for every matrix (``g`` ``(b, q)``
    and ``rest`` ``(b,)`` from :func:`_noise`).

    Its correlations with the others are drawn exactly, without drawing the ``n`` numbers: for ``z``
    independent of the data, ``z/|z|`` (centred) is uniform on the sphere of the ``n - 1`` centred
    dimensions, so in an orthonormal basis of the ``q`` centred columns its coordinates are
    ``g / sqrt(|g|² + χ²(n - 1 - q))`` with ``g`` standard normal, and the correlations are ``L·g`` over the
    same norm, where ``L·Lᵀ`` is the correlation matrix (Cholesky).
    """
    b, q = corr.shape[0], corr.shape[1]
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


def opportunities(by_score: Sequence[str], drivers: DriverResult) -> list[str]:
    """The improvement opportunities in driver-aware order: the act-first drivers among them lead (in the
    order of :func:`priorities`), then every other opportunity in its order by score. Without an analysis
    (status not ok) the order stays by score."""
    if drivers.status != "ok":
        return list(by_score)
    act = {w.factor for w in drivers.weights if w.act_first}
    first = [f for f in drivers.priorities if f in act and f in by_score]
    return first + [f for f in by_score if f not in first]


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
