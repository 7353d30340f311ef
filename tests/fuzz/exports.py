"""Mutated survey exports: the example cut changed as a table, written in some dialect, hit as bytes.

Table changes: hostile cells and whole columns (markup, formulas, controls, huge runs), headers duplicated,
renamed or re-cased, columns dropped or added, rows duplicated, dropped, cut short or extended. Then a
delimiter, line ending, quoting and encoding (cp1252, latin-1, UTF-16/32 ...), perhaps a separator swapped
halfway or an unbalanced quote, and up to two byte mutations.
"""

from __future__ import annotations

from hypothesis import strategies as st
from tests.fuzz.base import (
    BASE_ROWS,
    ENCODINGS,
    FAST_FORMATS,
    Case,
    byte_mutation,
    encode,
    hostile_text,
    position_in,
    serialise,
)

Rows = list[list[str]]


def _cell(draw: st.DrawFn, rows: Rows, *, header: bool = False) -> tuple[int, int]:
    r = 0 if header else 1 + draw(st.integers(0, max(len(rows) - 2, 0)))
    r = min(r, len(rows) - 1)
    c = draw(st.integers(0, max(len(rows[r]) - 1, 0)))
    return r, c


@st.composite
def row_mutation(draw: st.DrawFn, rows: Rows) -> tuple[Rows, str]:
    """One structural change of the table: cells, headers, rows, columns."""
    rows = [list(r) for r in rows]
    if len(rows) < 2 or not rows[0]:
        return rows, "table too small to mutate"
    kind = draw(
        st.sampled_from(
            [
                "cell",
                "cell",
                "cell",
                "column",
                "header_dup",
                "header_rename",
                "header_case",
                "drop_column",
                "add_column",
                "dup_rows",
                "drop_rows",
                "short_row",
                "long_row",
                "blank_rows",
                "accents",
                "key_column",
                "key_column",
            ]
        )
    )
    width = len(rows[0])
    if kind == "cell":
        r, c = _cell(draw, rows)
        if not rows[r]:
            return rows, "cell of an empty row"
        value = draw(hostile_text)
        rows[r][c] = value
        return (
            rows,
            f"cell row {r} column {c} = {value[:40]!r} ({len(value)} chars)",
        )
    if kind == "column":
        c = draw(st.integers(0, width - 1))
        value = draw(hostile_text)
        for row in rows[1:]:
            if c < len(row):
                row[c] = value
        return rows, f"every cell of column {c} = {value[:40]!r} ({len(value)} chars)"
    if kind == "header_dup":
        a, b = draw(st.integers(0, width - 1)), draw(st.integers(0, width - 1))
        rows[0][a] = rows[0][b]
        return rows, f"header {a} renamed to header {b} ({rows[0][b]!r})"
    if kind == "header_rename":
        c, value = draw(st.integers(0, width - 1)), draw(hostile_text)
        rows[0][c] = value
        return rows, f"header {c} renamed to {value[:40]!r} ({len(value)} chars)"
    if kind == "header_case":
        c = draw(st.integers(0, width - 1))
        style = draw(st.sampled_from(["upper", "pad", "bom", "dot", "typo"]))
        h = rows[0][c]
        rows[0][c] = {
            "upper": h.upper(),
            "pad": f"  {h} ",
            "bom": "\ufeff" + h,
            "dot": h + ".1",
            "typo": h[1:],
        }[style]
        return rows, f"header {c} {style}: {rows[0][c]!r}"
    if kind == "drop_column":
        c = draw(st.integers(0, width - 1))
        return [r[:c] + r[c + 1 :] for r in rows], f"drop column {c}"
    if kind == "add_column":
        name, value = draw(hostile_text), draw(hostile_text)
        return [rows[0] + [name]] + [
            [*r, value] for r in rows[1:]
        ], f"add column {name[:40]!r} = {value[:40]!r}"
    if kind == "dup_rows":
        r, n = draw(st.integers(0, len(rows) - 1)), draw(st.integers(1, 30))
        return rows[: r + 1] + [rows[r]] * n + rows[r + 1 :], f"row {r} repeated {n} times"
    if kind == "drop_rows":
        r, n = draw(st.integers(0, len(rows) - 1)), draw(st.integers(1, len(rows)))
        return rows[:r] + rows[r + n :], f"drop {n} rows from row {r}"
    if kind == "short_row":
        r, _ = _cell(draw, rows)
        n = draw(st.integers(0, width))
        rows[r] = rows[r][:n]
        return rows, f"row {r} cut to {n} cells"
    if kind == "long_row":
        r, _ = _cell(draw, rows)
        rows[r] += [draw(hostile_text)] * draw(st.integers(1, 40))
        return rows, f"row {r} extended to {len(rows[r])} cells"
    if kind == "blank_rows":
        r = draw(st.integers(0, len(rows)))
        blank = draw(st.sampled_from([[], [""], [""] * width]))
        return rows[:r] + [blank] * draw(st.integers(1, 5)) + rows[r:], f"blank rows {blank!r} at {r}"
    if kind == "accents":
        for row in rows[1:]:
            if len(row) > 2:
                row[2] = row[2] + " Zuidoost – ëé€"
        return rows, "departments get non-ASCII characters"
    # The columns whose text reaches names, folders and terminal tables: id, company, department, role.
    c, value = draw(st.integers(0, min(3, width - 1))), draw(hostile_text)
    first = draw(st.integers(1, len(rows) - 1))
    for row in rows[first:]:
        if len(row) > c:
            row[c] = value
    return rows, f"column {c} = {value[:40]!r} ({len(value)} chars) from row {first}"


