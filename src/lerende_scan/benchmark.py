"""Sector benchmarks: aggregates over many companies, and each company's position in them.

A benchmark holds aggregates only (per factor quantiles and band shares, per company factor means under an
anonymous code), never respondent rows or names unless ``named`` is asked for.

**Percentile definition** (one, used everywhere): the *mid-rank* percentile of a value ``x`` among the ``N``
sector values is ``100 × (B + E/2) / N``, with ``B`` the number of values below ``x`` and ``E`` the number
equal to it (the company itself included when it is part of the sector). It is the inverse of numpy's
``percentile(..., method="hazen")`` for distinct values, and sector quantiles (P10, P25, median, P75, P90)
use that same Hazen method, so a company at the median has percentile 50. Quartile 1 is percentile below
25, quartile 4 is 75 or more.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lerende_scan import __version__
from lerende_scan.drivers.model import SectorDrivers
from lerende_scan.errors import EXCLUSION_TEXTS, Code, ExclusionReason, Finding, ScanError
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult, FactorPosition, Position
from lerende_scan.scoring.privacy import company_reportable
from lerende_scan.waves.model import SectorWaves

__all__ = [
    "FORMAT",
    "Benchmark",
    "BenchmarkResult",
    "add_position",
    "benchmark_json",
    "build_benchmark",
    "load_benchmark",
    "own_code",
    "percentile_rank",
    "position",
    "quartile",
]

FORMAT = "lerende-scan-benchmark/1"
QUANTILES = {"p10": 10, "p25": 25, "median": 50, "p75": 75, "p90": 90}


class _Model(BaseModel):
    # A hand-edited benchmark.json may hold NaN or Infinity (Python's json reads them): refuse them.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class QuestionnaireStamp(_Model):
    id: str
    version: str
    hash: str


class Provenance(_Model):
    name: str
    date: dt.date
    tool: str = Field(description="lerende-scan version that built the benchmark.")
    questionnaire: QuestionnaireStamp
    companies: int
    respondents: int
    min_group_size: int
    min_companies: int | None = Field(default=None, description="The --min-companies the benchmark met.")
    percentile_method: str = "mid-rank (Hazen)"


class FactorDistribution(_Model):
    id: str
    companies: int
    mean: float | None
    median: float | None
    p10: float | None
    p25: float | None
    p75: float | None
    p90: float | None
    bands: dict[str, float] = Field(description="Band id -> share of companies whose mean is in the band.")


class CompanyEntry(_Model):
    code: str
    name: str | None = Field(default=None, description="Only with --named.")
    n: int
    index: float | None
    factors: dict[str, float | None]


class Exclusion(_Model):
    """A company left out of the benchmark: its code, and why (a catalogue reason, not prose)."""

    code: str
    name: str | None = None
    reason: ExclusionReason
    minimum: int | None = Field(default=None, description="too_small: the anonymity threshold it missed.")
    finding: str | None = Field(default=None, description="unreadable: the catalogue id of the problem.")

    @field_validator("reason", mode="before")
    @classmethod
    def _legacy_reason(cls, value: object) -> object:
        """benchmark.json files of lerende-scan 0.x wrote the reason as English prose."""
        if isinstance(value, str) and value not in set(ExclusionReason):
            for reason, text in EXCLUSION_TEXTS.items():
                if value.startswith(text.partition("{")[0]):
                    return reason
        return value

    @property
    def details(self) -> dict[str, object]:
        """The values the reason's text quotes (``minimum``, ``finding``)."""
        return {k: v for k, v in (("minimum", self.minimum), ("finding", self.finding)) if v is not None}


class Benchmark(_Model):
    format: str = FORMAT
    provenance: Provenance
    factors: list[FactorDistribution] = Field(description="Ranked by sector mean, weakest first.")
    index: FactorDistribution
    companies: list[CompanyEntry]
    excluded: list[Exclusion] = Field(default_factory=list)
    waves: SectorWaves | None = Field(default=None, description="With --previous: the sector's change.")
    drivers: SectorDrivers | None = Field(
        default=None, description="What drives motivation in the sector (questionnaire 'drivers')."
    )

    def factor(self, factor_id: str) -> FactorDistribution:
        return next(f for f in self.factors if f.id == factor_id)


class BenchmarkResult(_Model):
    """What :func:`build_benchmark` returns: the benchmark and each company's code (for their reports)."""

    benchmark: Benchmark
    codes: dict[str, str] = Field(description="Company name -> code; never written to benchmark.json.")


def percentile_rank(values: Sequence[float] | np.ndarray, x: float) -> float:
    """Mid-rank percentile of ``x`` among ``values`` (NaNs ignored); see the module docstring."""
    arr = np.asarray(values, dtype=float)
    arr = arr[~np.isnan(arr)]
    if arr.size == 0 or math.isnan(x):
        return math.nan
    below = np.count_nonzero(arr < x)
    equal = np.count_nonzero(arr == x)
    return float(100.0 * (below + 0.5 * equal) / arr.size)


