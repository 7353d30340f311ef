"""The bytes of each data file: scores.json, scores.xlsx, scores.csv and respondent_scores.csv."""

from __future__ import annotations

from io import BytesIO

import pandas as pd

from lerende_scan.output.files import mask_frame
from lerende_scan.output.tables import result_tables
from lerende_scan.output.workbook import write_sheet
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult

__all__ = ["respondent_scores_csv", "scores_csv", "scores_json", "scores_xlsx"]


def scores_json(result: CompanyResult) -> str:
    """The documented scores.json (README, "scores.json")."""
    return result.model_dump_json(indent=2) + "\n"


def scores_csv(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> bytes:
    """The factor table for Dutch Excel: UTF-8 with BOM, ``;`` separator, decimal comma, masked text."""
    table = mask_frame(result_tables(result, questionnaire, lang)["factors"])
    text = table.to_csv(sep=";", index=False, decimal=",", float_format="%.3f", lineterminator="\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def scores_xlsx(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> bytes:
    """One formatted sheet per table (:mod:`.workbook`): headers in the report language, number formats,
    frozen bold headers, autofilter; text cells masked."""
    names = {f.id: str(localise(f.name, lang)) for f in questionnaire.factors}
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in result_tables(result, questionnaire, lang).items():
            write_sheet(writer, name, table, lang, names if name == "groups" else {})
    return buffer.getvalue()


def respondent_scores_csv(frame: pd.DataFrame) -> bytes:
    """Respondent-level factor scores (only with --respondent-scores): id and scores, nothing else."""
    text = mask_frame(frame).to_csv(
        sep=";", index=False, decimal=",", float_format="%.3f", lineterminator="\r\n"
    )
    return b"\xef\xbb\xbf" + text.encode("utf-8")
