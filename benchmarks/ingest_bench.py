"""Quick timing of ingestion against ``pandas.read_csv(engine="pyarrow", dtype_backend="pyarrow")``.

Writes seeded CSVs (numbers and Dutch label text as answers) once into a folder, then times
``lerende_scan.ingest.ingest`` and the pandas baseline on the same file, best of ``--repeat`` runs.

    python benchmarks/ingest_bench.py --rows 1000000 --dir /tmp/ingest-bench
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from lerende_scan.ingest import ingest
from lerende_scan.questionnaire import Questionnaire

ITEMS = 30
LABELS = {1: "Helemaal mee oneens", 2: "Mee oneens", 3: "Neutraal", 4: "Mee eens", 5: "Helemaal mee eens"}


def questionnaire() -> Questionnaire:
    """Six factors of five items, Dutch labels, like the shipped questionnaire."""
    return Questionnaire.model_validate(
        {
            "id": "bench",
            "version": "1",
            "title": "bench",
            "scale": {"min": 1, "max": 5, "labels": LABELS, "missing": ["Weet niet"]},
            "groups": ["afdeling"],
            "factors": [
                {
                    "id": f"f{f}",
                    "name": f"F{f}",
                    "items": [{"id": f"i{f * 5 + j + 1}", "text": f"Item {f * 5 + j + 1}"} for j in range(5)],
                }
                for f in range(ITEMS // 5)
            ],
        }
    )


def write(rows: int, folder: Path) -> tuple[Path, Path]:
    """Numeric and label-text CSVs with an id, 500 companies, a department, a name and an e-mail."""
    numeric, labels = folder / f"num_{rows}.csv", folder / f"lab_{rows}.csv"
    if numeric.exists() and labels.exists():
        return numeric, labels
    rng = np.random.default_rng(42)
    frame = pd.DataFrame(
        {
            "respondent_id": np.arange(rows),
            "company": pd.Series(rng.integers(0, 500, rows)).map(lambda i: f"Bedrijf {i}"),
            "afdeling": rng.choice(["Productie", "Verkoop", "Staf", "Logistiek"], rows),
            "naam": "Jan Jansen",
            "email": "jan@example.invalid",
        }
    )
    answers = {}
    for i in range(ITEMS):
        values = rng.integers(1, 6, rows).astype(float)
        values[rng.random(rows) < 0.03] = np.nan
        answers[f"i{i + 1}"] = values
    frame = pd.concat([frame, pd.DataFrame(answers)], axis=1)
    frame.to_csv(numeric, index=False, float_format="%.0f")
    for i in range(ITEMS):
        frame[f"i{i + 1}"] = frame[f"i{i + 1}"].map(LABELS)
    frame.to_csv(labels, index=False)
    return numeric, labels


def best_of(repeat: int, *works: Callable[[], object]) -> list[float]:
    """Best time of each callable, interleaved so load from other processes hits both alike."""
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for i, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/ingest-bench"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    q = questionnaire()
    for path in write(args.rows, args.dir):
        baseline, ours = best_of(
            args.repeat,
            lambda p=path: pd.read_csv(p, engine="pyarrow", dtype_backend="pyarrow"),
            lambda p=path: ingest(p, q),
        )
        size = path.stat().st_size / 1e6
        print(
            f"{path.name}: {size:.0f} MB, baseline {baseline:.2f}s, ingest {ours:.2f}s,"
            f" ratio {ours / baseline:.2f}"
        )


if __name__ == "__main__":
    main()
