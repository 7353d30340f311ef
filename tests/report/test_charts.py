"""Report charts: geometry of the diverging Likert bars, suppressed heatmap cells, labels that stay apart.
The SVG every chart becomes is tested in test_svg.py, the palette in test_palette.py."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from lerende_scan.report import canvas, charts, palette
from lerende_scan.report.charts.heatmap import DIFF_LIMIT, heatmap_legend
from lerende_scan.report.palette import diverging

SVG = "{http://www.w3.org/2000/svg}"
BANDS = [
    charts.BandStyle("Knelpunt", 2.5, "#b2182b"),
    charts.BandStyle("Aandachtspunt", 3.5, "#e08214"),
    charts.BandStyle("Sterk punt", None, "#2166ac"),
]
LABELS = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _num(x: float) -> str:
    return f"{x:.2f}"


def _likert_chart(rows: list[charts.LikertRow], chart_id: str = "c-likert") -> charts.LikertChart:
    return charts.likert_bars(rows, LABELS, chart_id=chart_id, title="Titel", desc="Beschrijving", pct=_pct)


def _likert(rows: list[charts.LikertRow], chart_id: str = "c-likert") -> str:
    return str(_likert_chart(rows, chart_id).svg)


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def _bars(svg: str) -> list[tuple[float, float, str]]:
    """(x0, x1, fill) of each stacked segment, top row first and left to right within a row."""
    return [(x0, x1, fill) for x0, x1, fill, _, _ in _bar_boxes(svg)]


def _subpaths(d: str) -> list[list[tuple[float, float]]]:
    """The points of each subpath (``M ... z``) of a path's ``d``: merged shapes share one path."""
    return [
        [(float(x), float(y)) for x, y in re.findall(r"[ML] ([\d.]+) ([\d.]+)", part)]
        for part in re.split(r"(?=M )", d.strip())
        if part.strip()
    ]


def test_likert_bars_diverge_around_zero_with_neutral_centred() -> None:
    """Disagreement left of zero, agreement right, the neutral share split evenly across zero."""
    svg = _likert([charts.LikertRow("S", [0.1, 0.2, 0.3, 0.25, 0.15])])
    bars = _bars(svg)
    assert len(bars) == 5
    colours = palette.likert_colours(5)
    assert [b[2] for b in bars] == colours
    root = ET.fromstring(svg)
    zero = next(  # the zero line is the one vertical line spanning all rows in ink colour
        float(m[1])
        for p in root.iter(f"{SVG}path")
        if (m := re.match(r"M ([\d.]+) [\d.]+\s+L \1 [\d.]+", p.get("d", "").strip()))
        and p.get("stroke") == "#222222"
    )
    width_per_share = (bars[-1][1] - bars[0][0]) / 1.0
    neutral = bars[2]
    assert neutral[0] < zero < neutral[1]
    assert (zero - neutral[0]) == pytest.approx(neutral[1] - zero, abs=0.2)
    assert zero - bars[0][0] == pytest.approx((0.1 + 0.2 + 0.15) * width_per_share, abs=0.3)
    texts = _texts(svg)
    assert "30%" in texts and "40%" in texts  # disagree and agree totals at the bar ends


