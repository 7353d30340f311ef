"""Reading a questionnaire's YAML safely: nodes with marks per data path, refused tags, duplicate keys.

pydantic knows no line numbers, so a file is parsed once into YAML nodes, which carry marks; a map from
data path (keys and list indexes, as in pydantic's ``loc``) to nodes lets every later finding name its
``file:line:col``.

Safety: only the safe loader is used, and any tag outside YAML's plain data types is refused before
anything is constructed, so ``!!python/object`` and friends are never executed. Anchors and aliases that
expand into a huge (or self-referencing) document are refused too, and so is nesting deeper than any
questionnaire needs (libyaml's composer recurses in C: 100,000 brackets would crash the process). Values
are constructed one node at a time, so a value the safe constructor cannot build (``!!int abc``, an
integer of 5,000 digits, ``2024-13-45``) becomes a located finding, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lerende_scan.errors import Code, Finding
from lerende_scan.questionnaire.bounds import LOADER, MAX_VALUES, depth_finding, measure, too_deep

__all__ = ["TAG", "Parsed", "PathT", "mark", "parse", "show"]


TAG = "tag:yaml.org,2002:"
# Plain data only: YAML's core types, plus merge keys ("<<") and dates (which pydantic then reports).
_ALLOWED_TAGS = frozenset(
    TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "merge", "timestamp")
)
# Python refuses to print integers of more than 4300 digits (sys.int_info); ~3.32 bits per digit.
_MAX_INT_BITS = 14_000
# What the safe constructor builds from a scalar, by tag (map and seq tags on a scalar are refused).
_SCALAR_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false",
                 "null": "empty (null)", "timestamp": "a date", "str": "text"}  # fmt: skip
_SCALAR_TAGS = frozenset(TAG + t for t in _SCALAR_KINDS)
_KINDS = {**_SCALAR_KINDS, "map": "a mapping", "seq": "a list"}

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
    deep = too_deep(text)
    if deep is not None:
        return [depth_finding(deep, file)]
    loader = LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        return [_syntax_finding(exc, text, file)]
    finally:
        loader.dispose()
    if node is None:
        return [Finding(Code.NOT_A_MAPPING, file=file, line=1, col=1, params={"got": "an empty file"})]
    size, deep_node = measure(node)
    if size > MAX_VALUES:
        line, col = mark(node)
        return [Finding(Code.YAML_TOO_LARGE, file=file, line=line, col=col, params={"limit": MAX_VALUES})]
    if deep_node is not None:  # aliases inside aliases nest deeper than the text shows
        return [depth_finding(mark(deep_node), file)]
    walker = _NodeWalker(file)
    if not walker.allowed(node):
        return [f for _, f in walker.findings]
    walker.walk(node, (), None)
    data = _Builder(file, text, walker).build(node, ())
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


class _Builder:
    """Constructs plain data node by node: a value the safe constructor cannot build is a finding.

    Anchored nodes are built once and shared, as PyYAML does. Merge keys (``<<``) are flattened by
    PyYAML's own code on the one mapping; a malformed merge is a finding at that mapping.
    """

    def __init__(self, file: str, text: str, walker: _NodeWalker) -> None:
        self.file, self.text, self.walker = file, text, walker
        self._built: dict[int, Any] = {}

    def _fail(self, path: PathT, node: Node, code: Code, **params: Any) -> None:
        line, col = mark(node)
        self.walker.findings.append(((), Finding(code, self.file, line, col, params=params)))
        self.walker.refused.append(path)  # what the rules or pydantic say about the hole is noise

    def build(self, node: Node, path: PathT) -> Any:
        key = id(node)
        if key not in self._built:
            self._built[key] = self._build(node, path)
        return self._built[key]

    def _build(self, node: Node, path: PathT) -> Any:
        if isinstance(node, SequenceNode) and node.tag == TAG + "seq":
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == TAG + "map":
            return self._mapping(node, path)
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        kind = "a list" if isinstance(node, SequenceNode) else "a mapping"
        self._fail(path, node, Code.YAML_VALUE, value=kind, kind=self._kind(node), how=self._how(node))
        return None

    def _mapping(self, node: MappingNode, path: PathT) -> dict[Any, Any] | None:
        try:
            _CONSTRUCTOR.flatten_mapping(node)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self._fail(path, node, Code.YAML_SYNTAX, problem=problem)
            return None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._fail(path, key_node, Code.YAML_SYNTAX, problem="found unhashable key")
                continue
            key = self._scalar(key_node, path)
            if key is None and key_node.tag != TAG + "null":
                continue  # the key itself could not be built; its finding is made
            try:
                hash(key)
            except TypeError:
                self._fail(path, key_node, Code.YAML_SYNTAX, problem="found unhashable key")
                continue
            result[key] = self.build(value_node, (*path, _key_identity(key_node)))
        return result

    def _scalar(self, node: ScalarNode, path: PathT) -> Any:
        construct = _CONSTRUCTOR.yaml_constructors.get(node.tag) if node.tag in _SCALAR_TAGS else None
        try:
            if construct is None:
                raise ValueError(node.tag)
            value = construct(_CONSTRUCTOR, node)
            if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
                raise ValueError("too many digits")
        except (yaml.YAMLError, ValueError, OverflowError, TypeError, KeyError, AttributeError):
            self._fail(path, node, Code.YAML_VALUE, value=show(node), kind=self._kind(node),
                       how=self._how(node))  # fmt: skip
            return None
        return value

    @staticmethod
    def _kind(node: Node) -> str:
        return _KINDS.get(node.tag.removeprefix(TAG), node.tag.replace(TAG, "!!"))

    def _how(self, node: Node) -> str:
        """The fix: an explicit tag is the usual cause; else the value itself (a huge number, a bad date)."""
        start = node.start_mark.index
        if self.text.startswith("!", start):
            return f"remove the tag {node.tag.replace(TAG, '!!')} or write {self._kind(node)}"
        if node.tag == TAG + "int":
            return "it has too many digits (at most 4300); write a smaller number, or quote it as text"
        if node.tag == TAG + "timestamp":
            return "it is not a real date; correct it, or quote it as text"
        return f"write {self._kind(node)}, or quote it as text"


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

    def _check_merged(self, value: Node, path: PathT) -> None:
        """The keys a merge key (``<<: {1: x}``) brings in are keys of ``path`` too: the same check."""
        for mapping in _merged_mappings(value):
            kept = []
            for key, item in mapping.value:
                wrong = _wrong_key(_key_identity(key), key, path)
                if wrong is None:
                    kept.append((key, item))
                    continue
                line, col = mark(key)
                self.findings.append((path, Finding(Code.YAML_KEY_KIND, self.file, line, col, params=wrong)))
            mapping.value = kept

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
                self._check_merged(value, path)
                kept.append((key, value))
                continue
            ident = _key_identity(key)
            wrong = _wrong_key(ident, key, path)
            if wrong is not None:  # left out, so that the schema's stranger messages about it never show
                line, col = mark(key)
                self.findings.append((path, Finding(Code.YAML_KEY_KIND, self.file, line, col, params=wrong)))
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


_POINT_KEYS: PathT = ("scale", "labels")  # the one mapping keyed by numbers: the scale points


def _wrong_key(ident: Any, key: Node, path: PathT) -> dict[str, str] | None:
    """Why a key cannot be one (a name everywhere, a whole number for scale labels), or None.

    `~:`, `1.5:` or `yes:` are read as null, a number or true; pydantic then reported "expected None" or
    "keys should be strings" about the mapping around them, and a list or mapping as a key passed.
    """
    if not isinstance(key, ScalarNode):
        return {"key": "a key", "kind": show(key), "expected": "a name"}
    points = path == _POINT_KEYS
    if isinstance(ident, str) or (points and type(ident) is int):
        return None
    kind = _KINDS.get(key.tag.removeprefix(TAG), f"a {type(ident).__name__}")
    expected = "a scale point (a whole number such as 1)" if points else "a name"
    return {"key": f"the key '{key.value}'", "kind": kind, "expected": expected}


def _merged_mappings(value: Node) -> list[MappingNode]:
    if isinstance(value, MappingNode):
        return [value]
    if isinstance(value, SequenceNode):
        return [v for v in value.value if isinstance(v, MappingNode)]
    return []


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
