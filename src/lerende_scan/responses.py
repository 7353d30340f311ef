"""ResponseSet: the responses scoring reads, restricted to what the questionnaire declares.

:mod:`lerende_scan.ingest` builds one from a survey export; tests and other sources may build one from
frames. Its compact form, an int8 code matrix, is what scoring works on.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from lerende_scan.questionnaire import Questionnaire, Scale

__all__ = ["ResponseSet"]


@dataclass(frozen=True, init=False, eq=False)
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
    - ``columns``: item id -> the source header it was read from (for messages and the data-quality report).

    The same answers in compact form, which is what scoring reads:

    - ``codes``: int8 rows × items (questionnaire order, column-major): ``answer - scale.min``, -1 missing.
    - ``rejected_rows``: item id -> ascending row positions that ``rejected`` marks (items with any only).

    :func:`lerende_scan.ingest.ingest` builds a set from codes (:meth:`from_codes`): at a million
    respondents × 30 items the codes take 30 MB where the float64 ``answers`` take 240 MB, so ``answers``
    and ``rejected`` are only built when first read. Constructed from frames (tests, other sources), it is
    the other way round: ``codes`` are derived when first read, and raise ValueError unless every answer is
    a whole scale value.
    """

    questionnaire: Questionnaire
    source: str
    company: pd.Series
    groups: pd.DataFrame
    respondent_id: pd.Series | None
    rows: np.ndarray
    columns: dict[str, str]

    def __init__(
        self,
        questionnaire: Questionnaire,
        source: str,
        answers: pd.DataFrame,
        company: pd.Series,
        groups: pd.DataFrame,
        respondent_id: pd.Series | None,
        rows: np.ndarray,
        rejected: pd.DataFrame,
        columns: dict[str, str] | None = None,
    ) -> None:
        self._fill(questionnaire, source, company, groups, respondent_id, rows, columns or {})
        self.__dict__["answers"] = answers  # the cached_property's slot: see the class docstring
        self.__dict__["rejected"] = rejected

    @classmethod
    def from_codes(
        cls,
        questionnaire: Questionnaire,
        source: str,
        codes: npt.NDArray[np.int8],
        company: pd.Series,
        groups: pd.DataFrame,
        respondent_id: pd.Series | None,
        rows: np.ndarray,
        rejected_rows: dict[str, npt.NDArray[np.intp]],
        columns: dict[str, str],
    ) -> ResponseSet:
        """A set from answer codes (see the class docstring); ``answers`` and ``rejected`` follow lazily."""
        if codes.shape != (len(rows), len(questionnaire.items)):
            raise ValueError(f"codes of shape {codes.shape} for {len(rows)} rows")
        self = cls.__new__(cls)
        self._fill(questionnaire, source, company, groups, respondent_id, rows, columns)
        self.__dict__["codes"] = codes
        self.__dict__["rejected_rows"] = rejected_rows
        return self

    def _fill(self, *values: Any) -> None:
        names = ("questionnaire", "source", "company", "groups", "respondent_id", "rows", "columns")
        for name, value in zip(names, values, strict=True):
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.questionnaire.items]

    @cached_property
    def answers(self) -> pd.DataFrame:
        codes = self.codes
        values = np.empty(codes.shape, order="F")
        np.add(codes, self.questionnaire.scale.min, out=values, casting="unsafe")
        values[codes < 0] = np.nan
        return pd.DataFrame(values, columns=self.item_ids, index=pd.RangeIndex(len(codes)), copy=False)

    @cached_property
    def rejected(self) -> pd.DataFrame:
        mask = np.zeros(self.codes.shape, dtype=bool, order="F")
        for j, item_id in enumerate(self.item_ids):
            if item_id in self.rejected_rows:
                mask[self.rejected_rows[item_id], j] = True
        return pd.DataFrame(mask, columns=self.item_ids, index=pd.RangeIndex(len(mask)), copy=False)

    @cached_property
    def codes(self) -> npt.NDArray[np.int8]:
        frame = self.answers
        ids = self.item_ids
        if list(frame.columns) != ids:
            frame = frame[ids]
        return _answer_codes(
            np.asarray(frame.to_numpy(dtype=np.float64, na_value=np.nan)), self.questionnaire.scale
        )

    @cached_property
    def rejected_rows(self) -> dict[str, npt.NDArray[np.intp]]:
        frame = self.rejected
        out: dict[str, npt.NDArray[np.intp]] = {}
        for item_id in self.item_ids:
            if item_id in frame.columns:
                rows = np.flatnonzero(frame[item_id].to_numpy(dtype=bool))
                if len(rows):
                    out[item_id] = rows
        return out


def _answer_codes(values: npt.NDArray[np.float64], scale: Scale) -> npt.NDArray[np.int8]:
    """float64 answers (NaN missing) as column-major int8 codes, converted in row blocks so the only
    full-size allocation is the result. Raises ValueError unless every answer is a whole scale value."""
    n, k = values.shape
    codes = np.empty((n, k), dtype=np.int8, order="F")
    step = 1 << 16
    for lo in range(0, n, step):
        hi = min(lo + step, n)
        block = values[lo:hi] - scale.min
        missing = np.isnan(block)
        with np.errstate(invalid="ignore"):
            bad = ~missing & ((block < 0) | (block >= scale.points) | (block != np.rint(block)))
        if bad.any():
            raise ValueError(f"answers in rows {lo}..{hi - 1} are not whole values within the scale")
        block[missing] = -1.0
        codes[lo:hi] = block
    return codes
