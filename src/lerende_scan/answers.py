"""Turning raw answer cells into scale values, vectorised over a column's unique values.

Survey tools export the same answer as ``4``, ``4.0``, ``4,0``, ``Mee eens``, ``agree``, ``4 - Mee eens``,
``(4) Mee eens`` or an Excel number. :class:`AnswerParser` understands one raw value; :func:`parse_column`
applies it to the *distinct* values of a column only (a column of a million answers has a handful of
distinct values) and spreads the result back with numpy indexing, so there is no Python loop over
respondents.
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
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs
import pyarrow.compute as pc  # type: ignore[import-untyped]

from lerende_scan.questionnaire import Scale

__all__ = ["AnswerParser", "ParsedColumn", "factorize", "normalise_text", "parse_column"]

OK, MISSING, REJECTED = 0, 1, 2
"""Status of one parsed value: a scale value, missing (blank or a missing code), or not understood."""

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# "4 - Mee eens", "4. Mee eens", "(4) Mee eens", "4: Mee eens", "4 = Mee eens", "4) Mee eens"
_PREFIXED = re.compile(r"^\(?\s*([+-]?\d+)\s*\)?\s*[-–—.:=)]?\s*([^\d\s].*)$")
# "Mee eens (4)", "Mee eens [4]"
_SUFFIXED = re.compile(r"^(.*?\S)\s*[(\[]\s*([+-]?\d+)\s*[)\]]$")


def normalise_text(value: str) -> str:
    """Comparison key for headers, labels and missing codes.

    Unicode NFKC, casefold, punctuation removed, whitespace collapsed: ``"  Mee-eens. "`` and ``"mee eens"``
    differ, but ``"N.v.t."`` and ``"nvt"`` and ``"Collega’s"`` and ``"collega's"`` do not.
    """
    text = unicodedata.normalize("NFKC", value).casefold()
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return " ".join(text.split())


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
        if isinstance(raw, bool | np.bool_):
            return math.nan, REJECTED
        if isinstance(raw, int | float | np.integer | np.floating):
            number = float(raw)
            if math.isnan(number):
                return math.nan, MISSING
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
            return self.number(float(text.replace(",", ".")))
        if key in self.labels:
            return float(self.labels[key]), OK
        return self._numbered_label(text)

    def _numbered_label(self, text: str) -> tuple[float, int]:
        match = _PREFIXED.match(text)
        if match:
            number, rest = match.group(1), match.group(2)
        else:
            match = _SUFFIXED.match(text)
            if not match:
                return math.nan, REJECTED
            rest, number = match.group(1), match.group(2)
        rest_key = normalise_text(rest)
        if rest_key in self.missing:
            return math.nan, MISSING
        value, status = self.number(float(number))
        named = self.labels.get(rest_key)
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
class ParsedColumn:
    """One item column: values (float64, NaN missing), the rejected mask, and the first rejected value."""

    values: np.ndarray
    rejected: np.ndarray
    first_rejected: int | None
    first_rejected_value: Any

    @property
    def rejected_count(self) -> int:
        return int(self.rejected.sum())


def parse_column(
    data: pa.ChunkedArray | pa.Array | pd.Series,
    parser: AnswerParser,
    value_labels: Mapping[Any, str] | None = None,
    *,
    out: np.ndarray | None = None,
    out_rejected: np.ndarray | None = None,
) -> ParsedColumn:
    """Parse a whole column by parsing its distinct values once and indexing back.

    ``out`` and ``out_rejected`` (float64 and bool, one row per respondent) may be columns of a larger
    preallocated array, so a million-row frame is filled in place without copies.
    """
    if not value_labels and _is_numeric(data):
        values = np.empty(len(data)) if out is None else out
        whole = _fill_numbers(data, values)
        return _check_numbers(values, whole, parser, out_rejected)
    codes, uniques = factorize(data)
    labels = value_labels or {}
    parsed = [parser.parse(u, labels.get(u)) for u in uniques]
    # One extra slot at the end for nulls (code -1 wraps around to it): missing, not rejected.
    lookup = np.array([v for v, _ in parsed] + [math.nan], dtype=np.float64)
    bad = np.array([s == REJECTED for _, s in parsed] + [False], dtype=bool)
    values = np.take(lookup, codes, out=out, mode="wrap")
    rejected = np.take(bad, codes, out=out_rejected, mode="wrap")
    first: int | None = None
    first_value: Any = None
    if bad.any() and rejected.any():
        first = int(np.argmax(rejected))
        first_value = uniques[codes[first]]
    return ParsedColumn(values, rejected, first, first_value)


def _is_numeric(data: pa.ChunkedArray | pa.Array | pd.Series) -> bool:
    if isinstance(data, pa.ChunkedArray | pa.Array):
        kind = data.type
        return bool(pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_null(kind))
    return bool(pd.api.types.is_numeric_dtype(data.dtype) and not pd.api.types.is_bool_dtype(data.dtype))


def _fill_numbers(data: pa.ChunkedArray | pa.Array | pd.Series, values: np.ndarray) -> bool:
    """Write a numeric column into ``values`` as float64 (NaN for nulls), chunk by chunk so no second
    full-length copy exists; returns whether the source type holds whole numbers only."""
    if isinstance(data, pa.ChunkedArray | pa.Array):
        chunks = data.chunks if isinstance(data, pa.ChunkedArray) else [data]
        offset = 0
        for chunk in chunks:
            end = offset + len(chunk)
            if pa.types.is_null(chunk.type):
                values[offset:end] = math.nan
            else:
                values[offset:end] = chunk.to_numpy(zero_copy_only=False)
            offset = end
        return not pa.types.is_floating(data.type)
    values[:] = data.to_numpy(dtype=np.float64, na_value=np.nan)
    return bool(pd.api.types.is_integer_dtype(data.dtype))


def _check_numbers(
    values: np.ndarray, whole: bool, parser: AnswerParser, out_rejected: np.ndarray | None
) -> ParsedColumn:
    """The fast path for numeric columns, in place: whole values inside the scale stay, missing codes and
    the rest become NaN, the rest counted as rejected. The common case (every value a valid answer or
    null) costs two comparisons and two counts."""
    rejected = np.zeros(len(values), dtype=bool) if out_rejected is None else out_rejected
    ok = (values >= parser.min) & (values <= parser.max)
    if not whole:
        ok &= values == np.floor(values)
    blank = np.isnan(values)
    if np.count_nonzero(ok) == len(values) - np.count_nonzero(blank):
        rejected[:] = False
        return ParsedColumn(values, rejected, None, None)
    bad = ~ok & ~blank
    if parser.missing_numbers:
        bad &= ~np.isin(values, parser.missing_numbers)
    np.copyto(rejected, bad)
    first: int | None = None
    first_value: Any = None
    if bad.any():
        first = int(np.argmax(bad))
        value = float(values[first])
        first_value = int(value) if value.is_integer() else value
    values[~ok] = math.nan
    return ParsedColumn(values, rejected, first, first_value)
