"""Every suppression rule: small companies, small groups with complementary suppression, the leader split
(lerende_scan.scoring.privacy)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lerende_scan.scoring.privacy import (
    company_reportable,
    side_exposes,
    split_suppressed,
    suppress,
    suppress_cells,
)


def test_nothing_hidden_when_every_group_is_large_enough() -> None:
    assert suppress({"A": 5, "B": 9, "C": 12}, 5) == set()


def test_one_small_group_takes_the_smallest_other_group_with_it() -> None:
    assert suppress({"A": 3, "B": 9, "C": 6, "D": 20}, 5) == {"A", "C"}


def test_two_groups_one_small_hides_both() -> None:
    """The leader/employee rule: with two groups, hiding one alone would give it away."""
    assert suppress({"leaders": 4, "employees": 40}, 5) == {"leaders", "employees"}


def test_two_small_groups_together_large_enough_are_enough() -> None:
    assert suppress({"A": 2, "B": 3, "C": 9}, 5) == {"A", "B"}


def test_small_groups_together_too_small_take_another() -> None:
    """1 + 2 = 3 < 5: subtracting would reveal a 3-person aggregate, so hide the smallest shown (6)."""
    assert suppress({"A": 1, "B": 2, "C": 6, "D": 7}, 5) == {"A", "B", "C"}


def test_ties_are_broken_by_name() -> None:
    assert suppress({"Z": 2, "b": 8, "a": 8}, 5) == {"Z", "a"}
    assert suppress({"Z": 2, "a": 8, "b": 8}, 5) == {"Z", "a"}  # dict order does not matter


def test_everything_hidden_when_needed() -> None:
    assert suppress({"A": 1, "B": 1}, 5) == {"A", "B"}
    assert suppress({"A": 3}, 5) == {"A"}


def test_empty_breakdown() -> None:
    assert suppress({}, 5) == set()


@given(
    sizes=st.dictionaries(
        st.text(min_size=1, max_size=4), st.integers(min_value=1, max_value=40), max_size=8
    ),
    min_size=st.integers(min_value=1, max_value=12),
)
def test_no_hidden_group_can_be_recovered_by_subtraction(sizes: dict[str, int], min_size: int) -> None:
    """Whatever the sizes: every small group is hidden, and the hidden ones are 0, or at least two
    holding together at least min_size, or all groups (then only the company total is known)."""
    hidden = suppress(sizes, min_size)
    assert hidden <= sizes.keys()
    assert {g for g, n in sizes.items() if n < min_size} <= hidden
    if hidden and hidden != set(sizes):
        assert len(hidden) >= 2
        assert sum(sizes[g] for g in hidden) >= min_size
    # minimal: dropping the largest extra (non-small) hidden group would break the rule
    extra = sorted((sizes[g], g) for g in hidden if sizes[g] >= min_size)
    if extra:
        fewer = hidden - {extra[-1][1]}
        assert len(fewer) < 2 or sum(sizes[g] for g in fewer) < min_size


@given(
    counts=st.dictionaries(
        st.text(min_size=1, max_size=3), st.integers(min_value=0, max_value=30), max_size=7
    ),
    hidden=st.sets(st.text(min_size=1, max_size=3), max_size=3),
    min_size=st.integers(min_value=1, max_value=10),
)
def test_no_hidden_cell_of_a_score_can_be_recovered(
    counts: dict[str, int], hidden: set[str], min_size: int
) -> None:
    """Per score: cells with few scores are hidden, groups hidden as a whole stay hidden, and the hidden
    cells holding scores are none, or at least two with at least min_size scores together, or all."""
    cells = suppress_cells(counts, hidden, min_size)
    scored = {g for g, n in counts.items() if n > 0}
    assert {g for g in scored if counts[g] < min_size} | (hidden & scored) <= cells <= scored
    if cells and cells != scored:
        assert len(cells) >= 2 and sum(counts[g] for g in cells) >= min_size


def test_a_cell_of_two_people_in_a_shown_group_is_hidden_with_the_next_smallest() -> None:
    # group sizes are fine; A has 2 scores, B and C have 6 and 9: A, then B to protect it
    assert suppress_cells({"A": 2, "B": 6, "C": 9}, set(), 5) == {"A", "B"}
    # B is hidden as a whole and holds 1 score, A none: B alone is one person's score, C goes with it
    assert suppress_cells({"A": 0, "B": 1, "C": 9, "D": 12}, {"B"}, 5) == {"B", "C"}


def test_side_exposes_when_a_side_holds_exactly_one_hidden_group() -> None:
    sizes = {"Manager": 6, "Staff": 20, "(onbekend)": 2}
    hidden = {"Manager", "(onbekend)"}
    assert side_exposes(["Manager"], sizes, hidden, 5)
    assert side_exposes(["Staff", "(onbekend)"], sizes, hidden, 5)
    assert not side_exposes(["Staff"], sizes, hidden, 5)
    assert not side_exposes(["Manager", "(onbekend)"], sizes, hidden, 5)


def test_side_exposes_when_its_hidden_groups_are_too_small_together() -> None:
    sizes = {"A": 1, "B": 2, "C": 30}
    assert side_exposes(["A", "B"], sizes, {"A", "B"}, 5)
    assert not side_exposes(["A", "B"], sizes, {"A", "B"}, 3)


def test_company_total_is_a_group_too() -> None:
    """A company needs at least min_group_size valid respondents to get a result at all."""
    assert company_reportable(5, 5)
    assert not company_reportable(4, 5)
    assert not company_reportable(0, 1)


def test_split_suppressed_when_a_side_is_too_small() -> None:
    sizes = {"Manager": 4, "Staff": 20}
    assert split_suppressed([["Manager"], ["Staff"]], sizes, set(), 5)
    assert not split_suppressed([["Manager"], ["Staff"]], sizes, set(), 4)
    assert split_suppressed([[], ["Manager", "Staff"]], sizes, set(), 1)  # an empty side has 0


def test_split_suppressed_when_a_side_exposes_a_hidden_group() -> None:
    sizes = {"Manager": 6, "Staff": 20, "(onbekend)": 2}
    hidden = {"Manager", "(onbekend)"}
    assert split_suppressed([["Manager"], ["Staff", "(onbekend)"]], sizes, hidden, 5)
    assert not split_suppressed([["Manager", "(onbekend)"], ["Staff"]], sizes, hidden, 5)
