"""Generate the learning-circle example: 64 fictional leaders, their needs, and their 360-degree feedback.

Why: ``scan circles`` works on named personal data, so the README and the tests need data anyone may
publish. Everything here is simulated, names included:

- one director, six department heads under the director, and 57 team leaders under their department's
  head or under one of its senior team leaders (three levels), spread unevenly over six departments;
- every leader has a latent development need per factor of the shipped questionnaire (a department
  tendency plus a personal part); ``needs.csv`` holds it as a weight 0 to 5 per theme, the way a
  consultant notes it after the personal conversation;
- ``feedback360.csv`` holds 360-degree ratings on the questionnaire's 30 statements: per leader a
  self-rating, their manager's, 2 to 5 peers' and 0 to 6 direct reports' (where they have a team), each
  rating lower where the need is higher; self-ratings are more generous, a few strongly so (blind spots);
  some leaders have only 2 peers or 2 reports, so the rule "a rater group under 3 is merged" shows.

Usage::

    python examples/leaders/make_leaders.py            # writes needs.csv and feedback360.csv beside it
    python examples/leaders/make_leaders.py --seed 3 --out /tmp/leaders

The output is deterministic: the same seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

import numpy as np

FACTORS = ("feedback", "autonomy", "safety", "leadership", "external", "motivation")
ITEMS = {
    f: [f"{p}{i}" for i in range(1, 6)]
    for f, p in zip(FACTORS, ("fb", "au", "ps", "ld", "ex", "mo"), strict=True)
}
REVERSED = {"fb4", "au3", "ps2", "ps5", "ld4", "ex4", "mo3"}  # reverse-keyed in the shipped questionnaire
DEPARTMENTS = ("Beleid", "Uitvoering", "Juridische Zaken", "Financiën", "ICT", "Communicatie")
DEPARTMENT_SIZES = (16, 14, 10, 9, 8, 6)  # team leaders and senior team leaders, 63 with the heads
FIRST = [
    "Anna",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Femke",
    "Gijs",
    "Hanna",
    "Iris",
    "Jeroen",
    "Kees",
    "Lotte",
    "Maarten",
    "Noor",
    "Olaf",
    "Petra",
    "Quinten",
    "Rik",
    "Sanne",
    "Tom",
    "Ursula",
    "Vera",
    "Wim",
    "Yara",
    "Zeger",
    "Ahmed",
    "Bilal",
    "Chantal",
    "Dewi",
    "Esra",
    "Fatima",
    "Hugo",
    "Ilse",
    "Joost",
    "Karim",
    "Lieke",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "Vermeulen",
    "van den Berg",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Pranoto",
    "Koster",
]


def _names(rng: np.random.Generator, n: int) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < n:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def generate(seed: int = 14) -> tuple[str, str]:
    """The two files' text: needs.csv and feedback360.csv."""
    rng = np.random.default_rng(seed)
    ids = ["L01"]
    dept = ["Directie"]
    manager: list[str | None] = [None]
    for d, size in zip(DEPARTMENTS, DEPARTMENT_SIZES, strict=True):
        head = f"L{len(ids) + 1:02d}"
        ids.append(head)
        dept.append(d)
        manager.append("L01")
        seniors: list[str] = []
        for k in range(size - 1):
            lid = f"L{len(ids) + 1:02d}"
            ids.append(lid)
            dept.append(d)
            boss = head if k < 2 or not seniors or rng.random() < 0.5 else str(rng.choice(seniors))
            manager.append(boss)
            if k < 2:
                seniors.append(lid)
    n = len(ids)
    names = _names(rng, n)
    tendency = {d: rng.normal(0, 0.8, len(FACTORS)) for d in ("Directie", *DEPARTMENTS)}
    latent = np.array([tendency[d] for d in dept]) + rng.normal(0, 1.0, (n, len(FACTORS)))
    weights = np.clip(np.rint(2.5 + 1.3 * latent), 0, 5).astype(int)

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", "name", "department", "manager", *FACTORS])
    for i in range(n):
        w.writerow([ids[i], names[i], dept[i], manager[i] or "", *weights[i]])
    needs_csv = out.getvalue()

    reports = {lid: [j for j in range(n) if manager[j] == lid] for lid in ids}
    items = [item for f in FACTORS for item in ITEMS[f]]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["leader", "role", *items])
    for i in range(n):
        true = np.clip(3.9 - 0.45 * latent[i], 1.3, 4.9)  # what others see: low where the need is high
        raters = [("self", None)]
        if manager[i]:
            raters.append(("manager", None))
        raters += [("peer", None)] * int(rng.choice([2, 3, 4, 5], p=[0.2, 0.3, 0.3, 0.2]))
        team = len(reports[ids[i]])
        if team:
            raters += [("report", None)] * min(6, max(2, team + int(rng.integers(-1, 3))))
        blind = rng.random() < 0.25
        for role, _ in raters:
            level = true.copy()
            if role == "self":
                level = (
                    level
                    + 0.3
                    + (rng.normal(1.2, 0.2, len(FACTORS)) * (rng.random(len(FACTORS)) < 0.4) if blind else 0)
                )
            level = level + rng.normal(0, 0.35)
            row = []
            for f_idx, f in enumerate(FACTORS):
                for item in ITEMS[f]:
                    x = int(np.clip(np.rint(level[f_idx] + rng.normal(0, 0.6)), 1, 5))
                    row.append(6 - x if item in REVERSED else x)
            w.writerow([ids[i], role, *row])
    return needs_csv, out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    needs_csv, feedback_csv = generate(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "needs.csv").write_text(needs_csv, encoding="utf-8")
    (args.out / "feedback360.csv").write_text(feedback_csv, encoding="utf-8")
    print(f"wrote {args.out / 'needs.csv'} and {args.out / 'feedback360.csv'}")


if __name__ == "__main__":
    main()
