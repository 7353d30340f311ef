"""A company's before and after: from aggregates exactly what the raw data give, statements that changed
are named and their factors left out, and the groups follow the cross-wave rule."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import stats

from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult, ScaleRef
from lerende_scan.scoring import ScoreResult
from lerende_scan.waves.compare import attach, compare
from lerende_scan.waves.load import Earlier, read_scores
from lerende_scan.waves.model import WaveRef
from lerende_scan.waves.stamp import stamp

LINDE = "Zorggroep De Linde"


def _by(results: list[CompanyResult], name: str) -> CompanyResult:
    return next(r for r in results if r.company == name)


def test_from_aggregates_equals_the_raw_data_formula(
    wave1: list[CompanyResult],
    wave2: list[CompanyResult],
    wave1_raw: ScoreResult,
    wave2_raw: ScoreResult,
    questionnaire: Questionnaire,
    tmp_path,
) -> None:
    """Both raw waves scored: the change, its CI and g computed from the respondents' scores with the
    textbook formulas equal what the comparison gives from the earlier scores.json (read back from disk)."""
    saved = tmp_path / "scores.json"
    saved.write_text(_by(wave1, LINDE).model_dump_json(), encoding="utf-8")
    out = compare(_by(wave2, LINDE), [read_scores(saved)], questionnaire)
    assert out.waves is not None
    rows1 = wave1_raw.respondent_scores
    rows2 = wave2_raw.respondent_scores
    for fid in [f.id for f in questionnaire.factors] + ["index"]:
        x = rows1.loc[rows1["company"] == LINDE, fid].dropna().to_numpy(float)
        y = rows2.loc[rows2["company"] == LINDE, fid].dropna().to_numpy(float)
        welch = stats.ttest_ind(y, x, equal_var=False).confidence_interval(0.95)
        n1, n2 = len(x), len(y)
        sp = math.sqrt(((n1 - 1) * x.var(ddof=1) + (n2 - 1) * y.var(ddof=1)) / (n1 + n2 - 2))
        g = (1 - 3 / (4 * (n1 + n2) - 9)) * (y.mean() - x.mean()) / sp
        c = out.waves.index if fid == "index" else next(c for c in out.waves.factors if c.id == fid)
        assert c is not None
        assert (c.before.n, c.after.n) == (n1, n2)
        assert c.diff == pytest.approx(y.mean() - x.mean(), abs=1e-12)
        assert (c.ci_low, c.ci_high) == pytest.approx((welch.low, welch.high), abs=1e-12)
        assert c.g == pytest.approx(g, abs=1e-12)


def test_the_real_change_is_found_and_nothing_else(wave1, wave2, questionnaire) -> None:
    """The example's one real change (De Linde's feedback pilot) has both signals; the rest has neither."""
    out = attach(wave2, [Earlier("w1", r) for r in wave1], questionnaire)[0]
    for r in out:
        assert r.waves is not None
        for c in r.waves.factors:
            expected = r.company == LINDE and c.id == "feedback"
            assert c.practical is expected and c.statistical is expected, (r.company, c.id, c.g)
    linde = _by(out, LINDE).waves
    assert linde is not None and set(linde.movers_up) <= {"fb1", "fb2", "fb3", "fb4", "fb5"}


def test_a_reworded_statement_drops_its_factor_and_the_index_only(wave1, v11, tmp_path) -> None:
    """Under version 1.1 (ex2 reworded) 'external' and the index are not compared; ex2 is named with
    its reason; external's other statements are still compared one by one."""
    from tests.waves.conftest import WAVES, scored

    now = [
        stamp(r, v11, WaveRef(date=dt.date(2026, 6, 15)))
        for r in scored(WAVES / "responses-2026.csv", v11).companies
    ]
    out = compare(_by(now, LINDE), [_by(wave1, LINDE)], v11).waves
    assert out is not None
    assert out.index is None
    assert [c.id for c in out.factors] == ["feedback", "autonomy", "safety", "leadership", "motivation"]
    assert [(s.id, s.reason) for s in out.not_compared["external"]] == [("ex2", "reworded")]
    compared = {i.id for i in out.items}
    assert {"ex1", "ex3", "ex4", "ex5"} <= compared and "ex2" not in compared
    assert out.previous_version == "1.0"


