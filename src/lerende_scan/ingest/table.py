"""Side tables: a small file (leaders' needs, population counts, pilot lists) as a frame of text cells.

The same readers, format, encoding and delimiter detection, and the same catalogue errors as response
files, without a questionnaire: the header is row 1 (never Qualtrics' extra rows) and every cell is text,
so a feature reading a side table decides itself what a number is.
"""

from __future__ import annotations

import pandas as pd

from lerende_scan.ingest.answers import text_series
from lerende_scan.ingest.headers import check_duplicates
from lerende_scan.ingest.sources import Input, open_source, read_input

__all__ = ["read_table"]


def read_table(source: Input, *, name: str | None = None) -> pd.DataFrame:
    """Read a CSV/TSV/TXT, XLSX or SAV table: one column per header of row 1, each cell a trimmed str
    (NA for blank), index 0..n-1, and ``frame.attrs["rows"]`` the row numbers a spreadsheet shows (blank
    rows counted). A file with only a header gives an empty frame with those columns.

    ``source`` and ``name`` are as for :func:`lerende_scan.ingest.ingest`. Raises ScanError for an empty,
    undecodable or unsupported file, duplicate headers, and a row longer than the header (naming the
    row); short rows are padded with blanks, as spreadsheets leave out trailing empty cells.
    """
    content, file = read_input(source, name)
    opened = open_source(content, file, layouts=False)
    header = opened.header_rows[0]
    check_duplicates(header, file)
    columns = list(range(len(header)))
    data, n = opened.load(columns, set(columns))
    frame = pd.DataFrame(
        {i: text_series(data.pop(i), opened.value_labels.get(i)) for i in columns}, index=pd.RangeIndex(n)
    )
    frame.columns = pd.Index(header)
    numbers = opened.row_numbers(n)
    # Each row's number as a spreadsheet shows it (blank lines and rows counted), for messages.
    frame.attrs["rows"] = list(range(2, n + 2)) if numbers is None else [int(x) for x in numbers]
    return frame
