"""Headers: header -> item matching by id, code or text, unmatched and ambiguous items, duplicate headers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.ingest.samples import EXPECTED, codes, run, write

from lerende_scan.errors import Code, ScanError

# --------------------------------------------------------------------------------------------------------
# Header -> item mapping
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        ["fb1", "fb2", "au1"],
        ["FB1", " fb2 ", "Au1"],
        ["FB[SQ001]", "FB[SQ002]", "AU[SQ001]"],
        ["fb[sq001]", "fb-sq002", "AU[SQ001]."],
        ["FB [SQ001]", "fb 2", "AU [ SQ001 ]"],
        ["Ik krijg eerlijke feedback van collega's.", "Na een project bespreken we wat beter kan.", "au1"],
        ["IK KRIJG  EERLIJKE FEEDBACK VAN COLLEGA’S", "Na een project, bespreken we wat beter kan", "au1"],
        ["Colleagues give me honest feedback.", "After a project, we discuss what could be better.", "au1"],
    ],
    ids=[
        "ids",
        "ids-case",
        "codes",
        "codes-normalised",
        "codes-spaced",
        "text-nl",
        "text-nl-normalised",
        "text-en",
    ],
)
def test_headers_map_by_id_code_or_text_in_any_language(tmp_path: Path, headers: list[str]) -> None:
    text = "company;" + ";".join(headers) + "\nAcme;4;5;\nAcme;1;;3\nBouw BV;;2;5\n"
    result = run(write(tmp_path, "r.csv", text))
    pd.testing.assert_frame_equal(result.responses.answers, EXPECTED)


def test_all_unmatched_items_are_reported_at_once_with_closest_headers(tmp_path: Path) -> None:
    text = "company,fb1,fb_2x,au_one\nAcme,1,2,3\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    findings = excinfo.value.findings
    assert [f.code for f in findings] == [Code.ITEM_NOT_FOUND, Code.ITEM_NOT_FOUND]
    assert [f.params["item"] for f in findings] == ["fb2", "au1"]
    assert "'fb_2x'" in findings[0].params["closest"]
    assert "'au_one'" in findings[1].params["closest"]


def test_an_item_matching_two_columns_is_ambiguous(tmp_path: Path) -> None:
    text = "fb1,FB[SQ001],fb2,au1\n1,2,3,4\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    assert codes(excinfo) == [Code.ITEM_AMBIGUOUS]
    assert excinfo.value.findings[0].params["item"] == "fb1"


def test_exact_match_beats_a_normalised_one(tmp_path: Path) -> None:
    """'fb1' and 'FB 1' both normalise to an id of fb1, but only 'fb1' is the id itself."""
    text = "fb1,FB 1,fb2,au1\n1,2,3,4\n"
    assert run(write(tmp_path, "r.csv", text)).responses.answers["fb1"].tolist() == [1.0]


def test_no_item_matched_is_one_finding(tmp_path: Path) -> None:
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", "naam,email,vraag1\nJan,jan@x.nl,4\n"))
    assert codes(excinfo) == [Code.NO_ITEMS_MATCHED]
    assert "'naam'" in excinfo.value.findings[0].params["found"]


def test_duplicate_headers_are_refused_before_any_library_renames_them(tmp_path: Path) -> None:
    text = "company,fb1,fb2,au1,email,email\nAcme,1,2,3,a,b\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    assert codes(excinfo) == [Code.DUPLICATE_HEADER]
    assert excinfo.value.findings[0].params["columns"] == "E, F"
