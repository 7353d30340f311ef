"""Data quality: which response rows count, why the others do not, and the per-company counts and findings.

Every row gets at most one reason, the first that applies, in this order (:data:`REASONS`):

1. ``empty``: no item answered;
2. ``duplicate_id``: the respondent id was already used by an earlier non-empty row of the same file
   (the first is kept; blank ids are never duplicates; an empty earlier attempt does not knock out a
   later complete one, because it is excluded as ``empty`` anyway);
3. ``too_few_answered``: fewer than ``ceil(min_answered × K)`` of all K items answered;
4. ``straightlining``: at least two items answered (and enough, see 3) and every answered raw value is the
   same. Reverse-keyed items are included on purpose: agreeing fully with both "we share mistakes" and
   "mistakes are hidden here" is inconsistent answering. Flagged and kept, unless the user excludes them.

Nothing is dropped silently: ``received == valid + sum(excluded)`` for every company. Ingestion findings
are split by company (:func:`findings_by_company`), so one company's data-quality block never describes
another company's rows.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs
import pyarrow.compute as pc  # type: ignore[import-untyped]

from lerende_scan.errors import Code, Finding
from lerende_scan.results import DataQuality, Respondents

__all__ = [
    "DUPLICATE_ID",
    "EMPTY",
    "REASONS",
    "STRAIGHTLINING",
    "TOO_FEW_ANSWERED",
    "data_quality",
    "duplicate_ids",
    "findings_by_company",
    "min_required",
    "out_of_range_counts",
    "reason_counts",
    "respondents_summary",
    "row_reasons",
    "same_answers",
    "text_codes",
]

REASONS: tuple[str, ...] = ("empty", "duplicate_id", "too_few_answered", "straightlining")
"""Reason names as they appear in ``excluded`` / ``flagged``; code ``i + 1`` in :func:`row_reasons`."""
EMPTY, DUPLICATE_ID, TOO_FEW_ANSWERED, STRAIGHTLINING = 1, 2, 3, 4


def min_required(share: float, k: int) -> int:
    """``ceil(share × k)`` answered items, at least 1 (the rule of ``Questionnaire.min_items``)."""
    return max(1, math.ceil(float(share) * k - 1e-9))


def group_key(name: str) -> str:
    """What makes two spellings of a group name one group: case, surrounding spaces and the Unicode form
    do not count ("Renée" typed on a Mac is often NFD, e + combining accent: the same name, not a group of
    its own)."""
    return unicodedata.normalize("NFC", name).strip().casefold()


def text_codes(values: pd.Series) -> tuple[npt.NDArray[np.intp], list[str]]:
    """Codes per row and the distinct group names of a low-cardinality column (group values).

    The column is factorised once; only its distinct values are normalised: surrounding spaces are
    dropped and case is ignored, so ``"Sales"``, ``"sales "`` and ``"SALES"`` are one group, named as
    first spelled in the file. Blank and missing values get code -1.
    """
    raw_codes, uniques = pd.factorize(values.reset_index(drop=True), sort=False)
    first_spelling: dict[str, str] = {}
    keys: list[str] = []
    for value in uniques:
        text = str(value).strip()
        key = group_key(text)
        first_spelling.setdefault(key, text)
        keys.append(key)
    merged_raw, labels = pd.factorize(pd.Series([*keys, ""], dtype=object), sort=False)
    merged = np.asarray(merged_raw, dtype=np.intp)
    names = [first_spelling.get(str(key), "") for key in labels]
    blank = names.index("")  # always present: the appended entry
    merged = np.where(merged == blank, -1, merged - (merged > blank))
    names.pop(blank)
    # raw code -1 (missing) indexes the appended "" entry, i.e. -1 as well
    return merged[np.asarray(raw_codes, dtype=np.intp)], names


def duplicate_ids(respondent_id: pd.Series, empty: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Rows whose id an earlier non-empty row already used; blank ids and empty rows are never duplicates.

    Text ids are compared without surrounding spaces. Vectorised: the candidate rows' integer id keys go
    through one hash table (``duplicated``); ids that already ascend in file order, as numbered exports
    do, cannot repeat and need not even that.
    """
    keys, present = _id_keys(respondent_id.reset_index(drop=True))
    rows = np.flatnonzero(present & ~empty)
    candidates = keys[rows]
    duplicate = np.zeros(len(keys), dtype=bool)
    if len(candidates) > 1 and not bool(np.all(candidates[1:] > candidates[:-1])):
        repeats = pd.Series(candidates, copy=False).duplicated(keep="first").to_numpy()
        duplicate[rows[repeats]] = True
    # The text work above happens in arrow's memory pool, which keeps freed pages for reuse unless asked;
    # at a million ids that is ~60 MB scoring would otherwise carry.
    pa.default_memory_pool().release_unused()
    return duplicate


