"""Benchmark for ``scan circles``: time at 300 leaders, fit against random assignment and the exact optimum.

Everything runs on synthetic, seeded leaders built here (never on a needs file: those are named personal
data and stay out of benchmarks). It prints:

- the time of :func:`lerende_scan.circles.form_circles` for 300 leaders, 10 themes, 12 departments with a
  manager tree and a few pair rules (issue target: under 10 s on the 2-core machine), best of ``--repeat``
  runs and the CPU seconds beside it (wall time moves when other jobs share the cores);
- the mean fit and the share on a top-2 need of those circles against random assignment (20 random
  circle sets of the same sizes, each on its members' best theme);
- on small instances (14 to 24 leaders, weights and choices), the heuristic's total fit against the exact
  optimum from ``scipy.optimize.milp``: how many it meets exactly and the largest gap.

    python benchmarks/circles_bench.py
    python benchmarks/circles_bench.py --repeat 5 --small 40
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from lerende_scan.circles import CircleOptions, Leader, Needs, Theme, form_circles
from lerende_scan.circles.exact import exact_optimum
from lerende_scan.circles.plan import plan
from lerende_scan.circles.search import solve
from lerende_scan.errors import ScanError


def synthetic(
    n: int, themes: int, departments: int, seed: int, *, choices: bool = False, managers: float = 1.0
) -> Needs:
    """Seeded leaders: department tendencies in the needs, a manager tree (a share ``managers`` of the
    leaders has a manager), a few pairs."""
    rng = np.random.default_rng(seed)
    tendency = rng.normal(0, 0.7, (departments, themes))
    dept = rng.integers(departments, size=n)
    leaders = []
    for i in range(n):
        latent = tendency[dept[i]] + rng.normal(0, 1, themes)
        if choices:
            order = np.argsort(-latent)[:3]
            fit = np.zeros(themes)
            fit[order] = (1.0, 2 / 3, 1 / 3)
            rank = np.zeros(themes, dtype=int)
            rank[order] = (1, 2, 3)
        else:
            w = np.clip(np.rint(2.5 + 1.3 * latent), 0, 5)
            w = w if w.max() > 0 else np.ones(themes)
            fit = w / w.max()
            rank = np.array([1 + int((w > x).sum()) if x > 0 else 0 for x in w])
        has_manager = i > 0 and rng.random() < managers
        manager = f"L{int(rng.integers(0, max(1, i // 4 + 1)))}" if has_manager else None
        leaders.append(
            Leader(f"L{i}", tuple(float(x) for x in fit), tuple(int(r) for r in rank), f"D{dept[i]}", manager)
        )
    ids = [lead.id for lead in leaders]
    pairs = [tuple(str(x) for x in rng.choice(ids, 2, replace=False)) for _ in range(max(1, n // 60) * 2)]
    half = len(pairs) // 2
    return Needs(
        file="<synthetic>",
        themes=tuple(Theme(f"t{j}", f"Theme {j}") for j in range(themes)),
        leaders=tuple(leaders),
        separate=tuple((a, b) for a, b in pairs[:half]),
        join=tuple((a, b) for a, b in pairs[half:]),
    )


def large(repeat: int) -> None:
    needs = synthetic(300, 10, 12, seed=300)
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = form_circles(needs, CircleOptions())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    assert result is not None
    q = result.quality
    print("300 leaders, 10 themes, 12 departments (manager tree, pair rules):")
    print(f"  time: best {min(walls):.2f} s wall, {min(cpus):.2f} s CPU (of {repeat}; target < 10 s)")
    print(f"  circles: {len(result.circles)}, placed {q.placed}/{q.leaders}")
    print(f"  mean fit: {q.mean_fit:.3f} vs random {q.baseline_mean_fit:.3f}")
    print(f"  on a top-2 need: {q.top2_share:.1%} vs random {q.baseline_top2_share:.1%}")
    print(f"  departments per circle: {q.mean_departments:.1f}; most from one: {q.max_same_department}")


def small(count: int) -> None:
    gaps = []
    heuristic_s = exact_s = 0.0
    skipped = 0
    for k in range(count):
        n = (14, 17, 21, 24)[k % 4]
        needs = synthetic(n, 5, 4, seed=1000 + k, choices=bool(k % 2), managers=0.5)
        try:
            problem = plan(needs, CircleOptions())
        except ScanError:  # a drawn join pair that is also a manager pair: refused, as it should be
            skipped += 1
            continue
        t = time.perf_counter()
        best = exact_optimum(problem)
        exact_s += time.perf_counter() - t
        if best is None:
            skipped += 1
            continue
        t = time.perf_counter()
        found = solve(problem, seed=0).fit(problem)
        heuristic_s += time.perf_counter() - t
        gaps.append(max(0.0, (best - found) / best) if best else 0.0)
    exact = sum(g < 1e-9 for g in gaps)
    print(f"small instances (14-24 leaders, 5 themes, 4 departments): {len(gaps)} solved exactly by milp")
    print(f"  heuristic meets the optimum on {exact}/{len(gaps)}; largest gap {max(gaps):.2%}, mean gap")
    print(f"  {np.mean(gaps):.3%}; time heuristic {heuristic_s:.1f} s, milp {exact_s:.1f} s in total")
    if skipped:
        print(f"  ({skipped} instance(s) skipped: contradictory pairs, or no feasible set of circles)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--small", type=int, default=24, help="small instances checked against milp")
    args = parser.parse_args()
    large(args.repeat)
    small(args.small)


if __name__ == "__main__":
    main()
