"""Measurement waves: a company or a sector compared with its earlier scans, with effect sizes.

- :mod:`.effect`: the change with its Welch CI and Hedges' g with its CI, from aggregates;
- :mod:`.model`: what ``scores.json`` and ``benchmark.json`` hold about waves;
- :mod:`.stamp`: the fingerprints and wave date every result carries, so a later wave can check them;
- :mod:`.load`: reading earlier ``scores.json`` files, output folders and ``benchmark.json`` files;
- :mod:`.statements`: which statements and factors stayed the same;
- :mod:`.privacy`: the cross-wave anonymity rule;
- :mod:`.compare`: one company's comparison; :mod:`.sector`: the sector's change and the pilots' difference
  in differences.

Only :mod:`.model` is imported here: :mod:`lerende_scan.results` needs it, and the other modules import
the results, so importing them here would make a cycle. Import them from their modules.
"""

from lerende_scan.waves.model import (
    PRACTICAL_G,
    Change,
    DiffRow,
    GroupChange,
    ItemChange,
    PilotComparison,
    SectorChange,
    SectorWaves,
    StatementChange,
    TrendPoint,
    WaveComparison,
    WaveOptions,
    WaveRef,
    WaveStat,
)

__all__ = [
    "PRACTICAL_G",
    "Change",
    "DiffRow",
    "GroupChange",
    "ItemChange",
    "PilotComparison",
    "SectorChange",
    "SectorWaves",
    "StatementChange",
    "TrendPoint",
    "WaveComparison",
    "WaveOptions",
    "WaveRef",
    "WaveStat",
]
