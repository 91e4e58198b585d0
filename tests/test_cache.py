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


def _rules_build(inputs: list[str], out: Path, **kw) -> None:
    from graphbuild.runner import run_build

    report, _ = run_build(inputs, out, formats=["json"], show_progress=False, ner="none", **kw)
    assert report.ok


def test_reused_files_are_copied_not_serialised_again(tmp_path, monkeypatch):
    """A re-used extraction whose file still has the bytes the previous build wrote is written as it is:
    dump_json runs for no extraction, and the output is the one a build that serialises them gives."""
    import graphbuild.runner as runner

    corpus = _corpus(tmp_path, ARTICLES[:3], "corpus")
    out = tmp_path / "out"
    _rules_build([str(corpus)], out)
    first = {p.name: p.read_bytes() for p in (out / "extractions").iterdir()}
    first_cache = (out / "cache.json").read_bytes()
    assert set(json.loads(first_cache)["extractions"]) == {p.removesuffix(".json") for p in first}
    serialised: list[str] = []
    real = runner.dump_json

    def counting(obj):
        if isinstance(obj, dict) and "persons" in obj:
            serialised.append(obj["article"]["id"])
        return real(obj)

    monkeypatch.setattr(runner, "dump_json", counting)
    _rules_build([str(corpus)], out)
    assert serialised == []
    assert {p.name: p.read_bytes() for p in (out / "extractions").iterdir()} == first
    assert (out / "cache.json").read_bytes() == first_cache


def test_an_edited_extraction_file_is_serialised_again(tmp_path):
    """A file whose bytes are not the ones recorded (reformatted by hand, or from an output whose cache.json
    has no digests) is parsed and written by dump_json, as before: the same bytes as a first build."""
    corpus = _corpus(tmp_path, ARTICLES[:2], "corpus")
    out = tmp_path / "out"
    _rules_build([str(corpus)], out)
    first = {p.name: p.read_bytes() for p in (out / "extractions").iterdir()}
    edited = sorted((out / "extractions").iterdir())[0]
    edited.write_text(json.dumps(json.loads(edited.read_text(encoding="utf-8"))), encoding="utf-8")  # one line
    _rules_build([str(corpus)], out)
    assert _summary(out)["reused"] == 2
    assert {p.name: p.read_bytes() for p in (out / "extractions").iterdir()} == first
    cache = json.loads((out / "cache.json").read_text(encoding="utf-8"))
    del cache["extractions"]  # as an output of an earlier version wrote it
    (out / "cache.json").write_text(json.dumps(cache), encoding="utf-8")
    _rules_build([str(corpus)], out)
    assert _summary(out)["reused"] == 2
    assert {p.name: p.read_bytes() for p in (out / "extractions").iterdir()} == first
    assert "extractions" in json.loads((out / "cache.json").read_text(encoding="utf-8"))


def test_graphml_and_gexf_from_one_flat_copy(tmp_path):
    """write_all makes the scalar copy once for GraphML and GEXF: the files are those each writer makes alone."""
    from graphbuild.export import write_all
    from graphbuild.export.graphfiles import write_gexf, write_graphml
    from graphbuild.graph import KnowledgeGraph
    from graphbuild.runner import make_pipeline

    pipeline = make_pipeline("none")
    kg = KnowledgeGraph()
    for p in ARTICLES[:3]:
        from graphbuild.ingest import read_one

        article = read_one(p)
        kg.add_extraction(pipeline(article).to_dict(), text=article.text)
    write_all(kg, tmp_path / "both", formats=["graphml", "gexf"])
    alone = tmp_path / "alone"
    alone.mkdir()
    assert (tmp_path / "both" / "graph.graphml").read_bytes() == write_graphml(kg, alone / "g.graphml").read_bytes()
    assert (tmp_path / "both" / "graph.gexf").read_bytes() == write_gexf(kg, alone / "g.gexf").read_bytes()
