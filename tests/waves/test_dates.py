"""A wave's date and its report's date follow the one rule in :mod:`lerende_scan.dates`."""

from __future__ import annotations

import datetime as dt

import pytest

from lerende_scan.dates import run_date
from lerende_scan.report.render import ReportOptions, report_date
from lerende_scan.waves.stamp import scan_date


@pytest.mark.parametrize("epoch", ["1767225600", "", "not a number"])
def test_wave_date_and_report_date_agree(monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    expected = dt.date(2026, 1, 1) if epoch.isdigit() else dt.date.today()
    assert run_date() == scan_date(None) == report_date(ReportOptions()) == expected
    given = dt.date(2025, 6, 16)
    assert run_date(given) == scan_date(given) == report_date(ReportOptions(date=given)) == given


def test_dates_module_is_light() -> None:
    import subprocess
    import sys

    code = "import sys, lerende_scan.dates; print('jinja2' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
