"""Answer parsing: one raw cell onto the scale, and whole columns through their distinct values."""

from __future__ import annotations

import math
import time
import unicodedata
from datetime import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from lerende_scan.ingest import answers
from lerende_scan.ingest.answers import (
    MISSING,
    OK,
    REJECTED,
    AnswerParser,
    ParsedCodes,
    normalise_text,
    parse_codes,
)
from lerende_scan.questionnaire import Scale

SCALE = Scale.model_validate(
    {
        "min": 1,
        "max": 5,
        "labels": {
            1: {"nl": "Helemaal mee oneens", "en": "Strongly disagree"},
            2: {"nl": "Mee oneens", "en": "Disagree"},
            3: {"nl": "Neutraal", "en": "Neither agree nor disagree"},
            4: {"nl": "Mee eens", "en": "Agree"},
            5: {"nl": "Helemaal mee eens", "en": "Strongly agree"},
        },
        "missing": ["Weet niet", "n.v.t.", "Don't know", "99"],
    }
)


@pytest.fixture
def parser() -> AnswerParser:
    return AnswerParser(SCALE)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4", 4.0),
        ("4.0", 4.0),
        ("4,0", 4.0),
        (" 4 ", 4.0),
        (4, 4.0),
        (4.0, 4.0),
        (np.int64(2), 2.0),
        ("Mee eens", 4.0),
        ("  mee   EENS ", 4.0),
        ("Helemaal mee eens", 5.0),
        ("strongly agree", 5.0),
        ("Neither agree nor disagree", 3.0),
        ("4 - Mee eens", 4.0),
        ("4. Mee eens", 4.0),
        ("(4) Mee eens", 4.0),
        ("4: Mee eens", 4.0),
        ("4 = Agree", 4.0),
        ("Mee eens (4)", 4.0),
        ("1 - Helemaal mee oneens", 1.0),
        ("4 - zeer positief", 4.0),  # a numbered label the questionnaire does not know: the number counts
    ],
)
def test_understood_answers_map_to_scale_values(parser: AnswerParser, raw: object, expected: float) -> None:
    assert parser.parse(raw) == (expected, OK)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        None,
        math.nan,
        "Weet niet",
        "WEET NIET",
        "weet  niet",
        "nvt",
        "N.V.T.",
        "Don’t know",
        "99",
        99,
    ],
)
def test_blanks_and_missing_codes_are_missing_not_rejected(parser: AnswerParser, raw: object) -> None:
    value, status = parser.parse(raw)
    assert math.isnan(value)
    assert status == MISSING


@pytest.mark.parametrize(
    "raw",
    [
        "0",
        "6",
        "7",
        7,
        "3.5",
        3.5,
        "-1",
        "soms",
        "4 - Mee oneens",
        "6 - Mee eens",
        True,
        datetime(2025, 1, 1),
    ],
)
def test_out_of_range_non_integer_contradictory_and_unknown_answers_are_rejected(
    parser: AnswerParser, raw: object
) -> None:
    value, status = parser.parse(raw)
    assert math.isnan(value)
    assert status == REJECTED


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4 (eens)", 4.0),  # a label in brackets after the number
        ("4 Mee eens", 4.0),  # no separator, but the text is the scale's label for 4
        ("4) Mee eens", 4.0),
        ("4.Mee eens", 4.0),
        ("(4)Mee eens", 4.0),
        ("+4", 4.0),
        ("4, Mee eens", 4.0),
        ("[4] Mee eens", 4.0),
        ("(4) = Mee eens", 4.0),
    ],
)
def test_genuine_numbered_labels_keep_their_number(parser: AnswerParser, raw: str, expected: float) -> None:
    assert parser.parse(raw) == (expected, OK)


