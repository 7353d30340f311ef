"""Johnson's relative weights: each driver's share of the explained variance, from a correlation matrix.

Johnson (2000), "A heuristic method for estimating the relative weight of predictor variables in multiple
regression", Multivariate Behavioral Research 35(1). With ``R_xx`` the predictors' correlation matrix and
``r_xy`` their correlations with the outcome:

- ``R_xx = V·diag(λ)·Vᵀ`` (eigendecomposition) and ``Λ = V·diag(√λ)·Vᵀ``: the loadings of the predictors on
  the orthogonal variables closest to them in the least-squares sense;
- ``β = Λ⁻¹·r_xy``: the outcome regressed on those orthogonal variables;
- raw weight ``ε_j = Σ_k Λ_jk²·β_k²``; the raw weights sum to ``R² = Σ_k β_k²``, so each driver's share of the
  explained variance is ``ε_j / R²``.

Everything here works on stacks of matrices (``(..., p + 1, p + 1)``, the outcome last), so the bootstrap
(:mod:`.bootstrap`) computes a thousand resamples in one call. Correlations are scale-free, which makes the
weights invariant to rescaling a predictor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["COLLINEAR_TOLERANCE", "Weights", "collinear_predictors", "correlations", "relative_weights"]

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

COLLINEAR_TOLERANCE = 1e-8
"""Smallest eigenvalue of the predictors' correlation matrix, relative to the largest, below which the
predictors count as (perfectly) collinear: one is a linear combination of others, the weights undefined."""


@dataclass(frozen=True)
class Weights:
    """Raw relative weights ``(..., p)`` and ``R²`` ``(...)``; NaN where the predictors are collinear or a
    variable has no variance."""

    raw: Floats
    r2: Floats

    @property
    def shares(self) -> Floats:
        """Each driver's share of the explained variance (rows sum to 1)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return self.raw / self.r2[..., None]


def correlations(cov: Floats) -> Floats:
    """Correlation matrices from covariance (or cross-product) matrices ``(..., q, q)``; NaN rows and
    columns for a variable without variance."""
    sd = np.sqrt(np.diagonal(cov, axis1=-2, axis2=-1))
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = cov / (sd[..., :, None] * sd[..., None, :])
    out: Floats = corr
    return out


def relative_weights(corr: Floats, basis: Floats | None = None) -> Weights:
    """Johnson's relative weights from correlation matrices ``(..., p + 1, p + 1)``, outcome last.

    ``basis``: the eigenvectors ``(p, p)`` of a matrix close to every ``R_xx`` in the stack (the full
    sample's, for bootstrap resamples). With it, ``Λ`` comes from a few matrix products
    (:func:`_root_near`) instead of one eigendecomposition per matrix, about ten times faster; matrices
    for which that does not converge fall back to the eigendecomposition. Both give the same weights to
    about 1e-10.
    """
    corr = np.asarray(corr, dtype=np.float64)
    p = corr.shape[-1] - 1
    rxx = corr[..., :p, :p]
    rxy = corr[..., :p, p]
    bad: Bools = np.asarray(~np.isfinite(corr).all(axis=(-2, -1)), dtype=bool)
    safe = np.where(bad[..., None, None], np.eye(p), rxx)
    rxy = np.where(bad[..., None], 0.0, rxy)
    if basis is None or safe.ndim < 3:
        loadings, beta, singular = _by_eigh(safe, rxy)
    else:
        loadings, beta, singular = _by_products(safe, rxy, basis)
    bad |= singular
    raw = ((loadings**2) @ (beta**2)[..., None])[..., 0]
    r2 = (beta**2).sum(axis=-1)
    raw = np.where(bad[..., None], np.nan, raw)
    r2 = np.where(bad, np.nan, r2)
    return Weights(raw=raw, r2=r2)


