"""The one error catalogue (:mod:`.catalogue`) and the findings that quote it (:mod:`.findings`)."""

from lerende_scan.errors.catalogue import EXCLUSION_TEXTS, Code, ExclusionReason, ExitCode, Severity
from lerende_scan.errors.findings import (
    PERSONAL_PARAMS,
    QUOTE_LIMIT,
    Finding,
    ScanError,
    did_you_mean,
    exit_code_for,
    inert,
)

__all__ = [
    "EXCLUSION_TEXTS",
    "PERSONAL_PARAMS",
    "QUOTE_LIMIT",
    "Code",
    "ExclusionReason",
    "ExitCode",
    "Finding",
    "ScanError",
    "Severity",
    "did_you_mean",
    "exit_code_for",
    "inert",
]
