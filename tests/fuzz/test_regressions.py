"""Crash classes the fuzzer found, each pinned by its reproducer (see /work/notes/fuzz_findings.md)."""

from __future__ import annotations

import pytest
from tests.fuzz.base import BASE_ROWS, QUESTIONNAIRE_BYTES, Case, serialise
from tests.fuzz.harness import CONTROL, Outcome, run_case

from lerende_scan.errors import inert


def _broken(outcomes: list[Outcome]) -> list[str]:
    return [f"{o.args[0]}: {f.kind}: {f.detail}" for o in outcomes for f in o.failures]


def _every_company(name: str) -> bytes:
    rows = [list(r) for r in BASE_ROWS]
    for row in rows[1:]:
        row[1] = name
    return serialise(rows).encode()


@pytest.mark.parametrize("company", ["Zorg\x1b[2J\x1b[H", "Zorg\x07\x0b\x01"])
def test_control_characters_in_a_company_name_are_escaped_in_the_summary(company: str) -> None:
    """The terminal table printed the company name raw: ``\\x1b[2J`` cleared the user's terminal."""
    case = Case(responses=_every_company(company), validate="responses")
    outcomes = run_case(case)
    score = outcomes[0]
    assert score.exit_code == 0, score.output
    assert not CONTROL.search(score.output)
    assert "Zorg\\x" in score.output  # shown, as an escape
    assert _broken(outcomes) == []


def test_control_characters_in_a_factor_name_are_escaped_in_the_summary() -> None:
    """Factor and band names come from the questionnaire and were printed raw in the same table."""
    text = QUESTIONNAIRE_BYTES.replace(b"nl: Evaluatie, reflectie en feedback", b'nl: "Eval\\e[2J [bold]"')
    text = text.replace(b"label: {nl: Knelpunt,", b'label: {nl: "Knel\\x07punt",')
    case = Case(questionnaire=text)
    outcomes = run_case(case)
    score = outcomes[0]
    assert score.exit_code == 0, score.output
    assert "Eval\\x1b[2J [bold]" in score.output and "Knel\\x07punt" in score.output
    assert _broken(outcomes) == []


def test_a_bounded_value_stays_bounded_once_its_control_characters_are_escaped() -> None:
    """400 line breaks in a factor id became 800 printed characters: a 1,040-character finding."""
    assert len(inert("\n" * 1000, 400)) <= 400
    assert inert("ab\x1b" * 30, 18) == "ab\\x1bab\\x1bab…"  # the cut does not split an escape
    bad_id = b"  - id: motivation\n"
    assert bad_id in QUESTIONNAIRE_BYTES
    case = Case(questionnaire=QUESTIONNAIRE_BYTES.replace(bad_id, b'  - id: "' + b"\\n" * 1000 + b'"\n'))
    outcomes = run_case(case)
    assert outcomes[0].exit_code == 1
    assert _broken(outcomes) == []
