"""The questionnaire's semantic rules: ids and columns, translations, scale, bands, factors, leaders, drivers.

They run on the raw data with defensive type checks, before pydantic, so one run reports all problems even
when a shape is wrong elsewhere in the file; a rule that reports a spot silences pydantic's (less clear)
word on it (:meth:`.Located.handled`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard

from lerende_scan.errors import Code, did_you_mean
from lerende_scan.questionnaire.locate import Located, describe, get
from lerende_scan.questionnaire.model import ID_HEADERS, MIN_DRIVER_RESPONDENTS, slugify
from lerende_scan.questionnaire.yaml import PathT

__all__ = ["check_rules"]


def check_rules(found: Located) -> None:
    """Run every semantic rule on the file's data, adding located findings."""
    for rule in (_check_scale, _check_scoring, _check_factors, _check_ids,
                 _check_columns, _check_column_roles, _check_translations, _check_leaders,
                 _check_drivers):  # fmt: skip
        rule(found)


def _scale(data: dict[str, Any]) -> tuple[int, int] | None:
    scale = data.get("scale")
    if not isinstance(scale, dict):
        return None
    lo, hi = scale.get("min"), scale.get("max")
    if _is_int(lo) and _is_int(hi) and lo < hi:
        return lo, hi
    return None


def _check_scale(found: Located) -> None:
    scale = found.data.get("scale")
    if not isinstance(scale, dict):
        return
    lo, hi = scale.get("min"), scale.get("max")
    if _is_int(lo) and _is_int(hi):
        if lo >= hi:
            found.handled(Code.SCALE_ORDER, ("scale", "max"), min=lo, max=hi)
        elif hi - lo + 1 > 11:
            found.handled(Code.SCALE_POINTS, ("scale", "max"), points=hi - lo + 1)
    bounds = _scale(found.data)
    if bounds:
        _check_split(found, scale, bounds)
    labels = scale.get("labels")
    if isinstance(labels, dict):
        # `1:` and `"1":` are two keys to YAML but one scale point: the later label would replace the other.
        point: dict[int, Any] = {}
        for value in labels:
            number = _as_int(value)
            if number is None:
                continue
            if number in point:
                key = ("scale", "labels", point[number])
                found.add(Code.YAML_DUPLICATE_KEY, ("scale", "labels", value), "key",
                          key=value, first_line=found.first_line(key))  # fmt: skip
            else:
                point[number] = value
    if bounds and isinstance(labels, dict):
        for value in labels:
            number = _as_int(value)
            if number is not None and not bounds[0] <= number <= bounds[1]:
                found.add(Code.LABEL_OUTSIDE_SCALE, ("scale", "labels", value), "key",
                          value=number, min=bounds[0], max=bounds[1])  # fmt: skip


def _check_split(found: Located, scale: dict[str, Any], bounds: tuple[int, int]) -> None:
    """The favourable split: both cut-offs on the scale, unfavourable answers below favourable ones."""
    lo, hi = bounds
    width = 1 if hi - lo + 1 >= 5 else 0  # the defaults of Scale.favourable_split
    given: dict[str, int] = {}
    for key in ("unfavourable_to", "favourable_from"):
        value = scale.get(key)
        if not _is_int(value):
            continue  # absent (the default), or a wrong type that pydantic reports
        if lo <= value <= hi:
            given[key] = value
        else:
            found.handled(Code.SPLIT_OUTSIDE_SCALE, ("scale", key), key=key, value=value, min=lo, max=hi)
            return
    low = given.get("unfavourable_to", lo + width)
    high = given.get("favourable_from", hi - width)
    if given and low >= high:
        key = "favourable_from" if "favourable_from" in given else "unfavourable_to"
        found.handled(Code.SPLIT_ORDER, ("scale", key), low=low, high=high)


