"""``--company-column`` through the CLI: a column of answers or ids is a usage error naming the option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code

runner = CliRunner()

MINI = """
id: mini
version: "1.0"
title: Mini
scale: {min: 1, max: 5}
anonymity: {min_group_size: 2}
groups: [department]
factors:
  - id: fb
    name: Feedback
    items: [{id: fb1, text: a}, {id: fb2, text: b}, {id: fb3, text: c}]
"""

ROWS = "respondent_id,bedrijf,department,fb1,fb2,fb3\n" + "".join(
    f"R{i},{'Acme' if i % 2 else 'Bouw BV'},{'Sales' if i % 3 else 'Staf'},{i % 5 + 1},{(i + 2) % 5 + 1},3\n"
    for i in range(12)
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "mini.yaml").write_text(MINI)
    (tmp_path / "r.csv").write_text(ROWS)
    return tmp_path / "mini.yaml", tmp_path / "r.csv"


def score(files: tuple[Path, Path], out: Path, *args: str) -> tuple[int, str]:
    q, src = files
    result = runner.invoke(
        app, ["score", str(src), "-q", str(q), "--out", str(out), "--format", "json", *args]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("column", ["fb1", "FB1", "respondent_id"])
def test_a_company_column_holding_answers_or_ids_is_a_usage_error(
    tmp_path: Path, files: tuple[Path, Path], column: str
) -> None:
    code, output = score(files, tmp_path / "out", "--company-column", column)
    assert code == 2, output
    assert f"[{Code.COMPANY_COLUMN_TAKEN.id}]" in output
    assert "--company-column" in output and column in output
    assert "internal error" not in output and "Traceback" not in output
    assert len(output.strip().splitlines()) == 1


def test_a_group_column_may_be_the_company_column_and_is_then_no_breakdown(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    """Scoring departments as units is a fair request; a department breakdown inside one would be empty."""
    out = tmp_path / "out"
    code, output = score(files, out, "--company-column", "department")
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["Sales", "Staf"]
    assert Code.GROUP_COLUMN_MISSING.id not in output
    data = json.loads((out / "Sales" / "scores.json").read_text())
    assert data["company"] == "Sales"


def test_the_column_of_company_names_is_read(tmp_path: Path, files: tuple[Path, Path]) -> None:
    out = tmp_path / "out"
    code, output = score(files, out, "--company-column", "bedrijf")
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["Acme", "Bouw-BV"]
