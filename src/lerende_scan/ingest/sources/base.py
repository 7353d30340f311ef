"""What every source shares: the input's content (a path or bytes), the opened source, the header layout.

A path stays a path all the way down, so pyarrow reads the file itself and row counting memory-maps it;
bytes (an upload, or a stream read to its end) go through the same readers as a buffer. Either way the
input is only ever opened for reading.
"""

from __future__ import annotations

import io
import mmap
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs

from lerende_scan.errors import Finding

__all__ = ["Column", "Content", "Source", "first_line", "layout"]

Column: TypeAlias = pa.ChunkedArray | pd.Series


@dataclass(frozen=True, eq=False)
class Content:
    """The bytes of one input: a file on disk (``path``) or held in memory (``buffer``), never both."""

    path: Path | None = None
    buffer: bytes | None = None

    def size(self) -> int:
        """Length in bytes; OSError when the file cannot be read."""
        if self.path is not None:
            return self.path.stat().st_size
        return len(self.buffer or b"")

    def head(self, size: int) -> bytes:
        """The first ``size`` bytes."""
        if self.path is not None:
            with self.path.open("rb") as fh:
                return fh.read(size)
        return (self.buffer or b"")[:size]

    @contextmanager
    def mapped(self) -> Iterator[bytes | mmap.mmap]:
        """The whole content as a buffer with ``find`` and slicing: a read-only memory map of a file
        (ValueError or OSError when it cannot be mapped, an empty file or a pipe), or the bytes themselves."""
        if self.path is None:
            yield self.buffer or b""
            return
        with self.path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            yield mapped

    def arrow(self) -> Path | pa.BufferReader:
        """What pyarrow reads: the path itself (its own fast file reader) or a fresh buffer reader.

        pyarrow needs a path it can encode as UTF-8; a file name with undecodable bytes (from another
        system's archive) is read into memory first.
        """
        if self.path is None:
            return pa.BufferReader(self.buffer or b"")
        try:
            str(self.path).encode("utf-8")
        except UnicodeEncodeError:
            return pa.BufferReader(self.path.read_bytes())
        return self.path

    def binary(self) -> Path | io.BytesIO:
        """What pandas, openpyxl and pyreadstat read: the path or a fresh in-memory stream."""
        return self.path if self.path is not None else io.BytesIO(self.buffer or b"")

    def text(self, encoding: str) -> IO[str]:
        """A text handle for Python's csv module (error paths only); undecodable bytes are replaced."""
        if self.path is not None:
            return self.path.open(encoding=encoding, newline="", errors="replace")
        return io.TextIOWrapper(
            io.BytesIO(self.buffer or b""), encoding=encoding, newline="", errors="replace"
        )


@dataclass
class Source:
    """A file opened far enough to know its headers.

    ``header_rows[0]`` is the real header; ``header_rows[1]``, when present, is an alternative one
    (Qualtrics' question-text row, SPSS variable labels). ``skip`` records precede the data, so data row
    ``i`` (0-based) is source row ``skip + 1 + i`` unless ``row_numbers(n)`` says otherwise.
    ``load(columns, text)`` returns those columns and the row count; ``text`` columns come back as text,
    others may come back typed (numbers), which the answer parser handles faster.
    """

    header_rows: list[list[str]]
    skip: int
    load: Callable[[list[int], set[int]], tuple[dict[int, Column], int]]
    value_labels: dict[int, Mapping[Any, str]] = field(default_factory=dict)
    # Source row numbers of the n data rows when they are not skip + 1 + i (blank lines in a CSV).
    row_numbers: Callable[[int], npt.NDArray[np.int64] | None] = lambda n: None
    # Warnings that reading the rows gave (rows shorter than the header), for the ingest's findings.
    notes: list[Finding] = field(default_factory=list)


# {"ImportId":"QID1"} since 2017; {'ImportId': 'QID1'} in the 2016 "Insights" exports.
_IMPORT_ID = re.compile(r"""\{\s*["']importid["']\s*:""", re.IGNORECASE)


def _qualtrics(records: Sequence[Sequence[str]]) -> bool:
    """Qualtrics exports put question texts in row 2 and an ImportId in every cell of row 3 (most, to
    allow for a hand-added column; a free-text answer that quotes one does not make a data row a header)."""
    if len(records) < 3:
        return False
    cells = [cell.strip() for cell in records[2] if cell.strip()]
    return 2 * sum(1 for cell in cells if _IMPORT_ID.match(cell)) > len(cells)


def _qualtrics_legacy(records: Sequence[Sequence[str]]) -> bool:
    """Legacy Qualtrics exports (before 2017) have two header rows and no ImportId row: export tags
    (``V1``..``V10``, ``Q1_1``) in row 1; ``ResponseID``, ``ResponseSet`` and question texts in row 2."""
    if len(records) < 2:
        return False
    second = {cell.strip().casefold() for cell in records[1]}
    return "responseid" in second and ("responseset" in second or records[0][0].strip() == "V1")


def layout(records: list[list[str]], layouts: bool = True) -> tuple[list[list[str]], int]:
    """Header rows and the number of records before the data; ``layouts=False`` takes row 1 as the
    header whatever follows (side tables are never Qualtrics exports)."""
    width = max((len(r) for r in records[:3]), default=0)
    padded = [list(r) + [""] * (width - len(r)) for r in records[:3]]
    if layouts and _qualtrics(padded):
        return [padded[0], padded[1]], 3
    if layouts and _qualtrics_legacy(padded):
        return [padded[0], padded[1]], 2
    return [padded[0]], 1


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, for a catalogue finding's ``reason``."""
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
