"""``scan benchmark``: many companies in, a sector benchmark and every company's position out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
from lerende_scan.cli.summary import print_benchmark
from lerende_scan.cli.wave_options import (
    DEFAULT_PRACTICAL_G,
    PracticalGOption,
    WaveNameOption,
    check_out_apart,
)
from lerende_scan.errors import Code
from lerende_scan.pipeline import BenchmarkOptions, build_sector
from lerende_scan.waves.model import WaveOptions


@app.command(
    epilog=(
        "Examples:\n\n"
        '  scan benchmark exports/ --name "VVT Noord-Holland 2026" --out sector/\n\n'
        '  scan benchmark alle-bedrijven.csv --name "Techniek 2026" --format json,html --jobs 2\n\n'
        + EXIT_CODES
        + " A company whose file cannot be read is left out and listed (exit 1);"
        " the benchmark is still built."
    )
)
def benchmark(
    responses: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            readable=True,
            metavar="RESPONSES",
            help="One file with a company column, many files, or folders of them.",
        ),
    ],
    name: Annotated[
        str,
        typer.Option("--name", "-n", metavar="TEXT", help='Benchmark name, e.g. "VVT Noord-Holland 2026".'),
    ],
    questionnaire: QuestionnaireOption = None,
    out: OutOption = Path("benchmark-output"),
    min_companies: Annotated[
        int,
        typer.Option(
            min=1, metavar="N", help="Refuse a benchmark of fewer companies (it would identify them)."
        ),
    ] = 5,
    named: Annotated[
        bool,
        typer.Option(
            "--named", metavar="", help="Put company names in benchmark.json instead of codes only."
        ),
    ] = False,
    jobs: JobsOption = 0,
    formats: FormatsOption = DEFAULT_FORMATS_TEXT,
    lang: LangOption = None,
    company_column: CompanyColumnOption = None,
    date: DateOption = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            metavar="PATH",
            help="The earlier wave's benchmark folder (or its benchmark.json): adds the sector's change.",
        ),
    ] = None,
    pilots: Annotated[
        Path | None,
        typer.Option(
            exists=True,
            dir_okay=False,
            metavar="FILE",
            help="CSV/XLSX of company, pilot (yes/no) and optionally factor: did the pilots work?",
        ),
    ] = None,
    wave_name: WaveNameOption = None,
    practical_g: PracticalGOption = DEFAULT_PRACTICAL_G,
) -> None:
    """Build a sector benchmark over many companies, with each company's position in it."""
    if not name.strip():  # the name titles the report and seeds the company codes
        raise typer.BadParameter(Code.BENCHMARK_NAME_EMPTY.template, param_hint="--name")
    options = BenchmarkOptions(
        out=out,
        questionnaire=questionnaire,
        formats=parse_formats(formats),
        lang=lang,
        company_column=company_column,
        date=parse_date(date),
        jobs=jobs,
        name=name,
        min_companies=min_companies,
        named=named,
        waves=WaveOptions(
            previous=(previous,) if previous else (), name=wave_name, practical_g=practical_g, pilots=pilots
        ),
    )
    if pilots is not None and previous is None:
        raise typer.BadParameter(Code.PILOTS_NEED_PREVIOUS.template, param_hint="--pilots")
    check_out_apart(out, options.waves.previous)

    run_pipeline(
        lang,
        out,
        lambda progress: build_sector(responses, options, progress),
        lambda run: print_benchmark(run, out, console, err_console),
    )
