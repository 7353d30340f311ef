"""Development needs from 360-degree feedback: ratings per leader and rater role, blind spots, privacy.

The 360 file holds ratings on the questionnaire's statements, one row per rater, with a leader id and a
rater role (self, manager, peer, report). It is read by :func:`lerende_scan.ingest.ingest`, so every
export quirk scan score handles is handled here too. Per leader and factor:

- *self*: the leader's own rating; a *blind spot* is a factor where self exceeds the mean of all other
  raters by ``margin``;
- the needs: blind spots first (largest gap first), then the factors others rate lowest; the top three
  count as first, second and third choice. They use every rater but the leader, whatever is shown, so a
  display option never changes the circles.

The 360 rules for what a summary may show: a rater group (peers, reports) under :data:`MIN_RATERS` is
merged into *others* and never shown alone, and so is a group whose showing would let the rest be worked
out by subtraction; the manager's rating is shown as such only with ``show_manager``, and *others* then
leaves the manager out (else others minus manager gives the rest away); *others* itself is shown only
from :data:`MIN_RATERS` raters. The same rules hold per factor, with the raters who answered that
factor: three peers of whom one answered a factor would otherwise show that one peer's score. A hidden
figure carries its reason (:data:`HIDDEN_FEW`, :data:`HIDDEN_SUBTRACTION`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from lerende_scan.circles.model import Leader, Needs, Theme, Unplaced, UnplacedReason
from lerende_scan.circles.needs import CHOICE_FIT, header_key, questionnaire_themes, source_name
from lerende_scan.errors import Code, Finding, ScanError, inert
from lerende_scan.ingest import Input, ingest
from lerende_scan.ingest.answers import text_series
from lerende_scan.ingest.sources import open_source, read_input
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.scoring.moments import Layout

__all__ = [
    "HIDDEN_FEW",
    "HIDDEN_SUBTRACTION",
    "MIN_RATERS",
    "Feedback",
    "LeaderFeedback",
    "feedback360_refusal",
    "looks_like_feedback360",
    "needs_from_feedback",
    "read_feedback",
]

MIN_RATERS = 3
"""A rater group below this is never shown alone (the common rule of 360-degree tools)."""
HIDDEN_FEW = "few"
"""Why a figure is hidden: fewer than MIN_RATERS raters answered this factor."""
HIDDEN_SUBTRACTION = "subtraction"
"""Why a figure is hidden: with it shown, a smaller group could be worked out by subtraction."""
OTHERS = "others"
ROLES = {
    "self": "self",
    "zelf": "self",
    "manager": "manager",
    "leidinggevende": "manager",
    "peer": "peer",
    "collega": "peer",
    "report": "report",
    "direct report": "report",
    "direct_report": "report",
    "medewerker": "report",
}
GROUPS = ("manager", "peer", "report")
LEADER_HEADERS = ("leader", "leader_id", "leider")
"""Headers of a 360 file's leader column (compared as :func:`header_key` writes them)."""
ROLE_HEADERS = ("role", "rol", "rater_role", "rater")
"""Headers of a 360 file's rater role column."""
Scores = tuple[float | None, ...]


@dataclass(frozen=True)
class LeaderFeedback:
    """One leader's 360 summary: what may be shown, and the needs derived from all of it."""

    leader_id: str
    raters: dict[str, int]  # role -> raters (self included)
    self_scores: Scores  # per factor; None without a self-rating
    others: Scores | None  # None when fewer than MIN_RATERS others (not shown); per factor None if hidden
    shown: dict[str, Scores]  # role -> scores, for the groups that may be shown apart; None if hidden
    blind_spots: tuple[int, ...]  # factor positions, largest gap first
    needs: tuple[int, ...]  # factor positions, first need first (at most three)
    hidden: dict[str, tuple[str | None, ...]] = field(default_factory=dict)
    """"others" and each shown group -> per factor the reason a figure is hidden (None: not hidden)."""
    answered: tuple[int, ...] = ()  # per factor: the raters other than the leader who answered it


@dataclass(frozen=True)
class Feedback:
    file: str
    themes: tuple[Theme, ...]
    leaders: tuple[LeaderFeedback, ...]
    findings: tuple[Finding, ...]
    margin: float
    show_manager: bool


