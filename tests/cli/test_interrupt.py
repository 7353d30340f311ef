"""Kill safety: `scan score` stopped at any moment leaves no truncated file under a final name, marks the
folder as unfinished, and takes its report workers with it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from lerende_scan.output import INCOMPLETE

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "responses.csv"


def _start(out: Path) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "lerende_scan", "score", str(EXAMPLE), "--out", str(out), "-j", "2"]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _assert_whole(out: Path) -> None:
    """Every file under a final name is complete; only hidden temporary names may be partial."""
    for path in out.rglob("*"):
        if not path.is_file() or (path.name.startswith(".") and path.name != INCOMPLETE):
            continue
        data = path.read_bytes()
        if path.suffix == ".pdf":
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), path
        elif path.suffix == ".xlsx":
            assert zipfile.ZipFile(path).testzip() is None, path
        elif path.suffix == ".json":
            json.loads(data)
        elif path.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
@pytest.mark.parametrize("after", [1.0, 3.0])
def test_kill_9_leaves_whole_files_a_mark_and_no_workers(tmp_path: Path, after: float) -> None:
    out = tmp_path / "out"
    proc = _start(out)
    deadline = time.monotonic() + after
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers |= _children(proc.pid)
        time.sleep(0.05)
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    end = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < end:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)], "report workers outlived scan"
    if out.exists():
        _assert_whole(out)
        assert (out / INCOMPLETE).exists() != finished


def test_ctrl_c_says_what_was_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _start(out)
    deadline = time.monotonic() + 60
    while not list(out.glob("*/report.pdf")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    message = err.decode()
    if proc.returncode == 0:  # finished before the signal landed
        assert not (out / INCOMPLETE).exists()
        return
    assert proc.returncode == 130, message
    assert "Traceback" not in message and "company folder(s) were complete" in message
    assert (out / INCOMPLETE).exists()
    _assert_whole(out)
