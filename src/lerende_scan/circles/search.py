"""The heuristic that forms circles: greedy start, vectorised local search, perturbation and restarts.

Works on units (leaders who must join count as one unit) and a penalised objective::

    total fit to the circles' themes  -  EPSILON * same-department pairs  -  PENALTY * broken rules

where broken rules are members over a department's cap and linked units (a leader and their manager, a
must-separate pair) in one circle. Each step applies the best of all moves (a unit to another circle),
all swaps (two single leaders trade circles) and all theme changes (a circle takes the theme its members
fit best), evaluated at once as numpy matrices. An iterated local search perturbs the best solution and
descends again; restarts begin from other theme allocations. Everything is driven by one seeded
generator, so the same seed gives the same circles. Whatever rules are still broken at the end are
repaired by leaving the fewest leaders out (:mod:`.repair`); circle sizes always stay in bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lerende_scan.circles.plan import FloatArray, IntArray, Problem
from lerende_scan.circles.repair import repair, rule_breakers
from lerende_scan.scoring.moments import single_threaded_blas

__all__ = ["EPSILON", "PENALTY", "Solution", "default_kicks", "default_restarts", "objective", "solve"]

EPSILON = 1e-6
"""Weight of one same-department pair: breaks ties in fit only (fit first, then department mix)."""
PENALTY = 100.0
"""Weight of one broken rule: more than any fit a move can gain (a unit holds at most 9 leaders)."""
_TOL = 1e-9


@dataclass(frozen=True)
class Solution:
    """Per leader the circle (0-based) or -1 when left out; per circle its theme (column of ``fit``)."""

    circle: IntArray
    theme: IntArray
    broken_rule: npt.NDArray[np.bool_]  # per leader: left out because a rule could not be kept

    def fit(self, problem: Problem) -> float:
        placed = self.circle >= 0
        return float(problem.fit[placed, self.theme[self.circle[placed]]].sum())


def default_restarts(units: int) -> int:
    """Restarts from fresh theme allocations: more for small groups (cheap), a few for 300 leaders."""
    return int(np.clip(240 // max(units, 1), 3, 12))


def default_kicks(units: int) -> int:
    """Perturbations per restart."""
    return int(np.clip(1500 // max(units, 1), 4, 20))


class _State:
    """Units, their circles and the circles' department counts; the bin (index K) holds leaders left out."""

    def __init__(self, p: Problem) -> None:
        self.k = p.circles
        u_count = p.units
        self.fit = np.zeros((u_count, p.fit.shape[1]))
        np.add.at(self.fit, p.unit, p.fit)
        self.size = np.bincount(p.unit, minlength=u_count).astype(np.int64)
        n_dep = len(p.departments)
        self.dep = np.zeros((u_count, n_dep), dtype=np.int64)
        has = p.department >= 0
        np.add.at(self.dep, (p.unit[has], p.department[has]), 1)
        self.single = self.size == 1
        self.dep_code = np.full(u_count, -1, dtype=np.int64)
        singles_with = self.single & (self.dep.sum(axis=1) == 1)
        if n_dep:
            self.dep_code[singles_with] = self.dep[singles_with].argmax(axis=1)
        self.link = np.zeros((u_count, u_count), dtype=np.float64)
        for a, b in p.links:
            self.link[a, b] = self.link[b, a] = 1.0
        self.caps = p.caps.astype(np.float64)
        self.bins = self.k + (1 if p.spare else 0)
        self.lo = np.full(self.bins, p.lo, dtype=np.int64)
        self.hi = np.full(self.bins, p.hi, dtype=np.int64)
        if p.spare:
            self.lo[self.k] = 0
            self.hi[self.k] = p.spare
        self.real = np.arange(self.bins) < self.k  # False for the bin
        # Static views for swaps of single leaders.
        self.singles = np.flatnonzero(self.single)
        codes = self.dep_code[self.singles]
        self.same_dep = codes[:, None] == codes[None, :]
        self.single_link = self.link[np.ix_(self.singles, self.singles)]
        self.lower = np.tril(np.ones((len(self.singles), len(self.singles)), dtype=bool))


def _dep_cost(counts: FloatArray, caps: FloatArray) -> FloatArray:
    """Penalty of department counts (summed over the last axis): pairs, and members over the cap."""
    cost: FloatArray = (EPSILON * counts * (counts - 1) / 2 + PENALTY * np.maximum(0.0, counts - caps)).sum(
        axis=-1
    )
    return cost


