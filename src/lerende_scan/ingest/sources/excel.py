"""XLSX and XLSM: the first sheet through openpyxl, cells keeping their types (numbers stay numbers)."""

from __future__ import annotations

import functools
import math
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import openpyxl
import pandas as pd
from openpyxl.cell.cell import TYPE_BOOL, TYPE_ERROR, TYPE_NUMERIC
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.worksheet._reader import WorkSheetParser
from pandas.io.parsers import TextParser  # type: ignore[attr-defined]  # read_excel's parser, not in the stubs

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest.answers import Boolean, cell_text
from lerende_scan.ingest.sources.base import Column, Content, Source, first_line, layout

__all__ = ["open_excel"]


EXCEL_ROWS = 1_048_576
"""The rows of an Excel sheet; a workbook that claims more was not written by Excel."""
MAX_UNPACKED = 256 << 20
"""Bytes the XML parts of a workbook may unpack to: a sheet of 100,000 respondents × 40 answers is about
120 MB; openpyxl reads about 5 MB of it per second."""
MAX_CELLS = 20_000_000
"""Cells (non-blank rows × columns up to the last value) a workbook's first sheet may hold: 100,000
respondents × 200 columns. One stray value at XFD1048576 in an 11 kB file made pandas pad 17 billion."""


def open_excel(content: Content, file: str, layouts: bool = True) -> Source:
    """The first sheet, read whole (workbooks are small next to CSV exports); later sheets are ignored."""
    try:
        frame, numbers = _first_sheet(content, file)
    except (OSError, MemoryError, ScanError):
        raise
    except Exception as exc:
        # openpyxl and zipfile raise many types for damaged or non-Excel files (BadZipFile, KeyError,
        # InvalidFileException, ValueError...); all mean the same to the user.
        if isinstance(exc, zipfile.BadZipFile):
            reason = "not a valid .xlsx workbook"
        elif isinstance(exc, AttributeError | TypeError | KeyError | IndexError | ValueError | OverflowError):
            # openpyxl's own surprise: "'list' object has no attribute 'find'", "invalid literal for int()"
            reason = "parts of it are not as Excel writes them; the file may be damaged or made by hand"
        else:
            reason = first_line(exc)
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=reason) from None
    records = [[cell_text(v) or "" for v in frame.iloc[i]] for i in range(min(3, len(frame)))]
    header_rows, skip = layout(records, layouts)

    def load(columns: list[int], text: set[int]) -> tuple[dict[int, Column], int]:
        body = frame.iloc[skip:].reset_index(drop=True)
        return {i: body[i] for i in columns}, len(body)

    def row_numbers(n: int) -> npt.NDArray[np.int64] | None:
        rows = numbers[skip : skip + n]
        return None if len(rows) and rows[-1] == skip + n else rows  # None: no blank row in between

    return Source(header_rows, skip, load, row_numbers=row_numbers)


def _first_sheet(content: Content, file: str) -> tuple[pd.DataFrame, npt.NDArray[np.int64]]:
    """The first sheet's non-blank rows, with their cells and parser as ``pandas.read_excel(header=None,
    dtype=object)`` has them, and each row's number in the sheet (for messages).

    Blank rows are left out, as blank lines in a CSV are: an empty row between respondents is no
    respondent. As pandas does, the stored dimension is not trusted (it may be wrong, or span the whole
    sheet) and trailing empty cells are dropped. A sheet whose rows × columns exceed :data:`MAX_CELLS` is
    refused before it is padded out (R044), and one without a value (or with error cells only) with R048,
    naming the sheet. openpyxl hands over the rows one by one, so this loop is the one pandas' own reader
    runs (as fast: 0.07 s for the 243-row example).
    """
    _check_unpacked_size(content, file)
    with warnings.catch_warnings():  # openpyxl warns on stderr about odd cells (a date in year 10^17)
        warnings.simplefilter("ignore", UserWarning)
        return _read_rows(content, file)


def _check_unpacked_size(content: Content, file: str) -> None:
    """Refuse a workbook that unpacks to more than :data:`MAX_UNPACKED` (R045) before openpyxl parses it:
    a 1 MB file held a sheet of 1 GB of blank cells or whitespace, or a gigabyte of shared strings, which
    openpyxl parses whole (6 GB of memory, minutes) before the first row. The sizes are the zip's own
    (a part cannot unpack to more than it declares)."""
    with zipfile.ZipFile(content.binary()) as book:
        parts = [i for i in book.infolist() if i.filename.startswith("xl/") and i.filename.endswith(".xml")]
    unpacked = sum(i.file_size for i in parts)
    if unpacked > MAX_UNPACKED:
        raise ScanError.of(Code.WORKBOOK_TOO_LARGE, file=file, size=unpacked >> 20, limit=MAX_UNPACKED >> 20)


