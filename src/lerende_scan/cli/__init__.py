"""The ``scan`` command: a thin Typer layer over the core. Each command lives in its own module."""

import os
import sys

import typer
from typer.exceptions import TyperException

# Importing the command modules registers their commands on ``app``.
from lerende_scan.cli import benchmark as _benchmark  # noqa: F401
from lerende_scan.cli import circles as _circles  # noqa: F401
from lerende_scan.cli import diff as _diff  # noqa: F401
from lerende_scan.cli import score as _score  # noqa: F401
from lerende_scan.cli import validate as _validate  # noqa: F401
from lerende_scan.cli._app import CheckedStdout, StdoutRefused, app
from lerende_scan.errors import Code, ExitCode, Finding, inert

__all__ = ["app", "main"]


def main() -> None:
    """The ``scan`` console command (and ``python -m lerende_scan``).

    A mistake on the command line is one line on stderr, like every other message, with exit 2: Typer
    would frame it in a box of wrapped lines. Tests call :data:`app` through Typer's runner.
    """
    sys.stdout = CheckedStdout(sys.stdout)
    try:
        code = app(prog_name="scan", standalone_mode=False)
        sys.stdout.flush()
    except StdoutRefused as exc:  # `scan schema > /dev/full`, a pipe closed early: one line, no traceback
        # Point the descriptor at /dev/null, or the interpreter's last flush would print a traceback too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.__stdout__.fileno() if sys.__stdout__ else 1)
        reason = exc.strerror or type(exc).__name__
        print(Finding(Code.STDOUT_REFUSED, params={"reason": reason}), file=sys.stderr)
        sys.exit(ExitCode.FINDINGS)
    except typer.Abort:  # Ctrl-C while the command line is read
        sys.exit(ExitCode.INTERRUPTED)
    except TyperException as exc:  # click's usage errors, as Typer vendors them
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "scan"
        message = inert(" ".join(str(exc.format_message()).split()), 1000)
        print(f"{where}: error: {message} (see '{where} --help')", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", ExitCode.USAGE))
    sys.exit(code if isinstance(code, int) else 0)
