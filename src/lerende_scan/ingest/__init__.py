"""Ingest: survey exports (CSV/TSV/TXT, XLSX, SPSS .sav) as a path, bytes or stream into a ResponseSet.

Consultants get exports from LimeSurvey, MS Forms, Google Forms, Qualtrics and Excel: ``;`` or ``,`` or tab
separated, UTF-8 with or without BOM or cp1252, code headers or full question texts, answers as numbers
or label text, and stray columns with names and e-mail addresses. :func:`ingest` reads all of these, keeps
only what the questionnaire declares (items, company, groups, respondent id) and reports every problem as a
catalogue :class:`~lerende_scan.errors.Finding`; fatal ones are raised together as one ScanError.

Where each part lives: :mod:`.sources` (file formats, encodings, layouts, row numbers), :mod:`.headers`
(header -> item, named columns), :mod:`.answers` (cell -> code), :mod:`.table` (side tables as text).

It is built for a million respondents: CSV is read by pyarrow, only the needed columns, answer columns as
small integers or dictionary-encoded text; answers are parsed per distinct value, never per respondent,
straight into an int8 code matrix (:attr:`ResponseSet.codes`): 30 MB for a million respondents × 30 items.

Decisions worth knowing:

- Row numbers are record numbers as a spreadsheet shows them (see :mod:`.sources.text`).
- A blank company cell gets the file-level company name (``company=`` or the name's stem) and a
  ``COMPANY_BLANK`` warning, so no response disappears without a count.
- The input is only ever opened for reading. A path is read in place (the fast path); bytes and streams
  are held in memory and go through the same readers.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs

from lerende_scan.errors import Code, Finding, ScanError
from lerende_scan.ingest.answers import AnswerParser, ParsedCodes, cell_text, parse_codes, text_series
from lerende_scan.ingest.headers import (
    COMPANY_HEADER,
    COMPANY_HEADERS,
    ID_HEADERS,
    alt_header,
    column_missing,
    duplicate_header,
    find_column,
    find_columns,
    match_items,
    same_header,
    short,
)
from lerende_scan.ingest.sources import READABLE_SUFFIXES, Input, open_source, read_input, response_files
from lerende_scan.ingest.table import read_table
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet

__all__ = [
    "READABLE_SUFFIXES",
    "IngestResult",
    "Input",
    "ingest",
    "name_of",
    "read_table",
    "response_files",
    "without_company_column",
]


def name_of(stem: str) -> str:
    """A file name's stem as a company name: bytes that are not UTF-8 (an archive from another system)
    become U+FFFD, which every output can hold; the name itself, undecodable, cannot be written."""
    return stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass(frozen=True)
class IngestResult:
    responses: ResponseSet
    findings: list[Finding] = field(default_factory=list)


def ingest(
    source: Input,
    questionnaire: Questionnaire,
    *,
    name: str | None = None,
    company: str | None = None,
    company_column: str | None = None,
    strict: bool = False,
) -> IngestResult:
    """Read a CSV/XLSX/SAV export and map it onto ``questionnaire``; raise ScanError on fatal problems.

    ``source`` is a path, the file's bytes or a binary stream; ``name`` is what messages call it (default:
    the path, else ``<bytes>`` or ``<stream>``) and its suffix gives the format (an in-memory input
    without one is recognised by its content). ``company_column`` names the column holding company names
    (it must exist); without it a ``company`` column is used when present, else every row belongs to
    ``company`` or, failing that, the name's stem. ``strict`` turns answers outside the scale from
    warnings into errors.
    """
    content, file = read_input(source, name)
    opened = open_source(content, file)
    headers = opened.header_rows
    findings: list[Finding] = []

    items, errors = match_items(questionnaire, headers, file)
    used = set(items.values())

    def named(name: str) -> int | None:
        """The column called ``name`` among the unused ones; a header that several columns share is an
        error only here, for a column that is read (other duplicates are dropped with the rest)."""
        hits = find_columns(name, headers, exclude=used)
        if (duplicated := same_header(headers, hits)) is not None:
            errors.append(duplicate_header(file, duplicated, hits))
        return hits[0] if hits else None

    company_idx: int | None = None
    if company_column is not None:
        _check_company_column(company_column, headers, items, questionnaire.respondent_id, file)
        company_idx = named(company_column)
        if company_idx is None:
            errors.append(column_missing(Code.COMPANY_COLUMN_MISSING, file, company_column, headers))
    else:
        company_idx = named(COMPANY_HEADER)
    if company_idx is not None:
        used.add(company_idx)

    group_idx: dict[str, int] = {}
    for group in questionnaire.groups:
        if (
            company_idx is not None
            and find_column(group, headers, exclude=set(items.values())) == company_idx
        ):
            continue  # --company-column names a group column: within one company it has one value only
        idx = named(group)
        if idx is None:
            findings.append(column_missing(Code.GROUP_COLUMN_MISSING, file, group, headers))
        else:
            group_idx[group] = idx
            used.add(idx)

    id_idx: int | None = None
    if questionnaire.respondent_id:
        id_idx = named(questionnaire.respondent_id)
        if id_idx is None:
            findings.append(
                column_missing(Code.RESPONDENT_ID_MISSING, file, questionnaire.respondent_id, headers)
            )
    else:
        id_idx = next((i for h in ID_HEADERS if (i := named(h)) is not None), None)
    if errors:
        raise ScanError(errors)

    wanted = sorted(
        {*items.values(), *group_idx.values(), *(i for i in (company_idx, id_idx) if i is not None)}
    )
    data, n = opened.load(wanted, set(wanted) - set(items.values()))
    if n == 0:
        raise ScanError.of(Code.HEADER_ONLY, file=file)
    findings.extend(opened.notes)
    counted = np.arange(opened.skip + 1, opened.skip + 1 + n, dtype=np.int64)
    exact: list[npt.NDArray[np.int64]] = []

    def source_rows() -> npt.NDArray[np.int64]:
        """Row numbers as a spreadsheet shows them. Blank lines in a CSV make them differ from ``counted``;
        finding that out costs a pass over the file, so it is done only when a message names a row."""
        if not exact:
            numbers = opened.row_numbers(n)
            exact.append(counted if numbers is None else numbers)
        return exact[0]

    # Answers: parse each item column on its distinct values, straight into one column-major int8 code
    # matrix; each arrow column is released once parsed.
    parser = AnswerParser(questionnaire.scale)
    item_ids = [item.id for item in questionnaire.items]
    codes = np.empty((n, len(item_ids)), dtype=np.int8, order="F")
    range_problems: list[Finding] = []
    code = Code.OUT_OF_RANGE_STRICT if strict else Code.OUT_OF_RANGE

    def parse(j: int) -> ParsedCodes:
        idx = items[item_ids[j]]
        return parse_codes(data.pop(idx), parser, opened.value_labels.get(idx), out=codes[:, j])

    # Columns are independent and write to disjoint columns; arrow and numpy release the GIL for most of
    # the work, so a second thread overlaps one column's Python bookkeeping with another's copying.
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        parsed_columns = list(pool.map(parse, range(len(item_ids))))
    # The answer columns (~120 MB at a million rows × 30 items) are gone: hand their pages back to the OS
    # now, or arrow's allocator keeps them while the text columns and scoring allocate their own.
    pa.default_memory_pool().release_unused()
    rejected_rows: dict[str, npt.NDArray[np.intp]] = {}
    for item_id, parsed in zip(item_ids, parsed_columns, strict=True):
        idx = items[item_id]
        if parsed.first_rejected is not None:
            rejected_rows[item_id] = parsed.rejected_rows
            header = headers[0][idx] or alt_header(headers, idx)
            row = int(source_rows()[parsed.first_rejected])
            range_problems.append(
                Finding(
                    code,
                    file=file,
                    row=row,
                    column=header,
                    params={
                        "column": header,
                        "count": parsed.rejected_count,
                        "min": questionnaire.scale.min,
                        "max": questionnaire.scale.max,
                        "row": row,
                        "answer": f": {_quote(parsed.first_rejected_value)}",
                        "item": item_id,  # not in the message; lets scoring count per company
                    },
                )
            )
    if strict and range_problems:
        raise ScanError(range_problems)
    findings.extend(range_problems)

    default_company = name_of(company or Path(file).stem)
    if company_idx is None:
        companies = pd.Series(np.full(n, default_company, dtype=object), dtype="str")
    else:
        companies = text_series(data[company_idx], opened.value_labels.get(company_idx))
        blank = companies.isna().to_numpy()
        if blank.any():
            first = int(source_rows()[int(np.argmax(blank))])
            findings.append(
                Finding(
                    Code.COMPANY_BLANK,
                    file=file,
                    row=first,
                    column=headers[0][company_idx],
                    params={"count": int(blank.sum()), "row": first, "default": default_company},
                )
            )
            companies = companies.fillna(default_company)

    groups = pd.DataFrame(
        {group: text_series(data[idx], opened.value_labels.get(idx)) for group, idx in group_idx.items()},
        index=pd.RangeIndex(n),
    )
    respondent_id = None if id_idx is None else text_series(data[id_idx], opened.value_labels.get(id_idx))
    responses = ResponseSet.from_codes(
        questionnaire=questionnaire,
        source=file,
        codes=codes,
        company=companies.rename("company"),
        groups=groups,
        respondent_id=None if respondent_id is None else respondent_id.rename("respondent_id"),
        rows=exact[0] if exact else counted,
        rejected_rows=rejected_rows,
        columns={item_id: headers[0][idx] or alt_header(headers, idx) for item_id, idx in items.items()},
    )
    # The rest of the table and the text temporaries: the same.
    data.clear()
    pa.default_memory_pool().release_unused()
    return IngestResult(responses, findings)


_COMPANY_WORDS = ("company", "bedrijf", "organisat", "werkgever", "employer")


def without_company_column(path: Path) -> str | None:
    """Why ``path`` was read as one company, for the message: None if it has a ``company`` column (or
    cannot be read), else a header that may hold the company names (``organisatie``, ``Company name``)
    as a suggestion, or ``""``."""
    try:
        headers = open_source(read_input(path)[0], str(path)).header_rows
    except ScanError:
        return None
    if find_column(COMPANY_HEADER, headers) is not None:
        return None
    names = [h for h in headers[0] if h] if headers else []
    alias = next((h for h in names if h.strip().casefold() in COMPANY_HEADERS), None)
    alias = alias or next((h for h in names if any(w in h.casefold() for w in _COMPANY_WORDS)), None)
    return f" ('{short(alias)}' may be it)" if alias else ""


def _check_company_column(
    name: str, headers: list[list[str]], items: dict[str, int], respondent_id: str | None, file: str
) -> None:
    """``--company-column`` must name a column of company names: an item's column or the respondent id's
    would make every answer or every respondent a company of its own, so either is a usage error."""
    idx = find_column(name, headers)
    if idx is None:
        return  # COMPANY_COLUMN_MISSING, with a near miss, is the caller's
    item = next((item_id for item_id, i in items.items() if i == idx), None)
    if item is not None:
        raise ScanError.of(Code.COMPANY_COLUMN_TAKEN, name=name, role=f"the column of item '{item}'")
    answers = set(items.values())
    id_names = [respondent_id] if respondent_id else list(ID_HEADERS)
    if idx == next(
        (i for h in id_names if (i := find_column(h, headers, exclude=answers)) is not None), None
    ):
        raise ScanError.of(Code.COMPANY_COLUMN_TAKEN, name=name, role="the respondent id column")


def _quote(value: Any) -> str:
    return f"'{short(cell_text(value) or '', 40)}'"
