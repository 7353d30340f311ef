"""Where shipped files live: in a wheel they are package data, in a source checkout they are top-level.

The wheel maps ``questionnaires/`` to ``lerende_scan/questionnaires`` and ``reports/templates/`` to
``lerende_scan/templates`` (see pyproject.toml). An editable install does not copy them, so fall back to
the repository layout next to ``src/``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULT_QUESTIONNAIRE", "questionnaires_dir", "templates_dir"]

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent


def _locate(packaged: str, in_repo: str) -> Path:
    candidate = _PACKAGE / packaged
    return candidate if candidate.is_dir() else _REPO / in_repo


def questionnaires_dir() -> Path:
    return _locate("questionnaires", "questionnaires")


def templates_dir() -> Path:
    return _locate("templates", "reports/templates")


DEFAULT_QUESTIONNAIRE = "lerende-organisatie.yaml"
