"""ResponseSet: answers kept as compact codes, frames built on demand, codes derived from frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.ingest.samples import EXPECTED, REFERENCE, Q, run, write

from lerende_scan.responses import ResponseSet


def test_ingest_keeps_answers_as_compact_codes_and_builds_the_frames_on_demand(tmp_path: Path) -> None:
    """codes = answer - min (int8, -1 missing), column-major; rejected answers as row positions."""
    text = REFERENCE.replace("R2,Acme,Staf,Piet Pieters,piet@example.invalid,1,,3", "R2,Acme,Staf,P,p,1,9,3")
    responses = run(write(tmp_path, "r.csv", text)).responses
    assert responses.codes.dtype == np.int8
    assert responses.codes.flags.f_contiguous
    assert responses.codes.tolist() == [[3, 4, -1], [0, -1, 2], [-1, 1, 4]]
    assert {k: v.tolist() for k, v in responses.rejected_rows.items()} == {"fb2": [1]}
    assert "answers" not in vars(responses)  # not built until read
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.rejected.to_numpy().tolist() == [[False] * 3, [False, True, False], [False] * 3]
    assert len(responses) == 3


def test_a_response_set_from_frames_derives_its_codes() -> None:
    """Other sources (and tests) build a set from float answers; scoring reads the codes derived from them."""
    answers = pd.DataFrame({"au1": [5.0, np.nan], "fb1": [1.0, 4.0], "fb2": [np.nan, 2.0]})  # any order
    rejected = pd.DataFrame({"fb1": [False, False], "fb2": [True, False], "au1": [False, False]})
    responses = ResponseSet(
        questionnaire=Q,
        source="x.csv",
        answers=answers,
        company=pd.Series(["A", "A"]),
        groups=pd.DataFrame(index=pd.RangeIndex(2)),
        respondent_id=None,
        rows=np.array([2, 3]),
        rejected=rejected,
    )
    assert responses.answers is answers
    assert responses.codes.tolist() == [[0, -1, 4], [3, 1, -1]]  # questionnaire order: fb1, fb2, au1
    assert {k: v.tolist() for k, v in responses.rejected_rows.items()} == {"fb2": [0]}


@pytest.mark.parametrize("bad", [3.5, 6.0, 0.0])
def test_codes_of_answers_that_are_no_whole_scale_values_are_a_programming_error(bad: float) -> None:
    answers = pd.DataFrame({"fb1": [bad], "fb2": [1.0], "au1": [2.0]})
    responses = ResponseSet(
        Q, "x.csv", answers, pd.Series(["A"]), pd.DataFrame(index=[0]), None, np.array([2]), answers > 9
    )
    with pytest.raises(ValueError):
        _ = responses.codes


def test_from_codes_checks_the_shape() -> None:
    with pytest.raises(ValueError):
        ResponseSet.from_codes(
            questionnaire=Q,
            source="x.csv",
            codes=np.zeros((2, 2), dtype=np.int8),
            company=pd.Series(["A", "A"]),
            groups=pd.DataFrame(index=pd.RangeIndex(2)),
            respondent_id=None,
            rows=np.array([2, 3]),
            rejected_rows={},
            columns={},
        )
