"""Group breakdowns per company and the leaders/employees comparison, with their suppression applied.

Each group column present (declared groups first) becomes one :class:`~lerende_scan.results.Breakdown`
per company: the mean factor scores and index of every group, from the per-group sums of the scan
(:class:`~lerende_scan.scoring.moments.Moments`). Which groups and comparisons are hidden is decided in
:mod:`lerende_scan.scoring.privacy`; this module only applies it, and says why a group is hidden.

The leader comparison ("keten van leren") gives per factor the gap (leaders minus employees) with its
Welch 95% CI and Hedges' g (:func:`lerende_scan.waves.effect.effect`, the same formulas as the waves), and
per statement the gap of the scored means. :func:`hotspots` picks the lowest shown group × factor cells.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet
from lerende_scan.results import (
    Breakdown,
    FactorResult,
    GroupScore,
    Hotspot,
    LeaderComparison,
    LeaderGap,
    LeaderItemGap,
)
from lerende_scan.scoring import privacy, quality
from lerende_scan.scoring.factors import float_or_none
from lerende_scan.scoring.moments import Floats, Ints, Moments
from lerende_scan.waves.effect import Sample, effect

__all__ = ["HOTSPOTS", "UNKNOWN_GROUP", "Breakdowns", "group_columns", "hotspots"]

HOTSPOTS = 5
"""How many of the lowest group × factor cells a company result keeps (scores.json, xlsx); the summary
names the first few (``report.company.summary.HOTSPOTS``)."""

UNKNOWN_GROUP = "(onbekend)"
"""Group name for a blank group value; such respondents form a group so they cannot be recovered by
subtracting the shown groups from the company total."""


@dataclass
class _Column:
    """One group column over all companies."""

    name: str
    labels: list[str]  # normalised group names
    sizes: npt.NDArray[np.int64]  # companies × groups: valid respondents
    stats: Floats  # companies × groups × (factors + index): means
    sums: Floats  # companies × groups × cols: sums of scores
    squares: Floats  # companies × groups × cols: sums of squared scores
    counts: Floats  # companies × groups × cols: non-missing scores


@dataclass
class Breakdowns:
    """Every company's breakdowns, from the stacked group sums of the scan; what to hide is computed once
    per column and company, and shared by the breakdown and the leader comparison."""

    columns: list[_Column]
    min_size: int
    factor_ids: list[str]
    leader_column: str | None
    leader_values: frozenset[str]
    item_ids: list[str] = field(default_factory=list)
    item_factors: list[str] = field(default_factory=list)
    item_sign: Floats = field(default_factory=lambda: np.ones(0))
    mid: float = 0.0
    item_sums: Floats | None = None  # companies × leader-column groups × (Σ z | answers) per item
    hidden: dict[tuple[str, int], set[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, q: Questionnaire, group_columns: list[tuple[str, Ints, list[str]]], moments: list[Moments]
    ) -> Breakdowns:
        columns: list[_Column] = []
        for g, (name, _, labels) in enumerate(group_columns):
            totals = np.stack([m.groups[g] for m in moments]) if moments else np.zeros((0, len(labels), 1))
            n_cols = (totals.shape[2] - 1) // 3
            sums = totals[:, :, :n_cols]
            squares = totals[:, :, n_cols : 2 * n_cols]
            counts = totals[:, :, 2 * n_cols : 3 * n_cols]
            with np.errstate(divide="ignore", invalid="ignore"):
                means = sums / counts
            sizes = np.rint(totals[:, :, -1]).astype(np.int64)
            columns.append(
                _Column(
                    name=name,
                    labels=labels,
                    sizes=sizes,
                    stats=means,
                    sums=sums,
                    squares=squares,
                    counts=counts,
                )
            )
        item_groups = [m.item_groups for m in moments]
        items = q.items
        return cls(
            columns=columns,
            min_size=q.anonymity.min_group_size,
            factor_ids=[f.id for f in q.factors],
            leader_column=leader_column(q, [name for name, _, _ in group_columns]),
            leader_values=frozenset(v.strip().casefold() for v in (q.leaders.values if q.leaders else [])),
            item_ids=[i.id for i in items],
            item_factors=[q.item_factor[i.id] for i in items],
            item_sign=np.array([-1.0 if i.reverse else 1.0 for i in items]),
            mid=(q.scale.min + q.scale.max) / 2.0,
            item_sums=np.stack([x for x in item_groups if x is not None])
            if item_groups and all(x is not None for x in item_groups)
            else None,
        )

    def _hidden(self, col: _Column, c: int) -> set[str]:
        key = (col.name, c)
        if key not in self.hidden:
            sizes = {label: int(n) for label, n in zip(col.labels, col.sizes[c], strict=True) if n}
            self.hidden[key] = privacy.suppress(sizes, self.min_size)
        return self.hidden[key]

    def identifying(self, c: int) -> dict[str, tuple[int, int]]:
        """Columns that put at least half of company ``c``'s respondents with a value in groups too small
        to show: name -> (in small groups, with a value).

        A free-text or id column declared as a group makes one hidden group per person, and the names of
        hidden groups are listed: the comments or ids themselves would be in every output.
        """
        out: dict[str, tuple[int, int]] = {}
        for col in self.columns:
            known = np.array([label != UNKNOWN_GROUP for label in col.labels], dtype=bool)
            sizes = col.sizes[c]
            answered = int(sizes[known].sum())
            small = int(sizes[known & (sizes > 0) & (sizes < self.min_size)].sum())
            if answered and 2 * small >= answered:
                out[col.name] = (small, answered)
        return out

    def for_company(self, c: int, leave_out: Collection[str] = ()) -> list[Breakdown]:
        out: list[Breakdown] = []
        for col in self.columns:
            if col.name in leave_out:
                continue
            hidden = self._hidden(col, c)
            present = [g for g in range(len(col.labels)) if col.sizes[c, g]]
            cells = [
                privacy.suppress_cells(
                    {col.labels[g]: int(col.counts[c, g, j]) for g in present}, hidden, self.min_size
                )
                for j in range(col.counts.shape[2])
            ]
            present.sort(
                key=lambda g: (col.labels[g] == UNKNOWN_GROUP, col.labels[g].casefold(), col.labels[g])
            )
            groups = []
            for g in present:
                label = col.labels[g]
                if label in hidden:
                    small = int(col.sizes[c, g]) < self.min_size
                    reason = "too_small" if small else "protects_other"
                    groups.append(GroupScore(name=label, suppressed=True, suppressed_reason=reason))
                    continue
                means = [
                    None if label in cells[j] else float_or_none(m) for j, m in enumerate(col.stats[c, g])
                ]
                groups.append(
                    GroupScore(
                        name=label,
                        n=int(col.sizes[c, g]),
                        factors={f: means[j] for j, f in enumerate(self.factor_ids)},
                        index=means[-1],
                        scored=dict(
                            zip([*self.factor_ids, "index"], map(int, col.counts[c, g].tolist()), strict=True)
                        ),
                    )
                )
            out.append(Breakdown(column=col.name, groups=groups))
        return out

    def leaders_for(self, c: int) -> LeaderComparison | None:
        """Leaders vs employees; suppressed when either side is small or showing both sides would expose
        a group hidden in the leader column's breakdown (see :func:`privacy.split_suppressed`)."""
        if self.leader_column is None:
            return None
        col = next(col for col in self.columns if col.name == self.leader_column)
        is_leader = np.array([label.casefold() in self.leader_values for label in col.labels], dtype=bool)
        n_lead = int(col.sizes[c, is_leader].sum())
        n_emp = int(col.sizes[c, ~is_leader].sum())
        hidden = self._hidden(col, c)
        sizes = {label: int(n) for label, n in zip(col.labels, col.sizes[c], strict=True) if n}
        lead_side = [
            label for label, lead in zip(col.labels, is_leader, strict=True) if lead and label in sizes
        ]
        emp_side = [
            label for label, lead in zip(col.labels, is_leader, strict=True) if not lead and label in sizes
        ]
        if privacy.split_suppressed([lead_side, emp_side], sizes, hidden, self.min_size):
            return LeaderComparison(suppressed=True)
        lead, emp = _sides(col, c, is_leader), _sides(col, c, ~is_leader)
        # A side with a factor's score from fewer than min_size people shows neither side's mean of it:
        # the company's mean minus the other side would give it back.
        few = [min(a.n, b.n) < self.min_size for a, b in zip(lead, emp, strict=True)]
        lead = [Sample(a.n, None, None) if f else a for a, f in zip(lead, few, strict=True)]
        emp = [Sample(b.n, None, None) if f else b for b, f in zip(emp, few, strict=True)]
        gaps = [_gap(f, lead[j], emp[j]) for j, f in enumerate(self.factor_ids)]
        return LeaderComparison(
            suppressed=False,
            n_leaders=n_lead,
            n_employees=n_emp,
            factors=gaps,
            items=self._item_gaps(c, is_leader),
        )

    def _item_gaps(self, c: int, is_leader: npt.NDArray[np.bool_]) -> list[LeaderItemGap]:
        """Per statement, leaders minus employees on the scored means; largest absolute gap first."""
        if self.item_sums is None:
            return []
        k = len(self.item_ids)
        block = self.item_sums[c]
        out: list[LeaderItemGap] = []
        answered = [block[side, k:].sum(axis=0) for side in (is_leader, ~is_leader)]
        few = np.minimum(answered[0], answered[1]) < self.min_size  # as for factors: neither side shown
        with np.errstate(divide="ignore", invalid="ignore"):
            means = [
                np.where(few, np.nan, self.mid + self.item_sign * block[side, :k].sum(axis=0) / n)
                for side, n in zip((is_leader, ~is_leader), answered, strict=True)
            ]
        leads, emps = means[0].tolist(), means[1].tolist()
        for item, factor, lead, emp in zip(self.item_ids, self.item_factors, leads, emps, strict=True):
            a, b = float_or_none(lead), float_or_none(emp)
            gap = None if a is None or b is None else a - b
            # plain floats and strings built here: validation would cost a third of this loop at 500
            # companies, and checks nothing the arithmetic does not guarantee
            out.append(
                LeaderItemGap.model_construct(item=item, factor=factor, leaders=a, employees=b, gap=gap)
            )
        out.sort(key=lambda x: -1.0 if x.gap is None else -abs(x.gap))
        return out


