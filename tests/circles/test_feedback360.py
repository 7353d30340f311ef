"""360 feedback: needs from others' ratings and blind spots; small rater groups never shown alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from lerende_scan.circles import questionnaire_themes, read_needs
from lerende_scan.circles.feedback360 import (
    HIDDEN_FEW,
    HIDDEN_SUBTRACTION,
    MIN_RATERS,
    feedback360_refusal,
    looks_like_feedback360,
    needs_from_feedback,
    read_feedback,
    shown_groups,
)
from lerende_scan.circles.report import render_feedback_html
from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire, load_questionnaire
from lerende_scan.report import ReportOptions


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


def sparse_file(q: Questionnaire, raters: list[tuple[str, dict[str, int | None]]], default: int = 4) -> bytes:
    """One leader 'L1'; a factor given as None is left blank by that rater (not answered)."""
    lines = [",".join(["leader", "role", *(i.id for i in q.items)])]
    for role, scores in raters:
        cells = []
        for factor in q.factors:
            x = scores.get(factor.id, default)
            for item in factor.items:
                cells.append("" if x is None else str(q.scale.min + q.scale.max - x if item.reverse else x))
        lines.append(",".join(["L1", role, *cells]))
    return ("\n".join(lines) + "\n").encode()


def factor_index(q: Questionnaire, factor: str) -> int:
    return [f.id for f in q.factors].index(factor)


def test_a_group_figure_answered_by_one_peer_is_hidden_per_factor(q: Questionnaire) -> None:
    """Three peers took part, but only one answered 'safety': the peers' safety mean was that peer's."""
    data = sparse_file(
        q,
        [
            ("self", {}),
            ("peer", {"safety": 1}),
            ("peer", {"safety": None}),
            ("peer", {"safety": None}),
            ("report", {"safety": 5}),
            ("report", {"safety": 5}),
            ("report", {"safety": 2}),
        ],
    )
    (lf,) = read_feedback(data, q, name="360.csv").leaders
    s, fb = factor_index(q, "safety"), factor_index(q, "feedback")
    assert set(lf.shown) == {"peer", "report"}  # both groups have three raters in all
    assert lf.shown["peer"][fb] == pytest.approx(4.0) and lf.shown["report"][fb] == pytest.approx(4.0)
    assert lf.shown["peer"][s] is None and lf.hidden["peer"][s] == HIDDEN_FEW
    # reports (3) on safety would leave the one peer as others minus reports: hidden by subtraction
    assert lf.shown["report"][s] is None and lf.hidden["report"][s] == HIDDEN_SUBTRACTION
    assert lf.others is not None and lf.others[s] == pytest.approx((1 + 5 + 5 + 2) / 4)
    assert lf.hidden["others"][s] is None


def test_others_on_a_factor_answered_by_fewer_than_three_is_hidden(q: Questionnaire) -> None:
    data = sparse_file(
        q,
        [
            ("self", {"safety": 5}),
            ("peer", {"safety": 1}),
            ("peer", {"safety": None}),
            ("peer", {"safety": 2}),
            ("peer", {"safety": None}),
        ],
    )
    fb = read_feedback(data, q, name="360.csv")
    (lf,) = fb.leaders
    s = factor_index(q, "safety")
    assert lf.others is not None and lf.others[factor_index(q, "feedback")] == pytest.approx(4.0)
    assert lf.others[s] is None and lf.hidden["others"][s] == HIDDEN_FEW
    assert lf.shown["peer"][s] is None and lf.hidden["peer"][s] == HIDDEN_FEW
    html = render_feedback_html(lf, fb, ReportOptions(lang="en"))
    row = html.split("Psychological safety", 1)[1].split("</tr>", 1)[0]
    assert "1.50" not in row and "3.50" not in row  # neither the two peers' mean nor the gap 5 - 1.5
    assert "hidden" in row and "Hidden: fewer than three raters (in this group) answered this theme" in html


@pytest.mark.parametrize("peers", [2, 3])
def test_with_show_manager_others_leave_the_manager_out(q: Questionnaire, peers: int) -> None:
    """Others 3 (manager + 2 peers) shown next to the manager gave 3 x others - manager = the two peers."""
    raters: list[tuple[str, dict[str, int | None]]] = [("self", {}), ("manager", {"feedback": 1})]
    raters += [("peer", {"feedback": 2 + i}) for i in range(peers)]
    (lf,) = read_feedback(sparse_file(q, raters), q, name="360.csv", show_manager=True).leaders
    f = factor_index(q, "feedback")
    assert lf.shown["manager"][f] == pytest.approx(1.0)
    if peers == 2:
        assert lf.others is None and "peer" not in lf.shown  # two peers alone are never shown
    else:
        assert lf.others is not None and lf.others[f] == pytest.approx((2 + 3 + 4) / 3)
    # the needs do not depend on a display option: the manager's rating counts there
    (plain,) = read_feedback(sparse_file(q, raters), q, name="360.csv").leaders
    assert plain.needs == lf.needs and plain.others is not None
    assert plain.others[f] == pytest.approx((1 + sum(2 + i for i in range(peers))) / (peers + 1))


@pytest.mark.parametrize(
    ("columns", "roles", "expected"),
    [
        (["leader", "role", "fb1"], ["self", "peer", "peer", "manager"], True),
        (["Leider", "Rol", "fb1"], ["zelf", "collega", "", None, "leidinggevende"], True),
        (["leader", "role", "fb1"], None, True),  # by the header alone: refused unless the roles say no
        (["leader", "role", "fb1"], ["nurse", "doctor", "nurse", "self"], False),  # a job role column
        (["company", "department", "role", "fb1"], ["self", "peer"], False),  # no leader column
        (["leader", "department", "fb1"], None, False),  # no role column
        (["respondent", "fb1", "fb2"], None, False),
    ],
)
def test_looks_like_feedback360(columns: list[str], roles: list[object] | None, expected: bool) -> None:
    assert looks_like_feedback360(columns, roles) is expected


def test_a_360_file_is_named_as_such_for_the_benchmark_to_refuse(q: Questionnaire, tmp_path: Path) -> None:
    """scan benchmark took the example 360 file as a company (found by review): named personal data."""
    example = Path(__file__).resolve().parents[2] / "examples" / "leaders" / "feedback360.csv"
    finding = feedback360_refusal(example)
    assert finding is not None and finding.code is Code.FEEDBACK360_IN_BENCHMARK
    assert finding.file == str(example) and "scan circles --from-360" in str(finding)
    company = tmp_path / "company.csv"
    company.write_text(
        "department,role,"
        + ",".join(i.id for i in q.items)
        + "\nA,nurse,"
        + ",".join("3" for _ in q.items)
        + "\n",
        encoding="utf-8",
    )
    assert feedback360_refusal(company) is None
    assert feedback360_refusal(feedback_file(q, [("L1", "self", {})]), name="x.csv") is not None


@pytest.mark.parametrize("show_manager", [False, True])
def test_no_shown_figure_rests_on_fewer_than_three_raters_per_factor(show_manager: bool) -> None:
    """Random rater groups with random unanswered factors: on every factor each shown group and
    'others' were answered by at least three, and others minus the shown groups leaves 0 or 3+."""
    import numpy as np

    from lerende_scan.circles.feedback360 import _summarise

    rng = np.random.default_rng(7)
    for _ in range(300):
        counts = {"self": 1, "manager": int(rng.integers(0, 2)), "peer": int(rng.integers(0, 6))}
        counts["report"] = int(rng.integers(0, 7))
        roles = np.array([r for r, n in counts.items() for _ in range(n)], dtype=object)
        scores = rng.integers(1, 6, size=(len(roles), 4)).astype(np.float64)
        scores[rng.random(scores.shape) < 0.3] = np.nan
        lf = _summarise("L", scores, roles, show_manager=show_manager, margin=0.5)
        apart = "manager" in lf.shown
        for f in range(4):
            answered = {
                r: int((~np.isnan(scores[roles == r, f])).sum()) for r in ("manager", "peer", "report")
            }
            pool = answered["peer"] + answered["report"] + (0 if apart else answered["manager"])
            groups = [g for g in ("peer", "report") if g in lf.shown and lf.shown[g][f] is not None]
            assert all(answered[g] >= MIN_RATERS for g in groups)
            if lf.others is not None and lf.others[f] is not None:
                assert pool >= MIN_RATERS
                rest = pool - sum(answered[g] for g in groups)
                assert rest == 0 or rest >= MIN_RATERS
                expected = scores[(roles != "self") & ((roles != "manager") | (not apart)), f]
                assert lf.others[f] == pytest.approx(float(np.nanmean(expected)))
            else:
                assert not groups