def test_new_removed_reverse_and_moved_statements_are_named(wave1, questionnaire) -> None:
    before = _by(wave1, LINDE)
    factors = [f.model_copy(deep=True) for f in before.factors]
    fb = factors[0]
    fb.items[0].reverse = not fb.items[0].reverse
    fb.items[0].fingerprint = "changed"
    moved = factors[1].items.pop()  # au5 now in feedback
    fb.items.append(moved)
    removed = factors[2].items.pop()  # ps5 gone
    after = before.model_copy(update={"factors": factors, "wave": WaveRef(date=dt.date(2026, 1, 1))})
    out = compare(after, [before], questionnaire).waves
    assert out is not None
    reasons = {(s.id, s.reason) for s in out.statements}
    assert reasons == {("fb1", "reverse-keying"), (moved.id, "moved"), (removed.id, "removed")}
    assert {c.id for c in out.factors} == {"leadership", "external", "motivation"}
    assert moved.id in {i.id for i in out.items}  # a moved statement is still compared one to one


def test_refusals_are_one_catalogue_line(wave1, wave2, questionnaire) -> None:
    before, after = _by(wave1, LINDE), _by(wave2, LINDE)
    same_day = before.model_copy(update={"wave": after.wave})
    with pytest.raises(ScanError) as err:
        compare(after, [same_day], questionnaire)
    assert err.value.findings[0].code is Code.WAVE_SAME_DATE
    other_scale = before.model_copy(
        update={
            "questionnaire": before.questionnaire.model_copy(
                update={"scale": ScaleRef(min=1, max=7, fingerprint="x")}
            )
        }
    )
    with pytest.raises(ScanError) as err:
        compare(after, [other_scale], questionnaire)
    assert err.value.findings[0].code is Code.WAVE_SCALE_CHANGED
    assert "1..7 became 1..5" in str(err.value.findings[0])
    old_file = before.model_copy(
        update={
            "questionnaire": before.questionnaire.model_copy(update={"scale": None, "hash": "sha256:old"})
        }
    )
    with pytest.raises(ScanError) as err:
        compare(after, [old_file], questionnaire)
    assert err.value.findings[0].code is Code.WAVE_NO_FINGERPRINTS


def test_groups_hidden_in_either_wave_get_no_change(wave1, wave2, questionnaire) -> None:
    """De Linde's Staf lost one person: the cross-wave rule hides more now; no hidden group has numbers."""
    out = compare(_by(wave2, LINDE), [_by(wave1, LINDE)], questionnaire)
    assert out.waves is not None and out.waves.hidden_now
    hidden = {(b.column, g.name) for b in out.groups for g in b.groups if g.suppressed}
    for g in out.waves.groups:
        assert g.hidden is ((g.column, g.name) in hidden or _hidden_then(wave1, g.column, g.name))
        if g.hidden:
            assert g.index is None and not g.factors and g.n_before is None
    assert {g.reason for g in out.waves.groups if g.hidden} == {"hidden_in_a_wave", "cross_wave"}


def _hidden_then(wave1: list[CompanyResult], column: str, name: str) -> bool:
    b = next(b for b in _by(wave1, LINDE).groups if b.column == column)
    return any(g.name == name and g.suppressed for g in b.groups)


def test_unmatched_companies_warn_and_renames_match(wave1, wave2, questionnaire) -> None:
    renamed = [r.model_copy(update={"company": "De Linde"}) if r.company == LINDE else r for r in wave1]
    out, findings = attach(wave2, [Earlier("w1", r) for r in renamed], questionnaire)
    assert {f.code for f in findings} == {Code.WAVE_NO_MATCH, Code.WAVE_PREVIOUS_UNUSED}
    assert _by(out, LINDE).waves is None
    out, findings = attach(
        wave2, [Earlier("w1", r) for r in renamed], questionnaire, renamed={"De Linde": LINDE}
    )
    assert not findings and _by(out, LINDE).waves is not None


def test_three_waves_give_a_trend_oldest_first(wave1, wave2, questionnaire) -> None:
    middle = _by(wave2, LINDE).model_copy(update={"wave": WaveRef(date=dt.date(2025, 12, 1), name="tussen")})
    now = _by(wave2, LINDE).model_copy(update={"wave": WaveRef(date=dt.date(2026, 6, 15), name="2026")})
    out = compare(now, [middle, _by(wave1, LINDE)], questionnaire).waves
    assert out is not None
    assert [p.wave for p in out.trend["feedback"]] == ["2025-06-16", "tussen", "2026"]
    assert out.previous.name == "tussen"
    assert np.isfinite([p.mean for p in out.trend["index"]]).all()
