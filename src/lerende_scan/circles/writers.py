"""The circles' files under ``--out``: circles.csv, circles.xlsx, circles.html/.pdf and 360 summaries.

Tables are built as pure DataFrames (:func:`circle_tables`); writing goes through
:func:`lerende_scan.output.files.inside` (nothing escapes ``--out``, whatever a leader id holds) and
:func:`~lerende_scan.output.files.atomic_write`; text cells are masked so a spreadsheet never evaluates
a name as a formula. Named personal data: written only here, only under ``--out``.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

import pandas as pd

from lerende_scan.circles.feedback360 import Feedback
from lerende_scan.circles.model import CirclesResult
from lerende_scan.output.files import atomic_write, company_folders, inside, mask_frame, run_marker
from lerende_scan.questionnaire import localise
from lerende_scan.report import ReportOptions

__all__ = ["CIRCLE_FORMATS", "circle_tables", "circles_csv", "circles_xlsx", "write_circles"]

CIRCLE_FORMATS = ("xlsx", "csv", "html", "pdf")
FEEDBACK_FOLDER = "360"


def circle_tables(result: CirclesResult, lang: str) -> dict[str, pd.DataFrame]:
    """circles (one row per member), balance (circle × department), unplaced, quality."""
    rows = [
        {
            "circle": c.number,
            "theme": c.theme.id,
            "theme_name": str(localise(c.theme.name, lang)),
            "leader_id": m.leader_id,
            "name": m.name or "",
            "department": m.department or "",
            "fit": round(m.fit, 3),
            "need_rank": m.rank or None,
        }
        for c in result.circles
        for m in c.members
    ]
    circles = pd.DataFrame(
        rows, columns=["circle", "theme", "theme_name", "leader_id", "name", "department", "fit", "need_rank"]
    )
    # Whole numbers with blanks where a member has no ranked need; as floats they read "1,000" in a CSV.
    circles["need_rank"] = circles["need_rank"].astype("Int64")
    departments = sorted({m.department for c in result.circles for m in c.members if m.department})
    balance = pd.DataFrame(
        [
            {
                "circle": c.number,
                "theme": c.theme.id,
                "members": len(c.members),
                "mean_fit": round(c.mean_fit, 3),
                **{d: c.departments.get(d, 0) for d in departments},
            }
            for c in result.circles
        ],
        columns=["circle", "theme", "members", "mean_fit", *departments],
    )
    names = {lead.id: lead.name or "" for lead in result.needs.leaders}
    unplaced = pd.DataFrame(
        [
            {"leader_id": u.leader_id, "name": names.get(u.leader_id, ""), "reason": u.reason.value}
            for u in result.unplaced
        ],
        columns=["leader_id", "name", "reason"],
    )
    q = result.quality
    quality = pd.DataFrame(
        [
            ("leaders", q.leaders),
            ("placed", q.placed),
            ("circles", len(result.circles)),
            ("mean_fit", round(q.mean_fit, 4)),
            ("top2_share", round(q.top2_share, 4)),
            ("mean_departments", round(q.mean_departments, 3)),
            ("max_same_department", q.max_same_department),
            ("baseline_mean_fit", round(q.baseline_mean_fit, 4)),
            ("baseline_top2_share", round(q.baseline_top2_share, 4)),
            ("seed", result.options.seed),
        ],
        columns=["figure", "value"],
    )
    return {"circles": circles, "balance": balance, "unplaced": unplaced, "quality": quality}


def circles_csv(result: CirclesResult, lang: str) -> bytes:
    """The member table for Dutch Excel: UTF-8 with BOM, ``;`` separator, decimal comma, masked text."""
    table = mask_frame(circle_tables(result, lang)["circles"])
    text = table.to_csv(sep=";", index=False, decimal=",", float_format="%.3f", lineterminator="\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def circles_xlsx(result: CirclesResult, lang: str) -> bytes:
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in circle_tables(result, lang).items():
            mask_frame(table).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for column in sheet.columns:
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(50, max(8, width + 2))
    return buffer.getvalue()


def write_circles(
    out: Path,
    result: CirclesResult,
    formats: Sequence[str],
    options: ReportOptions,
    *,
    feedback: Feedback | None = None,
) -> list[Path]:
    """Write the wanted files under ``out`` (and, with ``feedback``, one folder per leader under
    ``out/360/``); returns the paths written."""
    from lerende_scan.circles.report import render_circles_html, render_feedback_html

    lang = options.lang or "nl"
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def put(parts: Sequence[str], data: bytes | str) -> None:
        path = inside(out, *parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        written.append(path)

    with run_marker(out):
        if "csv" in formats:
            put(["circles.csv"], circles_csv(result, lang))
        if "xlsx" in formats:
            put(["circles.xlsx"], circles_xlsx(result, lang))
        if {"html", "pdf"} & set(formats):
            html = render_circles_html(result, options)
            if "html" in formats:
                put(["circles.html"], html)
            if "pdf" in formats:
                from lerende_scan.report import html_to_pdf

                put(["circles.pdf"], html_to_pdf(html, options))
        if feedback is not None and {"html", "pdf"} & set(formats):
            names = {lead.id: lead.name for lead in result.needs.leaders}
            folders = company_folders(lf.leader_id for lf in feedback.leaders)
            for lf in feedback.leaders:
                html = render_feedback_html(lf, feedback, options, name=names.get(lf.leader_id))
                folder = folders[lf.leader_id]
                if "html" in formats:
                    put([FEEDBACK_FOLDER, folder, "360.html"], html)
                if "pdf" in formats:
                    from lerende_scan.report import html_to_pdf

                    put([FEEDBACK_FOLDER, folder, "360.pdf"], html_to_pdf(html, options))
    return written
