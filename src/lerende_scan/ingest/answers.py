"""Cells to values: answer cells to scale codes, other cells to trimmed text, per distinct value.

Survey tools export the same answer as ``4``, ``4.0``, ``4,0``, ``Mee eens``, ``agree``, ``4 - Mee eens``,
``(4) Mee eens`` or an Excel number. :class:`AnswerParser` understands one raw value; :func:`parse_codes`
applies it to the *distinct* values of a column only (a column of a million answers has a handful of
distinct values) and spreads the result back with numpy indexing, so there is no Python loop over
respondents. :func:`text_series` does the same for company, group and id cells.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs
import pyarrow.compute as pc  # type: ignore[import-untyped]

from lerende_scan.questionnaire import Scale

__all__ = [
    "MISSING",
    "OK",
    "REJECTED",
    "AnswerParser",
    "Boolean",
    "ParsedCodes",
    "cell_text",
    "factorize",
    "normalise_text",
    "parse_codes",
    "text_series",
]

OK, MISSING, REJECTED = 0, 1, 2
"""Status of one parsed value: a scale value, missing (blank or a missing code), or not understood."""

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# "1,000" and "1.000": a thousand in one locale, 1 in another; ambiguous, so not understood.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")
# A numbered label is a number, a separator and a label text: "4 - Mee eens", "4. Mee eens", "4: Mee eens",
# "4, Mee eens", "(4) Mee eens", "[4] = Mee eens", "4) Mee eens"; "4 (Mee eens)"; "Mee eens (4)".
# A number run into other text ("1e1", "1,000", "5%", "4abc") is none: its leading digits are not the answer.
_PREFIXED = re.compile(
    r"^(?:(?:\(\s*([+-]?\d+)\s*\)|\[\s*([+-]?\d+)\s*\])\s*[-–—.:=,;]?|([+-]?\d+)\s*[-–—.:=),;])\s*([^\d\s].*)$"
)
_BRACKETED = re.compile(r"^([+-]?\d+)\s*(?:\((.*)\)|\[(.*)\])$")
_SUFFIXED = re.compile(r"^(.*?\S)\s*(?:\(\s*([+-]?\d+)\s*\)|\[\s*([+-]?\d+)\s*\])$")
# "4 Mee eens": a space is no separator, so only the scale's own label (or a missing code) may follow;
# "2 apples" is not understood.
_SPACED = re.compile(r"^([+-]?\d+) ([^\d\s].*)$")
# "(4)", "[4]": a number in brackets, no label.
_BRACKETED_NUMBER = re.compile(r"^(?:\(\s*([+-]?\d+)\s*\)|\[\s*([+-]?\d+)\s*\])$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Boolean:
    """A spreadsheet's TRUE or FALSE cell, which is no answer on any scale.

    Its own type because ``True == 1`` with the same hash: pandas' factorize would merge a TRUE cell with
    the answer 1 in the same column, and the one parsed first would decide for both.
    """

    value: bool

    def __str__(self) -> str:
        return "TRUE" if self.value else "FALSE"


def normalise_text(value: str) -> str:
    """Comparison key for headers, labels and missing codes.

    Unicode NFKC, casefold, punctuation removed, whitespace collapsed: ``"  Mee-eens. "`` and ``"mee eens"``
    differ, but ``"N.v.t."`` and ``"nvt"`` and ``"Collega’s"`` and ``"collega's"`` do not.

    Punctuation (Unicode category P*) is removed by translation, its category looked up once per distinct
    character rather than once per character: a 100 kB scale label or answer cell takes a millisecond or
    two, where a Python loop over its characters took ~80 ms (for every distinct long cell of a column).
    """
    text = unicodedata.normalize("NFKC", value)
    if text.isascii():  # the usual case: casefold is lower, and bytes drop punctuation fastest
        text = text.lower().encode("ascii").translate(None, _ASCII_PUNCTUATION).decode("ascii")
    else:
        text = text.casefold()
        marks = {ch for ch in set(text) if unicodedata.category(ch).startswith("P")}
        if marks:
            text = text.translate(dict.fromkeys(map(ord, marks)))
    return " ".join(text.split())


_ASCII_PUNCTUATION = bytes(i for i in range(128) if unicodedata.category(chr(i)).startswith("P"))


def _texts(text: str | Mapping[str, str]) -> list[str]:
    return [text] if isinstance(text, str) else list(text.values())


class AnswerParser:
    """Understands one raw answer for one scale: ``parse(raw) -> (value, status)``.

    Missing codes are checked before numbers, so a declared missing code such as ``99`` stays missing.
    A number must be a whole value inside ``min..max``; ``3.5`` or ``7`` on a 1..5 scale is rejected, not
    rounded or clipped. A numbered label (``4 - Mee eens``) whose text names a *different* scale point is
    rejected as contradictory.
    """

    def __init__(self, scale: Scale) -> None:
        self.min = scale.min
        self.max = scale.max
        self.missing: set[str] = {normalise_text(m) for m in scale.missing}
        labels: dict[str, int | None] = {}
        for value, text in scale.labels.items():
            for t in _texts(text):
                key = normalise_text(t)
                # The same wording for two different points (across languages) is ambiguous: drop it.
                labels[key] = value if labels.get(key, value) == value else None
        self.labels: dict[str, int] = {k: v for k, v in labels.items() if v is not None and k}
        # Missing codes that are numbers (99, -9): the vectorised numeric path must honour them too.
        self.missing_numbers: list[float] = [
            float(m.replace(",", ".")) for m in scale.missing if _NUMBER.match(m.strip())
        ]

    def number(self, value: float) -> tuple[float, int]:
        if math.isfinite(value) and value == round(value) and self.min <= value <= self.max:
            return float(value), OK
        return math.nan, REJECTED

    def parse(self, raw: Any, label: str | None = None) -> tuple[float, int]:
        """Parse one raw cell; ``label`` is an SPSS value label for ``raw``, which wins when it is clear."""
        if label is not None:
            value, status = self.parse(label)
            if status != REJECTED:
                return value, status
        if raw is None or raw is pd.NA:
            return math.nan, MISSING
        if isinstance(raw, bool | np.bool_ | Boolean):
            return math.nan, REJECTED
        if isinstance(raw, int | float | np.integer | np.floating):
            number = float(raw)
            if math.isnan(number):
                return math.nan, MISSING
            if math.isinf(number):  # 1e999 in a spreadsheet cell: no answer on any scale
                return math.nan, REJECTED
            if number == round(number) and normalise_text(str(int(number))) in self.missing:
                return math.nan, MISSING
            return self.number(number)
        if isinstance(raw, datetime | date | time | timedelta | pd.Timestamp):
            return math.nan, REJECTED
        text = " ".join(unicodedata.normalize("NFKC", str(raw)).split())
        key = normalise_text(text)
        if not key or key in self.missing:
            return math.nan, MISSING
        if _NUMBER.match(text):
            if _THOUSANDS.match(text):
                return math.nan, REJECTED
            return self.number(float(text.replace(",", ".")))
        if key in self.labels:
            return float(self.labels[key]), OK
        return self._numbered_label(text)

    def _numbered_label(self, text: str) -> tuple[float, int]:
        """A numbered label's number, or REJECTED when ``text`` is no numbered label.

        The label text must hold a letter (``4 - %`` is none); after a bare space it must be the scale's
        own label or a missing code, since ``2 apples`` or ``4 stuks`` is not a label at all. A label text
        that names another scale point contradicts the number (REJECTED).
        """
        if match := _BRACKETED_NUMBER.match(text):
            return self.number(float(match.group(1) or match.group(2)))
        known_only = False
        if match := _PREFIXED.match(text):
            number, rest = match.group(1) or match.group(2) or match.group(3), match.group(4)
        elif match := _BRACKETED.match(text):
            number, rest = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
        elif match := _SUFFIXED.match(text):
            rest, number = match.group(1), match.group(2) or match.group(3)
        elif match := _SPACED.match(text):
            number, rest, known_only = match.group(1), match.group(2), True
        else:
            return math.nan, REJECTED
        if not _LETTER.search(rest):
            return math.nan, REJECTED
        rest_key = normalise_text(rest)
        if rest_key in self.missing:
            return math.nan, MISSING
        named = self.labels.get(rest_key)
        if known_only and named is None:
            return math.nan, REJECTED
        value, status = self.number(float(number))
        if status == OK and named is not None and named != value:
            return math.nan, REJECTED
        return value, status


def factorize(data: pa.ChunkedArray | pa.Array | pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Codes (-1 for null) and the distinct values of a column, for arrow and pandas data alike."""
    if isinstance(data, pa.ChunkedArray | pa.Array):
        encoded = pc.dictionary_encode(data)
        if isinstance(encoded, pa.ChunkedArray):
            if encoded.num_chunks == 0:
                return np.empty(0, dtype=np.int32), []
            encoded = encoded.combine_chunks()
        uniques: list[Any] = encoded.dictionary.to_pylist()
        codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        return codes, uniques
    codes_, uniques_ = pd.factorize(data, use_na_sentinel=True)
    return np.asarray(codes_), list(uniques_)


