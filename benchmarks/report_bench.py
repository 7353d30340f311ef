"""Time the per-company report: HTML rendering and PDF conversion for the example's first company.

    python benchmarks/report_bench.py [--repeat 5] [--lang nl] [--out DIR]
    python benchmarks/report_bench.py --baseline /path/to/round-1/checkout [--rounds 3]

Prints the cold (first call in the process: imports, fonts, template compilation) and the warm median
times, the page count and the sizes. The report is the one ``scan score`` writes, with the drivers of
motivation where the checkout has them. Targets (issues 4 and 11): HTML ≤ 0.3 s and PDF ≤ 1 s per company for
the example's report (13 to 15 pages). CPU time is printed next to wall time, because other work on a
shared machine inflates wall time.

These machines are noisy (the same code has run 2x slower on one day than on another), so
``--baseline`` measures an older checkout (its ``src`` on ``PYTHONPATH``, the same example file) in the same
run: each round runs this code and the baseline in fresh processes, one after the other, and the script
prints both and their ratio per round and overall (the median over rounds of each's warm median).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
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


def _fresh_labels() -> None:
    """Forget the chart-text measurements that earlier runs in this process made (where the checkout has
    such caches), so that a warm HTML run measures its labels as a new company's report would."""
    for module, name in (
        ("lerende_scan.report.svg", "_text_metrics"),
        ("lerende_scan.report.canvas", "text_width"),
    ):
        cache = getattr(sys.modules.get(module), name, None)
        if hasattr(cache, "cache_clear"):
            cache.cache_clear()


def measure(repeat: int, lang: str, out: Path | None) -> dict[str, float | int | str]:
    """One process's figures: cold and warm (median) HTML and PDF times, pages and sizes."""
    start = time.perf_counter()
    from lerende_scan.report import ReportOptions, html_to_pdf, render_company_html

    try:
        from lerende_scan.ingest import ingest
        from lerende_scan.questionnaire import load_questionnaire
    except ImportError:  # a round-1 checkout (--baseline): the modules before the re-housing
        from lerende_scan.validation import load_questionnaire  # type: ignore[no-redef]

        from lerende_scan.responses import ingest  # type: ignore[no-redef]
    from lerende_scan.scoring import score

    imports = time.perf_counter() - start
    questionnaire = load_questionnaire()
    ingested = ingest(REPO / "examples" / "responses.csv", questionnaire)
    scored = score(ingested.responses, ingest_findings=ingested.findings)
    try:  # the report as `scan score` writes it: with the drivers of motivation (issue 13)
        from lerende_scan.drivers import add_drivers

        result = add_drivers(scored, questionnaire)[0][0]
    except ImportError:  # a checkout from before the drivers (round 1)
        result = scored.companies[0]
    options = ReportOptions(lang=lang, date=dt.date(2026, 11, 22), title="Adviesbureau Voorbeeld")

    html, cold_html, _ = _timed(lambda: render_company_html(result, questionnaire, options))
    pdf, cold_pdf, _ = _timed(lambda: html_to_pdf(html, options))
    html_runs = []
    for _ in range(repeat):
        _fresh_labels()
        html_runs.append(_timed(lambda: render_company_html(result, questionnaire, options))[1:])
    pdf_runs = [_timed(lambda: html_to_pdf(html, options))[1:] for _ in range(repeat)]

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])  # type: ignore[index]
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.html").write_text(html, encoding="utf-8")
        (out / "report.pdf").write_bytes(pdf)
    return {
        "company": f"{result.company} ({result.respondents.valid} respondents, lang={lang})",
        "imports": imports,
        "html_cold": cold_html,
        "html_wall": statistics.median(r[0] for r in html_runs),
        "html_cpu": statistics.median(r[1] for r in html_runs),
        "pdf_cold": cold_pdf,
        "pdf_wall": statistics.median(r[0] for r in pdf_runs),
        "pdf_cpu": statistics.median(r[1] for r in pdf_runs),
        "pages": pages,
        "html_kib": len(html.encode()) / 1024,
        "pdf_kib": len(pdf) / 1024,
    }


def _in_process(src: Path, repeat: int, lang: str) -> dict[str, float]:
    """:func:`measure` in a fresh interpreter that imports lerende_scan from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = (
        f"import json, sys; sys.path.insert(0, {str(REPO / 'benchmarks')!r}); import report_bench as b; "
        f"print(json.dumps(b.measure({repeat}, {lang!r}, None)))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def compare(baseline: Path, rounds: int, repeat: int, lang: str) -> None:
    rows: dict[str, list[dict[str, float]]] = {"new": [], "baseline": []}
    print(f"{'round':<6}{'':<10}{'HTML CPU':>10}{'PDF CPU':>10}{'pages':>7}")
    for k in range(1, rounds + 1):
        for name, src in (("new", REPO / "src"), ("baseline", baseline / "src")):
            r = _in_process(src, repeat, lang)
            rows[name].append(r)
            print(f"{k:<6}{name:<10}{r['html_cpu']:>9.3f}s{r['pdf_cpu']:>9.3f}s{r['pages']:>7}")
        new, old = rows["new"][-1], rows["baseline"][-1]
        print(
            f"{'':<6}{'ratio':<10}{new['html_cpu'] / old['html_cpu']:>9.2f}x"
            f"{new['pdf_cpu'] / old['pdf_cpu']:>9.2f}x"
        )
    med = {
        n: {f: statistics.median(r[f] for r in rs) for f in ("html_cpu", "pdf_cpu")} for n, rs in rows.items()
    }
    print(f"median over {rounds} rounds (warm medians, CPU seconds):")
    for field, target in (("html_cpu", 0.3), ("pdf_cpu", 1.0)):
        new, old = med["new"][field], med["baseline"][field]
        print(
            f"  {field[:-4].upper():<5} new {new:.3f} s, baseline {old:.3f} s, ratio {new / old:.2f}x"
            f"  (target ≤ {target} s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--out", type=Path, default=None, help="also write report.html and report.pdf here")
    parser.add_argument("--baseline", type=Path, default=None, help="a checkout to measure in the same run")
    parser.add_argument("--rounds", type=int, default=3, help="with --baseline: alternating rounds")
    args = parser.parse_args()
    if args.baseline:
        compare(args.baseline, args.rounds, args.repeat, args.lang)
        return
    r = measure(args.repeat, args.lang, args.out)
    print(f"company           {r['company']}")
    print(f"imports           {r['imports']:.3f} s")
    print(f"HTML cold         {r['html_cold']:.3f} s")
    print(f"HTML warm median  {r['html_wall']:.3f} s wall, {r['html_cpu']:.3f} s CPU  (target ≤ 0.3 s)")
    print(f"PDF cold          {r['pdf_cold']:.3f} s")
    print(f"PDF warm median   {r['pdf_wall']:.3f} s wall, {r['pdf_cpu']:.3f} s CPU  (target ≤ 1 s)")
    print(f"pages             {r['pages']}")
    print(f"sizes             HTML {r['html_kib']:.0f} KiB, PDF {r['pdf_kib']:.0f} KiB")


if __name__ == "__main__":
    main()
