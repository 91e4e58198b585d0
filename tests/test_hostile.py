"""Hostile inputs from real life: none of them may stop a build, and each is in the report.

Generated here (odd file names and FIFOs cannot be committed); the texts are written for the test.
"""

from __future__ import annotations

import json
import os

import pytest
from conftest import run_cli, tree

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
    (src / "bom-then-cp1256.txt").write_bytes(b"\xef\xbb\xbf" + "خبر\n\n".encode() + AR.encode("cp1256"))
    (src / "utf32.txt").write_bytes(("Rabat talks, wide\n\n" + EN).encode("utf-32"))
    (src / "marks-first.txt").write_text("\u0301\u0308\u20dd" * 2000 + "\n" + EN, encoding="utf-8")
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
    assert len(report["inputs"]) == 13
    entries = {i["source"].rsplit("/", 1)[-1]: i for i in report["inputs"]}
    assert entries["bom-then-cp1256.txt"]["status"] == "done"
    assert any("cp1256" in w for w in entries["bom-then-cp1256.txt"]["warnings"])
    assert (entries["utf32.txt"]["status"], entries["utf32.txt"]["lang"]) == ("done", "en")
    assert (entries["marks-first.txt"]["status"], entries["marks-first.txt"]["lang"]) == ("done", "en")
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


