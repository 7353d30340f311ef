"""Result models: what scoring returns and what ``scores.json`` holds (see README, "scores.json").

These are the contract between the scoring core, the writers, the reports and the benchmark. They hold
aggregates only: no respondent rows, no undeclared columns. Missing numbers are ``None`` (JSON ``null``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from lerende_scan.drivers.model import DriverResult, MotivationSpread, Pioneer
from lerende_scan.waves.model import WaveComparison, WaveRef

__all__ = [
    "Breakdown",
    "CompanyResult",
    "DataQuality",
    "FactorPosition",
    "FactorResult",
    "GroupResponse",
    "GroupScore",
    "Hotspot",
    "ItemResult",
    "LeaderComparison",
    "LeaderGap",
    "LeaderItemGap",
    "Position",
    "QuestionnaireRef",
    "Respondents",
    "ResponseRate",
    "ScaleRef",
]


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScaleRef(_Result):
    """The answer scale a wave was scored on (waves refuse to compare across a changed scale)."""

    min: int
    max: int
    fingerprint: str = Field(description="Hash of min, max and the label wording.")


class QuestionnaireRef(_Result):
    id: str
    version: str
    hash: str
    scale: ScaleRef | None = None


class Respondents(_Result):
    received: int
    valid: int
    excluded: dict[str, int] = Field(default_factory=dict, description="Reason -> number of rows excluded.")
    flagged: dict[str, int] = Field(
        default_factory=dict, description="Reason -> rows flagged but kept (e.g. straight-lining)."
    )


class ItemResult(_Result):
    """One statement. ``mean`` and ``raw_distribution`` are of the answers as given; ``scored_mean`` and the
    favourable split are in the favourable direction (after reversal), as a reader should see them."""

    id: str
    factor: str
    reverse: bool
    n: int
    mean: float | None = Field(description="Mean of the raw answers (before reversal).")
    sd: float | None
    missing_pct: float
    # Named "raw_" because the statement's favourable view (scored_mean, favourable, ...) sits beside it;
    # scores.json files of earlier versions call it "distribution" and still load.
    raw_distribution: dict[str, float] = Field(
        validation_alias=AliasChoices("raw_distribution", "distribution"),
        description="Answer value as given (before reversal) -> share of the item's answered responses"
        " (sums to 1).",
    )
    item_rest: float | None = Field(default=None, description="Correlation with the rest of its factor.")
    fingerprint: str | None = Field(
        default=None, description="Hash of the statement's wording in every language, keying and scale."
    )
    scored_mean: float | None = Field(
        default=None,
        description="Mean after reversal (min + max - mean for a reverse-keyed statement): higher is"
        " always more favourable.",
    )
    favourable: float | None = Field(
        default=None, description="Share of answers on the favourable side after reversal (0..1)."
    )
    neutral: float | None = Field(default=None, description="Share of answers between the cut-offs (0..1).")
    unfavourable: float | None = Field(
        default=None, description="Share of answers on the unfavourable side after reversal (0..1)."
    )

    @property
    def distribution(self) -> dict[str, float]:
        """Temporary alias of :attr:`raw_distribution` for callers of the old name."""
        return self.raw_distribution


class FactorResult(_Result):
    id: str
    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    alpha: float | None = Field(description="Cronbach's raw alpha from pairwise-complete covariances.")
    band: str | None = Field(description="Band id from the questionnaire.")
    items: list[ItemResult] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="Catalogue ids, e.g. S001 (low alpha).")
    favourable: float | None = Field(
        default=None,
        description="Share of favourable answers, pooled over the factor's answered statements after"
        " reversal (every answer counts once); for the index the mean of the factors' shares.",
    )
    neutral: float | None = Field(default=None, description="Share of neutral answers, pooled likewise.")
    unfavourable: float | None = Field(
        default=None, description="Share of unfavourable answers, pooled likewise."
    )


class GroupScore(_Result):
    """One group of a breakdown. A suppressed group carries no scores and no exact n."""

    name: str
    suppressed: bool = False
    suppressed_reason: Literal["too_small", "protects_other"] | None = Field(
        default=None,
        description="Why a group is hidden: 'too_small' (under the anonymity threshold) or"
        " 'protects_other' (hidden only so that a small group cannot be worked out from the total).",
    )
    n: int | None = None
    factors: dict[str, float | None] | None = None
    index: float | None = None
    scored: dict[str, int] | None = Field(
        default=None,
        description="Per factor id and 'index': how many in the group have that score (the rest answered"
        " 'Weet niet' or too few of its statements); the cross-wave rule compares these between waves.",
    )


class Breakdown(_Result):
    column: str
    groups: list[GroupScore]


class LeaderGap(_Result):
    """Leaders vs employees on one factor; ``gap`` is leaders minus employees."""

    factor: str
    leaders: float | None
    employees: float | None
    gap: float | None
    ci_low: float | None = Field(default=None, description="95% CI of the gap (Welch), low end.")
    ci_high: float | None = Field(default=None, description="95% CI of the gap (Welch), high end.")
    g: float | None = Field(
        default=None, description="Hedges' g of the gap: the gap in pooled SDs, small-sample corrected."
    )


class LeaderItemGap(_Result):
    """Leaders vs employees on one statement, in the favourable direction (scored means)."""

    item: str
    factor: str
    leaders: float | None
    employees: float | None
    gap: float | None


class LeaderComparison(_Result):
    suppressed: bool
    n_leaders: int | None = None
    n_employees: int | None = None
    factors: list[LeaderGap] = Field(default_factory=list)
    items: list[LeaderItemGap] = Field(
        default_factory=list, description="Per statement, largest absolute gap first."
    )


class DataQuality(_Result):
    received: int
    valid: int
    excluded: dict[str, int]
    flagged: dict[str, int]
    missing_pct: dict[str, float] = Field(description="Item id -> % missing among valid respondents.")
    out_of_range: dict[str, int] = Field(default_factory=dict, description="Column -> answers made missing.")
    findings: list[str] = Field(
        default_factory=list, description="The one-line messages as printed, without quoted answers."
    )


class FactorPosition(_Result):
    id: str
    percentile: float | None
    quartile: int | None
    diff_median: float | None
    sector_p25: float | None = None
    sector_median: float | None = None
    sector_p75: float | None = None


class Position(_Result):
    """The company's place in a sector benchmark."""

    name: str
    companies: int
    code: str | None = Field(
        default=None, description="The company's own code in the benchmark, if it is in it."
    )
    factors: list[FactorPosition]


