"""A text file's dialect: its encoding (or why it is not text) and its delimiter, from a sample.

Exports arrive as UTF-8 with or without BOM, UTF-16 (Excel's "Unicode text"), or cp1252 from Dutch
Excel, separated by ``,``, ``;``, tab or ``|``.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata

from lerende_scan.errors import Code, ScanError

__all__ = ["DELIMITERS", "detect_encoding", "sniff_delimiter"]

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
