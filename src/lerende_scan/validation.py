"""Temporary shim: questionnaire validation moved to :mod:`lerende_scan.questionnaire` (issue 9).

Re-exports the names other modules still import from here; the lead removes it once they import from
:mod:`lerende_scan.questionnaire`.
"""

from lerende_scan.questionnaire import (
    SCHEMA_FILE,
    ValidationReport,
    json_schema,
    json_schema_text,
    load_questionnaire,
    validate_paths,
    validate_text,
)

__all__ = [
    "SCHEMA_FILE",
    "ValidationReport",
    "json_schema",
    "json_schema_text",
    "load_questionnaire",
    "validate_paths",
    "validate_text",
]
