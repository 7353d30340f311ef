"""Export layouts from the wild: Qualtrics variants, Microsoft Forms, and the examples imitating them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from tests.ingest.samples import EXPECTED, QUALTRICS, run, write

from lerende_scan.ingest import ingest
from lerende_scan.questionnaire import load_questionnaire

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "examples" / "exports"

# --------------------------------------------------------------------------------------------------------
# Qualtrics
# --------------------------------------------------------------------------------------------------------


def test_qualtrics_records_ending_in_cr_cr_lf_skip_exactly_the_three_header_rows(tmp_path: Path) -> None:
    """A file that went through a Windows tool twice: every record ends in \\r\\r\\n, which pyarrow reads
    as a record and a blank line. The ImportId row must not become a respondent."""
    result = run(write(tmp_path, "q.csv", QUALTRICS.replace("\r\n", "\r\r\n"), encoding="cp1252"))
    responses = result.responses
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.rows.tolist() == [4, 5, 6]
    assert result.findings == []


def test_the_example_qualtrics_export_with_cr_cr_lf_reads_like_the_original(tmp_path: Path) -> None:
    q = load_questionnaire(REPO / "questionnaires" / "lerende-organisatie.yaml")
    original = ingest(EXPORTS / "qualtrics_en.csv", q)
    doubled = tmp_path / "qualtrics_twice.csv"
    doubled.write_bytes((EXPORTS / "qualtrics_en.csv").read_bytes().replace(b"\r\n", b"\r\r\n"))
    result = ingest(doubled, q)
    assert result.findings == original.findings == []
    pd.testing.assert_frame_equal(result.responses.answers, original.responses.answers)
    assert result.responses.rows.tolist() == original.responses.rows.tolist()
