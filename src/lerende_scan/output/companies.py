"""Writing every company's folder of outputs, in worker processes when there are several."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import pandas as pd

import lerende_scan.output.formats as file_formats
from lerende_scan.output.files import atomic_write, company_folders, inside
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult

__all__ = ["write_companies", "write_company"]

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def write_company(
    folder: Path,
    result: CompanyResult,
    questionnaire: Questionnaire,
    formats: Iterable[str],
    *,
    lang: str,
    report_options: Any = None,
    respondent_scores: pd.DataFrame | None = None,
) -> list[Path]:
    """Write one company's outputs into ``folder``; returns the paths written, in a stable order.

    ``report_options`` is a :class:`lerende_scan.report.ReportOptions`; the report package is imported only
    when html or pdf is asked for, so data-only runs stay light.
    """
    wanted = set(formats)
    written: list[Path] = []

    def put(name: str, data: bytes | str) -> None:
        path = inside(folder, name)
        atomic_write(path, data)
        written.append(path)

    if "json" in wanted:
        put("scores.json", file_formats.scores_json(result))
    if "xlsx" in wanted:
        put("scores.xlsx", file_formats.scores_xlsx(result, questionnaire, lang))
    if "csv" in wanted:
        put("scores.csv", file_formats.scores_csv(result, questionnaire, lang))
    if respondent_scores is not None:
        put("respondent_scores.csv", file_formats.respondent_scores_csv(respondent_scores))
    if wanted & {"html", "pdf"}:
        from lerende_scan.report import html_to_pdf, render_company_html

        html = render_company_html(result, questionnaire, report_options)
        if "html" in wanted:
            put("report.html", html)
        if "pdf" in wanted:
            put("report.pdf", html_to_pdf(html, report_options))
    return written


_WORKER: dict[str, Any] = {}


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the process that started it dies (``kill -9`` of ``scan``).

    Without it, the pool's workers of a killed run live on, finish their queue and idle at ~280 MB each.
    Elsewhere the pool's own shutdown is all there is.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no libc with prctl: the pool's shutdown is all there is
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def _init_worker(questionnaire: Questionnaire, formats: list[str], lang: str, report_options: Any) -> None:
    # Ctrl-C is the parent's to handle: it cancels the pool. Workers ignoring SIGINT print no tracebacks.
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()
    _WORKER.update(questionnaire=questionnaire, formats=formats, lang=lang, report_options=report_options)


def _write_one(folder: Path, result: CompanyResult, respondent_scores: pd.DataFrame | None) -> list[Path]:
    w = _WORKER
    return write_company(
        folder,
        result,
        w["questionnaire"],
        w["formats"],
        lang=w["lang"],
        report_options=w["report_options"],
        respondent_scores=respondent_scores,
    )


def write_companies(
    out: Path,
    results: Sequence[CompanyResult],
    questionnaire: Questionnaire,
    formats: Sequence[str],
    *,
    lang: str,
    report_options: Any = None,
    respondent_scores: pd.DataFrame | None = None,
    jobs: int = 1,
    on_done: Callable[[CompanyResult], None] | None = None,
) -> dict[str, Path]:
    """Write every company's outputs into its own folder under ``out``; returns company -> folder.

    With ``jobs > 1`` and reports to render, the companies are rendered in worker processes (rendering
    charts and PDFs is CPU-bound and matplotlib is not thread-safe). ``on_done`` is called in this process
    as each company finishes, for a progress bar.
    """
    folders = company_folders(r.company for r in results)
    targets = {r.company: inside(out, folders[r.company]) for r in results}

    def mine(result: CompanyResult) -> pd.DataFrame | None:
        if respondent_scores is None:
            return None
        rows = respondent_scores[respondent_scores["company"] == result.company]
        return rows.drop(columns="company")

    init = (questionnaire, list(formats), lang, report_options)
    # Worker processes pay off for reports only: the data files of a company take about a millisecond, less
    # than sending its result to a worker.
    if jobs <= 1 or len(results) <= 1 or not {"html", "pdf"} & set(formats):
        _init_worker(*init)
        for result in results:
            _write_one(targets[result.company], result, mine(result))
            if on_done:
                on_done(result)
        return targets
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(results)), mp_context=ctx, initializer=_init_worker, initargs=init
    ) as pool:
        futures = {pool.submit(_write_one, targets[r.company], r, mine(r)): r for r in results}
        try:
            for future in as_completed(futures):
                future.result()
                if on_done:
                    on_done(futures[future])
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return targets
