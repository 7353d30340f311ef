"""The wave models: what ``scores.json`` (``wave``, ``waves``) and ``benchmark.json`` (``waves``) hold,
and the options of a run that compares waves (:class:`WaveOptions`).

Pure pydantic, importing nothing else of lerende-scan, so :mod:`lerende_scan.results` and
:mod:`lerende_scan.benchmark` can use them without import cycles. Aggregates only: means, SDs, counts and
changes, never respondent rows; groups hidden by the privacy rules carry no numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "PRACTICAL_G",
    "Change",
    "DiffRow",
    "GroupChange",
    "ItemChange",
    "PilotComparison",
    "SectorChange",
    "SectorWaves",
    "StatementChange",
    "TrendPoint",
    "WaveComparison",
    "WaveOptions",
    "WaveRef",
    "WaveStat",
]

PRACTICAL_G = 0.2
"""Default threshold of the practical signal: ``|g|`` from this up is a change worth acting on."""

StatementReason = Literal["new", "removed", "reworded", "reverse-keying", "moved"]
"""The values of :class:`lerende_scan.questionnaire.diff.Change` (``scan diff``), the same words."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WaveRef(_Model):
    """Which measurement a result is: its date (the report date) and an optional name."""

    date: dt.date | None = None
    name: str | None = Field(default=None, description="--wave-name, e.g. 'nulmeting' or '2026'.")

    @property
    def label(self) -> str:
        return self.name or (self.date.isoformat() if self.date else "?")


class WaveStat(_Model):
    n: int
    mean: float | None
    sd: float | None


class Change(_Model):
    """One factor (or the index) from the earlier wave to this one; see :mod:`lerende_scan.waves.effect`."""

    id: str
    before: WaveStat
    after: WaveStat
    diff: float | None = Field(description="after − before, on the scale.")
    ci_low: float | None = Field(description="95% CI of the change (Welch).")
    ci_high: float | None
    g: float | None = Field(description="Hedges' g (pooled SD, small-sample corrected).")
    g_low: float | None = Field(description="95% CI of g.")
    g_high: float | None
    statistical: bool | None = Field(description="The CI of the change excludes 0.")
    practical: bool | None = Field(description="|g| reaches the practical threshold.")


class ItemChange(_Model):
    """One unchanged statement: means in the favourable direction (after reversal) and % favourable."""

    id: str
    factor: str
    before: float | None
    after: float | None
    diff: float | None
    favourable_before: float | None = Field(description="Share 0..1 of favourable answers.")
    favourable_after: float | None
    favourable_diff: float | None


class StatementChange(_Model):
    """A statement that cannot be compared one to one, and why."""

    id: str
    factor: str | None = Field(description="Its factor now (for 'removed': its factor then).")
    reason: StatementReason


class GroupChange(_Model):
    """A group of a breakdown in both waves. ``hidden`` groups carry no numbers (see waves.privacy)."""

    column: str
    name: str
    hidden: bool
    reason: Literal["hidden_in_a_wave", "cross_wave"] | None = None
    n_before: int | None = None
    n_after: int | None = None
    index: float | None = Field(default=None, description="Change of the group's index.")
    factors: dict[str, float | None] = Field(default_factory=dict, description="Comparable factors only.")


class TrendPoint(_Model):
    wave: str
    date: dt.date | None
    n: int
    mean: float | None
    ci_low: float | None
    ci_high: float | None


class WaveComparison(_Model):
    """``scores.json`` → ``waves``: this wave against the latest earlier one, and the trend over all."""

    previous: WaveRef
    current: WaveRef
    previous_version: str = Field(description="Questionnaire version of the earlier wave.")
    practical_g: float
    index: Change | None = Field(description="None when a factor's statements changed.")
    factors: list[Change]
    not_compared: dict[str, list[StatementChange]] = Field(
        default_factory=dict, description="Factor id -> the changed statements that stop its comparison."
    )
    statements: list[StatementChange] = Field(default_factory=list, description="Every changed statement.")
    items: list[ItemChange] = Field(default_factory=list, description="Unchanged statements, each.")
    movers_up: list[str] = Field(default_factory=list, description="Item ids, largest rise first.")
    movers_down: list[str] = Field(default_factory=list, description="Item ids, largest fall first.")
    groups: list[GroupChange] = Field(default_factory=list)
    hidden_now: list[str] = Field(
        default_factory=list,
        description="'column: group' hidden now by the cross-wave rule (size changed by 1 to k-1).",
    )
    waves: list[WaveRef] = Field(default_factory=list, description="All waves, oldest first (trend).")
    trend: dict[str, list[TrendPoint]] = Field(
        default_factory=dict, description="Factor id or 'index' -> one point per comparable wave."
    )


class SectorChange(_Model):
    """One factor (or the index) of a sector from its earlier benchmark to this one."""

    id: str
    mean_before: float | None
    mean_after: float | None
    median_before: float | None
    median_after: float | None
    companies: int = Field(description="Companies in both waves with a score in both.")
    improved: int = Field(description="Companies with g ≥ the practical threshold.")
    declined: int
    same: int


class DiffRow(_Model):
    """Difference in differences on one factor, with the company as the unit."""

    id: str
    pilots: int
    others: int
    change_pilots: float | None = Field(description="Mean change of the pilot companies.")
    change_others: float | None
    before_pilots: float | None = Field(description="Mean of the pilot companies in the earlier wave.")
    before_others: float | None
    did: float | None = Field(description="change_pilots − change_others.")
    ci_low: float | None = Field(description="95% CI (Welch, companies as the unit).")
    ci_high: float | None
    note: Literal["too_few"] | None = None


class PilotComparison(_Model):
    pilots: int
    others: int
    targeted: bool = Field(description="The pilots file names each pilot's factor.")
    factors: list[DiffRow]


class SectorWaves(_Model):
    """``benchmark.json`` → ``waves``: the sector against its earlier benchmark. Companies by count only."""

    previous: WaveRef
    current: WaveRef
    practical_g: float
    companies_both: int = Field(description="Companies in both benchmarks.")
    factors: list[SectorChange]
    not_compared: list[str] = Field(default_factory=list, description="Factor ids whose statements changed.")
    pilots: PilotComparison | None = None


@dataclass(frozen=True)
class WaveOptions:
    """What ``--previous`` and its companions ask of a run (``scan score`` and ``scan benchmark``)."""

    previous: tuple[Path, ...] = ()  # earlier scores.json files or output folders (benchmark: one folder)
    name: str | None = None  # --wave-name of this wave
    renamed: tuple[tuple[str, str], ...] = ()  # --company-match OLD=NEW
    groups_renamed: tuple[tuple[str, str], ...] = ()  # --group-match OLD=NEW (a group's earlier name)
    practical_g: float = PRACTICAL_G
    pilots: Path | None = None  # scan benchmark --pilots
