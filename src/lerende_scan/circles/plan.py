"""The optimisation problem in arrays: circle count and sizes, department caps, joined units, links.

:func:`plan` turns checked needs and options into a :class:`Problem` the search and the exact solver share,
and refuses impossible rule sets (a department too large for its cap, a joined group larger than a
circle, a pair that must be both apart and together) with a catalogue error naming the fix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lerende_scan.circles.model import CircleOptions, Leader, Needs, SizeRule
from lerende_scan.errors import Code, Finding, ScanError

__all__ = ["MAX_LEADERS", "Problem", "circle_count", "plan"]

MAX_LEADERS = 2_000
"""Leaders per run at most: the search compares every pair of leaders, so 2,000 take about 40 s and
0.5 GB (programmes form circles of tens to hundreds); larger files are split by the user, with a message."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Problem:
    """Leaders as arrays, grouped into units (leaders who must join move as one).

    ``fit`` is leaders × themes. ``unit`` maps each leader to its unit; ``links`` are unit pairs that must
    not share a circle (a leader and their manager, must-separate pairs). ``department`` holds codes,
    -1 for none; ``caps`` the most members per circle from each department code. ``lo``/``hi`` bound every
    circle's size; ``spare`` leaders (when no number of circles fits everyone) stay out.
    """

    fit: FloatArray
    department: IntArray
    departments: tuple[str, ...]
    caps: IntArray
    unit: IntArray
    links: tuple[tuple[int, int], ...]
    circles: int
    lo: int
    hi: int
    spare: int

    @property
    def leaders(self) -> int:
        return int(self.fit.shape[0])

    @property
    def units(self) -> int:
        return int(self.unit.max()) + 1 if len(self.unit) else 0


