"""``scan score`` end to end through the CLI: outputs, exit codes, privacy and hostile input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code
from lerende_scan.output import INCOMPLETE

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()

MINI = """
id: mini
version: "1.0"
title: Mini
scale: {min: 1, max: 5}
anonymity: {min_group_size: 5}
groups: [department]
factors:
  - id: fb
    name: Feedback
    items:
      [{id: fb1, text: a}, {id: fb2, text: b}, {id: fb3, text: c}, {id: fb4, text: d}, {id: fb5, text: e}]
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI)
    return path


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def scores(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text()) for p in sorted(out.glob("*/scores.json"))}


def test_example_writes_one_folder_per_company(tmp_path: Path) -> None:
    code, output = run("score", EXAMPLES / "responses.csv", "--out", tmp_path, "--format", "json,xlsx,csv")
    assert code == 0, output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Gemeente-Dijkerveen",
        "Techniek-BV-Oost",
        "Zorggroep-De-Linde",
        "findings.txt",
    ]
    data = scores(tmp_path)["Techniek-BV-Oost"]
    assert data["questionnaire"]["id"] == "lerende-organisatie"
    assert data["respondents"]["excluded"]["duplicate_id"] == 1
    assert {f["id"] for f in data["factors"]} == {
        "feedback",
        "autonomy",
        "safety",
        "leadership",
        "external",
        "motivation",
    }
    means = {f["id"]: f["mean"] for f in data["factors"]}
    # Every factor is an opportunity or a strength, never both; opportunities by score run weakest first.
    assert set(data["opportunities"]).isdisjoint(data["strengths"])
    assert set(data["opportunities"]) | set(data["strengths"]) == set(means)
    by_score = data.get("opportunities_by_score") or data["opportunities"]
    assert by_score == sorted(by_score, key=lambda k: means[k])
    assert "Biggest" in output or "Grootste verbetermogelijkheden" in output
    xlsx = openpyxl.load_workbook(tmp_path / "Techniek-BV-Oost" / "scores.xlsx")
    assert xlsx.sheetnames == [
        "summary",
        "factors",
        "items",
        "groups",
        "leaders",
        "data_quality",
        "drivers",
        "motivation",
    ]
    assert (tmp_path / "Techniek-BV-Oost" / "scores.csv").read_bytes().startswith(b"\xef\xbb\xbfcompany;")


@pytest.mark.parametrize(
    "export", ["exports/limesurvey_nl.csv", "exports/qualtrics_en.csv", "exports/responses.xlsx"]
)
def test_real_looking_exports_give_identical_scores(tmp_path: Path, export: str) -> None:
    run("score", EXAMPLES / "responses.csv", "--out", tmp_path / "plain", "--format", "json")
    code, output = run("score", EXAMPLES / export, "--out", tmp_path / "export", "--format", "json")
    assert code == 0, output
    plain, other = scores(tmp_path / "plain"), scores(tmp_path / "export")
    assert plain.keys() == other.keys()
    for company in plain:
        a, b = plain[company], other[company]
        assert a["factors"] == b["factors"]
        assert a["respondents"] == b["respondents"]
        assert a["groups"] == b["groups"]


def test_undeclared_columns_never_reach_outputs(tmp_path: Path) -> None:
    code, _ = run(
        "score", EXAMPLES / "exports/limesurvey_nl.csv", "--out", tmp_path, "--format", "json,xlsx,csv"
    )
    assert code == 0
    for path in tmp_path.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert b"example.invalid" not in raw and b"Sanne Kuipers" not in raw, path
    for path in tmp_path.rglob("*.xlsx"):
        book = openpyxl.load_workbook(path)
        cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row]
        assert not any("example.invalid" in c for c in cells)