@pytest.mark.parametrize(
    "raw",
    [
        "1e1",  # scientific notation: 10, not 1
        "5e-1",  # 0.5, not 5
        "1,000",  # a thousand, not 1
        "1.000",  # a thousand in Dutch, not 1
        "4abc",
        "2 apples",  # no separator and no scale label: not a numbered label
        "5%",
        "4 - %",  # a separator, but no label text after it
        "4 Mee oneens",  # the text names another point
        "(4 - Mee eens",  # an unclosed bracket
        "% (4)",
    ],
)
def test_a_number_run_into_other_text_is_not_read_as_its_leading_digits(
    parser: AnswerParser, raw: str
) -> None:
    """These once scored as their first digits (``1e1`` as 1, ``5%`` as 5): wrong numbers, silently."""
    value, status = parser.parse(raw)
    assert math.isnan(value)
    assert status == REJECTED


def test_a_separator_after_a_bracketed_number_is_no_part_of_the_label(parser: AnswerParser) -> None:
    """``(4) = Weet niet`` is missing and ``(4) = Mee oneens`` contradicts itself; the "=" is no label."""
    assert parser.parse("(4) = Weet niet")[1] == MISSING
    assert parser.parse("(4) = Mee oneens")[1] == REJECTED


def test_spss_value_label_wins_over_the_code(parser: AnswerParser) -> None:
    """Code 9 labelled 'Weet niet' is missing, code 0 labelled 'Mee eens' is 4, an unknown label keeps
    the code."""
    assert parser.parse(9.0, "Weet niet")[1] == MISSING
    assert parser.parse(0.0, "Mee eens") == (4.0, OK)
    assert parser.parse(2.0, "iets anders") == (2.0, OK)


def test_the_same_label_for_two_points_is_not_trusted() -> None:
    scale = Scale.model_validate(
        {"min": 1, "max": 2, "labels": {1: {"nl": "Ja", "en": "No"}, 2: {"nl": "No"}}}
    )
    assert AnswerParser(scale).parse("No")[1] == REJECTED
    assert AnswerParser(scale).parse("ja") == (1.0, OK)


def test_normalise_text_ignores_case_punctuation_and_spacing() -> None:
    assert normalise_text("  Ik krijg   Feedback, van collega’s. ") == normalise_text(
        "ik krijg feedback van collega's"
    )
    assert normalise_text("FB[SQ001]") == "fbsq001"
    assert normalise_text("ﬁne") == "fine"  # NFKC folds the ligature


def _normalise_per_character(value: str) -> str:
    """The definition, one character at a time (what normalise_text did before it translated)."""
    text = unicodedata.normalize("NFKC", value).casefold()
    return " ".join("".join(ch for ch in text if not unicodedata.category(ch).startswith("P")).split())


@pytest.mark.parametrize(
    "text",
    [
        "  Mee-eens. ",
        "N.v.t.",
        "Collega’s",
        "«Très» bien!",
        "¿Qué? ¡Sí!",
        "ﬁne ① Straße",
        "A\u00a0B\u3000C",
        "Weet\u2014niet",
        "x_y a$b+c<d>|e~f",  # underscore is punctuation, $ + < > | ~ are symbols and stay
        "日本語、テスト。",
        "İstanbul ǅ",
        "",
    ],
)
def test_normalise_text_is_the_per_character_definition(text: str) -> None:
    assert normalise_text(text) == _normalise_per_character(text)


@pytest.mark.parametrize("accent", ["", "‘zeker’ "], ids=["ascii", "unicode"])
def test_a_scale_label_of_a_megabyte_is_normalised_in_well_under_a_second(accent: str) -> None:
    """Issue 10: a 100 kB label made scoring crawl. The Python loop over characters took ~1 s a megabyte;
    translation takes a tenth of that (bound generous for a busy machine)."""
    label = "Helemaal mee eens " + f"en nog veel meer woorden, {accent}" * 30_000
    start = time.perf_counter()
    key = normalise_text(label)
    assert time.perf_counter() - start < 0.5
    assert key == _normalise_per_character(label)


