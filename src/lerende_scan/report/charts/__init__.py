"""Report charts: matplotlib drawn straight onto a ``Figure`` (no pyplot), returned as inline SVG strings.

One module per chart subject: :mod:`.overview` (factor means), :mod:`.likert` (item answers),
:mod:`.heatmap` (groups), :mod:`.gaps` (leaders and employees), :mod:`.position` (company in the sector),
:mod:`.sector` (the sector benchmark report's charts); :mod:`.bands` holds the band style they share.
Drawing plumbing is in :mod:`lerende_scan.report.canvas`, colours in :mod:`lerende_scan.report.palette`.

Why this shape:
- **Speed.** A report has about ten charts and a budget of 0.3 s. Axis ticks and one patch per bar are what
  make matplotlib slow, so every chart hides the axes, draws bars as one ``PolyCollection`` and places its
  own labels with ``ax.text``. Figures are created with ``matplotlib.figure.Figure`` (no global state).
- **Text stays text** (``svg.fonttype = none``): smaller, faster, selectable, and searchable in the PDF.
- **Deterministic output:** a fixed ``svg.hashsalt`` per chart, no date metadata, no XML prolog. Ids are
  prefixed with the chart id, so several SVGs can live in one HTML page without clashing.
- **Accessible:** every SVG gets ``role="img"`` and a ``<title>``/``<desc>`` pair for screen readers.
- **Colour-blind safe:** ColorBrewer RdBu for the Likert scale, red/orange/blue bands that differ in
  lightness too, Okabe-Ito for the leader/employee pair, and every colour is backed by a text label.
- **Inert user text:** labels are drawn with ``parse_math=False`` (a ``$`` in a department name is not
  mathtext) and matplotlib escapes ``<``/``&`` in SVG text.

All functions are pure: plain data in, one SVG string out.
"""

from lerende_scan.report.canvas import FONT_PT, LINE_PT, wrap
from lerende_scan.report.charts import sector
from lerende_scan.report.charts.bands import BandStyle, band_zones, colour_for
from lerende_scan.report.charts.gaps import GapRow, gap_chart
from lerende_scan.report.charts.heatmap import HeatGroup, heatmap
from lerende_scan.report.charts.likert import LikertChart, LikertLabel, LikertRow, likert_bars
from lerende_scan.report.charts.overview import MeanRow, factor_overview
from lerende_scan.report.charts.position import PositionRow, position_chart
from lerende_scan.report.palette import band_colours

__all__ = [
    "FONT_PT",
    "LINE_PT",
    "BandStyle",
    "GapRow",
    "HeatGroup",
    "LikertChart",
    "LikertLabel",
    "LikertRow",
    "MeanRow",
    "PositionRow",
    "band_colours",
    "band_zones",
    "colour_for",
    "factor_overview",
    "gap_chart",
    "heatmap",
    "likert_bars",
    "position_chart",
    "sector",
    "wrap",
]
