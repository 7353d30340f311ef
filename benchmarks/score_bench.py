"""Data-stage benchmark for ``scan score``: ingest + validate + score + aggregate + reliability.

Generates seeded CSVs at 10k, 100k and 1M respondents × every item of the shipped questionnaire, spread over
500 companies with a department column, then times on the SAME file, in the same run:

- the baseline ``pandas.read_csv(path, engine="pyarrow", dtype_backend="pyarrow")``;
- the data stage: :func:`lerende_scan.responses.ingest` + :func:`lerende_scan.scoring.score`.

With ``--end-to-end`` it also times ``scan score FILE --format json`` as a user runs it (start-up, ingest,
scoring, writing one folder per company, terminal output, stderr not a terminal) against the same baseline
(issue target: within 3× at 1M).

Each measurement runs in a fresh subprocess so its peak RSS (``VmHWM``) is its own. Prints the ratio
(target ≤ 3× at 1M; label-text answers ≤ 5×), peak RSS as a multiple of the file size (target ≤ 6×), the
baseline's own peak RSS for context, a stage breakdown (ingest and score seconds, peak RSS after ingest) and
the growth from 10k to 1M. Machines are noisy: compare ratios, not seconds; the CPU ratio
(user + system seconds) moves less than wall time when other jobs share the cores.

    python benchmarks/score_bench.py                 # 10k, 100k, 1M
    python benchmarks/score_bench.py --sizes 10000 100000 --repeat 3
    python benchmarks/score_bench.py --data /tmp/bench   # keep generated files and reuse them
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import numpy as np
import pandas as pd

from lerende_scan.questionnaire import load_questionnaire

COMPANIES = 500
LABELS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]


def generate(path: Path, n: int, *, labels: bool, seed: int = 20261122) -> None:
    """Seeded responses: a latent level per respondent, item noise, ~3% missing, some 'Weet niet'."""
    q = load_questionnaire()
    rng = np.random.default_rng(seed)
    items = q.items
    latent = rng.normal(3.3, 0.7, size=(n, 1))
    raw = np.clip(np.rint(latent + rng.normal(0, 0.8, size=(n, len(items)))), 1, 5).astype(np.int8)
    reverse = np.array([i.reverse for i in items])
    raw[:, reverse] = 6 - raw[:, reverse]
    frame = pd.DataFrame(raw, columns=[i.id for i in items])
    if labels:
        frame = frame.apply(lambda col: pd.Series(np.array(LABELS, dtype=object)[col.to_numpy() - 1]))
    else:
        frame = frame.astype("Int8")
    missing = rng.random(size=frame.shape) < 0.03
    frame = frame.astype(object).mask(missing, "")
    frame = frame.mask(rng.random(size=frame.shape) < 0.01, "Weet niet")
    frame.insert(0, "department", rng.choice(["Zorg", "Staf", "Facilitair", "ICT", "Wonen"], size=n))
    frame.insert(0, "company", np.char.add("Bedrijf ", rng.integers(1, COMPANIES + 1, size=n).astype(str)))
    frame.insert(0, "respondent_id", np.arange(1, n + 1))
    frame.to_csv(path, index=False)


def _peak_mb() -> float:
    """This process's peak RSS in MB: ``VmHWM`` where Linux gives it, else ``ru_maxrss``.

    Linux carries ``ru_maxrss`` over ``fork`` and ``exec``: a worker started by a parent that had just
    generated the 1M-respondent file (852 MB) reported 852 MB for every measurement, the baseline included.
    ``VmHWM`` is the peak of the worker's own memory.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kib = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), None)
    return int(kib) / 1024 if kib else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """User + system CPU seconds of this process: steadier than wall time when other jobs share the cores."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _worker(kind: str, path: Path) -> dict[str, float]:
    start, cpu = time.perf_counter(), _cpu_s()
    if kind == "baseline":
        pd.read_csv(path, engine="pyarrow", dtype_backend="pyarrow")
        return {"seconds": time.perf_counter() - start, "cpu_s": _cpu_s() - cpu, "rss_mb": _peak_mb()}
    if kind == "cli":
        with tempfile.TemporaryDirectory() as out:
            command = [sys.executable, "-m", "lerende_scan", "score", str(path), "--format", "json"]
            subprocess.run([*command, "--out", out], check=False, capture_output=True)
        return {"seconds": time.perf_counter() - start, "cpu_s": math.nan, "rss_mb": math.nan}
    from lerende_scan.ingest import ingest
    from lerende_scan.scoring import score

    q = load_questionnaire()
    imported_mb = _peak_mb()
    start, cpu = time.perf_counter(), _cpu_s()
    ingested = ingest(path, q)
    ingest_s = time.perf_counter() - start
    ingest_mb = _peak_mb()
    scored = score(ingested.responses, ingest_findings=ingested.findings)
    seconds = time.perf_counter() - start
    assert scored.companies, "no companies scored"
    return {
        "seconds": seconds,
        "cpu_s": _cpu_s() - cpu,
        "rss_mb": _peak_mb(),
        "ingest_s": ingest_s,
        "score_s": seconds - ingest_s,
        "imported_mb": imported_mb,
        "ingest_mb": ingest_mb,
    }


def _run(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _measure(path: Path, repeat: int, end_to_end: bool) -> dict[str, dict[str, float]]:
    """Baseline, data stage (and the whole command), alternating, ``repeat`` times each: the fastest run of
    each counts (its figures), the peak RSS is the highest seen. Alternating spreads changing machine load
    over all of them."""
    runs: dict[str, list[dict[str, float]]] = {
        "baseline": [],
        "scan": [],
        **({"cli": []} if end_to_end else {}),
    }
    for _ in range(repeat):
        for kind, kept in runs.items():
            kept.append(_run(kind, path))
    return {
        kind: {**min(kept, key=lambda r: r["seconds"]), "rss_mb": max(r["rss_mb"] for r in kept)}
        for kind, kept in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement; the fastest counts")
    parser.add_argument(
        "--data", type=Path, help="directory for the generated files, kept and reused (default: temporary)"
    )
    parser.add_argument("--end-to-end", action="store_true", help="also time the whole scan score command")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker[0], Path(args.worker[1]))))
        return

    print(
        f"{'size':>9} {'answers':>8} {'file MB':>8} {'baseline s':>10} {'scan s':>8} {'ratio':>6} "
        f"{'RSS MB':>7} {'RSS/file':>8} {'base RSS':>8} {'CPU ratio':>9} | {'ingest s':>8} {'score s':>7} "
        f"{'import MB':>9} {'ingest MB':>9}"
    )
    per_row: dict[str, list[tuple[int, float]]] = {}
    place: AbstractContextManager[str] = (
        nullcontext(str(args.data)) if args.data else tempfile.TemporaryDirectory()
    )
    with place as tmp:
        Path(tmp).mkdir(parents=True, exist_ok=True)
        for labels in (False, True):
            for n in args.sizes:
                if labels and n != max(args.sizes):
                    continue
                path = Path(tmp) / f"responses_{n}_{'labels' if labels else 'numbers'}.csv"
                if not (args.data and path.exists()):
                    generate(path, n, labels=labels)
                size_mb = path.stat().st_size / 1e6
                measured = _measure(path, args.repeat, args.end_to_end)
                base, ours = measured["baseline"], measured["scan"]
                ratio = ours["seconds"] / base["seconds"]
                kind = "labels" if labels else "numbers"
                per_row.setdefault(kind, []).append((n, ours["seconds"] / n * 1e6))
                print(
                    f"{n:>9} {kind:>8} {size_mb:>8.1f} {base['seconds']:>10.3f} {ours['seconds']:>8.3f} "
                    f"{ratio:>5.2f}x {ours['rss_mb']:>7.0f} {ours['rss_mb'] / size_mb:>7.1f}x "
                    f"{base['rss_mb']:>8.0f} {ours['cpu_s'] / base['cpu_s']:>8.2f}x | "
                    f"{ours['ingest_s']:>8.3f} {ours['score_s']:>7.3f} "
                    f"{ours['imported_mb']:>9.0f} {ours['ingest_mb']:>9.0f}",
                    flush=True,
                )
                if "cli" in measured:
                    cli = measured["cli"]["seconds"]
                    times = cli / base["seconds"]
                    print(f"{'':>9} end to end: scan score --format json {cli:.3f} s = {times:.2f}x baseline")
                if not args.data:
                    path.unlink()
    rows = per_row.get("numbers", [])
    if len(rows) >= 2:
        (n0, us0), (n1, us1) = rows[0], rows[-1]
        print(
            f"growth {n0} -> {n1}: {us0:.2f} -> {us1:.2f} µs per respondent ({us1 / us0:.2f}x; 1.0 = linear)"
        )
    print("targets at 1M: ratio <= 3x (numbers), <= 5x (labels); peak RSS <= 6x the file size")


if __name__ == "__main__":
    main()
