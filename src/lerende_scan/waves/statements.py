"""Which statements and factors two waves share: the rule that a trend breaks when a statement changes.

Statements are matched by item id and compared by fingerprint (wording in every language, keying and
scale; see :mod:`lerende_scan.waves.stamp`). A statement is

- ``new`` or ``removed`` when it is in one wave only;
- ``reverse-keying`` when its keying changed, ``reworded`` when its wording changed (not compared);
- ``moved`` when it now belongs to another factor: it is still compared one to one, but both factors'
  scores are made of other statements now.

The words are those of ``scan diff`` (:class:`lerende_scan.questionnaire.diff.Change`), which compares two
questionnaire files; here only the earlier wave's aggregates are at hand, so the fingerprints and the keying
recorded in ``scores.json`` decide. A factor is compared only when none of its statements is new, removed,
reworded, re-keyed or moved; the index only when every factor is. A changed scale stops the whole comparison
(catalogue W004). A ``scores.json`` written before fingerprints existed is comparable only when its
questionnaire content hash equals the current one (else W005).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lerende_scan.errors import Code, ScanError
from lerende_scan.questionnaire.diff import Change
from lerende_scan.results import CompanyResult, ItemResult
from lerende_scan.waves.model import StatementChange

__all__ = ["Shared", "shared"]


@dataclass(frozen=True)
class Shared:
    """What two waves have in common, in the current wave's order."""

    items: list[str]  # statements compared one to one
    factors: list[str]  # factors compared at factor level
    index: bool
    changed: list[StatementChange] = field(default_factory=list)
    not_compared: dict[str, list[StatementChange]] = field(default_factory=dict)


def _items(result: CompanyResult) -> dict[str, tuple[str, ItemResult]]:
    return {i.id: (f.id, i) for f in result.factors for i in f.items}


def _check_scale(before: CompanyResult, after: CompanyResult, file: str) -> bool:
    """True when both carry fingerprints; raises when the scale changed or nothing can be checked."""
    old, new = before.questionnaire.scale, after.questionnaire.scale
    if old is None or new is None:
        if before.questionnaire.hash == after.questionnaire.hash:
            return False
        raise ScanError.of(
            Code.WAVE_NO_FINGERPRINTS,
            file=file,
            theirs=f"{before.questionnaire.version} ({before.questionnaire.hash})",
            ours=f"{after.questionnaire.version} ({after.questionnaire.hash})",
        )
    if old.fingerprint != new.fingerprint or (old.min, old.max) != (new.min, new.max):  # an edited file
        what = (
            f"{old.min}..{old.max} became {new.min}..{new.max}"
            if (old.min, old.max) != (new.min, new.max)
            else f"the answer labels of {new.min}..{new.max} were reworded"
        )
        raise ScanError.of(Code.WAVE_SCALE_CHANGED, file=file, what=what)
    return True


def shared(before: CompanyResult, after: CompanyResult, *, file: str = "") -> Shared:
    """The statements and factors ``before`` and ``after`` share (see the module docstring)."""
    fingerprints = _check_scale(before, after, file)
    old, new = _items(before), _items(after)
    changed: list[StatementChange] = []
    touched: dict[str, list[StatementChange]] = {}

    def mark(change: StatementChange, *factors: str) -> None:
        changed.append(change)
        for fid in dict.fromkeys(factors):
            touched.setdefault(fid, []).append(change)

    same: list[str] = []
    for item_id, (fid, item) in new.items():
        if item_id not in old:
            mark(StatementChange(id=item_id, factor=fid, reason=Change.NEW.value), fid)
            continue
        old_fid, old_item = old[item_id]
        if fingerprints and old_item.fingerprint != item.fingerprint:
            changed_how = Change.REVERSE if old_item.reverse != item.reverse else Change.REWORDED
            mark(StatementChange(id=item_id, factor=fid, reason=changed_how.value), fid, old_fid)
            continue
        same.append(item_id)
        if old_fid != fid:
            mark(StatementChange(id=item_id, factor=fid, reason=Change.MOVED.value), fid, old_fid)
    for item_id, (old_fid, _) in old.items():
        if item_id not in new:
            mark(StatementChange(id=item_id, factor=old_fid, reason=Change.REMOVED.value), old_fid)
    old_factors = {f.id for f in before.factors}
    factors = [f.id for f in after.factors if f.id in old_factors and f.id not in touched]
    not_compared = {f.id: touched[f.id] for f in after.factors if f.id in touched}
    index = len(factors) == len(after.factors) == len(before.factors)
    return Shared(same, factors, index, changed, not_compared)
