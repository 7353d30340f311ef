"""Loading questionnaires: read files, parse, run the rules and pydantic, and return a model or findings.

:func:`validate_text` is the pure core (text in, model and findings out); :func:`load_questionnaire` and
:func:`validate_paths` read files on top of it and never print.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from lerende_scan.errors import Code, Finding, ScanError, Severity
from lerende_scan.questionnaire.locate import Located
from lerende_scan.questionnaire.messages import add_pydantic_errors
from lerende_scan.questionnaire.model import Questionnaire
from lerende_scan.questionnaire.rules import check_rules
from lerende_scan.questionnaire.yaml import parse
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir

__all__ = ["ValidationReport", "load_questionnaire", "not_utf8_at", "validate_paths", "validate_text"]


@dataclass(frozen=True)
class ValidationReport:
    """What ``validate_paths`` checked and what it found (in file order, then line order)."""

    files: list[Path]
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


def validate_text(text: str, file: str) -> tuple[Questionnaire | None, list[Finding]]:
    """Parse and check one questionnaire; returns the model (None when any error) and all findings."""
    try:
        parsed = parse(text, file)
        if isinstance(parsed, list):
            return None, parsed
        found = Located(file, parsed)
        model = _check(found)
    except RecursionError:  # thousands of nested brackets; no questionnaire nests that deep
        return None, [
            Finding(Code.YAML_SYNTAX, file, 1, 1, params={"problem": "the data is nested too deeply"})
        ]
    return model, found.findings()


def _check(found: Located) -> Questionnaire | None:
    """The semantic rules first, so they can silence pydantic where they say it better."""
    check_rules(found)
    model: Questionnaire | None = None
    try:
        model = Questionnaire.model_validate(found.data)
    except ValidationError as exc:
        add_pydantic_errors(found, exc)
    return None if found.has_errors() else model


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """Load a questionnaire (the shipped default when ``path`` is None); raise ScanError when invalid.

    Warnings (such as a factor with one item) do not stop loading; callers that want them use
    :func:`validate_text`.
    """
    path = path or questionnaires_dir() / DEFAULT_QUESTIONNAIRE
    text = _read(path)
    if isinstance(text, Finding):
        raise ScanError(text)
    model, findings = validate_text(text, str(path))
    if model is None:
        raise ScanError([f for f in findings if f.severity is Severity.ERROR])
    return model


def validate_paths(paths: Sequence[Path]) -> ValidationReport:
    """Validate files and folders (folders: ``*.yaml``/``*.yml`` below them, hidden folders skipped)."""
    files: list[Path] = []
    findings: list[Finding] = []
    for path in paths:
        if path.is_dir():
            found = _questionnaire_files(path)
            if not found:
                findings.append(Finding(Code.NO_QUESTIONNAIRES, file=str(path)))
            files.extend(found)
        else:
            files.append(path)
    files = list(dict.fromkeys(files))  # a file named twice (or via its folder) is checked once
    for file in files:
        text = _read(file)
        if isinstance(text, Finding):
            findings.append(text)
        else:
            findings.extend(validate_text(text, str(file))[1])
    return ValidationReport(files=files, findings=findings)


def _questionnaire_files(folder: Path) -> list[Path]:
    found = [
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in (".yaml", ".yml")
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found)


MAX_QUESTIONNAIRE_BYTES = 8 << 20
"""A questionnaire is a few kilobytes (the shipped one 20 kB); /dev/zero given as one was read without end."""


def _read(path: Path) -> str | Finding:
    """The file's text, or why it cannot be a questionnaire: not a regular file (a pipe would block the
    run, a device never end), too large, not UTF-8, not readable."""
    try:
        if not path.is_file():
            reason = "no such file" if not path.exists() else "a folder, pipe or device, not a regular file"
            return Finding(Code.FILE_UNREADABLE, file=str(path), params={"reason": reason})
        with path.open("rb") as fh:
            data = fh.read(MAX_QUESTIONNAIRE_BYTES + 1)
        if len(data) > MAX_QUESTIONNAIRE_BYTES:
            reason = f"larger than {MAX_QUESTIONNAIRE_BYTES >> 20} MiB; a questionnaire is a few kilobytes"
            return Finding(Code.FILE_UNREADABLE, file=str(path), params={"reason": reason})
        data = data.removeprefix(codecs.BOM_UTF8)  # accepted, and not counted in a column
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(data, exc, str(path))
    except OSError as exc:
        return Finding(Code.FILE_UNREADABLE, file=str(path), params={"reason": exc.strerror or str(exc)})


_UNICODE_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
)


def _not_utf8(data: bytes, exc: UnicodeDecodeError, file: str) -> Finding:
    """Q111 at the first byte that is not UTF-8."""
    line, col, problem = not_utf8_at(data, exc)
    return Finding(Code.NOT_UTF8, file, line, col, params={"problem": problem})


def not_utf8_at(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int, str]:
    """Where ``data`` stops being UTF-8 (line, column in characters, as YAML's own messages count) and what
    is there; ``data`` is what was decoded, without a UTF-8 BOM.

    The encoding is not guessed: questionnaires are UTF-8, and a guess could read a wrong letter into a
    statement. Only a UTF-16/32 byte order mark names its encoding, since that is certain.
    """
    for bom, name in _UNICODE_BOMS:
        if data.startswith(bom):
            return 1, 1, f"the file is {name} text (it starts with that byte order mark)"
    start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    before = data[line_start:start].decode("utf-8")
    line, col = data.count(b"\n", 0, start) + 1, len(before) + 1
    return line, col, f"the byte 0x{data[start]:02X} is not UTF-8 ({exc.reason})"
