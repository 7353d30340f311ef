"""Writers for scores.json, scores.xlsx and scores.csv, and the safe, atomic file handling they share.

The only module besides the CLI that writes files. Three rules hold for every file written here:

- **atomic**: written to a temporary file in the target folder, then renamed, so an interrupted run leaves
  either the old file or the new one, never half of one;
- **contained**: a company folder is derived from the company name by :func:`company_folders` and checked
  with :func:`inside`, so no name (``../../etc``, ``/abs``, ``CON``) can escape ``--out``;
- **inert**: every text cell in CSV/XLSX that a spreadsheet could read as a formula (starting with
  ``= + - @``, tab or carriage return) is masked with a leading apostrophe, because company and department
  names are user input.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import signal
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd

from lerende_scan.questionnaire import Questionnaire, localise
from lerende_scan.results import CompanyResult, FactorResult

__all__ = [
    "atomic_write",
    "company_folders",
    "inside",
    "mask_formula",
    "respondent_scores_csv",
    "result_tables",
    "scores_csv",
    "scores_json",
    "scores_xlsx",
    "write_companies",
    "write_company",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def mask_formula(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with an apostrophe; leave everything else alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].map(mask_formula)
    out.columns = [mask_formula(str(c)) for c in out.columns]
    return out


def _folder_name(company: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip("-._")[:80].strip("-._")
    if not name or name.lower().split(".")[0] in _WINDOWS_RESERVED:
        name = f"company-{name}" if name else "company"
    return name


def company_folders(companies: Iterable[str]) -> dict[str, str]:
    """Map company names to distinct, safe folder names (``Zorggroep De Linde`` -> ``Zorggroep-De-Linde``).

    Names that collapse to the same folder get ``-2``, ``-3``... in order of appearance; comparison is
    case-insensitive because macOS and Windows file systems are.
    """
    used: set[str] = set()
    folders: dict[str, str] = {}
    for company in companies:
        if company in folders:
            continue
        base = _folder_name(company)
        name, i = base, 1
        while name.lower() in used:
            i += 1
            name = f"{base}-{i}"
        used.add(name.lower())
        folders[company] = name
    return folders


def inside(root: Path, *parts: str) -> Path:
    """``root / parts``, refusing any result that resolves outside ``root`` (defence in depth)."""
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        raise ValueError(f"refusing to write outside {base}: {target}")
    return target


@contextlib.contextmanager
def _temp_beside(path: Path) -> Iterator[Path]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_FILE_MODE = 0o666 & ~_umask()  # read once: os.umask is process-wide, not something to toggle per write


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename (POSIX-atomic on one file system)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with _temp_beside(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files
        os.replace(tmp, path)


# -- tables shared by CSV and XLSX ------------------------------------------------------------------


def result_tables(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> dict[str, pd.DataFrame]:
    """Flat tables of one company's result, one per XLSX sheet. Aggregates only."""
    factors = {f.id: f for f in questionnaire.factors}
    items = {i.id: i for i in questionnaire.items}

    def band_label(band_id: str | None) -> str | None:
        for band in questionnaire.scoring.bands:
            if questionnaire.band_id(band) == band_id:
                return str(localise(band.label, lang))
        return None

    def factor_row(f: FactorResult, name: str, rank: int | None) -> dict[str, Any]:
        return {
            "company": result.company,
            "factor": f.id,
            "name": name,
            "n": f.n,
            "mean": f.mean,
            "sd": f.sd,
            "ci_low": f.ci_low,
            "ci_high": f.ci_high,
            "alpha": f.alpha,
            "band": f.band,
            "band_label": band_label(f.band),
            "rank": rank,
        }

    factor_rows = [
        factor_row(f, localise(factors[f.id].name, lang), result.opportunities.index(f.id) + 1)
        if f.id in result.opportunities
        else factor_row(f, localise(factors[f.id].name, lang), None)
        for f in result.factors
    ]
    index_name = "Lerende-organisatie-index" if lang == "nl" else "Learning-organisation index"
    factor_rows.append(factor_row(result.index, index_name, None))
    points = [str(v) for v in range(questionnaire.scale.min, questionnaire.scale.max + 1)]
    item_rows = [
        {
            "factor": f.id,
            "item": it.id,
            "text": localise(items[it.id].text, lang),
            "reverse": it.reverse,
            "n": it.n,
            "mean": it.mean,
            "sd": it.sd,
            "missing_pct": it.missing_pct,
            "item_rest": it.item_rest,
            **{f"share_{p}": it.distribution.get(p) for p in points},
        }
        for f in result.factors
        for it in f.items
    ]
    group_rows = [
        {
            "breakdown": b.column,
            "group": g.name,
            "suppressed": g.suppressed,
            "n": g.n,
            "index": g.index,
            **{fid: (g.factors or {}).get(fid) for fid in factors},
        }
        for b in result.groups
        for g in b.groups
    ]
    leaders = result.leaders
    if leaders is not None:  # the perception gap, as two more groups of the same table
        for side, n in (("leaders", leaders.n_leaders), ("employees", leaders.n_employees)):
            group_rows.append(
                {
                    "breakdown": "leaders_vs_employees",
                    "group": side,
                    "suppressed": leaders.suppressed,
                    "n": None if leaders.suppressed else n,
                    "index": None,
                    **{g.factor: None if leaders.suppressed else getattr(g, side) for g in leaders.factors},
                }
            )
    dq = result.data_quality
    quality_rows: list[dict[str, Any]] = [
        {"measure": "received", "key": "", "value": dq.received},
        {"measure": "valid", "key": "", "value": dq.valid},
        *({"measure": "excluded", "key": k, "value": v} for k, v in dq.excluded.items()),
        *({"measure": "flagged", "key": k, "value": v} for k, v in dq.flagged.items()),
        *({"measure": "missing_pct", "key": k, "value": v} for k, v in dq.missing_pct.items()),
        *({"measure": "out_of_range", "key": k, "value": v} for k, v in dq.out_of_range.items()),
    ]
    summary = pd.DataFrame(
        [
            ("company", result.company),
            ("questionnaire", f"{result.questionnaire.id} {result.questionnaire.version}"),
            ("questionnaire_hash", result.questionnaire.hash),
            ("received", result.respondents.received),
            ("valid", result.respondents.valid),
            ("index", result.index.mean),
            ("opportunities", ", ".join(result.opportunities)),
            ("strengths", ", ".join(result.strengths)),
        ],
        columns=["key", "value"],
    )
    return {
        "summary": summary,
        "factors": pd.DataFrame(factor_rows).astype({"n": "Int64", "rank": "Int64"}),
        "items": pd.DataFrame(item_rows),
        "groups": pd.DataFrame(
            group_rows, columns=["breakdown", "group", "suppressed", "n", "index", *factors]
        ),
        "data_quality": pd.DataFrame(quality_rows, columns=["measure", "key", "value"]),
    }


