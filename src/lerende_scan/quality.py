"""Temporary shim: the old path of :mod:`lerende_scan.scoring.quality` (issue 9); the lead removes it."""

from lerende_scan.scoring.quality import *  # noqa: F403  # re-exports the whole public API of the new module
from lerende_scan.scoring.quality import __all__ as __all__
