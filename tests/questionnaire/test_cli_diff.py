"""``scan diff OLD NEW`` through the CLI: its lines, its JSON, its exit codes (0 kept, 1 broken, 2 usage)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase

runner = CliRunner()


def versions(tmp_path: Path, case: YamlCase, new: str) -> tuple[str, str]:
    old_path, new_path = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
    old_path.write_text(case.valid, encoding="utf-8")
    new_path.write_text(new, encoding="utf-8")
    return str(old_path), str(new_path)


def test_identical_versions_exit_0(tmp_path: Path, case: YamlCase) -> None:
    result = runner.invoke(app, ["diff", *versions(tmp_path, case, case.valid)])
    assert result.exit_code == 0, result.output
    assert "factor 'feedback': keeps its trend" in result.stdout
    assert "no changes" in result.stderr


def test_a_reworded_statement_exits_1_and_names_it_and_its_factor(tmp_path: Path, case: YamlCase) -> None:
    new = case.edit("Mistakes are kept quiet.", "Mistakes are hidden.")
    new = case.edit('version: "0.1"', 'version: "0.2"', new)
    result = runner.invoke(app, ["diff", *versions(tmp_path, case, new)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith("(mini 0.2)")
    assert "statement 'fb2' (factor 'feedback'): reworded (en)" in lines
    assert "factor 'feedback': loses its trend (changed: fb2)" in lines
    assert "factor 'autonomy': keeps its trend" in lines
    assert "1 of 2 factor(s) lose their trend" in result.stderr


def test_another_id_exits_1_because_no_wave_can_be_compared(tmp_path: Path, case: YamlCase) -> None:
    """scan score --previous refuses a wave of another id (W002); diff said "every trend kept", exit 0."""
    result = runner.invoke(app, ["diff", *versions(tmp_path, case, case.edit("id: mini", "id: andere"))])
    assert result.exit_code == 1, result.output
    assert "the questionnaire id changed (mini -> andere)" in result.stdout
    assert "keeps its trend" not in result.stdout
    assert "factor 'feedback': the same statements, but loses its trend with the id" in result.stdout
    assert "no wave can be compared" in result.stderr


def test_a_new_scale_is_summarised_as_such(tmp_path: Path, case: YamlCase) -> None:
    new = case.edit("  max: 5\n", "  max: 7\n").replace("    5: {", "    7: {")
    result = runner.invoke(app, ["diff", *versions(tmp_path, case, new)])
    assert result.exit_code == 1, result.output
    assert "the scale changed, so no statement can be compared" in result.stderr
    assert "0 statement(s) changed" not in result.stderr


def test_only_additions_exit_0(tmp_path: Path, case: YamlCase) -> None:
    new = case.edit("  max: 5\n", "  max: 5\n  favourable_from: 5\n")
    result = runner.invoke(app, ["diff", *versions(tmp_path, case, new)])
    assert result.exit_code == 0, result.output
    assert "favourable split 2/4 -> 2/5" in result.stdout


def test_json_format_is_the_diff_document(tmp_path: Path, case: YamlCase) -> None:
    new = case.edit("  max: 5\n", "  max: 7\n")
    result = runner.invoke(app, ["diff", *versions(tmp_path, case, new), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["breaks_trend"] and data["scale"]["what"] == ["points 1..5 -> 1..7"]
    assert {f["factor"]: f["status"] for f in data["factors"]} == {"feedback": "broken", "autonomy": "broken"}


def test_an_invalid_version_shows_its_findings_and_exits_1(tmp_path: Path, case: YamlCase) -> None:
    new = case.edit("min_group_size: 5", "min_group_size: !!int abc")
    result = runner.invoke(app, ["diff", *versions(tmp_path, case, new)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert f"error[{Code.YAML_VALUE.id}]" in result.output and "Traceback" not in result.output


def test_many_findings_are_all_shown_for_both_versions_and_name_no_findings_file(
    tmp_path: Path, case: YamlCase
) -> None:
    """Over 20 findings ended in X004 "the run stopped before writing findings.txt": diff writes no such file.
    The findings are listed as scan validate lists them, every one, for each version that has them."""
    old_path, new_path = tmp_path / "v1.yaml", tmp_path / "v2.yaml"
    old_path.write_text(
        case.edit("id: mini\n", "id: mini\n" + "".join(f"k{i}: 1\n" for i in range(25))),
        encoding="utf-8",
    )
    new_path.write_text(case.edit("min_group_size: 5", "min_group_size: !!int abc"), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old_path), str(new_path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "findings.txt" not in result.output and Code.MORE_FINDINGS_UNWRITTEN.id not in result.output
    lines = result.output.splitlines()
    assert (
        sum(f"error[{Code.UNKNOWN_KEY.id}]" in line and line.startswith(str(old_path)) for line in lines)
        == 25
    )
    assert any(line.startswith(f"{new_path}:") and f"error[{Code.YAML_VALUE.id}]" in line for line in lines)


def test_a_missing_file_or_format_is_a_usage_error(tmp_path: Path, case: YamlCase) -> None:
    old, _ = versions(tmp_path, case, case.valid)
    assert runner.invoke(app, ["diff", old, str(tmp_path / "nope.yaml")]).exit_code == 2
    assert runner.invoke(app, ["diff", old, old, "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["diff", old]).exit_code == 2


def test_help_has_examples_and_exit_codes() -> None:
    text = runner.invoke(app, ["diff", "--help"], env={"COLUMNS": "200"}).output
    assert "scan diff" in text and "Exit codes" in text


def test_scan_diff_loads_no_data_stack() -> None:
    """Like `scan validate`, `scan diff` runs in review and CI: no pandas, numpy, scipy or pyarrow."""
    import subprocess
    import sys

    shipped = Path(__file__).resolve().parents[2] / "questionnaires" / "lerende-organisatie.yaml"
    script = f"""
import sys
from typer.testing import CliRunner
from lerende_scan.cli import app
assert CliRunner().invoke(app, ["diff", {str(shipped)!r}, {str(shipped)!r}]).exit_code == 0
print(sorted({{m.split(".")[0] for m in sys.modules}} & {{"pandas", "numpy", "scipy", "pyarrow"}}))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
