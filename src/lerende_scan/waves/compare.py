"""One company's before and after: this wave against the latest earlier one, and the trend over all waves.

Works from aggregates only (the earlier waves' ``scores.json``), so a consultant need not keep anyone's
answers for a year; scoring both raw files and comparing gives the same numbers (tested). Per factor and
for the index: both means, the change with its Welch 95% CI, Hedges' g with its 95% CI, and the
statistical and the practical signal apart (:mod:`lerende_scan.waves.effect`). Per unchanged statement:
the change of its mean in the favourable direction and of its % favourable, and the largest movers.
Factors whose statements changed are not compared (:mod:`lerende_scan.waves.statements`); groups follow
the cross-wave rule (:mod:`lerende_scan.waves.privacy`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lerende_scan.errors import Code, Finding, ScanError, did_you_mean
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult, FactorResult, ItemResult
from lerende_scan.waves.effect import PRACTICAL_G, Sample, effect
from lerende_scan.waves.load import Earlier
from lerende_scan.waves.model import Change, ItemChange, TrendPoint, WaveComparison, WaveRef, WaveStat
from lerende_scan.waves.privacy import cross_wave, group_changes, respelled
from lerende_scan.waves.statements import Shared, shared

__all__ = ["MOVERS", "attach", "change", "compare", "favourable_share", "ordered"]

MOVERS = 3
"""Statements named as the largest movers, each way."""


def change(before: FactorResult, after: FactorResult, practical_g: float = PRACTICAL_G) -> Change:
    """One factor's (or the index's) change between two waves, from their aggregates."""
    eff = effect(Sample(before.n, before.mean, before.sd), Sample(after.n, after.mean, after.sd))
    stat = {
        "before": WaveStat(n=before.n, mean=before.mean, sd=before.sd),
        "after": WaveStat(n=after.n, mean=after.mean, sd=after.sd),
    }
    if eff is None:
        return Change(
            id=after.id,
            **stat,
            diff=None if before.mean is None or after.mean is None else after.mean - before.mean,
            ci_low=None,
            ci_high=None,
            g=None,
            g_low=None,
            g_high=None,
            statistical=None,
            practical=None,
        )
    return Change(
        id=after.id,
        **stat,
        diff=eff.diff,
        ci_low=eff.ci_low,
        ci_high=eff.ci_high,
        g=eff.g,
        g_low=eff.g_low,
        g_high=eff.g_high,
        statistical=eff.statistical,
        practical=eff.practical(practical_g),
    )


def favourable_share(item: ItemResult, questionnaire: Questionnaire) -> float | None:
    """Share of the item's answers that are favourable after reversal: the result's own ``favourable``,
    or, for a scores.json of an older version, worked out from its answer shares and the scale's split."""
    if item.favourable is not None:
        return item.favourable
    if not item.raw_distribution:
        return None
    scale = questionnaire.scale
    _, high = scale.favourable_split()
    total = 0.0
    for value, share in item.raw_distribution.items():
        scored = scale.min + scale.max - int(value) if item.reverse else int(value)
        if scored >= high:
            total += share
    return total


def _scored_mean(item: ItemResult, questionnaire: Questionnaire) -> float | None:
    if item.scored_mean is not None or item.mean is None:
        return item.scored_mean
    return questionnaire.scale.min + questionnaire.scale.max - item.mean if item.reverse else item.mean


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def ordered(current: CompanyResult, earlier: Sequence[CompanyResult], files: Sequence[str]) -> list[int]:
    """Indices of ``earlier`` oldest first; refuses two waves with the same date (catalogue W003).

    A wave without a date (a ``scores.json`` of an older lerende-scan) counts as older than every dated
    one, in the order given.
    """
    dates = [r.wave.date if r.wave else None for r in earlier]
    now = current.wave.date if current.wave else None
    seen: dict[object, str] = {} if now is None else {now: "this wave"}
    for date, file in zip(dates, files, strict=True):
        if date is None:
            continue
        if date in seen:
            raise ScanError.of(Code.WAVE_SAME_DATE, file=file, date=date.isoformat(), other=seen[date])
        seen[date] = file
    if now is not None:
        late = [(f, d) for d, f in zip(dates, files, strict=True) if d is not None and d > now]
        if late:
            file, then = late[0]
            raise ScanError.of(
                Code.WAVE_LATER_THAN_CURRENT, file=file, then=then.isoformat(), date=now.isoformat()
            )
    return sorted(range(len(earlier)), key=lambda i: (dates[i] is not None, dates[i] or now, i))


