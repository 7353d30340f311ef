"""Cronbach's alpha and item-rest correlations from pairwise-complete covariances (reliability.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lerende_scan.scoring.reliability import (
    cov_from_moments,
    cronbach_alpha,
    cronbach_alphas,
    item_rest,
    pairwise_cov,
    pairwise_moments,
)

NAN = np.nan
# Five respondents, three items, two answers missing. The expected values below were worked out by hand:
# item 1 (all five): mean 3, var 10/4 = 2.5
# item 2 (rows 1,2,3,5: 2,2,4,5): mean 3.25, var 6.75/3 = 2.25
# item 3 (rows 1,2,4,5: 2,3,5,4): mean 3.5, var 5/3
# cov(1,2) over rows 1,2,3,5: x1 = 1,2,3,5 (mean 2.75), x2 = 2,2,4,5 (mean 3.25): 7.25/3 = 29/12
# cov(1,3) over rows 1,2,4,5: x1 = 1,2,4,5 (mean 3), x3 = 2,3,5,4 (mean 3.5): 6/3 = 2
# cov(2,3) over rows 1,2,5:   x2 = 2,2,5 (mean 3), x3 = 2,3,4 (mean 3): 3/2 = 1.5
HAND = np.array(
    [
        [1, 2, 2],
        [2, 2, 3],
        [3, 4, NAN],
        [4, NAN, 5],
        [5, 5, 4],
    ],
    dtype=float,
)
HAND_COV = np.array(
    [
        [2.5, 29 / 12, 2.0],
        [29 / 12, 2.25, 1.5],
        [2.0, 1.5, 5 / 3],
    ]
)
# trace = 77/12, sum = 77/12 + 2·(29/12 + 24/12 + 18/12) = 219/12; alpha = 3/2 · (1 - 77/219) = 71/73
HAND_ALPHA = 71 / 73


def test_pairwise_cov_matches_hand_computation_with_missing_values() -> None:
    np.testing.assert_allclose(pairwise_cov(HAND), HAND_COV, rtol=1e-12)


def test_pairwise_cov_matches_pandas_dataframe_cov() -> None:
    """pandas DataFrame.cov() is pairwise complete with n-1, which is what pingouin uses."""
    rng = np.random.default_rng(3)
    x = rng.integers(1, 6, size=(60, 5)).astype(float)
    x[rng.random(x.shape) < 0.2] = np.nan
    np.testing.assert_allclose(pairwise_cov(x), pd.DataFrame(x).cov().to_numpy(), rtol=1e-10, atol=1e-12)


def test_alpha_matches_hand_computation() -> None:
    assert cronbach_alpha(HAND_COV) == pytest.approx(HAND_ALPHA, rel=1e-12)
    assert cronbach_alpha(pairwise_cov(HAND)) == pytest.approx(0.9726027397, rel=1e-9)


def test_alpha_step_by_step_from_pandas_cov() -> None:
    """The pingouin recipe by hand: pairwise cov, then k/(k-1) * (1 - trace/sum)."""
    rng = np.random.default_rng(11)
    trait = rng.normal(size=(80, 1))
    x = np.clip(np.rint(3 + trait + rng.normal(scale=0.8, size=(80, 4))), 1, 5)
    x[rng.random(x.shape) < 0.15] = np.nan
    c = pd.DataFrame(x).cov().to_numpy()
    k = c.shape[0]
    expected = k / (k - 1) * (1 - np.trace(c) / c.sum())
    assert cronbach_alpha(pairwise_cov(x)) == pytest.approx(expected, rel=1e-10)


def test_alpha_undefined_cases_are_none() -> None:
    assert cronbach_alpha(np.array([[1.0]])) is None  # one item
    assert cronbach_alpha(np.zeros((3, 3))) is None  # nobody varies
    assert cronbach_alpha(np.array([[1.0, np.nan], [np.nan, 1.0]])) is None  # no pair answered both


def test_item_rest_matches_hand_computation() -> None:
    """r_i = (Σ_j≠i C_ij) / sqrt(C_ii · Σ_{j,l≠i} C_jl), as psych::alpha's r.drop.

    Item 1: (29/12 + 2) / sqrt(2.5 · (2.25 + 5/3 + 3)) = 1.0621; pairwise estimates on five rows with
    missing answers can leave [-1, 1], exactly as psych's do. Item 2: (29/12 + 1.5) / sqrt(2.25 · 98/12);
    item 3: 3.5 / sqrt(5/3 · 115/12).
    """
    expected = [
        (53 / 12) / np.sqrt(2.5 * 83 / 12),
        (47 / 12) / np.sqrt(2.25 * 98 / 12),
        3.5 / np.sqrt(5 / 3 * 115 / 12),
    ]
    np.testing.assert_allclose(item_rest(HAND_COV), expected, rtol=1e-12)
    np.testing.assert_allclose(expected, [1.062126, 0.913699, 0.875761], atol=1e-6)


def test_item_rest_with_complete_data_is_pearson_with_rest_sum() -> None:
    rng = np.random.default_rng(5)
    trait = rng.normal(size=(50, 1))
    x = np.rint(3 + trait + rng.normal(size=(50, 4)))
    r = item_rest(pairwise_cov(x))
    for i in range(4):
        rest = np.delete(x, i, axis=1).sum(axis=1)
        assert r[i] == pytest.approx(np.corrcoef(x[:, i], rest)[0, 1], rel=1e-10)


def test_item_rest_undefined_cases_are_nan() -> None:
    assert np.isnan(item_rest(np.array([[2.0]]))).all()
    r = item_rest(np.array([[0.0, 0.0], [0.0, 1.0]]))  # first item has no variance
    assert np.isnan(r[0])


def test_moments_give_nan_where_fewer_than_two_answered_both() -> None:
    x = np.array([[1.0, np.nan], [2.0, 3.0], [3.0, np.nan]])
    m = (~np.isnan(x)).astype(float)
    z = np.where(m > 0, x, 0.0)
    n, s, p = pairwise_moments(z, m)
    assert n.tolist() == [[3.0, 1.0], [1.0, 1.0]]
    cov = cov_from_moments(n, s, p)
    assert cov[0, 0] == pytest.approx(1.0)
    assert np.isnan(cov[0, 1]) and np.isnan(cov[1, 1])


def test_stacked_matrices_give_the_same_as_one_at_a_time() -> None:
    """Scoring computes all companies at once; each must equal its own single computation."""
    rng = np.random.default_rng(8)
    data = [rng.integers(1, 6, size=(30, 4)).astype(float) for _ in range(3)]
    for x in data:
        x[rng.random(x.shape) < 0.1] = np.nan
    moments = []
    for x in data:
        m = (~np.isnan(x)).astype(float)
        moments.append(pairwise_moments(np.where(m > 0, x, 0.0), m))
    stacked = cov_from_moments(*(np.stack(parts) for parts in zip(*moments, strict=True)))
    singles = [pairwise_cov(x) for x in data]
    np.testing.assert_allclose(stacked, np.stack(singles), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(cronbach_alphas(stacked), [cronbach_alpha(c) for c in singles], rtol=1e-10)
    np.testing.assert_allclose(item_rest(stacked), np.stack([item_rest(c) for c in singles]), rtol=1e-10)
    assert np.isnan(cronbach_alphas(np.zeros((2, 3, 3)))).all()
