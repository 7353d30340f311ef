"""``scan score``: a survey export in, one folder of scores and reports per company out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lerende_scan.branding import Branding
from lerende_scan.cli._app import app, console, err_console, run_pipeline
from lerende_scan.cli.options import (
    DEFAULT_FORMATS_TEXT,
    EXIT_CODES,
    CompanyColumnOption,
    DateOption,
    FormatsOption,
    JobsOption,
    LangOption,
    OutOption,
    QuestionnaireOption,
    parse_date,
    parse_formats,
)
from lerende_scan.cli.summary import print_score
from lerende_scan.cli.wave_options import (
    DEFAULT_PRACTICAL_G,
    PracticalGOption,
    WaveNameOption,
    check_out_apart,
    parse_company_match,
)
from lerende_scan.errors import Code
from lerende_scan.pipeline import ScoreOptions, score_export
from lerende_scan.waves.model import WaveOptions

ExistingFile = Annotated[
    Path,
    typer.Argument(
        exists=True,
        dir_okay=False,
        readable=True,
        show_default=False,
        metavar="RESPONSES",
        help="The survey export: CSV/TSV/TXT, XLSX/XLSM or SPSS SAV/ZSAV.",
    ),
]


@app.command(
    epilog=(
        "Examples:\n\n"
        "  scan score examples/responses.csv\n\n"
        "  scan score export.csv -q mijn-scan.yaml --format json,xlsx --lang en --out rapporten/\n\n"
        "  scan score meting-2026.csv --date 2026-06-15 --previous scan-2025/\n\n" + EXIT_CODES
    )
)
def score(
    responses: ExistingFile,
    questionnaire: QuestionnaireOption = None,
    out: OutOption = Path("scan-output"),
    formats: FormatsOption = DEFAULT_FORMATS_TEXT,
    company: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="Company name when the file has no company column (default: file name)."
        ),
    ] = None,
    company_column: CompanyColumnOption = None,
    lang: LangOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", metavar="", help="Out-of-range answers are errors, not warnings.")
    ] = False,
    respondent_scores: Annotated[
        bool,
        typer.Option(
            "--respondent-scores",
            metavar="",
            help="Also write respondent_scores.csv (keyed by respondent id; personal data!).",
        ),
    ] = False,
    exclude_straightliners: Annotated[
        bool,
        typer.Option(
            "--exclude-straightliners",
            metavar="",
            help="Exclude respondents who gave the same answer to every item.",
        ),
    ] = False,
    benchmark: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            metavar="FILE",
            help="benchmark.json from 'scan benchmark': add the position.",
        ),
    ] = None,
    template_dir: Annotated[
        Path | None,
        typer.Option(
            exists=True, file_okay=False, metavar="DIR", help="Folder with templates that override ours."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Report title / consultancy name on the cover.")
    ] = None,
    consultant: Annotated[
        str | None, typer.Option(metavar="NAME", help="Consultant's name on the cover.")
    ] = None,
    branding: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, metavar="FILE", help="branding.yaml: title, consultant, logo."
        ),
    ] = None,
    date: DateOption = None,
    jobs: JobsOption = 0,
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            exists=True,
            metavar="PATH",
            help="An earlier wave: its scores.json or output folder (repeatable): adds 'Before and after'.",
        ),
    ] = None,
    wave_name: WaveNameOption = None,
    company_match: Annotated[
        list[str] | None,
        typer.Option(metavar="OLD=NEW", help="An earlier wave's company name and its name now (repeatable)."),
    ] = None,
    group_match: Annotated[
        list[str] | None,
        typer.Option(
            metavar="OLD=NEW",
            help="An earlier wave's group name and its name now, in any group column (repeatable).",
        ),
    ] = None,
    practical_g: PracticalGOption = DEFAULT_PRACTICAL_G,
    invited: Annotated[
        int | None,
        typer.Option(min=1, metavar="N", help="People invited (one company): adds the response rate."),
    ] = None,
    population: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            metavar="FILE",
            help="Table of invited counts (columns: company, groups, invited): response rate per group.",
        ),
    ] = None,
) -> None:
    """Score a survey export: one folder per company with scores and a report."""
    if company and company_column:
        raise typer.BadParameter(Code.COMPANY_OPTIONS_CLASH.template, param_hint="--company")
    if invited is not None and population is not None:  # one would be ignored without a word
        raise typer.BadParameter(Code.INVITED_OPTIONS_CLASH.template, param_hint="--invited")
    options = ScoreOptions(
        out=out,
        questionnaire=questionnaire,
        formats=parse_formats(formats),
        lang=lang,
        company_column=company_column,
        date=parse_date(date),
        jobs=jobs,
        template_dir=template_dir,
        branding=Branding(title=title, consultant=consultant),
        branding_file=branding,
        company=company,
        strict=strict,
        exclude_straightliners=exclude_straightliners,
        respondent_scores=respondent_scores,
        benchmark=benchmark,
        invited=invited,
        population=population,
        waves=WaveOptions(
            previous=tuple(previous or ()),
            name=wave_name,
            renamed=parse_company_match(company_match),
            groups_renamed=parse_company_match(group_match, what="group"),
            practical_g=practical_g,
        ),
    )

    check_out_apart(out, options.waves.previous)

    run_pipeline(
        lang,
        out,
        lambda progress: score_export(responses, options, progress),
        lambda run: print_score(run, out, console, err_console),
    )
