"""The company report's HTML: content, languages, escaping, determinism, templates and the golden files.

Golden files: ``tests/data/report/golden_nl.html`` and ``golden_en.html`` hold the report of the first
company of ``examples/responses.csv``, normalised: the tool version is replaced, the inline stylesheet is
left out (styling is checked by looking at the pages, see docs/), and chart drawings are reduced to their
title and description, because matplotlib versions move paths by fractions of a point. After an intended
change to templates or texts, regenerate them with::

    UPDATE_GOLDEN=1 pytest tests/test_report.py -k golden

and review the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.report import ReportOptions, render_company_html, render_template, report_date
from lerende_scan.report.company import alpha_reading
from lerende_scan.report.render import (
    Translator,
    css_string,
    environment,
    logo_data_uri,
)
from lerende_scan.resources import templates_dir
from lerende_scan.responses import ingest
from lerende_scan.results import Breakdown, CompanyResult, GroupScore, LeaderComparison
from lerende_scan.scoring import score
from lerende_scan.validation import load_questionnaire

DATA = Path(__file__).parent / "data" / "report"
REPO = Path(__file__).parent.parent
DATE = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire()


@pytest.fixture(scope="module")
def fixture_result() -> CompanyResult:
    """Hand-made result with everything: exclusions, a suppressed group, leaders, a benchmark position."""
    return CompanyResult.model_validate_json((DATA / "company_result.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_result(questionnaire: Questionnaire) -> CompanyResult:
    """The first company of the shipped example, scored by the real pipeline."""
    ingested = ingest(REPO / "examples" / "responses.csv", questionnaire)
    return score(ingested.responses, ingest_findings=ingested.findings).companies[0]


class _Tags(HTMLParser):
    """Collects start tags, attribute values and text, the way a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _render(result: CompanyResult, q: Questionnaire, lang: str = "nl", **kw: object) -> str:
    return render_company_html(result, q, ReportOptions(lang=lang, date=DATE, **kw))  # type: ignore[arg-type]


# --- content ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_factor_name_and_section_heading_in_the_chosen_language(
    fixture_result: CompanyResult, questionnaire: Questionnaire, lang: str
) -> None:
    html = _render(fixture_result, questionnaire, lang)
    text = " ".join(_parse(html).text)
    t = Translator(lang)
    for factor in questionnaire.factors:
        assert localise(factor.name, lang) in text
        for item in factor.items:
            assert localise(item.text, lang) in text
    for key in ("summary", "overview", "groups", "leaders", "benchmark", "quality", "method"):
        assert t(key) in text
    other = "en" if lang == "nl" else "nl"
    assert localise(questionnaire.factors[0].name, other) not in text
    assert f'<html lang="{lang}">' in html


