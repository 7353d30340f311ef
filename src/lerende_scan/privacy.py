"""Temporary shim: the old path of :mod:`lerende_scan.scoring.privacy` (issue 9); the lead removes it."""

from lerende_scan.scoring.privacy import *  # noqa: F403  # re-exports the whole public API of the new module
from lerende_scan.scoring.privacy import __all__ as __all__
