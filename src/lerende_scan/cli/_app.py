"""The Typer app and the one place that turns findings and errors into terminal output and exit codes."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn, Protocol, TextIO, TypeVar

import typer
import typer.core
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.exceptions import TyperException

from lerende_scan import __version__
from lerende_scan.dates import set_aside_malformed_epoch
from lerende_scan.errors import Code, ExitCode, Finding, ScanError, Severity
from lerende_scan.pipeline import FINDINGS_FILE

T = TypeVar("T")

HELP = """Score and report learning-organisation scans (lerende-organisatie-scan).

Examples:

  scan validate questionnaires/

  scan score examples/responses.csv

  scan score export.csv --out rapporten/ --lang en

  scan benchmark data/*.csv --name "VVT Noord-Holland 2026"

Exit codes: 0 done, 1 problems in the input (the messages say which), 2 wrong command line,
70 a bug in lerende-scan, 130 interrupted.
"""

USAGE_CODES = frozenset(
    {Code.UNKNOWN_FORMAT, Code.BAD_DATE, Code.BAD_EPOCH, Code.UNKNOWN_LANGUAGE_OPTION, Code.OUT_NOT_A_FOLDER}
    | {Code.COMPANY_COLUMN_TAKEN}  # --company-column names an item or the respondent id column
    | {Code.INVITED_SEVERAL_COMPANIES}  # --invited N for an export of several companies
    | {Code.CIRCLE_SIZES_INVALID}  # --min-size, --size and --max-size out of order
)
"""Catalogue entries that are mistakes on the command line, not in the input: exit 2."""

app = typer.Typer(
    help=HELP,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=True,
)

# No emoji codes: a location "file:100:1" would print as "file💯1", a key ":smile:" as a smiley.
console = Console(soft_wrap=True, emoji=False, highlight=False)  # highlighting a long name took minutes
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _plain_help_types() -> None:
    """Help shows ``RESPONSES...`` and bare flags, not Python types (``<list[Path]>``, ``{responses}``,
    ``<bool>``).

    Typer 0.2x prints each parameter's annotation in the help and wraps required arguments in braces;
    people running ``scan score --help`` read those as syntax. Options that take a value get a metavar
    where they are declared (FILE, DIR, N, LANG ...); flags, --help included, show none.
    """
    option_type = typer.core.TyperOption.display_type_rich

    def flag_type(self: typer.core.TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag and self.metavar is None else option_type(self, ctx)

    def usage_name(self: typer.core.TyperArgument) -> str:
        name = (self.metavar or self.name or "").upper()
        if self.nargs != 1:
            name += "..."
        return name if self.required else f"[{name}]"

    typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    typer.core.TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
    typer.core.TyperOption.display_type_rich = flag_type  # type: ignore[method-assign]


_plain_help_types()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scan (lerende-scan) {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Score and report learning-organisation scans (lerende-organisatie-scan)."""
    set_aside_malformed_epoch()  # before numpy.f2py (through scipy) reads it with int()
    if ctx.invoked_subcommand is None:  # a bare `scan`: the overview, and no error
        typer.echo(ctx.get_help())
        raise typer.Exit(ExitCode.OK)


EXAMPLES_PER_CODE = 3
"""Findings of one catalogue code shown on the terminal before the rest are counted (see ``summary_in``)."""


def print_findings(
    findings: Iterable[Finding], *, summary_in: str | None = None, summarise: bool | None = None
) -> None:
    """One line per finding on stderr; errors in red, warnings in yellow when on a terminal.

    With ``summary_in`` (the findings file a run wrote), each catalogue code shows its first
    :data:`EXAMPLES_PER_CODE` findings and then one line counting the rest: 500 companies with a low
    alpha each are three examples and a count, not 500 lines. ``summarise=True`` without a file counts the
    rest the same way (a run that stopped wrote no findings file).
    """
    if summarise is None:
        summarise = summary_in is not None
    shown: dict[Code, int] = {}
    hidden: dict[Code, int] = {}
    for f in findings:
        if summarise and shown.get(f.code, 0) >= EXAMPLES_PER_CODE:
            hidden[f.code] = hidden.get(f.code, 0) + 1
            continue
        shown[f.code] = shown.get(f.code, 0) + 1
        _print(f)
    for code, count in hidden.items():
        if summary_in is None:
            _print(Finding(Code.MORE_FINDINGS_UNWRITTEN, params={"count": count, "code": code.id}))
        else:
            _print(Finding(Code.MORE_FINDINGS, params={"count": count, "code": code.id, "file": summary_in}))


def _print(finding: Finding) -> None:
    style = "red" if finding.severity is Severity.ERROR else "yellow"
    err_console.print(str(finding), style=style, markup=False, overflow="ignore", crop=False)


def exit_code_of(exc: ScanError) -> ExitCode:
    """2 when every error is a command-line mistake, else 1 (the warnings gathered before it, such as
    straight-lining, do not make a mistake on the command line a data problem)."""
    errors = [f for f in exc.findings if f.severity is Severity.ERROR]
    usage = all(f.code in USAGE_CODES for f in errors)
    return ExitCode.USAGE if usage and errors else ExitCode.FINDINGS


def fail(exc: ScanError) -> NoReturn:
    print_findings(exc.findings, summarise=len(exc.findings) > 20)
    raise typer.Exit(exit_code_of(exc))


def file_system_refused(exc: OSError) -> Finding:
    """X005 for a path the operating system would not read or write, named as the system named it."""
    path = exc.filename if isinstance(exc.filename, (str, bytes, os.PathLike)) else ""
    reason = exc.strerror or type(exc).__name__
    return Finding(Code.FILE_SYSTEM_REFUSED, file=os.fsdecode(path), params={"reason": reason})


class StdoutRefused(OSError):
    """Writing to standard output failed (``> /dev/full``, a closed pipe): not a path under ``--out``, so
    not X005; :func:`lerende_scan.cli.main` reports it as X007."""


class CheckedStdout:
    """``sys.stdout`` that turns a failed write or flush into :class:`StdoutRefused`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise StdoutRefused(exc.errno, exc.strerror) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise StdoutRefused(exc.errno, exc.strerror) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def guarded(fn: Callable[[], T]) -> T:
    """Run core work; a ScanError becomes its catalogue lines and exit 1 (2 for usage), Ctrl-C exit 130."""
    try:
        return fn()
    except ScanError as exc:
        fail(exc)
    except (TyperException, typer.Exit, StdoutRefused):  # Typer's to show, and main's (X007)
        raise
    except OSError as exc:  # the machine's mistake or the user's (a full disk, a read-only folder), not ours
        fail(ScanError(file_system_refused(exc)))
    except KeyboardInterrupt as exc:
        written = getattr(exc, "written", "nothing was written")  # pipeline.RunInterrupted says what was
        _print(Finding(Code.INTERRUPTED, params={"written": written}))
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except Exception as exc:  # a bug, not the user's mistake: one line, and the traceback on request
        if os.environ.get("LERENDE_SCAN_DEBUG"):
            raise
        _print(Finding(Code.INTERNAL_ERROR, params={"error": f"{type(exc).__name__}: {exc}"}))
        raise typer.Exit(ExitCode.INTERNAL) from None


class _Run(Protocol):
    """What a pipeline run returns, as far as the CLI cares."""

    @property
    def findings(self) -> list[Finding]: ...

    @property
    def failed(self) -> bool: ...


RunT = TypeVar("RunT", bound=_Run)


def run_pipeline(
    lang: str | None, out: Path, call: Callable[[TerminalProgress], RunT], show: Callable[[RunT], None]
) -> None:
    """What ``scan score`` and ``scan benchmark`` do once their options are parsed: run the pipeline with
    progress, print its findings (summarised; all of them are in the run's findings file) and its summary,
    and exit 1 when an input could not be used."""

    def work() -> ExitCode:
        with terminal_progress(lang) as progress:
            run = call(progress)
        print_findings(run.findings, summary_in=str(out / FINDINGS_FILE))
        show(run)
        return ExitCode.FINDINGS if run.failed else ExitCode.OK

    code = guarded(work)
    if code is not ExitCode.OK:
        raise typer.Exit(code)


def is_tty() -> bool:
    return sys.stderr.isatty()


class TerminalProgress:
    """The pipeline's :class:`~lerende_scan.pipeline.Progress`: on a terminal a rich bar per stage, from
    reading the first file on; otherwise (CI logs, pipes) one line per finished stage with its time."""

    def __init__(self, progress: Progress, labels: Callable[[str], str]) -> None:
        self._progress = progress
        self._labels = labels

    def stage(self, label: str, total: int) -> Callable[[object], None]:
        text = self._labels(label)
        if self._progress.disable:
            started = time.perf_counter()
            count = [0]

            def line(_step: object) -> None:
                count[0] += 1
                if count[0] == total:
                    seconds = time.perf_counter() - started
                    counted = f" ({total})" if total > 1 else ""
                    err_console.print(f"{text}{counted}: {seconds:.1f} s", markup=False, highlight=False)

            return line
        task = self._progress.add_task(text, total=total)
        return lambda _step: self._progress.advance(task)


def progress_labels(lang: str | None) -> Callable[[str], str]:
    """Stage labels from strings.yaml in ``lang``; before the questionnaire is known (``None``, or a
    language that --lang checks later), in the first language the label has."""
    from lerende_scan.texts import strings

    def label(key: str) -> str:
        texts = strings().get(key, {})
        return texts.get(lang or "", next(iter(texts.values()), key))

    return label


@contextlib.contextmanager
def terminal_progress(lang: str | None) -> Iterator[TerminalProgress]:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not is_tty(),
        transient=True,
    ) as progress:
        yield TerminalProgress(progress, progress_labels(lang))
