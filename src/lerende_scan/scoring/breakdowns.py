"""Group breakdowns per company and the leaders/employees comparison, with their suppression applied.

Each group column present (declared groups first) becomes one :class:`~lerende_scan.results.Breakdown`
per company: the mean factor scores and index of every group, from the per-group sums of the scan
(:class:`~lerende_scan.scoring.moments.Moments`). Which groups and comparisons are hidden is decided in
:mod:`lerende_scan.scoring.privacy`; this module only applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet
from lerende_scan.results import Breakdown, GroupScore, LeaderComparison, LeaderGap
from lerende_scan.scoring import privacy, quality
from lerende_scan.scoring.factors import float_or_none
from lerende_scan.scoring.moments import Floats, Ints, Moments

__all__ = ["UNKNOWN_GROUP", "Breakdowns", "group_columns"]

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
    hidden: dict[tuple[str, int], set[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, q: Questionnaire, group_columns: list[tuple[str, Ints, list[str]]], moments: list[Moments]
    ) -> Breakdowns:
        columns: list[_Column] = []
        for g, (name, _, labels) in enumerate(group_columns):
            totals = np.stack([m.groups[g] for m in moments]) if moments else np.zeros((0, len(labels), 1))
            n_cols = (totals.shape[2] - 1) // 2
            sums, counts = totals[:, :, :n_cols], totals[:, :, n_cols : 2 * n_cols]
            with np.errstate(divide="ignore", invalid="ignore"):
                means = sums / counts
            sizes = np.rint(totals[:, :, -1]).astype(np.int64)
            columns.append(
                _Column(name=name, labels=labels, sizes=sizes, stats=means, sums=sums, counts=counts)
            )
        leaders = q.leaders
        present = {name for name, _, _ in group_columns}
        return cls(
            columns=columns,
            min_size=q.anonymity.min_group_size,
            factor_ids=[f.id for f in q.factors],
            leader_column=leaders.column if leaders is not None and leaders.column in present else None,
            leader_values=frozenset(v.strip().casefold() for v in (leaders.values if leaders else [])),
        )

    def _hidden(self, col: _Column, c: int) -> set[str]:
        key = (col.name, c)
        if key not in self.hidden:
            sizes = {label: int(n) for label, n in zip(col.labels, col.sizes[c], strict=True) if n}
            self.hidden[key] = privacy.suppress(sizes, self.min_size)
        return self.hidden[key]

    def for_company(self, c: int) -> list[Breakdown]:
        out: list[Breakdown] = []
        for col in self.columns:
            hidden = self._hidden(col, c)
            present = [g for g in range(len(col.labels)) if col.sizes[c, g]]
            present.sort(
                key=lambda g: (col.labels[g] == UNKNOWN_GROUP, col.labels[g].casefold(), col.labels[g])
            )
            groups = []
            for g in present:
                label = col.labels[g]
                if label in hidden:
                    groups.append(GroupScore(name=label, suppressed=True))
                    continue
                means = col.stats[c, g]
                groups.append(
                    GroupScore(
                        name=label,
                        n=int(col.sizes[c, g]),
                        factors={f: float_or_none(means[j]) for j, f in enumerate(self.factor_ids)},
                        index=float_or_none(means[-1]),
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
        with np.errstate(divide="ignore", invalid="ignore"):
            lead = col.sums[c, is_leader].sum(axis=0) / col.counts[c, is_leader].sum(axis=0)
            emp = col.sums[c, ~is_leader].sum(axis=0) / col.counts[c, ~is_leader].sum(axis=0)
        gaps = []
        for j, f in enumerate(self.factor_ids):
            a, b = float_or_none(lead[j]), float_or_none(emp[j])
            gaps.append(
                LeaderGap(factor=f, leaders=a, employees=b, gap=None if a is None or b is None else a - b)
            )
        return LeaderComparison(suppressed=False, n_leaders=n_lead, n_employees=n_emp, factors=gaps)


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
