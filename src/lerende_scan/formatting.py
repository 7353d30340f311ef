"""Numbers as each report language writes them: 3,46 and 100.265 in Dutch, 3.46 and 100,265 in English.

One place for the reports and the terminal summaries, light enough for the CLI to import without the
report machinery (matplotlib, Jinja2).
"""

from __future__ import annotations

__all__ = ["Formatter"]


class Formatter:
    """Numbers the way the report language writes them."""

    def __init__(self, lang: str) -> None:
        self._comma = lang == "nl"

    def _dec(self, text: str) -> str:
        """Decimal comma for Dutch, and a real minus sign (U+2212) rather than a hyphen."""
        text = text.replace("-", "−")
        return text.replace(".", ",") if self._comma else text

    def count(self, n: int) -> str:
        """A whole number with thousands grouped: 100.265 in Dutch, 100,265 in English."""
        text = f"{n:,}"
        return text.replace(",", ".") if self._comma else text

    def num(self, x: float | None, digits: int = 2) -> str:
        return "–" if x is None else self._dec(f"{x:.{digits}f}")

    def signed(self, x: float | None, digits: int = 2) -> str:
        if x is None:
            return "–"
        text = self._dec(f"{abs(x):.{digits}f}")
        return ("−" if round(x, digits) < 0 else "+") + text

    def share(self, x: float | None) -> str:
        """A share 0..1 as a whole percentage."""
        return "–" if x is None else f"{x * 100:.0f}%"

    def percent(self, x: float | None, digits: int = 1) -> str:
        """A value that already is a percentage."""
        return "–" if x is None else self._dec(f"{x:.{digits}f}") + "%"

    def coef(self, x: float | None) -> str:
        """A coefficient such as alpha or r, two decimals."""
        return self.num(x, 2)

    def interval(self, low: float | None, high: float | None) -> str:
        if low is None or high is None:
            return "–"
        return f"{self.num(low)} – {self.num(high)}"
