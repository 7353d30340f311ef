"""``scan validate`` and ``scan schema``: lint questionnaire files, and print the format's JSON Schema."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lerende_scan.cli._app import app, err_console, print_findings
from lerende_scan.errors import Finding, Severity, exit_code_for, inert
from lerende_scan.questionnaire import ValidationReport, json_schema_text, validate_paths


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  scan validate questionnaires/\n\n"
        "  scan validate mijn-scan.yaml --strict\n\n"
        "  scan validate questionnaires/ --format json > findings.json\n\n"
        "Exit codes: 0 valid, 1 problems found (warnings only with --strict), 2 usage."
    )
)
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            readable=True,
            show_default=False,
            help="Questionnaire files, or folders to search for *.yaml / *.yml (hidden folders skipped).",
        ),
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too (exit 1).")] = False,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: one line per problem; json: a document for CI tools; github: workflow annotations.",
        ),
    ] = OutputFormat.text,
) -> None:
    """Check questionnaire files and report every problem as file:line:col."""
    report = validate_paths(paths)
    if output is OutputFormat.json:
        typer.echo(json.dumps(_as_json(report), indent=2, ensure_ascii=False))
    elif output is OutputFormat.github:
        for finding in report.findings:
            typer.echo(_github(finding))
    else:
        print_findings(report.findings)
    err_console.print(_summary(report, strict=strict), markup=False, highlight=False)
    raise typer.Exit(exit_code_for(report.findings, strict=strict))


@app.command(
    epilog=(
        "Examples:\n\n"
        "  scan schema > questionnaires/questionnaire.schema.json\n\n"
        "Then put this first line in a questionnaire for completion in editors (yaml-language-server):\n\n"
        "  # yaml-language-server: $schema=./questionnaire.schema.json"
    )
)
def schema() -> None:
    """Print the JSON Schema of the questionnaire format (generated from the models)."""
    typer.echo(json_schema_text())


def _as_json(report: ValidationReport) -> dict[str, object]:
    return {
        "files": [str(f) for f in report.files],
        "findings": [f.as_dict() for f in report.findings],
        "errors": report.errors,
        "warnings": report.warnings,
    }


def _github(finding: Finding) -> str:
    """A GitHub Actions workflow command, so the problem shows up on the pull request's diff.

    User text is made inert as on the terminal (a file name with ESC or BEL must not reach the log raw),
    then escaped the way GitHub documents for workflow commands.
    """
    level = "error" if finding.severity is Severity.ERROR else "warning"
    props = [f"file={_escape_property(inert(finding.file, None))}"] if finding.file else []
    if finding.line is not None:
        props += [f"line={finding.line}", f"col={finding.col or 1}"]
    title = f"{finding.code.id} {finding.code.name}"
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(inert(finding.message, None))}"


def _escape_data(text: str) -> str:
    """GitHub's escapes for a command's message (``%`` first, so the others are not escaped twice)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value also ends at ``,`` and its name at ``:``."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _summary(report: ValidationReport, *, strict: bool) -> str:
    verdict = "valid" if exit_code_for(report.findings, strict=strict) == 0 else "not valid"
    counts = (
        _plural(len(report.files), "file"),
        _plural(report.errors, "error"),
        _plural(report.warnings, "warning"),
    )
    return f"{counts[0]} checked: {counts[1]}, {counts[2]}; {verdict}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
