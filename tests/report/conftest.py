"""Report fixtures, rendered once per session and shared by the report tests: the hand-made company result,
its HTML in Dutch and English (plain, and branded with a title and logo), the PDFs, and a rendering in a
fresh process. Rendering a report costs about 0.3 s, a PDF about 1 s and a fresh process about 1.5 s, so
tests that only read a rendering share it instead of making their own.

The questionnaire and the scored example (``questionnaire``, ``example_results``) come from
``tests/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report import ReportOptions, html_to_pdf, render_company_html
from lerende_scan.results import CompanyResult

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
DATE = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def fixture_result() -> CompanyResult:
    """Hand-made result with everything: exclusions, a suppressed group, leaders, a benchmark position."""
    return CompanyResult.model_validate_json((DATA / "company_result.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_result(example_results: list[CompanyResult]) -> CompanyResult:
    """The first company of the shipped example, scored by the real pipeline."""
    return example_results[0]


@pytest.fixture(scope="session")
def company_html(fixture_result: CompanyResult, questionnaire: Questionnaire) -> Callable[[str], str]:
    """The fixture result's report in a language (``ReportOptions(lang, date)`` only), rendered once each."""

    @functools.cache
    def render(lang: str) -> str:
        return render_company_html(fixture_result, questionnaire, ReportOptions(lang=lang, date=DATE))

    return render


def _png(size: tuple[int, int] = (40, 20), colour: tuple[int, int, int] = (26, 53, 80)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, format="PNG")
    return buf.getvalue()


def branded_options(lang: str) -> ReportOptions:
    """Options as a consultancy uses them: its name in the running header and its logo on the cover."""
    return ReportOptions(lang=lang, date=DATE, title="Adviesbureau Leerkracht", logo=_png())


@pytest.fixture(scope="session")
def branded_html(fixture_result: CompanyResult, questionnaire: Questionnaire) -> dict[str, str]:
    """The fixture result's report with :func:`branded_options`, in Dutch and English (browser and PDF)."""
    return {
        lang: render_company_html(fixture_result, questionnaire, branded_options(lang))
        for lang in ("nl", "en")
    }


@pytest.fixture(scope="session")
def pdfs(branded_html: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The branded report as PDF in Dutch and English, converted once for all PDF checks."""
    out = tmp_path_factory.mktemp("pdf")
    paths = {}
    for lang, html in branded_html.items():
        path = out / f"report_{lang}.pdf"
        path.write_bytes(html_to_pdf(html, branded_options(lang)))
        paths[lang] = path
    return paths


@pytest.fixture(scope="session")
def fresh_process_html() -> tuple[str, bool, bool]:
    """The Dutch fixture report rendered in a new interpreter with another hash seed: (html, whether
    importing the report package loaded WeasyPrint, whether rendering HTML loaded it)."""
    script = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "import lerende_scan.report\n"
        "imported = 'weasyprint' in sys.modules\n"
        "from lerende_scan.results import CompanyResult\n"
        "from lerende_scan.questionnaire import load_questionnaire\n"
        "from lerende_scan.report import ReportOptions, render_company_html\n"
        f"r = CompanyResult.model_validate_json(Path({str(DATA / 'company_result.json')!r}).read_text())\n"
        "options = ReportOptions(lang='nl', date=dt.date(2026, 11, 22))\n"
        "html = render_company_html(r, load_questionnaire(), options)\n"
        "sys.stdout.buffer.write(f'{imported} {\"weasyprint\" in sys.modules}\\n'.encode())\n"
        "sys.stdout.buffer.write(html.encode('utf-8'))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True, env=env).stdout
    flags, _, html = out.decode("utf-8").partition("\n")
    imported, rendered = flags.split()
    return html, imported == "True", rendered == "True"
