"""Johnson's relative weights: sums, a published example, a second implementation, invariances."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg

from lerende_scan.drivers.weights import collinear_predictors, relative_weights

# mtcars (R datasets): mpg, cyl, disp, hp, wt, gear for the 32 cars, in R's order.
MTCARS = np.array(
    [
        [21.0, 6, 160.0, 110, 2.620, 4], [21.0, 6, 160.0, 110, 2.875, 4], [22.8, 4, 108.0, 93, 2.320, 4],
        [21.4, 6, 258.0, 110, 3.215, 3], [18.7, 8, 360.0, 175, 3.440, 3], [18.1, 6, 225.0, 105, 3.460, 3],
        [14.3, 8, 360.0, 245, 3.570, 3], [24.4, 4, 146.7, 62, 3.190, 4], [22.8, 4, 140.8, 95, 3.150, 4],
        [19.2, 6, 167.6, 123, 3.440, 4], [17.8, 6, 167.6, 123, 3.440, 4], [16.4, 8, 275.8, 180, 4.070, 3],
        [17.3, 8, 275.8, 180, 3.730, 3], [15.2, 8, 275.8, 180, 3.780, 3], [10.4, 8, 472.0, 205, 5.250, 3],
        [10.4, 8, 460.0, 215, 5.424, 3], [14.7, 8, 440.0, 230, 5.345, 3], [32.4, 4, 78.7, 66, 2.200, 4],
        [30.4, 4, 75.7, 52, 1.615, 4], [33.9, 4, 71.1, 65, 1.835, 4], [21.5, 4, 120.1, 97, 2.465, 3],
        [15.5, 8, 318.0, 150, 3.520, 3], [15.2, 8, 304.0, 150, 3.435, 3], [13.3, 8, 350.0, 245, 3.840, 3],
        [19.2, 8, 400.0, 175, 3.845, 3], [27.3, 4, 79.0, 66, 1.935, 4], [26.0, 4, 120.3, 91, 2.140, 5],
        [30.4, 4, 95.1, 113, 1.513, 5], [15.8, 8, 351.0, 264, 3.170, 5], [19.7, 6, 145.0, 175, 2.770, 5],
        [15.0, 8, 301.0, 335, 3.570, 5], [21.4, 4, 121.0, 109, 2.780, 4],
    ]
)  # fmt: skip
COLUMNS = ["mpg", "cyl", "disp", "hp", "wt", "gear"]


def _corr(data: np.ndarray, predictors: list[str], outcome: str) -> np.ndarray:
    cols = [COLUMNS.index(c) for c in [*predictors, outcome]]
    return np.corrcoef(data[:, cols], rowvar=False)


def _reference(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """A second implementation, straight from the formula: Λ = V·diag(√λ)·Vᵀ, β = Λ⁻¹·r_xy,
    ε_j = Σ_k Λ_jk²·β_k², with scipy's matrix square root and an explicit solve."""
    r = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    rxx, rxy = r[:-1, :-1], r[:-1, -1]
    lam = np.real(scipy.linalg.sqrtm(rxx))
    beta = np.linalg.solve(lam, rxy)
    eps = np.array([sum(lam[j, k] ** 2 * beta[k] ** 2 for k in range(len(beta))) for j in range(len(beta))])
    return eps, float(beta @ beta)


@pytest.mark.parametrize(
    ("predictors", "r2", "expected"),
    [
        (["cyl", "disp", "hp", "gear"], 0.7791896, [0.2284797, 0.2221469, 0.2321744, 0.0963886]),
        (["cyl", "disp", "hp", "wt"], 0.8486, [0.2096904, 0.1883043, 0.1799590, 0.2706812]),
    ],
)
def test_published_example_mtcars(predictors: list[str], r2: float, expected: list[float]) -> None:
    """The R package rwa's worked examples (README and vignette: mpg on mtcars) to all printed digits."""
    weights = relative_weights(_corr(MTCARS, predictors, "mpg"))
    assert weights.raw == pytest.approx(expected, abs=5e-8)
    assert float(weights.r2) == pytest.approx(r2, abs=5e-5)


