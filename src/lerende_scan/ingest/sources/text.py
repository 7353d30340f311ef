"""CSV, TSV and TXT through pyarrow: only the wanted columns, answers as small integers or dictionaries.

Row numbers are record numbers as a spreadsheet shows them: the header is row 1, the first response row 2
(row 4 in a Qualtrics export with its two extra header rows). A blank line counts as a row, as a
spreadsheet shows it; a quoted value over several lines is one row.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import mmap
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from lerende_scan.errors import Code, Finding, ScanError
from lerende_scan.ingest.sources.base import Column, Content, Source, first_line, layout
from lerende_scan.ingest.sources.dialect import decode_failures, detect_encoding, mixed_utf8, sniff_delimiter

__all__ = ["open_text"]

_SAMPLE = 1 << 20
_COUNT_STEP = 1 << 22  # bytes per step when counting quotes: a cache-sized comparison, no copy
_HINT_ROWS = 50  # sample records that decide whether an answer column is read as small integers
_SMALL_INT = re.compile(r"-?\d{1,4}")
# Answer columns that are not plain numbers are read dictionary-encoded: 4 bytes per answer plus a handful
# of distinct values per block, which is what the answer parser works on anyway.
_DICTIONARY = pa.dictionary(pa.int32(), pa.string())


def open_text(content: Content, file: str, suffix: str, layouts: bool = True) -> Source:
    """Encoding, delimiter and header rows from the first megabyte (more when a record is longer)."""
    size = _SAMPLE
    while True:
        sample = content.head(size + 1)
        truncated = len(sample) > size
        sample = sample[:size]
        arrow_encoding, python_encoding = detect_encoding(sample, truncated, file)
        text = codecs.getincrementaldecoder(python_encoding)(errors="replace").decode(
            sample, final=not truncated
        )
        if not text.strip():
            if truncated:
                size *= 4
                continue
            raise ScanError.of(Code.BLANK_FILE, file=file, size=f"{content.size():,}")
        delimiter = sniff_delimiter(text, truncated, suffix)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        numbered: list[tuple[int, list[str]]] = []
        try:
            # Blank records are left out, but their place is kept: pyarrow counts them when it skips.
            numbered.extend(itertools.islice(((i, r) for i, r in enumerate(reader) if r), 3 + _HINT_ROWS))
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                header = numbered[0][1] if numbered else []
                raise _too_large(
                    content, file, python_encoding, delimiter, header, longest_row=False
                ) from None
            raise ScanError.of(Code.UNDECODABLE, file=file, reason=first_line(exc)) from None
        records = [r for _, r in numbered]
        # When the sample was cut, its last record may be incomplete: only trust the ones before it.
        if truncated and len(records) < 4:
            size *= 4
            continue
        break
    header_rows, skip = layout([[c.strip() for c in r] for r in records[:3]], layouts)
    # Blank lines before the header: pyarrow skips blank lines except there, where it would take them
    # for the header and read the real header as a respondent.
    start = text.removeprefix("\ufeff")
    blank_head = start[: len(start) - len(start.lstrip("\r\n"))].count("\n")
    # pyarrow's skip counts blank lines too: a record ending in "\r\r\n" (a file that went through a
    # Windows tool twice) is a record and a blank line to it. Skip exactly the header records.
    arrow_skip = numbered[skip - 1][0] - numbered[0][0] + 1 if skip <= len(numbered) else skip
    sample_rows = records[skip:-1] if truncated else records[skip:]
    small_ints = _small_int_columns(sample_rows, len(header_rows[0]))

    notes: list[Finding] = []

    def load(columns: list[int], text: set[int]) -> tuple[dict[int, Column], int]:
        types = {
            i: pa.string() if i in text else pa.int16() if i in small_ints else _DICTIONARY for i in columns
        }
        try:
            return _load_text(
                content,
                file,
                (arrow_encoding, python_encoding),
                delimiter,
                types,
                (skip, arrow_skip),
                blank_head,
                notes,
            )
        except _RowTooLong:
            raise _too_large(
                content, file, python_encoding, delimiter, header_rows[0], longest_row=True
            ) from None

    return Source(
        header_rows,
        skip,
        load,
        row_numbers=lambda n: _row_numbers(_byte_text(content, python_encoding), skip, n),
        notes=notes,
    )


_SPACES_LINE = re.compile(rb"[\r\n] +[\r\n]")
_SHORT_LINE = 32  # bytes: longer lines of spaces only are not looked for (no export writes them)


def _byte_text(content: Content, encoding: str) -> Content:
    """The content in an encoding whose newlines, quotes and separators are single ASCII bytes, for the
    byte-level counting below: itself, or a UTF-16 or UTF-32 file decoded into UTF-8 (in memory, only
    when a message needs a row number)."""
    if not codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        return content
    with content.mapped() as mapped:
        return Content(buffer=codecs.decode(bytes(mapped), encoding, errors="replace").encode("utf-8"))


def _row_numbers(content: Content, skip: int, n: int) -> npt.NDArray[np.int64] | None:
    """Source row numbers of the ``n`` data records when blank lines sit among them, else None.

    The CSV reader skips empty lines, so without this a blank line would shift every later row number
    in a message by one. Row numbers count lines as a spreadsheet shows them: blank lines count, a quoted
    value spanning lines does not. Vectorised over the bytes, and only when the file has a blank line.
    """
    with content.mapped() as mapped:
        head = mapped[:5].removeprefix(b"\xef\xbb\xbf")
        if (
            mapped.find(b"\n\n") < 0
            and mapped.find(b"\n\r") < 0
            and mapped.find(b"\r\r") < 0
            and head[:1] not in (b"\n", b"\r", b" ")
            and _SPACES_LINE.search(mapped) is None
        ):
            return None
        data = np.frombuffer(mapped, dtype=np.uint8)
        starts, stops = _lines(mapped, data)
        length = stops - starts
        blank = length == 0
        # A line of spaces (and a \r) is blank to the reader too; one of tabs in a TSV is a row of blanks.
        short = np.flatnonzero((length > 0) & (length <= _SHORT_LINE))
        if len(short):
            offsets = np.arange(_SHORT_LINE)
            chars = data[np.minimum(starts[short, None] + offsets, len(data) - 1)]
            spaces = (chars == 32) | (chars == 13) | (offsets >= length[short, None])
            blank[short] = spaces.all(axis=1)
        del data  # release the buffer before the mapping closes
    lines = np.flatnonzero(~blank)[skip : skip + n] + 1
    return lines.astype(np.int64) if len(lines) == n else None


def _lines(mapped: bytes | mmap.mmap, data: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.intp], ...]:
    """Start and stop offsets of the lines (records) of a mapped file, as a spreadsheet counts them: a
    lone "\r" ends a line (old Mac files), "x\r\r\n" is one line, a newline inside quotes ends none."""
    ends = data == 10
    if mapped.find(b"\r") >= 0:
        after = np.append(data[1:], 0)
        after2 = np.append(data[2:], (0, 0))
        ends |= (data == 13) & (after != 10) & ~((after == 13) & (after2 == 10))
    if mapped.find(b'"') >= 0:  # quotes pair up
        ends &= (np.cumsum(data == 34, dtype=np.uint8) & 1) == 0
    stops = np.flatnonzero(ends)
    if not ends[-1]:
        stops = np.append(stops, len(data))
    starts = np.concatenate(([0], stops[:-1] + 1))
    starts[0] = len(mapped[:3]) if mapped[:3] == b"\xef\xbb\xbf" else 0
    return starts, stops


def _separators(content: Content, encoding: str, delimiter: str) -> tuple[npt.NDArray[np.intp], ...] | None:
    """Line starts and stops (see :func:`_lines`) and the offsets of the separators outside quotes, read
    on the bytes (error paths only); None for a separator that is no single byte."""
    if len(delimiter.encode()) != 1:
        return None
    with _byte_text(content, encoding).mapped() as mapped:
        data = np.frombuffer(mapped, dtype=np.uint8)
        starts, stops = _lines(mapped, data)
        seps = np.flatnonzero(data == ord(delimiter))
        if len(seps) and mapped.find(b'"') >= 0:  # a separator inside quotes ends no field
            seps = seps[(np.cumsum(data == 34, dtype=np.uint8)[seps] & 1) == 0]
        del data  # release the buffer before the mapping closes
    return starts, stops, seps


def _too_large(
    content: Content, file: str, encoding: str, delimiter: str, header: list[str], *, longest_row: bool
) -> ScanError:
    """R049 at the row and column of the value that is too large to read (error path only).

    The csv module, which reads the first megabyte, refuses a value over its field limit (128 kB); pyarrow
    a record longer than its block (1 MB). Found on the bytes, vectorised: the first field over the field
    limit, or the longest line; its longest field gives the column.
    """
    if longest_row:
        what, limit = "a row", f"1 MB ({pacsv.ReadOptions().block_size:,} bytes)"
    else:
        what, limit = "a value", f"{csv.field_size_limit():,} characters"
    row: int | None = None
    column: str | None = None
    found = _separators(content, encoding, delimiter)
    if found is not None:
        starts, stops, seps = found
        bounds = np.union1d(seps, stops)  # every field ends at a separator or at the end of its line
        fields = np.diff(bounds, prepend=-1) - 1
        if longest_row:
            line = int(np.argmax(stops - starts))
        else:
            over = np.flatnonzero(fields > csv.field_size_limit())
            line = int(np.searchsorted(stops, bounds[over[0]])) if len(over) else -1
        if line >= 0:
            first, last = np.searchsorted(bounds, (starts[line], stops[line]))
            index = int(np.argmax(fields[first : last + 1]))
            row = line + 1
            column = header[index] if index < len(header) else f"{index + 1}"
    return ScanError.of(Code.CELL_TOO_LARGE, file=file, row=row, column=column, what=what, limit=limit)


def _small_int_columns(records: list[list[str]], width: int) -> set[int]:
    """Columns whose sampled values are all plain small integers or blank (at least one integer).

    pyarrow reads these as int16: two bytes per answer instead of a string, and no parsing of text. A
    later value that does not fit ("Weet niet" on row 90 000) makes pyarrow fail, and the file is read
    again with those columns dictionary-encoded.
    """
    out: set[int] = set()
    for i in range(width):
        cells = [r[i] for r in records if i < len(r) and r[i] != ""]
        if cells and all(_SMALL_INT.fullmatch(c) for c in cells):
            out.add(i)
    return out


def _load_text(
    content: Content,
    file: str,
    encoding: tuple[str, str],
    delimiter: str,
    types: dict[int, Any],
    skip: tuple[int, int],
    blank_head: int = 0,
    notes: list[Finding] | None = None,
) -> tuple[dict[int, Column], int]:
    """Read the wanted columns with pyarrow; fall back to pandas for Excel's short rows (R043 in ``notes``).

    ``types`` gives each wanted column's arrow type: int16 for answer columns that looked like small
    integers in the sample, dictionary-encoded text for the other answer columns, string for the rest.
    When a later block contradicts int16 ("Weet niet" below a page of numbers) the file is read again
    with those columns dictionary-encoded. Only empty cells are null, so "NA" or
    "N/A" reach the answer parser like any other text. ``skip`` is the number of header records before
    the data: as records, and as the lines pyarrow counts (blank lines among the header records too).

    The encoding was decided on the first megabyte. When a file taken for UTF-8 turns out not to be
    UTF-8 further on (wherever pyarrow or pandas notices), it is read again as :func:`.mixed_utf8`.
    """
    try:
        return _read_text(content, file, encoding, delimiter, types, skip, blank_head, notes)
    except _NotUtf8 as exc:
        if encoding[0] != "utf8":
            raise ScanError.of(Code.UNDECODABLE, file=file, reason=exc.reason) from None
    pa.default_memory_pool().release_unused()  # the blocks read so far
    mixed = mixed_utf8(content, encoding[1])
    try:
        return _read_text(mixed, file, ("utf8", "utf-8"), delimiter, types, skip, blank_head, notes)
    except _NotUtf8 as exc:  # cannot happen: the mixed content is valid UTF-8
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=exc.reason) from None


class _RowTooLong(Exception):
    """A record longer than pyarrow's block (1 MB): ``open_text``, which knows the header, names it."""


