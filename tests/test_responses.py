"""Ingestion of survey exports: formats, header mapping, answers, company/groups/id, and bad input."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from lerende_scan.errors import Code, ScanError, Severity
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import IngestResult, ResponseSet, ingest

REPO = Path(__file__).resolve().parent.parent

Q = Questionnaire.model_validate(
    {
        "id": "mini",
        "version": "1",
        "languages": ["nl", "en"],
        "title": {"nl": "Mini", "en": "Mini"},
        "scale": {
            "min": 1,
            "max": 5,
            "labels": {
                1: {"nl": "Helemaal mee oneens", "en": "Strongly disagree"},
                2: {"nl": "Mee oneens", "en": "Disagree"},
                3: {"nl": "Neutraal", "en": "Neither agree nor disagree"},
                4: {"nl": "Mee eens", "en": "Agree"},
                5: {"nl": "Helemaal mee eens", "en": "Strongly agree"},
            },
            "missing": ["Weet niet", "Don't know"],
        },
        "groups": ["department"],
        "factors": [
            {
                "id": "fb",
                "name": {"nl": "Feedback", "en": "Feedback"},
                "items": [
                    {
                        "id": "fb1",
                        "text": {
                            "nl": "Ik krijg eerlijke feedback van collega's.",
                            "en": "Colleagues give me honest feedback.",
                        },
                        "codes": ["FB[SQ001]"],
                    },
                    {
                        "id": "fb2",
                        "text": {
                            "nl": "Na een project bespreken we wat beter kan.",
                            "en": "After a project, we discuss what could be better.",
                        },
                        "codes": ["FB[SQ002]"],
                    },
                ],
            },
            {
                "id": "au",
                "name": {"nl": "Autonomie", "en": "Autonomy"},
                "items": [
                    {
                        "id": "au1",
                        "text": {
                            "nl": "Ik bepaal zelf hoe ik mijn werk doe.",
                            "en": "I decide how I do my work.",
                        },
                        "codes": ["AU[SQ001]"],
                    }
                ],
            },
        ],
    }
)

# The reference: three respondents, numbers as answers. Every other export below holds the same answers.
REFERENCE = "respondent_id,company,department,naam,email,fb1,fb2,au1\n" + (
    "R1,Acme,Sales,Jan Jansen,jan@example.invalid,4,5,\n"
    "R2,Acme,Staf,Piet Pieters,piet@example.invalid,1,,3\n"
    "R3,Bouw BV,,Zoë Çelik,zoe@example.invalid,,2,5\n"
)
EXPECTED = pd.DataFrame(
    {"fb1": [4.0, 1.0, np.nan], "fb2": [5.0, np.nan, 2.0], "au1": [np.nan, 3.0, 5.0]}, index=pd.RangeIndex(3)
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(path: Path, **kwargs: Any) -> IngestResult:
    return ingest(path, Q, **kwargs)


def problems(result: IngestResult) -> list[Any]:
    """Findings other than the group column most inline files leave out."""
    return [f for f in result.findings if f.code is not Code.GROUP_COLUMN_MISSING]


def codes(excinfo: pytest.ExceptionInfo[ScanError]) -> list[Code]:
    return [f.code for f in excinfo.value.findings]


def assert_reference(responses: ResponseSet) -> None:
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.company.tolist() == ["Acme", "Acme", "Bouw BV"]
    assert responses.respondent_id is not None
    assert responses.respondent_id.tolist() == ["R1", "R2", "R3"]
    assert responses.groups["department"].iloc[:2].tolist() == ["Sales", "Staf"]
    assert pd.isna(responses.groups["department"].iloc[2])


# --------------------------------------------------------------------------------------------------------
# CSV dialects and encodings
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_separator_is_detected(tmp_path: Path, sep: str) -> None:
    path = write(tmp_path, "r.csv", REFERENCE.replace(",", sep))
    result = run(path)
    assert_reference(result.responses)
    assert result.findings == []


def test_tsv_and_txt_suffixes_are_read(tmp_path: Path) -> None:
    assert_reference(run(write(tmp_path, "r.tsv", REFERENCE.replace(",", "\t"))).responses)
    assert_reference(run(write(tmp_path, "r.txt", REFERENCE.replace(",", ";"))).responses)


def test_semicolon_file_with_commas_inside_answers_is_not_mistaken_for_commas(tmp_path: Path) -> None:
    text = (
        "respondent_id;company;opmerking;fb1;fb2;au1\n"
        "R1;Acme;goed, maar druk;4;5;\nR2;Acme;ja, nee, ja;1;;3\n"
    )
    result = run(write(tmp_path, "r.csv", text))
    assert result.responses.answers["fb1"].tolist() == [4.0, 1.0]


def test_utf8_bom_crlf_and_semicolons_like_dutch_excel(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", "\ufeff" + REFERENCE.replace(",", ";").replace("\n", "\r\n"))
    responses = run(path).responses
    assert_reference(responses)
    assert responses.respondent_id is not None  # the BOM did not spoil the first header


def test_cp1252_is_detected_and_accents_survive(tmp_path: Path) -> None:
    text = REFERENCE.replace("Bouw BV", "Bouw Zoë & Renée")
    path = write(tmp_path, "r.csv", text, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert run(path).responses.company.tolist()[2] == "Bouw Zoë & Renée"


def test_utf16_with_bom_like_excel_unicode_text(tmp_path: Path) -> None:
    assert_reference(run(write(tmp_path, "r.txt", REFERENCE.replace(",", "\t"), encoding="utf-16")).responses)


def test_quoted_newlines_and_separators_keep_rows_and_row_numbers_right(tmp_path: Path) -> None:
    text = (
        "respondent_id;company;opmerking;fb1;fb2;au1\r\n"
        'R1;Acme;"regel 1\r\nregel 2; met ; erin";4;5;\r\n'
        'R2;Acme;"""quote""";1;;3\r\n'
        "R3;Acme;;9;2;5\r\n"
    )
    result = run(write(tmp_path, "r.csv", text))
    assert result.responses.answers["fb1"].tolist()[:2] == [4.0, 1.0]
    assert result.responses.rows.tolist() == [2, 3, 4]
    (finding,) = problems(result)
    assert finding.code is Code.OUT_OF_RANGE
    assert finding.row == 4  # record number, not physical line (line 5)


HEAD, OK, BAD = "company;opmerking;fb1;fb2;au1", "Acme;;4;5;3", "Acme;;9;5;3"


@pytest.mark.parametrize(
    ("lines", "newline", "rows", "bad_row"),
    [
        ([HEAD, OK, OK, OK, "", BAD], "\n", [2, 3, 4, 6], 6),  # the bad row is the file's sixth line
        (["\ufeff" + HEAD, OK, "", "", OK, BAD], "\r\n", [2, 5, 6], 6),  # BOM, CRLF, two blank lines
        (["", "", HEAD, OK, "", BAD], "\r\n", [4, 6], 6),  # blank lines before the header
        ([HEAD, 'Acme;"zie\n\nhier";4;5;3', "", BAD], "\n", [2, 4], 4),  # a blank line inside quotes
    ],
)
def test_blank_lines_count_in_row_numbers_as_a_spreadsheet_shows_them(
    tmp_path: Path, lines: list[str], newline: str, rows: list[int], bad_row: int
) -> None:
    """The CSV reader skips blank lines; messages still name the row a spreadsheet shows (a quoted value
    over several lines is one row), and a blank line before the header does not make it a respondent."""
    result = run(write(tmp_path, "r.csv", newline.join(lines) + newline))
    assert result.responses.rows.tolist() == rows
    (finding,) = problems(result)
    assert (finding.code, finding.row, finding.column) == (Code.OUT_OF_RANGE, bad_row, "fb1")


def test_answer_types_are_inferred_per_block_and_a_late_label_is_still_read(tmp_path: Path) -> None:
    """pyarrow infers int64 from the first block; 'Weet niet' far below must not break the read."""
    body = "R,Acme,4,5,3\n" * 120_000
    path = write(
        tmp_path, "r.csv", "respondent_id,company,fb1,fb2,au1\n" + body + "R,Acme,Weet niet,Mee eens,7\n"
    )
    result = run(path)
    answers = result.responses.answers
    assert len(answers) == 120_001
    assert np.isnan(answers["fb1"].iloc[-1])
    assert answers["fb2"].iloc[-1] == 4.0
    assert [(f.code, f.row, f.params["count"]) for f in problems(result)] == [(Code.OUT_OF_RANGE, 120_002, 1)]


@pytest.mark.parametrize("late", ["NA", "40000", "4.0", " 4"])
def test_a_late_value_that_is_no_small_integer_reads_the_file_again_as_text(
    tmp_path: Path, late: str
) -> None:
    """The sample says 'small integers'; a value that int16 cannot hold must not break or change the read."""
    body = "Acme,4,5,3\n" * 60 + f"Acme,{late},5,3\n"
    answers = run(write(tmp_path, "r.csv", "company,fb1,fb2,au1\n" + body)).responses.answers
    expected_last = 4.0 if late.strip() in {"4", "4.0"} else np.nan
    np.testing.assert_array_equal(answers["fb1"].to_numpy(), [4.0] * 60 + [expected_last])


def test_short_rows_from_excel_are_padded_not_refused(tmp_path: Path) -> None:
    text = "respondent_id,company,department,fb1,fb2,au1\nR1,Acme,Sales,4,5,2\nR2,Acme,Staf,1\nR3,Acme\n"
    answers = run(write(tmp_path, "r.csv", text)).responses.answers
    np.testing.assert_array_equal(answers.to_numpy(), [[4, 5, 2], [1, np.nan, np.nan], [np.nan] * 3])


# --------------------------------------------------------------------------------------------------------
# Qualtrics, XLSX, SPSS
# --------------------------------------------------------------------------------------------------------

QUALTRICS = (
    "StartDate,IPAddress,ResponseId,RecipientLastName,company,department,Q1_1,Q1_2,Q2_1\r\n"
    'Start Date,IP Address,Response ID,Recipient Last Name,company,department,"Colleagues give me honest'
    ' feedback.","How much do you agree? - After a project, we discuss what could be better.",'
    '"I decide how I do\r\nmy work."\r\n'
    '"{""ImportId"":""startDate""}","{""ImportId"":""ipAddress""}","{""ImportId"":""_recordId""}",'
    '"{""ImportId"":""recipientLastName""}","{""ImportId"":""company""}","{""ImportId"":""department""}",'
    '"{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}","{""ImportId"":""QID2_1""}"\r\n'
    "2025-06-01,10.0.0.1,R_abc1,Çelik,Acme,Sales,Agree,Strongly agree,\r\n"
    "2025-06-01,10.0.0.2,R_abc2,Renée,Acme,Staf,Strongly disagree,Don't know,Neither agree nor disagree\r\n"
    "2025-06-02,10.0.0.3,R_abc3,Zoë,Bouw BV,,,Disagree,Strongly agree\r\n"
)


def test_qualtrics_extra_header_rows_are_dropped_and_row_two_texts_map_the_items(tmp_path: Path) -> None:
    """Row 2 holds the item texts (one behind a "Question - " prefix, one with a newline in it)."""
    result = run(write(tmp_path, "qualtrics.csv", QUALTRICS, encoding="cp1252"))
    responses = result.responses
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.rows.tolist() == [4, 5, 6]
    assert responses.respondent_id is not None
    assert responses.respondent_id.tolist() == ["R_abc1", "R_abc2", "R_abc3"]
    assert responses.columns == {"fb1": "Q1_1", "fb2": "Q1_2", "au1": "Q2_1"}
    assert result.findings == []


def test_qualtrics_row_one_codes_win_when_declared(tmp_path: Path) -> None:
    q = Q.model_copy(deep=True)
    q.factors[0].items[0].codes.append("Q1_1")
    text = QUALTRICS.replace('"Colleagues give me honest feedback."', "Something else entirely")
    responses = ingest(write(tmp_path, "q.csv", text), q).responses
    assert responses.answers["fb1"].tolist()[:2] == [4.0, 1.0]


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.create_sheet("Tweede blad").append(["fb1", "fb2", "au1"])  # only the first sheet counts
    book.save(path)
    return path


def test_xlsx_with_numeric_cells_and_numbered_labels(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "r.xlsx",
        [
            ["respondent_id", "company", "department", "naam", "fb1", "fb2", "au1"],
            ["R1", "Acme", "Sales", "Jan", 4, "5 - Helemaal mee eens", None],
            ["R2", "Acme", "Staf", "Piet", "1 - Helemaal mee oneens", "Weet niet", 3.0],
            ["R3", "Bouw BV", None, "Zoë", None, "2. Mee oneens", "(5) Helemaal mee eens"],
        ],
    )
    result = run(path)
    assert_reference(result.responses)
    assert result.findings == []


def test_xlsx_numeric_ids_and_groups_become_text(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "r.xlsx", [["respondent_id", "department", "fb1", "fb2", "au1"], [17, 3.0, 1, 2, 3]]
    )
    responses = run(path).responses
    assert responses.respondent_id is not None
    assert responses.respondent_id.tolist() == ["17"]
    assert responses.groups["department"].tolist() == ["3"]


def test_spss_sav_uses_value_labels_and_variable_labels(tmp_path: Path) -> None:
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame(
        {
            "id": ["R1", "R2", "R3"],
            "v1": [4.0, 1.0, 9.0],  # 9 = "Weet niet" -> missing
            "v2": [5.0, 9.0, 2.0],
            "v3": [np.nan, 3.0, 5.0],
            "afd": [1.0, 2.0, np.nan],
        }
    )
    path = tmp_path / "r.sav"
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=[
            "Respondent",
            "Ik krijg eerlijke feedback van collega's.",
            "Na een project bespreken we wat beter kan.",
            "Ik bepaal zelf hoe ik mijn werk doe.",
            "Afdeling",
        ],
        variable_value_labels={
            "v1": {1.0: "Helemaal mee oneens", 4.0: "Mee eens", 9.0: "Weet niet"},
            "v2": {9.0: "Weet niet"},
            "afd": {1.0: "Sales", 2.0: "Staf"},
        },
    )
    q = Q.model_copy(update={"groups": ["afd"]})
    result = ingest(path, q, company="Acme")
    pd.testing.assert_frame_equal(result.responses.answers, EXPECTED)
    assert result.responses.groups["afd"].iloc[:2].tolist() == ["Sales", "Staf"]
    assert result.responses.company.unique().tolist() == ["Acme"]
    assert result.findings == []


# --------------------------------------------------------------------------------------------------------
# Header -> item mapping
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        ["fb1", "fb2", "au1"],
        ["FB1", " fb2 ", "Au1"],
        ["FB[SQ001]", "FB[SQ002]", "AU[SQ001]"],
        ["fb[sq001]", "fb-sq002", "AU[SQ001]."],
        ["FB [SQ001]", "fb 2", "AU [ SQ001 ]"],
        ["Ik krijg eerlijke feedback van collega's.", "Na een project bespreken we wat beter kan.", "au1"],
        ["IK KRIJG  EERLIJKE FEEDBACK VAN COLLEGA’S", "Na een project, bespreken we wat beter kan", "au1"],
        ["Colleagues give me honest feedback.", "After a project, we discuss what could be better.", "au1"],
    ],
    ids=[
        "ids",
        "ids-case",
        "codes",
        "codes-normalised",
        "codes-spaced",
        "text-nl",
        "text-nl-normalised",
        "text-en",
    ],
)
def test_headers_map_by_id_code_or_text_in_any_language(tmp_path: Path, headers: list[str]) -> None:
    text = "company;" + ";".join(headers) + "\nAcme;4;5;\nAcme;1;;3\nBouw BV;;2;5\n"
    result = run(write(tmp_path, "r.csv", text))
    pd.testing.assert_frame_equal(result.responses.answers, EXPECTED)


def test_all_unmatched_items_are_reported_at_once_with_closest_headers(tmp_path: Path) -> None:
    text = "company,fb1,fb_2x,au_one\nAcme,1,2,3\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    findings = excinfo.value.findings
    assert [f.code for f in findings] == [Code.ITEM_NOT_FOUND, Code.ITEM_NOT_FOUND]
    assert [f.params["item"] for f in findings] == ["fb2", "au1"]
    assert "'fb_2x'" in findings[0].params["closest"]
    assert "'au_one'" in findings[1].params["closest"]


def test_an_item_matching_two_columns_is_ambiguous(tmp_path: Path) -> None:
    text = "fb1,FB[SQ001],fb2,au1\n1,2,3,4\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    assert codes(excinfo) == [Code.ITEM_AMBIGUOUS]
    assert excinfo.value.findings[0].params["item"] == "fb1"


def test_exact_match_beats_a_normalised_one(tmp_path: Path) -> None:
    """'fb1' and 'FB 1' both normalise to an id of fb1, but only 'fb1' is the id itself."""
    text = "fb1,FB 1,fb2,au1\n1,2,3,4\n"
    assert run(write(tmp_path, "r.csv", text)).responses.answers["fb1"].tolist() == [1.0]


def test_no_item_matched_is_one_finding(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", "naam,email,vraag1\nJan,jan@x.nl,4\n"))
    assert codes(excinfo) == [Code.NO_ITEMS_MATCHED]
    assert "'naam'" in excinfo.value.findings[0].params["found"]


def test_duplicate_headers_are_refused_before_any_library_renames_them(tmp_path: Path) -> None:
    text = "company,fb1,fb2,au1,email,email\nAcme,1,2,3,a,b\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    assert codes(excinfo) == [Code.DUPLICATE_HEADER]
    assert excinfo.value.findings[0].params["columns"] == "E, F"


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


def test_ingest_keeps_answers_as_compact_codes_and_builds_the_frames_on_demand(tmp_path: Path) -> None:
    """codes = answer - min (int8, -1 missing), column-major; rejected answers as row positions."""
    text = REFERENCE.replace("R2,Acme,Staf,Piet Pieters,piet@example.invalid,1,,3", "R2,Acme,Staf,P,p,1,9,3")
    responses = run(write(tmp_path, "r.csv", text)).responses
    assert responses.codes.dtype == np.int8
    assert responses.codes.flags.f_contiguous
    assert responses.codes.tolist() == [[3, 4, -1], [0, -1, 2], [-1, 1, 4]]
    assert {k: v.tolist() for k, v in responses.rejected_rows.items()} == {"fb2": [1]}
    assert "answers" not in vars(responses)  # not built until read
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.rejected.to_numpy().tolist() == [[False] * 3, [False, True, False], [False] * 3]
    assert len(responses) == 3


def test_a_response_set_from_frames_derives_its_codes() -> None:
    """Other sources (and tests) build a set from float answers; scoring reads the codes derived from them."""
    answers = pd.DataFrame({"au1": [5.0, np.nan], "fb1": [1.0, 4.0], "fb2": [np.nan, 2.0]})  # any order
    rejected = pd.DataFrame({"fb1": [False, False], "fb2": [True, False], "au1": [False, False]})
    responses = ResponseSet(
        questionnaire=Q,
        source="x.csv",
        answers=answers,
        company=pd.Series(["A", "A"]),
        groups=pd.DataFrame(index=pd.RangeIndex(2)),
        respondent_id=None,
        rows=np.array([2, 3]),
        rejected=rejected,
    )
    assert responses.answers is answers
    assert responses.codes.tolist() == [[0, -1, 4], [3, 1, -1]]  # questionnaire order: fb1, fb2, au1
    assert {k: v.tolist() for k, v in responses.rejected_rows.items()} == {"fb2": [0]}


@pytest.mark.parametrize("bad", [3.5, 6.0, 0.0])
def test_codes_of_answers_that_are_no_whole_scale_values_are_a_programming_error(bad: float) -> None:
    answers = pd.DataFrame({"fb1": [bad], "fb2": [1.0], "au1": [2.0]})
    responses = ResponseSet(
        Q, "x.csv", answers, pd.Series(["A"]), pd.DataFrame(index=[0]), None, np.array([2]), answers > 9
    )
    with pytest.raises(ValueError):
        _ = responses.codes


def test_from_codes_checks_the_shape() -> None:
    with pytest.raises(ValueError):
        ResponseSet.from_codes(
            questionnaire=Q,
            source="x.csv",
            codes=np.zeros((2, 2), dtype=np.int8),
            company=pd.Series(["A", "A"]),
            groups=pd.DataFrame(index=pd.RangeIndex(2)),
            respondent_id=None,
            rows=np.array([2, 3]),
            rejected_rows={},
            columns={},
        )


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
# Bad input
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.csv", b"", Code.EMPTY_FILE),
        ("blank.csv", b"  \r\n\n\t \n", Code.EMPTY_FILE),
        ("bom.csv", b"\xef\xbb\xbf\r\n", Code.EMPTY_FILE),
        ("header.csv", b"company,fb1,fb2,au1\r\n", Code.HEADER_ONLY),
        ("header-blank-lines.csv", b"company,fb1,fb2,au1\n\n\n", Code.HEADER_ONLY),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), Code.UNDECODABLE),
        ("nul.csv", b"company,fb1\x00,fb2,au1\nAcme,1,2,3\n", Code.UNDECODABLE),
        (
            "control.csv",
            bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 0x81, 0x8D]) * 30,
            Code.UNDECODABLE,
        ),
        ("book.csv", b"PK\x03\x04" + b"x" * 100, Code.UNDECODABLE),
        ("data.json", b'{"fb1": 1}', Code.UNSUPPORTED_FORMAT),
        ("noext", b"fb1,fb2,au1\n1,2,3\n", Code.UNSUPPORTED_FORMAT),
        ("broken.xlsx", b"this is no workbook", Code.UNDECODABLE),
        ("empty.xlsx", b"", Code.EMPTY_FILE),
        ("broken.sav", b"$FL2 this is no spss file", Code.UNDECODABLE),
        ("long-row.csv", b"company,fb1,fb2,au1\nAcme,1,2,3\nAcme,1,2,3,4\n", Code.ROW_LENGTH),
        ("no-items.csv", b"naam,email\nJan,jan@x.nl\n", Code.NO_ITEMS_MATCHED),
    ],
)
def test_bad_input_gives_one_catalogue_finding_and_no_traceback(
    tmp_path: Path, name: str, content: bytes, code: Code
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ScanError) as excinfo:
        run(path)
    assert codes(excinfo) == [code]
    assert excinfo.value.findings[0].file == str(path)


def test_random_bytes_renamed_csv_are_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "random.csv"
    path.write_bytes(np.random.default_rng(7).integers(0, 256, 5000, dtype=np.uint8).tobytes())
    with pytest.raises(ScanError) as excinfo:
        run(path)
    assert codes(excinfo) == [Code.UNDECODABLE]


@pytest.mark.parametrize(("blank", "row"), [("", 4), ("\n", 5)])
def test_long_row_error_names_the_row(tmp_path: Path, blank: str, row: int) -> None:
    text = f'company,fb1,fb2,au1\nAcme,"1\n",2,3\nAcme,1,2,3\n{blank}Acme,1,2,3,4,5\n'
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    finding = excinfo.value.findings[0]
    assert (finding.code, finding.row, finding.params["got"], finding.params["expected"]) == (
        Code.ROW_LENGTH,
        row,
        6,
        4,
    )


def test_empty_workbook_and_header_only_workbook(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as excinfo:
        run(_xlsx(tmp_path / "empty.xlsx", []))
    assert codes(excinfo) == [Code.EMPTY_FILE]
    with pytest.raises(ScanError) as excinfo:
        run(_xlsx(tmp_path / "header.xlsx", [["fb1", "fb2", "au1"]]))
    assert codes(excinfo) == [Code.HEADER_ONLY]


def test_qualtrics_export_without_responses_is_header_only(tmp_path: Path) -> None:
    header_rows = "".join(QUALTRICS.splitlines(keepends=True)[:4])  # three records, one with a newline
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "q.csv", header_rows))
    assert codes(excinfo) == [Code.HEADER_ONLY]


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as excinfo:
        run(tmp_path / "nope.csv")
    assert codes(excinfo) == [Code.FILE_UNREADABLE]


@pytest.mark.parametrize("name", ["r.csv", "r.xlsx"])
def test_the_input_file_is_never_modified(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, "r.csv", REFERENCE.replace(",", ";"))
    if name.endswith(".xlsx"):
        path = _xlsx(tmp_path / name, [line.split(",") for line in REFERENCE.splitlines()])
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# --------------------------------------------------------------------------------------------------------
# The example exports: the same answers in every format
# --------------------------------------------------------------------------------------------------------

EXPORTS = ["limesurvey_nl.csv", "qualtrics_en.csv", "responses.xlsx"]


@pytest.fixture(scope="module")
def example_reference() -> ResponseSet:
    from lerende_scan.validation import load_questionnaire

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
