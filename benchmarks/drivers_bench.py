"""Cost of the driver analysis: the data stage with and without drivers, and the driver page's render cost.

On the seeded 1M-respondent / 500-company file of ``benchmarks/score_bench.py`` (its generator), each in a
fresh subprocess, alternating, the fastest of ``--repeat`` runs counting:

- ``baseline``: ``pandas.read_csv(engine="pyarrow", dtype_backend="pyarrow")``;
- ``plain``: ingest + score (the data stage as in score_bench);
- ``drivers``: ingest + score + :func:`lerende_scan.drivers.add_drivers` (500 analyses, up to 1000
  resamples each; these companies of 2,000 respondents stop at 500, see the drivers README).

Then, in this process, the driver page of one example company: the context and chart
(:func:`lerende_scan.report.company.drivers.drivers_context`) and the whole company HTML, the fastest of
repeats.
Prints seconds and the ratios (target: data stage with drivers ≤ 3× the baseline; driver page < 0.1 s).

    python benchmarks/drivers_bench.py --data /tmp/bench          # reuse score_bench's generated file
    python benchmarks/drivers_bench.py --size 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_bench import _cpu_s, generate  # the sibling script's seeded generator


def _worker(kind: str, path: Path) -> dict[str, float]:
    start, cpu = time.perf_counter(), _cpu_s()
    if kind == "baseline":
        import pandas as pd

        pd.read_csv(path, engine="pyarrow", dtype_backend="pyarrow")
        return {"seconds": time.perf_counter() - start, "cpu_s": _cpu_s() - cpu}
    from lerende_scan.drivers import add_drivers
    from lerende_scan.ingest import ingest
    from lerende_scan.questionnaire import load_questionnaire
    from lerende_scan.scoring import score

    q = load_questionnaire()
    start, cpu = time.perf_counter(), _cpu_s()
    read = ingest(path, q)
    scored = score(read.responses, ingest_findings=read.findings)
    scored_s = time.perf_counter() - start
    out = {"score_s": scored_s}
    if kind == "drivers":
        results, _ = add_drivers(scored, q)
        assert all(r.drivers is not None for r in results)
        out["drivers_s"] = time.perf_counter() - start - scored_s
    return {"seconds": time.perf_counter() - start, "cpu_s": _cpu_s() - cpu, **out}


def _run(kind: str, path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--worker", kind, str(path)], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _page_seconds(repeat: int) -> tuple[float, float]:
    """The driver page of the example's first company: (context + chart, full company report render)."""
    from lerende_scan.drivers import add_drivers
    from lerende_scan.ingest import ingest
    from lerende_scan.questionnaire import load_questionnaire
    from lerende_scan.report import ReportOptions, render_company_html
    from lerende_scan.report.company.drivers import drivers_context
    from lerende_scan.scoring import score

    q = load_questionnaire()
    example = Path(__file__).resolve().parents[1] / "examples" / "responses.csv"
    results, _ = add_drivers(score(ingest(example, q).responses), q)
    result = results[0]
    options = ReportOptions(lang="nl")
    drivers_context(result, q, "nl")  # warm the chart code once
    page = _fastest(lambda: drivers_context(result, q, "nl"), repeat)
    render_company_html(result, q, options)
    whole = _fastest(lambda: render_company_html(result, q, options), repeat)
    return page, whole


def _fastest(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` timings (the machine is shared: the minimum is the least disturbed)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest counts")
    parser.add_argument("--data", type=Path, help="directory with score_bench's files (kept and reused)")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker[0], Path(args.worker[1]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.data or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"responses_{args.size}_numbers.csv"
        if not path.exists():
            generate(path, args.size, labels=False)
        runs: dict[str, list[dict[str, float]]] = {"baseline": [], "plain": [], "drivers": []}
        for _ in range(args.repeat):
            for kind, kept in runs.items():
                kept.append(_run(kind, path))
        best = {kind: min(kept, key=lambda r: r["seconds"]) for kind, kept in runs.items()}
    base, plain, drivers = best["baseline"]["seconds"], best["plain"]["seconds"], best["drivers"]["seconds"]
    print(
        f"file: {args.size} respondents, 500 companies ({path.stat().st_size / 1e6:.0f} MB)"
        if path.exists()
        else ""
    )
    print(f"baseline (pyarrow parse)   {base:7.3f} s")
    print(f"data stage without drivers {plain:7.3f} s  = {plain / base:5.2f}x baseline")
    print(
        f"data stage with drivers    {drivers:7.3f} s  = {drivers / base:5.2f}x baseline"
        f"  (drivers {best['drivers']['drivers_s']:.3f} s; {drivers / plain:.2f}x the plain data stage)"
    )
    cpu = best["drivers"]["cpu_s"] / best["baseline"]["cpu_s"]
    print(f"CPU ratio with drivers     {cpu:5.2f}x")
    page, whole = _page_seconds(max(5, args.repeat))
    print(f"driver page (context + chart) {page * 1000:6.1f} ms; whole company HTML {whole * 1000:6.1f} ms")
    print("targets: data stage with drivers <= 3x the baseline; driver page < 0.1 s")


if __name__ == "__main__":
    main()
