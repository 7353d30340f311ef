"""The long fuzz run: the fuzz suite's properties over thousands of generated cases, tallied.

The normal suite (``tests/fuzz/``) runs a few hundred fixed examples; this runs ``--cases`` fresh ones from
the same strategies (half mutated exports, half mutated questionnaires; one in ``--html-every`` also renders
the HTML report), in-process, and prints the cases, the exit codes per command, every failure class with
its count and first line, and the time. The first case of each failure class is saved to ``--save`` (the
input files, the commands, their output and, rerun with ``LERENDE_SCAN_DEBUG=1``, the traceback).

    nice -n 10 python benchmarks/fuzz_long.py --cases 10000 --seed 1
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the strategies and the harness live with the tests

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.fuzz.harness import Failure, Outcome, run_case  # noqa: E402
from tests.fuzz.strategies import Case, export_cases, formats_with_html, questionnaire_cases  # noqa: E402


@dataclass
class FailureClass:
    """Every case that broke a property the same way: how many, the first line, where its reproducer is."""

    count: int = 0
    first: str = ""
    saved: Path | None = None


@dataclass
class Tally:
    cases: int = 0
    exits: Counter[str] = field(default_factory=Counter)
    failures: dict[str, FailureClass] = field(default_factory=dict)
    slow: list[tuple[float, str]] = field(default_factory=list)
    failed_cases: int = 0


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def save(case: Case, outcomes: list[Outcome], folder: Path) -> None:
    """The case's files and what each command did, plus the traceback of a debug rerun."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / case.responses_name).write_bytes(case.responses)
    (folder / "questionnaire.yaml").write_bytes(case.questionnaire)
    debug = run_case(case, debug=True)
    lines = [f"steps: {case.describe()}", ""]
    for outcome, rerun in zip(outcomes, debug, strict=True):
        args = [a.rsplit("/", 1)[-1] if "/" in a and "lerende-fuzz-" in a else a for a in outcome.args]
        lines += [f"$ scan {' '.join(args)}", f"exit {outcome.exit_code}"]
        lines += [f"FAILED {f.kind}: {f.detail}" for f in outcome.failures]
        lines += ["--- output ---", outcome.output[:20_000], "--- traceback (LERENDE_SCAN_DEBUG=1) ---"]
        lines += [rerun.traceback or "(none)", ""]
    (folder / "case.txt").write_text("\n".join(lines), encoding="utf-8", errors="backslashreplace")


def report(t: Tally, seconds: float, save_dir: Path) -> str:
    rows = [
        f"cases: {t.cases} in {seconds:.0f} s ({seconds / max(t.cases, 1):.2f} s per case)",
        "exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(t.exits.items())),
        f"cases that broke a property (or were slow): {t.failed_cases}",
    ]
    if t.failures:
        rows.append(f"failure classes ({len(t.failures)}; reproducers in {save_dir}):")
        for key, fc in sorted(t.failures.items(), key=lambda kv: -kv[1].count):
            rows.append(f"  {fc.count:6d}  {key}")
            rows.append(f"          first: {fc.first[:300]}")
            rows.append(f"          saved: {fc.saved}")
    else:
        rows.append("failure classes: none")
    if t.slow:
        rows.append("slowest cases: " + "; ".join(f"{s:.1f} s ({d[:100]})" for s, d in sorted(t.slow)[-3:]))
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--html-every", type=int, default=100, help="one case in N also renders HTML")
    parser.add_argument("--slow", type=float, default=10.0, help="a case slower than S seconds is tallied")
    parser.add_argument("--kind", choices=["both", "export", "questionnaire"], default="both")
    parser.add_argument("--save", type=Path, default=Path(tempfile.gettempdir()) / "lerende-scan-fuzz")
    args = parser.parse_args()

    formats = formats_with_html(args.html_every)
    kinds = {"export": [export_cases(formats)], "questionnaire": [questionnaire_cases(formats)]}
    strategy = st.one_of(
        *(kinds["export"] + kinds["questionnaire"] if args.kind == "both" else kinds[args.kind])
    )
    tally, started = Tally(), time.perf_counter()

    @settings(
        max_examples=args.cases,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @seed(args.seed)
    @given(strategy)
    def one(case: Case) -> None:
        t0 = time.perf_counter()
        outcomes = run_case(case)
        seconds = time.perf_counter() - t0
        tally.cases += 1
        tally.slow = sorted([*tally.slow, (seconds, case.describe())])[-3:]
        for o in outcomes:
            tally.exits[f"{o.args[0]} {o.exit_code}"] += 1
        broke = [(o, f) for o in outcomes for f in o.failures]
        if seconds > args.slow:
            broke.append((outcomes[0], Failure(f"slow case (over {args.slow:g} s)", f"{seconds:.0f} s")))
        tally.failed_cases += bool(broke)
        for o, f in broke:
            fc = tally.failures.setdefault(f"{o.args[0]}: {f.key()}", FailureClass())
            fc.count += 1
            if fc.saved is None:
                fc.first = f"{f.kind}: {f.detail} [{case.describe()[:200]}]"
                fc.saved = args.save / f"{len(tally.failures):03d}-{_slug(f.kind)}"
                save(case, outcomes, fc.saved)
        if tally.cases % 250 == 0:
            print(f"... {tally.cases} cases, {tally.failed_cases} failing", file=sys.stderr, flush=True)

    one()
    print(report(tally, time.perf_counter() - started, args.save))


if __name__ == "__main__":
    main()
