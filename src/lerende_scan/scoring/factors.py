"""Company statistics and the factor, item and index results built from them, and the factor ranking.

- **Company factor score / index**: mean of the respondents' scores, SD with n-1, n, and a 95% CI with
  the t-distribution (``t.ppf(0.975, n-1) · sd / sqrt(n)``); SD and CI are missing when n < 2.
- **Items**: n, mean and SD of the raw answers (before reversal), the share of every scale point, and the
  item-rest correlation; the **scored mean** (after reversal) and the **favourable split**: the shares of
  favourable, neutral and unfavourable answers after reversal, with the cut-offs of
  :meth:`~lerende_scan.questionnaire.Scale.favourable_split`. A factor's split pools its statements'
  answers (every answer counts once); the index's is the mean of the factors' splits, as the index is the
  mean of the factors; **alpha** per factor (:mod:`lerende_scan.scoring.reliability`), with a warning
  below :data:`~lerende_scan.questionnaire.ALPHA_WEAK` and for a negative item-rest correlation.
- **Strengths** are the factors in the highest band (without bands: a mean at or above the favourable
  cut-off), strongest first; **improvement opportunities** are all other factors, weakest first
  (:func:`strengths_and_opportunities`). A factor is never both, and a weak set has no strengths.

Item statistics and reliability come from the stacked per-company sums of the scan
(:class:`~lerende_scan.scoring.moments.Moments`) in a few array operations (:class:`Numbers`); the
result models are then built once per company, in plain Python on floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special

from lerende_scan.errors import Code, Finding
from lerende_scan.questionnaire import ALPHA_WEAK, Questionnaire
from lerende_scan.results import FactorResult, ItemResult
from lerende_scan.scoring import reliability
from lerende_scan.scoring.moments import Floats, Layout, Moments

__all__ = [
    "INDEX_ID",
    "Numbers",
    "company_stats",
    "factor_results",
    "float_or_none",
    "ranked",
    "split_of",
    "stat_result",
    "strengths_and_opportunities",
]

INDEX_ID = "index"
"""Id of the overall learning-organisation index (``CompanyResult.index.id`` and the respondent column)."""


def company_stats(scores: Floats, starts: npt.NDArray[np.int64], mid: float) -> Floats:
    """Per company and score column: n, mean, sd (n-1), 95% CI low and high (t-distribution).

    Shape 5 × companies × columns; NaN where undefined (no scores; sd and CI need n ≥ 2). Each company's
    rows are one slice of ``scores``; two passes (mean, then squared deviations) keep the SD exact.
    """
    n_comp = len(starts) - 1
    cols = scores.shape[1]
    n = np.zeros((n_comp, cols))
    mean = np.full((n_comp, cols), np.nan)
    var = np.full((n_comp, cols), np.nan)
    for c in range(n_comp):
        block = scores[starts[c] : starts[c + 1]]
        ok = ~np.isnan(block)
        cnt = ok.sum(axis=0)
        filled = np.where(ok, block, mid)
        with np.errstate(divide="ignore", invalid="ignore"):
            mu = mid + (filled - mid).sum(axis=0) / cnt
            dev = np.where(ok, block - mu, 0.0)
            var[c] = (dev * dev).sum(axis=0) / (cnt - 1)
        n[c] = cnt
        mean[c] = mu
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.where(n >= 2, np.sqrt(var), np.nan)
        # scipy.stats.t.ppf(q, df) is special.stdtrit(df, q); scipy.stats itself costs ~50 MB to import.
        half = special.stdtrit(np.maximum(n - 1, 1), 0.975) * sd / np.sqrt(n)
    mean = np.where(n > 0, mean, np.nan)
    return np.stack([n, mean, sd, mean - half, mean + half])


def float_or_none(value: float) -> float | None:
    """A Python float, or None for NaN (JSON ``null``)."""
    return None if math.isnan(value) else float(value)


def stat_result(
    ident: str,
    st: list[float],
    layout: Layout,
    *,
    alpha: float | None,
    items: list[ItemResult],
    warnings: list[str],
    split: tuple[float | None, float | None, float | None] = (None, None, None),
) -> FactorResult:
    """A factor (or the index) from its (n, mean, sd, ci_low, ci_high) statistics and its favourable,
    neutral and unfavourable shares; without numbers when fewer than ``layout.min_size`` people have a
    score (the rest answered "Weet niet"), as a group that small shows none."""
    n = int(st[0])
    if n < layout.min_size:
        st, split = [st[0], math.nan, math.nan, math.nan, math.nan], (None, None, None)
    mean = float_or_none(st[1])
    favourable, neutral, unfavourable = split
    return FactorResult(
        id=ident,
        n=n,
        mean=mean,
        sd=float_or_none(st[2]),
        ci_low=float_or_none(st[3]),
        ci_high=float_or_none(st[4]),
        alpha=alpha,
        band=layout.band(mean),
        items=items,
        warnings=warnings,
        favourable=favourable,
        neutral=neutral,
        unfavourable=unfavourable,
    )


def split_of(favourable: float, unfavourable: float) -> tuple[float | None, float | None, float | None]:
    """(favourable, neutral, unfavourable) shares; all None when there are no answers (NaN)."""
    if math.isnan(favourable) or math.isnan(unfavourable):
        return None, None, None
    return favourable, max(0.0, 1.0 - favourable - unfavourable), unfavourable


@dataclass(frozen=True)
class Numbers:
    """Item statistics and reliability of every company, computed for all companies at once.

    Per company (first index): item n, raw mean and SD, answer shares, alpha per factor and item-rest
    per item, all as Python lists so that building the models is plain Python on floats.
    """

    item_n: list[list[int]]
    item_mean: list[list[float]]
    item_sd: list[list[float]]
    shares: list[list[list[float]]]  # items × scale points
    alpha: list[list[float]]  # factors
    rest: list[list[float]]  # items
    item_split: list[list[tuple[float, float]]]  # items: (favourable, unfavourable) shares
    factor_split: list[list[tuple[float, float]]]  # factors: pooled (favourable, unfavourable) shares

    @classmethod
    def of(cls, layout: Layout, moments: list[Moments]) -> Numbers:
        if not moments:
            return cls([], [], [], [], [], [], [], [])
        n = np.stack([m.n for m in moments])
        cov = reliability.cov_from_moments(
            n, np.stack([m.s for m in moments]), np.stack([m.p for m in moments])
        )
        item_n = np.diagonal(n, axis1=1, axis2=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            item_mean = layout.mid + np.diagonal(np.stack([m.s for m in moments]), axis1=1, axis2=2) / item_n
            shares = np.stack([m.dist.T for m in moments]) / item_n[:, :, None]
        alpha = np.full((len(moments), layout.n_factors), np.nan)
        rest = np.full(item_n.shape, np.nan)
        for j, (lo, hi) in enumerate(layout.spans):
            block = cov[:, lo:hi, lo:hi] * layout.sign_outer[j]  # reverse-scored items
            alpha[:, j] = reliability.cronbach_alphas(block)
            rest[:, lo:hi] = reliability.item_rest(block)
        counts = np.stack([m.dist.T for m in moments]).astype(np.float64)  # companies × items × points
        fav_n = (counts * layout.favourable).sum(axis=2)
        unf_n = (counts * layout.unfavourable).sum(axis=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            item_split = np.stack([fav_n / item_n, unf_n / item_n], axis=2)
            factor_split = np.stack(
                [
                    np.stack([fav_n[:, lo:hi].sum(1), unf_n[:, lo:hi].sum(1)], axis=1)
                    / item_n[:, lo:hi].sum(1)[:, None]
                    for lo, hi in layout.spans
                ],
                axis=1,
            )
        return cls(
            item_n=item_n.astype(np.int64).tolist(),
            item_mean=item_mean.tolist(),
            item_sd=np.sqrt(np.diagonal(cov, axis1=1, axis2=2)).tolist(),
            shares=np.nan_to_num(shares).tolist(),
            alpha=alpha.tolist(),
            rest=rest.tolist(),
            item_split=[[(a, b) for a, b in row] for row in item_split.tolist()],
            factor_split=[[(a, b) for a, b in row] for row in factor_split.tolist()],
        )


def factor_results(
    q: Questionnaire,
    layout: Layout,
    company: str,
    numbers: Numbers,
    c: int,
    stats_rows: list[list[float]],
    valid: int,
    source: str,
    findings: list[Finding],
) -> list[FactorResult]:
    """Factor and item results of company ``c``; appends its reliability warnings to ``findings``.

    Item mean and SD are of the raw answers (before reversal); the distribution holds every scale point.
    The scored mean and the favourable split are after reversal.
    """
    item_n, item_mean, item_sd = numbers.item_n[c], numbers.item_mean[c], numbers.item_sd[c]
    shares, rest = numbers.shares[c], numbers.rest[c]
    item_split, factor_split = numbers.item_split[c], numbers.factor_split[c]
    flip = q.scale.min + q.scale.max
    keys = [str(layout.low + v) for v in range(layout.points)]
    results: list[FactorResult] = []
    for j, factor in enumerate(q.factors):
        alpha = float_or_none(numbers.alpha[c][j])
        warnings: list[str] = []
        if alpha is not None and alpha < ALPHA_WEAK:
            warnings.append(Code.LOW_ALPHA.id)
            findings.append(
                Finding(
                    Code.LOW_ALPHA,
                    file=source,
                    params={"company": company, "factor": factor.id, "alpha": alpha},
                )
            )
        items: list[ItemResult] = []
        for col, item in enumerate(factor.items, start=layout.spans[j][0]):
            n = item_n[col]
            few = n < layout.min_size  # a statement answered by fewer people shows no numbers
            r = None if few else float_or_none(rest[col])
            if r is not None and r < 0:
                if Code.NEGATIVE_ITEM_REST.id not in warnings:
                    warnings.append(Code.NEGATIVE_ITEM_REST.id)
                findings.append(
                    Finding(
                        Code.NEGATIVE_ITEM_REST,
                        file=source,
                        params={"company": company, "item": item.id, "r": r},
                    )
                )
            mean = None if few else item_mean[col]
            favourable, neutral, unfavourable = (None, None, None) if few else split_of(*item_split[col])
            items.append(
                ItemResult(
                    id=item.id,
                    factor=factor.id,
                    reverse=item.reverse,
                    n=n,
                    mean=mean,
                    sd=None if few else float_or_none(item_sd[col]),
                    missing_pct=100.0 * (1.0 - n / valid),
                    raw_distribution=dict(zip(keys, [0.0] * len(keys) if few else shares[col], strict=True)),
                    item_rest=r,
                    scored_mean=None if mean is None else (flip - mean if item.reverse else mean),
                    favourable=favourable,
                    neutral=neutral,
                    unfavourable=unfavourable,
                )
            )
        results.append(
            stat_result(
                factor.id,
                stats_rows[j],
                layout,
                alpha=alpha,
                items=items,
                warnings=warnings,
                split=split_of(*factor_split[j]),
            )
        )
    return results


def ranked(factors: list[FactorResult], *, ascending: bool) -> list[str]:
    """Factor ids by mean (weakest first when ascending); factors without a score last, in their order."""
    scored = [(f.mean, f.id) for f in factors if f.mean is not None]
    scored.sort(key=lambda pair: pair[0] if ascending else -pair[0])  # stable: ties keep questionnaire order
    return [ident for _, ident in scored] + [f.id for f in factors if f.mean is None]


def strengths_and_opportunities(factors: list[FactorResult], layout: Layout) -> tuple[list[str], list[str]]:
    """``(strengths, opportunities)``: strengths are the factors that are strong by band, strongest first;
    opportunities are all other factors, weakest first (factors without a score last).

    Strong means in the highest band when the questionnaire has two or more bands, else a mean at or
    above the favourable cut-off of the scale. Being the best of a weak set is not enough, so the list may
    be empty; a factor is never both a strength and an opportunity.
    """
    if len(layout.band_ids) >= 2:
        top = layout.band_ids[-1]
        strong = {f.id for f in factors if f.mean is not None and f.band == top}
    else:
        strong = {f.id for f in factors if f.mean is not None and f.mean >= layout.favourable_from}
    strengths = [fid for fid in ranked(factors, ascending=False) if fid in strong]
    opportunities = [fid for fid in ranked(factors, ascending=True) if fid not in strong]
    return strengths, opportunities
