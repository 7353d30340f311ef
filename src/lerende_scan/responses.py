"""Ingestion of survey exports (CSV/TSV/TXT, XLSX, SPSS .sav) into a typed :class:`ResponseSet`.

Consultants get exports from LimeSurvey, MS Forms, Google Forms, Qualtrics and Excel: ``;`` or ``,`` or tab
separated, UTF-8 with or without BOM or cp1252, code headers or full question texts, answers as numbers
or label text, and stray columns with names and e-mail addresses. :func:`ingest` reads all of these, keeps
only what the questionnaire declares (items, company, groups, respondent id) and reports every problem as a
catalogue :class:`~lerende_scan.errors.Finding`; fatal ones are raised together as one ScanError.

It is built for a million respondents: CSV is read by pyarrow, only the needed columns, answer columns as
small integers or dictionary-encoded text; answers are parsed per distinct value
(:mod:`lerende_scan.answers`), never per respondent, straight into an int8 code matrix
(:attr:`ResponseSet.codes`): 30 MB for a million respondents × 30 items.

Decisions worth knowing:

- Row numbers are record numbers as a spreadsheet shows them: the header is row 1, the first response
  row 2 (row 4 in a Qualtrics export with its two extra header rows). A blank line in a CSV counts as a
  row, as a spreadsheet shows it; a quoted value over several lines is one row.
- A blank company cell gets the file-level company name (``company=`` or the file stem) and a
  ``COMPANY_BLANK`` warning, so no response disappears without a count.
- The input file is only ever opened for reading.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import itertools
import math
import mmap
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]

from lerende_scan.answers import AnswerParser, ParsedCodes, factorize, normalise_text, parse_codes
from lerende_scan.errors import Code, Finding, ScanError, did_you_mean
from lerende_scan.questionnaire import Item, Questionnaire, Scale, localise

__all__ = ["IngestResult", "ResponseSet", "ingest"]

Column: TypeAlias = pa.ChunkedArray | pd.Series

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
SPSS_SUFFIXES = frozenset({".sav", ".zsav"})
DELIMITERS = (",", ";", "\t", "|")
# Headers taken as the respondent id when the questionnaire declares none (compared normalised).
ID_HEADERS = (
    "respondent_id",
    "respondent id",
    "responseid",
    "response id",
    "id",
    "respondent",
    "respondentnummer",
)
COMPANY_HEADER = "company"
_SAMPLE = 1 << 20
_HINT_ROWS = 50  # sample records that decide whether an answer column is read as small integers
_SMALL_INT = re.compile(r"-?\d{1,4}")
# Answer columns that are not plain numbers are read dictionary-encoded: 4 bytes per answer plus a handful
# of distinct values per block, which is what the answer parser works on anyway.
_DICTIONARY = pa.dictionary(pa.int32(), pa.string())
_MAGIC = {
    b"PK\x03\x04": "it is a zip archive or an Excel workbook; save it as .xlsx",
    b"\x89PNG": "it is a PNG image",
    b"%PDF": "it is a PDF document",
    b"\xff\xd8\xff": "it is a JPEG image",
    b"GIF8": "it is a GIF image",
    b"\xd0\xcf\x11\xe0": "it is an old Excel .xls or Word file; save it as .xlsx or CSV",
}


@dataclass(frozen=True, init=False, eq=False)
class ResponseSet:
    """Responses restricted to what the questionnaire declares. All frames share a 0..n-1 index.

    - ``answers``: one float64 column per item id, in questionnaire order; raw answers (not reversed),
      within the scale; NaN is missing (blank, missing code, out of range).
    - ``company``: company name per row (str).
    - ``groups``: one column per declared group column that is present (str, missing as NA).
    - ``respondent_id``: declared or detected id column, else None.
    - ``rows``: 1-based row number in the source file (header = row 1), for messages.
    - ``rejected``: bool frame shaped like ``answers``: True where a non-blank answer was made missing
      because it was out of range or not understood (counted per company in the data-quality report).
    - ``columns``: item id -> the source header it was read from (for messages and the data-quality report).

    The same answers in compact form, which is what scoring reads:

    - ``codes``: int8 rows × items (questionnaire order, column-major): ``answer - scale.min``, -1 missing.
    - ``rejected_rows``: item id -> ascending row positions that ``rejected`` marks (items with any only).

    :func:`ingest` builds a set from codes (:meth:`from_codes`): at a million respondents × 30 items the
    codes take 30 MB where the float64 ``answers`` take 240 MB, so ``answers`` and ``rejected`` are only
    built when first read. Constructed from frames (tests, other sources), it is the other way round:
    ``codes`` are derived when first read, and raise ValueError unless every answer is a whole scale value.
    """

    questionnaire: Questionnaire
    source: str
    company: pd.Series
    groups: pd.DataFrame
    respondent_id: pd.Series | None
    rows: np.ndarray
    columns: dict[str, str]

    def __init__(
        self,
        questionnaire: Questionnaire,
        source: str,
        answers: pd.DataFrame,
        company: pd.Series,
        groups: pd.DataFrame,
        respondent_id: pd.Series | None,
        rows: np.ndarray,
        rejected: pd.DataFrame,
        columns: dict[str, str] | None = None,
    ) -> None:
        self._fill(questionnaire, source, company, groups, respondent_id, rows, columns or {})
        self.__dict__["answers"] = answers  # the cached_property's slot: see the class docstring
        self.__dict__["rejected"] = rejected

    @classmethod
    def from_codes(
        cls,
        questionnaire: Questionnaire,
        source: str,
        codes: npt.NDArray[np.int8],
        company: pd.Series,
        groups: pd.DataFrame,
        respondent_id: pd.Series | None,
        rows: np.ndarray,
        rejected_rows: dict[str, npt.NDArray[np.intp]],
        columns: dict[str, str],
    ) -> ResponseSet:
        """A set from answer codes (see the class docstring); ``answers`` and ``rejected`` follow lazily."""
        if codes.shape != (len(rows), len(questionnaire.items)):
            raise ValueError(f"codes of shape {codes.shape} for {len(rows)} rows")
        self = cls.__new__(cls)
        self._fill(questionnaire, source, company, groups, respondent_id, rows, columns)
        self.__dict__["codes"] = codes
        self.__dict__["rejected_rows"] = rejected_rows
        return self

    def _fill(self, *values: Any) -> None:
        names = ("questionnaire", "source", "company", "groups", "respondent_id", "rows", "columns")
        for name, value in zip(names, values, strict=True):
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.questionnaire.items]

    @cached_property
    def answers(self) -> pd.DataFrame:
        codes = self.codes
        values = np.empty(codes.shape, order="F")
        np.add(codes, self.questionnaire.scale.min, out=values, casting="unsafe")
        values[codes < 0] = np.nan
        return pd.DataFrame(values, columns=self.item_ids, index=pd.RangeIndex(len(codes)), copy=False)

    @cached_property
    def rejected(self) -> pd.DataFrame:
        mask = np.zeros(self.codes.shape, dtype=bool, order="F")
        for j, item_id in enumerate(self.item_ids):
            if item_id in self.rejected_rows:
                mask[self.rejected_rows[item_id], j] = True
        return pd.DataFrame(mask, columns=self.item_ids, index=pd.RangeIndex(len(mask)), copy=False)

    @cached_property
    def codes(self) -> npt.NDArray[np.int8]:
        frame = self.answers
        ids = self.item_ids
        if list(frame.columns) != ids:
            frame = frame[ids]
        return _answer_codes(
            np.asarray(frame.to_numpy(dtype=np.float64, na_value=np.nan)), self.questionnaire.scale
        )

    @cached_property
    def rejected_rows(self) -> dict[str, npt.NDArray[np.intp]]:
        frame = self.rejected
        out: dict[str, npt.NDArray[np.intp]] = {}
        for item_id in self.item_ids:
            if item_id in frame.columns:
                rows = np.flatnonzero(frame[item_id].to_numpy(dtype=bool))
                if len(rows):
                    out[item_id] = rows
        return out


def _answer_codes(values: npt.NDArray[np.float64], scale: Scale) -> npt.NDArray[np.int8]:
    """float64 answers (NaN missing) as column-major int8 codes, converted in row blocks so the only
    full-size allocation is the result. Raises ValueError unless every answer is a whole scale value."""
    n, k = values.shape
    codes = np.empty((n, k), dtype=np.int8, order="F")
    step = 1 << 16
    for lo in range(0, n, step):
        hi = min(lo + step, n)
        block = values[lo:hi] - scale.min
        missing = np.isnan(block)
        with np.errstate(invalid="ignore"):
            bad = ~missing & ((block < 0) | (block >= scale.points) | (block != np.rint(block)))
        if bad.any():
            raise ValueError(f"answers in rows {lo}..{hi - 1} are not whole values within the scale")
        block[missing] = -1.0
        codes[lo:hi] = block
    return codes


@dataclass(frozen=True)
class IngestResult:
    responses: ResponseSet
    findings: list[Finding] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------------------


def ingest(
    path: Path,
    questionnaire: Questionnaire,
    *,
    company: str | None = None,
    company_column: str | None = None,
    strict: bool = False,
) -> IngestResult:
    """Read a CSV/XLSX/SAV export and map it onto ``questionnaire``; raise ScanError on fatal problems.

    ``company_column`` names the column holding company names (it must exist); without it a ``company``
    column is used when present, else every row belongs to ``company`` or, failing that, the file stem.
    ``strict`` turns answers outside the scale from warnings into errors.
    """
    path = Path(path)
    file = str(path)
    source = _open(path, file)
    headers = source.header_rows
    findings: list[Finding] = []

    _check_duplicates(headers[0], file)
    items, errors = _match_items(questionnaire, headers, file)

    used = set(items.values())
    company_idx: int | None = None
    if company_column is not None:
        company_idx = _find_column(company_column, headers)
        if company_idx is None:
            errors.append(_column_missing(Code.COMPANY_COLUMN_MISSING, file, company_column, headers))
    else:
        company_idx = _find_column(COMPANY_HEADER, headers, exclude=used)
    if errors:
        raise ScanError(errors)
    if company_idx is not None:
        used.add(company_idx)

    group_idx: dict[str, int] = {}
    for name in questionnaire.groups:
        idx = _find_column(name, headers, exclude=used)
        if idx is None:
            findings.append(_column_missing(Code.GROUP_COLUMN_MISSING, file, name, headers))
        else:
            group_idx[name] = idx
            used.add(idx)

    id_idx: int | None = None
    if questionnaire.respondent_id:
        id_idx = _find_column(questionnaire.respondent_id, headers, exclude=used)
        if id_idx is None:
            findings.append(
                _column_missing(Code.RESPONDENT_ID_MISSING, file, questionnaire.respondent_id, headers)
            )
    else:
        id_idx = next(
            (i for h in ID_HEADERS if (i := _find_column(h, headers, exclude=used)) is not None), None
        )

    wanted = sorted(
        {*items.values(), *group_idx.values(), *(i for i in (company_idx, id_idx) if i is not None)}
    )
    data, n = source.load(wanted, set(wanted) - set(items.values()))
    if n == 0:
        raise ScanError.of(Code.HEADER_ONLY, file=file)
    counted = np.arange(source.skip + 1, source.skip + 1 + n, dtype=np.int64)
    exact: list[npt.NDArray[np.int64]] = []

    def source_rows() -> npt.NDArray[np.int64]:
        """Row numbers as a spreadsheet shows them. Blank lines in a CSV make them differ from ``counted``;
        finding that out costs a pass over the file, so it is done only when a message names a row."""
        if not exact:
            numbers = source.row_numbers(n)
            exact.append(counted if numbers is None else numbers)
        return exact[0]

    # Answers: parse each item column on its distinct values, straight into one column-major int8 code
    # matrix; each arrow column is released once parsed.
    parser = AnswerParser(questionnaire.scale)
    item_ids = [item.id for item in questionnaire.items]
    codes = np.empty((n, len(item_ids)), dtype=np.int8, order="F")
    range_problems: list[Finding] = []
    code = Code.OUT_OF_RANGE_STRICT if strict else Code.OUT_OF_RANGE

    def parse(j: int) -> ParsedCodes:
        idx = items[item_ids[j]]
        return parse_codes(data.pop(idx), parser, source.value_labels.get(idx), out=codes[:, j])

    # Columns are independent and write to disjoint columns; arrow and numpy release the GIL for most of
    # the work, so a second thread overlaps one column's Python bookkeeping with another's copying.
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        parsed_columns = list(pool.map(parse, range(len(item_ids))))
    # The answer columns (~120 MB at a million rows × 30 items) are gone: hand their pages back to the OS
    # now, or arrow's allocator keeps them while the text columns and scoring allocate their own.
    pa.default_memory_pool().release_unused()
    rejected_rows: dict[str, npt.NDArray[np.intp]] = {}
    for item_id, parsed in zip(item_ids, parsed_columns, strict=True):
        idx = items[item_id]
        if parsed.first_rejected is not None:
            rejected_rows[item_id] = parsed.rejected_rows
            header = headers[0][idx] or _alt(headers, idx)
            row = int(source_rows()[parsed.first_rejected])
            range_problems.append(
                Finding(
                    code,
                    file=file,
                    row=row,
                    column=header,
                    params={
                        "column": header,
                        "count": parsed.rejected_count,
                        "min": questionnaire.scale.min,
                        "max": questionnaire.scale.max,
                        "row": row,
                        "answer": f": {_quote(parsed.first_rejected_value)}",
                        "item": item_id,  # not in the message; lets scoring count per company
                    },
                )
            )
    if strict and range_problems:
        raise ScanError(range_problems)
    findings.extend(range_problems)

    default_company = company or path.stem
    if company_idx is None:
        companies = pd.Series(np.full(n, default_company, dtype=object), dtype="str")
    else:
        companies = _text_series(data[company_idx], source.value_labels.get(company_idx))
        blank = companies.isna().to_numpy()
        if blank.any():
            first = int(source_rows()[int(np.argmax(blank))])
            findings.append(
                Finding(
                    Code.COMPANY_BLANK,
                    file=file,
                    row=first,
                    column=headers[0][company_idx],
                    params={"count": int(blank.sum()), "row": first, "default": default_company},
                )
            )
            companies = companies.fillna(default_company)

    groups = pd.DataFrame(
        {name: _text_series(data[idx], source.value_labels.get(idx)) for name, idx in group_idx.items()},
        index=pd.RangeIndex(n),
    )
    respondent_id = None if id_idx is None else _text_series(data[id_idx], source.value_labels.get(id_idx))
    responses = ResponseSet.from_codes(
        questionnaire=questionnaire,
        source=file,
        codes=codes,
        company=companies.rename("company"),
        groups=groups,
        respondent_id=None if respondent_id is None else respondent_id.rename("respondent_id"),
        rows=exact[0] if exact else counted,
        rejected_rows=rejected_rows,
        columns={item_id: headers[0][idx] or _alt(headers, idx) for item_id, idx in items.items()},
    )
    # The rest of the table and the text temporaries: the same.
    data.clear()
    pa.default_memory_pool().release_unused()
    return IngestResult(responses, findings)


# --------------------------------------------------------------------------------------------------------
# Sources: one per file format, all giving header rows plus a loader for selected columns
# --------------------------------------------------------------------------------------------------------


@dataclass
class _Source:
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


def _open(path: Path, file: str) -> _Source:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | EXCEL_SUFFIXES | SPSS_SUFFIXES:
        raise ScanError.of(Code.UNSUPPORTED_FORMAT, file=file, suffix=path.suffix or "(none)")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScanError.of(Code.FILE_UNREADABLE, file=file, reason=exc.strerror or str(exc)) from None
    if size == 0:
        raise ScanError.of(Code.EMPTY_FILE, file=file)
    try:
        if suffix in EXCEL_SUFFIXES:
            return _open_excel(path, file)
        if suffix in SPSS_SUFFIXES:
            return _open_spss(path, file)
        return _open_text(path, file, suffix)
    except OSError as exc:
        raise ScanError.of(Code.FILE_UNREADABLE, file=file, reason=exc.strerror or str(exc)) from None


def _qualtrics(records: Sequence[Sequence[str]]) -> bool:
    """Qualtrics exports put question texts in row 2 and ``{"ImportId":"QID1"}`` cells in row 3."""
    return len(records) >= 3 and any(cell.strip().casefold().startswith('{"importid"') for cell in records[2])


def _layout(records: list[list[str]]) -> tuple[list[list[str]], int]:
    """Header rows and the number of records before the data."""
    width = max((len(r) for r in records[:3]), default=0)
    padded = [list(r) + [""] * (width - len(r)) for r in records[:3]]
    if _qualtrics(padded):
        return [padded[0], padded[1]], 3
    return [padded[0]], 1


# -- text -------------------------------------------------------------------------------------------------


def _open_text(path: Path, file: str, suffix: str) -> _Source:
    size = _SAMPLE
    while True:
        with path.open("rb") as fh:
            sample = fh.read(size + 1)
        truncated = len(sample) > size
        sample = sample[:size]
        arrow_encoding, python_encoding = _detect_encoding(sample, truncated, file)
        text = codecs.getincrementaldecoder(python_encoding)(errors="replace").decode(
            sample, final=not truncated
        )
        if not text.strip():
            if truncated:
                size *= 4
                continue
            raise ScanError.of(Code.EMPTY_FILE, file=file)
        delimiter = _sniff_delimiter(text, truncated, suffix)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            records = list(itertools.islice(filter(None, reader), 3 + _HINT_ROWS))
        except csv.Error as exc:  # a field beyond the csv module's size limit, for example
            raise ScanError.of(Code.UNDECODABLE, file=file, reason=_first_line(exc)) from None
        # When the sample was cut, its last record may be incomplete: only trust the ones before it.
        if truncated and len(records) < 4:
            size *= 4
            continue
        break
    header_rows, skip = _layout([[c.strip() for c in r] for r in records[:3]])
    # Blank lines before the header: pyarrow skips blank lines except there, where it would take them
    # for the header and read the real header as a respondent.
    start = text.removeprefix("\ufeff")
    blank_head = start[: len(start) - len(start.lstrip("\r\n"))].count("\n")
    sample_rows = records[skip:-1] if truncated else records[skip:]
    small_ints = _small_int_columns(sample_rows, len(header_rows[0]))

    def load(columns: list[int], text: set[int]) -> tuple[dict[int, Column], int]:
        types = {
            i: pa.string() if i in text else pa.int16() if i in small_ints else _DICTIONARY for i in columns
        }
        return _load_text(path, file, (arrow_encoding, python_encoding), delimiter, types, skip, blank_head)

    return _Source(header_rows, skip, load, row_numbers=lambda n: _row_numbers(path, skip, n))


def _row_numbers(path: Path, skip: int, n: int) -> npt.NDArray[np.int64] | None:
    """Source row numbers of the ``n`` data records when blank lines sit among them, else None.

    The CSV reader skips empty lines, so without this a blank line would shift every later row number
    in a message by one. Row numbers count lines as a spreadsheet shows them: blank lines count, a quoted
    value spanning lines does not. Vectorised over the bytes, and only when the file has a blank line.
    """
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        head = mapped[:5].removeprefix(b"\xef\xbb\xbf")
        if mapped.find(b"\n\n") < 0 and mapped.find(b"\n\r\n") < 0 and head[:1] not in (b"\n", b"\r"):
            return None
        data = np.frombuffer(mapped, dtype=np.uint8)
        ends = data == 10
        if mapped.find(b'"') >= 0:  # a newline inside a quoted value ends no line; quotes pair up
            ends &= (np.cumsum(data == 34, dtype=np.uint8) & 1) == 0
        stops = np.flatnonzero(ends)
        if data[-1] != 10:
            stops = np.append(stops, len(data))
        starts = np.concatenate(([0], stops[:-1] + 1))
        starts[0] = len(mapped[:3]) if mapped[:3] == b"\xef\xbb\xbf" else 0
        length = stops - starts
        first = data[np.minimum(starts, len(data) - 1)]
        blank = (length == 0) | ((length == 1) & (first == 13))
        del data, ends, first  # release the buffer before the mapping closes
    lines = np.flatnonzero(~blank)[skip : skip + n] + 1
    return lines.astype(np.int64) if len(lines) == n else None


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


def _detect_encoding(sample: bytes, truncated: bool, file: str) -> tuple[str, str]:
    """(pyarrow encoding, Python codec) of a text file, from its first megabyte.

    A BOM decides; then UTF-8 when the sample decodes as UTF-8; then cp1252 (what Dutch Excel writes);
    then charset-normalizer's best guess. Binary files are refused: NUL bytes, known file signatures,
    or text full of control characters.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf8", "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "utf-16"
    for magic, reason in _MAGIC.items():
        if sample.startswith(magic):
            raise ScanError.of(Code.UNDECODABLE, file=file, reason=reason)
    if b"\x00" in sample:
        raise ScanError.of(Code.UNDECODABLE, file=file, reason="binary data (NUL bytes)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=not truncated)
        return "utf8", "utf-8"
    except UnicodeDecodeError:
        pass
    encoding: str | None = None
    try:
        decoded = sample.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(sample[: 1 << 18]).best()
        if best is not None:
            encoding = best.encoding
            decoded = str(best)
    if encoding is None or _control_share(decoded) > 0.01:
        raise ScanError.of(Code.UNDECODABLE, file=file, reason="not text in UTF-8 or cp1252")
    return encoding, encoding


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    return controls / len(text)


def _sniff_delimiter(text: str, truncated: bool, suffix: str) -> str:
    """The delimiter among ``, ; tab |`` that splits the first records into the most consistent table.

    Each candidate parses up to 50 records with the csv module (so quoted separators and newlines count
    correctly); the winner has the largest share of records as wide as the header, then the widest
    header. csv.Sniffer is not used: free-text answers full of commas fool it.
    """
    preferred = "\t" if suffix in {".tsv", ".tab"} else ","
    best: tuple[float, int, bool] = (-1.0, 0, False)
    choice = preferred
    for delimiter in DELIMITERS:
        widths: list[int] = []
        try:
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                if record:
                    widths.append(len(record))
                if len(widths) > 50:
                    break
        except csv.Error:
            continue
        if truncated and len(widths) > 1:
            widths = widths[:-1]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(w == widths[0] for w in widths) / len(widths)
        score = (consistent, widths[0], delimiter == preferred)
        if score > best:
            best, choice = score, delimiter
    return choice


def _load_text(
    path: Path,
    file: str,
    encoding: tuple[str, str],
    delimiter: str,
    types: dict[int, Any],
    skip: int,
    blank_head: int = 0,
) -> tuple[dict[int, Column], int]:
    """Read the wanted columns with pyarrow; fall back to pandas for Excel's short rows.

    ``types`` gives each wanted column's arrow type: int16 for answer columns that looked like small
    integers in the sample, dictionary-encoded text for the other answer columns, string for the rest.
    When a later block contradicts int16 ("Weet niet" below a page of numbers) the file is read again
    with those columns dictionary-encoded. Only empty cells are null, so "NA" or
    "N/A" reach the answer parser like any other text.
    """
    columns = sorted(types)
    arrow_encoding, python_encoding = encoding
    invalid: list[tuple[int, int]] = []

    def on_invalid(row: Any) -> str:
        invalid.append((int(row.expected_columns), int(row.actual_columns)))
        return "skip"

    names = [f"f{i}" for i in columns]
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                encoding=arrow_encoding,
                autogenerate_column_names=True,
                skip_rows=blank_head,
                skip_rows_after_names=skip,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=_has_quotes(path), invalid_row_handler=on_invalid
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
        if (
            "conversion error" in message
            and "UTF8" not in message
            and any(pa.types.is_integer(t) for t in types.values())
        ):
            as_text = {i: _DICTIONARY if pa.types.is_integer(t) else t for i, t in types.items()}
            pa.default_memory_pool().release_unused()  # the blocks read so far
            return _load_text(path, file, encoding, delimiter, as_text, skip, blank_head)
        if arrow_encoding == "utf8" and "utf" in message.lower():
            # UTF-8 at the start, something else further on: mixed exports are usually cp1252.
            return _load_text(path, file, ("cp1252", "cp1252"), delimiter, types, skip, blank_head)
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=_first_line(exc)) from None
    if any(actual > expected for expected, actual in invalid):
        expected, actual = next((e, a) for e, a in invalid if a > e)
        row = _find_long_row(path, python_encoding, delimiter, expected)
        raise ScanError.of(
            Code.ROW_LENGTH, file=file, row=row, got=actual, expected=expected, count=len(invalid)
        )
    if invalid:
        # Excel leaves out trailing empty fields on some rows; pandas' parser pads them.
        frame = pd.read_csv(
            path,
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=python_encoding,
            usecols=columns,
            engine="c",
        )
        frame = frame.iloc[skip:].reset_index(drop=True)
        got = {int(c): frame[c] for c in frame.columns}
        return {i: got.get(i, pd.Series([""] * len(frame), dtype=str)) for i in columns}, len(frame)
    return {i: table.column(f"f{i}") for i in columns}, table.num_rows


