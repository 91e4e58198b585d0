"""The command line: extract, build, the run report and exit codes."""

from __future__ import annotations

import json

from conftest import SEED, run_cli


def test_help_reads_well():
    res = run_cli("--help")
    assert res.returncode == 0
    out = res.stdout.decode()
    for word in ("extract", "build", "examples:", "exit codes"):
        assert word in out
    assert run_cli("build", "--help").returncode == 0


def test_extract_json_of_the_seed():
    res = run_cli("extract", str(SEED), "--json")
    assert res.returncode == 0, res.stderr.decode()
    data = json.loads(res.stdout)
    assert data["schema"] == "graphbuild-extraction/1"
    assert data["article"]["lang"] == "ar"
    assert len(data["meetings"]) == 1


def test_extract_missing_file_is_a_clear_error(tmp_path):
    res = run_cli("extract", str(tmp_path / "nope.txt"), "--json")
    assert res.returncode == 2
    assert b"no such file" in res.stderr


def test_build_reports_every_input_and_goes_on(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    corpus.joinpath("seed.txt").write_bytes(SEED.read_bytes())
    corpus.joinpath("broken.txt").write_bytes(b"\x00\x01\x02garbage" * 100)
    corpus.joinpath("empty.txt").write_bytes(b"")
    corpus.joinpath("feed.jsonl").write_text(
        json.dumps({"id": "en-1", "text": "Moroccan Foreign Minister Nasser Bourita met his Spanish counterpart "
                    "Jose Manuel Albares in Rabat on Tuesday."}) + "\n{broken\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli("build", str(corpus), "--out", str(out), "--formats", "json,graphml")
    assert res.returncode == 1, res.stderr.decode()  # some inputs failed
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_source = {e["source"].rsplit("/", 1)[-1]: e for e in report["inputs"]}
    assert by_source["seed.txt"]["status"] == "done"
    assert by_source["broken.txt"]["status"] == "failed" and by_source["broken.txt"]["reason"]
    assert by_source["empty.txt"]["status"] == "skipped"
    assert by_source["feed.jsonl:1"]["status"] == "done"
    assert by_source["feed.jsonl:2"]["status"] == "failed"
    assert report["summary"] == {"inputs": 5, "done": 2, "skipped": 1, "failed": 2, "extracted": 2, "reused": 0}
    ids = {e["article"] for e in report["inputs"] if e["status"] == "done"}
    assert {p.stem for p in (out / "extractions").glob("*.json")} == ids
    assert (out / "graph.json").exists() and (out / "graph.graphml").exists()
    assert "2 done" in res.stderr.decode()


def test_build_exit_zero_when_all_good(tmp_path):
    out = tmp_path / "out"
    res = run_cli("build", str(SEED), "--out", str(out), "--formats", "json", "--quiet")
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""


def test_build_with_unknown_format_is_a_usage_error(tmp_path):
    res = run_cli("build", str(SEED), "--out", str(tmp_path), "--formats", "pdf")
    assert res.returncode == 2 and b"unknown format pdf" in res.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    cmd = f"'{sys.executable}' -m graphbuild extract '{SEED}' | true"  # the reader is gone before the first write
    res = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], capture_output=True, cwd=ROOT, timeout=600)
    assert b"Traceback" not in res.stderr and b"BrokenPipe" not in res.stderr, res.stderr.decode()
    assert res.returncode in (0, 141)
