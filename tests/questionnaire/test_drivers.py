"""The ``drivers`` block: factors that exist, an outcome apart from two or more predictors, a sane minimum."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lerende_scan.errors import Code, Severity
from lerende_scan.questionnaire import Drivers, load_questionnaire, validate_text

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase

THIRD = """\
  - id: safety
    name: {nl: Veiligheid, en: Safety}
    items:
      - id: ps1
        text: {nl: Ik durf fouten te melden., en: I dare to report mistakes.}
      - id: ps2
        text: {nl: Kritiek wordt gewaardeerd., en: Criticism is valued.}
"""


def with_drivers(case: YamlCase, block: str, extra: str = THIRD) -> str:
    return case.valid + extra + block


def test_shipped_questionnaire_declares_motivation_and_its_five_drivers() -> None:
    drivers = load_questionnaire().drivers
    assert drivers == Drivers(
        outcome="motivation",
        predictors=["feedback", "autonomy", "safety", "leadership", "external"],
        min_respondents=30,
    )


def test_a_valid_drivers_block_loads(case: YamlCase) -> None:
    text = with_drivers(case, "drivers: {outcome: safety, predictors: [feedback, autonomy]}\n")
    model, findings = validate_text(text, "q.yaml")
    assert findings == []
    assert model is not None and model.drivers == Drivers(
        outcome="safety", predictors=["feedback", "autonomy"]
    )


def test_without_drivers_there_is_no_analysis(case: YamlCase) -> None:
    model, _ = validate_text(case.valid, "q.yaml")
    assert model is not None and model.drivers is None


@pytest.mark.parametrize(
    ("block", "needle", "role", "hint"),
    [
        ("drivers: {outcome: safty, predictors: [feedback, autonomy]}\n", "safty", "outcome", "safety"),
        (
            "drivers: {outcome: safety, predictors: [feedback, autonomi]}\n",
            "autonomi",
            "predictor",
            "autonomy",
        ),
        ("drivers: {outcome: safety, predictors: [feedback, motivation]}\n", "motivation", "predictor", None),
    ],
)
def test_an_unknown_factor_is_named_with_a_suggestion(
    case: YamlCase, block: str, needle: str, role: str, hint: str | None
) -> None:
    text = with_drivers(case, block)
    f = case.only(case.check(text), Code.DRIVER_UNKNOWN_FACTOR)
    assert (f.line, f.col) == (case.line_of(text, "drivers:"), case.col_of(text, needle))
    assert f.params["role"] == role and f.params["id"] == needle
    assert (f"did you mean '{hint}'" in f.message) if hint else "did you mean" not in f.message
    assert "feedback, autonomy, safety" in f.message


def test_the_outcome_cannot_be_a_predictor(case: YamlCase) -> None:
    text = with_drivers(case, "drivers:\n  outcome: safety\n  predictors: [feedback, autonomy, safety]\n")
    findings = case.check(text)
    f = case.only(findings, Code.DRIVER_OUTCOME_PREDICTOR)
    assert (f.line, f.col) == (case.line_of(text, "predictors:"), case.col_of(text, "safety]"))
    assert Code.DRIVER_TOO_FEW_PREDICTORS not in [x.code for x in findings]  # two remain


@pytest.mark.parametrize(
    ("predictors", "count"),
    [("[feedback]", 1), ("[]", 0), ("[feedback, safety]", 1), ("[feedback, feedback]", 1)],
)
def test_at_least_two_distinct_predictors_are_needed(case: YamlCase, predictors: str, count: int) -> None:
    text = with_drivers(case, f"drivers:\n  outcome: safety\n  predictors: {predictors}\n")
    f = case.only(case.check(text), Code.DRIVER_TOO_FEW_PREDICTORS)
    assert f.line == case.line_of(text, "  predictors:") and f.params["count"] == count


def test_a_predictor_listed_twice_is_reported_at_the_second(case: YamlCase) -> None:
    text = with_drivers(case, "drivers:\n  outcome: safety\n  predictors: [feedback, autonomy, feedback]\n")
    f = case.only(case.check(text), Code.DRIVER_DUPLICATE_PREDICTOR)
    assert f.col == case.col_of(text, "feedback]")


@pytest.mark.parametrize(("value", "ok"), [(9, False), (0, False), (10, True), (200, True)])
def test_min_respondents_has_a_floor(case: YamlCase, value: int, ok: bool) -> None:
    block = f"drivers:\n  outcome: safety\n  predictors: [feedback, autonomy]\n  min_respondents: {value}\n"
    text = with_drivers(case, block)
    findings = case.check(text)
    if ok:
        assert findings == []
    else:
        f = case.only(findings, Code.DRIVER_MIN_RESPONDENTS)
        assert f.line == case.line_of(text, "min_respondents") and f.params["minimum"] == 10
        assert [x.code for x in findings] == [Code.DRIVER_MIN_RESPONDENTS]


def test_a_one_item_predictor_is_a_warning_naming_it(case: YamlCase) -> None:
    text = with_drivers(case, "drivers: {outcome: safety, predictors: [feedback, autonomy]}\n")
    text = case.edit(case.autonomy_items, case.autonomy_items.split("      - id: au2")[0], text)
    model, findings = validate_text(text, "q.yaml")
    f = case.only(findings, Code.DRIVER_FEW_ITEMS)
    assert f.severity is Severity.WARNING and f.params["id"] == "autonomy"
    assert f.col == case.col_of(text, "autonomy]")
    assert model is not None  # a warning does not stop loading


def test_drivers_with_a_wrong_shape_are_type_errors(case: YamlCase) -> None:
    text = with_drivers(case, "drivers: {outcome: safety, predictors: feedback}\n")
    assert case.only(case.check(text), Code.WRONG_TYPE).line == case.line_of(text, "drivers:")
    text = with_drivers(case, "drivers: {predictors: [feedback, autonomy]}\n")
    assert case.only(case.check(text), Code.MISSING_KEY).line == case.line_of(text, "drivers:")