def _has_quotes(path: Path) -> bool:
    """Whether the file contains a double quote; without one no value can hold a newline, and pyarrow
    parses faster (in parallel blocks) when it need not look for them. A memory-mapped scan takes ~20 ms
    per 100 MB."""
    with path.open("rb") as fh:
        try:
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                return mapped.find(b'"') >= 0
        except (ValueError, OSError):  # empty or unmappable (a pipe): assume quotes
            return True


def _find_long_row(path: Path, encoding: str, delimiter: str, expected: int) -> int | None:
    """Row number of the first record wider than the header, blank lines counted (error path only)."""
    with path.open(encoding=encoding, newline="", errors="replace") as fh:
        for number, record in enumerate(csv.reader(fh, delimiter=delimiter), start=1):
            if len(record) > expected:
                return number
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


# -- Excel ------------------------------------------------------------------------------------------------


def _open_excel(path: Path, file: str) -> _Source:
    """First sheet through openpyxl; cells keep their types (numbers stay numbers)."""
    try:
        frame = pd.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl")
    except (OSError, MemoryError):
        raise
    except Exception as exc:
        # openpyxl and zipfile raise many types for damaged or non-Excel files (BadZipFile, KeyError,
        # InvalidFileException, ValueError...); all mean the same to the user.
        reason = "not a valid .xlsx workbook" if isinstance(exc, zipfile.BadZipFile) else _first_line(exc)
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=reason) from None
    if frame.empty or frame.dropna(how="all").empty:
        raise ScanError.of(Code.EMPTY_FILE, file=file)
    records = [[_cell_text(v) or "" for v in frame.iloc[i]] for i in range(min(3, len(frame)))]
    header_rows, skip = _layout(records)

    def load(columns: list[int], text: set[int]) -> tuple[dict[int, Column], int]:
        body = frame.iloc[skip:].reset_index(drop=True)
        return {i: body[i] for i in columns}, len(body)

    return _Source(header_rows, skip, load)


