"""Temporary shim: the writers moved to :mod:`lerende_scan.output` (removed when the re-housing is done)."""

from lerende_scan.output import *  # noqa: F403
from lerende_scan.output import __all__ as __all__
