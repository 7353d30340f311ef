"""A finding is one inert, bounded line whatever the user data holds."""

from __future__ import annotations

from lerende_scan.errors import QUOTE_LIMIT, Code, Finding, did_you_mean, inert


def test_control_characters_and_line_breaks_are_escaped() -> None:
    f = Finding(
        Code.COMPANY_TOO_SMALL,
        file="in\nput.csv",
        params={"company": "Zorg\x1b[2J\u202eevil\r\nx", "valid": 2, "minimum": 5},
    )
    text = str(f)
    assert "\n" not in text and "\r" not in text and "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text and "in\\nput.csv" in text


def test_undecodable_bytes_of_a_file_name_print_and_write_as_escapes() -> None:
    """A name with bytes that are not UTF-8 holds lone surrogates: they could be neither printed nor
    written to findings.txt or JSON as UTF-8."""
    f = Finding(Code.EMPTY_FILE, file="antwoorden-\udcff.csv")
    assert "antwoorden-\\udcff.csv" in str(f)
    str(f).encode("utf-8")
    assert f.as_dict()["file"] == "antwoorden-\\udcff.csv"


def test_a_long_user_value_is_cut_with_an_ellipsis() -> None:
    name = "A" * 10_000
    text = str(Finding(Code.COMPANY_TOO_SMALL, params={"company": name, "valid": 2, "minimum": 5}))
    assert "A" * (QUOTE_LIMIT - 1) + "…" in text and "A" * QUOTE_LIMIT not in text
    assert len(text) < 400


def test_inert_leaves_ordinary_text_alone() -> None:
    assert inert("Wijkzorg Noord – één team") == "Wijkzorg Noord – één team"
    assert inert("x" * 10, limit=5) == "xxxx…"
    assert inert("a\tb") == "a\\tb"


def test_the_column_in_a_location_is_bounded_too() -> None:
    f = Finding(Code.OUT_OF_RANGE, file="a.csv", row=3, column="h" * 500, params={})
    assert len(f.location) < 100


def test_a_redacted_finding_names_the_file_without_its_folder_and_quotes_no_answer() -> None:
    f = Finding(
        Code.OUT_OF_RANGE,
        file="/home/consultant/klanten/export.csv",
        row=4,
        column="fb1",
        params={"column": "fb1", "count": 1, "min": 1, "max": 5, "row": 4, "answer": ": 'Jan Jansen'"},
    )
    written = str(f.redacted())
    assert written.startswith("export.csv, row 4") and "/home" not in written and "Jansen" not in written
    assert "Jansen" in str(f)  # the terminal still shows it, so the consultant can fix the export


def test_every_catalogue_code_has_its_own_id_and_a_known_prefix() -> None:
    ids = [code.id for code in Code]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert {i[0] for i in ids} == set("QRSOBUXLWD")  # the prefixes the README explains


def test_a_suggestion_is_never_the_word_itself_and_choices_may_be_a_generator() -> None:
    assert did_you_mean("fb1", ["fb1", "fb2"]) == "fb2"
    assert did_you_mean("fb1", ["fb1"]) is None
    assert did_you_mean("Leidinggevende", (c for c in ["leidinggevende"])) == "leidinggevende"
    # more than 2 edits away, so only difflib finds it: it used to get the generator already used up
    far = "leidinggevenden-xyz"
    assert did_you_mean("leidinggevende", (c for c in ["zzz", far])) == far