# -- SPSS -------------------------------------------------------------------------------------------------


def _open_spss(path: Path, file: str) -> _Source:
    """SPSS through pyreadstat (optional): variable names are the header, variable labels the alternative.

    Value labels are passed on, so an answer coded 9 with the label "Weet niet" counts as missing.
    """
    try:
        import pyreadstat
    except ImportError:
        raise ScanError.of(Code.SPSS_MISSING, file=file) from None
    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=False)
    except Exception as exc:
        # pyreadstat raises its own ReadstatError/PyreadstatError for anything that is not a .sav file.
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=_first_line(exc)) from None
    names = [str(n) for n in meta.column_names]
    labels = [str(lbl or "") for lbl in (meta.column_labels or [""] * len(names))]
    value_labels: dict[int, Mapping[Any, str]] = {
        i: meta.variable_value_labels[n] for i, n in enumerate(names) if n in meta.variable_value_labels
    }

    def load(columns: list[int], text: set[int]) -> tuple[dict[int, Column], int]:
        return {i: frame.iloc[:, i] for i in columns}, len(frame)

    return _Source([names, labels], 1, load, value_labels)


# --------------------------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------------------------


def _check_duplicates(header: list[str], file: str) -> None:
    """Refuse duplicate headers before any library renames them to ``x.1``."""
    seen: dict[str, list[int]] = {}
    for i, name in enumerate(header):
        if name:
            seen.setdefault(name, []).append(i)
    findings = [
        Finding(
            Code.DUPLICATE_HEADER,
            file=file,
            row=1,
            column=name,
            params={"header": name, "columns": ", ".join(_column_letter(i) for i in idx)},
        )
        for name, idx in seen.items()
        if len(idx) > 1
    ]
    if findings:
        raise ScanError(findings)


