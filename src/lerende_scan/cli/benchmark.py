"""``scan benchmark``: many companies in, a sector benchmark and every company's position out."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from lerende_scan.branding import Branding
from lerende_scan.cli._app import (
    DEFAULT_FORMATS_TEXT,
    CompanyColumnOption,
    DateOption,
    FormatsOption,
    JobsOption,
    LangOption,
    QuestionnaireOption,
    app,
    company_progress,
    console,
    err_console,
    guarded,
    print_findings,
)
from lerende_scan.cli.score import check_lang, parse_date, parse_formats, report_options
from lerende_scan.errors import Code, ExitCode, Finding, ScanError, Severity
from lerende_scan.formatting import Formatter
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult
from lerende_scan.validation import load_questionnaire

__all__ = ["exclusion_reason", "response_files"]


RESPONSE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".sav"}


def response_files(paths: list[Path]) -> list[Path]:
    """Files as given, and the response files (csv, tsv, txt, xlsx, sav) inside given folders, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in RESPONSE_SUFFIXES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


def exclusion_reason(finding: Finding, questionnaire: Questionnaire) -> str:
    """Why a company is left out, as it goes into benchmark.json: built from the catalogue code only.

    Finding messages name the company and its file, and benchmark.json must not (unless ``--named``), so
    the reason is a fixed text per code; the full finding is printed on the terminal.
    """
    if finding.code is Code.COMPANY_TOO_SMALL:
        return f"fewer than {questionnaire.anonymity.min_group_size} valid respondents"
    if finding.code is Code.NO_VALID_RESPONDENTS:
        return "no valid respondents"
    return f"input could not be read ({finding.code.id})"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on macOS or Windows
        return os.cpu_count() or 1


@app.command()
def benchmark(
    responses: Annotated[
        list[Path],
        typer.Argument(
            exists=True, readable=True, help="One file with a company column, many files, or folders."
        ),
    ],
    name: Annotated[str, typer.Option("--name", "-n", help='Benchmark name, e.g. "VVT Noord-Holland 2026".')],
    questionnaire: QuestionnaireOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", file_okay=False, help="Output folder.")] = Path(
        "benchmark-output"
    ),
    min_companies: Annotated[
        int, typer.Option(min=1, help="Refuse a benchmark of fewer companies (it would identify them).")
    ] = 5,
    named: Annotated[
        bool, typer.Option("--named", help="Put company names in benchmark.json instead of codes only.")
    ] = False,
    jobs: JobsOption = 0,
    formats: FormatsOption = DEFAULT_FORMATS_TEXT,
    lang: LangOption = None,
    company_column: CompanyColumnOption = None,
    date: DateOption = None,
) -> None:
    """Build a sector benchmark over many companies, with each company's position in it.

    Examples:

      scan benchmark exports/ --name "VVT Noord-Holland 2026" --out sector/

      scan benchmark alle-bedrijven.csv --name "Techniek 2026" --format json,html --jobs 2
    """
    wanted = parse_formats(formats)
    when = parse_date(date)
    workers = jobs or _cores()

    def work() -> ExitCode:
        # Imported here, not at the top: other commands (`scan validate`) start without them.
        from lerende_scan.benchmark import add_position, benchmark_json, build_benchmark
        from lerende_scan.exports import atomic_write, inside, write_companies
        from lerende_scan.report import report_date

        q = load_questionnaire(questionnaire)
        language = check_lang(q, lang)
        results, failed = _score_all(response_files(responses), q, company_column)
        options = report_options(q, language, branding=Branding(), date=when, template_dir=None)
        built = build_benchmark(
            results,
            q,
            name=name,
            date=report_date(options),
            min_companies=min_companies,
            named=named,
            failed=failed,
        )
        bench = built.benchmark
        print_findings(
            Finding(Code.COMPANY_EXCLUDED, params={"code": e.code, "reason": e.reason})
            for e in bench.excluded
        )
        members = {c.code for c in bench.companies}
        positioned = [
            add_position(r, bench, code=built.codes[r.company]) if built.codes[r.company] in members else r
            for r in results
        ]
        with company_progress(len(positioned), "reports") as advance:
            write_companies(
                out / "companies",
                positioned,
                q,
                wanted,
                lang=language,
                report_options=options,
                jobs=workers,
                on_done=advance,
            )
        if {"html", "pdf"} & set(wanted):
            from lerende_scan.report import html_to_pdf, render_benchmark_html

            html = render_benchmark_html(bench, q, options)
            if "html" in wanted:
                atomic_write(inside(out, "benchmark.html"), html)
            if "pdf" in wanted:
                atomic_write(inside(out, "benchmark.pdf"), html_to_pdf(html, options))
        # Last, and atomically: a benchmark.json on disk means the whole run finished.
        atomic_write(inside(out, "benchmark.json"), benchmark_json(bench))

        names = {f.id: str(localise(f.name, language)) for f in q.factors}
        lowest = q.scoring.bands[0] if q.scoring.bands else None
        nl = language == "nl"
        p = bench.provenance
        fmt = Formatter(language)
        console.print(
            f"{p.name}: {p.companies} {'bedrijven' if nl else 'companies'}, {fmt.count(p.respondents)} "
            f"{'respondenten' if nl else 'respondents'}, {len(bench.excluded)} "
            f"{'uitgesloten' if nl else 'excluded'}",
            markup=False,
        )
        for rank, dist in enumerate(bench.factors, 1):
            mean = fmt.num(dist.mean)
            share = ""
            if lowest is not None:
                label = str(localise(lowest.label, language)).lower()
                share = f" ({fmt.share(dist.bands.get(q.band_id(lowest), 0.0))} {label})"
            console.print(f"{rank}. {names[dist.id]}: {mean}{share}", markup=False)
        err_console.print(
            f"wrote {out}/benchmark.json and {len(positioned)} company folders in {out}/companies/",
            markup=False,
        )
        return ExitCode.FINDINGS if failed else ExitCode.OK

    code = guarded(work)
    if code is not ExitCode.OK:
        raise typer.Exit(code)


def _score_all(
    files: list[Path], q: Questionnaire, company_column: str | None
) -> tuple[list[CompanyResult], dict[str, str]]:
    """Score every file; a file or company that fails is recorded (name -> reason), not fatal."""
    from lerende_scan.responses import ingest
    from lerende_scan.scoring import score as score_responses

    results: list[CompanyResult] = []
    failed: dict[str, str] = {}
    seen: set[str] = set()
    with company_progress(len(files), "files") as advance:
        for path in files:
            try:
                ingested = ingest(path, q, company=path.stem, company_column=company_column)
            except ScanError as exc:  # one company's bad file does not stop the sector
                print_findings(exc.findings)
                failed[path.stem] = exclusion_reason(exc.findings[0], q)
                advance(path)
                continue
            scored = score_responses(ingested.responses, ingest_findings=ingested.findings)
            print_findings([*ingested.findings, *scored.findings])
            for f in scored.findings:
                if f.severity is Severity.ERROR and f.params.get("company") is not None:
                    failed[str(f.params["company"])] = exclusion_reason(f, q)
            for result in scored.companies:
                if result.company in seen:
                    failed[f"{result.company} ({path.name})"] = "the same company appears in two inputs"
                else:
                    seen.add(result.company)
                    results.append(result)
            advance(path)
    return results, failed
