"""How big and how deep a questionnaire's YAML may be, checked before anything is built from it.

Anchors and aliases can make a tiny file expand into millions of values ("billion laughs"), and nesting
50,000 brackets deep crashed libyaml's composer; both are refused with a located message.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import cast

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from lerende_scan.errors import Code, Finding

__all__ = ["LOADER", "MAX_DEPTH", "MAX_VALUES", "depth_finding", "measure", "too_deep"]

# libyaml is ten times faster (100 files: ~0.3 s instead of ~3 s); both are the *safe* loader.
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Anchors and aliases can make a tiny file expand into millions of values ("billion laughs").
MAX_VALUES = 100_000
# A questionnaire nests about six levels (factors > items > text > language); recursion below stays shallow.
MAX_DEPTH = 64


def too_deep(text: str) -> tuple[int, int] | None:
    """Where the text nests lists and mappings more than ``MAX_DEPTH`` deep (line, col), from events.

    The event parser keeps its own stack, so this is safe on any input; a syntax error is left to the
    composer, which reports it as before.
    """
    depth = 0
    events = cast(Generator[yaml.Event, None, None], yaml.parse(text, Loader=LOADER))
    try:
        for event in events:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                where = event.start_mark
                if depth > MAX_DEPTH and where is not None:
                    return where.line + 1, where.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        events.close()  # disposes of the parser
    return None


def depth_finding(where: tuple[int, int], file: str) -> Finding:
    problem = f"lists or mappings are nested more than {MAX_DEPTH} levels deep"
    return Finding(Code.YAML_SYNTAX, file=file, line=where[0], col=where[1], params={"problem": problem})


def measure(root: Node) -> tuple[int, Node | None]:
    """Values the document has once aliases are expanded (a cycle counts as too large), and the first
    list or mapping whose expanded contents nest deeper than ``MAX_DEPTH`` (None when none does).

    Depth counts lists and mappings, as :func:`too_deep` does. The recursion stops at ``MAX_DEPTH``,
    so a chain of aliases inside aliases cannot exhaust the stack.
    """
    memo: dict[int, tuple[int, int]] = {}  # node -> (expanded size, expanded height in collections)
    busy: set[int] = set()
    deep: list[Node] = []

    def visit(node: Node, outer: int) -> tuple[int, int]:
        key = id(node)
        if key in memo:
            return memo[key]
        if key in busy:
            return MAX_VALUES + 1, 0
        children: list[Node] = []
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        level = outer + (1 if isinstance(node, (MappingNode, SequenceNode)) else 0)
        if level > MAX_DEPTH:
            deep.append(node)
            return 1, 1
        busy.add(key)
        total, height = 1, 0
        for child in children:
            size, child_height = visit(child, level)
            total, height = total + size, max(height, child_height)
            if level + child_height > MAX_DEPTH and not deep:
                deep.append(node)  # an alias whose expansion goes too deep: point at its container
            if total > MAX_VALUES or deep:
                break
        busy.discard(key)
        memo[key] = (total, height + (level - outer))
        return memo[key]

    size, _ = visit(root, 0)
    return size, deep[0] if deep else None
