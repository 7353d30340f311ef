"""pydantic's errors as findings: unknown keys, wrong types and missing keys at the right spot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lerende_scan.errors import Code

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase


# -- keys and types ---------------------------------------------------------------------------------


def test_unknown_key_points_at_the_key_and_suggests_the_near_miss(case: YamlCase) -> None:
    text = case.edit("        reverse: true\n  - id: autonomy", "        revers: true\n  - id: autonomy")
    f = case.only(case.check(text), Code.UNKNOWN_KEY)
    assert (f.line, f.col) == (case.line_of(text, "revers:"), case.col_of(text, "revers:"))
    assert f.params["key"] == "revers"
    assert "'reverse'" in f.params["suggestion"]
    assert "item 'fb2'" in f.params["where"]


def test_unknown_key_without_near_miss_lists_the_known_keys(case: YamlCase) -> None:
    text = case.edit("anonymity:", "colour: blue\nanonymity:")
    f = case.only(case.check(text), Code.UNKNOWN_KEY)
    assert f.line == case.line_of(text, "colour:")
    assert "factors" in f.params["suggestion"] and "did you mean" not in f.params["suggestion"]


def test_reverse_misschien_is_a_wrong_type_at_the_value(case: YamlCase) -> None:
    text = case.edit("        reverse: false\n", "        reverse: misschien\n")
    f = case.only(case.check(text), Code.WRONG_TYPE)
    assert (f.line, f.col) == (case.line_of(text, "misschien"), case.col_of(text, "misschien"))


def test_unquoted_version_says_quote_it(case: YamlCase) -> None:
    text = case.edit('version: "0.1"', "version: 1.0")
    f = case.only(case.check(text), Code.WRONG_TYPE)
    assert f.line == case.line_of(text, "version:")
    assert '"1.0"' in f.params["expected"]


def test_scale_min_vijf_is_a_wrong_type(case: YamlCase) -> None:
    text = case.edit("  min: 1\n", "  min: vijf\n")
    findings = case.check(text)
    assert case.only(findings, Code.WRONG_TYPE).line == case.line_of(text, "min: vijf")
    # With no usable minimum, the scale-dependent rules stay quiet instead of guessing.
    assert [f.code for f in findings] == [Code.WRONG_TYPE]


def test_a_wrong_text_type_gives_one_finding_not_one_per_union_member(case: YamlCase) -> None:
    text = case.edit("title: {nl: Mini-scan, en: Mini scan}", "title: 5")
    findings = case.check(text)
    assert [f.code for f in findings] == [Code.WRONG_TYPE]
    assert findings[0].line == case.line_of(text, "title: 5")


def test_a_wrong_type_inside_a_translation_points_at_that_translation(case: YamlCase) -> None:
    text = case.edit("name: {nl: Autonomie, en: Autonomy}", "name: {nl: Autonomie, en: [Autonomy]}")
    f = case.only(case.check(text), Code.WRONG_TYPE)
    assert (f.line, f.col) == (case.line_of(text, "[Autonomy]"), case.col_of(text, "[Autonomy]"))


def test_a_boolean_min_answered_is_one_wrong_type(case: YamlCase) -> None:
    text = case.edit("min_answered: 0.5", "min_answered: yes")
    assert [f.code for f in case.check(text)] == [Code.WRONG_TYPE]


def test_a_label_key_that_is_no_number_points_at_the_key(case: YamlCase) -> None:
    text = case.edit("    5: {nl: Helemaal", "    vijf: {nl: Helemaal")
    f = case.only(case.check(text), Code.WRONG_TYPE)
    assert (f.line, f.col) == (case.line_of(text, "vijf:"), case.col_of(text, "vijf:"))


def test_missing_key_points_at_the_parent_mapping(case: YamlCase) -> None:
    text = case.edit(
        "      - id: au1\n        text: {nl: Ik bepaal zelf hoe ik werk., en: I decide how I work.}\n",
        "      - id: au1\n",
    )
    f = case.only(case.check(text), Code.MISSING_KEY)
    assert f.params["key"] == "text"
    assert (f.line, f.col) == (case.line_of(text, "- id: au1"), case.col_of(text, "id: au1"))


def test_missing_top_level_key_points_at_the_document(case: YamlCase) -> None:
    text = case.edit('version: "0.1"\n', "")
    f = case.only(case.check(text), Code.MISSING_KEY)
    assert f.params["key"] == "version"
    assert f.line == case.line_of(text, "id: mini")


def test_bad_id_pattern_is_a_wrong_type(case: YamlCase) -> None:
    text = case.edit("  - id: autonomy", "  - id: Auto Nomy")
    assert case.only(case.check(text), Code.WRONG_TYPE).line == case.line_of(text, "Auto Nomy")