@dataclass(frozen=True)
class ParsedCodes:
    """One item column parsed into answer codes (see :func:`parse_codes`): the rows whose non-blank value
    was rejected (ascending positions) and the first rejected raw value."""

    rejected_rows: npt.NDArray[np.intp]
    first_rejected_value: Any

    @property
    def first_rejected(self) -> int | None:
        return int(self.rejected_rows[0]) if len(self.rejected_rows) else None

    @property
    def rejected_count(self) -> int:
        return len(self.rejected_rows)


def parse_codes(
    data: pa.ChunkedArray | pa.Array | pd.Series,
    parser: AnswerParser,
    value_labels: Mapping[Any, str] | None = None,
    *,
    out: npt.NDArray[np.int8],
) -> ParsedCodes:
    """Parse a whole column into ``out`` as answer codes: ``value - scale.min`` (int8), -1 when missing.

    Each distinct value is parsed once and spread back with ``np.take``; arrow dictionary columns (how
    CSV answer columns are read) are handled chunk by chunk on their own small dictionaries, so no
    full-length temporary exists besides ``out``. ``out`` may be a column of a larger matrix.
    """
    if len(out) != len(data):
        raise ValueError(f"out has {len(out)} rows for a column of {len(data)}")
    if not value_labels and _is_numeric(data):
        return _number_codes(data, parser, out)
    chunks: list[Any]
    if isinstance(data, pa.ChunkedArray) and pa.types.is_dictionary(data.type):
        chunks = data.chunks
    else:
        chunks = [data]
    memo: dict[tuple[type, Any], tuple[int, bool]] = {}  # per type: 1 == 1.0 == True as dict keys
    labels = value_labels or {}
    rejected: list[npt.NDArray[np.intp]] = []
    first_value: Any = None
    offset = 0
    for chunk in chunks:
        if isinstance(chunk, pa.DictionaryArray):
            uniques: list[Any] = chunk.dictionary.to_pylist()
            indices = chunk.indices
            if indices.null_count:
                indices = pc.fill_null(indices, -1)
            codes: npt.NDArray[np.integer[Any]] = indices.to_numpy(zero_copy_only=False)
        else:
            codes, uniques = factorize(chunk)
        parsed = [
            memo.get((type(u), u)) or memo.setdefault((type(u), u), _code(parser, u, labels)) for u in uniques
        ]
        # One extra slot at the end for nulls (code -1 wraps around to it): missing, not rejected.
        lookup = np.array([c for c, _ in parsed] + [-1], dtype=np.int8)
        bad = np.array([b for _, b in parsed] + [False], dtype=bool)
        end = offset + len(codes)
        np.take(lookup, codes, out=out[offset:end], mode="wrap")
        if bad.any():
            rows = np.flatnonzero(np.take(bad, codes, mode="wrap"))
            if len(rows):
                if first_value is None:
                    first_value = uniques[codes[rows[0]]]
                rejected.append(rows + offset)
        offset = end
    rows_all = np.concatenate(rejected) if rejected else np.empty(0, dtype=np.intp)
    return ParsedCodes(rows_all.astype(np.intp, copy=False), first_value)


