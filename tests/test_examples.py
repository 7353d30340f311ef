"""The shipped example data: reproducible from its generator, and as imperfect as promised.

The README's first command, the ingestion tests ("identical company scores" across export formats) and
the demos rely on these files, so their properties are pinned here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest
import yaml

from lerende_scan.questionnaire import Questionnaire, localise

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GENERATED = (
    "responses.csv",
    "exports/limesurvey_nl.csv",
    "exports/qualtrics_en.csv",
    "exports/responses.xlsx",
)


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    text = (ROOT / "questionnaires" / "lerende-organisatie.yaml").read_text(encoding="utf-8")
    return Questionnaire.model_validate(yaml.safe_load(text))


@pytest.fixture(scope="module")
def responses() -> pd.DataFrame:
    return pd.read_csv(EXAMPLES / "responses.csv", dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def numbers(responses: pd.DataFrame, questionnaire: Questionnaire) -> pd.DataFrame:
    """Item answers as floats, NaN for blanks and 'Weet niet'."""
    ids = [item.id for item in questionnaire.items]
    frame: pd.DataFrame = responses[ids].apply(pd.to_numeric, errors="coerce")
    return frame


def test_generator_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    written = _load_generator().write_examples(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(GENERATED)
    for name in GENERATED:
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), f"{name} is stale"


def test_another_seed_gives_other_answers(tmp_path: Path) -> None:
    _load_generator().main(["--seed", "7", "--out", str(tmp_path)])
    assert (tmp_path / "responses.csv").read_bytes() != (EXAMPLES / "responses.csv").read_bytes()


def test_columns_are_meta_then_items_in_questionnaire_order_then_comment(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    items = [item.id for item in questionnaire.items]
    assert list(responses.columns) == ["respondent_id", "company", "department", "role", *items, "opmerking"]


def test_three_companies_of_40_to_120_respondents(responses: pd.DataFrame) -> None:
    sizes = responses["company"].value_counts()
    assert len(sizes) == 3
    assert sizes.between(40, 120).all(), sizes.to_dict()


def test_every_company_has_a_department_below_the_anonymity_threshold(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    smallest = responses.groupby(["company", "department"]).size().groupby(level="company").min()
    assert (smallest < questionnaire.anonymity.min_group_size).all(), smallest.to_dict()
    departments = responses.groupby("company")["department"].nunique()
    assert departments.between(3, 5).all()


def test_every_company_has_enough_leaders_for_the_perception_gap(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    assert questionnaire.leaders is not None
    assert set(responses["role"]) == {"medewerker", "leidinggevende"}
    is_leader = responses["role"].isin(questionnaire.leaders.values)
    assert (is_leader.groupby(responses["company"]).sum() >= questionnaire.anonymity.min_group_size).all()


def test_answers_are_numbers_1_to_5_weet_niet_or_blank(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    raw = responses[[item.id for item in questionnaire.items]]
    assert set(np.unique(raw.to_numpy())) == {"", "1", "2", "3", "4", "5", "Weet niet"}
    dont_know = (raw == "Weet niet").to_numpy().mean()
    blank = (raw == "").to_numpy().mean()
    assert 0.02 <= dont_know <= 0.045
    assert 0.01 <= blank <= 0.035


def test_the_promised_flaws_are_present(responses: pd.DataFrame, questionnaire: Questionnaire) -> None:
    raw = responses[[item.id for item in questionnaire.items]]
    assert responses.loc[responses["respondent_id"].duplicated(keep=False), "respondent_id"].tolist() == [
        "R0112",
        "R0112",
    ]
    empty = (raw == "").all(axis=1)
    assert responses.loc[empty, "respondent_id"].tolist() == ["R0196"]
    straight = (raw.nunique(axis=1) == 1) & ~empty
    assert responses.loc[straight, "respondent_id"].tolist() == ["R0006", "R0192"]
    assert 0 < (responses["opmerking"] != "").mean() < 0.25


def test_companies_have_different_profiles_with_bottlenecks_and_strengths(
    responses: pd.DataFrame, numbers: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    """Each factor scored as the mean of answered, reversed items; alpha from pairwise covariances."""
    scale = questionnaire.scale
    means = {}
    for factor in questionnaire.factors:
        cols = [item.id for item in factor.items]
        scored = numbers[cols].copy()
        for item in factor.items:
            if item.reverse:
                scored[item.id] = scale.min + scale.max - scored[item.id]
        person = scored.mean(axis=1).where(scored.notna().sum(axis=1) >= questionnaire.min_items(factor))
        means[factor.id] = person.groupby(responses["company"]).mean()
        for _, block in scored.groupby(responses["company"]):
            cov = block.cov().to_numpy()
            k = len(cols)
            alpha = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
            assert 0.65 <= alpha <= 0.92, (factor.id, alpha)
    profile = pd.DataFrame(means)
    assert (profile.min(axis=1) < 2.5).sum() >= 2, profile.round(2).to_dict()
    assert (profile.max(axis=1) >= 3.5).all(), profile.round(2).to_dict()
    assert profile.idxmin(axis=1).nunique() == 3  # every company has a different weakest factor


def test_limesurvey_export_holds_the_same_answers_as_dutch_labels(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    raw = (EXAMPLES / "exports" / "limesurvey_nl.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    lime = pd.read_csv(
        EXAMPLES / "exports" / "limesurvey_nl.csv",
        sep=";",
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    assert {"id", "submitdate", "email", "naam", "company", "department", "role"} <= set(lime.columns)
    assert lime["email"].str.endswith("@example.invalid").all()
    assert lime["opmerking"].str.contains("\n").any() and lime["opmerking"].str.contains(";").any()
    to_number = {localise(text, "nl"): str(v) for v, text in questionnaire.scale.labels.items()}
    to_number |= {"Weet niet": "Weet niet", "": ""}
    for item in questionnaire.items:
        assert lime[item.codes[0]].map(to_number).tolist() == responses[item.id].tolist(), item.id


def test_qualtrics_export_is_cp1252_with_english_item_text_in_row_two(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    path = EXAMPLES / "exports" / "qualtrics_en.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    qualtrics = pd.read_csv(path, encoding="cp1252", dtype=str, keep_default_na=False, header=1)
    assert str(qualtrics.iloc[0, 0]).startswith('{"ImportId"')
    answers = qualtrics.iloc[1:].reset_index(drop=True)
    to_number = {localise(text, "en"): str(v) for v, text in questionnaire.scale.labels.items()}
    to_number |= {"Don't know": "Weet niet", "": ""}
    for item in questionnaire.items:
        assert answers[localise(item.text, "en")].map(to_number).tolist() == responses[item.id].tolist(), (
            item.id
        )
    assert answers["respondent_id"].tolist() == responses["respondent_id"].tolist()


def test_xlsx_export_holds_the_same_answers_as_number_dash_label(
    responses: pd.DataFrame, questionnaire: Questionnaire
) -> None:
    sheet = pd.read_excel(EXAMPLES / "exports" / "responses.xlsx", dtype=str).fillna("")
    assert list(sheet.columns) == list(responses.columns)
    ids = [item.id for item in questionnaire.items]
    assert sheet[ids].stack().str.fullmatch(r"|Weet niet|[1-5] - .+").all()
    assert (sheet[ids].apply(lambda col: col.str.split(" - ").str[0]) == responses[ids]).all().all()


def test_sector_example_is_reproducible(tmp_path: Path) -> None:
    """examples/sector/ is exactly what examples/make_sector.py writes with its default seed."""
    spec = importlib.util.spec_from_file_location("make_sector", EXAMPLES / "make_sector.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.write_sector(tmp_path)
    assert len(written) == 8
    for path in written:
        assert path.read_bytes() == (EXAMPLES / "sector" / path.name).read_bytes(), path.name
