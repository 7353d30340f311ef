"""Shared by the questionnaire tests: the valid fixture file, exact edits of it, hand-computed positions.

Test modules cannot import each other (pytest's importlib mode), so the helpers come as one fixture.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lerende_scan.errors import Code, Finding
from lerende_scan.questionnaire import validate_text

DATA = Path(__file__).resolve().parents[1] / "data" / "questionnaires"


class YamlCase:
    """The valid fixture's text (``tests/data/questionnaires/valid.yaml``) and what tests do with it."""

    valid = (DATA / "valid.yaml").read_text(encoding="utf-8")
    # The autonomy factor's items in the valid fixture, for edits that remove or empty them.
    autonomy_items = (
        "    items:\n"
        "      - id: au1\n"
        "        text: {nl: Ik bepaal zelf hoe ik werk., en: I decide how I work.}\n"
        "      - id: au2\n"
        "        text: {nl: Mijn taken zijn versnipperd., en: My tasks are fragmented.}\n"
        "        reverse: true\n"
    )

    def edit(self, old: str, new: str, text: str | None = None) -> str:
        """Replace one exact, unique snippet of the valid fixture (or of ``text``)."""
        text = self.valid if text is None else text
        assert text.count(old) == 1, f"fixture snippet not unique: {old!r}"
        return text.replace(old, new)

    @staticmethod
    def line_of(text: str, needle: str, nth: int = 1) -> int:
        """1-based line of the nth line containing ``needle`` (the hand-computed reference)."""
        hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
        return hits[nth - 1]

    def col_of(self, text: str, needle: str, nth: int = 1) -> int:
        line = text.splitlines()[self.line_of(text, needle, nth) - 1]
        return line.index(needle) + 1

    @staticmethod
    def check(text: str) -> list[Finding]:
        return validate_text(text, "q.yaml")[1]

    @staticmethod
    def only(findings: list[Finding], code: Code) -> Finding:
        """The one finding with ``code``; fails when there is none or more than one."""
        hits = [f for f in findings if f.code is code]
        assert len(hits) == 1, f"expected one {code.name}, got {[str(f) for f in findings]}"
        return hits[0]


@pytest.fixture(scope="session")
def case() -> YamlCase:
    return YamlCase()
