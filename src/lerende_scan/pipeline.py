"""The one pipeline behind ``scan score`` and ``scan benchmark``: load, ingest, score, position, write.

Both commands parse their options into a :class:`ScoreOptions` or :class:`BenchmarkOptions`, call
:func:`score_export` or :func:`build_sector`, print what comes back and choose the exit code. Nothing here
prints: findings are returned (or raised in a :class:`~lerende_scan.errors.ScanError` together with the
findings that came before the fatal one), and progress is reported through an optional
:class:`Progress` the caller supplies.

The heavy libraries (pandas, pyarrow, matplotlib, WeasyPrint) are imported inside the functions, so that
importing this module, as the CLI does, stays cheap for ``scan validate``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from lerende_scan.branding import Branding, load_branding
from lerende_scan.errors import EXCLUSION_TEXTS, Code, ExclusionReason, Finding, ScanError, Severity
from lerende_scan.questionnaire import Questionnaire, load_questionnaire
from lerende_scan.runs import (
    DEFAULT_FORMATS,
    FINDINGS_FILE,
    FORMATS,
    BenchmarkOptions,
    BenchmarkRun,
    Progress,
    RunOptions,
    ScoreOptions,
    ScoreRun,
    Silent,
)

if TYPE_CHECKING:
    from lerende_scan.drivers.weights import Floats
    from lerende_scan.report import ReportOptions
    from lerende_scan.results import CompanyResult
    from lerende_scan.scoring.response import Population

__all__ = [
    "DEFAULT_FORMATS",
    "FINDINGS_FILE",
    "FORMATS",
    "BenchmarkOptions",
    "BenchmarkRun",
    "Progress",
    "RunInterrupted",
    "RunOptions",
    "ScoreOptions",
    "ScoreRun",
    "build_sector",
    "check_out",
    "findings_text",
    "score_export",
]


def score_export(source: Path, options: ScoreOptions, progress: Progress | None = None) -> ScoreRun:
    """Score one survey export and write one folder per company under ``options.out``."""
    from lerende_scan import output
    from lerende_scan.drivers import add_drivers
    from lerende_scan.ingest import ingest
    from lerende_scan.scoring import score
    from lerende_scan.scoring.response import add_response

    progress = progress or Silent()
    q = load_questionnaire(options.questionnaire)
    lang = check_lang(q, options.lang)
    check_out(options.out)
    findings: list[Finding] = []
    with _keeping(findings):
        population = _population(options)
        brand = _branding(options)  # read before any work, with or without a report to use it in
        done = progress.stage("progress_reading", 1)
        read = ingest(
            source, q, company=options.company, company_column=options.company_column, strict=options.strict
        )
        done(source)
        findings.extend(read.findings)
        done = progress.stage("progress_scoring", 1)
        scored = score(
            read.responses,
            exclude_straightliners=options.exclude_straightliners,
            ingest_findings=read.findings,
        )
        done(source)
        findings.extend(scored.findings)
        results, found = add_drivers(scored, q)  # what drives motivation (questionnaire 'drivers')
        findings.extend(found)
        if options.benchmark is not None:
            from lerende_scan.benchmark import add_position, load_benchmark, own_code

            bench = load_benchmark(options.benchmark, q)
            results = [add_position(r, bench, code=own_code(r, bench)) for r in results]
        from lerende_scan.waves.run import company_waves

        results, compared = company_waves(results, q, options.waves, options.date)
        findings.extend(compared)
        results, rates = add_response(results, population, source.name)  # after every group is hidden
        findings.extend(rates)
        report = _report_options(q, lang, options, brand) if options.reports else None
        findings.extend(_stale(options.out, results))
        findings.extend(_refused(options, results[:1], q, report))
        with _writing(options.out, len(results), progress) as on_done:
            folders = output.write_companies(
                options.out,
                results,
                q,
                list(options.formats),
                lang=lang,
                report_options=report,
                respondent_scores=scored.respondent_scores if options.respondent_scores else None,
                jobs=options.workers,
                on_done=on_done,
            )
            _write(options.out, FINDINGS_FILE, findings_text(findings))
    return ScoreRun(q, lang, results, findings, folders)


def _stale(folder: Path, results: Sequence[CompanyResult]) -> list[Finding]:
    """O006 for company folders an earlier run left in ``folder``: they would pass for this run's (and a
    later ``--previous`` would take them as an earlier wave)."""
    from lerende_scan import output

    written = output.company_folders(r.company for r in results).values()
    stale = output.stale_company_folders(folder, written)
    if not stale:
        return []
    names = ", ".join(stale[:5]) + (", ..." if len(stale) > 5 else "")
    return [
        Finding(Code.STALE_COMPANY_FOLDERS, file=str(folder), params={"count": len(stale), "names": names})
    ]


def _refused(
    options: RunOptions, results: Sequence[CompanyResult], q: Questionnaire, report: ReportOptions | None
) -> list[Finding]:
    """O005 for each resource a custom template refers to that the PDF leaves out (a web logo, a
    stylesheet outside the template directory). Only ``--template-dir`` can add references, and the
    templates are the same for every company, so one company's report shows them all."""
    if options.template_dir is None or report is None or "pdf" not in options.formats or not results:
        return []
    from lerende_scan.report import render_company_html
    from lerende_scan.report.pdf import refused_references

    html = render_company_html(results[0], q, report)
    return [
        Finding(Code.RESOURCE_REFUSED, params={"url": url[:200]}) for url in refused_references(html, report)
    ]


