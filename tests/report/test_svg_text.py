"""Whole-string SVG text: the same words at the same places as WeasyPrint's letter-by-letter drawing, one
Pango layout per text instead of one per code point, combining accents kept on their letter, and texts
with per-glyph positioning left to WeasyPrint. Needs pdftotext (poppler-utils), as the PDF tests do."""

from __future__ import annotations

import base64
import contextlib
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import weasyprint
import weasyprint.svg as svg_module
from weasyprint import HTML

from lerende_scan.report import pdf as _pdf  # noqa: F401  (importing the PDF module installs the fix)
from lerende_scan.report import svg_text

# Chart-like texts: every anchor, a baseline shift, bold, a multi-word label, a decimal comma.
CHART = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="160" font-family="DejaVu Sans">
<text x="10" y="20" font-size="10">Evaluatie, reflectie en feedback</text>
<text x="200" y="45" font-size="10" text-anchor="middle">Aandachtspunt</text>
<text x="390" y="70" font-size="10" text-anchor="end" font-weight="bold">3,74</text>
<text x="10" y="95" font-size="12" dominant-baseline="central">n = 30</text>
<text x="390" y="120" font-size="8" text-anchor="end">Index lerende organisatie</text>
</svg>"""


@contextlib.contextmanager
def _upstream_drawing() -> Iterator[None]:
    """WeasyPrint's own letter-by-letter text drawing for the duration of a block."""
    keys = [key for key, function in svg_module.TAGS.items() if function is svg_text.text]
    svg_module.text = svg_text._upstream
    for key in keys:
        svg_module.TAGS[key] = svg_text._upstream
    try:
        yield
    finally:
        assert svg_text.install()


def _pdf_of(svg: str, path: Path) -> Path:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    HTML(string=f'<img src="data:image/svg+xml;base64,{data}">').write_pdf(path)
    return path


def _words(path: Path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, yMin, xMax) of every word in the PDF's text layer, in points."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [
        (word, float(x0), float(y0), float(x1))
        for x0, y0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out
        )
    ]


@pytest.fixture(autouse=True)
def _checked_version() -> None:
    if not weasyprint.__version__.startswith(svg_text.CHECKED_VERSIONS):
        pytest.skip(f"WeasyPrint {weasyprint.__version__} draws SVG text itself (fix not installed)")


def test_the_fix_is_installed_for_every_text_tag() -> None:
    assert svg_text.installed()
    for tag in ("text", "tspan", "textPath", "a"):
        assert svg_module.TAGS[tag] is svg_text.text
    assert svg_text.install()  # idempotent


def test_words_land_where_weasyprint_draws_them_letter_by_letter(tmp_path: Path) -> None:
    whole = _words(_pdf_of(CHART, tmp_path / "whole.pdf"))
    with _upstream_drawing():
        letters = _words(_pdf_of(CHART, tmp_path / "letters.pdf"))
    assert [w[0] for w in whole] == [w[0] for w in letters]
    assert [w[0] for w in whole][:3] == ["Evaluatie,", "reflectie", "en"]
    for (word, *box), (_, *reference) in zip(whole, letters, strict=True):
        # Whole strings are kerned, letters one by one are not: a word may move by a fraction of a point.
        assert box == pytest.approx(reference, abs=1.0), word


def test_one_pango_layout_per_text_instead_of_one_per_letter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = svg_text.split_first_line

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(svg_text, "split_first_line", counting)
    _pdf_of(CHART, tmp_path / "whole.pdf")
    assert calls == [
        "Evaluatie, reflectie en feedback",
        "Aandachtspunt",
        "3,74",
        "n = 30",
        "Index lerende organisatie",
    ]


def test_a_combining_accent_stays_on_its_letter(tmp_path: Path) -> None:
    """ "Één" typed as E + U+0301 (as macOS exports write it): shaped whole, the accent is part of the É."""
    decomposed = "E\u0301e\u0301n team"
    svg = CHART.replace("Aandachtspunt", decomposed)
    words = [unicodedata.normalize("NFC", w[0]) for w in _words(_pdf_of(svg, tmp_path / "accent.pdf"))]
    assert "Één" in words


def test_per_glyph_positions_are_left_to_weasyprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = svg_text._upstream

    def spy(svg: object, node: object, font_size: float) -> None:
        seen.append(node.text)  # type: ignore[attr-defined]
        real(svg, node, font_size)

    monkeypatch.setattr(svg_text, "_upstream", spy)
    svg = """<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100">
    <text x="10 20 30" y="20">abc</text><text x="10" y="40" dx="2">dx</text>
    <text x="10" y="60" rotate="10">rot</text><text x="10" y="80" letter-spacing="2">spaced</text>
    <text x="10" y="95" textLength="80">long</text><text x="150" y="20">whole</text></svg>"""
    words = {w[0] for w in _words(_pdf_of(svg, tmp_path / "glyphs.pdf"))}
    assert seen == ["abc", "dx", "rot", "spaced", "long"]
    assert "whole" in words and "abc" in words


def test_other_weasyprint_versions_keep_their_own_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    with _upstream_drawing():
        monkeypatch.setattr(weasyprint, "__version__", "99.0")
        assert not svg_text.install()
        assert not svg_text.installed()
        assert svg_module.TAGS["text"] is svg_text._upstream
        monkeypatch.undo()
