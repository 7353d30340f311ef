"""What every section of the company report looks things up in: names, bands, colours, formatting,
translation, the plain-language alpha reading, the score cells of a factor (mean, interval, % favourable,
and a note when the interval crosses a band boundary) and group labels as a reader expects them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lerende_scan.questionnaire import ALPHA_ACCEPTABLE, ALPHA_WEAK, Factor, Questionnaire, localise
from lerende_scan.report import charts
from lerende_scan.report.palette import NO_BAND
from lerende_scan.report.render import Formatter, ReportOptions, Translator
from lerende_scan.results import CompanyResult, FactorResult

__all__ = ["ALPHA_THRESHOLDS", "View", "alpha_reading", "group_label", "score_cells"]

ALPHA_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.8, "alpha_good"),
    (ALPHA_ACCEPTABLE, "alpha_acceptable"),
    (ALPHA_WEAK, "alpha_weak"),
)
"""Plain-language reading of Cronbach's alpha: at or above each threshold, that reading; below .6 'poor'."""


def alpha_reading(alpha: float | None) -> str:
    """The strings key for an alpha: good (≥ .8), acceptable (≥ .7), weak (≥ .6), poor, or none."""
    if alpha is None:
        return "alpha_none"
    for threshold, key in ALPHA_THRESHOLDS:
        if alpha >= threshold:
            return key
    return "alpha_poor"


@dataclass(frozen=True)
class Band:
    """One band of the questionnaire in the report's language, with its chart colour."""

    id: str
    label: str
    colour: str
    below: float | None


class View:
    """Lookups shared by all sections: names, bands, formatting, translation."""

    def __init__(self, result: CompanyResult, q: Questionnaire, lang: str, options: ReportOptions) -> None:
        self.result = result
        self.q = q
        self.lang = lang
        self.t = Translator(lang, options.template_dir)
        self.fmt = Formatter(lang)
        self.factors: dict[str, Factor] = {f.id: f for f in q.factors}
        colours = charts.band_colours(len(q.scoring.bands))
        self.bands = [
            Band(q.band_id(b), self.text(b.label), c, None if b.below is None else float(b.below))
            for b, c in zip(q.scoring.bands, colours, strict=True)
        ]
        self.band_by_id = {b.id: b for b in self.bands}
        self.styles = [charts.BandStyle(b.label, b.below, b.colour) for b in self.bands]
        self.scale = (float(q.scale.min), float(q.scale.max))

    def text(self, value: Any) -> str:
        return str(localise(value, self.lang, fallback=self.q.default_language) or "")

    def name(self, factor_id: str) -> str:
        factor = self.factors.get(factor_id)
        return self.text(factor.name) if factor else factor_id

    def band(self, band_id: str | None) -> dict[str, str]:
        band = self.band_by_id.get(band_id or "")
        if band is None:
            return {"id": "", "label": self.t("not_available"), "colour": NO_BAND}
        return {"id": band.id, "label": band.label, "colour": band.colour}

    def colour(self, score: float | None) -> str:
        return charts.colour_for(score, self.styles)

    def signed(self, x: float | None, digits: int = 2) -> str:
        """A difference with its sign; one that rounds to zero is "0,00", never "+0,00" or "−0,00"."""
        if x is not None and round(x, digits) == 0:
            return self.fmt.num(0.0, digits)
        return self.fmt.signed(x, digits)

    def join(self, words: list[str]) -> str:
        """Words as a sentence lists them: "A, B en C" in Dutch, "A, B and C" in English."""
        return self.t("list_and").join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)

    def straddles(self, low: float | None, high: float | None) -> Band | None:
        """The band above the boundary a confidence interval crosses, or None (the whole interval lies in
        one band): such a score may as well belong to the neighbouring band."""
        if low is None or high is None:
            return None
        for below, above in zip(self.bands, self.bands[1:], strict=False):
            if below.below is not None and low < below.below <= high:
                return above
        return None


def group_label(name: str) -> str:
    """A group as the data writes it, with a capital first letter ("medewerker" -> "Medewerker")."""
    return name[:1].upper() + name[1:]


def score_cells(v: View, f: FactorResult) -> dict[str, Any]:
    """A factor's (or the index's) score as the templates show it: formatted numbers, its band, the
    favourable split and, when the interval crosses a band boundary, a note saying so."""
    fmt = v.fmt
    band = v.band(f.band)
    other = v.straddles(f.ci_low, f.ci_high)  # the band above the crossed boundary
    neighbour = v.bands[v.bands.index(other) - 1] if other is not None and other.id == band["id"] else other
    return {
        "n": f.n,
        "mean": fmt.num(f.mean),
        "sd": fmt.num(f.sd),
        "ci": fmt.interval(f.ci_low, f.ci_high),
        "alpha": fmt.coef(f.alpha),
        "band": band,
        "raw": f.mean,
        "favourable": fmt.share(f.favourable),
        "neutral": fmt.share(f.neutral),
        "unfavourable": fmt.share(f.unfavourable),
        "favourable_raw": f.favourable,
        "band_note": v.t("band_straddles", band=neighbour.label) if neighbour is not None else "",
    }