def quartile(percentile: float) -> int:
    """1 (lowest quarter) to 4 (highest quarter)."""
    return min(4, int(percentile // 25) + 1)


def _distribution(fid: str, means: np.ndarray, questionnaire: Questionnaire) -> FactorDistribution:
    vals = means[~np.isnan(means)]
    if vals.size == 0:
        return FactorDistribution(
            id=fid, companies=0, mean=None, median=None, p10=None, p25=None, p75=None, p90=None, bands={}
        )
    qs = np.percentile(vals, list(QUANTILES.values()), method="hazen")
    bands: dict[str, float] = {questionnaire.band_id(b): 0.0 for b in questionnaire.scoring.bands}
    for v in vals:  # loops over companies, not respondents
        band = questionnaire.band_for(float(v))
        if band is not None:
            bands[questionnaire.band_id(band)] += 1 / vals.size
    return FactorDistribution(
        id=fid,
        companies=int(vals.size),
        mean=float(vals.mean()),
        **{k: float(q) for k, q in zip(QUANTILES, qs, strict=True)},
        bands={k: round(v, 6) for k, v in bands.items()},
    )


def _codes(names: Sequence[str], salt: str) -> dict[str, str]:
    """Anonymous codes B01, B02, ... in an order that reveals nothing (not input, not alphabetical).

    The order is a keyed hash of the name, so codes are stable for the same benchmark name and input.
    """
    width = max(2, len(str(len(names))))
    ordered = sorted(names, key=lambda n: hashlib.sha256(f"{salt}\x00{n}".encode()).hexdigest())
    return {name: f"B{i:0{width}d}" for i, name in enumerate(ordered, 1)}


def build_benchmark(
    results: Sequence[CompanyResult],
    questionnaire: Questionnaire,
    *,
    name: str,
    date: dt.date,
    min_companies: int = 5,
    named: bool = False,
    failed: Mapping[str, tuple[ExclusionReason, Mapping[str, Any]]] | None = None,
) -> BenchmarkResult:
    """Aggregate company results into a sector benchmark.

    Companies whose total may not be shown (:func:`~lerende_scan.scoring.privacy.company_reportable`), and
    companies in ``failed`` (name -> reason and its details, e.g. unreadable data), are excluded and listed
    by code with the reason. Fewer than
    ``min_companies`` remaining is refused (ScanError), because so small a benchmark identifies them.
    """
    failed = dict(failed or {})
    k = questionnaire.anonymity.min_group_size
    all_names = [r.company for r in results] + [n for n in failed if n not in {r.company for r in results}]
    codes = _codes(all_names, name)
    included = [r for r in results if company_reportable(r.respondents.valid, k)]
    excluded = [
        Exclusion(
            code=codes[r.company],
            name=r.company if named else None,
            reason=ExclusionReason.TOO_SMALL,
            minimum=k,
        )
        for r in results
        if not company_reportable(r.respondents.valid, k)
    ] + [
        Exclusion(code=codes[n], name=n if named else None, reason=reason, **dict(details))
        for n, (reason, details) in failed.items()
    ]
    excluded.sort(key=lambda e: e.code)
    if len(included) < min_companies:
        raise ScanError(
            Finding(
                Code.TOO_FEW_COMPANIES,
                params={
                    "count": len(included),
                    "qualify": "company qualifies" if len(included) == 1 else "companies qualify",
                    "minimum": min_companies,
                },
            )
        )

    factor_ids = [f.id for f in questionnaire.factors]
    means = np.array(
        [
            [np.nan if r.factor(fid).mean is None else r.factor(fid).mean for fid in factor_ids]
            for r in included
        ],
        dtype=float,
    ).reshape(len(included), len(factor_ids))
    index = np.array([np.nan if r.index.mean is None else r.index.mean for r in included], dtype=float)
    factors = [_distribution(fid, means[:, j], questionnaire) for j, fid in enumerate(factor_ids)]
    factors.sort(key=lambda f: (f.mean is None, f.mean if f.mean is not None else 0.0, f.id))
    companies = sorted(
        (
            CompanyEntry(
                code=codes[r.company],
                name=r.company if named else None,
                n=r.respondents.valid,
                index=r.index.mean,
                factors={fid: r.factor(fid).mean for fid in factor_ids},
            )
            for r in included
        ),
        key=lambda c: c.code,
    )
    bench = Benchmark(
        provenance=Provenance(
            name=name,
            date=date,
            tool=f"lerende-scan {__version__}",
            questionnaire=QuestionnaireStamp(
                id=questionnaire.id, version=questionnaire.version, hash=questionnaire.content_hash()
            ),
            companies=len(included),
            respondents=sum(r.respondents.valid for r in included),
            min_group_size=k,
            min_companies=min_companies,
        ),
        factors=factors,
        index=_distribution("index", index, questionnaire),
        companies=companies,
        excluded=excluded,
    )
    return BenchmarkResult(benchmark=bench, codes=codes)


def position(result: CompanyResult, bench: Benchmark, *, code: str | None = None) -> Position:
    """Where a company stands: per factor its percentile, quartile and difference to the sector median.

    When the company is in the benchmark (``code`` given), its own mean is one of the sector values, as the
    mid-rank definition prescribes; a company compared against a saved benchmark is not.
    """
    rows = []
    for dist in bench.factors:
        mean = result.factor(dist.id).mean
        sector = np.array(
            [np.nan if c.factors.get(dist.id) is None else c.factors[dist.id] for c in bench.companies],
            dtype=float,
        )
        if mean is None or dist.median is None:
            rows.append(FactorPosition(id=dist.id, percentile=None, quartile=None, diff_median=None))
            continue
        pr = percentile_rank(sector, mean)
        if math.isnan(pr):  # no sector values for this factor
            rows.append(FactorPosition(id=dist.id, percentile=None, quartile=None, diff_median=None))
            continue
        rows.append(
            FactorPosition(
                id=dist.id,
                percentile=round(pr, 1),
                quartile=quartile(pr),
                diff_median=round(mean - dist.median, 4),
                sector_p25=dist.p25,
                sector_median=dist.median,
                sector_p75=dist.p75,
            )
        )
    order = {f.id: i for i, f in enumerate(result.factors)}
    rows.sort(key=lambda r: order.get(r.id, 0))
    return Position(name=bench.provenance.name, companies=bench.provenance.companies, code=code, factors=rows)


def own_code(result: CompanyResult, bench: Benchmark) -> str | None:
    """The company's anonymous code in a saved benchmark, or None when it is not (or not surely) in it.

    ``benchmark.json`` keeps no names (privacy), so the company is found by what it already knows of
    itself: the entry with its number of valid respondents, its index and every factor mean. Exactly one
    entry must match; a later wave, a filtered export or a twin leaves the code out rather than guess.
    """

    def same(a: float | None, b: float | None) -> bool:
        return (a is None) is (b is None) and (a is None or b is None or math.isclose(a, b, abs_tol=1e-9))

    means = {f.id: f.mean for f in result.factors}
    matches = [
        c.code
        for c in bench.companies
        if c.n == result.respondents.valid
        and same(c.index, result.index.mean)
        and c.factors.keys() == means.keys()
        and all(same(c.factors[fid], mean) for fid, mean in means.items())
    ]
    return matches[0] if len(matches) == 1 else None


def add_position(result: CompanyResult, bench: Benchmark, *, code: str | None = None) -> CompanyResult:
    return result.model_copy(update={"benchmark": position(result, bench, code=code)})


def benchmark_json(bench: Benchmark) -> str:
    return bench.model_dump_json(indent=2) + "\n"


def load_benchmark(path: Path, questionnaire: Questionnaire) -> Benchmark:
    """Read a benchmark.json; refuse one built from another questionnaire (id, version, item hash)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        bench = Benchmark.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ScanError.of(Code.BENCHMARK_INVALID, file=path, reason=f"{where}: {first['msg']}") from None
    except (OSError, ValueError) as exc:  # not JSON, not UTF-8, or an integer of more than 4,300 digits
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ScanError.of(Code.BENCHMARK_INVALID, file=path, reason=reason) from None
    except RecursionError:
        raise ScanError.of(Code.BENCHMARK_INVALID, file=path, reason="nested too deeply to be one") from None
    if bench.format != FORMAT:
        raise ScanError.of(
            Code.BENCHMARK_INVALID, file=path, reason=f"format {bench.format!r}, expected {FORMAT!r}"
        )
    stamp = bench.provenance.questionnaire
    ours = (questionnaire.id, questionnaire.version, questionnaire.content_hash())
    if (stamp.id, stamp.version, stamp.hash) != ours:
        raise ScanError.of(
            Code.BENCHMARK_MISMATCH,
            file=path,
            theirs=f"{stamp.id} {stamp.version} ({stamp.hash})",
            ours=f"{ours[0]} {ours[1]} ({ours[2]})",
        )
    problem = _inconsistency(bench, questionnaire)
    if problem:
        raise ScanError.of(Code.BENCHMARK_INVALID, file=path, reason=problem)
    return bench


def _inconsistency(bench: Benchmark, questionnaire: Questionnaire) -> str | None:
    """What makes a well-formed benchmark unusable with this questionnaire (a hand-edited file), if any."""
    ours = {f.id for f in questionnaire.factors}
    theirs = [f.id for f in bench.factors]
    if set(theirs) != ours or len(theirs) != len(ours):
        return f"its factors {sorted(theirs)} are not the questionnaire's {sorted(ours)}"
    if not bench.companies:
        return "it lists no companies"
    if len(bench.companies) != bench.provenance.companies:
        return (
            f"it lists {len(bench.companies)} companies but its provenance says {bench.provenance.companies}"
        )
    for entry in bench.companies:
        unknown = set(entry.factors) - ours
        if unknown:
            return f"company {entry.code} has scores for unknown factors {sorted(unknown)}"
    return None
