"""The JSON Schema: `scan schema` output, the shipped copy, and its use by editors and jsonschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.questionnaire import SCHEMA_FILE, json_schema
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "questionnaires" / SCHEMA_FILE
DATA = REPO / "tests" / "data" / "questionnaires"


def as_editor_sees_it(path: Path) -> Any:
    """YAML data as yaml-language-server validates it: JSON, so the int label keys become strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_scan_schema_prints_the_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_shipped_schema_is_up_to_date() -> None:
    printed = CliRunner().invoke(app, ["schema"]).stdout
    assert SHIPPED.read_text(encoding="utf-8") == printed, (
        f"{SHIPPED} is stale; regenerate it with: scan schema > questionnaires/{SCHEMA_FILE}"
    )


def test_schema_names_draft_07_and_uses_only_draft_07_keywords() -> None:
    schema = json_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"  # what yaml-language-server reads
    assert schema["title"] == "lerende-scan questionnaire"
    assert set(schema["required"]) >= {"id", "version", "title", "scale", "factors"}
    used: set[str] = set()
    keywords(schema, used)
    assert used <= DRAFT_07_KEYWORDS, used - DRAFT_07_KEYWORDS


# Keywords with the same meaning in draft-07 and 2020-12 (plus $defs, which $ref reaches by JSON pointer).
DRAFT_07_KEYWORDS = {
    "$schema", "$ref", "$defs", "title", "description", "default", "type", "properties", "required",
    "additionalProperties", "patternProperties", "items", "minItems", "anyOf", "pattern", "minimum",
    "maximum", "exclusiveMinimum",
}  # fmt: skip
_NAMED = ("properties", "$defs", "patternProperties")  # their keys are names, not keywords


def keywords(node: Any, used: set[str]) -> None:
    """Collect the keywords a schema uses; a ``$ref`` with siblings would be read differently in draft-07."""
    if isinstance(node, list):
        for child in node:
            keywords(child, used)
    elif isinstance(node, dict):
        assert "$ref" not in node or len(node) == 1, node
        for key, value in node.items():
            used.add(key)
            for child in value.values() if key in _NAMED else [value]:
                keywords(child, used)


def test_scale_labels_accept_integer_keys_as_strings() -> None:
    labels = json_schema()["$defs"]["Scale"]["properties"]["labels"]
    assert labels["type"] == "object"
    assert list(labels["patternProperties"]) == ["^-?[0-9]+$"]
    assert labels["additionalProperties"] is False


def test_valid_fixture_validates_against_the_shipped_schema(
    validator: jsonschema.Draft7Validator,
) -> None:
    assert [e.message for e in validator.iter_errors(as_editor_sees_it(DATA / "valid.yaml"))] == []


def test_shipped_questionnaire_validates_against_the_shipped_schema(
    validator: jsonschema.Draft7Validator,
) -> None:
    data = as_editor_sees_it(questionnaires_dir() / DEFAULT_QUESTIONNAIRE)
    assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("version",), 1.0),  # unquoted version
        (("scale", "labels", "vijf"), "x"),  # a label key that is no answer value
        (("factors", 0, "items", 0, "reverse"), "misschien"),
        (("factors", 0, "items", 0, "revers"), True),  # unknown key
        (("scoring", "min_answered"), 1.5),
        (("factors", 1, "items"), []),
    ],
)
def test_schema_flags_what_editors_should_underline(
    validator: jsonschema.Draft7Validator, path: tuple[Any, ...], value: Any
) -> None:
    data = as_editor_sees_it(DATA / "valid.yaml")
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(validator.iter_errors(data)) != []
