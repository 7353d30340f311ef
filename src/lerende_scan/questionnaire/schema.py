"""The questionnaire format's JSON Schema, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import json
from typing import Any

from lerende_scan.questionnaire.model import Questionnaire

__all__ = ["SCHEMA_FILE", "json_schema", "json_schema_text"]

SCHEMA_FILE = "questionnaire.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the questionnaire format, for editors (yaml-language-server) and other tools.

    Declared as draft-07: yaml-language-server (VS Code, Neovim, ...) validates draft-07 and warns about
    2020-12. pydantic's output uses only keywords that mean the same in both drafts, and its ``$ref``s
    have no siblings, so the declaration is accurate. No ``$id``: the schema is referenced by path.
    """
    schema = Questionnaire.model_json_schema()
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "lerende-scan questionnaire",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def json_schema_text() -> str:
    """The schema as shipped in ``questionnaires/questionnaire.schema.json`` (without the final newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False)
