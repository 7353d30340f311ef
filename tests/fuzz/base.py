"""What every fuzz case starts from and is made of: the shipped inputs, the case, hostile values, bytes.

The starting points are a 40-row cut of ``examples/responses.csv`` (one company, so outputs stay small)
and ``questionnaires/lerende-organisatie.yaml``. The hostile values and the byte-level mutations here are
used by both kinds of case (``tests/fuzz/exports.py``, ``tests/fuzz/questionnaires.py``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = REPO / "examples" / "responses.csv"
QUESTIONNAIRE = REPO / "questionnaires" / "lerende-organisatie.yaml"
ROWS = 40
"""Rows kept of the example: its first company's first 40 respondents, above every anonymity limit. One
company keeps a clean run at ~0.2 s; mutated company cells make the other companies."""
FORMATS = "json,xlsx,csv"
FAST_FORMATS = st.just(FORMATS)
"""What most cases write: every format but HTML and PDF, which render for seconds."""


def _cut_rows() -> list[list[str]]:
    with EXAMPLE_CSV.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return [header, *[r for r in rows if r[1] == rows[0][1]][:ROWS]]


BASE_ROWS = _cut_rows()
QUESTIONNAIRE_BYTES = QUESTIONNAIRE.read_bytes()


def serialise(
    rows: list[list[str]], delimiter: str = ",", line_end: str = "\n", quote_all: bool = False
) -> str:
    """The rows as CSV text in the given dialect (``quote_all``: every cell quoted, as some exporters do)."""
    buf = io.StringIO()
    if quote_all:
        csv.writer(buf, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_ALL).writerows(rows)
    else:
        csv.writer(buf, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    return buf.getvalue()


BASE_CSV = serialise(BASE_ROWS).encode("utf-8")


@dataclass(frozen=True)
class Case:
    """One generated input: the files' bytes, the export's name, the formats, and the steps that made it."""

    responses: bytes = BASE_CSV
    questionnaire: bytes = QUESTIONNAIRE_BYTES
    responses_name: str = "responses.csv"
    formats: str = FORMATS
    validate: str = "questionnaire"
    """Which file ``scan validate`` checks: ``questionnaire`` or ``responses`` (the one that was mutated)."""
    steps: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        return "; ".join(self.steps) or "unmutated"


# --- hostile values ---------------------------------------------------------------------------------------

HOSTILE_TEXT = [
    "",
    " ",
    "[bold]",
    "[/]",
    "[red]rood[/red]",
    "[link=file:///etc/passwd]x[/link]",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\x1b[2J",
    "Zorg\x1b[2J\x1b[H",
    "\x1b]0;title\x07",
    "\x00",
    "a\x0bb\x0cc",
    "\r",
    "\n",
    "twee\nregels",
    "tab\there",
    "\u202eevil",
    "\u2028",
    "\ufeff",
    "\x85",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e308",
    "1e-320",
    "9" * 400,
    "0x10",
    "3.0",
    "3,0",
    " 3 ",
    "٣",
    "５",
    "None",
    "null",
    "TRUE",
    "'",
    '"',
    '""',
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{0}",
    "{}",
    "%s%n",
    "${HOME}",
    "../../etc/passwd",
    "CON",
    "é" * 80,
    "💥" * 10,
    "Weet niet",
    "Helemaal mee eens",
]

hostile_text: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=12),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.builds(
        lambda c, n: c * n,
        st.sampled_from(["x", "é", "[", "\x1b", ",", '"', "\n"]),
        st.integers(1000, 60_000),
    ),
)
"""Cell values, header names and questionnaire strings: markup, formulas, controls, numbers, huge runs."""


def position_in(data: bytes | str, position: int) -> int:
    """A drawn position folded into ``data``: hypothesis shrinks it towards the start."""
    return position % (len(data) + 1)


# --- byte-level mutations (both file kinds) ------------------------------------------------------------

BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\xef\xbb\xbf\xef\xbb\xbf"]
INSERTS = [
    b"\x00",
    b"\x00\x00\x00\x00",
    b"\x1b[2J",
    b"\x07",
    b"\x7f",
    b"\x81",
    b"\x9d",
    b"\xff",
    b"\xc3",
    b'"',
    b"\r",
    b"\r\r\n",
    b"\n\n\n",
    b"\x1a",
    b"\xe2\x80\xae",
    b"\xed\xa0\x80",
    b"\xf0\x9f\x92",
]


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "bom", "delete", "repeat", "random"]))
    pos = position_in(data, draw(st.integers(0, 10**6)))
    if kind == "flip":
        if not data:
            return data, "flip (empty)"
        pos = min(pos, len(data) - 1)
        bit = draw(st.integers(0, 7))
        return data[:pos] + bytes([data[pos] ^ (1 << bit)]) + data[pos + 1 :], f"flip bit {bit} at byte {pos}"
    if kind == "truncate":
        return data[:pos], f"truncate at byte {pos}"
    if kind == "insert":
        blob = draw(st.sampled_from(INSERTS))
        return data[:pos] + blob + data[pos:], f"insert {blob!r} at byte {pos}"
    if kind == "bom":
        bom = draw(st.sampled_from(BOMS))
        return bom + data, f"prefix BOM {bom!r}"
    if kind == "delete":
        n = draw(st.integers(1, 200))
        return data[:pos] + data[pos + n :], f"delete {n} bytes at {pos}"
    if kind == "repeat":
        n = draw(st.integers(1, 200))
        return data[:pos] + data[pos : pos + n] * 3 + data[pos:], f"repeat {n} bytes at {pos} three times"
    blob = draw(st.binary(min_size=1, max_size=16))
    return data[:pos] + blob + data[pos:], f"insert random {blob!r} at byte {pos}"


ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "cp1252",
    "latin-1",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp850",
    "mac_roman",
    "utf-7",
]


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def formats_with_html(every: int) -> st.SearchStrategy[str]:
    """Mostly the fast formats; one case in ``every`` also renders the HTML report."""
    return st.integers(0, every - 1).map(lambda n: FORMATS + ",html" if n == 0 else FORMATS)
