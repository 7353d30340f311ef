"""The response rate: usable responses against the number invited, overall and per group.

The invited counts come from ``--invited N`` (one company) or a population table (``--population FILE``,
read with :func:`lerende_scan.ingest.read_table`): an ``invited`` column (or ``uitgenodigd``), optionally
a company column and group columns named as the breakdowns are. A row with every group column blank is a
company's total; a row with one group column filled is that group. Without a total row the total is the
sum of the first group column's rows. Group values match as the breakdowns do: ignoring case and
surrounding spaces.

Responses are the valid respondents, the ones the scores are made of. A group hidden in its breakdown
shows its invited count but no responses and no rate (with the invited count, a rate would give its size
away). A company or shown group with more responses than invited gets a warning (S003): the count is
wrong somewhere, and the report shows the rate as it is rather than hide it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lerende_scan.errors import Code, Finding, ScanError, did_you_mean
from lerende_scan.results import CompanyResult, GroupResponse, ResponseRate
from lerende_scan.scoring.quality import group_key

__all__ = ["ANY_COMPANY", "Population", "add_response", "read_population"]

ANY_COMPANY = ""
"""The company key of a population without a company column: its counts apply to every company."""

_INVITED = ("invited", "uitgenodigd")
_TABLE_FIX = (
    "give a table with an 'invited' column, optionally a company column and group columns (one row per"
    " company or group), or pass --invited N for a single company"
)
"""S004's fix when the problem has none of its own: one fix per message, not two."""


def _key(value: object) -> str:
    return group_key(str(value))  # as the responses' companies and groups are told apart