def test_a_long_label_and_long_answers_are_normalised_once_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Per label once, per distinct answer value once per column: never per respondent."""
    long = "Helemaal mee eens " + "en nog veel meer woorden " * 4000
    scale = SCALE.model_copy(update={"labels": {**SCALE.labels, 5: {"nl": long, "en": "Strongly agree"}}})
    calls: list[int] = []

    def counting(value: str) -> str:
        calls.append(len(value))
        return normalise_text(value)

    monkeypatch.setattr(answers, "normalise_text", counting)
    parser = AnswerParser(scale)
    assert sum(n > 1000 for n in calls) == 1
    values = [long, long.upper(), "4", None] * 250
    for _ in range(3):  # three item columns
        out = np.empty(len(values), dtype=np.int8)
        parse_codes(pa.chunked_array([pa.array(values)]).dictionary_encode(), parser, out=out)
        assert out[:4].tolist() == [4, 4, 3, -1]
    assert sum(n > 1000 for n in calls) == 1 + 3 * 2


def _column(kind: str, values: list[object]) -> object:
    if kind == "arrow":
        return pa.chunked_array([pa.array(values[:3]), pa.array(values[3:])])
    return pd.Series(values, dtype=object)


def _values(codes: np.ndarray) -> np.ndarray:
    """Answer codes back on the scale (NaN missing), to compare with answers as a respondent gave them."""
    return np.where(codes < 0, np.nan, codes.astype(float) + SCALE.min)


def _rejected(parsed: ParsedCodes, n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[parsed.rejected_rows] = True
    return mask


@pytest.mark.parametrize("kind", ["arrow", "pandas"])
def test_parse_codes_spreads_distinct_values_back_and_counts_rejections(
    parser: AnswerParser, kind: str
) -> None:
    raw = ["Mee eens", "7", None, "Mee eens", "Weet niet", "7", "2", "soms"]
    out = np.empty(len(raw), dtype=np.int8)
    parsed = parse_codes(_column(kind, raw), parser, out=out)
    np.testing.assert_array_equal(_values(out), [4, np.nan, np.nan, 4, np.nan, np.nan, 2, np.nan])
    assert _rejected(parsed, len(raw)).tolist() == [False, True, False, False, False, True, False, True]
    assert parsed.rejected_count == 3
    assert parsed.first_rejected == 1
    assert parsed.first_rejected_value == "7"


@pytest.mark.parametrize(
    "data",
    [
        pa.chunked_array([pa.array([1, 5, None, 7, 99])]),
        pa.chunked_array([pa.array([1.0, 5.0, None, 7.0, 99.0])]),
        pd.Series([1, 5, np.nan, 7, 99], dtype="float64"),
    ],
    ids=["arrow-int", "arrow-float", "pandas-float"],
)
def test_numeric_columns_take_the_vectorised_path_with_the_same_rules(
    parser: AnswerParser, data: object
) -> None:
    out = np.empty((5, 2), dtype=np.int8, order="F")
    parsed = parse_codes(data, parser, out=out[:, 1])
    np.testing.assert_array_equal(_values(out[:, 1]), [1, 5, np.nan, np.nan, np.nan])
    assert _rejected(parsed, 5).tolist() == [False, False, False, True, False]  # 99 is a missing code
    assert (parsed.first_rejected, parsed.first_rejected_value) == (3, 7)


def test_numeric_fraction_is_rejected_on_the_fast_path(parser: AnswerParser) -> None:
    out = np.empty(2, dtype=np.int8)
    parsed = parse_codes(pa.chunked_array([pa.array([3.5, 2.0])]), parser, out=out)
    assert _rejected(parsed, 2).tolist() == [True, False]
    assert parsed.first_rejected_value == 3.5


def test_empty_column(parser: AnswerParser) -> None:
    out = np.empty(0, dtype=np.int8)
    parsed = parse_codes(pa.chunked_array([], type=pa.string()), parser, out=out)
    assert len(_values(out)) == 0
    assert parsed.first_rejected is None


# -- answer codes: what ingestion writes into the int8 code matrix ---------------------------------------

DICTIONARY = pa.dictionary(pa.int32(), pa.string())


def test_parse_codes_reads_dictionary_chunks_each_on_its_own_dictionary(parser: AnswerParser) -> None:
    """CSV answer columns arrive dictionary-encoded, one dictionary per block, with nulls possible."""
    first = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0, None], pa.int32()), pa.array(["Mee eens", "7"]))
    second = pa.DictionaryArray.from_arrays(
        pa.array([2, 0, 1], pa.int32()), pa.array(["2", "soms", "Weet niet"])
    )
    data = pa.chunked_array([first, second], type=DICTIONARY)
    out = np.full((7, 3), 9, dtype=np.int8, order="C")  # a strided column of a row-major matrix
    parsed = parse_codes(data, parser, out=out[:, 1])
    # codes are answer - min: "Mee eens" = 4 -> 3, "2" -> 1; missing and rejected -> -1
    assert out[:, 1].tolist() == [3, -1, 3, -1, -1, 1, -1]
    assert (out[:, [0, 2]] == 9).all()  # neighbouring columns untouched
    assert parsed.rejected_rows.tolist() == [1, 6]  # "7" in block one, "soms" in block two
    assert (parsed.first_rejected, parsed.first_rejected_value, parsed.rejected_count) == (1, "7", 2)


@pytest.mark.parametrize(
    "data",
    [
        pa.chunked_array([pa.array([1, 5], pa.int16()), pa.array([None, 7, 99], pa.int16())]),
        pa.chunked_array([pa.array([1.0, 5.0, None]), pa.array([7.0, 99.0])]),
        pd.Series([1, 5, np.nan, 7, 99], dtype="float64"),
        pd.Series(["1", "5", None, "7", "99"], dtype=object),
    ],
    ids=["arrow-int16-chunks", "arrow-float", "pandas-float", "pandas-text"],
)
def test_parse_codes_numbers_and_text_follow_the_same_rules(parser: AnswerParser, data: object) -> None:
    out = np.empty(5, dtype=np.int8)
    parsed = parse_codes(data, parser, out=out)
    assert out.tolist() == [0, 4, -1, -1, -1]  # 99 is a missing code, 7 is out of range
    assert parsed.rejected_rows.tolist() == [3]
    assert parsed.first_rejected_value in (7, "7")


def test_parse_codes_rejects_fractions_and_keeps_clean_columns_clean(parser: AnswerParser) -> None:
    out = np.empty(3, dtype=np.int8)
    parsed = parse_codes(pa.chunked_array([pa.array([3.5, 2.0, 5.0])]), parser, out=out)
    assert out.tolist() == [-1, 1, 4]
    assert (parsed.first_rejected, parsed.first_rejected_value) == (0, 3.5)
    clean = parse_codes(pa.chunked_array([pa.array([1, 2, None], pa.int16())]), parser, out=out)
    assert out.tolist() == [0, 1, -1]
    assert clean.first_rejected is None
    assert clean.rejected_count == 0


def test_parse_codes_applies_value_labels(parser: AnswerParser) -> None:
    """SPSS: 9 labelled 'Weet niet' is missing, 4 labelled 'Mee eens' is 4."""
    out = np.empty(3, dtype=np.int8)
    parse_codes(pd.Series([9.0, 4.0, 2.0]), parser, {9.0: "Weet niet", 4.0: "Mee eens"}, out=out)
    assert out.tolist() == [-1, 3, 1]


def test_parse_codes_refuses_an_output_of_another_length(parser: AnswerParser) -> None:
    with pytest.raises(ValueError):
        parse_codes(pa.chunked_array([pa.array([1, 2])]), parser, out=np.empty(3, dtype=np.int8))
