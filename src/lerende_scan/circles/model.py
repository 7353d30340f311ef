"""Result and input models of learning circles: themes, leaders' needs, options, circles, quality.

Plain frozen dataclasses: the core (:mod:`lerende_scan.circles.form`) returns them, the writers and the
report read them. Everything here is named personal data (leader ids, departments, development needs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from lerende_scan.errors import Finding
from lerende_scan.questionnaire import Text, TextList

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
]


@dataclass(frozen=True)
class Theme:
    """A development theme: a questionnaire factor by default, or a name the consultant gave."""

    id: str
    name: Text
    advice: TextList | None = None


@dataclass(frozen=True)
class Leader:
    """One leader's row: who they are, where they sit, and how much each theme fits their needs.

    ``fit`` holds one value in [0, 1] per theme (the needs' theme order): 1 for their strongest need.
    ``rank`` is each theme's place among their needs (1 = first), 0 where it is not a need at all.
    """

    id: str
    fit: tuple[float, ...]
    rank: tuple[int, ...]
    department: str | None = None
    manager: str | None = None
    name: str | None = None  # a display name next to the id, when the file has both
    row: int | None = None  # row in the needs file (header = row 1), for messages


@dataclass(frozen=True)
class Needs:
    """Every leader's development needs, read and checked; what forming circles starts from."""

    file: str
    themes: tuple[Theme, ...]
    leaders: tuple[Leader, ...]
    separate: tuple[tuple[str, str], ...] = ()  # pairs that must not share a circle (besides managers)
    join: tuple[tuple[str, str], ...] = ()  # pairs that must share a circle
    findings: tuple[Finding, ...] = ()
    left_out: tuple[Unplaced, ...] = ()  # leaders known before forming that cannot take part
    pairs_file: str = ""  # where ``separate`` and ``join`` beyond managers came from, for messages
    pair_rows: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (a, b) -> its row there


@dataclass(frozen=True)
class SizeRule:
    """Circle sizes: about ``target`` members, never fewer than ``minimum`` nor more than ``maximum``."""

    target: int = 8
    minimum: int = 7
    maximum: int = 9


@dataclass(frozen=True)
class CircleOptions:
    """How to form circles. ``max_per_department`` None means as mixed as the sizes allow."""

    sizes: SizeRule = field(default_factory=SizeRule)
    max_per_department: int | None = None
    seed: int = 0
    restarts: int | None = None  # None: chosen from the number of leaders (see search.default_restarts)


class UnplacedReason(StrEnum):
    """Why a leader is not in a circle; the report and the terminal explain each in words."""

    SIZES = "sizes"  # the circle sizes cannot hold everyone
    CONSTRAINTS = "constraints"  # no circle without breaking a manager, department or pair rule
    NOT_IN_NEEDS = "not_in_needs"  # 360 feedback for someone the leaders file does not list


@dataclass(frozen=True)
class Unplaced:
    leader_id: str
    reason: UnplacedReason


@dataclass(frozen=True)
class Member:
    leader_id: str
    name: str | None
    department: str | None
    fit: float  # fit to the circle's theme, 0..1
    rank: int  # the theme's place among the leader's needs (1 = first), 0 when it is not one


@dataclass(frozen=True)
class Circle:
    number: int  # 1-based
    theme: Theme
    members: tuple[Member, ...]

    @property
    def mean_fit(self) -> float:
        return sum(m.fit for m in self.members) / len(self.members)

    @property
    def departments(self) -> dict[str, int]:
        """Department -> members from it, largest first (members without a department left out)."""
        counts: dict[str, int] = {}
        for m in self.members:
            if m.department is not None:
                counts[m.department] = counts.get(m.department, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True)
class Quality:
    """The figures a consultant judges a set of circles by, with random assignment as the baseline."""

    leaders: int
    placed: int
    mean_fit: float
    top2_share: float  # share of placed leaders whose circle's theme is one of their top-2 needs
    mean_departments: float  # distinct departments per circle
    max_same_department: int  # most members from one department in any circle
    department_cap: int | None  # the largest per-department cap that applied (None: no departments)
    baseline_mean_fit: float  # random circles of the same sizes, each on its members' best theme
    baseline_top2_share: float


@dataclass(frozen=True)
class CirclesResult:
    needs: Needs
    options: CircleOptions
    circles: tuple[Circle, ...]
    unplaced: tuple[Unplaced, ...]
    quality: Quality
    findings: tuple[Finding, ...] = ()
