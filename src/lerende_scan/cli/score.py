"""``scan score``: a survey export in, one folder of scores and reports per company out."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from lerende_scan.branding import Branding, load_branding
from lerende_scan.cli._app import (
    DEFAULT_FORMATS_TEXT,
    FORMATS,
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
from lerende_scan.errors import Code, ExitCode, Finding, Severity, exit_code_for
from lerende_scan.formatting import Formatter
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult
from lerende_scan.validation import load_questionnaire

if TYPE_CHECKING:
    from lerende_scan.report import ReportOptions

__all__ = ["parse_date", "parse_formats", "report_options"]

ExistingFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, show_default=False)]


def parse_formats(value: str) -> list[str]:
    """``html,pdf`` -> ``['html', 'pdf']``; unknown names are a usage error (exit 2)."""
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(
            Code.UNKNOWN_FORMAT.template.format(format=",".join(unknown) or value, choices=", ".join(FORMATS))
        )
    return formats


def parse_date(value: str | None) -> dt.date | None:
    """``--date YYYY-MM-DD``; None leaves the choice (SOURCE_DATE_EPOCH, else today) to the report."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date; use YYYY-MM-DD, for example 2026-11-22") from None


def report_options(
    questionnaire: Questionnaire,
    lang: str | None,
    *,
    branding: Branding,
    date: dt.date | None,
    template_dir: Path | None,
) -> ReportOptions:
    """Build the report's options; imported lazily so json/xlsx-only runs never load matplotlib."""
    from lerende_scan.report import ReportOptions

    return ReportOptions(
        lang=lang or questionnaire.default_language,
        title=branding.title,
        consultant=branding.consultant,
        logo=branding.logo,
        logo_mime=branding.logo_mime,
        date=date,
        template_dir=template_dir,
    )


def check_lang(questionnaire: Questionnaire, lang: str | None) -> str:
    if lang is not None and lang not in questionnaire.languages:
        raise typer.BadParameter(
            f"language '{lang}' is not in the questionnaire's languages {questionnaire.languages}",
            param_hint="--lang",
        )
    return lang or questionnaire.default_language


def print_summary(result: CompanyResult, questionnaire: Questionnaire, lang: str, *, top: int = 3) -> None:
    """Factor scores with bands and the top improvement opportunities, as a rich table."""
    names = {f.id: str(localise(f.name, lang)) for f in questionnaire.factors}
    bands = {questionnaire.band_id(b): str(localise(b.label, lang)) for b in questionnaire.scoring.bands}
    nl = lang == "nl"
    fmt = Formatter(lang)
    table = Table(
        title=f"{result.company}: {fmt.count(result.respondents.valid)} / "
        f"{fmt.count(result.respondents.received)} " + ("geldig" if nl else "valid"),
        title_justify="left",
    )
    for header in ("Factor", "n", "Gem." if nl else "Mean", "95%-BI" if nl else "95% CI", "α", "Band"):
        table.add_column(header, justify="left" if header in ("Factor", "Band") else "right")

    for fid in result.opportunities:
        f = result.factor(fid)
        table.add_row(
            names[fid],
            str(f.n),
            fmt.num(f.mean),
            fmt.interval(f.ci_low, f.ci_high),
            fmt.coef(f.alpha),
            bands.get(f.band or "", "–"),
        )
    ix = result.index
    table.add_row("Index", str(ix.n), fmt.num(ix.mean), "", "", bands.get(ix.band or "", "–"), style="bold")
    console.print(table)
    label = "Grootste verbetermogelijkheden" if nl else "Biggest improvement opportunities"
    ranked = [names[fid] for fid in result.opportunities[:top]]
    console.print(f"{label}: " + ", ".join(f"{i}. {n}" for i, n in enumerate(ranked, 1)), markup=False)


@app.command()
def score(
    responses: ExistingFile,
    questionnaire: QuestionnaireOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", file_okay=False, help="Output folder.")] = Path(
        "scan-output"
    ),
    formats: FormatsOption = DEFAULT_FORMATS_TEXT,
    company: Annotated[
        str | None,
        typer.Option(help="Company name when the file has no company column (default: file name)."),
    ] = None,
    company_column: CompanyColumnOption = None,
    lang: LangOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Out-of-range answers are errors, not warnings.")
    ] = False,
    respondent_scores: Annotated[
        bool,
        typer.Option(
            "--respondent-scores",
            help="Also write respondent_scores.csv (keyed by respondent id; personal data!).",
        ),
    ] = False,
    exclude_straightliners: Annotated[
        bool,
        typer.Option(
            "--exclude-straightliners", help="Exclude respondents who gave the same answer to every item."
        ),
    ] = False,
    benchmark: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="benchmark.json from 'scan benchmark': add the position."
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(exists=True, file_okay=False, help="Folder with templates that override ours."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Report title / consultancy name on the cover.")] = None,
    consultant: Annotated[str | None, typer.Option(help="Consultant's name on the cover.")] = None,
    branding: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="branding.yaml: title, consultant, logo.")
    ] = None,
    date: DateOption = None,
    jobs: JobsOption = 0,
) -> None:
    """Score a survey export: one folder per company with scores and a report.

    Examples:

      scan score examples/responses.csv

      scan score export.csv -q mijn-scan.yaml --format json,xlsx --lang en --out rapporten/
    """
    wanted = parse_formats(formats)
    report_date = parse_date(date)
    if company and company_column:
        raise typer.BadParameter("use either --company or --company-column, not both")

    def work() -> ExitCode:
        # Imported here, not at the top: `scan validate` starts in 0.3 s instead of 0.8 s without them.
        from lerende_scan.exports import write_companies
        from lerende_scan.responses import ingest
        from lerende_scan.scoring import score as score_responses

        q = load_questionnaire(questionnaire)
        language = check_lang(q, lang)
        ingested = ingest(responses, q, company=company, company_column=company_column, strict=strict)
        print_findings(ingested.findings)
        scored = score_responses(
            ingested.responses,
            exclude_straightliners=exclude_straightliners,
            ingest_findings=ingested.findings,
        )
        print_findings(scored.findings)
        results = scored.companies
        if benchmark is not None:
            from lerende_scan.benchmark import add_position, load_benchmark

            bench = load_benchmark(benchmark, q)
            results = [add_position(r, bench) for r in results]
        brand = load_branding(branding) if branding else Branding()
        brand = Branding(
            title=title or brand.title,
            consultant=consultant or brand.consultant,
            logo=brand.logo,
            logo_mime=brand.logo_mime,
        )
        options = (
            report_options(q, language, branding=brand, date=report_date, template_dir=template_dir)
            if {"html", "pdf"} & set(wanted)
            else None
        )
        with company_progress(len(results)) as advance:
            write_companies(
                out,
                results,
                q,
                wanted,
                lang=language,
                report_options=options,
                respondent_scores=scored.respondent_scores if respondent_scores else None,
                jobs=jobs or os.cpu_count() or 1,
                on_done=advance,
            )
        for result in results[:10]:
            print_summary(result, q, language)
        if len(results) > 10:
            console.print(f"... and {len(results) - 10} more companies", markup=False)
        err_console.print(
            f"wrote {len(results)} compan{'y' if len(results) == 1 else 'ies'} to {out}/", markup=False
        )
        findings: list[Finding] = [*ingested.findings, *scored.findings]
        return exit_code_for(f for f in findings if f.severity is Severity.ERROR)

    code = guarded(work)
    if code is not ExitCode.OK:
        raise typer.Exit(code)
