"""The learning-circle example: reproducible from its seeded generator, and shaped as the README says."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "leaders"


def test_generator_reproduces_the_shipped_files() -> None:
    spec = importlib.util.spec_from_file_location("make_leaders", EXAMPLE / "make_leaders.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    needs_csv, feedback_csv = module.generate()
    assert needs_csv == (EXAMPLE / "needs.csv").read_text(encoding="utf-8")
    assert feedback_csv == (EXAMPLE / "feedback360.csv").read_text(encoding="utf-8")


def test_64_leaders_in_6_departments_with_a_manager_tree() -> None:
    needs = pd.read_csv(EXAMPLE / "needs.csv", dtype=str, keep_default_na=False)
    assert len(needs) == 64 and needs["id"].is_unique
    assert needs.loc[needs["department"] != "Directie", "department"].nunique() == 6
    assert set(needs["manager"]) - {""} <= set(needs["id"]) and (needs["manager"] == "").sum() == 1
    roles = pd.read_csv(EXAMPLE / "feedback360.csv", dtype=str)["role"]
    assert set(roles) == {"self", "manager", "peer", "report"}
