"""The extraction cache and growing outputs: unchanged articles are re-used, a changed one is
extracted again, and a build in two steps (--into) equals the one-step build byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))[:6]


def _corpus(tmp_path: Path, names: list[Path], folder: str) -> Path:
    d = tmp_path / folder
    d.mkdir()
    for p in names:
        shutil.copy(p, d / p.name)
    return d


def _summary(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))["summary"]


def _files(out: Path) -> dict[str, bytes]:
    """Every output but the cache key, the id registry (it counts the builds) and the report's
    extracted/re-used counts."""
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
             if p.is_file() and p.name not in ("cache.json", "report.json", "ids.json")}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    for key in ("extracted", "reused"):
        report["summary"].pop(key)
    found["report.json"] = json.dumps(report, sort_keys=True).encode()
    return found


def _build(*args: str) -> None:
    res = run_cli("build", *args, "--quiet")
    assert res.returncode == 0, res.stderr.decode()


@pytest.mark.slow
def test_hits_misses_and_force(tmp_path):
    corpus = _corpus(tmp_path, ARTICLES, "corpus")
    out = tmp_path / "out"
    _build(str(corpus), "--out", str(out))
    assert _summary(out)["extracted"] == len(ARTICLES) and _summary(out)["reused"] == 0
    first = _files(out)
    _build(str(corpus), "--out", str(out))
    assert _summary(out)["extracted"] == 0 and _summary(out)["reused"] == len(ARTICLES)
    assert _files(out) == first
    changed = corpus / ARTICLES[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nOne more line.\n", encoding="utf-8")
    _build(str(corpus), "--out", str(out))
    assert _summary(out)["reused"] == len(ARTICLES) - 1 and _summary(out)["extracted"] == 1
    _build(str(corpus), "--out", str(out), "--force")
    assert _summary(out)["reused"] == 0
    _build(str(corpus), "--out", str(out), "--ner", "none")  # another pipeline: nothing to re-use
    assert _summary(out)["reused"] == 0


@pytest.mark.slow
def test_two_steps_with_into_equal_one_step(tmp_path):
    old = _corpus(tmp_path, ARTICLES[:4], "old")
    new = _corpus(tmp_path, ARTICLES[4:], "new")
    both = tmp_path / "both"
    _build(str(old), str(new), "--out", str(both))
    grown = tmp_path / "grown"
    _build(str(old), "--out", str(grown))
    _build(str(new), "--into", str(grown))
    assert _summary(grown)["reused"] == 4 and _summary(grown)["extracted"] == len(ARTICLES) - 4
    assert _files(grown) == _files(both)


def test_into_needs_an_existing_output(tmp_path):
    res = run_cli("build", str(ARTICLES[0]), "--into", str(tmp_path / "nowhere"))
    assert res.returncode == 2 and b"--into" in res.stderr and b"Traceback" not in res.stderr
    (tmp_path / "plain").mkdir()
    res = run_cli("build", str(ARTICLES[0]), "--into", str(tmp_path / "plain"))
    assert res.returncode == 2 and b"cache.json" in res.stderr
