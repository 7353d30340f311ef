"""The report machinery in :mod:`lerende_scan.report.render`: one autoescaping Jinja2 environment, template
and string overrides, translations in both languages, the report date, and safe CSS strings and logos."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
import yaml

from lerende_scan.errors import Code, Finding, ScanError
from lerende_scan.questionnaire import Questionnaire
from lerende_scan.report import ReportOptions, render_company_html, render_template, report_date
from lerende_scan.report.render import Translator, css_string, environment, logo_data_uri
from lerende_scan.resources import templates_dir
from lerende_scan.results import CompanyResult

DATE = dt.date(2026, 11, 22)


def _render(result: CompanyResult, q: Questionnaire, lang: str = "nl", **kw: object) -> str:
    return render_company_html(result, q, ReportOptions(lang=lang, date=DATE, **kw))  # type: ignore[arg-type]


def test_every_text_has_dutch_and_english() -> None:
    strings = yaml.safe_load((templates_dir() / "strings.yaml").read_text(encoding="utf-8"))
    incomplete = [key for key, texts in strings.items() if set(texts) != {"nl", "en"}]
    assert incomplete == []
    placeholders = re.compile(r"\{(\w+)\}")
    mismatched = [
        key
        for key, texts in strings.items()
        if set(placeholders.findall(texts["nl"])) != set(placeholders.findall(texts["en"]))
    ]
    assert mismatched == []


# --- safety ---------------------------------------------------------------------------------------
def test_css_string_cannot_escape_its_context() -> None:
    assert css_string('a"b') == '"a\\"b"'
    assert css_string("</style><script>") == '"\\3c /style>\\3c script>"'
    assert css_string("a\\") == '"a\\\\"'


def test_logo_mime_is_sniffed_and_checked() -> None:
    assert logo_data_uri(ReportOptions(logo=b"\xff\xd8\xff\xe0")).startswith("data:image/jpeg;base64,")  # type: ignore[union-attr]
    assert logo_data_uri(ReportOptions(logo=b"<svg xmlns='x'/>")).startswith("data:image/svg+xml;")  # type: ignore[union-attr]
    assert logo_data_uri(ReportOptions()) is None
    with pytest.raises(ScanError) as err:
        logo_data_uri(ReportOptions(logo=b"MZ\x90\x00"))
    assert err.value.findings[0].code is Code.BRANDING_INVALID


# --- dates ----------------------------------------------------------------------------------------
def test_report_date_option_then_source_date_epoch_then_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert report_date(ReportOptions()) == dt.date(2026, 1, 1)
    assert report_date(ReportOptions(date=DATE)) == DATE
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert report_date(ReportOptions()) == dt.date.today()
    assert Translator("nl").date(DATE) == "22 november 2026"
    assert Translator("en").date(dt.date(2026, 3, 5)) == "5 March 2026"


# --- templates -------------------------------------------------------------------------------------
def test_one_environment_autoescaping_every_template_with_strict_undefined(tmp_path: Path) -> None:
    env = environment(None)
    assert environment(None) is env
    assert env.autoescape is True
    (tmp_path / "x.j2").write_text("{{ value }}|{{ missing }}", encoding="utf-8")
    override = environment(tmp_path)
    assert override is environment(tmp_path) and override is not env
    with pytest.raises(ScanError) as err:
        render_template("x.j2", {"value": "<b>"}, ReportOptions(lang="nl", template_dir=tmp_path))
    assert err.value.findings[0].code is Code.TEMPLATE_ERROR
    (tmp_path / "y.j2").write_text("{{ value }}", encoding="utf-8")
    assert (
        render_template("y.j2", {"value": "<b>"}, ReportOptions(lang="nl", template_dir=tmp_path))
        == "&lt;b&gt;"
    )


def test_template_dir_overrides_one_template_and_single_strings(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    (tmp_path / "_macros.html.j2").write_text(
        (templates_dir() / "_macros.html.j2")
        .read_text(encoding="utf-8")
        .replace('<figure class="chart-figure">', '<figure class="chart-figure custom-figure">'),
        encoding="utf-8",
    )
    (tmp_path / "strings.yaml").write_text('summary: {nl: "Samenvatting voor de directie", en: "x"}\n')
    html = _render(fixture_result, questionnaire, "nl", template_dir=tmp_path)
    assert "custom-figure" in html
    assert "Samenvatting voor de directie" in html
    assert "Overzicht van de factoren" in html  # other strings still come from the shipped file


def _override_finding(result: CompanyResult, q: Questionnaire, folder: Path, name: str, text: str) -> Finding:
    """The finding that rendering raises with an override file ``name`` holding ``text``."""
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(ScanError) as err:
        _render(result, q, "nl", template_dir=folder)
    return err.value.findings[0]


def test_broken_override_template_is_a_catalogue_error(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    finding = _override_finding(fixture_result, questionnaire, tmp_path, "company.html.j2", "{% if %}")
    assert finding.code is Code.TEMPLATE_ERROR and finding.line == 1


def test_a_custom_template_that_is_not_utf8_is_a_catalogue_error(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "company.html.j2").write_bytes(b"\xff\xfe<p>\x00</p>")
    with pytest.raises(ScanError) as err:
        _render(fixture_result, questionnaire, "nl", template_dir=folder)
    assert err.value.findings[0].code is Code.TEMPLATE_ERROR and "not UTF-8" in str(err.value)


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("company.html.j2", "{{ 1 / 0 }}", "ZeroDivisionError"),
        ("company.html.j2", '{% include "company.html.j2" %}', "RecursionError"),  # includes itself
        ("company.html.j2", "{{ t('summary') + 1 }}", "TypeError"),
        ("company.html.j2", "{{ fmt.nonsense() }}", "has no attribute"),
        ("strings.yaml", 'months: {nl: "jan feb", en: "x"}\n', "needs 12 month names, has 2"),
        (
            "strings.yaml",
            'cover_respondents_value: {nl: "{nonsense} van {received}", en: "x"}\n',
            "cannot be filled in",
        ),
        ("strings.yaml", 'cover_respondents_value: {nl: "{0}", en: "x"}\n', "cannot be filled in"),
    ],
)
def test_a_custom_template_or_text_that_fails_while_rendering_is_a_catalogue_error(
    fixture_result: CompanyResult,
    questionnaire: Questionnaire,
    tmp_path: Path,
    name: str,
    text: str,
    says: str,
) -> None:
    """Found by fuzzing: a template of one's own can run code that fails, a text of one's own can have
    placeholders the report does not fill or too few months; each was an internal error."""
    finding = _override_finding(fixture_result, questionnaire, tmp_path, name, text)
    assert finding.code is Code.TEMPLATE_ERROR and says in finding.message
    assert finding.file.endswith(name) and "\n" not in str(finding)


def test_missing_translation_is_an_error_not_a_silent_fallback() -> None:
    with pytest.raises(ScanError) as err:
        Translator("de")("summary")
    assert err.value.findings[0].code is Code.TEMPLATE_ERROR


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        (  # YAML keeps the last of two equal keys without a word; strings.yaml refuses it
            'summary: {nl: "Samenvatting", en: "Summary"}\nmethod: {nl: "Methode", en: "Method"}\n'
            'summary: {nl: "Samenvatting voor de directie", en: "x"}\n',
            (3, 1),
            "'summary' is given twice",
        ),
        ('summary: {nl: "Samenvatting", en: "Summary", nl: "x"}\n', (1, 46), "'nl' is given twice"),
        ('summary: {nl: "Samenvatting"\nmethod: [\n', (2, 1), "expected ',' or '}'"),  # not YAML
        # the loader is the safe one: a Python tag is an error, never an object
        ('summary: !!python/object/apply:os.system ["true"]\n', (1, 10), "could not determine a constructor"),
        # found by fuzzing: 50,000 brackets overflowed libyaml's C stack (a segmentation fault)
        pytest.param(
            "summary: " + "[" * 50_000 + "]" * 50_000 + "\n", (1, 73), "nested too deeply", id="deep"
        ),
    ],
)
def test_broken_override_strings_are_a_catalogue_error_with_line_and_column(
    fixture_result: CompanyResult,
    questionnaire: Questionnaire,
    tmp_path: Path,
    text: str,
    where: tuple[int, int],
    says: str,
) -> None:
    finding = _override_finding(fixture_result, questionnaire, tmp_path, "strings.yaml", text)
    assert finding.code is Code.TEMPLATE_ERROR and (finding.line, finding.col) == where
    assert says in finding.message


def test_override_strings_may_merge_an_anchor_and_override_its_keys(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    """A YAML merge ('<<: *base') with a key beside it overrides, it does not repeat: not a duplicate."""
    (tmp_path / "strings.yaml").write_text(
        'summary: &base {nl: "Samenvatting", en: "Summary"}\nmethod: {<<: *base, nl: "Werkwijze"}\n',
        encoding="utf-8",
    )
    html = _render(fixture_result, questionnaire, "nl", template_dir=tmp_path)
    assert "Werkwijze" in html


def test_override_strings_whose_texts_are_not_text_are_refused_at_once(
    fixture_result: CompanyResult, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    """A text made of nested aliases (each level doubling) is refused, not turned into a string of
    2**40 items; a number is refused too, rather than shown as '5'."""
    bomb = "b0: {nl: &a0 [x, x], en: y}\n" + "".join(
        f"b{i}: {{nl: &a{i} [*a{i - 1}, *a{i - 1}], en: y}}\n" for i in range(1, 41)
    )
    for text in (bomb + "summary: {nl: *a40, en: x}\n", 'summary: {nl: 5, en: "x"}\n'):
        started = time.perf_counter()
        finding = _override_finding(fixture_result, questionnaire, tmp_path, "strings.yaml", text)
        assert finding.code is Code.TEMPLATE_ERROR and time.perf_counter() - started < 5
