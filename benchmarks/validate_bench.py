"""Timing of ``validate_paths`` over many questionnaires (issue 2: 100 files "in well under 2 s").

Copies the shipped questionnaire ``--copies`` times into a temporary folder and validates the folder,
in process (the core) and, with ``--cli``, through the ``scan validate`` command (adds start-up time).

    python benchmarks/validate_bench.py --copies 100 --cli
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lerende_scan.questionnaire import validate_paths
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--source", type=Path, default=questionnaires_dir() / DEFAULT_QUESTIONNAIRE)
    parser.add_argument("--repeat", type=int, default=3, help="report the best of this many runs")
    parser.add_argument("--cli", action="store_true", help="also time `scan validate` as a subprocess")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(args.copies):
            shutil.copy(args.source, folder / f"q{n:04d}.yaml")
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            report = validate_paths([folder])
            best = min(best, time.perf_counter() - start)
        assert len(report.files) == args.copies and report.errors == 0, report.findings[:3]
        print(f"validate_paths: {args.copies} x {args.source.name}: {best:.3f} s (best of {args.repeat})")
        if args.cli:
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "lerende_scan", "validate", str(folder)], check=False
            )
            print(
                f"scan validate (incl. start-up): {time.perf_counter() - start:.3f} s, exit {done.returncode}"
            )


if __name__ == "__main__":
    main()