def test_an_answer_quoted_in_a_warning_stays_on_the_terminal(tmp_path: Path, mini: Path) -> None:
    """A name typed into an answer column is quoted on the terminal (so the export can be fixed) but is
    written into no output: scores.json's findings say where, not what."""
    rows = ["company,department," + ",".join(f"fb{i}" for i in range(1, 6))]
    rows += [f"Acme,Zorg,{1 + i % 5},2,3,4,{1 + (i * 3) % 5}" for i in range(11)]
    rows.append("Acme,Zorg,Jan de Vries,2,3,4,5")
    src = tmp_path / "in.csv"
    src.write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    code, output = run("score", src, "-q", mini, "--out", out, "--format", "json,xlsx,csv,html")
    assert code == 0, output
    assert "Jan de Vries" in output and "R030" in output
    (finding,) = [f for f in scores(out)["Acme"]["data_quality"]["findings"] if "R030" in f]
    assert "row 13" in finding and "fb1" in finding
    for path in out.rglob("*"):
        if path.is_file() and path.suffix != ".xlsx":
            assert b"Jan de Vries" not in path.read_bytes(), path
    book = openpyxl.load_workbook(out / "Acme" / "scores.xlsx")
    assert not any("Jan de Vries" in str(c.value) for ws in book for row in ws.iter_rows() for c in row)


def test_hostile_names_are_masked_and_folders_contained(tmp_path: Path, mini: Path) -> None:
    rows = ["company,department,role," + ",".join(f"fb{i}" for i in range(1, 6))]
    for i in range(12):
        dept = '"=HYPERLINK(""http://x"")"' if i % 2 else "Zorg"
        rows.append(f"../../evil,{dept},medewerker,{1 + i % 5},{2},{3},{4},{1 + (i * 3) % 5}")
    src = tmp_path / "in.csv"
    src.write_text("\n".join(rows) + "\n")
    before = src.read_bytes()
    out = tmp_path / "out"
    code, output = run("score", src, "-q", mini, "--out", out, "--format", "json,xlsx,csv")
    assert src.read_bytes() == before  # the input is never modified
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == ["evil", "findings.txt"]
    assert not (tmp_path / "evil").exists()
    book = openpyxl.load_workbook(out / "evil" / "scores.xlsx")
    values = [c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert '\'=HYPERLINK("http://x")' in values
    assert not any(v.startswith("=") for v in values)


def test_respondent_scores_only_on_request_and_keyed_by_id(tmp_path: Path) -> None:
    run("score", EXAMPLES / "responses.csv", "--out", tmp_path / "a", "--format", "json")
    assert not list((tmp_path / "a").rglob("respondent_scores.csv"))
    code, _ = run(
        "score",
        EXAMPLES / "responses.csv",
        "--out",
        tmp_path / "b",
        "--format",
        "json",
        "--respondent-scores",
    )
    assert code == 0
    text = (tmp_path / "b" / "Zorggroep-De-Linde" / "respondent_scores.csv").read_text(encoding="utf-8-sig")
    header = text.splitlines()[0].split(";")
    assert header[0] == "respondent" and "feedback" in header
    assert "department" not in header and "opmerking" not in header


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", Code.EMPTY_FILE),
        (b"company,fb1,fb2,fb3,fb4,fb5\n", Code.HEADER_ONLY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", Code.UNDECODABLE),
        (b"naam,email\nA,a@example.invalid\n", Code.NO_ITEMS_MATCHED),
        (b"fb1,fb1,fb2,fb3,fb4,fb5\n1,2,3,4,5,1\n", Code.DUPLICATE_HEADER),
    ],
)
def test_bad_input_is_one_catalogue_line_and_exit_1(
    tmp_path: Path, mini: Path, content: bytes, code: Code
) -> None:
    src = tmp_path / "bad.csv"
    src.write_bytes(content)
    exit_code, output = run("score", src, "-q", mini, "--out", tmp_path / "out", "--format", "json")
    assert exit_code == 1
    assert len(output.strip().splitlines()) == 1
    assert f"[{code.id}]" in output and "bad.csv" in output
    assert "Traceback" not in output


def test_missing_company_column_and_usage_errors(tmp_path: Path) -> None:
    code, output = run("score", EXAMPLES / "responses.csv", "--company-column", "bedrijf", "--out", tmp_path)
    assert code == 1 and f"[{Code.COMPANY_COLUMN_MISSING.id}]" in output
    code, output = run("score", EXAMPLES / "responses.csv", "--format", "docx", "--out", tmp_path)
    assert code == 2
    code, output = run("score", tmp_path / "nope.csv")
    assert code == 2