def _id_keys(ids: pd.Series) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """An integer key per row, equal exactly for equal ids, and whether the row has an id at all.

    Text ids that are all canonical whole numbers (``"17"``, not ``"017"`` or ``"17.0"``) are keyed by
    their value, which is lossless for them and several times faster than hashing text (an export of a
    million respondents usually numbers them); other text ids by arrow's dictionary encoding.
    """
    if isinstance(ids.dtype, np.dtype) and ids.dtype.kind in "iu":  # plain integers: never missing
        return np.asarray(ids.to_numpy(), dtype=np.int64), np.ones(len(ids), dtype=bool)
    if pd.api.types.is_numeric_dtype(ids.dtype) or pd.api.types.is_bool_dtype(ids.dtype):
        raw_codes, _ = pd.factorize(ids, sort=False)
        codes = np.asarray(raw_codes, dtype=np.int64)
        return codes, codes >= 0
    text = pa.array(ids.astype("str"), from_pandas=True, type=pa.string())
    if isinstance(text, pa.ChunkedArray):  # an arrow-backed column read in several blocks (files > 1 MB)
        text = text.combine_chunks()
    text = pc.utf8_trim_whitespace(text)
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    present = text.is_valid().to_numpy(zero_copy_only=False)
    number = None
    try:
        # A failing cast of a million values takes ~0.4 s: try the first thousand before all of them.
        pc.cast(text.slice(0, 1000), pa.int64())
        number = pc.cast(text, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    if number is not None and pc.all(pc.equal(pc.cast(number, text.type), text)).as_py() is not False:
        return np.asarray(pc.fill_null(number, 0).to_numpy(), dtype=np.int64), present
    indices = pc.dictionary_encode(text).indices
    return np.asarray(pc.fill_null(indices, -1).to_numpy(), dtype=np.int64), present


def same_answers(z: npt.NDArray[np.floating], answered: npt.NDArray[np.integer]) -> npt.NDArray[np.bool_]:
    """Rows whose answered values are all the same, from zero-filled (centred) values ``z``.

    All answered values are equal exactly when their variance is zero: ``a · Σz² == (Σz)²`` for ``a``
    answered items. Scale values are whole numbers, so these sums are exact even in float32. Row sums, not
    a product with a vector of ones: OpenBLAS's matmul sets a spurious "invalid value" flag now and then
    (numpy#24067), and the sums are as fast (37 vs 49 ms for a million rows of 30).
    """
    s1 = z.sum(axis=1)
    s2 = np.einsum("ij,ij->i", z, z)
    return np.asarray(answered * s2 == s1 * s1, dtype=bool)


def row_reasons(
    answered: npt.NDArray[np.integer],
    duplicate: npt.NDArray[np.bool_] | None,
    same: npt.NDArray[np.bool_],
    need: int,
) -> npt.NDArray[np.int8]:
    """Per row the code of the first reason that applies (see module docstring), 0 when none does.

    ``answered``: items answered per row; ``duplicate``: :func:`duplicate_ids` (None without an id
    column); ``same``: :func:`same_answers`; ``need``: ``min_required(min_answered, K)``.
    """
    reason = np.zeros(len(answered), dtype=np.int8)
    reason[(answered >= 2) & same] = STRAIGHTLINING
    reason[answered < need] = TOO_FEW_ANSWERED
    if duplicate is not None:
        reason[duplicate] = DUPLICATE_ID
    reason[answered == 0] = EMPTY
    return reason


def reason_counts(
    reason: npt.NDArray[np.int8], company: npt.NDArray[np.intp], n_companies: int
) -> npt.NDArray[np.int64]:
    """Companies × (1 + len(REASONS)) counts; column 0 counts rows without a reason."""
    width = len(REASONS) + 1
    flat = np.bincount(company * width + reason, minlength=n_companies * width)
    return flat.reshape(n_companies, width).astype(np.int64)


def out_of_range_counts(
    rejected_rows: Sequence[npt.NDArray[np.intp]], company: npt.NDArray[np.intp], n_companies: int
) -> npt.NDArray[np.int64]:
    """Companies × columns: answers that ingestion made missing because they were out of range.

    ``rejected_rows`` holds, per column, the row positions of such answers (usually none), as
    :attr:`ResponseSet.rejected_rows <lerende_scan.responses.ResponseSet.rejected_rows>` does per item.
    """
    out = np.zeros((n_companies, len(rejected_rows)), dtype=np.int64)
    for j, rows in enumerate(rejected_rows):
        if len(rows):
            out[:, j] = np.bincount(company[rows], minlength=n_companies)
    return out


def respondents_summary(
    counts: npt.NDArray[np.int64], *, has_ids: bool, exclude_straightliners: bool
) -> Respondents:
    """One company's counts (a row of :func:`reason_counts`) as received / valid / excluded / flagged.

    Every reason that was checked appears, also with 0, so a report shows that the check ran;
    ``duplicate_id`` is only checked when there is a respondent id column.
    """
    excluded: dict[str, int] = {}
    flagged: dict[str, int] = {}
    for code, name in enumerate(REASONS, start=1):
        if code == DUPLICATE_ID and not has_ids:
            continue
        if code == STRAIGHTLINING and not exclude_straightliners:
            flagged[name] = int(counts[code])
        else:
            excluded[name] = int(counts[code])
    received = int(counts.sum())
    return Respondents(
        received=received, valid=received - sum(excluded.values()), excluded=excluded, flagged=flagged
    )


def data_quality(
    respondents: Respondents,
    item_ids: Sequence[str],
    item_n: Sequence[int] | npt.NDArray[np.float64],
    out_of_range: npt.NDArray[np.int64],
    findings: Sequence[str] = (),
) -> DataQuality:
    """The data-quality block of one company: counts, % missing per item among valid respondents, and
    out-of-range answers per column (only columns that had any)."""
    valid = respondents.valid
    missing = {
        item: (100.0 * (1.0 - float(n) / valid) if valid else 100.0)
        for item, n in zip(item_ids, item_n, strict=True)
    }
    return DataQuality(
        received=respondents.received,
        valid=valid,
        excluded=dict(respondents.excluded),
        flagged=dict(respondents.flagged),
        missing_pct=missing,
        out_of_range={item: int(c) for item, c in zip(item_ids, out_of_range, strict=True) if c},
        findings=list(findings),
    )


def findings_by_company(
    findings: Sequence[Finding],
    rows: npt.ArrayLike,
    company: npt.NDArray[np.intp],
    n_comp: int,
    rejected_rows: Mapping[str, npt.NDArray[np.intp]],
) -> list[list[Finding]]:
    """Ingestion findings per company, so one company's outputs never describe another's rows.

    A finding without a row goes to every company; one located at a row goes to that row's company. An
    out-of-range finding (counted over the whole file) is restated for every company with such answers
    in that column: its own count and its own first row.
    """
    out: list[list[Finding]] = [[] for _ in range(n_comp)]
    source_rows = np.asarray(rows)
    located: list[Finding] = []
    for f in findings:
        item = str(f.params.get("item"))
        if f.code in _PER_COMPANY_COUNTS and item in rejected_rows:
            for c, restated in _per_company(f, rejected_rows[item], source_rows, company):
                out[c].append(restated)
        elif f.row is None:
            for bucket in out:
                bucket.append(f)
        else:
            located.append(f)
    positions = pd.Index(source_rows).get_indexer([f.row for f in located]) if located else []
    for f, pos in zip(located, positions, strict=True):
        if pos >= 0:
            out[int(company[pos])].append(f)
    return out


_PER_COMPANY_COUNTS = frozenset({Code.OUT_OF_RANGE, Code.OUT_OF_RANGE_STRICT})


def _per_company(
    finding: Finding, positions: npt.NDArray[np.intp], rows: npt.NDArray[Any], company: npt.NDArray[np.intp]
) -> list[tuple[int, Finding]]:
    """``finding`` restated per company that has rows among ``positions`` (ascending row positions)."""
    owners = company[positions]
    counts = np.bincount(owners)
    firsts, first_at = np.unique(owners, return_index=True)  # ascending positions: first = first row
    restated = []
    for c, i in zip(firsts.tolist(), first_at.tolist(), strict=True):
        row = int(rows[positions[i]])
        params = {**finding.params, "count": int(counts[c]), "row": row}
        restated.append((c, replace(finding, row=row, params=params)))
    return restated
