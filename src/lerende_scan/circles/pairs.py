"""The pairs file: leaders who must be kept apart or put together (``leader_a, leader_b, rule``)."""

from __future__ import annotations

import pandas as pd

from lerende_scan.circles.model import Needs
from lerende_scan.circles.needs import cell_text, header_key, read_cells, source_row
from lerende_scan.errors import Code, Finding, ScanError, did_you_mean
from lerende_scan.ingest import Input

__all__ = ["read_pairs"]

_SEPARATE = {"separate", "apart", "uit_elkaar", "niet_samen", "scheiden"}
_JOIN = {"join", "samen", "together", "bij_elkaar"}


def read_pairs(source: Input, needs: Needs, *, name: str | None = None) -> Needs:
    """Add must-separate / must-join pairs from a file with columns ``leader_a, leader_b, rule``."""
    frame, file = read_cells(source, name)
    columns = [str(c) for c in frame.columns]
    keys = [header_key(c) for c in columns]
    expected = ("leader_a", "leader_b", "rule")
    aliases = {
        "leader_a": ("leader_a", "a", "leider_a"),
        "leader_b": ("leader_b", "b", "leider_b"),
        "rule": ("rule", "regel"),
    }
    found = {
        want: next((j for j, k in enumerate(keys) if k in names), None) for want, names in aliases.items()
    }
    if any(j is None for j in found.values()):
        raise ScanError.of(
            Code.PAIRS_COLUMNS_MISSING, file=file, expected=", ".join(expected), found=", ".join(columns)
        )
    ids = {lead.id for lead in needs.leaders}
    separate: list[tuple[str, str]] = []
    join: list[tuple[str, str]] = []
    rows: dict[tuple[str, str], int] = {}
    errors: list[Finding] = []
    ja, jb, jr = (int(found[w]) for w in expected)  # type: ignore[arg-type]
    for pos in range(len(frame)):
        row = source_row(frame, pos)
        cells = frame.iloc[pos]
        if all(pd.isna(v) for v in cells):
            continue
        a, b, rule = cell_text(cells.iloc[ja]), cell_text(cells.iloc[jb]), cell_text(cells.iloc[jr])
        bad = False
        for j, value in ((ja, a), (jb, b)):
            if value is None or value not in ids:
                hint = did_you_mean(value or "", ids) if value else None
                errors.append(
                    Finding(
                        Code.PAIR_ID_UNKNOWN,
                        file=file,
                        row=row,
                        column=columns[j],
                        params={"id": value or "", "suggestion": f"; did you mean '{hint}'?" if hint else ""},
                    )
                )
                bad = True
        kind = header_key(rule or "")
        if kind not in _SEPARATE | _JOIN:
            errors.append(
                Finding(
                    Code.PAIR_RULE_UNKNOWN,
                    file=file,
                    row=row,
                    column=columns[jr],
                    params={"value": rule or ""},
                )
            )
            bad = True
        if not bad and a is not None and a == b:
            errors.append(Finding(Code.PAIR_SELF, file=file, row=row, params={"id": a}))
            bad = True
        if bad or a is None or b is None:
            continue
        (separate if kind in _SEPARATE else join).append((a, b))
        rows.setdefault((a, b), row)
    if errors:
        raise ScanError(errors)
    return Needs(
        file=needs.file,
        themes=needs.themes,
        leaders=needs.leaders,
        separate=(*needs.separate, *separate),
        join=(*needs.join, *join),
        findings=needs.findings,
        left_out=needs.left_out,
        pairs_file=file,
        pair_rows={**needs.pair_rows, **rows},
    )
