"""Command-line options shared by ``scan score`` and ``scan benchmark``, and their parsing into values.

Declared once, so the names, metavars and help texts stay the same in every command. Parsing errors are
usage errors (exit 2) that name the option.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from lerende_scan.cli._app import fail
from lerende_scan.dates import run_date
from lerende_scan.errors import Code, ScanError
from lerende_scan.pipeline import DEFAULT_FORMATS, FORMATS

__all__ = [
    "DEFAULT_FORMATS_TEXT",
    "EXIT_CODES",
    "CompanyColumnOption",
    "DateOption",
    "FormatsOption",
    "JobsOption",
    "LangOption",
    "OutOption",
    "QuestionnaireOption",
    "parse_date",
    "parse_formats",
]

EXIT_CODES = (
    "Exit codes: 0 done; 1 problems in the input (one line each: file, row or line, what and how to fix);"
    " 2 wrong command line; 70 a bug in lerende-scan; 130 interrupted."
)

QuestionnaireOption = Annotated[
    Path | None,
    typer.Option(
        "-q",
        "--questionnaire",
        exists=True,
        dir_okay=False,
        metavar="FILE",
        help="Questionnaire YAML (default: the shipped lerende-organisatie.yaml).",
    ),
]
DEFAULT_FORMATS_TEXT = ",".join(DEFAULT_FORMATS)
FormatsOption = Annotated[
    str, typer.Option("--format", "-f", metavar="LIST", help=f"Comma-separated: {', '.join(FORMATS)}.")
]
LangOption = Annotated[
    str | None,
    typer.Option(
        metavar="LANG", help="Report language, e.g. nl or en (default: the questionnaire's first language)."
    ),
]
CompanyColumnOption = Annotated[
    str | None,
    typer.Option(metavar="COLUMN", help="Column holding the company name (default: 'company' when present)."),
]
DateOption = Annotated[
    str | None,
    typer.Option(metavar="YYYY-MM-DD", help="Report date (default: SOURCE_DATE_EPOCH when set, else today)."),
]
OutOption = Annotated[
    Path, typer.Option("--out", "-o", file_okay=False, metavar="DIR", help="Output folder.")
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help="Parallel report workers (0 = all cores; at most one per core).",
    ),
]


def parse_formats(value: str) -> tuple[str, ...]:
    """``html,pdf`` -> ``('html', 'pdf')``; unknown names are a usage error (exit 2)."""
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(
            Code.UNKNOWN_FORMAT.template.format(
                format=",".join(unknown) or value, choices=", ".join(FORMATS)
            ),
            param_hint="--format",
        )
    return formats


def parse_date(value: str | None) -> dt.date | None:
    """``--date YYYY-MM-DD``; None leaves the choice (SOURCE_DATE_EPOCH, else today) to the report.

    Without ``--date`` a malformed ``SOURCE_DATE_EPOCH`` is a mistake in the command's environment: it
    is reported now (exit 2), not by each company's report halfway through the run.
    """
    if not value:
        try:
            run_date()
        except ScanError as exc:
            fail(exc)
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(Code.BAD_DATE.template.format(value=value), param_hint="--date") from None
