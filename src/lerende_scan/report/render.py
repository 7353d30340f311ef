"""Template machinery shared by the company report and the benchmark report.

One Jinja2 ``Environment`` per template directory (cached): a ``ChoiceLoader`` that looks in the user's
``--template-dir`` first and in the shipped templates second, ``autoescape=True`` for *every* template
(``select_autoescape`` would skip ``.j2`` files) and ``StrictUndefined`` (a typo in a template is an error,
not an empty string). Company, department and group names are user input; autoescaping keeps them inert.

Texts come from ``strings.yaml`` (Dutch and English); an override directory may hold a ``strings.yaml``
with just the keys it changes. Numbers are formatted per language (``3,42`` in Dutch, ``3.42`` in English).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from markupsafe import Markup

from lerende_scan import __version__
from lerende_scan.dates import run_date
from lerende_scan.errors import Code, ScanError
from lerende_scan.formatting import Formatter
from lerende_scan.texts import Translator, template_roots

__all__ = [
    "Formatter",
    "ReportOptions",
    "Translator",
    "css_string",
    "environment",
    "logo_data_uri",
    "render_template",
    "report_date",
    "template_roots",
]

_LOGO_TYPES = {"image/png", "image/jpeg", "image/svg+xml", "image/gif"}


@dataclass(frozen=True)
class ReportOptions:
    """How to render a report. Picklable, so worker processes can share it."""

    lang: str | None = None  # None = the questionnaire's default language
    title: str | None = None  # consultancy / report title on the cover
    consultant: str | None = None
    logo: bytes | None = None  # PNG, SVG, JPEG or GIF bytes, embedded as a data: URI
    logo_mime: str | None = None  # None = sniffed from the bytes
    date: dt.date | None = None  # None = SOURCE_DATE_EPOCH, else today (see report_date)
    template_dir: Path | None = None  # overrides any template by name; shipped templates fill the rest


def report_date(options: ReportOptions) -> dt.date:
    """The report's date: the option, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else today."""
    return run_date(options.date)


@functools.lru_cache(maxsize=8)
def environment(template_dir: Path | None = None) -> Environment:
    """The one Jinja2 environment for a template directory (None = shipped templates only)."""
    loaders = [FileSystemLoader(str(root)) for root in template_roots(template_dir)]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["raw_include"] = functools.partial(_raw_include, env)
    env.filters["css_string"] = css_string
    return env


def css_string(value: object) -> Markup:
    """A quoted CSS string for ``content:``: quotes, backslashes, newlines and ``<`` escaped the CSS way,
    so the text can neither end the string nor the ``<style>`` element."""
    text = str(value)
    for old, new in (("\\", "\\\\"), ('"', '\\"'), ("<", "\\3c "), ("\n", "\\a "), ("\r", "")):
        text = text.replace(old, new)
    # Safe: every character that could close the string or the element is escaped above.
    return Markup(f'"{text}"')  # noqa: S704


def _raw_include(env: Environment, name: str) -> Markup:
    """A template-directory file (CSS) inserted verbatim: not parsed by Jinja, so ``{#`` in CSS is safe."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    # Safe: the file comes from the shipped or the user's own template directory, not from survey data.
    return Markup(source)  # noqa: S704


def logo_data_uri(options: ReportOptions) -> str | None:
    """The logo as a ``data:`` URI, so neither the browser nor the PDF renderer fetches anything."""
    if not options.logo:
        return None
    import base64

    mime = options.logo_mime or _sniff(options.logo)
    if mime not in _LOGO_TYPES:
        raise ScanError.of(Code.BRANDING_INVALID, reason=f"logo must be PNG, JPEG, GIF or SVG (got {mime})")
    return f"data:{mime};base64,{base64.b64encode(options.logo).decode('ascii')}"


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if b"<svg" in data[:2048]:
        return "image/svg+xml"
    return None


def render_template(name: str, context: dict[str, Any], options: ReportOptions) -> str:
    """Render one template with the shared helpers (``t``, ``fmt``, ``lang``, ``date``, branding).

    ``context['lang']`` wins over ``options.lang``; one of them must be set. Template problems become a
    catalogue error (O002) naming the template, never a traceback.
    """
    lang = context.get("lang") or options.lang
    if not lang:
        raise ScanError.of(Code.TEMPLATE_ERROR, file=name, reason="no report language given")
    try:
        t = Translator(lang, options.template_dir)
        base: dict[str, Any] = {
            "lang": lang,
            "tool_version": __version__,
            "t": t,
            "fmt": Formatter(lang),
            "report_date": t.date(report_date(options)),
            "report_date_iso": report_date(options).isoformat(),
            "title": options.title,
            "consultant": options.consultant,
            "logo": logo_data_uri(options),
        }
        template = environment(options.template_dir).get_template(name)
        return template.render({**base, **context})
    except ScanError:
        raise
    except TemplateNotFound as exc:
        raise ScanError.of(
            Code.TEMPLATE_ERROR, file=name, reason=f"template '{exc.name}' not found"
        ) from None
    except TemplateSyntaxError as exc:
        raise ScanError.of(
            Code.TEMPLATE_ERROR, file=exc.filename or exc.name or name, line=exc.lineno, reason=exc.message
        ) from None
    except TemplateError as exc:
        raise ScanError.of(Code.TEMPLATE_ERROR, file=name, reason=str(exc)) from None
    except UnicodeDecodeError as exc:
        if options.template_dir is None:
            raise
        reason = f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})"
        raise ScanError.of(Code.TEMPLATE_ERROR, file=name, reason=reason) from None
    except Exception as exc:  # a custom template's own code: 1/0, endless includes, a strings.yaml format
        if options.template_dir is None:
            raise  # the shipped templates failing is a bug in lerende-scan (exit 70)
        file, line = _template_frame(exc, options.template_dir, name)
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'while rendering'}"
        raise ScanError.of(Code.TEMPLATE_ERROR, file=file, line=line, reason=reason) from None


def _template_frame(exc: BaseException, template_dir: Path, name: str) -> tuple[str, int | None]:
    """The innermost frame of the traceback in one of the user's template files, as (file, line): Jinja
    rewrites its frames so that they name the template and the template's line."""
    root = Path(template_dir).resolve()
    found: tuple[str, int | None] = (name, None)
    tb = exc.__traceback__
    while tb is not None:
        frame_file = Path(tb.tb_frame.f_code.co_filename)
        if frame_file.is_absolute() and frame_file.resolve().is_relative_to(root):
            found = (str(frame_file), tb.tb_lineno)
        tb = tb.tb_next
    return found
