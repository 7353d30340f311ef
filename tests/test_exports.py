"""Writers: formula masking, safe company folders, containment and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lerende_scan.exports import atomic_write, company_folders, inside, mask_formula


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+31 20", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_is_masked(text: str) -> None:
    assert mask_formula(text) == "'" + text


@pytest.mark.parametrize("value", ["Zorg", "3 - Neutraal", 3.5, -1, None])
def test_plain_values_are_left_alone(value: object) -> None:
    assert mask_formula(value) == value


def test_company_folders_are_safe_and_distinct() -> None:
    names = ["../../etc", "/abs/path", "Zorggroep De Linde", "zorggroep de linde", "CON", "", "Café ☕ <b>"]
    folders = company_folders(names)
    assert len(set(v.lower() for v in folders.values())) == len(names)
    for folder in folders.values():
        assert "/" not in folder and "\\" not in folder and not folder.startswith(".")
        assert folder.split(".")[0].lower() != "con"
    assert folders["Zorggroep De Linde"] == "Zorggroep-De-Linde"
    assert folders["zorggroep de linde"] == "zorggroep-de-linde-2"


def test_inside_refuses_escapes(tmp_path: Path) -> None:
    assert inside(tmp_path, "a", "b.json") == (tmp_path / "a" / "b.json").resolve()
    with pytest.raises(ValueError):
        inside(tmp_path, "..", "x")
    with pytest.raises(ValueError):
        inside(tmp_path, "/etc/passwd")


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "scores.json"
    atomic_write(target, "{}")
    atomic_write(target, b"[1]")
    assert target.read_bytes() == b"[1]"
    assert os.listdir(target.parent) == ["scores.json"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_tables_show_no_numbers_for_suppressed_groups() -> None:
    """Suppressed groups appear by name in the XLSX/CSV tables, with every number empty."""
    from lerende_scan.exports import result_tables
    from lerende_scan.responses import ingest
    from lerende_scan.scoring import score
    from lerende_scan.validation import load_questionnaire

    q = load_questionnaire()
    example = Path(__file__).resolve().parents[1] / "examples" / "responses.csv"
    result = score(ingest(example, q).responses).companies[0]
    tables = result_tables(result, q, "nl")
    groups = tables["groups"]
    hidden = groups[groups["suppressed"]]
    assert len(hidden) >= 2  # the small department and its complement
    numbers = ["n", "index", *(f.id for f in q.factors)]
    assert hidden[numbers].isna().all().all()
    shown = groups[~groups["suppressed"] & (groups["breakdown"] == "department")]
    assert (shown["n"] >= q.anonymity.min_group_size).all()
    factors = tables["factors"]
    assert list(factors["factor"]) == [*(f.id for f in result.factors), "index"]
    assert sorted(factors["rank"].dropna().astype(int)) == list(range(1, len(q.factors) + 1))