def _add_cost(s: _State, counts: FloatArray, base: FloatArray) -> FloatArray:
    """Unit × bin: what adding each unit to each bin adds to the department cost.

    A single leader of one department adds that department's marginal cost in the bin (one more pair per
    member, and a penalty when the bin is at its cap), so the matrix is a gather from bin × department;
    only the few joined units (several departments at once) are costed whole. Costing every unit whole
    held units × bins × departments numbers: 2,000 leaders of 500 departments took 8 GB.
    """
    over = np.maximum(0.0, counts + 1.0 - s.caps) - np.maximum(0.0, counts - s.caps)
    marginal = EPSILON * counts + PENALTY * over  # bin × department
    add = np.zeros((len(s.size), s.bins))
    coded = s.dep_code >= 0
    add[coded] = marginal[:, s.dep_code[coded]].T
    whole = np.flatnonzero(~coded & (s.dep.sum(axis=1) > 0))
    if len(whole):
        add[whole] = _dep_cost(counts[None, :, :] + s.dep[whole][:, None, :], s.caps) - base[None, :]
    return add


class _Search:
    """One descent state: assignment ``circ`` (unit -> bin) and ``theta`` (circle -> theme)."""

    def __init__(self, s: _State, circ: IntArray, theta: IntArray) -> None:
        self.s = s
        self.circ = circ.copy()
        self.theta = theta.copy()

    # -- derived quantities, recomputed per step (cheap at 300 leaders) ------------------------------
    def _onehot(self) -> FloatArray:
        one = np.zeros((len(self.circ), self.s.bins))
        one[np.arange(len(self.circ)), self.circ] = 1.0
        return one

    def _columns(self) -> FloatArray:
        """Unit × bin: a unit's fit to each circle's theme (0 in the bin)."""
        g = np.zeros((len(self.circ), self.s.bins))
        g[:, : self.s.k] = self.s.fit[:, self.theta]
        return g

    def value(self) -> float:
        s = self.s
        one = self._onehot()
        g = self._columns()
        counts = (one.T @ s.dep)[s.real]
        conf = (s.link @ one)[:, s.real]
        viol = float((conf * one[:, s.real]).sum()) / 2
        fit = float(g[np.arange(len(self.circ)), self.circ].sum())
        return fit - float(_dep_cost(counts, s.caps).sum()) - PENALTY * viol

    def step(self) -> bool:
        """Apply improving theme changes, else a batch of improving moves and swaps; False at a local
        optimum.

        Moves and swaps in one batch touch pairwise different circles, so each keeps exactly the gain it
        was evaluated with: a gain depends only on the two circles' members and themes.
        """
        s = self.s
        circ = self.circ
        units = np.arange(len(circ))
        one = self._onehot()

        member_fit = one[:, : s.k].T @ s.fit  # circle × theme
        theme_gain = member_fit.max(axis=1) - member_fit[np.arange(s.k), self.theta]
        better = theme_gain > _TOL
        if better.any():
            self.theta[better] = member_fit[better].argmax(axis=1)
            return True

        g = self._columns()
        counts = one.T @ s.dep  # bin × department
        counts[~s.real] = 0
        sizes = one.T @ s.size
        conf = s.link @ one
        conf[:, ~s.real] = 0.0

        # Department cost of adding each unit to each bin, and of removing it from its own.
        base = _dep_cost(counts, s.caps)  # per bin
        add = _add_cost(s, counts, base)
        add[:, ~s.real] = 0.0
        rem = _dep_cost(counts[circ] - s.dep, s.caps) - base[circ]
        rem[~s.real[circ]] = 0.0
        own_g = g[units, circ]
        own_conf = conf[units, circ]

        move = g - own_g[:, None] - add - rem[:, None] - PENALTY * (conf - own_conf[:, None])
        ok = (sizes[circ] - s.size >= s.lo[circ])[:, None] & (
            sizes[None, :] + s.size[:, None] <= s.hi[None, :]
        )
        ok[units, circ] = False
        move[~ok] = -np.inf
        swap = self._swaps(g, conf, add, rem, own_g, own_conf)

        # Candidates: the best few of each kind, as (gain, unit, unit or -1, circle from, circle to).
        cands: list[tuple[float, int, int, int, int]] = []
        for u, b in _top(move, s.bins * 2):
            cands.append((float(move[u, b]), int(u), -1, int(circ[u]), int(b)))
        for i, j in _top(swap, s.bins * 2):
            u, v = int(s.singles[i]), int(s.singles[j])
            cands.append((float(swap[i, j]), u, v, int(circ[u]), int(circ[v])))
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        touched: set[int] = set()
        applied = False
        for gain, u, v, a, b in cands:
            if gain <= _TOL:
                break
            if a in touched or b in touched:
                continue
            touched.update((a, b))
            circ[u] = b
            if v >= 0:
                circ[v] = a
            applied = True
        return applied

    def _swaps(
        self,
        g: FloatArray,
        conf: FloatArray,
        add: FloatArray,
        rem: FloatArray,
        own_g: FloatArray,
        own_conf: FloatArray,
    ) -> FloatArray:
        """Gain of every swap of two single leaders (upper triangle; -inf elsewhere)."""
        s = self.s
        idx = s.singles
        if len(idx) < 2:
            return np.full((len(idx), len(idx)), -np.inf)
        c = self.circ[idx]
        gc = g[np.ix_(idx, c)]  # gc[i, j]: unit idx[i]'s fit in unit idx[j]'s circle
        gain = gc + gc.T - own_g[idx][:, None] - own_g[idx][None, :]
        ac = add[np.ix_(idx, c)]
        dep_delta = ac + ac.T + rem[idx][:, None] + rem[idx][None, :]
        dep_delta[s.same_dep] = 0.0
        cc = conf[np.ix_(idx, c)]
        real = s.real[c].astype(np.float64)
        conf_delta = cc + cc.T - own_conf[idx][:, None] - own_conf[idx][None, :]
        conf_delta -= s.single_link * (real[:, None] + real[None, :])
        gain -= dep_delta + PENALTY * conf_delta
        gain[(c[:, None] == c[None, :]) | s.lower] = -np.inf
        return gain

    def descend(self, limit: int = 100_000) -> None:
        for _ in range(limit):
            if not self.step():
                return


