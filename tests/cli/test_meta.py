"""Every command has help with examples and a section in the README; --version works both ways."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lerende_scan import __version__
from lerende_scan.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands)
runner = CliRunner()


def test_the_expected_commands_exist() -> None:
    assert COMMANDS == ["benchmark", "circles", "diff", "schema", "score", "validate"]


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


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["score", "missing.csv"], "scan score: error: Invalid value for 'RESPONSES'"),
        (["score", "examples/responses.csv", "--invited", "0"], "'--invited'"),
        (["score", "--nope"], "No such option: --nope"),
        (["bogus"], "scan: error: No such command 'bogus'"),
        (["circles"], "give a needs file"),
    ],
)
def test_a_command_line_mistake_is_one_line_and_exit_2(args: list[str], says: str) -> None:
    """The console command (``main``) prints a usage error as one line, as every other message, instead of
    Typer's box of wrapped lines (found by fuzzing the side inputs)."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "lerende_scan", *args], capture_output=True, text=True, cwd=root
    )
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1 and says in lines[0], done.stderr
    assert lines[0].endswith("--help')") and not done.stdout


def test_validate_and_data_only_scoring_load_only_what_they_need(tmp_path: Path) -> None:
    """`scan validate` (run on every commit by the pre-commit hook) needs no pandas, numpy, scipy,
    pyarrow or matplotlib: it starts in 0.3 s instead of 0.8 s. A json-only `scan score` needs no report
    machinery (matplotlib, Jinja2, WeasyPrint)."""
    repo = Path(__file__).resolve().parents[2]
    script = f"""
import sys
from typer.testing import CliRunner
from lerende_scan.cli import app

def loaded(*roots):
    return sorted({{m.split(".")[0] for m in sys.modules}} & set(roots))

runner = CliRunner()
assert runner.invoke(app, ["validate", {str(repo / "questionnaires")!r}]).exit_code == 0
print(loaded("pandas", "numpy", "scipy", "pyarrow", "matplotlib", "jinja2", "weasyprint"))
result = runner.invoke(app, ["score", {str(repo / "examples" / "responses.csv")!r},
                             "--out", {str(tmp_path)!r}, "--format", "json"])
assert result.exit_code == 0, result.output
print(loaded("matplotlib", "jinja2", "weasyprint"), "lerende_scan.report" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["[]", "[] False"], out.stdout
    assert (tmp_path / "Zorggroep-De-Linde" / "scores.json").is_file()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["schema"], ["validate", "questionnaires", "--format", "json"]]
)
def test_a_full_standard_output_is_one_catalogue_line_not_a_traceback(args: list[str]) -> None:
    """``scan schema > /dev/full`` printed a Python traceback; a run's table went to X005 with no path."""
    root = Path(__file__).resolve().parents[2]
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "lerende_scan", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=root,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [done.stderr.strip()]  # one line
    assert done.stderr.startswith("error[X007]") and "Traceback" not in done.stderr