def circle_count(n: int, sizes: SizeRule) -> tuple[int, int]:
    """The number of circles for ``n`` leaders, and how many must stay out because no count fits.

    The count closest to ``n / target`` whose circles can hold exactly ``n`` leaders; when none can (10
    leaders in circles of 7 to 9), as many full circles as possible and the rest stay out.
    """
    fitting = [k for k in range(1, n // sizes.minimum + 1) if k * sizes.minimum <= n <= k * sizes.maximum]
    if fitting:
        return min(fitting, key=lambda k: (abs(n / k - sizes.target), k)), 0
    k = max(1, n // sizes.maximum)
    return k, n - k * sizes.maximum


def _union_find(n: int, pairs: Sequence[tuple[int, int]]) -> IntArray:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    roots = [root(i) for i in range(n)]
    order = {r: k for k, r in enumerate(dict.fromkeys(roots))}
    return np.array([order[r] for r in roots], dtype=np.int64)


def plan(needs: Needs, options: CircleOptions) -> Problem:
    """Arrays for the search; ScanError when no set of circles can keep every rule."""
    sizes = options.sizes
    leaders = needs.leaders
    if not 2 <= sizes.minimum <= sizes.target <= sizes.maximum:
        raise ScanError.of(
            Code.CIRCLE_SIZES_INVALID, minimum=sizes.minimum, target=sizes.target, maximum=sizes.maximum
        )
    n = len(leaders)
    if n < sizes.minimum:
        raise ScanError.of(Code.TOO_FEW_LEADERS, file=needs.file, count=n, minimum=sizes.minimum)
    if n > MAX_LEADERS:
        raise ScanError.of(Code.TOO_MANY_LEADERS, file=needs.file, count=n, maximum=MAX_LEADERS)
    index = {leader.id: i for i, leader in enumerate(leaders)}
    k, spare = circle_count(n, sizes)

    joins = [(index[a], index[b]) for a, b in needs.join]
    unit = _union_find(n, joins)
    _check_joins(needs, unit, sizes.maximum)

    links: set[tuple[int, int]] = set()
    separate = [(a, b, "separate") for a, b in needs.separate]
    managers = [(lead.id, lead.manager, "manager") for lead in leaders if lead.manager in index]
    for a, b, why in [*managers, *separate]:
        ua, ub = int(unit[index[a]]), int(unit[index[b]])
        if ua == ub:
            via = ", ".join(leaders[i].id for i in np.flatnonzero(unit == ua) if leaders[i].id not in (a, b))
            in_pairs = why == "separate" and needs.pairs_file  # else the manager column of the needs file
            raise ScanError(
                Finding(
                    Code.PAIR_CONFLICT,
                    file=needs.pairs_file if in_pairs else needs.file,
                    row=needs.pair_rows.get((a, b)) if in_pairs else leaders[index[a]].row,
                    params={"a": a, "b": b, "rule": why, "via": f" (through {via})" if via else ""},
                )
            )
        links.add((min(ua, ub), max(ua, ub)))

    names = tuple(sorted({lead.department for lead in leaders if lead.department is not None}))
    code = {name: i for i, name in enumerate(names)}
    department = np.array([code.get(lead.department or "", -1) for lead in leaders], dtype=np.int64)
    caps = _caps(needs, department, names, k, options.max_per_department)
    caps = _joined_caps(needs, unit, department, names, caps, options.max_per_department)
    fit = np.array([lead.fit for lead in leaders], dtype=np.float64).reshape(n, len(needs.themes))
    return Problem(
        fit=fit,
        department=department,
        departments=names,
        caps=caps,
        unit=unit,
        links=tuple(sorted(links)),
        circles=k,
        lo=sizes.minimum,
        hi=sizes.maximum,
        spare=spare,
    )


def _check_joins(needs: Needs, unit: IntArray, maximum: int) -> None:
    counts = np.bincount(unit)
    for u in np.flatnonzero(counts > maximum):
        ids = [needs.leaders[i].id for i in np.flatnonzero(unit == u)]
        file, row = join_rule_place(needs, ids)
        raise ScanError.of(
            Code.JOIN_TOO_LARGE, file=file, row=row, count=len(ids), ids=", ".join(ids), maximum=maximum
        )


def join_rule_place(needs: Needs, ids: Sequence[str]) -> tuple[str, int | None]:
    """Where the join rules among ``ids`` were written: the pairs file and the row of the first of them
    (joins come only from there; messages named the needs file, which holds none)."""
    if not needs.pairs_file:
        return needs.file, None
    members = set(ids)
    rows = [
        needs.pair_rows[a, b]
        for a, b in needs.join
        if a in members and b in members and (a, b) in needs.pair_rows
    ]
    return needs.pairs_file, min(rows, default=None)


def _caps(
    needs: Needs, department: IntArray, names: tuple[str, ...], k: int, maximum: int | None
) -> IntArray:
    """Per department the most members a circle may take: the given maximum, or as mixed as possible."""
    counts = np.bincount(department[department >= 0], minlength=len(names))
    if maximum is None:
        return np.array([math.ceil(c / k) for c in counts], dtype=np.int64)
    for name, count in zip(names, counts, strict=True):
        if count > maximum * k:
            raise ScanError.of(
                Code.DEPARTMENT_CAP_IMPOSSIBLE,
                file=needs.file,
                department=name,
                count=int(count),
                circles=k,
                cap=maximum,
                needed=math.ceil(count / k),
            )
    return np.full(len(names), maximum, dtype=np.int64)


def _joined_caps(
    needs: Needs,
    unit: IntArray,
    department: IntArray,
    names: tuple[str, ...],
    caps: IntArray,
    maximum: int | None,
) -> IntArray:
    """Caps that leave room for joined leaders of one department: raised by default, else refused."""
    caps = caps.copy()
    for u in np.unique(unit[np.bincount(unit)[unit] > 1]):
        members = np.flatnonzero(unit == u)
        depts = department[members]
        for d in np.unique(depts[depts >= 0]):
            count = int((depts == d).sum())
            if count <= caps[d]:
                continue
            if maximum is not None:
                file, row = join_rule_place(needs, [needs.leaders[i].id for i in members])
                raise ScanError.of(
                    Code.JOIN_OVER_CAP,
                    file=file,
                    row=row,
                    count=count,
                    department=names[d],
                    ids=", ".join(needs.leaders[i].id for i in members if department[i] == d),
                    cap=maximum,
                )
            caps[d] = count
    return caps


def leader_units(leaders: Sequence[Leader], unit: IntArray) -> list[list[int]]:
    """Members (leader positions) of each unit, in unit order."""
    members: list[list[int]] = [[] for _ in range(int(unit.max()) + 1 if len(unit) else 0)]
    for i, u in enumerate(unit):
        members[int(u)].append(i)
    return members
