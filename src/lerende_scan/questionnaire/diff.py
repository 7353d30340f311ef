"""What changed between two versions of a questionnaire, statement by statement, and which trends break.

Two waves compare a factor only when it holds the same statements with the same fingerprints
(:meth:`~lerende_scan.questionnaire.Item.fingerprint`: wording in every language, reverse-keying and the
scale). This module says, before a new version is used, which factors keep their trend and why the others
lose it, so a questionnaire repository sees it in review (``scan diff``). Statements are matched by id,
ignoring case, as column headers are.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lerende_scan.questionnaire.model import Item, Questionnaire, Scale, Text, wording

__all__ = ["Change", "FactorDiff", "QuestionnaireDiff", "ScaleDiff", "StatementDiff", "diff"]


class Change(StrEnum):
    """How a statement changed; any of these (except ``moved`` alone) changes its fingerprint."""

    NEW = "new"
    REMOVED = "removed"
    REWORDED = "reworded"  # the text in one or more languages (``StatementDiff.languages`` says which)
    REVERSE = "reverse-keying"
    MOVED = "moved"  # to another factor: both factors change their statements


@dataclass(frozen=True)
class StatementDiff:
    """One statement that changed. ``old_factor``/``new_factor`` are None when it is new or removed."""

    item: str  # the id in the new version (the old one when removed)
    old_factor: str | None
    new_factor: str | None
    changes: tuple[Change, ...]
    languages: tuple[str, ...] = ()  # reworded languages ("*" for a one-language plain text)

    def as_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "old_factor": self.old_factor,
            "new_factor": self.new_factor,
            "changes": [str(c) for c in self.changes],
            "languages": list(self.languages),
        }


@dataclass(frozen=True)
class FactorDiff:
    """One factor: whether a comparison across the two versions is still a trend."""

    factor: str
    in_old: bool
    in_new: bool
    keeps_trend: bool  # in both versions, same statements, same fingerprints
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()  # in both versions of the factor, with another fingerprint

    @property
    def status(self) -> str:
        """'new', 'removed', 'kept' (its trend) or 'broken'."""
        if not self.in_old:
            return "new"
        if not self.in_new:
            return "removed"
        return "kept" if self.keeps_trend else "broken"

    def as_dict(self) -> dict[str, Any]:
        return {
            "factor": self.factor,
            "status": self.status,
            "keeps_trend": self.keeps_trend,
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": list(self.changed),
        }


@dataclass(frozen=True)
class ScaleDiff:
    """The answer scale. ``changed`` (min, max or label wording) breaks every statement's trend; a new
    favourable split does not change the means, only the % favourable, and is listed apart."""

    changed: bool
    what: tuple[str, ...] = ()  # 'points 1..5 -> 1..7', 'labels (nl)'
    split: tuple[tuple[int, int], tuple[int, int]] | None = None  # (old, new) when the split changed

    def as_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "what": list(self.what),
            "favourable_split": None if self.split is None else [list(self.split[0]), list(self.split[1])],
        }


@dataclass(frozen=True)
class QuestionnaireDiff:
    """Everything that changed between ``old`` and ``new`` that matters for comparing waves."""

    old: tuple[str, str]  # (id, version)
    new: tuple[str, str]
    scale: ScaleDiff
    statements: tuple[StatementDiff, ...]  # changed statements only, in the new version's order
    factors: tuple[FactorDiff, ...]  # every factor of either version
    unchanged: int  # statements in both versions with equal fingerprint and factor

    @property
    def changed(self) -> bool:
        """Anything that a wave comparison could notice (ids, wording, keying, factors, scale, split)."""
        return bool(self.id_changed or self.statements or self.scale.changed or self.scale.split) or any(
            f.status != "kept" for f in self.factors
        )

    @property
    def id_changed(self) -> bool:
        """Another questionnaire id: ``scan score --previous`` compares no waves across ids (W002)."""
        return self.old[0] != self.new[0]

    @property
    def breaks_trend(self) -> bool:
        """A factor of the old version cannot be compared with the new one (changed or removed), or no
        wave can (another id)."""
        return self.id_changed or any(f.status in ("broken", "removed") for f in self.factors)

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": {"id": self.old[0], "version": self.old[1]},
            "new": {"id": self.new[0], "version": self.new[1]},
            "changed": self.changed,
            "breaks_trend": self.breaks_trend,
            "scale": self.scale.as_dict(),
            "statements": [s.as_dict() for s in self.statements],
            "factors": [f.as_dict() for f in self.factors],
            "unchanged_statements": self.unchanged,
        }


def diff(old: Questionnaire, new: Questionnaire) -> QuestionnaireDiff:
    """Compare two questionnaire versions: statements, factors (trend kept or not) and the scale."""
    old_items = _indexed(old)
    new_items = _indexed(new)
    statements: list[StatementDiff] = []
    unchanged = 0
    for key, (item, factor) in new_items.items():
        if key not in old_items:
            statements.append(StatementDiff(item.id, None, factor, (Change.NEW,)))
            continue
        before, old_factor = old_items[key]
        changes, languages = _item_changes(before, item)
        if old_factor != factor:
            changes.append(Change.MOVED)
        if changes:
            statements.append(StatementDiff(item.id, old_factor, factor, tuple(changes), languages))
        elif before.fingerprint(old.scale) == item.fingerprint(new.scale):
            unchanged += 1
    statements += [
        StatementDiff(item.id, factor, None, (Change.REMOVED,))
        for key, (item, factor) in old_items.items()
        if key not in new_items
    ]
    return QuestionnaireDiff(
        old=(old.id, old.version),
        new=(new.id, new.version),
        scale=_scale_diff(old.scale, new.scale),
        statements=tuple(statements),
        factors=tuple(_factor_diffs(old, new)),
        unchanged=unchanged,
    )


def _indexed(q: Questionnaire) -> dict[str, tuple[Item, str]]:
    """Case-folded item id -> (item, factor id); ids are unique ignoring case (rules.py)."""
    return {item.id.casefold(): (item, factor.id) for factor in q.factors for item in factor.items}


def _item_changes(old: Item, new: Item) -> tuple[list[Change], tuple[str, ...]]:
    languages = tuple(sorted(_languages_changed(old.text, new.text)))
    changes = [Change.REWORDED] if languages else []
    if old.reverse != new.reverse:
        changes.append(Change.REVERSE)
    return changes, languages


def _factor_diffs(old: Questionnaire, new: Questionnaire) -> list[FactorDiff]:
    old_prints = {f.id: _prints(f.items, old.scale) for f in old.factors}
    new_prints = {f.id: _prints(f.items, new.scale) for f in new.factors}
    result: list[FactorDiff] = []
    for factor in [*new_prints, *(f for f in old_prints if f not in new_prints)]:
        before, after = old_prints.get(factor), new_prints.get(factor)
        if before is None or after is None:
            result.append(FactorDiff(factor, before is not None, after is not None, keeps_trend=False))
            continue
        added = tuple(after[k][0] for k in after if k not in before)
        removed = tuple(before[k][0] for k in before if k not in after)
        changed = tuple(after[k][0] for k in after if k in before and after[k][1] != before[k][1])
        keeps = not (added or removed or changed)
        result.append(FactorDiff(factor, True, True, keeps, added, removed, changed))
    return result


def _prints(items: list[Item], scale: Scale) -> dict[str, tuple[str, str]]:
    """Case-folded id -> (id, fingerprint) for a factor's statements."""
    return {item.id.casefold(): (item.id, item.fingerprint(scale)) for item in items}


def _scale_diff(old: Scale, new: Scale) -> ScaleDiff:
    what: list[str] = []
    if (old.min, old.max) != (new.min, new.max):
        what.append(f"points {old.min}..{old.max} -> {new.min}..{new.max}")
    languages = sorted(
        {
            lang
            for value in old.labels.keys() | new.labels.keys()
            for lang in _languages_changed(old.labels.get(value), new.labels.get(value))
        }
    )
    if languages:
        what.append(f"labels ({', '.join(languages)})")
    split = (old.favourable_split(), new.favourable_split())
    return ScaleDiff(
        changed=old.fingerprint() != new.fingerprint(),
        what=tuple(what),
        split=split if split[0] != split[1] else None,
    )


def _languages_changed(old: Text | None, new: Text | None) -> set[str]:
    """Languages whose text differs (also one that only one side has); '*' for plain one-language text."""
    before = wording(old) if old is not None else {}
    after = wording(new) if new is not None else {}
    return {lang for lang in before.keys() | after.keys() if before.get(lang) != after.get(lang)}
