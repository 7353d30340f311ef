"""The PDF report: A4 pages in the expected range, none blank or half empty, every factor name in the text
layer in the chosen language, hostile names as plain text, and a URL fetcher that serves only data: URIs and
template files. Needs poppler-utils (pdftotext, pdfinfo, pdftoppm); CI installs them, so a missing tool
fails."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from tests.report.pages import page_fill

from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.report import ReportOptions, html_to_pdf, render_company_html
from lerende_scan.report.pdf import SafeFetcher, refused_references
from lerende_scan.resources import templates_dir
from lerende_scan.results import Breakdown, CompanyResult

DATE = dt.date(2026, 11, 22)


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def _company_pdf(result: CompanyResult, questionnaire: Questionnaire, lang: str, path: Path) -> Path:
    """The company report as ``scan score`` makes it (language and date only), written to ``path``."""
    options = ReportOptions(lang=lang, date=DATE)
    path.write_bytes(html_to_pdf(render_company_html(result, questionnaire, options), options))
    return path


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])  # type: ignore[index]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_is_a4_with_the_expected_number_of_pages(pdfs: dict[str, Path], lang: str) -> None:
    info = subprocess.run(["pdfinfo", str(pdfs[lang])], capture_output=True, check=True, text=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info or "595.28 x 841.89 pts (A4)" in info
    # cover, summary, overview, 6 factor pages, groups, leaders, benchmark, 2 appendices
    assert 12 <= _pages(pdfs[lang]) <= 16


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_text_has_every_factor_name_page_numbers_and_header(
    pdfs: dict[str, Path], questionnaire: Questionnaire, lang: str
) -> None:
    text = _text(pdfs[lang])
    flat = " ".join(text.split())
    for factor in questionnaire.factors:
        assert " ".join(str(localise(factor.name, lang)).split()) in flat
    pages = _pages(pdfs[lang])
    label = "pagina {} van {}" if lang == "nl" else "page {} of {}"
    assert label.format(2, pages) in flat and label.format(pages, pages) in flat
    assert label.format(1, pages) not in flat  # the cover has no page number
    assert flat.count("Van Dijk Metaalbewerking B.V. · Adviesbureau Leerkracht") == pages - 1


def test_each_factor_starts_its_own_page(pdfs: dict[str, Path], questionnaire: Questionnaire) -> None:
    headings = []
    for page in _text(pdfs["en"]).split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if len(lines) > 1:
            headings.append(lines[1])  # line 0 is the running header
    for factor in questionnaire.factors:
        assert str(localise(factor.name, "en")) in headings


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_page_is_blank(pdfs: dict[str, Path], lang: str, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdfs[lang]), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) == _pages(pdfs[lang])
    for image in images:
        with Image.open(image) as im:
            grey = im.convert("L")
            dark = sum(grey.histogram()[:200])
            assert dark > 0.005 * grey.width * grey.height, f"{image.name} is (nearly) blank"


def test_hostile_names_are_text_in_the_pdf(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    department = fixture_result.groups[0]
    groups = [
        g.model_copy(update={"name": '=HYPERLINK("x")'}) if g.name == "Productie" else g
        for g in department.groups
    ]
    hostile = fixture_result.model_copy(
        update={
            "company": "<script>alert(1)</script>",
            "groups": [Breakdown(column="department", groups=groups), *fixture_result.groups[1:]],
        }
    )
    options = ReportOptions(lang="nl", date=DATE)
    path = tmp_path / "hostile.pdf"
    path.write_bytes(html_to_pdf(render_company_html(hostile, questionnaire, options), options))
    text = _text(path)
    assert "<script>alert(1)</script>" in text
    assert '=HYPERLINK("x")' in text


# --- the URL fetcher -------------------------------------------------------------------------------
def _refused(fetcher: SafeFetcher, url: str) -> None:
    with pytest.raises(ScanError) as err:
        fetcher.fetch(url)
    assert err.value.findings[0].code is Code.RESOURCE_REFUSED


def test_fetcher_refuses_files_outside_the_templates_and_every_network_scheme(tmp_path: Path) -> None:
    fetcher = SafeFetcher([templates_dir()])
    _refused(fetcher, "file:///etc/passwd")
    _refused(fetcher, "http://example.invalid/logo.png")
    _refused(fetcher, "https://example.invalid/font.woff2")
    _refused(fetcher, "ftp://example.invalid/x")
    _refused(fetcher, (templates_dir() / ".." / ".." / "pyproject.toml").as_uri())
    link = templates_dir() / "__test_link__"
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    try:
        link.symlink_to(secret)
        _refused(fetcher, link.as_uri())  # a symlink out of the template directory is outside it
    finally:
        link.unlink(missing_ok=True)


def test_fetcher_serves_data_uris_and_template_files() -> None:
    fetcher = SafeFetcher([templates_dir()])
    response = fetcher.fetch("data:text/plain;base64,aGFsbG8=")
    assert response.read() == b"hallo"
    css = fetcher.fetch((templates_dir() / "report.css").as_uri())
    assert b"@page" in css.read()


def test_a_report_referencing_local_and_remote_files_fetches_nothing(
    questionnaire: Questionnaire, fixture_result: CompanyResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even markup that bypassed escaping (say, a hostile custom template) fetches no file or URL."""
    asked: list[str] = []
    original = SafeFetcher.fetch

    def spy(self: SafeFetcher, url: str, headers: object = None) -> object:
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(SafeFetcher, "fetch", spy)
    options = ReportOptions(lang="en", date=DATE)
    html = render_company_html(
        fixture_result.model_copy(update={"company": '<img src="file:///etc/passwd">'}),
        questionnaire,
        options,
    )
    html = html.replace(
        "</main>",
        '<img src="file:///etc/passwd"><img src="http://example.invalid/x.png">'
        '<link rel="stylesheet" href="https://example.invalid/a.css"></main>',
    )
    pdf = html_to_pdf(html, options)
    assert pdf.startswith(b"%PDF")
    assert "file:///etc/passwd" in asked and "http://example.invalid/x.png" in asked
    assert b"root:x:0:0" not in pdf


