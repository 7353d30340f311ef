"""The bytes of each data file: scores.json, scores.xlsx, scores.csv and respondent_scores.csv."""

from __future__ import annotations

from io import BytesIO

import pandas as pd

from lerende_scan.output.files import mask_frame
from lerende_scan.output.tables import result_tables
from lerende_scan.questionnaire import Questionnaire
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
    """One sheet per table (summary, factors, items, groups, data_quality), text cells masked."""
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in result_tables(result, questionnaire, lang).items():
            mask_frame(table).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for column in sheet.columns:
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))
    return buffer.getvalue()


def respondent_scores_csv(frame: pd.DataFrame) -> bytes:
    """Respondent-level factor scores (only with --respondent-scores): id and scores, nothing else."""
    text = mask_frame(frame).to_csv(
        sep=";", index=False, decimal=",", float_format="%.3f", lineterminator="\r\n"
    )
    return b"\xef\xbb\xbf" + text.encode("utf-8")
