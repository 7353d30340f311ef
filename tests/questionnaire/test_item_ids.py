"""Item ids as codebooks write them (A1, Q1_3): accepted as written, unique ignoring case, scored as usual.

Headers are matched to ids ignoring case, so ``A1`` and ``a1`` would claim the same column: that is the
one thing refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lerende_scan.errors import Code
from lerende_scan.questionnaire import validate_text

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase

CODEBOOK = """\
id: codebook
version: "1"
title: Codebook ids
scale: {min: 1, max: 5}
anonymity: {min_group_size: 1}
factors:
  - id: f
    name: Factor
    items:
      - {id: A1, text: Vraag a}
      - {id: Q1_3, text: Vraag b, reverse: true}
      - {id: q-2, text: Vraag c}
"""


def test_codebook_ids_are_accepted_as_written() -> None:
    model, findings = validate_text(CODEBOOK, "codebook.yaml")
    assert findings == []
    assert model is not None and [i.id for i in model.items] == ["A1", "Q1_3", "q-2"]


def test_ids_that_differ_only_in_case_are_refused_at_the_second(case: YamlCase) -> None:
    text = case.edit("      - id: au2\n", "      - id: FB1\n")
    f = case.only(case.check(text), Code.ITEM_ID_CASE)
    assert (f.line, f.col) == (case.line_of(text, "id: FB1"), case.col_of(text, "FB1"))
    assert f.params["other"] == "fb1" and f.params["first_line"] == case.line_of(text, "id: fb1")
    # Not also reported as a column clash or an exact duplicate.
    assert Code.DUPLICATE_ITEM_ID not in [x.code for x in case.check(text)]


@pytest.mark.parametrize("ident", ["_a1", "-a1", "a 1", "a1.2", "Ä1"])
def test_an_id_with_other_characters_is_a_wrong_type_naming_the_allowed_ones(
    case: YamlCase, ident: str
) -> None:
    text = case.edit("      - id: au2\n", f'      - id: "{ident}"\n')
    f = case.only(case.check(text), Code.WRONG_TYPE)
    assert f.line == case.line_of(text, ident)
    assert "Q1_3" in f.message


def test_factor_ids_stay_lowercase_slugs(case: YamlCase) -> None:
    text = case.edit("  - id: autonomy\n", "  - id: Autonomy\n")
    assert case.only(case.check(text), Code.WRONG_TYPE).line == case.line_of(text, "id: Autonomy")


def test_an_uppercase_id_reads_a_header_in_any_case_and_scores(tmp_path: Path) -> None:
    from lerende_scan.ingest import ingest
    from lerende_scan.scoring import score

    model, _ = validate_text(CODEBOOK, "codebook.yaml")
    assert model is not None
    csv = tmp_path / "answers.csv"
    csv.write_text("company,a1,Q1_3,Q-2\nAcme,5,1,4\nAcme,4,2,4\nAcme,3,3,2\n", encoding="utf-8")
    result = score(ingest(csv, model).responses).companies[0]
    factor = result.factors[0]
    assert factor.mean == pytest.approx((5 + 5 + 4 + 4 + 4 + 4 + 3 + 3 + 2) / 9)
