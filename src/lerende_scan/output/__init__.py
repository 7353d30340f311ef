"""What a run writes: pure tables (:mod:`.tables`), file formats (:mod:`.formats`), company folders
(:mod:`.companies`) and the safe, atomic, contained file writing they all share (:mod:`.files`)."""

from lerende_scan.output.companies import write_companies, write_company
from lerende_scan.output.files import (
    INCOMPLETE,
    atomic_write,
    company_folders,
    inside,
    mask_formula,
    mask_frame,
    run_marker,
    spreadsheet_text,
    stale_company_folders,
)
from lerende_scan.output.formats import respondent_scores_csv, scores_csv, scores_json, scores_xlsx
from lerende_scan.output.tables import result_tables

__all__ = [
    "INCOMPLETE",
    "atomic_write",
    "company_folders",
    "inside",
    "mask_formula",
    "mask_frame",
    "respondent_scores_csv",
    "result_tables",
    "run_marker",
    "scores_csv",
    "scores_json",
    "scores_xlsx",
    "spreadsheet_text",
    "stale_company_folders",
    "write_companies",
    "write_company",
]
