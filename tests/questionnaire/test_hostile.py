"""Hostile YAML: values the safe constructor cannot build and absurd nesting are located findings.

Each case once crashed the loader (ValueError, RecursionError, or a segfault inside libyaml's composer);
now it is a Q-code at the offending value, from the core and from ``scan validate`` / ``scan score -q``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from lerende_scan.cli import app
from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire import load_questionnaire

if TYPE_CHECKING:
    from tests.questionnaire.conftest import YamlCase

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# (name, snippet of the valid fixture, its replacement, the text the finding points at)
VALUES = [
    ("explicit int tag on text", "min_group_size: 5", "min_group_size: !!int abc", "!!int"),
    ("integer of 5,000 digits", "  max: 5\n", "  max: " + "1" * 5000 + "\n", "1111"),
    ("sexagesimal integer too large", "  max: 5\n", "  max: 1" + ":00" * 5000 + "\n", "1:00"),
    ("explicit float tag on text", "min_answered: 0.5", "min_answered: !!float half", "!!float"),
    ("explicit bool tag on text", "reverse: false", "reverse: !!bool maybe", "!!bool"),
    ("impossible date", 'version: "0.1"', "version: 2024-13-45", "2024-13-45"),
    ("explicit timestamp tag on text", 'version: "0.1"', "version: !!timestamp soon", "!!timestamp"),
    ("map tag on a scalar", "min_group_size: 5", "min_group_size: !!map 5", "!!map"),
    ("str tag on a mapping", "anonymity: {min", "anonymity: !!str {min", "!!str"),
    ("seq tag on a mapping", "anonymity: {min", "anonymity: !!seq {min", "!!seq"),
]


@pytest.mark.parametrize(("old", "new", "at"), [v[1:] for v in VALUES], ids=[v[0] for v in VALUES])
def test_value_the_constructor_cannot_build_is_a_located_finding(
    case: YamlCase, old: str, new: str, at: str
) -> None:
    text = case.edit(old, new)
    findings = case.check(text)
    f = case.only(findings, Code.YAML_VALUE)
    assert (f.line, f.col) == (case.line_of(text, at), case.col_of(text, at))
    # The hole it leaves is not reported a second time (missing key, wrong type).
    assert [x.code for x in findings] == [Code.YAML_VALUE]
    assert len(str(f)) < 300 and "\n" not in str(f)


def test_every_bad_value_in_a_file_is_reported(case: YamlCase) -> None:
    text = case.edit("min_group_size: 5", "min_group_size: !!int abc")
    text = case.edit("reverse: false", "reverse: !!bool maybe", text)
    findings = case.check(text)
    assert [f.code for f in findings] == [Code.YAML_VALUE, Code.YAML_VALUE]


def test_huge_integer_as_a_mapping_key_is_a_finding(case: YamlCase) -> None:
    text = case.edit("    5: {nl: Helemaal", "    ? " + "5" * 5000 + "\n    : {nl: Helemaal")
    f = case.only(case.check(text), Code.YAML_VALUE)
    assert (f.line, f.col) == (case.line_of(text, "? 555"), 7)


def test_malformed_merge_key_is_a_syntax_finding(case: YamlCase) -> None:
    text = case.edit("anonymity: {min_group_size: 5}", "anonymity: {<<: 5, min_group_size: 5}")
    f = case.only(case.check(text), Code.YAML_SYNTAX)
    assert f.line == case.line_of(text, "anonymity")


@pytest.mark.parametrize("depth", [65, 5000, 100_000])
def test_deep_brackets_are_refused_at_the_bracket_that_goes_too_deep(case: YamlCase, depth: int) -> None:
    """100,000 brackets made libyaml's (recursive) composer crash the whole process."""
    text = case.edit("groups: [department, role]", "groups: " + "[" * depth + "]" * depth)
    f = case.only(case.check(text), Code.YAML_SYNTAX)
    line = case.line_of(text, "groups:")
    assert (f.line, f.col) == (line, len("groups: ") + 63 + 1)  # the root mapping is level 1


def test_deep_block_nesting_is_refused_too(case: YamlCase) -> None:
    text = case.edit("groups: [department, role]", "groups:\n" + "- " * 3000 + "x")
    assert Code.YAML_SYNTAX in [f.code for f in case.check(text)]


def test_nesting_a_questionnaire_needs_is_accepted(case: YamlCase) -> None:
    """Twenty levels inside a free value reach pydantic, which reports the wrong type, not a crash."""
    text = case.edit("missing: [Weet niet, n.v.t.]", "missing: " + "[" * 20 + "]" * 20)
    assert [f.code for f in case.check(text)] == [Code.WRONG_TYPE]


def test_aliases_inside_aliases_cannot_nest_without_bound(case: YamlCase) -> None:
    rows = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 3000)]
    f = case.only(case.check("\n".join(rows) + "\n"), Code.YAML_SYNTAX)
    assert f.line == 64  # a63: the root mapping, a63's list and a62's 63 levels


def _write(tmp_path: Path, case: YamlCase, old: str, new: str) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(case.edit(old, new), encoding="utf-8")
    return path


HOSTILE = [VALUES[0][1:3], VALUES[1][1:3], ("groups: [department, role]", "groups: " + "[" * 100_000)]


@pytest.mark.parametrize(("old", "new"), HOSTILE, ids=["int-tag", "5000-digits", "deep"])
def test_scan_validate_reports_hostile_values_without_a_traceback(
    case: YamlCase, tmp_path: Path, old: str, new: str
) -> None:
    path = _write(tmp_path, case, old, new)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    assert f"{path}:" in result.output and "error[Q00" in result.output


@pytest.mark.parametrize(("old", "new"), HOSTILE, ids=["int-tag", "5000-digits", "deep"])
def test_scan_score_refuses_a_hostile_questionnaire_with_findings(
    case: YamlCase, tmp_path: Path, old: str, new: str
) -> None:
    path = _write(tmp_path, case, old, new)
    with pytest.raises(ScanError):
        load_questionnaire(path)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["score", str(EXAMPLES / "responses.csv"), "-q", str(path), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "error[Q00" in result.output and "internal error" not in result.output
