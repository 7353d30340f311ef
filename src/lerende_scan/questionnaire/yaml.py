"""Reading a questionnaire's YAML safely: nodes with marks per data path, refused tags, duplicate keys.

pydantic knows no line numbers, so a file is parsed once into YAML nodes, which carry marks; a map from
data path (keys and list indexes, as in pydantic's ``loc``) to nodes lets every later finding name its
``file:line:col``.

Safety: only the safe loader is used, and any tag outside YAML's plain data types is refused before
anything is constructed, so ``!!python/object`` and friends are never executed. Anchors and aliases that
expand into a huge (or self-referencing) document are refused too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lerende_scan.errors import Code, Finding

__all__ = ["TAG", "Parsed", "PathT", "mark", "parse", "show"]

# libyaml is ten times faster (100 files: ~0.3 s instead of ~3 s); both are the *safe* loader.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TAG = "tag:yaml.org,2002:"
# Plain data only: YAML's core types, plus merge keys ("<<") and dates (which pydantic then reports).
_ALLOWED_TAGS = frozenset(
    TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "merge", "timestamp")
)
# Anchors and aliases can make a tiny file expand into millions of values ("billion laughs").
_MAX_VALUES = 100_000

PathT = tuple[Any, ...]  # keys (str, or int for scale labels) and list indexes
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass
class Parsed:
    """One file's plain data, with the nodes that say where each part of it was written."""

    data: Any
    nodes: dict[PathT, tuple[Node | None, Node]]  # path -> (key node, value node)
    early: list[tuple[PathT, Finding]]  # findings made while parsing (tags, duplicate keys)
    refused: list[PathT]  # paths whose value was refused; later findings under them are noise


def mark(node: Node) -> tuple[int, int]:
    """A node's 1-based line and column."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def parse(text: str, file: str) -> Parsed | list[Finding]:
    """Compose nodes, check them, then construct plain data; a list of findings when that is impossible."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            return [_syntax_finding(exc, text, file)]
        if node is None:
            return [Finding(Code.NOT_A_MAPPING, file=file, line=1, col=1, params={"got": "an empty file"})]
        if _expanded_size(node) > _MAX_VALUES:
            line, col = mark(node)
            return [
                Finding(Code.YAML_TOO_LARGE, file=file, line=line, col=col, params={"limit": _MAX_VALUES})
            ]
        walker = _NodeWalker(file)
        if not walker.allowed(node):
            return [f for _, f in walker.findings]
        walker.walk(node, (), None)
        try:
            data = loader.construct_document(node)
        except yaml.YAMLError as exc:
            return [*(f for _, f in walker.findings), _syntax_finding(exc, text, file)]
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else f"the single value {show(node)}"
        line, col = mark(node)
        return [Finding(Code.NOT_A_MAPPING, file=file, line=line, col=col, params={"got": got})]
    return Parsed(data=data, nodes=walker.nodes, early=walker.findings, refused=walker.refused)


def _syntax_finding(exc: yaml.YAMLError, text: str, file: str) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or b"\0")
        problem = f"the character #x{char:04x} is not allowed ({exc.reason})"
        return Finding(Code.YAML_SYNTAX, file=file, line=line, col=col, params={"problem": problem})
    problem_mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if context and problem and not problem.startswith("found unhashable"):
        problem = f"{problem} ({context})"
    if problem_mark is None:
        return Finding(Code.YAML_SYNTAX, file=file, params={"problem": problem})
    return Finding(
        Code.YAML_SYNTAX,
        file=file,
        line=problem_mark.line + 1,
        col=problem_mark.column + 1,
        params={"problem": problem},
    )


def _expanded_size(root: Node) -> int:
    """Values the document has once aliases are expanded; a cycle counts as too large."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            return _MAX_VALUES + 1
        busy.add(key)
        total = 1
        if isinstance(node, MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
                if total > _MAX_VALUES:
                    break
        elif isinstance(node, SequenceNode):
            for v in node.value:
                total += size(v)
                if total > _MAX_VALUES:
                    break
        busy.discard(key)
        sizes[key] = total
        return total

    return size(root)


class _NodeWalker:
    """Walks the node tree once: records nodes per data path, refuses tags, finds duplicate keys."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.nodes: dict[PathT, tuple[Node | None, Node]] = {}
        self.findings: list[tuple[PathT, Finding]] = []
        self.refused: list[PathT] = []
        self._seen: set[int] = set()

    def allowed(self, node: Node) -> bool:
        if node.tag in _ALLOWED_TAGS:
            return True
        line, col = mark(node)
        tag = node.tag.replace(TAG, "!!")
        self.findings.append(((), Finding(Code.YAML_TAG, self.file, line, col, params={"tag": tag})))
        return False

    def _refuse(self, path: PathT, node: Node) -> Node:
        """Replace a refused value by null, so construction never sees the tag."""
        self.refused.append(path)
        return ScalarNode(TAG + "null", "", node.start_mark, node.end_mark)

    def walk(self, node: Node, path: PathT, key_node: Node | None) -> None:
        self.nodes[path] = (key_node, node)
        if id(node) in self._seen:  # an alias: its children were recorded under the anchor's path
            return
        self._seen.add(id(node))
        if isinstance(node, MappingNode):
            self._walk_mapping(node, path)
        elif isinstance(node, SequenceNode):
            for index, child in enumerate(node.value):
                if not self.allowed(child):
                    node.value[index] = child = self._refuse((*path, index), child)
                self.walk(child, (*path, index), None)

    def _walk_mapping(self, node: MappingNode, path: PathT) -> None:
        first: dict[Any, int] = {}
        kept: list[tuple[Node, Node]] = []
        for key, value in node.value:
            if not self.allowed(key):
                self.refused.append((*path, str(key.value)))
                continue
            if key.tag == TAG + "merge":
                kept.append((key, value))
                continue
            ident = _key_identity(key)
            if ident is None:  # a complex key; construction reports it
                kept.append((key, value))
                continue
            child_path = (*path, ident)
            if ident in first:
                line, col = mark(key)
                params = {"key": key.value, "first_line": first[ident]}
                self.findings.append(
                    (child_path, Finding(Code.YAML_DUPLICATE_KEY, self.file, line, col, params=params))
                )
            else:
                first[ident] = mark(key)[0]
            if not self.allowed(value):
                value = self._refuse(child_path, value)
            kept.append((key, value))
            self.walk(value, child_path, key)
        node.value = kept


def _key_identity(key: Node) -> Any:
    """The key as the safe constructor will build it (so `1:` and `"1":` differ, as they do in the data)."""
    if not isinstance(key, ScalarNode):
        return None
    construct = _CONSTRUCTOR.yaml_constructors.get(key.tag)
    try:
        ident = construct(_CONSTRUCTOR, key) if construct is not None else key.value
        hash(ident)
    except (yaml.YAMLError, ValueError, TypeError):
        return str(key.value)
    return ident


def show(node: Node | None) -> str:
    """A value as the user wrote it, for messages."""
    if node is None:
        return "(none)"
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == TAG + "null":
        return "empty (null)"
    text = str(node.value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"'{text}'" if node.tag == TAG + "str" else text
