"""Ingestion of survey exports into a typed :class:`ResponseSet`. (Interface; implementation to follow.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from lerende_scan.errors import Finding
from lerende_scan.questionnaire import Questionnaire

__all__ = ["IngestResult", "ResponseSet", "ingest"]


@dataclass(frozen=True)
class ResponseSet:
    """Responses restricted to what the questionnaire declares. All frames share a 0..n-1 index.

    - ``answers``: one float64 column per item id, in questionnaire order; raw answers (not reversed),
      within the scale; NaN is missing (blank, missing code, out of range).
    - ``company``: company name per row (str).
    - ``groups``: one column per declared group column that is present (str, missing as NA).
    - ``respondent_id``: declared or detected id column, else None.
    - ``rows``: 1-based row number in the source file (header = row 1), for messages.
    - ``rejected``: bool frame shaped like ``answers``: True where a non-blank answer was made missing
      because it was out of range or not understood (counted per company in the data-quality report).
    """

    questionnaire: Questionnaire
    source: str
    answers: pd.DataFrame
    company: pd.Series
    groups: pd.DataFrame
    respondent_id: pd.Series | None
    rows: np.ndarray
    rejected: pd.DataFrame

    def __len__(self) -> int:
        return len(self.answers)


@dataclass(frozen=True)
class IngestResult:
    responses: ResponseSet
    findings: list[Finding] = field(default_factory=list)


def ingest(
    path: Path,
    questionnaire: Questionnaire,
    *,
    company: str | None = None,
    company_column: str | None = None,
    strict: bool = False,
) -> IngestResult:
    """Read a CSV/XLSX/SAV export and map it onto ``questionnaire``; raise ScanError on fatal problems."""
    raise NotImplementedError
