"""Chart text from questionnaires and survey data: no control characters, bounded length (fuzz F3, F4)."""

from __future__ import annotations

import time
import warnings

from lerende_scan.report import canvas


def test_chart_text_drops_control_characters_and_bounds_each_line() -> None:
    assert canvas.chart_text("Zorg\x01\x1b[2J") == "Zorg[2J"
    long = canvas.chart_text("x" * 100_000 + "\nkort")
    first, second = long.split("\n")
    assert len(first) == canvas.CHART_TEXT_LIMIT and first.endswith("…") and second == "kort"
    assert canvas.chart_text("Wijkzorg – één team") == "Wijkzorg – één team"


def test_measuring_a_huge_label_costs_what_a_normal_one_does() -> None:
    start = time.perf_counter()
    canvas.text_width("x" * 100_000)
    assert time.perf_counter() - start < 1.0  # was ~4 s per call: linear in the length
    assert canvas.text_width("x" * 100_000) == canvas.text_width("x" * (canvas.CHART_TEXT_LIMIT - 1) + "…")


def test_a_label_the_chart_fonts_cannot_draw_gives_no_warning_among_the_messages() -> None:
    """matplotlib warns once per missing character, with the path of this code, on stderr."""
    canvas.text_width.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", category=UserWarning, append=True)
        width = canvas.text_width("Leren 漢字")
    assert width > canvas.text_width("Leren")
    assert not [w for w in caught if "missing from font" in str(w.message)]
