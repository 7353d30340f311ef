"""The company report's "Voor en na" / "Before and after" section, in Dutch and English: the statistical
and the practical mark in separate columns, factors not compared named with their statements, groups
hidden in either wave without a change, a chart of then and now for two waves and the trend chart from
three waves on."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.report.pages import page_fill
from tests.waves.conftest import V11, WAVES, scored
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.drivers import add_drivers
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report import ReportOptions, html_to_pdf, render_company_html
from lerende_scan.results import CompanyResult
from lerende_scan.texts import Translator
from lerende_scan.waves.compare import compare
from lerende_scan.waves.model import WaveRef
from lerende_scan.waves.stamp import stamp

LINDE = "Zorggroep De Linde"
LANGS = ("nl", "en")


def _by(results: list[CompanyResult], name: str = LINDE) -> CompanyResult:
    return next(r for r in results if r.company == name)


def section(html: str, section_id: str) -> str:
    """The HTML of one ``<section id=...>`` of the report."""
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture(scope="module")
def reworded(wave1: list[CompanyResult], v11: Questionnaire) -> CompanyResult:
    """De Linde in wave 2 under questionnaire 1.1 (ex2 reworded), compared with wave 1."""
    now = [
        stamp(r, v11, WaveRef(date=dt.date(2026, 6, 15)))
        for r in scored(WAVES / "responses-2026.csv", v11).companies
    ]
    return compare(_by(now), [_by(wave1)], v11)


@pytest.mark.parametrize("lang", LANGS)
def test_section_shows_both_marks_apart(reworded: CompanyResult, v11: Questionnaire, lang: str) -> None:
    t = Translator(lang)
    html = section(render_company_html(reworded, v11, ReportOptions(lang=lang)), "waves")
    assert f"<h2>{t('waves')}</h2>" in html
    full = render_company_html(reworded, v11, ReportOptions(lang=lang))
    entry = f'<a href="#waves">{t("waves")}</a>'  # in the contents, between the overview and the drivers
    assert full.index('href="#overview"') < full.index(entry) < full.index('href="#factor-')
    assert t("waves_col_statistical") in html and t("waves_col_practical") in html
    waves = reworded.waves
    assert waves is not None
    rows = re.findall(
        r"<tr(?: class=\"total\")?><td>(.*?)</tr>", html.split("<tbody>")[1].split("</tbody>")[0]
    )
    assert len(rows) == len(waves.factors)  # the index is not compared: a factor's statements changed
    for change, row in zip(waves.factors, rows, strict=True):
        stat = re.search(r'mark-statistical[^"]*">([^<]*)<', row)
        prac = re.search(r'mark-practical[^"]*">([^<]*)<', row)
        assert stat and prac, row
        assert stat[1] == t("waves_yes" if change.statistical else "waves_no")
        assert prac[1] == t("waves_yes" if change.practical else "waves_no")
    feedback = next(c for c in waves.factors if c.id == "feedback")
    assert feedback.statistical and feedback.practical
    assert any(not c.statistical and not c.practical for c in waves.factors)
    assert t("waves_index_not_compared") in html
    assert "ex2" in html and t("waves_reason_reworded") in html
    assert t("waves_caveat").split(":")[0] in html


@pytest.mark.parametrize("lang", LANGS)
def test_statements_and_movers_are_named(reworded: CompanyResult, v11: Questionnaire, lang: str) -> None:
    t = Translator(lang)
    html = section(render_company_html(reworded, v11, ReportOptions(lang=lang)), "waves-items")
    waves = reworded.waves
    assert waves is not None and waves.movers_up
    texts = {i.id: str(i.text[lang]) for f in v11.factors for i in f.items}  # type: ignore[index]
    assert t("waves_movers_up") in html and t("waves_movers_down") in html
    for item in waves.movers_up + waves.movers_down:
        assert texts[item].replace("'", "&#39;") in html
    assert html.count("▲") == len(waves.movers_up) and html.count("▼") == len(waves.movers_down)
    assert 'id="trend-title"' not in render_company_html(reworded, v11, ReportOptions(lang=lang))


@pytest.mark.parametrize("lang", LANGS)
def test_groups_hidden_in_either_wave_show_no_change(
    reworded: CompanyResult, v11: Questionnaire, lang: str
) -> None:
    t = Translator(lang)
    html = section(render_company_html(reworded, v11, ReportOptions(lang=lang)), "waves-groups")
    waves = reworded.waves
    assert waves is not None
    tables = "".join(re.findall(r"<table.*?</table>", html, flags=re.S))
    shown = {g.name for g in waves.groups if not g.hidden}
    hidden = [g for g in waves.groups if g.hidden]
    assert shown and {g.reason for g in hidden} == {"hidden_in_a_wave", "cross_wave"}
    for g in waves.groups:
        assert (f"<tr><td>{g.name}</td>" in tables) is (g.name in shown)
    for g in hidden:
        assert f"{g.column}: {g.name}" in html and f"{g.column}: {g.name}" not in tables
    assert t("waves_hidden_h") in html


def third_wave(tmp_path: Path, seed: int = 2027) -> Path:
    """Wave 3: wave 2's answers with a fifth moved one point up or down (seeded)."""
    frame = pd.read_csv(WAVES / "responses-2026.csv", dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    for column in [c for c in frame.columns if re.fullmatch(r"[a-z]{2}\d", c)]:
        given = frame[column].str.fullmatch("[1-5]")
        move = given & (rng.random(len(frame)) < 0.2)
        moved = frame.loc[move, column].astype(int) + rng.choice([-1, 1], int(move.sum()))
        frame.loc[move, column] = moved.clip(1, 5).astype(str)
    frame["respondent_id"] = frame["respondent_id"].str.replace("W", "X", n=1)
    path = tmp_path / "responses-2027.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("lang", LANGS)
def test_trend_chart_from_three_waves(
    wave1: list[CompanyResult],
    wave2: list[CompanyResult],
    questionnaire: Questionnaire,
    tmp_path: Path,
    lang: str,
) -> None:
    ref = WaveRef(date=dt.date(2027, 6, 14), name="derde meting")
    now = _by([stamp(r, questionnaire, ref) for r in scored(third_wave(tmp_path), questionnaire).companies])
    out = compare(now, [_by(wave2), _by(wave1)], questionnaire)
    html = render_company_html(out, questionnaire, ReportOptions(lang=lang))
    trend = section(html, "waves-trend")
    t = Translator(lang)
    assert t("waves_trend_h") in trend and 'id="trend-title"' in trend
    panels = len(questionnaire.factors) + 1  # every factor and the index: all three waves comparable
    desc = re.search(r'<desc id="trend-desc">([^<]*)</desc>', trend)
    assert desc and desc[1].startswith(f"{panels} ")
    assert out.waves is not None and all(len(out.waves.trend[f.id]) == 3 for f in questionnaire.factors)
    assert "2025-06-16" in trend and "2026" in trend and "derde meting" in trend
    assert 'id="chart-waves-title"' not in html  # the trend shows then and now and more
    table = section(html, "waves")
    assert "+0,00" not in table and "−0,00" not in table and "+0.00" not in table and "−0.00" not in table


@pytest.mark.parametrize("lang", LANGS)
def test_two_waves_chart_then_and_now_per_compared_factor(
    reworded: CompanyResult, v11: Questionnaire, lang: str
) -> None:
    """Both means of every compared factor, in the table's order, named in the chart's description as
    the table rounds them; the factor whose statements changed (ex2) is not in the chart, nor the index."""
    t = Translator(lang)
    html = section(render_company_html(reworded, v11, ReportOptions(lang=lang)), "waves")
    waves = reworded.waves
    assert waves is not None and waves.index is None
    desc = re.search(r'<desc id="chart-waves-desc">([^<]*)</desc>', html)
    assert desc is not None and html.index("chart-waves-desc") < html.index("<table")
    names = {f.id: str(f.name[lang]) for f in v11.factors}  # type: ignore[index]

    def num(x: float) -> str:
        return f"{x:.2f}".replace(".", "," if lang == "nl" else ".")

    expected = [
        t("waves_chart_desc_row", factor=names[c.id], before=num(c.before.mean), after=num(c.after.mean))
        for c in waves.factors
        if c.before.mean is not None and c.after.mean is not None
    ]
    assert desc[1] == "; ".join(expected).replace("'", "&#39;") + "."
    assert len(expected) == len(v11.factors) - 1 and names["external"] not in desc[1]
    assert t("waves_chart_now", wave="").split("(")[0] in html and t("index_label") not in desc[1]


@pytest.mark.parametrize("lang", LANGS)
def test_before_and_after_leaves_no_half_empty_page(
    wave1: list[CompanyResult], v11: Questionnaire, lang: str, tmp_path: Path
) -> None:
    """The report `scan score --previous` writes for De Linde (with the drivers of motivation): the last
    page of "Voor en na" was 38-55% full before the chart of then and now; now no page between the cover
    and the last is under half full."""
    results, _ = add_drivers(scored(WAVES / "responses-2026.csv", v11), v11)
    now = stamp(_by(results), v11, WaveRef(date=dt.date(2026, 6, 15), name="nameting"))
    options = ReportOptions(lang=lang, date=dt.date(2026, 6, 15))
    path = tmp_path / "waves.pdf"
    path.write_bytes(html_to_pdf(render_company_html(compare(now, [_by(wave1)], v11), v11, options), options))
    fills = page_fill(path, tmp_path)
    assert min(fills[1:-1]) >= 0.5, [f"p{n}: {f:.0%}" for n, f in enumerate(fills, 1)]


def test_score_with_previous_puts_the_section_in_report_html(tmp_path: Path) -> None:
    """As the README runs it: wave 1, then wave 2 under questionnaire 1.1 with --previous."""
    runner = CliRunner()
    first = runner.invoke(
        app,
        [
            "score",
            str(WAVES.parent / "responses.csv"),
            "--date",
            "2025-06-16",
            "--format",
            "json",
            "--out",
            str(tmp_path / "w1"),
        ],
    )
    assert first.exit_code == 0, first.output
    args = [
        "score", str(WAVES / "responses-2026.csv"), "-q", str(V11), "--date", "2026-06-15",
        "--wave-name", "nameting", "--previous", str(tmp_path / "w1"), "--format", "html", "--lang", "en",
        "--out", str(tmp_path / "w2"),
    ]  # fmt: skip
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    html = (tmp_path / "w2" / "Zorggroep-De-Linde" / "report.html").read_text(encoding="utf-8")
    waves = section(html, "waves")
    assert "<h2>Before and after</h2>" in waves and "nameting" in waves
    assert "Statistical" in waves and "Practical" in waves and "ex2" in waves


@pytest.mark.parametrize("lang", LANGS)
def test_summary_page_says_what_changed_on_both_marks(
    reworded: CompanyResult, v11: Questionnaire, lang: str
) -> None:
    """The summary names the factors with a statistical and a practical change (De Linde's feedback pilot:
    +0,68, g 0,91) with the numbers of the section's table; when none has both marks it says so; without
    --previous it says nothing."""
    t = Translator(lang)
    waves = reworded.waves
    assert waves is not None
    moved = [c for c in waves.factors if c.statistical and c.practical]
    assert [c.id for c in moved] == ["feedback"]
    html = render_company_html(reworded, v11, ReportOptions(lang=lang))
    summary, table = section(html, "summary"), section(html, "waves")
    name = str(next(f.name[lang] for f in v11.factors if f.id == "feedback"))  # type: ignore[index]
    row = re.search(rf"<td>{re.escape(name)}</td>((?:<td[^>]*>[^<]*</td>)+)", table)
    assert row is not None
    cells = re.findall(r">([^<]*)</td>", row[1])  # then, now, change, CI, g, ...
    change = t("waves_summary_change", factor=name, diff=cells[2], g=cells[4])
    assert change in summary and t("waves_summary_others") in summary
    assert cells[2].startswith("+") and cells[4].startswith("+")

    still = waves.model_copy(
        update={"factors": [c.model_copy(update={"practical": False}) for c in waves.factors]}
    )
    flat = section(
        render_company_html(reworded.model_copy(update={"waves": still}), v11, ReportOptions(lang=lang)),
        "summary",
    )
    assert t("waves_summary_none", previous="").split("(")[0] in flat and change not in flat

    none = section(
        render_company_html(reworded.model_copy(update={"waves": None}), v11, ReportOptions(lang=lang)),
        "summary",
    )
    assert t("waves_summary_none", previous="").split("(")[0] not in none and change not in none
