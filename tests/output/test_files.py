"""Safe file writing: formula masking, safe company folders, containment and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lerende_scan.errors import Code, ScanError
from lerende_scan.output.files import atomic_write, company_folders, inside, mask_formula


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
    (tmp_path / "findings.txt").symlink_to(tmp_path.parent / "elsewhere.txt")
    for parts in (("..", "x"), ("/etc/passwd",), ("findings.txt",)):
        with pytest.raises(ScanError) as info:
            inside(tmp_path, *parts)
        assert [f.code for f in info.value.findings] == [Code.OUT_ESCAPES]


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


def test_spreadsheet_text_fits_a_cell_and_stays_inert() -> None:
    """Fuzz F5: openpyxl cut text over 32,767 characters itself and warned on the terminal."""
    from lerende_scan.output.files import spreadsheet_text

    cut = spreadsheet_text("=" + "x" * 40_000)
    assert len(cut) == 32_767 and cut.startswith("'=") and cut.endswith("…")
    assert spreadsheet_text("Zorg\x01BV") == "Zorg\ufffdBV"


def test_a_company_never_takes_the_name_of_a_file_the_run_writes_beside_it() -> None:
    """A company called 'findings.txt' got that folder and the run's findings file failed (X005)."""
    folders = company_folders(["findings.txt", "FINDINGS.TXT", "companies", "benchmark.json", "Linde"])
    assert folders == {
        "findings.txt": "findings.txt-2",
        "FINDINGS.TXT": "FINDINGS.TXT-3",
        "companies": "companies-2",
        "benchmark.json": "benchmark.json-2",
        "Linde": "Linde",
    }
