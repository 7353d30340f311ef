"""The exact optimum of small instances with ``scipy.optimize.milp``: the yardstick for the heuristic.

Binary ``w[i, c, t]``: leader i in circle c, which has theme t; binary ``y[c, t]``: circle c has theme t;
binary ``o[i]``: leader i stays out (only when the sizes cannot hold everyone). Maximise the total fit
subject to the same rules the heuristic keeps: one place per leader, one theme per circle, sizes within
bounds, department caps, links apart, joined leaders together. Tractable up to about 24 leaders; used by
the tests and ``benchmarks/circles_bench.py``, never by ``scan circles``.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from lerende_scan.circles.plan import Problem

__all__ = ["exact_optimum"]


def exact_optimum(problem: Problem, *, time_limit: float = 60.0) -> float | None:
    """The largest total fit any set of circles keeping every rule can reach; None if none exists."""
    n, t_count = (int(x) for x in problem.fit.shape)
    k = problem.circles
    n_w = n * k * t_count
    n_y = k * t_count
    n_vars = n_w + n_y + n

    def w(i: int, c: int, t: int) -> int:
        return (i * k + c) * t_count + t

    def y(c: int, t: int) -> int:
        return n_w + c * t_count + t

    def out(i: int) -> int:
        return n_w + n_y + i

    rows: list[tuple[dict[int, float], float, float]] = []
    for i in range(n):  # one place each
        rows.append(({**{w(i, c, t): 1.0 for c in range(k) for t in range(t_count)}, out(i): 1.0}, 1, 1))
    rows.append(({out(i): 1.0 for i in range(n)}, problem.spare, problem.spare))
    for c in range(k):
        rows.append(({y(c, t): 1.0 for t in range(t_count)}, 1, 1))
        members = {w(i, c, t): 1.0 for i in range(n) for t in range(t_count)}
        rows.append((members, problem.lo, problem.hi))
        for i in range(n):
            for t in range(t_count):
                rows.append(({w(i, c, t): 1.0, y(c, t): -1.0}, -np.inf, 0))
        for d, cap in enumerate(problem.caps):
            dept = np.flatnonzero(problem.department == d)
            rows.append(({w(int(i), c, t): 1.0 for i in dept for t in range(t_count)}, 0, float(cap)))
        for a, b in _leader_links(problem):
            both = {w(a, c, t): 1.0 for t in range(t_count)} | {w(b, c, t): 1.0 for t in range(t_count)}
            rows.append((both, 0, 1))
        for a, b in _joined(problem):
            pair = {w(a, c, t): 1.0 for t in range(t_count)} | {w(b, c, t): -1.0 for t in range(t_count)}
            rows.append((pair, 0, 0))
        if c + 1 < k:  # symmetry: circles ordered by theme index
            order = {y(c, t): float(t) for t in range(t_count)}
            for t in range(t_count):
                order[y(c + 1, t)] = order.get(y(c + 1, t), 0.0) - float(t)
            rows.append((order, -np.inf, 0))
    matrix = lil_matrix((len(rows), n_vars))
    lo = np.empty(len(rows))
    hi = np.empty(len(rows))
    for r, (coefs, low, high) in enumerate(rows):
        for j, v in coefs.items():
            matrix[r, j] = v
        lo[r], hi[r] = low, high
    cost = np.zeros(n_vars)
    for i in range(n):
        for c in range(k):
            for t in range(t_count):
                cost[w(i, c, t)] = -problem.fit[i, t]
    result = milp(
        cost,
        constraints=LinearConstraint(matrix.tocsr(), lo, hi),
        integrality=np.ones(n_vars),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit},
    )
    if result.x is None or result.status not in (0,):
        return None
    return float(-result.fun)


def _leader_links(problem: Problem) -> list[tuple[int, int]]:
    """Unit links as leader pairs: every member of one unit apart from every member of the other."""
    members = [np.flatnonzero(problem.unit == u) for u in range(problem.units)]
    return [(int(a), int(b)) for ua, ub in problem.links for a in members[ua] for b in members[ub]]


def _joined(problem: Problem) -> list[tuple[int, int]]:
    pairs = []
    for u in range(problem.units):
        members = np.flatnonzero(problem.unit == u)
        pairs += [(int(members[0]), int(m)) for m in members[1:]]
    return pairs
