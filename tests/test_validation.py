"""Questionnaire validation: every rule reports its catalogue entry at the right YAML line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lerende_scan.errors import Code, Finding, ScanError, Severity
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir
from lerende_scan.validation import load_questionnaire, validate_paths, validate_text

DATA = Path(__file__).parent / "data" / "questionnaires"
VALID = (DATA / "valid.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = VALID) -> str:
    """Replace one exact, unique snippet of the valid fixture."""
    assert text.count(old) == 1, f"fixture snippet not unique: {old!r}"
    return text.replace(old, new)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing ``needle`` (the hand-computed reference)."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def col_of(text: str, needle: str, nth: int = 1) -> int:
    line = text.splitlines()[line_of(text, needle, nth) - 1]
    return line.index(needle) + 1


def check(text: str) -> list[Finding]:
    return validate_text(text, "q.yaml")[1]


def only(findings: list[Finding], code: Code) -> Finding:
    """The one finding with ``code``; fails when there is none or more than one."""
    hits = [f for f in findings if f.code is code]
    assert len(hits) == 1, f"expected one {code.name}, got {[str(f) for f in findings]}"
    return hits[0]


# -- valid files ------------------------------------------------------------------------------------


def test_valid_fixture_has_no_findings_and_gives_a_model() -> None:
    model, findings = validate_text(VALID, "valid.yaml")
    assert findings == []
    assert model is not None
    assert [f.id for f in model.factors] == ["feedback", "autonomy"]
    assert model.scale.labels[5] == {"nl": "Helemaal mee eens", "en": "Strongly agree"}


def test_shipped_questionnaire_validates_without_errors_or_warnings() -> None:
    path = questionnaires_dir() / DEFAULT_QUESTIONNAIRE
    model, findings = validate_text(path.read_text(encoding="utf-8"), str(path))
    assert [str(f) for f in findings] == []
    assert model is not None and len(model.factors) == 6


def test_load_questionnaire_defaults_to_the_shipped_questionnaire() -> None:
    assert load_questionnaire().id == "lerende-organisatie"


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


def test_anchors_aliases_and_merge_keys_are_plain_data() -> None:
    text = edit("name: {nl: Feedback, en: Feedback}", "name: &n {nl: Feedback, en: Feedback}")
    text = edit("description: {nl: Terugkijken", "description: &d {nl: Terugkijken", text)
    text = edit(
        "    name: {nl: Autonomie, en: Autonomy}\n",
        "    name: {<<: *n, nl: Autonomie}\n    description: *d\n",
        text,
    )
    model, findings = validate_text(text, "q.yaml")
    assert findings == []
    assert model is not None
    assert model.factors[1].name == {"nl": "Autonomie", "en": "Feedback"}
    assert model.factors[1].description == model.factors[0].description


def test_quoted_label_keys_count_as_answer_values() -> None:
    text = edit("    5: {nl: Helemaal", '    "5": {nl: Helemaal')
    model, findings = validate_text(text, "q.yaml")
    assert findings == []
    assert model is not None and 5 in model.scale.labels


# -- YAML level -------------------------------------------------------------------------------------


def test_yaml_syntax_error_reports_the_problem_line() -> None:
    text = edit("  max: 5\n", "  max: 5\n   bad indent: x\n")
    f = only(check(text), Code.YAML_SYNTAX)
    assert f.line == line_of(text, "bad indent")


def test_unclosed_flow_mapping_is_a_syntax_error() -> None:
    text = edit("title: {nl: Mini-scan, en: Mini scan}", "title: {nl: Mini-scan, en: 'Mini scan}")
    findings = check(text)
    assert [f.code for f in findings] == [Code.YAML_SYNTAX]
    assert findings[0].line is not None and findings[0].line >= line_of(text, "title:")


def test_several_documents_are_refused() -> None:
    text = VALID + "---\nid: second\n"
    f = only(check(text), Code.YAML_SYNTAX)
    assert f.line == line_of(text, "---")


def test_control_character_is_a_syntax_error_at_its_position() -> None:
    text = edit("Mini scan}", "Mini\x07scan}")
    f = only(check(text), Code.YAML_SYNTAX)
    assert (f.line, f.col) == (line_of(text, "\x07"), col_of(text, "\x07"))


def test_python_tags_are_refused_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = edit(
        "        reverse: false\n",
        f'        reverse: !!python/object/apply:os.system ["touch {marker}"]\n',
    )
    findings = check(text)
    f = only(findings, Code.YAML_TAG)
    assert f.line == line_of(text, "!!python")
    assert f.params["tag"] == "!!python/object/apply:os.system"
    assert not marker.exists()
    # The refused value is not reported a second time as a wrong type.
    assert [x.code for x in findings] == [Code.YAML_TAG]


def test_local_tags_are_refused_on_values_keys_and_the_root() -> None:
    text = edit("min_group_size: 5", "min_group_size: !foo 5")
    assert only(check(text), Code.YAML_TAG).line == line_of(text, "!foo")
    text = edit("    reverse: true\n  - id: autonomy", "    !foo reverse: true\n  - id: autonomy")
    assert only(check(text), Code.YAML_TAG).line == line_of(text, "!foo")
    assert [f.code for f in check("!foo {id: x}\n")] == [Code.YAML_TAG]


def test_duplicate_key_is_reported_at_the_second_one() -> None:
    text = edit("  min_answered: 0.5\n", "  min_answered: 0.5\n  min_answered: 0.6\n")
    f = only(check(text), Code.YAML_DUPLICATE_KEY)
    assert f.line == line_of(text, "min_answered", 2)
    assert f.params["first_line"] == line_of(text, "min_answered")


def test_alias_bomb_is_refused_quickly() -> None:
    rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    start = time.perf_counter()
    findings = check("\n".join(rows) + "\n")
    assert time.perf_counter() - start < 1.0
    assert [f.code for f in findings] == [Code.YAML_TOO_LARGE]


def test_self_referencing_alias_is_refused() -> None:
    assert [f.code for f in check("id: &x [1, *x]\n")] == [Code.YAML_TOO_LARGE]


def test_deeply_nested_brackets_are_a_syntax_error_not_a_crash() -> None:
    assert [f.code for f in check("[" * 5000 + "]" * 5000 + "\n")] == [Code.YAML_SYNTAX]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a\n- b\n", "just text\n"])
def test_a_file_that_is_not_a_mapping_is_refused(text: str) -> None:
    f = only(check(text), Code.NOT_A_MAPPING)
    assert f.line == 1


# -- keys and types ---------------------------------------------------------------------------------


def test_unknown_key_points_at_the_key_and_suggests_the_near_miss() -> None:
    text = edit("        reverse: true\n  - id: autonomy", "        revers: true\n  - id: autonomy")
    f = only(check(text), Code.UNKNOWN_KEY)
    assert (f.line, f.col) == (line_of(text, "revers:"), col_of(text, "revers:"))
    assert f.params["key"] == "revers"
    assert "'reverse'" in f.params["suggestion"]
    assert "item 'fb2'" in f.params["where"]


def test_unknown_key_without_near_miss_lists_the_known_keys() -> None:
    text = edit("anonymity:", "colour: blue\nanonymity:")
    f = only(check(text), Code.UNKNOWN_KEY)
    assert f.line == line_of(text, "colour:")
    assert "factors" in f.params["suggestion"] and "did you mean" not in f.params["suggestion"]


def test_reverse_misschien_is_a_wrong_type_at_the_value() -> None:
    text = edit("        reverse: false\n", "        reverse: misschien\n")
    f = only(check(text), Code.WRONG_TYPE)
    assert (f.line, f.col) == (line_of(text, "misschien"), col_of(text, "misschien"))


def test_unquoted_version_says_quote_it() -> None:
    text = edit('version: "0.1"', "version: 1.0")
    f = only(check(text), Code.WRONG_TYPE)
    assert f.line == line_of(text, "version:")
    assert '"1.0"' in f.params["expected"]


def test_scale_min_vijf_is_a_wrong_type() -> None:
    text = edit("  min: 1\n", "  min: vijf\n")
    findings = check(text)
    assert only(findings, Code.WRONG_TYPE).line == line_of(text, "min: vijf")
    # With no usable minimum, the scale-dependent rules stay quiet instead of guessing.
    assert [f.code for f in findings] == [Code.WRONG_TYPE]


def test_a_wrong_text_type_gives_one_finding_not_one_per_union_member() -> None:
    text = edit("title: {nl: Mini-scan, en: Mini scan}", "title: 5")
    findings = check(text)
    assert [f.code for f in findings] == [Code.WRONG_TYPE]
    assert findings[0].line == line_of(text, "title: 5")


def test_a_wrong_type_inside_a_translation_points_at_that_translation() -> None:
    text = edit("name: {nl: Autonomie, en: Autonomy}", "name: {nl: Autonomie, en: [Autonomy]}")
    f = only(check(text), Code.WRONG_TYPE)
    assert (f.line, f.col) == (line_of(text, "[Autonomy]"), col_of(text, "[Autonomy]"))


def test_a_boolean_min_answered_is_one_wrong_type() -> None:
    text = edit("min_answered: 0.5", "min_answered: yes")
    assert [f.code for f in check(text)] == [Code.WRONG_TYPE]


def test_a_label_key_that_is_no_number_points_at_the_key() -> None:
    text = edit("    5: {nl: Helemaal", "    vijf: {nl: Helemaal")
    f = only(check(text), Code.WRONG_TYPE)
    assert (f.line, f.col) == (line_of(text, "vijf:"), col_of(text, "vijf:"))


def test_missing_key_points_at_the_parent_mapping() -> None:
    text = edit(
        "      - id: au1\n        text: {nl: Ik bepaal zelf hoe ik werk., en: I decide how I work.}\n",
        "      - id: au1\n",
    )
    f = only(check(text), Code.MISSING_KEY)
    assert f.params["key"] == "text"
    assert (f.line, f.col) == (line_of(text, "- id: au1"), col_of(text, "id: au1"))


def test_missing_top_level_key_points_at_the_document() -> None:
    text = edit('version: "0.1"\n', "")
    f = only(check(text), Code.MISSING_KEY)
    assert f.params["key"] == "version"
    assert f.line == line_of(text, "id: mini")


def test_bad_id_pattern_is_a_wrong_type() -> None:
    text = edit("  - id: autonomy", "  - id: Auto Nomy")
    assert only(check(text), Code.WRONG_TYPE).line == line_of(text, "Auto Nomy")


# -- ids and columns --------------------------------------------------------------------------------


def test_duplicate_factor_id_names_the_first_line() -> None:
    text = edit("  - id: autonomy", "  - id: feedback")
    f = only(check(text), Code.DUPLICATE_FACTOR_ID)
    assert f.line == line_of(text, "- id: feedback", 2)
    assert f.params["first_line"] == line_of(text, "- id: feedback")


def test_duplicate_item_id_across_factors_names_the_first_line() -> None:
    text = edit("      - id: au2", "      - id: fb1")
    f = only(check(text), Code.DUPLICATE_ITEM_ID)
    assert f.line == line_of(text, "- id: fb1", 2)
    assert f.params["first_line"] == line_of(text, "- id: fb1")


def test_a_code_used_by_two_items_is_a_duplicate_column() -> None:
    text = edit("        reverse: true\n  - id: autonomy", '        codes: ["fb[sq001]"]\n  - id: autonomy')
    f = only(check(text), Code.DUPLICATE_COLUMN_NAME)
    assert f.line == line_of(text, "fb[sq001]")
    assert f.params["other"] == "fb1"


def test_a_code_equal_to_another_items_id_is_a_duplicate_column() -> None:
    text = edit("        reverse: true\n  - id: autonomy", "        codes: [AU1]\n  - id: autonomy")
    f = only(check(text), Code.DUPLICATE_COLUMN_NAME)
    assert f.line == line_of(text, "codes: [AU1]")


def test_two_items_with_the_same_text_are_a_duplicate_column() -> None:
    """Exports may use the question text as the column header, so a repeated text is ambiguous."""
    text = edit("en: My tasks are fragmented.}", "en: i decide how i work.}")
    f = only(check(text), Code.DUPLICATE_COLUMN_NAME)
    assert (f.line, f.col) == (line_of(text, "i decide how i work."), col_of(text, "i decide how i work."))
    assert f.params["other"] == "au1"


# -- translations -----------------------------------------------------------------------------------


def test_missing_translation_points_at_the_text() -> None:
    text = edit("text: {nl: Fouten worden verzwegen., en: Mistakes are kept quiet.}", "text: {nl: Fouten.}")
    f = only(check(text), Code.MISSING_TRANSLATION)
    assert f.line == line_of(text, "Fouten.")
    assert f.params["lang"] == "en"


def test_a_plain_string_in_a_two_language_file_misses_a_translation() -> None:
    text = edit("name: {nl: Autonomie, en: Autonomy}", "name: Autonomie")
    f = only(check(text), Code.MISSING_TRANSLATION)
    assert f.line == line_of(text, "name: Autonomie")


def test_an_empty_translation_is_missing() -> None:
    text = edit("en: Strongly agree}", 'en: ""}')
    assert only(check(text), Code.MISSING_TRANSLATION).line == line_of(text, 'en: ""')


def test_missing_translation_in_advice_lists() -> None:
    text = edit("      en: [Peer consultation]\n", "")
    assert only(check(text), Code.MISSING_TRANSLATION).line == line_of(text, "nl: [Intervisie]")


def test_a_language_not_declared_is_unknown() -> None:
    text = edit("en: Bottleneck}", "en: Bottleneck, de: Engpass}")
    f = only(check(text), Code.UNKNOWN_LANGUAGE)
    assert (f.line, f.col) == (line_of(text, "de: Engpass"), col_of(text, "de: Engpass"))


# -- scale, labels, bands, scoring ------------------------------------------------------------------


def test_scale_min_must_be_below_max() -> None:
    text = edit("  min: 1\n  max: 5\n", "  min: 5\n  max: 1\n")
    f = only(check(text), Code.SCALE_ORDER)
    assert f.line == line_of(text, "max: 1")


@pytest.mark.parametrize(("lo", "hi", "ok"), [(1, 2, True), (0, 10, True), (0, 11, False), (1, 12, False)])
def test_scale_has_2_to_11_points(lo: int, hi: int, ok: bool) -> None:
    text = edit("  min: 1\n  max: 5\n", f"  min: {lo}\n  max: {hi}\n")
    text = edit("below: 2.5", f"below: {lo + 0.5}", text)
    text = edit("below: 3.5", f"below: {lo + 1}", text)
    text = edit("    5: {nl: Helemaal", f"    {hi}: {{nl: Helemaal", text)
    findings = check(text)
    if ok:
        assert findings == []
    else:
        assert only(findings, Code.SCALE_POINTS).line == line_of(text, f"max: {hi}")


def test_label_outside_the_scale_points_at_its_key() -> None:
    text = edit("    5: {nl: Helemaal", "    7: {nl: Helemaal")
    f = only(check(text), Code.LABEL_OUTSIDE_SCALE)
    assert (f.line, f.col) == (line_of(text, "7: {nl"), col_of(text, "7: {nl"))


def test_bands_must_increase() -> None:
    text = edit("below: 3.5", "below: 2.0")
    f = only(check(text), Code.BAND_ORDER)
    assert f.line == line_of(text, "below: 2.0")


def test_bands_must_lie_inside_the_scale() -> None:
    text = edit("below: 2.5", "below: 1")  # equal to min: no score can fall below it
    assert only(check(text), Code.BAND_OUTSIDE_SCALE).line == line_of(text, "below: 1")
    text = edit("below: 3.5", "below: 6")
    assert only(check(text), Code.BAND_OUTSIDE_SCALE).line == line_of(text, "below: 6")


def test_only_the_last_band_is_open_ended() -> None:
    text = edit("{id: attention, below: 3.5, label:", "{id: attention, label:")
    assert only(check(text), Code.BAND_UNBOUNDED).line == line_of(text, "id: attention")
    text = edit("{id: strength, label:", "{id: strength, below: 4.5, label:")
    assert only(check(text), Code.BAND_LAST_BOUNDED).line == line_of(text, "id: strength")


@pytest.mark.parametrize(
    ("value", "ok"), [("0", False), ("-0.1", False), ("1.5", False), ("1", True), ("0.01", True)]
)
def test_min_answered_lies_in_0_1(value: str, ok: bool) -> None:
    text = edit("min_answered: 0.5", f"min_answered: {value}")
    findings = check(text)
    if ok:
        assert findings == []
    else:
        assert [f.code for f in findings] == [Code.MIN_ANSWERED_RANGE]
        assert findings[0].line == line_of(text, "min_answered")


# -- factors and leaders ----------------------------------------------------------------------------

AUTONOMY_ITEMS = (
    "    items:\n"
    "      - id: au1\n"
    "        text: {nl: Ik bepaal zelf hoe ik werk., en: I decide how I work.}\n"
    "      - id: au2\n"
    "        text: {nl: Mijn taken zijn versnipperd., en: My tasks are fragmented.}\n"
    "        reverse: true\n"
)


@pytest.mark.parametrize("empty", ["    items: []\n", "    items:\n"])
def test_a_factor_without_items_is_an_error(empty: str) -> None:
    text = edit(AUTONOMY_ITEMS, empty)
    findings = check(text)
    assert [f.code for f in findings] == [Code.NO_ITEMS]
    assert findings[0].line == line_of(text, "items:", 2)


def test_a_factor_with_one_item_is_a_warning_only() -> None:
    text = edit(AUTONOMY_ITEMS, AUTONOMY_ITEMS.split("      - id: au2")[0])
    model, findings = validate_text(text, "q.yaml")
    f = only(findings, Code.ONE_ITEM)
    assert f.severity is Severity.WARNING
    assert f.line == line_of(text, "items:", 2)
    assert model is not None


@pytest.mark.parametrize("empty", ["factors: []\n", "factors:\n"])
def test_a_questionnaire_without_factors_is_an_error(empty: str) -> None:
    text = VALID.split("factors:")[0] + empty
    findings = check(text)
    assert [f.code for f in findings] == [Code.NO_FACTORS]
    assert findings[0].line == line_of(text, "factors:")


def test_leaders_column_must_be_a_group() -> None:
    text = edit("leaders: {column: role,", "leaders: {column: functie,")
    f = only(check(text), Code.UNKNOWN_GROUP_COLUMN)
    assert (f.line, f.col) == (line_of(text, "functie"), col_of(text, "functie"))


# -- all problems in one run ------------------------------------------------------------------------


def test_one_run_reports_type_errors_and_semantic_problems_together() -> None:
    text = edit("        reverse: false\n", "        reverse: misschien\n")
    text = edit("min_answered: 0.5", "min_answered: 2", text)
    text = edit("      - id: au2", "      - id: fb1", text)
    text = edit("name: {nl: Autonomie, en: Autonomy}", "name: Autonomie", text)
    text = edit("    5: {nl: Helemaal", "    9: {nl: Helemaal", text)
    codes = [f.code for f in check(text)]
    assert sorted(codes, key=lambda c: c.id) == sorted(
        [
            Code.WRONG_TYPE,
            Code.MIN_ANSWERED_RANGE,
            Code.DUPLICATE_ITEM_ID,
            Code.MISSING_TRANSLATION,
            Code.LABEL_OUTSIDE_SCALE,
        ],
        key=lambda c: c.id,
    )


def test_findings_come_in_line_order_with_file_line_col_prefix() -> None:
    text = edit("        reverse: false\n", "        reverse: misschien\n")
    text = edit("min_answered: 0.5", "min_answered: 2", text)
    findings = check(text)
    assert [f.line for f in findings] == sorted(f.line or 0 for f in findings)
    assert str(findings[0]).startswith(f"q.yaml:{line_of(text, 'min_answered')}:")


# -- load_questionnaire and validate_paths ----------------------------------------------------------


def test_load_questionnaire_raises_with_all_errors_but_not_warnings(tmp_path: Path) -> None:
    text = edit(AUTONOMY_ITEMS, AUTONOMY_ITEMS.split("      - id: au2")[0])  # a warning
    text = edit("min_answered: 0.5", "min_answered: 2", text)
    text = edit("        reverse: false\n", "        reverse: misschien\n", text)
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScanError) as info:
        load_questionnaire(path)
    assert sorted(f.code.id for f in info.value.findings) == sorted(
        [Code.MIN_ANSWERED_RANGE.id, Code.WRONG_TYPE.id]
    )


def test_load_questionnaire_with_only_warnings_returns_the_model(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(edit(AUTONOMY_ITEMS, AUTONOMY_ITEMS.split("      - id: au2")[0]), encoding="utf-8")
    assert len(load_questionnaire(path).factors[1].items) == 1


def test_load_questionnaire_reports_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as info:
        load_questionnaire(tmp_path / "nope.yaml")
    assert [f.code for f in info.value.findings] == [Code.FILE_UNREADABLE]


def test_validate_paths_recurses_skips_hidden_folders_and_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "sub" / "b.yml").write_text(edit("min_answered: 0.5", "min_answered: 2"), encoding="utf-8")
    (tmp_path / ".git" / "c.yaml").write_text("not: [valid\n", encoding="utf-8")
    (tmp_path / "questionnaire.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    report = validate_paths([tmp_path, tmp_path / "a.yaml"])
    assert report.files == [tmp_path / "a.yaml", tmp_path / "sub" / "b.yml"]
    assert [(f.code, f.file) for f in report.findings] == [
        (Code.MIN_ANSWERED_RANGE, str(tmp_path / "sub" / "b.yml"))
    ]
    assert (report.errors, report.warnings) == (1, 0)


def test_validate_paths_reports_a_folder_without_questionnaires(tmp_path: Path) -> None:
    report = validate_paths([tmp_path])
    assert report.files == []
    assert [f.code for f in report.findings] == [Code.NO_QUESTIONNAIRES]


def test_validate_paths_reports_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: \xe9tude\n")  # Latin-1 é
    report = validate_paths([path])
    assert [f.code for f in report.findings] == [Code.FILE_UNREADABLE]
