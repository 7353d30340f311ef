"""The semantic rules: every rule reports its catalogue entry at the right YAML line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lerende_scan.errors import Code, Severity
from lerende_scan.questionnaire import validate_text

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase


# -- ids and columns --------------------------------------------------------------------------------


def test_duplicate_factor_id_names_the_first_line(case: YamlCase) -> None:
    text = case.edit("  - id: autonomy", "  - id: feedback")
    f = case.only(case.check(text), Code.DUPLICATE_FACTOR_ID)
    assert f.line == case.line_of(text, "- id: feedback", 2)
    assert f.params["first_line"] == case.line_of(text, "- id: feedback")


def test_duplicate_item_id_across_factors_names_the_first_line(case: YamlCase) -> None:
    text = case.edit("      - id: au2", "      - id: fb1")
    f = case.only(case.check(text), Code.DUPLICATE_ITEM_ID)
    assert f.line == case.line_of(text, "- id: fb1", 2)
    assert f.params["first_line"] == case.line_of(text, "- id: fb1")


def test_a_code_used_by_two_items_is_a_duplicate_column(case: YamlCase) -> None:
    text = case.edit(
        "        reverse: true\n  - id: autonomy", '        codes: ["fb[sq001]"]\n  - id: autonomy'
    )
    f = case.only(case.check(text), Code.DUPLICATE_COLUMN_NAME)
    assert f.line == case.line_of(text, "fb[sq001]")
    assert f.params["other"] == "fb1"


def test_a_code_equal_to_another_items_id_is_a_duplicate_column(case: YamlCase) -> None:
    text = case.edit("        reverse: true\n  - id: autonomy", "        codes: [AU1]\n  - id: autonomy")
    f = case.only(case.check(text), Code.DUPLICATE_COLUMN_NAME)
    assert f.line == case.line_of(text, "codes: [AU1]")


def test_two_items_with_the_same_text_are_a_duplicate_column(case: YamlCase) -> None:
    """Exports may use the question text as the column header, so a repeated text is ambiguous."""
    text = case.edit("en: My tasks are fragmented.}", "en: i decide how i work.}")
    f = case.only(case.check(text), Code.DUPLICATE_COLUMN_NAME)
    assert (f.line, f.col) == (
        case.line_of(text, "i decide how i work."),
        case.col_of(text, "i decide how i work."),
    )
    assert f.params["other"] == "au1"


# -- the part each column plays ---------------------------------------------------------------------


def test_a_group_listed_twice_is_an_error_at_the_second(case: YamlCase) -> None:
    """It passed validation and was then reported as "not in the file" when scoring."""
    text = case.edit("groups: [department, role]", "groups: [department, role, Department]")
    f = case.only(case.check(text), Code.GROUP_TWICE)
    assert (f.line, f.col) == (case.line_of(text, "Department]"), case.col_of(text, "Department]"))
    assert f.params["first"] == 1


@pytest.mark.parametrize("column", ["fb1", "FB[sq001]"])
def test_a_group_that_is_an_items_column_is_an_error(case: YamlCase, column: str) -> None:
    text = case.edit("groups: [department, role]", f'groups: [department, role, "{column}"]')
    f = case.only(case.check(text), Code.COLUMN_IS_ITEM)
    assert f.params["item"] == "fb1" and f.line == case.line_of(text, "groups:")


def test_a_respondent_id_that_is_an_item_or_a_group_is_an_error(case: YamlCase) -> None:
    text = case.edit("groups: [department, role]", "groups: [department, role]\nrespondent_id: fb1")
    assert case.only(case.check(text), Code.COLUMN_IS_ITEM).line == case.line_of(text, "respondent_id:")
    text = case.edit("groups: [department, role]", "groups: [department, role, nr]\nrespondent_id: NR")
    assert case.only(case.check(text), Code.GROUP_IS_RESPONDENT_ID).params["name"] == "nr"
    # Undeclared, a column called respondent_id is detected as the id (see ingest), so it is no group.
    text = case.edit("groups: [department, role]", "groups: [department, role, Respondent_ID]")
    assert case.only(case.check(text), Code.GROUP_IS_RESPONDENT_ID).params["name"] == "Respondent_ID"


@pytest.mark.parametrize("ident", ["index", "Company"])
def test_a_factor_id_the_outputs_reserve_is_an_error(case: YamlCase, ident: str) -> None:
    """A factor 'index' was filed in scores.json beside the overall index of the same id."""
    text = case.edit("  - id: autonomy", f"  - id: {ident}")
    f = case.only(case.check(text), Code.RESERVED_ID)
    assert f.line == case.line_of(text, f"- id: {ident}")


def test_an_item_code_company_is_an_error(case: YamlCase) -> None:
    """``codes: [company]`` made the company column of a sector export an answer column (R013 later)."""
    text = case.edit('codes: ["FB[SQ001]"]', 'codes: ["FB[SQ001]", company]')
    f = case.only(case.check(text), Code.RESERVED_ID)
    assert f.col == case.col_of(text, "company]")


def test_a_respondent_id_company_is_an_error(case: YamlCase) -> None:
    """It was valid, and scoring then said the column 'company' was not in the file (R023)."""
    text = case.edit("groups: [department, role]", "groups: [department, role]\nrespondent_id: Company")
    assert case.only(case.check(text), Code.RESERVED_ID).line == case.line_of(text, "respondent_id:")


def test_the_fixture_questionnaire_plays_every_column_once(case: YamlCase) -> None:
    roles = {Code.GROUP_TWICE, Code.COLUMN_IS_ITEM, Code.GROUP_IS_RESPONDENT_ID, Code.RESERVED_ID}
    assert not [f for f in case.check(case.valid) if f.code in roles]


# -- translations -----------------------------------------------------------------------------------


def test_missing_translation_points_at_the_text(case: YamlCase) -> None:
    text = case.edit(
        "text: {nl: Fouten worden verzwegen., en: Mistakes are kept quiet.}", "text: {nl: Fouten.}"
    )
    f = case.only(case.check(text), Code.MISSING_TRANSLATION)
    assert f.line == case.line_of(text, "Fouten.")
    assert f.params["lang"] == "en"


def test_a_plain_string_in_a_two_language_file_misses_a_translation(case: YamlCase) -> None:
    text = case.edit("name: {nl: Autonomie, en: Autonomy}", "name: Autonomie")
    f = case.only(case.check(text), Code.MISSING_TRANSLATION)
    assert f.line == case.line_of(text, "name: Autonomie")


def test_an_empty_translation_is_missing(case: YamlCase) -> None:
    text = case.edit("en: Strongly agree}", 'en: ""}')
    assert case.only(case.check(text), Code.MISSING_TRANSLATION).line == case.line_of(text, 'en: ""')


def test_missing_translation_in_advice_lists(case: YamlCase) -> None:
    text = case.edit("      en: [Peer consultation]\n", "")
    assert case.only(case.check(text), Code.MISSING_TRANSLATION).line == case.line_of(
        text, "nl: [Intervisie]"
    )


def test_a_language_not_declared_is_unknown(case: YamlCase) -> None:
    text = case.edit("en: Bottleneck}", "en: Bottleneck, de: Engpass}")
    f = case.only(case.check(text), Code.UNKNOWN_LANGUAGE)
    assert (f.line, f.col) == (case.line_of(text, "de: Engpass"), case.col_of(text, "de: Engpass"))


# -- scale, labels, bands, scoring ------------------------------------------------------------------


def test_scale_min_must_be_below_max(case: YamlCase) -> None:
    text = case.edit("  min: 1\n  max: 5\n", "  min: 5\n  max: 1\n")
    f = case.only(case.check(text), Code.SCALE_ORDER)
    assert f.line == case.line_of(text, "max: 1")


@pytest.mark.parametrize(("lo", "hi", "ok"), [(1, 2, True), (0, 10, True), (0, 11, False), (1, 12, False)])
def test_scale_has_2_to_11_points(case: YamlCase, lo: int, hi: int, ok: bool) -> None:
    text = case.edit("  min: 1\n  max: 5\n", f"  min: {lo}\n  max: {hi}\n")
    text = case.edit("below: 2.5", f"below: {lo + 0.5}", text)
    text = case.edit("below: 3.5", f"below: {lo + 1}", text)
    text = case.edit("    5: {nl: Helemaal", f"    {hi}: {{nl: Helemaal", text)
    findings = case.check(text)
    if ok:
        assert findings == []
    else:
        assert case.only(findings, Code.SCALE_POINTS).line == case.line_of(text, f"max: {hi}")


def test_label_outside_the_scale_points_at_its_key(case: YamlCase) -> None:
    text = case.edit("    5: {nl: Helemaal", "    7: {nl: Helemaal")
    f = case.only(case.check(text), Code.LABEL_OUTSIDE_SCALE)
    assert (f.line, f.col) == (case.line_of(text, "7: {nl"), case.col_of(text, "7: {nl"))


def test_bands_must_increase(case: YamlCase) -> None:
    text = case.edit("below: 3.5", "below: 2.0")
    f = case.only(case.check(text), Code.BAND_ORDER)
    assert f.line == case.line_of(text, "below: 2.0")


def test_a_scale_point_labelled_twice_as_number_and_as_text_is_refused(case: YamlCase) -> None:
    """`1:` and `"1":` differ to YAML; as scale points the later label silently replaced the first."""
    again = '    "1": {nl: Overschreven, en: Overwritten}\n'
    text = case.edit("    5: {nl: Helemaal", again + "    5: {nl: Helemaal")
    f = case.only(case.check(text), Code.YAML_DUPLICATE_KEY)
    assert f.line == case.line_of(text, '"1": {nl: Overschreven')
    assert f"first at line {case.line_of(text, '1: {nl: Helemaal mee oneens')}" in f.message


def test_two_bands_with_one_id_are_refused(case: YamlCase) -> None:
    """Scores of the second band were filed under the first one's id (and label) in scores.json."""
    text = case.edit("{id: attention,", "{id: bottleneck,")
    f = case.only(case.check(text), Code.BAND_ID_DUPLICATE)
    assert f.line == case.line_of(text, "{id: bottleneck, below: 3.5")
    assert "band 2 has the id 'bottleneck', like band 1" in f.message


