"""The fuzz harness itself: each property it checks does flag output that breaks it."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import typer
from tests.fuzz.base import Case
from tests.fuzz.harness import check_output, run_case
from typer.testing import CliRunner

from lerende_scan.pipeline import ScoreRun, score_export

OUT = Path("/nowhere/out")
demo = typer.Typer()


@demo.command()
def say(text: str, code: int = 0, crash: bool = False) -> None:
    """Print ``text`` on stderr (escapes as Python writes them) and exit with ``code``."""
    if crash:
        raise RuntimeError("boom")
    sys.stderr.write(text.encode().decode("unicode_escape") + "\n")
    raise typer.Exit(code)


def kinds(*args: str) -> list[str]:
    return [f.kind for f in check_output(CliRunner().invoke(demo, list(args)), OUT)]


def test_a_clean_finding_passes() -> None:
    assert kinds("f.csv: warning[R041]: two respondents straight-lined", "--code", "1") == []


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (["error[X002]: internal error: KeyError: 'x'", "--code", "70"], "internal error (exit 70)"),
        (["x", "--crash"], "uncaught exception"),
        (["x", "--code", "3"], "unexpected exit code"),
        (["Traceback (most recent call last):\\n  File x\\nValueError: y"], "traceback in output"),
        (["f.csv: error[R010]: header " + "h" * 1200], "finding too long"),
        (["f.csv: error[R010]: header 'Zorg\\x1b[2J'"], "control character in output"),
        (["f.csv: error[R010]: header 'twee\\nregels' is not unique"], "stray line on stderr"),
    ],
)
def test_each_broken_property_is_flagged(args: list[str], kind: str) -> None:
    assert any(k.startswith(kind) for k in kinds(*args)), kinds(*args)


def test_a_python_warning_is_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under pytest warnings are captured; in a real ``scan`` run they print on stderr, so they count."""

    def noisy(*args: Any, **kw: Any) -> ScoreRun:
        warnings.warn("Cell contents too long", UserWarning, stacklevel=1)
        return score_export(*args, **kw)

    monkeypatch.setattr("lerende_scan.cli.score.score_export", noisy)
    kinds = [f.kind for o in run_case(Case()) for f in o.failures]
    assert kinds == ["Python warning on stderr"]