@dataclass(frozen=True)
class Population:
    """Invited counts: per company key (casefolded; :data:`ANY_COMPANY` for all), a total and per
    ``(column, group)`` (both casefolded)."""

    totals: Mapping[str, int] = field(default_factory=dict)
    groups: Mapping[str, Mapping[tuple[str, str], int]] = field(default_factory=dict)
    file: str = ""
    """The table's file name, for messages."""
    names: Mapping[str, str] = field(default_factory=dict)
    """Each company key as the table writes the name, for messages."""
    group_names: Mapping[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """Each ``(column, group)`` key as the table writes them, for messages."""

    @classmethod
    def invited(cls, n: int) -> Population:
        """``--invited N``: one total for the company of a single-company export."""
        if n < 1:
            raise ScanError.of(
                Code.POPULATION_INVALID,
                reason=f"--invited is {n}",
                fix="pass the number of people invited, 1 or more",
            )
        return cls(totals={ANY_COMPANY: n})

    def for_company(self, company: str) -> tuple[int | None, Mapping[tuple[str, str], int]]:
        key = _key(company)
        if key in self.totals or key in self.groups:
            return self.totals.get(key), self.groups.get(key, {})
        return self.totals.get(ANY_COMPANY), self.groups.get(ANY_COMPANY, {})


_COUNT = re.compile(r"([0-9]{1,9})(?:[.,]0+)?")
"""An invited count: ASCII digits, fewer than a billion people; "140.0" as a spreadsheet writes 140."""


def read_population(path: Path, company_column: str | None = None) -> Population:
    """A population table as :class:`Population`; ScanError (S004) for a table that cannot be used."""
    from lerende_scan.ingest import read_table
    from lerende_scan.ingest.headers import COMPANY_HEADERS

    frame = read_table(path)
    name = path.name
    keys = [_key(h) for h in frame.columns]
    twice = next((str(h) for h, k in zip(frame.columns, keys, strict=True) if keys.count(k) > 1), None)
    if twice is not None:
        what = f"the column '{twice}' is there twice" if twice.strip() else "two columns have no name"
        raise ScanError.of(
            Code.POPULATION_INVALID, file=name, row=1, reason=what, fix="name every column once"
        )
    headers = {_key(h): str(h) for h in frame.columns}
    invited = next((headers[h] for h in _INVITED if h in headers), None)
    if invited is None:
        raise ScanError.of(Code.POPULATION_INVALID, file=name, reason="no 'invited' column", fix=_TABLE_FIX)
    wanted = (_key(company_column),) if company_column else COMPANY_HEADERS
    company = next((headers[h] for h in wanted if h in headers), None)
    group_columns = [str(h) for h in frame.columns if str(h) not in (invited, company)]
    totals: dict[str, int] = {}
    groups: dict[str, dict[tuple[str, str], int]] = {}
    names: dict[str, str] = {}
    group_names: dict[tuple[str, str], tuple[str, str]] = {}
    seen: dict[tuple[str, tuple[str, str] | None], int] = {}  # (company, (column, group)) -> its row
    rows: list[int] = frame.attrs["rows"]  # as a spreadsheet numbers them, blank lines counted
    for i, row in enumerate(frame.to_dict("records")):
        raw = row[invited]
        if pd.isna(raw):
            continue
        text = str(raw).strip()
        match = _COUNT.fullmatch(text)
        if match is None:  # str.isdigit() also takes '²', which int() refuses
            raise ScanError.of(
                Code.POPULATION_INVALID,
                file=name,
                row=rows[i],
                reason=f"'{text[:20]}' is not a whole number of people invited (at most 9 digits)",
                fix="write the number of people invited, for example 40",
            )
        count = int(match[1])
        who = ANY_COMPANY if company is None or pd.isna(row[company]) else _key(row[company])
        if who:
            names.setdefault(who, str(row[company]).strip())
        filled = [(c, str(row[c]).strip()) for c in group_columns if not pd.isna(row[c])]
        if len(filled) > 1:
            raise ScanError.of(
                Code.POPULATION_INVALID,
                file=name,
                row=rows[i],
                reason="more than one group column filled in",
                fix="give one row per group",
            )
        group = (_key(filled[0][0]), _key(filled[0][1])) if filled else None
        first = seen.setdefault((who, group), rows[i])
        before = totals.get(who) if group is None else groups.get(who, {}).get(group)
        if before is not None and before != count:
            what = "the total" if group is None else f"group '{filled[0][1]}'"
            of = f" of '{names[who]}'" if who else ""
            raise ScanError.of(
                Code.POPULATION_INVALID,
                file=name,
                row=rows[i],
                reason=f"{what}{of} has two invited counts, {before} in row {first} and {count} here",
                fix="keep one row",
            )
        if filled:
            ((column, value),) = filled
            group_names.setdefault((_key(column), _key(value)), (column, value))
            groups.setdefault(who, {})[(_key(column), _key(value))] = count
        else:
            totals[who] = count
    for who, counts in groups.items():
        if who not in totals and counts:
            first_column = next(iter(counts))[0]
            totals[who] = sum(n for (column, _), n in counts.items() if column == first_column)
    return Population(totals=totals, groups=groups, file=name, names=names, group_names=group_names)


def add_response(
    results: list[CompanyResult], population: Population | None, source: str = ""
) -> tuple[list[CompanyResult], list[Finding]]:
    """Every result with its response rate (``None`` where the population does not know the company),
    and a warning for each count that is exceeded."""
    if population is None:
        return results, []
    if not population.file and len(results) > 1:  # --invited N
        invited = population.totals[ANY_COMPANY]
        raise ScanError.of(Code.INVITED_SEVERAL_COMPANIES, invited=invited, count=len(results))
    if ANY_COMPANY in population.totals and len(results) > 1:
        raise ScanError.of(
            Code.POPULATION_INVALID,
            reason=f"the export holds {len(results)} companies and the invited counts name none of them",
            fix="add a company column to the population table",
        )
    out: list[CompanyResult] = []
    findings = _unmatched(results, population)
    for result in results:
        rate, found = _response(result, population, source)
        findings.extend(found)
        out.append(result.model_copy(update={"response": rate}))
    return out, findings


def _response(
    result: CompanyResult, population: Population, source: str
) -> tuple[ResponseRate | None, list[Finding]]:
    total, group_counts = population.for_company(result.company)
    if total is None:
        return None, []
    responses = result.respondents.valid
    findings: list[Finding] = []

    def exceeded(n: int, invited: int, group: str = "") -> None:
        if n > invited:
            params = {"company": result.company, "group": group, "responses": n, "invited": invited}
            findings.append(Finding(Code.RESPONSES_EXCEED_INVITED, file=source, params=params))

    exceeded(responses, total)
    groups: list[GroupResponse] = []
    for b in result.groups:
        for g in b.groups:
            invited = group_counts.get((_key(b.column), _key(g.name)))
            if invited is None:
                continue
            if g.suppressed or g.n is None:
                groups.append(GroupResponse(column=b.column, name=g.name, invited=invited, suppressed=True))
                continue
            exceeded(g.n, invited, f", group '{g.name}'")
            groups.append(
                GroupResponse(
                    column=b.column,
                    name=g.name,
                    invited=invited,
                    responses=g.n,
                    rate=g.n / invited if invited else None,
                )
            )
    rate = ResponseRate(
        invited=total, responses=responses, rate=responses / total if total else None, groups=groups
    )
    return rate, findings


def _unmatched(results: list[CompanyResult], population: Population) -> list[Finding]:
    """A warning (S005) for each company, group column and group of the table that no result holds.

    Its invited count is then not used, which a consultant should know: a typing difference in a name
    silently costs the rate. A group may be missing because no one of it answered; the warning says so.
    """
    by_key = {_key(r.company): r for r in results}
    found: dict[str, Finding] = {}

    def warn(what: str, fix: str, near: str | None) -> None:
        fix += f" (did you mean '{near}'?)" if near else ""
        finding = Finding(Code.POPULATION_UNMATCHED, file=population.file, params={"what": what, "fix": fix})
        found.setdefault(str(finding), finding)

    for who in sorted({*population.totals, *population.groups} - {ANY_COMPANY} - by_key.keys()):
        name = population.names.get(who, who)
        near = did_you_mean(name, [r.company for r in results])
        warn(f"company '{name}'", "check how the export writes its name", near)
    for who, counts in population.groups.items():
        matched = [by_key[who]] if who in by_key else results if who == ANY_COMPANY else []
        for result in matched:
            columns = {_key(b.column): b for b in result.groups}
            for key in counts:
                column, group = population.group_names.get(key, key)
                breakdown = columns.get(key[0])
                if breakdown is None:
                    names = [b.column for b in result.groups]
                    fix = f"name it as the export does ({', '.join(names) or 'which has no group columns'})"
                    warn(f"group column '{column}'", fix, did_you_mean(column, names))
                elif key[1] not in {_key(g.name) for g in breakdown.groups}:
                    near = did_you_mean(group, [g.name for g in breakdown.groups])
                    of = f" of '{result.company}'" if who else ""
                    fix = "no one of it answered, or the export writes it differently"
                    warn(f"group '{group}' ({column}){of}", fix, near)
    return list(found.values())