def test_bands_without_ids_are_told_apart_by_their_labels(case: YamlCase) -> None:
    text = case.edit("{id: attention, ", "{").replace("{id: bottleneck, ", "{")
    assert Code.BAND_ID_DUPLICATE not in {f.code for f in case.check(text)}
    same = text.replace("nl: Aandachtspunt", "nl: Knelpunt")
    assert Code.BAND_ID_DUPLICATE in {f.code for f in case.check(same)}


def test_bands_must_lie_inside_the_scale(case: YamlCase) -> None:
    text = case.edit("below: 2.5", "below: 1")  # equal to min: no score can fall below it
    assert case.only(case.check(text), Code.BAND_OUTSIDE_SCALE).line == case.line_of(text, "below: 1")
    text = case.edit("below: 3.5", "below: 6")
    assert case.only(case.check(text), Code.BAND_OUTSIDE_SCALE).line == case.line_of(text, "below: 6")


def test_only_the_last_band_is_open_ended(case: YamlCase) -> None:
    text = case.edit("{id: attention, below: 3.5, label:", "{id: attention, label:")
    assert case.only(case.check(text), Code.BAND_UNBOUNDED).line == case.line_of(text, "id: attention")
    text = case.edit("{id: strength, label:", "{id: strength, below: 4.5, label:")
    assert case.only(case.check(text), Code.BAND_LAST_BOUNDED).line == case.line_of(text, "id: strength")


