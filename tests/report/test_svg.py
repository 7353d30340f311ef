"""A figure as report SVG (:mod:`lerende_scan.report.svg`): inline-ready (no prolog, metadata or global
style), accessible (title and description first), unique ids per chart, text as text, deterministic, and
without the per-node overhead WeasyPrint pays for (style attributes, wrapper groups, split paths)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib as mpl
import pytest
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path

from lerende_scan.report import canvas, svg
from lerende_scan.report.svg import to_svg

SVG = "{http://www.w3.org/2000/svg}"


def _UPSTREAM_METRICS(renderer: RendererBase, text: str, prop: FontProperties, ismath: bool) -> object:
    """matplotlib's own measurement, per renderer (what the SVG renderer does without lerende-scan)."""
    return renderer._text2path.get_text_width_height_descent(text, prop, ismath)


def _svg(chart_id: str = "c-test", label: str = "100%") -> str:
    """Two same-coloured bars (one path after merging), a clipped hatch (an id and a reference) and a text."""
    with canvas.style():
        fig = canvas.figure(1.0, 3.0)
        for x in (0.1, 0.4):
            fig.add_artist(Rectangle((x, 0.2), 0.2, 0.5, transform=fig.transFigure, facecolor="#2166ac"))
        fig.add_artist(Rectangle((0.7, 0.2), 0.2, 0.5, transform=fig.transFigure, fill=False, hatch="//"))
        fig.text(0.5, 0.85, label, ha="center")
        return str(to_svg(fig, chart_id, "Titel <b>", "Beschrijving & meer"))


def _texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def test_svg_is_inline_ready_accessible_and_keeps_text_as_text() -> None:
    svg = _svg()
    assert svg.startswith('<svg class="chart" role="img" aria-labelledby="c-test-title c-test-desc"')
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<metadata" not in svg and "<style" not in svg
    root = ET.fromstring(svg)
    assert root[0].tag == f"{SVG}title" and root[0].get("id") == "c-test-title"
    assert root[0].text == "Titel <b>"  # escaped in the markup, the text itself to a screen reader
    assert root[1].tag == f"{SVG}desc" and root[1].text == "Beschrijving & meer"
    assert _texts(svg) == ["100%"]  # svg.fonttype none: real <text>, not glyph paths
    assert all(el.get("id", "c-test").startswith("c-test") for el in root.iter())
    refs = re.findall(r'href="#([^"]+)"|url\(#([^)]+)\)', svg)
    assert refs  # the hatch pattern is referenced
    for ref in refs:
        target = ref[0] or ref[1]
        assert target.startswith("c-test-") and f'id="{target}"' in svg


def test_svg_has_no_per_node_overhead_for_weasyprint() -> None:
    """No style attributes (a CSS parse per node), bare wrapper groups or indentation, and neighbouring
    shapes of one colour as one path: the PDF renderer cascades and draws every node."""
    svg = _svg()
    assert "style=" not in svg and not re.search(r'<g id="[^"]*">', svg) and "\n " not in svg
    root = ET.fromstring(svg)
    blue = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "#2166ac"]
    assert len(blue) == 1 and blue[0].get("d", "").count("M ") == 2
    label = next(root.iter(f"{SVG}text"))
    assert label.get("font-size") == "8px" and "DejaVu Sans" in label.get("font-family", "")


def test_two_charts_share_no_ids() -> None:
    ids_a = set(re.findall(r'id="([^"]+)"', _svg("a")))
    ids_b = set(re.findall(r'id="([^"]+)"', _svg("b")))
    assert ids_a and ids_b and not ids_a & ids_b


def test_same_figure_same_svg_bytes() -> None:
    assert _svg() == _svg()


def test_user_text_is_cleaned_as_text_width_measured_it() -> None:
    """Control characters out, as chart_text does for measuring; the SVG stays well-formed."""
    svg = _svg(label="Afd.\x07 <Één> & co")
    assert _texts(svg) == [canvas.chart_text("Afd.\x07 <Één> & co")]


def test_global_matplotlib_settings_are_left_alone() -> None:
    before = (mpl.rcParams["svg.fonttype"], mpl.rcParams["font.size"], mpl.rcParams["svg.hashsalt"])
    _svg()
    assert (mpl.rcParams["svg.fonttype"], mpl.rcParams["font.size"], mpl.rcParams["svg.hashsalt"]) == before


def test_shared_text_metrics_change_no_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process-wide metrics cache gives what matplotlib's own per-renderer measurement gives, so a
    chart's SVG is the same with it and without it; a mutated FontProperties is a new cache entry."""
    labels = ["Helemaal mee oneens", "Één", "2,17", "Wg", "x" * 40]
    for size in (7.5, 9.0):
        prop = FontProperties(family=list(canvas.FONTS), size=size)
        for label in labels:
            assert svg._shared_text_metrics(None, label, prop, False) == pytest.approx(  # type: ignore[arg-type]
                text_to_path.get_text_width_height_descent(label, prop, False), rel=0, abs=0
            )
    prop = FontProperties(family=list(canvas.FONTS), size=8.0)
    small = svg._shared_text_metrics(None, "Breed", prop, False)  # type: ignore[arg-type]
    prop.set_size(16.0)
    assert svg._shared_text_metrics(None, "Breed", prop, False)[0] == pytest.approx(2 * small[0], rel=0.02)  # type: ignore[arg-type]

    shared = _svg(label="Helemaal\nmee oneens")  # two lines: placed by the measured heights
    monkeypatch.setattr(RendererSVG, "get_text_width_height_descent", _UPSTREAM_METRICS)
    assert _svg(label="Helemaal\nmee oneens") == shared
