"""A text file's dialect: its encoding (or why it is not text) and its delimiter, from a sample.

Exports arrive as UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text") or UTF-32 with BOM, or
cp1252 from Dutch Excel, separated by ``,``, ``;``, tab or ``|``.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest.sources.base import Content

__all__ = ["DELIMITERS", "decode_failures", "detect_encoding", "mixed_utf8", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t", "|")
_MAGIC = {
    b"PK\x03\x04": "it is a zip archive or an Excel workbook; save it as .xlsx",
    b"\x89PNG": "it is a PNG image",
    b"%PDF": "it is a PDF document",
    b"\xff\xd8\xff": "it is a JPEG image",
    b"GIF8": "it is a GIF image",
    b"\xd0\xcf\x11\xe0": "it is an old Excel .xls or Word file; save it as .xlsx or CSV",
}


def detect_encoding(sample: bytes, truncated: bool, file: str) -> tuple[str, str]:
    """(pyarrow encoding, Python codec) of a text file, from its first megabyte.

    A BOM decides (UTF-8, UTF-16 or UTF-32); then UTF-8 when the sample decodes as UTF-8; then cp1252
    (what Dutch Excel writes); then charset-normalizer's best guess. Binary files are refused: NUL bytes,
    known file signatures, or text full of control characters.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf8", "utf-8-sig"
    # UTF-32 before UTF-16: the UTF-32-LE BOM (FF FE 00 00) starts with the UTF-16-LE one (FF FE).
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", "utf-32"
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


def sniff_delimiter(text: str, truncated: bool, suffix: str) -> str:
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
        except csv.Error:  # a value over the field limit: judge on the records before it
            pass
        if truncated and len(widths) > 1:
            widths = widths[:-1]
        if not widths or widths[0] < 2:
            continue
        consistent = sum(w == widths[0] for w in widths) / len(widths)
        score = (consistent, widths[0], delimiter == preferred)
        if score > best:
            best, choice = score, delimiter
    return choice


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252 (undefined ones as U+FFFD)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("lerende_scan.cp1252", _cp1252_bytes)


def mixed_utf8(content: Content, encoding: str) -> Content:
    """The file as UTF-8 where it is UTF-8 and cp1252 where it is not, as a new in-memory UTF-8 content.

    The encoding is decided on the first megabyte (a BOM decides without looking further). When a later
    part is not UTF-8, the file was either cp1252 with its first accent further on (then the first part
    is ASCII and reads the same either way) or pieced together from two sources (rows pasted in from Dutch
    Excel). Reading each byte sequence in the one encoding it fits keeps "Zoë" one company in both parts,
    where reading everything as cp1252 would make the UTF-8 part "ZoÃ«". Costs a decode of the whole file,
    on this rare path only.
    """
    with content.mapped() as mapped:
        text = codecs.decode(bytes(mapped), encoding, errors="lerende_scan.cp1252")
    return Content(buffer=text.encode("utf-8"))


@contextmanager
def decode_failures(into: list[UnicodeDecodeError]) -> Iterator[None]:
    """Collect the UnicodeDecodeErrors that pyarrow swallows while the block runs.

    pyarrow decodes a rejected row's text for the ``invalid_row_handler`` before calling it; when the row
    is not valid UTF-8 that fails inside Cython, and Python's unraisable hook prints a raw traceback on
    stderr. The hook is replaced for the block (other unraisable exceptions go to the usual hook), so the
    caller learns of the failure and the user sees no traceback.
    """
    previous = sys.unraisablehook

    def hook(event: sys.UnraisableHookArgs) -> None:
        if isinstance(event.exc_value, UnicodeDecodeError):
            into.append(event.exc_value)
        else:
            previous(event)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = previous
