"""What ``scan score`` and ``scan benchmark`` print when they are done: short tables in the report language.

Texts come from strings.yaml (``cli_*`` keys); numbers are written the language's way. Every string that
came from the user (company, factor, band and benchmark names, the ``--out`` path) is printed without rich
markup, so ``[bold]`` in a name is shown as written and cannot restyle the terminal, and with its control
characters escaped (:func:`~lerende_scan.errors.inert`), so a company named ``Zorg\x1b[2J`` cannot clear it.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from lerende_scan.errors import inert
from lerende_scan.formatting import Formatter
from lerende_scan.pipeline import BenchmarkRun, ScoreRun
from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult
from lerende_scan.texts import Translator

TERMINAL_NAME_LIMIT = 80
"""Characters of a factor, company or theme name in the terminal's summary; the reports hold them whole."""

__all__ = ["TERMINAL_NAME_LIMIT", "print_benchmark", "print_score"]

SHOWN_COMPANIES = 10
"""Companies summarised on the terminal; the rest are counted (every company has its own folder)."""
TOP = 3


def print_score(run: ScoreRun, out: Path, console: Console, err_console: Console) -> None:
    """Each company's factor table and top opportunities, then where the files went."""
    t = Translator(run.lang)
    for result in run.results[:SHOWN_COMPANIES]:
        _company(result, run.questionnaire, run.lang, t, console)
    hidden = len(run.results) - SHOWN_COMPANIES
    if hidden > 0:
        console.print(t("cli_more_companies", count=hidden), markup=False)
    key = "cli_wrote_company" if len(run.results) == 1 else "cli_wrote_companies"
    err_console.print(t(key, count=len(run.results), out=inert(str(out), None)), markup=False)


def print_benchmark(run: BenchmarkRun, out: Path, console: Console, err_console: Console) -> None:
    """The sector's size, its factors ranked with the share in the lowest band, and the files written."""
    q, lang = run.questionnaire, run.lang
    t, fmt = Translator(lang), Formatter(lang)
    bench, p = run.benchmark, run.benchmark.provenance
    names = {f.id: inert(str(localise(f.name, lang)), TERMINAL_NAME_LIMIT) for f in q.factors}
    lowest = q.scoring.bands[0] if q.scoring.bands else None
    say = console.print
    say(
        t(
            "cli_sector_line",
            name=inert(p.name, TERMINAL_NAME_LIMIT),
            companies=p.companies,
            respondents=fmt.count(p.respondents),
            excluded=len(bench.excluded),
        ),
        markup=False,
    )
    for rank, dist in enumerate(bench.factors, 1):
        share = ""
        if lowest is not None:
            label = inert(str(localise(lowest.label, lang)).lower(), TERMINAL_NAME_LIMIT)
            share = f" ({fmt.share(dist.bands.get(q.band_id(lowest), 0.0))} {label})"
        say(
            t("cli_sector_factor", rank=rank, factor=names[dist.id], mean=fmt.num(dist.mean), share=share),
            markup=False,
        )
    shown = inert(str(out), None)  # a path is printed whole, as in a finding's location
    files = [f"{shown}/{inert(path.name, None)}" for path in run.written]
    listed = ", ".join(files[:-1]) + f" {t('cli_and')} {files[-1]}" if len(files) > 1 else files[0]
    err_console.print(t("cli_wrote_sector", files=listed, count=len(run.results), out=shown), markup=False)


def _company(result: CompanyResult, q: Questionnaire, lang: str, t: Translator, console: Console) -> None:
    names = {f.id: inert(str(localise(f.name, lang)), TERMINAL_NAME_LIMIT) for f in q.factors}
    bands = {q.band_id(b): inert(str(localise(b.label, lang)), TERMINAL_NAME_LIMIT) for b in q.scoring.bands}
    fmt = Formatter(lang)
    valid = t(
        "cli_valid",
        valid=fmt.count(result.respondents.valid),
        received=fmt.count(result.respondents.received),
    )
    table = Table(title=Text(f"{inert(result.company, TERMINAL_NAME_LIMIT)}: {valid}"), title_justify="left")
    headers = (t("cli_col_factor"), "n", t("cli_col_mean"), t("cli_col_ci"), "α", t("cli_col_band"))
    for i, header in enumerate(headers):
        table.add_column(header, justify="left" if i in (0, 5) else "right")
    # Every factor, weakest first: the opportunities lead, the strengths close the table.
    ranked = [*result.opportunities, *(f.id for f in result.factors if f.id not in result.opportunities)]
    for fid in ranked:
        f = result.factor(fid)
        table.add_row(
            Text(names[fid]),
            str(f.n),
            fmt.num(f.mean),
            fmt.interval(f.ci_low, f.ci_high),
            fmt.coef(f.alpha),
            Text(bands.get(f.band or "", "–")),
        )
    ix = result.index
    table.add_row(
        t("cli_index"), str(ix.n), fmt.num(ix.mean), "", "", Text(bands.get(ix.band or "", "–")), style="bold"
    )
    say = console.print
    say(table)
    top = [names[fid] for fid in result.opportunities[:TOP]]
    if top:
        listed = ", ".join(f"{i}. {n}" for i, n in enumerate(top, 1))
        say(f"{t('cli_opportunities')}: {listed}", markup=False)
