"""read_table: small side files as text frames, with the detection and catalogue errors of ingest."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from tests.ingest.samples import write, xlsx

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest import read_table

NEEDS = "leider;team;behoefte\nAnne;Wijkzorg;feedback geven\n Bert ;; \nCees;Staf;Zoë's vragen\n"
EXPECTED = pd.DataFrame(
    {
        "leider": ["Anne", "Bert", "Cees"],
        "team": ["Wijkzorg", pd.NA, "Staf"],
        "behoefte": ["feedback geven", pd.NA, "Zoë's vragen"],
    },
    dtype="str",
)


def test_header_row_one_and_every_cell_text_with_na_for_blanks(tmp_path: Path) -> None:
    frame = read_table(write(tmp_path, "needs.csv", NEEDS, encoding="cp1252"))
    pd.testing.assert_frame_equal(frame, EXPECTED)


def test_numbers_stay_text_as_written(tmp_path: Path) -> None:
    frame = read_table(write(tmp_path, "counts.tsv", "bedrijf\taantal\nAcme\t0120\nBouw BV\t7\n"))
    assert frame["aantal"].tolist() == ["0120", "7"]


def test_a_workbook_reads_like_the_csv(tmp_path: Path) -> None:
    rows = [["leider", "team", "behoefte"], ["Anne", "Wijkzorg", "feedback geven"], [" Bert ", None, " "]]
    rows.append(["Cees", "Staf", "Zoë's vragen"])
    pd.testing.assert_frame_equal(read_table(xlsx(tmp_path / "needs.xlsx", rows)), EXPECTED)
    counts = read_table(xlsx(tmp_path / "counts.xlsx", [["bedrijf", "aantal"], ["Acme", 120.0]]))
    assert counts["aantal"].tolist() == ["120"]


def test_bytes_and_streams_read_like_the_path(tmp_path: Path) -> None:
    path = write(tmp_path, "needs.csv", NEEDS)
    pd.testing.assert_frame_equal(read_table(path.read_bytes()), EXPECTED)
    pd.testing.assert_frame_equal(read_table(io.BytesIO(path.read_bytes()), name="needs.csv"), EXPECTED)
    pd.testing.assert_frame_equal(read_table(str(path)), EXPECTED)


def test_a_qualtrics_like_third_row_is_data_not_a_header(tmp_path: Path) -> None:
    text = 'naam,team\nTekst,Tekst\n"{""ImportId"":""x""}",b\n'
    assert read_table(write(tmp_path, "t.csv", text))["naam"].tolist() == ["Tekst", '{"ImportId":"x"}']


def test_header_only_gives_an_empty_frame_with_the_columns(tmp_path: Path) -> None:
    frame = read_table(write(tmp_path, "t.csv", "leider,team\n"))
    assert frame.columns.tolist() == ["leider", "team"]
    assert len(frame) == 0


def test_short_rows_are_padded_with_blanks(tmp_path: Path) -> None:
    frame = read_table(write(tmp_path, "t.csv", "a,b,c\n1,2,3\n4\n"))
    assert frame.iloc[1].isna().tolist() == [False, True, True]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.csv", b"", Code.EMPTY_FILE),
        ("blank.csv", b"  \r\n\n", Code.BLANK_FILE),
        ("blank.xlsx", None, Code.EMPTY_SHEET),
        ("nul.csv", b"a,b\x00\n1,2\n", Code.UNDECODABLE),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Code.UNDECODABLE),
        ("broken.xlsx", b"this is no workbook", Code.UNDECODABLE),
        ("data.json", b'{"a": 1}', Code.UNSUPPORTED_FORMAT),
        ("noext", b"a,b\n1,2\n", Code.UNSUPPORTED_FORMAT),
        ("dupes.csv", b"a,b,a\n1,2,3\n", Code.DUPLICATE_HEADER),
    ],
)
def test_bad_files_are_one_catalogue_finding(
    tmp_path: Path, name: str, content: bytes | None, code: Code
) -> None:
    path = tmp_path / name
    if content is None:
        Workbook().save(path)
    else:
        path.write_bytes(content)
    with pytest.raises(ScanError) as excinfo:
        read_table(path)
    assert [f.code for f in excinfo.value.findings] == [code]
    assert excinfo.value.findings[0].file == str(path)


def test_a_row_longer_than_the_header_names_its_row(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as excinfo:
        read_table(write(tmp_path, "t.csv", "a,b\n1,2\n\n3,4,5\n"), name="pilots.csv")
    (finding,) = excinfo.value.findings
    assert (finding.code, finding.row, finding.file) == (Code.ROW_LENGTH, 4, "pilots.csv")
