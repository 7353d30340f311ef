"""Mutated questionnaires: the shipped YAML changed as a tree (then dumped) or as text, then re-encoded.

Tree changes: a node dropped, renamed, duplicated (factors, items, bands), retyped (None, numbers of 5,000
digits, NaN, deep nesting, hostile text) or swapped with another. Text changes: YAML tags (``!!int``,
``!!python/object``), odd scalars, alias bombs, merge keys, duplicated or dropped lines, tabs, two
documents, very long values and deep flow nesting.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import strategies as st
from tests.fuzz.base import (
    ENCODINGS,
    FAST_FORMATS,
    QUESTIONNAIRE_BYTES,
    Case,
    byte_mutation,
    encode,
    hostile_text,
)

Path_ = tuple[str | int, ...]
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when PyYAML has it: ten times faster
_PARSED: Any = yaml.load(QUESTIONNAIRE_BYTES, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    out: list[Path_] = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _nested(depth: int, kind: str) -> Any:
    node: Any = 1
    for _ in range(depth):
        node = [node] if kind == "list" else {"a": node}
    return node


yaml_values: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(
        [
            None,
            True,
            False,
            0,
            -1,
            1.5,
            float("nan"),
            float("inf"),
            "",
            [],
            {},
            [1, 2],
            {"a": 1},
            "nl",
            10**40,
            -(10**40),
            10**4000,
        ]
    ),
    hostile_text,
    st.builds(_nested, st.integers(2, 200), st.sampled_from(["list", "dict"])),
    st.lists(hostile_text, max_size=4),
)
"""Replacement values for a questionnaire node: wrong types, absurd sizes, deep nesting, hostile text."""


def _get(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def tree_mutation(draw: st.DrawFn, data: Any) -> tuple[Any, str]:
    """One change of the parsed questionnaire: a node dropped, renamed, duplicated, retyped or swapped."""
    paths = _paths(data)
    if not paths:
        return data, "nothing to mutate"
    path = draw(st.sampled_from(paths))
    parent, key = _get(data, path[:-1]), path[-1]
    kind = draw(st.sampled_from(["drop", "rename", "retype", "retype", "duplicate", "swap"]))
    where = "/".join(map(str, path))
    if kind == "drop":
        del parent[key]
        return data, f"drop {where}"
    if kind == "rename" and isinstance(parent, dict):
        new = draw(
            st.one_of(hostile_text, st.sampled_from([str(key).upper(), f"{key}s", str(key)[1:], 1, None]))
        )
        parent[new] = parent.pop(key)
        return data, f"rename {where} to {new!r:.40}"
    if kind == "duplicate" and isinstance(parent, list) and isinstance(key, int):
        parent.insert(key, parent[key])  # duplicate factors, items, bands, languages
        return data, f"duplicate {where}"
    if kind == "swap":
        other = draw(st.sampled_from(paths))
        if other[: len(path)] != path and path[: len(other)] != other:
            other_parent = _get(data, other[:-1])
            parent[key], other_parent[other[-1]] = other_parent[other[-1]], parent[key]
            return data, f"swap {where} and {'/'.join(map(str, other))}"
    value = draw(yaml_values)
    parent[key] = value
    return data, f"set {where} = {value!r:.40}"


TAGS = [
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!str",
    "!!seq",
    "!!map",
    "!!set",
    "!!omap",
    "!!binary",
    "!!timestamp",
    "!!python/object:os.system",
    "!!python/name:os.system",
    "!!python/object/apply:os.system",
    "!custom",
    "!<tag:yaml.org,2002:int>",
]
SCALARS = [
    "1" * 5000,
    "1:00" * 2000,
    "1e999",
    "-.inf",
    ".nan",
    "0x1F",
    "0o17",
    "1_000",
    "0b101",
    "~",
    "yes",
    "2024-13-45",
    "*undefined",
    "&anchor",
    "|",
    ">",
    "@reserved",
    "`tick",
    "%YAML 1.1",
    "'unclosed",
    '"unclosed',
    "[unclosed",
    "{unclosed",
    "- a",
    "a: b: c",
    "? complex",
    "<< : *x",
]


def _bomb(levels: int) -> str:
    lines = ["_l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"_l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


@st.composite
def text_mutation(draw: st.DrawFn, text: str) -> tuple[str, str]:
    """One change of the questionnaire's text: tags, scalars, anchors, duplicated or broken lines."""
    lines = text.split("\n")
    i = draw(st.integers(0, len(lines) - 1))
    kind = draw(
        st.sampled_from(
            [
                "tag",
                "scalar",
                "dup_line",
                "drop_line",
                "tab",
                "bomb",
                "alias_bomb_value",
                "merge",
                "documents",
                "deep",
                "long_value",
            ]
        )
    )
    if kind in {"tag", "scalar", "long_value"} and ": " in lines[i]:
        head, _, value = lines[i].partition(": ")
        if kind == "tag":
            new = f"{draw(st.sampled_from(TAGS))} {value}"
        elif kind == "scalar":
            new = draw(st.sampled_from(SCALARS))
        else:
            new = "x" * draw(st.integers(1000, 100_000))
        lines[i] = f"{head}: {new}"
        return "\n".join(lines), f"line {i + 1} value = {new[:40]!r} ({len(new)} chars)"
    if kind == "dup_line":
        lines.insert(i, lines[i])
        return "\n".join(lines), f"line {i + 1} duplicated"
    if kind == "drop_line":
        del lines[i]
        return "\n".join(lines), f"line {i + 1} dropped"
    if kind == "tab":
        lines[i] = lines[i].replace("  ", "\t", 1)
        return "\n".join(lines), f"line {i + 1} indented with a tab"
    if kind == "bomb":
        levels = draw(st.integers(2, 10))
        return _bomb(
            levels
        ) + text + f"\nx-bomb: *l{levels - 1}\n", f"alias bomb of {levels} levels (unknown key)"
    if kind == "alias_bomb_value":
        levels = draw(st.integers(2, 10))
        body = text.replace("  missing: [", f"  missing: *l{levels - 1}\n  x-missing: [", 1)
        return _bomb(levels) + body, f"alias bomb of {levels} levels as scale.missing"
    if kind == "merge":
        body = text.replace("anonymity:\n", "anonymity:\n  <<: *m\n", 1)
        return "_m: &m {min_group_size: 1, extra: [1, 2]}\n" + body, "merge key in anonymity"
    if kind == "documents":
        return text + "\n---\n" + text, "two documents"
    depth = draw(st.integers(10, 5000))
    lines[i] = lines[i] + " " + "[" * depth + "]" * depth if ": " in lines[i] else lines[i]
    return "\n".join(lines), f"line {i + 1} nested {depth} deep"


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10**6)