def _top(gain: FloatArray, m: int) -> list[tuple[int, int]]:
    """Positions of the ``m`` largest finite entries above the tolerance, best first."""
    flat = gain.ravel()
    m = min(m, flat.size)
    if m == 0:
        return []
    pick = np.argpartition(-flat, m - 1)[:m]
    pick = pick[flat[pick] > _TOL]
    pick = pick[np.argsort(-flat[pick], kind="stable")]
    return [(int(x) // gain.shape[1], int(x) % gain.shape[1]) for x in pick]


def _allocate_themes(s: _State, rng: np.random.Generator, noise: float) -> IntArray:
    """Themes for the K circles, in proportion to how many units have each as their best fit."""
    k = s.k
    fit = s.fit / s.size[:, None]
    noisy = fit + noise * rng.random(fit.shape)
    best = noisy.argmax(axis=1)
    demand = np.bincount(best, weights=s.size, minlength=fit.shape[1]).astype(np.float64)
    quota = demand / max(demand.sum(), 1.0) * k
    count = np.floor(quota).astype(np.int64)
    rest = quota - count + 1e-9 * rng.random(len(quota))
    for t in np.argsort(-rest)[: k - int(count.sum())]:
        count[t] += 1
    theta = np.repeat(np.arange(fit.shape[1]), count)
    return rng.permutation(theta)


def _greedy(
    s: _State, theta: IntArray, rng: np.random.Generator, spare: int, *, constrained_first: bool = False
) -> IntArray:
    """Units one by one into the open circle they fit best, breaking as few rules as possible.

    The order is the largest and best-fitting units first, or (``constrained_first``, as DSatur colours
    graphs) the units with the most links and the scarcest departments first: the start that finds a
    feasible set when managers, pairs and caps leave little room.
    """
    k = s.k
    u_count = len(s.size)
    placed = int(s.size.sum()) - spare
    target = np.full(s.bins, placed // k, dtype=np.int64)
    target[: placed % k] += 1
    if spare:
        target[k] = spare
    target = np.minimum(np.maximum(target, s.lo), s.hi)
    circ = np.full(u_count, -1, dtype=np.int64)
    counts = np.zeros((s.bins, s.dep.shape[1]))
    sizes = np.zeros(s.bins, dtype=np.int64)
    mean = s.fit / s.size[:, None]
    if constrained_first:
        dept_total = s.dep.sum(axis=0)
        scarcity = (s.dep * (dept_total / np.maximum(s.caps * k, 1))).sum(axis=1)
        order = np.lexsort((rng.random(u_count), -s.size, -(s.link.sum(axis=1) + scarcity)))
    else:
        order = np.lexsort((rng.random(u_count), -mean.max(axis=1), -s.size))
    g = np.zeros((u_count, s.bins))
    g[:, :k] = s.fit[:, theta]
    for u in order:
        room = sizes + s.size[u] <= target
        if not room.any():
            room = sizes + s.size[u] <= s.hi
        over = (np.maximum(0.0, counts + s.dep[u] - s.caps) - np.maximum(0.0, counts - s.caps)).sum(axis=1)
        members = circ >= 0
        conf = np.zeros(s.bins)
        np.add.at(conf, circ[members], s.link[u, members])
        bad = (over + conf) * s.real
        score = g[u] - PENALTY * bad - 1e-3 * sizes / max(s.hi.max(), 1)
        score[~room] = -np.inf
        c = int(np.argmax(score))
        circ[u] = c
        sizes[c] += s.size[u]
        if s.real[c]:
            counts[c] += s.dep[u]
    return circ


def _perturb(search: _Search, rng: np.random.Generator) -> None:
    """Shake the solution: the units breaking a rule swapped away at random, else a few random swaps of
    single leaders, or one circle onto another theme."""
    s = search.s
    circ = search.circ.copy()
    circ[circ >= s.k] = -1
    breakers = np.flatnonzero(rule_breakers(s, circ) > 0)
    singles = np.flatnonzero(s.single)
    if len(breakers) and len(singles) > 1 and rng.random() < 0.7:
        for u in breakers:
            others = singles[search.circ[singles] != search.circ[u]]
            if s.single[u] and len(others):
                v = int(rng.choice(others))
                search.circ[u], search.circ[v] = search.circ[v], search.circ[u]
        return
    if rng.random() < 0.3:
        c = int(rng.integers(s.k))
        search.theta[c] = int(rng.integers(s.fit.shape[1]))
        return
    singles = np.flatnonzero(s.single)
    if len(singles) < 2:
        return
    for _ in range(int(rng.integers(2, max(3, len(singles) // 12) + 1))):
        u, v = rng.choice(singles, size=2, replace=False)
        search.circ[u], search.circ[v] = search.circ[v], search.circ[u]


def solve(
    problem: Problem, *, seed: int = 0, restarts: int | None = None, kicks: int | None = None
) -> Solution:
    """Form circles for ``problem``; deterministic for a seed. Every returned circle keeps every rule."""
    s = _State(problem)
    rng = np.random.default_rng(seed)
    n_restarts = restarts if restarts is not None else default_restarts(len(s.size))
    n_kicks = kicks if kicks is not None else default_kicks(len(s.size))
    with single_threaded_blas():  # small products: BLAS threads only spin on a busy machine
        best = _iterated_search(s, problem.spare, rng, n_restarts, n_kicks)
    return repair(problem, s, best.circ, best.theta)


def _iterated_search(s: _State, spare: int, rng: np.random.Generator, restarts: int, kicks: int) -> _Search:
    best: _Search | None = None
    best_value = -np.inf
    for r in range(restarts):
        theta = _allocate_themes(s, rng, noise=0.0 if r == 0 else 0.3)
        start = _greedy(s, theta, rng, spare, constrained_first=r % 2 == 1)
        search = _Search(s, start, theta)
        search.descend()
        value = search.value()
        local_best, local_value = search, value
        for _ in range(kicks):
            trial = _Search(s, local_best.circ, local_best.theta)
            _perturb(trial, rng)
            trial.descend()
            v = trial.value()
            if v > local_value + _TOL:
                local_best, local_value = trial, v
        if local_value > best_value + _TOL:
            best, best_value = local_best, local_value
    assert best is not None
    return best


def objective(problem: Problem, solution: Solution) -> float:
    """Total fit of placed leaders to their circle's theme (what the exact solver maximises)."""
    return solution.fit(problem)
