"""Headers: which column holds each item, the company, a group or the respondent id, and near misses.

Exports head their columns with question codes (``FB[SQ001]``), full question texts in any of the
questionnaire's languages, or Qualtrics' and LimeSurvey's prefixed texts. Every problem is a catalogue
finding, and all unmatched items are reported at once with the closest headers.
"""

from __future__ import annotations

import difflib
import re

from lerende_scan.errors import Code, Finding, ScanError, did_you_mean
from lerende_scan.ingest.answers import normalise_text
from lerende_scan.questionnaire import Item, Questionnaire, localise
from lerende_scan.questionnaire.model import ID_HEADERS

__all__ = [
    "COMPANY_HEADER",
    "COMPANY_HEADERS",
    "ID_HEADERS",
    "alt_header",
    "check_duplicates",
    "column_letter",
    "column_missing",
    "duplicate_header",
    "find_column",
    "find_columns",
    "match_items",
    "same_header",
    "short",
]

COMPANY_HEADER = "company"
COMPANY_HEADERS = (COMPANY_HEADER, "bedrijf", "organisatie", "organisation", "organization")
"""Headers of a column of company names: a side table's company column is the first of them it holds.
A response file's is ``company`` only (or ``--company-column``): a Dutch ``organisatie`` column in a
single-company export is often its units, and reading it would split the company."""


def check_duplicates(header: list[str], file: str) -> None:
    """Refuse duplicate headers in a side table, where every column is read (before any library renames
    them to ``x.1``). Response files refuse only duplicates that a used column is found by."""
    seen: dict[str, list[int]] = {}
    for i, name in enumerate(header):
        if name:
            seen.setdefault(name, []).append(i)
    findings = [duplicate_header(file, name, idx) for name, idx in seen.items() if len(idx) > 1]
    if findings:
        raise ScanError(findings)


def duplicate_header(file: str, name: str, columns: list[int]) -> Finding:
    """``name`` heads all of ``columns``, so which one is meant cannot be told."""
    return Finding(
        Code.DUPLICATE_HEADER,
        file=file,
        row=1,
        column=name,
        params={"header": name, "columns": ", ".join(column_letter(i) for i in columns)},
    )


def same_header(headers: list[list[str]], columns: list[int]) -> str | None:
    """The one header row text that all of ``columns`` (more than one) share in some header row, else None:
    the columns are duplicates, not different columns that happen to match the same name."""
    if len(columns) < 2:
        return None
    for row in headers:
        names = {row[i] for i in columns}
        if len(names) == 1 and (name := names.pop()):
            return name
    return None


