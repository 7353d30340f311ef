"""lerende-scan: score and report learning-organisation scans (lerende-organisatie-scan).

The public API is the pure core: load a questionnaire, ingest responses, score them. Only the CLI and the
writers do I/O beyond reading inputs.
"""

from lerende_scan.errors import Code, ExitCode, Finding, ScanError, Severity
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.results import CompanyResult

__version__ = "0.1.0"

__all__ = [
    "Code",
    "CompanyResult",
    "ExitCode",
    "Finding",
    "Questionnaire",
    "ScanError",
    "Severity",
    "__version__",
]
