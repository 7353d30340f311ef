"""The fuzz suite's generators in one place: what the tests and ``benchmarks/fuzz_long.py`` draw from.

``export_cases()`` mutates the example export, ``questionnaire_cases()`` the shipped questionnaire; both
take a strategy for ``--format`` (``formats_with_html(n)``: one case in n also renders HTML).
"""

from __future__ import annotations

from tests.fuzz.base import FORMATS, Case, formats_with_html
from tests.fuzz.exports import export_cases
from tests.fuzz.questionnaires import questionnaire_cases

__all__ = ["FORMATS", "Case", "export_cases", "formats_with_html", "questionnaire_cases"]
