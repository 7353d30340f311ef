"""The sector benchmark report: every section and factor name in Dutch and English, the ranking with the
bottleneck share (a count below 20 organisations), one ranking statistic in tables and charts, inert
names, self-contained accessible charts, a heatmap with n and a sector row that fills its pages and stays
legible for many companies, a plain method page, deterministic bytes, and a PDF whose text layer and pages
are right."""

from __future__ import annotations

import datetime as dt
import functools
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lerende_scan.benchmark import Benchmark, build_benchmark
from lerende_scan.questionnaire import Questionnaire, load_questionnaire, localise
from lerende_scan.report import ReportOptions, html_to_pdf, render_benchmark_html
from lerende_scan.report.charts.sector import CELL_LABEL_MAX, heatmap_capacity
from lerende_scan.report.sector import COUNTS_BELOW, PAGE_FIRST, PAGE_NEXT
from lerende_scan.results import CompanyResult, DataQuality, FactorResult, QuestionnaireRef, Respondents

Q = load_questionnaire()
DATE = dt.date(2026, 11, 22)
IDS = [f.id for f in Q.factors]
HOSTILE = "<script>alert(1)</script>"
NAMES = {f.id: f.name for f in Q.factors}


def company(name: str, means: list[float], valid: int = 12) -> CompanyResult:
    """A scored company as the scoring engine returns it, reduced to what a benchmark reads."""

    def factor(fid: str, mean: float) -> FactorResult:
        return FactorResult(
            id=fid, n=valid, mean=mean, sd=None, ci_low=None, ci_high=None, alpha=None, band=None
        )

    return CompanyResult(
        questionnaire=QuestionnaireRef(id=Q.id, version=Q.version, hash=Q.content_hash()),
        company=name,
        respondents=Respondents(received=valid, valid=valid),
        index=factor("index", float(np.mean(means))),
        factors=[factor(fid, m) for fid, m in zip(IDS, means, strict=True)],
        opportunities=IDS,
        strengths=IDS[::-1],
        data_quality=DataQuality(received=valid, valid=valid, excluded={}, flagged={}, missing_pct={}),
    )


def sector(n: int, seed: int = 3) -> list[CompanyResult]:
    rng = np.random.default_rng(seed)
    means = np.clip(rng.normal([2.6, 3.0, 3.6, 3.1, 2.9, 3.4], 0.45, size=(n, len(IDS))), 1, 5)
    return [company(f"Organisatie {i:03d}", row.tolist()) for i, row in enumerate(means)]


# Feedback: 3 of 7 companies below 2.5 (bottleneck); it has the lowest sector mean.
SEVEN = [
    company(f"Bedrijf {i}", [fb, 3.0 + 0.1 * i, 3.6, 3.2, 3.3, 3.9])
    for i, fb in enumerate([2.0, 2.2, 2.4, 2.6, 2.8, 3.0, 3.2])
]


def bench_of(results: list[CompanyResult], **kw: object) -> Benchmark:
    return build_benchmark(results, Q, name="VVT Noord-Holland 2026", date=DATE, **kw).benchmark  # type: ignore[arg-type]


def render(bench: Benchmark, lang: str, questionnaire: Questionnaire = Q) -> str:
    return render_benchmark_html(bench, questionnaire, ReportOptions(lang=lang, date=DATE))


@pytest.fixture(scope="module")
def seven() -> Benchmark:
    """The benchmark of :data:`SEVEN`, built once for the module."""
    return bench_of(SEVEN)


@pytest.fixture(scope="module")
def seven_html(seven: Benchmark) -> Callable[[str], str]:
    """The report of :data:`SEVEN` in a language, rendered once each."""
    return functools.cache(lambda lang: render(seven, lang))


