"""The sector's change and the pilots' difference in differences, against an independent computation
with the company as the unit (scipy's Welch interval on the companies' changes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from scipy import stats
from tests.waves.conftest import WAVES

from lerende_scan.benchmark import build_benchmark
from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult, Position
from lerende_scan.waves.load import EarlierSector
from lerende_scan.waves.model import WaveRef
from lerende_scan.waves.sector import Pilot, read_pilots, sector_waves
from lerende_scan.waves.stamp import stamp


def _wave(folder: str, q: Questionnaire, date: dt.date) -> tuple[list[CompanyResult], object]:
    results: list[CompanyResult] = []
    for path in sorted((WAVES / folder).glob("*.csv")):
        from lerende_scan.ingest import ingest
        from lerende_scan.scoring import score

        results += score(ingest(path, q, company=path.stem).responses).companies
    built = build_benchmark(results, q, name=folder, date=date)
    members = [
        stamp(r, q, WaveRef(date=date)).model_copy(
            update={"benchmark": Position(name=folder, companies=8, code=built.codes[r.company], factors=[])}
        )
        for r in results
    ]
    return members, built.benchmark


@pytest.fixture(scope="module")
def two(questionnaire: Questionnaire):
    before, bench1 = _wave("sector-2025", questionnaire, dt.date(2025, 6, 30))
    after, bench2 = _wave("sector-2026", questionnaire, dt.date(2026, 6, 30))
    earlier = EarlierSector("2025", bench1, {r.company: r for r in before})  # type: ignore[arg-type]
    return before, after, bench2, earlier


def test_did_with_companies_as_the_unit(two, questionnaire: Questionnaire) -> None:
    before, after, bench, earlier = two
    pilots = read_pilots(WAVES / "pilots.csv", questionnaire)
    out = sector_waves(
        bench, after, earlier, questionnaire, current=WaveRef(date=dt.date(2026, 6, 30)), pilots=pilots
    )
    assert out.pilots is not None and (out.pilots.pilots, out.pilots.others) == (4, 4)
    yes = {p.company for p in pilots if p.pilot}
    then = {r.company: r for r in before}
    for row in out.pilots.factors:
        p, o = (
            np.array(
                [
                    pick_before({r.company: r for r in after}, r.company, row.id)
                    - pick_before(then, r.company, row.id)
                    for r in after
                    if (r.company in yes) is group
                ]
            )
            for group in (True, False)
        )
        ci = stats.ttest_ind(p, o, equal_var=False).confidence_interval(0.95)
        assert row.did == pytest.approx(p.mean() - o.mean(), abs=1e-12)
        assert (row.ci_low, row.ci_high) == pytest.approx((ci.low, ci.high), abs=1e-10)
        assert row.before_pilots == pytest.approx(
            np.mean([pick_before(then, c, row.id) for c in yes]), abs=1e-12
        )
    # the shipped example: pilots rose about 0.3 more; the sector rose a little
    index = next(r for r in out.pilots.factors if r.id == "index")
    assert index.did is not None and index.did > 0.1
    change = next(f for f in out.factors if f.id == "index")
    assert change.companies == 8 and change.improved + change.declined + change.same == 8
    assert (
        change.mean_after is not None
        and change.mean_before is not None
        and change.mean_after > change.mean_before
    )


def pick_before(then: dict[str, CompanyResult], company: str, fid: str) -> float:
    r = then[company]
    value = r.index.mean if fid == "index" else r.factor(fid).mean
    assert value is not None
    return value


def test_targeted_pilots_with_too_few_companies_get_no_number(two, questionnaire: Questionnaire) -> None:
    _, after, bench, earlier = two
    names = [r.company for r in after]
    pilots = [Pilot(n, True, "feedback") for n in names[:3]] + [Pilot(names[3], True, "autonomy")]
    out = sector_waves(
        bench, after, earlier, questionnaire, current=WaveRef(date=dt.date(2026, 6, 30)), pilots=pilots
    )
    assert out.pilots is not None and out.pilots.targeted
    rows = {r.id: r for r in out.pilots.factors}
    assert rows["feedback"].pilots == 3 and rows["feedback"].did is not None
    assert rows["autonomy"].note == "too_few" and rows["autonomy"].did is None


def test_fewer_than_three_in_a_group_is_refused(two, questionnaire: Questionnaire, tmp_path: Path) -> None:
    _, after, bench, earlier = two
    names = [r.company for r in after]
    pilots = [Pilot(n, True, None) for n in names[:6]]  # leaves 2 others
    with pytest.raises(ScanError) as err:
        sector_waves(
            bench, after, earlier, questionnaire, current=WaveRef(date=dt.date(2026, 6, 30)), pilots=pilots
        )
    assert err.value.findings[0].code is Code.PILOTS_TOO_FEW


def test_pilot_rows_of_one_company_combine_factors_and_must_agree(
    two, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    """A company may have a row per factor; rows that disagree, or a pilot without a company, are refused
    at their row (blank lines counted). Before, the last row of a company silently replaced the others."""
    _, after, bench, earlier = two
    names = [r.company for r in after]
    path = tmp_path / "pilots.csv"
    rows = [f"{names[0]},ja,feedback", f"{names[0]},ja,autonomy"] + [f"{n},ja,feedback" for n in names[1:3]]
    path.write_text("company,pilot,factor\n" + "\n".join(rows) + "\n", encoding="utf-8")
    pilots = read_pilots(path, questionnaire)
    out = sector_waves(
        bench, after, earlier, questionnaire, current=WaveRef(date=dt.date(2026, 6, 30)), pilots=pilots
    )
    assert out.pilots is not None
    counts = {r.id: r.pilots for r in out.pilots.factors}
    assert (counts["feedback"], counts["autonomy"], counts["index"]) == (3, 1, 3)
    for text, row in (
        (f"company,pilot\n{names[0]},ja\n\n{names[0]},nee\n", 4),
        (f"company,pilot\n{names[0]},ja\n,ja\n", 3),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ScanError) as err:
            read_pilots(path, questionnaire)
        assert (err.value.findings[0].code, err.value.findings[0].row) == (Code.PILOTS_INVALID, row)


def test_pilot_names_differing_in_case_or_spaces_are_the_companies(two, questionnaire: Questionnaire) -> None:
    """'zorggroep kennemerland ' in the pilots file was W011 'not in both waves', though a benchmark takes
    names that differ in case as one company."""
    _, after, bench, earlier = two
    pilots = read_pilots(WAVES / "pilots.csv", questionnaire)
    respelled = [Pilot(f"  {p.company.upper()} ", p.pilot, p.factor) for p in pilots]
    kwargs = {"current": WaveRef(date=dt.date(2026, 6, 30))}
    exact = sector_waves(bench, after, earlier, questionnaire, pilots=pilots, **kwargs)
    loose = sector_waves(bench, after, earlier, questionnaire, pilots=respelled, **kwargs)
    assert loose.pilots == exact.pilots and exact.pilots is not None