class GroupResponse(_Result):
    """The response rate of one group; a group hidden in its breakdown shows no responses and no rate."""

    column: str
    name: str
    invited: int
    responses: int | None = None
    rate: float | None = None
    suppressed: bool = False


class ResponseRate(_Result):
    """Usable responses against the number invited (``--invited`` or a population file)."""

    invited: int
    responses: int = Field(description="Valid respondents (the ones the scores are made of).")
    rate: float | None = Field(description="responses / invited (0..1; above 1 means a count is wrong).")
    groups: list[GroupResponse] = Field(default_factory=list)


class Hotspot(_Result):
    """One of the lowest group × factor cells that may be shown (the summary's "where it hurts")."""

    column: str
    group: str
    factor: str
    score: float
    difference: float | None = Field(description="Group score minus the company's score on the factor.")
    n: int | None = None


class CompanyResult(_Result):
    questionnaire: QuestionnaireRef
    company: str
    respondents: Respondents
    index: FactorResult = Field(description="Overall learning-organisation index: mean of the factor scores.")
    factors: list[FactorResult]
    opportunities: list[str] = Field(description="Factor ids that are not strengths, weakest first.")
    strengths: list[str] = Field(
        description="Factor ids, strongest first: only factors in the highest band (without bands: a"
        " mean at or above the favourable cut-off); never also an opportunity; empty when none is strong."
    )
    groups: list[Breakdown] = Field(default_factory=list)
    leaders: LeaderComparison | None = None
    data_quality: DataQuality
    benchmark: Position | None = None
    response: ResponseRate | None = Field(
        default=None, description="Response rate with --invited or --population; None when unknown."
    )
    hotspots: list[Hotspot] = Field(
        default_factory=list, description="The lowest shown group × factor cells, lowest first."
    )
    drivers: DriverResult | None = Field(
        default=None, description="What drives the outcome factor (questionnaire 'drivers'), or why not."
    )
    motivation: MotivationSpread | None = Field(
        default=None, description="Shares of respondents highly, moderately and little motivated."
    )
    pioneers: list[Pioneer] = Field(
        default_factory=list, description="Shown groups ranked by motivation, highest first."
    )
    wave: WaveRef | None = Field(default=None, description="This measurement's date and name.")
    waves: WaveComparison | None = Field(default=None, description="With --previous: before and after.")

    def factor(self, factor_id: str) -> FactorResult:
        return next(f for f in self.factors if f.id == factor_id)