LINE_ENDS = ["\n", "\r\n", "\r", "\r\r\n"]
DELIMITERS = [",", ";", "\t", "|"]
NAMES = ["responses.csv"] * 12 + [
    "responses.txt",
    "responses.tsv",
    "responses.CSV",
    "responses.xlsx",
    "responses.sav",
]


@st.composite
def export_cases(draw: st.DrawFn, formats: st.SearchStrategy[str] = FAST_FORMATS) -> Case:
    """The example export, changed as a table, written out in some dialect and encoding, then hit as bytes."""
    rows, steps = BASE_ROWS, []
    for _ in range(draw(st.integers(0, 3))):
        rows, step = draw(row_mutation(rows))
        steps.append(step)
    delimiter = draw(st.sampled_from(DELIMITERS[:1] * 5 + DELIMITERS))
    line_end = draw(st.sampled_from(LINE_ENDS[:1] * 5 + LINE_ENDS))
    quote_all = draw(st.booleans())
    text = serialise(rows, delimiter, line_end, quote_all)
    if draw(st.integers(0, 9)) == 0:  # a separator swapped for part of the file only
        at = position_in(text, draw(st.integers(0, 10**6)))
        text = text[:at] + text[at:].replace(delimiter, draw(st.sampled_from(DELIMITERS)))
        steps.append(f"separator swapped from char {at}")
    if draw(st.integers(0, 5)) == 0:  # an unbalanced quote
        at = position_in(text, draw(st.integers(0, 10**6)))
        text = text[:at] + '"' + text[at:]
        steps.append(f"unbalanced quote at char {at}")
    encoding = draw(st.sampled_from(ENCODINGS[:1] * 8 + ENCODINGS))
    data = encode(text, encoding)
    steps.append(f"written {delimiter!r} {line_end!r} quote_all={quote_all} {encoding}")
    for _ in range(draw(st.integers(0, 2) if draw(st.booleans()) else st.just(0))):
        data, step = draw(byte_mutation(data))
        steps.append(step)
    name = draw(st.sampled_from(NAMES))
    return Case(
        responses=data, responses_name=name, formats=draw(formats), validate="responses", steps=tuple(steps)
    )
