"""Sector drivers in ``scan benchmark``: pooled respondents, company means from 30 companies, the spread."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lerende_scan.benchmark import Benchmark, load_benchmark
from lerende_scan.drivers.sector import MIN_COMPANIES, sector_drivers
from lerende_scan.pipeline import BenchmarkOptions, build_sector
from lerende_scan.questionnaire import Questionnaire

SECTOR = Path(__file__).resolve().parents[2] / "examples" / "sector"


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Benchmark:
    out = tmp_path_factory.mktemp("sector")
    run = build_sector([SECTOR], BenchmarkOptions(out=out, formats=("json",), name="Zorg"))
    assert (out / "benchmark.json").exists()
    return run.benchmark


def test_the_benchmark_has_the_sector_drivers_and_they_load(bench: Benchmark, tmp_path: Path) -> None:
    d = bench.drivers
    assert d is not None
    assert d.respondents.status == "ok"
    assert d.respondents.n == sum(c.n for c in bench.companies)  # every respondent has every score here
    assert sum(w.raw for w in d.respondents.weights) == pytest.approx(d.respondents.r2)
    assert d.companies.status == "too_few" and d.companies.n == len(bench.companies) < MIN_COMPANIES
    spread = d.motivation
    assert spread.companies == len(bench.companies)
    assert spread.shares.low + spread.shares.moderate + spread.shares.high == pytest.approx(1.0)
    assert spread.lowest is not None and spread.highest is not None and spread.lowest <= spread.highest
    means = sorted(c.factors["motivation"] or 0.0 for c in bench.companies)
    assert (spread.lowest, spread.highest) == pytest.approx((means[0], means[-1]))


def test_company_means_are_analysed_from_30_companies(bench: Benchmark, questionnaire: Questionnaire) -> None:
    rng = np.random.default_rng(3)
    template = bench.companies[0]
    companies = []
    for i in range(40):
        x = {f: float(3 + 0.4 * rng.normal()) for f in template.factors if f != "motivation"}
        x["motivation"] = 1 + 0.5 * x["feedback"] + 0.3 * x["autonomy"] + 0.1 * float(rng.normal())
        companies.append(template.model_copy(update={"code": f"C{i:02d}", "factors": x}))
    many = bench.model_copy(update={"companies": companies})
    result, findings = sector_drivers(many, {}, {}, questionnaire)
    assert result is not None and findings == []
    assert result.respondents.status == "too_few" and result.respondents.n == 0
    assert result.companies.status == "ok" and result.companies.n == 40
    assert result.companies.weights[0].factor == "feedback"
    assert result.motivation.respondents == 0 and result.motivation.companies == 40
    # The report renders the company-means analysis too (it has a table and no chart: a template error
    # in 'scan benchmark' from 30 companies on).
    from lerende_scan.report import ReportOptions, render_benchmark_html

    html = render_benchmark_html(many.model_copy(update={"drivers": result}), questionnaire, ReportOptions())
    assert "sector-drivers" in html


def test_an_old_benchmark_without_drivers_still_loads(
    bench: Benchmark, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "benchmark.json"
    path.write_text(bench.model_copy(update={"drivers": None}).model_dump_json(exclude={"drivers"}))
    assert load_benchmark(path, questionnaire).drivers is None


def test_the_benchmark_report_has_the_sector_drivers_page(
    bench: Benchmark, questionnaire: Questionnaire
) -> None:
    from lerende_scan.report import ReportOptions, render_benchmark_html

    for lang, title in (
        ("nl", "Wat drijft motivatie in de sector"),
        ("en", "What drives motivation in the sector"),
    ):
        html = render_benchmark_html(bench, questionnaire, ReportOptions(lang=lang))
        assert title in html and 'id="sector-priority-title"' in html
    assert "sector-drivers" not in render_benchmark_html(
        bench.model_copy(update={"drivers": None}), questionnaire, ReportOptions(lang="nl")
    )
