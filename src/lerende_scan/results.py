"""Result models: what scoring returns and what ``scores.json`` holds (see README, "scores.json").

These are the contract between the scoring core, the writers, the reports and the benchmark. They hold
aggregates only: no respondent rows, no undeclared columns. Missing numbers are ``None`` (JSON ``null``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from lerende_scan.drivers.model import DriverResult, MotivationSpread, Pioneer

from lerende_scan.waves.model import WaveComparison, WaveRef

__all__ = [
    "Breakdown",
    "CompanyResult",
    "DataQuality",
    "FactorPosition",
    "FactorResult",
    "GroupScore",
    "ItemResult",
    "LeaderGap",
    "Position",
    "QuestionnaireRef",
    "Respondents",
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
    id: str
    factor: str
    reverse: bool
    n: int
    mean: float | None = Field(description="Mean of the raw answers (before reversal).")
    sd: float | None
    missing_pct: float
    distribution: dict[str, float] = Field(
        description="Answer value -> share of the item's answered responses (sums to 1)."
    )
    item_rest: float | None = Field(default=None, description="Correlation with the rest of its factor.")
    fingerprint: str | None = Field(
        default=None, description="Hash of the statement's wording in every language, keying and scale."
    )


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


class GroupScore(_Result):
    """One group of a breakdown. A suppressed group carries no scores and no exact n."""

    name: str
    suppressed: bool = False
    n: int | None = None
    factors: dict[str, float | None] | None = None
    index: float | None = None


class Breakdown(_Result):
    column: str
    groups: list[GroupScore]


class LeaderGap(_Result):
    """Leaders vs employees on one factor; ``gap`` is leaders minus employees."""

    factor: str
    leaders: float | None
    employees: float | None
    gap: float | None


class LeaderComparison(_Result):
    suppressed: bool
    n_leaders: int | None = None
    n_employees: int | None = None
    factors: list[LeaderGap] = Field(default_factory=list)


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


class CompanyResult(_Result):
    questionnaire: QuestionnaireRef
    company: str
    respondents: Respondents
    index: FactorResult = Field(description="Overall learning-organisation index: mean of the factor scores.")
    factors: list[FactorResult]
    opportunities: list[str] = Field(description="Factor ids, weakest first.")
    strengths: list[str] = Field(description="Factor ids, strongest first.")
    groups: list[Breakdown] = Field(default_factory=list)
    leaders: LeaderComparison | None = None
    data_quality: DataQuality
    benchmark: Position | None = None
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
