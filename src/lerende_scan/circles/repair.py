"""The last step of the search: leave out the fewest leaders so every circle keeps every rule.

Whatever rules the search could not keep (a manager with their report, a department over its cap, a
must-separate pair) are repaired here by taking the unit breaking most rules out, one at a time; circles
then under the minimum size are dissolved and their members placed where they fit, or left out. Sizes
therefore always stay within bounds, and every leader left out is reported with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lerende_scan.circles.plan import FloatArray, IntArray, Problem

if TYPE_CHECKING:
    from lerende_scan.circles.search import Solution, _State

__all__ = ["repair", "rule_breakers"]


def repair(problem: Problem, s: _State, circ_units: IntArray, theta: IntArray) -> Solution:
    """Leave out the fewest leaders so every circle keeps every rule and stays within its size bounds.

    Units breaking a rule leave one by one (the one breaking most rules first), then circles under the
    minimum size are dissolved and their members placed where they fit, or left out.
    """
    circ = circ_units.copy()
    k = s.k
    out = np.zeros(len(circ), dtype=bool)  # out because of a broken rule
    circ[circ >= k] = -1
    while True:
        broken = rule_breakers(s, circ)
        bad = np.flatnonzero(broken)
        if not len(bad):
            break
        # The unit breaking most rules leaves first; among equals the one that fits its circle worst.
        fits = np.array([s.fit[u, theta[circ[u]]] / s.size[u] for u in bad])
        worst = int(bad[np.lexsort((fits, -broken[bad]))[0]])
        circ[worst] = -1
        out[worst] = True
    while True:
        sizes = np.bincount(circ[circ >= 0], weights=s.size[circ >= 0], minlength=k)
        small = [c for c in range(k) if 0 < sizes[c] < s.lo[c]]
        if not small:
            break
        c = min(small, key=lambda c: sizes[c])
        for u in np.flatnonzero(circ == c):
            circ[u] = -1
            target = _best_open_circle(s, circ, theta, int(u), exclude=c)
            circ[u] = target
            out[u] = target < 0
    circle_of_leader = circ[problem.unit]
    used = sorted({int(c) for c in circle_of_leader if c >= 0})
    renumber = {c: i for i, c in enumerate(used)}
    leader_circle = np.array([renumber.get(int(c), -1) for c in circle_of_leader], dtype=np.int64)
    from lerende_scan.circles.search import Solution

    return Solution(
        circle=leader_circle,
        theme=np.array([theta[c] for c in used], dtype=np.int64),
        broken_rule=out[problem.unit] & (leader_circle < 0),
    )


def rule_breakers(s: _State, circ: IntArray) -> FloatArray:
    """Per unit the rules it breaks where it is: linked units beside it, and its members over a cap."""
    placed = circ >= 0
    broken = np.zeros(len(circ))
    for a, b in zip(*np.nonzero(np.triu(s.link)), strict=True):
        if placed[a] and circ[a] == circ[b]:
            broken[a] += 1
            broken[b] += 1
    counts = np.zeros((s.k, s.dep.shape[1]))
    np.add.at(counts, circ[placed], s.dep[placed])
    over = counts > s.caps
    for u in np.flatnonzero(placed):
        broken[u] += float((over[circ[u]] & (s.dep[u] > 0)).sum())
    return broken


def _best_open_circle(s: _State, circ: IntArray, theta: IntArray, u: int, exclude: int) -> int:
    """The circle with room that ``u`` fits best without breaking a rule, or -1."""
    placed = circ >= 0
    best, best_fit = -1, -np.inf
    for c in range(s.k):
        members = placed & (circ == c)
        size = int(s.size[members].sum())
        if c == exclude or size == 0 or size + s.size[u] > s.hi[c]:
            continue
        if (s.link[u, members] > 0).any():
            continue
        if ((s.dep[members].sum(axis=0) + s.dep[u]) > s.caps).any():
            continue
        if s.fit[u, theta[c]] > best_fit:
            best, best_fit = c, float(s.fit[u, theta[c]])
    return best
