"""``scan circles`` end to end: the example, the 360 path, bad input as exit 1 with one line, outputs
only under --out and inert in a spreadsheet."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "leaders"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["circles", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full run on the example (html and pdf included), shared by the checks below."""
    out = tmp_path_factory.mktemp("circles") / "out"
    code, output = run(str(EXAMPLE / "needs.csv"), "--out", str(out), "--date", "2026-12-02")
    assert code == 0, output
    return out


def test_example_writes_every_format_under_out(example_run: Path) -> None:
    assert sorted(p.name for p in example_run.iterdir()) == [
        "circles.csv",
        "circles.html",
        "circles.pdf",
        "circles.xlsx",
    ]
    members = pd.read_csv(example_run / "circles.csv", sep=";", encoding="utf-8-sig", decimal=",")
    assert len(members) == 64 and members["leader_id"].is_unique
    sheets = pd.read_excel(example_run / "circles.xlsx", sheet_name=None)
    assert list(sheets) == ["circles", "balance", "unplaced", "quality"]
    assert sheets["balance"]["members"].sum() == 64


def test_example_pdf_has_a_cover_an_overview_and_a_page_per_circle(example_run: Path) -> None:
    circles = pd.read_csv(example_run / "circles.csv", sep=";", encoding="utf-8-sig")["circle"].nunique()
    info = subprocess.run(["pdfinfo", str(example_run / "circles.pdf")], capture_output=True, text=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))
    assert pages == 2 + circles
    html = (example_run / "circles.html").read_text(encoding="utf-8")
    assert html.count('class="page circle own-page"') == circles and "persoonsgegevens" in html


def test_same_seed_same_files(example_run: Path, tmp_path: Path) -> None:
    code, _ = run(str(EXAMPLE / "needs.csv"), "--out", str(tmp_path), "--format", "csv")
    assert code == 0
    assert (tmp_path / "circles.csv").read_bytes() == (example_run / "circles.csv").read_bytes()


def test_from_360_writes_one_summary_folder_per_leader(tmp_path: Path) -> None:
    code, output = run(
        str(EXAMPLE / "needs.csv"),
        "--from-360",
        str(EXAMPLE / "feedback360.csv"),
        "--out",
        str(tmp_path),
        "--format",
        "html,xlsx",
        "--lang",
        "en",
    )
    assert code == 0, output
    folders = sorted(p.name for p in (tmp_path / "360").iterdir())
    assert len(folders) == 64 and folders[0] == "L01"
    page = (tmp_path / "360" / "L05" / "360.html").read_text(encoding="utf-8")
    assert "L05" in page and "L06" not in page and "Others" in page


