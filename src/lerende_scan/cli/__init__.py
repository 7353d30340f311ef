"""The ``scan`` command: a thin Typer layer over the core. Each command lives in its own module."""

# Importing the command modules registers their commands on ``app``.
from lerende_scan.cli import benchmark as _benchmark  # noqa: F401
from lerende_scan.cli import circles as _circles  # noqa: F401
from lerende_scan.cli import diff as _diff  # noqa: F401
from lerende_scan.cli import score as _score  # noqa: F401
from lerende_scan.cli import validate as _validate  # noqa: F401
from lerende_scan.cli._app import app

__all__ = ["app"]
