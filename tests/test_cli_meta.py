"""Every command has help with examples and a section in the README; --version works both ways."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lerende_scan import __version__
from lerende_scan.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands)
runner = CliRunner()


def test_the_expected_commands_exist() -> None:
    assert COMMANDS == ["benchmark", "schema", "score", "validate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_a_readme_section(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 3
    assert f"## `scan {command}`" in README


def test_top_level_help_shows_examples() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "scan score examples/responses.csv" in result.output


def test_version_via_scan_and_python_m() -> None:
    assert runner.invoke(app, ["--version"]).output.strip().endswith(__version__)
    out = subprocess.run([sys.executable, "-m", "lerende_scan", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout
