"""``form_circles``: checked needs and options in, circles with their quality figures out; pure.

It plans the problem (:mod:`.plan`), runs the search (:mod:`.search`), names who stays out and why, and
measures the result against random assignment: circles of the same sizes drawn at random, each on the
theme its members fit best (the most a consultant could get without optimising the membership).
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from lerende_scan.circles.model import (
    Circle,
    CircleOptions,
    CirclesResult,
    Member,
    Needs,
    Quality,
    Unplaced,
    UnplacedReason,
)
from lerende_scan.circles.plan import FloatArray, IntArray, Problem, plan
from lerende_scan.circles.search import Solution, solve
from lerende_scan.errors import Code, Finding, ScanError

__all__ = ["BASELINE_DRAWS", "form_circles", "random_baseline"]

BASELINE_DRAWS = 20
"""Random assignments averaged for the baseline."""


def form_circles(needs: Needs, options: CircleOptions | None = None) -> CirclesResult:
    """Form circles; raises ScanError when no circle can be formed under the rules."""
    options = options or CircleOptions()
    problem = plan(needs, options)
    solution = solve(problem, seed=options.seed, restarts=options.restarts)
    if not len(solution.theme):
        raise ScanError.of(
            Code.NOTHING_FORMED, file=_blamed_file(needs, options), minimum=options.sizes.minimum
        )
    circles = _circles(needs, problem, solution)
    unplaced, findings = _unplaced(needs, options, solution)
    quality = _quality(needs, problem, solution, circles, options.seed)
    return CirclesResult(
        needs=needs,
        options=options,
        circles=circles,
        unplaced=(*needs.left_out, *unplaced),
        quality=quality,
        findings=(*needs.findings, *findings),
    )


def _blamed_file(needs: Needs, options: CircleOptions) -> str:
    """The file whose rules leave no circle: the pairs file when the circles form without its rules (one
    more search, only when nothing formed), else the needs file (its managers and departments)."""
    if not needs.pairs_file or not (needs.separate or needs.join):
        return needs.file
    try:
        loose = plan(replace(needs, separate=(), join=()), options)
    except ScanError:
        return needs.file
    return needs.pairs_file if len(solve(loose, seed=options.seed, restarts=1).theme) else needs.file


def _circles(needs: Needs, problem: Problem, solution: Solution) -> tuple[Circle, ...]:
    circles = []
    for c, t in enumerate(solution.theme):
        members = []
        for i in np.flatnonzero(solution.circle == c):
            lead = needs.leaders[int(i)]
            members.append(
                Member(
                    leader_id=lead.id,
                    name=lead.name,
                    department=lead.department,
                    fit=float(problem.fit[i, t]),
                    rank=lead.rank[int(t)],
                )
            )
        members.sort(key=lambda m: (-m.fit, m.leader_id))
        circles.append(Circle(number=0, theme=needs.themes[int(t)], members=tuple(members)))
    # Number circles by theme, then by how well they fit: the overview reads theme by theme.
    order = {th.id: k for k, th in enumerate(needs.themes)}
    circles.sort(key=lambda c: (order[c.theme.id], -c.mean_fit, c.members[0].leader_id))
    return tuple(Circle(number=k + 1, theme=c.theme, members=c.members) for k, c in enumerate(circles))


def _unplaced(
    needs: Needs, options: CircleOptions, solution: Solution
) -> tuple[tuple[Unplaced, ...], tuple[Finding, ...]]:
    out = np.flatnonzero(solution.circle < 0)
    rules = [needs.leaders[int(i)].id for i in out if solution.broken_rule[i]]
    sizes = [needs.leaders[int(i)].id for i in out if not solution.broken_rule[i]]
    findings: list[Finding] = []
    if sizes:
        findings.append(
            Finding(
                Code.UNPLACED_SIZES,
                file=needs.file,
                params={
                    "minimum": options.sizes.minimum,
                    "maximum": options.sizes.maximum,
                    "leaders": len(needs.leaders),
                    "count": len(sizes),
                    "ids": ", ".join(sizes),
                },
            )
        )
    if rules:
        findings.append(
            Finding(
                Code.UNPLACED_RULES, file=needs.file, params={"count": len(rules), "ids": ", ".join(rules)}
            )
        )
    unplaced = [Unplaced(i, UnplacedReason.SIZES) for i in sizes]
    unplaced += [Unplaced(i, UnplacedReason.CONSTRAINTS) for i in rules]
    return tuple(unplaced), tuple(findings)


def _top2(rank: IntArray) -> npt.NDArray[np.bool_]:
    top: npt.NDArray[np.bool_] = (rank >= 1) & (rank <= 2)
    return top


def _quality(
    needs: Needs, problem: Problem, solution: Solution, circles: tuple[Circle, ...], seed: int
) -> Quality:
    placed = solution.circle >= 0
    ranks = np.array([lead.rank for lead in needs.leaders], dtype=np.int64).reshape(problem.fit.shape)
    rows = np.flatnonzero(placed)
    chosen = solution.theme[solution.circle[rows]]
    fit = problem.fit[rows, chosen]
    top2 = _top2(ranks[rows, chosen])
    per_circle = [len(c.departments) for c in circles]
    biggest = [max(c.departments.values(), default=0) for c in circles]
    sizes = [len(c.members) for c in circles]
    base_fit, base_top2 = random_baseline(problem.fit, ranks, sizes, seed=seed)
    return Quality(
        leaders=len(needs.leaders),
        placed=int(placed.sum()),
        mean_fit=float(fit.mean()) if len(fit) else 0.0,
        top2_share=float(top2.mean()) if len(top2) else 0.0,
        mean_departments=float(np.mean(per_circle)) if per_circle else 0.0,
        max_same_department=max(biggest, default=0),
        department_cap=int(problem.caps.max()) if len(problem.caps) else None,
        baseline_mean_fit=base_fit,
        baseline_top2_share=base_top2,
    )


def random_baseline(
    fit: FloatArray, ranks: IntArray, sizes: list[int], *, seed: int, draws: int = BASELINE_DRAWS
) -> tuple[float, float]:
    """Mean fit and top-2 share of random circles of ``sizes``, each on its members' best theme."""
    total = sum(sizes)
    if not total:
        return 0.0, 0.0
    rng = np.random.default_rng(seed + 1)
    fits: list[float] = []
    tops: list[float] = []
    bounds = np.cumsum([0, *sizes])
    for _ in range(draws):
        order = rng.permutation(len(fit))[:total]
        got = top = 0.0
        for lo, hi in itertools.pairwise(bounds):
            members = order[lo:hi]
            theme = int(np.argmax(fit[members].sum(axis=0)))
            got += float(fit[members, theme].sum())
            top += float(_top2(ranks[members, theme]).sum())
        fits.append(got / total)
        tops.append(top / total)
    return float(np.mean(fits)), float(np.mean(tops))
