"""Questionnaire validation: every problem in a questionnaire file, each with its YAML line and column.

pydantic checks shapes and types but knows no line numbers, and stops being useful once a shape is wrong.
So a file is parsed once into YAML nodes, which carry marks; a map from data path (keys and list indexes,
as in pydantic's ``loc``) to nodes turns every problem into ``file:line:col``. The semantic rules (unique
ids, translations, scale, bands, ...) run on the raw data with defensive type checks, so one run reports
all problems even when pydantic fails elsewhere in the file.

Safety: only the safe loader is used, and any tag outside YAML's plain data types is refused before
anything is constructed, so ``!!python/object`` and friends are never executed. Anchors and aliases that
expand into a huge (or self-referencing) document are refused too.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeGuard, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from lerende_scan.errors import Code, Finding, ScanError, Severity, did_you_mean
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.resources import DEFAULT_QUESTIONNAIRE, questionnaires_dir

__all__ = [
    "SCHEMA_FILE",
    "ValidationReport",
    "json_schema",
    "json_schema_text",
    "load_questionnaire",
    "validate_paths",
    "validate_text",
]

SCHEMA_FILE = "questionnaire.schema.json"

# libyaml is ten times faster (100 files: ~0.3 s instead of ~3 s); both are the *safe* loader.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
# Plain data only: YAML's core types, plus merge keys ("<<") and dates (which pydantic then reports).
_ALLOWED_TAGS = frozenset(
    _TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "merge", "timestamp")
)
# Anchors and aliases can make a tiny file expand into millions of values ("billion laughs").
_MAX_VALUES = 100_000

PathT = tuple[Any, ...]  # keys (str, or int for scale labels) and list indexes
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_At = Literal["key", "value", "parent"]


@dataclass(frozen=True)
class ValidationReport:
    """What ``validate_paths`` checked and what it found (in file order, then line order)."""

    files: list[Path]
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


# ---------------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------------


def validate_text(text: str, file: str) -> tuple[Questionnaire | None, list[Finding]]:
    """Parse and check one questionnaire; returns the model (None when any error) and all findings."""
    try:
        parsed = _parse(text, file)
        if isinstance(parsed, list):
            return None, parsed
        checker = _Checker(file, parsed)
        model = checker.run()
    except RecursionError:  # thousands of nested brackets; no questionnaire nests that deep
        return None, [
            Finding(Code.YAML_SYNTAX, file, 1, 1, params={"problem": "the data is nested too deeply"})
        ]
    return model, checker.findings()


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """Load a questionnaire (the shipped default when ``path`` is None); raise ScanError when invalid.

    Warnings (such as a factor with one item) do not stop loading; callers that want them use
    :func:`validate_text`.
    """
    path = path or questionnaires_dir() / DEFAULT_QUESTIONNAIRE
    text = _read(path)
    if isinstance(text, Finding):
        raise ScanError(text)
    model, findings = validate_text(text, str(path))
    if model is None:
        raise ScanError([f for f in findings if f.severity is Severity.ERROR])
    return model


def validate_paths(paths: Sequence[Path]) -> ValidationReport:
    """Validate files and folders (folders: ``*.yaml``/``*.yml`` below them, hidden folders skipped)."""
    files: list[Path] = []
    findings: list[Finding] = []
    for path in paths:
        if path.is_dir():
            found = _questionnaire_files(path)
            if not found:
                findings.append(Finding(Code.NO_QUESTIONNAIRES, file=str(path)))
            files.extend(found)
        else:
            files.append(path)
    files = list(dict.fromkeys(files))  # a file named twice (or via its folder) is checked once
    for file in files:
        text = _read(file)
        if isinstance(text, Finding):
            findings.append(text)
        else:
            findings.extend(validate_text(text, str(file))[1])
    return ValidationReport(files=files, findings=findings)


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


# ---------------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------------


def _questionnaire_files(folder: Path) -> list[Path]:
    found = [
        p
        for p in folder.rglob("*")
        if p.suffix in (".yaml", ".yml")
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found)


def _read(path: Path) -> str | Finding:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return Finding(
            Code.FILE_UNREADABLE, file=str(path), params={"reason": f"not UTF-8 text: {exc.reason}"}
        )
    except OSError as exc:
        return Finding(Code.FILE_UNREADABLE, file=str(path), params={"reason": exc.strerror or str(exc)})


# ---------------------------------------------------------------------------------------------------
# Parsing: nodes, marks, refused tags, duplicate keys
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Parsed:
    data: Any
    nodes: dict[PathT, tuple[Node | None, Node]]  # path -> (key node, value node)
    early: list[tuple[PathT, Finding]]  # findings made while parsing (tags, duplicate keys)
    refused: list[PathT]  # paths whose value was refused; later findings under them are noise


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _parse(text: str, file: str) -> _Parsed | list[Finding]:
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
            line, col = _mark(node)
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
        got = "a list" if isinstance(data, list) else f"the single value {_show(node)}"
        line, col = _mark(node)
        return [Finding(Code.NOT_A_MAPPING, file=file, line=line, col=col, params={"got": got})]
    return _Parsed(data=data, nodes=walker.nodes, early=walker.findings, refused=walker.refused)


def _syntax_finding(exc: yaml.YAMLError, text: str, file: str) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or b"\0")
        problem = f"the character #x{char:04x} is not allowed ({exc.reason})"
        return Finding(Code.YAML_SYNTAX, file=file, line=line, col=col, params={"problem": problem})
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    if context and problem and not problem.startswith("found unhashable"):
        problem = f"{problem} ({context})"
    if mark is None:
        return Finding(Code.YAML_SYNTAX, file=file, params={"problem": problem})
    return Finding(
        Code.YAML_SYNTAX, file=file, line=mark.line + 1, col=mark.column + 1, params={"problem": problem}
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
        line, col = _mark(node)
        tag = node.tag.replace(_TAG, "!!")
        self.findings.append(((), Finding(Code.YAML_TAG, self.file, line, col, params={"tag": tag})))
        return False

    def _refuse(self, path: PathT, node: Node) -> Node:
        """Replace a refused value by null, so construction never sees the tag."""
        self.refused.append(path)
        return ScalarNode(_TAG + "null", "", node.start_mark, node.end_mark)

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
            if key.tag == _TAG + "merge":
                kept.append((key, value))
                continue
            ident = _key_identity(key)
            if ident is None:  # a complex key; construction reports it
                kept.append((key, value))
                continue
            child_path = (*path, ident)
            if ident in first:
                line, col = _mark(key)
                params = {"key": key.value, "first_line": first[ident]}
                self.findings.append(
                    (child_path, Finding(Code.YAML_DUPLICATE_KEY, self.file, line, col, params=params))
                )
            else:
                first[ident] = _mark(key)[0]
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


def _show(node: Node | None) -> str:
    """A value as the user wrote it, for messages."""
    if node is None:
        return "(none)"
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _TAG + "null":
        return "empty (null)"
    text = str(node.value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"'{text}'" if node.tag == _TAG + "str" else text


# ---------------------------------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------------------------------

_UNION_EXPECTED = {
    frozenset(
        {"str", "dict[str,str]"}
    ): "expected a text: a string, or one per language such as {nl: ..., en: ...}",
    frozenset({"list[str]", "dict[str,list[str]]"}): (
        "expected a list of texts, or one list per language such as {nl: [...], en: [...]}"
    ),
    frozenset({"int", "float"}): "expected a number such as 2.5",
}
_LIST_OWNERS = {"factors": "factor", "items": "item", "bands": "band"}
_TEXT_FIELDS = {"title", "description", "name", "text", "label", "advice"}


class _Checker:
    """Runs pydantic and the semantic rules on one parsed file and locates every finding."""

    def __init__(self, file: str, parsed: _Parsed) -> None:
        self.file = file
        self.data: dict[str, Any] = parsed.data
        self.nodes = parsed.nodes
        self.refused = parsed.refused
        self._found: list[tuple[PathT, Finding]] = list(parsed.early)
        self._handled: list[PathT] = []  # paths a semantic rule reported; pydantic's say on them is noise

    # -- result --------------------------------------------------------------------------------------
    def run(self) -> Questionnaire | None:
        self._semantic()
        model: Questionnaire | None = None
        try:
            model = Questionnaire.model_validate(self.data)
        except ValidationError as exc:
            self._pydantic(exc)
        if any(f.severity is Severity.ERROR for f in self.findings()):
            return None
        return model

    def findings(self) -> list[Finding]:
        tags = [f for p, f in self._found if f.code is Code.YAML_TAG]
        rest = [f for p, f in self._found if f.code is not Code.YAML_TAG and not _under(p, self.refused)]
        unique = {(f.code, f.line, f.col, f.message): f for f in [*tags, *rest]}
        return sorted(unique.values(), key=lambda f: (f.line or 0, f.col or 0))

    # -- locating ------------------------------------------------------------------------------------
    def _node(self, path: PathT, at: _At) -> Node | None:
        if at == "parent":
            path = path[:-1]
        while path not in self.nodes and path:  # under an alias or a merge: point at what we know
            path, at = path[:-1], "value"
        key, value = self.nodes.get(path, (None, None))
        return key if at == "key" and key is not None else value

    def add(self, code: Code, path: PathT, at: _At = "value", **params: Any) -> None:
        node = self._node(path, at)
        line, col = _mark(node) if node is not None else (None, None)
        self._found.append((path, Finding(code, self.file, line, col, params=params)))

    def handled(self, code: Code, path: PathT, at: _At = "value", **params: Any) -> None:
        """Add a semantic finding and silence pydantic's (less clear) findings at and under ``path``."""
        self.add(code, path, at, **params)
        self._handled.append(path)

    def first_line(self, path: PathT) -> int:
        node = self._node(path, "value")
        return _mark(node)[0] if node is not None else 0

    def where(self, path: PathT) -> str:
        """'factor 'feedback', item 'fb3': ' for the containers of the last path component."""
        parts = _describe(path, self.data)
        return ", ".join(parts[:-1]) + ": " if len(parts) > 1 else ""

    def what(self, path: PathT) -> str:
        """The last path component as a user reads it: 'reverse', or "entry 2" for a list element."""
        if not path:
            return "the file"
        return f"'{path[-1]}'" if isinstance(path[-1], str) else _describe(path, self.data)[-1]

    # -- pydantic ------------------------------------------------------------------------------------
    def _pydantic(self, exc: ValidationError) -> None:
        groups: dict[PathT, list[tuple[PathT, str | None, bool, dict[str, Any]]]] = {}
        plain: list[tuple[PathT, bool, dict[str, Any]]] = []
        for err in exc.errors():
            path, union_at, tag, key_error = self._data_path(err["loc"], missing=err["type"] == "missing")
            if union_at is not None:
                groups.setdefault(union_at, []).append((path, tag, key_error, dict(err)))
            else:
                plain.append((path, key_error, dict(err)))
        for base, members in groups.items():
            value = _get(self.data, base)
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
            if not _under(p_path, self._handled):
                self._translate(p_path, p_key_error, p_err)

    def _data_path(
        self, loc: tuple[int | str, ...], *, missing: bool
    ) -> tuple[PathT, PathT | None, str | None, bool]:
        """Follow pydantic's loc through the data: (path, where a union branched, its tag, key error)."""
        cur: Any = self.data
        path: PathT = ()
        union_at: PathT | None = None
        tag: str | None = None
        key_error = False
        for i, comp in enumerate(loc):
            if comp == "[key]":
                key_error = True
            elif _has(cur, comp):
                path, cur = (*path, comp), _get(cur, (comp,))
            elif missing and i == len(loc) - 1 and isinstance(cur, dict):
                path = (*path, comp)  # a missing key
            elif union_at is None and isinstance(comp, str):
                union_at, tag = path, comp
            # deeper union tags (a union inside a union branch) carry no data position
        return path, union_at, tag, key_error

    def _translate(self, path: PathT, key_error: bool, err: dict[str, Any]) -> None:
        kind = err["type"]
        if kind == "extra_forbidden":
            known = _known_keys(path)
            key = str(path[-1])
            hint = did_you_mean(key, known) if known else None
            suggestion = (
                f"; did you mean '{hint}'?" if hint else f"; known keys: {', '.join(known)}" if known else ""
            )
            self.add(Code.UNKNOWN_KEY, path, "key", where=self.where(path), key=key, suggestion=suggestion)
        elif kind == "missing":
            self.add(Code.MISSING_KEY, path, "parent", where=self.where(path), key=str(path[-1]))
        elif key_error:
            node = self._node(path, "key")
            self.add(
                Code.WRONG_TYPE,
                path,
                "key",
                where=self.where(path),
                what="the key",
                value=_show(node),
                expected="expected a whole number (an answer value on the scale) as the key",
            )
        else:
            node = self._node(path, "value")
            self.add(
                Code.WRONG_TYPE,
                path,
                "value",
                where=self.where(path),
                what=self.what(path),
                value=_show(node),
                expected=_expected(err, node, path),
            )

    # -- semantic rules ------------------------------------------------------------------------------
    def _semantic(self) -> None:
        for rule in (self._check_scale, self._check_scoring, self._check_factors, self._check_ids,
                     self._check_columns, self._check_translations, self._check_leaders):  # fmt: skip
            rule()

    def _scale(self) -> tuple[int, int] | None:
        scale = self.data.get("scale")
        if not isinstance(scale, dict):
            return None
        lo, hi = scale.get("min"), scale.get("max")
        if _is_int(lo) and _is_int(hi) and lo < hi:
            return lo, hi
        return None

    def _check_scale(self) -> None:
        scale = self.data.get("scale")
        if not isinstance(scale, dict):
            return
        lo, hi = scale.get("min"), scale.get("max")
        if _is_int(lo) and _is_int(hi):
            if lo >= hi:
                self.handled(Code.SCALE_ORDER, ("scale", "max"), min=lo, max=hi)
            elif hi - lo + 1 > 11:
                self.handled(Code.SCALE_POINTS, ("scale", "max"), points=hi - lo + 1)
        bounds = self._scale()
        labels = scale.get("labels")
        if bounds and isinstance(labels, dict):
            for value in labels:
                number = _as_int(value)
                if number is not None and not bounds[0] <= number <= bounds[1]:
                    self.add(Code.LABEL_OUTSIDE_SCALE, ("scale", "labels", value), "key",
                             value=number, min=bounds[0], max=bounds[1])  # fmt: skip

    def _check_scoring(self) -> None:
        scoring = self.data.get("scoring")
        if not isinstance(scoring, dict):
            return
        share = scoring.get("min_answered")
        if _is_number(share) and not 0 < share <= 1:
            self.handled(Code.MIN_ANSWERED_RANGE, ("scoring", "min_answered"), value=share)
        bands = scoring.get("bands")
        if not isinstance(bands, list):
            return
        bounds = self._scale()
        previous: float | None = None
        for index, band in enumerate(bands):
            if not isinstance(band, dict):
                continue
            path: PathT = ("scoring", "bands", index)
            below = band.get("below")
            last = index == len(bands) - 1
            if below is None:
                if not last:
                    self.add(Code.BAND_UNBOUNDED, path, index=index + 1)
                continue
            if not _is_number(below):
                continue
            if last:
                self.add(Code.BAND_LAST_BOUNDED, (*path, "below"), below=below)
            if previous is not None and below <= previous:
                self.add(Code.BAND_ORDER, (*path, "below"), index=index + 1, below=below, previous=previous)
            if bounds and not bounds[0] < below <= bounds[1]:
                self.add(Code.BAND_OUTSIDE_SCALE, (*path, "below"), index=index + 1, below=below,
                         min=bounds[0], max=bounds[1])  # fmt: skip
            previous = below

    def _factors(self) -> Iterator[tuple[int, dict[str, Any]]]:
        factors = self.data.get("factors")
        if isinstance(factors, list):
            for index, factor in enumerate(factors):
                if isinstance(factor, dict):
                    yield index, factor

    def _items(self) -> Iterator[tuple[PathT, dict[str, Any]]]:
        for f_index, factor in self._factors():
            items = factor.get("items")
            if isinstance(items, list):
                for i_index, item in enumerate(items):
                    if isinstance(item, dict):
                        yield ("factors", f_index, "items", i_index), item

    def _check_factors(self) -> None:
        if "factors" in self.data and (self.data["factors"] is None or self.data["factors"] == []):
            self.handled(Code.NO_FACTORS, ("factors",))
        for index, factor in self._factors():
            name = factor.get("id") if isinstance(factor.get("id"), str) else f"#{index + 1}"
            path: PathT = ("factors", index, "items")
            items = factor.get("items", [])
            if "items" in factor and (items is None or items == []):
                self.handled(Code.NO_ITEMS, path, "key", factor=name)
            elif isinstance(items, list) and len(items) == 1:
                self.add(Code.ONE_ITEM, path, "key", factor=name)

    def _check_ids(self) -> None:
        seen: dict[str, PathT] = {}
        for index, factor in self._factors():
            self._unique(factor.get("id"), ("factors", index, "id"), seen, Code.DUPLICATE_FACTOR_ID)
        seen = {}
        for path, item in self._items():
            self._unique(item.get("id"), (*path, "id"), seen, Code.DUPLICATE_ITEM_ID)

    def _unique(self, ident: Any, path: PathT, seen: dict[str, PathT], code: Code) -> None:
        if not isinstance(ident, str):
            return
        if ident in seen:
            self.add(code, path, id=ident, first_line=self.first_line(seen[ident]))
        else:
            seen[ident] = path

    def _check_columns(self) -> None:
        """Every column name (item id or code) must identify one item; header matching ignores case.

        Ids claim their names first, so a code that repeats another item's id is the one reported.
        """
        owner: dict[str, str] = {}
        items = [
            (path, item["id"], item.get("codes"))
            for path, item in self._items()
            if isinstance(item.get("id"), str)
        ]
        for _, ident, _ in items:
            owner.setdefault(ident.strip().casefold(), ident)  # identical ids: DUPLICATE_ITEM_ID says so
        for path, ident, codes in items:
            if not isinstance(codes, list):
                continue
            for n, code in enumerate(codes):
                if not isinstance(code, str):
                    continue
                other = owner.setdefault(code.strip().casefold(), ident)
                if other != ident:
                    where = (*path, "codes", n)
                    self.add(
                        Code.DUPLICATE_COLUMN_NAME, where, where=self.where(where), name=code, other=other
                    )
        # Exports may use the full question text as the header, so two items must not share a text.
        for path, item in self._items():
            text, ident = item.get("text"), item.get("id")
            if not isinstance(ident, str):
                continue
            located = [((*path, "text"), text)] if isinstance(text, str) else []
            if isinstance(text, dict):
                located = [((*path, "text", lang), t) for lang, t in text.items() if isinstance(t, str)]
            for where, value in located:
                other = owner.setdefault(value.strip().casefold(), ident)
                if other != ident and value.strip():
                    self.add(
                        Code.DUPLICATE_COLUMN_NAME, where, where=self.where(where), name=value, other=other
                    )

    def _languages(self) -> list[str] | None:
        langs = self.data.get("languages", ["nl"])
        if isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs):
            return langs
        return None

    def _texts(self) -> Iterator[PathT]:
        """Paths of every Text/TextList value present in the data."""
        for key in ("title", "description"):
            if self.data.get(key) is not None:
                yield (key,)
        scale = self.data.get("scale")
        if isinstance(scale, dict) and isinstance(scale.get("labels"), dict):
            yield from (("scale", "labels", k) for k in scale["labels"])
        scoring = self.data.get("scoring")
        if isinstance(scoring, dict) and isinstance(scoring.get("bands"), list):
            for index, band in enumerate(scoring["bands"]):
                if isinstance(band, dict) and band.get("label") is not None:
                    yield ("scoring", "bands", index, "label")
        for index, factor in self._factors():
            yield from (
                ("factors", index, k) for k in ("name", "description", "advice") if factor.get(k) is not None
            )
        for path, item in self._items():
            if item.get("text") is not None:
                yield (*path, "text")

    def _check_translations(self) -> None:
        langs = self._languages()
        if langs is None:
            return
        shown = "[" + ", ".join(langs) + "]"
        example = "{" + ", ".join(f"{lang}: ..." for lang in langs) + "}"
        for path in self._texts():
            text = _get(self.data, path)
            where = ", ".join(_describe(path, self.data)) + ": "
            if isinstance(text, (str, list)):
                if len(langs) > 1:
                    for lang in langs[1:]:
                        self.add(
                            Code.MISSING_TRANSLATION,
                            path,
                            where=where,
                            lang=lang,
                            languages=shown,
                            example=example,
                        )
            elif isinstance(text, dict):
                for lang in text:
                    if lang not in langs:
                        self.add(
                            Code.UNKNOWN_LANGUAGE,
                            (*path, lang),
                            "key",
                            where=where,
                            lang=lang,
                            languages=shown,
                        )
                for lang in langs:
                    value = text.get(lang)
                    if lang not in text or (isinstance(value, str) and not value.strip()) or value == []:
                        at: PathT = (*path, lang) if lang in text else path
                        self.add(
                            Code.MISSING_TRANSLATION,
                            at,
                            where=where,
                            lang=lang,
                            languages=shown,
                            example=example,
                        )

    def _check_leaders(self) -> None:
        leaders = self.data.get("leaders")
        if not isinstance(leaders, dict) or not isinstance(leaders.get("column"), str):
            return
        groups = self.data.get("groups", [])
        if not isinstance(groups, list):
            return
        if leaders["column"] not in groups:
            shown = "[" + ", ".join(str(g) for g in groups) + "]"
            self.add(Code.UNKNOWN_GROUP_COLUMN, ("leaders", "column"), column=leaders["column"], groups=shown)


