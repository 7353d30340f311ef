"""Findings and the exception that carries them: a catalogue entry, where it happened, and its values.

``str(finding)`` is the one physical line a user sees: ``location: severity[ID]: message``. User text in it
(file and column names, company names, quoted cells) is made inert first: control characters, line breaks
and bidirectional overrides become visible escapes (``\x1b``), so a department named ``Zorg\x1b[2J`` cannot
clear a terminal and a finding still parses as ``file:line:col`` in CI logs; a quoted value is cut at
:data:`QUOTE_LIMIT` characters with an ellipsis, so a 10,000-character name is not echoed whole.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from lerende_scan.errors.catalogue import Code, ExitCode, Severity

__all__ = ["PERSONAL_PARAMS", "QUOTE_LIMIT", "Finding", "ScanError", "did_you_mean", "exit_code_for", "inert"]

QUOTE_LIMIT = 60
"""Characters of one user-provided value quoted in a message; longer values end in an ellipsis."""
_COMPOSED_LIMIT = 400
"""Parameters the code composes from several short values (lists of headers, reasons) get more room."""
_COMPOSED = frozenset(
    {
        "expected",
        "found",
        "closest",
        "columns",
        "reasons",
        "suggestion",
        "where",
        "what",
        "languages",
        "choices",
    }
    | {"written", "error", "problem", "reason", "theirs", "ours", "example", "groups", "chain", "changes"}
    | {"fix", "subfolders"}
)
# C0/C1 controls, DEL, line and paragraph separators, and the bidirectional embedding/override/isolate
# marks that can make a line read differently from what it holds; and lone surrogates, which is what the
# undecodable bytes of a file name become (they cannot be written as UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


_ESCAPE = re.compile(r"\\(?:[tnr]|x[0-9a-f]{2}|u[0-9a-f]{4})")
"""What :data:`_UNSAFE` characters become: ``\\n``, ``\\x1b``, ``\\u202e``."""


def inert(text: str, limit: int | None = QUOTE_LIMIT) -> str:
    """User text safe to print on one line: unsafe characters escaped, at most ``limit`` characters.

    The limit counts the escapes as printed: 400 line breaks are 800 characters on the screen, and a cut
    never splits an escape.
    """
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    if _UNSAFE.search(text):
        text = _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
        if limit is not None and len(text) > limit:
            end = limit - 1
            for m in _ESCAPE.finditer(text, max(0, end - 5), end + 5):
                if m.start() < end < m.end():
                    end = m.start()
            text = text[:end] + "…"
    return text


PERSONAL_PARAMS = frozenset({"answer"})
"""Finding parameters that quote respondents' answers: printed for the consultant, never written out."""


@dataclass(frozen=True)
class Finding:
    """One problem, located. ``str(finding)`` is the one-line message a user sees."""

    code: Code
    file: str = ""
    line: int | None = None
    col: int | None = None
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return self.code.severity

    @property
    def message(self) -> str:
        params = {
            k: inert(v, _COMPOSED_LIMIT if k in _COMPOSED else QUOTE_LIMIT) if isinstance(v, str) else v
            for k, v in self.params.items()
        }
        return self.code.template.format(**params)

    @property
    def location(self) -> str:
        file = inert(self.file, None)
        if self.line is not None:
            return f"{file}:{self.line}:{self.col or 1}"
        parts = [p for p in (file, f"row {self.row}" if self.row else "") if p]
        if self.column is not None:
            parts.append(f"column '{inert(self.column)}'")
        return ", ".join(parts)

    def redacted(self) -> Finding:
        """This finding without what respondents typed, for the files a report goes out with.

        Parameters in :data:`PERSONAL_PARAMS` quote answers (an out-of-range cell may hold a name); the
        terminal shows them so the consultant can fix the export, written outputs leave them out. The file
        is named without its folder: a report must not carry the consultant's directory layout.
        """
        file = PurePath(self.file).name if self.file else self.file
        if not PERSONAL_PARAMS & self.params.keys() and file == self.file:
            return self
        return replace(
            self,
            file=file,
            params={**self.params, **dict.fromkeys(PERSONAL_PARAMS & self.params.keys(), "")},
        )

    def __str__(self) -> str:
        loc = self.location
        return f"{loc + ': ' if loc else ''}{self.severity.value}[{self.code.id}]: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """Machine-readable form, for ``--format json`` and CI annotations."""
        return {
            "code": self.code.id,
            "name": self.code.name,
            "severity": self.severity.value,
            "file": inert(self.file, None),
            "line": self.line,
            "col": self.col,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ScanError(Exception):
    """A user-caused problem that stops the work. Carries one or more findings."""

    def __init__(self, findings: Finding | Iterable[Finding]) -> None:
        self.findings: list[Finding] = [findings] if isinstance(findings, Finding) else list(findings)
        super().__init__("\n".join(str(f) for f in self.findings))

    @classmethod
    def of(cls, code: Code, /, file: str | object = "", **kw: Any) -> ScanError:
        """Shorthand: ``raise ScanError.of(Code.EMPTY_FILE, file=path)``."""
        loc = {k: kw.pop(k) for k in ("line", "col", "row", "column") if k in kw}
        return cls(Finding(code, file=str(file), params=kw, **loc))


def exit_code_for(findings: Iterable[Finding], *, strict: bool = False) -> ExitCode:
    """0 when clean; 1 when any error, or any warning under ``--strict``."""
    for f in findings:
        if f.severity is Severity.ERROR or strict:
            return ExitCode.FINDINGS
    return ExitCode.OK


def did_you_mean(word: str, choices: Iterable[str], *, max_distance: int = 2) -> str | None:
    """The closest choice within ``max_distance`` edits (case-insensitive), or None; never ``word``
    itself, which is no hint ("no leader column 'fb1'; did you mean 'fb1'?" when fb1 was an item)."""
    choices = [choice for choice in choices if choice != word]
    best: tuple[int, str] | None = None
    for choice in choices:
        d = _edit_distance(word.lower(), choice.lower())
        if d <= max_distance and (best is None or d < best[0]):
            best = (d, choice)
    if best is None:
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.8)
        return close[0] if close else None
    return best[1]


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance; inputs are short keys and headers, so the O(len²) table is fine."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
