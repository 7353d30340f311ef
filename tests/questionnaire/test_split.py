"""The favourable split: defaults by scale size, declared cut-offs, and their checks at the YAML line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lerende_scan.errors import Code
from lerende_scan.questionnaire import Scale, validate_text

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase


@pytest.mark.parametrize(
    ("lo", "hi", "split"),
    [
        (1, 5, (2, 4)),  # 1-2 unfavourable, 3 neutral, 4-5 favourable
        (1, 7, (2, 6)),  # 1-2 / 3-5 / 6-7
        (0, 10, (1, 9)),
        (1, 6, (2, 5)),  # no neutral midpoint, still top two / bottom two
        (1, 4, (1, 4)),  # top one / bottom one
        (1, 3, (1, 3)),
        (0, 1, (0, 1)),  # two points: the one and the other
    ],
)
def test_default_split_follows_the_scale_size(lo: int, hi: int, split: tuple[int, int]) -> None:
    assert Scale(min=lo, max=hi).favourable_split() == split


def test_declared_cut_offs_replace_the_defaults_one_by_one() -> None:
    assert Scale(min=1, max=7, favourable_from=5).favourable_split() == (2, 5)
    assert Scale(min=1, max=7, unfavourable_to=3).favourable_split() == (3, 6)
    assert Scale(min=1, max=5, unfavourable_to=3, favourable_from=4).favourable_split() == (3, 4)


def test_a_questionnaire_may_declare_its_split(case: YamlCase) -> None:
    text = case.edit("  max: 5\n", "  max: 5\n  favourable_from: 5\n  unfavourable_to: 3\n")
    model, findings = validate_text(text, "q.yaml")
    assert findings == []
    assert model is not None and model.scale.favourable_split() == (3, 5)


@pytest.mark.parametrize(("key", "value"), [("favourable_from", 6), ("unfavourable_to", 0)])
def test_a_cut_off_outside_the_scale_is_refused_at_its_line(case: YamlCase, key: str, value: int) -> None:
    text = case.edit("  max: 5\n", f"  max: 5\n  {key}: {value}\n")
    findings = case.check(text)
    f = case.only(findings, Code.SPLIT_OUTSIDE_SCALE)
    assert (f.line, f.col) == (case.line_of(text, key), len(f"  {key}: ") + 1)
    assert f.params == {"key": key, "value": value, "min": 1, "max": 5}
    assert [x.code for x in findings] == [Code.SPLIT_OUTSIDE_SCALE]


@pytest.mark.parametrize(
    "lines",
    [
        "  unfavourable_to: 4\n  favourable_from: 3\n",
        "  unfavourable_to: 3\n  favourable_from: 3\n",
        "  favourable_from: 2\n",  # below the default unfavourable_to (2) of a 5-point scale
        "  unfavourable_to: 4\n",  # at the default favourable_from (4)
    ],
)
def test_unfavourable_answers_must_lie_below_favourable_ones(case: YamlCase, lines: str) -> None:
    text = case.edit("  max: 5\n", "  max: 5\n" + lines)
    f = case.only(case.check(text), Code.SPLIT_ORDER)
    last_key = lines.strip().splitlines()[-1].split(":")[0]
    assert f.line == case.line_of(text, "favourable_from" if "favourable_from" in lines else last_key)


def test_a_cut_off_that_is_not_a_whole_number_is_a_wrong_type(case: YamlCase) -> None:
    text = case.edit("  max: 5\n", "  max: 5\n  favourable_from: 4.5\n")
    assert case.only(case.check(text), Code.WRONG_TYPE).line == case.line_of(text, "favourable_from")
