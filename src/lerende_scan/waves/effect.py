"""Effect sizes between two independent waves: the change with its Welch CI, and Hedges' g with its CI.

Everything is computed from aggregates (n, mean, SD with n−1), never from respondent rows, so an earlier
wave's ``scores.json`` is enough. Two waves of a company are independent samples (no panel key links a
respondent's answers across waves), so:

- **Change** ``Δ = mean₂ − mean₁`` with the Welch standard error ``SE = √(s₁²/n₁ + s₂²/n₂)``, the
  Welch–Satterthwaite degrees of freedom ``ν = SE⁴ / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))`` and the 95% CI
  ``Δ ± t(0.975, ν)·SE`` (as ``scipy.stats.ttest_ind(equal_var=False)``). The **statistical signal** is
  that this CI excludes 0.
- **Hedges' g** ``= J·Δ/s_p`` with the pooled SD ``s_p = √(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2))`` and the
  small-sample correction ``J = 1 − 3/(4(n₁+n₂−2) − 1)`` (Hedges & Olkin 1985; Borenstein et al. 2009,
  ch. 4; pingouin). Its standard error is the large-sample one of Borenstein et al.,
  ``SE_g = J·√(W + d²/(2(n₁+n₂)))``, with the variance term of the mean difference made Welch-type:
  ``W = (s₁²/n₁ + s₂²/n₂)/s_p²`` instead of ``1/n₁ + 1/n₂``. With equal n the two are identical (so the
  textbook example is reproduced exactly); with unequal n and unequal SDs ``W`` does not assume equal
  variances. The 95% CI is ``g ± 1.96·SE_g``. The **practical signal** is ``|g| ≥`` a threshold (0.2 by
  default, a "small" effect), shown apart from the statistical one: in large waves almost everything is
  significant, in small ones almost nothing is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from scipy import special

from lerende_scan.waves.model import PRACTICAL_G

__all__ = ["PRACTICAL_G", "Effect", "Sample", "effect", "hedges_j", "welch_df"]

_Z975 = float(special.ndtri(0.975))


@dataclass(frozen=True)
class Sample:
    """One wave's aggregate of a score: respondents, mean and SD (n−1)."""

    n: int
    mean: float | None
    sd: float | None

    @property
    def usable(self) -> bool:
        return self.n >= 2 and self.mean is not None and self.sd is not None


@dataclass(frozen=True)
class Effect:
    """The change from ``before`` to ``after``; None where undefined (n < 2, or both SDs 0 for g)."""

    diff: float
    se: float
    df: float | None
    ci_low: float
    ci_high: float
    g: float | None
    g_se: float | None
    g_low: float | None
    g_high: float | None

    @property
    def statistical(self) -> bool:
        """The 95% CI of the change excludes 0."""
        return self.ci_low > 0 or self.ci_high < 0

    def practical(self, threshold: float = PRACTICAL_G) -> bool | None:
        """``|g| ≥ threshold``; None when g is undefined."""
        return None if self.g is None else abs(self.g) >= threshold - 1e-12


def hedges_j(df: float) -> float:
    """Hedges' small-sample correction ``1 − 3/(4·df − 1)`` for ``df = n₁ + n₂ − 2``."""
    return 1.0 - 3.0 / (4.0 * df - 1.0)


def welch_df(v1: float, n1: int, v2: float, n2: int) -> float | None:
    """Welch–Satterthwaite degrees of freedom from the squared standard errors ``v = s²/n``."""
    denominator = v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1)
    if denominator <= 0:
        return None
    return (v1 + v2) ** 2 / denominator


def effect(before: Sample, after: Sample) -> Effect | None:
    """The change and Hedges' g between two independent waves, or None when either has n < 2."""
    if not (before.usable and after.usable):
        return None
    assert before.mean is not None and before.sd is not None  # narrowing for mypy
    assert after.mean is not None and after.sd is not None
    n1, n2 = before.n, after.n
    v1, v2 = before.sd**2 / n1, after.sd**2 / n2
    diff = after.mean - before.mean
    se = math.sqrt(v1 + v2)
    df = welch_df(v1, n1, v2, n2)
    half = 0.0 if df is None else float(special.stdtrit(df, 0.975)) * se
    pooled_df = n1 + n2 - 2
    pooled = math.sqrt(((n1 - 1) * before.sd**2 + (n2 - 1) * after.sd**2) / pooled_df)
    if pooled == 0:
        return Effect(diff, se, df, diff - half, diff + half, None, None, None, None)
    j = hedges_j(pooled_df)
    d = diff / pooled
    w = (v1 + v2) / pooled**2
    g_se = j * math.sqrt(w + d * d / (2 * (n1 + n2)))
    g = j * d
    return Effect(diff, se, df, diff - half, diff + half, g, g_se, g - _Z975 * g_se, g + _Z975 * g_se)