def _by_eigh(rxx: Floats, rxy: Floats) -> tuple[Floats, Floats, Bools]:
    """``Λ = V·diag(√λ)·Vᵀ`` and ``β = Λ⁻¹·r = V·diag(1/√λ)·Vᵀ·r``, without forming an inverse."""
    lam, vec = np.linalg.eigh(rxx)
    singular: Bools = np.asarray(lam[..., 0] <= COLLINEAR_TOLERANCE * np.abs(lam[..., -1]), dtype=bool)
    root = np.sqrt(np.clip(lam, COLLINEAR_TOLERANCE, None))
    vec_t = np.swapaxes(vec, -1, -2)
    loadings: Floats = (vec * root[..., None, :]) @ vec_t
    beta: Floats = (vec @ (((vec_t @ rxy[..., None])[..., 0]) / root)[..., None])[..., 0]
    return loadings, beta, singular


def _by_products(rxx: Floats, rxy: Floats, basis: Floats) -> tuple[Floats, Floats, Bools]:
    """As :func:`_by_eigh`, for a stack of matrices close to one with eigenvectors ``basis``."""
    rotated = basis.T @ rxx @ basis  # nearly diagonal
    root, done = _root_near(rotated)
    loadings: Floats = basis @ root @ basis.T
    if done.all():
        solved = np.asarray(np.linalg.solve(loadings, rxy[..., None])[..., 0], dtype=np.float64)
        return loadings, solved, np.zeros(rxx.shape[:-2], dtype=bool)
    exact_l, exact_b, singular = _by_eigh(rxx[~done], rxy[~done])
    loadings[~done] = exact_l
    beta: Floats = np.empty_like(rxy)
    beta[done] = np.linalg.solve(loadings[done], rxy[done][..., None])[..., 0]
    beta[~done] = exact_b
    out: Bools = np.zeros(rxx.shape[:-2], dtype=bool)
    out[~done] = singular
    return loadings, beta, out


def _root_near(m: Floats, *, tolerance: float = 1e-10, limit: int = 40) -> tuple[Floats, Bools]:
    """Symmetric square roots of nearly diagonal positive definite matrices ``(n, p, p)``.

    Newton's method for ``S² = M`` with the Sylvester step ``S·G + G·S = M - S²`` solved for a diagonal
    ``S``: ``G_ij = (M - S²)_ij / (s_i + s_j)``. It converges linearly, fast when ``M`` is close to
    diagonal, and is stopped per matrix when the residual is below ``tolerance``. Returns the roots and
    which converged (a matrix with a non-positive diagonal never does).
    """
    diag = np.diagonal(m, axis1=-2, axis2=-1)
    with np.errstate(invalid="ignore"):
        d = np.sqrt(diag)
    ok: Bools = np.asarray((diag > 0).all(axis=-1), dtype=bool)
    d = np.where(ok[:, None], d, 1.0)
    denominator = d[:, :, None] + d[:, None, :]
    root = d[:, :, None] * np.eye(m.shape[-1])
    ok &= diag.min(axis=-1) > COLLINEAR_TOLERANCE * np.abs(diag).max(axis=-1)
    done: Bools = np.zeros(m.shape[0], dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging matrix is caught by ``done``
        for _ in range(limit):  # iterations, each over the whole stack
            residual = m - root @ root
            done = np.asarray(np.abs(residual).max(axis=(-2, -1)) < tolerance, dtype=bool)
            if (done | ~ok).all():
                break
            root += residual / denominator
    return root, done & ok


def collinear_predictors(corr: Floats, names: list[str]) -> list[str]:
    """The predictors taking part in a (near-)exact linear dependence, for the warning that names them.

    They are the predictors with a visible loading on the eigenvector of the smallest eigenvalue, when that
    eigenvalue is below :data:`COLLINEAR_TOLERANCE` (relative); empty when the predictors are not collinear.
    """
    p = len(names)
    rxx = np.asarray(corr, dtype=np.float64)[:p, :p]
    if not np.isfinite(rxx).all():
        return []
    lam, vec = np.linalg.eigh(rxx)
    if lam[0] > COLLINEAR_TOLERANCE * abs(lam[-1]):
        return []
    null = np.abs(vec[:, 0])
    return [name for name, v in zip(names, null, strict=True) if v > 0.1 * null.max()]
