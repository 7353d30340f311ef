"""Export layouts from the wild: Qualtrics variants, Microsoft Forms, and the examples imitating them."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from tests.ingest.samples import EXPECTED, QUALTRICS, run, write, xlsx
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.ingest import ingest
from lerende_scan.questionnaire import load_questionnaire

REPO = Path(__file__).resolve().parents[2]
EXPORTS = REPO / "examples" / "exports"

# --------------------------------------------------------------------------------------------------------
# Qualtrics
# --------------------------------------------------------------------------------------------------------


def test_qualtrics_records_ending_in_cr_cr_lf_skip_exactly_the_three_header_rows(tmp_path: Path) -> None:
    """A file that went through a Windows tool twice: every record ends in \\r\\r\\n, which pyarrow reads
    as a record and a blank line. The ImportId row must not become a respondent."""
    result = run(write(tmp_path, "q.csv", QUALTRICS.replace("\r\n", "\r\r\n"), encoding="cp1252"))
    responses = result.responses
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.rows.tolist() == [4, 5, 6]
    assert result.findings == []


def test_the_example_qualtrics_export_with_cr_cr_lf_reads_like_the_original(tmp_path: Path) -> None:
    q = load_questionnaire(REPO / "questionnaires" / "lerende-organisatie.yaml")
    original = ingest(EXPORTS / "qualtrics_en.csv", q)
    doubled = tmp_path / "qualtrics_twice.csv"
    doubled.write_bytes((EXPORTS / "qualtrics_en.csv").read_bytes().replace(b"\r\n", b"\r\r\n"))
    result = ingest(doubled, q)
    assert result.findings == original.findings == []
    pd.testing.assert_frame_equal(result.responses.answers, original.responses.answers)
    assert result.responses.rows.tolist() == original.responses.rows.tolist()


# The same three respondents as QUALTRICS, as a 2016 "Insights" export: ImportIds in single quotes.
INSIGHTS = (
    "ResponseID,ResponseSet,IPAddress,RecipientEmail,company,department,Q1_1,Q1_2,Q2_1\r\n"
    "ResponseID,ResponseSet,IPAddress,RecipientEmail,company,department,Colleagues give me honest"
    ' feedback.,"How much do you agree? - After a project, we discuss what could be better.",I decide how I'
    " do my work.\r\n"
    "{'ImportId': 'responseId'},{'ImportId': 'responseSetId'},{'ImportId': 'ipAddress'},"
    "{'ImportId': 'panel-RecipientEmail'},{'ImportId': 'company'},{'ImportId': 'department'},"
    "{'ImportId': 'QID1_1'},{'ImportId': 'QID1_2'},{'ImportId': 'QID2_1'}\r\n"
    "R_abc1,Default Response Set,10.0.0.1,jan@example.invalid,Acme,Sales,Agree,Strongly agree,\r\n"
    "R_abc2,Default Response Set,10.0.0.2,,Acme,Staf,Strongly disagree,Don't know,Neither agree nor"
    " disagree\r\n"
    "R_abc3,Default Response Set,10.0.0.3,,Bouw BV,,,Disagree,Strongly agree\r\n"
)

# And as a legacy export (before 2017): export tags, then ResponseID and the question texts; no ImportId
# row, and every record ends in a comma.
LEGACY = (
    "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,company,department,Q1_1,Q1_2,Q2_1,LocationLatitude,\n"
    "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,Status,StartDate,EndDate,"
    "Finished,company,department,Colleagues give me honest feedback.,After a project we discuss what could"
    " be better.,I decide how I do my work.,LocationLatitude,\n"
    'R_abc1,Default Response Set,"Jansen, Jan",,jan@example.invalid,10.0.0.1,0,2016-04-04 10:20:41,'
    "2016-04-04 10:22:13,1,Acme,Sales,Agree,Strongly agree,,52.1,\n"
    'R_abc2,Default Response Set,"Pieters, Piet",,,10.0.0.2,0,2016-04-04 11:20:41,2016-04-04 11:22:13,1,'
    "Acme,Staf,Strongly disagree,Don't know,Neither agree nor disagree,52.1,\n"
    "R_abc3,Default Response Set,Anonymous,,,10.0.0.3,0,2016-04-05 10:20:41,2016-04-05 10:22:13,1,"
    "Bouw BV,,,Disagree,Strongly agree,,\n"
)


@pytest.mark.parametrize(
    ("text", "rows"), [(INSIGHTS, [4, 5, 6]), (LEGACY, [3, 4, 5])], ids=["insights-2016", "legacy"]
)
def test_older_qualtrics_layouts_are_recognised(tmp_path: Path, text: str, rows: list[int]) -> None:
    result = run(write(tmp_path, "q.csv", text))
    responses = result.responses
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.rows.tolist() == rows
    assert responses.respondent_id is not None
    assert responses.respondent_id.tolist() == ["R_abc1", "R_abc2", "R_abc3"]
    assert responses.company.tolist() == ["Acme", "Acme", "Bouw BV"]
    assert result.findings == []


def test_a_legacy_layout_in_a_workbook_is_recognised_too(tmp_path: Path) -> None:
    records = list(csv.reader(io.StringIO(LEGACY)))
    responses = run(xlsx(tmp_path / "q.xlsx", [[c or None for c in r] for r in records])).responses
    pd.testing.assert_frame_equal(responses.answers, EXPECTED)
    assert responses.rows.tolist() == [3, 4, 5]


def test_a_data_row_that_merely_mentions_import_ids_is_still_data(tmp_path: Path) -> None:
    """Only row 3 of a file whose row 2 is not data decides; a free-text answer cannot fool it."""
    text = "company,fb1,fb2,au1,opmerking\nAcme,4,5,,ok\nAcme,1,,3,\"{'ImportId': 'x'}\"\n"
    responses = run(write(tmp_path, "r.csv", text)).responses
    assert responses.rows.tolist() == [2, 3]


# --------------------------------------------------------------------------------------------------------
# Google Forms
# --------------------------------------------------------------------------------------------------------

GOOGLE_FORMS = (
    '"Timestamp","Email Address","company","department","Colleagues give me honest feedback.",'
    '"After a project, we discuss what could be better.","I decide how I do my work."\r\n'
    '"2025/06/02 9:15:03 AM GMT+2","jan@example.invalid","Acme","Sales","Agree","Strongly agree",""\r\n'
    '"2025/06/02 9:20:41 AM GMT+2","piet@example.invalid","Acme","Staf","Strongly disagree","Don\'t know",'
    '"Neither agree nor disagree"\r\n'
    '"2025/06/03 1:02:13 PM GMT+2","zoe@example.invalid","Bouw BV","","","Disagree","Strongly agree"\r\n'
)


def test_a_google_forms_download_maps_its_question_texts(tmp_path: Path) -> None:
    """Every field quoted, a timestamp and the e-mail address first, then one column per question."""
    result = run(write(tmp_path, "Formulierreacties 1.csv", GOOGLE_FORMS))
    pd.testing.assert_frame_equal(result.responses.answers, EXPECTED)
    assert result.responses.company.tolist() == ["Acme", "Acme", "Bouw BV"]
    assert result.findings == []


# --------------------------------------------------------------------------------------------------------
# The example files of these layouts
# --------------------------------------------------------------------------------------------------------

LAYOUT_EXAMPLES = ("qualtrics_insights_en.csv", "qualtrics_legacy_en.csv", "msforms_nl.xlsx")


def test_the_generator_reproduces_the_layout_examples_byte_for_byte(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_examples", REPO / "examples" / "make_examples.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator  # dataclasses look their module up while the class is created
    spec.loader.exec_module(generator)
    written = generator.write_layouts(tmp_path)
    assert sorted(p.name for p in written) == sorted(LAYOUT_EXAMPLES)
    for name in LAYOUT_EXAMPLES:
        assert (tmp_path / "exports" / name).read_bytes() == (EXPORTS / name).read_bytes(), f"{name} is stale"


def test_the_legacy_example_repeats_headers_only_in_columns_that_are_not_read() -> None:
    header = (EXPORTS / "qualtrics_legacy_en.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header.count("question_one") == 2 and header[:2] == ["V1", "V2"]


def test_microsoft_forms_e_mails_and_names_reach_no_output(tmp_path: Path) -> None:
    """Forms puts the respondent's e-mail address and name in columns 4 and 5; nothing written keeps them."""
    book = openpyxl.load_workbook(EXPORTS / "msforms_nl.xlsx", read_only=True)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:5]) == ["Id", "Start time", "Completion time", "Email", "Name"]
    personal = {str(v) for row in rows[1:] for v in row[3:5] if v}
    personal |= {
        part for value in list(personal) for part in value.replace("@", " ").split() if len(part) > 3
    }
    personal -= {"example.invalid", "Bakker", "Smit"}  # too common to tell apart from other text
    book.close()
    assert len(personal) > 40  # every address, full name and name part of 242 respondents
    out = tmp_path / "out"
    args = ["score", str(EXPORTS / "msforms_nl.xlsx"), "--out", str(out), "--format", "json,csv,xlsx"]
    result = CliRunner().invoke(app, [*args, "--respondent-scores"])
    assert result.exit_code == 0, result.output
    texts = [result.output]
    for path in sorted(out.rglob("*")):
        if path.suffix == ".xlsx":
            workbook = openpyxl.load_workbook(path, read_only=True)
            texts += [
                str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row
            ]
            workbook.close()
        elif path.is_file():
            texts.append(path.read_text(encoding="utf-8-sig"))
    written = "\n".join(texts)
    assert "@" not in written
    leaked = sorted(p for p in personal if p in written)
    assert leaked == []