def compare(
    current: CompanyResult,
    earlier: Sequence[CompanyResult],
    questionnaire: Questionnaire,
    *,
    files: Sequence[str] | None = None,
    practical_g: float = PRACTICAL_G,
    groups_renamed: Mapping[str, str] | None = None,
) -> CompanyResult:
    """``current`` with ``waves`` filled in (and groups hidden by the cross-wave rule).

    ``earlier`` are this company's earlier results, any order; ``files`` names them in error messages.
    """
    names = list(files) if files is not None else ["" for _ in earlier]
    order = ordered(current, earlier, names)
    waves = [respelled(earlier[i], current, groups_renamed) for i in order]
    names = [names[i] for i in order]
    shares = [shared(w, current, file=f) for w, f in zip(waves, names, strict=True)]
    current, hidden_now = cross_wave(current, waves, questionnaire)
    previous, common = waves[-1], shares[-1]
    factors = [change(previous.factor(fid), current.factor(fid), practical_g) for fid in common.factors]
    index = change(previous.index, current.index, practical_g) if common.index else None
    items = _item_changes(previous, current, common.items, questionnaire)
    rising = sorted((c for c in items if (c.diff or 0) > 0), key=lambda c: -(c.diff or 0))
    falling = sorted((c for c in items if (c.diff or 0) < 0), key=lambda c: c.diff or 0)
    refs = [w.wave or WaveRef() for w in waves]
    comparison = WaveComparison(
        previous=refs[-1],
        current=current.wave or WaveRef(),
        previous_version=previous.questionnaire.version,
        practical_g=practical_g,
        index=index,
        factors=factors,
        not_compared=common.not_compared,
        statements=common.changed,
        items=items,
        movers_up=[c.id for c in rising[:MOVERS]],
        movers_down=[c.id for c in falling[:MOVERS]],
        groups=group_changes(current, previous, common.factors, hidden_now, index=common.index),
        hidden_now=hidden_now,
        waves=[*refs, current.wave or WaveRef()],
        trend=_trend(current, waves, shares, refs),
    )
    return current.model_copy(update={"waves": comparison})


def _item_changes(
    previous: CompanyResult, current: CompanyResult, item_ids: Sequence[str], questionnaire: Questionnaire
) -> list[ItemChange]:
    old = {i.id: i for f in previous.factors for i in f.items}
    new = {i.id: (f.id, i) for f in current.factors for i in f.items}
    out = []
    for item_id in item_ids:
        fid, now = new[item_id]
        then = old[item_id]
        before, after = _scored_mean(then, questionnaire), _scored_mean(now, questionnaire)
        fav_before, fav_after = favourable_share(then, questionnaire), favourable_share(now, questionnaire)
        out.append(
            ItemChange(
                id=item_id,
                factor=fid,
                before=before,
                after=after,
                diff=_minus(after, before),
                favourable_before=fav_before,
                favourable_after=fav_after,
                favourable_diff=_minus(fav_after, fav_before),
            )
        )
    return out


def _trend(
    current: CompanyResult, waves: Sequence[CompanyResult], shares: Sequence[Shared], refs: Sequence[WaveRef]
) -> dict[str, list[TrendPoint]]:
    """Per factor (and the index): one point per wave whose statements are the current ones, then now."""

    def point(ref: WaveRef, f: FactorResult) -> TrendPoint:
        return TrendPoint(
            wave=ref.label, date=ref.date, n=f.n, mean=f.mean, ci_low=f.ci_low, ci_high=f.ci_high
        )

    now = current.wave or WaveRef()
    trend: dict[str, list[TrendPoint]] = {}
    for f in [*current.factors, current.index]:
        points = []
        for wave, common, ref in zip(waves, shares, refs, strict=True):
            ok = common.index if f.id == current.index.id else f.id in common.factors
            if ok:
                points.append(point(ref, wave.index if f.id == current.index.id else wave.factor(f.id)))
        if points:
            trend[f.id] = [*points, point(now, f)]
    return trend


def attach(
    results: Sequence[CompanyResult],
    earlier: Sequence[Earlier],
    questionnaire: Questionnaire,
    *,
    renamed: Mapping[str, str] | None = None,
    groups_renamed: Mapping[str, str] | None = None,
    practical_g: float = PRACTICAL_G,
) -> tuple[list[CompanyResult], list[Finding]]:
    """Every company with its earlier waves compared; companies match by name, or ``renamed`` old -> new.

    A company without an earlier wave, and an earlier wave without a company, is a warning (W007, W008).
    """
    renamed = dict(renamed or {})
    by_company: dict[str, list[Earlier]] = {}
    for e in earlier:
        by_company.setdefault(renamed.get(e.result.company, e.result.company), []).append(e)
    names = {r.company for r in results}
    findings: list[Finding] = []
    out: list[CompanyResult] = []
    for r in results:
        mine = by_company.get(r.company)
        if not mine:
            found = ", ".join(sorted({e.result.company for e in earlier})) or "none"
            findings.append(Finding(Code.WAVE_NO_MATCH, params={"company": r.company, "found": found}))
            out.append(r)
            continue
        files = [e.file for e in mine]
        out.append(
            compare(
                r,
                [e.result for e in mine],
                questionnaire,
                files=files,
                practical_g=practical_g,
                groups_renamed=groups_renamed,
            )
        )
    for company, mine in by_company.items():
        if company not in names:
            near = did_you_mean(company, names)
            findings.append(
                Finding(
                    Code.WAVE_PREVIOUS_UNUSED,
                    file=mine[0].file,
                    params={"company": company, "suggestion": f"; did you mean '{near}'?" if near else ""},
                )
            )
    return out, findings
