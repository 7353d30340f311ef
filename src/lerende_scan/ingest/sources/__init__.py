"""Sources: which inputs ingest reads (paths, bytes, streams; the readable suffixes) and opening them.

One reader per format (:mod:`.text`, :mod:`.excel`, :mod:`.spss`), all giving a :class:`Source`: the
header rows plus a loader for selected columns.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO, Literal, TypeAlias

from lerende_scan.errors import Code, Finding, ScanError
from lerende_scan.ingest.sources.base import Column, Content, Source
from lerende_scan.ingest.sources.excel import open_excel
from lerende_scan.ingest.sources.spss import open_spss
from lerende_scan.ingest.sources.text import open_text

__all__ = [
    "EXCEL_SUFFIXES",
    "READABLE_SUFFIXES",
    "SPSS_SUFFIXES",
    "TEXT_SUFFIXES",
    "Column",
    "Content",
    "Input",
    "Source",
    "open_source",
    "read_input",
    "response_files",
    "skipped_files",
]

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
SPSS_SUFFIXES = frozenset({".sav", ".zsav"})
READABLE_SUFFIXES = TEXT_SUFFIXES | EXCEL_SUFFIXES | SPSS_SUFFIXES
"""Every suffix ingest reads; what a folder of response files is filtered on."""

Input: TypeAlias = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO
"""A path (str or Path), the file's bytes, or a binary stream open for reading."""

Kind: TypeAlias = Literal["text", "excel", "spss"]


def response_files(paths: list[Path]) -> list[Path]:
    """Files as given, and inside given folders the readable files (sorted; dot-files skipped).

    A file reached twice under its own name (a folder and a file in it, ``a.csv`` and ``./a.csv``) is read
    once: it was meant once. A link under another name stays, for the benchmark to list as a duplicate. A
    folder without a readable file is an error (R046): it is the wrong folder, or its exports lie in
    subfolders, which are not searched, so that a folder of run outputs is never read as input.
    """
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        entries = sorted(path.iterdir())
        files = [p for p in entries if p.suffix.lower() in READABLE_SUFFIXES and not p.name.startswith(".")]
        files = [p for p in files if p.is_file()]
        if not files:
            folders = [p.name for p in entries if p.is_dir() and not p.name.startswith(".")]
            raise ScanError.of(
                Code.FOLDER_WITHOUT_RESPONSES,
                file=path,
                suffixes=" ".join(sorted(READABLE_SUFFIXES)),
                subfolders=f"; its subfolders {_listed(folders)} are not searched" if folders else "",
            )
        found.extend(files)
    seen: set[tuple[Path, str]] = set()
    unique: list[Path] = []
    for path in found:
        key = (path.resolve(), path.name)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


OTHER_SPREADSHEETS = {
    ".xls": "Excel 97-2003 (.xls)",
    ".xlsb": "Excel binary (.xlsb)",
    ".ods": "OpenDocument (.ods)",
    ".numbers": "Numbers (.numbers)",
}
"""Spreadsheet formats a folder of exports may hold that are not read: named, not skipped in silence."""


def skipped_files(paths: list[Path]) -> list[Finding]:
    """A warning for each entry of the given folders that looks like an export but is not read: another
    spreadsheet format (R050), or a readable name that is no regular file, such as a broken link (R051).

    :func:`response_files` passes over them, as it must (a folder also holds notes and PDFs); without a
    word, a company whose export was an .xls or a dead link was simply missing from the benchmark.
    """
    found: list[Finding] = []
    for folder in paths:
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            suffix = entry.suffix.lower()
            if entry.name.startswith("."):
                continue
            if suffix in OTHER_SPREADSHEETS:
                found.append(
                    Finding(
                        Code.SKIPPED_SPREADSHEET, file=str(entry), params={"kind": OTHER_SPREADSHEETS[suffix]}
                    )
                )
            elif suffix in READABLE_SUFFIXES and not entry.is_file():
                if entry.is_symlink() and not entry.exists():
                    reason = "a link to a file that does not exist"
                elif entry.is_dir():
                    reason = "a folder"
                else:
                    reason = "not a regular file"
                found.append(Finding(Code.SKIPPED_NOT_A_FILE, file=str(entry), params={"reason": reason}))
    return found


def _listed(names: list[str], most: int = 5) -> str:
    """A few names for a message, with how many more there are."""
    shown = ", ".join(names[:most])
    return f"{shown} and {len(names) - most} more" if len(names) > most else shown


def read_input(source: Input, name: str | None = None) -> tuple[Content, str]:
    """The input's content and the name messages give it: the path as given, else ``<bytes>`` or
    ``<stream>`` unless ``name`` says better. A stream is read to its end (from where it stands)."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return Content(path=path), str(path) if name is None else name
    if isinstance(source, bytes | bytearray | memoryview):
        return Content(buffer=bytes(source)), "<bytes>" if name is None else name
    file = "<stream>" if name is None else name
    try:
        data = source.read()
    except OSError as exc:
        raise ScanError.of(Code.FILE_UNREADABLE, file=file, reason=exc.strerror or str(exc)) from None
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"{file}: expected a binary stream, got one that reads {type(data).__name__}")
    return Content(buffer=bytes(data)), file


def _kind(content: Content, file: str) -> Kind:
    """The format from the name's suffix; an in-memory input without one is recognised by its first bytes
    (a zip is a workbook, ``$FL2``/``$FL3`` an SPSS file, anything else is tried as text). A path without
    a suffix stays refused, as before in-memory input existed."""
    suffix = Path(file).suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return "excel"
    if suffix in SPSS_SUFFIXES:
        return "spss"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix or content.path is not None:
        raise ScanError.of(
            Code.UNSUPPORTED_FORMAT,
            file=file,
            suffix=Path(file).suffix or "(none)",
            suffixes=", ".join(sorted(READABLE_SUFFIXES)),
        )
    head = content.head(4)
    if head == b"PK\x03\x04":
        return "excel"
    if head in (b"$FL2", b"$FL3"):
        return "spss"
    return "text"


def open_source(content: Content, file: str, *, layouts: bool = True) -> Source:
    """Open ``content`` far enough to know its headers; ``layouts=False`` ignores Qualtrics' extra rows.

    Raises ScanError for an unsupported type, an unreadable or empty file, and what each reader refuses.
    """
    kind = _kind(content, file)
    try:
        if content.size() == 0:
            raise ScanError.of(Code.EMPTY_FILE, file=file)
        if kind == "excel":
            return open_excel(content, file, layouts)
        if kind == "spss":
            return open_spss(content, file)
        return open_text(content, file, Path(file).suffix.lower(), layouts)
    except OSError as exc:
        raise ScanError.of(Code.FILE_UNREADABLE, file=file, reason=exc.strerror or str(exc)) from None