def scores_json(result: CompanyResult) -> str:
    """The documented scores.json (README, "scores.json")."""
    return result.model_dump_json(indent=2) + "\n"


def scores_csv(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> bytes:
    """The factor table for Dutch Excel: UTF-8 with BOM, ``;`` separator, decimal comma, masked text."""
    table = _mask_frame(result_tables(result, questionnaire, lang)["factors"])
    text = table.to_csv(sep=";", index=False, decimal=",", float_format="%.3f", lineterminator="\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def scores_xlsx(result: CompanyResult, questionnaire: Questionnaire, lang: str) -> bytes:
    """One sheet per table (summary, factors, items, groups, data_quality), text cells masked."""
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in result_tables(result, questionnaire, lang).items():
            _mask_frame(table).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for column in sheet.columns:
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))
    return buffer.getvalue()


def respondent_scores_csv(frame: pd.DataFrame) -> bytes:
    """Respondent-level factor scores (only with --respondent-scores): id and scores, nothing else."""
    text = _mask_frame(frame).to_csv(
        sep=";", index=False, decimal=",", float_format="%.3f", lineterminator="\r\n"
    )
    return b"\xef\xbb\xbf" + text.encode("utf-8")


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
        put("scores.json", scores_json(result))
    if "xlsx" in wanted:
        put("scores.xlsx", scores_xlsx(result, questionnaire, lang))
    if "csv" in wanted:
        put("scores.csv", scores_csv(result, questionnaire, lang))
    if respondent_scores is not None:
        put("respondent_scores.csv", respondent_scores_csv(respondent_scores))
    if wanted & {"html", "pdf"}:
        from lerende_scan.report import html_to_pdf, render_company_html

        html = render_company_html(result, questionnaire, report_options)
        if "html" in wanted:
            put("report.html", html)
        if "pdf" in wanted:
            put("report.pdf", html_to_pdf(html, report_options))
    return written


_WORKER: dict[str, Any] = {}


def _init_worker(questionnaire: Questionnaire, formats: list[str], lang: str, report_options: Any) -> None:
    # Ctrl-C is the parent's to handle: it cancels the pool. Workers ignoring SIGINT print no tracebacks.
    if multiprocessing.parent_process() is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
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

    With ``jobs > 1`` the companies are rendered in worker processes (rendering charts and PDFs is CPU-bound
    and matplotlib is not thread-safe). ``on_done`` is called in this process as each company finishes,
    for a progress bar.
    """
    folders = company_folders(r.company for r in results)
    targets = {r.company: inside(out, folders[r.company]) for r in results}

    def mine(result: CompanyResult) -> pd.DataFrame | None:
        if respondent_scores is None:
            return None
        rows = respondent_scores[respondent_scores["company"] == result.company]
        return rows.drop(columns="company")

    init = (questionnaire, list(formats), lang, report_options)
    if jobs <= 1 or len(results) <= 1:
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
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=init
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
