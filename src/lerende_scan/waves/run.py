"""The waves' part of a run: stamp every result, then compare it with the earlier waves asked for.

:mod:`lerende_scan.pipeline` calls :func:`company_waves` after scoring and :func:`sector_run` after
building a benchmark, before anything is written: an earlier file that cannot be used stops the run with
one catalogue line and nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lerende_scan.benchmark import Benchmark
from lerende_scan.errors import Code, Finding
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult
from lerende_scan.waves.compare import attach
from lerende_scan.waves.load import Earlier, load_previous, load_previous_sector
from lerende_scan.waves.model import WaveOptions, WaveRef
from lerende_scan.waves.sector import read_pilots, sector_waves
from lerende_scan.waves.stamp import scan_date, stamp

__all__ = ["company_waves", "sector_run"]


def company_waves(
    results: Sequence[CompanyResult], questionnaire: Questionnaire, options: WaveOptions, date: dt.date | None
) -> tuple[list[CompanyResult], list[Finding]]:
    """Every result stamped with this wave, and compared with its earlier waves when ``--previous``."""
    wave = WaveRef(date=scan_date(date), name=options.name)
    stamped = [stamp(r, questionnaire, wave) for r in results]
    if not options.previous:
        return stamped, []
    earlier = load_previous(options.previous, questionnaire)
    return attach(
        stamped,
        earlier,
        questionnaire,
        renamed=dict(options.renamed),
        groups_renamed=dict(options.groups_renamed),
        practical_g=options.practical_g,
    )


def sector_run(
    bench: Benchmark,
    results: Sequence[CompanyResult],
    questionnaire: Questionnaire,
    options: WaveOptions,
    date: dt.date,
) -> tuple[Benchmark, list[CompanyResult], list[Finding]]:
    """The benchmark with the sector's change (and the pilots' comparison), and every company's own
    before and after from the earlier run's companies folder."""
    wave = WaveRef(date=date, name=options.name)
    stamped = [stamp(r, questionnaire, wave) for r in results]
    if not options.previous:
        return bench, stamped, []
    earlier = load_previous_sector(options.previous[0], questionnaire)
    pilots = read_pilots(options.pilots, questionnaire) if options.pilots is not None else None
    members = [r for r in stamped if r.benchmark is not None and r.benchmark.code]
    change = sector_waves(
        bench,
        members,
        earlier,
        questionnaire,
        current=wave,
        pilots=pilots,
        practical_g=options.practical_g,
    )
    bench = bench.model_copy(update={"waves": change})
    if not earlier.companies:  # the sector's change only: say so, or the company reports lack it silently
        return bench, stamped, [Finding(Code.SECTOR_PREVIOUS_NO_COMPANIES, file=str(earlier.file))]
    previous = [Earlier(str(earlier.file), r) for r in earlier.companies.values()]
    compared, findings = attach(
        stamped, previous, questionnaire, renamed=dict(options.renamed), practical_g=options.practical_g
    )
    return bench, compared, findings