def _column_letter(index: int) -> str:
    """Spreadsheet column name: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _alt(headers: list[list[str]], idx: int) -> str:
    return headers[1][idx] if len(headers) > 1 else ""


def _variants(header: str) -> list[str]:
    """Weaker readings of a full-text header: Qualtrics' "Question - Statement" and LimeSurvey's
    "CODE. Question [Statement]" put the item text after a prefix."""
    out: list[str] = []
    if " - " in header:
        out.append(header.rsplit(" - ", 1)[1])
    bracket = re.search(r"\[([^\[\]]+)\]\s*$", header)
    if bracket:
        out.append(bracket.group(1))
    coded = re.match(r"^(\S+)\.\s+\S", header)
    if coded:
        out.append(coded.group(1))
    return [normalise_text(v) for v in out if normalise_text(v)]


def _item_keys(item: Item) -> tuple[set[str], set[str], set[str]]:
    """Exact names, normalised names (id, codes), normalised texts in every language."""
    exact = {item.id, *item.codes}
    names = {normalise_text(n) for n in exact} - {""}
    texts = {normalise_text(t) for t in ([item.text] if isinstance(item.text, str) else item.text.values())}
    return exact, names, texts - {""}


def _match_items(
    questionnaire: Questionnaire, headers: list[list[str]], file: str
) -> tuple[dict[str, int], list[Finding]]:
    """Map every item to one column; unmatched and ambiguous items become findings, all at once.

    Each header row is tried in turn (the real header before Qualtrics' text row) and, within a row, the
    strongest kind of match wins: exact id/code, normalised id/code, normalised item text, id/code with
    the spaces left out too ("FB [SQ001]" for "FB[SQ001]"), and last the item text after a
    Qualtrics/LimeSurvey prefix.
    """
    tables = []
    for row in headers:
        normal: dict[str, list[int]] = {}
        compact: dict[str, list[int]] = {}
        variant: dict[str, list[int]] = {}
        exact: dict[str, list[int]] = {}
        for i, h in enumerate(row):
            if not h:
                continue
            exact.setdefault(h, []).append(i)
            normal.setdefault(normalise_text(h), []).append(i)
            compact.setdefault(normalise_text(h).replace(" ", ""), []).append(i)
            for v in _variants(h):
                variant.setdefault(v, []).append(i)
        tables.append((exact, normal, compact, variant))

    matched: dict[str, int] = {}
    missing: list[Item] = []
    errors: list[Finding] = []
    for item in questionnaire.items:
        exact_keys, name_keys, text_keys = _item_keys(item)
        found: list[int] | None = None
        found_row = 0
        for r, (exact, normal, compact, variant) in enumerate(tables):
            for lookup, keys in (
                (exact, exact_keys),
                (normal, name_keys),
                (normal, text_keys),
                (compact, {k.replace(" ", "") for k in name_keys}),
                (variant, name_keys | text_keys),
            ):
                cols = sorted({i for k in keys for i in lookup.get(k, [])})
                if cols:
                    found, found_row = cols, r
                    break
            if found:
                break
        if not found:
            missing.append(item)
        elif len(found) > 1:
            names = ", ".join(f"'{headers[found_row][i]}' ({_column_letter(i)})" for i in found)
            errors.append(
                Finding(Code.ITEM_AMBIGUOUS, file=file, row=1, params={"item": item.id, "columns": names})
            )
        else:
            matched[item.id] = found[0]

    if missing and not matched and not errors:
        expected = [i.id for i in questionnaire.items[:3]] + [
            c for i in questionnaire.items[:1] for c in i.codes[:1]
        ]
        found_headers = [h for h in headers[0] if h][:5]
        raise ScanError.of(
            Code.NO_ITEMS_MATCHED,
            file=file,
            questionnaire=questionnaire.id,
            expected=", ".join(f"'{e}'" for e in expected),
            found=", ".join(f"'{_short(h)}'" for h in found_headers) or "no headers",
        )
    for item in missing:
        errors.append(
            Finding(
                Code.ITEM_NOT_FOUND,
                file=file,
                params={
                    "item": item.id,
                    "text": _short(str(localise(item.text, questionnaire.default_language))),
                    "closest": _closest(item, headers),
                },
            )
        )
    return matched, errors


def _closest(item: Item, headers: list[list[str]]) -> str:
    """Up to three headers most like the item's id, codes or texts (difflib ratio)."""
    _, names, texts = _item_keys(item)
    by_key: dict[str, str] = {}
    for row in headers:
        for h in row:
            if h:
                by_key.setdefault(normalise_text(h), h)
    scored: dict[str, float] = {}
    for key in names | texts:
        for candidate in difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5):
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            scored[candidate] = max(scored.get(candidate, 0.0), ratio)
    best = sorted(scored, key=lambda k: -scored[k])[:3]
    return ", ".join(f"'{_short(by_key[k])}'" for k in best) or "none"