def column_letter(index: int) -> str:
    """Spreadsheet column name: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def alt_header(headers: list[list[str]], idx: int) -> str:
    """The alternative header (Qualtrics' text row, an SPSS variable label) of column ``idx``, or ""."""
    return headers[1][idx] if len(headers) > 1 else ""


def _variants(header: str) -> list[str]:
    """Weaker readings of a full-text header: Qualtrics' "Question - Statement" and LimeSurvey's
    "CODE. Question [Statement]" put the item text after a prefix."""
    out: list[str] = []
    if " - " in header:
        out.append(header.rsplit(" - ", 1)[1])
    bracket = re.search(r"\[([^\[\]]+)\]\s*$", header)
    if bracket:
        out.append(bracket.group(1))
    coded = re.match(r"^(\S+)\.\s+\S", header)
    if coded:
        out.append(coded.group(1))
    return [normalise_text(v) for v in out if normalise_text(v)]


def _item_keys(item: Item) -> tuple[set[str], set[str], set[str]]:
    """Exact names, normalised names (id, codes), normalised texts in every language."""
    exact = {item.id, *item.codes}
    names = {normalise_text(n) for n in exact} - {""}
    texts = {normalise_text(t) for t in ([item.text] if isinstance(item.text, str) else item.text.values())}
    return exact, names, texts - {""}


def match_items(
    questionnaire: Questionnaire, headers: list[list[str]], file: str
) -> tuple[dict[str, int], list[Finding]]:
    """Map every item to one column; unmatched and ambiguous items become findings, all at once.

    Each header row is tried in turn (the real header before Qualtrics' text row) and, within a row, the
    strongest kind of match wins: exact id/code, normalised id/code, normalised item text, id/code with
    the spaces left out too ("FB [SQ001]" for "FB[SQ001]"), and last the item text after a
    Qualtrics/LimeSurvey prefix.
    """
    tables = []
    for row in headers:
        normal: dict[str, list[int]] = {}
        compact: dict[str, list[int]] = {}
        variant: dict[str, list[int]] = {}
        exact: dict[str, list[int]] = {}
        for i, h in enumerate(row):
            if not h:
                continue
            exact.setdefault(h, []).append(i)
            normal.setdefault(normalise_text(h), []).append(i)
            compact.setdefault(normalise_text(h).replace(" ", ""), []).append(i)
            for v in _variants(h):
                variant.setdefault(v, []).append(i)
        tables.append((exact, normal, compact, variant))

    matched: dict[str, int] = {}
    missing: list[Item] = []
    errors: list[Finding] = []
    for item in questionnaire.items:
        exact_keys, name_keys, text_keys = _item_keys(item)
        found: list[int] | None = None
        found_row = 0
        for r, (exact, normal, compact, variant) in enumerate(tables):
            for lookup, keys in (
                (exact, exact_keys),
                (normal, name_keys),
                (normal, text_keys),
                (compact, {k.replace(" ", "") for k in name_keys}),
                (variant, name_keys | text_keys),
            ):
                cols = sorted({i for k in keys for i in lookup.get(k, [])})
                if cols:
                    found, found_row = cols, r
                    break
            if found:
                break
        if not found:
            missing.append(item)
        elif (duplicated := same_header(headers[found_row : found_row + 1], found)) is not None:
            errors.append(duplicate_header(file, duplicated, found))
        elif len(found) > 1:
            names = ", ".join(f"'{headers[found_row][i]}' ({column_letter(i)})" for i in found)
            errors.append(
                Finding(Code.ITEM_AMBIGUOUS, file=file, row=1, params={"item": item.id, "columns": names})
            )
        else:
            matched[item.id] = found[0]

    if missing and not matched and not errors:
        expected = [i.id for i in questionnaire.items[:3]] + [
            c for i in questionnaire.items[:1] for c in i.codes[:1]
        ]
        found_headers = [h for h in headers[0] if h][:5]
        raise ScanError.of(
            Code.NO_ITEMS_MATCHED,
            file=file,
            questionnaire=questionnaire.id,
            expected=", ".join(f"'{e}'" for e in expected),
            found=", ".join(f"'{short(h)}'" for h in found_headers) or "no headers",
        )
    for item in missing:
        errors.append(
            Finding(
                Code.ITEM_NOT_FOUND,
                file=file,
                params={
                    "item": item.id,
                    "text": short(str(localise(item.text, questionnaire.default_language))),
                    "closest": _closest(item, headers),
                },
            )
        )
    return matched, errors


def _closest(item: Item, headers: list[list[str]]) -> str:
    """Up to three headers most like the item's id, codes or texts (difflib ratio)."""
    _, names, texts = _item_keys(item)
    by_key: dict[str, str] = {}
    for row in headers:
        for h in row:
            if h:
                by_key.setdefault(normalise_text(h), h)
    scored: dict[str, float] = {}
    for key in names | texts:
        for candidate in difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5):
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            scored[candidate] = max(scored.get(candidate, 0.0), ratio)
    best = sorted(scored, key=lambda k: -scored[k])[:3]
    return ", ".join(f"'{short(by_key[k])}'" for k in best) or "none"


def find_column(name: str, headers: list[list[str]], exclude: set[int] | None = None) -> int | None:
    """Index of the column called ``name``: exact first, then case- and punctuation-insensitive."""
    hits = find_columns(name, headers, exclude)
    return hits[0] if hits else None


def find_columns(name: str, headers: list[list[str]], exclude: set[int] | None = None) -> list[int]:
    """Every column called ``name`` by the first way of comparing (and header row) that finds any."""
    exclude = exclude or set()
    for key in (lambda s: s, lambda s: s.strip().casefold(), normalise_text):
        target = key(name)
        for row in headers:
            hits = [i for i, h in enumerate(row) if h and i not in exclude and key(h) == target]
            if hits:
                return hits
    return []


def column_missing(code: Code, file: str, name: str, headers: list[list[str]]) -> Finding:
    """A named column (company, group, respondent id) is not in the file; suggests a near miss."""
    suggestion = _suggest(name, headers)
    return Finding(code, file=file, column=name, params={"column": name, "suggestion": suggestion})


def _suggest(name: str, headers: list[list[str]]) -> str:
    close = did_you_mean(name, [h for h in headers[0] if h])
    return f"; did you mean '{close}'?" if close else ""


def short(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for headers and values in messages."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
