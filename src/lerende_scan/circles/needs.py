"""The needs file and the pairs file: columns recognised, cells checked, leaders' fit per theme.

A needs file has one row per leader: an id (or name), optionally a department and a manager id, and the
development needs as either a weight per theme (one column per theme, any scale of 0 and up) or up to
three chosen themes in priority order (``theme_1`` .. ``theme_3``). A leader's fit to a theme is its
weight divided by their largest weight, or 1, 2/3, 1/3 for their first, second and third choice.

Every problem is a catalogue finding naming the row and the fix; all errors of a file are raised
together, so one run shows them all. The pairs file is read by :mod:`.pairs`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from lerende_scan.circles.model import Leader, Needs, Theme
from lerende_scan.errors import Code, Finding, ScanError, did_you_mean
from lerende_scan.ingest import Input, read_table
from lerende_scan.ingest.sources import EXCEL_SUFFIXES
from lerende_scan.ingest.sources.excel import EXCEL_ROWS
from lerende_scan.questionnaire import Questionnaire, slugify

__all__ = [
    "cell_text",
    "custom_themes",
    "header_key",
    "needs_from_frame",
    "questionnaire_themes",
    "read_cells",
    "read_needs",
    "source_name",
    "theme_lookup",
]

ID_HEADERS = ("id", "leader_id", "leader", "leider", "name", "naam")
NAME_HEADERS = ("name", "naam")
DEPARTMENT_HEADERS = ("department", "afdeling", "dept")
MANAGER_HEADERS = ("manager_id", "manager", "leidinggevende", "leidinggevende_id")
_CHOICE = re.compile(r"^(?:theme|thema|need|behoefte|choice|keuze)_?([1-3])$")
CHOICE_FIT = (1.0, 2 / 3, 1 / 3)
"""Fit of a leader's first, second and third chosen theme."""


def questionnaire_themes(questionnaire: Questionnaire) -> tuple[Theme, ...]:
    """The questionnaire's factors as themes, with their advice for a circle's first sessions."""
    return tuple(Theme(id=f.id, name=f.name, advice=f.advice) for f in questionnaire.factors)


def custom_themes(names: Iterable[str]) -> tuple[Theme, ...]:
    """Themes the consultant names (``--themes``); ids are slugs of the names."""
    seen: dict[str, Theme] = {}
    for name in names:
        if name.strip():
            seen.setdefault(slugify(name), Theme(id=slugify(name), name=name.strip()))
    return tuple(seen.values())


def source_name(source: Input, name: str | None) -> str:
    """What messages call an input: ``name``, else the path as given, else ``<bytes>`` / ``<stream>``."""
    if name is not None:
        return name
    if isinstance(source, str | os.PathLike):
        return str(Path(source))
    return "<bytes>" if isinstance(source, bytes | bytearray | memoryview) else "<stream>"


def header_key(text: str) -> str:
    """A header or theme name compared loosely: lower case, spaces and dashes as underscores."""
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def theme_lookup(themes: Sequence[Theme]) -> dict[str, int]:
    """Every way a theme may be written (id, name in any language, their slugs) -> its position."""
    keys: dict[str, int] = {}
    for i, theme in enumerate(themes):
        names = theme.name.values() if isinstance(theme.name, dict) else [theme.name]
        for text in (theme.id, *names):
            keys.setdefault(header_key(text), i)
            keys.setdefault(slugify(text), i)
    return keys


def _theme_list(themes: Sequence[Theme]) -> str:
    return ", ".join(t.id for t in themes)


def read_needs(
    source: Input, themes: Sequence[Theme], *, name: str | None = None, needs_required: bool = True
) -> Needs:
    """Read and check a needs file (CSV/TSV/XLSX/SAV as a path, bytes or stream)."""
    frame, file = read_cells(source, name)
    return needs_from_frame(frame, themes, file=file, needs_required=needs_required)


def read_cells(source: Input, name: str | None = None) -> tuple[pd.DataFrame, str]:
    """The table as :func:`~lerende_scan.ingest.read_table` reads it, but a workbook's error cells
    (``#N/A``, ``#DIV/0!``, ``#REF!``) as their text, as a CSV export writes them: the reader makes them
    blank, which silently dropped a weight the same file as CSV refuses (L009)."""
    file = source_name(source, name)
    data: str | os.PathLike[str] | bytes
    if isinstance(source, str | os.PathLike):
        data = source
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        data = source.read()  # a stream is read once, for both readers
    frame = read_table(data, name=file)
    errors = _workbook_errors(data, file)
    if errors:
        rows = frame.attrs.get("rows") or []
        for pos, number in enumerate(rows):
            for j in range(frame.shape[1]):
                if (number, j) in errors:
                    frame.iat[pos, j] = errors[number, j]
    return frame, file


