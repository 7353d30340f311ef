"""360 feedback: needs from others' ratings and blind spots; small rater groups never shown alone."""

from __future__ import annotations

import pytest

from lerende_scan.circles import questionnaire_themes, read_needs
from lerende_scan.circles.feedback360 import (
    MIN_RATERS,
    needs_from_feedback,
    read_feedback,
    shown_groups,
)
from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire, load_questionnaire


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return load_questionnaire(None)


def rows(q: Questionnaire, leader: str, role: str, per_factor: dict[str, int], default: int = 4) -> list[str]:
    cells = []
    for factor in q.factors:
        for item in factor.items:
            x = per_factor.get(factor.id, default)
            cells.append(str(q.scale.min + q.scale.max - x if item.reverse else x))
    return [",".join([leader, role, *cells])]


def feedback_file(q: Questionnaire, raters: list[tuple[str, str, dict[str, int]]]) -> bytes:
    header = ",".join(["leader", "role", *(i.id for i in q.items)])
    lines = [header]
    for leader, role, scores in raters:
        lines += rows(q, leader, role, scores)
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize(
    ("raters", "show_manager", "expected"),
    [
        (
            {"self": 1, "manager": 1, "peer": 3, "report": 5},
            False,
            ["report"],
        ),  # peers would be others - rest
        ({"self": 1, "manager": 1, "peer": 3, "report": 5}, True, ["manager", "peer", "report"]),
        ({"self": 1, "peer": 2, "report": 6}, False, []),  # 2 peers = others minus reports
        ({"self": 1, "peer": 3, "report": 3}, False, ["peer", "report"]),
        ({"self": 1, "manager": 1, "peer": 5}, False, []),
    ],
)
def test_no_group_under_three_can_be_read_off(
    raters: dict[str, int], show_manager: bool, expected: list[str]
) -> None:
    shown = shown_groups(raters, show_manager=show_manager)
    assert sorted(shown) == sorted(expected)
    others = sum(n for r, n in raters.items() if r != "self")
    rest = others - sum(raters.get(g, 0) for g in shown)
    assert rest == 0 or rest >= MIN_RATERS
    assert all(raters[g] >= MIN_RATERS for g in shown if g != "manager")


def test_needs_and_blind_spots_from_ratings(q: Questionnaire) -> None:
    data = feedback_file(
        q,
        [
            ("L1", "self", {"safety": 5, "feedback": 2, "external": 3}),
            ("L1", "manager", {"safety": 3, "feedback": 2, "external": 3}),
            ("L1", "peer", {"safety": 3, "feedback": 2, "external": 3}),
            ("L1", "collega", {"safety": 3, "feedback": 2, "external": 3}),
            ("L1", "report", {"safety": 3, "feedback": 2, "external": 3}),
        ],
    )
    fb = read_feedback(data, q, name="360.csv")
    (lf,) = fb.leaders
    ids = [f.id for f in q.factors]
    assert lf.raters == {"self": 1, "manager": 1, "peer": 2, "report": 1}
    assert [ids[f] for f in lf.blind_spots] == ["safety"]  # self 5, others 3
    assert [ids[f] for f in lf.needs] == ["safety", "feedback", "external"]
    assert lf.shown == {} and lf.others is not None


def test_missing_rater_columns_and_unknown_roles(q: Questionnaire) -> None:
    data = feedback_file(q, [("L1", "self", {})]).replace(b"role,", b"rol,", 1)
    with pytest.raises(ScanError) as info:
        read_feedback(data, q, name="360.csv")
    assert [f.code for f in info.value.findings] == [Code.RATER_COLUMN_MISSING]
    data = feedback_file(q, [("L1", "self", {}), ("L1", "buurman", {}), ("", "peer", {})])
    fb = read_feedback(data, q, name="360.csv")
    assert {f.code for f in fb.findings} == {Code.ROLE_UNKNOWN, Code.LEADER_ID_BLANK_360}


def test_leaders_file_gives_departments_and_names_the_mismatches(q: Questionnaire) -> None:
    data = feedback_file(
        q, [(lid, role, {}) for lid in ("A", "X") for role in ("self", "peer", "peer", "peer")]
    )
    fb = read_feedback(data, q, name="360.csv")
    leaders = read_needs(
        b"id,department\nA,D1\nB,D2\n", questionnaire_themes(q), name="l.csv", needs_required=False
    )
    needs = needs_from_feedback(fb, leaders)
    assert [lead.id for lead in needs.leaders] == ["A", "B"] and needs.leaders[0].department == "D1"
    assert [u.leader_id for u in needs.left_out] == ["X"]
    assert {f.code for f in needs.findings} == {Code.NO_FEEDBACK, Code.NOT_IN_LEADERS_FILE}
