"""The HTML report in a real browser: headless Chromium opens it offline, makes no network request, and
renders a non-blank page.

How "no network request" is checked, robustly:
1. the HTML itself holds no ``http(s)://`` or protocol-relative reference in ``src``/``href``/``url()``;
2. Chromium runs with every host name mapped to NOTFOUND and writes a NetLog; requests the *page* starts
   carry the page's ``file://`` network isolation key, while Chromium's own background traffic (update
   checks and the like) does not. A control page with an ``http`` image and stylesheet proves that this
   detection sees page requests; the report must produce none.

Chromium is required: CI installs it (``.ci/run``), so a missing browser fails here instead of skipping.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"


def _chromium(page: Path, workdir: Path) -> tuple[Path, Path]:
    """Screenshot ``page`` offline; returns the PNG and the NetLog paths."""
    exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    assert exe, "Chromium is not installed; CI installs it with apt-get install chromium"
    shot, netlog = workdir / "shot.png", workdir / "netlog.json"
    subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            f"--user-data-dir={workdir / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--log-net-log={netlog}",
            f"--screenshot={shot}",
            "--window-size=1280,2000",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return shot, netlog


def _page_requests(netlog: Path) -> list[str]:
    """URLs of network requests started by a ``file://`` page (not Chromium's own background traffic)."""
    log = json.loads(netlog.read_text(encoding="utf-8"))
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if event["type"] == start and "file://" in str(params.get("network_isolation_key", "")):
            urls.append(params.get("url", ""))
    return [u for u in urls if not u.startswith(("file:", "data:"))]


@pytest.fixture(scope="module")
def report_html(branded_html: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared Dutch report with a logo, as a file for Chromium to open."""
    path = tmp_path_factory.mktemp("browser") / "report.html"
    path.write_text(branded_html["nl"], encoding="utf-8")
    return path


def test_html_has_no_network_reference(report_html: Path) -> None:
    html = report_html.read_text(encoding="utf-8")
    assert re.search(r"""(?:src|href|srcset|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I) is None
    assert re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I) is None
    assert re.search(r"@import|@font-face", html) is None


def test_detection_sees_requests_of_a_control_page(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(
        '<html><body><img src="http://example.invalid/x.png">'
        '<link rel="stylesheet" href="https://cdn.example.invalid/a.css"><p>control</p></body></html>',
        encoding="utf-8",
    )
    _, netlog = _chromium(control, tmp_path)
    requested = _page_requests(netlog)
    assert "http://example.invalid/x.png" in requested
    assert "https://cdn.example.invalid/a.css" in requested


def test_chromium_renders_the_report_offline_without_requests(report_html: Path, tmp_path: Path) -> None:
    shot, netlog = _chromium(report_html, tmp_path)
    assert _page_requests(netlog) == []
    with Image.open(shot) as image:
        assert image.size == (1280, 2000)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20) or []
        assert len(colours) > 200  # text anti-aliasing and chart colours, not a blank or error page
        white = max(count for count, colour in colours if colour == (255, 255, 255))
        assert white < 0.97 * rgb.width * rgb.height