def _population(options: ScoreOptions) -> Population | None:
    """The invited counts of ``--invited`` or ``--population``, read before any work (S004 if unusable)."""
    from lerende_scan.scoring.response import Population, read_population

    if options.population is not None:
        return read_population(options.population, options.company_column)
    return Population.invited(options.invited) if options.invited is not None else None


def build_sector(
    sources: Sequence[Path], options: BenchmarkOptions, progress: Progress | None = None
) -> BenchmarkRun:
    """Score many inputs, build the sector benchmark, and write it with every company's folder.

    One company's unreadable file does not stop the sector: it is listed as excluded with its reason.
    benchmark.json is written last, so its presence means the whole run finished.
    """
    from lerende_scan import output
    from lerende_scan.benchmark import add_position, benchmark_json, build_benchmark
    from lerende_scan.drivers.sector import sector_drivers
    from lerende_scan.ingest import response_files
    from lerende_scan.ingest.sources import skipped_files
    from lerende_scan.report import report_date

    progress = progress or Silent()
    q = load_questionnaire(options.questionnaire)
    lang = check_lang(q, options.lang)
    check_out(options.out)
    findings: list[Finding] = []
    with _keeping(findings):
        pooled: dict[str, Floats] = {}  # respondents' driver scores per company, for the sector drivers
        files = response_files(list(sources))
        findings.extend(skipped_files(list(sources)))
        results, failed = _score_all(files, q, options, findings, progress, pooled)
        _check_not_one_company(files, len(results) + len(failed), options)
        report = _report_options(q, lang, options, options.branding)
        built = build_benchmark(
            results,
            q,
            name=options.name,
            date=report_date(report),
            min_companies=options.min_companies,
            named=options.named,
            failed=failed,
        )
        sector, found = sector_drivers(built.benchmark, pooled, built.codes, q)
        bench = built.benchmark.model_copy(update={"drivers": sector})
        findings.extend(found)
        names = {code: company for company, code in built.codes.items()}  # the terminal may name them
        findings.extend(
            Finding(
                Code.COMPANY_EXCLUDED,
                params={
                    "code": e.code,
                    "name": names.get(e.code, e.code),
                    "reason": EXCLUSION_TEXTS[e.reason].format(**e.details),
                },
            )
            for e in bench.excluded
        )
        members = {c.code for c in bench.companies}
        positioned = [
            add_position(r, bench, code=built.codes[r.company]) if built.codes[r.company] in members else r
            for r in results
        ]
        from lerende_scan.waves.run import sector_run

        bench, positioned, compared = sector_run(bench, positioned, q, options.waves, report_date(report))
        findings.extend(compared)
        findings.extend(_stale(options.out / "companies", positioned))
        findings.extend(_refused(options, positioned[:1], q, report))
        written: list[Path] = []
        with _writing(options.out, len(positioned), progress) as on_done:
            output.write_companies(
                options.out / "companies",
                positioned,
                q,
                list(options.formats),
                lang=lang,
                report_options=report,
                jobs=options.workers,
                on_done=on_done,
            )
            if options.reports:
                from lerende_scan.report import html_to_pdf, render_benchmark_html

                html = render_benchmark_html(bench, q, report)
                if "html" in options.formats:
                    written.append(_write(options.out, "benchmark.html", html))
                if "pdf" in options.formats:
                    written.append(_write(options.out, "benchmark.pdf", html_to_pdf(html, report)))
            _write(options.out, FINDINGS_FILE, findings_text(findings))
            written.append(_write(options.out, "benchmark.json", benchmark_json(bench)))
    return BenchmarkRun(q, lang, bench, positioned, findings, written, failed=bool(failed))


