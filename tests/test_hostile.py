"""Hostile inputs from real life: none of them may stop a build, and each is in the report.

Generated here (odd file names and FIFOs cannot be committed); the texts are written for the test.
"""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_cli

EN = "Moroccan Foreign Minister Nasser Bourita received his Spanish counterpart Jose Manuel Albares in Rabat.\n"
AR = "استقبل وزير الخارجية المغربي ناصر بوريطة، اليوم الاثنين بالرباط، نظيره الإسباني خوسيه مانويل ألباريس.\n"


@pytest.fixture
def hostile(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("Talks in Rabat\n\n" + EN, encoding="utf-8")
    with open(os.path.join(os.fsencode(src), b"bad\xff-name.txt"), "wb") as f:  # not a UTF-8 file name
        f.write(("عنوان\n\n" + AR).encode("utf-8"))
    lines = [
        '{"id": "\\ud800x", "text": ' + json.dumps("Title\n\n" + EN) + "}",  # a lone surrogate in the id
        json.dumps({"id": "ctl", "text": "Title\n\n" + EN, "authors": ["Ann\u0001 Lee"]}),  # a control character
        json.dumps({"id": "pct", "text": "Title\n\n" + EN, "url": "http://example.org/100%zz"}),  # a bad % escape
        '{"id": "ls", "text": "Title\\n\\nMoroccan Foreign Minister Nasser Bourita\u2028received his Spanish '
        'counterpart\u0085Jose Manuel Albares in Rabat."}',  # raw U+2028 and U+0085 inside a string
        "[" * 100_000 + "]" * 100_000,  # nested too deeply for any parser
        json.dumps({"id": "after-deep", "text": "Title\n\n" + EN}),
    ]
    (src / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "canon.html").write_text(
        '<html><head><title>T</title><link rel="canonical" href="http://example.org/100%-success"></head>'
        f"<body><article><h1>Talks</h1><p>{EN}</p></article></body></html>", encoding="utf-8")
    os.mkfifo(src / "a-fifo.txt")  # would hang a reader that opens it
    return src


def test_no_hostile_input_stops_the_build_and_each_is_reported(hostile, tmp_path):
    out = tmp_path / "out"
    res = run_cli("build", str(hostile), "--out", str(out), "--quiet")
    assert res.returncode == 1, res.stderr.decode()  # some inputs failed, the rest were built
    assert b"Traceback" not in res.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    status = {i["source"].rsplit("/", 1)[-1]: (i["status"], i["reason"]) for i in report["inputs"]}
    assert status["a-fifo.txt"][0] == "skipped" and "FIFO" in status["a-fifo.txt"][1]
    assert status["bad\\xff-name.txt"][0] == "done"
    assert status["records.jsonl:5"] == ("failed", "JSON on line 5 is nested too deeply")
    for n in (1, 2, 3, 4, 6):  # the records around the bad one, the U+2028 one whole
        assert status[f"records.jsonl:{n}"][0] == "done", n
    assert len(report["inputs"]) == 10
    for name in ("graph.ttl", "graph.nt", "graph.graphml", "graph.html", "graph.jsonld"):
        assert (out / name).stat().st_size > 0
    import rdflib

    rdflib.Graph().parse(out / "graph.nt", format="nt")  # every IRI and literal is valid
    import networkx as nx

    nx.read_graphml(out / "graph.graphml")


def test_an_empty_folder_is_nothing_to_read(tmp_path):
    (tmp_path / "empty").mkdir()
    res = run_cli("build", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "--quiet")
    assert res.returncode == 2 and b"no input found" in res.stderr
    assert json.loads((tmp_path / "out" / "report.json").read_text())["summary"]["inputs"] == 0
