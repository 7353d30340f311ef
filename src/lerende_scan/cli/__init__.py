"""The ``scan`` command: a thin Typer layer over the core. Each command lives in its own module."""

from lerende_scan.cli import validate as _validate  # noqa: F401  (importing registers the commands)
from lerende_scan.cli._app import app

__all__ = ["app"]
