"""Hostile questionnaires through ``scan score -q`` and ``scan validate``: findings, never a crash.

Each example is ``questionnaires/lerende-organisatie.yaml`` changed as a tree (keys dropped, renamed or
duplicated, types changed, huge numbers, deep nesting, long strings) or as text (YAML tags such as ``!!int``
and ``!!python/object``, alias bombs, merge keys, duplicated lines), perhaps re-encoded or hit as bytes.
See ``tests/fuzz/harness.py`` for the properties.
"""

from __future__ import annotations

from hypothesis import given, note, settings
from hypothesis import strategies as st
from tests.fuzz.harness import failures_of
from tests.fuzz.strategies import FORMATS, Case, questionnaire_cases
from tests.fuzz.test_fuzz_score import FUZZ


@settings(FUZZ, max_examples=100)
@given(questionnaire_cases())
def test_any_questionnaire_is_used_or_refused_with_one_line_findings(case: Case) -> None:
    note(case.describe())
    assert failures_of(case) == [], case.describe()


@settings(FUZZ, max_examples=2)
@given(questionnaire_cases(formats=st.just(FORMATS + ",html")))
def test_hostile_questionnaires_through_the_html_report(case: Case) -> None:
    note(case.describe())
    assert failures_of(case) == [], case.describe()
