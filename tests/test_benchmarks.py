"""The benchmarks run in CI at a small size (a smoke test: figures are printed, never asserted as times)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

BENCH = ROOT / "benchmarks"


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True,
                          timeout=900, cwd=ROOT)


def test_corpus_generator_is_deterministic(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (a, b):
        res = _run("generate.py", "--n", "150", "--seed", "7", "--out", str(out))
        assert res.returncode == 0, res.stderr
    assert a.read_bytes() == b.read_bytes()
    langs = {json.loads(line)["lang"] for line in a.read_text(encoding="utf-8").splitlines()}
    assert langs == {"ar", "en", "fr"}


@pytest.mark.slow
def test_benchmark_runner_smoke():
    res = _run("run.py", "--quick")
    assert res.returncode == 0, res.stderr[-2000:]
    print("\n" + res.stdout[-1500:])
    results = json.loads((BENCH / "results" / "results.json").read_text(encoding="utf-8"))
    assert results


@pytest.mark.slow
def test_rdf_and_html_benchmarks_smoke():
    for script in ("rdf_export.py", "html_render.py"):
        res = _run(script, "--quick")
        assert res.returncode == 0, (script, res.stderr[-2000:])
        print("\n" + res.stdout[-800:])


def test_arabic_throughput_benchmark_smoke():
    res = _run("arabic_throughput.py", "--n", "150", "--passes", "1")
    assert res.returncode == 0, res.stderr[-2000:]
    lines = res.stdout.strip().splitlines()
    assert lines[-2].startswith("rules only: best") and lines[-1].startswith("rules + tagger (shipped): best")
    print("\n" + res.stdout)
