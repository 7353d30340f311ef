"""Loading questionnaires: valid files give a model, all problems come in one run, files and folders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import load_questionnaire, validate_paths, validate_text
from lerende_scan.questionnaire.load import MAX_QUESTIONNAIRE_BYTES
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase


# -- valid files ------------------------------------------------------------------------------------


def test_valid_fixture_has_no_findings_and_gives_a_model(case: YamlCase) -> None:
    model, findings = validate_text(case.valid, "valid.yaml")
    assert findings == []
    assert model is not None
    assert [f.id for f in model.factors] == ["feedback", "autonomy"]
    assert model.scale.labels[5] == {"nl": "Helemaal mee eens", "en": "Strongly agree"}


def test_shipped_questionnaire_validates_without_errors_or_warnings() -> None:
    path = questionnaires_dir() / DEFAULT_QUESTIONNAIRE
    model, findings = validate_text(path.read_text(encoding="utf-8"), str(path))
    assert [str(f) for f in findings] == []
    assert model is not None and len(model.factors) == 6


def test_load_questionnaire_defaults_to_the_shipped_questionnaire() -> None:
    assert load_questionnaire().id == "lerende-organisatie"


# -- all problems in one run ------------------------------------------------------------------------


def test_one_run_reports_type_errors_and_semantic_problems_together(case: YamlCase) -> None:
    text = case.edit("        reverse: false\n", "        reverse: misschien\n")
    text = case.edit("min_answered: 0.5", "min_answered: 2", text)
    text = case.edit("      - id: au2", "      - id: fb1", text)
    text = case.edit("name: {nl: Autonomie, en: Autonomy}", "name: Autonomie", text)
    text = case.edit("    5: {nl: Helemaal", "    9: {nl: Helemaal", text)
    codes = [f.code for f in case.check(text)]
    assert sorted(codes, key=lambda c: c.id) == sorted(
        [
            Code.WRONG_TYPE,
            Code.MIN_ANSWERED_RANGE,
            Code.DUPLICATE_ITEM_ID,
            Code.MISSING_TRANSLATION,
            Code.LABEL_OUTSIDE_SCALE,
        ],
        key=lambda c: c.id,
    )


def test_findings_come_in_line_order_with_file_line_col_prefix(case: YamlCase) -> None:
    text = case.edit("        reverse: false\n", "        reverse: misschien\n")
    text = case.edit("min_answered: 0.5", "min_answered: 2", text)
    findings = case.check(text)
    assert [f.line for f in findings] == sorted(f.line or 0 for f in findings)
    assert str(findings[0]).startswith(f"q.yaml:{case.line_of(text, 'min_answered')}:")


# -- load_questionnaire and validate_paths ----------------------------------------------------------


def test_load_questionnaire_raises_with_all_errors_but_not_warnings(case: YamlCase, tmp_path: Path) -> None:
    text = case.edit(case.autonomy_items, case.autonomy_items.split("      - id: au2")[0])  # a warning
    text = case.edit("min_answered: 0.5", "min_answered: 2", text)
    text = case.edit("        reverse: false\n", "        reverse: misschien\n", text)
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScanError) as info:
        load_questionnaire(path)
    assert sorted(f.code.id for f in info.value.findings) == sorted(
        [Code.MIN_ANSWERED_RANGE.id, Code.WRONG_TYPE.id]
    )


def test_load_questionnaire_with_only_warnings_returns_the_model(case: YamlCase, tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        case.edit(case.autonomy_items, case.autonomy_items.split("      - id: au2")[0]), encoding="utf-8"
    )
    assert len(load_questionnaire(path).factors[1].items) == 1


def test_load_questionnaire_reports_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as info:
        load_questionnaire(tmp_path / "nope.yaml")
    assert [f.code for f in info.value.findings] == [Code.FILE_UNREADABLE]


def test_validate_paths_recurses_skips_hidden_folders_and_other_files(case: YamlCase, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.yaml").write_text(case.valid, encoding="utf-8")
    (tmp_path / "sub" / "b.yml").write_text(
        case.edit("min_answered: 0.5", "min_answered: 2"), encoding="utf-8"
    )
    (tmp_path / ".git" / "c.yaml").write_text("not: [valid\n", encoding="utf-8")
    (tmp_path / "questionnaire.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    report = validate_paths([tmp_path, tmp_path / "a.yaml"])
    assert report.files == [tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"]
    assert [(f.code, f.file) for f in report.findings] == [
        (Code.MIN_ANSWERED_RANGE, str(tmp_path / "sub" / "b.yml"))
    ]
    assert (report.errors, report.warnings) == (1, 0)


def test_validate_paths_reports_a_folder_without_questionnaires(tmp_path: Path) -> None:
    report = validate_paths([tmp_path])
    assert report.files == []
    assert [f.code for f in report.findings] == [Code.NO_QUESTIONNAIRES]


def test_validate_paths_reports_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: \xe9tude\n")  # Latin-1 é
    report = validate_paths([path])
    assert [f.code for f in report.findings] == [Code.NOT_UTF8]


def test_a_pipe_a_device_or_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A pipe blocked the run until something wrote to it; /dev/zero was read until memory ran out."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (MAX_QUESTIONNAIRE_BYTES + 1))
    report = validate_paths([pipe, Path("/dev/zero"), huge])
    assert [(f.code, f.file) for f in report.findings] == [
        (Code.FILE_UNREADABLE, str(pipe)),
        (Code.FILE_UNREADABLE, "/dev/zero"),
        (Code.FILE_UNREADABLE, str(huge)),
    ]
    assert "pipe" in report.findings[0].message and "MiB" in report.findings[2].message


def test_a_folder_search_finds_upper_case_suffixes(case: YamlCase, tmp_path: Path) -> None:
    (tmp_path / "A.YAML").write_text(case.valid, encoding="utf-8")
    assert validate_paths([tmp_path]).files == [tmp_path / "A.YAML"]


@pytest.mark.parametrize(
    ("data", "line", "col", "named"),
    [
        (b'id: x\nversion: "1"\ntitle: E\xe9n\n', 3, 9, "0xE9"),  # "Eén" saved by Windows (cp1252)
        (b"id: x\n# \xc3\xa9\xc3\xa9 \x80\n", 2, 6, "0x80"),  # columns count characters, not bytes
        (b"\xef\xbb\xbfab: \xe9\n", 1, 5, "0xE9"),  # a UTF-8 BOM is not a column
        ("id: x\n".encode("utf-16"), 1, 1, "UTF-16 (little-endian)"),
        (b"\xfe\xff" + "id: x\n".encode("utf-16-be"), 1, 1, "UTF-16 (big-endian)"),
        ("id: x\n".encode("utf-32"), 1, 1, "UTF-32 (little-endian)"),
    ],
)
def test_a_file_that_is_not_utf8_names_the_spot_and_says_to_save_it_as_utf8(
    tmp_path: Path, data: bytes, line: int, col: int, named: str
) -> None:
    """A latin-1 or UTF-16 file said only "cannot read the file ... check the path and permissions"."""
    path = tmp_path / "scan.yaml"
    path.write_bytes(data)
    report = validate_paths([path])
    [finding] = report.findings
    assert finding.code is Code.NOT_UTF8
    assert (finding.file, finding.line, finding.col) == (str(path), line, col)
    assert "expected UTF-8" in finding.message and "save it as UTF-8" in finding.message
    assert named in finding.message
    assert "\n" not in str(finding) and str(finding).startswith(f"{path}:{line}:{col}: error[Q111]: ")
    assert path.read_bytes() == data  # never modified


def test_a_utf8_bom_is_accepted(case: YamlCase, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + case.valid.encode("utf-8"))
    assert validate_paths([path]).findings == []
    assert load_questionnaire(path).id
