"""``scan score --previous`` and ``scan benchmark --previous --pilots`` as a user runs them from the README:
the before and after in every data file, and every refusal one catalogue line, exit 1, nothing written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from tests.waves.conftest import V11, WAVES
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code

runner = CliRunner()
EXAMPLE = WAVES.parent / "responses.csv"


def run(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def wave1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("w") / "wave1"
    code, output = run("score", EXAMPLE, "--date", "2025-06-16", "--format", "json", "--out", out)
    assert code == 0, output
    return out


def test_score_with_previous_writes_before_and_after(wave1: Path, tmp_path: Path) -> None:
    out = tmp_path / "wave2"
    code, output = run(
        "score", WAVES / "responses-2026.csv", "-q", V11, "--date", "2026-06-15", "--wave-name", "nameting",
        "--previous", wave1, "--format", "json,xlsx", "--out", out,
    )  # fmt: skip
    assert code == 0, output
    data = json.loads((out / "Zorggroep-De-Linde" / "scores.json").read_text(encoding="utf-8"))
    assert data["wave"] == {"date": "2026-06-15", "name": "nameting"}
    waves = data["waves"]
    assert waves["previous"]["date"] == "2025-06-16" and waves["index"] is None
    feedback = next(f for f in waves["factors"] if f["id"] == "feedback")
    assert feedback["statistical"] and feedback["practical"] and feedback["g"] > 0.5
    assert waves["not_compared"]["external"][0] == {"id": "ex2", "factor": "external", "reason": "reworded"}
    assert all(i["fingerprint"] for f in data["factors"] for i in f["items"])
    sheets = openpyxl.load_workbook(out / "Zorggroep-De-Linde" / "scores.xlsx").sheetnames
    assert "before_after" in sheets


IMPLAUSIBLE = {  # found by fuzzing: an SD of 1e200 overflowed (exit 70), the others gave a change no scan has
    "huge_sd": ("factors", "sd", 1e200),
    "negative_sd": ("factors", "sd", -0.5),
    "mean_off_scale": ("factors", "mean", -1e300),
    "mean_above_scale": ("index", "mean", 5.5),
    "too_many_respondents": ("factors", "n", 10**30),
    "item_off_scale": ("items", "mean", 0.0),
}


@pytest.mark.parametrize(
    "case",
    [
        "other_questionnaire",
        "corrupt",
        "not_scores",
        "same_date",
        "too_large",
        "empty_folder",
        "scale_edited",
        *IMPLAUSIBLE,
    ],
)
def test_bad_previous_is_one_line_exit_1_nothing_written(wave1: Path, tmp_path: Path, case: str) -> None:
    previous = tmp_path / "previous.json"
    source = wave1 / "Zorggroep-De-Linde" / "scores.json"
    expected = Code.WAVE_PREVIOUS_INVALID
    date = "2026-06-15"
    if case == "other_questionnaire":
        data = json.loads(source.read_text(encoding="utf-8"))
        data["questionnaire"]["id"] = "andere-scan"
        previous.write_text(json.dumps(data), encoding="utf-8")
        expected = Code.WAVE_OTHER_QUESTIONNAIRE
    elif case == "corrupt":
        previous.write_text(source.read_text(encoding="utf-8")[:500], encoding="utf-8")
    elif case == "not_scores":
        previous.write_text('{"format": "lerende-scan-benchmark/1"}', encoding="utf-8")
    elif case == "too_large":  # found by fuzzing: read as infinity, a factor was marked changed on no number
        text = source.read_text(encoding="utf-8")
        previous.write_text(re.sub(r'"mean": [0-9.]+', '"mean": 1e400', text, count=3), encoding="utf-8")
    elif case in IMPLAUSIBLE:
        part, key, value = IMPLAUSIBLE[case]
        data = json.loads(source.read_text(encoding="utf-8"))
        target = {
            "factors": data["factors"][1],
            "index": data["index"],
            "items": data["factors"][2]["items"][0],
        }
        target[part][key] = value
        previous.write_text(json.dumps(data), encoding="utf-8")
    elif case == "scale_edited":  # the fingerprint kept, the range changed by hand: not the same scale
        data = json.loads(source.read_text(encoding="utf-8"))
        data["questionnaire"]["scale"]["max"] = 7
        previous.write_text(json.dumps(data), encoding="utf-8")
        expected = Code.WAVE_SCALE_CHANGED
    elif case == "same_date":
        shutil.copy(source, previous)
        date = "2025-06-16"
        expected = Code.WAVE_SAME_DATE
    else:
        previous = tmp_path / "leeg"
        previous.mkdir()
    out = tmp_path / "out"
    code, output = run(
        "score", WAVES / "responses-2026.csv", "--date", date, "--previous", previous, "--format", "json",
        "--out", out,
    )  # fmt: skip
    assert code == 1, output
    assert f"error[{expected.id}]" in output
    assert len([line for line in output.splitlines() if f"[{expected.id}]" in line]) == 1
    assert not out.exists() or not any(out.rglob("scores.json"))


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(f.relative_to(folder)): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.mark.parametrize("where", ["same", "inside", "company_inside"])
def test_an_out_that_would_overwrite_the_earlier_wave_is_refused(
    wave1: Path, tmp_path: Path, where: str
) -> None:
    """Found by fuzzing: --out the earlier wave's folder (or inside it, or holding the company folder
    given) overwrote its reports and findings; now a usage error (W015) and nothing changes."""
    previous, out = {
        "same": (wave1, wave1),
        "inside": (wave1, wave1 / "Zorggroep-De-Linde"),
        "company_inside": (wave1 / "Zorggroep-De-Linde" / "scores.json", wave1),
    }[where]
    before = _tree(wave1)
    code, output = run(
        "score", EXAMPLE, "--date", "2026-06-15", "--previous", previous, "--format", "json", "--out", out
    )
    assert code == 2 and "overwrite the earlier wave" in " ".join(output.replace("│", " ").split()), output
    assert _tree(wave1) == before


def test_an_out_beside_the_earlier_wave_is_fine(wave1: Path, tmp_path: Path) -> None:
    code, output = run(
        "score", EXAMPLE, "--date", "2026-06-15", "--previous", wave1, "--format", "json",
        "--out", wave1.parent / "wave2",
    )  # fmt: skip
    assert code == 0, output


def test_company_match_option_needs_old_equals_new(wave1: Path, tmp_path: Path) -> None:
    code, output = run("score", EXAMPLE, "--previous", wave1, "--company-match", "Linde", "--out", tmp_path)
    assert code == 2 and "OLD=NEW" in output


@pytest.fixture(scope="module")
def sectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sector")
    code, output = run(
        "benchmark", WAVES / "sector-2025", "--name", "Voorbeeldsector 2025", "--date", "2025-06-30",
        "--format", "json", "--out", root / "2025", "--jobs", "1",
    )  # fmt: skip
    assert code == 0, output
    return root


def test_benchmark_with_previous_and_pilots(sectors: Path) -> None:
    code, output = run(
        "benchmark", WAVES / "sector-2026", "--name", "Voorbeeldsector 2026", "--date", "2026-06-30",
        "--format", "json", "--out", sectors / "2026", "--jobs", "1", "--previous", sectors / "2025",
        "--pilots", WAVES / "pilots.csv",
    )  # fmt: skip
    assert code == 0, output
    bench = json.loads((sectors / "2026" / "benchmark.json").read_text(encoding="utf-8"))
    waves = bench["waves"]
    assert waves["companies_both"] == 8 and waves["previous"]["name"] == "Voorbeeldsector 2025"
    assert waves["pilots"]["pilots"] == 4 and waves["pilots"]["others"] == 4
    assert all(r["did"] is not None for r in waves["pilots"]["factors"])
    assert "Zorgcentrum" not in json.dumps(waves)  # companies only as counts
    company = json.loads(
        (sectors / "2026" / "companies" / "Zorgcentrum-Het-Baken" / "scores.json").read_text(encoding="utf-8")
    )
    assert company["waves"]["previous"]["date"] == "2025-06-30"


def test_benchmark_into_the_earlier_benchmark_folder_is_refused(sectors: Path) -> None:
    before = _tree(sectors / "2025")
    code, output = run(
        "benchmark", WAVES / "sector-2026", "--name", "X", "--date", "2026-06-30", "--format", "json",
        "--out", sectors / "2025", "--jobs", "1", "--previous", sectors / "2025" / "benchmark.json",
    )  # fmt: skip
    assert code == 2 and "overwrite the earlier wave" in " ".join(output.replace("│", " ").split()), output
    assert _tree(sectors / "2025") == before


@pytest.mark.parametrize("problem", ["missing", "too_few"])
def test_pilot_refusals(sectors: Path, tmp_path: Path, problem: str) -> None:
    pilots = tmp_path / "pilots.csv"
    if problem == "missing":
        pilots.write_text("company,pilot\nZorgcentrum Het Bakken,ja\n", encoding="utf-8")
        expected = Code.PILOTS_MISSING
    else:
        pilots.write_text("company,pilot\nZorgcentrum Het Baken,ja\nWoonzorg De Horst,ja\n", encoding="utf-8")
        expected = Code.PILOTS_TOO_FEW
    out = tmp_path / "out"
    code, output = run(
        "benchmark", WAVES / "sector-2026", "--name", "S 2026", "--date", "2026-06-30", "--format", "json",
        "--out", out, "--jobs", "1", "--previous", sectors / "2025", "--pilots", pilots,
    )  # fmt: skip
    assert code == 1, output
    assert f"pilots.csv{', row 2' if problem == 'missing' else ''}: error[{expected.id}]" in output
    if problem == "missing":
        assert "did you mean 'Zorgcentrum Het Baken'" in output
    assert not (out / "benchmark.json").exists() and not (out / "companies").exists()


def test_the_same_earlier_wave_given_twice_is_compared_once(wave1: Path, tmp_path: Path) -> None:
    """A folder and its own scores.json name one wave: W003 told the user to change this wave's date."""
    out = tmp_path / "wave2"
    again = wave1 / "Zorggroep-De-Linde" / "scores.json"
    code, output = run(
        "score", EXAMPLE, "--date", "2026-06-15", "--format", "json", "--out", out,
        "--previous", wave1, "--previous", again, "--previous", wave1,
    )  # fmt: skip
    assert code == 0, output
    data = json.loads((out / "Zorggroep-De-Linde" / "scores.json").read_text(encoding="utf-8"))
    assert data["waves"]["previous"]["date"] == "2025-06-16"


