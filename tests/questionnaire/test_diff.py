"""Two questionnaire versions: which statements changed and how, and which factors keep their trend."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from lerende_scan.questionnaire import Questionnaire, Scale, load_questionnaire, validate_text
from lerende_scan.questionnaire.diff import Change, QuestionnaireDiff, diff

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase

FB2 = "        text: {nl: Fouten worden verzwegen., en: Mistakes are kept quiet.}\n"
AU2 = (
    "      - id: au2\n"
    "        text: {nl: Mijn taken zijn versnipperd., en: My tasks are fragmented.}\n"
    "        reverse: true\n"
)


def model(text: str) -> Questionnaire:
    result, findings = validate_text(text, "q.yaml")
    assert result is not None, [str(f) for f in findings]
    return result


def compare(case: YamlCase, new: str) -> QuestionnaireDiff:
    return diff(model(case.valid), model(new))


def status(result: QuestionnaireDiff) -> dict[str, str]:
    return {f.factor: f.status for f in result.factors}


def test_identical_versions_change_nothing(case: YamlCase) -> None:
    result = compare(case, case.valid)
    assert not result.changed and not result.breaks_trend
    assert result.statements == () and result.unchanged == 4
    assert status(result) == {"feedback": "kept", "autonomy": "kept"}


def test_titles_advice_codes_and_reflowed_text_keep_every_trend(case: YamlCase) -> None:
    text = case.edit("title: {nl: Mini-scan, en: Mini scan}", "title: {nl: Andere titel, en: Other title}")
    text = case.edit("      nl: [Intervisie]", "      nl: [Intervisie, Nabespreking]", text)
    text = case.edit('codes: ["FB[SQ001]"]', 'codes: ["FB[SQ001]", "F1"]', text)
    folded = "        text:\n          nl: >-\n            Fouten worden\n            verzwegen.\n"
    text = case.edit(FB2, folded + "          en: Mistakes are kept quiet.\n", text)
    result = compare(case, text)
    assert not result.changed and result.unchanged == 4


def test_a_reworded_statement_breaks_its_factor_only(case: YamlCase) -> None:
    result = compare(case, case.edit("Fouten worden verzwegen.", "Fouten worden vaak verzwegen."))
    (statement,) = result.statements
    assert (statement.item, statement.changes, statement.languages) == ("fb2", (Change.REWORDED,), ("nl",))
    feedback = next(f for f in result.factors if f.factor == "feedback")
    assert feedback.changed == ("fb2",) and not feedback.keeps_trend
    assert status(result) == {"feedback": "broken", "autonomy": "kept"}
    assert result.breaks_trend and result.unchanged == 3


def test_a_new_translation_counts_as_rewording() -> None:
    one = 'id: x\nversion: "1"\ntitle: X\nscale: {min: 1, max: 5}\nfactors:\n  - id: f\n    name: F\n'
    old = model(one + "    items: [{id: a, text: Vraag a}, {id: b, text: Vraag b}]\n")
    new = model(one.replace("title: X", "languages: [nl, en]\ntitle: {nl: X, en: X}").replace(
        "name: F", "name: {nl: F, en: F}") + "    items:\n"
        "      - {id: a, text: {nl: Vraag a, en: Question a}}\n"
        "      - {id: b, text: {nl: Vraag b, en: Question b}}\n")  # fmt: skip
    result = diff(old, new)
    assert {s.languages for s in result.statements} == {("*", "en", "nl")}


def test_reverse_keying_and_rewording_are_both_named(case: YamlCase) -> None:
    text = case.edit(
        FB2 + "        reverse: true\n", FB2.replace("verzwegen", "besproken") + "        reverse: false\n"
    )
    (statement,) = compare(case, text).statements
    assert statement.changes == (Change.REWORDED, Change.REVERSE)


def test_new_removed_and_moved_statements(case: YamlCase) -> None:
    text = case.edit(
        AU2, "      - id: au3\n        text: {nl: Ik kies mijn taken., en: I choose my tasks.}\n"
    )
    text = case.edit(FB2 + "        reverse: true\n", FB2 + "        reverse: true\n" + AU2, text)
    result = compare(case, text)
    changes = {s.item: (s.changes, s.old_factor, s.new_factor) for s in result.statements}
    assert changes == {
        "au2": ((Change.MOVED,), "autonomy", "feedback"),
        "au3": ((Change.NEW,), None, "autonomy"),
    }
    autonomy = next(f for f in result.factors if f.factor == "autonomy")
    feedback = next(f for f in result.factors if f.factor == "feedback")
    assert (autonomy.added, autonomy.removed) == (("au3",), ("au2",))
    assert feedback.added == ("au2",)
    text = case.edit(AU2, "")
    removed = compare(case, text).statements
    assert [(s.item, s.changes, s.old_factor) for s in removed] == [("au2", (Change.REMOVED,), "autonomy")]


def test_a_new_factor_changes_but_breaks_no_trend(case: YamlCase) -> None:
    extra = (
        "  - id: safety\n    name: {nl: Veiligheid, en: Safety}\n    items:\n"
        "      - {id: ps1, text: {nl: Ik durf het te zeggen., en: I dare to say it.}}\n"
        "      - {id: ps2, text: {nl: Fouten mogen., en: Mistakes are allowed.}}\n"
    )
    result = compare(case, case.valid + extra)
    assert result.changed and not result.breaks_trend
    assert status(result)["safety"] == "new"
    back = diff(model(case.valid + extra), model(case.valid))
    assert back.breaks_trend and status(back)["safety"] == "removed"


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("  max: 5\n", "  max: 7\n", "points 1..5 -> 1..7"),
        ("en: Strongly agree}", "en: Fully agree}", "labels (en)"),
        ("    5: {nl: Helemaal mee eens, en: Strongly agree}\n", "", "labels (en, nl)"),
    ],
)
def test_a_scale_change_breaks_every_trend(case: YamlCase, old: str, new: str, what: str) -> None:
    result = compare(case, case.edit(old, new))
    assert result.scale.changed and result.scale.what == (what,)
    assert set(status(result).values()) == {"broken"} and result.unchanged == 0


def test_a_new_favourable_split_is_listed_but_keeps_the_means_comparable(case: YamlCase) -> None:
    result = compare(case, case.edit("  max: 5\n", "  max: 5\n  favourable_from: 5\n"))
    assert not result.scale.changed and result.scale.split == ((2, 4), (2, 5))
    assert result.changed and not result.breaks_trend


def test_statements_match_by_id_ignoring_case(case: YamlCase) -> None:
    result = compare(case, case.edit("      - id: fb1\n", "      - id: FB1\n"))
    assert not result.changed and result.unchanged == 4


def test_fingerprints_are_stable_across_releases() -> None:
    """scores.json of earlier waves holds these; changing how they are computed breaks every trend."""
    q = load_questionnaire()
    assert q.scale.fingerprint() == "08cffdb1911bca82"
    assert q.items[0].fingerprint(q.scale) == "b8bbe463f6d2bdda"
    assert Scale(min=1, max=5).fingerprint() != Scale(min=1, max=7).fingerprint()


def test_factor_items_lists_each_factors_statements_in_order(case: YamlCase) -> None:
    assert model(case.valid).factor_items() == {"feedback": ["fb1", "fb2"], "autonomy": ["au1", "au2"]}


def test_as_dict_is_plain_json_data(case: YamlCase) -> None:
    import json

    data = compare(case, case.edit("Fouten worden verzwegen.", "Fouten vaak.")).as_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["statements"][0] == {
        "item": "fb2", "old_factor": "feedback", "new_factor": "feedback",
        "changes": ["reworded"], "languages": ["nl"],
    }  # fmt: skip
