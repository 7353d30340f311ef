"""``scan benchmark`` end to end through the CLI: inputs, outputs, positions, exclusions, refusals, anonymity,
Ctrl-C, and ``scan score --benchmark``."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from lerende_scan import output
from lerende_scan.benchmark import load_benchmark, percentile_rank, quartile
from lerende_scan.cli import app
from lerende_scan.errors import Code, ExclusionReason
from lerende_scan.output import company_folders
from lerende_scan.questionnaire import load_questionnaire
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir

runner = CliRunner()
Q = load_questionnaire()
DATE = "2026-11-22"

# Seven companies of 8 to 15 respondents; names with spaces and accents, as real ones have.
SIZES = {
    "Zorggroep Noord": 12,
    "Thuiszorg Één": 9,
    "Techniek BV": 15,
    "Gemeente Dijk": 8,
    "Bouwbedrijf Oost": 11,
    "School De Brug": 10,
    "Ziekenhuis West": 14,
}


def sector_frames(sizes: dict[str, int], seed: int = 7) -> dict[str, pd.DataFrame]:
    """Seeded responses per company: a company profile per factor, a person effect, item noise, reverse-keyed
    items answered the other way round, plus the stray columns real exports have (e-mail)."""
    rng = np.random.default_rng(seed)
    factor_of = np.array([next(i for i, f in enumerate(Q.factors) if item in f.items) for item in Q.items])
    reverse = np.array([item.reverse for item in Q.items])
    frames: dict[str, pd.DataFrame] = {}
    start = 0
    for name, n in sizes.items():
        profile = rng.normal(3.1, 0.55, size=len(Q.factors))
        latent = profile + rng.normal(0, 0.45, size=(n, len(Q.factors)))
        raw = np.clip(np.rint(latent[:, factor_of] + rng.normal(0, 0.7, size=(n, len(Q.items)))), 1, 5)
        raw[:, reverse] = 6 - raw[:, reverse]
        frame = pd.DataFrame(raw.astype(int), columns=[item.id for item in Q.items])
        ids = [f"RSP{start + i:05d}Q" for i in range(n)]
        frame.insert(0, "e-mail", [f"medewerker.{i}@example.invalid" for i in ids])
        frame.insert(0, "role", np.where(np.arange(n) % 5 == 0, "leidinggevende", "medewerker"))
        frame.insert(0, "department", rng.choice(["Zorg", "Staf"], size=n))
        frame.insert(0, "respondent_id", ids)
        frames[name] = frame
        start += n
    return frames


def write_files(folder: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """One CSV per company, the company being the file stem (no company column)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def write_one(path: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """All companies in one CSV with a company column."""
    pd.concat([f.assign(company=name) for name, f in frames.items()]).to_csv(path, index=False)
    return path


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def bench_args(inputs: Path, out: Path, *extra: str | Path) -> list[str | Path]:
    return ["benchmark", inputs, "--name", "VVT Test 2026", "--out", out, "--date", DATE, *extra]


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return sector_frames(SIZES)


@pytest.fixture(scope="module")
def sector(tmp_path_factory: pytest.TempPathFactory, frames: dict[str, pd.DataFrame]) -> Path:
    """One run over a folder of per-company files, shared by the tests that only read its outputs."""
    root = tmp_path_factory.mktemp("sector")
    code, output = run(*bench_args(write_files(root / "in", frames), root / "out", "--format", "json,html"))
    assert code == 0, output
    return root / "out"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_folder_input_writes_benchmark_report_and_company_folders(sector: Path) -> None:
    bench = load(sector / "benchmark.json")
    assert bench["provenance"]["companies"] == len(SIZES)
    assert bench["provenance"]["respondents"] == sum(SIZES.values())
    assert bench["provenance"]["questionnaire"]["hash"] == Q.content_hash()
    assert bench["provenance"]["date"] == DATE and bench["excluded"] == []
    assert (sector / "benchmark.html").is_file() and not (sector / "benchmark.pdf").exists()
    folders = company_folders(SIZES)
    for name in SIZES:
        folder = sector / "companies" / folders[name]
        assert (folder / "scores.json").is_file() and (folder / "report.html").is_file(), name
        assert 'id="benchmark"' in (folder / "report.html").read_text(encoding="utf-8")
    assert not list(sector.rglob("*.tmp"))


def test_company_positions_agree_with_benchmark_json(sector: Path) -> None:
    """Each company's percentile, quartile and difference to the median, recomputed from benchmark.json."""
    bench = load(sector / "benchmark.json")
    dists = {f["id"]: f for f in bench["factors"]}
    by_code = {c["code"]: c for c in bench["companies"]}
    seen = set()
    for path in (sector / "companies").glob("*/scores.json"):
        scores = load(path)
        pos = scores["benchmark"]
        assert pos["name"] == "VVT Test 2026" and pos["companies"] == len(SIZES)
        entry = by_code[pos["code"]]
        seen.add(pos["code"])
        for fp in pos["factors"]:
            mean = next(f["mean"] for f in scores["factors"] if f["id"] == fp["id"])
            assert entry["factors"][fp["id"]] == pytest.approx(mean)
            sector_values = [c["factors"][fp["id"]] for c in bench["companies"]]
            pr = percentile_rank(sector_values, mean)
            assert fp["percentile"] == pytest.approx(round(pr, 1))
            assert fp["quartile"] == quartile(pr)
            assert fp["diff_median"] == pytest.approx(mean - dists[fp["id"]]["median"], abs=1e-4)
            assert dists[fp["id"]]["median"] == pytest.approx(
                np.percentile(sector_values, 50, method="hazen")
            )
    assert seen == set(by_code)


def test_benchmark_json_holds_no_names_ids_or_emails(sector: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Anonymity: no company name, respondent id or e-mail anywhere in benchmark.json or the sector report,
    and the codes do not follow the input order."""
    raw = (sector / "benchmark.json").read_text(encoding="utf-8")
    html = (sector / "benchmark.html").read_text(encoding="utf-8")
    secrets = [*SIZES, *(str(x) for f in frames.values() for x in f["respondent_id"])]
    secrets += [str(x) for f in frames.values() for x in f["e-mail"]]
    for secret in secrets:
        assert secret not in raw and secret not in html, secret
    assert "example.invalid" not in raw
    bench = load(sector / "benchmark.json")
    assert set(bench["companies"][0]) == {"code", "name", "n", "index", "factors"}
    assert all(c["name"] is None for c in bench["companies"])
    codes_in_input_order = [
        load(sector / "companies" / folder / "scores.json")["benchmark"]["code"]
        for folder in company_folders(SIZES).values()
    ]
    assert sorted(codes_in_input_order) == [f"B{i:02d}" for i in range(1, len(SIZES) + 1)]
    assert codes_in_input_order != sorted(codes_in_input_order)


def test_one_file_with_company_column_gives_the_same_benchmark(
    tmp_path: Path, sector: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """One CSV with a company column, rendered with two workers, gives the same benchmark (codes, sizes,
    means)."""
    code, output = run(
        *bench_args(write_one(tmp_path / "all.csv", frames), tmp_path / "out", "-f", "json", "--jobs", "2")
    )
    assert code == 0, output
    one, many = load(tmp_path / "out" / "benchmark.json"), load(sector / "benchmark.json")
    assert one["provenance"] == many["provenance"]
    assert [(c["code"], c["n"]) for c in one["companies"]] == [(c["code"], c["n"]) for c in many["companies"]]
    for a, b in zip(one["companies"], many["companies"], strict=True):
        assert a["factors"] == pytest.approx(b["factors"], abs=1e-9)  # sums in another order
    assert len(list((tmp_path / "out" / "companies").glob("*/scores.json"))) == len(SIZES)


def test_small_company_and_unreadable_file_are_excluded_and_the_rest_written(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """A company with 3 respondents and a garbage file are left out by code with a reason; exit 1, yet
    benchmark.json, the report and every other company folder are written."""
    folder = write_files(tmp_path / "in", frames)
    write_files(folder, sector_frames({"Klein Bureau": 3}, seed=3))
    (folder / "Kapot Bedrijf.csv").write_bytes(b"\x00\x01garbage;;\n\xff\xfe")
    out = tmp_path / "out"
    code, output = run(*bench_args(folder, out, "--format", "json,html"))
    assert code == 1
    assert Code.COMPANY_EXCLUDED.id in output and Code.COMPANY_TOO_SMALL.id in output
    bench = load(out / "benchmark.json")
    assert bench["provenance"]["companies"] == len(SIZES)
    excluded = {e["reason"]: e for e in bench["excluded"]}
    assert sorted(excluded) == [ExclusionReason.TOO_SMALL, ExclusionReason.UNREADABLE]
    assert excluded["too_small"]["minimum"] == Q.anonymity.min_group_size
    assert excluded["unreadable"]["finding"].startswith("R")
    codes = {e["code"] for e in bench["excluded"]} | {c["code"] for c in bench["companies"]}
    assert len(codes) == len(SIZES) + 2
    raw = (out / "benchmark.json").read_text()
    assert "Klein" not in raw and "Kapot" not in raw
    assert len(list((out / "companies").glob("*/scores.json"))) == len(SIZES)
    assert not (out / "companies" / "Klein-Bureau").exists()
    html = (out / "benchmark.html").read_text(encoding="utf-8")
    assert "minder dan 5 bruikbare vragenlijsten" in html and "invoer niet te lezen" in html


def test_a_file_name_that_is_not_utf8_names_its_company_with_a_replacement_character(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """A stem with undecodable bytes became the company name and could not be written (exit 70)."""
    folder = write_files(tmp_path / "in", frames)
    first = next(iter(frames))
    (folder / f"{first}.csv").rename(folder / os.fsdecode(b"Zorg\xe9.csv"))
    code, output = run(*bench_args(folder, tmp_path / "out", "--format", "json"))
    assert code == 0, output
    assert load(tmp_path / "out" / "companies" / "Zorg" / "scores.json")["company"] == "Zorg\ufffd"


def test_a_link_to_a_company_file_is_not_a_second_company(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """A symbolic link under another name counted the same respondents twice, as a ninth company."""
    folder = write_files(tmp_path / "in", frames)
    first = next(iter(frames))
    (folder / "Kopie.csv").symlink_to(folder / f"{first}.csv")
    code, output = run(*bench_args(folder, tmp_path / "out", "--format", "json"))
    assert code == 1, output  # a company left out, as for the same file named twice
    bench = load(tmp_path / "out" / "benchmark.json")
    assert bench["provenance"]["companies"] == len(frames)
    excluded = [line for line in output.splitlines() if f"[{Code.COMPANY_EXCLUDED.id}]" in line]
    # The terminal names what was left out (a code alone told the coordinator nothing); benchmark.json not.
    assert len(excluded) == 1
    assert f"('{first} ({first}.csv)')" in excluded[0] or "('Kopie (Kopie.csv)')" in excluded[0]
    assert "Kopie" not in (tmp_path / "out" / "benchmark.json").read_text(encoding="utf-8")


def test_a_file_given_again_beside_its_folder_is_one_company_and_no_warning(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """The folder and a file in it: the second copy was left out with B004 and took a code of its own."""
    folder = write_files(tmp_path / "in", frames)
    first = next(iter(frames))
    code, output = run(*bench_args(folder, tmp_path / "out", "--format", "json"), folder / f"{first}.csv")
    assert code == 0, output
    bench = load(tmp_path / "out" / "benchmark.json")
    assert bench["provenance"]["companies"] == len(frames) and bench["excluded"] == []
    assert Code.COMPANY_EXCLUDED.id not in output


def test_exports_in_subfolders_are_one_error_naming_them_with_nothing_written(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """It said 'only 0 companies qualify', as if the files had been read and refused."""
    items = list(frames.items())
    write_files(tmp_path / "in" / "noord", dict(items[:4]))
    write_files(tmp_path / "in" / "zuid", dict(items[4:]))
    out = tmp_path / "out"
    code, output = run(*bench_args(tmp_path / "in", out, "--format", "json"))
    assert code == 1, output
    assert f"error[{Code.FOLDER_WITHOUT_RESPONSES.id}]" in output and "subfolders noord, zuid" in output
    assert Code.TOO_FEW_COMPANIES.id not in output and not out.exists()
    code, output = run(
        *bench_args(tmp_path / "in" / "noord", out, "--format", "json"), tmp_path / "in" / "zuid"
    )
    assert code == 0, output


@pytest.mark.parametrize(
    ("header", "hint"),
    [("organisatie", "('organisatie' may be it)"), ("Naam werkgever", "('Naam werkgever'"), ("x", "")],
)
def test_one_file_without_a_company_column_says_so_and_what_may_be_it(
    tmp_path: Path, frames: dict[str, pd.DataFrame], header: str, hint: str
) -> None:
    """A sector export with an 'organisatie' column was one company: 'only 1 company qualifies'."""
    one = write_one(tmp_path / "alle.csv", frames)
    data = pd.read_csv(one).rename(columns={"company": header})
    data.to_csv(one, index=False)
    code, output = run(*bench_args(one, tmp_path / "out", "-f", "json"))
    assert code == 1 and f"error[{Code.ONE_FILE_ONE_COMPANY.id}]" in output, output
    assert "has no column 'company'" in output and hint in output and "--company-column" in output
    assert ("may be it" in output) == bool(hint)
    code, output = run(*bench_args(one, tmp_path / "out", "-f", "json", "--company-column", header))
    assert code == 0, output


def test_too_few_companies_counts_in_words_that_agree(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    one = dict(list(frames.items())[:1])
    code, output = run(*bench_args(write_one(tmp_path / "alle.csv", one), tmp_path / "out", "-f", "json"))
    assert code == 1 and "only 1 company qualifies, below --min-companies 5" in output, output


def test_too_few_companies_is_refused_with_nothing_written(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    few = dict(list(frames.items())[:4])
    out = tmp_path / "out"
    code, output = run(*bench_args(write_files(tmp_path / "in", few), out, "-f", "json,html"))
    assert code == 1 and Code.TOO_FEW_COMPANIES.id in output
    assert not out.exists() or not any(out.rglob("*"))
    code, output = run(*bench_args(tmp_path / "in", out, "-f", "json", "--min-companies", "4"))
    assert code == 0, output
    assert load(out / "benchmark.json")["provenance"]["min_companies"] == 4


def test_named_puts_names_in_benchmark_json(tmp_path: Path, frames: dict[str, pd.DataFrame]) -> None:
    out = tmp_path / "out"
    code, output = run(*bench_args(write_files(tmp_path / "in", frames), out, "-f", "json", "--named"))
    assert code == 0, output
    bench = load(out / "benchmark.json")
    assert sorted(c["name"] for c in bench["companies"]) == sorted(SIZES)
    raw = (out / "benchmark.json").read_text(encoding="utf-8")
    assert not any(str(x) in raw for f in frames.values() for x in f["respondent_id"])


def test_score_with_benchmark_adds_the_position(
    tmp_path: Path, sector: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """A new company compared with a saved benchmark: its position in scores.json and in the report."""
    new = sector_frames({"Nieuwkomer": 13}, seed=11)["Nieuwkomer"]
    new.to_csv(tmp_path / "Nieuwkomer.csv", index=False)
    out = tmp_path / "out"
    code, output = run(
        "score", tmp_path / "Nieuwkomer.csv", "--benchmark", sector / "benchmark.json",
        "--out", out, "-f", "json,html", "--date", DATE,
    )  # fmt: skip
    assert code == 0, output
    scores = load(out / "Nieuwkomer" / "scores.json")
    pos = scores["benchmark"]
    assert pos["name"] == "VVT Test 2026" and pos["code"] is None
    bench = load(sector / "benchmark.json")
    for fp in pos["factors"]:
        mean = next(f["mean"] for f in scores["factors"] if f["id"] == fp["id"])
        pr = percentile_rank([c["factors"][fp["id"]] for c in bench["companies"]], mean)
        assert fp["percentile"] == pytest.approx(round(pr, 1)) and fp["quartile"] == quartile(pr)
    html = (out / "Nieuwkomer" / "report.html").read_text(encoding="utf-8")
    assert 'id="benchmark"' in html and "VVT Test 2026" in html


def test_score_refuses_a_benchmark_of_another_questionnaire(tmp_path: Path, sector: Path) -> None:
    changed = tmp_path / "changed.yaml"
    text = (questionnaires_dir() / DEFAULT_QUESTIONNAIRE).read_text(encoding="utf-8")
    changed.write_text(text.replace('version: "1.0"', 'version: "1.1"', 1), encoding="utf-8")
    new = tmp_path / "Nieuwkomer.csv"
    sector_frames({"Nieuwkomer": 9}, seed=5)["Nieuwkomer"].to_csv(new, index=False)
    out = tmp_path / "out"
    code, output = run("score", new, "-q", changed, "--benchmark", sector / "benchmark.json", "--out", out)
    assert code == 1 and Code.BENCHMARK_MISMATCH.id in output
    assert not out.exists()


def test_ctrl_c_during_reports_leaves_no_half_written_benchmark(
    tmp_path: Path, frames: dict[str, pd.DataFrame], monkeypatch: pytest.MonkeyPatch
) -> None:
    """KeyboardInterrupt while the company reports are written: exit 130, and benchmark.json is either
    absent or complete and valid; no temporary file is left behind."""
    real = output.write_companies

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        done = []

        def on_done(result: Any) -> None:
            done.append(result)
            if len(done) == 3:
                raise KeyboardInterrupt

        return real(*args, **{**kwargs, "on_done": on_done, "jobs": 1})

    monkeypatch.setattr(output, "write_companies", interrupted)
    out = tmp_path / "out"
    code, _ = run(*bench_args(write_files(tmp_path / "in", frames), out, "-f", "json,html"))
    assert code == 130
    path = out / "benchmark.json"
    if path.exists():
        assert load_benchmark(path, Q).provenance.companies == len(SIZES)
    assert not list(out.rglob("*.tmp"))
    assert len(list((out / "companies").glob("*/scores.json"))) == 3


def test_usage_errors_exit_2(tmp_path: Path, frames: dict[str, pd.DataFrame]) -> None:
    folder = write_files(tmp_path / "in", dict(list(frames.items())[:1]))
    assert run("benchmark", folder, "--out", tmp_path / "o")[0] == 2  # --name is required
    assert run(*bench_args(folder, tmp_path / "o", "--format", "docx"))[0] == 2
    assert run(*bench_args(folder, tmp_path / "o", "--jobs", "-1"))[0] == 2
    shutil.rmtree(folder)


@pytest.mark.parametrize("column", ["fb1", "respondent_id"])
def test_a_company_column_that_is_an_item_or_the_id_is_usage_error_once(
    tmp_path: Path, frames: dict[str, pd.DataFrame], column: str
) -> None:
    """It holds for every file: it was U005 once per file, then B003 'only 0 companies', and exit 1."""
    inputs = write_files(tmp_path / "in", frames)
    code, output = run(*bench_args(inputs, tmp_path / "out", "--format", "json", "--company-column", column))
    assert code == 2, output
    assert [line.split(":")[0] for line in output.splitlines() if "error[" in line] == ["error[U005]"]
    assert not (tmp_path / "out").exists()


def test_a_360_feedback_file_among_the_companies_never_enters_the_benchmark(
    tmp_path: Path, frames: dict[str, pd.DataFrame]
) -> None:
    """It was scored as a company ('acme'): named feedback about leaders in a sector benchmark."""
    inputs = write_files(tmp_path / "in", frames)
    examples = Path(__file__).resolve().parents[2] / "examples"
    shutil.copy(examples / "leaders" / "feedback360.csv", inputs / "feedback360.csv")
    code, output = run(*bench_args(inputs, tmp_path / "out", "--format", "json"))
    assert code == 1, output
    assert len([line for line in output.splitlines() if "error[L034]" in line]) == 1
    bench = load(tmp_path / "out" / "benchmark.json")
    assert bench["provenance"]["companies"] == len(SIZES)
    assert sorted(p.name for p in (tmp_path / "out" / "companies").iterdir()) == sorted(
        company_folders(frames).values()
    )
