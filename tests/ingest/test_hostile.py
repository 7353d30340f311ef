"""Inputs that once ended in an internal error or silently lost rows: now read, or one catalogue finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.ingest.samples import codes, run, write

from lerende_scan.errors import Code, ScanError

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
