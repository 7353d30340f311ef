"""Headers: header -> item matching by id, code or text, unmatched and ambiguous items, duplicate headers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.ingest.samples import EXPECTED, codes, problems, run, write

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest import ingest
from lerende_scan.questionnaire import Questionnaire

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
        [  # LimeSurvey's question-text headers: "CODE. Question [Statement]"
            "FB[SQ001]. Hoe eens bent u het hiermee? [Iets anders]",
            "Hoe eens bent u het hiermee? [Na een project bespreken we wat beter kan.]",
            "au1",
        ],
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
        "limesurvey-texts",
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


def test_duplicate_headers_in_columns_that_are_not_read_are_ignored(tmp_path: Path) -> None:
    """Issue 10: Qualtrics legacy repeats statement tags across matrices; such columns are dropped anyway."""
    text = "company,fb1,fb2,au1,email,email,question_one,question_one\nAcme,1,2,3,a,b,7,8\n"
    result = run(write(tmp_path, "r.csv", text))
    assert result.responses.answers.iloc[0].tolist() == [1.0, 2.0, 3.0]
    assert problems(result) == []


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("company,fb1,fb1,fb2,au1", "fb1"),  # an item
        ("company,company,fb1,fb2,au1", "company"),  # the company
        ("company,department,department,fb1,fb2,au1", "department"),  # a group
        ("respondent_id,respondent_id,company,fb1,fb2,au1", "respondent_id"),  # the respondent id
    ],
)
def test_a_duplicate_header_of_a_column_that_is_read_is_refused(
    tmp_path: Path, header: str, name: str
) -> None:
    width = header.count(",") + 1
    text = header + "\n" + ",".join(["1"] * width) + "\n"
    with pytest.raises(ScanError) as excinfo:
        run(write(tmp_path, "r.csv", text))
    assert codes(excinfo) == [Code.DUPLICATE_HEADER]
    finding = excinfo.value.findings[0]
    assert finding.params["header"] == name
    first = header.split(",").index(name)
    assert finding.params["columns"] == f"{'ABCDEF'[first]}, {'ABCDEF'[first + 1]}"


CODEBOOK = Questionnaire.model_validate(
    {
        "id": "codebook",
        "version": "1",
        "title": "Codebook",
        "scale": {"min": 1, "max": 5},
        "factors": [
            {
                "id": "fb",
                "name": "Feedback",
                "items": [{"id": "A1", "text": "Eerste"}, {"id": "Q1_3", "text": "Tweede"}],
            }
        ],
    }
)


@pytest.mark.parametrize(
    ("header", "picked"),
    [
        ("A1,Q1_3", [4.0, 2.0]),  # as the codebook writes them
        ("a1,q1_3", [4.0, 2.0]),  # in another case
        ("a1,A1,Q1_3", [5.0, 2.0]),  # the id as written beats the same id in another case
        ("A 1,Q1 3", [4.0, 2.0]),  # with spaces left in
    ],
)
def test_codebook_item_ids_match_headers_as_written_or_in_any_case(
    tmp_path: Path, header: str, picked: list[float]
) -> None:
    values = {"A1,Q1_3": "4,2", "a1,q1_3": "4,2", "a1,A1,Q1_3": "4,5,2", "A 1,Q1 3": "4,2"}[header]
    result = ingest(write(tmp_path, "r.csv", f"{header}\n{values}\n"), CODEBOOK)
    assert result.responses.answers.iloc[0].tolist() == picked
    assert list(result.responses.columns) == ["A1", "Q1_3"]


def test_codebook_item_ids_match_a_qualtrics_export_tag_row(tmp_path: Path) -> None:
    text = (
        "StartDate,A1,Q1_3\nStart Date,Iets anders,Nog iets\n"
        '"{""ImportId"":""startDate""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n'
        "2025-06-01,3,5\n"
    )
    responses = ingest(write(tmp_path, "q.csv", text), CODEBOOK).responses
    assert responses.answers.iloc[0].tolist() == [3.0, 5.0]
    assert responses.rows.tolist() == [4]
