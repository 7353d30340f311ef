"""The company report's HTML: content, languages, escaping, determinism and the minimal questionnaire.

The shared renderings (``company_html``) are made once per session in ``conftest.py``;
tests that need other input or options render their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lerende_scan.ingest import ingest
from lerende_scan.questionnaire import Questionnaire, load_questionnaire, localise
from lerende_scan.report import ReportOptions, charts, render_company_html
from lerende_scan.report.company import alpha_reading
from lerende_scan.report.company.appendix import MISSING_HIGH, MISSING_SHOWN
from lerende_scan.report.render import Translator
from lerende_scan.resources import templates_dir
from lerende_scan.results import Breakdown, CompanyResult, GroupScore, LeaderComparison
from lerende_scan.scoring import score

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
DATE = dt.date(2026, 11, 22)


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
    company_html: Callable[[str], str], questionnaire: Questionnaire, lang: str
) -> None:
    html = company_html(lang)
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
    company_html: Callable[[str], str], fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = company_html("en")
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
    nl = company_html("nl")
    assert index.replace(".", ",") in nl[nl.index('id="summary"') : nl.index('id="overview"')]


def test_likert_item_labels_are_html_text_beside_the_bars_with_the_chart_line_metrics(
    company_html: Callable[[str], str], fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """Each factor page sets its item texts as an HTML label column over the chart's empty left side, one
    row per item in the chart's order (weakest statement first), in the font size and line height the
    chart's rows were computed with, keeping the chart's line breaks, so every label sits on its bar."""
    from lerende_scan.report.company.factors import weakest_first

    html = company_html("nl")
    for factor in questionnaire.factors:
        page = html[html.index(f'id="factor-{factor.id}"') :]
        column = page[page.index('<ol class="likert-labels"') : page.index("</ol>")]
        rows = re.findall(r"<li [^>]*>(.*?)</li>", column, re.S)
        texts = {i.id: localise(i.text, "nl") for i in factor.items}
        expected = [
            texts[i.id] + (f" {Translator('nl')('reversed_mark')}" if i.reverse else "")
            for i in weakest_first(list(fixture_result.factor(factor.id).items))
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
    company_html: Callable[[str], str],
) -> None:
    html = company_html("en")
    t = Translator("en")
    external = html[html.index('id="factor-external"') : html.index('id="factor-motivation"')]
    assert t("warn_low_alpha") in external
    assert "correlates negatively" in external and "−0.12" in external
    feedback = html[html.index('id="factor-feedback"') : html.index('id="factor-autonomy"')]
    assert t("warn_low_alpha") not in feedback
    # alpha and its reading are analyst's figures: in the method appendix, not on the factor page
    assert "alpha 0.82: good" in html[html.index('id="method"') :]
    assert "0.82" not in feedback


def test_hidden_groups_say_why_and_show_no_score(
    company_html: Callable[[str], str], fixture_result: CompanyResult
) -> None:
    html = company_html("nl")
    groups = html[html.index('id="groups"') : html.index('id="leaders"')]
    # Kantoor is too small, Onderhoud hidden to protect it: each of their (6 factors + index) cells says
    # why; never "n < 5", which would be untrue of a group hidden only for protection.
    assert len(re.findall(r">te klein</text>", groups)) == 7
    assert len(re.findall(r">verborgen ter</text>", groups)) == 7  # wrapped: "verborgen ter / bescherming"
    assert len(re.findall(r">bescherming</text>", groups)) == 7
    assert "n &lt; 5" not in groups and "n < 5" not in groups
    assert "Organisatie" in groups  # the company total column
    assert "Naar afdeling" in groups and "Naar functie" in groups
    kantoor = fixture_result.groups[0].groups[0]
    assert kantoor.name == "Kantoor" and kantoor.suppressed
    assert re.search(r"Kantoor[^<]*n = ", groups) is None


def test_a_cell_hidden_for_few_scores_is_explained_under_the_heatmap(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """A shown group's factor is hidden when few in it have that score: the note says what '–' means."""
    breakdown = fixture_result.groups[0]
    shown = next(g for g in breakdown.groups if not g.suppressed)
    thin = shown.model_copy(update={"factors": {**(shown.factors or {}), "feedback": None}})
    groups = [thin if g is shown else g for g in breakdown.groups]
    result = fixture_result.model_copy(
        update={"groups": [breakdown.model_copy(update={"groups": groups}), *fixture_result.groups[1:]]}
    )
    html = _render(result, questionnaire, "en")
    section = html[html.index('id="groups"') : html.index('id="leaders"')].replace("&#39;", "'")
    assert Translator("en")("groups_note_few_scores", min=5) in section
    assert Translator("en")("groups_note_few_scores", min=5) not in _render(
        fixture_result, questionnaire, "en"
    )