def _check_scoring(found: Located) -> None:
    scoring = found.data.get("scoring")
    if not isinstance(scoring, dict):
        return
    share = scoring.get("min_answered")
    if _is_number(share) and not 0 < share <= 1:
        found.handled(Code.MIN_ANSWERED_RANGE, ("scoring", "min_answered"), value=share)
    bands = scoring.get("bands")
    if not isinstance(bands, list):
        return
    bounds = _scale(found.data)
    previous: float | None = None
    seen: dict[str, int] = {}
    for index, band in enumerate(bands):
        if not isinstance(band, dict):
            continue
        path: PathT = ("scoring", "bands", index)
        band_id = _band_id(band, found.data)
        if band_id in seen:
            where = (*path, "id") if "id" in band else path
            found.add(Code.BAND_ID_DUPLICATE, where, index=index + 1, id=band_id, first=seen[band_id] + 1)
        elif band_id is not None:
            seen[band_id] = index
        below = band.get("below")
        last = index == len(bands) - 1
        if below is None:
            if not last:
                found.add(Code.BAND_UNBOUNDED, path, index=index + 1)
            continue
        if not _is_number(below):
            continue
        if last:
            found.add(Code.BAND_LAST_BOUNDED, (*path, "below"), below=below)
        if previous is not None and below <= previous:
            found.add(Code.BAND_ORDER, (*path, "below"), index=index + 1, below=below, previous=previous)
        if bounds and not bounds[0] < below <= bounds[1]:
            found.add(Code.BAND_OUTSIDE_SCALE, (*path, "below"), index=index + 1, below=below,
                      min=bounds[0], max=bounds[1])  # fmt: skip
        previous = below


def _band_id(band: dict[str, Any], data: dict[str, Any]) -> str | None:
    """The id a band is filed under (:meth:`Questionnaire.band_id`): its own, else a slug of its label in
    the first language; None when the file does not say (other rules report that)."""
    if isinstance(band.get("id"), str):
        return str(band["id"])
    label = band.get("label")
    languages = data.get("languages")
    first = languages[0] if isinstance(languages, list) and languages else "nl"
    text = label.get(first) if isinstance(label, dict) else label
    return slugify(text) if isinstance(text, str) else None


