"""Numbers as the report language writes them."""

from __future__ import annotations

from lerende_scan.formatting import Formatter


def test_numbers_use_the_language_decimal_mark() -> None:
    nl, en = Formatter("nl"), Formatter("en")
    assert (nl.num(3.456), en.num(3.456)) == ("3,46", "3.46")
    assert (nl.signed(-0.304), en.signed(0.304)) == ("−0,30", "+0.30")
    assert nl.share(0.456) == "46%" and nl.percent(6.25) == "6,2%" and nl.num(None) == "–"
    assert (nl.count(100265), en.count(100265), nl.count(999)) == ("100.265", "100,265", "999")
