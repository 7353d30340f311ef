"""The questionnaire: its model (the YAML contract) and everything that loads, checks and describes it.

Parts: :mod:`.model` (pydantic models, text helpers, alpha cut-offs), :mod:`.yaml` (safe parsing to nodes
with marks), :mod:`.rules` (semantic checks), :mod:`.messages` (pydantic errors as located findings),
:mod:`.locate` (data path -> file:line:col), :mod:`.load` (files in, model or findings out),
:mod:`.schema` (the JSON Schema for editors) and :mod:`.diff` (two versions compared, trend by trend).
Importing this package stays light (no pandas, numpy or matplotlib), so ``scan validate`` and
``scan diff`` start fast.
"""

from lerende_scan.questionnaire.load import (
    ValidationReport,
    load_questionnaire,
    validate_paths,
    validate_text,
)
from lerende_scan.questionnaire.model import (
    ALPHA_ACCEPTABLE,
    ALPHA_WEAK,
    Anonymity,
    Band,
    Drivers,
    Factor,
    Item,
    Leaders,
    Questionnaire,
    Scale,
    Scoring,
    Text,
    TextList,
    localise,
    slugify,
)
from lerende_scan.questionnaire.schema import SCHEMA_FILE, json_schema, json_schema_text

__all__ = [
    "ALPHA_ACCEPTABLE",
    "ALPHA_WEAK",
    "SCHEMA_FILE",
    "Anonymity",
    "Band",
    "Drivers",
    "Factor",
    "Item",
    "Leaders",
    "Questionnaire",
    "Scale",
    "Scoring",
    "Text",
    "TextList",
    "ValidationReport",
    "json_schema",
    "json_schema_text",
    "load_questionnaire",
    "localise",
    "slugify",
    "validate_paths",
    "validate_text",
]