def test_company_without_valid_respondents_fails_but_others_are_written(tmp_path: Path, mini: Path) -> None:
    header = "company," + ",".join(f"fb{i}" for i in range(1, 6))
    rows = [header] + [f"Goed BV,{1 + i % 5},2,3,4,5" for i in range(6)] + ["Leeg BV,,,,,"] * 3
    src = tmp_path / "two.csv"
    src.write_text("\n".join(rows) + "\n")
    code, output = run("score", src, "-q", mini, "--out", tmp_path / "out", "--format", "json")
    assert code == 1
    assert f"[{Code.NO_VALID_RESPONDENTS.id}]" in output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Goed-BV", "findings.txt"]


def test_ctrl_c_exits_130_without_partial_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lerende_scan.output.formats as exports

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(exports, "scores_xlsx", interrupted)
    code, output = run(
        "score", EXAMPLES / "responses.csv", "--out", tmp_path, "--format", "json,xlsx", "-j", "1"
    )
    assert code == 130
    assert f"[{Code.INTERRUPTED.id}]" in output and "0 of 3 company folder(s) were complete" in output
    assert (tmp_path / INCOMPLETE).is_file()  # the folder says the run did not finish
    leftovers = [
        p.name for p in tmp_path.rglob("*") if p.is_file() and p.name not in ("scores.json", INCOMPLETE)
    ]
    assert leftovers == []  # no temp files, no half-written xlsx


def test_a_finished_run_leaves_no_incomplete_mark_and_lists_every_finding(tmp_path: Path, mini: Path) -> None:
    """Twenty companies too small to report: three examples and one count on the terminal, all twenty in
    findings.txt, and no incomplete-run mark once the run is done."""
    rows = ["company," + ",".join(f"fb{i}" for i in range(1, 6))]
    rows += [f"Klein {c},{1 + r % 5},2,3,4,5" for c in range(20) for r in range(2)]
    rows += [f"Groot BV,{1 + r % 5},2,{1 + r % 3},4,5" for r in range(8)]
    src = tmp_path / "many.csv"
    src.write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    code, output = run("score", src, "-q", mini, "--out", out, "--format", "json")
    assert code == 1
    assert output.count(f"error[{Code.COMPANY_TOO_SMALL.id}]") == 3
    assert f"[{Code.MORE_FINDINGS.id}]" in output and "17 more" in output
    listed = (out / "findings.txt").read_text().splitlines()
    assert sum(f"[{Code.COMPANY_TOO_SMALL.id}]" in line for line in listed) == 20
    assert not (out / INCOMPLETE).exists()
    assert (out / "Groot-BV" / "scores.json").is_file()


@pytest.mark.parametrize("target", ["/dev/null", "a-file"])
def test_an_out_that_is_not_a_folder_is_a_usage_error(tmp_path: Path, target: str) -> None:
    out = Path(target) if target.startswith("/") else tmp_path / target
    if not target.startswith("/"):
        out.write_text("keep me")
    code, output = run("score", EXAMPLES / "responses.csv", "--out", out, "--format", "json")
    assert code == 2 and "--out" in output and "internal error" not in output
    if not target.startswith("/"):
        assert out.read_text() == "keep me"


@pytest.mark.parametrize("case", ["company-folder-is-a-file", "name-too-long", "not-a-directory-below"])
def test_an_out_the_file_system_refuses_is_one_line_naming_the_path(tmp_path: Path, case: str) -> None:
    out = tmp_path / "out"
    if case == "company-folder-is-a-file":
        out.mkdir()
        (out / "Zorggroep-De-Linde").write_text("keep me")
        refused = out / "Zorggroep-De-Linde"
    elif case == "name-too-long":
        out = refused = tmp_path / ("y" * 300)
    else:
        out = refused = Path("/proc/lerende-scan-test")  # nothing can be made in /proc, not even by root
    code, output = run("score", EXAMPLES / "responses.csv", "--out", out, "--format", "json", "-j", "1")
    assert code == 1, output
    lines = [line for line in output.splitlines() if f"[{Code.FILE_SYSTEM_REFUSED.id}]" in line]
    assert len(lines) == 1 and lines[0].startswith(f"{refused}: error[X005]: the file system refused")
    assert "internal error" not in output and "Traceback" not in output
    if case == "company-folder-is-a-file":
        assert (out / "Zorggroep-De-Linde").read_text() == "keep me"


