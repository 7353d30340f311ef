"""The questionnaire model: the user-facing YAML contract, as pydantic models, and its text helpers.

Everything else (ingestion, scoring, reports, benchmarks) reads a :class:`Questionnaire`. The models check
shapes and types; cross-field rules (duplicate ids, translations, scale and band sanity) live in
:mod:`.rules`, and :mod:`.messages` maps every problem to its YAML line. Load questionnaires through
:func:`lerende_scan.questionnaire.load_questionnaire`, which runs both and raises on errors.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt
from pydantic.config import JsonDict

__all__ = [
    "ALPHA_ACCEPTABLE",
    "ALPHA_WEAK",
    "ID_HEADERS",
    "Anonymity",
    "Band",
    "Drivers",
    "Factor",
    "Item",
    "Leaders",
    "Questionnaire",
    "Scale",
    "Scoring",
    "Text",
    "TextList",
    "localise",
    "slugify",
    "wording",
]

# A text is a plain string (single-language files) or a mapping language -> string.
Text = str | dict[str, str]
# Advice and similar lists: one list (single-language files) or a mapping language -> list.
TextList = list[str] | dict[str, list[str]]
Number = StrictInt | StrictFloat

ALPHA_WEAK = 0.6
"""Cronbach's alpha below this: the factor's score is read with care (warning S001, the report's mark)."""
ALPHA_ACCEPTABLE = 0.7
"""Cronbach's alpha from this up reads as acceptable in the report; between the two it reads as weak."""

_SLUG = r"^[a-z0-9][a-z0-9_-]*$"
# Item ids as codebooks write them (SPSS, R, Qualtrics: A1, Q1_3); unique ignoring case (rules.py).
ITEM_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
MIN_DRIVER_RESPONDENTS = 10
ID_HEADERS = (
    "respondent_id",
    "respondent id",
    "responseid",
    "response id",
    "id",
    "respondent",
    "respondentnummer",
)
"""Headers taken as the respondent id when the questionnaire declares none (compared normalised): here,
because the rules must know them too (a group column of that name is refused)."""
"""The lowest ``drivers.min_respondents`` a questionnaire may set: fewer cannot estimate five weights."""
_TEXT_SCHEMA: JsonDict = {
    "anyOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]
}


class _Model(BaseModel):
    """Unknown keys are errors: a typo such as ``revers`` must never be ignored silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Scale(_Model):
    """The answer scale. Reverse-keyed items are scored ``min + max - x``."""

    min: StrictInt = Field(description="Lowest answer value, for example 1.")
    max: StrictInt = Field(description="Highest answer value, for example 5. A scale has 2 to 11 points.")
    labels: dict[int, Text] = Field(
        default_factory=dict,
        description="Optional label per answer value; answers may use these texts.",
        # JSON has string keys only: editors see the YAML keys 1, 2, ... as "1", "2", ...
        json_schema_extra={"patternProperties": {"^-?[0-9]+$": _TEXT_SCHEMA}, "additionalProperties": False},
    )
    missing: list[str] = Field(
        default_factory=list,
        description="Answers that count as missing, never as the midpoint (for example 'Weet niet').",
    )

    favourable_from: StrictInt | None = Field(
        default=None,
        description="Lowest answer that counts as favourable (after reversal). Default: the top two answers"
        " on a scale of 5 or more points, the top one on smaller scales.",
    )
    unfavourable_to: StrictInt | None = Field(
        default=None,
        description="Highest answer that counts as unfavourable (after reversal). Default: the bottom two"
        " answers on a scale of 5 or more points, the bottom one on smaller scales.",
    )

    @property
    def points(self) -> int:
        return self.max - self.min + 1

    def favourable_split(self) -> tuple[int, int]:
        """``(unfavourable_to, favourable_from)`` with the defaults applied; answers between are neutral.

        The defaults follow the usual "top two / bottom two" on scales of 5+ points (1..5: 1-2 / 3 / 4-5;
        1..7: 1-2 / 3-5 / 6-7), and the extreme answer only on 2 to 4 points, so a neutral band remains
        wherever there is room for one.
        """
        width = 1 if self.points >= 5 else 0
        low = self.unfavourable_to if self.unfavourable_to is not None else self.min + width
        high = self.favourable_from if self.favourable_from is not None else self.max - width
        return low, high

    def fingerprint(self) -> str:
        """Short hash of what respondents answer on: min, max and every label's wording.

        A changed fingerprint means answers of two versions are not comparable. The favourable split and
        the missing-answer texts are not part of it: they change how answers are summarised, not what was
        asked.
        """
        labels = {str(k): wording(v) for k, v in sorted(self.labels.items())}
        return _short_hash({"min": self.min, "max": self.max, "labels": labels})


class Band(_Model):
    """A score band. Bands are ordered from low up; the last one has no upper bound."""

    id: Annotated[str, Field(pattern=_SLUG)] | None = Field(
        default=None, description="Stable machine id (for JSON); defaults to a slug of the label."
    )
    below: Number | None = Field(default=None, description="Scores below this value fall in this band.")
    label: Text


class Scoring(_Model):
    min_answered: Number = Field(
        default=0.5,
        description="Share of a factor's items a respondent must answer for a factor score (at least 1).",
        # Schema-only hint for editors; rules.py checks the range with a located message.
        json_schema_extra={"exclusiveMinimum": 0, "maximum": 1},
    )
    bands: list[Band] = Field(default_factory=list)


class Anonymity(_Model):
    min_group_size: StrictInt = Field(default=5, ge=1, description="Groups smaller than this show no scores.")


class Leaders(_Model):
    """Who counts as a leader, for the leader/employee perception gap ("keten van leren")."""

    column: str
    values: list[str]


class Item(_Model):
    id: Annotated[str, Field(pattern=ITEM_ID_PATTERN)] = Field(
        description="Item id as a codebook writes it (fb1, A1, Q1_3), unique ignoring case; also the default"
        " column header (headers are matched ignoring case)."
    )
    text: Text
    reverse: StrictBool = Field(default=False, description="Reverse-keyed: scored min + max - x.")
    codes: list[str] = Field(
        default_factory=list, description="Other column headers that mean this item (e.g. LimeSurvey codes)."
    )

    def fingerprint(self, scale: Scale) -> str:
        """Short hash of the statement as respondents met it: its text in every language, its keying and
        the scale (:meth:`Scale.fingerprint`). Two waves compare a statement only when this is equal.

        Whitespace is normalised (re-flowing a YAML line changes nothing); any other change of wording,
        also a new translation, counts. The id and the column codes are not part of it.
        """
        payload = {"text": wording(self.text), "reverse": self.reverse, "scale": scale.fingerprint()}
        return _short_hash(payload)


class Drivers(_Model):
    """Which factor is the outcome and which factors may drive it, for the relative-weight analysis."""

    outcome: str = Field(description="Factor id of the outcome, for example 'motivation'.")
    predictors: list[str] = Field(description="Factor ids of at least two drivers; not the outcome.")
    min_respondents: StrictInt = Field(
        default=30,
        description="Complete respondents a company needs for a driver analysis.",
        # Schema-only hint for editors; rules.py checks the bound with a located message.
        json_schema_extra={"minimum": MIN_DRIVER_RESPONDENTS},
    )


class Factor(_Model):
    id: Annotated[str, Field(pattern=_SLUG)]
    name: Text
    description: Text | None = None
    advice: TextList | None = Field(
        default=None, description="Concrete interventions a consultant can propose."
    )
    items: list[Item] = Field(json_schema_extra={"minItems": 1})  # rules.py reports empty factors


class Questionnaire(_Model):
    """A learning-organisation questionnaire (see README, "The questionnaire format")."""

    id: Annotated[str, Field(pattern=_SLUG)] = Field(description="Slug, for example 'lerende-organisatie'.")
    version: str = Field(description='Quote it: "1.0".')
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]] = Field(
        default_factory=lambda: ["nl"], min_length=1, description="First is the default."
    )
    title: Text
    description: Text | None = None
    scale: Scale
    scoring: Scoring = Field(default_factory=Scoring)
    anonymity: Anonymity = Field(default_factory=Anonymity)
    groups: list[str] = Field(default_factory=list, description="Respondent columns used for breakdowns.")
    leaders: Leaders | None = None
    respondent_id: str | None = Field(
        default=None, description="Column holding a respondent id, used to find duplicate responses."
    )
    factors: list[Factor] = Field(json_schema_extra={"minItems": 1})
    drivers: Drivers | None = Field(
        default=None, description="An outcome factor and the factors that may drive it (driver analysis)."
    )

    # -- derived views ----------------------------------------------------------------------------
    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def items(self) -> list[Item]:
        return [item for factor in self.factors for item in factor.items]

    @property
    def item_factor(self) -> dict[str, str]:
        """Item id -> factor id."""
        return {item.id: factor.id for factor in self.factors for item in factor.items}

    def factor_items(self) -> dict[str, list[str]]:
        """Factor id -> its item ids, in questionnaire order (what a factor's score is made of)."""
        return {factor.id: [item.id for item in factor.items] for factor in self.factors}

    def min_items(self, factor: Factor) -> int:
        """Answered items a respondent needs for a factor score: ``ceil(min_answered × k)``, at least 1."""
        return max(1, math.ceil(float(self.scoring.min_answered) * len(factor.items) - 1e-9))

    def band_for(self, score: float | None) -> Band | None:
        """The band a score falls in; None for a missing score or a questionnaire without bands."""
        if score is None or math.isnan(score):
            return None
        for band in self.scoring.bands:
            if band.below is None or score < band.below:
                return band
        return None

    def band_id(self, band: Band) -> str:
        return band.id or slugify(localise(band.label, self.default_language))

    def content_hash(self) -> str:
        """Hash of what makes scores comparable: scale, factors, items and their keying.

        Titles, advice and descriptions may change without breaking a benchmark or a wave comparison;
        item texts, ids, reversal and factor membership may not.
        """
        payload = {
            "scale": [self.scale.min, self.scale.max],
            "factors": [
                [f.id, [[i.id, i.reverse, _canonical(i.text)] for i in f.items]] for f in self.factors
            ],
        }
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        return "sha256:" + hashlib.sha256(raw).hexdigest()[:16]


def _canonical(text: Text) -> Any:
    return text if isinstance(text, str) else dict(sorted(text.items()))


def wording(text: Text) -> dict[str, str]:
    """A text per language with whitespace normalised (what a fingerprint hashes); a plain, one-language
    string is filed under '*'."""
    texts = {"*": text} if isinstance(text, str) else text
    return {lang: " ".join(value.split()) for lang, value in sorted(texts.items())}


def _short_hash(payload: Any) -> str:
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def localise(text: Text | TextList | None, lang: str, fallback: str | None = None) -> Any:
    """Pick one language from a text; plain strings and lists are language-neutral."""
    if text is None:
        return None
    if isinstance(text, dict):
        if lang in text:
            return text[lang]
        if fallback is not None and fallback in text:
            return text[fallback]
        return next(iter(text.values()))
    return text


def slugify(value: str) -> str:
    """ASCII slug for ids and folder names: 'Sterk punt' -> 'sterk-punt'."""
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return slug or "x"
