"""The circles report and the per-leader 360 summary: template contexts, rendered as HTML (and PDF).

Pure: functions return strings; :mod:`lerende_scan.circles.writers` writes them under ``--out``. The
contexts are localised here (theme names, advice, reasons), so the templates only lay them out.
"""

from __future__ import annotations

from typing import Any

from lerende_scan.circles.feedback360 import (
    HIDDEN_FEW,
    HIDDEN_SUBTRACTION,
    MIN_RATERS,
    OTHERS,
    Feedback,
    LeaderFeedback,
)
from lerende_scan.circles.model import Circle, CirclesResult
from lerende_scan.formatting import Formatter
from lerende_scan.questionnaire import localise
from lerende_scan.report import ReportOptions, render_template
from lerende_scan.report.render import Translator

__all__ = ["circles_context", "render_circles_html", "render_feedback_html"]

SESSION_TOPICS = 3
"""Suggested first-session topics per circle, taken from the theme's advice."""


def _lang(result_lang: str | None, options: ReportOptions) -> str:
    return result_lang or options.lang or "nl"


def circles_context(result: CirclesResult, lang: str, options: ReportOptions) -> dict[str, Any]:
    """Everything circles.html.j2 shows, localised and formatted."""
    t = Translator(lang, options.template_dir)
    fmt = Formatter(lang)
    q = result.quality
    names = {lead.id: lead.name for lead in result.needs.leaders}
    themes = {th.id: str(localise(th.name, lang)) for th in result.needs.themes}
    circles = [_circle(c, t, fmt, lang) for c in result.circles]
    sizes = result.options.sizes
    return {
        "lang": lang,
        "leaders": q.leaders,
        "placed": q.placed,
        "count": len(result.circles),
        "themes": themes,
        "figures": [
            (t("circles_fig_mean_fit"), fmt.num(q.mean_fit), fmt.num(q.baseline_mean_fit)),
            (t("circles_fig_top2"), fmt.share(q.top2_share), fmt.share(q.baseline_top2_share)),
            (t("circles_fig_departments"), fmt.num(q.mean_departments, 1), "–"),
            (t("circles_fig_max_department"), str(q.max_same_department), "–"),
        ],
        "circles": circles,
        "unplaced": [
            {
                "id": u.leader_id,
                "name": names.get(u.leader_id) or "",
                "reason": t(f"circles_reason_{u.reason.value}"),
            }
            for u in result.unplaced
        ],
        "sizes": t("circles_sizes", target=sizes.target, minimum=sizes.minimum, maximum=sizes.maximum),
        "cap": (
            t("circles_cap_given", cap=result.options.max_per_department)
            if result.options.max_per_department is not None
            else t("circles_cap_mixed")
        ),
        "seed": result.options.seed,
    }


def _circle(circle: Circle, t: Translator, fmt: Formatter, lang: str) -> dict[str, Any]:
    ranks = [m.rank for m in circle.members]
    why = [t(f"circles_why_rank{r}", count=ranks.count(r)) for r in (1, 2, 3) if ranks.count(r)]
    other = sum(1 for r in ranks if r == 0 or r > 3)
    if other:
        why.append(t("circles_why_other", count=other))
    advice = localise(circle.theme.advice, lang) or []
    return {
        "number": circle.number,
        "theme": str(localise(circle.theme.name, lang)),
        "size": len(circle.members),
        "mean_fit": fmt.num(circle.mean_fit),
        "why": why,
        "members": [
            {
                "id": m.leader_id,
                "name": m.name or "",
                "department": m.department or "–",
                "fit": fmt.num(m.fit),
                "rank": t("circles_rank", rank=m.rank) if m.rank else t("circles_rank_none"),
            }
            for m in circle.members
        ],
        "departments": ", ".join(f"{d} ({n})" for d, n in circle.departments.items()) or "–",
        "department_count": len(circle.departments),
        "topics": [str(a) for a in advice[:SESSION_TOPICS]],
    }


def render_circles_html(result: CirclesResult, options: ReportOptions) -> str:
    lang = _lang(None, options)
    return render_template("circles.html.j2", circles_context(result, lang, options), options)


def render_feedback_html(
    leader: LeaderFeedback, feedback: Feedback, options: ReportOptions, *, name: str | None = None
) -> str:
    """One leader's one-page 360 summary: others against self per factor, blind spots marked."""
    lang = _lang(None, options)
    t = Translator(lang, options.template_dir)
    fmt = Formatter(lang)
    columns = [("self", t("circles_360_self"))]
    columns += [(g, t(f"circles_360_{g}")) for g in ("manager", "peer", "report") if g in leader.shown]

    def cell(group: str, value: float | None, f: int) -> str:
        reason = leader.hidden[group][f] if group in leader.hidden else None
        return t(f"circles_360_hidden_{reason}") if value is None and reason else fmt.num(value)

    rows = []
    reasons: set[str] = set()
    for f, theme in enumerate(feedback.themes):
        values = [fmt.num(leader.self_scores[f])]
        values += [cell(g, leader.shown[g][f], f) for g, _ in columns[1:]]
        others = leader.others[f] if leader.others is not None else None
        reasons.update(r for why in leader.hidden.values() if (r := why[f]))
        own = leader.self_scores[f]
        gap = own - others if others is not None and own is not None else None
        rows.append(
            {
                "theme": str(localise(theme.name, lang)),
                "cells": values,
                "others": cell(OTHERS, others, f) if leader.others is not None else "–",
                "gap": fmt.signed(gap),
                "blind": gap is not None and gap >= feedback.margin,  # as shown: self − others
                "need": leader.needs.index(f) + 1 if f in leader.needs else None,
            }
        )
    raters = ", ".join(
        t("circles_360_raters_item", role=t(f"circles_360_{role}"), count=n)
        for role, n in leader.raters.items()
    )
    context = {
        "lang": lang,
        "leader": leader.leader_id,
        "name": name or "",
        "columns": [label for _, label in columns],
        "rows": rows,
        "raters": raters,
        "others_hidden": leader.others is None,
        "margin": fmt.num(feedback.margin, 1),
        "manager_shown": "manager" in leader.shown,
        "hidden_notes": [
            t(f"circles_360_hidden_{r}_note") for r in (HIDDEN_FEW, HIDDEN_SUBTRACTION) if r in reasons
        ],
        "needs": [
            str(localise(feedback.themes[f].name, lang))
            for f in leader.needs
            if sum(n for role, n in leader.raters.items() if role != "self") >= MIN_RATERS
            and (not leader.answered or leader.answered[f] >= MIN_RATERS)  # never from one or two raters
        ],
    }
    return render_template("circles_360.html.j2", context, options)