def _factor_scores(values: npt.NDArray[np.float64], q: Questionnaire) -> npt.NDArray[np.float64]:
    """Rater × factor: the mean of the answered items after reversal, NaN below the minimum answered."""
    layout = Layout.of(q)
    high = layout.low + layout.points - 1
    x = np.where(layout.sign < 0, layout.low + high - values, values)
    answered = ~np.isnan(x)
    member = layout.member.astype(np.float64)
    sums = np.nan_to_num(x) @ member
    counts = answered.astype(np.float64) @ member
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = sums / counts
    scores[counts < layout.need] = np.nan
    return scores


def read_feedback(
    source: Input,
    questionnaire: Questionnaire,
    *,
    name: str | None = None,
    leader_column: str = "leader",
    role_column: str = "role",
    show_manager: bool = False,
    margin: float = 0.5,
) -> Feedback:
    """Read a 360 file and summarise it per leader (see the module docstring for the rules)."""
    file = source_name(source, name)
    _check_columns(file, questionnaire, leader_column=leader_column, role_column=role_column)
    copy = questionnaire.model_copy(
        update={"groups": [leader_column, role_column], "leaders": None, "respondent_id": None}
    )
    result = ingest(source, copy, name=file, company="360")
    missing = [f for f in result.findings if f.code is Code.GROUP_COLUMN_MISSING]
    if missing:
        errors = []
        for what, column, option in (
            ("leader", leader_column, "--leader-column"),
            ("role", role_column, "--role-column"),
        ):
            if column not in result.responses.groups.columns:
                hint = next(
                    (f.params.get("suggestion", "") for f in missing if f.params.get("column") == column), ""
                )
                errors.append(
                    Finding(
                        Code.RATER_COLUMN_MISSING,
                        file=file,
                        params={"what": what, "column": column, "suggestion": hint, "option": option},
                    )
                )
        raise ScanError(errors or missing)  # never an error without a line
    responses = result.responses
    findings = [f for f in result.findings if f.code is not Code.GROUP_COLUMN_MISSING]
    leader = responses.groups[leader_column].to_numpy(dtype=object)
    role_raw = responses.groups[role_column].to_numpy(dtype=object)
    rows = np.asarray(responses.rows)
    scores = _factor_scores(responses.answers.to_numpy(dtype=np.float64), questionnaire)

    blank = np.array(
        [v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == "" for v in leader]
    )
    if blank.any():
        findings.append(
            Finding(
                Code.LEADER_ID_BLANK_360,
                file=file,
                row=int(rows[np.argmax(blank)]),
                params={"count": int(blank.sum()), "row": int(rows[np.argmax(blank)])},
            )
        )
    roles = np.array(
        [ROLES.get(str(r).strip().lower(), "") if not _na(r) else "" for r in role_raw], dtype=object
    )
    unknown: dict[str, list[int]] = {}
    for r, raw, row in zip(roles, role_raw, rows, strict=True):
        if not r:
            unknown.setdefault("" if _na(raw) else str(raw), []).append(int(row))
    for raw, where in unknown.items():
        findings.append(
            Finding(
                Code.ROLE_UNKNOWN,
                file=file,
                row=where[0],
                params={"count": len(where), "role": raw, "row": where[0]},
            )
        )
    if len(roles) and not (roles != "").any():  # the wrong column: a warning per value, then 0 leaders
        found = ", ".join(f"'{inert(v, 40)}'" for v in list(unknown)[:3]) + (
            ", …" if len(unknown) > 3 else ""
        )
        raise ScanError(Finding(Code.ROLES_NONE, file=file, column=role_column, params={"found": found}))
    keep = ~blank & (roles != "")
    ids = list(dict.fromkeys(str(v).strip() for v in leader[keep]))
    summaries = []
    leader_ids = np.array([str(v).strip() if not _na(v) else "" for v in leader], dtype=object)
    for lid in ids:
        mine = keep & (leader_ids == lid)
        summaries.append(_summarise(lid, scores[mine], roles[mine], show_manager=show_manager, margin=margin))
    return Feedback(
        file=file,
        themes=questionnaire_themes(questionnaire),
        leaders=tuple(summaries),
        findings=tuple(findings),
        margin=margin,
        show_manager=show_manager,
    )


def feedback360_columns(columns: Sequence[object]) -> tuple[int, int] | None:
    """Positions of a 360 file's leader and role columns in a header, or None when either is missing."""
    keys = [header_key(str(c)) for c in columns]
    leader = next((j for j, k in enumerate(keys) if k in LEADER_HEADERS), None)
    role = next((j for j, k in enumerate(keys) if k in ROLE_HEADERS), None)
    return None if leader is None or role is None else (leader, role)


