from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The compiled-lexicon cache (graphbuild/compiled.py) of this test session: never the user's
# ~/.cache. Set before any test imports graphbuild; the xdist workers and the CLI subprocesses
# inherit it, so they share one folder, removed at the end by the process that made it.
if "GRAPHBUILD_CACHE_DIR" not in os.environ:
    os.environ["GRAPHBUILD_CACHE_DIR"] = tempfile.mkdtemp(prefix="graphbuild-test-cache-")
    atexit.register(shutil.rmtree, os.environ["GRAPHBUILD_CACHE_DIR"], True)
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "articles" / "000_7fd13265f7ec3363.txt"  # the copy of ../shared/seeds/…
SEED_GOLD = ROOT / "tests" / "gold" / "seed" / "seed-ar-interpol-mena.json"  # the copy of ../shared/gold/…
SCORE = SHARED / "tools" / "score.py"


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], input=input, capture_output=True,
                          cwd=cwd or ROOT, timeout=600)


def score(gold: Path, pred: Path) -> dict:
    """``graphbuild evaluate GOLD PRED --json``, run as a user runs it; returns its JSON report."""
    out = pred.parent / f"score-{gold.stem}.json" if pred.is_file() else pred / "score.json"
    res = run_cli("evaluate", str(gold), str(pred), "--json", str(out))
    assert res.returncode == 0, res.stderr.decode()
    return json.loads(out.read_text(encoding="utf-8"))


def shared_scorer(gold: Path, pred: Path) -> dict:
    """The team's reference scorer (``../shared/tools/score.py``), where ``../shared`` is beside the project."""
    if not SCORE.is_file():
        pytest.skip("../shared is not beside the project: nothing to cross-check against")
    out = pred.parent / f"shared-{gold.stem}.json" if pred.is_file() else pred / "shared-score.json"
    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(pred), "--json", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_extraction() -> dict:
    import graphbuild

    return graphbuild.extract(SEED)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The output of ``graphbuild build data/`` in every default format, once per module that asks for
    it (a module whose tests need another output defines a ``built`` of its own)."""
    out = tmp_path_factory.mktemp("built") / "out"
    res = run_cli("build", str(ROOT / "data"), "--out", str(out), "--quiet")
    assert res.returncode == 0, res.stderr.decode()
    return out


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (its path relative to it, with "/") with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------
# a real Oxigraph server (the tests marked ``store``)

def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_oxigraph(location: Path, port: int, *options: str, stderr: int = subprocess.DEVNULL) -> subprocess.Popen:
    """``oxigraph serve`` of the store at ``location`` on ``127.0.0.1:port``, returned once it answers a query."""
    import time
    import urllib.parse
    import urllib.request

    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *options],
                            stdout=subprocess.DEVNULL, stderr=stderr)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=" + urllib.parse.quote("ASK {}"), timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    said = proc.stderr.read().decode() if proc.stderr is not None else ""
    raise RuntimeError("oxigraph did not start" + (": " + said if said else ""))


def _serve(tmp_path: Path, *options: str):
    port = free_port()
    proc = start_oxigraph(tmp_path / "store", port, *options, stderr=subprocess.PIPE)
    yield f"http://127.0.0.1:{port}", proc
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture()
def oxigraph_server(tmp_path):
    """A fresh Oxigraph store in ``tmp_path / "store"``: (its base URL, the server's process)."""
    yield from _serve(tmp_path)


@pytest.fixture()
def oxigraph_union_server(tmp_path):
    """Oxigraph as the README says to start it: queries without GRAPH see every article's graph."""
    yield from _serve(tmp_path, "--union-default-graph")


def sparql_select(base: str, query: str) -> list[dict]:
    """The rows of a SELECT query sent to the server at ``base``."""
    import urllib.parse
    import urllib.request

    req = urllib.request.Request(base + "/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=180) as resp:
        return json.loads(resp.read())["results"]["bindings"]
