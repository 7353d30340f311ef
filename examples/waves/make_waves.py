"""Generate ``examples/waves/``: a second measurement wave of the shipped examples, for ``--previous``.

- ``responses-2026.csv``: the three companies of ``examples/responses.csv`` measured again a year later,
  the same simulated people (``examples/make_examples.py``, same seed), a quarter of their answers one
  point higher or lower. One real change: Zorggroep De Linde ran a pilot on feedback (intervision), so
  its feedback rises from 2.25 to 3.0 in the model; one person of its department Staf left, which the
  cross-wave privacy rule deals with.
- ``lerende-organisatie-1.1.yaml``: version 1.1 of the shipped questionnaire with one statement reworded
  (``ex2``), so the factor "external exchange" loses its trend while its other statements are compared.
- ``sector-2025/`` and ``sector-2026/``: eight fictional organisations in two waves (one CSV each), and
  ``pilots.csv``: four of them ran a pilot between the waves; the pilots rise a little more on average.

Seeded, byte-identical on every run; ``examples/responses.csv`` and the other examples are not touched::

    python examples/waves/make_waves.py
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import make_examples as mx  # noqa: E402 (the example generator next door, not a package)

SEED = 2026
QUESTIONNAIRE = HERE.parent.parent / "questionnaires" / "lerende-organisatie.yaml"
REWORDED = {
    "Ik krijg de gelegenheid om bij andere organisaties te kijken hoe zij het werk aanpakken.": (
        "Ik kan meelopen bij andere organisaties om te zien hoe zij het werk doen."
    ),
    "I get the opportunity to see how other organisations go about the work.": (
        "I can spend time at other organisations to see how they do the work."
    ),
}
SECTOR = [
    ("Zorgcentrum Het Baken", True),
    ("Thuiszorg Waterland", False),
    ("Woonzorg De Horst", True),
    ("Revalidatie Duinzicht", False),
    ("Zorggroep Kennemerland", True),
    ("Verpleeghuis De Wielen", False),
    ("Wijkteam Zaanstreek", True),
    ("Zorgpartners Noord", False),
]
DEPARTMENTS = ["Wijkzorg", "Verpleeghuis", "Facilitair", "Staf"]


def second_wave() -> tuple[mx.Company, ...]:
    """The example companies a year later: De Linde's feedback pilot worked."""
    linde, *rest = mx.COMPANIES
    return (replace(linde, profile={**linde.profile, "feedback": 3.0}), *rest)


def company_wave(out: Path) -> list[Path]:
    """The same people a year later: the first wave's model and seed with De Linde's feedback raised,
    then a quarter of the answers moved one point up or down (people answer a little differently each
    time), and one person of De Linde's department Staf gone."""
    _, items = mx.read_questionnaire(QUESTIONNAIRE)
    first = mx.COMPANIES
    mx.COMPANIES = second_wave()  # simulate() draws the module's companies
    try:
        sample = mx.simulate(items, np.random.default_rng(mx.DEFAULT_SEED))
    finally:
        mx.COMPANIES = first
    rng = np.random.default_rng(SEED)
    answers = sample.answers.copy()
    given = answers >= 1
    move = given & (rng.random(answers.shape) < 0.25)
    answers[move] = np.clip(answers[move] + rng.choice(np.array([-1, 1], dtype=np.int8), move.sum()), 1, 5)
    numbers = mx._answer_text(answers, {v: str(v) for v in range(1, 6)}, "Weet niet")
    frame = mx.plain_frame(sample, items, numbers)
    frame["respondent_id"] = frame["respondent_id"].str.replace("R", "W", n=1)
    leaver = frame.index[(frame["company"] == first[0].name) & (frame["department"] == "Staf")][0]
    frame = frame.drop(index=leaver)
    csv = out / "responses-2026.csv"
    csv.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    text = QUESTIONNAIRE.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"', 1)
    for old, new in REWORDED.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    yaml_path = out / "lerende-organisatie-1.1.yaml"
    yaml_path.write_bytes(text.encode("utf-8"))
    return [csv, yaml_path]


def sector_waves(out: Path) -> list[Path]:
    """Both sector waves: per organisation a profile, a general rise, and a bit more for the pilots."""
    _, items = mx.read_questionnaire(QUESTIONNAIRE)
    factors = list(dict.fromkeys(i.factor for i in items))
    factor_of = np.array([factors.index(i.factor) for i in items])
    reverse = np.array([i.reverse for i in items])
    rng = np.random.default_rng(SEED + 1)
    profiles = np.clip(rng.normal(3.0, 0.45, (len(SECTOR), len(factors))), 1.7, 4.3)
    written = []
    for wave, folder in enumerate(("sector-2025", "sector-2026")):
        (out / folder).mkdir(parents=True, exist_ok=True)
        for c, (name, pilot) in enumerate(SECTOR):
            n = int(rng.integers(28, 55))
            shift = wave * (0.08 + (0.3 if pilot else 0.0))
            latent = profiles[c] + shift + rng.normal(0, 0.6, (n, len(factors)))
            answers = np.clip(np.rint(latent[:, factor_of] + rng.normal(0, 0.6, (n, len(items)))), 1, 5)
            answers[:, reverse] = 6 - answers[:, reverse]
            frame = pd.DataFrame(answers.astype(int), columns=[i.id for i in items]).astype("Int8")
            frame = frame.mask(rng.random(frame.shape) < 0.02)
            frame.insert(0, "role", np.where(rng.random(n) < 0.15, "leidinggevende", "medewerker"))
            frame.insert(0, "department", np.array(DEPARTMENTS)[rng.integers(0, len(DEPARTMENTS), n)])
            frame.insert(0, "respondent_id", [f"{wave + 1}-{c + 1}-{i:03d}" for i in range(1, n + 1)])
            path = out / folder / f"{name}.csv"
            path.write_bytes(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
            written.append(path)
    pilots = out / "pilots.csv"
    rows = ["company,pilot"] + [f"{name},{'ja' if pilot else 'nee'}" for name, pilot in SECTOR]
    pilots.write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    return [*written, pilots]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: examples/waves)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in [*company_wave(args.out), *sector_waves(args.out)]:
        print(path)


if __name__ == "__main__":
    main()
