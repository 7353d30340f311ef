"""Shared builders for the learning-circle tests: random needs with departments, managers and pairs."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from lerende_scan.circles import Leader, Needs, Theme

Builder = Callable[..., Needs]


def random_needs(
    n: int,
    themes: int = 5,
    departments: int = 4,
    *,
    seed: int = 0,
    managers: float = 0.6,
    separate: int = 0,
    join: int = 0,
    choices: bool = False,
) -> Needs:
    """``n`` leaders with random needs; managers form a tree (no cycles); pairs drawn at random."""
    rng = np.random.default_rng(seed)
    theme_list = tuple(Theme(f"t{i}", f"Theme {i}") for i in range(themes))
    leaders = []
    for i in range(n):
        if choices:
            picked = rng.permutation(themes)[: min(3, themes)]
            fit = [0.0] * themes
            rank = [0] * themes
            for place, t in enumerate(picked):
                fit[t], rank[t] = (1.0, 2 / 3, 1 / 3)[place], place + 1
        else:
            w = rng.random(themes) ** 2
            fit = list(w / w.max())
            rank = [1 + int((w > x).sum()) for x in w]
        manager = f"L{int(rng.integers(0, i))}" if i and rng.random() < managers else None
        dept = f"D{int(rng.integers(departments))}" if departments else None
        leaders.append(Leader(f"L{i}", tuple(fit), tuple(rank), department=dept, manager=manager, row=i + 2))
    ids = [lead.id for lead in leaders]
    pairs = [tuple(str(x) for x in rng.choice(ids, 2, replace=False)) for _ in range(separate + join)]
    return Needs(
        file="needs.csv",
        themes=theme_list,
        leaders=tuple(leaders),
        separate=tuple((a, b) for a, b in pairs[:separate]),
        join=tuple((a, b) for a, b in pairs[separate:]),
    )


@pytest.fixture(scope="session")
def make_needs() -> Builder:
    return random_needs
