"""Time the per-company report: HTML rendering and PDF conversion for the example's first company.

    python benchmarks/report_bench.py [--repeat 5] [--lang nl] [--out DIR]

Prints the cold (first call in the process: imports, fonts, template compilation) and the warm median
times, the page count and the sizes. Targets (issue 4): HTML ≤ 0.3 s and PDF ≤ 1 s per company for a
report of about 10 pages. CPU time is printed next to wall time, because other work on a shared machine
inflates wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
REPO = Path(__file__).resolve().parent.parent


def _timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--out", type=Path, default=None, help="also write report.html and report.pdf here")
    args = parser.parse_args()

    start = time.perf_counter()
    from lerende_scan.ingest import ingest
    from lerende_scan.questionnaire import load_questionnaire
    from lerende_scan.report import ReportOptions, html_to_pdf, render_company_html
    from lerende_scan.scoring import score

    imports = time.perf_counter() - start
    questionnaire = load_questionnaire()
    ingested = ingest(REPO / "examples" / "responses.csv", questionnaire)
    result = score(ingested.responses, ingest_findings=ingested.findings).companies[0]
    options = ReportOptions(lang=args.lang, date=dt.date(2026, 11, 22), title="Adviesbureau Voorbeeld")

    html, cold_html, _ = _timed(lambda: render_company_html(result, questionnaire, options))
    pdf, cold_pdf, _ = _timed(lambda: html_to_pdf(html, options))
    html_runs = [
        _timed(lambda: render_company_html(result, questionnaire, options))[1:] for _ in range(args.repeat)
    ]
    pdf_runs = [_timed(lambda: html_to_pdf(html, options))[1:] for _ in range(args.repeat)]

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])  # type: ignore[index]

    def med(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    print(f"company           {result.company} ({result.respondents.valid} respondents, lang={args.lang})")
    print(f"imports           {imports:.3f} s")
    print(f"HTML cold         {cold_html:.3f} s")
    print(
        f"HTML warm median  {med(html_runs, 0):.3f} s wall, {med(html_runs, 1):.3f} s CPU  (target ≤ 0.3 s)"
    )
    print(f"PDF cold          {cold_pdf:.3f} s")
    print(f"PDF warm median   {med(pdf_runs, 0):.3f} s wall, {med(pdf_runs, 1):.3f} s CPU  (target ≤ 1 s)")
    print(f"pages             {pages}")
    print(f"sizes             HTML {len(html.encode()) / 1024:.0f} KiB, PDF {len(pdf) / 1024:.0f} KiB")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "report.html").write_text(html, encoding="utf-8")
        (args.out / "report.pdf").write_bytes(pdf)


if __name__ == "__main__":
    main()
