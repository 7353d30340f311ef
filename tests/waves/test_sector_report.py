"""The benchmark report's wave pages, in Dutch and English: the sector's change, and with pilots the
difference in differences with its interval, what it does and does not show, and the refusal for a
factor with fewer than 3 companies on a side."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.waves.conftest import WAVES
from tests.waves.test_sector import _wave

from lerende_scan.benchmark import Benchmark
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report import ReportOptions
from lerende_scan.report.sector import render_benchmark_html
from lerende_scan.texts import Translator
from lerende_scan.waves.load import EarlierSector
from lerende_scan.waves.model import WaveRef
from lerende_scan.waves.sector import Pilot, read_pilots, sector_waves

LANGS = ("nl", "en")
NOW = WaveRef(date=dt.date(2026, 6, 30), name="2026")


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture(scope="module")
def waves(questionnaire: Questionnaire):  # type: ignore[no-untyped-def]
    before, bench1 = _wave("sector-2025", questionnaire, dt.date(2025, 6, 30))
    after, bench2 = _wave("sector-2026", questionnaire, dt.date(2026, 6, 30))
    earlier = EarlierSector("2025", bench1, {r.company: r for r in before})  # type: ignore[arg-type]
    return after, bench2, earlier


def _bench(waves, questionnaire: Questionnaire, pilots: list[Pilot] | None) -> Benchmark:  # type: ignore[no-untyped-def]
    after, bench, earlier = waves
    change = sector_waves(bench, after, earlier, questionnaire, current=NOW, pilots=pilots)
    out: Benchmark = bench.model_copy(update={"waves": change})
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_sector_change_page_and_pilot_comparison(waves, questionnaire: Questionnaire, lang: str) -> None:  # type: ignore[no-untyped-def]
    bench = _bench(waves, questionnaire, read_pilots(WAVES / "pilots.csv", questionnaire))
    html = render_benchmark_html(bench, questionnaire, ReportOptions(lang=lang))
    t = Translator(lang)
    change = section(html, "sector-waves")
    assert f"<h2>{t('sector_waves')}</h2>" in change
    assert t("sector_waves_improved") in change and t("sector_waves_declined") in change
    assert bench.waves is not None
    assert change.count("<tr") == len(bench.waves.factors) + 2  # two header rows
    pilots = section(html, "sector-pilots")
    assert f"<h2>{t('sector_pilots')}</h2>" in pilots
    assert t("sector_pilots_shows") in pilots and t("sector_pilots_does_not_show") in pilots
    assert bench.waves.pilots is not None
    rows = bench.waves.pilots.factors
    assert pilots.count('class="num excludes-zero"') == sum(
        1 for r in rows if r.ci_low is not None and r.ci_high is not None and (r.ci_low > 0 or r.ci_high < 0)
    )
    assert 'class="flag"' not in pilots  # four on each side: nothing refused
    for company in {c.company for c in read_pilots(WAVES / "pilots.csv", questionnaire)}:
        assert company not in html  # companies stay anonymous


def test_no_pilots_no_pilot_page_and_no_previous_no_pages(waves, questionnaire: Questionnaire) -> None:  # type: ignore[no-untyped-def]
    html = render_benchmark_html(_bench(waves, questionnaire, None), questionnaire, ReportOptions(lang="nl"))
    assert 'id="sector-waves"' in html and 'id="sector-pilots"' not in html
    _, bench, _ = waves
    plain = render_benchmark_html(bench, questionnaire, ReportOptions(lang="nl"))
    assert 'id="sector-waves"' not in plain


@pytest.mark.parametrize("lang", LANGS)
def test_a_factor_with_too_few_pilots_is_refused(waves, questionnaire: Questionnaire, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Targeted pilots: feedback has 2 pilots, so no difference there, and the report says why."""
    names = [p.company for p in read_pilots(WAVES / "pilots.csv", questionnaire)]
    pilots = [Pilot(c, True, "feedback") for c in names[:2]] + [Pilot(c, True, "safety") for c in names[2:5]]
    pilots += [Pilot(c, False, None) for c in names[5:]]
    bench = _bench(waves, questionnaire, pilots)
    assert bench.waves is not None and bench.waves.pilots is not None
    feedback = next(r for r in bench.waves.pilots.factors if r.id == "feedback")
    assert feedback.note == "too_few" and feedback.pilots == 2
    html = section(render_benchmark_html(bench, questionnaire, ReportOptions(lang=lang)), "sector-pilots")
    t = Translator(lang)
    assert t("sector_pilots_targeted") in html
    name = str(questionnaire.factors[0].name[lang])  # type: ignore[index]
    refusal = t("sector_pilots_too_few", factor=name, pilots=2, others=feedback.others, minimum=3)
    assert refusal.replace("'", "&#39;") in html