def test_names_are_inert_and_ids_cannot_escape_out(tmp_path: Path) -> None:
    needs = "id,name,department,feedback,safety\n" + "".join(
        f"{'../../evil' if i == 0 else f'X{i}'},{'=HYPERLINK(1)' if i == 1 else f'N{i}'},D{i % 3},{i % 4},1\n"
        for i in range(8)
    )
    path = tmp_path / "needs.csv"
    path.write_text(needs, encoding="utf-8")
    out = tmp_path / "out"
    code, output = run(str(path), "--out", str(out), "--format", "csv,xlsx")
    assert code == 0, output
    text = (out / "circles.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    written = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {"needs.csv", "out"}


def test_need_ranks_stay_whole_numbers_when_a_leader_has_none(tmp_path: Path) -> None:
    """One leader without needs made the column floats: '1,000' in circles.csv."""
    rows = "".join(f"L{i},D{i % 3},{i % 4},{(i + 1) % 3},{i % 2}\n" if i else "L0,D0,,,\n" for i in range(16))
    path = tmp_path / "needs.csv"
    path.write_text("id,department,feedback,autonomy,safety\n" + rows, encoding="utf-8")
    code, output = run(str(path), "--out", str(tmp_path / "out"), "--format", "csv")
    assert code == 0, output
    ranks = pd.read_csv(tmp_path / "out" / "circles.csv", sep=";", dtype=str, keep_default_na=False)
    assert set(ranks["need_rank"]) <= {"", "1", "2", "3"} and "" in set(ranks["need_rank"])


def test_theme_names_that_look_like_rich_markup_print_as_written(tmp_path: Path) -> None:
    """A theme named '[/x]' was read as a closing tag by the terminal table: MarkupError, exit 70."""
    rows = "".join(f"L{i},D{i % 3},{i % 4},{(i + 1) % 3}\n" for i in range(16))
    needs = "id,department,x,bold-b-bold\n" + rows
    path = tmp_path / "needs.csv"
    path.write_text(needs, encoding="utf-8")
    code, output = run(str(path), "--themes", "[/x],[bold]b[/bold]", "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert "[/x]" in output and "[bold]b[/bold]" in output


@pytest.mark.parametrize(
    ("needs", "options", "expected"),
    [
        ("id,feedback\nA,1\nA,2\n", (), Code.LEADER_ID_DUPLICATE),
        ("id,feedback\n" + "".join(f"L{i},1\n" for i in range(5)), (), Code.TOO_FEW_LEADERS),
        (
            "id,department,feedback\n" + "".join(f"L{i},{'D0' if i < 9 else 'D1'},1\n" for i in range(16)),
            ("--max-per-department", "2"),
            Code.DEPARTMENT_CAP_IMPOSSIBLE,
        ),
        ("id,manager,feedback\nA,B,1\nB,A,1\n", (), Code.MANAGER_CYCLE),
        ("id,leadership,thema\nA,1,2\n", (), Code.THEME_COLUMN_UNKNOWN),
    ],
)
def test_bad_input_is_one_catalogue_line_and_exit_1(
    tmp_path: Path, needs: str, options: tuple[str, ...], expected: Code
) -> None:
    path = tmp_path / "needs.csv"
    path.write_text(needs, encoding="utf-8")
    code, output = run(str(path), "--out", str(tmp_path / "out"), *options)
    assert code == 1
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and f"[{expected.id}]" in lines[0] and str(path) in lines[0]
    assert not (tmp_path / "out").exists()


def test_needs_or_360_is_required() -> None:
    code, output = run()
    assert code == 2 and "--from-360" in output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--size", "99999999999999999999", "--max-size", "99999999999999999999"], "--size"),
        (["--max-per-department", "99999999999999999999"], "--max-per-department"),
        (["--min-size", "0"], "--min-size"),
        (["--size", "1"], "--size"),
        (["--size", "8", "--min-size", "9", "--max-size", "7"], "--min-size (9) ≤ --size (8)"),
        (["--seed", "-1"], "--seed"),
        (["--themes", ","], "--themes"),
        (["--themes", " , ,"], "--themes"),
    ],
)
def test_impossible_options_are_usage_errors(tmp_path: Path, args: list[str], expected: str) -> None:
    """Found by fuzzing: numpy could not hold the sizes, could not seed from -1, and no themes left
    nothing to choose from; each was an internal error (exit 70)."""
    out = tmp_path / "out"
    code, output = run(str(EXAMPLE / "needs.csv"), *args, "--format", "csv", "--out", str(out))
    assert code == 2 and expected in output, output
    assert not out.exists()


def test_unplaced_leaders_are_listed_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "needs.csv"
    path.write_text("id,feedback\n" + "".join(f"L{i},1\n" for i in range(11)), encoding="utf-8")
    code, output = run(str(path), "--out", str(tmp_path / "out"), "--format", "xlsx")
    assert code == 0 and f"[{Code.UNPLACED_SIZES.id}]" in output
    unplaced = pd.read_excel(
        io.BytesIO((tmp_path / "out" / "circles.xlsx").read_bytes()), sheet_name="unplaced"
    )
    assert list(unplaced["reason"]) == ["sizes", "sizes"]


def feedback_with_department(tmp_path: Path) -> Path:
    """The example 360 file with a department column after the role (a column that holds no roles)."""
    rows = [
        line.split(",", 2) for line in (EXAMPLE / "feedback360.csv").read_text(encoding="utf-8").splitlines()
    ]
    path = tmp_path / "feedback 360.csv"
    lines = [f"{a},{b},{'dept' if i == 0 else 'Sales'},{rest}" for i, (a, b, rest) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("options", "expected", "exit_code", "column"),
    [
        (("--role-column", "leader"), Code.RATER_COLUMN_TAKEN, 2, "leader"),
        (("--leader-column", "role"), Code.RATER_COLUMN_TAKEN, 2, "role"),
        (("--role-column", "LEADER"), Code.RATER_COLUMN_TAKEN, 2, "LEADER"),
        (("--role-column", "fb1"), Code.RATER_COLUMN_TAKEN, 2, "fb1"),
        (("--role-column", "dept"), Code.ROLES_NONE, 1, "dept"),
    ],
)
def test_a_role_or_leader_column_that_cannot_be_one_is_one_catalogue_line(
    tmp_path: Path, options: tuple[str, ...], expected: Code, exit_code: int, column: str
) -> None:
    """--role-column leader exited 1 without a word (the leader column twice made an empty error)."""
    feedback = feedback_with_department(tmp_path)
    out = tmp_path / "out"
    code, output = run("--from-360", str(feedback), *options, "--format", "csv", "--out", str(out))
    lines = [line for line in output.splitlines() if line.strip()]
    assert code == exit_code and len(lines) == 1, output
    assert f"[{expected.id}]" in lines[0] and str(feedback) in lines[0] and f"'{column}'" in lines[0]
    assert not out.exists()
