"""Branding file: title, consultant and an embedded logo; every problem is catalogue entry O003."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lerende_scan.branding import MAX_BRANDING_BYTES, Branding, load_branding
from lerende_scan.cli import app
from lerende_scan.errors import Code, ScanError

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "responses.csv"


def test_branding_reads_title_consultant_and_logo(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    path = tmp_path / "branding.yaml"
    path.write_text("title: Adviesbureau Leerkracht\nconsultant: Anna de Vries\nlogo: logo.png\n")
    brand = load_branding(path)
    assert (brand.title, brand.consultant, brand.logo, brand.logo_mime) == (
        "Adviesbureau Leerkracht",
        "Anna de Vries",
        PNG,
        "image/png",
    )


@pytest.mark.parametrize(
    "content",
    [
        "logo: missing.png\n",
        "logo: notes.txt\n",
        "title: [unclosed\n",
        "title: [a, b]\n",
        'logo: "a\\0b.png"\n',  # found by fuzzing: a NUL in the name (exit 70)
        "logo: folder.png\n",  # a folder, not a file
        "logo: big.png\n",  # over 2 MB
        "consultant: {name: x}\n",
        "title: !!python/object/apply:os.system [echo hi]\n",
        "title: " + "[" * 200 + "]" * 200 + "\n",  # nested too deeply for Python's recursion
        "title: " + "9" * 5000 + "\n",  # an integer Python refuses to turn into text
        # billion laughs: nine levels of nine aliases, 387 million strings once expanded
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "title: *i\n",
    ],
)
def test_bad_branding_is_o003(tmp_path: Path, content: str) -> None:
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "folder.png").mkdir()
    (tmp_path / "big.png").write_bytes(b"\x89PNG" + bytes(2_100_000))
    path = tmp_path / "branding.yaml"
    path.write_text(content)
    with pytest.raises(ScanError) as err:
        load_branding(path)
    assert err.value.findings[0].code is Code.BRANDING_INVALID
    assert "\n" not in str(err.value.findings[0]) and str(path) in str(err.value.findings[0])


def test_an_empty_or_comment_only_branding_file_is_no_branding(tmp_path: Path) -> None:
    path = tmp_path / "branding.yaml"
    for content in ("", "\n", "# nog in te vullen\n\n"):
        path.write_text(content)
        assert load_branding(path) == Branding()


def test_cli_puts_branding_on_the_cover_with_the_logo_embedded(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    (tmp_path / "branding.yaml").write_text("title: Adviesbureau Leerkracht\nlogo: logo.png\n")
    result = CliRunner().invoke(
        app,
        [
            "score",
            str(EXAMPLE),
            "--out",
            str(tmp_path / "out"),
            "--format",
            "html,json",
            "--branding",
            str(tmp_path / "branding.yaml"),
            "--consultant",
            "Anna de Vries",
            "--date",
            "2026-11-22",
        ],
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "Techniek-BV-Oost" / "report.html").read_text(encoding="utf-8")
    assert "Adviesbureau Leerkracht" in html and "Anna de Vries" in html
    assert "data:image/png;base64," in html and "logo.png" not in html
    assert json.loads((tmp_path / "out" / "Techniek-BV-Oost" / "scores.json").read_text())["company"]


@pytest.mark.parametrize(
    ("content", "line", "col", "hint"),
    [
        ("title: x\ntitel: y\n", 2, 1, "did you mean 'title'?"),
        ("consultant: Anna\n  \nlogo_path: logo.png\n", 3, 1, "did you mean 'logo'?"),
        ("Title: x\n", 1, 1, "did you mean 'title'?"),
        ("kleur: blauw\n", 1, 1, "remove it"),
        ("- title: x\n- logo: logo.png\n", 1, 1, "remove the '- '"),
        ("Adviesbureau Leerkracht\n", 1, 1, "title: Adviesbureau Leerkracht"),
    ],
)
def test_a_list_or_an_unknown_key_names_the_spot_the_known_keys_and_a_fix(
    tmp_path: Path, content: str, line: int, col: int, hint: str
) -> None:
    """A list said "does not hold a questionnaire mapping ... start with 'id:'"; `titel:` had no place."""
    path = tmp_path / "branding.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ScanError) as err:
        load_branding(path)
    [finding] = err.value.findings
    text = str(finding)
    assert finding.code in (Code.BRANDING_UNKNOWN_KEY, Code.BRANDING_NOT_A_MAPPING)
    assert text.startswith(f"{path}:{line}:{col}: error[O00")
    assert "title, consultant and logo" in text and hint in text
    assert "questionnaire" not in text and "\n" not in text


def test_each_unknown_branding_key_is_named(tmp_path: Path) -> None:
    path = tmp_path / "branding.yaml"
    path.write_text("titel: x\nconsultant: Anna\nlogo_file: l.png\n", encoding="utf-8")
    with pytest.raises(ScanError) as err:
        load_branding(path)
    assert [(f.code, f.line, f.params["key"]) for f in err.value.findings] == [
        (Code.BRANDING_UNKNOWN_KEY, 1, "titel"),
        (Code.BRANDING_UNKNOWN_KEY, 3, "logo_file"),
    ]


def test_a_branding_file_that_is_not_utf8_names_the_line_and_column(tmp_path: Path) -> None:
    """cp1252 "Eén" said "'utf-8' codec can't decode byte 0xe9 in position 16", a byte offset, no line."""
    path = tmp_path / "branding.yaml"
    path.write_bytes(b"consultant: Anna\ntitle: E\xe9n\n")
    with pytest.raises(ScanError) as err:
        load_branding(path)
    [finding] = err.value.findings
    assert (finding.code, finding.line, finding.col) == (Code.BRANDING_INVALID, 2, 9)
    assert "0xE9" in finding.message and "save it as UTF-8" in finding.message
    assert "codec" not in finding.message and "position" not in finding.message


def test_a_pipe_a_device_or_a_huge_branding_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """`--branding /dev/zero` was read until memory ran out; a pipe blocked the run."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (MAX_BRANDING_BYTES + 1))
    for path in (pipe, Path("/dev/zero"), huge):
        with pytest.raises(ScanError) as err:
            load_branding(path)
        [finding] = err.value.findings
        assert finding.code is Code.BRANDING_INVALID and finding.file == str(path)
        assert ("regular file" if path != huge else "larger than") in finding.message
