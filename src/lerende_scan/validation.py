"""Questionnaire validation with YAML line numbers. (Minimal stand-in; full checks to follow.)"""

from __future__ import annotations

from pathlib import Path

import yaml

from lerende_scan.errors import Code, Finding, ScanError
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir

__all__ = ["load_questionnaire", "validate_text"]


def validate_text(text: str, file: str) -> tuple[Questionnaire | None, list[Finding]]:
    """Parse and check one questionnaire; returns the model (None when invalid) and all findings."""
    data = yaml.safe_load(text)
    return Questionnaire.model_validate(data), []


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """Load a questionnaire (the shipped default when ``path`` is None); raise ScanError when invalid."""
    path = path or questionnaires_dir() / DEFAULT_QUESTIONNAIRE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScanError.of(Code.FILE_UNREADABLE, file=path, reason=exc.strerror or str(exc)) from None
    model, findings = validate_text(text, str(path))
    if model is None:
        raise ScanError([f for f in findings if f.severity.value == "error"])
    return model
