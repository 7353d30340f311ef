"""Generate ``examples/sector/``: a small fictional sector for trying ``scan benchmark``.

Eight organisations, one CSV each (the company is the file name), 25 to 60 respondents per organisation,
each with its own factor profile, departments, roles and a few blanks. Seeded, so the files are
byte-identical on every run:

    python examples/make_sector.py                 # writes examples/sector/*.csv
    scan benchmark examples/sector/ --name "Voorbeeldsector 2026" --out sector-output/
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

HERE = Path(__file__).resolve().parent
QUESTIONNAIRE = HERE.parent / "questionnaires" / "lerende-organisatie.yaml"
NAMES = [
    "Zorgcentrum Het Baken",
    "Thuiszorg Waterland",
    "Woonzorg De Horst",
    "Revalidatie Duinzicht",
    "Zorggroep Kennemerland",
    "Verpleeghuis De Wielen",
    "Wijkteam Zaanstreek",
    "Zorgpartners Noord",
]
DEPARTMENTS = ["Wijkzorg", "Verpleeghuis", "Facilitair", "Staf"]


def write_sector(out: Path, seed: int = 2026) -> list[Path]:
    """One CSV per organisation; returns the paths written. Vectorised per organisation."""
    data = yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8"))
    items = [
        (item["id"], bool(item.get("reverse", False)), f)
        for f, factor in enumerate(data["factors"])
        for item in factor["items"]
    ]
    factor_of = np.array([f for _, _, f in items])
    reverse = np.array([r for _, r, _ in items])
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for c, name in enumerate(NAMES):
        n = int(rng.integers(25, 61))
        profile = np.clip(rng.normal(3.1, 0.5, size=len(data["factors"])), 1.6, 4.4)
        latent = profile + rng.normal(0, 0.6, size=(n, len(profile)))
        answers = np.clip(np.rint(latent[:, factor_of] + rng.normal(0, 0.6, size=(n, len(items)))), 1, 5)
        answers[:, reverse] = 6 - answers[:, reverse]
        frame = pd.DataFrame(answers.astype(int), columns=[i for i, _, _ in items]).astype("Int8")
        frame = frame.mask(rng.random(size=frame.shape) < 0.02)
        frame.insert(0, "role", np.where(rng.random(n) < 0.15, "leidinggevende", "medewerker"))
        frame.insert(0, "department", np.array(DEPARTMENTS)[rng.integers(0, len(DEPARTMENTS), size=n)])
        frame.insert(0, "respondent_id", [f"S{c + 1}-{i:03d}" for i in range(1, n + 1)])
        path = out / f"{name}.csv"
        path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=HERE / "sector")
    args = parser.parse_args(argv)
    for path in write_sector(args.out, args.seed):
        print(path)


if __name__ == "__main__":
    main()
