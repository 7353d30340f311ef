"""A sector's waves: its change per factor, and whether the pilot companies moved more than the others.

**Sector change** (per factor, and the index when no factor changed): the sector mean and median in both
benchmarks, and of the companies in both, how many improved, declined or stayed the same by the practical
signal (Hedges' g of the company's own two waves, :mod:`lerende_scan.waves.effect`). Companies are matched
by name through the earlier run's ``companies/`` folder, so ``benchmark.json`` itself never needs names.

**Did the pilots work?** A difference in differences with the company as the unit: per factor, each
company's change ``Δᵢ = meanᵢ(now) − meanᵢ(before)``; the mean Δ of the pilot companies minus the mean Δ
of the other companies, with a Welch 95% CI over the companies' Δs. With a ``factor`` column, a factor's
pilot group is the pilots on that factor (or on no named factor). It refuses (W012) when the pilot or the
other group has fewer than 3 companies in both waves; a targeted factor with fewer than 3 pilots gets
no number (``too_few``). It shows association, not cause: the pilots were not assigned at random, and
companies that started lowest tend to rise anyway (regression to the mean; hence the groups' starting
means in the output).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lerende_scan.benchmark import Benchmark
from lerende_scan.errors import Code, ScanError, did_you_mean
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult, FactorResult
from lerende_scan.scoring.quality import group_key
from lerende_scan.waves.compare import change
from lerende_scan.waves.effect import PRACTICAL_G, Sample, effect
from lerende_scan.waves.load import EarlierSector
from lerende_scan.waves.model import DiffRow, PilotComparison, SectorChange, SectorWaves, WaveRef
from lerende_scan.waves.statements import shared

__all__ = ["MIN_COMPANIES", "Pilot", "read_pilots", "sector_waves"]

MIN_COMPANIES = 3
"""Companies a group of the pilot comparison needs in both waves."""
_YES = {"yes", "y", "ja", "j", "true", "1", "pilot"}
_NO = {"no", "n", "nee", "false", "0", ""}
_COLUMNS = "the pilots file needs the columns 'company' and 'pilot' (yes/no, ja/nee), and optionally 'factor'"


@dataclass(frozen=True)
class Pilot:
    """One row of the pilots file; ``file`` and ``row`` are where it stands, for messages."""

    company: str
    pilot: bool
    factor: str | None
    file: str = ""
    row: int | None = None


def read_pilots(path: Path, questionnaire: Questionnaire) -> list[Pilot]:
    """The pilots file: columns ``company``, ``pilot`` (yes/no, ja/nee) and optionally ``factor``.

    A blank ``pilot`` cell means no pilot, as a company left out does. A company may have a row per factor
    it piloted on; rows of one company that disagree on yes or no are refused (W010, naming both rows),
    as is a row that names a pilot but no company.
    """
    from lerende_scan.ingest import read_table

    frame = read_table(path)
    columns = {str(c).strip().casefold(): c for c in frame.columns}
    missing = [c for c in ("company", "pilot") if c not in columns]
    if missing:
        raise ScanError.of(
            Code.PILOTS_INVALID,
            file=path,
            reason=f"no column {', '.join(map(repr, missing))}",
            fix=_COLUMNS,
        )
    factors = {f.id for f in questionnaire.factors}
    pilots: list[Pilot] = []
    seen: dict[str, Pilot] = {}
    rows: list[int] = frame.attrs["rows"]
    for row, record in zip(rows, frame.to_dict("records"), strict=True):
        company = _cell(record, columns["company"])
        raw = _cell(record, columns["pilot"])
        answer = raw.casefold()
        factor = _cell(record, columns.get("factor")) or None
        if not company:
            if answer in _YES or factor is not None:
                reason, fix = "no company name in this row", "fill it in or delete the row"
                raise ScanError.of(Code.PILOTS_INVALID, file=path, row=row, reason=reason, fix=fix)
            continue
        if answer not in _YES | _NO:
            raise ScanError.of(
                Code.PILOTS_INVALID, file=path, row=row, reason=f"pilot is '{raw}'", fix=_COLUMNS
            )
        if factor is not None and factor not in factors:
            near = did_you_mean(factor, factors)
            fix = f"did you mean '{near}'?" if near else f"factors are {', '.join(sorted(factors))}"
            raise ScanError.of(Code.PILOTS_INVALID, file=path, row=row, reason=f"factor '{factor}'", fix=fix)
        pilot = Pilot(company, answer in _YES, factor, str(path), row)
        first = seen.setdefault(company, pilot)
        if first.pilot != pilot.pilot:
            reason = f"rows {first.row} and {row} give '{company}' different answers in 'pilot'"
            fix = "keep one answer per company"
            raise ScanError.of(Code.PILOTS_INVALID, file=path, row=row, reason=reason, fix=fix)
        pilots.append(pilot)
    return pilots


def _cell(record: Mapping[object, object], column: object) -> str:
    """A trimmed text cell; blank (NA) and an absent column are ''."""
    value = record.get(column) if column is not None else None
    return "" if not isinstance(value, str) else value.strip()  # read_table gives str or NA


def sector_waves(
    bench: Benchmark,
    results: Sequence[CompanyResult],
    earlier: EarlierSector,
    questionnaire: Questionnaire,
    *,
    current: WaveRef,
    pilots: Sequence[Pilot] | None = None,
    practical_g: float = PRACTICAL_G,
) -> SectorWaves:
    """The sector's change against ``earlier``; ``results`` are this benchmark's member companies."""
    then = earlier.benchmark.provenance
    previous = WaveRef(date=then.date, name=then.name)
    if current.date is not None and then.date == current.date:
        raise ScanError.of(
            Code.WAVE_SAME_DATE, file=earlier.file, date=then.date.isoformat(), other="this wave"
        )
    if current.date is not None and then.date > current.date:
        raise ScanError.of(
            Code.WAVE_LATER_THAN_CURRENT,
            file=earlier.file,
            then=then.date.isoformat(),
            date=current.date.isoformat(),
        )
    before = {  # the companies of the earlier benchmark (their position carries their code)
        name: r for name, r in (earlier.companies or {}).items() if r.benchmark and r.benchmark.code
    }
    if earlier.companies is None:
        if then.questionnaire.hash != questionnaire.content_hash() or pilots is not None:
            raise ScanError.of(Code.SECTOR_PREVIOUS_COMPANIES, file=earlier.file)
        factors, index = [f.id for f in questionnaire.factors], True
    else:
        sample = next(iter(earlier.companies.values()))
        common = shared(sample, results[0], file=earlier.file)
        factors, index = common.factors, common.index
    now = {r.company: r for r in results}
    both = [name for name in now if name in before]
    ids = [*factors, "index"] if index else list(factors)
    rows = [_sector_change(fid, bench, earlier.benchmark, before, now, both, practical_g) for fid in ids]
    return SectorWaves(
        previous=previous,
        current=current,
        practical_g=practical_g,
        companies_both=len(both),
        factors=rows,
        not_compared=[f.id for f in questionnaire.factors if f.id not in factors],
        pilots=None if pilots is None else _pilots(pilots, before, now, both, ids),
    )


def _score(result: CompanyResult, fid: str) -> FactorResult:
    return result.index if fid == "index" else result.factor(fid)


def _sector_change(
    fid: str,
    bench: Benchmark,
    old: Benchmark,
    before: Mapping[str, CompanyResult],
    now: Mapping[str, CompanyResult],
    both: Sequence[str],
    practical_g: float,
) -> SectorChange:
    a, b = (old.index, bench.index) if fid == "index" else (old.factor(fid), bench.factor(fid))
    counts = {"improved": 0, "declined": 0, "same": 0}
    n = 0
    for name in both:
        c = change(_score(before[name], fid), _score(now[name], fid), practical_g)
        if c.g is None:
            continue
        n += 1
        key = "same" if not c.practical else "improved" if c.g > 0 else "declined"
        counts[key] += 1
    return SectorChange(
        id=fid,
        mean_before=a.mean,
        mean_after=b.mean,
        median_before=a.median,
        median_after=b.median,
        companies=n,
        **counts,
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _sd(values: Sequence[float]) -> float | None:
    if len(values) < 2:
        return None
    m = sum(values) / len(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def _pilots(
    pilots: Sequence[Pilot],
    before: Mapping[str, CompanyResult],
    now: Mapping[str, CompanyResult],
    both: Sequence[str],
    ids: Sequence[str],
) -> PilotComparison:
    in_both = set(both)
    # A benchmark takes names that differ in case or surrounding spaces as one company; so does the file.
    by_key = {group_key(c): c for c in both}

    def company(p: Pilot) -> str:
        return by_key.get(group_key(p.company), p.company)

    chosen: dict[str, set[str | None]] = {}  # each pilot company's factors (None: all of them)
    for p in pilots:
        if p.pilot:
            chosen.setdefault(company(p), set()).add(p.factor)
    missing = sorted({company(p) for p in pilots if p.pilot and company(p) not in in_both})
    if missing:
        hints = []
        for name in missing:
            near = did_you_mean(name, in_both)
            hints.append(f"'{name}'" + (f" (did you mean '{near}'?)" if near else ""))
        where = next(p for p in pilots if company(p) == missing[0])
        raise ScanError.of(Code.PILOTS_MISSING, file=where.file, row=where.row, what=", ".join(hints))
    pilot_names = [c for c in both if c in chosen]
    other_names = [c for c in both if c not in chosen]
    source = next((p.file for p in pilots if p.file), "")
    for label, group in (("pilot companies", pilot_names), ("other companies", other_names)):
        if len(group) < MIN_COMPANIES:
            raise ScanError.of(Code.PILOTS_TOO_FEW, file=source, what=label, count=len(group))
    targeted = any(p.factor for p in pilots if p.pilot)
    rows = []
    for fid in ids:
        group = [c for c in pilot_names if fid == "index" or not chosen[c].isdisjoint({None, fid})]
        rows.append(_did(fid, group, other_names, before, now))
    return PilotComparison(pilots=len(pilot_names), others=len(other_names), targeted=targeted, factors=rows)


def _did(
    fid: str,
    pilots: Sequence[str],
    others: Sequence[str],
    before: Mapping[str, CompanyResult],
    now: Mapping[str, CompanyResult],
) -> DiffRow:
    def deltas(names: Sequence[str]) -> tuple[list[float], list[float]]:
        changes, starts = [], []
        for name in names:
            a, b = _score(before[name], fid).mean, _score(now[name], fid).mean
            if a is not None and b is not None:
                changes.append(b - a)
                starts.append(a)
        return changes, starts

    dp, sp = deltas(pilots)
    do, so = deltas(others)
    row = {
        "id": fid,
        "pilots": len(dp),
        "others": len(do),
        "change_pilots": _mean(dp),
        "change_others": _mean(do),
        "before_pilots": _mean(sp),
        "before_others": _mean(so),
    }
    if len(dp) < MIN_COMPANIES or len(do) < MIN_COMPANIES:
        return DiffRow(**row, did=None, ci_low=None, ci_high=None, note="too_few")
    eff = effect(Sample(len(do), _mean(do), _sd(do)), Sample(len(dp), _mean(dp), _sd(dp)))
    assert eff is not None  # both groups have at least 3 companies
    return DiffRow(**row, did=eff.diff, ci_low=eff.ci_low, ci_high=eff.ci_high)