@pytest.mark.parametrize(
    ("value", "ok"), [("0", False), ("-0.1", False), ("1.5", False), ("1", True), ("0.01", True)]
)
def test_min_answered_lies_in_0_1(case: YamlCase, value: str, ok: bool) -> None:
    text = case.edit("min_answered: 0.5", f"min_answered: {value}")
    findings = case.check(text)
    if ok:
        assert findings == []
    else:
        assert [f.code for f in findings] == [Code.MIN_ANSWERED_RANGE]
        assert findings[0].line == case.line_of(text, "min_answered")


# -- factors and leaders ----------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["    items: []\n", "    items:\n"])
def test_a_factor_without_items_is_an_error(case: YamlCase, empty: str) -> None:
    text = case.edit(case.autonomy_items, empty)
    findings = case.check(text)
    assert [f.code for f in findings] == [Code.NO_ITEMS]
    assert findings[0].line == case.line_of(text, "items:", 2)


def test_a_factor_with_one_item_is_a_warning_only(case: YamlCase) -> None:
    text = case.edit(case.autonomy_items, case.autonomy_items.split("      - id: au2")[0])
    model, findings = validate_text(text, "q.yaml")
    f = case.only(findings, Code.ONE_ITEM)
    assert f.severity is Severity.WARNING
    assert f.line == case.line_of(text, "items:", 2)
    assert model is not None


@pytest.mark.parametrize("empty", ["factors: []\n", "factors:\n"])
def test_a_questionnaire_without_factors_is_an_error(case: YamlCase, empty: str) -> None:
    text = case.valid.split("factors:")[0] + empty
    findings = case.check(text)
    assert [f.code for f in findings] == [Code.NO_FACTORS]
    assert findings[0].line == case.line_of(text, "factors:")


def test_leaders_column_must_be_a_group(case: YamlCase) -> None:
    text = case.edit("leaders: {column: role,", "leaders: {column: functie,")
    f = case.only(case.check(text), Code.UNKNOWN_GROUP_COLUMN)
    assert (f.line, f.col) == (case.line_of(text, "functie"), case.col_of(text, "functie"))
