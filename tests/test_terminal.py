"""The CLI as people run it: in a terminal (a pseudo-terminal, with the progress bar drawn) and piped.

Every other test runs without a terminal; the progress bar only exists in one, and it once
crashed ``make demo`` in every real terminal while all tests passed.
"""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time

import pytest
from conftest import ROOT, SEED

DEMO_CORPUS = ROOT / "data"


def run_in_terminal(argv: list[str], timeout: float = 600) -> tuple[int, str]:
    """Run argv with stdin, stdout and stderr on a new pseudo-terminal; returns (exit code, all it printed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"{argv} still running after {timeout} s")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def graphbuild(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphbuild", *args]


def test_build_in_a_terminal_draws_a_progress_bar_and_says_what_it_found(tmp_path):
    out = tmp_path / "out"
    code, screen = run_in_terminal(graphbuild("build", str(DEMO_CORPUS), "--out", str(out)))
    assert code == 0, screen
    assert "Traceback" not in screen
    assert "articles:" in screen and "art/s" in screen  # tqdm drew its bar
    assert "\r" in screen  # and redrew it in place
    assert "found " in screen and " meetings, " in screen and " people, " in screen
    assert (out / "graph.html").resolve().as_uri() in screen
    assert "next: graphbuild extract " in screen
    assert (out / "report.json").is_file() and (out / "graph.html").is_file()


def test_build_piped_prints_no_bar(tmp_path):
    out = tmp_path / "out"
    res = subprocess.run(graphbuild("build", str(SEED), "--out", str(out)), capture_output=True, cwd=ROOT,
                         timeout=600)
    assert res.returncode == 0, res.stderr.decode()
    err = res.stderr.decode()
    assert "art/s" not in err and "\r" not in err
    assert "1 inputs: 1 done" in err and "found 1 meetings" in err


def test_extract_in_a_terminal_prints_the_json():
    code, screen = run_in_terminal(graphbuild("extract", str(SEED)))
    assert code == 0, screen
    assert '"schema": "graphbuild-extraction/1"' in screen
    assert "Traceback" not in screen


def test_a_usage_error_in_a_terminal_is_one_line():
    code, screen = run_in_terminal(graphbuild("build", str(SEED), "--out", str(SEED)))
    assert code == 2
    assert screen.strip().count("\n") == 0 and "--out" in screen


@pytest.mark.slow
def test_make_demo_in_a_terminal(tmp_path):
    """The README's first command, as a newcomer types it (the venv is the one ``make test`` installed)."""
    if subprocess.run(["make", "-q", ".venv/.installed"], cwd=ROOT).returncode != 0:
        pytest.skip("the project's .venv is not installed; `make test` installs it before running this")
    out = tmp_path / "demo"
    code, screen = run_in_terminal(["make", "demo", f"OUT={out}"])
    assert code == 0, screen
    assert "Error" not in screen and "Traceback" not in screen
    assert "art/s" in screen and f"file://{out}/graph.html" in screen
