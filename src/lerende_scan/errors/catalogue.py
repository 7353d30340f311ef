"""The one error catalogue: every message a user can see, with its severity and exit code.

Core code never prints or exits. It returns :class:`~lerende_scan.errors.Finding` objects (problems that
do not stop the work) or raises :class:`~lerende_scan.errors.ScanError` (problems that do). The CLI prints
``str(finding)`` and maps severities to the documented exit codes. Tests assert against :class:`Code`
members, never against copied message text, so rewording a message here breaks nothing.

Every template follows one pattern: what is wrong, what was expected, how to fix it. The location
(``file:line:col`` or ``file: row R, column 'C'``) is put in front by the finding. Terminal texts that are
not problems (summaries, progress labels) are in ``strings.yaml`` with the report texts, in Dutch and
English; so are the translated exclusion reasons (``sector_reason_<reason>``).
"""

from __future__ import annotations

from enum import Enum, IntEnum, StrEnum

__all__ = ["EXCLUSION_TEXTS", "Code", "ExclusionReason", "ExitCode", "Severity"]


class ExitCode(IntEnum):
    """Documented exit codes of the ``scan`` command (see README, "Exit codes")."""

    OK = 0
    FINDINGS = 1  # validation errors, data problems, refused inputs
    USAGE = 2  # wrong command line (Typer/Click use 2 as well)
    INTERNAL = 70  # a bug in lerende-scan (EX_SOFTWARE); the message asks for a report
    INTERRUPTED = 130  # Ctrl-C; nothing half-written is left behind


