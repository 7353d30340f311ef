"""Generate the example data: synthetic scan responses for three fictional companies.

Why: the README's first command, the tests and the demos need realistic data that anyone may publish.
Real scan responses are personal data, so these are simulated from a simple psychometric model:

- every respondent has a latent score per factor: the company's mean for that factor, plus a department
  effect, plus a leader effect (leaders judge leadership and feedback more positively: the perception gap
  of the "keten van leren"), plus a general person effect shared by all factors and a factor-specific
  person effect;
- every answer is that latent score plus a small item offset and item noise, rounded and clipped to 1..5;
  reverse-keyed items are answered ``min + max - x``, as a real respondent would, so scoring must reverse
  them back. This gives Cronbach's alpha around .7 to .85 per factor;
- the companies have different profiles, with bottlenecks (< 2.5) in some factors and strengths in others;
- the data are deliberately imperfect, as real exports are: about 3 % "Weet niet", about 2 % blanks, two
  straight-liners, one duplicated respondent id, one fully empty response, and one department per company
  smaller than the anonymity threshold of 5.

The same answers are also written as real-looking survey-tool exports (see ``exports/README.md``), so
ingestion can be tested to give identical company scores whatever the source format; the newer layouts
(Qualtrics 2016 and legacy, Microsoft Forms) come from ``make_layouts.py``, which this script runs too.

Usage::

    python examples/make_examples.py                 # writes examples/responses.csv and examples/exports/
    python examples/make_examples.py --seed 7 --out /tmp/demo

The output is deterministic: the same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONNAIRE = HERE.parent / "questionnaires" / "lerende-organisatie.yaml"
DEFAULT_SEED = 2019

BLANK = 0  # answer code for an empty cell
DONT_KNOW = -1  # answer code for "Weet niet" / "Don't know"


@dataclass(frozen=True)
class Company:
    """A fictional company: its departments (name -> respondents), leaders and factor profile."""

    name: str
    departments: dict[str, int]
    leaders: int
    # Mean latent score per factor id, on the 1..5 scale.
    profile: dict[str, float]


# Fictional organisations; any resemblance to real ones is accidental. The last department of each is
# smaller than 5 respondents, so its scores must be suppressed.
COMPANIES = (
    Company(
        name="Zorggroep De Linde",
        departments={"Verpleeghuis": 42, "Wijkzorg": 33, "Facilitair": 18, "Staf": 12, "Behandeldienst": 3},
        leaders=12,
        profile={
            "feedback": 2.25,
            "autonomy": 2.9,
            "safety": 3.75,
            "leadership": 3.0,
            "external": 2.2,
            "motivation": 4.0,
        },
    ),
    Company(
        name="Techniek BV Oost",
        departments={"Productie": 34, "Engineering": 24, "Service en onderhoud": 14, "Verkoop": 4},
        leaders=8,
        profile={
            "feedback": 3.3,
            "autonomy": 3.9,
            "safety": 3.4,
            "leadership": 2.55,
            "external": 3.75,
            "motivation": 3.8,
        },
    ),
    Company(
        name="Gemeente Dijkerveen",
        departments={"Publiekszaken": 22, "Ruimte": 17, "Sociaal domein": 14, "Bestuursondersteuning": 4},
        leaders=7,
        profile={
            "feedback": 2.9,
            "autonomy": 2.15,
            "safety": 3.1,
            "leadership": 2.45,
            "external": 3.6,
            "motivation": 3.3,
        },
    ),
)

# Leaders see themselves (and the feedback culture they create) more positively than their employees do.
LEADER_EFFECT = {
    "feedback": 0.4,
    "autonomy": 0.3,
    "safety": 0.25,
    "leadership": 0.9,
    "external": 0.3,
    "motivation": 0.4,
}

PERSON_GENERAL_SD = 0.45  # shared by all factors of one respondent
PERSON_FACTOR_SD = 0.55  # specific to one factor
DEPARTMENT_SD = 0.3
ITEM_OFFSET_SD = 0.15
ITEM_NOISE_SD = 0.75
DONT_KNOW_RATE = {"leadership": 0.05, "external": 0.05}  # other factors: DONT_KNOW_DEFAULT
DONT_KNOW_DEFAULT = 0.02
BLANK_RATE = 0.02
COMMENT_RATE = 0.12

COMMENTS = (
    "Meer tijd voor overleg zou fijn zijn.",
    "Wij hebben te weinig personeel; daardoor schiet scholing er vaak bij in.",
    "Intervisie werkt goed bij ons. Graag vaker!",
    "Ik mis terugkoppeling van het management.",
    "Fijne collega's, maar de werkdruk is hoog.",
    "Vragen over de leidinggevende zijn lastig; we hebben er net een nieuwe.",
    "Leuk dat dit gevraagd wordt. Ben benieuwd wat ermee gebeurt.",
    "Te veel regels en procedures.",
    "Graag meer contact met andere teams; we weten weinig van elkaar.",
    'Onze afdeling werkt al met "leerkringen". Dat bevalt goed.',
    "Een snuffelstage bij een andere organisatie lijkt me interessant.",
    "Compliment voor Renée en Daniël van het roosterteam.",
    "Goede vragenlijst, wel wat lang.",
)

FIRST_NAMES = (
    "Renée", "Zoë", "Anaïs", "Noël", "José", "Chloë", "Inès", "Daniël", "Sanne", "Thijs",
    "Mohamed", "Fleur", "Eefje", "Bram", "Sevda", "Joost", "Priya", "Lotte", "Ömer", "Hélène",
)  # fmt: skip
LAST_NAMES = (
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "van den Berg", "Meijer", "Brouwer", "Dekker",
    "Hendriks", "Mulder", "Peeters", "Bosch", "Çelik", "Verhoeven", "El Amrani", "Kuipers", "Boër",
)  # fmt: skip


@dataclass(frozen=True)
class Item:
    id: str
    factor: str
    reverse: bool
    code: str
    text_en: str


@dataclass(frozen=True)
class Sample:
    """The generated respondents: one row each, answers coded 1..5, BLANK or DONT_KNOW."""

    meta: pd.DataFrame  # respondent_id, company, department, role
    answers: np.ndarray  # (n, items) int8
    comments: np.ndarray  # (n,) object, "" for none
    first: np.ndarray  # (n,) indices into FIRST_NAMES
    last: np.ndarray  # (n,) indices into LAST_NAMES
    seconds: np.ndarray  # (n,) submission time in seconds after the survey opened
    duration: np.ndarray  # (n,) seconds spent
    response_ids: np.ndarray  # (n,) the survey tool's own submission id (Qualtrics ResponseId)


def read_questionnaire(path: Path) -> tuple[dict[str, Any], list[Item]]:
    """Plain YAML reading on purpose: the example must not depend on the validation code."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = [
        Item(
            id=item["id"],
            factor=factor["id"],
            reverse=bool(item.get("reverse", False)),
            code=(item.get("codes") or [item["id"]])[0],
            text_en=item["text"]["en"],
        )
        for factor in data["factors"]
        for item in factor["items"]
    ]
    return data, items


