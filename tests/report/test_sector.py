"""The sector benchmark report: every section and factor name in Dutch and English, the ranking with the
bottleneck share, inert names, self-contained accessible charts, a heatmap that stays legible for many
companies, deterministic bytes, and a PDF whose text layer and pages are right."""

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
from lerende_scan.report.charts.sector import CELL_LABEL_MAX
from lerende_scan.report.sector import HEATMAP_ROWS
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
    table = html[html.index('class="data ranking"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r"<tr><td class=\"num\">(\d+)</td><td>([^<]+)</td>.*?<td class=\"num\">(\d+%)</td></tr>", table
    )
    names = [str(localise(NAMES[f.id], "nl")) for f in bench.factors]
    assert [r[1] for r in rows] == names
    assert rows[0] == ("1", str(localise(NAMES["feedback"], "nl")), "43%")  # 3 of 7 below 2.5
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


def test_heatmap_has_numbers_for_few_companies_and_splits_many_over_pages(
    seven_html: Callable[[str], str],
) -> None:
    few = seven_html("nl")
    heat = few[few.index('id="heatmap"') : few.index('id="excluded"')]
    assert heat.count("<svg") == 1 and "3,60</text>" in heat  # psychological safety, every company
    many = bench_of(sector(2 * HEATMAP_ROWS + 5))
    html = render(many, "en")
    heat = html[html.index('id="heatmap"') : html.index('id="excluded"')]
    assert heat.count("<svg") == 3  # 60 + 60 + 5 companies
    assert f"With more than {CELL_LABEL_MAX} organisations" in heat
    assert "Organisations 121 to 125 of 125" in heat
    codes = re.findall(r">(B\d{3})<", heat)
    assert sorted(codes) == sorted(c.code for c in many.companies)  # every company, once


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
