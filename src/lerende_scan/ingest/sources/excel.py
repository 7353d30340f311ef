"""XLSX and XLSM: the first sheet through openpyxl, cells keeping their types (numbers stay numbers)."""

from __future__ import annotations

import zipfile

import pandas as pd

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest.answers import cell_text
from lerende_scan.ingest.sources.base import Column, Content, Source, first_line, layout

__all__ = ["open_excel"]


def open_excel(content: Content, file: str, layouts: bool = True) -> Source:
    """The first sheet, read whole (workbooks are small next to CSV exports); later sheets are ignored."""
    try:
        frame = pd.read_excel(content.binary(), sheet_name=0, header=None, dtype=object, engine="openpyxl")
    except (OSError, MemoryError):
        raise
    except Exception as exc:
        # openpyxl and zipfile raise many types for damaged or non-Excel files (BadZipFile, KeyError,
        # InvalidFileException, ValueError...); all mean the same to the user.
        reason = "not a valid .xlsx workbook" if isinstance(exc, zipfile.BadZipFile) else first_line(exc)
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=reason) from None
    if frame.empty or frame.dropna(how="all").empty:
        raise ScanError.of(Code.EMPTY_FILE, file=file)
    records = [[cell_text(v) or "" for v in frame.iloc[i]] for i in range(min(3, len(frame)))]
    header_rows, skip = layout(records, layouts)

    def load(columns: list[int], text: set[int]) -> tuple[dict[int, Column], int]:
        body = frame.iloc[skip:].reset_index(drop=True)
        return {i: body[i] for i in columns}, len(body)

    return Source(header_rows, skip, load)
