"""One driver analysis: seeded bootstrap, intervals, the random-variable test, bad input, minimum n."""

from __future__ import annotations

import numpy as np
import pytest

from lerende_scan.drivers.analysis import analyse
from lerende_scan.drivers.bootstrap import RESAMPLES, Resampler, generator, resampled_correlations
from lerende_scan.drivers.weights import relative_weights
from lerende_scan.errors import Code

PREDICTORS = ["feedback", "autonomy", "safety", "leadership", "external"]


def _data(n: int, seed: int = 1, coefs: tuple[float, ...] = (0.5, 0.3, 0.0, 0.2, 0.0)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = 3 + 0.4 * rng.normal(size=(n, 1)) + 0.6 * rng.normal(size=(n, 5))
    y = 1 + x @ np.array(coefs) + 0.5 * rng.normal(size=n)
    return np.column_stack([x, y])


def _run(data: np.ndarray, key: str = "Bedrijf A", **kw: object):  # type: ignore[no-untyped-def]
    args: dict[str, object] = {
        "outcome": "motivation",
        "predictors": PREDICTORS,
        "min_respondents": 30,
        "key": key,
        "scores": dict.fromkeys(PREDICTORS, 2.5),
        "strong_from": 3.5,
        "where": "company 'A'",
    }
    args.update(kw)
    return analyse(data, **args)  # type: ignore[arg-type]


def test_seeded_rerun_gives_the_same_result_and_another_key_another_draw() -> None:
    data = _data(200)
    first, _ = _run(data)
    assert _run(data)[0] == first
    other, _ = _run(data, key="Bedrijf B")
    assert other.weights[0].ci_low != first.weights[0].ci_low
    assert [w.raw for w in other.weights] == [w.raw for w in first.weights]  # the estimate is not random


def test_point_estimate_intervals_and_the_random_variable_test() -> None:
    """True drivers (0.5, 0.3, 0.2) are distinguishable, zero-coefficient drivers are not, the intervals
    hold the estimate, and the raw weights sum to R²."""
    result, findings = _run(_data(600))
    assert findings == [] and result.status == "ok" and result.n == 600
    assert sum(w.raw for w in result.weights) == pytest.approx(result.r2, abs=1e-12)
    for w in result.weights:
        assert w.ci_low is not None and w.ci_high is not None
        assert w.ci_low <= w.raw <= w.ci_high
    by = {w.factor: w for w in result.weights}
    assert by["feedback"].distinguishable and by["autonomy"].distinguishable
    assert by["leadership"].distinguishable
    assert result.weights[0].factor == "feedback"
    assert result.r2_ci_low is not None and result.r2_ci_low < result.r2 < result.r2_ci_high


def test_noise_drivers_are_rarely_marked() -> None:
    """With no real driver at all, few of the drivers beat the random variable (a 2.5% one-sided test)."""
    marked = 0
    for seed in range(8):
        result, _ = _run(_data(150, seed=seed, coefs=(0, 0, 0, 0, 0)), key=f"s{seed}")
        marked += sum(w.distinguishable for w in result.weights)
    assert marked <= 4  # of 40


def test_act_first_needs_weight_distinction_and_a_score_below_strong() -> None:
    data = _data(600)
    scores = {"feedback": 2.2, "autonomy": 3.8, "safety": 2.0, "leadership": 3.0, "external": 2.9}
    result, _ = _run(data, scores=scores)
    act = {w.factor for w in result.weights if w.act_first}
    assert act == {"feedback"}  # autonomy weighs but scores strong; safety scores low but does not weigh
    assert result.priorities[0] == "feedback"
    assert result.priorities[1:] == ["safety", "external", "leadership", "autonomy"]  # by score


def test_block_bootstrap_matches_the_respondent_bootstrap() -> None:
    """Above MAX_UNITS respondents the bootstrap resamples random blocks: the spread of the weights is
    the same as when respondents are resampled one by one (within Monte Carlo error)."""
    data = _data(3000)
    rows = resampled_correlations(data, generator("x"), resamples=600, max_units=10**6)
    blocks = resampled_correlations(data, generator("x"), resamples=600)
    sd_rows = np.nanstd(relative_weights(rows).raw, axis=0)
    sd_blocks = np.nanstd(relative_weights(blocks).raw, axis=0)
    assert sd_blocks == pytest.approx(sd_rows, rel=0.2)


def test_below_minimum_n_there_is_no_analysis() -> None:
    data = _data(40)
    data[15:, 0] = np.nan  # 15 complete respondents left
    result, findings = _run(data)
    assert result.status == "too_few" and result.n == 15 and result.weights == [] and findings == []


def test_collinear_predictors_give_a_warning_not_a_traceback() -> None:
    data = _data(100)
    data[:, 2] = (data[:, 0] + data[:, 1]) / 2
    result, findings = _run(data)
    assert result.status == "collinear" and result.factors == ["feedback", "autonomy", "safety"]
    assert [f.code for f in findings] == [Code.DRIVER_COLLINEAR]
    assert "feedback, autonomy, safety" in str(findings[0])


def test_a_factor_without_variance_is_named() -> None:
    data = _data(100)
    data[:, 3] = 4.0
    result, findings = _run(data)
    assert result.status == "no_variance" and result.factors == ["leadership"]
    assert [f.code for f in findings] == [Code.DRIVER_NO_VARIANCE]


def test_stages_continue_one_stream() -> None:
    """Resamples drawn in two stages are the first and last of one stage's, with and without blocks."""
    for n in (120, 3000):
        data = _data(n)
        whole = resampled_correlations(data, generator("x"), resamples=600)
        staged = Resampler(data, generator("x"), total=600)
        parts = np.concatenate([staged.correlations(250), staged.correlations(350)])
        np.testing.assert_allclose(parts, whole, rtol=1e-12, atol=1e-14)
        with pytest.raises(ValueError):
            staged.correlations(1)


def test_stable_intervals_stop_early() -> None:
    """A large sample's intervals are stable after 250 resamples (Monte Carlo error below half a
    percentage point), a small sample's are not; both are reproducible."""
    large, _ = _run(_data(3000))
    assert large.resamples == RESAMPLES // 4
    assert _run(_data(3000))[0] == large
    small, _ = _run(_data(80))
    assert small.resamples == RESAMPLES
    spread = [w.share_ci_high - w.share_ci_low for w in large.weights]
    assert max(spread) < 0.2
