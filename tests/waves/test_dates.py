"""A wave's date and its report's date follow the one rule in :mod:`lerende_scan.dates`."""

from __future__ import annotations

import datetime as dt

import pytest

from lerende_scan.dates import run_date, set_aside_malformed_epoch
from lerende_scan.errors import Code, ScanError
from lerende_scan.report.render import ReportOptions, report_date
from lerende_scan.waves.stamp import scan_date


@pytest.mark.parametrize("epoch", ["1767225600", "", "  "])
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


def test_the_last_second_of_9999_is_the_last_epoch_a_date_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert run_date() == dt.date(9999, 12, 31)


@pytest.mark.parametrize("epoch", ["abc", "1e9", "-5", "1.5", "253402300800", "9" * 5000, "١٢٣"])
def test_a_malformed_epoch_is_a_catalogue_error_unless_a_date_is_given(
    monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(ScanError) as caught:
        run_date()
    assert [f.code for f in caught.value.findings] == [Code.BAD_EPOCH]
    assert run_date(dt.date(2025, 6, 16)) == dt.date(2025, 6, 16)


def test_a_malformed_epoch_set_aside_from_the_environment_is_still_reported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    import lerende_scan.dates as dates

    monkeypatch.setattr(dates, "_set_aside", None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1e9")
    set_aside_malformed_epoch()
    assert "SOURCE_DATE_EPOCH" not in os.environ  # numpy.f2py can no longer trip over it
    with pytest.raises(ScanError):
        run_date()