def _workbook_errors(source: str | os.PathLike[str] | bytes, file: str) -> dict[tuple[int, int], str]:
    """(sheet row, column position) -> the error text of each error cell in a workbook's first sheet,
    walked as the ingest's Excel reader walks it (so positions match); empty for any other format."""
    suffix = Path(file).suffix.lower()
    if suffix not in EXCEL_SUFFIXES and not (
        isinstance(source, bytes) and not suffix and source[:4] == b"PK\x03\x04"
    ):
        return {}
    import io

    import openpyxl
    from openpyxl.cell.cell import TYPE_ERROR

    book = openpyxl.load_workbook(
        io.BytesIO(source) if isinstance(source, bytes) else source,
        read_only=True,
        data_only=True,
        keep_links=False,
    )
    errors: dict[tuple[int, int], str] = {}
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(max_row=EXCEL_ROWS), start=1):
            for j, cell in enumerate(row):
                if cell.data_type == TYPE_ERROR:
                    errors[number, j] = str(cell.value)
    finally:
        book.close()
    return errors


def source_row(frame: pd.DataFrame, pos: int) -> int:
    """The row number a spreadsheet shows for the frame's row ``pos`` (header = row 1, blank rows
    counted), as :func:`~lerende_scan.ingest.read_table` records it; ``pos + 2`` for another frame."""
    rows = frame.attrs.get("rows")
    return int(rows[pos]) if rows is not None and pos < len(rows) else pos + 2


def _blank(column: pd.Series) -> bool:
    return bool(column.fillna("").astype(str).str.strip().eq("").all())


def _find(columns: Sequence[str], names: Sequence[str], taken: set[int]) -> int | None:
    keys = [header_key(c) for c in columns]
    for wanted in names:
        for j, key in enumerate(keys):
            if key == wanted and j not in taken:
                return j
    return None


def needs_from_frame(
    frame: pd.DataFrame, themes: Sequence[Theme], *, file: str, needs_required: bool = True
) -> Needs:
    """Leaders from a frame of text cells (header = row 1, first data row = row 2)."""
    columns = [str(c) for c in frame.columns]
    taken: set[int] = set()
    id_col = _find(columns, ID_HEADERS, taken)
    if id_col is None:
        raise ScanError.of(
            Code.LEADER_ID_COLUMN_MISSING, file=file, expected=", ".join(ID_HEADERS), found=", ".join(columns)
        )
    taken.add(id_col)
    name_col = _find(columns, NAME_HEADERS, taken)
    if name_col is not None:
        taken.add(name_col)
    dept_col = _find(columns, DEPARTMENT_HEADERS, taken)
    if dept_col is not None:
        taken.add(dept_col)
    mgr_col = _find(columns, MANAGER_HEADERS, taken)
    if mgr_col is not None:
        taken.add(mgr_col)

    lookup = theme_lookup(themes)
    errors: list[Finding] = []
    choice_cols: dict[int, int] = {}  # column -> priority 0..2
    weight_cols: dict[int, int] = {}  # column -> theme position
    for j, header in enumerate(columns):
        if j in taken:
            continue
        m = _CHOICE.match(header_key(header))
        if m:
            choice_cols[j] = int(m[1]) - 1
        elif header_key(header) in lookup or slugify(header) in lookup:
            position = lookup.get(header_key(header), lookup.get(slugify(header), 0))
            other = next((k for k, p in weight_cols.items() if p == position), None)
            if other is not None:  # 'feedback' and 'Feedback': the second overwrote the first in silence
                params = {"column": header, "theme": themes[position].id, "other": columns[other]}
                errors.append(Finding(Code.THEME_COLUMN_TWICE, file=file, column=header, params=params))
                continue
            weight_cols[j] = position
        elif not header.strip() and _blank(frame.iloc[:, j]):
            continue  # an empty column without a header (a spreadsheet's stray formatting, trailing commas)
        else:
            hint = did_you_mean(header, [t.id for t in themes] + list(lookup))
            named = header if header.strip() else f"#{j + 1}"
            errors.append(
                Finding(
                    Code.THEME_COLUMN_UNKNOWN,
                    file=file,
                    column=named,
                    params={
                        "column": named,
                        "suggestion": f"; did you mean '{hint}'?" if hint else "",
                        "themes": _theme_list(themes),
                    },
                )
            )
    if choice_cols and weight_cols:
        errors.append(
            Finding(
                Code.NEEDS_FORMATS_MIXED,
                file=file,
                params={
                    "weights": ", ".join(columns[j] for j in weight_cols),
                    "choices": ", ".join(columns[j] for j in choice_cols),
                },
            )
        )
    if not choice_cols and not weight_cols and needs_required and not errors:
        errors.append(Finding(Code.NEEDS_COLUMNS_MISSING, file=file, params={"example": _theme_list(themes)}))
    if errors:
        raise ScanError(errors)

    leaders: list[Leader] = []
    findings: list[Finding] = []
    first_row: dict[str, int] = {}
    t_count = len(themes)
    for pos in range(len(frame)):
        row = source_row(frame, pos)
        cells = frame.iloc[pos]
        if all(pd.isna(v) for v in cells):
            continue
        leader_id = cell_text(cells.iloc[id_col])
        if leader_id is None:
            errors.append(Finding(Code.LEADER_ID_BLANK, file=file, row=row, column=columns[id_col]))
            continue
        if leader_id in first_row:
            errors.append(
                Finding(
                    Code.LEADER_ID_DUPLICATE,
                    file=file,
                    row=row,
                    column=columns[id_col],
                    params={"id": leader_id, "first_row": first_row[leader_id]},
                )
            )
            continue
        first_row[leader_id] = row
        if weight_cols:
            fit, rank, problems = _weights(cells, weight_cols, t_count, file, row, columns)
        else:
            fit, rank, problems = _choices(cells, choice_cols, themes, lookup, file, row, columns)
        for f in problems:
            (errors if f.severity.value == "error" else findings).append(f)
        if (weight_cols or choice_cols) and not any(fit):
            findings.append(Finding(Code.NEEDS_BLANK, file=file, row=row, params={"id": leader_id}))
        leaders.append(
            Leader(
                id=leader_id,
                fit=fit,
                rank=rank,
                department=cell_text(cells.iloc[dept_col]) if dept_col is not None else None,
                manager=cell_text(cells.iloc[mgr_col]) if mgr_col is not None else None,
                name=cell_text(cells.iloc[name_col]) if name_col is not None else None,
                row=row,
            )
        )
    if errors:
        raise ScanError(errors)
    leaders, manager_findings = _check_managers(
        leaders, file, columns[mgr_col] if mgr_col is not None else ""
    )
    return Needs(
        file=file, themes=tuple(themes), leaders=tuple(leaders), findings=(*findings, *manager_findings)
    )


