"""Command-line options of the measurement waves, shared by ``scan score`` and ``scan benchmark``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from lerende_scan.errors import Code
from lerende_scan.waves.model import PRACTICAL_G

__all__ = [
    "DEFAULT_PRACTICAL_G",
    "PracticalGOption",
    "WaveNameOption",
    "check_out_apart",
    "parse_company_match",
]

WaveNameOption = Annotated[
    str | None,
    typer.Option(
        "--wave-name",
        metavar="TEXT",
        help="Name of this wave in the before-and-after part, e.g. 'nameting 2026' (default: its date).",
    ),
]
PracticalGOption = Annotated[
    float,
    typer.Option(
        "--practical-g",
        min=0.0,
        metavar="G",
        help="A change counts as practically relevant from |Hedges' g| = G up.",
    ),
]
DEFAULT_PRACTICAL_G = PRACTICAL_G


def parse_company_match(values: list[str] | None, *, what: str = "company") -> tuple[tuple[str, str], ...]:
    """``--company-match 'Old name=New name'`` (repeatable) -> ``(("Old name", "New name"), ...)``; with
    ``what="group"`` the same for ``--group-match``."""
    pairs = []
    for value in values or []:
        old, sep, new = value.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise typer.BadParameter(
                Code.WAVE_MATCH_OPTION.template.format(value=value, what=what), param_hint=f"--{what}-match"
            )
        pairs.append((old.strip(), new.strip()))
    return tuple(pairs)


def check_out_apart(out: Path, previous: Iterable[Path]) -> None:
    """Refuse an ``--out`` that would overwrite what an earlier wave is read from (W015).

    The run writes company folders, ``findings.txt`` and ``benchmark.json`` into ``--out``. What the earlier
    wave is read from: the folder given, or the file given and a ``companies/`` folder beside it (a
    benchmark's). None of it may lie in ``--out``, and ``--out`` may not lie in such a folder.
    """
    mine = out.resolve()
    for path in previous:
        theirs = path.resolve()
        read = [theirs] if theirs.is_dir() else [theirs, theirs.parent / "companies"]
        for source in read:
            if source.is_relative_to(mine) or (source.is_dir() and mine.is_relative_to(source)):
                raise typer.BadParameter(
                    Code.WAVE_OUT_OVERLAPS.template.format(out=out, previous=path), param_hint="--out"
                )
