"""SPSS .sav and .zsav through pyreadstat (optional): variable names, variable labels and value labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest.sources.base import Column, Content, Source, first_line

__all__ = ["open_spss"]


def open_spss(content: Content, file: str) -> Source:
    """Variable names are the header, variable labels the alternative one.

    Value labels are passed on, so an answer coded 9 with the label "Weet niet" counts as missing.
    """
    try:
        import pyreadstat
    except ImportError:
        raise ScanError.of(Code.SPSS_MISSING, file=file) from None
    # pyreadstat reads a path or a file-like object (bytes would be taken for a path).
    target = str(content.path) if content.path is not None else content.binary()
    try:
        frame, meta = pyreadstat.read_sav(target, apply_value_formats=False, user_missing=False)
    except Exception as exc:
        # pyreadstat raises its own ReadstatError/PyreadstatError for anything that is not a .sav file.
        raise ScanError.of(Code.UNDECODABLE, file=file, reason=first_line(exc)) from None
    names = [str(n) for n in meta.column_names]
    labels = [str(lbl or "") for lbl in (meta.column_labels or [""] * len(names))]
    value_labels: dict[int, Mapping[Any, str]] = {
        i: meta.variable_value_labels[n] for i, n in enumerate(names) if n in meta.variable_value_labels
    }

    def load(columns: list[int], text: set[int]) -> tuple[dict[int, Column], int]:
        return {i: frame.iloc[:, i] for i in columns}, len(frame)

    return Source([names, labels], 1, load, value_labels)
