"""Reading YAML: syntax errors, refused tags, duplicate keys and alias bombs, each at its line."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from lerende_scan.errors import Code
from lerende_scan.questionnaire import validate_text

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase


def test_anchors_aliases_and_merge_keys_are_plain_data(case: YamlCase) -> None:
    text = case.edit("name: {nl: Feedback, en: Feedback}", "name: &n {nl: Feedback, en: Feedback}")
    text = case.edit("description: {nl: Terugkijken", "description: &d {nl: Terugkijken", text)
    text = case.edit(
        "    name: {nl: Autonomie, en: Autonomy}\n",
        "    name: {<<: *n, nl: Autonomie}\n    description: *d\n",
        text,
    )
    model, findings = validate_text(text, "q.yaml")
    assert findings == []
    assert model is not None
    assert model.factors[1].name == {"nl": "Autonomie", "en": "Feedback"}
    assert model.factors[1].description == model.factors[0].description


# -- YAML level -------------------------------------------------------------------------------------


def test_yaml_syntax_error_reports_the_problem_line(case: YamlCase) -> None:
    text = case.edit("  max: 5\n", "  max: 5\n   bad indent: x\n")
    f = case.only(case.check(text), Code.YAML_SYNTAX)
    assert f.line == case.line_of(text, "bad indent")


def test_unclosed_flow_mapping_is_a_syntax_error(case: YamlCase) -> None:
    text = case.edit("title: {nl: Mini-scan, en: Mini scan}", "title: {nl: Mini-scan, en: 'Mini scan}")
    findings = case.check(text)
    assert [f.code for f in findings] == [Code.YAML_SYNTAX]
    assert findings[0].line is not None and findings[0].line >= case.line_of(text, "title:")


def test_several_documents_are_refused(case: YamlCase) -> None:
    text = case.valid + "---\nid: second\n"
    f = case.only(case.check(text), Code.YAML_SYNTAX)
    assert f.line == case.line_of(text, "---")


def test_control_character_is_a_syntax_error_at_its_position(case: YamlCase) -> None:
    text = case.edit("Mini scan}", "Mini\x07scan}")
    f = case.only(case.check(text), Code.YAML_SYNTAX)
    assert (f.line, f.col) == (case.line_of(text, "\x07"), case.col_of(text, "\x07"))


def test_python_tags_are_refused_and_never_executed(case: YamlCase, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = case.edit(
        "        reverse: false\n",
        f'        reverse: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    findings = case.check(text)
    f = case.only(findings, Code.YAML_TAG)
    assert f.line == case.line_of(text, "!!python")
    assert f.params["tag"] == "!!python/object/apply:os.system"
    assert not marker.exists()
    # The refused value is not reported a second time as a wrong type.
    assert [x.code for x in findings] == [Code.YAML_TAG]


def test_local_tags_are_refused_on_values_keys_and_the_root(case: YamlCase) -> None:
    text = case.edit("min_group_size: 5", "min_group_size: !foo 5")
    assert case.only(case.check(text), Code.YAML_TAG).line == case.line_of(text, "!foo")
    text = case.edit("    reverse: true\n  - id: autonomy", "    !foo reverse: true\n  - id: autonomy")
    assert case.only(case.check(text), Code.YAML_TAG).line == case.line_of(text, "!foo")
    assert [f.code for f in case.check("!foo {id: x}\n")] == [Code.YAML_TAG]


def test_duplicate_key_is_reported_at_the_second_one(case: YamlCase) -> None:
    text = case.edit("  min_answered: 0.5\n", "  min_answered: 0.5\n  min_answered: 0.6\n")
    f = case.only(case.check(text), Code.YAML_DUPLICATE_KEY)
    assert f.line == case.line_of(text, "min_answered", 2)
    assert f.params["first_line"] == case.line_of(text, "min_answered")


def test_alias_bomb_is_refused_quickly(case: YamlCase) -> None:
    rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    start = time.perf_counter()
    findings = case.check("\n".join(rows) + "\n")
    assert time.perf_counter() - start < 1.0
    assert [f.code for f in findings] == [Code.YAML_TOO_LARGE]


def test_self_referencing_alias_is_refused(case: YamlCase) -> None:
    assert [f.code for f in case.check("id: &x [1, *x]\n")] == [Code.YAML_TOO_LARGE]


def test_deeply_nested_brackets_are_a_syntax_error_not_a_crash(case: YamlCase) -> None:
    assert [f.code for f in case.check("[" * 5000 + "]" * 5000 + "\n")] == [Code.YAML_SYNTAX]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_a_file_that_is_not_a_mapping_is_refused(case: YamlCase, text: str) -> None:
    f = case.only(case.check(text), Code.NOT_A_MAPPING)
    assert f.line == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("~: 1", "the key '~' is read as empty (null), not as a name"),
        ("1.5: 1", "the key '1.5' is read as a number, not as a name"),
        ("? [a, b]\n: 1", "a key is read as a list, not as a name"),
        ("<<: {1.5: x}", "the key '1.5' is read as a number, not as a name"),  # brought in by a merge key
    ],
)
def test_a_key_that_is_no_name_is_one_plain_message(case: YamlCase, line: str, expected: str) -> None:
    """pydantic said "the file has the value a mapping; expected None" here, and a list key passed."""
    _, findings = validate_text(case.valid + line + "\n", "q.yaml")
    assert [f.code for f in findings] == [Code.YAML_KEY_KIND]
    assert expected in findings[0].message and findings[0].line == case.valid.count("\n") + 1


@pytest.mark.parametrize("key", ["yes", ".nan", "~"])
def test_a_scale_label_key_must_be_a_scale_point(case: YamlCase, key: str) -> None:
    text = case.edit("    5: {nl: Helemaal", f"    {key}: {{nl: Helemaal")
    _, findings = validate_text(text, "q.yaml")
    assert Code.YAML_KEY_KIND in {f.code for f in findings}
    found = next(f for f in findings if f.code is Code.YAML_KEY_KIND)
    assert "not as a scale point" in found.message and "expected None" not in str(findings)
