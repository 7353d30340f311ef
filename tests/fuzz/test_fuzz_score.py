"""Hostile survey exports through ``scan score`` and ``scan validate``: refused or scored, never a crash.

Each example is the ~40-row cut of ``examples/responses.csv``, changed as a table (hostile cells, duplicated
or renamed headers, rows duplicated or dropped), written in some dialect and encoding, then perhaps hit as
bytes (flips, truncation, NUL and high bytes, BOMs). See ``tests/fuzz/harness.py`` for the properties.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from tests.fuzz.harness import failures_of, run_case
from tests.fuzz.strategies import FORMATS, Case, export_cases

FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
"""Deterministic (CI sees the same examples every run), no deadline (a run takes ~0.3 s), no database."""


def test_the_unmutated_cut_scores_cleanly() -> None:
    """The harness's starting point is a valid export: a clean run exits 0 and breaks no property."""
    outcomes = run_case(Case(validate="responses"))
    assert outcomes[0].exit_code == 0, outcomes[0].output
    assert [f for o in outcomes for f in o.failures] == []


@settings(FUZZ, max_examples=75)
@given(export_cases())
def test_any_export_is_scored_or_refused_with_one_line_findings(case: Case) -> None:
    note(case.describe())
    assert failures_of(case) == [], case.describe()


@settings(FUZZ, max_examples=4)
@given(export_cases(formats=st.just(FORMATS + ",html")))
def test_hostile_exports_through_the_html_report(case: Case) -> None:
    note(case.describe())
    assert failures_of(case) == [], case.describe()