def test_a_link_in_out_that_leads_elsewhere_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.txt"
    out.mkdir()
    elsewhere.write_text("keep me")
    (out / "findings.txt").symlink_to(elsewhere)
    code, output = run("score", EXAMPLES / "responses.csv", "--out", out, "--format", "json", "-j", "1")
    assert code == 1
    assert f"{out / 'findings.txt'}: error[{Code.OUT_ESCAPES.id}]" in output
    assert elsewhere.read_text() == "keep me"


def test_names_with_terminal_markup_or_control_characters_print_as_written(
    tmp_path: Path, mini: Path
) -> None:
    rows = ["company," + ",".join(f"fb{i}" for i in range(1, 6))]
    rows += [f"[bold]Zorg[/] \x01BV,{1 + r % 5},2,{1 + r % 3},4,5" for r in range(8)]
    src = tmp_path / "markup.csv"
    src.write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    code, output = run("score", src, "-q", mini, "--out", out, "--format", "json,xlsx,csv")
    assert code == 0, output
    assert "[bold]Zorg[/]" in output
    book = openpyxl.load_workbook(next(out.glob("*/scores.xlsx")))
    values = [c.value for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "[bold]Zorg[/] \ufffdBV" in values  # a character a workbook cannot hold is replaced


def test_a_very_long_factor_name_is_cut_in_the_terminal_summary_only(tmp_path: Path) -> None:
    """Rich's highlighter took minutes over a 150,000-character name; the summary shows 80 characters."""
    name = "Feedback" + "x" * 150_000
    questionnaire = tmp_path / "long.yaml"
    questionnaire.write_text(MINI.replace("name: Feedback", f"name: {name}"))
    rows = ["company," + ",".join(f"fb{i}" for i in range(1, 6))]
    rows += [f"Zorg BV,{1 + r % 5},2,{1 + r % 3},4,5" for r in range(8)]
    src = tmp_path / "long.csv"
    src.write_text("\n".join(rows) + "\n")
    out = tmp_path / "out"
    started = time.perf_counter()
    code, output = run("score", src, "-q", questionnaire, "--out", out, "--format", "json")
    assert code == 0, output[:500]
    assert time.perf_counter() - started < 30  # minutes before; about 1 s now
    assert "x" * 80 not in output and "Feedbackxxx" in output


def test_a_bug_is_one_line_and_exit_70(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import lerende_scan.output.formats as exports

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(exports, "scores_xlsx", broken)
    code, output = run("score", EXAMPLES / "responses.csv", "--out", tmp_path, "--format", "xlsx", "-j", "1")
    assert code == 70
    assert "internal error: RuntimeError: boom" in output and "Traceback" not in output


@pytest.mark.parametrize("epoch", ["1e9", "abc"])
def test_a_malformed_source_date_epoch_is_exit_2_and_harmless_with_a_date(tmp_path: Path, epoch: str) -> None:
    """In a fresh process: numpy.f2py (imported by scipy) reads the variable with int() and used to end
    the run as an internal error (exit 70)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    args = [sys.executable, "-m", "lerende_scan", "score", str(EXAMPLES / "responses.csv")]
    args += ["--format", "json"]
    refused = subprocess.run([*args, "--out", str(tmp_path / "a")], env=env, capture_output=True, text=True)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.splitlines()[-1].startswith(f"error[{Code.BAD_EPOCH.id}]")
    assert not (tmp_path / "a").exists()
    dated = subprocess.run(
        [*args, "--out", str(tmp_path / "b"), "--date", "2026-01-02"], env=env, capture_output=True, text=True
    )
    assert dated.returncode == 0, dated.stderr
    scores = json.loads(next((tmp_path / "b").glob("*/scores.json")).read_text(encoding="utf-8"))
    assert "2026-01-02" in json.dumps(scores)


def test_an_absurd_jobs_count_renders_with_the_cores_there_are(tmp_path: Path) -> None:
    """``--jobs 99999999999999999999`` was an OverflowError (exit 70) and ``--jobs 100000`` forked until
    the machine ran out of memory."""
    args = ["score", str(EXAMPLES / "responses.csv"), "--out", str(tmp_path), "--format", "html"]
    result = CliRunner().invoke(app, [*args, "--jobs", "99999999999999999999"])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*/report.html"))) == 3


def test_company_folders_left_by_an_earlier_run_are_named_not_passed_off(tmp_path: Path) -> None:
    """A second run of other companies into the same --out left the first run's folders beside its own
    without a word; a later --previous would take them as an earlier wave."""
    one = tmp_path / "techniek.csv"
    lines = (EXAMPLES / "responses.csv").read_text(encoding="utf-8").splitlines()
    one.write_text(
        "\n".join([lines[0], *(x for x in lines[1:] if ",Techniek BV Oost," in x)]), encoding="utf-8"
    )
    out = tmp_path / "out"
    code, output = run("score", EXAMPLES / "responses.csv", "--out", out, "--format", "json")
    assert code == 0 and "O006" not in output
    code, output = run("score", one, "--out", out, "--format", "json")
    assert code == 0, output
    stale = [line for line in output.splitlines() if "warning[O006]" in line]
    assert len(stale) == 1 and "(Gemeente-Dijkerveen, Zorggroep-De-Linde)" in stale[0]
    assert "O006" in (out / "findings.txt").read_text(encoding="utf-8")


def test_a_custom_template_referring_to_the_web_gets_o005_once_per_url(tmp_path: Path) -> None:
    """README promised warning O005; WeasyPrint only logged the refusal, so the logo vanished silently."""
    from lerende_scan.resources import templates_dir

    custom = tmp_path / "templates"
    custom.mkdir()
    base = (templates_dir() / "_base.html.j2").read_text(encoding="utf-8")
    web = '<img src="https://example.invalid/logo.png" alt="">'
    (custom / "_base.html.j2").write_text(base.replace("<body>", f"<body>{web}", 1), encoding="utf-8")
    out = tmp_path / "out"
    args = ["score", EXAMPLES / "responses.csv", "--out", out, "--format", "pdf", "--template-dir", custom]
    code, output = run(*args)
    assert code == 0, output
    warned = [line for line in output.splitlines() if "warning[O005]" in line]
    assert len(warned) == 1 and "https://example.invalid/logo.png" in warned[0]
    assert len(list(out.glob("*/report.pdf"))) == 3


def test_a_free_text_column_declared_as_a_group_never_reaches_the_outputs(tmp_path: Path) -> None:
    """'groups: [..., opmerking]' listed every comment as the name of a hidden group in scores.json."""
    import pandas as pd

    from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir

    text = (questionnaires_dir() / DEFAULT_QUESTIONNAIRE).read_text(encoding="utf-8")
    custom = tmp_path / "q.yaml"
    custom.write_text(text.replace("groups: [department, role]", "groups: [department, role, opmerking]"))
    out = tmp_path / "out"
    code, output = run(
        "score", EXAMPLES / "responses.csv", "-q", custom, "--out", out, "--format", "json,xlsx"
    )
    assert code == 0, output
    frame = pd.read_csv(EXAMPLES / "responses.csv")
    for _, rows in frame.groupby("company"):  # the rule, computed independently: half or more small
        sizes = rows["opmerking"].dropna().value_counts()
        assert sizes[sizes < 5].sum() * 2 >= sizes.sum()
    warned = [line for line in output.splitlines() if "warning[S006]" in line]
    assert len(warned) == frame["company"].nunique()
    for data in scores(out).values():
        assert [b["column"] for b in data["groups"]] == ["department", "role"]
    comments = [c for c in frame["opmerking"].dropna().unique() if len(c) > 12]
    for file in out.rglob("*"):
        if file.suffix == ".json":
            body = file.read_text(encoding="utf-8")
            assert not [c for c in comments if c in body], file


def test_a_broken_branding_file_is_refused_without_a_report_too(tmp_path: Path) -> None:
    """With --format json the branding file was never read, so a broken one passed with exit 0."""
    brand = tmp_path / "branding.yaml"
    brand.write_text("- title: Acme\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = run("score", EXAMPLES / "responses.csv", "--out", out, "-f", "json", "--branding", brand)
    assert code == 1 and "error[O007]" in output
    assert not any(out.rglob("scores.json"))
