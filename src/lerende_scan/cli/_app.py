"""The Typer app and the one place that turns findings and errors into output and exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lerende_scan import __version__
from lerende_scan.errors import ExitCode, Finding, ScanError, Severity

T = TypeVar("T")

HELP = """Score and report learning-organisation scans (lerende-organisatie-scan).

Examples:

  scan validate questionnaires/

  scan score examples/responses.csv

  scan score export.csv --out rapporten/ --lang en

  scan benchmark data/*.csv --name "VVT Noord-Holland 2026"
"""

# Options shared by several commands, declared once so their names and help stay the same.
QuestionnaireOption = Annotated[
    Path | None,
    typer.Option(
        "-q", "--questionnaire", exists=True, dir_okay=False, help="Questionnaire YAML (default: shipped)."
    ),
]
# What a run can write (see lerende_scan.exports.write_company).
FORMATS = ("html", "pdf", "json", "xlsx", "csv")
DEFAULT_FORMATS = ("html", "pdf", "json", "xlsx")
FormatsOption = Annotated[str, typer.Option("--format", "-f", help=f"Comma-separated: {', '.join(FORMATS)}.")]
DEFAULT_FORMATS_TEXT = ",".join(DEFAULT_FORMATS)
LangOption = Annotated[str | None, typer.Option(help="Report language, e.g. nl or en (default: first).")]
CompanyColumnOption = Annotated[
    str | None, typer.Option(help="Column holding the company name (default: 'company' when present).")
]
DateOption = Annotated[
    str | None, typer.Option(help="Report date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today).")
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=0, help="Parallel report workers (0 = all cores).")
]

app = typer.Typer(
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)

console = Console()
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scan (lerende-scan) {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Score and report learning-organisation scans (lerende-organisatie-scan)."""


def print_findings(findings: Iterable[Finding]) -> None:
    """One line per finding on stderr; errors in red, warnings in yellow when on a terminal."""
    for f in findings:
        style = "red" if f.severity is Severity.ERROR else "yellow"
        err_console.print(str(f), style=style, markup=False)


def fail(exc: ScanError) -> NoReturn:
    print_findings(exc.findings)
    raise typer.Exit(ExitCode.FINDINGS)


def guarded(fn: Callable[[], T]) -> T:
    """Run core work; a ScanError becomes its catalogue lines and exit 1, Ctrl-C exit 130."""
    try:
        return fn()
    except ScanError as exc:
        fail(exc)
    except KeyboardInterrupt:
        err_console.print("interrupted; no partial output was left behind", style="yellow")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except Exception as exc:  # a bug, not the user's mistake: one line, and the traceback on request
        if os.environ.get("LERENDE_SCAN_DEBUG"):
            raise
        err_console.print(
            f"internal error: {type(exc).__name__}: {exc}; this is a bug in lerende-scan, please report it"
            " (set LERENDE_SCAN_DEBUG=1 to see the traceback)",
            style="red",
            markup=False,
        )
        raise typer.Exit(ExitCode.INTERNAL) from None


def is_tty() -> bool:
    return sys.stderr.isatty()


@contextlib.contextmanager
def company_progress(total: int, label: str = "companies") -> Iterator[Callable[[object], None]]:
    """A rich progress bar on a terminal for runs of several companies; silent otherwise."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not is_tty() or total < 2,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _done: progress.advance(task)