def test_the_refused_references_are_the_fetches_weasyprint_is_refused(
    questionnaire: Questionnaire, fixture_result: CompanyResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint logs a refused fetch and renders on, so a custom template's web logo vanished without a
    word; refused_references finds them beforehand (O005). The oracle: what WeasyPrint asked for."""
    refused: list[str] = []
    original = SafeFetcher.fetch

    def spy(self: SafeFetcher, url: str, headers: object = None) -> object:
        try:
            return original(self, url, headers)
        except ScanError:
            refused.append(url)
            raise

    monkeypatch.setattr(SafeFetcher, "fetch", spy)
    options = ReportOptions(lang="en", date=DATE)
    shipped = render_company_html(fixture_result, questionnaire, options)
    assert refused_references(shipped, options) == []
    css = (templates_dir() / "report.css").as_uri()
    html = shipped.replace(
        "</main>",
        '<img src="file:///etc/passwd"><img src="http://example.invalid/x.png">'
        f'<link rel="stylesheet" href="https://example.invalid/a.css"><link rel="stylesheet" href="{css}">'
        "<div style=\"background: url('https://example.invalid/bg.png')\"></div>"
        '<a href="https://example.invalid/page">a link is not fetched</a></main>',
    )
    html_to_pdf(html, options)
    found = refused_references(html, options)
    assert found == ["file:///etc/passwd", "http://example.invalid/x.png", "https://example.invalid/a.css",
                     "https://example.invalid/bg.png"]  # fmt: skip
    assert set(found) == set(refused)


def test_pdf_keeps_a_data_uri_logo(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["nl"].read_bytes()
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


def test_html_reports_do_not_need_weasyprint(fresh_process_html: tuple[str, bool, bool]) -> None:
    """Importing the report package and rendering HTML never loads WeasyPrint (Pango may be missing)."""
    _, after_import, after_rendering = fresh_process_html
    assert after_import is False
    assert after_rendering is False


def test_missing_pdf_libraries_are_a_catalogue_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys as _sys

    monkeypatch.setitem(_sys.modules, "lerende_scan.report.pdf", None)  # import now raises ImportError
    with pytest.raises(ScanError) as err:
        html_to_pdf("<p>x</p>", ReportOptions(lang="nl"))
    assert err.value.findings[0].code is Code.PDF_UNAVAILABLE


def test_font_configuration_is_reused_per_thread_and_not_shared_between_threads() -> None:
    """A fresh WeasyPrint FontConfiguration per report reloads the font list and empties Pango's caches;
    one per thread is reused, and another thread gets its own (Pango font maps are not thread-safe)."""
    import threading

    from lerende_scan.report import pdf as pdf_module

    mine = pdf_module._font_config()
    assert pdf_module._font_config() is mine
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(pdf_module._font_config()))
    thread.start()
    thread.join()
    assert other and other[0] is not mine


def test_the_lean_user_agent_stylesheet_draws_what_weasyprints_own_draws(tmp_path: Path) -> None:
    """Markers only on list items, no footnote calls: a page of lists, headings, a table, a quote and
    bold text comes out pixel for pixel as with WeasyPrint's full stylesheet, and only those rules go."""
    from weasyprint import HTML
    from weasyprint import html as weasyprint_html

    from lerende_scan.report import pdf as pdf_module

    lean = pdf_module._lean_user_agent_css(weasyprint_html.UA)
    removed = set(weasyprint_html.UA.splitlines()) - set(lean.splitlines())
    assert removed and all(line.startswith(("::marker", "::footnote-", "::note-")) for line in removed)
    assert "li::marker" in lean

    html = (
        "<h1>Titel</h1><h2>Kop</h2><ol><li>een</li><li>twee<ul><li>drie</li></ul></li></ol>"
        "<p><b>vet</b> <q>citaat</q> <em>nadruk</em></p><table><tr><th>kop</th><td>cel</td></tr></table>"
        "<details><summary>meer</summary>tekst</details>"
    )
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "theirs.pdf"
    ours.write_bytes(html_to_pdf(html, ReportOptions(lang="nl")))
    theirs.write_bytes(HTML(string=html).write_pdf())
    for name in ("ours", "theirs"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True
        )
    assert Image.open(tmp_path / "ours-1.png").tobytes() == Image.open(tmp_path / "theirs-1.png").tobytes()


def test_garbage_collection_is_paused_during_rendering_and_restored_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The collector is off while WeasyPrint renders (a fifth of the PDF time otherwise) and on again
    afterwards, also when rendering fails."""
    import gc

    from weasyprint import HTML

    seen: list[bool] = []
    real_render = HTML.render

    def spy(self: object, *args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "render", spy)
    assert gc.isenabled()
    assert html_to_pdf("<p>x</p>", ReportOptions(lang="nl")).startswith(b"%PDF")
    assert seen == [False] and gc.isenabled()

    def broken(self: object, *args: object, **kwargs: object) -> object:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(HTML, "render", broken)
    with pytest.raises(RuntimeError):
        html_to_pdf("<p>x</p>", ReportOptions(lang="nl"))
    assert gc.isenabled()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_crowded_summary_still_fits_its_page(
    example_result: CompanyResult,
    fixture_result: CompanyResult,
    questionnaire: Questionnaire,
    lang: str,
    tmp_path: Path,
) -> None:
    """Everything the summary can say at once: pioneers, a leaders gap, a sector position with the
    company's code, two low-alpha notes and five hotspots on the factor with the longest name. It stays
    one page: the next page is the overview, not a spill of the summary's last lines."""
    assert example_result.pioneers and len(example_result.hotspots) >= 5
    assert fixture_result.benchmark is not None
    factors = [
        f.model_copy(update={"alpha": 0.5}) if f.id in {"external", "autonomy"} else f
        for f in example_result.factors
    ]
    hotspots = [h.model_copy(update={"factor": "external"}) for h in example_result.hotspots]  # longest name
    crowded = example_result.model_copy(
        update={
            "benchmark": fixture_result.benchmark.model_copy(update={"code": "B07"}),
            "factors": factors,
            "hotspots": hotspots,
        }
    )
    path = _company_pdf(crowded, questionnaire, lang, tmp_path / "crowded.pdf")
    pages = _text(path).split("\f")
    headings = [[line.strip() for line in page.splitlines() if line.strip()][1] for page in pages[1:3]]
    summary, overview = ("Managementsamenvatting", "Overzicht van de factoren")
    if lang == "en":
        summary, overview = ("Management summary", "Factor overview")
    assert headings == [summary, overview]
    assert "B07" in pages[1]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_motivation_spread_shares_the_groups_page_and_no_page_is_half_empty(
    example_result: CompanyResult, questionnaire: Questionnaire, lang: str, tmp_path: Path
) -> None:
    """The spread of motivation closes the groups page instead of taking a page it filled to 40%
    (issue 11: no half-empty pages), so the example's report keeps to the issue's 13 to 15 pages."""
    path = _company_pdf(example_result, questionnaire, lang, tmp_path / "example.pdf")
    groups, spread = ("Uitsplitsing naar groepen", "Hoe gemotiveerd zijn de medewerkers?")
    if lang == "en":
        groups, spread = ("Breakdown by group", "How motivated are the employees?")
    headed = {}  # a page's heading (its second line; the first is the running header) -> its text
    for page in _text(path).split("\f")[1:]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        headed.setdefault(lines[1] if len(lines) > 1 else "", page)
    assert spread in headed[groups]
    assert 13 <= _pages(path) <= 15
    fills = page_fill(path, tmp_path)
    assert len(fills) == _pages(path)
    assert min(fills[1:-1]) >= 0.5, [f"p{n}: {f:.0%}" for n, f in enumerate(fills, 1)]  # cover, last aside


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_report_without_driver_analysis_or_leader_comparison_has_no_half_empty_page(
    example_result: CompanyResult, questionnaire: Questionnaire, lang: str, tmp_path: Path
) -> None:
    """A small company's report: both sections are one notice, which runs on (each had a page it filled
    to a tenth, and under the overview the drivers notice did not always fit)."""
    from lerende_scan.results import LeaderComparison

    assert example_result.drivers is not None
    drivers = example_result.drivers.model_copy(update={"status": "too_few", "n": 22, "weights": []})
    small = example_result.model_copy(
        update={"drivers": drivers, "leaders": LeaderComparison(suppressed=True)}
    )
    path = _company_pdf(small, questionnaire, lang, tmp_path / "small.pdf")
    fills = page_fill(path, tmp_path)
    assert min(fills[1:-1]) >= 0.5, [f"p{n}: {f:.0%}" for n, f in enumerate(fills, 1)]


@pytest.fixture(scope="module")
def wielen(questionnaire: Questionnaire) -> CompanyResult:
    """Verpleeghuis De Wielen from the shipped sector example, as `scan benchmark` reports it: with its
    position and code, drivers, and no leaders comparison (too few leaders); its groups page is full."""
    from lerende_scan.benchmark import add_position, build_benchmark
    from lerende_scan.drivers import add_drivers
    from lerende_scan.ingest import ingest
    from lerende_scan.scoring import score

    scored = {
        path.stem: score(ingest(path, questionnaire).responses)
        for path in sorted((Path(__file__).resolve().parents[2] / "examples" / "sector").glob("*.csv"))
    }
    built = build_benchmark(
        [s.companies[0] for s in scored.values()], questionnaire, name="Zorg 2026", date=DATE
    )
    company = add_drivers(scored["Verpleeghuis De Wielen"], questionnaire)[0][0]
    assert company.leaders is not None and company.leaders.suppressed
    return add_position(company, built.benchmark, code=built.codes[company.company])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_leaders_notice_with_a_sector_position_leaves_no_half_empty_page(
    wielen: CompanyResult, questionnaire: Questionnaire, lang: str, tmp_path: Path
) -> None:
    """The notice closes the position's page or the appendix follows it; after the full groups page it
    had a page of its own (14%)."""
    path = _company_pdf(wielen, questionnaire, lang, tmp_path / "wielen.pdf")
    fills = page_fill(path, tmp_path)
    assert min(fills[1:-1]) >= 0.5, [f"p{n}: {f:.0%}" for n, f in enumerate(fills, 1)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_page_of_the_branded_fixture_report_is_half_empty(
    pdfs: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    fills = page_fill(pdfs[lang], tmp_path)
    assert min(fills[1:-1]) >= 0.5, [f"p{n}: {f:.0%}" for n, f in enumerate(fills, 1)]


def _sections(*heights_mm: int, classes: str = "page") -> str:
    """A cover, then sections that each start a page, of the given heights."""
    blocks = "".join(
        f'<section class="{classes}" id="s{k}"><h2>Sectie {k}</h2><div style="height: {h}mm"></div>'
        f"<p>einde {k}</p></section>"
        for k, h in enumerate(heights_mm, 1)
    )
    style = "<style>@media print { section.page { break-before: page; } }</style>"
    cover = '<section class="cover"><h1>Omslag</h1></section>'
    return f"<html><head>{style}</head><body>{cover}{blocks}</body></html>"


def test_a_section_runs_on_when_its_page_break_would_leave_the_page_before_half_empty(tmp_path: Path) -> None:
    """Without the reflow these would be five pages: the cover, s1 (a tenth full), s2, s3 (a tenth
    full) and s4. s2 runs on under s1 and s4 under s3; s3 still starts a page, because the page before it
    (s1 and s2) is full. A full page and the cover let the next section start a page as written."""
    path = tmp_path / "flow.pdf"
    path.write_bytes(html_to_pdf(_sections(20, 180, 20, 100), ReportOptions(lang="nl")))
    pages = [page for page in _text(path).split("\f") if page.strip()]
    assert [re.findall(r"Sectie \d", page) for page in pages] == [
        [],
        ["Sectie 1", "Sectie 2"],
        ["Sectie 3", "Sectie 4"],
    ]
    path.write_bytes(html_to_pdf(_sections(200, 20, 200), ReportOptions(lang="nl")))
    assert _pages(path) == 4


def test_a_section_of_its_own_page_starts_one_after_a_half_empty_page(tmp_path: Path) -> None:
    """A learning circle's page is handed to that circle: circles.html.j2 marks it ``own-page``."""
    path = tmp_path / "own.pdf"
    path.write_bytes(
        html_to_pdf(_sections(20, 20, 20, classes="page circle own-page"), ReportOptions(lang="nl"))
    )
    assert _pages(path) == 4


def test_a_custom_template_without_page_sections_renders_as_written(tmp_path: Path) -> None:
    """Nothing to let run on: one layout, the page breaks of the HTML."""
    html = '<p>a</p><p style="break-before: page">b</p><p style="break-before: page">c</p>'
    path = tmp_path / "plain.pdf"
    path.write_bytes(html_to_pdf(html, ReportOptions(lang="nl")))
    assert _pages(path) == 3


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_report_of_fourteen_groups_lets_the_leaders_run_on_under_the_motivation_spread(
    questionnaire: Questionnaire, lang: str, tmp_path: Path
) -> None:
    """The example's first company with its 108 respondents in 14 departments: the spread of motivation
    does not fit under the groups heatmap and had a page of its own, 43% full; the leaders comparison now
    starts under it, and no page between the cover and the last is under half full."""
    import pandas as pd

    from lerende_scan.drivers import add_drivers
    from lerende_scan.ingest import ingest
    from lerende_scan.scoring import score

    responses = pd.read_csv(
        Path(__file__).resolve().parents[2] / "examples" / "responses.csv", dtype=str, keep_default_na=False
    )
    company = responses[responses["company"] == responses["company"].iloc[0]].copy()
    company["department"] = [f"Afdeling {k % 14 + 1}" for k in range(len(company))]
    csv = tmp_path / "groups.csv"
    company.to_csv(csv, index=False)
    result = add_drivers(score(ingest(csv, questionnaire).responses), questionnaire)[0][0]
    path = _company_pdf(result, questionnaire, lang, tmp_path / "groups.pdf")
    spread, leaders = ("Hoe gemotiveerd zijn de medewerkers?", "Leidinggevenden en medewerkers")
    if lang == "en":
        spread, leaders = ("How motivated are the employees?", "Leaders and employees")
    assert any(spread in page and leaders in page for page in _text(path).split("\f"))
    fills = page_fill(path, tmp_path)
    assert min(fills[1:-1]) >= 0.5, [f"p{n}: {f:.0%}" for n, f in enumerate(fills, 1)]