class _NotUtf8(Exception):
    """A file read as UTF-8 holds bytes that are not: read it again (once) as mixed UTF-8 and cp1252."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _read_text(
    content: Content,
    file: str,
    encoding: tuple[str, str],
    delimiter: str,
    types: dict[int, Any],
    skip: tuple[int, int],
    blank_head: int,
    notes: list[Finding] | None,
) -> tuple[dict[int, Column], int]:
    """:func:`_load_text` in one encoding; raises _NotUtf8 when UTF-8 decoding fails anywhere."""
    columns = sorted(types)
    arrow_encoding, python_encoding = encoding
    records_before, lines_before = skip
    invalid: list[tuple[int, int]] = []

    def on_invalid(row: Any) -> str:
        invalid.append((int(row.expected_columns), int(row.actual_columns)))
        return "skip"

    names = [f"f{i}" for i in columns]
    quotes = _quote_count(content)
    failures: list[UnicodeDecodeError] = []
    try:
        with decode_failures(failures):  # pyarrow decodes a rejected row's text before on_invalid
            table = pacsv.read_csv(
                content.arrow(),
                read_options=pacsv.ReadOptions(
                    # In the calling thread: pyarrow's threads call back into Python (the bad-row handler,
                    # the decoder of other encodings) and could abort (std::terminate) or hang the process
                    # on its way out of an input error, in 1 of 15 to 60 runs; they saved no time either
                    # (1M rows: 0.91-1.12 s threaded, 1.09 s not).
                    use_threads=False,
                    encoding=arrow_encoding,
                    autogenerate_column_names=True,
                    skip_rows=blank_head,
                    skip_rows_after_names=lines_before,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter, newlines_in_values=quotes != 0, invalid_row_handler=on_invalid
                ),
                convert_options=pacsv.ConvertOptions(
                    include_columns=names,
                    include_missing_columns=True,
                    column_types={f"f{i}": kind for i, kind in types.items()},
                    null_values=[""],
                    strings_can_be_null=False,
                ),
            )
    except (pa.ArrowInvalid, UnicodeDecodeError, LookupError) as exc:
        message = str(exc)
        if failures or (arrow_encoding == "utf8" and "utf" in message.lower()):
            raise _NotUtf8(first_line(failures[0] if failures else exc)) from None
        if "straddling object straddles two block boundaries" in message:
            raise _RowTooLong from None
        if (
            "conversion error" in message
            and "UTF8" not in message
            and any(pa.types.is_integer(t) for t in types.values())
        ):
            as_text = {i: _DICTIONARY if pa.types.is_integer(t) else t for i, t in types.items()}
            pa.default_memory_pool().release_unused()  # the blocks read so far
            return _read_text(content, file, encoding, delimiter, as_text, skip, blank_head, notes)
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=first_line(exc)) from None
    if failures:
        raise _NotUtf8(first_line(failures[0]))
    if quotes % 2:
        _check_quotes_close(content, file, python_encoding, delimiter)
    if any(actual > expected for expected, actual in invalid):
        expected, actual = next((e, a) for e, a in invalid if a > e)
        row = _find_row(content, python_encoding, delimiter, lambda width: width > expected)
        raise ScanError.of(
            Code.ROW_LENGTH, file=file, row=row, got=actual, expected=expected, count=len(invalid)
        )
    if invalid:
        # Excel leaves out trailing empty fields on some rows; pandas' parser pads them. Say so: a row
        # written with another separator is short too, and its values would land in the wrong columns.
        if notes is not None:
            expected, actual = invalid[0]
            row = _find_row(content, python_encoding, delimiter, lambda width: 0 < width < expected)
            notes[:] = [
                Finding(
                    Code.ROWS_SHORT,
                    file=file,
                    row=row,
                    params={"got": actual, "expected": expected, "count": len(invalid)},
                )
            ]
        try:
            frame = pd.read_csv(
                content.binary(),
                sep=delimiter,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                encoding=python_encoding,
                usecols=columns,
                engine="c",
            )
        except pd.errors.ParserError as exc:
            raise _parser_error(exc, file) from None
        except UnicodeDecodeError as exc:
            if arrow_encoding == "utf8":
                raise _NotUtf8(first_line(exc)) from None
            raise ScanError.of(Code.UNDECODABLE, file=file, reason=first_line(exc)) from None
        frame = frame.iloc[records_before:].reset_index(drop=True)
        got = {int(c): frame[c] for c in frame.columns}
        return {i: got.get(i, pd.Series([""] * len(frame), dtype=str)) for i in columns}, len(frame)
    return {i: table.column(f"f{i}") for i in columns}, table.num_rows


def _quote_count(content: Content) -> int:
    """How many double quotes the file holds (1 when it cannot be mapped: assume some, an odd number).

    Without one no value can hold a newline, and pyarrow parses faster (in parallel blocks) when it need
    not look for them. An odd number may mean a quoted value that is never closed (see
    :func:`_check_quotes_close`). A memory-mapped scan takes ~20 ms per 100 MB.
    """
    try:
        with content.mapped() as mapped:
            if mapped.find(b'"') < 0:
                return 0
            data = np.frombuffer(mapped, dtype=np.uint8)
            count = sum(
                int(np.count_nonzero(data[i : i + _COUNT_STEP] == 34))
                for i in range(0, len(data), _COUNT_STEP)
            )
            del data  # release the buffer before the mapping closes
            return count
    except (ValueError, OSError):  # empty or unmappable (a pipe)
        return 1


def _check_quotes_close(content: Content, file: str, encoding: str, delimiter: str) -> None:
    """Refuse a file in which a quoted value is never closed: pyarrow reads the rest of the file into it
    and then drops that record without a word. An odd number of quotes hints at one, but a quote inside
    an unquoted value (``5" screen``) is literal and makes the count odd too, so pandas' parser, which
    stops at an unclosed value and names its row, decides (rare: error path only)."""
    try:
        pd.read_csv(
            content.binary(),
            sep=delimiter,
            header=None,
            usecols=[0],
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=encoding,
            engine="c",
            on_bad_lines="skip",
        )
    except pd.errors.ParserError as exc:
        raise _parser_error(exc, file) from None
    except (UnicodeDecodeError, ValueError):  # pyarrow read the file; its reading stands
        return


def _parser_error(exc: pd.errors.ParserError, file: str) -> ScanError:
    """pandas' parser error as a catalogue finding: an unclosed quote names the row where the value starts
    (pandas counts lines from 0, blank ones included, as a spreadsheet does from 1)."""
    match = re.search(r"EOF inside string starting at row (\d+)", str(exc))
    if match:
        return ScanError.of(Code.UNCLOSED_QUOTE, file=file, row=int(match.group(1)) + 1)
    return ScanError.of(Code.UNDECODABLE, file=file, reason=first_line(exc))


def _find_row(content: Content, encoding: str, delimiter: str, odd: Callable[[int], bool]) -> int | None:
    """Row number of the first record whose width is ``odd``, blank lines counted (error path only).

    A record ending in "\r\r\n" is one row, as the reader and :func:`_row_numbers` count it; the csv
    module would also count the lone "\r" as a blank line."""
    with content.text(encoding) as fh:
        try:
            for number, record in enumerate(
                csv.reader(_one_row_per_crcrlf(fh), delimiter=delimiter), start=1
            ):
                if odd(len(record)):
                    return number
        except csv.Error:  # a value over the csv module's field limit: count the fields on the bytes
            pass
        else:
            return None
    found = _separators(content, encoding, delimiter)
    if found is None:
        return None
    starts, stops, seps = found
    widths = np.searchsorted(seps, stops) - np.searchsorted(seps, starts) + 1
    widths[stops == starts] = 0  # a blank line
    return next((number for number, width in enumerate(widths.tolist(), start=1) if odd(width)), None)


def _one_row_per_crcrlf(lines: Iterable[str]) -> Iterator[str]:
    """Lines of a text handle opened with newline="", with "x\r" + "\r\n" joined into "x\r\n"."""
    pending: str | None = None
    for line in lines:
        if pending is not None:
            if line.startswith("\r\n"):
                line = pending[:-1] + line
            else:
                yield pending
            pending = None
        if line.endswith("\r") and not line.endswith("\r\n"):
            pending = line
            continue
        yield line
    if pending is not None:
        yield pending
