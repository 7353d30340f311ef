"""The summary lines of ``scan score``, ``scan benchmark`` and ``scan diff``: paths shown inert."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from lerende_scan.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "responses.csv"
DATA = Path(__file__).resolve().parents[1] / "data" / "questionnaires"
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f]")  # any control character but the line break
runner = CliRunner()


def test_score_summary_masks_control_characters_in_the_out_path(tmp_path: Path) -> None:
    """'3 organisaties geschreven naar <out>/' printed ESC raw: a folder name could restyle the terminal."""
    out = tmp_path / "out\x1b[2J\x07"
    result = runner.invoke(app, ["score", str(EXAMPLE), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert not CONTROL.search(result.stderr)
    assert f"3 organisaties geschreven naar {tmp_path}/out\\x1b[2J\\x07/" in result.stderr
    assert (out / "Techniek-BV-Oost" / "scores.json").is_file()  # written where asked


def test_benchmark_summary_masks_control_characters_in_the_out_path(tmp_path: Path) -> None:
    out = tmp_path / "out\x1b]0;x\x07"
    args = ["benchmark", str(EXAMPLE), "--name", "VVT", "--min-companies", "3", "--out", str(out)]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert not CONTROL.search(result.stderr)
    shown = f"{tmp_path}/out\\x1b]0;x\\x07"
    assert f"{shown}/benchmark.json" in result.stderr and f"{shown}/companies/" in result.stderr


def test_diff_heading_masks_control_characters_in_paths_and_versions(tmp_path: Path) -> None:
    text = (DATA / "valid.yaml").read_text(encoding="utf-8")
    old, new = tmp_path / "v1\x1b[1m.yaml", tmp_path / "v2.yaml"
    old.write_text(text, encoding="utf-8")
    version = re.search(r"^version: .*$", text, re.M)
    assert version is not None
    new.write_text(text.replace(version.group(), 'version: "2\\e[2J"'), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert not CONTROL.search(result.output)
    assert result.stdout.splitlines()[0].startswith(f"{tmp_path}/v1\\x1b[1m.yaml (mini ")
    assert "2\\x1b[2J)" in result.stdout.splitlines()[0]
