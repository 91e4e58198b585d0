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
