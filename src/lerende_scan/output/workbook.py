"""scores.xlsx as a reader opens it: headers in the report language, number formats, bold frozen headers,
an autofilter and column widths fitted to the content, over the pure tables of :mod:`.tables`.

The tables keep their stable column ids (scripts read them from ``result_tables``); only the workbook puts
a label over each. A column this module does not know (a new sheet's) keeps its id as header and gets a
format from its type, so adding a sheet never needs an edit here. Formats are Excel's own codes, so a
Dutch Excel shows ``3,46`` and ``38%`` and an English one ``3.46`` and ``38%``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lerende_scan.output.files import mask_frame, spreadsheet_text

__all__ = ["FORMATS", "LABELS", "column_label", "write_sheet"]

FORMATS = {"int": "0", "num": "0.00", "share": "0%", "percentile": "0"}
"""Excel number formats by kind: counts, means and coefficients (two decimals), shares (0..1 as %)."""

# id -> (kind, Dutch, English). Kinds: FORMATS keys, or "text" (no number format).
LABELS: dict[str, tuple[str, str, str]] = {
    # identity
    "company": ("text", "Organisatie", "Organisation"),
    "factor": ("text", "Factor (id)", "Factor (id)"),
    "name": ("text", "Factor", "Factor"),
    "item": ("text", "Stelling (id)", "Statement (id)"),
    "text": ("text", "Tekst", "Text"),
    "level": ("text", "Niveau", "Level"),
    "breakdown": ("text", "Uitsplitsing", "Breakdown"),
    "group": ("text", "Groep", "Group"),
    "column": ("text", "Uitsplitsing", "Breakdown"),
    "key": ("text", "Sleutel", "Key"),
    "label": ("text", "Kenmerk", "Item"),
    "value": ("text", "Waarde", "Value"),
    "measure": ("text", "Maat", "Measure"),
    # scores
    "n": ("int", "n", "n"),
    "mean": ("num", "Gemiddelde", "Mean"),
    "raw_mean": ("num", "Gemiddelde zoals beantwoord", "Mean as answered"),
    "sd": ("num", "SD", "SD"),
    "ci_low": ("num", "95%-BI laag", "95% CI low"),
    "ci_high": ("num", "95%-BI hoog", "95% CI high"),
    "alpha": ("num", "Cronbachs alfa", "Cronbach's alpha"),
    "item_rest": ("num", "Item-rest r", "Item-rest r"),
    "band": ("text", "Uitkomst (id)", "Outcome (id)"),
    "band_label": ("text", "Uitkomst", "Outcome"),
    "rank": ("int", "Plaats als verbetermogelijkheid", "Rank as opportunity"),
    "strength_rank": ("int", "Plaats als sterk punt", "Rank as strength"),
    "favourable": ("share", "Gunstig", "Favourable"),
    "neutral": ("share", "Neutraal", "Neutral"),
    "unfavourable": ("share", "Ongunstig", "Unfavourable"),
    "reverse": ("text", "Omgekeerd geformuleerd", "Reverse-worded"),
    "missing": ("share", "Ontbrekend", "Missing"),
    "index": ("num", "Index", "Index"),
    "suppressed": ("text", "Verborgen", "Hidden"),
    "reason": ("text", "Waarom verborgen", "Why hidden"),
    "invited": ("int", "Uitgenodigd", "Invited"),
    "response_rate": ("share", "Respons", "Response rate"),
    "count": ("int", "Aantal", "Count"),
    "share": ("share", "Aandeel", "Share"),
    # leaders
    "n_leaders": ("int", "n leidinggevenden", "n leaders"),
    "n_employees": ("int", "n medewerkers", "n employees"),
    "leaders": ("num", "Leidinggevenden", "Leaders"),
    "employees": ("num", "Medewerkers", "Employees"),
    "gap": ("num", "Verschil", "Gap"),
    "g": ("num", "Hedges' g", "Hedges' g"),
    # position
    "sector_p25": ("num", "Sector P25", "Sector P25"),
    "sector_median": ("num", "Sectormediaan", "Sector median"),
    "sector_p75": ("num", "Sector P75", "Sector P75"),
    "diff_median": ("num", "Verschil met mediaan", "Difference to median"),
    "percentile": ("percentile", "Percentiel", "Percentile"),
    "quartile": ("int", "Kwartiel", "Quartile"),
    # drivers and motivation (drivers/tables.py)
    "outcome": ("text", "Uitkomst", "Outcome"),
    "status": ("text", "Status", "Status"),
    "min_respondents": ("int", "Minimum respondenten", "Minimum respondents"),
    "r2": ("num", "R²", "R²"),
    "r2_ci_low": ("num", "R² 95%-BI laag", "R² 95% CI low"),
    "r2_ci_high": ("num", "R² 95%-BI hoog", "R² 95% CI high"),
    "score": ("num", "Score", "Score"),
    "raw": ("num", "Gewicht (deel van R²)", "Weight (part of R²)"),
    "share_ci_low": ("share", "Aandeel 95%-BI laag", "Share 95% CI low"),
    "share_ci_high": ("share", "Aandeel 95%-BI hoog", "Share 95% CI high"),
    "distinguishable": ("text", "Te onderscheiden van nul", "Distinguishable from zero"),
    "act_first": ("text", "Eerst aanpakken", "Act first"),
    "priority": ("int", "Prioriteit", "Priority"),
    "high": ("share", "Hoog", "High"),
    "moderate": ("share", "Middel", "Moderate"),
    "low": ("share", "Laag", "Low"),
    "pioneer_rank": ("int", "Plaats als voorloper", "Pioneer rank"),
    "room": ("text", "Meeste ruimte op", "Most room on"),
    "room_score": ("num", "Score daarop", "Score there"),
    # before and after (waves/tables.py)
    "wave_before": ("text", "Meting voor", "Wave before"),
    "wave_after": ("text", "Meting na", "Wave after"),
    "n_before": ("int", "n voor", "n before"),
    "n_after": ("int", "n na", "n after"),
    "mean_before": ("num", "Gemiddelde voor", "Mean before"),
    "mean_after": ("num", "Gemiddelde na", "Mean after"),
    "change": ("num", "Verandering", "Change"),
    "change_ci_low": ("num", "Verandering 95%-BI laag", "Change 95% CI low"),
    "change_ci_high": ("num", "Verandering 95%-BI hoog", "Change 95% CI high"),
    "hedges_g": ("num", "Hedges' g", "Hedges' g"),
    "g_ci_low": ("num", "g 95%-BI laag", "g 95% CI low"),
    "g_ci_high": ("num", "g 95%-BI hoog", "g 95% CI high"),
    "statistical": ("text", "Statistisch betekenisvol", "Statistically significant"),
    "practical": ("text", "Praktisch betekenisvol", "Practically relevant"),
    "not_compared": ("text", "Niet vergeleken", "Not compared"),
    "favourable_before": ("share", "Gunstig voor", "Favourable before"),
    "favourable_after": ("share", "Gunstig na", "Favourable after"),
    "favourable_change": ("share", "Verandering gunstig", "Change in favourable"),
}

# The summary sheet's keys: (kind, Dutch, English).
SUMMARY_KEYS: dict[str, tuple[str, str, str]] = {
    "company": ("text", "Organisatie", "Organisation"),
    "questionnaire": ("text", "Vragenlijst en versie", "Questionnaire and version"),
    "questionnaire_hash": ("text", "Inhoudshash vragenlijst", "Questionnaire content hash"),
    "received": ("int", "Vragenlijsten ontvangen", "Questionnaires received"),
    "valid": ("int", "Bruikbare vragenlijsten", "Usable questionnaires"),
    "invited": ("int", "Uitgenodigd", "Invited"),
    "response_rate": ("share", "Respons", "Response rate"),
    "index": ("num", "Index lerende organisatie", "Learning organisation index"),
    "index_favourable": (
        "share",
        "Gunstig (gemiddeld over de factoren)",
        "Favourable (mean over the factors)",
    ),
    "opportunities": ("text", "Verbetermogelijkheden, zwakste eerst", "Opportunities, weakest first"),
    "strengths": ("text", "Sterke punten", "Strengths"),
    "benchmark": ("text", "Benchmark", "Benchmark"),
    "benchmark_code": ("text", "Eigen code in de benchmark", "Own code in the benchmark"),
    "benchmark_companies": ("int", "Organisaties in de benchmark", "Organisations in the benchmark"),
}
_UNKNOWN_VALUE = {"nl": "onbekend", "en": "unknown"}
_SHARE_COLUMN = ("share_",)  # share_1 ... share_5: the raw answer distribution
_RAW_SHARE = {"nl": "Antwoord {p} (zoals gegeven)", "en": "Answer {p} (as given)"}
_WIDTH = (6, 60)  # least and most characters a column is wide


def _pick(entry: tuple[str, str, str], lang: str) -> str:
    return entry[1] if lang == "nl" else entry[2]


def column_label(column: str, lang: str, extra: Mapping[str, str]) -> tuple[str, str]:
    """(header in the report language, kind) of a column id; ``extra`` names factor-id columns."""
    if column in extra:
        return extra[column], "num"
    if column in LABELS:
        kind = LABELS[column][0]
        return _pick(LABELS[column], lang), kind
    if column.startswith(_SHARE_COLUMN):
        return _RAW_SHARE.get(lang, _RAW_SHARE["en"]).format(p=column.split("_", 1)[1]), "share"
    return column, ""


def _summary_frame(table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """The summary as label and value, with the number kind of each row; an unknown rate says so."""
    labels, values, kinds = [], [], []
    for key, value in zip(table["key"], table["value"], strict=True):
        entry = SUMMARY_KEYS.get(key, ("text", key, key))
        labels.append(_pick(entry, lang))
        if key == "response_rate" and value is None:
            value = _UNKNOWN_VALUE.get(lang, _UNKNOWN_VALUE["en"])
        values.append(value)
        kinds.append(entry[0])
    label, value_header = _pick(LABELS["label"], lang), _pick(LABELS["value"], lang)
    return pd.DataFrame({label: labels, value_header: pd.Series(values, dtype=object)}), kinds


def _kind_of(series: pd.Series, kind: str) -> str:
    if kind:
        return kind
    if pd.api.types.is_bool_dtype(series):
        return ""
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "num"
    return ""


def write_sheet(
    writer: pd.ExcelWriter, name: str, table: pd.DataFrame, lang: str, extra: Mapping[str, str]
) -> None:
    """One table as a formatted sheet: labelled headers, number formats, frozen bold header, filter."""
    row_kinds: list[str] | None = None
    if name == "summary" and list(table.columns) == ["key", "value"]:
        frame, row_kinds = _summary_frame(table, lang)
        kinds = ["", ""]
    else:
        labelled = [column_label(str(c), lang, extra) for c in table.columns]
        kinds = [_kind_of(table[c], k) for c, (_, k) in zip(table.columns, labelled, strict=True)]
        frame = table.set_axis([h for h, _ in labelled], axis=1)
    mask_frame(frame).to_excel(writer, sheet_name=name, index=False)
    _style(writer.sheets[name], frame, kinds, row_kinds)


def _style(sheet: Worksheet, frame: pd.DataFrame, kinds: list[str], row_kinds: list[str] | None) -> None:
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="left", vertical="bottom")
    rows = len(frame)
    for j, kind in enumerate(kinds, 1):
        if kind in FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, max_row=rows + 1, min_col=j, max_col=j):
                cell.number_format = FORMATS[kind]
    if row_kinds is not None:  # the summary: one kind per row, in the value column
        for i, kind in enumerate(row_kinds, 2):
            if kind in FORMATS:
                sheet.cell(row=i, column=2).number_format = FORMATS[kind]
    cells = frame.to_numpy(dtype=object)  # one conversion, not a column lookup per column
    for j, column in enumerate(frame.columns, 1):
        sheet.column_dimensions[get_column_letter(j)].width = _width(
            str(column), cells[:, j - 1], kinds[j - 1]
        )
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{rows + 1}"


def _width(header: str, values: Any, kind: str) -> float:
    """Characters wide: the header or the longest value as shown, within :data:`_WIDTH`."""
    shown = (
        6
        if kind in FORMATS
        else max((len(str(spreadsheet_text(v))) for v in values if _present(v)), default=0)
    )
    lo, hi = _WIDTH
    return float(min(hi, max(lo, len(header), shown) + 2))


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and value != value)
