"""Sources: CSV dialects and encodings, Qualtrics, XLSX, SPSS, bad input, and paths, bytes or streams."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.ingest.samples import (
    EXPECTED,
    QUALTRICS,
    REFERENCE,
    Q,
    assert_reference,
    codes,
    problems,
    run,
    write,
    xlsx,
)

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest import READABLE_SUFFIXES, ingest, response_files
from lerende_scan.ingest.sources import skipped_files

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


@pytest.mark.parametrize(
    ("bom", "encoding"), [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be")]
)
def test_utf32_with_bom_is_read_as_utf32_not_utf16(tmp_path: Path, bom: bytes, encoding: str) -> None:
    """The UTF-32-LE BOM starts with UTF-16-LE's: the file was read as UTF-16, its headers full of NULs."""
    path = tmp_path / "r.csv"
    path.write_bytes(bom + REFERENCE.replace("\n", "\r\n").encode(encoding))
    result = run(path)
    assert_reference(result.responses)
    assert result.responses.company.tolist()[2] == "Bouw BV"
    assert problems(result) == []


def test_utf32_with_an_answer_outside_the_scale_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    text = "company;fb1;fb2;au1\nZoë;4;5;3\nZoë;9;5;3\n"
    path.write_bytes(text.encode("utf-32"))  # with the machine's BOM
    result = run(path)
    assert result.responses.company.tolist() == ["Zoë", "Zoë"]
    assert [(f.code, f.column, f.row) for f in problems(result)] == [(Code.OUT_OF_RANGE, "fb1", 3)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be", "utf-32-be"])
def test_blank_lines_count_in_row_numbers_of_utf16_and_utf32_files(tmp_path: Path, encoding: str) -> None:
    """Row numbers were counted on the bytes as if the file were UTF-8: in UTF-16 no blank line was seen,
    so the 9 on row 5 was reported at row 3."""
    text = "company;fb1;fb2;au1\r\nZoë;4;5;3\r\n\r\n\r\nZoë;9;5;3\r\n"
    path = tmp_path / "r.txt"
    path.write_bytes(
        ("\ufeff" + text).encode(encoding) if encoding.endswith("-be") else text.encode(encoding)
    )
    result = run(path)
    assert result.responses.company.tolist() == ["Zoë", "Zoë"]
    assert [(f.code, f.column, f.row) for f in problems(result)] == [(Code.OUT_OF_RANGE, "fb1", 5)]


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


def test_xlsx_with_numeric_cells_and_numbered_labels(tmp_path: Path) -> None:
    path = xlsx(
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


@pytest.mark.parametrize("order", ["swapped", "twice"])
def test_rows_stored_out_of_order_are_refused_not_dropped(tmp_path: Path, order: str) -> None:
    """openpyxl's read-only reader skips, without a word, a row numbered at or before the last one read
    (some export tools write rows out of order): a respondent was lost. The rows by hand: 3 then 2."""
    import re
    import zipfile

    path = xlsx(
        tmp_path / "r.xlsx",
        [["fb1", "fb2"], [4, 5], [2, 3], [1, 1]],
    )
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
    rows = re.findall(r'<row r="\d+".*?</row>', sheet, re.S)
    assert len(rows) == 4
    changed = (
        [rows[0], rows[2], rows[1], rows[3]] if order == "swapped" else [rows[0], rows[1], rows[1], rows[3]]
    )
    start, end = sheet.index(rows[0]), sheet.index(rows[-1]) + len(rows[-1])
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + "".join(changed) + sheet[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    before = path.read_bytes()
    with pytest.raises(ScanError) as excinfo:
        run(path)
    assert codes(excinfo) == [Code.SHEET_ROWS_OUT_OF_ORDER]
    assert excinfo.value.findings[0].params == (
        {"number": 2, "previous": 3} if order == "swapped" else {"number": 2, "previous": 2}
    )
    assert path.read_bytes() == before


def test_a_boolean_cell_is_an_invalid_answer_never_1_or_0(tmp_path: Path) -> None:
    """True == 1 in pandas' factorize: a TRUE cell took the code of the answer 1 in its column (or made
    every 1 invalid). fb1 by hand: 1 and 2 remain, mean 1.5; fb2: FALSE is no 0 (and no missing)."""
    path = xlsx(
        tmp_path / "bool.xlsx",
        [
            ["respondent_id", "company", "fb1", "fb2", "au1"],
            ["R1", "Acme", 1, 3, 3],
            ["R2", "Acme", True, False, 3],
            ["R3", "Acme", 2, 1, 3],
        ],
    )
    result = run(path)
    answers = result.responses.answers
    np.testing.assert_array_equal(answers["fb1"].to_numpy(), [1, np.nan, 2])
    np.testing.assert_array_equal(answers["fb2"].to_numpy(), [3, np.nan, 1])
    assert answers["fb1"].mean() == 1.5
    assert result.responses.rejected.to_numpy()[:, :2].tolist() == [
        [False, False],
        [True, True],
        [False, False],
    ]
    found = [(f.code, f.column, f.row, f.params["count"]) for f in problems(result)]
    assert found == [(Code.OUT_OF_RANGE, "fb1", 3, 1), (Code.OUT_OF_RANGE, "fb2", 3, 1)]
    assert "first at row 3: 'TRUE'" in str(problems(result)[0])
    assert "first at row 3: 'FALSE'" in str(problems(result)[1])


def test_a_boolean_cell_first_in_its_column_leaves_the_answer_1_valid(tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "bool.xlsx",
        [
            ["respondent_id", "company", "fb1", "fb2", "au1"],
            ["R1", "Acme", True, 2, 3],
            ["R2", "Acme", 1, 2, 3],
        ],
    )
    result = run(path)
    np.testing.assert_array_equal(result.responses.answers["fb1"].to_numpy(), [np.nan, 1])
    assert [(f.column, f.row, f.params["count"]) for f in problems(result)] == [("fb1", 2, 1)]


def test_the_first_sheet_is_read_as_pandas_reads_it(tmp_path: Path) -> None:
    """The sheet reader replaced ``pandas.read_excel`` (to refuse a huge sheet before padding it): on
    blank rows, error cells, dates, booleans, whole floats and ragged rows it gives pandas' frame."""
    from openpyxl import load_workbook

    from lerende_scan.ingest.answers import Boolean
    from lerende_scan.ingest.sources.base import Content
    from lerende_scan.ingest.sources.excel import _first_sheet

    path = xlsx(
        tmp_path / "odd.xlsx",
        [
            ["id", "company", "fb1", "fb2", "when"],
            ["R1", "Acme", 1, 2.5, dt.datetime(2026, 1, 2)],
            [],
            ["R2", None, "NA", "#N/A", True],
            [3, "Acme", 4.0, "=1/0", None],
            [None, " "],
        ],
    )
    book = load_workbook(path)
    book.worksheets[0]["G9"] = "far"
    book.save(path)
    expected = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl")
    # One intended difference: TRUE and FALSE are no Python bools, which equal 1 and 0.
    for i, j in zip(*np.nonzero(expected.map(lambda v: isinstance(v, bool)).to_numpy()), strict=True):
        expected.iat[i, j] = Boolean(expected.iat[i, j])
    frame, rows = _first_sheet(Content(path=path), "odd.xlsx")
    kept = expected.dropna(how="all")  # blank rows are left out, as blank lines of a CSV are
    pd.testing.assert_frame_equal(frame, kept.reset_index(drop=True))
    assert rows.tolist() == [i + 1 for i in kept.index] == [1, 2, 4, 5, 6, 9]


def test_a_stray_value_far_out_is_one_row_and_blank_rows_are_no_respondents(tmp_path: Path) -> None:
    """One value at XFD1048576 in an 11 kB workbook took 23 GB and 50 s (or a MemoryError): pandas padded
    every blank row in between. Blank rows are now left out; messages keep the sheet's row numbers."""
    from openpyxl import load_workbook

    path = xlsx(
        tmp_path / "far.xlsx",
        [
            ["respondent_id", "company", "fb1", "fb2", "au1"],
            ["R1", "Acme", 4, 5, 3],
            [],
            ["R2", "Acme", 9, 2, 1],
        ],
    )
    book = load_workbook(path)
    book.worksheets[0].cell(1_048_576, 16_384).value = "x"
    book.save(path)
    result = run(path)
    assert result.responses.respondent_id is not None
    assert result.responses.respondent_id.tolist()[:2] == ["R1", "R2"] and len(result.responses.answers) == 3
    assert {(f.code, f.row) for f in result.findings} >= {
        (Code.OUT_OF_RANGE, 4),
        (Code.COMPANY_BLANK, 1048576),
    }


def test_a_workbook_openpyxl_trips_over_is_a_plain_reason(tmp_path: Path) -> None:
    """A chart as the first sheet gave "('list' object has no attribute 'find')" as the reason."""
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    assert data is not None
    data.append(["respondent_id", "fb1"])
    book.create_chartsheet("Grafiek", 0)  # an empty chart sheet first
    book.save(tmp_path / "chart.xlsx")
    with pytest.raises(ScanError) as info:
        run(tmp_path / "chart.xlsx")
    assert codes(info) == [Code.UNDECODABLE]
    assert "object has no attribute" not in info.value.findings[0].message


def test_a_row_numbered_beyond_excels_last_row_is_not_read(tmp_path: Path) -> None:
    """A hand-made sheet with a row numbered 2,000,000,000 kept openpyxl filling blank rows for hours."""
    import re
    import zipfile

    path = xlsx(
        tmp_path / "far.xlsx",
        [["respondent_id", "company", "fb1", "fb2", "au1"], ["R1", "Acme", 4, 5, 3], ["R2", "Acme", 1, 2, 3]],
    )
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'r="([A-Z]*)3"', rb'r="\g<1>2000000000"', parts[sheet])
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    started = time.perf_counter()
    result = run(path)
    assert time.perf_counter() - started < 30
    assert result.responses.respondent_id is not None
    assert result.responses.respondent_id.tolist() == ["R1"]


def test_a_workbook_that_unpacks_too_large_is_refused_before_openpyxl_parses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1 MB workbooks holding a gigabyte of blank cells or shared strings took 6 GB and minutes."""
    from lerende_scan.ingest.sources import excel

    path = xlsx(tmp_path / "r.xlsx", [["respondent_id", "company", "fb1"], ["R1", "Acme", 4]])
    monkeypatch.setattr(excel, "MAX_UNPACKED", 1000)  # this small workbook's XML is a few kB
    with pytest.raises(ScanError) as info:
        run(path)
    assert codes(info) == [Code.WORKBOOK_TOO_LARGE]


def test_a_number_cell_holding_infinity_is_an_answer_outside_the_scale(tmp_path: Path) -> None:
    import re
    import zipfile

    path = xlsx(
        tmp_path / "inf.xlsx", [["respondent_id", "company", "fb1", "fb2", "au1"], ["R1", "Acme", 4, 5, 3]]
    )
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'(<c r="C2"[^>]*><v>)4(</v>)', rb"\g<1>1e999\g<2>", parts[sheet])
    assert b"1e999" in parts[sheet]
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    result = run(path)
    assert np.isnan(result.responses.answers.loc[0, "fb1"])
    assert [(f.code, f.row) for f in problems(result) if f.code is Code.OUT_OF_RANGE] == [
        (Code.OUT_OF_RANGE, 2)
    ]


def test_a_sheet_too_large_to_hold_is_refused_before_it_is_padded(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = xlsx(tmp_path / "wide.xlsx", [["respondent_id", "company", "fb1"]])
    book = load_workbook(path)
    for row in range(2, 1400):
        book.worksheets[0].cell(row, 16_384).value = "x"
    book.save(path)
    with pytest.raises(ScanError) as info:
        run(path)
    assert codes(info) == [Code.SHEET_TOO_LARGE]
    assert "column 16384" in info.value.findings[0].message


def test_xlsx_numeric_ids_and_groups_become_text(tmp_path: Path) -> None:
    path = xlsx(
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
    for given in (path.read_bytes(), io.BytesIO(path.read_bytes())):  # no name: "$FL2" says SPSS
        in_memory = ingest(given, q, company="Acme")
        pd.testing.assert_frame_equal(in_memory.responses.answers, EXPECTED)
        assert in_memory.responses.groups["afd"].iloc[:2].tolist() == ["Sales", "Staf"]


# --------------------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.csv", b"", Code.EMPTY_FILE),
        ("blank.csv", b"  \r\n\n\t \n", Code.BLANK_FILE),
        ("bom.csv", b"\xef\xbb\xbf\r\n", Code.BLANK_FILE),
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
        run(xlsx(tmp_path / "empty.xlsx", []))
    assert codes(excinfo) == [Code.EMPTY_SHEET]
    with pytest.raises(ScanError) as excinfo:
        run(xlsx(tmp_path / "header.xlsx", [["fb1", "fb2", "au1"]]))
    assert codes(excinfo) == [Code.HEADER_ONLY]


def test_an_empty_first_sheet_is_named_and_not_called_0_bytes(tmp_path: Path) -> None:
    """The responses on the second sheet: the message said "the file is empty (0 bytes)" of a 5 kB file."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Instructies"
    first["B3"] = None
    book.create_sheet("Antwoorden").append(["company", "fb1", "fb2", "au1"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    with pytest.raises(ScanError) as excinfo:
        run(path)
    assert codes(excinfo) == [Code.EMPTY_SHEET]
    message = str(excinfo.value.findings[0])
    assert "'Instructies'" in message and "0 bytes" not in message
    assert message.startswith(f"{path}: error[R048]")


def test_a_sheet_of_error_cells_only_is_an_empty_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = xlsx(tmp_path / "r.xlsx", [["#N/A", None, "#DIV/0!"]])
    book = load_workbook(path)
    book.worksheets[0]["A1"].data_type = "e"
    book.worksheets[0]["C1"].data_type = "e"
    book.save(path)
    with pytest.raises(ScanError) as excinfo:
        run(path)
    assert codes(excinfo) == [Code.EMPTY_SHEET]
    assert "'Sheet'" in str(excinfo.value.findings[0])


@pytest.mark.parametrize("content", [b"\n\n  \r\n", b"\xef\xbb\xbf\r\n\r\n", "\n\n".encode("utf-16")])
def test_a_text_file_of_blank_lines_says_so_and_not_0_bytes(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(ScanError) as excinfo:
        run(path)
    assert codes(excinfo) == [Code.BLANK_FILE]
    message = str(excinfo.value.findings[0])
    assert f"({len(content)} bytes)" in message and "0 bytes" not in message and "header row" in message


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
        path = xlsx(tmp_path / name, [line.split(",") for line in REFERENCE.splitlines()])
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    run(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# --------------------------------------------------------------------------------------------------------
# Which files are read
# --------------------------------------------------------------------------------------------------------


def test_response_files_are_the_given_files_and_every_readable_file_in_given_folders(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    names = ["a.csv", "b.TSV", "c.txt", "d.tab", "e.xlsx", "f.xlsm", "g.sav", "h.zsav"]
    for name in [*names, ".hidden.csv", "notes.md", "data.json", "noext"]:
        (folder / name).write_bytes(b"x")
    (folder / "sub.csv").mkdir()  # a folder, not a file
    given = tmp_path / "given.json"  # given files are taken as given; ingest says what it thinks of them
    assert response_files([given, folder]) == [given, *(folder / n for n in sorted(names))]
    assert {".xlsm", ".zsav", ".tab", ".csv", ".tsv", ".txt", ".xlsx", ".sav"} == READABLE_SUFFIXES


def test_a_file_reached_twice_under_its_own_name_is_read_once(tmp_path: Path) -> None:
    """Given as a folder and as a file in it, the company was scored twice and its second copy left out."""
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ["a.csv", "b.csv"]:
        (folder / name).write_bytes(b"x")
    (folder / "kopie.csv").symlink_to(folder / "a.csv")  # another name: kept, the benchmark lists it
    again = tmp_path / "exports" / ".." / "exports" / "b.csv"
    assert response_files([folder, again, folder / "a.csv"]) == [
        folder / n for n in ["a.csv", "b.csv", "kopie.csv"]
    ]


@pytest.mark.parametrize("subfolders", [[], ["noord", "zuid"], [f"regio{i}" for i in range(7)]])
def test_a_folder_without_survey_files_is_one_error_naming_it_and_its_subfolders(
    tmp_path: Path, subfolders: list[str]
) -> None:
    """Exports in subfolders gave 'only 0 companies qualify': the folder was read as holding none."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "notes.md").write_bytes(b"x")
    for name in subfolders:
        (folder / name).mkdir()
        (folder / name / "a.csv").write_bytes(b"x")
    with pytest.raises(ScanError) as caught:
        response_files([folder])
    (finding,) = caught.value.findings
    assert finding.code is Code.FOLDER_WITHOUT_RESPONSES and finding.file == str(folder)
    message = finding.message
    assert ".csv" in message and ".xlsx" in message and "pass the folder" in message
    if not subfolders:
        assert "subfolders" not in message
    elif len(subfolders) == 2:
        assert "its subfolders noord, zuid are not searched" in message
    else:
        assert "regio0, regio1, regio2, regio3, regio4 and 2 more are not searched" in message


def test_text_in_memory_without_a_name_is_read_as_text(tmp_path: Path) -> None:
    assert_reference(ingest(REFERENCE.replace(",", ";").encode("cp1252"), Q).responses)
    assert_reference(ingest(io.BytesIO(REFERENCE.encode("utf-16")), Q).responses)


def test_a_stream_is_read_from_where_it_stands_and_left_open(tmp_path: Path) -> None:
    stream = io.BytesIO(b"skip me" + REFERENCE.encode())
    stream.seek(7)
    assert_reference(ingest(stream, Q, name="r.csv").responses)
    assert not stream.closed


def test_every_file_is_read_in_the_calling_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyarrow's worker threads aborted (std::terminate, exit 134) or hung the process on its way out of
    an input error, in 1 of 15 to 60 runs, small files and files over 4 MiB alike (found by fuzzing)."""
    import pyarrow.csv as pacsv

    from lerende_scan.ingest.sources import text

    threaded: list[bool] = []
    real = pacsv.read_csv

    def spy(source: object, *, read_options: pacsv.ReadOptions, **kwargs: object) -> object:
        threaded.append(read_options.use_threads)
        return real(source, read_options=read_options, **kwargs)

    monkeypatch.setattr(text.pacsv, "read_csv", spy)
    small = write(tmp_path, "small.csv", REFERENCE)
    run(small)
    header, line = REFERENCE.splitlines()[:2]
    large = write(tmp_path, "large.csv", header + "\n" + (line + "\n") * ((5 << 20) // len(line)))
    run(large)
    assert threaded == [False, False]


def test_entries_that_look_like_exports_but_are_not_read_are_named(tmp_path: Path) -> None:
    """An .xls export or a dead link in a benchmark's folder left its company out without a word."""
    (tmp_path / "a.csv").write_text("fb1\n3\n", encoding="utf-8")
    (tmp_path / "oud.XLS").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "weg.csv").symlink_to(tmp_path / "missing.csv")
    (tmp_path / "map.xlsx").mkdir()
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an export: passed over in silence
    (tmp_path / ".~lock.a.csv#").write_text("", encoding="utf-8")
    assert response_files([tmp_path]) == [tmp_path / "a.csv"]
    found = {(Path(f.file).name, f.code) for f in skipped_files([tmp_path])}
    assert found == {
        ("oud.XLS", Code.SKIPPED_SPREADSHEET),
        ("weg.csv", Code.SKIPPED_NOT_A_FILE),
        ("map.xlsx", Code.SKIPPED_NOT_A_FILE),
    }
    assert skipped_files([tmp_path / "a.csv"]) == []  # a file given by name is read, or refused, itself