def _factors(data: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    factors = data.get("factors")
    if isinstance(factors, list):
        for index, factor in enumerate(factors):
            if isinstance(factor, dict):
                yield index, factor


def _items(data: dict[str, Any]) -> Iterator[tuple[PathT, dict[str, Any]]]:
    for f_index, factor in _factors(data):
        items = factor.get("items")
        if isinstance(items, list):
            for i_index, item in enumerate(items):
                if isinstance(item, dict):
                    yield ("factors", f_index, "items", i_index), item


def _check_factors(found: Located) -> None:
    data = found.data
    if "factors" in data and (data["factors"] is None or data["factors"] == []):
        found.handled(Code.NO_FACTORS, ("factors",))
    for index, factor in _factors(data):
        name = factor.get("id") if isinstance(factor.get("id"), str) else f"#{index + 1}"
        path: PathT = ("factors", index, "items")
        items = factor.get("items", [])
        if "items" in factor and (items is None or items == []):
            found.handled(Code.NO_ITEMS, path, "key", factor=name)
        elif isinstance(items, list) and len(items) == 1:
            found.add(Code.ONE_ITEM, path, "key", factor=name)


def _check_ids(found: Located) -> None:
    seen: dict[str, PathT] = {}
    for index, factor in _factors(found.data):
        _unique(found, factor.get("id"), ("factors", index, "id"), seen, Code.DUPLICATE_FACTOR_ID)
    seen = {}
    folded: dict[str, tuple[str, PathT]] = {}  # headers match ignoring case, so ids must differ in more
    for path, item in _items(found.data):
        ident = item.get("id")
        _unique(found, ident, (*path, "id"), seen, Code.DUPLICATE_ITEM_ID)
        if not isinstance(ident, str):
            continue
        first = folded.setdefault(ident.casefold(), (ident, (*path, "id")))
        if first[0] != ident:
            found.add(Code.ITEM_ID_CASE, (*path, "id"), id=ident, other=first[0],
                      first_line=found.first_line(first[1]))  # fmt: skip


def _unique(found: Located, ident: Any, path: PathT, seen: dict[str, PathT], code: Code) -> None:
    if not isinstance(ident, str):
        return
    if ident in seen:
        found.add(code, path, id=ident, first_line=found.first_line(seen[ident]))
    else:
        seen[ident] = path


def _check_columns(found: Located) -> None:
    """Every column name (item id or code) must identify one item; header matching ignores case.

    Ids claim their names first, so a code that repeats another item's id is the one reported.
    """
    owner: dict[str, str] = {}
    items = [
        (path, item["id"], item.get("codes"))
        for path, item in _items(found.data)
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
                found.add(Code.DUPLICATE_COLUMN_NAME, where, where=found.where(where), name=code, other=other)
    # Exports may use the full question text as the header, so two items must not share a text.
    for path, item in _items(found.data):
        text, ident = item.get("text"), item.get("id")
        if not isinstance(ident, str):
            continue
        located = [((*path, "text"), text)] if isinstance(text, str) else []
        if isinstance(text, dict):
            located = [((*path, "text", lang), t) for lang, t in text.items() if isinstance(t, str)]
        for where, value in located:
            other = owner.setdefault(value.strip().casefold(), ident)
            if other != ident and value.strip():
                found.add(
                    Code.DUPLICATE_COLUMN_NAME, where, where=found.where(where), name=value, other=other
                )


RESERVED_FACTOR_IDS = {"index": "the overall index", "company": "the company column of the outputs"}
"""Factor ids the outputs use for something else (scores.json ``index``, respondent_scores.csv columns)."""

COMPANY_COLUMN = "company"  # the column a sector export names its companies in (see ingest)


def _item_columns(data: dict[str, Any]) -> dict[str, str]:
    """Every header that means an item (its id and codes, matched ignoring case) -> the item id."""
    owner: dict[str, str] = {}
    for _, item in _items(data):
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        codes = item.get("codes")
        for name in [ident, *(c for c in (codes if isinstance(codes, list) else []) if isinstance(c, str))]:
            owner.setdefault(name.strip().casefold(), ident)
    return owner


def _check_column_roles(found: Located) -> None:
    """A column plays one part: groups, the respondent id and the leaders column are not items, a group
    is listed once and is not the respondent id, and no factor or item takes a name the outputs reserve.

    Each of these passed validation and then misled at scoring time: a group listed twice was reported as
    "not in the file", an item as a group the same, and ``codes: [company]`` made the company column an
    answer column.
    """
    data = found.data
    items = _item_columns(data)
    for index, factor in _factors(data):
        ident = factor.get("id")
        if isinstance(ident, str) and ident.strip().casefold() in RESERVED_FACTOR_IDS:
            meaning = RESERVED_FACTOR_IDS[ident.strip().casefold()]
            found.add(
                Code.RESERVED_ID, ("factors", index, "id"), name=ident, meaning=meaning, what="a factor id"
            )
    for path, item in _items(data):
        codes = item.get("codes")
        named = [((*path, "id"), item.get("id"))]
        named += [((*path, "codes", n), c) for n, c in enumerate(codes if isinstance(codes, list) else [])]
        for where, name in named:
            if isinstance(name, str) and name.strip().casefold() == COMPANY_COLUMN:
                found.add(Code.RESERVED_ID, where, name=name, meaning="the company column of an export",
                          what="an item's column")  # fmt: skip
    respondent_id = data.get("respondent_id")
    rid = respondent_id.strip().casefold() if isinstance(respondent_id, str) else None
    if rid == COMPANY_COLUMN:  # the ingest reads that column as the companies, never as an id
        found.add(Code.RESERVED_ID, ("respondent_id",), name=respondent_id,
                  meaning="the company column of an export", what="the respondent id")  # fmt: skip
    elif rid is not None and rid in items:
        found.add(Code.COLUMN_IS_ITEM, ("respondent_id",), role="respondent_id", name=respondent_id,
                  item=items[rid], use="a respondent id")  # fmt: skip
    groups = data.get("groups")
    seen: dict[str, int] = {}
    for n, group in enumerate(groups if isinstance(groups, list) else []):
        if not isinstance(group, str):
            continue
        key = group.strip().casefold()
        if key in seen:
            found.add(Code.GROUP_TWICE, ("groups", n), name=group, first=seen[key] + 1)
            continue
        seen[key] = n
        if key in items:
            found.add(Code.COLUMN_IS_ITEM, ("groups", n), role="group column", name=group, item=items[key],
                      use="a group")  # fmt: skip
        elif key == rid or (rid is None and key in {h.casefold() for h in ID_HEADERS}):
            found.add(Code.GROUP_IS_RESPONDENT_ID, ("groups", n), name=group)


def _languages(data: dict[str, Any]) -> list[str] | None:
    langs = data.get("languages", ["nl"])
    if isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs):
        return langs
    return None


def _texts(data: dict[str, Any]) -> Iterator[PathT]:
    """Paths of every Text/TextList value present in the data."""
    for key in ("title", "description"):
        if data.get(key) is not None:
            yield (key,)
    scale = data.get("scale")
    if isinstance(scale, dict) and isinstance(scale.get("labels"), dict):
        yield from (("scale", "labels", k) for k in scale["labels"])
    scoring = data.get("scoring")
    if isinstance(scoring, dict) and isinstance(scoring.get("bands"), list):
        for index, band in enumerate(scoring["bands"]):
            if isinstance(band, dict) and band.get("label") is not None:
                yield ("scoring", "bands", index, "label")
    for index, factor in _factors(data):
        yield from (
            ("factors", index, k) for k in ("name", "description", "advice") if factor.get(k) is not None
        )
    for path, item in _items(data):
        if item.get("text") is not None:
            yield (*path, "text")


def _check_translations(found: Located) -> None:
    langs = _languages(found.data)
    if langs is None:
        return
    shown = "[" + ", ".join(langs) + "]"
    example = "{" + ", ".join(f"{lang}: ..." for lang in langs) + "}"
    for path in _texts(found.data):
        text = get(found.data, path)
        where = ", ".join(describe(path, found.data)) + ": "
        if isinstance(text, (str, list)):
            if len(langs) > 1:
                for lang in langs[1:]:
                    found.add(
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
                    found.add(
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
                    found.add(
                        Code.MISSING_TRANSLATION,
                        at,
                        where=where,
                        lang=lang,
                        languages=shown,
                        example=example,
                    )


def _check_leaders(found: Located) -> None:
    leaders = found.data.get("leaders")
    if not isinstance(leaders, dict) or not isinstance(leaders.get("column"), str):
        return
    groups = found.data.get("groups", [])
    if not isinstance(groups, list):
        return
    if leaders["column"] not in groups:
        shown = "[" + ", ".join(str(g) for g in groups) + "]"
        found.add(Code.UNKNOWN_GROUP_COLUMN, ("leaders", "column"), column=leaders["column"], groups=shown)


def _check_drivers(found: Located) -> None:
    """The driver analysis names factors that exist, an outcome apart from at least two predictors."""
    drivers = found.data.get("drivers")
    if not isinstance(drivers, dict):
        return
    factors = {f["id"]: f for _, f in _factors(found.data) if isinstance(f.get("id"), str)}
    named: list[tuple[PathT, str, str]] = []  # (path, factor id, role)
    outcome = drivers.get("outcome")
    if isinstance(outcome, str):
        named.append((("drivers", "outcome"), outcome, "outcome"))
    predictors = drivers.get("predictors")
    if isinstance(predictors, list):
        named += [(("drivers", "predictors", i), p, "predictor") for i, p in enumerate(predictors)
                  if isinstance(p, str)]  # fmt: skip
    seen: set[str] = set()
    for path, ident, role in named:
        if ident not in factors:
            hint = did_you_mean(ident, factors)
            suggestion = f"; did you mean '{hint}'?" if hint else ""
            found.add(Code.DRIVER_UNKNOWN_FACTOR, path, role=role, id=ident, suggestion=suggestion,
                      factors=", ".join(factors))  # fmt: skip
        elif role == "predictor" and ident == outcome:
            found.add(Code.DRIVER_OUTCOME_PREDICTOR, path, id=ident)
        elif role == "predictor" and ident in seen:
            found.add(Code.DRIVER_DUPLICATE_PREDICTOR, path, id=ident)
        elif isinstance(items := factors[ident].get("items"), list) and len(items) == 1:
            found.add(Code.DRIVER_FEW_ITEMS, path, role=role, id=ident, items=len(items))
        seen.add(ident)
    if isinstance(predictors, list):
        distinct = {p for p in predictors if isinstance(p, str) and p != outcome}
        if len(distinct) < 2:
            found.handled(Code.DRIVER_TOO_FEW_PREDICTORS, ("drivers", "predictors"), count=len(distinct))
    minimum = drivers.get("min_respondents")
    if _is_int(minimum) and minimum < MIN_DRIVER_RESPONDENTS:
        found.handled(Code.DRIVER_MIN_RESPONDENTS, ("drivers", "min_respondents"), value=minimum,
                      minimum=MIN_DRIVER_RESPONDENTS)  # fmt: skip


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
