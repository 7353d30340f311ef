"""The example answers in more export layouts: Qualtrics 2016 "Insights", legacy Qualtrics, Microsoft Forms.

Why: consultants still receive exports in these layouts (old Qualtrics accounts, Microsoft 365
organisations), and each has its own header rows and personal-data columns. The answers are those of
``make_examples.py`` (same seed, same rows), so scoring any of these gives the same company scores.
``make_examples.py`` writes these files too (its ``write_layouts``); see ``exports/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

if "make_examples" not in sys.modules:  # run as a script: make_examples.py sits next to this file
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_examples import (  # the sibling script, found through the path set above
    BLANK,
    DEFAULT_QUESTIONNAIRE,
    DEFAULT_SEED,
    FIRST_NAMES,
    LAST_NAMES,
    Item,
    Sample,
    _answer_text,
    _ascii,
    _deterministic_xlsx,
    _timestamps,
    read_questionnaire,
    simulate,
)

MATRIX = "To what extent do you agree with the following statements?"
COMMENT_EN = "Is there anything else you would like to tell us?"
COMMENT_NL = "Wilt u nog iets kwijt?"
EMBEDDED = ("respondent_id", "company", "department", "role")


def _names(sample: Sample) -> tuple[np.ndarray, np.ndarray]:
    first = np.array(FIRST_NAMES, dtype=object)[sample.first]
    last = np.array(LAST_NAMES, dtype=object)[sample.last]
    return first, last


def _emails(sample: Sample) -> np.ndarray:
    first = np.array([_ascii(f) for f in FIRST_NAMES], dtype=object)[sample.first]
    last = np.array([_ascii(name) for name in LAST_NAMES], dtype=object)[sample.last]
    return first + "." + last + "@example.invalid"


def _tags(items: list[Item]) -> list[str]:
    """Qualtrics export tags of the item columns: question per factor, statement per item (``Q2_3``)."""
    factors = list(dict.fromkeys(item.factor for item in items))
    out = []
    for item in items:
        k = [i.id for i in items if i.factor == item.factor].index(item.id) + 1
        out.append(f"Q{factors.index(item.factor) + 1}_{k}")
    return out


def _frame(columns: list[tuple[list[str], Any]], n: int) -> pd.DataFrame:
    """Header rows (each column's header cells) on top of the body, every cell as text."""
    body = pd.DataFrame(
        {i: np.broadcast_to(np.asarray(c[1], dtype=object), (n,)) for i, c in enumerate(columns)}
    )
    heads = pd.DataFrame([[c[0][r] for c in columns] for r in range(len(columns[0][0]))])
    return pd.concat([heads, body.astype(str)], ignore_index=True)


def qualtrics_insights_frame(sample: Sample, items: list[Item], labels_en: dict[int, str]) -> pd.DataFrame:
    """A 2016 Qualtrics "Insights" export: row 3 holds ImportIds in single quotes, ``{'ImportId': 'QID1'}``;
    row 2 puts the matrix question before each statement (``Question - Statement``)."""
    n = len(sample.meta)
    empty = (sample.answers == BLANK).all(axis=1)
    first, last = _names(sample)
    start, end = _timestamps(sample.seconds), _timestamps(sample.seconds + sample.duration)

    def meta(name: str, import_id: str, values: Any) -> tuple[list[str], Any]:
        return [name, name, f"{{'ImportId': '{import_id}'}}"], values

    columns = [
        meta("ResponseID", "responseId", sample.response_ids),
        meta("ResponseSet", "responseSetId", "Default Response Set"),
        meta("IPAddress", "ipAddress", "198.51.100." + (sample.first + 20).astype(str).astype(object)),
        meta("StartDate", "startDate", start),
        meta("EndDate", "endDate", end),
        meta("RecipientLastName", "panel-RecipientLastName", last),
        meta("RecipientFirstName", "panel-RecipientFirstName", first),
        meta("RecipientEmail", "panel-RecipientEmail", _emails(sample)),
        meta("ExternalDataReference", "panel-ExternalDataReference", ""),
        meta("Finished", "finished", np.where(empty, "0", "1")),
        meta("Status", "status", "0"),
    ]
    columns += [meta(c, c, sample.meta[c].to_numpy()) for c in EMBEDDED]
    text = _answer_text(sample.answers, labels_en, "Don't know")
    for j, (item, tag) in enumerate(zip(items, _tags(items), strict=True)):
        qid = "QID" + tag[1:]
        columns.append(([tag, f"{MATRIX} - {item.text_en}", f"{{'ImportId': '{qid}'}}"], text[:, j]))
    q = len({item.factor for item in items}) + 1
    columns.append(([f"Q{q}", COMMENT_EN, f"{{'ImportId': 'QID{q}_TEXT'}}"], sample.comments))
    return _frame(columns, n)


def qualtrics_legacy_frame(sample: Sample, items: list[Item], labels_en: dict[int, str]) -> pd.DataFrame:
    """A legacy Qualtrics export (before 2017): two header rows, no ImportId row. Row 1 holds ``V1``..``V10``
    and the export tags, row 2 ``ResponseID``... and the question texts; every record ends in a comma.
    Two background matrices reuse the statement tags ``question_one`` and ``question_two``, so row 1
    has duplicate headers in columns the questionnaire does not use."""
    n = len(sample.meta)
    empty = (sample.answers == BLANK).all(axis=1)
    first, last = _names(sample)
    start, end = _timestamps(sample.seconds), _timestamps(sample.seconds + sample.duration)
    standard = [
        ("ResponseID", sample.response_ids),
        ("ResponseSet", "Default Response Set"),
        ("Name", last + ", " + first),
        ("ExternalDataReference", ""),
        ("EmailAddress", _emails(sample)),
        ("IPAddress", "203.0.113." + (sample.first + 30).astype(str).astype(object)),
        ("Status", "0"),
        ("StartDate", start),
        ("EndDate", end),
        ("Finished", np.where(empty, "0", "1")),
    ]
    columns: list[tuple[list[str], Any]] = [([f"V{i + 1}", name], v) for i, (name, v) in enumerate(standard)]
    columns += [([c, c], sample.meta[c].to_numpy()) for c in EMBEDDED]
    text = _answer_text(sample.answers, labels_en, "Don't know")
    for j, (item, tag) in enumerate(zip(items, _tags(items), strict=True)):
        columns.append(([tag, item.text_en], text[:, j]))
    background = np.arange(n)
    for matrix, statements in (
        ("About your work", ("Years with this employer", "Years in your current role")),
        ("About your team", ("Number of colleagues in your team", "Years the team has worked together")),
    ):
        for tag, statement in zip(("question_one", "question_two"), statements, strict=True):
            background = (background * 7 + 3) % 29  # any whole numbers: these columns are not read
            columns.append(([tag, f"{matrix}-{statement}"], (background + 1).astype(str).astype(object)))
    q = len({item.factor for item in items}) + 1
    columns.append(([f"Q{q}", COMMENT_EN], sample.comments))
    columns += [([c, c], "") for c in ("LocationLatitude", "LocationLongitude", "LocationAccuracy")]
    columns.append((["", ""], ""))  # the trailing comma of every record
    return _frame(columns, n)


def ms_forms_frame(sample: Sample, items: list[Item], data: dict[str, Any]) -> pd.DataFrame:
    """A Microsoft Forms workbook ("Open in Excel") of the Dutch survey: Id, Start time, Completion time,
    Email, Name, then one column per question headed with its full text, answers as label text."""
    labels_nl = {int(v): text["nl"] for v, text in data["scale"]["labels"].items()}
    texts_nl = {i["id"]: i["text"]["nl"] for factor in data["factors"] for i in factor["items"]}
    first, last = _names(sample)
    opened = pd.Timestamp("2025-06-02 00:00:00")
    start = opened + pd.to_timedelta(sample.seconds, unit="s")
    frame = pd.DataFrame(
        {
            "Id": np.arange(1, len(sample.meta) + 1),
            "Start time": start,
            "Completion time": start + pd.to_timedelta(sample.duration, unit="s"),
            "Email": _emails(sample),
            "Name": first + " " + last,
        }
    )
    frame = pd.concat([frame, sample.meta.reset_index(drop=True)], axis=1)
    text = _answer_text(sample.answers, labels_nl, "Weet niet")
    for j, item in enumerate(items):
        frame[texts_nl[item.id]] = text[:, j]
    frame[COMMENT_NL] = sample.comments
    return frame.replace("", None)  # Forms leaves unanswered questions as empty cells


def write_layouts(
    out: Path, seed: int = DEFAULT_SEED, questionnaire: Path = DEFAULT_QUESTIONNAIRE
) -> list[Path]:
    """Write the three exports under ``out / "exports"``; return the paths written."""
    data, items = read_questionnaire(questionnaire)
    labels_en = {int(v): text["en"] for v, text in data["scale"]["labels"].items()}
    sample = simulate(items, np.random.default_rng(seed))
    exports = out / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    written = {
        exports / "qualtrics_insights_en.csv": qualtrics_insights_frame(sample, items, labels_en)
        .to_csv(index=False, header=False, lineterminator="\r\n")
        .encode("utf-8-sig"),
        exports / "qualtrics_legacy_en.csv": qualtrics_legacy_frame(sample, items, labels_en)
        .to_csv(index=False, header=False, lineterminator="\n")
        .encode("utf-8"),
        exports / "msforms_nl.xlsx": _deterministic_xlsx(ms_forms_frame(sample, items, data), "Sheet1"),
    }
    for path, payload in written.items():
        path.write_bytes(payload)
    return list(written)


if __name__ == "__main__":
    for written_path in write_layouts(Path(__file__).resolve().parent):
        print(written_path)
