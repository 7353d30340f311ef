"""Shim: the sector report's charts moved to :mod:`lerende_scan.report.charts.sector` (issue 9).

Kept so ``from lerende_scan.report import sector_charts`` in :mod:`lerende_scan.report.sector` still works;
the lead removes it at the end of the re-housing.
"""

from lerende_scan.report.charts.sector import (
    CELL_LABEL_MAX,
    DistributionRow,
    HeatRow,
    ShareRow,
    band_shares,
    company_heatmap,
    distribution,
)

__all__ = [
    "CELL_LABEL_MAX",
    "DistributionRow",
    "HeatRow",
    "ShareRow",
    "band_shares",
    "company_heatmap",
    "distribution",
]
