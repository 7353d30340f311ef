"""Runs one fuzz case through the real CLI in-process and lists every property it breaks.

The properties (issue 10, "Our own fuzz suite"): exit code 0, 1 or 2 and never 70; no traceback and no
internal error; the input files byte-identical afterwards; nothing written outside ``--out``; every finding
one physical line of at most :data:`MAX_FINDING` characters without control characters. Shared by the fuzz
tests, which assert an empty list, and ``benchmarks/fuzz_long.py``, which tallies the failures.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import typer.main
import typer.testing
from tests.fuzz.base import Case
from typer.testing import CliRunner, Result

from lerende_scan.cli import app
from lerende_scan.errors import inert

MAX_FINDING = 1000
ALLOWED_EXITS = frozenset({0, 1, 2})
FINDING = re.compile(r"(?:error|warning)\[")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Control characters other than the newline: from user data they restyle or clear a terminal."""
PROGRESS = re.compile(r"^[^\[\]]{1,80}: \d+(?:[.,]\d+)? s$")
"""The one line per finished stage printed when output is not a terminal."""
VALIDATE_SUMMARY = re.compile(r"^\d+ files? checked: \d+ errors?, \d+ warnings?; (?:not )?valid$")
USAGE_BOX = ("Usage:", "Try ", "╭", "│", "╰")

runner = CliRunner()
COMMAND = typer.main.get_command(app)
"""Built once: Typer rebuilds the click command from the signatures on every ``invoke``, which costs more
than a refused input does. ``_invoke`` hands this one to the runner."""
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
"""Case folders go to memory where there is some: creating and removing thousands of folders dominates."""


KNOWN: dict[str, str] = {}
"""Open failure classes reported to the files' owners (``/work/notes/fuzz_findings.md``): the long run
still tallies them, the fuzz tests do not fail on them. Remove an entry when its fix lands."""


@dataclass(frozen=True)
class Failure:
    """One broken property: its class and the line of output (or the path) that shows it."""

    kind: str
    detail: str

    @property
    def known(self) -> str:
        """The findings entry of an open, reported class this failure belongs to, or ``""``."""
        return next((ref for text, ref in KNOWN.items() if text in self.detail), "")

    def key(self) -> str:
        """The failure's class: the kind and its detail with numbers, paths and quoted values blurred."""
        detail = re.sub(r"/\S*lerende-fuzz-\S*", "<path>", self.detail)
        detail = re.sub(r"'[^']{0,200}'", "'…'", detail)
        detail = re.sub(r"0x[0-9a-f]+|\d+", "N", detail)
        return f"{self.kind}{f' (known, {self.known})' if self.known else ''}: {detail[:160]}"


@dataclass
class Outcome:
    """What one command did with a case."""

    args: list[str]
    exit_code: int
    output: str
    failures: list[Failure] = field(default_factory=list)
    traceback: str = ""


