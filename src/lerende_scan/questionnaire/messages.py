"""pydantic's errors as catalogue findings: one located, readable message per problem, not one per branch.

pydantic reports a ``loc`` and an error type; this module follows the ``loc`` through the data to a YAML
node, folds a union's per-branch errors into one "expected ..." message, suggests near-miss keys, and
stays quiet where a semantic rule already reported the same spot.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from yaml.nodes import Node, ScalarNode

from lerende_scan.errors import Code, did_you_mean
from lerende_scan.questionnaire.locate import Located, get, has, under
from lerende_scan.questionnaire.model import Questionnaire
from lerende_scan.questionnaire.yaml import TAG, PathT, show

__all__ = ["add_pydantic_errors"]

_UNION_EXPECTED = {
    frozenset(
        {"str", "dict[str,str]"}
    ): "expected a text: a string, or one per language such as {nl: ..., en: ...}",
    frozenset({"list[str]", "dict[str,list[str]]"}): (
        "expected a list of texts, or one list per language such as {nl: [...], en: [...]}"
    ),
    frozenset({"int", "float"}): "expected a number such as 2.5",
}


def add_pydantic_errors(found: Located, exc: ValidationError) -> None:
    """Add one finding per problem pydantic found, except under paths a semantic rule handled."""
    groups: dict[PathT, list[tuple[PathT, str | None, bool, dict[str, Any]]]] = {}
    plain: list[tuple[PathT, bool, dict[str, Any]]] = []
    for err in exc.errors():
        path, union_at, tag, key_error = _data_path(found.data, err["loc"], missing=err["type"] == "missing")
        if union_at is not None:
            groups.setdefault(union_at, []).append((path, tag, key_error, dict(err)))
        else:
            plain.append((path, key_error, dict(err)))
    for base, members in groups.items():
        value = get(found.data, base)
        kind = "dict" if isinstance(value, dict) else "list" if isinstance(value, list) else None
        chosen = [m for m in members if kind and m[1] and m[1].startswith(kind) and m[0] != base]
        if chosen:
            plain.extend((m_path, m_key_error, m_err) for m_path, _, m_key_error, m_err in chosen)
            continue
        tags = frozenset(m[1] for m in members if m[1])
        expected = _UNION_EXPECTED.get(tags, "expected " + " or ".join(sorted(tags)))
        if tags == frozenset({"int", "float"}) and isinstance(value, bool):
            expected = "expected a number such as 2.5, not true/false"
        plain.append((base, False, {"type": "union", "expected": expected}))
    for p_path, p_key_error, p_err in plain:
        if not under(p_path, found.handled_paths):
            _translate(found, p_path, p_key_error, p_err)


def _data_path(
    data: Any, loc: tuple[int | str, ...], *, missing: bool
) -> tuple[PathT, PathT | None, str | None, bool]:
    """Follow pydantic's loc through the data: (path, where a union branched, its tag, key error)."""
    cur: Any = data
    path: PathT = ()
    union_at: PathT | None = None
    tag: str | None = None
    key_error = False
    for i, comp in enumerate(loc):
        if comp == "[key]":
            key_error = True
        elif has(cur, comp):
            path, cur = (*path, comp), get(cur, (comp,))
        elif missing and i == len(loc) - 1 and isinstance(cur, dict):
            path = (*path, comp)  # a missing key
        elif union_at is None and isinstance(comp, str):
            union_at, tag = path, comp
        # deeper union tags (a union inside a union branch) carry no data position
    return path, union_at, tag, key_error


def _translate(found: Located, path: PathT, key_error: bool, err: dict[str, Any]) -> None:
    kind = err["type"]
    if kind == "extra_forbidden":
        known = _known_keys(path)
        key = str(path[-1])
        hint = did_you_mean(key, known) if known else None
        suggestion = (
            f"; did you mean '{hint}'?" if hint else f"; known keys: {', '.join(known)}" if known else ""
        )
        found.add(Code.UNKNOWN_KEY, path, "key", where=found.where(path), key=key, suggestion=suggestion)
    elif kind == "missing":
        found.add(Code.MISSING_KEY, path, "parent", where=found.where(path), key=str(path[-1]))
    elif key_error:
        node = found.node(path, "key")
        found.add(
            Code.WRONG_TYPE,
            path,
            "key",
            where=found.where(path),
            what="the key",
            value=show(node),
            expected="expected a whole number (an answer value on the scale) as the key",
        )
    else:
        node = found.node(path, "value")
        found.add(
            Code.WRONG_TYPE,
            path,
            "value",
            where=found.where(path),
            what=found.what(path),
            value=show(node),
            expected=_expected(err, node, path),
        )


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated so a model class (or list[...] of one) shows through."""
    while True:
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            models = [a for a in args if _unwrap_model(a) is not None]
            if len(models) != 1:
                return tp
            tp = models[0]
        elif origin is not None and hasattr(tp, "__metadata__"):
            tp = get_args(tp)[0]
        else:
            return tp


def _unwrap_model(tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if get_origin(tp) is list and get_args(tp):
        inner = get_args(tp)[0]
        return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
    return None


def _known_keys(path: PathT) -> list[str]:
    """The keys allowed at the mapping that holds ``path[-1]``."""
    tp: Any = Questionnaire
    for comp in path[:-1]:
        tp = _unwrap(tp)
        if isinstance(comp, int) and get_origin(tp) is list:
            tp = get_args(tp)[0]
        elif (
            isinstance(comp, str)
            and isinstance(tp, type)
            and issubclass(tp, BaseModel)
            and comp in tp.model_fields
        ):
            tp = tp.model_fields[comp].annotation
        else:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _expected(err: dict[str, Any], node: Node | None, path: PathT) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "union":
        return str(err["expected"])
    if kind == "string_type":
        if isinstance(node, ScalarNode) and node.tag != TAG + "null":
            return f'expected text; quote it: "{node.value}"'
        return "expected text"
    if kind == "string_pattern_mismatch":
        if path and path[0] == "languages":
            return "expected a language code such as 'nl' or 'en'"
        if len(path) == 5 and path[2] == "items" and path[4] == "id":
            return "expected an id of letters, digits, '-' and '_' (not first), such as 'fb1' or 'Q1_3'"
        return "expected an id of lowercase letters, digits, '-' and '_', such as 'feedback'"
    messages: dict[str, Callable[[], str]] = {
        "bool_type": lambda: "expected true or false",
        "bool_parsing": lambda: "expected true or false",
        "int_type": lambda: "expected a whole number such as 5",
        "int_parsing": lambda: "expected a whole number such as 5",
        "int_from_float": lambda: "expected a whole number such as 5",
        "float_type": lambda: "expected a number such as 2.5",
        "float_parsing": lambda: "expected a number such as 2.5",
        "list_type": lambda: "expected a list: [a, b] or lines starting with '- '",
        "dict_type": lambda: "expected a mapping: indented 'key: value' lines",
        "model_type": lambda: "expected a mapping: indented 'key: value' lines",
        "model_attributes_type": lambda: "expected a mapping: indented 'key: value' lines",
        "too_short": lambda: f"expected at least {ctx.get('min_length', 1)} entry or entries",
        "greater_than_equal": lambda: f"expected at least {ctx.get('ge')}",
        "greater_than": lambda: f"expected more than {ctx.get('gt')}",
        "less_than_equal": lambda: f"expected at most {ctx.get('le')}",
    }
    if kind in messages:
        return messages[kind]()
    msg = str(err.get("msg", kind))
    return "expected: " + msg[:1].lower() + msg[1:]
