"""A consultancy's branding for report covers: a small YAML file with title, consultant and logo."""

from __future__ import annotations

import codecs
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lerende_scan.errors import Code, Finding, ScanError, Severity, did_you_mean, inert
from lerende_scan.questionnaire.load import not_utf8_at
from lerende_scan.questionnaire.yaml import Parsed, mark, parse

__all__ = ["KEYS", "MAX_BRANDING_BYTES", "Branding", "load_branding"]

_LOGO_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/gif"}
_MAX_LOGO_BYTES = 2_000_000
MAX_BRANDING_BYTES = 1 << 20
"""Far above any branding file (three short lines); the logo is a file of its own."""
KEYS = ("title", "consultant", "logo")
"""The keys a branding file may hold."""
_KNOWN = "title, consultant and logo"


@dataclass(frozen=True)
class Branding:
    title: str | None = None
    consultant: str | None = None
    logo: bytes | None = None
    logo_mime: str | None = None


def load_branding(path: Path) -> Branding:
    """Read ``branding.yaml``: ``{title: ..., consultant: ..., logo: logo.png}`` (logo relative to the file).

    The logo is read here, once, and embedded as a data URI by the report, so the PDF renderer never needs
    to fetch a file.
    """
    try:
        raw = _read(path).removeprefix(codecs.BOM_UTF8)
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:  # a Dutch "Eén" saved by Windows: say where, as for a questionnaire
        at_line, at_col, problem = not_utf8_at(raw, exc)
        reason = f"{problem}; expected UTF-8 text; save it as UTF-8"
        raise ScanError.of(
            Code.BRANDING_INVALID, file=path, line=at_line, col=at_col, reason=reason
        ) from None
    except OSError as exc:
        raise ScanError.of(Code.BRANDING_INVALID, file=path, reason=str(exc).splitlines()[0]) from None
    parsed = _parsed(text, path)
    data = dict(parsed.data) if parsed is not None else {}
    unknown = [key for key in data if key not in KEYS]
    if unknown:
        raise ScanError(_unknown_key(key, parsed, path) for key in unknown)
    for key, value in data.items():
        if value is not None and not isinstance(value, str | int | float):
            line, col = _at(parsed, key, "value")
            reason = f"{key} must be text, not a list or mapping"
            raise ScanError.of(Code.BRANDING_INVALID, file=path, line=line, col=col, reason=reason)
    logo = mime = None
    if data.get("logo"):
        name = str(data["logo"])
        if "\0" in name:
            raise ScanError.of(
                Code.BRANDING_INVALID, file=path, reason="the logo's name holds a NUL character"
            )
        logo_path = (path.parent / name).resolve()
        mime = mimetypes.guess_type(logo_path.name)[0]
        if mime not in _LOGO_TYPES:
            raise ScanError.of(
                Code.BRANDING_INVALID,
                file=path,
                reason=f"logo must be PNG, JPEG, GIF or SVG: {logo_path.name}",
            )
        logo = _read_logo(logo_path, path)
    return Branding(
        title=str(data["title"]) if data.get("title") else None,
        consultant=str(data["consultant"]) if data.get("consultant") else None,
        logo=logo,
        logo_mime=mime,
    )


def _read(path: Path) -> bytes:
    """The file's bytes, from a regular file of at most :data:`MAX_BRANDING_BYTES` (``--branding /dev/zero``
    was read until memory ran out, a pipe blocked the run)."""
    if not path.is_file():
        raise ScanError.of(
            Code.BRANDING_INVALID, file=path, reason="a folder, pipe or device, not a regular file"
        )
    with path.open("rb") as fh:
        raw = fh.read(MAX_BRANDING_BYTES + 1)
    if len(raw) > MAX_BRANDING_BYTES:
        reason = f"larger than {MAX_BRANDING_BYTES >> 10} KiB; a branding file is three short lines"
        raise ScanError.of(Code.BRANDING_INVALID, file=path, reason=reason)
    return raw


def _read_logo(logo_path: Path, path: Path) -> bytes:
    """The logo's bytes; a regular file of at most 2 MB (checked before reading: a pipe or a huge file
    named logo.png would otherwise block or fill the memory)."""
    try:
        if not logo_path.is_file():
            raise ScanError.of(
                Code.BRANDING_INVALID, file=path, reason=f"logo {logo_path.name} is not a file"
            )
        if logo_path.stat().st_size > _MAX_LOGO_BYTES:
            raise ScanError.of(Code.BRANDING_INVALID, file=path, reason="logo is larger than 2 MB")
        return logo_path.read_bytes()
    except OSError as exc:
        reason = f"cannot read logo {logo_path.name[:60]}: {exc.strerror or exc}"
        raise ScanError.of(Code.BRANDING_INVALID, file=path, reason=reason) from None


def _parsed(text: str, path: Path) -> Parsed | None:
    """The file's nodes and plain data, parsed as questionnaires are: YAML's core types only, no alias
    bombs, no integers Python cannot print; each problem an O003 at its line and column. An empty file (or
    one of comments) is no branding (None)."""
    parsed = parse(text, str(path))
    if isinstance(parsed, list):
        if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
            return None
        for f in parsed:
            if f.code is Code.NOT_A_MAPPING:  # its message speaks of questionnaires
                got = str(f.params["got"])
                raise ScanError(
                    Finding(
                        Code.BRANDING_NOT_A_MAPPING,
                        f.file,
                        f.line,
                        f.col,
                        params={"got": got, "known": _KNOWN, "fix": _mapping_fix(got, text)},
                    )
                )
        found = parsed
    else:
        found = [finding for _, finding in parsed.early if finding.severity is Severity.ERROR]
    if found:
        raise ScanError(
            Finding(Code.BRANDING_INVALID, f.file, f.line, f.col, params={"reason": f.message}) for f in found
        )
    assert not isinstance(parsed, list)
    return parsed


def _mapping_fix(got: str, text: str) -> str:
    """How to turn what the file holds into the mapping: a list loses its dashes, a bare value gets a key."""
    if got == "a list":
        return "remove the '- ' in front of each key"
    lines = (line.strip() for line in text.splitlines())
    first = next((line for line in lines if line and not line.startswith(("#", "---"))), "...")
    return f"put a key in front of the value, such as 'title: {inert(first)}'"


def _unknown_key(key: Any, parsed: Parsed | None, path: Path) -> Finding:
    """O008 at the key, with the near miss: `titel` is `title`, and `logo_path` or `logo_file` is `logo`."""
    name = str(key)
    hint = did_you_mean(name, KEYS) or next(
        (k for k in KEYS if name.lower().startswith(k) or name.lower().endswith(k)), None
    )
    fix = f"did you mean '{hint}'?" if hint else "remove it, or rename it to one of those"
    line, col = _at(parsed, key, "key")
    return Finding(
        Code.BRANDING_UNKNOWN_KEY, str(path), line, col, params={"key": name, "known": _KNOWN, "fix": fix}
    )


def _at(parsed: Parsed | None, key: Any, part: str) -> tuple[int | None, int | None]:
    """The 1-based line and column of a top-level key (or its value), when the file shows it."""
    key_node, value_node = parsed.nodes.get((key,), (None, None)) if parsed is not None else (None, None)
    node = key_node if part == "key" else value_node
    return mark(node) if node is not None else (None, None)