def _check_not_one_company(files: Sequence[Path], companies: int, options: BenchmarkOptions) -> None:
    """A single file read as one company, for want of a ``company`` column, is B005, which says so; B003
    ("only 1 company qualifies") would leave the user to guess why."""
    from lerende_scan.ingest import without_company_column

    if len(files) != 1 or companies != 1 or options.company_column is not None or options.min_companies < 2:
        return
    suggestion = without_company_column(files[0])
    if suggestion is not None:
        raise ScanError.of(Code.ONE_FILE_ONE_COMPANY, file=files[0], suggestion=suggestion)


def findings_text(findings: Sequence[Finding]) -> str:
    """The findings file: every finding of the run on its own line, without quoted answers."""
    return "".join(f"{f.redacted()}\n" for f in findings)


def check_out(out: Path) -> None:
    """Refuse an ``--out`` that cannot be a folder (``/dev/null``, an existing file) before any work."""
    reason = ""
    if out.exists() and not out.is_dir():
        reason = "it is a file"
    else:
        parent = next((p for p in (out, *out.parents) if p.exists()), None)
        if parent is not None and not parent.is_dir():
            reason = f"'{parent}' is a file"
        elif parent is not None and not os.access(parent, os.W_OK | os.X_OK):
            reason = f"no permission to write in '{parent}'"
    if reason:
        raise ScanError.of(Code.OUT_NOT_A_FOLDER, out=str(out), reason=reason)


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C while a run wrote its outputs; ``written`` says what is on disk (for the one-line message)."""

    def __init__(self, written: str) -> None:
        super().__init__(written)
        self.written = written


@contextmanager
def _writing(out: Path, total: int, progress: Progress) -> Iterator[Callable[[object], None]]:
    """The writing stage: the output folder carries the incomplete-run mark until everything is in place;
    an interruption says how many company folders were complete."""
    from lerende_scan.output import INCOMPLETE, run_marker

    advance = progress.stage("progress_reports", total)
    done: list[object] = []

    def on_done(step: object) -> None:
        done.append(step)
        advance(step)

    try:
        with run_marker(out):
            yield on_done
    except KeyboardInterrupt:
        raise RunInterrupted(
            f"{len(done)} of {total} company folder(s) were complete in {out}/; the folder is marked as an"
            f" unfinished run ({out / INCOMPLETE}); run the command again"
        ) from None


def check_lang(questionnaire: Questionnaire, lang: str | None) -> str:
    """The report language: ``lang`` if the questionnaire has it (a usage error if not), else its first."""
    if lang is None:
        return questionnaire.default_language
    lang = lang.strip().lower()  # language codes are lower case in the questionnaire: EN is en
    if lang not in questionnaire.languages:
        raise ScanError.of(
            Code.UNKNOWN_LANGUAGE_OPTION, lang=lang, languages=", ".join(questionnaire.languages)
        )
    return lang


def _score_all(
    files: list[Path],
    q: Questionnaire,
    options: BenchmarkOptions,
    findings: list[Finding],
    progress: Progress,
    pooled: dict[str, Floats],
) -> tuple[list[CompanyResult], dict[str, tuple[ExclusionReason, dict[str, object]]]]:
    """Score every file; a file or company that fails is recorded (name -> reason), not fatal. ``pooled``
    gets every company's respondent scores on the drivers (for the sector's driver analysis)."""
    from lerende_scan.circles.feedback360 import feedback360_refusal
    from lerende_scan.drivers import add_drivers
    from lerende_scan.drivers.sector import driver_rows
    from lerende_scan.ingest import ingest, name_of
    from lerende_scan.scoring import score
    from lerende_scan.scoring.quality import group_key

    results: list[CompanyResult] = []
    failed: dict[str, tuple[ExclusionReason, dict[str, object]]] = {}
    seen: set[str] = set()
    read_files: set[Path] = set()
    advance = progress.stage("progress_files", len(files))
    for path in files:
        real = path.resolve()
        if real in read_files:  # a link to (or another path of) a file already read: the same company
            failed[f"{name_of(path.stem)} ({name_of(path.name)})"] = (ExclusionReason.DUPLICATE, {})
            advance(path)
            continue
        read_files.add(real)
        try:
            if (
                refusal := feedback360_refusal(path)
            ) is not None:  # named personal data: never in a benchmark
                raise ScanError(refusal)
            read = ingest(path, q, company=path.stem, company_column=options.company_column)
        except ScanError as exc:  # one company's bad file does not stop the sector
            if any(f.code is Code.COMPANY_COLUMN_TAKEN for f in exc.findings):
                raise  # a mistake on the command line holds for every file: exit 2, said once
            findings.extend(exc.findings)
            failed[name_of(path.stem)] = (ExclusionReason.UNREADABLE, {"finding": exc.findings[0].code.id})
            advance(path)
            continue
        scored = score(read.responses, ingest_findings=read.findings)
        findings.extend([*read.findings, *scored.findings])
        for f in scored.findings:
            if f.severity is Severity.ERROR and f.params.get("company") is not None:
                failed[str(f.params["company"])] = _exclusion(f, q)
        companies, found = add_drivers(scored, q)
        findings.extend(found)
        driver_rows(scored, q, pooled)
        for result in companies:
            if (key := group_key(result.company)) in seen:  # differing in case or Unicode form only: one
                failed[f"{result.company} ({path.name})"] = (ExclusionReason.DUPLICATE, {})
            else:
                seen.add(key)
                results.append(result)
        advance(path)
    return results, failed


def _exclusion(finding: Finding, q: Questionnaire) -> tuple[ExclusionReason, dict[str, object]]:
    """Why a company is left out, from its scoring error's catalogue code only: the finding's message
    names the company and its file, which benchmark.json must not (unless ``--named``)."""
    if finding.code is Code.COMPANY_TOO_SMALL:
        return ExclusionReason.TOO_SMALL, {"minimum": q.anonymity.min_group_size}
    if finding.code is Code.NO_VALID_RESPONDENTS:
        return ExclusionReason.NONE_VALID, {}
    return ExclusionReason.UNREADABLE, {"finding": finding.code.id}


def _branding(options: ScoreOptions) -> Branding:
    """The branding file's settings, with --title and --consultant taking precedence."""
    brand = load_branding(options.branding_file) if options.branding_file else Branding()
    given = options.branding
    return replace(brand, title=given.title or brand.title, consultant=given.consultant or brand.consultant)


def _report_options(q: Questionnaire, lang: str, options: RunOptions, brand: Branding) -> ReportOptions:
    """The report's options; imported lazily so json/xlsx-only runs never load matplotlib."""
    from lerende_scan.report import ReportOptions

    return ReportOptions(
        lang=lang,
        title=brand.title,
        consultant=brand.consultant,
        logo=brand.logo,
        logo_mime=brand.logo_mime,
        date=options.date,
        template_dir=options.template_dir,
    )


def _write(out: Path, name: str, data: bytes | str) -> Path:
    from lerende_scan.output import atomic_write, inside

    path = inside(out, name)
    atomic_write(path, data)
    return path


@contextmanager
def _keeping(findings: list[Finding]) -> Iterator[None]:
    """A fatal error carries the findings gathered before it, so the user sees those warnings too."""
    try:
        yield
    except ScanError as exc:
        raise ScanError([*findings, *exc.findings]) from None