def cell_text(value: object) -> str | None:
    """A cell as trimmed text, None when blank."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _weights(
    cells: pd.Series, cols: dict[int, int], t_count: int, file: str, row: int, columns: Sequence[str]
) -> tuple[tuple[float, ...], tuple[int, ...], list[Finding]]:
    weights = [0.0] * t_count
    problems: list[Finding] = []
    for j, t in cols.items():
        text = cell_text(cells.iloc[j])
        if text is None:
            continue
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            problems.append(
                Finding(
                    Code.NEED_WEIGHT_INVALID, file=file, row=row, column=columns[j], params={"value": text}
                )
            )
            continue
        weights[t] = max(weights[t], value)
    top = max(weights)
    if top <= 0:
        return (0.0,) * t_count, (0,) * t_count, problems
    fit = tuple(w / top for w in weights)
    rank = tuple(1 + sum(o > w for o in weights) if w > 0 else 0 for w in weights)
    return fit, rank, problems


def _choices(
    cells: pd.Series,
    cols: dict[int, int],
    themes: Sequence[Theme],
    lookup: dict[str, int],
    file: str,
    row: int,
    columns: Sequence[str],
) -> tuple[tuple[float, ...], tuple[int, ...], list[Finding]]:
    fit = [0.0] * len(themes)
    rank = [0] * len(themes)
    problems: list[Finding] = []
    place = 0
    for j in sorted(cols, key=lambda j: cols[j]):
        text = cell_text(cells.iloc[j])
        if text is None:
            continue
        t = lookup.get(header_key(text), lookup.get(slugify(text)))
        if t is None:
            hint = did_you_mean(text, [th.id for th in themes])
            problems.append(
                Finding(
                    Code.THEME_CHOICE_UNKNOWN,
                    file=file,
                    row=row,
                    column=columns[j],
                    params={
                        "value": text,
                        "suggestion": f"; did you mean '{hint}'?" if hint else "",
                        "themes": _theme_list(themes),
                    },
                )
            )
            continue
        if rank[t]:
            problems.append(
                Finding(
                    Code.THEME_CHOSEN_TWICE, file=file, row=row, column=columns[j], params={"theme": text}
                )
            )
            continue
        fit[t] = CHOICE_FIT[place]
        rank[t] = place + 1
        place += 1
    return tuple(fit), tuple(rank), problems


def _check_managers(leaders: list[Leader], file: str, column: str) -> tuple[list[Leader], list[Finding]]:
    """Unknown manager ids become warnings (the rule cannot apply); a cycle in the chain is an error."""
    ids = {lead.id for lead in leaders}
    findings: list[Finding] = []
    checked: list[Leader] = []
    for lead in leaders:
        if lead.manager is not None and lead.manager not in ids:
            findings.append(
                Finding(
                    Code.MANAGER_UNKNOWN,
                    file=file,
                    row=lead.row,
                    column=column,
                    params={"manager": lead.manager, "id": lead.id},
                )
            )
            lead = Leader(lead.id, lead.fit, lead.rank, lead.department, None, lead.name, lead.row)
        checked.append(lead)
    manager = {lead.id: lead.manager for lead in checked}
    rows = {lead.id: lead.row for lead in checked}
    done: set[str] = set()
    for start in manager:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in path:
            path.append(node)
            node = manager[node]
        if node is not None and node in path:
            cycle = path[path.index(node) :]
            chain = " -> ".join([*cycle, cycle[0]])
            raise ScanError.of(Code.MANAGER_CYCLE, file=file, row=rows[cycle[0]], column=column, chain=chain)
        done.update(path)
    return checked, findings
