"""Row exclusion reasons and the per-company data-quality counts (lerende_scan.scoring.quality)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from lerende_scan.scoring.quality import (
    DUPLICATE_ID,
    EMPTY,
    STRAIGHTLINING,
    TOO_FEW_ANSWERED,
    data_quality,
    duplicate_ids,
    min_required,
    out_of_range_counts,
    reason_counts,
    respondents_summary,
    row_reasons,
    same_answers,
    text_codes,
)

NAN = np.nan


def _z(rows: list[list[float]], mid: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    x = np.array(rows, dtype=float)
    answered = (~np.isnan(x)).sum(axis=1)
    return np.where(np.isnan(x), 0.0, x - mid).astype(np.float32), answered


def test_min_required_is_ceiling_of_share_times_items() -> None:
    assert min_required(0.5, 5) == 3
    assert min_required(0.5, 4) == 2
    assert min_required(0.6, 5) == 3  # 3.0000000000000004 must not round up to 4
    assert min_required(0.01, 3) == 1
    assert min_required(1, 6) == 6


def test_same_answers_detects_identical_answered_values_only() -> None:
    z, answered = _z(
        [
            [4, 4, 4, 4],
            [4, NAN, 4, 4],
            [4, 5, 4, 4],
            [1, 1, 1, 1],
            [3, 3, NAN, NAN],
        ]
    )
    assert same_answers(z, answered).tolist() == [True, True, False, True, True]


def test_row_reasons_first_reason_wins() -> None:
    answered = np.array([0, 5, 2, 5, 5, 1])
    duplicate = np.array([False, True, True, False, False, False])
    same = np.array([True, True, True, True, False, True])
    reasons = row_reasons(answered, duplicate, same, need=3)
    assert reasons.tolist() == [
        EMPTY,  # empty beats everything
        DUPLICATE_ID,  # duplicate beats straight-lining
        DUPLICATE_ID,  # duplicate beats too few answered
        STRAIGHTLINING,
        0,
        TOO_FEW_ANSWERED,  # one answer is not straight-lining
    ]


def test_row_reasons_without_id_column_never_gives_duplicates() -> None:
    reasons = row_reasons(np.array([4, 4]), None, np.array([False, False]), need=2)
    assert reasons.tolist() == [0, 0]


def test_duplicate_ids_keep_first_non_empty_and_ignore_blank_ids() -> None:
    ids = pd.Series(["a", "b", " a", "", None, "", "c", "c", "b"])
    empty = np.array([False, False, False, False, False, False, True, False, False])
    # row 6 ('c') is empty, so row 7 is the first real 'c'; blank and missing ids are never duplicates
    assert duplicate_ids(ids, empty).tolist() == [False, False, True, False, False, False, False, False, True]


def test_duplicate_ids_work_for_numeric_ids() -> None:
    ids = pd.Series([7, 8, 7, 9, 8])
    assert duplicate_ids(ids, np.zeros(5, dtype=bool)).tolist() == [False, False, True, False, True]


@pytest.mark.parametrize("dtype", ["str", object])
def test_duplicate_ids_compare_canonical_numbers_as_numbers_and_other_text_as_text(dtype: Any) -> None:
    """'017' and '17' are different ids; ' 3' and '3' are the same; blanks never count."""
    numbers = pd.Series(["3", "1", " 3", None, "", "017", "17", "1"], dtype=dtype)
    assert duplicate_ids(numbers, np.zeros(8, dtype=bool)).tolist() == [0, 0, 1, 0, 0, 0, 0, 1]
    text = pd.Series(["R_b", "R_a", "R_b ", "", "R_c"], dtype=dtype)
    assert duplicate_ids(text, np.zeros(5, dtype=bool)).tolist() == [0, 0, 1, 0, 0]


def test_duplicate_ids_ascending_and_missing_numbers() -> None:
    ascending = pd.Series(np.arange(1, 6))
    assert not duplicate_ids(ascending, np.zeros(5, dtype=bool)).any()
    nullable = pd.Series([3, 1, 3, None, 5, 5], dtype="Int64")
    empty = np.array([False, False, False, False, True, False])  # the first 5 is an empty row
    assert duplicate_ids(nullable, empty).tolist() == [0, 0, 1, 0, 0, 0]


def test_reason_counts_per_company() -> None:
    reason = np.array([0, EMPTY, 0, STRAIGHTLINING, TOO_FEW_ANSWERED, 0], dtype=np.int8)
    company = np.array([0, 0, 1, 1, 1, 0])
    counts = reason_counts(reason, company, 2)
    assert counts.tolist() == [[2, 1, 0, 0, 0], [1, 0, 0, 1, 1]]


def test_respondents_summary_flags_or_excludes_straightliners() -> None:
    counts = np.array([10, 2, 1, 3, 4])
    flagged = respondents_summary(counts, has_ids=True, exclude_straightliners=False)
    assert flagged.received == 20
    assert flagged.excluded == {"empty": 2, "duplicate_id": 1, "too_few_answered": 3}
    assert flagged.flagged == {"straightlining": 4}
    assert flagged.valid == 14
    excluded = respondents_summary(counts, has_ids=True, exclude_straightliners=True)
    assert excluded.excluded["straightlining"] == 4
    assert excluded.flagged == {}
    assert excluded.valid == 10
    for summary in (flagged, excluded):
        assert summary.received == summary.valid + sum(summary.excluded.values())


def test_respondents_summary_lists_checks_that_ran_even_with_zero() -> None:
    summary = respondents_summary(np.array([5, 0, 0, 0, 0]), has_ids=False, exclude_straightliners=False)
    assert summary.excluded == {"empty": 0, "too_few_answered": 0}  # no id column: no duplicate check


def test_out_of_range_counts_per_company_and_column() -> None:
    rejected_rows = [np.array([0, 2]), np.array([3]), np.array([], dtype=np.intp)]
    company = np.array([0, 1, 1, 1])
    assert out_of_range_counts(rejected_rows, company, 2).tolist() == [[1, 0, 0], [1, 1, 0]]


def test_text_codes_normalise_spaces_case_and_blanks() -> None:
    codes, labels = text_codes(pd.Series(["Sales", "ICT", "sales ", "", None, "  ", "ICT", "SALES"]))
    assert labels == ["Sales", "ICT"]  # named as first spelled
    assert codes.tolist() == [0, 1, 0, -1, -1, -1, 1, 0]


def test_text_codes_take_a_name_in_either_unicode_form_as_one_group() -> None:
    """'Renée' in NFC (é) and in NFD (e + U+0301, as macOS often types it) were two groups, each of which
    could fall under the threshold on its own, or be shown next to the other."""
    nfc, nfd = "Ren\u00e9e", "Rene\u0301e"
    assert nfc != nfd
    codes, labels = text_codes(pd.Series([nfc, nfd, "Ad", nfd]))
    assert labels == [nfc, "Ad"] and codes.tolist() == [0, 0, 1, 0]


def test_data_quality_missing_percentages_among_valid() -> None:
    summary = respondents_summary(np.array([4, 1, 0, 0, 0]), has_ids=False, exclude_straightliners=False)
    block = data_quality(summary, ["a", "b"], np.array([4.0, 3.0]), np.array([0, 2]), ["note"])
    assert block.received == 5
    assert block.valid == 4
    assert block.missing_pct == {"a": 0.0, "b": 25.0}
    assert block.out_of_range == {"b": 2}
    assert block.findings == ["note"]


def test_duplicate_ids_numbers_as_text_keep_leading_zeros_distinct() -> None:
    """'7' and '007' are different ids; ' 7' and '7' are the same."""
    ids = pd.Series(["7", "007", " 7", "8", None, "8"])
    assert duplicate_ids(ids, np.zeros(6, dtype=bool)).tolist() == [False, False, True, False, False, True]


def test_duplicate_ids_large_numeric_text_ids_are_exact() -> None:
    ids = pd.Series(["90000000000000001", "90000000000000002", "90000000000000001"])
    assert duplicate_ids(ids, np.zeros(3, dtype=bool)).tolist() == [False, False, True]
