"""Inputs that once ended in an internal error or silently lost rows: now read, or one catalogue finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.ingest.samples import codes, run, write

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest import READABLE_SUFFIXES
from lerende_scan.scoring import score

# --------------------------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------------------------


def _rows(bad: str, at: int = 215, total: int = 300) -> str:
    """A file of ``total`` respondents whose record on row ``at + 1`` (the header is row 1) is ``bad``."""
    rows = ["company,fb1,fb2,au1,naam"] + [f"Acme,{i % 5 + 1},2,3,Naam {i}" for i in range(total)]
    rows[at] = bad
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    "bad",
    [
        'Acme,"4,2,3,Naam',  # too few fields: pandas' parser used to raise "EOF inside string"
        '"Acme,4,2,3,Naam',
        'Acme,4,2,3,"Naam',  # the last field: pyarrow used to drop the rest of the file without a word
    ],
)
def test_a_quote_that_is_never_closed_is_a_finding_naming_its_row(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", _rows(bad)))
    assert codes(excinfo) == [Code.UNCLOSED_QUOTE]
    assert excinfo.value.findings[0].row == 216


def test_an_unclosed_quote_row_counts_blank_lines_as_a_spreadsheet_does(tmp_path: Path) -> None:
    text = _rows('Acme,4,2,3,"Naam').replace("Naam 9\n", "Naam 9\n\n\n")
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    assert excinfo.value.findings[0].row == 218


def test_a_literal_quote_inside_an_unquoted_value_is_no_unclosed_quote(tmp_path: Path) -> None:
    """An odd number of quotes, but each is text: ``5" scherm`` (pyarrow and pandas agree)."""
    text = _rows('Acme,4,2,3,Naam 5" scherm').replace("Naam 3\n", 'Naam "drie"\n')
    result = run(write(tmp_path, "r.csv", text))
    assert len(result.responses) == 300


def test_quoted_values_that_all_close_read_every_row(tmp_path: Path) -> None:
    text = _rows('Acme,4,2,3,"Naam, met komma"')
    assert len(run(write(tmp_path, "r.csv", text)).responses) == 300


# --------------------------------------------------------------------------------------------------------
# Encodings decided on the first megabyte
# --------------------------------------------------------------------------------------------------------


def _mixed(tmp_path: Path, head_accent: bool) -> Path:
    """Over a megabyte of UTF-8 (with accents when ``head_accent``), then rows added by Dutch Excel in
    cp1252, both naming the company "Zoë Bouw"; text respondent ids, so the file is read in blocks."""
    head = ["respondent_id,company,fb1,fb2,au1"]
    rows = 60_000
    for i in range(rows):
        company = "Zoë Bouw" if head_accent and i % 2 else "Acme"
        head.append(f"R{i:06d},{company},{i % 5 + 1},{(i * 3) % 5 + 1},{i % 4 + 2}")
    tail = [f"R{rows + i:06d},Zoë Bouw,4,4,4" for i in range(10)]
    path = tmp_path / "mixed.csv"
    path.write_bytes(("\n".join(head) + "\n").encode("utf-8") + ("\n".join(tail) + "\n").encode("cp1252"))
    assert path.stat().st_size > 1 << 20
    return path


@pytest.mark.parametrize("head_accent", [True, False], ids=["utf8-accents-first", "ascii-first"])
def test_a_cp1252_byte_after_the_first_megabyte_of_utf8_reads_each_part_right(
    tmp_path: Path, head_accent: bool
) -> None:
    responses = run(_mixed(tmp_path, head_accent)).responses
    assert len(responses) == 60_010
    expected = {"Acme", "Zoë Bouw"}
    assert set(responses.company) == expected  # never "ZoÃ«"
    counts = responses.company.value_counts()
    assert counts["Zoë Bouw"] == (30_000 if head_accent else 0) + 10
    result = score(responses)  # the duplicate-id check sees the multi-block ids
    assert {c.company for c in result.companies} == expected
    assert all(c.data_quality.excluded["duplicate_id"] == 0 for c in result.companies)


def test_a_bom_file_with_a_later_cp1252_byte_is_read_as_well(tmp_path: Path) -> None:
    path = _mixed(tmp_path, True)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    responses = run(path).responses
    assert set(responses.company) == {"Acme", "Zoë Bouw"}
    assert responses.respondent_id is not None and responses.respondent_id.iloc[0] == "R000000"


def _bom_export(short_row: bytes) -> bytes:
    """UTF-8 with BOM, a name column in latin-1 ("Lindé": not UTF-8, in a column that is not read), and
    ``short_row`` as row 4 (fuzz findings F1 and F2, cut down)."""
    rows = [b"company,fb1,fb2,au1,naam"] + [b"Acme,%d,2,3,Naam %d" % (i % 5 + 1, i) for i in range(12)]
    rows[2] = b"Acme,4,2,3,Lind\xe9"
    rows[4] = short_row
    return b"\xef\xbb\xbf" + b"\n".join(rows) + b"\n"


