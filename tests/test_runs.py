"""Run options: what a command line asks for, bounded by what the machine can do."""

from __future__ import annotations

from pathlib import Path

import pytest

import lerende_scan.runs as runs
from lerende_scan.runs import RunOptions


@pytest.mark.parametrize(("jobs", "workers"), [(0, 4), (1, 1), (3, 3), (4, 4), (5, 4), (10**20, 4)])
def test_report_workers_are_at_most_one_per_core(
    monkeypatch: pytest.MonkeyPatch, jobs: int, workers: int
) -> None:
    monkeypatch.setattr(runs, "_cores", lambda: 4)
    assert RunOptions(out=Path("out"), jobs=jobs).workers == workers