def _digests(folder) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_2000_article_build_killed_at_random_points_leaves_a_whole_output(tmp_path):
    """kill -9 at random moments of a 2,000-article build over an earlier output (one moment in each quarter
    of the build: extracting, merging, writing, swapping in; one or two processes): the output is then
    byte for byte either the earlier build's or the new one's, and the next build finishes it."""
    import random
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    from graphbuild.runner import recover

    corpus = tmp_path / "corpus.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--n", "2010", "--seed", "22",
                    "--out", str(corpus)], check=True, capture_output=True)
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp_path / "base.jsonl").write_text("".join(lines[:2000]), encoding="utf-8")
    (tmp_path / "more.jsonl").write_text("".join(lines[2000:]), encoding="utf-8")
    earlier, out = tmp_path / "earlier", tmp_path / "out"
    assert run_cli("build", str(tmp_path / "base.jsonl"), "--out", str(earlier), "--quiet", "--ner", "none"
                   ).returncode == 0
    grown = ["build", str(tmp_path / "base.jsonl"), str(tmp_path / "more.jsonl"), "--out", str(out), "--quiet",
             "--ner", "none", "--force"]  # every article extracted again: the kill may land in any stage

    def start_from_earlier() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(earlier, out)
        recover(out)  # what a killed build left beside it goes, as the next build would see to

    previous = _digests(earlier)
    start_from_earlier()
    started = time.perf_counter()
    assert run_cli(*grown).returncode == 0
    whole_build = time.perf_counter() - started
    new, new_ids = _digests(out), json.loads((out / "ids.json").read_text())
    assert new != previous
    rng = random.Random(22)
    seen = []
    for quarter, jobs in enumerate(("1", "2", "1", "2")):
        start_from_earlier()
        proc = subprocess.Popen([sys.executable, "-m", "graphbuild", *grown, "--jobs", jobs], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        delay = whole_build * rng.uniform(quarter / 4, (quarter + 1) / 4)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, at once
        proc.wait()
        if not out.exists():  # killed between the two renames: the earlier output is beside, and the next
            recover(out)      # build puts it back
        state = _digests(out)
        assert state in (previous, new), (jobs, round(delay, 1), sorted(set(state.items()) - set(new.items()))[:5])
        seen.append((round(delay, 1), "new" if state == new else "earlier"))
    assert run_cli(*grown).returncode == 0, seen  # the next build recovers and finishes
    final = _digests(out)  # the same bytes, but for the count of builds in ids.json when the killed one finished
    assert {**final, "ids.json": None} == {**new, "ids.json": None}, seen
    assert {**json.loads((out / "ids.json").read_text()), "builds": 0} == {**new_ids, "builds": 0}, seen
    assert not list(tmp_path.glob(".out.partial-*")) and not list(tmp_path.glob(".out.old-*"))


def test_two_builds_into_one_folder_do_not_mix(tmp_path):
    from graphbuild.runner import OutputBusy, output_lock

    with output_lock(tmp_path / "out"):
        with pytest.raises(OutputBusy, match="another graphbuild build"):
            with output_lock(tmp_path / "out"):
                pass


def test_an_output_folder_with_someone_elses_files_is_refused(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    res = run_cli("build", str(tmp_path / "mine"), "--out", str(tmp_path / "mine"), "--quiet")
    assert res.returncode == 2 and b"no graphbuild build wrote" in res.stderr
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_a_previous_output_with_a_users_file_added_is_refused(tmp_path):
    from conftest import ROOT

    out = tmp_path / "out"
    assert run_cli("build", str(ROOT / "data" / "articles"), "--out", str(out), "--quiet").returncode == 0
    (out / "thesis.tex").write_text("mine")
    res = run_cli("build", str(ROOT / "data" / "articles"), "--out", str(out), "--quiet")
    assert res.returncode == 2 and b"thesis.tex" in res.stderr and (out / "thesis.tex").read_text() == "mine"
    (tmp_path / "file").write_text("x")
    res = run_cli("build", str(ROOT / "data" / "articles"), "--out", str(tmp_path / "file"), "--quiet")
    assert res.returncode == 2 and (tmp_path / "file").read_text() == "x"


def test_a_build_killed_between_the_two_renames_is_recovered(tmp_path):
    from graphbuild.runner import recover

    out = tmp_path / "out"
    (tmp_path / ".out.old-123").mkdir()
    (tmp_path / ".out.old-123" / "report.json").write_text("{}")
    (tmp_path / ".out.partial-456").mkdir()
    recover(out)
    assert (out / "report.json").read_text() == "{}"
    assert not list(tmp_path.glob(".out.*-*"))


def test_an_oversized_sparse_file_fails_before_it_is_read(tmp_path):
    """A 2 GB sparse file is refused from its size: the build stays small and fast."""
    import subprocess
    import sys

    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(2 * 1024 ** 3)
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "graphbuild", "build", str(big), "--out", str(out), "-q"]
    code = (f"import resource, subprocess; subprocess.run({argv!r}); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    peak_kb = int(res.stdout.strip().splitlines()[-1])
    assert peak_kb < 600 * 1024, f"peak RSS {peak_kb // 1024} MB"
    (entry,) = json.loads((out / "report.json").read_text())["inputs"]
    assert entry["status"] == "failed" and "larger than" in entry["reason"]


# ---------------------------------------------------------------------------
# encoding and language: read right, or say what was not

BOM = b"\xef\xbb\xbf"


def test_a_bom_file_with_a_windows_1256_paragraph_reads_both_parts_and_warns():
    """A file begun in UTF-8 (with its BOM) and continued by a Windows-Arabic editor: each part in its encoding."""
    from graphbuild.ingest import decode

    head = "عنوان الخبر\n\n" + AR
    text, _enc, warnings = decode(BOM + head.encode("utf-8") + (AR * 2).encode("cp1256"))
    assert text == head + AR * 2
    assert any("cp1256" in w and "lines 4-5" in w for w in warnings), warnings


def test_a_bom_followed_by_windows_1256_bytes_is_read_as_windows_1256():
    from graphbuild.ingest import decode

    text, _enc, warnings = decode(BOM + (AR * 3).encode("cp1256"))
    assert text == AR * 3
    assert any("cp1256" in w for w in warnings), warnings


def test_a_stray_bad_byte_in_a_utf8_line_stays_one_replacement_character():
    """A legacy fallback is for lines written in another encoding, not for one broken byte in UTF-8."""
    from graphbuild.ingest import decode

    broken = AR[:20].encode("utf-8") + b"\xff" + AR[20:].encode("utf-8")
    for data in (BOM + broken, broken * 3):
        text, _enc, warnings = decode(data)
        assert text.replace("\ufffd", "") == AR * (text.count("\ufffd"))
        assert any("U+FFFD" in w for w in warnings), warnings


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be", "utf-16", "utf-16-le", "utf-16-be"])
def test_utf32_and_utf16_with_a_bom_are_decoded(encoding):
    from graphbuild.ingest import decode, detect_language

    bom = "" if encoding in ("utf-32", "utf-16") else "\ufeff"  # the plain codecs write their own
    text, _enc, _warnings = decode((bom + AR + EN).encode(encoding))
    assert text == AR + EN
    assert detect_language(decode((bom + EN).encode(encoding))[0]) == "en"  # not 'af' from NUL-strewn text


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_bom_is_decoded(encoding):
    """Two NULs in every four bytes: UTF-32, not UTF-16 with NUL characters ('language oc' before)."""
    from graphbuild.ingest import decode, detect_language

    for text in (EN, AR + EN):
        assert decode(text.encode(encoding))[:2] == (text, "utf-32")
    assert detect_language(decode(EN.encode(encoding))[0]) == "en"
    assert decode("Rabat".encode(encoding)[:-1])[2] == ["truncated UTF-32: the incomplete last character was dropped"]


@pytest.mark.parametrize("title", ["خبر", "عنوان الخبر"])
def test_a_short_utf8_title_above_a_windows_1256_body_reads_both(title):
    """Too few UTF-8 letters to call the file UTF-8, and no one encoding reads it all: each line in its own
    (before, the file failed as 'could not detect the text encoding (binary file?)')."""
    from graphbuild.ingest import decode

    text, _enc, warnings = decode((title + "\n\n").encode() + (AR * 2).encode("cp1256"))
    assert text == title + "\n\n" + AR * 2
    assert warnings == ["2 line(s) not valid UTF-8 (lines 3-4) read as cp1256"]


@pytest.mark.parametrize("marks", ["\u0301" * 3000, "".join(map(chr, range(0x300, 0x370))) * 50,
                                   "\u0300\u0301\u0302\u0308\u0327\u0331\u034f\u20dd" * 3000],
                         ids=["one-mark", "all-marks", "mixed-marks"])
def test_a_flood_of_combining_marks_does_not_decide_the_language(marks):
    """Language identification looks at letters: marks on nothing, however many, say nothing of a language."""
    from graphbuild.ingest import detect_language

    fr = "Le ministre marocain des Affaires étrangères a reçu mardi à Rabat son homologue espagnol.\n"
    assert detect_language(marks + "\n" + EN) == "en"
    assert detect_language(marks + " " + fr) == "fr"
    assert detect_language(marks * 3 + EN) == "en"  # more than the sample the identifier reads


# ---------------------------------------------------------------------------
# folders that cannot be listed

def _without_root_overrides() -> None:
    """Before exec: give up root's right to read and list any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
    so mode 000 keeps the build out as it keeps out any user; the rest of root stays."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_unprivileged(*args: str):
    import subprocess
    import sys

    from conftest import ROOT

    preexec = _without_root_overrides if os.geteuid() == 0 else None
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True, cwd=ROOT, timeout=600,
                          preexec_fn=preexec)


def test_an_unreadable_subfolder_is_in_the_report_as_failed(tmp_path):
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "ok.txt").write_text("Talks in Rabat\n\n" + EN, encoding="utf-8")
    (src / "locked" / "hidden-away.txt").write_text("Talks\n\n" + EN + EN, encoding="utf-8")
    (src / "locked").chmod(0)
    try:
        res = _run_unprivileged("build", str(src), "--out", str(tmp_path / "out"), "--quiet")
    finally:
        (src / "locked").chmod(0o755)
    assert res.returncode == 1, res.stderr.decode()[-2000:]  # a folder lost: the build says so
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    status = {i["source"].rsplit("/", 1)[-1]: (i["status"], i["reason"]) for i in report["inputs"]}
    assert status["ok.txt"][0] == "done"
    assert status["locked"][0] == "failed" and "permission denied" in status["locked"][1].lower()
    assert len(status) == 2


def test_an_unreadable_input_folder_itself_is_reported(tmp_path):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0)
    try:
        res = _run_unprivileged("build", str(tmp_path / "locked"), "--out", str(tmp_path / "out"), "--quiet")
    finally:
        (tmp_path / "locked").chmod(0o755)
    (entry,) = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["inputs"]
    assert entry["status"] == "failed" and "permission denied" in entry["reason"].lower(), entry
    assert res.returncode in (1, 2) and b"Traceback" not in res.stderr


# ---------------------------------------------------------------------------
# duplicates: the copy kept does not depend on the input order

DE = "Der marokkanische Außenminister empfing am Montag in Rabat seinen spanischen Amtskollegen zu Gesprächen.\n"


def _duplicates(root):
    """The same article under three file names (one spaced differently), one id held by two different
    records in two files (the smaller source in German, skipped), and one id twice in one file (lines 9, 10)."""
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "b" / "copy.txt").write_text("Talks in Rabat\n\n" + EN, encoding="utf-8")
    (root / "a" / "copy.txt").write_text("Talks  in Rabat\n\n" + EN.replace(" his ", "  his "), encoding="utf-8")
    (root / "c.txt").write_text("Talks in Rabat\n\n" + EN, encoding="utf-8")
    (root / "a" / "r.jsonl").write_text(json.dumps({"id": "same", "text": "Gespräche\n\n" + DE}) + "\n")
    others = [json.dumps({"id": f"n{n}", "text": f"Title {n}\n\n{EN}", "url": f"http://example.org/{n}"})
              for n in range(1, 9)]
    twice = [json.dumps({"id": "twice", "text": f"Title {n}\n\n" + AR, "url": f"http://example.org/{n}"})
             for n in (9, 10)]
    (root / "b" / "r.jsonl").write_text("\n".join([*others, *twice, json.dumps(
        {"id": "same", "text": "Title\n\n" + EN, "url": "http://example.org/same"})]) + "\n", encoding="utf-8")
    return [str(root / p) for p in ("a/copy.txt", "a/r.jsonl", "b/copy.txt", "b/r.jsonl", "c.txt")]


def _without_pipeline_key(cache: bytes) -> dict:
    """cache.json but its pipeline key, a hash of the code, which can change between two builds of a test
    when the tree is being edited."""
    return {k: v for k, v in json.loads(cache).items() if k != "pipeline"}


def test_with_duplicates_the_input_order_does_not_change_a_byte(tmp_path):
    files = _duplicates(tmp_path / "in")
    orders = {"sorted": files, "reversed": files[::-1], "mixed": [files[i] for i in (2, 4, 0, 3, 1)]}
    outs = {}
    for name, order in orders.items():
        res = run_cli("build", *order, "--out", str(tmp_path / name), "--quiet", "--ner", "none")
        assert res.returncode == 0 and b"Traceback" not in res.stderr, res.stderr.decode()
        outs[name] = tree(tmp_path / name)
        outs[name]["cache.json"] = _without_pipeline_key(outs[name]["cache.json"])
    for name in ("reversed", "mixed"):
        assert outs[name] == outs["sorted"], (name, sorted(k for k in outs["sorted"]
                                                           if outs["sorted"][k] != outs[name].get(k)))
    report = json.loads(outs["sorted"]["report.json"])
    status = {e["source"].split("/in/", 1)[1]: (e["status"], e["reason"]) for e in report["inputs"]}
    assert status["a/copy.txt"] == ("done", None)  # the smallest source of the three copies
    for dup in ("b/copy.txt", "c.txt"):
        assert status[dup][0] == "skipped" and status[dup][1].endswith("/in/a/copy.txt (same article id)")
    assert status["a/r.jsonl:1"][0] == "skipped" and "'de'" in status["a/r.jsonl:1"][1]  # kept, not built
    assert status["b/r.jsonl:11"][0] == "skipped" and "/in/a/r.jsonl:1 (same" in status["b/r.jsonl:11"][1]
    assert status["b/r.jsonl:9"] == ("done", None)  # line 9 before line 10, not '10' < '9'
    assert status["b/r.jsonl:10"][1].endswith("/in/b/r.jsonl:9 (same article id)")
    assert "extractions/same.json" not in outs["sorted"]  # the English copy, extracted first in reverse order
    assert report["summary"]["extracted"] == 11  # each article once, the superseded copies not counted


def test_a_smaller_copy_after_a_reused_one_replaces_it(tmp_path):
    """The previous output's extraction of a copy is re-used, then a copy with a smaller source comes:
    the output is the one built from scratch."""
    files = _duplicates(tmp_path / "in")
    out = tmp_path / "out"
    assert run_cli("build", *files[2:], "--out", str(out), "--quiet", "--ner", "none").returncode == 0
    res = run_cli("build", *files[::-1], "--out", str(out), "--quiet", "--ner", "none")
    assert res.returncode == 0, res.stderr.decode()
    fresh = tmp_path / "fresh"
    assert run_cli("build", *files, "--out", str(fresh), "--quiet", "--ner", "none").returncode == 0
    again, scratch = tree(out), tree(fresh)
    for files_of in (again, scratch):
        files_of["cache.json"] = _without_pipeline_key(files_of["cache.json"])
    assert sorted(again) == sorted(scratch)
    for name in scratch:
        if name == "report.json":
            ra, rb = json.loads(again[name]), json.loads(scratch[name])
            assert ra["inputs"] == rb["inputs"]
            assert ra["summary"]["reused"] + ra["summary"]["extracted"] == rb["summary"]["extracted"]
            assert ra["summary"]["reused"] > 0
        elif name == "ids.json":  # the registry also counts the builds: the ids are the same
            ia, ib = json.loads(again[name]), json.loads(scratch[name])
            assert (ia["claims"], ia["same_as"]) == (ib["claims"], ib["same_as"]) and ia["builds"] == 2
        else:
            assert again[name] == scratch[name], name


# ---------------------------------------------------------------------------
# a streamed JSON Lines file: no line is held past the limit

def test_a_jsonl_line_longer_than_the_limit_fails_alone_and_is_never_held():
    import io

    from graphbuild.ingest import _bounded_lines

    lines = [b"a" * 10 + b"\n", b"b" * 11 + b"\n", b"c" * 9 + b"\n", b"d" * 30 + b"\n", b"", b"\n", b"e" * 25]
    got = list(_bounded_lines(io.BytesIO(b"".join(lines)), limit=10, chunk=4))
    assert got == [b"a" * 10 + b"\n", None, b"c" * 9 + b"\n", None, b"\n", None]  # numbering kept: one per line
    assert list(_bounded_lines(io.BytesIO(b"x" * 10), limit=10, chunk=4)) == [b"x" * 10]
    assert list(_bounded_lines(io.BytesIO(b"y\r\nz\n"), limit=10, chunk=1)) == [b"y\r\n", b"z\n"]


@pytest.mark.slow
def test_a_sparse_2_gb_jsonl_line_fails_alone_in_little_memory(tmp_path):
    """2 GB of NULs between two records (a sparse file: nothing on disk) is one line: it fails from its
    length, read a MB at a time (4.4 GB peak before), and the records around it are built."""
    import subprocess
    import sys

    record = (json.dumps({"id": "first", "text": "Talks in Rabat\n\n" + EN * 50}) + "\n").encode()
    path = tmp_path / "sparse.jsonl"
    with path.open("wb") as f:
        f.write(record)  # longer than the 4 KB head read to tell UTF-8 from UTF-16
        f.seek(2 * 1024 ** 3)
        f.write(b"\n" + record.replace(b'"first"', b'"last"'))
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "graphbuild", "build", str(path), "--out", str(out), "-q", "--ner", "none"]
    code = (f"import resource, subprocess; subprocess.run({argv!r}); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    peak_kb = int(res.stdout.strip().splitlines()[-1])
    assert peak_kb < 600 * 1024, f"peak RSS {peak_kb // 1024} MB"
    status = {e["source"].rsplit("/", 1)[-1]: (e["status"], e["reason"])
              for e in json.loads((out / "report.json").read_text())["inputs"]}
    assert status == {"sparse.jsonl:1": ("done", None), "sparse.jsonl:2": ("failed", "line 2 is longer than 200 MB"),
                      "sparse.jsonl:3": ("done", None)}


# ---------------------------------------------------------------------------
# Ctrl-C, a read-only output, a full disk: one line, the previous output whole

def _out_state(out) -> tuple[dict[str, bytes], list[str]]:
    """The output's files, and what a build left beside it (half-written or set-aside folders)."""
    return (tree(out) if out.exists() else {}), sorted(p.name for p in out.parent.glob(f".{out.name}.*-*"))


@pytest.mark.slow
def test_ctrl_c_ends_a_build_with_one_line_and_the_previous_output_whole(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    out = tmp_path / "out"
    assert run_cli("build", str(ROOT / "data" / "articles"), "--out", str(out), "--quiet").returncode == 0
    before, _ = _out_state(out)
    for jobs, delay in (("1", 1.0), ("1", 3.0), ("2", 4.0)):
        proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "build", "data", "tests/corpus", "--out",
                                 str(out), "--quiet", "--jobs", jobs], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the workers too
        _, err = proc.communicate(timeout=300)
        assert b"Traceback" not in err, err.decode()[-3000:]
        assert proc.returncode == 130 and err.decode().strip() == "graphbuild: interrupted", (jobs, delay, err)
        assert _out_state(out) == (before, []), (jobs, delay)


def test_a_read_only_output_folder_is_one_line_and_left_as_it_is(tmp_path):
    from conftest import ROOT

    parent = tmp_path / "parent"
    parent.mkdir()
    out = parent / "out"
    articles = str(ROOT / "data" / "articles")
    cases = [("a read-only parent, no output yet", parent), ("a read-only parent and an output", parent),
             ("a read-only output", out)]
    for what, locked in cases:
        if what.endswith("and an output"):
            assert _run_unprivileged("build", articles, "--out", str(out), "--quiet", "--ner", "none").returncode == 0
        before = _out_state(out)
        locked.chmod(0o555)
        try:
            res = _run_unprivileged("build", articles, "--out", str(out), "--quiet", "--ner", "none")
        finally:
            locked.chmod(0o755)
        err = res.stderr.decode()
        assert res.returncode == 2 and "Traceback" not in err, (what, err[-2000:])
        assert err.startswith(f"graphbuild build: error: cannot write to --out {out}: Permission denied"), (what, err)
        assert len(err.strip().splitlines()) == 1, (what, err)
        assert _out_state(out) == before, what  # a read-only output is not replaced behind its owner's back


FULL_DISK = """
set -eu
mount -t tmpfs -o size=8m tmpfs "$1/disk" || exit 77
graphbuild build data/articles --out "$1/disk/out" --quiet --ner none
cp -r "$1/disk/out" "$1/before"
set +e
graphbuild build data tests/corpus --out "$1/disk/out" --quiet --ner none 2> "$1/err.txt"
echo $? > "$1/rc.txt"
cp -r "$1/disk/out" "$1/after"
ls -A "$1/disk" > "$1/left.txt"
"""


def test_a_full_disk_is_one_line_and_leaves_the_previous_output_whole(tmp_path):
    """The output on an 8 MB file system (a tmpfs in a mount namespace of its own): the first build fits,
    the bigger second one does not."""
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    if shutil.which("unshare") is None:
        pytest.skip("no unshare(1) to make a small file system")
    (tmp_path / "disk").mkdir()
    env = dict(os.environ, PATH=f"{os.path.dirname(sys.executable)}:{os.environ.get('PATH', '')}")
    res = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", FULL_DISK, "sh", str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, timeout=600)
    if res.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {res.stderr.decode()[-300:]}")
    err = (tmp_path / "err.txt").read_text()
    assert (tmp_path / "rc.txt").read_text().strip() == "2" and "Traceback" not in err, err[-2000:]
    assert err.strip() == (f"graphbuild build: error: cannot write to --out {tmp_path}/disk/out: No space left on "
                           "device (the previous output, if any, is unchanged)")
    assert tree(tmp_path / "after") == tree(tmp_path / "before")
    assert (tmp_path / "left.txt").read_text().split() == [".out.lock", "out"]  # no half-written folder left


# ---------------------------------------------------------------------------
# graphbuild extract on what is not a file, and on surrogates

def test_extract_of_a_device_is_one_line():
    res = run_cli("extract", "/dev/zero", "--ner", "none")
    assert res.returncode == 2 and res.stderr.decode().strip() == \
        "graphbuild: /dev/zero: not a regular file (a FIFO, socket or device)", res.stderr.decode()[-2000:]


def test_extract_of_lone_surrogates_anywhere_prints_no_traceback(tmp_path):
    record = {"id": "x\udc80", "title": "T\ud800", "authors": ["A\udfff"], "url": "http://example.org/\ud800",
              "text": "Talks in Rabat\n\n" + EN.replace("Bourita", "Bourita\udcff")}
    (tmp_path / "s.json").write_text(json.dumps(record), encoding="ascii")  # \\udxxx escapes, as JSON allows
    for args, stdin in ((["extract", str(tmp_path / "s.json")], None), (["extract", str(tmp_path / "s.json"),
                        "--json"], None), (["extract", "-", "--json"], EN.encode("utf-8", "surrogatepass")[:40]
                                           + "\ud800".encode("utf-8", "surrogatepass") + EN.encode())):
        res = run_cli(*args, "--ner", "none", input=stdin)
        assert res.returncode == 0 and b"Traceback" not in res.stderr, (args, res.stderr.decode()[-2000:])
        if "--json" in args:
            d = json.loads(res.stdout)
            assert d["persons"], args


# ---------------------------------------------------------------------------
# the viewer: a bidi override inside a name reverses nothing around it

def test_bidi_controls_in_names_never_reach_the_page(tmp_path):
    import graphbuild
    from graphbuild.export.html import write_html

    d = graphbuild.extract("Talks in Rabat\n\n" + EN, lang="en", ner="none")
    for p in d["persons"]:
        p["name"] = "\u202e" + p["name"] + "\u2066 \u202b"
        p["surface"] = [p["name"]]
    kg = graphbuild.Graph()
    kg.add_extraction(d)
    page = write_html(kg, tmp_path / "g.html").read_text(encoding="utf-8")
    import re

    near = re.findall(r"(?s).{0,8}Bourita.{0,8}", page)  # the page's own script isolates lines with U+2068/9
    assert near
    for around in near:
        assert not re.search("[\u202a-\u202e\u2066-\u2069]|\\\\u20(2[a-e]|6[6-9])", around, re.I), around


# ---------------------------------------------------------------------------
# fault injection: a stage that raises for one input costs that input alone

def _inject(stage: str, monkeypatch) -> None:
    """Make ``stage`` raise for the article whose text holds 'Boomtown'."""
    import graphbuild.ingest as ingest
    from graphbuild.graph.core import KnowledgeGraph

    def boom(*_args, **_kwargs):
        raise RuntimeError("injected fault")

    if stage == "read":
        make = ingest.make_article
        monkeypatch.setattr(ingest, "make_article",
                            lambda text, **kw: boom() if "Boomtown" in text else make(text, **kw))
    elif stage == "write":  # the article's extraction file: a value the JSON writer refuses, say
        import graphbuild.runner as runner

        dump = runner.dump_json
        monkeypatch.setattr(runner, "dump_json", lambda obj: boom() if isinstance(obj, dict) and "article" in obj
                            and "Boomtown" in str(obj) else dump(obj))
    elif stage == "export":  # a writer that refuses something of the article's, as GraphML a control character
        import graphbuild.export as export

        graphml = export.write_graphml
        monkeypatch.setattr(export, "write_graphml", lambda kg, path, flat=None: boom()
                            if "Boomtown" in str(list(kg.g.nodes(data=True))) else graphml(kg, path, flat))
    elif stage == "merge":
        add = KnowledgeGraph.add_extraction
        monkeypatch.setattr(KnowledgeGraph, "add_extraction",
                            lambda self, ext, text=None: boom() if "Boomtown" in str(ext) else add(self, ext, text))


@pytest.mark.parametrize("stage", ["read", "extract", "write", "merge", "export"])
def test_a_stage_that_raises_for_one_input_costs_that_input_alone(stage, tmp_path, monkeypatch):
    from graphbuild.runner import make_pipeline, run_build

    src = tmp_path / "in"
    src.mkdir()
    for name, city in (("a.txt", "Rabat"), ("b.txt", "Boomtown"), ("c.txt", "Madrid")):
        (src / name).write_text(f"Talks in {city}\n\n" + EN.replace("Rabat", city), encoding="utf-8")
    _inject(stage, monkeypatch)
    pipeline = make_pipeline("none")
    if stage == "extract":
        run = pipeline.__call__
        pipeline = type("Faulty", (), {"__call__": lambda self, art: (_ for _ in ()).throw(RuntimeError("injected"))
                                       if "Boomtown" in art.text else run(art)})()
    report, _kg = run_build([str(src)], tmp_path / "out", pipeline=pipeline, show_progress=False)
    status = {e.source.rsplit("/", 1)[-1]: (e.status, e.reason) for e in report.entries}
    assert status["a.txt"] == ("done", None) and status["c.txt"] == ("done", None), status
    assert status["b.txt"][0] == "failed" and "injected" in status["b.txt"][1], status
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved["summary"]["done"] == 2 and saved["summary"]["failed"] == 1
    kept = sorted(p.name for p in (tmp_path / "out" / "extractions").iterdir())
    assert kept == sorted(f"{e.article}.json" for e in report.entries if e.status == "done")  # none for the failed
    graph = (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")
    assert "Madrid" in graph and "Boomtown" not in graph  # nothing of it half-merged
    assert (tmp_path / "out" / "graph.graphml").stat().st_size > 0 and not (tmp_path / "out" / ".probe").exists()


# ---------------------------------------------------------------------------
# the hostile corpus of issue 22, generated and checked by its script

@pytest.mark.slow
def test_the_hostile_corpus_script_handles_every_case(tmp_path):
    """scripts/hostile_corpus.py: every input in the report with its reason, every run ending cleanly (the
    sparse files are left to the tests above, the rules alone for time)."""
    import subprocess
    import sys

    from conftest import ROOT

    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "hostile_corpus.py"), str(tmp_path), "--ner", "none",
                          "--no-sparse", "--json", str(tmp_path / "figures.json")], capture_output=True, text=True,
                         cwd=ROOT, timeout=1800)
    figures = json.loads((tmp_path / "figures.json").read_text())
    assert res.returncode == 0 and figures["failed"] == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert figures["tried"] >= 50
