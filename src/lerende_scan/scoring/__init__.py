"""Scoring: from a :class:`~lerende_scan.responses.ResponseSet` to one result per company, and its rules.

Modules: :mod:`.score` (the entry point and orchestration), :mod:`.moments` (the questionnaire layout as
arrays and the one-pass scan of the answer codes), :mod:`.factors` (company statistics, factor and item
results, ranking), :mod:`.breakdowns` (group breakdowns, leaders vs employees), :mod:`.reliability`
(alpha, item-rest), :mod:`.quality` (which rows count; per-company data quality) and :mod:`.privacy`
(every suppression rule).
"""

from lerende_scan.scoring.score import INDEX_ID, UNKNOWN_GROUP, ScoreResult, score

__all__ = ["INDEX_ID", "UNKNOWN_GROUP", "ScoreResult", "score"]
