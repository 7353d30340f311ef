"""``scan circles``: leaders' development needs (or 360 feedback) in, learning circles of about eight out.

Thin: options are parsed here, :func:`lerende_scan.circles.form_circles` forms the circles (pure),
:func:`lerende_scan.circles.writers.write_circles` writes them under ``--out``, and this module prints a
summary and picks the exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from lerende_scan.cli._app import app, console, err_console, guarded, print_findings
from lerende_scan.cli.options import EXIT_CODES, DateOption, LangOption, QuestionnaireOption, parse_date
from lerende_scan.cli.summary import TERMINAL_NAME_LIMIT
from lerende_scan.errors import Code, ExitCode, ScanError, Severity, exit_code_for, inert

if TYPE_CHECKING:
    from lerende_scan.circles import CirclesResult

__all__ = ["circles"]

FILE = {"exists": True, "dir_okay": False, "readable": True}
SIZE = {"min": 2, "max": 10_000, "metavar": "N"}  # a circle of one is no circle
"""Circle sizes and the per-department cap: a usage error beyond what a programme forms (and numpy holds)."""


def _formats(value: str) -> tuple[str, ...]:
    from lerende_scan.circles.writers import CIRCLE_FORMATS

    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in CIRCLE_FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(
            Code.UNKNOWN_FORMAT.template.format(
                format=",".join(unknown) or value, choices=", ".join(CIRCLE_FORMATS)
            ),
            param_hint="--format",
        )
    return formats


@app.command(
    epilog=(
        "Examples:\n\n"
        "  scan circles examples/leaders/needs.csv\n\n"
        "  scan circles examples/leaders/needs.csv --from-360 examples/leaders/feedback360.csv\n\n"
        "  scan circles needs.xlsx --pairs pairs.csv --max-per-department 2 --lang en --out kringen/\n\n"
        "The outputs hold named personal data (leaders, departments, needs); they are written under --out"
        " only.\n\n" + EXIT_CODES
    )
)
def circles(
    needs: Annotated[
        Path | None,
        typer.Argument(
            **FILE,
            show_default=False,
            help="Needs file (CSV/XLSX): id, optional department and manager, and a weight per theme or"
            " theme_1..theme_3. With --from-360 it gives departments and managers only.",
        ),
    ] = None,
    from_360: Annotated[
        Path | None,
        typer.Option(
            "--from-360", **FILE, metavar="FILE", help="360-degree feedback: needs from the ratings."
        ),
    ] = None,
    questionnaire: QuestionnaireOption = None,
    themes: Annotated[
        str | None,
        typer.Option(metavar="LIST", help="Comma-separated themes instead of the questionnaire's factors."),
    ] = None,
    pairs: Annotated[
        Path | None,
        typer.Option(**FILE, metavar="FILE", help="Pairs file: leader_a, leader_b, rule (separate or join)."),
    ] = None,
    size: Annotated[int, typer.Option(**SIZE, help="Target circle size.")] = 8,
    min_size: Annotated[int, typer.Option(**SIZE, help="Smallest circle allowed.")] = 7,
    max_size: Annotated[int, typer.Option(**SIZE, help="Largest circle allowed.")] = 9,
    max_per_department: Annotated[
        int | None,
        typer.Option(
            **{**SIZE, "min": 1},
            help="Most leaders from one department per circle (default: as mixed as possible).",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option(min=0, metavar="N", help="Seed: the same seed gives the same circles.")
    ] = 0,
    out: Annotated[
        Path, typer.Option("--out", "-o", file_okay=False, metavar="DIR", help="Output folder.")
    ] = Path("circles-output"),
    formats: Annotated[
        str, typer.Option("--format", "-f", metavar="LIST", help="Comma-separated: xlsx, csv, html, pdf.")
    ] = "xlsx,csv,html,pdf",
    lang: LangOption = None,
    date: DateOption = None,
    leader_column: Annotated[
        str, typer.Option(metavar="COLUMN", help="360 file: leader id column.")
    ] = "leader",
    role_column: Annotated[str, typer.Option(metavar="COLUMN", help="360 file: rater role column.")] = "role",
    show_manager: Annotated[
        bool,
        typer.Option("--show-manager", help="360 summaries show the manager's rating apart (if agreed)."),
    ] = False,
    blind_spot_margin: Annotated[
        float,
        typer.Option(min=0.0, metavar="X", help="Self minus others from which a factor is a blind spot."),
    ] = 0.5,
    title: Annotated[str | None, typer.Option(metavar="TEXT", help="Report title on the cover.")] = None,
    consultant: Annotated[
        str | None, typer.Option(metavar="NAME", help="Consultant's name on the cover.")
    ] = None,
) -> None:
    """Form learning circles of about eight leaders who share a development theme."""
    wanted = _formats(formats)
    report_date = parse_date(date)
    if needs is None and from_360 is None:
        raise typer.BadParameter(
            "give a needs file, or --from-360 with a 360 feedback file", param_hint="NEEDS"
        )
    if themes and from_360:
        raise typer.BadParameter(
            "--from-360 uses the questionnaire's factors as themes", param_hint="--themes"
        )

    def work() -> ExitCode:
        from lerende_scan.circles import (
            CircleOptions,
            SizeRule,
            custom_themes,
            form_circles,
            questionnaire_themes,
        )
        from lerende_scan.circles.needs import read_needs
        from lerende_scan.circles.pairs import read_pairs
        from lerende_scan.circles.writers import write_circles
        from lerende_scan.questionnaire import load_questionnaire
        from lerende_scan.report import ReportOptions
        from lerende_scan.report.render import Translator

        q = load_questionnaire(questionnaire)
        language = (lang or q.default_language).strip().lower()  # EN is en (BCP 47 is case-insensitive)
        if language not in q.languages:
            raise typer.BadParameter(
                Code.UNKNOWN_LANGUAGE_OPTION.template.format(lang=language, languages=", ".join(q.languages)),
                param_hint="--lang",
            )
        theme_list = custom_themes(themes.split(",")) if themes is not None else questionnaire_themes(q)
        if not theme_list:
            raise typer.BadParameter(
                f"no theme names in {themes!r}; give names separated by commas, e.g. 'Feedback,Coaching'",
                param_hint="--themes",
            )
        feedback = None
        leaders = read_needs(needs, theme_list, needs_required=from_360 is None) if needs else None
        if from_360 is not None:
            from lerende_scan.circles.feedback360 import needs_from_feedback, read_feedback

            try:
                feedback = read_feedback(
                    from_360,
                    q,
                    leader_column=leader_column,
                    role_column=role_column,
                    show_manager=show_manager,
                    margin=blind_spot_margin,
                )
            except ScanError as exc:  # --leader-column/--role-column naming no possible column: exit 2
                if not all(f.code is Code.RATER_COLUMN_TAKEN for f in exc.findings):
                    raise
                print_findings(exc.findings)
                return ExitCode.USAGE
            leaders = needs_from_feedback(feedback, leaders)
        assert leaders is not None
        if pairs is not None:
            leaders = read_pairs(pairs, leaders)
        options = CircleOptions(
            sizes=SizeRule(target=size, minimum=min_size, maximum=max_size),
            max_per_department=max_per_department,
            seed=seed,
        )
        result = form_circles(leaders, options)
        print_findings(result.findings)
        report = ReportOptions(lang=language, title=title, consultant=consultant, date=report_date)
        written = write_circles(out, result, wanted, report, feedback=feedback)
        _summary(result, language)
        wrote = Translator(language)("circles_term_wrote", count=len(written), out=out)
        err_console.print(wrote, markup=False)
        return exit_code_for(f for f in result.findings if f.severity is Severity.ERROR)

    code = guarded(work)
    if code is not ExitCode.OK:
        raise typer.Exit(code)


def _summary(result: CirclesResult, lang: str) -> None:
    from lerende_scan.formatting import Formatter
    from lerende_scan.questionnaire import localise
    from lerende_scan.report.render import Translator

    t = Translator(lang)
    fmt = Formatter(lang)
    table = Table(
        title=t("circles_subtitle", circles=len(result.circles), leaders=result.quality.leaders),
        title_justify="left",
    )
    for key in ("circles_number", "circles_theme", "circles_size", "circles_mean_fit", "circles_departments"):
        table.add_column(t(key), justify="left" if key == "circles_theme" else "right")
    for c in result.circles:
        table.add_row(
            str(c.number),
            Text(inert(str(localise(c.theme.name, lang)), TERMINAL_NAME_LIMIT)),  # not Rich markup
            str(len(c.members)),
            fmt.num(c.mean_fit),
            str(len(c.departments)),
        )
    console.print(table)
    q = result.quality
    console.print(
        t(
            "circles_term_quality",
            fit=fmt.num(q.mean_fit),
            random_fit=fmt.num(q.baseline_mean_fit),
            top2=fmt.share(q.top2_share),
            random_top2=fmt.share(q.baseline_top2_share),
        ),
        markup=False,
    )
