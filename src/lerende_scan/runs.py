"""What a run is asked to do and what it gives back: the options models, progress, and run results.

The options replace long parameter lists between the CLI and :mod:`lerende_scan.pipeline`: each command
parses its flags into one :class:`ScoreOptions` or :class:`BenchmarkOptions`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from lerende_scan.branding import Branding
from lerende_scan.errors import Finding, Severity
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.waves.model import WaveOptions

if TYPE_CHECKING:
    from lerende_scan.benchmark import Benchmark
    from lerende_scan.results import CompanyResult

__all__ = [
    "DEFAULT_FORMATS",
    "FINDINGS_FILE",
    "FORMATS",
    "BenchmarkOptions",
    "BenchmarkRun",
    "Progress",
    "RunOptions",
    "ScoreOptions",
    "ScoreRun",
    "Silent",
]

FORMATS = ("html", "pdf", "json", "xlsx", "csv")
"""What a run can write (see :func:`lerende_scan.output.write_company`)."""
FINDINGS_FILE = "findings.txt"
"""Every finding of a run, one per line, written into ``--out`` (the terminal shows a summary)."""
DEFAULT_FORMATS = ("html", "pdf", "json", "xlsx")


class Progress(Protocol):
    """Where the pipeline reports progress: a stage with a known number of steps, then one call per step."""

    def stage(self, label: str, total: int) -> Callable[[object], None]:
        """Start a stage (``label`` is a strings.yaml key); returns the callback for each finished step."""
        ...


class Silent:
    """No progress to show (a library caller)."""

    def stage(self, label: str, total: int) -> Callable[[object], None]:
        return lambda _step: None


@dataclass(frozen=True)
class RunOptions:
    """What every run needs: the questionnaire, how to read the inputs, and what to write where."""

    out: Path
    questionnaire: Path | None = None  # None: the shipped questionnaire
    formats: tuple[str, ...] = DEFAULT_FORMATS
    lang: str | None = None  # None: the questionnaire's first language
    company_column: str | None = None
    date: dt.date | None = None  # None: SOURCE_DATE_EPOCH, else today
    jobs: int = 0  # report workers; 0: all cores
    template_dir: Path | None = None
    branding: Branding = field(default_factory=Branding)
    waves: WaveOptions = field(default_factory=WaveOptions)  # --previous and its companions

    @property
    def workers(self) -> int:
        """Report workers: ``--jobs``, at most one per core (rendering is CPU-bound; more workers only
        cost memory, and ``--jobs 100000`` would fork until the machine ran out of it)."""
        return min(self.jobs, _cores()) if self.jobs else _cores()

    @property
    def reports(self) -> bool:
        return bool({"html", "pdf"} & set(self.formats))


@dataclass(frozen=True)
class ScoreOptions(RunOptions):
    """``scan score``: one export, one folder per company."""

    company: str | None = None  # the company of a file without a company column (default: file stem)
    strict: bool = False  # out-of-range answers are errors
    exclude_straightliners: bool = False
    respondent_scores: bool = False  # also write respondent_scores.csv (personal data)
    benchmark: Path | None = None  # a benchmark.json to position every company in
    branding_file: Path | None = None  # branding.yaml; title/consultant in ``branding`` win over it
    invited: int | None = None  # --invited: people invited (one company), for the response rate
    population: Path | None = None  # --population: invited counts per company and group


@dataclass(frozen=True)
class BenchmarkOptions(RunOptions):
    """``scan benchmark``: many companies, one sector benchmark plus every company's folder."""

    name: str = ""
    min_companies: int = 5
    named: bool = False  # company names in benchmark.json instead of codes only


@dataclass(frozen=True)
class ScoreRun:
    """What :func:`score_export` did: the companies written, every finding, and the settings used."""

    questionnaire: Questionnaire
    lang: str
    results: list[CompanyResult]
    findings: list[Finding]
    folders: dict[str, Path]

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class BenchmarkRun:
    """What :func:`build_sector` did: the benchmark, the company folders and the files written."""

    questionnaire: Questionnaire
    lang: str
    benchmark: Benchmark
    results: list[CompanyResult]
    findings: list[Finding]
    written: list[Path]  # the sector files (benchmark.html/.pdf/.json), in the order written
    failed: bool  # some input could not be read or scored


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on macOS or Windows
        return os.cpu_count() or 1
