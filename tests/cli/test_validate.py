"""`scan validate`: one line per problem, a summary, JSON/GitHub formats and the documented exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code, ExitCode

DATA = Path(__file__).parents[1] / "data" / "questionnaires"
VALID = DATA / "valid.yaml"
PROBLEMS = DATA / "problems.yaml"
ONE_ITEM = DATA / "one-item.yaml"
LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (error|warning)\[(?P<code>Q\d{3})\]: .+$")

runner = CliRunner()


def test_valid_file_exits_0_with_a_summary_on_stderr() -> None:
    result = runner.invoke(app, ["validate", str(VALID)])
    assert result.exit_code == ExitCode.OK
    assert result.stdout == ""
    assert "1 file checked: 0 errors, 0 warnings" in result.stderr


def test_problems_exit_1_with_one_located_line_each() -> None:
    result = runner.invoke(app, ["validate", str(PROBLEMS)])
    assert result.exit_code == ExitCode.FINDINGS
    lines = result.stderr.strip().splitlines()
    found = [LOCATED.match(line) for line in lines[:-1]]
    assert all(found), lines
    assert [(m["line"], m["code"]) for m in found if m] == [
        ("3", Code.WRONG_TYPE.id),
        ("5", Code.MISSING_TRANSLATION.id),
        ("11", Code.ONE_ITEM.id),
        ("14", Code.UNKNOWN_KEY.id),
    ]
    assert "3 errors, 1 warning" in lines[-1]


def test_a_location_or_key_that_looks_like_an_emoji_code_prints_as_written(tmp_path: Path) -> None:
    """Rich turns ':100:' into an emoji: 'file:100:1' printed as 'file💯1' until emoji codes were off."""
    path = tmp_path / "q.yaml"
    path.write_text("#\n" * 99 + ":smile:: 1\n" + VALID.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == ExitCode.FINDINGS
    assert f"{path}:100:1: error[{Code.UNKNOWN_KEY.id}]: ':smile:' is not a known key" in result.stderr


def test_a_folder_is_searched_recursively() -> None:
    result = runner.invoke(app, ["validate", str(DATA)])
    assert result.exit_code == ExitCode.FINDINGS
    assert "3 files checked" in result.stderr


def test_warnings_pass_unless_strict() -> None:
    assert runner.invoke(app, ["validate", str(ONE_ITEM)]).exit_code == ExitCode.OK
    strict = runner.invoke(app, ["validate", "--strict", str(ONE_ITEM)])
    assert strict.exit_code == ExitCode.FINDINGS
    assert Code.ONE_ITEM.id in strict.stderr


def test_nonexistent_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "missing.yaml")])
    assert result.exit_code == ExitCode.USAGE


def test_no_paths_is_a_usage_error() -> None:
    assert runner.invoke(app, ["validate"]).exit_code == ExitCode.USAGE


def test_json_format_is_a_document_on_stdout() -> None:
    result = runner.invoke(app, ["validate", "--format", "json", str(VALID), str(PROBLEMS)])
    assert result.exit_code == ExitCode.FINDINGS
    doc = json.loads(result.stdout)
    assert doc["files"] == [str(VALID), str(PROBLEMS)]
    assert (doc["errors"], doc["warnings"]) == (3, 1)
    first = doc["findings"][0]
    assert (first["code"], first["file"], first["line"], first["col"]) == (
        Code.WRONG_TYPE.id,
        str(PROBLEMS),
        3,
        10,
    )
    assert {"severity", "message", "name"} <= first.keys()


def test_json_format_of_a_valid_file_exits_0() -> None:
    result = runner.invoke(app, ["validate", "-f", "json", str(VALID)])
    assert result.exit_code == ExitCode.OK
    assert json.loads(result.stdout)["findings"] == []


def test_github_format_gives_workflow_annotations() -> None:
    result = runner.invoke(app, ["validate", "--format", "github", str(PROBLEMS)])
    assert result.exit_code == ExitCode.FINDINGS
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"::error file={PROBLEMS},line=3,col=10,title={Code.WRONG_TYPE.id} ")
    assert lines[2].startswith("::warning ")


def test_unknown_format_is_a_usage_error() -> None:
    assert runner.invoke(app, ["validate", "--format", "xml", str(VALID)]).exit_code == ExitCode.USAGE


def test_help_shows_examples_and_exit_codes() -> None:
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    assert "scan validate questionnaires/" in result.stdout
    assert "--strict" in result.stdout


def test_github_annotations_hold_no_control_characters_and_escape_workflow_syntax(tmp_path: Path) -> None:
    """A file name (or key) with ESC or BEL went raw into the annotation; GitHub's own characters must be
    escaped (%, CR and LF everywhere, ':' and ',' in properties) or they end or split the command."""
    path = tmp_path / "scan\x07\x1b[2J,a:b%.yaml"
    path.write_text('id: x\nversion: "1"\n"k\\e]0;t\\a%,:": v\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "github", str(path)])
    assert result.exit_code == ExitCode.FINDINGS
    lines = result.stdout.splitlines()
    assert lines and not re.search("[\x00-\x1f\x7f]", result.stdout.replace("\n", ""))
    shown = str(tmp_path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    assert all(
        line.startswith(f"::error file={shown}/scan\\x07\\x1b[2J%2Ca%3Ab%25.yaml,line=") for line in lines
    )
    unknown = next(line for line in lines if "Q010" in line)
    assert unknown.split("::", 2)[2].startswith("'k\\x1b]0;t\\x07%25,:' is not a known key")
