"""The model's text and label shapes: plain strings in one-language files, quoted answer keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lerende_scan.questionnaire import validate_text

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase


def test_single_language_file_accepts_plain_strings() -> None:
    text = """\
id: plain
version: "1"
title: Eenvoudig
scale: {min: 1, max: 4}
factors:
  - id: f
    name: Factor
    advice: [Intervisie]
    items:
      - {id: a, text: Vraag a}
      - {id: b, text: Vraag b}
"""
    model, findings = validate_text(text, "plain.yaml")
    assert findings == []
    assert model is not None and model.languages == ["nl"]


def test_quoted_label_keys_count_as_answer_values(case: YamlCase) -> None:
    text = case.edit("    5: {nl: Helemaal", '    "5": {nl: Helemaal')
    model, findings = validate_text(text, "q.yaml")
    assert findings == []
    assert model is not None and 5 in model.scale.labels
