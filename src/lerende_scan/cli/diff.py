"""``scan diff``: what changed between two questionnaire versions, and which factors lose their trend."""

from __future__ import annotations

import json
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from lerende_scan.cli._app import app, err_console, guarded, print_findings
from lerende_scan.errors import ExitCode, ScanError, inert
from lerende_scan.questionnaire import Questionnaire, load_questionnaire
from lerende_scan.questionnaire.diff import Change, FactorDiff, QuestionnaireDiff, StatementDiff, diff


class DiffFormat(StrEnum):
    text = "text"
    json = "json"


_FILE = typer.Argument(exists=True, dir_okay=False, readable=True, show_default=False)


@app.command(
    name="diff",
    epilog=(
        "Examples:\n\n"
        "  scan diff questionnaires/v1.yaml questionnaires/v2.yaml\n\n"
        "  git show main:questionnaires/scan.yaml > /tmp/old.yaml && scan diff /tmp/old.yaml"
        " questionnaires/scan.yaml\n\n"
        "  scan diff old.yaml new.yaml --format json > diff.json\n\n"
        "Exit codes: 0 no factor loses its trend (nothing changed, or only additions), 1 a factor loses its"
        " trend (or a file is not a valid questionnaire), 2 usage."
    ),
)
def diff_command(
    old: Annotated[Path, _FILE],
    new: Annotated[Path, _FILE],
    output: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text: one line per change; json: a document for CI tools."),
    ] = DiffFormat.text,
) -> None:
    """List what changed between two questionnaire versions, statement by statement, and which factors
    keep their trend (same statements, same wording, keying and scale)."""
    versions = [guarded(partial(_load, path)) for path in (old, new)]
    findings = [f for version in versions if isinstance(version, ScanError) for f in version.findings]
    if findings:  # every one, as scan validate lists them: diff writes no findings file to count them in
        print_findings(findings, summarise=False)
        raise typer.Exit(ExitCode.FINDINGS)
    first, second = (v for v in versions if isinstance(v, Questionnaire))
    result = guarded(lambda: diff(first, second))
    if output is DiffFormat.json:
        typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        for line in describe(result, old, new):
            typer.echo(line)
    err_console.print(_summary(result), markup=False, highlight=False)
    raise typer.Exit(ExitCode.FINDINGS if result.breaks_trend else ExitCode.OK)


def _load(path: Path) -> Questionnaire | ScanError:
    """The questionnaire, or the error that says why it is none (so both versions' findings are shown)."""
    try:
        return load_questionnaire(path)
    except ScanError as exc:
        return exc


def describe(result: QuestionnaireDiff, old: Path, new: Path) -> list[str]:
    """The text report: the versions, the scale, each changed statement, then each factor."""
    before, after = (f"{inert(str(path), None)} ({inert(q_id)} {inert(version)})"
                     for path, (q_id, version) in ((old, result.old), (new, result.new)))  # fmt: skip
    lines = [f"{before} -> {after}"]
    if result.old[0] != result.new[0]:
        lines.append(
            f"note: the questionnaire id changed ({result.old[0]} -> {result.new[0]}); scan score --previous"
            " compares waves of one id only"
        )
    scale = result.scale
    if scale.changed:
        lines.append(f"scale: changed ({'; '.join(scale.what)}); no statement can be compared")
    if scale.split is not None:
        (lo0, hi0), (lo1, hi1) = scale.split
        lines.append(
            f"scale: favourable split {lo0}/{hi0} -> {lo1}/{hi1} (unfavourable_to/favourable_from);"
            " means stay comparable, % favourable does not"
        )
    lines += [f"statement {_statement(s)}" for s in result.statements]
    lines += [f"factor {_factor(f, result.id_changed)}" for f in result.factors]
    return lines


def _statement(s: StatementDiff) -> str:
    where = s.new_factor or s.old_factor
    parts: list[str] = []
    for change in s.changes:
        if change is Change.REWORDED:
            langs = [lang for lang in s.languages if lang != "*"]
            parts.append(f"reworded ({', '.join(langs)})" if langs else "reworded")
        elif change is Change.MOVED:
            parts.append(f"moved from factor '{s.old_factor}'")
        else:
            parts.append(str(change))
    return f"'{s.item}' (factor '{where}'): {', '.join(parts)}"


def _factor(f: FactorDiff, id_changed: bool = False) -> str:
    if f.status == "new":
        return f"'{f.factor}': new, no trend yet"
    if f.status == "removed":
        return f"'{f.factor}': removed, its trend ends"
    if f.keeps_trend and id_changed:
        return f"'{f.factor}': the same statements, but loses its trend with the id"
    if f.keeps_trend:
        return f"'{f.factor}': keeps its trend"
    why = [
        f"{label}: {', '.join(ids)}"
        for label, ids in (("new", f.added), ("removed", f.removed), ("changed", f.changed))
        if ids
    ]
    return f"'{f.factor}': loses its trend ({'; '.join(why)})"


def _summary(result: QuestionnaireDiff) -> str:
    broken = [f for f in result.factors if f.status in ("broken", "removed")]
    compared = [f for f in result.factors if f.in_old]
    if not result.changed:
        return "no changes; every factor keeps its trend"
    if result.id_changed:
        verdict = "no wave can be compared: scan score --previous needs the same questionnaire id"
    elif broken:
        verdict = f"{len(broken)} of {len(compared)} factor(s) lose their trend"
    else:
        verdict = "every trend kept"
    if result.scale.changed:
        return f"the scale changed, so no statement can be compared; {verdict}"
    return f"{len(result.statements)} statement(s) changed, {result.unchanged} unchanged; {verdict}"
