"""Time :func:`lerende_scan.scoring.score` on a seeded in-memory response set (no CSV involved).

Usage: ``python benchmarks/scoring_bench.py [ROWS] [COMPANIES]`` (default 1,000,000 rows, 500 companies,
6 factors × 5 items with one reverse-keyed item each, 5% missing answers, a department and a role column
with a leader split, and text respondent ids). Prints wall and CPU time per run; the whole data stage
(ingest + score against the pandas/pyarrow baseline) is ``benchmarks/score_bench.py``.

Measured 2026-11-22 on the shared 2-core build machine (other jobs running): 0.9-1.3 s per run at 1M
rows. The spread is the machine's; compare runs made at the same time.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet
from lerende_scan.scoring import score


def questionnaire(factors: int = 6, items: int = 5) -> Questionnaire:
    return Questionnaire.model_validate(
        {
            "id": "bench",
            "version": "1",
            "title": "bench",
            "scale": {"min": 1, "max": 5},
            "scoring": {"min_answered": 0.5, "bands": [{"below": 3, "label": "laag"}, {"label": "hoog"}]},
            "groups": ["department", "role"],
            "leaders": {"column": "role", "values": ["Leidinggevende"]},
            "respondent_id": "id",
            "factors": [
                {
                    "id": f"f{f}",
                    "name": f"F{f}",
                    "items": [{"id": f"f{f}i{i}", "text": "t", "reverse": i == 0} for i in range(items)],
                }
                for f in range(factors)
            ],
        }
    )


def response_set(q: Questionnaire, rows: int, companies: int, seed: int = 7) -> ResponseSet:
    rng = np.random.default_rng(seed)
    ids = [item.id for item in q.items]
    trait = rng.normal(0, 0.8, size=(rows, 1))
    raw = np.clip(np.rint(3 + trait + rng.normal(0, 0.9, size=(rows, len(ids)))), 1, 5)
    reverse = np.array([item.reverse for item in q.items])
    raw[:, reverse] = 6 - raw[:, reverse]
    raw[rng.random(raw.shape) < 0.05] = np.nan
    answers = pd.DataFrame(raw, columns=ids)
    company = pd.Series(
        np.array([f"Bedrijf {c:03d}" for c in range(companies)], dtype=object)[
            rng.integers(0, companies, rows)
        ]
    )
    groups = pd.DataFrame(
        {
            "department": np.array(["Productie", "Logistiek", "Verkoop", "Staf", "ICT", ""], dtype=object)[
                rng.integers(0, 6, rows)
            ],
            "role": np.array(["Medewerker", "Leidinggevende"], dtype=object)[
                (rng.random(rows) < 0.15).astype(int)
            ],
        }
    )
    return ResponseSet(
        questionnaire=q,
        source="bench.csv",
        answers=answers,
        company=company,
        groups=groups,
        respondent_id=pd.Series(np.arange(rows).astype(str)),
        rows=np.arange(2, rows + 2),
        rejected=pd.DataFrame(False, index=answers.index, columns=ids),
    )


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    companies = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    q = questionnaire()
    responses = response_set(q, rows, companies)
    for run in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        result = score(responses)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"run {run + 1}: scored {rows:,} rows × {len(q.items)} items, {len(result.companies)} companies"
            f" in {elapsed:.3f} s (CPU {cpu:.3f} s)"
        )


if __name__ == "__main__":
    main()
