"""Learning circles (leerkringen) for leaders: development needs in, circles of about eight out.

Parts: :mod:`.needs` (the needs file), :mod:`.pairs` (the pairs file), :mod:`.feedback360` (needs
from 360-degree feedback), :mod:`.plan` (the problem as arrays, impossible rules refused),
:mod:`.search` (the heuristic) and :mod:`.repair` (its last step), :mod:`.exact` (the exact optimum of
small instances, the heuristic's yardstick), :mod:`.form` (the pure entry point), :mod:`.model` (result
models), :mod:`.report` and :mod:`.writers` (outputs under ``--out``).

>>> needs = read_needs("examples/leaders/needs.csv", questionnaire_themes(questionnaire))
>>> result = form_circles(needs, CircleOptions(seed=1))

Everything here is named personal data: leader ids, departments and development needs.
"""

from lerende_scan.circles.form import form_circles
from lerende_scan.circles.model import (
    Circle,
    CircleOptions,
    CirclesResult,
    Leader,
    Member,
    Needs,
    Quality,
    SizeRule,
    Theme,
    Unplaced,
    UnplacedReason,
)
from lerende_scan.circles.needs import custom_themes, questionnaire_themes, read_needs
from lerende_scan.circles.pairs import read_pairs

__all__ = [
    "Circle",
    "CircleOptions",
    "CirclesResult",
    "Leader",
    "Member",
    "Needs",
    "Quality",
    "SizeRule",
    "Theme",
    "Unplaced",
    "UnplacedReason",
    "custom_themes",
    "form_circles",
    "questionnaire_themes",
    "read_needs",
    "read_pairs",
]
