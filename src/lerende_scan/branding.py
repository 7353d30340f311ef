"""A consultancy's branding for report covers: a small YAML file with title, consultant and logo."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lerende_scan.errors import Code, Finding, ScanError, Severity
from lerende_scan.questionnaire.yaml import parse

__all__ = ["Branding", "load_branding"]

_LOGO_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/gif"}
_MAX_LOGO_BYTES = 2_000_000


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
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScanError.of(Code.BRANDING_INVALID, file=path, reason=str(exc).splitlines()[0]) from None
    data = _mapping(text, path)
    if set(data) - {"title", "consultant", "logo"}:
        raise ScanError.of(
            Code.BRANDING_INVALID, file=path, reason="expected only the keys title, consultant and logo"
        )
    for key, value in data.items():
        if value is not None and not isinstance(value, str | int | float):
            reason = f"{key} must be text, not a list or mapping"
            raise ScanError.of(Code.BRANDING_INVALID, file=path, reason=reason)
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


def _mapping(text: str, path: Path) -> dict[str, Any]:
    """The file's plain data, parsed as questionnaires are: YAML's core types only, no alias bombs, no
    integers Python cannot print; each problem an O003 at its line and column. An empty file (or one of
    comments) is no branding."""
    parsed = parse(text, str(path))
    if isinstance(parsed, list):
        if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
            return {}
        found = parsed
    else:
        found = [finding for _, finding in parsed.early if finding.severity is Severity.ERROR]
    if found:
        raise ScanError(
            Finding(Code.BRANDING_INVALID, f.file, f.line, f.col, params={"reason": f.message}) for f in found
        )
    assert not isinstance(parsed, list)
    return dict(parsed.data)
