"""Scale benchmark for ``scan benchmark``: a 500-company sector of about 100k respondents, end to end.

Generates one seeded CSV with a company column (150–250 respondents per company, departments, roles, a
respondent id and a few missing answers), then times ``scan benchmark`` as a subprocess, the way a
coordinator runs it, once per format set:

- ``json,html``: benchmark.json, benchmark.html and a scores.json + report.html per company
  (target on 2 cores with ``--jobs 2``: ≤ 2 min);
- ``html,pdf``: the same with every PDF (target ≤ 5 min).

Prints total seconds, seconds per company and companies per second. Machines are noisy (and other work on
the same cores slows everything down): compare runs on the same machine.

    python benchmarks/benchmark_bench.py                         # 500 companies, json,html then html,pdf
    python benchmarks/benchmark_bench.py --companies 20 --formats json,html
    python benchmarks/benchmark_bench.py --formats html,pdf --keep /tmp/sector
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from lerende_scan.questionnaire import load_questionnaire

DEPARTMENTS = ["Zorg", "Wonen", "Staf", "Facilitair", "ICT", "Behandeling"]


def generate(path: Path, companies: int, *, seed: int = 20261122) -> int:
    """Write the sector CSV; returns the number of respondents. Vectorised: no loop over respondents."""
    q = load_questionnaire()
    rng = np.random.default_rng(seed)
    sizes = rng.integers(150, 251, size=companies)
    n = int(sizes.sum())
    company = np.repeat(np.arange(companies), sizes)
    factor_of = np.array([next(i for i, f in enumerate(q.factors) if item in f.items) for item in q.items])
    profile = np.clip(rng.normal(3.1, 0.45, size=(companies, len(q.factors))), 1.5, 4.5)
    latent = profile[company] + rng.normal(0, 0.5, size=(n, len(q.factors)))
    answers = np.clip(np.rint(latent[:, factor_of] + rng.normal(0, 0.75, size=(n, len(q.items)))), 1, 5)
    reverse = np.array([item.reverse for item in q.items])
    answers[:, reverse] = 6 - answers[:, reverse]
    frame = pd.DataFrame(answers.astype(np.int8), columns=[item.id for item in q.items]).astype("Int8")
    frame = frame.mask(rng.random(size=frame.shape) < 0.02)  # blanks
    frame.insert(0, "role", np.where(rng.random(n) < 0.12, "leidinggevende", "medewerker"))
    frame.insert(0, "department", np.array(DEPARTMENTS)[rng.integers(0, len(DEPARTMENTS), size=n)])
    frame.insert(0, "company", np.char.add("Organisatie ", (company + 1).astype(str)))
    frame.insert(0, "respondent_id", np.arange(1, n + 1))
    frame.to_csv(path, index=False)
    return n


def run(csv: Path, out: Path, formats: str, jobs: int) -> tuple[float, float]:
    """Time one ``scan benchmark`` run in a subprocess: (wall seconds, CPU seconds of it and its workers).

    CPU seconds do not depend on what else runs on the machine; wall seconds do."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable, "-m", "lerende_scan", "benchmark", str(csv), "--name", "Sectorbenchmark 2026",
        "--out", str(out), "--format", formats, "--jobs", str(jobs), "--date", "2026-11-22",
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"scan benchmark failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds, cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--formats", nargs="+", default=["json,html", "html,pdf"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--keep", type=Path, help="Keep the input and outputs in this folder.")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="benchmark-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    csv = root / "sector.csv"
    start = time.perf_counter()
    respondents = generate(csv, args.companies, seed=args.seed)
    print(
        f"generated {args.companies} companies, {respondents} respondents "
        f"({csv.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s; "
        f"{os.cpu_count()} cores, --jobs {args.jobs}"
    )
    targets = {"json,html": 120.0, "html,pdf": 300.0}
    for formats in args.formats:
        out = root / f"out-{formats.replace(',', '-')}"
        seconds, cpu = run(csv, out, formats, args.jobs)
        target = targets.get(formats)
        verdict = "" if target is None else f"  (target ≤ {target:.0f} s at 500 companies)"
        print(
            f"--format {formats:<10} total {seconds:7.1f} s  per company {seconds / args.companies:.3f} s  "
            f"{args.companies / seconds:.2f} companies/s{verdict}\n"
            f"{'':19}CPU {cpu:7.1f} s  per company {cpu / args.companies:.3f} s  "
            f"(on {args.jobs} idle cores at best ≈ {cpu / args.jobs:.0f} s wall)"
        )
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