def test_raw_weights_sum_to_r2_and_match_ols_and_the_formula() -> None:
    """Raw weights sum to R² exactly (to rounding), R² equals the least-squares fit's, and every weight
    equals the second implementation's."""
    rng = np.random.default_rng(7)
    n = 400
    latent = rng.normal(size=(n, 1))
    x = 0.7 * latent + rng.normal(size=(n, 5)) * [0.5, 0.8, 1.0, 0.6, 1.2]
    y = x @ [0.5, 0.2, 0.0, -0.3, 0.1] + rng.normal(size=n)
    weights = relative_weights(np.corrcoef(np.column_stack([x, y]), rowvar=False))
    assert weights.raw.sum() == pytest.approx(float(weights.r2), abs=1e-12)
    design = np.column_stack([np.ones(n), x])
    resid = y - design @ np.linalg.lstsq(design, y, rcond=None)[0]
    assert float(weights.r2) == pytest.approx(1 - resid.var() / y.var(), abs=1e-12)
    eps, r2 = _reference(x, y)
    assert weights.raw == pytest.approx(eps, abs=1e-12)
    assert float(weights.r2) == pytest.approx(r2, abs=1e-12)
    assert weights.shares.sum() == pytest.approx(1.0)


def test_rescaling_a_predictor_changes_nothing() -> None:
    """Weights are scale-free: a predictor times 7 plus 3 (another unit) gets the same weights."""
    data = MTCARS.copy()
    before = relative_weights(_corr(data, ["cyl", "disp", "hp", "gear"], "mpg"))
    data[:, COLUMNS.index("disp")] = data[:, COLUMNS.index("disp")] * 7 + 3
    after = relative_weights(_corr(data, ["cyl", "disp", "hp", "gear"], "mpg"))
    assert after.raw == pytest.approx(before.raw, abs=1e-13)


def test_pure_noise_predictor_gets_about_zero() -> None:
    """On simulated data, a predictor of random numbers gets a weight near zero (of order 1/n)."""
    rng = np.random.default_rng(11)
    n = 5000
    x = rng.normal(size=(n, 4))
    x[:, 1] += 0.5 * x[:, 0]
    noise = rng.normal(size=n)
    y = x @ [0.6, 0.4, 0.3, 0.2] + rng.normal(size=n)
    weights = relative_weights(np.corrcoef(np.column_stack([x, noise, y]), rowvar=False))
    assert weights.raw[4] < 2e-3
    assert weights.raw[:4].min() > 0.01  # the weakest real driver: about 0.02


def test_batched_and_fast_path_equal_the_plain_one() -> None:
    """A stack of matrices gives each matrix's own weights; the basis-guided path equals eigh's."""
    rng = np.random.default_rng(3)
    stack = []
    for _ in range(50):
        x = rng.normal(size=(60, 6))
        x[:, :5] += 0.8 * x[:, :1]
        stack.append(np.corrcoef(x, rowvar=False))
    corr = np.array(stack)
    one_by_one = np.array([relative_weights(c).raw for c in corr])
    basis = np.linalg.eigh(corr.mean(axis=0)[:5, :5])[1]
    assert relative_weights(corr).raw == pytest.approx(one_by_one, abs=1e-12)
    assert relative_weights(corr, basis).raw == pytest.approx(one_by_one, abs=1e-9)


def test_collinear_predictors_are_named_and_give_nan() -> None:
    """A predictor that is the sum of two others: NaN weights (no exception) and those three named."""
    rng = np.random.default_rng(5)
    x = rng.normal(size=(100, 4))
    x[:, 2] = x[:, 0] + x[:, 1]
    y = x[:, 0] + rng.normal(size=100)
    corr = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    weights = relative_weights(corr)
    assert np.isnan(weights.raw).all() and np.isnan(weights.r2)
    assert collinear_predictors(corr, ["a", "b", "c", "d"]) == ["a", "b", "c"]
    assert collinear_predictors(_corr(MTCARS, ["cyl", "disp"], "mpg"), ["cyl", "disp"]) == []
