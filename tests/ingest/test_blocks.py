"""Exports larger than one pyarrow block (1 MB): columns arrive in several chunks, through ingest and scoring.

Real exports of a few thousand respondents are this size; every encoding and kind of respondent id must
give the same result as a small file, including a duplicate id whose first use sits in another block.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type stubs
import pytest
from tests.ingest.samples import run

from lerende_scan.scoring import score

ROWS = 40_000  # ~1.8 MB: two blocks or more
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16"]


def big_export(tmp_path: Path, ids: str, encoding: str) -> Path:
    """``ROWS`` respondents of two companies (one with a non-ASCII name), the last row repeating the id of
    the first respondent of its company, which lies in the first block."""
    lines = ["respondent_id,company,department,naam,fb1,fb2,au1"]
    for i in range(ROWS):
        rid = f"R{i + 1:06d}" if ids == "text" else str(i + 1)
        company = "Zoë Bouw" if i % 2 else "Acme"
        lines.append(f"{rid},{company},Afdeling {i % 7},Naam {i},{i % 5 + 1},{(i * 3) % 5 + 1},{i % 4 + 2}")
    first = "R000001" if ids == "text" else "1"
    lines.append(f"{first},Acme,Afdeling 0,Naam dubbel,3,3,3")
    path = tmp_path / f"big_{ids}_{encoding}.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("ids", ["text", "numeric"])
def test_multi_block_exports_score_and_find_a_duplicate_id_across_blocks(
    tmp_path: Path, ids: str, encoding: str
) -> None:
    path = big_export(tmp_path, ids, encoding)
    assert path.stat().st_size > 1 << 20
    responses = run(path).responses
    assert len(responses) == ROWS + 1
    assert responses.respondent_id is not None
    # The premise: the id column really comes in several chunks (what crashed the duplicate-id check).
    assert pa.array(responses.respondent_id, from_pandas=True).num_chunks > 1
    assert set(responses.company) == {"Acme", "Zoë Bouw"}
    assert int(responses.rows[-1]) == ROWS + 2
    result = score(responses)
    acme = next(c for c in result.companies if c.company == "Acme")
    assert acme.data_quality.received == ROWS // 2 + 1
    assert acme.data_quality.excluded["duplicate_id"] == 1
    other = next(c for c in result.companies if c.company == "Zoë Bouw")
    assert other.data_quality.excluded["duplicate_id"] == 0
