"""Result models of the driver analysis, the motivation spread and the pioneer groups (in scores.json).

They hold aggregates only: weights and intervals, shares of respondents per level, and group means of
groups that a breakdown may show. Missing numbers are ``None`` (JSON ``null``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DriverResult",
    "DriverWeight",
    "GroupSpread",
    "LevelShares",
    "MotivationSpread",
    "Pioneer",
    "SectorDrivers",
    "SectorSpread",
]

DriverStatus = Literal["ok", "too_few", "collinear", "no_variance"]


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DriverWeight(_Result):
    """One driver's relative weight (Johnson), with its 95% bootstrap percentile interval."""

    factor: str
    raw: float = Field(description="Share of the outcome's variance this driver accounts for; sums to r2.")
    share: float = Field(description="raw / r2: the driver's share of the explained variance (sums to 1).")
    ci_low: float | None = Field(description="95% bootstrap interval of raw, lower bound.")
    ci_high: float | None
    share_ci_low: float | None = None
    share_ci_high: float | None = None
    distinguishable: bool = Field(
        description="Its weight beats a random variable's in 97.5% of resamples (Tonidandel, LeBreton and"
        " Johnson 2009); false: not distinguishable from zero."
    )
    act_first: bool = Field(
        default=False, description="Low score and high impact: share at least 1/predictors, score not strong."
    )


class DriverResult(_Result):
    """What drives the outcome factor: relative weights of the predictors, or why there are none."""

    outcome: str
    predictors: list[str]
    status: DriverStatus = Field(
        description="ok; too_few (fewer complete respondents than min_respondents); collinear (a predictor"
        " is a linear combination of others, named in factors); no_variance (named in factors)."
    )
    n: int = Field(description="Complete respondents: a score on the outcome and on every predictor.")
    min_respondents: int
    r2: float | None = Field(default=None, description="R² of the outcome on all predictors.")
    r2_ci_low: float | None = None
    r2_ci_high: float | None = None
    weights: list[DriverWeight] = Field(default_factory=list, description="Highest weight first.")
    priorities: list[str] = Field(
        default_factory=list,
        description="Predictor ids in the order to improve them: act-first drivers (highest weight first),"
        " then the others by score, lowest first.",
    )
    opportunities_by_score: list[str] = Field(
        default_factory=list,
        description="The company's improvement opportunities by score alone (weakest first), as scoring"
        " ranks them; the company's opportunities then put the act-first drivers first.",
    )
    factors: list[str] = Field(default_factory=list, description="The factors a collinear/no_variance names.")
    resamples: int = Field(default=0, description="Bootstrap resamples behind the intervals.")
    method: str = "Johnson's relative weights; 95% percentile bootstrap intervals"

    def weight(self, factor_id: str) -> DriverWeight | None:
        return next((w for w in self.weights if w.factor == factor_id), None)


class LevelShares(_Result):
    """Shares of respondents (with an outcome score) per level; they sum to 1."""

    high: float
    moderate: float
    low: float


class GroupSpread(_Result):
    """The spread in one group that its breakdown shows (never a suppressed group)."""

    column: str
    group: str
    n: int = Field(description="Respondents of the group with an outcome score.")
    mean: float | None
    shares: LevelShares


class MotivationSpread(_Result):
    """How motivated the respondents are: shares per level, for the company and per shown group."""

    factor: str
    low_below: float = Field(description="A score below this is 'little motivated'.")
    high_from: float = Field(description="A score from this up is 'highly motivated'.")
    n: int
    shares: LevelShares
    groups: list[GroupSpread] = Field(default_factory=list)


class Pioneer(_Result):
    """A shown group ranked by its mean outcome score, with its room to grow on the drivers."""

    column: str
    group: str
    n: int
    motivation: float
    above_company: bool = Field(description="Its mean is above the company's.")
    room: str | None = Field(description="The driver with the group's lowest mean score.")
    room_score: float | None


class SectorSpread(_Result):
    """How motivated the sector is: the shares of all respondents per level, and of the companies by the
    level of their mean (aggregates only)."""

    factor: str
    low_below: float
    high_from: float
    respondents: int = Field(description="Respondents of the benchmark's companies with an outcome score.")
    shares: LevelShares
    companies: int = Field(description="Companies with a mean outcome score.")
    company_shares: LevelShares = Field(description="Shares of companies whose mean is in each level.")
    lowest: float | None = Field(default=None, description="The lowest company mean.")
    highest: float | None = Field(default=None, description="The highest company mean.")


class SectorDrivers(_Result):
    """What drives the outcome in a sector: on all respondents of all companies, and on company means."""

    respondents: DriverResult = Field(description="All respondents of the benchmark's companies, pooled.")
    companies: DriverResult = Field(
        description="Company means as units; status too_few below min_respondents (30) companies."
    )
    motivation: SectorSpread