def _sides(col: _Column, c: int, side: npt.NDArray[np.bool_]) -> list[Sample]:
    """One side of the leader split per score column: n, mean and SD (n-1) of the respondent scores,
    from the side's summed group totals (one reduction per total, not per column)."""
    counts = col.counts[c, side].sum(axis=0).tolist()
    totals = col.sums[c, side].sum(axis=0).tolist()
    squares = col.squares[c, side].sum(axis=0).tolist()
    out: list[Sample] = []
    for n, total, square in zip(counts, totals, squares, strict=True):
        if n == 0:
            out.append(Sample(0, None, None))
            continue
        mean = total / n
        sd = math.sqrt(max(square - n * mean * mean, 0.0) / (n - 1)) if n >= 2 else None
        out.append(Sample(int(n), mean, sd))
    return out


def _gap(factor: str, leaders: Sample, employees: Sample) -> LeaderGap:
    a, b = leaders.mean, employees.mean
    gap = None if a is None or b is None else a - b
    change = effect(employees, leaders)  # "after" minus "before": leaders minus employees
    if change is None:
        return LeaderGap(factor=factor, leaders=a, employees=b, gap=gap)
    return LeaderGap(
        factor=factor,
        leaders=a,
        employees=b,
        gap=gap,
        ci_low=change.ci_low,
        ci_high=change.ci_high,
        g=change.g,
    )


