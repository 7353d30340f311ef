"""Locating findings: a data path becomes file:line:col through the YAML nodes, and names a user reads.

:class:`Located` collects one file's findings. The semantic rules (:mod:`.rules`) and pydantic's errors
(:mod:`.messages`) both add to it by data path; it finds the node, keeps the findings in line order, and
drops what is noise (findings under a refused value, pydantic's say where a rule already spoke).
"""

from __future__ import annotations

from typing import Any, Literal

from yaml.nodes import Node

from lerende_scan.errors import Code, Finding, Severity
from lerende_scan.questionnaire.yaml import Parsed, PathT, mark

__all__ = ["At", "Located", "describe", "get", "has", "under"]

At = Literal["key", "value", "parent"]

_LIST_OWNERS = {"factors": "factor", "items": "item", "bands": "band"}


class Located:
    """One file's data, its nodes, and the findings made on it so far."""

    def __init__(self, file: str, parsed: Parsed) -> None:
        self.file = file
        self.data: dict[str, Any] = parsed.data
        self.nodes = parsed.nodes
        self.refused = parsed.refused
        self._found: list[tuple[PathT, Finding]] = list(parsed.early)
        self.handled_paths: list[PathT] = []  # paths a semantic rule reported; pydantic's say is noise

    # -- result --------------------------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        tags = [f for p, f in self._found if f.code is Code.YAML_TAG]
        rest = [f for p, f in self._found if f.code is not Code.YAML_TAG and not under(p, self.refused)]
        unique = {(f.code, f.line, f.col, f.message): f for f in [*tags, *rest]}
        return sorted(unique.values(), key=lambda f: (f.line or 0, f.col or 0))

    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings())

    # -- adding --------------------------------------------------------------------------------------
    def node(self, path: PathT, at: At) -> Node | None:
        if at == "parent":
            path = path[:-1]
        while path not in self.nodes and path:  # under an alias or a merge: point at what we know
            path, at = path[:-1], "value"
        key, value = self.nodes.get(path, (None, None))
        return key if at == "key" and key is not None else value

    def add(self, code: Code, path: PathT, at: At = "value", **params: Any) -> None:
        node = self.node(path, at)
        line, col = mark(node) if node is not None else (None, None)
        self._found.append((path, Finding(code, self.file, line, col, params=params)))

    def handled(self, code: Code, path: PathT, at: At = "value", **params: Any) -> None:
        """Add a semantic finding and silence pydantic's (less clear) findings at and under ``path``."""
        self.add(code, path, at, **params)
        self.handled_paths.append(path)

    # -- naming --------------------------------------------------------------------------------------
    def first_line(self, path: PathT) -> int:
        node = self.node(path, "value")
        return mark(node)[0] if node is not None else 0

    def where(self, path: PathT) -> str:
        """'factor 'feedback', item 'fb3': ' for the containers of the last path component."""
        parts = describe(path, self.data)
        return ", ".join(parts[:-1]) + ": " if len(parts) > 1 else ""

    def what(self, path: PathT) -> str:
        """The last path component as a user reads it: 'reverse', or "entry 2" for a list element."""
        if not path:
            return "the file"
        return f"'{path[-1]}'" if isinstance(path[-1], str) else describe(path, self.data)[-1]


def under(path: PathT, prefixes: list[PathT]) -> bool:
    return any(path[: len(p)] == p for p in prefixes)


def has(container: Any, comp: Any) -> bool:
    if isinstance(container, dict):
        return comp in container
    return isinstance(container, list) and isinstance(comp, int) and 0 <= comp < len(container)


def get(data: Any, path: PathT) -> Any:
    for comp in path:
        if isinstance(data, dict):
            data = data.get(comp)
        elif isinstance(data, list) and isinstance(comp, int) and 0 <= comp < len(data):
            data = data[comp]
        else:
            return None
    return data


def describe(path: PathT, data: Any) -> list[str]:
    """Human names for a path: ('factors', 0, 'items', 2, 'text') -> factor 'feedback', item 'fb3', text."""
    parts: list[str] = []
    cur = data
    i = 0
    while i < len(path):
        comp = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        if isinstance(comp, str) and comp in _LIST_OWNERS and isinstance(nxt, int):
            child = get(cur, (comp, nxt))
            ident = child.get("id") if isinstance(child, dict) else None
            noun = _LIST_OWNERS[comp]
            parts.append(f"{noun} '{ident}'" if isinstance(ident, str) else f"{noun} {nxt + 1}")
            cur, i = child, i + 2
            continue
        parts.append(f"entry {comp + 1}" if isinstance(comp, int) and isinstance(cur, list) else str(comp))
        cur, i = get(cur, (comp,)), i + 1
    return parts
