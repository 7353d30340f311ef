"""The favourable view of every statement and factor (scored mean, % favourable / neutral / unfavourable,
after reversal) and the rule that a factor is a strength only when it is strong, never also an opportunity."""

from __future__ import annotations

import math

import pytest
from tests.scoring.test_score import questionnaire, response_set

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.scoring import score

NAN = math.nan


def test_reverse_keyed_statement_is_shown_in_the_favourable_direction() -> None:
    """a3 is reverse-keyed: raw answers 1 and 2 ('disagree') are favourable, its scored mean is 6 - raw."""
    rows = [[4, 4, 1, 3, 3], [5, 3, 2, 3, 3], [2, 1, 5, 3, 3], [4, 5, 1, 2, 4]]
    company = score(response_set(rows)).companies[0]
    a3 = next(i for i in company.factor("fa").items if i.id == "a3")
    assert a3.mean == pytest.approx(9 / 4)  # raw
    assert a3.scored_mean == pytest.approx(6 - 9 / 4)
    assert a3.raw_distribution == pytest.approx({"1": 0.5, "2": 0.25, "3": 0.0, "4": 0.0, "5": 0.25})
    assert (a3.favourable, a3.neutral, a3.unfavourable) == pytest.approx((0.75, 0.0, 0.25))
    a1 = next(i for i in company.factor("fa").items if i.id == "a1")
    assert a1.scored_mean == a1.mean
    assert (a1.favourable, a1.neutral, a1.unfavourable) == pytest.approx((0.75, 0.0, 0.25))


def test_factor_split_pools_the_answers_of_its_statements() -> None:
    """Every answer counts once: a statement with more answers weighs more."""
    rows = [[5, NAN, 1, 3, 3], [4, 2, 5, 3, 3], [3, NAN, 3, 3, 3]]
    company = score(response_set(rows)).companies[0]
    fa = company.factor("fa")
    # a1: 5, 4, 3 -> fav, fav, neutral; a2: 2 -> unfav; a3 reversed: 1->5 fav, 5->1 unfav, 3 neutral
    assert (fa.favourable, fa.neutral, fa.unfavourable) == pytest.approx((3 / 7, 2 / 7, 2 / 7))
    fb = company.factor("fb")
    assert (fb.favourable, fb.neutral, fb.unfavourable) == pytest.approx((0.0, 1.0, 0.0))
    ix = company.index
    assert ix.favourable == pytest.approx((3 / 7 + 0.0) / 2)
    assert ix.neutral == pytest.approx((2 / 7 + 1.0) / 2)


def test_questionnaire_cut_offs_change_the_split() -> None:
    """A questionnaire may count only the top answer as favourable (favourable_from: 5)."""
    q = questionnaire(scale={"min": 1, "max": 5, "favourable_from": 5, "unfavourable_to": 1})
    company = score(response_set([[5, 4, 1, 2, 1], [4, 4, 2, 3, 3]], q=q)).companies[0]
    a1 = next(i for i in company.factor("fa").items if i.id == "a1")
    assert (a1.favourable, a1.neutral, a1.unfavourable) == pytest.approx((0.5, 0.5, 0.0))
    a3 = next(i for i in company.factor("fa").items if i.id == "a3")  # raw 1 -> 5 favourable
    assert (a3.favourable, a3.neutral, a3.unfavourable) == pytest.approx((0.5, 0.5, 0.0))


def three_factor_questionnaire(bands: bool = True) -> Questionnaire:
    factors = [
        {"id": f, "name": f.upper(), "items": [{"id": f"{f}1", "text": "t"}, {"id": f"{f}2", "text": "t"}]}
        for f in ("fa", "fb", "fc")
    ]
    scoring = {
        "bands": [
            {"id": "knelpunt", "below": 2.5, "label": "Knelpunt"},
            {"id": "aandachtspunt", "below": 3.5, "label": "Aandachtspunt"},
            {"id": "sterk", "label": "Sterk"},
        ]
        if bands
        else []
    }
    return questionnaire(factors=factors, scoring=scoring)


@pytest.mark.parametrize(
    ("rows", "strengths", "opportunities"),
    [
        # fa 2.0 (knelpunt), fb 3.0 (aandachtspunt), fc 4.0 (sterk)
        ([[2, 2, 3, 3, 4, 4], [2, 2, 3, 3, 4, 4]], ["fc"], ["fa", "fb"]),
        # a weak set: its best factor (fc 3.25, aandachtspunt) is no strength
        ([[2, 2, 3, 3, 3, 3], [2, 2, 3, 3, 3, 4]], [], ["fa", "fb", "fc"]),
        # all strong (4.0, 5.0, 3.5): no opportunities
        ([[4, 4, 5, 5, 3, 4], [4, 4, 5, 5, 3, 4]], ["fb", "fa", "fc"], []),
    ],
)
def test_strength_needs_the_highest_band_and_is_never_an_opportunity(
    rows: list[list[float]], strengths: list[str], opportunities: list[str]
) -> None:
    company = score(response_set(rows, q=three_factor_questionnaire())).companies[0]
    assert company.strengths == strengths
    assert company.opportunities == opportunities
    assert not set(company.strengths) & set(company.opportunities)
    assert set(company.strengths) | set(company.opportunities) == {"fa", "fb", "fc"}
    for fid in company.strengths:
        assert company.factor(fid).band == "sterk"


def test_without_bands_a_strength_needs_a_favourable_mean() -> None:
    """No bands: strong is a mean at or above the favourable cut-off (4 on 1..5)."""
    q = three_factor_questionnaire(bands=False)
    company = score(response_set([[2, 2, 3, 4, 4, 5], [2, 2, 4, 3, 4, 5]], q=q)).companies[0]
    assert company.strengths == ["fc"]
    assert company.opportunities == ["fa", "fb"]