def test_an_earlier_benchmark_dated_after_this_one_is_refused(sectors: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run(
        "benchmark", WAVES / "sector-2026", "--name", "S", "--date", "2024-06-30", "--format", "json",
        "--out", out, "--jobs", "1", "--previous", sectors / "2025",
    )  # fmt: skip
    assert code == 1, output
    line = " ".join(output.split())
    assert (
        "benchmark.json: error[W006]: this earlier scan is dated 2025-06-30, after this wave (2024-06-30)"
        in line
    )
    assert not out.exists() or not any(out.glob("*/*/scores.json"))


def test_an_earlier_benchmark_without_its_companies_folder_is_named(sectors: Path, tmp_path: Path) -> None:
    """The company reports then lack their before and after; that happened without a word."""
    earlier = tmp_path / "2025"
    earlier.mkdir()
    shutil.copy(sectors / "2025" / "benchmark.json", earlier / "benchmark.json")
    out = tmp_path / "2026"
    code, output = run(
        "benchmark", WAVES / "sector-2026", "--name", "Voorbeeldsector 2026", "--date", "2026-06-30",
        "--format", "json", "--out", out, "--previous", earlier, "--jobs", "1",
    )  # fmt: skip
    assert code == 0, output
    assert len([line for line in output.splitlines() if "warning[W016]" in line]) == 1
    bench = json.loads((out / "benchmark.json").read_text(encoding="utf-8"))
    assert bench["waves"] is not None  # the sector's change is still there
    code, output = run(
        "benchmark", WAVES / "sector-2026", "--name", "Voorbeeldsector 2026", "--date", "2026-06-30",
        "--format", "json", "--out", tmp_path / "with", "--previous", sectors / "2025", "--jobs", "1",
    )  # fmt: skip
    assert code == 0 and "W016" not in output


def test_group_match_option_needs_old_equals_new_and_is_used(wave1: Path, tmp_path: Path) -> None:
    code, output = run("score", EXAMPLE, "--previous", wave1, "--group-match", "Wijkzorg", "--out", tmp_path)
    assert code == 2 and "OLD=NEW" in output and "group" in output
    code, output = run(
        "score", EXAMPLE, "--date", "2026-06-15", "--previous", wave1, "--group-match", "Wijkzorg=Wijkzorg",
        "--format", "json", "--out", tmp_path / "out",
    )  # fmt: skip
    assert code == 0, output