def test_likert_item_labels_are_left_to_html_and_each_label_sits_on_its_bar() -> None:
    """The bars carry no item text (WeasyPrint lays SVG text out glyph by glyph); each label's row, in
    points from the chart's top, is centred on its bar, inside the chart's empty left column."""
    long = "Ik krijg regelmatig feedback waarmee ik mijn werk echt kan verbeteren, ook van leidinggevenden"
    chart = _likert_chart(
        [charts.LikertRow("Kort", [0.1, 0.2, 0.3, 0.25, 0.15]), charts.LikertRow(long, [0.2] * 5)]
    )
    texts = _texts(str(chart.svg))
    assert "Kort" not in texts and not any("feedback" in t for t in texts)
    assert set(LABELS) <= set(texts)  # the answer legend stays in the chart
    assert [label.lines for label in chart.labels] == [("Kort",), tuple(charts.wrap(long).split("\n"))]
    root = ET.fromstring(str(chart.svg))
    assert float(root.get("width", "").removesuffix("pt")) == chart.width
    assert float(root.get("height", "").removesuffix("pt")) == chart.height
    boxes = _bar_boxes(str(chart.svg))
    assert min(b[0] for b in boxes) > chart.label_width  # nothing drawn under the labels
    assert all(_width(line) <= chart.label_width for label in chart.labels for line in label.lines)
    centres = sorted({(b[3] + b[4]) / 2 for b in boxes})
    assert len(centres) == 2
    previous_end = chart.labels[0].top
    for label, centre in zip(chart.labels, centres, strict=True):
        assert label.top == pytest.approx(previous_end, abs=0.02)  # rows follow each other without gaps
        assert label.top + label.height / 2 == pytest.approx(centre, abs=0.1)
        text_height = len(label.lines) * charts.LINE_PT
        assert label.pad == pytest.approx((label.height - text_height) / 2, abs=0.01) and label.pad >= 0
        previous_end = label.top + label.height
    assert previous_end < chart.height


def _bar_boxes(svg: str) -> list[tuple[float, float, str, float, float]]:
    """(x0, x1, fill, y0, y1) of each stacked segment (white-edged rectangles), sorted by row, then x."""
    out = []
    for path in ET.fromstring(svg).iter(f"{SVG}path"):
        fill = path.get("fill", "")
        if not (re.fullmatch(r"#[0-9a-f]{6}", fill) and path.get("stroke") == "#ffffff"):
            continue
        for points in _subpaths(path.get("d", "")):
            if len(points) == 4:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                out.append((min(xs), max(xs), fill, min(ys), max(ys)))
    return sorted(out, key=lambda b: (b[3], b[0]))


def test_likert_segments_of_one_answer_share_one_path() -> None:
    """WeasyPrint pays per SVG element: three items' 15 segments are five paths, one per answer colour,
    and the four grid lines are one path; every segment keeps its own place and colour."""
    rows = [
        charts.LikertRow("A", [0.1, 0.2, 0.3, 0.25, 0.15]),
        charts.LikertRow("B", [0.3, 0.1, 0.2, 0.2, 0.2]),
        charts.LikertRow("C", [0.2] * 5),
    ]
    svg = _likert(rows)
    root = ET.fromstring(svg)
    bar_paths = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#ffffff"]
    assert [p.get("fill") for p in bar_paths] == palette.likert_colours(5)
    assert all(len(_subpaths(p.get("d", ""))) == 3 for p in bar_paths)
    grid = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#dddddd"]
    assert len(grid) == 1 and len(_subpaths(grid[0].get("d", ""))) == 4
    boxes = _bar_boxes(svg)
    assert len(boxes) == 15 and len({(b[3], b[4]) for b in boxes}) == 3
    for row in range(3):  # within a row: answer colours left to right, segments touching
        segs = boxes[row * 5 : row * 5 + 5]
        assert [b[2] for b in segs] == palette.likert_colours(5)
        assert all(a[1] == pytest.approx(b[0], abs=1e-3) for a, b in itertools.pairwise(segs))


def test_swatch_legend_never_overlaps_on_a_long_english_scale() -> None:
    """The figure legend (used by the benchmark charts) flows onto a new line rather than overlapping."""
    labels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
    layout = canvas._legend_layout(labels)
    assert len({line for _, line in layout}) == 1  # fits on one line
    for (x0, _), (x1, _), label in zip(layout, layout[1:], labels, strict=False):
        assert x0 * 72 + 0.22 * 72 + _width(label) < x1 * 72
    assert all(
        (x + 0.22) * 72 + _width(label) <= canvas.FIG_WIDTH * 72
        for (x, _), label in zip(layout, labels, strict=True)
    )
    squeezed = canvas._legend_layout(labels * 2)
    assert max(line for _, line in squeezed) >= 1  # ten entries do not fit on one line