@pytest.mark.parametrize(
    "short_row",
    [
        b"Acme,4,2",  # F1: pandas' padding of short rows met the latin-1 byte (exit 70)
        b"Acme,4,L\xe0r\xfa\x83\xc1\xee",  # F2: pyarrow decoded the rejected row itself: traceback on stderr
    ],
    ids=["short-row-elsewhere", "short-row-not-utf8"],
)
def test_a_bom_file_with_latin1_bytes_and_short_rows_is_read_without_a_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], short_row: bytes
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(_bom_export(short_row))
    responses = run(path).responses
    assert len(responses) == 12
    assert responses.answers["fb1"].iloc[3] == 4.0
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err and "Exception ignored" not in captured.err


# --------------------------------------------------------------------------------------------------------
# A cell too large to read
# --------------------------------------------------------------------------------------------------------

_BIG = 5 << 20  # a 5 MB cell: a pasted document, or a quote closed far too late


def _with_big_cell(before: int, cell: str, column: int, blank_line: bool = False) -> str:
    """``before`` respondents (rows 2..before+1), an optional blank line, then the big cell's row, then 3."""
    rows = ["respondent_id,company,fb1,fb2,au1,opmerking"] + [f"R{i},Acme,4,5,3,ok" for i in range(before)]
    if blank_line:
        rows.append("")
    fields = ["R-big", "Acme", "4", "5", "3", "ok"]
    fields[column] = cell
    rows.append(",".join(fields))
    rows += [f"S{i},Acme,4,5,3,ok" for i in range(3)]
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize(
    ("before", "cell", "column", "blank_line", "row", "header"),
    [
        (5, "x" * _BIG, 5, False, 7, "opmerking"),  # in the first megabyte, unquoted
        (5, '"' + "x" * _BIG + '"', 5, True, 8, "opmerking"),  # quoted; the blank line counts as a row
        (5, '"' + "x, y\n" * 40_000 + '"', 2, False, 7, "fb1"),  # 200 kB over lines, in an item column
        (60_000, '"' + "x" * _BIG + '"', 5, False, 60_002, "opmerking"),  # after the first megabyte
        (60_000, "x" * _BIG, 2, False, 60_002, "fb1"),
    ],
    ids=[
        "first-megabyte",
        "quoted-after-a-blank-line",
        "over-lines-in-an-item",
        "later-quoted",
        "later-item",
    ],
)
def test_a_cell_too_large_to_read_is_named_by_row_and_column(
    tmp_path: Path, before: int, cell: str, column: int, blank_line: bool, row: int, header: str
) -> None:
    """These were R003 "field larger than field limit (131072)" or "straddling object straddles two block
    boundaries", with no row, and advice to export as CSV what was a CSV."""
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", _with_big_cell(before, cell, column, blank_line)))
    [finding] = excinfo.value.findings
    assert (finding.code, finding.row, finding.column) == (Code.CELL_TOO_LARGE, row, header)
    assert str(finding).startswith(f"{tmp_path / 'r.csv'}, row {row}, column '{header}': error[R049]")


def test_a_cell_too_large_in_a_semicolon_file_is_named_and_the_separator_still_found(tmp_path: Path) -> None:
    """Every separator's trial parse stopped at the big cell, so ',' won by default and the whole header
    was one column."""
    text = _with_big_cell(5, "x" * _BIG, 5).replace(",", ";").replace("\n", "\r\n")
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    [finding] = excinfo.value.findings
    assert (finding.code, finding.row, finding.column) == (Code.CELL_TOO_LARGE, 7, "opmerking")


def test_a_long_row_after_a_cell_the_csv_module_refuses_is_named_not_a_traceback(tmp_path: Path) -> None:
    """pyarrow reads a 200 kB cell after the first megabyte; finding the long row with the csv module then
    raised its field-limit error (an internal error, exit 70)."""
    text = _with_big_cell(60_000, '"' + "y" * 200_000 + '"', 5) + "R10,Acme,4,5,3,ok,extra\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    [finding] = excinfo.value.findings
    assert (finding.code, finding.row) == (Code.ROW_LENGTH, 60_006)


# --------------------------------------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------------------------------------


def test_an_unsupported_file_type_lists_every_readable_suffix(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text('{"fb1": 1}')
    with pytest.raises(ScanError) as excinfo:
        run(path)
    finding = excinfo.value.findings[0]
    assert finding.code is Code.UNSUPPORTED_FORMAT
    message = str(finding)
    assert all(suffix in message for suffix in READABLE_SUFFIXES)
    assert ".zsav" in message and ".tab" in message and ".xlsm" in message
