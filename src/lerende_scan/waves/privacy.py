"""The anonymity rule across waves: no change, and no level, that singles out the few who came or went.

Within one wave, :mod:`lerende_scan.scoring.privacy` hides small groups and the groups that would expose
them by subtraction. Two waves add one more way in: a group of six shown in the first wave and of five in
the second tells whoever holds both reports roughly what the one person who left had answered (the sum
of the first wave minus the sum of the second, blurred only by how much the others' answers moved).

**The rule** (applied when a wave is scored with ``--previous``): a group of a breakdown, and each side of
the leader/employee comparison, may be shown in this wave only when, for every earlier wave in which it was
shown, its size changed by 0 or by at least ``anonymity.min_group_size`` respondents. A group failing it
is hidden in this wave (:func:`cross_wave`), and when that leaves it the only hidden group of its
breakdown, the smallest other shown group is hidden with it, so it cannot be recovered as the company
total minus the shown groups. A change is shown only for a group shown in both waves
(:func:`group_changes`); a group hidden in either wave never gets one.

The company total is not subject to the rule: comparing the company is the point, and one person in a
company of many is lost in everyone else's change. What remains, and the README says so: a size change of
zero may hide one person leaving and one joining; waves not passed with ``--previous`` are not checked;
each earlier report, once handed out, stays what it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import Breakdown, CompanyResult, GroupScore, LeaderComparison
from lerende_scan.waves.model import GroupChange

__all__ = ["cross_wave", "group_changes", "size_change_allowed"]


def size_change_allowed(before: int, after: int, min_size: int) -> bool:
    """A group shown in two waves may be shown again when its size changed by 0 or by ≥ ``min_size``."""
    return before == after or abs(after - before) >= min_size


def _shown(result: CompanyResult) -> dict[tuple[str, str], int]:
    return {(b.column, g.name): g.n for b in result.groups for g in b.groups if g.n is not None}


def cross_wave(
    current: CompanyResult, earlier: Sequence[CompanyResult], questionnaire: Questionnaire
) -> tuple[CompanyResult, list[str]]:
    """``current`` with the groups (and leader comparison) hidden that the rule hides; and which they are.

    The returned names are ``"column: group"``, for the report's note. Groups hidden for the rule carry no
    numbers, exactly like groups hidden within a wave.
    """
    k = questionnaire.anonymity.min_group_size
    before = [_shown(r) for r in earlier]
    forced: dict[str, set[str]] = {}
    for b in current.groups:
        for g in b.groups:
            if g.suppressed or g.n is None:
                continue
            key = (b.column, g.name)
            if any(key in shown and not size_change_allowed(shown[key], g.n, k) for shown in before):
                forced.setdefault(b.column, set()).add(g.name)
    groups: list[Breakdown] = []
    hidden_now: list[str] = []
    newly: dict[str, set[str]] = {}
    for b in current.groups:
        force = forced.get(b.column, set())
        if force:
            hidden = {g.name for g in b.groups if g.suppressed} | force
            if len(hidden) == 1:  # alone it would be the total minus the shown groups
                rest = sorted((g.n or 0, g.name) for g in b.groups if g.name not in hidden)
                if rest:
                    hidden.add(rest[0][1])
            newly[b.column] = hidden - {g.name for g in b.groups if g.suppressed}
            hidden_now += [f"{b.column}: {name}" for name in sorted(force)]
            b = b.model_copy(
                update={
                    "groups": [
                        GroupScore(name=g.name, suppressed=True) if g.name in hidden else g for g in b.groups
                    ]
                }
            )
        groups.append(b)
    leaders = _leaders(current, earlier, questionnaire, groups, newly)
    return current.model_copy(update={"groups": groups, "leaders": leaders}), hidden_now


def _leaders(
    current: CompanyResult,
    earlier: Sequence[CompanyResult],
    questionnaire: Questionnaire,
    groups: list[Breakdown],
    newly: dict[str, set[str]],
) -> LeaderComparison | None:
    """The leader/employee comparison, hidden when a side's size changed by 1 to k−1 since a wave that
    showed it, or when a group hidden just now in the leader column would be its side's only hidden one."""
    lead = current.leaders
    config = questionnaire.leaders
    if lead is None or lead.suppressed or config is None:
        return lead
    k = questionnaire.anonymity.min_group_size
    for old in earlier:
        was = old.leaders
        if was is None or was.suppressed or was.n_leaders is None or was.n_employees is None:
            continue
        if not (
            size_change_allowed(was.n_leaders, lead.n_leaders or 0, k)
            and size_change_allowed(was.n_employees, lead.n_employees or 0, k)
        ):
            return LeaderComparison(suppressed=True)
    if config.column in newly:
        values = {v.strip().casefold() for v in config.values}
        breakdown = next(b for b in groups if b.column == config.column)
        for is_leader in (True, False):
            hidden = [
                g.name
                for g in breakdown.groups
                if g.suppressed and (g.name.strip().casefold() in values) is is_leader
            ]
            if len(hidden) == 1:
                return LeaderComparison(suppressed=True)
    return lead


def group_changes(
    current: CompanyResult,
    previous: CompanyResult,
    factors: Sequence[str],
    hidden_now: Sequence[str],
    *,
    index: bool,
) -> list[GroupChange]:
    """Per group in both waves: the change of its index and comparable factors, or ``hidden`` without
    numbers when either wave hides it (``size_changed`` when this wave hides it for the cross-wave rule)."""
    old = {(b.column, g.name): g for b in previous.groups for g in b.groups}
    out: list[GroupChange] = []
    for b in current.groups:
        for g in b.groups:
            was = old.get((b.column, g.name))
            if was is None:
                continue
            if g.suppressed or was.suppressed or g.n is None or was.n is None:
                reason = "size_changed" if f"{b.column}: {g.name}" in hidden_now else "hidden_in_a_wave"
                out.append(GroupChange(column=b.column, name=g.name, hidden=True, reason=reason))
                continue
            now, then = g.factors or {}, was.factors or {}
            out.append(
                GroupChange(
                    column=b.column,
                    name=g.name,
                    hidden=False,
                    n_before=was.n,
                    n_after=g.n,
                    index=_minus(g.index, was.index) if index else None,
                    factors={f: _minus(now.get(f), then.get(f)) for f in factors},
                )
            )
    return out


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b
