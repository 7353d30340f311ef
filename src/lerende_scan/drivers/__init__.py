"""What drives motivation: Johnson's relative weights with bootstrap intervals, the spread of the outcome
and the pioneer groups (issue 13).

- :mod:`.weights`: the relative weights from a correlation matrix (stacks of them);
- :mod:`.bootstrap`: seeded resamples, as correlation matrices from moment sums;
- :mod:`.analysis`: one analysis (complete cases, minimum n, intervals, the test against a random variable,
  act-first drivers and the priority order);
- :mod:`.companies`: every company of a scoring run, with the motivation spread and pioneer groups;
- :mod:`.sector`: the same for a sector benchmark (all respondents, and company means);
- :mod:`.model`: the result models in scores.json and benchmark.json.

Importing this package is cheap: the numeric modules load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from lerende_scan.drivers.model import (
    DriverResult,
    DriverWeight,
    GroupSpread,
    LevelShares,
    MotivationSpread,
    Pioneer,
    SectorDrivers,
    SectorSpread,
)

__all__ = [
    "DriverResult",
    "DriverWeight",
    "GroupSpread",
    "LevelShares",
    "MotivationSpread",
    "Pioneer",
    "SectorDrivers",
    "SectorSpread",
    "add_drivers",
    "analyse",
    "relative_weights",
    "sector_drivers",
]

_LAZY = {
    "add_drivers": "lerende_scan.drivers.companies",
    "analyse": "lerende_scan.drivers.analysis",
    "relative_weights": "lerende_scan.drivers.weights",
    "sector_drivers": "lerende_scan.drivers.sector",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(name)
