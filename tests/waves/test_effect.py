"""Hedges' g and the Welch CI of a change, against a textbook example and an independent computation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from lerende_scan.waves.effect import Sample, effect, hedges_j


def test_borenstein_worked_example() -> None:
    """Borenstein et al. (2009), Introduction to Meta-Analysis, ch. 4: means 103 vs 100, SDs 5.5 and 4.5,
    n = 50 each: d = 0.5970, SE_d = 0.2044, J = 0.9923, g = 0.5924, SE_g = 0.2028."""
    eff = effect(Sample(50, 100.0, 4.5), Sample(50, 103.0, 5.5))
    assert eff is not None and eff.g is not None and eff.g_se is not None
    assert hedges_j(98) == pytest.approx(0.9923, abs=5e-5)
    assert eff.g / hedges_j(98) == pytest.approx(0.5970, abs=5e-5)
    assert eff.g_se / hedges_j(98) == pytest.approx(0.2044, abs=5e-5)
    assert eff.g == pytest.approx(0.5924, abs=5e-5)
    assert eff.g_se == pytest.approx(0.2028, abs=5e-5)
    assert eff.g_low == pytest.approx(0.5924 - 1.959964 * 0.2028, abs=2e-4)


def _reference(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """The raw formulas, written out again from the respondents' scores (not from the module)."""
    n1, n2 = len(x), len(y)
    s1, s2 = x.std(ddof=1), y.std(ddof=1)
    diff = y.mean() - x.mean()
    se = math.sqrt(s1**2 / n1 + s2**2 / n2)
    df = se**4 / ((s1**2 / n1) ** 2 / (n1 - 1) + (s2**2 / n2) ** 2 / (n2 - 1))
    t = stats.t.ppf(0.975, df)
    sp = math.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2))
    j = 1 - 3 / (4 * (n1 + n2) - 9)
    d = diff / sp
    g_se = j * math.sqrt((s1**2 / n1 + s2**2 / n2) / sp**2 + d**2 / (2 * (n1 + n2)))
    z = stats.norm.ppf(0.975)
    return {
        "diff": diff,
        "ci_low": diff - t * se,
        "ci_high": diff + t * se,
        "g": j * d,
        "g_low": j * d - z * g_se,
        "g_high": j * d + z * g_se,
    }


def test_unequal_n_and_sd_against_scipy_welch_and_the_raw_formula() -> None:
    """n 12 vs 61, SD about 0.4 vs 1.1: the change's CI is scipy's Welch CI; g is the raw formula's."""
    rng = np.random.default_rng(5)
    x, y = rng.normal(3.0, 0.4, 12), rng.normal(3.4, 1.1, 61)
    eff = effect(
        Sample(12, float(x.mean()), float(x.std(ddof=1))), Sample(61, float(y.mean()), float(y.std(ddof=1)))
    )
    assert eff is not None
    welch = stats.ttest_ind(y, x, equal_var=False).confidence_interval(0.95)
    assert (eff.ci_low, eff.ci_high) == pytest.approx((welch.low, welch.high), rel=1e-10)
    ref = _reference(x, y)
    for key, value in ref.items():
        assert getattr(eff, key) == pytest.approx(value, rel=1e-10), key
    assert eff.statistical == bool(welch.low > 0 or welch.high < 0)


def test_equal_n_gives_the_classic_hedges_olkin_variance_whatever_the_sds() -> None:
    eff = effect(Sample(30, 2.0, 0.5), Sample(30, 2.6, 1.5))
    assert eff is not None and eff.g is not None and eff.g_se is not None
    j = hedges_j(58)
    d = eff.g / j
    assert eff.g_se == pytest.approx(j * math.sqrt(2 / 30 + d * d / 120), rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    n1=st.integers(2, 200),
    n2=st.integers(2, 200),
    m1=st.floats(1, 5),
    m2=st.floats(1, 5),
    s1=st.floats(0.05, 2),
    s2=st.floats(0.05, 2),
)
def test_any_aggregates_match_the_reference(
    n1: int, n2: int, m1: float, m2: float, s1: float, s2: float
) -> None:
    """Random waves: the module and the reference agree; g's CI holds g; signals follow their CIs."""
    rng = np.random.default_rng(n1 * 1000 + n2)
    x = rng.normal(0, 1, n1)
    y = rng.normal(0, 1, n2)
    x = m1 + s1 * (x - x.mean()) / x.std(ddof=1)  # exactly these aggregates
    y = m2 + s2 * (y - y.mean()) / y.std(ddof=1)
    eff = effect(Sample(n1, m1, s1), Sample(n2, m2, s2))
    assert eff is not None and eff.g_low is not None and eff.g_high is not None and eff.g is not None
    for key, value in _reference(x, y).items():
        assert getattr(eff, key) == pytest.approx(value, rel=1e-7, abs=1e-9), key
    assert eff.g_low <= eff.g <= eff.g_high
    assert eff.practical(0.2) is (abs(eff.g) >= 0.2 - 1e-12)


def test_undefined_cases() -> None:
    """n < 2 in a wave gives no effect; two waves without spread give the change but no g."""
    assert effect(Sample(1, 3.0, None), Sample(40, 3.2, 0.5)) is None
    flat = effect(Sample(5, 3.0, 0.0), Sample(5, 4.0, 0.0))
    assert flat is not None and flat.diff == 1.0 and flat.g is None and flat.practical() is None
