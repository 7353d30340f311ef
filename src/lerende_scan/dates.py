"""The one rule for "which day is this run": the given date, else ``SOURCE_DATE_EPOCH``, else today.

The report date (:func:`lerende_scan.report.render.report_date`) and a wave's date
(:func:`lerende_scan.waves.stamp.scan_date`) must agree, or a wave would be filed under another day than
its report shows. This module imports only the standard library, so the scoring path can use it without
loading Jinja2 or matplotlib.
"""

from __future__ import annotations

import datetime as dt
import os

__all__ = ["run_date"]


def run_date(date: dt.date | None = None) -> dt.date:
    """``date`` when given, else ``SOURCE_DATE_EPOCH`` (reproducible builds, in UTC), else today."""
    if date is not None:
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
