"""Pausing Python's cyclic garbage collector around bursts of allocation.

Scoring builds tens of thousands of small result models, and rendering a report keeps matplotlib artists
and WeasyPrint's boxes, styles and layout state (some 80,000 objects per PDF) alive until the document is
done. Generational collections meanwhile re-scan every live object, the caller's data included, for
garbage that cannot exist yet: measured, that doubled model building at 500 companies and cost a fifth of
the PDF time and a twelfth of the HTML time. Paused, the collector frees whatever cycles arose (a report's
~20 MB) in one pass once it runs again.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block, then restore the state the caller left it in."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