def looks_like_feedback360(columns: Sequence[object], roles: Iterable[object] | None = None) -> bool:
    """Whether a file with this header (and these values in its role column) is 360 feedback: a leader
    column and a role column, at least half of whose filled cells are rater roles (self, manager, peer,
    report, in English or Dutch). Without ``roles`` the header decides alone.

    Such a file names the leaders it rates, so it is personal data that a benchmark must refuse; a
    response file may have a 'role' column of job roles (nurse, doctor), which the values tell apart.
    """
    if feedback360_columns(columns) is None:
        return False
    if roles is None:
        return True
    given = [str(r).strip().lower() for r in roles if not _na(r) and str(r).strip()]
    return not given or 2 * sum(r in ROLES for r in given) >= len(given)


def feedback360_refusal(source: Input, *, name: str | None = None) -> Finding | None:
    """L034 when ``source`` is a 360 feedback file, else None: for ``scan benchmark`` to refuse it.

    Reads the header and, only when it has a leader and a role column, that role column; raises
    ScanError as the ingest does for a file that cannot be read.
    """
    content, file = read_input(source, name)
    opened = open_source(content, file, layouts=False)
    header = opened.header_rows[0]
    found = feedback360_columns(header)
    if found is None:
        return None
    leader, role = found
    data, _ = opened.load([role], {role})
    roles = text_series(data[role], opened.value_labels.get(role))
    if not looks_like_feedback360(header, roles.tolist()):
        return None
    params = {"leader": header[leader], "role": header[role]}
    return Finding(Code.FEEDBACK360_IN_BENCHMARK, file=file, params=params)


def _check_columns(file: str, questionnaire: Questionnaire, *, leader_column: str, role_column: str) -> None:
    """The leader and role columns must be two columns, neither a statement's: either mistake left the
    ingest with nothing to say (exit 1 without a line). Both are command-line mistakes (exit 2)."""
    items = {i.id.strip().casefold(): i.id for i in questionnaire.items}
    errors = []
    if leader_column.strip().casefold() == role_column.strip().casefold():
        errors.append(_taken(file, "role", role_column, "the leader column as well (--leader-column)"))
    for what, column in (("leader", leader_column), ("role", role_column)):
        if (item := items.get(column.strip().casefold())) is not None:
            errors.append(_taken(file, what, column, f"the column of statement '{item}'"))
    if errors:
        raise ScanError(errors)


def _taken(file: str, what: str, column: str, taken: str) -> Finding:
    wanted = {
        "leader": ("leader id", "the id of the leader who is rated, on every row"),
        "role": ("rater role", "self, manager, peer or report on every row"),
    }[what]
    return Finding(
        Code.RATER_COLUMN_TAKEN,
        file=file,
        params={
            "option": f"--{what}-column",
            "column": column,
            "taken": taken,
            "what": wanted[0],
            "expected": wanted[1],
        },
    )