def _snapshot(root: Path, skip: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path == skip or skip in path.parents:
            continue
        rel = str(path.relative_to(root))
        files[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "<dir>"
    return files


@contextlib.contextmanager
def _cwd(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


QUIET_BY_DEFAULT = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
"""Warning classes Python does not show a user by default; every other warning reaches ``scan``'s stderr."""


def _invoke(args: list[str], env: dict[str, str | None]) -> tuple[Result, list[str]]:
    """``CliRunner().invoke(app, args)`` with the prebuilt command (patched for this call only), and the
    Python warnings it raised that a user would see: under pytest they are captured, not printed."""
    with (
        warnings.catch_warnings(record=True) as caught,
        mock.patch.object(typer.testing, "_get_command", lambda _app: COMMAND),
    ):
        warnings.simplefilter("always")
        for category in QUIET_BY_DEFAULT:
            warnings.simplefilter("ignore", category)
        result = runner.invoke(app, args, env=env)
    shown = (f"{w.category.__name__}: {w.message} ({Path(w.filename).name}:{w.lineno})" for w in caught)
    return result, [inert(text, None) for text in shown]


def check_output(result: Result, out: Path) -> list[Failure]:
    """The properties of one command's exit code and terminal output."""
    failures: list[Failure] = []
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        exc = result.exception
        failures.append(Failure("uncaught exception", f"{type(exc).__name__}: {exc}".splitlines()[0][:300]))
    elif result.exit_code == 70:
        line = next((ln for ln in output.splitlines() if "internal error" in ln), "exit 70")
        failures.append(Failure("internal error (exit 70)", line[:300]))
    elif result.exit_code not in ALLOWED_EXITS:
        failures.append(Failure("unexpected exit code", str(result.exit_code)))
    if "Traceback" in output:
        block = output[output.index("Traceback") :].splitlines()[1:]
        raised = next((ln for ln in block if ln and not ln.startswith(" ")), "Traceback")
        failures.append(Failure("traceback in output", raised[:300]))
    if "internal error" in output and result.exit_code != 70:
        failures.append(Failure("internal error in output", output[output.index("internal error") :][:300]))
    for line in output.splitlines():
        if FINDING.search(line) and len(line) > MAX_FINDING:
            failures.append(Failure("finding too long", f"{len(line)} chars: {line[:120]}"))
    match = CONTROL.search(output)
    if match:
        at = match.start()
        line = output[output.rfind("\n", 0, at) + 1 : at + 40]
        failures.append(Failure("control character in output", f"{match.group()!r} in {line!r:.200}"))
    for line in result.stderr.splitlines():
        if line.strip() and not (
            FINDING.search(line)
            or PROGRESS.match(line)
            or VALIDATE_SUMMARY.match(line)
            or str(out) in line
            or line.startswith(USAGE_BOX)
        ):
            failures.append(Failure("stray line on stderr (a finding over several lines?)", inert(line, 200)))
            break
    return failures


def run_case(case: Case, *, debug: bool = False) -> list[Outcome]:
    """Score the case's export with its questionnaire, then validate the file it mutated; check both.

    ``debug`` sets ``LERENDE_SCAN_DEBUG=1`` so an internal error raises and its traceback is kept.
    """
    env = {"LERENDE_SCAN_DEBUG": "1" if debug else None}
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="lerende-fuzz-", dir=SCRATCH) as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        (root / "cwd").mkdir()
        responses = root / "in" / case.responses_name
        questionnaire = root / "in" / "questionnaire.yaml"
        responses.write_bytes(case.responses)
        questionnaire.write_bytes(case.questionnaire)
        out = root / "out"
        target = questionnaire if case.validate == "questionnaire" else responses
        commands = [
            ["score", str(responses), "-q", str(questionnaire), "--out", str(out), "--format", case.formats],
            ["validate", str(target)],
        ]
        for args in commands:
            args = [*args, "--jobs", "1"] if args[0] == "score" else args
            before = _snapshot(root, out)
            with _cwd(root / "cwd"):
                result, shown = _invoke(args, env)
            outcome = Outcome(args, result.exit_code, result.output, check_output(result, out))
            outcome.failures += [Failure("Python warning on stderr", w[:300]) for w in shown[:1]]
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                outcome.traceback = "".join(traceback.format_exception(result.exception))
            if responses.read_bytes() != case.responses or questionnaire.read_bytes() != case.questionnaire:
                outcome.failures.append(Failure("input modified", args[0]))
            after = _snapshot(root, out)
            inputs = {str(p.relative_to(root)) for p in (responses, questionnaire)}
            changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
            changed = [k for k in changed if k not in inputs]
            if changed:
                outcome.failures.append(Failure("written outside --out", ", ".join(changed)[:300]))
            outcomes.append(outcome)
    return outcomes


def failures_of(case: Case) -> list[str]:
    """Every broken property of a case, one readable line each (empty when the case passes); open
    classes already reported (:data:`KNOWN`) are left out."""
    return [
        f"scan {' '.join(o.args[:1])} (exit {o.exit_code}): {f.kind}: {f.detail}"
        for o in run_case(case)
        for f in o.failures
        if not f.known
    ]
