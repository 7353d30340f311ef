"""A consultancy's branding for report covers: a small YAML file with title, consultant and logo."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path

import yaml

from lerende_scan.errors import Code, ScanError

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
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ScanError.of(Code.BRANDING_INVALID, file=path, reason=str(exc).splitlines()[0]) from None
    if not isinstance(data, dict) or set(data) - {"title", "consultant", "logo"}:
        raise ScanError.of(
            Code.BRANDING_INVALID, file=path, reason="expected only the keys title, consultant and logo"
        )
    logo = mime = None
    if data.get("logo"):
        logo_path = (path.parent / str(data["logo"])).resolve()
        mime = mimetypes.guess_type(logo_path.name)[0]
        if mime not in _LOGO_TYPES:
            raise ScanError.of(
                Code.BRANDING_INVALID,
                file=path,
                reason=f"logo must be PNG, JPEG, GIF or SVG: {logo_path.name}",
            )
        try:
            logo = logo_path.read_bytes()
        except OSError as exc:
            raise ScanError.of(
                Code.BRANDING_INVALID, file=path, reason=f"cannot read logo {logo_path.name}: {exc.strerror}"
            ) from None
        if len(logo) > _MAX_LOGO_BYTES:
            raise ScanError.of(Code.BRANDING_INVALID, file=path, reason="logo is larger than 2 MB")
    return Branding(
        title=str(data["title"]) if data.get("title") else None,
        consultant=str(data["consultant"]) if data.get("consultant") else None,
        logo=logo,
        logo_mime=mime,
    )
