"""ingest(): answers through the whole path, company, groups and respondent id, and the example exports."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.ingest.samples import EXPECTED, REFERENCE, Q, codes, problems, run, write

from lerende_scan.errors import Code, ScanError, Severity
from lerende_scan.ingest import ingest
from lerende_scan.responses import ResponseSet

REPO = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------------------


def test_labels_in_both_languages_any_case_and_spacing(tmp_path: Path) -> None:
    text = (
        "company;fb1;fb2;au1\n"
        "Acme;  mee EENS ;Helemaal mee eens;\n"
        "Acme;strongly disagree;DON'T KNOW;Neither agree nor disagree\n"
        "Bouw BV;weet niet;Disagree;5 - Helemaal mee eens\n"
    )
    result = run(write(tmp_path, "r.csv", text))
    pd.testing.assert_frame_equal(result.responses.answers, EXPECTED)
    assert not result.responses.rejected.to_numpy().any()
    assert problems(result) == []


def test_missing_codes_and_blanks_are_missing_never_the_midpoint(tmp_path: Path) -> None:
    text = "company,fb1,fb2,au1\nAcme,Weet niet,,  \n"
    responses = run(write(tmp_path, "r.csv", text)).responses
    assert responses.answers.isna().all().all()
    assert not responses.rejected.to_numpy().any()


def test_out_of_range_answers_are_missing_counted_per_column_and_recorded(tmp_path: Path) -> None:
    text = "company,fb1,fb2,au1\nAcme,7,3.5,1\nAcme,4,soms,2\nAcme,0,4.0,4,\n".replace(",\n", "\n")
    result = run(write(tmp_path, "r.csv", text))
    answers, rejected = result.responses.answers, result.responses.rejected
    np.testing.assert_array_equal(answers.to_numpy(), [[np.nan, np.nan, 1], [4, np.nan, 2], [np.nan, 4, 4]])
    assert rejected.to_numpy().tolist() == [[True, True, False], [False, True, False], [True, False, False]]
    warnings = {f.column: f for f in problems(result)}
    assert {f.code for f in problems(result)} == {Code.OUT_OF_RANGE}
    assert all(f.severity is Severity.WARNING for f in problems(result))
    assert (warnings["fb1"].params["count"], warnings["fb1"].row, warnings["fb1"].params["answer"]) == (
        2,
        2,
        ": '7'",
    )
    assert (warnings["fb2"].params["count"], warnings["fb2"].row, warnings["fb2"].params["answer"]) == (
        2,
        2,
        ": '3.5'",
    )
    assert "first at row 2: '7')" in str(warnings["fb1"])
    assert "first at row 2)" in str(warnings["fb1"].redacted())
    assert "au1" not in warnings


def test_numbers_run_into_other_text_are_invalid_answers_not_their_leading_digit(tmp_path: Path) -> None:
    """``1e1``, ``5%``, ``1,000``, ``2 apples`` were scored as 1, 5, 1, 2; now they are R030 at their row,
    and a genuine numbered label still counts. fb1 by hand: 4 and 5 remain, mean (4 + 5) / 2 = 4.5."""
    rows = ["4", "1e1", "5 - Helemaal mee eens", "5%", '"1,000"', "2 apples", "4abc", "5e-1"]
    text = "company,fb1,fb2,au1\n" + "".join(f"Acme,{fb1},3,3\n" for fb1 in rows)
    result = run(write(tmp_path, "r.csv", text))
    fb1 = result.responses.answers["fb1"]
    np.testing.assert_array_equal(fb1.to_numpy(), [4, np.nan, 5, np.nan, np.nan, np.nan, np.nan, np.nan])
    assert fb1.mean() == 4.5
    [warning] = problems(result)
    assert (warning.code, warning.column, warning.row, warning.params["count"]) == (
        Code.OUT_OF_RANGE,
        "fb1",
        3,
        6,
    )
    assert "first at row 3: '1e1'" in str(warning)


def test_strict_turns_every_out_of_range_column_into_an_error(tmp_path: Path) -> None:
    text = "company,fb1,fb2,au1\nAcme,7,3.5,1\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text), strict=True)
    assert codes(excinfo) == [Code.OUT_OF_RANGE_STRICT, Code.OUT_OF_RANGE_STRICT]
    assert [f.column for f in excinfo.value.findings] == ["fb1", "fb2"]


# --------------------------------------------------------------------------------------------------------
# Company, groups, respondent id, dropped columns
# --------------------------------------------------------------------------------------------------------


def test_company_column_option_must_exist_and_suggests_a_near_miss(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", REFERENCE.replace("company", "bedrijf"))
    assert run(path, company_column="bedrijf").responses.company.tolist() == ["Acme", "Acme", "Bouw BV"]
    assert run(path, company_column="Bedrijf").responses.company.tolist()[0] == "Acme"
    with pytest.raises(ScanError) as excinfo:
        run(path, company_column="bedrjif")
    assert codes(excinfo) == [Code.COMPANY_COLUMN_MISSING]
    assert "bedrijf" in excinfo.value.findings[0].params["suggestion"]


def test_company_header_is_found_case_insensitively(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", REFERENCE.replace("company", "Company"))
    assert run(path).responses.company.tolist() == ["Acme", "Acme", "Bouw BV"]


def test_without_company_column_the_name_or_file_stem_is_used(tmp_path: Path) -> None:
    text = "fb1,fb2,au1\n1,2,3\n"
    path = write(tmp_path, "zorg-noord.csv", text)
    assert run(path).responses.company.tolist() == ["zorg-noord"]
    assert run(path, company="Zorg Noord").responses.company.tolist() == ["Zorg Noord"]


def test_blank_company_cells_get_the_default_name_with_a_warning(tmp_path: Path) -> None:
    text = "company,fb1,fb2,au1\nAcme,1,2,3\n  ,1,2,3\n,4,4,4\n"
    result = run(write(tmp_path, "export.csv", text), company="Onbekend")
    assert result.responses.company.tolist() == ["Acme", "Onbekend", "Onbekend"]
    (finding,) = problems(result)
    assert finding.code is Code.COMPANY_BLANK
    assert (finding.params["count"], finding.row) == (2, 3)


def test_missing_group_column_is_a_warning_and_present_ones_are_text(tmp_path: Path) -> None:
    q = Q.model_copy(update={"groups": ["Department", "role"]})
    result = ingest(write(tmp_path, "r.csv", REFERENCE.replace("naam", "rol")), q)
    assert [(f.code, f.column) for f in result.findings] == [(Code.GROUP_COLUMN_MISSING, "role")]
    assert "rol" in result.findings[0].params["suggestion"]
    groups = result.responses.groups
    assert groups.columns.tolist() == ["Department"]
    assert groups["Department"].dtype == "str"
    assert groups["Department"].isna().tolist() == [False, False, True]


@pytest.mark.parametrize("header", ["ResponseId", "Response ID", "id", "respondent", "Respondentnummer"])
def test_common_respondent_id_headers_are_detected(tmp_path: Path, header: str) -> None:
    text = f"{header},fb1,fb2,au1\nX1,1,2,3\nX2,1,2,3\n"
    responses = run(write(tmp_path, "r.csv", text)).responses
    assert responses.respondent_id is not None
    assert responses.respondent_id.tolist() == ["X1", "X2"]


def test_no_id_column_gives_none(tmp_path: Path) -> None:
    assert run(write(tmp_path, "r.csv", "fb1,fb2,au1\n1,2,3\n")).responses.respondent_id is None


def test_declared_respondent_id_column_wins_and_a_missing_one_is_a_warning(tmp_path: Path) -> None:
    q = Q.model_copy(update={"respondent_id": "personeelsnr"})
    text = "id,personeelsnr,fb1,fb2,au1\n1,P9,1,2,3\n"
    responses = ingest(write(tmp_path, "r.csv", text), q).responses
    assert responses.respondent_id is not None
    assert responses.respondent_id.tolist() == ["P9"]
    result = ingest(write(tmp_path, "s.csv", "id,fb1,fb2,au1\n1,1,2,3\n"), q)
    assert [f.code for f in problems(result)] == [Code.RESPONDENT_ID_MISSING]
    assert result.responses.respondent_id is None


def test_undeclared_columns_never_enter_the_response_set(tmp_path: Path) -> None:
    responses = run(write(tmp_path, "r.csv", REFERENCE)).responses
    frames = [responses.answers, responses.groups, responses.company.to_frame(), responses.rejected]
    assert responses.respondent_id is not None
    frames.append(responses.respondent_id.to_frame())
    for frame in frames:
        text = frame.to_csv()
        for secret in ("naam", "email", "Jan Jansen", "jan@example.invalid", "Zoë"):
            assert secret not in text
    assert responses.groups.columns.tolist() == ["department"]


# --------------------------------------------------------------------------------------------------------
# The example exports: the same answers in every format
# --------------------------------------------------------------------------------------------------------

EXPORTS = [
    "limesurvey_nl.csv",
    "qualtrics_en.csv",
    "responses.xlsx",
    "qualtrics_insights_en.csv",
    "qualtrics_legacy_en.csv",
    "msforms_nl.xlsx",
]


@pytest.fixture(scope="module")
def example_reference() -> ResponseSet:
    from lerende_scan.questionnaire import load_questionnaire

    return ingest(REPO / "examples" / "responses.csv", load_questionnaire()).responses


@pytest.mark.parametrize("export", EXPORTS)
def test_every_example_export_gives_identical_frames(example_reference: ResponseSet, export: str) -> None:
    result = ingest(REPO / "examples" / "exports" / export, example_reference.questionnaire)
    responses = result.responses
    assert result.findings == []
    pd.testing.assert_frame_equal(responses.answers, example_reference.answers)
    pd.testing.assert_frame_equal(responses.rejected, example_reference.rejected)
    pd.testing.assert_series_equal(responses.company, example_reference.company)
    pd.testing.assert_frame_equal(responses.groups, example_reference.groups)
    assert responses.respondent_id is not None and example_reference.respondent_id is not None
    pd.testing.assert_series_equal(responses.respondent_id, example_reference.respondent_id)
    assert responses.answers.notna().to_numpy().sum() > 0.9 * responses.answers.size


# --------------------------------------------------------------------------------------------------------
# Entry forms: a path, bytes or a binary stream give the same responses
# --------------------------------------------------------------------------------------------------------


def assert_same(got: ResponseSet, want: ResponseSet) -> None:
    np.testing.assert_array_equal(got.codes, want.codes)
    assert {k: v.tolist() for k, v in got.rejected_rows.items()} == {
        k: v.tolist() for k, v in want.rejected_rows.items()
    }
    pd.testing.assert_frame_equal(got.answers, want.answers)
    pd.testing.assert_series_equal(got.company, want.company)
    pd.testing.assert_frame_equal(got.groups, want.groups)
    assert got.respondent_id is not None and want.respondent_id is not None
    pd.testing.assert_series_equal(got.respondent_id, want.respondent_id)
    assert got.rows.tolist() == want.rows.tolist()
    assert got.columns == want.columns


@pytest.mark.parametrize("path", ["responses.csv", "exports/responses.xlsx", "exports/qualtrics_en.csv"])
@pytest.mark.parametrize("named", [True, False], ids=["named", "unnamed"])
def test_a_path_its_bytes_and_a_stream_give_the_same_responses(
    example_reference: ResponseSet, path: str, named: bool
) -> None:
    """Without a name, in-memory input is recognised by its content (a zip is a workbook)."""
    file = REPO / "examples" / path
    q = example_reference.questionnaire
    by_path = ingest(file, q)
    assert by_path.responses.source == str(file)
    name = file.name if named else None
    for given, default in ((file.read_bytes(), "<bytes>"), (io.BytesIO(file.read_bytes()), "<stream>")):
        result = ingest(given, q, name=name)
        assert_same(result.responses, by_path.responses)
        assert result.findings == by_path.findings
        assert result.responses.source == (file.name if named else default)
    assert_same(ingest(str(file), q).responses, by_path.responses)


def test_in_memory_findings_carry_the_given_name(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as excinfo:
        ingest(b"company,fb1\nAcme,1,2,3\n", Q, name="upload.csv")
    assert excinfo.value.findings[0].file == "upload.csv"
    with pytest.raises(ScanError) as excinfo:
        ingest(b"", Q)
    assert codes(excinfo) == [Code.EMPTY_FILE]
    assert excinfo.value.findings[0].file == "<bytes>"
    with pytest.raises(ScanError) as excinfo:
        ingest(io.BytesIO(b'{"fb1": 1}'), Q, name="data.json")
    assert codes(excinfo) == [Code.UNSUPPORTED_FORMAT]


def test_short_rows_are_padded_with_a_warning_that_names_the_first(tmp_path: Path) -> None:
    """Excel leaves out trailing empty fields; a row written with another separator is short too, so its
    values would land in the wrong columns unnoticed: both are read, and the first short row is named."""
    text = (
        "respondent_id;company;fb1;fb2;au1\n"
        "R1;Acme;4;5;3\n"
        "R2;Acme;1\n"  # Excel: fb2 and au1 left empty
        "\n"
        "R3,Acme,2,2,2;zoe@example.invalid\n"  # another separator: two fields
        "R4;Acme;2;2;2\n"
    )
    result = run(write(tmp_path, "short.csv", text))
    short = [f for f in result.findings if f.code is Code.ROWS_SHORT]
    located = [(f.file, f.row, f.severity) for f in short]
    assert located == [(str(tmp_path / "short.csv"), 3, Severity.WARNING)]
    assert short[0].params == {"got": 3, "expected": 5, "count": 2}
    answers = result.responses.answers
    assert answers["fb1"].tolist()[:2] == [4.0, 1.0]
    assert np.isnan(answers.loc[1, "fb2"]) and np.isnan(answers.loc[1, "au1"])
    assert answers.loc[3].tolist() == [2.0, 2.0, 2.0]


def test_a_short_row_is_named_at_its_row_when_records_end_in_cr_cr_lf(tmp_path: Path) -> None:
    """A file saved twice by Windows tools: each record is one row, not a row and a blank line."""
    text = "respondent_id;company;fb1;fb2;au1\r\r\nR1;Acme;4;5;3\r\r\nR2;Acme;1\r\r\nR3;Acme;2;2;2\r\r\n"
    result = run(write(tmp_path, "crcrlf.csv", text))
    assert [f.row for f in result.findings if f.code is Code.ROWS_SHORT] == [3]


def test_a_line_of_spaces_counts_as_a_row_in_messages_as_a_blank_line_does(tmp_path: Path) -> None:
    """The reader drops a line of spaces as it drops a blank one; the row counter did not count it."""
    text = "respondent_id,company,fb1,fb2,au1\nR1,Acme,4,5,3\n   \nR2,Acme,9,2,2\n"
    result = run(write(tmp_path, "spaces.csv", text))
    assert [f.row for f in result.findings if f.code is Code.OUT_OF_RANGE] == [4]


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_row_numbers_count_blank_lines_whatever_ends_the_lines(tmp_path: Path, newline: str) -> None:
    """An old Mac export ends lines in a lone "\r"; its blank lines shifted every later row number by one."""
    lines = ["respondent_id,company,fb1,fb2,au1", "R1,Acme,4,5,3", "", "R2,Acme,4,2,2", " ", "R3,Acme,9,2,2"]
    result = run(write(tmp_path, "lines.csv", newline.join(lines) + newline))
    assert [f.row for f in result.findings if f.code is Code.OUT_OF_RANGE] == [6]


def test_a_file_without_short_rows_gives_no_short_row_warning(tmp_path: Path) -> None:
    result = run(write(tmp_path, "full.csv", REFERENCE))
    assert Code.ROWS_SHORT not in {f.code for f in result.findings}


def test_a_file_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    """An archive from another system can hold names with undecodable bytes; pyarrow cannot open them."""
    name = os.fsdecode(b"antwoorden-\xff\xfe.csv")
    path = tmp_path / name
    path.write_bytes(REFERENCE.encode("utf-8"))
    assert run(path).responses.answers.equals(EXPECTED)
