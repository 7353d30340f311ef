"""The example's two waves, scored once: the shipped example and examples/waves/responses-2026.csv."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lerende_scan.questionnaire import Questionnaire, load_questionnaire
from lerende_scan.results import CompanyResult
from lerende_scan.scoring import ScoreResult
from lerende_scan.waves.model import WaveRef
from lerende_scan.waves.stamp import stamp

WAVES = Path(__file__).resolve().parents[2] / "examples" / "waves"
V11 = WAVES / "lerende-organisatie-1.1.yaml"


def scored(path: Path, q: Questionnaire) -> ScoreResult:
    from lerende_scan.ingest import ingest
    from lerende_scan.scoring import score

    return score(ingest(path, q).responses)


@pytest.fixture(scope="session")
def v11() -> Questionnaire:
    return load_questionnaire(V11)


@pytest.fixture(scope="session")
def wave1_raw(questionnaire: Questionnaire, example_csv: Path) -> ScoreResult:
    return scored(example_csv, questionnaire)


@pytest.fixture(scope="session")
def wave2_raw(questionnaire: Questionnaire) -> ScoreResult:
    """Wave 2 under the same questionnaire (1.0): every statement comparable."""
    return scored(WAVES / "responses-2026.csv", questionnaire)


@pytest.fixture(scope="session")
def wave1(questionnaire: Questionnaire, wave1_raw: ScoreResult) -> list[CompanyResult]:
    ref = WaveRef(date=dt.date(2025, 6, 16))
    return [stamp(r, questionnaire, ref) for r in wave1_raw.companies]


@pytest.fixture(scope="session")
def wave2(questionnaire: Questionnaire, wave2_raw: ScoreResult) -> list[CompanyResult]:
    ref = WaveRef(date=dt.date(2026, 6, 15), name="2026")
    return [stamp(r, questionnaire, ref) for r in wave2_raw.companies]