@st.composite
def questionnaire_cases(draw: st.DrawFn, formats: st.SearchStrategy[str] = FAST_FORMATS) -> Case:
    """The shipped questionnaire, changed as a tree (then dumped) or as text, then perhaps hit as bytes."""
    steps: list[str] = []
    if draw(st.booleans()):
        data = copy.deepcopy(_PARSED)
        for _ in range(draw(st.integers(1, 3))):
            data, step = draw(tree_mutation(data))
            steps.append(step)
        try:
            text = _dump(data)
        except (
            yaml.YAMLError,
            ValueError,
            RecursionError,
        ) as exc:  # a value PyYAML cannot write: keep the text
            text, steps = (
                QUESTIONNAIRE_BYTES.decode(),
                [*steps, f"not dumpable ({type(exc).__name__}), unmutated"],
            )
    else:
        text = QUESTIONNAIRE_BYTES.decode()
        for _ in range(draw(st.integers(1, 2))):
            text, step = draw(text_mutation(text))
            steps.append(step)
    encoding = draw(st.sampled_from(ENCODINGS[:1] * 8 + ENCODINGS))
    data_bytes = encode(text, encoding)
    if encoding != "utf-8":
        steps.append(f"encoded {encoding}")
    for _ in range(draw(st.integers(0, 1))):
        data_bytes, step = draw(byte_mutation(data_bytes))
        steps.append(step)
    return Case(questionnaire=data_bytes, formats=draw(formats), steps=tuple(steps))