def _find_column(name: str, headers: list[list[str]], exclude: set[int] | None = None) -> int | None:
    """Index of the column called ``name``: exact first, then case- and punctuation-insensitive."""
    exclude = exclude or set()
    for key in (lambda s: s, lambda s: s.strip().casefold(), normalise_text):
        target = key(name)
        for row in headers:
            hits = [i for i, h in enumerate(row) if h and i not in exclude and key(h) == target]
            if hits:
                return hits[0]
    return None


def _column_missing(code: Code, file: str, name: str, headers: list[list[str]]) -> Finding:
    """A named column (company, group, respondent id) is not in the file; suggests a near miss."""
    suggestion = _suggest(name, headers)
    return Finding(code, file=file, column=name, params={"column": name, "suggestion": suggestion})


def _suggest(name: str, headers: list[list[str]]) -> str:
    close = did_you_mean(name, [h for h in headers[0] if h])
    return f"; did you mean '{close}'?" if close else ""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str | None:
    """A cell as display text: None for blanks, ``3`` for the float 3.0 Excel stores, trimmed text."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _text_series(data: Column, labels: Mapping[Any, str] | None = None) -> pd.Series:
    """A str column (NA for blanks), whitespace-trimmed.

    Arrow strings are trimmed with vectorised kernels (an id column has a million distinct values);
    spreadsheet and SPSS cells, which may be numbers or carry value labels, go through their distinct
    values.
    """
    if isinstance(data, pa.ChunkedArray) and pa.types.is_string(data.type) and not labels:
        trimmed = pc.utf8_trim_whitespace(data)
        blank = pc.equal(trimmed, "")
        # Without blanks (the usual case) skip the second full copy of the column.
        text = pc.if_else(blank, pa.scalar(None, pa.string()), trimmed) if pc.any(blank).as_py() else trimmed
        return pd.Series(text.to_pandas(), dtype="str")
    codes, uniques = factorize(data)
    lookup = labels or {}
    texts = [_cell_text(lookup.get(u, u)) for u in uniques] + [None]
    codes = np.where(codes < 0, len(uniques), codes)
    taken = pa.array(texts, type=pa.string()).take(pa.array(codes))
    return pd.Series(taken.to_pandas(), dtype="str")


def _quote(value: Any) -> str:
    return f"'{_short(_cell_text(value) or '', 40)}'"