def test_leaders_suppressed_shows_the_explanation_and_no_chart(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    result = fixture_result.model_copy(update={"leaders": LeaderComparison(suppressed=True)})
    html = _render(result, questionnaire, "en")
    section = html[html.index('id="leaders"') : html.index('id="quality"')]
    assert Translator("en")("leaders_suppressed", min=5) in section.replace("&#39;", "'")
    assert "<svg" not in section
    # only a notice: it runs on instead of a page of its own (it filled an eighth of one)
    assert '<section class="run-on notice" id="leaders">' in html
    assert '<section class="page" id="leaders">' in _render(fixture_result, questionnaire, "en")


def test_a_leaders_notice_follows_the_sector_position_in_body_and_contents(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """After a full groups page the notice had a page of its own (14%), since the position cannot run on
    under it; after the position it closes that page or lets the appendix follow it. A comparison keeps
    its place before the position, and without a benchmark the notice stays before the appendix."""

    def order(html: str, *ids: str) -> tuple[list[int], list[int]]:
        body = [html.index(f'id="{i}"') for i in ids]
        contents = [html.index(f'href="#{i}"') for i in ids]
        return body, contents

    notice = fixture_result.model_copy(update={"leaders": LeaderComparison(suppressed=True)})
    body, contents = order(_render(notice, questionnaire, "en"), "benchmark", "leaders", "quality")
    assert body == sorted(body) and contents == sorted(contents)
    body, contents = order(_render(fixture_result, questionnaire, "nl"), "leaders", "benchmark")
    assert body == sorted(body) and contents == sorted(contents)
    alone = _render(notice.model_copy(update={"benchmark": None}), questionnaire, "nl")
    body, contents = order(alone, "groups", "leaders", "quality")
    assert body == sorted(body) and contents == sorted(contents)


def test_benchmark_section_only_when_a_position_is_set(
    company_html: Callable[[str], str], fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    with_position = company_html("en")
    assert 'id="benchmark"' in with_position and "Maakindustrie Noord 2026" in with_position
    assert "P19" in with_position  # feedback's percentile label in the chart
    without = _render(fixture_result.model_copy(update={"benchmark": None}), questionnaire, "en")
    assert 'id="benchmark"' not in without and 'href="#benchmark"' not in without


def _position_section(html: str) -> str:
    text = " ".join(_parse(html[html.index('id="benchmark"') : html.index('id="quality"')]).text)
    return re.sub(r"\s+", " ", text)


def test_position_page_reads_the_quarters_the_lagging_opportunities_and_its_limits(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    # The fixture: feedback and external in quartile 1 (both opportunities), safety in quartile 4;
    # 24 companies.
    section = _position_section(_render(fixture_result, questionnaire, "en"))
    assert (
        "In the sector's lowest quarter: Evaluation, reflection and feedback and External contacts" in section
    )
    assert "In the sector's highest quarter: Psychological safety." in section
    assert (
        "Evaluation, reflection and feedback and External contacts and knowledge exchange are opportunities"
        in section
    )
    assert "What this does not show: whether a score is good enough." in section
    assert "rough grouping" not in section  # 24 organisations: no small-sector caveat

    pos = fixture_result.benchmark
    assert pos is not None
    small = pos.model_copy(
        update={
            "companies": 8,
            "factors": [
                f.model_copy(update={"quartile": 2 if f.quartile in (1, 4) else f.quartile})
                for f in pos.factors
            ],
        }
    )
    section = _position_section(
        _render(fixture_result.model_copy(update={"benchmark": small}), questionnaire, "nl")
    )
    assert "Op geen enkele factor hoort de organisatie bij het laagste kwart van de sector." in section
    assert "Op geen enkele factor hoort de organisatie bij het hoogste kwart van de sector." in section
    assert "achter bij de sector" not in section
    assert (
        "De sector telt 8 organisaties: één plaats hoger of lager verschuift het percentiel al met "
        "ongeveer 12 punten" in section
    )


def test_data_quality_appendix_translates_reasons_and_counts_everything(
    company_html: Callable[[str], str], fixture_result: CompanyResult
) -> None:
    for lang, reason in (("nl", "Lege vragenlijst"), ("en", "Duplicate respondent id")):
        html = company_html(lang)
        quality = html[html.index('id="quality"') : html.index('id="method"')]
        assert reason in quality
        assert "too_few_answered" not in quality and "duplicate_id" not in quality
        assert ">53<" in quality and ">48<" in quality and ">5<" in quality  # received, valid, excluded
        texts = {i.id: localise(i.text, lang).replace("'", "&#39;") for i in load_questionnaire().items}
        method = html[html.index('id="method"') :]
        missing = sorted(
            ((pct, item) for item, pct in fixture_result.data_quality.missing_pct.items() if pct > 0),
            reverse=True,
        )
        shown = max(MISSING_SHOWN, sum(pct >= MISSING_HIGH for pct, _ in missing))
        rows = quality[quality.index('class="data compact missing"') :]
        assert rows.count("<tr") - 1 == min(shown, len(missing))  # the header row aside
        cut = missing[min(shown, len(missing)) - 1][0]  # the smallest share listed (ties may go either way)
        for pct, item_id in missing:
            assert f">{item_id}<" not in quality  # named by the statement's text, not its code
            if pct != cut:
                assert (texts[item_id] in rows) == (pct > cut)
            assert texts[item_id] in method  # every statement's missing share is in the method appendix
        if len(missing) > shown:
            assert f" {len(missing) - shown} " in quality  # "the other N statements ..."


def test_method_appendix_states_the_rules(
    company_html: Callable[[str], str], fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = company_html("en")
    method = html[html.index('id="method"') :]
    assert "at least 50% of a factor&#39;s statements (3 of 5)" in method
    assert "fewer than 5 respondents" in method
    assert fixture_result.questionnaire.hash in method and "version 1.0" in method
    reversed_texts = [localise(i.text, "en").replace("'", "&#39;") for i in questionnaire.items if i.reverse]
    assert all(text in method for text in reversed_texts)
    assert "Bottleneck: below 2.50" in method and "Strength: 3.50 or higher" in method


# --- safety ----------------------------------------------------------------------------------------
def _hostile(result: CompanyResult) -> CompanyResult:
    """Names that try markup, a formula, mathtext and an early ``</svg>``: company, a group, a new group."""
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


# --- determinism ---------------------------------------------------------------------------------------
def test_same_input_same_bytes_also_in_a_fresh_process(
    company_html: Callable[[str], str],
    fixture_result: CompanyResult,
    questionnaire: Questionnaire,
    fresh_process_html: tuple[str, bool, bool],
) -> None:
    first = company_html("nl")
    assert _render(fixture_result, questionnaire, "nl") == first
    assert fresh_process_html[0] == first


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

    seen: list[bool] = []
    real = charts.likert_bars

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "likert_bars", spy)
    render_company_html(fixture_result, questionnaire, ReportOptions(lang="nl", date=DATE))
    assert seen and not any(seen)
    assert gc.isenabled()


# --- issue 11: favourable direction, strengths, response rate, chain of learning -----------------------
def _reversed_item(result: CompanyResult, questionnaire: Questionnaire) -> tuple[str, str]:
    """A reverse-keyed statement of the fixture with answers: (factor id, item id)."""
    for f in result.factors:
        for i in f.items:
            if i.reverse and i.n:
                return f.id, i.id
    raise AssertionError("the fixture has no answered reverse-keyed statement")


def test_reverse_keyed_statement_reads_in_the_favourable_direction_in_chart_and_table(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """The chart gets the shares turned round and the favourable total on the right; the table shows the
    scored mean and the favourable share, never the raw mean."""
    from lerende_scan.report.company.factors import factor_page, favourable_shares
    from lerende_scan.report.company.view import View

    fid, iid = _reversed_item(fixture_result, questionnaire)
    v = View(fixture_result, questionnaire, "en", ReportOptions(lang="en", date=DATE))
    factor = fixture_result.factor(fid)
    item = next(i for i in factor.items if i.id == iid)
    raw = [item.raw_distribution[str(x)] for x in range(1, 6)]
    assert favourable_shares(v, item) == raw[::-1]
    assert item.favourable == pytest.approx(raw[0] + raw[1], abs=1e-3)  # disagreeing is favourable
    page = factor_page(v, factor, 1)
    row = next(r for r in page["items"] if r["id"] == iid)
    assert row["mean"] == f"{item.scored_mean:.2f}" and item.scored_mean == pytest.approx(
        6 - (item.mean or 0)
    )
    assert row["favourable"] == f"{(item.favourable or 0) * 100:.0f}%"
    text = localise(next(i for i in questionnaire.items if i.id == iid).text, "en")
    label = next(
        lab
        for lab in page["chart"].labels
        if "".join(lab.lines).replace(" ", "").startswith(text.replace(" ", "")[:20])
    )
    assert label is not None
    means = [r["mean"] for r in page["items"]]
    assert means == sorted(means)  # weakest first


def test_summary_names_only_real_strengths_and_says_when_there_are_none(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    html = _render(fixture_result, questionnaire, "en")
    summary = html[html.index('id="summary"') : html.index('id="overview"')]
    strengths = summary[summary.index("Strengths") :]
    names = {f.id: localise(f.name, "en") for f in questionnaire.factors}
    for fid in fixture_result.opportunities:
        assert names[fid] not in strengths.split("Where groups lag behind")[0]
    none = fixture_result.model_copy(update={"strengths": []})
    html = _render(none, questionnaire, "en")
    assert Translator("en")("summary_strengths_none") in html.replace("&#39;", "'")


def test_response_rate_is_unknown_without_a_population_and_shown_with_one(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    from lerende_scan.results import GroupResponse, ResponseRate

    t = Translator("nl")
    unknown = _render(fixture_result, questionnaire, "nl")
    assert t("response_unknown") in unknown and t("response_short_unknown") in unknown
    rate = ResponseRate(
        invited=60,
        responses=48,
        rate=0.8,
        groups=[
            GroupResponse(column="department", name="Productie", invited=25, responses=23, rate=0.92),
            GroupResponse(column="department", name="Kantoor", invited=4, suppressed=True),
        ],
    )
    html = _render(fixture_result.model_copy(update={"response": rate}), questionnaire, "nl")
    assert t("response_text", rate="80%", responses="48", invited="60") in html
    quality = html[html.index('id="quality"') : html.index('id="method"')]  # beside the overall rate
    assert t("response_groups_h") in quality and "92%" in quality and t("response_hidden") in quality
    assert t("response_unknown") not in html


def test_chain_of_learning_shows_intervals_effect_sizes_statements_and_a_reading(
    company_html: Callable[[str], str], fixture_result: CompanyResult
) -> None:
    html = company_html("nl")
    section = html[html.index('id="leaders"') : html.index('id="benchmark"')]
    lc = fixture_result.leaders
    assert lc is not None
    big = max(lc.factors, key=lambda g: abs(g.gap or 0))
    assert f"{big.ci_low:+.2f}".replace(".", ",").replace("-", "−") in section
    assert "middelgroot" in section or "klein" in section
    assert Translator("nl")("leaders_statements") in section
    assert "+0,00" not in html and "−0,00" not in html


def test_interval_across_a_band_boundary_is_named_next_to_the_band(
    fixture_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    f = fixture_result.factor("autonomy")  # attention band (2.5-3.5)
    wide = f.model_copy(update={"ci_low": 3.0, "ci_high": 3.6})
    factors = [wide if x.id == "autonomy" else x for x in fixture_result.factors]
    html = _render(fixture_result.model_copy(update={"factors": factors}), questionnaire, "en")
    page = html[html.index('id="factor-autonomy"') : html.index('id="factor-safety"')]
    assert Translator("en")("band_straddles", band="Strength").replace("'", "&#39;") in page


def test_motivation_spread_closes_the_groups_page_with_groups_named_as_elsewhere(
    example_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """How motivated the groups are closes the groups page (on a page of its own it filled less than half),
    is in the contents after it, and names groups as the groups page does: 'Medewerker (functie)'."""
    assert example_result.drivers is not None and example_result.pioneers
    html = render_company_html(example_result, questionnaire, ReportOptions(lang="nl", date=DATE))
    body = html[html.index("<main>") :]
    assert body.index('id="groups"') < body.index('id="motivation"') < body.index('id="leaders"')
    assert '<section class="spread-block drivers-spread" id="motivation">' in body
    assert "<h3>Hoe gemotiveerd zijn de medewerkers?</h3>" in body  # a part of the groups page
    contents = html[: html.index("<main>")]
    order = [contents.index(f'href="#{section}"') for section in ("groups", "motivation", "leaders")]
    assert order == sorted(order)
    spread = body[body.index('id="motivation"') : body.index('id="leaders"')]
    rows = re.findall(r"<tr(?: class=\"total\")?><td>([^<]*)</td>", spread)
    assert rows[0] == "Hele organisatie"
    assert "Medewerker (functie)" in rows and "Leidinggevende (functie)" in rows
    assert all(row[:1].isupper() for row in rows)
    assert "<li>Leidinggevende (functie): motivatie" in spread
    assert "Begin bij Leidinggevende (functie):" in html


def test_motivation_spread_runs_on_after_the_motivation_factor_without_groups(
    example_result: CompanyResult, questionnaire: Questionnaire
) -> None:
    """Without groups there is no groups page: the spread (the whole organisation only) runs on after the
    motivation factor's page, with its own heading, and the contents lists it there."""
    alone = example_result.model_copy(update={"groups": []})
    html = render_company_html(alone, questionnaire, ReportOptions(lang="en", date=DATE))
    body = html[html.index("<main>") :]
    assert 'id="groups"' not in body
    assert '<section class="run-on drivers-spread" id="motivation">' in body
    assert "<h2>How motivated are the employees?</h2>" in body
    assert body.index('id="factor-motivation"') < body.index('id="motivation"')
    contents = html[: html.index("<main>")]
    assert contents.index("#factor-motivation") < contents.index('href="#motivation"')
