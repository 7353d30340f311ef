"""Findings and the exception that carries them: a catalogue entry, where it happened, and its values.

``str(finding)`` is the one line a user sees: ``location: severity[ID]: message``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from lerende_scan.errors.catalogue import Code, ExitCode, Severity

__all__ = ["PERSONAL_PARAMS", "Finding", "ScanError", "did_you_mean", "exit_code_for"]


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
        return self.code.template.format(**self.params)

    @property
    def location(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.col or 1}"
        parts = [p for p in (self.file, f"row {self.row}" if self.row else "") if p]
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def redacted(self) -> Finding:
        """This finding without what respondents typed, for the files a report goes out with.

        Parameters in :data:`PERSONAL_PARAMS` quote answers (an out-of-range cell may hold a name); the
        terminal shows them so the consultant can fix the export, written outputs leave them out.
        """
        if not PERSONAL_PARAMS & self.params.keys():
            return self
        return replace(
            self, params={**self.params, **dict.fromkeys(PERSONAL_PARAMS & self.params.keys(), "")}
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
            "file": self.file,
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
    """The closest choice within ``max_distance`` edits (case-insensitive), or None."""
    best: tuple[int, str] | None = None
    for choice in choices:
        d = _edit_distance(word.lower(), choice.lower())
        if d <= max_distance and (best is None or d < best[0]):
            best = (d, choice)
    if best is None:
        close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.8)
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