def test_management_summary_lists_three_opportunities_with_advice_and_three_strengths(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = _render(fixture_result, questionnaire, "en")
    summary = html[html.index('id="summary"') : html.index('id="overview"')]
    names = {f.id: localise(f.name, "en") for f in questionnaire.factors}
    for fid in fixture_result.opportunities[:3]:
        assert names[fid] in summary
        advice = localise(next(f for f in questionnaire.factors if f.id == fid).advice, "en")
        assert advice[0] in summary
    for fid in fixture_result.strengths[:3]:
        assert names[fid] in summary
    index = f"{fixture_result.index.mean:.2f}"
    assert index in summary  # the overall index, English decimal point
    nl = _render(fixture_result, questionnaire, "nl")
    assert index.replace(".", ",") in nl[nl.index('id="summary"') : nl.index('id="overview"')]


def test_likert_item_labels_are_html_text_beside_the_bars_with_the_chart_line_metrics(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """Each factor page sets its item texts as an HTML label column over the chart's empty left side, one
    row per item in the chart's order, in the font size and line height the chart's rows were computed
    with, keeping the chart's line breaks, so every label sits on its bar."""
    from lerende_scan.report import charts

    html = _render(fixture_result, questionnaire, "nl")
    for factor in questionnaire.factors:
        page = html[html.index(f'id="factor-{factor.id}"') :]
        column = page[page.index('<ol class="likert-labels"') : page.index("</ol>")]
        rows = re.findall(r"<li [^>]*>(.*?)</li>", column, re.S)
        expected = [
            localise(i.text, "nl") + (f" {Translator('nl')('reversed_mark')}" if i.reverse else "")
            for i in factor.items
            if any(r.id == i.id for r in fixture_result.factor(factor.id).items)
        ]
        assert [r.replace("\n", " ").replace("&#39;", "'") for r in rows] == expected
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    rule = re.search(r"ol\.likert-labels \{([^}]*)\}", css)
    row = re.search(r"ol\.likert-labels li \{([^}]*)\}", css)
    assert rule is not None and row is not None
    assert f"font-size: {charts.FONT_PT:g}pt" in rule[1] and f"line-height: {charts.LINE_PT:g}pt" in rule[1]
    assert "white-space: pre" in row[1]  # the chart's line breaks, not the browser's


def test_alpha_readings_follow_the_thresholds() -> None:
    assert alpha_reading(0.85) == "alpha_good"
    assert alpha_reading(0.80) == "alpha_good"
    assert alpha_reading(0.7999) == "alpha_acceptable"
    assert alpha_reading(0.70) == "alpha_acceptable"
    assert alpha_reading(0.65) == "alpha_weak"
    assert alpha_reading(0.59) == "alpha_poor"
    assert alpha_reading(-0.2) == "alpha_poor"
    assert alpha_reading(None) == "alpha_none"
    assert (Translator("nl")("alpha_good"), Translator("nl")("alpha_acceptable")) == ("goed", "voldoende")
    assert Translator("nl")("alpha_weak") == "zwak"


def test_low_alpha_and_negative_item_rest_warnings_on_the_factor_page(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = _render(fixture_result, questionnaire, "en")
    t = Translator("en")
    external = html[html.index('id="factor-external"') : html.index('id="factor-motivation"')]
    assert t("warn_low_alpha") in external
    assert "correlates negatively" in external and "−0.12" in external
    feedback = html[html.index('id="factor-feedback"') : html.index('id="factor-autonomy"')]
    assert t("warn_low_alpha") not in feedback
    assert "0.82 <span" in feedback and "good" in feedback


def test_suppressed_groups_show_n_below_minimum_and_no_score(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = _render(fixture_result, questionnaire, "nl")
    groups = html[html.index('id="groups"') : html.index('id="leaders"')]
    # Two suppressed departments × (6 factors + index) cells, each "n < 5" (escaped inside the SVG).
    assert len(re.findall(r">n &lt; 5</text>", groups)) == 2 * 7
    assert "Naar afdeling" in groups and "Naar functie" in groups
    kantoor = fixture_result.groups[0].groups[0]
    assert kantoor.name == "Kantoor" and kantoor.suppressed
    assert re.search(r"Kantoor[^<]*n = ", groups) is None


def test_leaders_suppressed_shows_the_explanation_and_no_chart(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    result = fixture_result.model_copy(update={"leaders": LeaderComparison(suppressed=True)})
    html = _render(result, questionnaire, "en")
    section = html[html.index('id="leaders"') : html.index('id="benchmark"')]
    assert Translator("en")("leaders_suppressed", min=5) in section.replace("&#39;", "'")
    assert "<svg" not in section


def test_benchmark_section_only_when_a_position_is_set(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    with_position = _render(fixture_result, questionnaire, "en")
    assert 'id="benchmark"' in with_position and "Maakindustrie Noord 2026" in with_position
    assert "P19" in with_position  # feedback's percentile label in the chart
    without = _render(fixture_result.model_copy(update={"benchmark": None}), questionnaire, "en")
    assert 'id="benchmark"' not in without and 'href="#benchmark"' not in without


def test_data_quality_appendix_translates_reasons_and_counts_everything(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    for lang, reason in (("nl", "Lege vragenlijst"), ("en", "Duplicate respondent id")):
        html = _render(fixture_result, questionnaire, lang)
        quality = html[html.index('id="quality"') : html.index('id="method"')]
        assert reason in quality
        assert "too_few_answered" not in quality and "duplicate_id" not in quality
        assert ">53<" in quality and ">48<" in quality and ">5<" in quality  # received, valid, excluded
        for item_id in fixture_result.data_quality.missing_pct:
            assert item_id in quality


def test_method_appendix_states_the_rules(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = _render(fixture_result, questionnaire, "en")
    method = html[html.index('id="method"') :]
    assert "at least 50% of a factor&#39;s statements (3 of 5)" in method
    assert "fewer than 5 respondents" in method
    assert fixture_result.questionnaire.hash in method and "version 1.0" in method
    reversed_ids = [i.id for i in questionnaire.items if i.reverse]
    assert all(f"{i}: " in method for i in reversed_ids)
    assert "Bottleneck: below 2.50" in method and "Strength: 3.50 or higher" in method


def test_every_text_has_dutch_and_english() -> None:
    strings = yaml.safe_load((templates_dir() / "strings.yaml").read_text(encoding="utf-8"))
    incomplete = [key for key, texts in strings.items() if set(texts) != {"nl", "en"}]
    assert incomplete == []
    placeholders = re.compile(r"\{(\w+)\}")
    mismatched = [
        key
        for key, texts in strings.items()
        if set(placeholders.findall(texts["nl"])) != set(placeholders.findall(texts["en"]))
    ]
    assert mismatched == []


# --- safety ----------------------------------------------------------------------------------------
def _hostile(result: CompanyResult) -> CompanyResult:
    department = result.groups[0]
    groups = [
        g.model_copy(update={"name": '=HYPERLINK("x")'}) if g.name == "Productie" else g
        for g in department.groups
    ]
    groups.append(GroupScore(name="$x^2$ </svg><script>alert(2)</script>", suppressed=True))
    return result.model_copy(
        update={
            "company": "<script>alert(1)</script>",
            "groups": [Breakdown(column="department", groups=groups), *result.groups[1:]],
        }
    )


def test_hostile_names_appear_only_as_text(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = _render(
        _hostile(fixture_result), questionnaire, "nl", title="<b>Bureau</b>", consultant="<i>x</i>"
    )
    parsed = _parse(html)
    assert "script" not in parsed.tags and "b" not in parsed.tags and "i" not in parsed.tags
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text
    assert '=HYPERLINK("x")' in text
    assert "$x^2$ </svg><script>alert(2)</script>" in text  # literal, not mathtext, not markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert parsed.tags.count("svg") == html.count("</svg>")  # no chart was closed early by a name


def test_no_external_references(fixture_result: CompanyResult, questionnaire: Questionnaire) -> None:
    logo = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    html = _render(fixture_result, questionnaire, "en", logo=logo)
    for tag, attr, value in _parse(html).attrs:
        if attr in ("src", "href", "xlink:href", "srcset", "action", "poster"):
            assert value.startswith(("#", "data:")), (tag, attr, value[:60])
    assert re.search(r"url\(\s*['\"]?(?!#|data:)", html) is None
    assert re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I) is None
    assert "@import" not in html and "@font-face" not in html
    assert 'src="data:image/png;base64,' in html


def test_user_controlled_urls_stay_inert(fixture_result: CompanyResult, questionnaire: Questionnaire) -> None:
    result = fixture_result.model_copy(
        update={"company": '<img src="file:///etc/passwd"> http://evil.test/x'}
    )
    html = _render(result, questionnaire, "en")
    assert not any(tag == "img" for tag in _parse(html).tags)
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html


def test_css_string_cannot_escape_its_context() -> None:
    assert css_string('a"b') == '"a\\"b"'
    assert css_string("</style><script>") == '"\\3c /style>\\3c script>"'
    assert css_string("a\\") == '"a\\\\"'


def test_logo_mime_is_sniffed_and_checked() -> None:
    assert logo_data_uri(ReportOptions(logo=b"\xff\xd8\xff\xe0")).startswith("data:image/jpeg;base64,")  # type: ignore[union-attr]
    assert logo_data_uri(ReportOptions(logo=b"<svg xmlns='x'/>")).startswith("data:image/svg+xml;")  # type: ignore[union-attr]
    assert logo_data_uri(ReportOptions()) is None
    with pytest.raises(ScanError) as err:
        logo_data_uri(ReportOptions(logo=b"MZ\x90\x00"))
    assert err.value.findings[0].code is Code.BRANDING_INVALID


# --- determinism and dates -------------------------------------------------------------------------
def test_same_input_same_bytes_also_in_a_fresh_process(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    first = _render(fixture_result, questionnaire, "nl")
    assert _render(fixture_result, questionnaire, "nl") == first
    script = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from lerende_scan.results import CompanyResult\n"
        "from lerende_scan.validation import load_questionnaire\n"
        "from lerende_scan.report import ReportOptions, render_company_html\n"
        f"r = CompanyResult.model_validate_json(Path({str(DATA / 'company_result.json')!r}).read_text())\n"
        "options = ReportOptions(lang='nl', date=dt.date(2026, 11, 22))\n"
        "html = render_company_html(r, load_questionnaire(), options)\n"
        "sys.stdout.buffer.write(html.encode('utf-8'))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, env=env).stdout
    assert out.decode("utf-8") == first


def test_report_date_option_then_source_date_epoch_then_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert report_date(ReportOptions()) == dt.date(2026, 1, 1)
    assert report_date(ReportOptions(date=DATE)) == DATE
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert report_date(ReportOptions()) == dt.date.today()
    assert Translator("nl").date(DATE) == "22 november 2026"
    assert Translator("en").date(dt.date(2026, 3, 5)) == "5 March 2026"


# --- templates -------------------------------------------------------------------------------------
def test_one_environment_autoescaping_every_template_with_strict_undefined(tmp_path: Path) -> None:
    env = environment(None)
    assert environment(None) is env
    assert env.autoescape is True
    (tmp_path / "x.j2").write_text("{{ value }}|{{ missing }}", encoding="utf-8")
    override = environment(tmp_path)
    assert override is environment(tmp_path) and override is not env
    with pytest.raises(ScanError) as err:
        render_template("x.j2", {"value": "<b>"}, ReportOptions(lang="nl", template_dir=tmp_path))
    assert err.value.findings[0].code is Code.TEMPLATE_ERROR
    (tmp_path / "y.j2").write_text("{{ value }}", encoding="utf-8")
    assert (
        render_template("y.j2", {"value": "<b>"}, ReportOptions(lang="nl", template_dir=tmp_path))
        == "&lt;b&gt;"
    )


def test_template_dir_overrides_one_template_and_single_strings(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    (tmp_path / "_macros.html.j2").write_text(
        (templates_dir() / "_macros.html.j2")
        .read_text(encoding="utf-8")
        .replace('<figure class="chart-figure">', '<figure class="chart-figure custom-figure">'),
        encoding="utf-8",
    )
    (tmp_path / "strings.yaml").write_text('summary: {nl: "Samenvatting voor de directie", en: "x"}\n')
    html = _render(fixture_result, questionnaire, "nl", template_dir=tmp_path)
    assert "custom-figure" in html
    assert "Samenvatting voor de directie" in html
    assert "Overzicht van de factoren" in html  # other strings still come from the shipped file


def test_broken_override_template_is_a_catalogue_error(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    (tmp_path / "company.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(ScanError) as err:
        _render(fixture_result, questionnaire, "nl", template_dir=tmp_path)
    finding = err.value.findings[0]
    assert finding.code is Code.TEMPLATE_ERROR and finding.line == 1


def test_missing_translation_is_an_error_not_a_silent_fallback() -> None:
    with pytest.raises(ScanError) as err:
        Translator("de")("summary")
    assert err.value.findings[0].code is Code.TEMPLATE_ERROR


# --- golden ----------------------------------------------------------------------------------------
_CHART_BODY = re.compile(r"(<desc id=\"[^\"]+\">.*?</desc>).*?(</svg>)", re.S)
_STYLE = re.compile(r"(<style>).*?(</style>)", re.S)


def _normalise(html: str) -> str:
    from lerende_scan import __version__

    html = html.replace(f"lerende-scan {__version__}", "lerende-scan VERSION")
    html = _STYLE.sub(r"\1 [report.css] \2", html)
    return _CHART_BODY.sub(r"\1 [chart drawing]\2", html)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_golden_html_for_the_example(
    example_result: CompanyResult, questionnaire: Questionnaire, lang: str
) -> None:
    html = _normalise(_render(example_result, questionnaire, lang, title="Adviesbureau Voorbeeld"))
    golden = DATA / f"golden_{lang}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        "report changed; see the module docstring to regenerate"
    )


_MINI = """\
id: mini
version: "0.1"
title: Mini scan
scale: {min: 1, max: 4}
factors:
  - id: a
    name: Factor A
    items:
      - {id: a1, text: "Eerste stelling"}
      - {id: a2, text: "Tweede stelling", reverse: true}
  - id: b
    name: Factor B
    items:
      - {id: b1, text: "Derde stelling"}
      - {id: b2, text: "Vierde stelling"}
"""


def test_minimal_questionnaire_without_bands_groups_or_leaders(tmp_path: Path) -> None:
    """Single-language, no bands, no labels, no groups: the report leaves those parts out cleanly."""
    (tmp_path / "q.yaml").write_text(_MINI, encoding="utf-8")
    rows = [
        "a1,a2,b1,b2",
        *[f"{1 + i % 4},{1 + (i * 3) % 4},{1 + (i * 2) % 4},{4 - i % 4}" for i in range(10)],
    ]
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    q = load_questionnaire(tmp_path / "q.yaml")
    ingested = ingest(tmp_path / "r.csv", q)
    result = score(ingested.responses, ingest_findings=ingested.findings).companies[0]
    for lang in ("nl", "en"):
        html = _render(result, q, lang)
        text = " ".join(_parse(html).text)
        t = Translator(lang)
        assert "Factor A" in text and "Eerste stelling" in text
        assert "'–'" not in text and "(–)" not in text
        assert t("method_bands_h") not in text
        assert 'id="groups"' not in html and 'id="leaders"' not in html and 'id="benchmark"' not in html


def test_garbage_collection_is_paused_while_charts_are_drawn_and_restored_after(
    fixture_result: CompanyResult, questionnaire: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering keeps tens of thousands of objects alive until the page is done; the collector is off
    meanwhile and on again afterwards."""
    import gc

    from lerende_scan.report import charts

    seen: list[bool] = []
    real = charts.likert_bars

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "likert_bars", spy)
    render_company_html(fixture_result, questionnaire, ReportOptions(lang="nl", date=dt.date(2026, 11, 22)))
    assert seen and not any(seen)
    assert gc.isenabled()