# ---------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------


def _under(path: PathT, prefixes: list[PathT]) -> bool:
    return any(path[: len(p)] == p for p in prefixes)


def _has(container: Any, comp: Any) -> bool:
    if isinstance(container, dict):
        return comp in container
    return isinstance(container, list) and isinstance(comp, int) and 0 <= comp < len(container)


def _get(data: Any, path: PathT) -> Any:
    for comp in path:
        if isinstance(data, dict):
            data = data.get(comp)
        elif isinstance(data, list) and isinstance(comp, int) and 0 <= comp < len(data):
            data = data[comp]
        else:
            return None
    return data


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _as_int(value: Any) -> int | None:
    if _is_int(value):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _describe(path: PathT, data: Any) -> list[str]:
    """Human names for a path: ('factors', 0, 'items', 2, 'text') -> factor 'feedback', item 'fb3', text."""
    parts: list[str] = []
    cur = data
    i = 0
    while i < len(path):
        comp = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        if isinstance(comp, str) and comp in _LIST_OWNERS and isinstance(nxt, int):
            child = _get(cur, (comp, nxt))
            ident = child.get("id") if isinstance(child, dict) else None
            noun = _LIST_OWNERS[comp]
            parts.append(f"{noun} '{ident}'" if isinstance(ident, str) else f"{noun} {nxt + 1}")
            cur, i = child, i + 2
            continue
        parts.append(f"entry {comp + 1}" if isinstance(comp, int) and isinstance(cur, list) else str(comp))
        cur, i = _get(cur, (comp,)), i + 1
    return parts


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
        if isinstance(node, ScalarNode) and node.tag != _TAG + "null":
            return f'expected text; quote it: "{node.value}"'
        return "expected text"
    if kind == "string_pattern_mismatch":
        if path and path[0] == "languages":
            return "expected a language code such as 'nl' or 'en'"
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
