"""The one rule for "which day is this run": the given date, else ``SOURCE_DATE_EPOCH``, else today.

The report date (:func:`lerende_scan.report.render.report_date`) and a wave's date
(:func:`lerende_scan.waves.stamp.scan_date`) must agree, or a wave would be filed under another day than
its report shows. This module imports only the standard library and the error catalogue, so the scoring
path can use it without loading Jinja2 or matplotlib.
"""

from __future__ import annotations

import datetime as dt
import os

from lerende_scan.errors import Code, ScanError

__all__ = ["EPOCH_VARIABLE", "run_date", "set_aside_malformed_epoch"]

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
_LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last second a date can hold
_set_aside: str | None = None  # a malformed value taken out of the environment (see set_aside_…)


def _epoch_date(value: str) -> dt.date | None:
    """The UTC date of an epoch value; None when it is malformed (not digits, or past year 9999)."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(_LAST_EPOCH)):
        return None
    seconds = int(value)
    if seconds > _LAST_EPOCH:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def set_aside_malformed_epoch() -> None:
    """Take a malformed ``SOURCE_DATE_EPOCH`` out of this process's environment, keeping it for
    :func:`run_date`.

    numpy's f2py (which scipy imports) reads the variable with ``int()`` at import time and fails on
    ``abc`` or ``1e9``: the run would end as an internal error before the catalogue could say what is
    wrong. Called before any command runs; an empty value is taken as unset.
    """
    global _set_aside
    value = os.environ.get(EPOCH_VARIABLE)
    if value is not None and _epoch_date(value) is None:
        del os.environ[EPOCH_VARIABLE]
        _set_aside = value if value.strip() else None


def run_date(date: dt.date | None = None) -> dt.date:
    """``date`` when given, else ``SOURCE_DATE_EPOCH`` (reproducible builds, in UTC), else today.

    A malformed ``SOURCE_DATE_EPOCH`` stops the run (as the reproducible-builds specification asks)
    only when no date was given: with ``--date`` it is not used.
    """
    if date is not None:
        return date
    value = os.environ.get(EPOCH_VARIABLE, _set_aside)
    if value is None or not value.strip():
        return dt.date.today()
    found = _epoch_date(value)
    if found is None:
        raise ScanError.of(Code.BAD_EPOCH, value=value[:40])
    return found
