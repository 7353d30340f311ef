"""Temporary shim: answer parsing moved to :mod:`lerende_scan.ingest.answers`; the lead removes this."""

from lerende_scan.ingest.answers import (
    MISSING,
    OK,
    REJECTED,
    AnswerParser,
    ParsedCodes,
    factorize,
    normalise_text,
    parse_codes,
)

__all__ = [
    "MISSING",
    "OK",
    "REJECTED",
    "AnswerParser",
    "ParsedCodes",
    "factorize",
    "normalise_text",
    "parse_codes",
]
