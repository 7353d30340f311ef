"""Sector benchmark core: percentiles, quartiles, exclusions, refusals and anonymous codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lerende_scan.benchmark import (
    Exclusion,
    add_position,
    benchmark_json,
    build_benchmark,
    load_benchmark,
    own_code,
    percentile_rank,
    quartile,
)
from lerende_scan.errors import Code, ExclusionReason, ScanError
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import (
    CompanyResult,
    DataQuality,
    FactorResult,
    QuestionnaireRef,
    Respondents,
)

Q = Questionnaire.model_validate(
    {
        "id": "mini",
        "version": "1.0",
        "title": "Mini",
        "scale": {"min": 1, "max": 5},
        "scoring": {"bands": [{"id": "low", "below": 2.5, "label": "Laag"}, {"id": "high", "label": "Hoog"}]},
        "factors": [
            {"id": "a", "name": "A", "items": [{"id": "a1", "text": "a1"}, {"id": "a2", "text": "a2"}]},
            {"id": "b", "name": "B", "items": [{"id": "b1", "text": "b1"}, {"id": "b2", "text": "b2"}]},
        ],
    }
)
DATE = dt.date(2026, 11, 22)


def factor(fid: str, mean: float | None, n: int = 10) -> FactorResult:
    return FactorResult(id=fid, n=n, mean=mean, sd=None, ci_low=None, ci_high=None, alpha=None, band=None)


def company(name: str, a: float | None, b: float | None, valid: int = 10) -> CompanyResult:
    means = [m for m in (a, b) if m is not None]
    return CompanyResult(
        questionnaire=QuestionnaireRef(id=Q.id, version=Q.version, hash=Q.content_hash()),
        company=name,
        respondents=Respondents(received=valid, valid=valid),
        index=factor("index", sum(means) / len(means) if means else None, valid),
        factors=[factor("a", a, valid), factor("b", b, valid)],
        opportunities=["a", "b"],
        strengths=["b", "a"],
        data_quality=DataQuality(received=valid, valid=valid, excluded={}, flagged={}, missing_pct={}),
    )


SECTOR = [company(f"Bedrijf {i}", 1.5 + 0.4 * i, 4.0 - 0.1 * i) for i in range(7)]


def test_percentile_is_mid_rank_and_inverts_numpy_hazen() -> None:
    values = np.array([2.1, 3.4, 1.0, 4.2, 3.9, 2.8, 3.0])
    for x in values:
        pr = percentile_rank(values, x)
        assert np.percentile(values, pr, method="hazen") == pytest.approx(x)
    assert percentile_rank([1, 2, 3, 4], 2.5) == 50.0
    assert percentile_rank([1, 2, 2, 3], 2) == 50.0  # ties: half of the equal values count
    assert percentile_rank([1, 2, 3], 0.5) == 0.0
    assert percentile_rank([1, 2, 3], 9) == 100.0


@pytest.mark.parametrize(("pr", "q"), [(0, 1), (24.9, 1), (25, 2), (50, 3), (74.9, 3), (75, 4), (100, 4)])
def test_quartile_boundaries(pr: float, q: int) -> None:
    assert quartile(pr) == q


def test_factor_quantiles_use_hazen_and_rank_weakest_first() -> None:
    bench = build_benchmark(SECTOR, Q, name="Sector", date=DATE).benchmark
    a = np.array([1.5 + 0.4 * i for i in range(7)])
    dist = bench.factor("a")
    assert dist.median == pytest.approx(np.percentile(a, 50, method="hazen"))
    assert dist.p10 == pytest.approx(np.percentile(a, 10, method="hazen"))
    assert dist.p90 == pytest.approx(np.percentile(a, 90, method="hazen"))
    assert dist.mean == pytest.approx(a.mean())
    assert dist.bands == {"low": pytest.approx(3 / 7), "high": pytest.approx(4 / 7)}  # 1.5, 1.9, 2.3 < 2.5
    assert [f.id for f in bench.factors] == ["a", "b"]  # a's sector mean (2.7) < b's (3.7)


def test_small_companies_are_excluded_with_reason_and_code() -> None:
    tiny = company("Klein BV", 3.0, 3.0, valid=4)
    failed = {"Kapot BV": (ExclusionReason.UNREADABLE, {"finding": "R003"})}
    built = build_benchmark([*SECTOR, tiny], Q, name="Sector", date=DATE, failed=failed)
    bench = built.benchmark
    assert bench.provenance.companies == 7
    assert {(e.reason, e.minimum, e.finding) for e in bench.excluded} == {
        (ExclusionReason.TOO_SMALL, 5, None),
        (ExclusionReason.UNREADABLE, None, "R003"),
    }
    assert {e.code for e in bench.excluded} == {built.codes["Klein BV"], built.codes["Kapot BV"]}
    assert all(e.name is None for e in bench.excluded)


def test_too_few_companies_is_refused() -> None:
    with pytest.raises(ScanError) as err:
        build_benchmark(SECTOR[:4], Q, name="Sector", date=DATE, min_companies=5)
    assert err.value.findings[0].code is Code.TOO_FEW_COMPANIES


def test_codes_are_anonymous_unless_named() -> None:
    built = build_benchmark(SECTOR, Q, name="Sector", date=DATE)
    text = benchmark_json(built.benchmark)
    assert not any(c.company in text for c in SECTOR)
    codes = [built.codes[c.company] for c in SECTOR]
    assert sorted(codes) == [f"B{i:02d}" for i in range(1, 8)]
    assert codes != sorted(codes)  # not handed out in input order
    named = benchmark_json(build_benchmark(SECTOR, Q, name="Sector", date=DATE, named=True).benchmark)
    assert all(c.company in named for c in SECTOR)


def test_position_of_member_and_outsider() -> None:
    bench = build_benchmark(SECTOR, Q, name="Sector", date=DATE).benchmark
    median_company = add_position(SECTOR[3], bench, code="B01")  # a = 2.7, the median of 7
    pos = median_company.benchmark
    assert pos is not None and pos.code == "B01"
    a = next(f for f in pos.factors if f.id == "a")
    assert a.percentile == 50.0 and a.quartile == 3 and a.diff_median == pytest.approx(0.0)
    outsider = add_position(company("Nieuw", 1.0, 5.0), bench).benchmark
    assert outsider is not None
    assert [(f.percentile, f.quartile) for f in outsider.factors] == [(0.0, 1), (100.0, 4)]


def test_load_refuses_other_questionnaire(tmp_path: Path) -> None:
    path = tmp_path / "benchmark.json"
    path.write_text(benchmark_json(build_benchmark(SECTOR, Q, name="Sector", date=DATE).benchmark))
    assert load_benchmark(path, Q).provenance.companies == 7
    changed = Q.model_copy(update={"version": "1.1"})
    with pytest.raises(ScanError) as err:
        load_benchmark(path, changed)
    assert err.value.findings[0].code is Code.BENCHMARK_MISMATCH
    reworded = json.loads(path.read_text())
    reworded["provenance"]["questionnaire"]["hash"] = "sha256:0000"
    path.write_text(json.dumps(reworded))
    with pytest.raises(ScanError) as err:
        load_benchmark(path, Q)
    assert err.value.findings[0].code is Code.BENCHMARK_MISMATCH


@pytest.mark.parametrize("content", ["not json", "[]", '{"format": "x"}'])
def test_load_refuses_non_benchmarks(tmp_path: Path, content: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(ScanError) as err:
        load_benchmark(path, Q)
    assert err.value.findings[0].code is Code.BENCHMARK_INVALID


def test_a_round_one_benchmark_with_prose_reasons_still_loads() -> None:
    """benchmark.json of 0.x wrote exclusion reasons as English sentences; they map onto the catalogue."""
    old = {"code": "B-1", "reason": "fewer than 5 valid respondents"}
    assert Exclusion.model_validate(old).reason is ExclusionReason.TOO_SMALL
    old = {"code": "B-2", "reason": "input could not be read (R003)"}
    assert Exclusion.model_validate(old).reason is ExclusionReason.UNREADABLE


def _edited(tmp_path: Path, edit: Any) -> Path:
    """A valid benchmark.json, edited by hand."""
    data = json.loads(benchmark_json(build_benchmark(SECTOR, Q, name="Sector", date=DATE).benchmark))
    edit(data)
    path = tmp_path / "benchmark.json"
    path.write_text(json.dumps(data))
    return path


def _no_companies(d: dict[str, Any]) -> None:
    d["companies"] = []


def _unknown_factor(d: dict[str, Any]) -> None:
    d["factors"][0]["id"] = "nonsense"


def _nan_quartile(d: dict[str, Any]) -> None:
    d["factors"][0]["p25"] = float("nan")


def _company_factor(d: dict[str, Any]) -> None:
    d["companies"][0]["factors"]["nonsense"] = 3.0


@pytest.mark.parametrize("edit", [_no_companies, _unknown_factor, _nan_quartile, _company_factor])
def test_a_hand_edited_benchmark_is_one_catalogue_error(tmp_path: Path, edit: Any) -> None:
    """An empty company list (NaN quartiles), a factor the questionnaire lacks (StopIteration before),
    NaN numbers: refused on load with BENCHMARK_INVALID, never an internal error later."""
    with pytest.raises(ScanError) as err:
        load_benchmark(_edited(tmp_path, edit), Q)
    assert [f.code for f in err.value.findings] == [Code.BENCHMARK_INVALID]


def test_a_benchmark_with_an_integer_python_cannot_read_is_refused(tmp_path: Path) -> None:
    """Found by fuzzing: json.loads raises ValueError on more than 4,300 digits (exit 70 before)."""
    path = tmp_path / "huge.json"
    path.write_text('{"format": ' + "9" * 5000 + "}")
    with pytest.raises(ScanError) as err:
        load_benchmark(path, Q)
    assert err.value.findings[0].code is Code.BENCHMARK_INVALID and "4300 digits" in str(err.value)


def test_a_deeply_nested_benchmark_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ScanError) as err:
        load_benchmark(path, Q)
    assert err.value.findings[0].code is Code.BENCHMARK_INVALID


def test_a_company_finds_its_own_code_in_a_saved_benchmark_by_its_aggregates(tmp_path: Path) -> None:
    """benchmark.json has no names; `scan score --benchmark` finds the company by n, index and factor
    means (after the JSON round trip), and gives no code for a company that differs by one respondent or
    one mean, or that has a twin."""
    built = build_benchmark(SECTOR, Q, name="Sector", date=DATE)
    path = tmp_path / "benchmark.json"
    path.write_text(benchmark_json(built.benchmark), encoding="utf-8")
    saved = load_benchmark(path, Q)
    for member in SECTOR:
        assert own_code(member, saved) == built.codes[member.company]
    member = SECTOR[2]
    fewer = member.model_copy(update={"respondents": Respondents(received=9, valid=9)})
    moved = member.model_copy(update={"factors": [factor("a", 4.9), member.factors[1]]})
    assert own_code(fewer, saved) is None and own_code(moved, saved) is None
    assert own_code(company("Nieuw", 1.0, 5.0), saved) is None
    twin = member.model_copy(update={"company": "Tweeling"})
    doubled = build_benchmark([*SECTOR, twin], Q, name="Sector", date=DATE).benchmark
    assert own_code(member, doubled) is None
