"""Safe file writing: atomic, contained in the output folder, and inert in spreadsheets.

The only module that creates output files; every writer goes through it. Three rules hold for every file:

- **atomic**: written to a temporary file in the target folder, then renamed, so an interrupted run leaves
  either the old file or the new one, never half of one;
- **contained**: a company folder is derived from the company name by :func:`company_folders` and checked
  with :func:`inside`, so no name (``../../etc``, ``/abs``, ``CON``) can escape ``--out``;
- **inert**: every text cell in CSV/XLSX that a spreadsheet could read as a formula (starting with
  ``= + - @``, tab or carriage return) is masked with a leading apostrophe, because company and department
  names are user input; control characters that a workbook cannot hold (XML 1.0 forbids them, openpyxl
  refuses them) become U+FFFD first, in CSV too, so both files show the same text.

Files are not fsynced one by one (that cost one disk flush per file, 2,000 in a 500-company run): a run
marks its output folder with :data:`INCOMPLETE` while it writes (:func:`run_marker`) and, once everything
is renamed into place, flushes the disk once and removes the mark.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from lerende_scan.errors import Code, ScanError
from lerende_scan.runs import FINDINGS_FILE

__all__ = [
    "INCOMPLETE",
    "atomic_write",
    "company_folders",
    "inside",
    "mask_formula",
    "mask_frame",
    "run_marker",
    "spreadsheet_text",
]

INCOMPLETE = ".incomplete"
"""Present in an output folder while a run writes into it, and left behind by a run that did not finish."""
_MARKER_TEXT = (
    "A run of lerende-scan was writing into this folder and did not finish (interrupted or killed).\n"
    "Files here may be from that run or from an earlier one; run the command again to complete it.\n"
    "Een run van lerende-scan schreef in deze map en is niet afgemaakt (onderbroken of gestopt).\n"
    "Bestanden hier kunnen van die run of van een eerdere zijn; voer de opdracht opnieuw uit.\n"
)
# What XML 1.0 (and so XLSX) cannot hold: C0 controls other than tab, line feed and carriage return.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def mask_formula(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with an apostrophe; leave everything else alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_CELL_LIMIT = 32_767
"""Characters an Excel cell holds; openpyxl would cut longer text itself, with a warning on the terminal."""


def spreadsheet_text(value: Any) -> Any:
    """Text a workbook can hold and will not evaluate: illegal control characters replaced, then masked,
    then cut to what a cell holds (with an ellipsis)."""
    if isinstance(value, str):
        text = mask_formula(_ILLEGAL.sub("\ufffd", value))
        return text if len(text) <= _CELL_LIMIT else text[: _CELL_LIMIT - 1] + "…"
    return value


def mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and header made :func:`spreadsheet_text`."""
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].map(spreadsheet_text)
    out.columns = [spreadsheet_text(str(c)) for c in out.columns]
    return out


def _folder_name(company: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip("-._")[:80].strip("-._")
    if not name or name.lower().split(".")[0] in _WINDOWS_RESERVED:
        name = f"company-{name}" if name else "company"
    return name


RESERVED_NAMES = (
    FINDINGS_FILE,
    "companies",
    *(f"benchmark.{ext}" for ext in ("json", "html", "pdf", "xlsx")),
)
"""Names a run writes beside the company folders: a company called ``findings.txt`` got that folder, and
the run's findings file could not be written (X005)."""


def company_folders(companies: Iterable[str]) -> dict[str, str]:
    """Map company names to distinct, safe folder names (``Zorggroep De Linde`` -> ``Zorggroep-De-Linde``).

    Names that collapse to the same folder, or to one of :data:`RESERVED_NAMES`, get ``-2``, ``-3``... in
    order of appearance; comparison is case-insensitive because macOS and Windows file systems are.
    """
    used = {name.lower() for name in RESERVED_NAMES}
    folders: dict[str, str] = {}
    for company in companies:
        if company in folders:
            continue
        base = _folder_name(company)
        name, i = base, 1
        while name.lower() in used:
            i += 1
            name = f"{base}-{i}"
        used.add(name.lower())
        folders[company] = name
    return folders


def stale_company_folders(out: Path, written: Iterable[str]) -> list[str]:
    """Folders in ``out`` that hold a company's outputs (a ``scores.json`` or ``report.html``) and are not
    among ``written``: left by an earlier run into the same folder, they would pass for this run's."""
    if not out.is_dir():
        return []
    keep = {name.lower() for name in written}
    return sorted(
        d.name
        for d in out.iterdir()
        if d.name.lower() not in keep
        and d.is_dir()
        and not d.is_symlink()
        and any((d / name).is_file() for name in ("scores.json", "report.html"))
    )


def inside(root: Path, *parts: str) -> Path:
    """``root / parts``, refusing any result that resolves outside ``root`` (defence in depth: a link left
    in the output folder, X006)."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise ScanError.of(Code.OUT_ESCAPES, file=str(base.joinpath(*parts)), out=str(root))
    return target


@contextlib.contextmanager
def _temp_beside(path: Path) -> Iterator[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_FILE_MODE = 0o666 & ~_umask()  # read once: os.umask is process-wide, not something to toggle per write


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename (POSIX-atomic on one file system):
    until the rename the data sits under a hidden temporary name, so no half-written file ever carries
    the final name."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with _temp_beside(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(raw)
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)


@contextlib.contextmanager
def run_marker(out: Path) -> Iterator[None]:
    """Mark ``out`` as being written (:data:`INCOMPLETE`) for the duration of a run.

    The mark is removed only when the block finishes without an exception, after one flush of the disk,
    so a folder without it holds a complete run; after Ctrl-C, an error or ``kill -9`` it stays.
    """
    marker = inside(out, INCOMPLETE)
    atomic_write(marker, _MARKER_TEXT)
    yield
    if hasattr(os, "sync"):
        os.sync()
    marker.unlink(missing_ok=True)


# -- tables shared by CSV and XLSX ------------------------------------------------------------------