def leader_column(q: Questionnaire, present: list[str]) -> str | None:
    """The questionnaire's leader column when the data has it, else None."""
    leaders = q.leaders
    return leaders.column if leaders is not None and leaders.column in present else None


def hotspots(
    groups: list[Breakdown],
    factors: list[FactorResult],
    limit: int = HOTSPOTS,
    skip_column: str | None = None,
) -> list[Hotspot]:
    """The lowest group × factor cells that may be shown and lie below the company's own score on that
    factor, lowest first (ties: column, group, factor).

    Only shown groups count, and not the group of blank values (:data:`UNKNOWN_GROUP`): it names no one a
    director can talk to; nor the ``skip_column`` (the leader column, which has a section of its own). The
    difference is the group's score minus the company's on that factor.
    """
    company = {f.id: f.mean for f in factors}
    cells: list[Hotspot] = []
    for b in groups:
        if b.column == skip_column:
            continue
        for g in b.groups:
            if g.suppressed or g.factors is None or g.name == UNKNOWN_GROUP:
                continue
            for fid, value in g.factors.items():
                if value is None:
                    continue
                total = company.get(fid)
                if total is None or value >= total:
                    continue
                diff = value - total
                cells.append(
                    Hotspot(column=b.column, group=g.name, factor=fid, score=value, difference=diff, n=g.n)
                )
    cells.sort(key=lambda h: (h.score, h.column, h.group, h.factor))
    return cells[:limit]


def group_columns(responses: ResponseSet, q: Questionnaire) -> list[tuple[str, Ints, list[str]]]:
    """``(column, group code per row, group names)`` for each group column present.

    Declared groups first, in questionnaire order. Blank or missing values form the group
    :data:`UNKNOWN_GROUP`, so they cannot be recovered by subtracting the shown groups from the total.
    """
    present = [str(g) for g in q.groups if g in responses.groups.columns]
    present += [str(g) for g in responses.groups.columns if g not in present]
    out: list[tuple[str, Ints, list[str]]] = []
    for name in present:
        codes, labels = quality.text_codes(responses.groups[name])
        if UNKNOWN_GROUP in labels:
            unknown = labels.index(UNKNOWN_GROUP)
        else:
            unknown = len(labels)
            labels = [*labels, UNKNOWN_GROUP]
        out.append((name, np.where(codes < 0, unknown, codes), labels))
    return out
