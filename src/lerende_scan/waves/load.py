"""Reading earlier waves: a ``scores.json``, a ``scan score`` output folder, or a ``scan benchmark`` folder.

Every file is validated against its model before use (JSON with NaN or Infinity, deep nesting, unknown keys
and wrong types are refused), and must be of the same questionnaire id as this wave; the version may
differ, which statements stayed the same is decided per statement (:mod:`lerende_scan.waves.statements`).
Problems are one catalogue line each (W001, W002, B002) and stop the run before anything is written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from lerende_scan.benchmark import FORMAT, Benchmark
from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult

__all__ = ["Earlier", "EarlierSector", "load_previous", "load_previous_sector", "read_scores"]

SCORES = "scores.json"
BENCHMARK = "benchmark.json"
_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True)
class Earlier:
    """One earlier wave of one company, and the file it came from (for messages)."""

    file: str
    result: CompanyResult


@dataclass(frozen=True)
class EarlierSector:
    """An earlier benchmark, and its companies' results by name when its ``companies/`` folder is there."""

    file: str
    benchmark: Benchmark
    companies: dict[str, CompanyResult] | None


def _no_constant(value: str) -> float:
    raise ValueError(f"{value} is not a number JSON allows")


def _finite(value: str) -> float:
    """A JSON number as a float; one too large for a float (``1e400``) would be infinity."""
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{value[:40]} is too large a number")
    return number


def _read(path: Path, model: type[_Model], code: Code) -> _Model:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constant, parse_float=_finite)
        return model.model_validate(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        if isinstance(exc, ValidationError):
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "the file"
            reason = f"{where}: {first['msg']}"
        else:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ScanError.of(code, file=path, reason=reason) from None
    except RecursionError:
        raise ScanError.of(code, file=path, reason="nested too deeply to be one") from None


def _implausible(result: CompanyResult, low: int, high: int) -> str | None:
    """What in an earlier result no scan on the scale ``low..high`` can give, or None.

    The schema checks types; this checks the figures a comparison computes with, so that an edited or
    corrupted file (an SD of 1e200, a mean of −1e300, 10³⁰ respondents) is refused with its place named
    rather than overflowing or giving a change no scan could show.
    """
    eps = 1e-9
    spread = high - low
    valid = result.respondents.valid
    if not 0 <= valid <= result.respondents.received:
        return f"respondents.valid: {valid} is not between 0 and the {result.respondents.received} received"

    def score(where: str, value: float | None) -> str | None:
        if value is not None and not low - eps <= value <= high + eps:
            return f"{where}: {value:.6g} lies outside the scale {low}..{high}"
        return None

    def sample(where: str, n: int, mean: float | None, sd: float | None) -> str | None:
        if not 0 <= n <= valid:
            return f"{where}.n: {n} is not between 0 and the {valid} valid respondents"
        if sd is not None and not 0 <= sd <= spread + eps:
            return f"{where}.sd: {sd:.6g} is not between 0 and {spread}, the width of the scale"
        return score(f"{where}.mean", mean)

    problems: list[str | None] = []
    for where, factor in [("index", result.index), *((f"factor {f.id}", f) for f in result.factors)]:
        problems += [sample(where, factor.n, factor.mean, factor.sd)]
        problems += [score(f"{where}.ci_low", factor.ci_low), score(f"{where}.ci_high", factor.ci_high)]
        for item in factor.items:
            problems += [sample(f"item {item.id}", item.n, item.mean, item.sd)]
            problems += [score(f"item {item.id}.scored_mean", item.scored_mean)]
    for breakdown in result.groups:
        for group in breakdown.groups:
            where = f"group {breakdown.column}={group.name}"
            if group.n is not None and not 0 <= group.n <= valid:
                problems += [f"{where}.n: {group.n} is not between 0 and the {valid} valid respondents"]
            problems += [score(f"{where}.index", group.index)]
            problems += [score(f"{where}.{k}", v) for k, v in (group.factors or {}).items()]
    return next((p for p in problems if p is not None), None)


def read_scores(path: Path, questionnaire: Questionnaire | None = None) -> CompanyResult:
    """One ``scores.json``, validated (W001): its schema, and its figures against its scale (the file's
    own, else ``questionnaire``'s)."""
    result = _read(path, CompanyResult, Code.WAVE_PREVIOUS_INVALID)
    scale = result.questionnaire.scale or (questionnaire.scale if questionnaire is not None else None)
    if scale is not None:
        problem = _implausible(result, scale.min, scale.max)
        if problem is not None:
            raise ScanError.of(Code.WAVE_PREVIOUS_INVALID, file=path, reason=problem)
    return result


def _scores_files(path: Path) -> list[Path]:
    """A scores.json itself, the one in a company folder, or one per company folder of an output folder."""
    if path.is_file():
        return [path]
    if (path / SCORES).is_file():
        return [path / SCORES]
    found = sorted(p for p in path.glob(f"*/{SCORES}") if p.is_file())
    if not found:
        found = sorted(p for p in path.glob(f"companies/*/{SCORES}") if p.is_file())
    if not found:
        raise ScanError.of(
            Code.WAVE_PREVIOUS_INVALID, file=path, reason=f"no {SCORES} in the folder or its company folders"
        )
    return found


def _same_questionnaire(theirs: str, questionnaire: Questionnaire, file: Path) -> None:
    if theirs != questionnaire.id:
        raise ScanError.of(Code.WAVE_OTHER_QUESTIONNAIRE, file=file, theirs=theirs, ours=questionnaire.id)


def load_previous(paths: Sequence[Path], questionnaire: Questionnaire) -> list[Earlier]:
    """Every earlier company result under ``paths`` (files or folders), of this questionnaire id."""
    out: list[Earlier] = []
    seen: set[Path] = set()
    for path in paths:
        for file in _scores_files(path):
            if file.resolve() in seen:  # the same wave given twice (a folder and its file): once is meant
                continue
            seen.add(file.resolve())
            result = read_scores(file, questionnaire)
            _same_questionnaire(result.questionnaire.id, questionnaire, file)
            out.append(Earlier(str(file), result))
    return out


def load_previous_sector(path: Path, questionnaire: Questionnaire) -> EarlierSector:
    """An earlier ``scan benchmark`` run: its benchmark.json (given, or in the folder given) and, when
    present, the companies/ folder beside it with every company's scores.json."""
    file = path / BENCHMARK if path.is_dir() else path
    bench = _read(file, Benchmark, Code.BENCHMARK_INVALID)
    if bench.format != FORMAT:
        raise ScanError.of(
            Code.BENCHMARK_INVALID, file=file, reason=f"format {bench.format!r}, expected {FORMAT!r}"
        )
    _same_questionnaire(bench.provenance.questionnaire.id, questionnaire, file)
    folder = file.parent / "companies"
    companies: dict[str, CompanyResult] | None = None
    if folder.is_dir():
        companies = {}
        for scores in sorted(folder.glob(f"*/{SCORES}")):
            result = read_scores(scores, questionnaire)
            _same_questionnaire(result.questionnaire.id, questionnaire, scores)
            companies[result.company] = result
        companies = companies or None
    return EarlierSector(str(file), bench, companies)