def _code(parser: AnswerParser, raw: Any, labels: Mapping[Any, str]) -> tuple[int, bool]:
    """(code, rejected) of one distinct raw value."""
    value, status = parser.parse(raw, labels.get(raw))
    return (-1 if math.isnan(value) else int(value) - parser.min), status == REJECTED


def _is_numeric(data: pa.ChunkedArray | pa.Array | pd.Series) -> bool:
    if isinstance(data, pa.ChunkedArray | pa.Array):
        kind = data.type
        return bool(pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_null(kind))
    return bool(pd.api.types.is_numeric_dtype(data.dtype) and not pd.api.types.is_bool_dtype(data.dtype))


def _number_codes(
    data: pa.ChunkedArray | pa.Array | pd.Series, parser: AnswerParser, out: npt.NDArray[np.int8]
) -> ParsedCodes:
    """The vectorised path for numeric columns, chunk by chunk: whole values inside the scale become
    codes; blanks, missing codes (99) and everything else -1, the rest counted as rejected."""
    if isinstance(data, pa.ChunkedArray | pa.Array):
        chunks: list[Any] = data.chunks if isinstance(data, pa.ChunkedArray) else [data]
        whole = not pa.types.is_floating(data.type)
    else:
        chunks = [data]
        whole = bool(pd.api.types.is_integer_dtype(data.dtype))
    rejected: list[npt.NDArray[np.intp]] = []
    first_value: Any = None
    offset = 0
    for chunk in chunks:
        end = offset + len(chunk)
        if isinstance(chunk, pd.Series):
            values = chunk.to_numpy(dtype=np.float64, na_value=np.nan)
        elif pa.types.is_null(chunk.type):
            values = np.full(len(chunk), math.nan)
        else:
            values = np.asarray(chunk.to_numpy(zero_copy_only=False), dtype=np.float64)
        ok = (values >= parser.min) & (values <= parser.max)
        if not whole:
            ok &= values == np.floor(values)
        target = out[offset:end]
        with np.errstate(invalid="ignore"):
            np.subtract(values, parser.min, out=target, where=ok, casting="unsafe")
        target[~ok] = -1
        blank = np.isnan(values)
        if np.count_nonzero(ok) != len(values) - np.count_nonzero(blank):
            bad = ~ok & ~blank
            if parser.missing_numbers:
                bad &= ~np.isin(values, parser.missing_numbers)
            rows = np.flatnonzero(bad)
            if len(rows):
                if first_value is None:
                    value = float(values[rows[0]])
                    first_value = int(value) if value.is_integer() else value
                rejected.append(rows + offset)
        offset = end
    rows_all = np.concatenate(rejected) if rejected else np.empty(0, dtype=np.intp)
    return ParsedCodes(rows_all.astype(np.intp, copy=False), first_value)


def cell_text(value: Any) -> str | None:
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


def text_series(data: pa.ChunkedArray | pd.Series, labels: Mapping[Any, str] | None = None) -> pd.Series:
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
    texts = [cell_text(lookup.get(u, u)) for u in uniques] + [None]
    codes = np.where(codes < 0, len(uniques), codes)
    taken = pa.array(texts, type=pa.string()).take(pa.array(codes))
    return pd.Series(taken.to_pandas(), dtype="str")
