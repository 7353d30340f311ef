"""The mini questionnaire and the reference export that the ingest tests share, with their helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from lerende_scan.errors import Code, ScanError
from lerende_scan.ingest import IngestResult, ingest
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.responses import ResponseSet

Q = Questionnaire.model_validate(
    {
        "id": "mini",
        "version": "1",
        "languages": ["nl", "en"],
        "title": {"nl": "Mini", "en": "Mini"},
        "scale": {
            "min": 1,
            "max": 5,
            "labels": {
                1: {"nl": "Helemaal mee oneens", "en": "Strongly disagree"},
                2: {"nl": "Mee oneens", "en": "Disagree"},
                3: {"nl": "Neutraal", "en": "Neither agree nor disagree"},
                4: {"nl": "Mee eens", "en": "Agree"},
                5: {"nl": "Helemaal mee eens", "en": "Strongly agree"},
            },
            "missing": ["Weet niet", "Don't know"],
        },
        "groups": ["department"],
        "factors": [
            {
                "id": "fb",
                "name": {"nl": "Feedback", "en": "Feedback"},
                "items": [
                    {
                        "id": "fb1",
                        "text": {
                            "nl": "Ik krijg eerlijke feedback van collega's.",
                            "en": "Colleagues give me honest feedback.",
                        },
                        "codes": ["FB[SQ001]"],
                    },
                    {
                        "id": "fb2",
                        "text": {
                            "nl": "Na een project bespreken we wat beter kan.",
                            "en": "After a project, we discuss what could be better.",
                        },
                        "codes": ["FB[SQ002]"],
                    },
                ],
            },
            {
                "id": "au",
                "name": {"nl": "Autonomie", "en": "Autonomy"},
                "items": [
                    {
                        "id": "au1",
                        "text": {
                            "nl": "Ik bepaal zelf hoe ik mijn werk doe.",
                            "en": "I decide how I do my work.",
                        },
                        "codes": ["AU[SQ001]"],
                    }
                ],
            },
        ],
    }
)

# The reference: three respondents, numbers as answers. Every other export below holds the same answers.
REFERENCE = "respondent_id,company,department,naam,email,fb1,fb2,au1\n" + (
    "R1,Acme,Sales,Jan Jansen,jan@example.invalid,4,5,\n"
    "R2,Acme,Staf,Piet Pieters,piet@example.invalid,1,,3\n"
    "R3,Bouw BV,,Zoë Çelik,zoe@example.invalid,,2,5\n"
)
EXPECTED = pd.DataFrame(
    {"fb1": [4.0, 1.0, np.nan], "fb2": [5.0, np.nan, 2.0], "au1": [np.nan, 3.0, 5.0]}, index=pd.RangeIndex(3)
)

# The same answers as a Qualtrics export: short names, question texts (one behind a "Question - " prefix,
# one with a newline in it), ImportId row; cp1252 like Excel on Windows saves it.
QUALTRICS = (
    "StartDate,IPAddress,ResponseId,RecipientLastName,company,department,Q1_1,Q1_2,Q2_1\r\n"
    'Start Date,IP Address,Response ID,Recipient Last Name,company,department,"Colleagues give me honest'
    ' feedback.","How much do you agree? - After a project, we discuss what could be better.",'
    '"I decide how I do\r\nmy work."\r\n'
    '"{""ImportId"":""startDate""}","{""ImportId"":""ipAddress""}","{""ImportId"":""_recordId""}",'
    '"{""ImportId"":""recipientLastName""}","{""ImportId"":""company""}","{""ImportId"":""department""}",'
    '"{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}","{""ImportId"":""QID2_1""}"\r\n'
    "2025-06-01,10.0.0.1,R_abc1,Çelik,Acme,Sales,Agree,Strongly agree,\r\n"
    "2025-06-01,10.0.0.2,R_abc2,Renée,Acme,Staf,Strongly disagree,Don't know,Neither agree nor disagree\r\n"
    "2025-06-02,10.0.0.3,R_abc3,Zoë,Bouw BV,,,Disagree,Strongly agree\r\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(path: Path, **kwargs: Any) -> IngestResult:
    return ingest(path, Q, **kwargs)


def problems(result: IngestResult) -> list[Any]:
    """Findings other than the group column most inline files leave out."""
    return [f for f in result.findings if f.code is not Code.GROUP_COLUMN_MISSING]


def codes(excinfo: pytest.ExceptionInfo[ScanError]) -> list[Code]:
    return [f.code for f in excinfo.value.findings]


def assert_reference(responses: ResponseSet) -> None:
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.company.tolist() == ["Acme", "Acme", "Bouw BV"]
    assert responses.respondent_id is not None
    assert responses.respondent_id.tolist() == ["R1", "R2", "R3"]
    assert responses.groups["department"].iloc[:2].tolist() == ["Sales", "Staf"]
    assert pd.isna(responses.groups["department"].iloc[2])


def xlsx(path: Path, rows: list[list[Any]]) -> Path:
    """A workbook whose first sheet holds ``rows``; a second sheet that must be ignored."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.create_sheet("Tweede blad").append(["fb1", "fb2", "au1"])  # only the first sheet counts
    book.save(path)
    return path