class _RowsOutOfOrder(Exception):
    def __init__(self, number: int, previous: int) -> None:
        super().__init__(number, previous)
        self.number, self.previous = number, previous


def _rows_in_order(
    sheet: Any,
    min_col: int,
    min_row: int,
    max_col: int | None,
    max_row: int | None,
    values_only: bool = False,
) -> Iterator[tuple[Any, ...]]:
    """openpyxl's ``ReadOnlyWorksheet._cells_by_row`` (3.1), but raising where it drops a row in silence.

    A row numbered at or before the one read last (``<row r="3">`` after ``r="5"``, or ``r="2"`` twice, as
    some export tools write) is skipped by openpyxl's read-only reader without a word: respondents lost.
    Blank rows are not filled in after the last stored row (the caller drops blank rows anyway).
    """
    max_col = max_col or sheet.max_column
    empty_row = (EMPTY_CELL,) * (max_col + 1 - min_col) if max_col is not None else ()
    counter = previous = min_row - 1
    with sheet._get_source() as src:
        parser = WorkSheetParser(
            src,
            sheet._shared_strings,
            data_only=sheet.parent.data_only,
            epoch=sheet.parent.epoch,
            date_formats=sheet.parent._date_formats,
            timedelta_formats=sheet.parent._timedelta_formats,
        )
        for number, row in parser.parse():
            if number <= previous:
                raise _RowsOutOfOrder(number, previous)
            previous = number
            if max_row is not None and number > max_row:
                break
            for _ in range(counter + 1, number):
                yield empty_row
            counter = number
            yield sheet._get_row(row, min_col, max_col, values_only)


def _read_rows(content: Content, file: str) -> tuple[pd.DataFrame, npt.NDArray[np.int64]]:
    book = openpyxl.load_workbook(content.binary(), read_only=True, data_only=True, keep_links=False)
    try:
        sheet = book.worksheets[0]
        title = str(sheet.title)
        sheet.reset_dimensions()
        sheet._cells_by_row = functools.partial(_rows_in_order, sheet)
        data: list[list[Any]] = []
        numbers: list[int] = []
        width = 0
        # Rows beyond Excel's last (1,048,576) are not read: openpyxl fills the rows up to a row number
        # with blank ones, and a row numbered 2,000,000,000 kept it busy for hours.
        for number, row in enumerate(sheet.iter_rows(max_row=EXCEL_ROWS), start=1):
            values = [_cell(c) for c in row]
            while values and values[-1] == "":
                values.pop()
            if not values:
                continue
            width = max(width, len(values))
            if (len(data) + 1) * width > MAX_CELLS:
                raise ScanError.of(
                    Code.SHEET_TOO_LARGE, file=file, rows=number, columns=width, limit=f"{MAX_CELLS:,}"
                )
            data.append(values)
            numbers.append(number)
    except _RowsOutOfOrder as exc:
        raise ScanError.of(
            Code.SHEET_ROWS_OUT_OF_ORDER, file=file, number=exc.number, previous=exc.previous
        ) from None
    finally:
        book.close()
    if data:
        for values in data:
            values.extend([""] * (width - len(values)))
        frame: pd.DataFrame = TextParser(data, header=None, dtype=object, skip_blank_lines=False).read()
    if not data or frame.dropna(how="all").empty:  # no cells, or only error cells (#N/A)
        raise ScanError.of(Code.EMPTY_SHEET, file=file, sheet=title)
    return frame, np.array(numbers, dtype=np.int64)


def _cell(cell: Any) -> Any:
    """A cell's value as pandas' openpyxl reader converts it: blank "", an error NaN, whole numbers int;
    but TRUE and FALSE as :class:`Boolean`, so they never merge with the answers 1 and 0."""
    if cell.value is None:
        return ""
    if cell.data_type == TYPE_ERROR:
        return np.nan
    if cell.data_type == TYPE_BOOL:
        return Boolean(bool(cell.value))
    if cell.data_type == TYPE_NUMERIC:
        if not isinstance(cell.value, int | float) or not math.isfinite(cell.value):
            return cell.value  # 1e999 or a text in a number cell: the answer parser says what it is
        whole = int(cell.value)
        return whole if whole == cell.value else float(cell.value)
    return cell.value