class ExclusionReason(StrEnum):
    """Why a company is left out of a sector benchmark: stored in benchmark.json by this value, shown on
    the terminal with :data:`EXCLUSION_TEXTS` and in the benchmark report with ``sector_reason_<value>``."""

    TOO_SMALL = "too_small"  # fewer valid respondents than the anonymity threshold (``minimum``)
    NONE_VALID = "none_valid"  # no valid respondents at all
    UNREADABLE = "unreadable"  # the input could not be read (``finding`` holds the catalogue id)
    DUPLICATE = "duplicate"  # the same company appears in two inputs


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(Enum):
    """Catalogue entries: ``(id, severity, template)``. Templates use ``str.format`` fields."""

    # --- questionnaire files (Q) -------------------------------------------------------------------
    YAML_SYNTAX = (
        "Q001",
        Severity.ERROR,
        "YAML syntax error: {problem}; fix the indentation or quoting here",
    )
    YAML_TAG = (
        "Q002",
        Severity.ERROR,
        "the YAML tag '{tag}' is not allowed; questionnaires hold plain data only, remove the tag",
    )
    YAML_DUPLICATE_KEY = (
        "Q003",
        Severity.ERROR,
        "the key '{key}' appears twice in this mapping (first at line {first_line}); YAML would silently"
        " keep the last one, so keep one of them",
    )
    YAML_TOO_LARGE = (
        "Q004",
        Severity.ERROR,
        "the document expands to more than {limit} values through anchors and aliases (or refers to"
        " itself); write the values out instead of nesting aliases",
    )
    YAML_VALUE = ("Q005", Severity.ERROR, "the value {value} cannot be read as {kind}; {how}")
    YAML_KEY_KIND = (
        "Q006",
        Severity.ERROR,
        "{key} is read as {kind}, not as {expected}; quote it if it is meant as text, or correct it",
    )
    UNKNOWN_KEY = ("Q010", Severity.ERROR, "{where}'{key}' is not a known key{suggestion}")
    MISSING_KEY = ("Q011", Severity.ERROR, "{where}the required key '{key}' is missing; add it")
    WRONG_TYPE = ("Q012", Severity.ERROR, "{where}{what} has the value {value}; {expected}")
    NOT_A_MAPPING = (
        "Q013",
        Severity.ERROR,
        "the file does not hold a questionnaire mapping (got {got}); start with 'id:', 'version:', ...",
    )
    DUPLICATE_FACTOR_ID = (
        "Q020",
        Severity.ERROR,
        "factor id '{id}' is already used at line {first_line}; factor ids must be unique",
    )
    DUPLICATE_ITEM_ID = (
        "Q021",
        Severity.ERROR,
        "item id '{id}' is already used at line {first_line}; item ids must be unique across all factors",
    )
    ITEM_ID_CASE = (
        "Q023",
        Severity.ERROR,
        "item id '{id}' differs from item '{other}' (line {first_line}) only in upper and lower case; column"
        " headers are matched ignoring case, so give one of them another id",
    )
    DUPLICATE_COLUMN_NAME = (
        "Q022",
        Severity.ERROR,
        "{where}column name '{name}' already identifies item '{other}'; each code must map to one item",
    )
    MISSING_TRANSLATION = (
        "Q030",
        Severity.ERROR,
        "{where}no '{lang}' text; every text needs all languages {languages}, written as {example}",
    )
    UNKNOWN_LANGUAGE = (
        "Q031",
        Severity.ERROR,
        "{where}text in language '{lang}', which is not in languages {languages}; add it there or remove it",
    )
    SCALE_ORDER = ("Q040", Severity.ERROR, "scale min ({min}) must be below max ({max}); swap or fix them")
    SCALE_POINTS = (
        "Q041",
        Severity.ERROR,
        "the scale has {points} points; a scale needs 2 to 11 points (for example min: 1, max: 5)",
    )
    LABEL_OUTSIDE_SCALE = (
        "Q042",
        Severity.ERROR,
        "scale label for {value} lies outside the scale {min}..{max}; remove it or widen the scale",
    )
    SPLIT_OUTSIDE_SCALE = (
        "Q043",
        Severity.ERROR,
        "scale {key} is {value}, outside the scale {min}..{max}; use an answer value on the scale",
    )
    SPLIT_ORDER = (
        "Q044",
        Severity.ERROR,
        "the favourable split has unfavourable_to: {low} and favourable_from: {high} (with the defaults);"
        " unfavourable answers must lie below favourable ones, so lower unfavourable_to or raise"
        " favourable_from",
    )
    BAND_ORDER = (
        "Q050",
        Severity.ERROR,
        "band {index} has below: {below}, not above the previous band's {previous}; order bands from low up",
    )
    BAND_ID_DUPLICATE = (
        "Q106",
        Severity.ERROR,
        "band {index} has the id '{id}', like band {first}; scores would be filed under the wrong band;"
        " give each band its own id (or label)",
    )
    BAND_OUTSIDE_SCALE = (
        "Q051",
        Severity.ERROR,
        "band {index} has below: {below}, outside the scale ({min}, {max}]; use a value inside the scale",
    )
    BAND_LAST_BOUNDED = (
        "Q052",
        Severity.ERROR,
        "the last band has below: {below}, but it must be open-ended; remove 'below' from the last band",
    )
    BAND_UNBOUNDED = (
        "Q053",
        Severity.ERROR,
        "band {index} has no 'below', but only the last band may be open-ended; add 'below: <score>'",
    )
    MIN_ANSWERED_RANGE = (
        "Q060",
        Severity.ERROR,
        "min_answered is {value}; it must be a share in (0, 1], for example 0.5",
    )
    NO_ITEMS = ("Q070", Severity.ERROR, "factor '{factor}' has no items; add at least two items")
    ONE_ITEM = (
        "Q071",
        Severity.WARNING,
        "factor '{factor}' has one item, so its reliability (alpha) is undefined; add items",
    )
    NO_FACTORS = ("Q072", Severity.ERROR, "the questionnaire has no factors; add at least one factor")
    UNKNOWN_GROUP_COLUMN = (
        "Q080",
        Severity.ERROR,
        "leaders.column '{column}' is not one of the groups {groups}; add it to 'groups'",
    )
    DRIVER_UNKNOWN_FACTOR = (
        "Q100",
        Severity.ERROR,
        "drivers: the {role} '{id}' is not a factor id{suggestion}; the factors are {factors}",
    )
    DRIVER_OUTCOME_PREDICTOR = (
        "Q101",
        Severity.ERROR,
        "drivers: '{id}' is the outcome and cannot also predict itself; remove it from 'predictors'",
    )
    DRIVER_DUPLICATE_PREDICTOR = (
        "Q102",
        Severity.ERROR,
        "drivers: the predictor '{id}' is listed twice; list each factor once",
    )
    DRIVER_TOO_FEW_PREDICTORS = (
        "Q103",
        Severity.ERROR,
        "drivers: {count} distinct predictor(s) besides the outcome; relative weights need at least two,"
        " so add predictors or remove 'drivers'",
    )
    DRIVER_MIN_RESPONDENTS = (
        "Q104",
        Severity.ERROR,
        "drivers: min_respondents is {value}; weights on fewer than {minimum} respondents are noise, so"
        " use {minimum} or more (30 is the default)",
    )
    DRIVER_FEW_ITEMS = (
        "Q105",
        Severity.WARNING,
        "drivers: the {role} '{id}' has {items} item, so its scores are unreliable and its weight with"
        " them; add items to that factor",
    )
    GROUP_TWICE = (
        "Q107",
        Severity.ERROR,
        "group column '{name}' is listed twice (also as entry {first}); each breakdown is made once, so"
        " list each column once",
    )
    COLUMN_IS_ITEM = (
        "Q108",
        Severity.ERROR,
        "{role} '{name}' is the column of item '{item}'; a statement's answers cannot also be {use}; name"
        " another column",
    )
    GROUP_IS_RESPONDENT_ID = (
        "Q109",
        Severity.ERROR,
        "group column '{name}' is the respondent id column; a breakdown by respondent would list single"
        " people; remove it from 'groups'",
    )
    RESERVED_ID = (
        "Q110",
        Severity.ERROR,
        "'{name}' is reserved ({meaning}) and cannot be {what}; choose another one",
    )
    NO_QUESTIONNAIRES = (
        "Q090",
        Severity.ERROR,
        "no *.yaml or *.yml questionnaire found; pass a questionnaire file or a folder holding one",
    )
    FILE_UNREADABLE = (
        "Q091",
        Severity.ERROR,
        "cannot read the file ({reason}); check the path and permissions",
    )
    NOT_UTF8 = (
        "Q111",
        Severity.ERROR,
        "{problem}; expected UTF-8 text (questionnaires are UTF-8); save it as UTF-8 (in most editors:"
        " Save As, encoding UTF-8)",
    )

    # --- response files (R) ------------------------------------------------------------------------
    FOLDER_WITHOUT_RESPONSES = (
        "R046",
        Severity.ERROR,
        "this folder holds no survey file ({suffixes}){subfolders}; pass the folder that holds the"
        " exports, or the files themselves",
    )
    SKIPPED_SPREADSHEET = (
        "R050",
        Severity.WARNING,
        "this {kind} file in the folder is not read, so its company is not in the run; save it as .xlsx"
        " or CSV",
    )
    SKIPPED_NOT_A_FILE = (
        "R051",
        Severity.WARNING,
        "this entry in the folder is not read ({reason}), so its company is not in the run; replace it"
        " with the file itself",
    )
    SHEET_ROWS_OUT_OF_ORDER = (
        "R052",
        Severity.ERROR,
        "the sheet's row {number} is stored after row {previous} (the tool that wrote the file numbered its"
        " rows out of order or twice), so rows would be lost; open the file in Excel or LibreOffice and save"
        " it again, or export CSV",
    )
    EMPTY_FILE = ("R001", Severity.ERROR, "the file is empty (0 bytes); export or save it again")
    BLANK_FILE = (
        "R047",
        Severity.ERROR,
        "the file holds only blank lines ({size} bytes), so there is no header row; expected the column"
        " headers in the first line and the rows below them; export or save it again",
    )
    EMPTY_SHEET = (
        "R048",
        Severity.ERROR,
        "the first sheet '{sheet}' is empty, so there is no header row; only the first sheet is read, so"
        " put the column headers in its row 1 and the rows below them, or move the sheet that holds them"
        " to the front",
    )
    HEADER_ONLY = (
        "R002",
        Severity.ERROR,
        "the file has a header but no responses; export again including the responses",
    )
    UNDECODABLE = (
        "R003",
        Severity.ERROR,
        "cannot read this as text or a spreadsheet ({reason}); export as CSV (UTF-8) or XLSX",
    )
    UNSUPPORTED_FORMAT = (
        "R004",
        Severity.ERROR,
        "unsupported file type '{suffix}'; use one of {suffixes}",
    )
    CELL_TOO_LARGE = (
        "R049",
        Severity.ERROR,
        "{what} is longer than {limit}, more than a file is read with (a pasted document, or a quote that"
        " closes far too late?); shorten or delete that value, or export the file without its column",
    )
    SPSS_MISSING = (
        "R005",
        Severity.ERROR,
        "reading SPSS .sav files needs pyreadstat; install it with: pip install 'lerende-scan[spss]'",
    )
    ROW_LENGTH = (
        "R006",
        Severity.ERROR,
        "this row has {got} fields but the header has {expected} ({count} such row(s)); a separator inside"
        " an unquoted value? quote it or export the file again",
    )
    SHEET_TOO_LARGE = (
        "R044",
        Severity.ERROR,
        "the first sheet reaches row {rows} and column {columns}, more than the {limit} cells a workbook is"
        " read with (a stray value far from the data?); delete the rows and columns beyond the data, or"
        " export the responses as CSV",
    )
    WORKBOOK_TOO_LARGE = (
        "R045",
        Severity.ERROR,
        "the workbook unpacks to {size} MB, more than the {limit} MB a workbook is read to; export the"
        " responses as CSV",
    )
    ROWS_SHORT = (
        "R043",
        Severity.WARNING,
        "this row has {got} fields but the header has {expected} ({count} such row(s)); the missing fields"
        " at the end are read as blank; if the row was written with another separator, correct it",
    )
    UNCLOSED_QUOTE = (
        "R007",
        Severity.ERROR,
        "a quoted value starts in this row and is never closed, so the rest of the file would be read as"
        ' one value; add the closing quote (") or export the file again',
    )
    DUPLICATE_HEADER = (
        "R010",
        Severity.ERROR,
        "header '{header}' appears in columns {columns}; rename one so every column header is unique",
    )
    NO_ITEMS_MATCHED = (
        "R011",
        Severity.ERROR,
        "no column matches an item of questionnaire '{questionnaire}'; expected headers such as {expected},"
        " found {found}; pass the right questionnaire with -q",
    )
    ITEM_NOT_FOUND = (
        "R012",
        Severity.ERROR,
        "no column for item '{item}' ({text}); closest headers: {closest}; rename the column or add it"
        " to the item's 'codes'",
    )
    ITEM_AMBIGUOUS = (
        "R013",
        Severity.ERROR,
        "item '{item}' matches several columns {columns}; keep one or make the item's 'codes' specific",
    )
    COMPANY_COLUMN_MISSING = (
        "R020",
        Severity.ERROR,
        "company column '{column}' is not in the file{suggestion}; check --company-column",
    )
    GROUP_COLUMN_MISSING = (
        "R021",
        Severity.WARNING,
        "group column '{column}' is not in the file{suggestion}; that breakdown is left out",
    )
    COMPANY_BLANK = (
        "R022",
        Severity.WARNING,
        "{count} row(s) have no company name (first at row {row}); they are scored as company"
        " '{default}'; fill in the company column or pass --company",
    )
    RESPONDENT_ID_MISSING = (
        "R023",
        Severity.WARNING,
        "respondent id column '{column}' is not in the file{suggestion}; duplicate responses cannot be"
        " detected; fix 'respondent_id' in the questionnaire or the export",
    )
    OUT_OF_RANGE = (
        "R030",
        Severity.WARNING,
        "column '{column}': {count} answer(s) outside the scale {min}..{max} or not understood (first at"
        " row {row}{answer}); they count as missing; fix the export or use --strict to refuse",
    )
    OUT_OF_RANGE_STRICT = (
        "R031",
        Severity.ERROR,
        "column '{column}': {count} answer(s) outside the scale {min}..{max} or not understood (first at"
        " row {row}{answer}); fix the export, or drop --strict to count them as missing",
    )
    NO_VALID_RESPONDENTS = (
        "R040",
        Severity.ERROR,
        "company '{company}' has no valid respondents ({reasons}); check the export for this company",
    )
    COMPANY_TOO_SMALL = (
        "R042",
        Severity.ERROR,
        "company '{company}' has {valid} valid respondent(s), fewer than the anonymity threshold {minimum};"
        " no scores are reported so no one can be identified; collect more responses",
    )
    STRAIGHTLINERS = (
        "R041",
        Severity.WARNING,
        "{count} respondent(s) gave the same answer to every item (straight-lining); they are kept and"
        " flagged; use --exclude-straightliners to leave them out",
    )

    # --- scoring and reliability (S) ---------------------------------------------------------------
    LOW_ALPHA = (
        "S001",
        Severity.WARNING,
        "company '{company}', factor '{factor}': Cronbach's alpha is {alpha:.2f}, below .60; read this"
        " factor's score with care",
    )
    NEGATIVE_ITEM_REST = (
        "S002",
        Severity.WARNING,
        "company '{company}', item '{item}': item-rest correlation is {r:.2f} (negative); the item is"
        " probably reverse-keyed but not marked 'reverse: true'",
    )
    RESPONSES_EXCEED_INVITED = (
        "S003",
        Severity.WARNING,
        "company '{company}'{group}: {responses} usable responses but only {invited} invited; the response"
        " rate is shown above 100%; correct the invited count in --invited or --population",
    )
    POPULATION_INVALID = (
        "S004",
        Severity.ERROR,
        "population: {reason}; {fix}",
    )
    POPULATION_UNMATCHED = (
        "S005",
        Severity.WARNING,
        "population: {what} is not in the responses, so its invited count is not used; {fix}",
    )
    GROUP_COLUMN_IDENTIFYING = (
        "S006",
        Severity.WARNING,
        "company '{company}': group column '{column}' puts {small} of its {answered} respondents with a"
        " value in groups smaller than {minimum}, as free text or ids do; that breakdown is left out and"
        " its values are not shown; remove the column from 'groups', or group its values",
    )

    # --- outputs, reports and benchmarks (O) -------------------------------------------------------
    UNKNOWN_FORMAT = (
        "O001",
        Severity.ERROR,
        "unknown output format '{format}'; choose from {choices}",
    )
    TEMPLATE_ERROR = (
        "O002",
        Severity.ERROR,
        "template problem: {reason}; fix the template in --template-dir or remove it to use the default",
    )
    BRANDING_INVALID = ("O003", Severity.ERROR, "branding file problem: {reason}; fix the file")
    BRANDING_NOT_A_MAPPING = (
        "O007",
        Severity.ERROR,
        "the branding file holds {got}, not 'key: value' lines; expected a mapping with the keys {known};"
        " {fix}",
    )
    BRANDING_UNKNOWN_KEY = (
        "O008",
        Severity.ERROR,
        "'{key}' is not a branding key; expected only {known}; {fix}",
    )
    PDF_UNAVAILABLE = (
        "O004",
        Severity.ERROR,
        "cannot make PDF ({reason}); install WeasyPrint's system libraries (Pango) or leave out pdf",
    )
    RESOURCE_REFUSED = (
        "O005",
        Severity.WARNING,
        "the report refers to '{url}', which is neither a data: URI nor a file of the template directory;"
        " it is left out; embed it as a data: URI or put it in --template-dir",
    )
    STALE_COMPANY_FOLDERS = (
        "O006",
        Severity.WARNING,
        "--out holds {count} company folder(s) this run did not write ({names}), from an earlier run; they"
        " are not part of this run's results; remove them, or give each run its own --out",
    )
    BENCHMARK_MISMATCH = (
        "B001",
        Severity.ERROR,
        "the benchmark was built from questionnaire {theirs}, these responses use {ours}; use a benchmark"
        " of the same questionnaire version and items",
    )
    BENCHMARK_INVALID = (
        "B002",
        Severity.ERROR,
        "not a lerende-scan benchmark file ({reason}); pass the benchmark.json that 'scan benchmark' wrote",
    )
    TOO_FEW_COMPANIES = (
        "B003",
        Severity.ERROR,
        "only {count} {qualify}, below --min-companies {minimum}; a smaller benchmark would"
        " identify them; add companies",
    )
    ONE_FILE_ONE_COMPANY = (
        "B005",
        Severity.ERROR,
        "this file is read as one company: it has no column 'company'{suggestion}; pass --company-column"
        " with the column that holds the company names, or one file per company",
    )
    COMPANY_EXCLUDED = (
        "B004",
        Severity.WARNING,
        "company {code} ('{name}') is left out of the benchmark: {reason}; benchmark.json lists it by code"
        " only",
    )

    # --- command line (U): usage errors, exit 2 -----------------------------------------------------
    BAD_DATE = ("U001", Severity.ERROR, "'{value}' is not a date; use YYYY-MM-DD, for example 2026-11-22")
    UNKNOWN_LANGUAGE_OPTION = (
        "U002",
        Severity.ERROR,
        "language '{lang}' is not one of the questionnaire's languages ({languages}); pass one of them",
    )
    COMPANY_OPTIONS_CLASH = (
        "U003",
        Severity.ERROR,
        "--company and --company-column exclude each other; pass --company for a file of one company,"
        " --company-column for a file of several",
    )
    INVITED_OPTIONS_CLASH = (
        "U007",
        Severity.ERROR,
        "--invited and --population exclude each other; pass --invited N for a file of one company, or"
        " --population FILE with the invited counts per company or group",
    )
    INVITED_SEVERAL_COMPANIES = (
        "U008",
        Severity.ERROR,
        "--invited {invited} is the number invited for one company, but the export holds {count}"
        " companies; pass --population FILE with a company column and an 'invited' column instead",
    )
    BENCHMARK_NAME_EMPTY = (
        "U009",
        Severity.ERROR,
        "the benchmark needs a name (it titles the report and seeds the company codes); pass one, for"
        ' example --name "VVT Noord-Holland 2026"',
    )
    COMPANY_COLUMN_TAKEN = (
        "U005",
        Severity.ERROR,
        "--company-column '{name}' is {role}, not a column of company names; pass the column that holds"
        " the company names, or --company for a file of one company",
    )

    BAD_EPOCH = (
        "U006",
        Severity.ERROR,
        "SOURCE_DATE_EPOCH='{value}' is not a whole number of seconds since 1970-01-01 (UTC) up to the"
        " year 9999; set it to such a number, unset it, or pass --date YYYY-MM-DD",
    )

    # --- run outcomes (X) -----------------------------------------------------------------------------
    INTERRUPTED = ("X001", Severity.ERROR, "interrupted; {written}")
    MORE_FINDINGS = (
        "X003",
        Severity.WARNING,
        "{count} more finding(s) [{code}] like the ones above; every finding is listed in {file}",
    )
    MORE_FINDINGS_UNWRITTEN = (
        "X004",
        Severity.WARNING,
        "{count} more finding(s) [{code}] like the ones above; the run stopped before writing findings.txt",
    )
    OUT_NOT_A_FOLDER = (
        "U004",
        Severity.ERROR,
        "--out '{out}' is not a folder ({reason}); pass a folder to write into (it is created if missing)",
    )
    FILE_SYSTEM_REFUSED = (
        "X005",
        Severity.ERROR,
        "the file system refused this path ({reason}); check its name, its permissions and the free disk"
        " space, or choose another --out",
    )
    OUT_ESCAPES = (
        "X006",
        Severity.ERROR,
        "this output leads outside --out '{out}' (through a link); remove the link or choose an empty --out",
    )
    STDOUT_REFUSED = (
        "X007",
        Severity.ERROR,
        "standard output could not be written ({reason}), so what it shows is incomplete; free space on"
        " the disk it goes to, or check the file or pipe it is redirected to",
    )
    INTERNAL_ERROR = (
        "X002",
        Severity.ERROR,
        "internal error: {error}; this is a bug in lerende-scan, please report it (set LERENDE_SCAN_DEBUG=1"
        " to see the traceback)",
    )

    # --- learning circles (L) -------------------------------------------------------------------------
    LEADER_ID_COLUMN_MISSING = (
        "L001",
        Severity.ERROR,
        "no leader id column; expected one of {expected}, found {found}; name the column 'id'",
    )
    LEADER_ID_BLANK = ("L002", Severity.ERROR, "this row has no leader id; fill it in or delete the row")
    LEADER_ID_DUPLICATE = (
        "L003",
        Severity.ERROR,
        "leader id '{id}' is already used at row {first_row}; give every leader one row with a unique id",
    )
    MANAGER_UNKNOWN = (
        "L004",
        Severity.WARNING,
        "manager id '{manager}' is not a leader in this file, so 'not with their own manager' does not apply"
        " to '{id}'; correct the id or leave the cell blank",
    )
    MANAGER_CYCLE = (
        "L005",
        Severity.ERROR,
        "the manager chain runs in a circle ({chain}); correct the manager of one of them",
    )
    TOO_FEW_LEADERS = (
        "L006",
        Severity.ERROR,
        "{count} leader(s), fewer than one circle of at least {minimum}; add leaders or lower --min-size",
    )
    TOO_MANY_LEADERS = (
        "L030",
        Severity.ERROR,
        "{count} leaders; circles are formed for at most {maximum} leaders at a time; split the file, for"
        " example by region or programme, and form the circles of each part",
    )
    THEME_COLUMN_UNKNOWN = (
        "L007",
        Severity.ERROR,
        "column '{column}' is not a theme{suggestion}; themes are {themes}; rename the column or remove it",
    )
    THEME_COLUMN_TWICE = (
        "L035",
        Severity.ERROR,
        "column '{column}' is the theme '{theme}', like column '{other}'; one of them would be ignored;"
        " keep one column per theme",
    )
    THEME_CHOICE_UNKNOWN = (
        "L008",
        Severity.ERROR,
        "'{value}' is not a theme{suggestion}; choose one of {themes}",
    )
    NEED_WEIGHT_INVALID = (
        "L009",
        Severity.ERROR,
        "'{value}' is not a weight; write a number of 0 or more, or leave the cell blank",
    )
    NEEDS_COLUMNS_MISSING = (
        "L010",
        Severity.ERROR,
        "no development needs: expected theme columns (such as {example}) or choice columns theme_1 to"
        " theme_3; add them, or pass --from-360",
    )
    NEEDS_FORMATS_MIXED = (
        "L011",
        Severity.ERROR,
        "the file has theme weight columns ({weights}) and choice columns ({choices}); keep one of the two",
    )
    NEEDS_BLANK = (
        "L012",
        Severity.WARNING,
        "leader '{id}' has no development needs; they are placed wherever the rules allow; fill in their"
        " needs",
    )
    THEME_CHOSEN_TWICE = (
        "L013",
        Severity.WARNING,
        "theme '{theme}' is chosen twice; the later choice is ignored; choose another theme",
    )
    DEPARTMENT_CAP_IMPOSSIBLE = (
        "L014",
        Severity.ERROR,
        "department '{department}' has {count} leaders, more than {circles} circle(s) × at most {cap};"
        " raise --max-per-department to {needed} or leave it out",
    )
    CIRCLE_SIZES_INVALID = (
        "L015",
        Severity.ERROR,
        "circle sizes must satisfy 2 ≤ --min-size ({minimum}) ≤ --size ({target}) ≤ --max-size"
        " ({maximum}); fix the options",
    )
    PAIR_ID_UNKNOWN = (
        "L016",
        Severity.ERROR,
        "leader id '{id}' is not in the needs file{suggestion}; correct the id or remove the row",
    )
    PAIR_RULE_UNKNOWN = (
        "L017",
        Severity.ERROR,
        "'{value}' is not a rule; write 'separate' (or 'apart') or 'join' (or 'samen')",
    )
    PAIR_SELF = (
        "L031",
        Severity.ERROR,
        "'{id}' is paired with themselves; write the ids of two different leaders",
    )
    PAIR_CONFLICT = (
        "L018",
        Severity.ERROR,
        "'{a}' and '{b}' must be joined{via} but also kept apart ({rule}); remove one of the rules",
    )
    JOIN_TOO_LARGE = (
        "L019",
        Severity.ERROR,
        "{count} leaders must join one circle ({ids}), more than the largest size {maximum}; split the"
        " group or raise --max-size",
    )
    PAIRS_COLUMNS_MISSING = (
        "L020",
        Severity.ERROR,
        "the pairs file needs the columns {expected}; found {found}; rename its header",
    )
    UNPLACED_SIZES = (
        "L021",
        Severity.WARNING,
        "circles of {minimum} to {maximum} cannot hold {leaders} leaders, so {count} stay out: {ids};"
        " allow other sizes with --min-size or --max-size",
    )
    UNPLACED_RULES = (
        "L022",
        Severity.WARNING,
        "{count} leader(s) fit no circle without breaking a manager, department or pair rule: {ids};"
        " relax --max-per-department or the pairs file, or place them by hand",
    )
    ROLE_UNKNOWN = (
        "L023",
        Severity.WARNING,
        "{count} row(s) have rater role '{role}' (first at row {row}), not self, manager, peer or report;"
        " they are left out; correct the role",
    )
    RATER_COLUMN_MISSING = (
        "L024",
        Severity.ERROR,
        "the 360 file has no {what} column '{column}'{suggestion}; rename it or pass {option}",
    )
    LEADER_ID_BLANK_360 = (
        "L025",
        Severity.WARNING,
        "{count} row(s) have no leader id (first at row {row}); they are left out; fill in the leader id",
    )
    NOT_IN_LEADERS_FILE = (
        "L026",
        Severity.WARNING,
        "{count} leader(s) have 360 feedback but are not in the leaders file: {ids}; they stay out of the"
        " circles; add them to the leaders file",
    )
    NO_FEEDBACK = (
        "L027",
        Severity.WARNING,
        "{count} leader(s) have no ratings from others in the 360 file: {ids}; they are placed wherever"
        " the rules allow; collect their feedback",
    )
    NOTHING_FORMED = (
        "L028",
        Severity.ERROR,
        "no circle can be formed: with these rules no {minimum} leaders can share a circle; relax"
        " --min-size, --max-per-department or the pairs file",
    )
    JOIN_OVER_CAP = (
        "L029",
        Severity.ERROR,
        "{count} leaders of department '{department}' must join one circle ({ids}), more than"
        " --max-per-department {cap}; raise it or remove a join",
    )
    RATER_COLUMN_TAKEN = (
        "L032",
        Severity.ERROR,
        "{option} '{column}' is {taken}, not a {what} column; the 360 file needs a column of its own with"
        " {expected}; pass {option} with that column's name",
    )
    ROLES_NONE = (
        "L033",
        Severity.ERROR,
        "the role column holds no rater roles (found {found}); expected self, manager, peer or report"
        " (zelf, leidinggevende, collega, medewerker); pass the role column with --role-column",
    )
    FEEDBACK360_IN_BENCHMARK = (
        "L034",
        Severity.ERROR,
        "this file is 360-degree feedback (a '{leader}' column and a '{role}' column of rater roles): named"
        " personal data about leaders, which never enters a benchmark; leave it out, and form learning"
        " circles from it with 'scan circles --from-360 FILE'",
    )

    # --- waves (W) ------------------------------------------------------------------------------------
    WAVE_PREVIOUS_INVALID = (
        "W001",
        Severity.ERROR,
        "not an earlier scan ({reason}); pass the scores.json or the output folder that 'scan score' wrote",
    )
    WAVE_OTHER_QUESTIONNAIRE = (
        "W002",
        Severity.ERROR,
        "the earlier scan used questionnaire '{theirs}', this one '{ours}'; waves compare only scans of"
        " the same questionnaire",
    )
    WAVE_SAME_DATE = (
        "W003",
        Severity.ERROR,
        "this earlier scan has the date {date}, the same as {other}; every wave needs its own date: give"
        " --previous each earlier wave once, and this wave its date with --date YYYY-MM-DD",
    )
    WAVE_SCALE_CHANGED = (
        "W004",
        Severity.ERROR,
        "the answer scale changed between the waves: {what}; answers on another scale cannot be compared;"
        " compare only waves scored on the same scale",
    )
    WAVE_NO_FINGERPRINTS = (
        "W005",
        Severity.ERROR,
        "this earlier scores.json has no statement fingerprints (an older lerende-scan) and another"
        " questionnaire version ({theirs}, now {ours}); score the earlier wave again with this version",
    )
    WAVE_LATER_THAN_CURRENT = (
        "W006",
        Severity.ERROR,
        "this earlier scan is dated {then}, after this wave ({date}); give this wave its date with --date"
        " YYYY-MM-DD",
    )
    WAVE_NO_MATCH = (
        "W007",
        Severity.WARNING,
        "no earlier scan of company '{company}' among --previous (earlier: {found}); it gets no before and"
        " after; pass --company-match 'OLD=NEW' if its name changed",
    )
    WAVE_PREVIOUS_UNUSED = (
        "W008",
        Severity.WARNING,
        "the earlier scan of '{company}' matches no company in these responses{suggestion}; pass"
        " --company-match 'OLD=NEW' if its name changed",
    )
    WAVE_MATCH_OPTION = (
        "W009",
        Severity.ERROR,
        "'{value}' is not OLD=NEW; write the earlier {what} name, '=', and its name now",
    )
    PILOTS_INVALID = (
        "W010",
        Severity.ERROR,
        "{reason}; {fix}",
    )
    PILOTS_MISSING = (
        "W011",
        Severity.ERROR,
        "pilot companies not in both waves: {what}; check their names in the pilots file, or add their"
        " missing wave",
    )
    PILOTS_TOO_FEW = (
        "W012",
        Severity.ERROR,
        "{what} in both waves: {count}, fewer than 3; a difference in differences needs at least 3 pilot"
        " and 3 other companies",
    )
    SECTOR_PREVIOUS_COMPANIES = (
        "W013",
        Severity.ERROR,
        "no companies/ folder with scores.json files next to the earlier benchmark; the change per company"
        " and the pilot comparison need the folder 'scan benchmark' wrote; pass that folder",
    )
    SECTOR_PREVIOUS_NO_COMPANIES = (
        "W016",
        Severity.WARNING,
        "no companies/ folder with scores.json files next to the earlier benchmark, so the company reports"
        " show no change of their own (the sector's change is shown); pass the folder 'scan benchmark'"
        " wrote, companies/ included, for both",
    )
    PILOTS_NEED_PREVIOUS = (
        "W014",
        Severity.ERROR,
        "--pilots needs --previous: the earlier wave's benchmark folder to compare the pilots with",
    )
    WAVE_OUT_OVERLAPS = (
        "W015",
        Severity.ERROR,
        "--out '{out}' would overwrite the earlier wave '{previous}' (it holds it, or lies in it); choose"
        " an --out folder apart from the earlier wave's",
    )

    # --- drivers (D) ----------------------------------------------------------------------------------
    DRIVER_COLLINEAR = (
        "D001",
        Severity.WARNING,
        "{where}: the drivers {factors} are perfectly collinear (one is a combination of the others), so"
        " their weights are undefined and the report shows no driver analysis; drop one of them from"
        " 'drivers.predictors'",
    )
    DRIVER_NO_VARIANCE = (
        "D002",
        Severity.WARNING,
        "{where}: every complete respondent has the same score on {factors}, so no driver analysis is"
        " possible; check the export, or drop the factor from 'drivers'",
    )

    @property
    def id(self) -> str:
        return str(self.value[0])

    @property
    def severity(self) -> Severity:
        sev: Severity = self.value[1]
        return sev

    @property
    def template(self) -> str:
        return str(self.value[2])


EXCLUSION_TEXTS: dict[ExclusionReason, str] = {
    ExclusionReason.TOO_SMALL: "fewer than {minimum} valid respondents",
    ExclusionReason.NONE_VALID: "no valid respondents",
    ExclusionReason.UNREADABLE: "input could not be read ({finding})",  # also how 0.x files wrote it
    ExclusionReason.DUPLICATE: "the same company appears in two inputs",
}
"""The terminal's (English) wording of each exclusion reason; the reports use strings.yaml."""
