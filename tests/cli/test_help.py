"""What a new user meets first: a bare `scan`, help without Python types, exit codes, named options."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "responses.csv"


def test_bare_scan_shows_the_overview_and_exits_0() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "scan score" in result.output and "benchmark" in result.output


@pytest.mark.parametrize("command", ["score", "benchmark", "validate"])
def test_help_shows_no_python_types(command: str) -> None:
    text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).output
    for leak in ("<bool>", "<str>", "<list[", "<int>", "<Path>", "{responses}", "<file>", "<dir>"):
        assert leak not in text, leak
    assert "the questionnaire's first language" in text or command == "validate"


@pytest.mark.parametrize("command", ["score", "benchmark", "validate"])
def test_help_lists_the_exit_codes(command: str) -> None:
    text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).output
    assert "Exit codes" in text and "2" in text


def test_an_impossible_date_names_the_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(EXAMPLE), "--date", "2026-02-30", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--date" in result.output and "2026-02-30" in result.output
    assert not any(tmp_path.iterdir())


def test_a_language_code_in_capitals_is_that_language(tmp_path: Path) -> None:
    """Language tags are case-insensitive (BCP 47): EN is en, as a user means it."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(EXAMPLE), "--lang", "EN", "--out", str(out), "-f", "html"])
    assert result.exit_code == 0, result.output
    assert '<html lang="en"' in next(out.glob("*/report.html")).read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["de", "e n", ""])
def test_a_language_the_questionnaire_lacks_is_a_usage_error(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(EXAMPLE), "--lang", lang, "--out", str(out), "-f", "json"])
    assert result.exit_code == 2, result.output
    assert f"[{Code.UNKNOWN_LANGUAGE_OPTION.id}]" in result.output and "internal error" not in result.output
    assert not out.exists()


def test_company_and_company_column_together_is_a_usage_error(tmp_path: Path) -> None:
    args = ["score", str(EXAMPLE), "--company", "A", "--company-column", "company", "--out", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--company" in result.output


def test_invited_for_an_export_of_several_companies_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["score", str(EXAMPLE), "--invited", "100", "--out", str(out), "-f", "json"])
    assert result.exit_code == 2, result.output  # a straight-lining warning beside it does not make it 1
    assert f"error[{Code.INVITED_SEVERAL_COMPANIES.id}]" in result.output and not out.exists()


def test_invited_and_population_together_is_a_usage_error(tmp_path: Path) -> None:
    """--invited was silently ignored beside --population."""
    table = tmp_path / "population.csv"
    table.write_text("company,invited\nTechniek BV Oost,90\n", encoding="utf-8")
    args = [
        "score",
        str(EXAMPLE),
        "--invited",
        "100",
        "--population",
        str(table),
        "--out",
        str(tmp_path / "o"),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "--population" in result.output


@pytest.mark.parametrize("name", ["", "   "])
def test_a_benchmark_without_a_name_is_a_usage_error(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["benchmark", str(EXAMPLE), "--name", name, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--name" in result.output
    assert not (tmp_path / "o").exists()