@pytest.mark.parametrize(
    ("lang", "heading"), [("nl", "Waar ligt de meeste ruimte"), ("en", "Where the most room lies")]
)
def test_every_section_and_factor_name_in_both_languages(
    seven_html: Callable[[str], str], lang: str, heading: str
) -> None:
    html = seven_html(lang)
    for section in ("summary", "room", "distribution", "heatmap", "excluded", "method"):
        assert f'id="{section}"' in html
    assert heading in html and f'<html lang="{lang}">' in html
    for factor in Q.factors:
        assert str(localise(factor.name, lang)) in html
    other = "en" if lang == "nl" else "nl"
    assert str(localise(Q.factors[0].name, other)) not in html


def test_room_ranks_factors_by_sector_mean_with_the_bottleneck_share(
    seven: Benchmark, seven_html: Callable[[str], str]
) -> None:
    bench = seven
    html = seven_html("nl")
    table = html[html.index('ranking"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r"<tr><td class=\"num\">(\d+)</td><td>([^<]+)</td><td class=\"num\">[^<]+</td>"
        r"<td class=\"num\">[^<]+</td><td class=\"num\">([^<]+)</td>",
        table,
    )
    names = [str(localise(NAMES[f.id], "nl")) for f in bench.factors]
    assert [r[1] for r in rows] == names
    assert rows[0] == ("1", str(localise(NAMES["feedback"], "nl")), "3 van 7")  # 3 of 7 below 2.5
    assert "sectoroverleg" in html


def test_names_are_inert_and_only_shown_when_named() -> None:
    results = [*SEVEN[:6], company(HOSTILE, [3.0] * 6)]
    small = company("Klein & <b>Co</b>", [3.0] * 6, valid=3)
    anonymous = render(bench_of([*results, small]), "en")
    assert "alert(1)" not in anonymous and "Bedrijf 0" not in anonymous and "Klein" not in anonymous
    named = render(bench_of([*results, small], named=True), "en")
    assert "<script>alert" not in named and "<b>Co</b>" not in named
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in named and "Klein &amp; &lt;b&gt;Co&lt;/b&gt;" in named
    assert "fewer than 5 usable questionnaires" in named


def test_html_is_self_contained_and_charts_have_title_and_desc(seven_html: Callable[[str], str]) -> None:
    html = seven_html("nl")
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", html)
    assert "@import" not in html and "url(http" not in html
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == 3  # room, distribution, heatmap
    for svg in svgs:
        assert re.search(r"<title id=\"[^\"]+\">[^<]+</title><desc id=\"[^\"]+\">[^<]+</desc>", svg)


def _capacities(bench: Benchmark) -> tuple[int, int]:
    """Colour-only heatmap rows on the first page and on each following page."""
    from lerende_scan.report.sector.view import View

    v = View(bench, Q, "en", ReportOptions(lang="en"))
    columns = [v.name(f.id) for f in bench.factors] + ["Learning organisation index"]
    first, rest = (heatmap_capacity(h, columns, v.styles) for h in (PAGE_FIRST, PAGE_NEXT))
    assert rest > first > 40  # a page holds far more than the 60 rows it used to
    return first, rest


def test_heatmap_has_numbers_for_few_companies_and_splits_many_over_pages(
    seven_html: Callable[[str], str],
) -> None:
    few = seven_html("nl")
    heat = few[few.index('id="heatmap"') : few.index('id="excluded"')]
    assert heat.count("<svg") == 1 and "3,60</text>" in heat  # psychological safety, every company
    probe = bench_of(sector(50))
    first, rest = _capacities(probe)
    total = first + rest + 5
    many = bench_of(sector(total))
    html = render(many, "en")
    heat = html[html.index('id="heatmap"') : html.index('id="excluded"')]
    assert heat.count("<svg") == 3  # first + rest + 5 companies
    assert f"With more than {CELL_LABEL_MAX} organisations" in heat
    assert f"Organisations 1 to {first} of {total}" in heat
    assert f"Organisations {first + rest + 1} to {total} of {total}" in heat
    codes = re.findall(r">(B\d{3})<", heat)
    assert sorted(codes) == sorted(c.code for c in many.companies)  # every company, once


def test_heatmap_has_an_n_column_and_a_sector_row(seven: Benchmark, seven_html: Callable[[str], str]) -> None:
    """Each organisation's n beside its code, and on top the sector: its respondents and the sector mean
    of every factor and of the index, in bold, before the first organisation."""
    html = seven_html("en")
    svg = html[html.index('id="heatmap"') : html.index('id="excluded"')]
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    sector_at = texts.index("Sector")
    assert texts[sector_at + 1] == str(seven.provenance.respondents)  # 84 respondents: 7 × 12
    means = [f"{f.mean:.2f}" for f in seven.factors] + [f"{seven.index.mean:.2f}"]
    assert texts[sector_at + 2 : sector_at + 2 + len(means)] == means
    first = min(seven.companies, key=lambda c: c.index or 0.0)
    assert texts.index(first.code) > sector_at and texts[texts.index(first.code) + 1] == "12"


def test_many_heatmap_pages_are_full_and_each_part_on_its_own_page(tmp_path: Path) -> None:
    """Every heatmap part is one page: the first shares its page with the heading, the others fill a page
    each, and nothing spills onto a page of its own."""
    probe = bench_of(sector(50))
    first, rest = _capacities(probe)
    total = first + 2 * rest
    options = ReportOptions(lang="en", date=DATE)
    path = tmp_path / "many.pdf"
    path.write_bytes(html_to_pdf(render(bench_of(sector(total)), "en"), options))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    pages = text.split("\f")
    parts = [i for i, page in enumerate(pages) if re.search(r"Organisations \d+ to \d+ of", page)]
    assert len(parts) == 3 and parts == list(range(parts[0], parts[0] + 3))
    assert "All organisations per factor" in pages[parts[0]]


def test_same_input_gives_identical_bytes() -> None:
    bench = bench_of(sector(12))
    assert render(bench, "nl") == render(bench, "nl")


def test_pdf_has_every_factor_name_and_no_blank_page(
    seven_html: Callable[[str], str], tmp_path: Path
) -> None:
    options = ReportOptions(lang="nl", date=DATE)
    path = tmp_path / "benchmark.pdf"
    path.write_bytes(html_to_pdf(seven_html("nl"), options))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    flat = " ".join(text.split())
    for factor in Q.factors:
        assert " ".join(str(localise(factor.name, "nl")).split()) in flat
    assert "Waar ligt de meeste ruimte" in flat and "Bijlage: methode" in flat
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert 4 <= len(images) <= 7
    for image in images:
        with Image.open(image) as im:
            grey = im.convert("L")
            assert sum(grey.histogram()[:200]) > 0.005 * grey.width * grey.height, image.name


@pytest.fixture(scope="module")
def hundred() -> Benchmark:
    """A benchmark of 100 companies of 12 respondents each, built once for the module."""
    return bench_of(sector(100))


@pytest.mark.parametrize(("lang", "written"), [("nl", "1.200"), ("en", "1,200")])
def test_respondent_totals_are_grouped_by_thousands(hundred: Benchmark, lang: str, written: str) -> None:
    """100 companies of 12 = 1,200 respondents, on the cover and in the summary text."""
    html = render(hundred, lang)
    assert html.count(written) >= 2
    assert not re.search(r"[^\d.,]1200 ", html)  # never ungrouped in text (chart coordinates aside)


def _numbers(svg: str) -> list[str]:
    """The texts of a chart that are scores (two decimals), in drawing order."""
    return [x for x in re.findall(r"<text[^>]*>([^<]*)</text>", svg) if re.fullmatch(r"\d[.,]\d\d", x)]


def _column(table: str, index: int) -> list[str]:
    return [
        re.findall(r"<td[^>]*>([^<]*)</td>", row)[index] for row in re.findall(r"<tr[^>]*><td.*?</tr>", table)
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_statistic_ranks_and_is_shown_in_tables_and_charts(
    seven: Benchmark, seven_html: Callable[[str], str], lang: str
) -> None:
    """The mean of the organisations ranks the factors and is the number printed in the room chart and table,
    in the distribution chart and table, and in the index box; the chart names it above its column."""
    html = seven_html(lang)
    mean = "Gemiddelde" if lang == "nl" else "Mean"
    sep = "," if lang == "nl" else "."
    means = [f"{f.mean:.2f}".replace(".", sep) for f in seven.factors]
    assert [f.mean for f in seven.factors] == sorted(f.mean for f in seven.factors if f.mean is not None)
    room = html[html.index('id="room"') : html.index('id="distribution"')]
    chart, table = room[: room.index("</svg>")], room[room.index('class="data') :]
    assert _numbers(chart) == means == _column(table, 2)
    assert f">{mean}</text>" in chart and f">{mean}</th>" in table
    spread = html[html.index('id="distribution"') : html.index('id="heatmap"')]
    chart, table = spread[: spread.index("</svg>")], spread[spread.index('class="data') :]
    index = f"{seven.index.mean:.2f}".replace(".", sep)
    assert _numbers(chart) == [*means, index] == _column(table, 2)
    assert f">{mean}</text>" in chart
    summary = html[html.index('id="summary"') : html.index('id="room"')]
    assert f'<p class="index-value">{index}</p>' in summary


def test_shares_are_counts_below_20_organisations_and_whole_percentages_from_20() -> None:
    """Below COUNTS_BELOW organisations every share reads "3 van 8" in the table, the chart's segments
    and axis count organisations, and no share is a percentage; from 20 on the shares are percentages
    that add up to exactly 100% per factor."""
    small = render(bench_of(sector(COUNTS_BELOW - 1)), "nl")
    room = small[small.index('id="room"') : small.index('id="distribution"')]
    table = room[room.index('class="data') :]
    total = COUNTS_BELOW - 1
    for i in (4, 5, 6):
        assert all(re.fullmatch(rf"\d+ van {total}", cell) for cell in _column(table, i))
    rows = zip(*(_column(table, i) for i in (4, 5, 6)), strict=True)
    assert all(sum(int(c.split()[0]) for c in row) == total for row in rows)
    assert "%" not in room[room.index('id="room"') : room.index("</table>")]
    assert f"Aantal organisaties (van {total})" in room
    summary = small[small.index('id="summary"') : small.index('id="room"')]
    assert f"van {total} organisaties" in summary and "%" not in summary
    big = render(bench_of(sector(COUNTS_BELOW)), "nl")
    room = big[big.index('id="room"') : big.index('id="distribution"')]
    table = room[room.index('class="data') :]
    for row in zip(*(_column(table, i) for i in (4, 5, 6)), strict=True):
        assert all(c.endswith("%") for c in row) and sum(int(c[:-1]) for c in row) == 100


def test_method_is_plain_and_the_technical_detail_is_in_the_note_at_the_end(
    seven_html: Callable[[str], str],
) -> None:
    """The method page speaks to a programme coordinator; the percentile method, file names and commands
    are only in the technical note, the last part of the report."""
    for lang in ("nl", "en"):
        html = seven_html(lang)
        plain = html[html.index('id="method"') : html.index('id="technical"')]
        technical = html[html.index('id="technical"') :]
        for detail in ("Hazen", "hazen", "benchmark.json", "scan benchmark", "scan score", "numpy", "sha256"):
            assert detail not in plain, detail
        for detail in ("Hazen", "benchmark.json", "scan benchmark", "--benchmark benchmark.json", "sha256"):
            assert detail in technical, detail
        assert "<section" not in technical  # nothing after the note
    assert "Elke organisatie vindt haar eigen code in haar eigen rapport" in seven_html("nl")