def _width(label: str) -> float:
    """Width in points of 8 pt DejaVu Sans, measured independently of the chart code."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    props = FontProperties(family="DejaVu Sans", size=8)
    return float(text_to_path.get_text_width_height_descent(label, props, ismath=False)[0])


def test_long_labels_are_wrapped_not_cut() -> None:
    text = "Ik krijg regelmatig feedback waarmee ik mijn werk echt kan verbeteren, ook van leidinggevenden"
    wrapped = charts.wrap(text, 44)
    assert all(len(line) <= 44 for line in wrapped.split("\n"))
    assert wrapped.replace("\n", " ") == text
    split = charts.wrap("Kennisuitwisselingsbijeenkomsten", 10)
    assert all(len(line) <= 10 for line in split.split("\n"))
    assert split.replace("-\n", "") == "Kennisuitwisselingsbijeenkomsten"  # hyphenated, nothing lost
    chart = _likert_chart([charts.LikertRow(text, [0.2] * 5)])
    assert " ".join(chart.labels[0].lines) == text
    assert all(len(line) <= 44 for line in chart.labels[0].lines)


def test_user_text_is_escaped_and_never_mathtext() -> None:
    hostile = '$x^2$ <script>alert(1)</script> & =HYPERLINK("x")'
    svg = str(
        charts.gap_chart(
            [charts.GapRow(hostile, 2.3, 2.1, 0.2)],
            (1, 5),
            ("A", "B"),
            chart_id="g",
            title="t",
            desc="d",
            fmt=_num,
            signed=lambda x: f"{x:+.2f}",
        )
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert any("$x^2$" in t for t in _texts(svg))
    assert any('=HYPERLINK("x")' in t for t in _texts(svg))
    # Likert item labels are returned as plain text for the template, which autoescapes them.
    assert (
        _likert_chart([charts.LikertRow(hostile, [0.2] * 5)]).labels[0].lines[0].startswith("$x^2$ <script>")
    )


def test_heatmap_says_why_a_group_is_hidden_in_every_cell_and_colours_by_difference() -> None:
    total = charts.HeatGroup("Organisatie", [2.5, 3.0, 2.75], "n = 40")
    groups = [
        charts.HeatGroup("Kantoor", None, hidden_text="te klein"),
        charts.HeatGroup("Magazijn", None, hidden_text="verborgen ter bescherming"),
        charts.HeatGroup("Productie", [2.06, 3.5, None], "n = 23"),
    ]
    svg = str(
        charts.heatmap(
            total,
            groups,
            ["Feedback", "Autonomie", "Index"],
            chart_id="h",
            title="t",
            desc="d",
            fmt=_num,
            legend=heatmap_legend(_num, lambda x: f"{x:+.2f}"),
            legend_title="Verschil:",
        )
    )
    texts = _texts(svg)
    assert texts.count("te klein") == 3
    assert sum("verborgen" in t for t in texts) == 3
    assert not any("n <" in t for t in texts)
    assert {"2.06", "3.50", "–", "2.50"} <= set(texts)  # a missing (not hidden) score is a dash, never blank
    assert "n = 23" in "\n".join(texts) and "n = 40" in "\n".join(texts)
    fills = {p.get("fill") for p in ET.fromstring(svg).iter(f"{SVG}path")}
    assert diverging(2.06 - 2.5, DIFF_LIMIT) in fills  # below the total: red
    assert diverging(0.5, DIFF_LIMIT) in fills  # above: blue
    assert diverging(-0.44, DIFF_LIMIT) != diverging(0.5, DIFF_LIMIT)
    hatched = [p for p in ET.fromstring(svg).iter(f"{SVG}path") if p.get("fill", "").startswith("url(#")]
    assert len(hatched) == 1 and len(_subpaths(hatched[0].get("d", ""))) == 6  # one pattern fill, 6 cells


@pytest.mark.parametrize("names", [[f"Afdeling {c}" for c in "ABCDEFGHIJKLMN"], ["Verpleeghuis"] * 8])
def test_heatmap_with_many_groups_or_long_names_puts_the_groups_on_the_rows(names: list[str]) -> None:
    """Fourteen groups (columns 0.3 in wide) or eight with a 12-letter name: as columns the names were split
    mid-word ("Afd-", "el-", "ing") and scores rounded to one decimal. Turned, every group name, with its n,
    is one text, every factor name is split between words only, and each score keeps two decimals and
    its colour by difference from the total; a hidden group is one hatched bar with its reason."""
    factors = ["Evaluatie, reflectie en feedback", "Externe contacten en kennisuitwisseling", "Index"]
    total = charts.HeatGroup("Organisatie", [2.5, 3.0, 2.75], "n = 324")
    groups = [
        charts.HeatGroup(f"{n} {k}", [2.06 + k / 100, 3.5, 2.8], f"n = {10 + k}") for k, n in enumerate(names)
    ]
    groups[1] = charts.HeatGroup(groups[1].label, None, hidden_text="te klein")
    svg = str(
        charts.heatmap(
            total, groups, factors, chart_id="h", title="t", desc="d", fmt=_num,
            legend=heatmap_legend(_num, lambda x: f"{x:+.2f}"), legend_title="Verschil:",
        )
    )  # fmt: skip
    texts = _texts(svg)
    lines = [line for t in texts for line in t.split("\n")]
    assert "Organisatie (n = 324)" in texts
    for k, g in enumerate(groups):
        assert f"{g.label} (n = {10 + k})" in texts or (g.values is None and g.label in texts)
    assert not any(line.endswith("-") for line in lines)  # no word split with a hyphen
    words = {w for f in factors for w in f.split()}
    assert {w for line in lines for w in line.split()} >= words  # each factor word whole on some line
    assert (
        "2.06" in texts and f"{2.06 + (len(names) - 1) / 100:.2f}" in texts and texts.count("te klein") == 1
    )
    fills = {p.get("fill") for p in ET.fromstring(svg).iter(f"{SVG}path")}
    assert diverging(2.06 - 2.5, DIFF_LIMIT) in fills and diverging(0.5, DIFF_LIMIT) in fills
    hatched = [p for p in ET.fromstring(svg).iter(f"{SVG}path") if p.get("fill", "").startswith("url(#")]
    assert len(hatched) == 1 and len(_subpaths(hatched[0].get("d", ""))) == 1  # one bar for the hidden row


def test_factor_overview_marks_band_thresholds_and_colours_by_band() -> None:
    rows = [
        charts.MeanRow("Feedback", 2.06, 1.9, 2.2, charts.colour_for(2.06, BANDS)),
        charts.MeanRow("Motivatie", 3.9, 3.7, 4.1, charts.colour_for(3.9, BANDS)),
        charts.MeanRow("Index", 2.98, 2.8, 3.1, charts.colour_for(2.98, BANDS), emphasis=True),
    ]
    svg = str(
        charts.factor_overview(
            rows, BANDS, (1, 5), chart_id="o", title="t", desc="d", fmt=_num, tick=lambda x: f"{x:.0f}"
        )
    )
    texts = _texts(svg)
    assert {"Knelpunt", "Aandachtspunt", "Sterk punt", "2.06", "3.90", "2.98"} <= set(texts)
    assert "#b2182b" in svg and "#2166ac" in svg and "#e08214" in svg
    assert charts.colour_for(2.49, BANDS) == "#b2182b" and charts.colour_for(2.5, BANDS) == "#e08214"
    assert charts.colour_for(None, BANDS) == "#888888"


def test_gap_and_position_charts_label_every_row() -> None:
    gap = str(
        charts.gap_chart(
            [charts.GapRow("Feedback", 2.3, 2.1, 0.2), charts.GapRow("Autonomie", None, 3.0, None)],
            (1, 5),
            ("Leidinggevenden", "Medewerkers"),
            chart_id="g",
            title="t",
            desc="d",
            fmt=_num,
            signed=lambda x: f"{x:+.2f}",
        )
    )
    assert {"Feedback", "Autonomie", "+0.20", "Leidinggevenden", "Medewerkers"} <= set(_texts(gap))
    position = str(
        charts.position_chart(
            [charts.PositionRow("Feedback", 2.06, 2.45, 2.8, 3.1)],
            (1, 5),
            ("Wij", "P25–P75", "Mediaan"),
            chart_id="p",
            title="t",
            desc="d",
            fmt=_num,
            right_labels=["P19"],
        )
    )
    assert {"Feedback", "P19", "Wij", "P25–P75", "Mediaan"} <= set(_texts(position))


def test_even_scale_has_no_neutral_and_splits_at_zero() -> None:
    labels = ["Oneens", "Eerder oneens", "Eerder eens", "Eens"]
    svg = str(
        charts.likert_bars(
            [charts.LikertRow("S", [0.1, 0.3, 0.4, 0.2])], labels, chart_id="e", title="t", desc="d", pct=_pct
        ).svg
    )
    bars = _bars(svg)
    assert [b[2] for b in bars] == palette.likert_colours(4)
    assert palette.LIKERT_NEUTRAL not in palette.likert_colours(4)
    unit = (bars[-1][1] - bars[0][0]) / 1.0
    zero = bars[2][0]  # agreement starts exactly at zero
    assert zero - bars[0][0] == pytest.approx(0.4 * unit, abs=0.3)
    assert {"40%", "60%"} <= set(_texts(svg))


# --- the priority matrix's labels ------------------------------------------------------------------
def test_priority_labels_cover_no_dot_and_no_other_label() -> None:
    """The drivers of the example's first company (where labels used to run over a neighbour's dot) and a
    tight cluster: every label box is clear of every other dot and of the labels placed before it."""
    from lerende_scan.report.charts.priority import PriorityPoint, _label_places

    def point(label: str, score: float, share: float) -> PriorityPoint:
        return PriorityPoint(label, score, share, None, None, True)

    cases = [
        [
            point("Evaluatie, reflectie en feedback", 2.15, 0.24),
            point("Externe contacten en kennisuitwisseling", 2.38, 0.08),
            point("Autonomie en hele taken", 2.78, 0.24),
            point("Leidinggevende als voorbeeld", 3.04, 0.02),
            point("Psychologische veiligheid", 3.78, 0.43),
        ],
        [point(f"Factor met een lange naam {k}", 2.5 + 0.1 * k, 0.2 + 0.01 * k) for k in range(5)],
    ]
    top, span, char, line = 0.7, 1.0, 0.056 / 1.5, 0.15 / 2.3 * 0.7
    for points in cases:
        labels = [canvas.wrap(p.label, 24) for p in points]
        places = _label_places(points, labels, (1.0, 5.0), top)
        boxes = []
        for p, text, (y, right) in zip(points, labels, places, strict=True):
            width = max(len(t) for t in text.splitlines()) * char * span
            half = len(text.splitlines()) * line / 2
            x = p.score + (0.07 if right else -0.07)
            boxes.append((x, y - half, x + width, y + half) if right else (x - width, y - half, x, y + half))
        for i, b in enumerate(boxes):
            assert b[0] >= 1.0 and b[2] <= 5.0
            for j, q in enumerate(points):
                if j != i:
                    assert not (b[0] < q.score < b[2] and b[1] < q.share < b[3]), (points[i].label, q.label)
            for c in boxes[:i]:
                assert not (b[0] < c[2] and c[0] < b[2] and b[1] < c[3] and c[1] < b[3])