def _na(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("<NA>", "nan")


def _mean(block: npt.NDArray[np.float64]) -> Scores:
    if not len(block):
        return tuple(None for _ in range(block.shape[1]))
    with warnings.catch_warnings():  # an all-NaN column (no answers on a factor) is simply None
        warnings.simplefilter("ignore", RuntimeWarning)
        means = np.nanmean(block, axis=0)
    return tuple(None if math.isnan(v) else float(v) for v in means)


def shown_groups(
    raters: dict[str, int], *, show_manager: bool, among: Collection[str] = ("peer", "report")
) -> list[str]:
    """The rater groups a summary may show apart, so that no group under MIN_RATERS can be read off,
    directly or as others minus the shown groups.

    ``raters`` counts raters per role (for one factor: those who answered it); ``among`` limits the
    groups considered, so a factor never shows a group the summary as a whole leaves out. With the
    manager shown apart, *others* leaves the manager out, so the rest is counted without them.
    """
    shown = ["manager"] if show_manager and raters.get("manager") else []
    others = sum(n for role, n in raters.items() if role not in ("self", *shown))
    groups = sorted(
        (g for g in ("peer", "report") if g in among and raters.get(g, 0) >= MIN_RATERS),
        key=lambda g: raters[g],
    )
    while True:
        rest = others - sum(raters.get(g, 0) for g in groups)
        if rest == 0 or rest >= MIN_RATERS or not groups:
            break
        groups.pop(0)  # merge the smallest shown group back into the rest
    return shown + groups


def _summarise(
    leader_id: str,
    scores: npt.NDArray[np.float64],
    roles: npt.NDArray[np.object_],
    *,
    show_manager: bool,
    margin: float,
) -> LeaderFeedback:
    raters = {role: int((roles == role).sum()) for role in ("self", *GROUPS) if (roles == role).any()}
    self_scores = _mean(scores[roles == "self"])
    others_all = _mean(scores[roles != "self"])
    columns = shown_groups(raters, show_manager=show_manager)
    apart = "manager" in columns
    pool = (roles != "self") & ((roles != "manager") | (not apart))  # who *others* averages
    answered = ~np.isnan(scores)
    pool_scores = _mean(scores[pool])
    shown = {g: list(_mean(scores[roles == g])) for g in columns}
    hidden: dict[str, list[str | None]] = {g: [None] * scores.shape[1] for g in (OTHERS, *columns)}
    others = list(pool_scores)
    for f in range(scores.shape[1]):
        counts = {g: int(answered[roles == g, f].sum()) for g in GROUPS if g in raters}
        if int(answered[pool, f].sum()) < MIN_RATERS:
            others[f], hidden[OTHERS][f] = None, HIDDEN_FEW
        groups = shown_groups(counts, show_manager=apart, among=columns) if others[f] is not None else []
        for g in columns:
            if g != "manager" and g not in groups:
                shown[g][f] = None
                hidden[g][f] = HIDDEN_FEW if counts.get(g, 0) < MIN_RATERS else HIDDEN_SUBTRACTION
    gaps = []
    for f, (s, o) in enumerate(zip(self_scores, others_all, strict=True)):
        if s is not None and o is not None and s - o >= margin:
            gaps.append((-(s - o), f))
    blind = tuple(f for _, f in sorted(gaps))
    rated = sorted((o, f) for f, o in enumerate(others_all) if o is not None)
    needs = list(blind)
    needs += [f for _, f in rated if f not in needs]
    return LeaderFeedback(
        leader_id=leader_id,
        raters=raters,
        self_scores=self_scores,
        others=tuple(others) if int(pool.sum()) >= MIN_RATERS else None,
        shown={g: tuple(v) for g, v in shown.items()},
        blind_spots=blind,
        needs=tuple(needs[:3]),
        hidden={g: tuple(v) for g, v in hidden.items()},
        answered=tuple(int(n) for n in answered[roles != "self"].sum(axis=0)),
    )


def needs_from_feedback(feedback: Feedback, leaders: Needs | None = None) -> Needs:
    """Needs from 360 feedback; departments and managers from ``leaders`` (a needs file) when given.

    Leaders with feedback but no row in the leaders file stay out (listed); leaders in the file without
    ratings from others are placed wherever the rules allow (a warning names them).
    """
    themes = feedback.themes
    by_id = {lf.leader_id: lf for lf in feedback.leaders}

    def fit_rank(lf: LeaderFeedback | None) -> tuple[tuple[float, ...], tuple[int, ...]]:
        fit = [0.0] * len(themes)
        rank = [0] * len(themes)
        for place, f in enumerate(lf.needs if lf else ()):
            fit[f], rank[f] = CHOICE_FIT[place], place + 1
        return tuple(fit), tuple(rank)

    findings = list(feedback.findings)
    base: Sequence[Leader] = (
        leaders.leaders if leaders else [Leader(lf.leader_id, (), ()) for lf in feedback.leaders]
    )
    out_leaders = []
    without = []
    for lead in base:
        lf = by_id.get(lead.id)
        if lf is None or not lf.needs:
            without.append(lead.id)
        fit, rank = fit_rank(lf)
        out_leaders.append(replace(lead, fit=fit, rank=rank))
    if without:
        findings.append(
            Finding(
                Code.NO_FEEDBACK,
                file=feedback.file,
                params={"count": len(without), "ids": ", ".join(without)},
            )
        )
    known = {lead.id for lead in base}
    extra = [lf.leader_id for lf in feedback.leaders if lf.leader_id not in known]
    if extra:
        findings.append(
            Finding(
                Code.NOT_IN_LEADERS_FILE,
                file=feedback.file,
                params={"count": len(extra), "ids": ", ".join(extra)},
            )
        )
    return Needs(
        file=leaders.file if leaders else feedback.file,
        themes=themes,
        leaders=tuple(out_leaders),
        separate=leaders.separate if leaders else (),
        join=leaders.join if leaders else (),
        findings=(*(leaders.findings if leaders else ()), *findings),
        left_out=tuple(Unplaced(i, UnplacedReason.NOT_IN_NEEDS) for i in extra),
    )
