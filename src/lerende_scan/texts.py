"""The user-facing texts that are not problems, in Dutch and English: ``strings.yaml`` and its overrides.

Reports and terminal summaries both read their texts here (the problems are in :mod:`lerende_scan.errors`).
It needs PyYAML only, so the CLI can translate its summaries without loading the report machinery.
An override directory (``--template-dir``) may hold a ``strings.yaml`` with just the keys it changes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire.bounds import too_deep
from lerende_scan.resources import templates_dir

__all__ = ["STRINGS", "Translator", "strings", "template_roots"]

STRINGS = "strings.yaml"
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 8x faster


class _DuplicateKey(yaml.MarkedYAMLError):
    """A key given twice in one mapping: YAML would keep the last one without a word."""


class _StringsLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """The safe loader (no tags, no objects), refusing duplicate keys: in strings.yaml the second
    'summary:' would silently replace the first, so an override's fix could vanish."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # '<<: *base' may be overridden by the keys beside it
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                continue  # SafeConstructor refuses an unhashable key itself
            if key in seen:
                raise _DuplicateKey(problem=f"'{key}' is given twice", problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


def _load(text: str) -> Any:
    """The plain data of a strings file, as ``yaml.safe_load`` builds it but refusing duplicate keys
    (the loader is driven as lerende_scan.questionnaire.yaml drives its safe loader)."""
    loader = _StringsLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def template_roots(template_dir: Path | None) -> tuple[Path, ...]:
    """The directories templates, texts and their assets may come from, override first."""
    shipped = templates_dir().resolve()
    if template_dir is None:
        return (shipped,)
    return (Path(template_dir).resolve(), shipped)


@functools.lru_cache(maxsize=8)
def strings(template_dir: Path | None = None) -> Mapping[str, Mapping[str, str]]:
    """Shipped strings, updated key by key from an override directory's strings.yaml."""
    merged: dict[str, Mapping[str, str]] = {}
    shipped = templates_dir().resolve()
    for root in reversed(template_roots(template_dir)):
        path = root / STRINGS
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
            deep = too_deep(text) if root != shipped else None  # libyaml's C stack, not Python's, overflows
            if deep is not None:
                line, col = deep
                reason = "lists or mappings are nested too deeply; write 'key: {nl: text, en: text}' entries"
                raise ScanError.of(Code.TEMPLATE_ERROR, file=path, line=line, col=col, reason=reason)
            data = _load(text) or {}
        except (OSError, UnicodeDecodeError) as exc:
            raise ScanError.of(Code.TEMPLATE_ERROR, file=path, reason=str(exc).splitlines()[0]) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = {"line": mark.line + 1, "col": mark.column + 1} if mark is not None else {}
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ScanError.of(Code.TEMPLATE_ERROR, file=path, reason=reason, **where) from None
        # Texts must be text: str() of a list made of nested aliases would take exponential time.
        if not isinstance(data, dict) or not all(
            isinstance(v, dict) and all(isinstance(text, str) for text in v.values()) for v in data.values()
        ):
            raise ScanError.of(
                Code.TEMPLATE_ERROR, file=path, reason="expected 'key: {nl: text, en: text}' entries"
            )
        merged.update({str(k): {str(lang): str(text) for lang, text in v.items()} for k, v in data.items()})
    return merged


class Translator:
    """``t('key', name=...)``: the text in the report language, with placeholders filled in.

    A missing key or language is a template error: an untranslated string must not slip into a report.
    """

    def __init__(self, lang: str, template_dir: Path | None = None) -> None:
        self.lang = lang
        self._strings = strings(template_dir)

    def __call__(self, key: str, /, **params: Any) -> str:
        try:
            text = self._strings[key][self.lang]
        except KeyError:
            raise ScanError.of(
                Code.TEMPLATE_ERROR, file=STRINGS, reason=f"no '{self.lang}' text for '{key}' in {STRINGS}"
            ) from None
        if not params:
            return text
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:  # a strings.yaml of one's own
            reason = f"the '{self.lang}' text for '{key}' cannot be filled in ({type(exc).__name__}: {exc})"
            raise ScanError.of(Code.TEMPLATE_ERROR, file=STRINGS, reason=reason) from None

    def date(self, day: dt.date) -> str:
        months = self("months").split()
        if len(months) != 12:
            reason = f"the '{self.lang}' text for 'months' needs 12 month names, has {len(months)}"
            raise ScanError.of(Code.TEMPLATE_ERROR, file=STRINGS, reason=reason)
        return self("date_format", day=day.day, month=months[day.month - 1], year=day.year)