def simulate(items: list[Item], rng: np.random.Generator) -> Sample:
    """Draw all companies' respondents (vectorised per company) and add the data-quality flaws."""
    factors = list(dict.fromkeys(item.factor for item in items))
    factor_of = np.array([factors.index(item.factor) for item in items])
    reverse = np.array([item.reverse for item in items])
    item_offset = rng.normal(0.0, ITEM_OFFSET_SD, len(items))
    leader_effect = np.array([LEADER_EFFECT[f] for f in factors])

    metas, blocks = [], []
    next_id = 1
    for company in COMPANIES:
        n = sum(company.departments.values())
        dept_names = list(company.departments)
        dept = np.repeat(np.arange(len(dept_names)), list(company.departments.values()))
        dept = rng.permutation(dept)
        leader = np.zeros(n, dtype=bool)
        leader[rng.choice(n, company.leaders, replace=False)] = True

        mean = np.array([company.profile[f] for f in factors])
        dept_effect = rng.normal(0.0, DEPARTMENT_SD, (len(dept_names), len(factors)))
        latent = (
            mean
            + dept_effect[dept]
            + np.outer(leader, leader_effect)
            + rng.normal(0.0, PERSON_GENERAL_SD, (n, 1))
            + rng.normal(0.0, PERSON_FACTOR_SD, (n, len(factors)))
        )
        agree = latent[:, factor_of] + item_offset + rng.normal(0.0, ITEM_NOISE_SD, (n, len(items)))
        agree = np.clip(np.rint(agree), 1, 5)
        blocks.append(np.where(reverse, 6 - agree, agree).astype(np.int8))
        metas.append(
            pd.DataFrame(
                {
                    "respondent_id": [f"R{i:04d}" for i in range(next_id, next_id + n)],
                    "company": company.name,
                    "department": np.array(dept_names, dtype=object)[dept],
                    "role": np.where(leader, "leidinggevende", "medewerker"),
                }
            )
        )
        next_id += n

    meta = pd.concat(metas, ignore_index=True)
    answers = np.concatenate(blocks)
    n = len(meta)

    # Missing answers: "Weet niet" (more often on leadership and external items) and blanks.
    dont_know_rate = np.array([DONT_KNOW_RATE.get(item.factor, DONT_KNOW_DEFAULT) for item in items])
    draw = rng.random(answers.shape)
    answers[draw < dont_know_rate] = DONT_KNOW
    answers[(draw >= dont_know_rate) & (draw < dont_know_rate + BLANK_RATE)] = BLANK

    # Two straight-liners (same answer on every item, reverse-keyed ones included) and one empty response.
    first_of = meta.groupby("company", sort=False).cumcount().to_numpy() == 0
    starts = np.flatnonzero(first_of)
    answers[starts[0] + 5] = 4
    answers[starts[2] + 7] = 3
    answers[starts[2] + 11] = BLANK

    comments: np.ndarray = np.where(
        rng.random(n) < COMMENT_RATE, np.array(COMMENTS, dtype=object)[rng.integers(0, len(COMMENTS), n)], ""
    )
    first = rng.integers(0, len(FIRST_NAMES), n)
    last = rng.integers(0, len(LAST_NAMES), n)
    # Submitted over two weeks, between 07:00 and 22:00 (seconds after the survey opened).
    seconds = np.sort(rng.integers(0, 14, n) * 86400 + rng.integers(7 * 3600, 22 * 3600, n))
    duration = rng.integers(240, 1500, n)
    alphabet = np.array(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
    id_chars = np.ascontiguousarray(rng.choice(alphabet, (n, 15)))
    response_ids = "R_" + id_chars.view("<U15").ravel().astype(object)
    comments[starts[2] + 11] = ""  # the empty response has no comment either

    # One respondent submitted twice: the same respondent_id and answers again, at the end of their
    # company's block. The survey tool sees a new submission: its own id and time are new.
    dup = starts[1] + 3
    at = starts[2]
    order = np.concatenate([np.arange(at), [dup], np.arange(at, n)])
    meta = meta.iloc[order].reset_index(drop=True)
    seconds = seconds[order]
    seconds[at] = seconds[at - 1] + 420
    response_ids = response_ids[order]
    response_ids[at] = "R_" + "".join(rng.choice(alphabet, 15))
    return Sample(
        meta=meta,
        answers=answers[order],
        comments=comments[order],
        first=first[order],
        last=last[order],
        seconds=seconds,
        response_ids=response_ids,
        duration=duration[order],
    )


def _answer_text(answers: np.ndarray, by_value: dict[int, str], dont_know: str) -> np.ndarray:
    """Map coded answers to text with one lookup table (vectorised)."""
    table = np.array([dont_know, "", *(by_value[v] for v in range(1, 6))], dtype=object)
    return table[answers.astype(np.int64) + 1]


def _ascii(value: str) -> str:
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", ".", plain.lower()).strip(".")


def _timestamps(seconds: np.ndarray, offset: int = 0) -> pd.Series:
    start = pd.Timestamp("2025-06-02 00:00:00")
    return pd.Series(start + pd.to_timedelta(seconds + offset, unit="s")).dt.strftime("%Y-%m-%d %H:%M:%S")


def plain_frame(sample: Sample, items: list[Item], answers: np.ndarray) -> pd.DataFrame:
    frame = sample.meta.copy()
    for j, item in enumerate(items):
        frame[item.id] = answers[:, j]
    frame["opmerking"] = sample.comments
    return frame


def limesurvey_frame(sample: Sample, items: list[Item], labels_nl: dict[int, str]) -> pd.DataFrame:
    """A LimeSurvey response export ("full answers", question codes as headers), as Dutch Excel saves it."""
    n = len(sample.meta)
    empty = (sample.answers == BLANK).all(axis=1)
    first = np.array(FIRST_NAMES, dtype=object)[sample.first]
    names = first + " " + np.array(LAST_NAMES, dtype=object)[sample.last]
    emails = (
        np.array([_ascii(f) for f in FIRST_NAMES], dtype=object)[sample.first]
        + "."
        + np.array([_ascii(name) for name in LAST_NAMES], dtype=object)[sample.last]
        + "@example.invalid"
    )
    frame = pd.DataFrame(
        {
            "id": np.arange(1, n + 1),
            "submitdate": np.where(empty, "", _timestamps(sample.seconds)),
            "lastpage": np.where(empty, 1, 7),
            "startlanguage": "nl",
            "naam": names,
            "email": emails,
        }
    )
    frame = pd.concat([frame, sample.meta.reset_index(drop=True)], axis=1)
    text = _answer_text(sample.answers, labels_nl, "Weet niet")
    for j, item in enumerate(items):
        frame[item.code] = text[:, j]
    # People type Enter in comment boxes: LimeSurvey keeps those newlines inside the quoted field.
    frame["opmerking"] = pd.Series(sample.comments).str.replace(". ", ".\n", regex=False).to_numpy()
    return frame


def qualtrics_frame(sample: Sample, items: list[Item], labels_en: dict[int, str]) -> pd.DataFrame:
    """A Qualtrics "choice text" export: row 1 short names, row 2 question text, row 3 ImportId JSON."""
    n = len(sample.meta)
    empty = (sample.answers == BLANK).all(axis=1)
    start = _timestamps(sample.seconds)
    end = _timestamps(sample.seconds + sample.duration)
    ip_addresses = "192.0.2." + (sample.first + 10).astype(str).astype(object)  # TEST-NET-1, never routed
    columns: list[tuple[str, str, str, Any]] = [
        ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Europe/Amsterdam"}', start),
        ("EndDate", "End Date", '{"ImportId":"endDate","timeZone":"Europe/Amsterdam"}', end),
        ("Status", "Response Type", '{"ImportId":"status"}', "IP Address"),
        ("IPAddress", "IP Address", '{"ImportId":"ipAddress"}', ip_addresses),
        ("Progress", "Progress", '{"ImportId":"progress"}', np.where(empty, 8, 100)),
        ("Duration (in seconds)", "Duration (in seconds)", '{"ImportId":"duration"}', sample.duration),
        ("Finished", "Finished", '{"ImportId":"finished"}', np.where(empty, "False", "True")),
        ("RecordedDate", "Recorded Date", '{"ImportId":"recordedDate","timeZone":"Europe/Amsterdam"}', end),
        ("ResponseId", "Response ID", '{"ImportId":"_recordId"}', sample.response_ids),
        ("RecipientLastName", "Recipient Last Name", '{"ImportId":"recipientLastName"}',
         np.array(LAST_NAMES, dtype=object)[sample.last]),
        ("RecipientFirstName", "Recipient First Name", '{"ImportId":"recipientFirstName"}',
         np.array(FIRST_NAMES, dtype=object)[sample.first]),
        ("DistributionChannel", "Distribution Channel", '{"ImportId":"distributionChannel"}', "anonymous"),
        ("UserLanguage", "User Language", '{"ImportId":"userLanguage"}', "EN"),
    ]  # fmt: skip
    # Embedded data fields: Qualtrics repeats the field name in rows 1 and 2.
    for column in ("respondent_id", "company", "department", "role"):
        columns.append((column, column, f'{{"ImportId":"{column}"}}', sample.meta[column].to_numpy()))
    text = _answer_text(sample.answers, labels_en, "Don't know")
    factors = list(dict.fromkeys(item.factor for item in items))
    for j, item in enumerate(items):
        q = factors.index(item.factor) + 1
        k = [i.id for i in items if i.factor == item.factor].index(item.id) + 1
        columns.append((f"Q{q}_{k}", item.text_en, f'{{"ImportId":"QID{q}_{k}"}}', text[:, j]))
    q = len(factors) + 1
    question = "Is there anything else you would like to tell us?"
    columns.append((f"Q{q}", question, f'{{"ImportId":"QID{q}_TEXT"}}', sample.comments))
    names = [c[0] for c in columns]
    body = pd.DataFrame({c[0]: np.broadcast_to(np.asarray(c[3], dtype=object), (n,)) for c in columns})
    header_rows = pd.DataFrame([[c[1] for c in columns], [c[2] for c in columns]], columns=names)
    return pd.concat([header_rows, body.astype(str)], ignore_index=True)


def _deterministic_xlsx(frame: pd.DataFrame, sheet: str = "responses") -> bytes:
    """Write XLSX through pandas/openpyxl, then pin the timestamps openpyxl and zipfile add."""
    raw = io.BytesIO()
    frame.to_excel(raw, index=False, sheet_name=sheet, engine="openpyxl")
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2025-06-16T12:00:00Z", data)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2025, 6, 16, 12, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return fixed.getvalue()


def write_examples(
    out: Path, seed: int = DEFAULT_SEED, questionnaire: Path = DEFAULT_QUESTIONNAIRE
) -> list[Path]:
    """Write responses.csv and exports/* under ``out``; return the paths written."""
    data, items = read_questionnaire(questionnaire)
    labels = data["scale"]["labels"]
    labels_nl = {int(v): text["nl"] for v, text in labels.items()}
    labels_en = {int(v): text["en"] for v, text in labels.items()}
    sample = simulate(items, np.random.default_rng(seed))

    numbers = _answer_text(sample.answers, {v: str(v) for v in range(1, 6)}, "Weet niet")
    with_labels = _answer_text(sample.answers, {v: f"{v} - {labels_nl[v]}" for v in range(1, 6)}, "Weet niet")

    exports = out / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    written = {
        out / "responses.csv": plain_frame(sample, items, numbers)
        .to_csv(index=False, lineterminator="\n")
        .encode("utf-8"),
        exports / "limesurvey_nl.csv": limesurvey_frame(sample, items, labels_nl)
        .to_csv(index=False, sep=";", lineterminator="\r\n")
        .encode("utf-8-sig"),
        exports / "qualtrics_en.csv": qualtrics_frame(sample, items, labels_en)
        .to_csv(index=False, lineterminator="\r\n")
        .encode("cp1252"),
        exports / "responses.xlsx": _deterministic_xlsx(plain_frame(sample, items, with_labels)),
    }
    for path, payload in written.items():
        path.write_bytes(payload)
    return list(written)


def write_layouts(
    out: Path, seed: int = DEFAULT_SEED, questionnaire: Path = DEFAULT_QUESTIONNAIRE
) -> list[Path]:
    """Write the same answers in more layouts (``make_layouts.py``: Qualtrics 2016 and legacy, Microsoft
    Forms) under ``out / "exports"``; return the paths written."""
    sys.modules.setdefault("make_examples", sys.modules[__name__])  # what make_layouts imports
    spec = importlib.util.spec_from_file_location("make_layouts", HERE / "make_layouts.py")
    assert spec is not None and spec.loader is not None
    layouts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(layouts)
    written: list[Path] = layouts.write_layouts(out, seed, questionnaire)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE, help="output folder (default: this examples folder)"
    )
    parser.add_argument(
        "--questionnaire", type=Path, default=DEFAULT_QUESTIONNAIRE, help="questionnaire YAML"
    )
    args = parser.parse_args(argv)
    for path in write_examples(args.out, args.seed, args.questionnaire):
        print(path)
    for path in write_layouts(args.out, args.seed, args.questionnaire):
        print(path)


if __name__ == "__main__":
    main()
