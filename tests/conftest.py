"""Fixtures shared across the suite: the shipped questionnaire and the shipped example, scored once."""

from __future__ import annotations

from pathlib import Path

import pytest

from lerende_scan.questionnaire import Questionnaire, load_questionnaire
from lerende_scan.results import CompanyResult

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    """The shipped default questionnaire (questionnaires/lerende-organisatie.yaml)."""
    return load_questionnaire()


@pytest.fixture(scope="session")
def example_csv() -> Path:
    return EXAMPLES / "responses.csv"


@pytest.fixture(scope="session")
def example_results(questionnaire: Questionnaire, example_csv: Path) -> list[CompanyResult]:
    """The shipped example's companies, scored by the real pipeline once per session, as ``scan score``
    produces them (with the drivers of motivation)."""
    from lerende_scan.drivers import add_drivers
    from lerende_scan.ingest import ingest
    from lerende_scan.scoring import score

    results, _ = add_drivers(score(ingest(example_csv, questionnaire).responses), questionnaire)
    return results
