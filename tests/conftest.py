from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "articles" / "000_7fd13265f7ec3363.txt"  # the copy of ../shared/seeds/…
SCORE = SHARED / "tools" / "score.py"


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], input=input, capture_output=True,
                          cwd=cwd or ROOT, timeout=600)


def score(gold: Path, pred: Path) -> dict:
    """Run the shared scorer; returns its JSON report."""
    out = pred.parent / f"score-{gold.stem}.json" if pred.is_file() else pred / "score.json"
    res = subprocess.run([sys.executable, str(SCORE), str(gold), str(pred), "--json", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_extraction() -> dict:
    import graphbuild

    return graphbuild.extract(SEED)
