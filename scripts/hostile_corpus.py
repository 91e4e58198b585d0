"""A hostile corpus of our own (issue 22), generated, built and checked: tried / handled / failed.

    python scripts/hostile_corpus.py WORKDIR            # WORKDIR/in is generated, WORKDIR/out built
    python scripts/hostile_corpus.py WORKDIR --ner none --no-sparse

Odd file names, FIFOs, sockets, device links, folders with mode 000 and 2 GB sparse files cannot be
committed, so they are made here. Every case of the issue is one check, on the inputs of one build of
WORKDIR/in (each must be in report.json with the status and reason it deserves, and the build must finish
without a traceback), or on a run of its own (an empty folder, Ctrl-C, kill -9, a read-only or full output,
two builds into one folder, the CLI's options). A case is handled when its check holds; the last line gives
the figures, and the exit code is 0 only when every case tried was handled. Cases that cannot be tried
here (no mount namespace for a small file system, say) are listed as not tried.

The texts are written for the project. As root, the builds give up the right to read any file
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) so that mode 000 keeps them out as it keeps out any user.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EN = "Moroccan Foreign Minister Nasser Bourita received his Spanish counterpart Jose Manuel Albares in Rabat.\n"
AR = "استقبل وزير الخارجية المغربي ناصر بوريطة، اليوم الاثنين بالرباط، نظيره الإسباني خوسيه مانويل ألباريس.\n"
BOM = b"\xef\xbb\xbf"
GB = 1024 ** 3


@dataclass
class Case:
    what: str  # the case, as the issue names it
    source: str  # its entry in report.json, relative to WORKDIR/in ('' for a run of its own)
    status: str = "done"
    reason: str = ""  # a part of the reason it must give (case-insensitive)
    check: Callable[[dict, Path], str | None] | None = None  # more to hold: None, or what is wrong


def _drop_root_overrides() -> None:
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, dropped from the bounding set before exec
        if libc.prctl(24, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def graphbuild(*args: str, ner: str | None = None, stdin: bytes | None = None, timeout: int = 1800,
               **popen) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "graphbuild", *args]
    if ner and args[0] in ("build", "extract"):
        argv += ["--ner", ner]
    return subprocess.run(argv, input=stdin, capture_output=True, cwd=ROOT, timeout=timeout,
                          preexec_fn=_drop_root_overrides if os.geteuid() == 0 else None, **popen)


def popen_build(*args: str, ner: str | None) -> subprocess.Popen:
    argv = [sys.executable, "-m", "graphbuild", "build", *args, "--quiet"] + (["--ner", ner] if ner else [])
    return subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_drop_root_overrides if os.geteuid() == 0 else None)


# ---------------------------------------------------------------------------
# the inputs

def write_inputs(src: Path, sparse: bool) -> list[Case]:
    """WORKDIR/in and what the report must say of each input in it."""
    if src.exists():
        for p in src.rglob("*"):  # a locked folder left by an interrupted run
            if p.is_dir():
                p.chmod(0o755)
        shutil.rmtree(src)
    src.mkdir(parents=True)
    cases: list[Case] = []

    def text(name: str, body: str | bytes, case: Case | None = None, **kw) -> None:
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        cases.append(case or Case(source=name, **kw))

    text("ok.txt", "Talks in Rabat today\n\n" + EN, what="a plain article (control)")
    with open(os.path.join(os.fsencode(src), b"bad\xff-name.txt"), "wb") as f:
        f.write(("عنوان\n\n" + AR).encode("utf-8"))
    cases.append(Case("a file name that is not valid UTF-8", "bad\\xff-name.txt"))

    records = [
        ('{"id": "\\ud800x", "text": ' + json.dumps("Title\n\n" + EN) + "}", "a JSON id holding a lone surrogate"),
        (json.dumps({"id": "ctl", "text": "Title\n\n" + EN, "authors": ["Ann\u0001 Lee"]}),
         "an author holding U+0001 (GraphML refuses it)"),
        (json.dumps({"id": "pct", "text": "Title\n\n" + EN, "url": "http://example.org/100%zz"}),
         "a JSONL url with a bad % escape"),
        ('{"id": "ls", "text": "Title\\n\\nMoroccan Foreign Minister Nasser Bourita\u2028received his Spanish '
         'counterpart Jose Manuel Albares in Rabat."}', "a raw U+2028 inside a JSONL string"),
        ('{"id": "nel", "text": "Title\\n\\nMoroccan Foreign Minister Nasser Bourita received his Spanish\u0085'
         'counterpart Jose Manuel Albares in Rabat."}', "a raw U+0085 inside a JSONL string"),
        ("[" * 100_000 + "]" * 100_000, "a JSONL line 100k deep"),
        (json.dumps({"id": "after-deep", "text": "Title\n\n" + EN}), "the record after the 100k-deep line"),
    ]
    (src / "records.jsonl").write_text("\n".join(r for r, _ in records) + "\n", encoding="utf-8")
    for n, (_r, what) in enumerate(records, 1):
        deep = "100k deep" in what
        cases.append(Case(what, f"records.jsonl:{n}", "failed" if deep else "done",
                          "nested too deeply" if deep else ""))

    text("canon.html", '<html><head><title>T</title><link rel="canonical" href="http://example.org/100%-success">'
         f"</head><body><article><h1>Talks</h1><p>{EN}</p></article></body></html>",
         what="a page whose canonical URL has a bad % escape")

    os.mkfifo(src / "a-fifo.txt")
    cases.append(Case("a FIFO (would hang a reader)", "a-fifo.txt", "skipped", "FIFO"))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(src / "a-socket.txt"))
    sock.close()
    cases.append(Case("a socket", "a-socket.txt", "skipped", "socket"))
    os.symlink("/dev/zero", src / "zero.txt")
    cases.append(Case("a link to /dev/zero (endless)", "zero.txt", "skipped", "device"))

    if sparse:
        with (src / "sparse.txt").open("wb") as f:
            f.truncate(int(2.2 * GB))
        cases.append(Case("a 2.2 GB sparse .txt (read whole before)", "sparse.txt", "failed", "larger than 200 MB"))
        record = (json.dumps({"id": "sparse-first", "text": "Talks in Rabat\n\n" + EN * 50}) + "\n").encode()
        with (src / "sparse.jsonl").open("wb") as f:
            f.write(record)
            f.seek(int(2.2 * GB))
            f.write(b"\n" + record.replace(b"sparse-first", b"sparse-last"))
        cases += [Case("the record before 2.2 GB of NULs in a .jsonl", "sparse.jsonl:1"),
                  Case("2.2 GB of NULs as one .jsonl line", "sparse.jsonl:2", "failed", "longer than 200 MB"),
                  Case("the record after 2.2 GB of NULs", "sparse.jsonl:3")]

    line = " ".join([EN.strip()] * (1024 * 1024 // len(EN)))
    text("one-mb-line.txt", "One line\n\n" + line, what=f"a single-line article of {len(line) // 1024} KB")

    def warned(word: str) -> Callable[[dict, Path], str | None]:
        return lambda e, _out: None if any(word in w for w in e.get("warnings", [])) else f"no {word!r} warning"

    def lang(code: str, length: int | None = None) -> Callable[[dict, Path], str | None]:
        def check(e: dict, out: Path) -> str | None:
            if e["lang"] != code:
                return f"language {e['lang']!r}, not {code!r}"
            d = json.loads((out / "extractions" / f"{e['article']}.json").read_text(encoding="utf-8"))
            wrong = length is not None and d["article"]["length"] != length
            return f"{d['article']['length']} characters read, not {length}" if wrong else None
        return check

    text("bom-then-cp1256.txt", BOM + "خبر\n\n".encode() + (AR * 2).encode("cp1256"),
         what="a BOM, then a Windows-1256 paragraph", check=warned("cp1256"))
    text("title-then-cp1256.txt", "عنوان\n\n".encode() + (AR * 2).encode("cp1256"),
         what="a short UTF-8 title, then a Windows-1256 body", check=warned("cp1256"))
    one_line = "عنوان الخبر: " + AR.strip()
    text("title-and-cp1256-on-one-line.txt", "عنوان الخبر: ".encode() + AR.strip().encode("cp1256"),
         what="a UTF-8 title and a Windows-1256 sentence on one line",
         check=lambda e, out: warned("cp1256")(e, out) or lang("ar", len(one_line))(e, out))
    wide = {"utf32.txt": ("Rabat talks, wide\n\n" + EN, "utf-32", "en", "UTF-32 with its BOM"),
            "utf32le-nobom.txt": ("Rabat talks\n\n" + EN, "utf-32-le", "en", "UTF-32-LE without a BOM"),
            "utf32be-nobom-ar.txt": ("خبر\n\n" + AR, "utf-32-be", "ar", "UTF-32-BE Arabic without a BOM")}
    for name, (body, encoding, code, what) in wide.items():
        text(name, body.encode(encoding), what=what, check=lang(code, len(body)))
    text("marks-first.txt", "\u0301\u0308\u20dd" * 2000 + "\n" + EN, what="a leading flood of combining marks",
         check=lang("en"))
    text("marks-only.txt", "\u0301\u0308\u0327" * 3000, what="combining marks and nothing else", status="skipped",
         reason="too little text")

    (src / "locked").mkdir()
    (src / "locked" / "hidden-away.txt").write_text("Talks\n\n" + EN + EN, encoding="utf-8")
    (src / "locked").chmod(0)
    cases.append(Case("a chmod-000 subfolder", "locked", "failed", "permission denied"))

    def offsets(e: dict, out: Path) -> str | None:
        source = src / e["source"].split("/in/", 1)[1]
        as_read = source.read_bytes().decode("utf-8")
        d = json.loads((out / "extractions" / f"{e['article']}.json").read_text(encoding="utf-8"))
        if d["article"]["length"] != len(as_read):
            return f"length {d['article']['length']}, the input has {len(as_read)}"
        spans = [(s, t, it["surface"]) for k in ("persons", "organisations", "countries", "cities")
                 for it in d[k] for s, t in it["mentions"]]
        wrong = [(as_read[s:t], surface) for s, t, surface in spans if as_read[s:t] not in surface]
        return f"spans beside their text: {wrong[:3]}" if wrong or not spans else None

    text("crlf-ar.txt", ("خبر اليوم\n\n" + AR + AR).replace("\n", "\r\n"),
         what="Arabic with \\r\\n line ends (offsets)", check=offsets)
    text("cr-en.txt", ("Talks in Rabat\n\n" + EN + EN).replace("\n", "\r"), what="English with \\r line ends (offsets)",
         check=offsets)

    def isolated(_e: dict, out: Path) -> str | None:
        import re

        page = (out / "graph.html").read_text(encoding="utf-8")
        near = re.findall(r"(?s).{0,8}Bourita.{0,8}", page)
        bidi = [n for n in near if re.search(r"[\u202a-\u202e\u2066-\u2069]|(?<!\\)\\u20(2[a-e]|6[6-9])", n, re.I)]
        # a JSON escape decodes to the control; an escaped backslash before 'u202e' is only text
        return "no name on the page" if not near else (f"bidi controls beside the name: {bidi[:2]!r}" if bidi else None)

    text("rlo-name.txt", "Talks in Rabat\n\n" + EN.replace("Nasser Bourita", "Nasser \u202eBourita"),
         what="a U+202E inside a name (reverses the viewer's label)", check=isolated)

    copies = {"dup/a.txt": "Talks in Rabat\n\n" + EN,
              "dup/b.txt": "Talks  in Rabat\n\n" + EN.replace(" his ", "  his "),
              "dup/c.txt": "Talks in Rabat\r\n\r\n" + EN}
    for name, body in copies.items():
        text(name, body, what="the same article in three files: the smallest source kept" if name == "dup/a.txt"
             else f"a copy of it ({name})", status="done" if name == "dup/a.txt" else "skipped",
             reason="" if name == "dup/a.txt" else "duplicate of")
    (src / "dup" / "r.jsonl").write_text("\n".join(json.dumps({"id": "twice", "text": f"Title {n}\n\n" + AR})
                                                   for n in range(1, 11)) + "\n", encoding="utf-8")
    cases.append(Case("one id on ten lines: line 1 kept", "dup/r.jsonl:1"))
    for n in range(2, 11):
        cases.append(Case(f"one id on ten lines: line {n} a copy of line 1" + (", not '10' < '9'" if n == 10 else ""),
                          f"dup/r.jsonl:{n}", "skipped", "r.jsonl:1 (same article id)"))
    return cases


# ---------------------------------------------------------------------------
# the build of WORKDIR/in, checked

def check_build(work: Path, cases: list[Case], ner: str | None) -> list[tuple[str, str | None]]:
    src, out = work / "in", work / "out"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    res = graphbuild("build", str(src), "--out", str(out), "--quiet", ner=ner)
    seconds = time.perf_counter() - started
    err = res.stderr.decode(errors="replace")
    results: list[tuple[str, str | None]] = []
    whole = None if res.returncode == 1 and "Traceback" not in err else f"exit {res.returncode}: {err[-500:]}"
    results.append((f"the build of all of them finishes, exit 1, no traceback ({seconds:.0f} s)", whole))
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return results + [(c.what, f"no report.json: {exc}") for c in cases]
    entries = {e["source"].split("/in/", 1)[1] if "/in/" in e["source"] else e["source"]: e
               for e in report["inputs"]}
    expected = {c.source for c in cases}
    results.append(("every input is in the report, and nothing else",
                    None if set(entries) == expected else
                    f"missing {sorted(expected - set(entries))}, unexpected {sorted(set(entries) - expected)}"))
    for c in cases:
        e = entries.get(c.source)
        if e is None:
            results.append((c.what, "not in the report"))
            continue
        problem = None
        if e["status"] != c.status:
            problem = f"{e['status']} ({e['reason']}), expected {c.status}"
        elif c.status != "done" and not e["reason"]:
            problem = "no reason"
        elif c.reason and c.reason.lower() not in (e["reason"] or "").lower():
            problem = f"reason {e['reason']!r} does not say {c.reason!r}"
        elif c.check is not None:
            problem = c.check(e, out)
        results.append((c.what, problem))
    results.append(("the outputs parse (N-Triples, GraphML)", _outputs_parse(out)))
    return results


def _outputs_parse(out: Path) -> str | None:
    try:
        import networkx as nx
        import rdflib

        rdflib.Graph().parse(out / "graph.nt", format="nt")
        nx.read_graphml(out / "graph.graphml")
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return None


# ---------------------------------------------------------------------------
# runs of their own

def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _one_line(res: subprocess.CompletedProcess, code: int, starts: str) -> str | None:
    err = res.stderr.decode(errors="replace").strip()
    if res.returncode != code or "Traceback" in err or len(err.splitlines()) != 1 or not err.startswith(starts):
        return f"exit {res.returncode}, stderr {err[-300:]!r}"
    return None


def check_runs(work: Path, ner: str | None) -> list[tuple[str, str | None]]:
    results: list[tuple[str, str | None]] = []
    small = work / "small"
    shutil.rmtree(small, ignore_errors=True)
    (small / "in").mkdir(parents=True)
    for n, city in enumerate(("Rabat", "Madrid", "Tunis")):
        (small / "in" / f"{n}.txt").write_text(f"Talks in {city}\n\n" + EN.replace("Rabat", city), encoding="utf-8")
    out = small / "out"
    assert graphbuild("build", str(small / "in"), "--out", str(out), "--quiet", ner=ner).returncode == 0

    (small / "empty").mkdir()
    res = graphbuild("build", str(small / "empty"), "--out", str(small / "out-empty"), "--quiet", ner=ner)
    results.append(("an empty folder exits 2 (nothing readable)", None if res.returncode == 2 and
                    b"no input found" in res.stderr else f"exit {res.returncode}: {res.stderr[-300:]!r}"))

    # duplicates and input order: the same bytes whichever order the copies come in
    dup = sorted(str(p) for p in (work / "in" / "dup").iterdir())
    trees = []
    for order in (dup, dup[::-1]):
        target = small / f"dup-{len(trees)}"
        graphbuild("build", *order, "--out", str(target), "--quiet", ner=ner)
        trees.append({k: v for k, v in _tree(target).items() if k in ("graph.json", "report.json")})
    results.append(("with duplicates, the input order changes no byte of graph.json, report.json",
                    None if trees[0] == trees[1] and len(trees[0]) == 2 else "they differ"))

    # Ctrl-C and kill -9 during a build: the previous output whole
    before = _tree(out)
    for what, sig, code in (("Ctrl-C during a build", signal.SIGINT, 130),
                            ("kill -9 during a build", signal.SIGKILL, None)):
        proc = popen_build(str(work / "in" / "one-mb-line.txt"), str(small / "in"), "--out", str(out), ner=ner)
        time.sleep(3)
        os.killpg(proc.pid, sig)
        _, err = proc.communicate(timeout=300)
        problem = None
        if code is not None and (proc.returncode != code or err.decode().strip() != "graphbuild: interrupted"):
            problem = f"exit {proc.returncode}, stderr {err.decode()[-300:]!r}"
        elif _tree(out) != before:
            problem = "the previous output changed"
        results.append((f"{what}: {'one line, ' if code else ''}the previous output whole", problem))
    res = graphbuild("build", str(small / "in"), "--out", str(out), "--quiet", ner=ner)  # recovers
    left = sorted(p.name for p in small.glob(".out.*-*"))
    results.append(("the next build after kill -9 finishes and leaves nothing beside",
                    None if res.returncode == 0 and not left else f"exit {res.returncode}, left {left}"))

    # two builds into one folder at once
    procs = [popen_build(str(small / "in"), "--out", str(out), ner=ner) for _ in range(2)]
    errs = [p.communicate(timeout=600)[1].decode() for p in procs]
    codes = sorted(p.returncode for p in procs)
    ok = (codes in ([0, 0], [0, 2]) and not any("Traceback" in e for e in errs)
          and all(e.strip() == "" or "another graphbuild build" in e for e in errs)
          and json.loads((out / "report.json").read_text())["summary"]["done"] == 3)
    results.append(("two builds into one folder at once: one waits its turn or says so", None if ok else
                    f"exits {codes}, stderr {[e[-200:] for e in errs]}"))

    # a read-only output folder
    before = _tree(out)
    out.chmod(0o555)
    try:
        res = graphbuild("build", str(small / "in"), "--out", str(out), "--quiet", ner=ner)
    finally:
        out.chmod(0o755)
    problem = _one_line(res, 2, f"graphbuild build: error: cannot write to --out {out}: Permission denied")
    results.append(("a read-only output folder: one line, left as it is",
                    problem or (None if _tree(out) == before else "the output changed")))

    results.append(_full_disk(work, ner))

    # the CLI on what is not a date, not an endpoint, not a file; surrogates
    seed = str(ROOT / "data" / "articles" / "000_7fd13265f7ec3363.txt")
    res = graphbuild("extract", seed, "--published", "garbage", ner=ner)
    results.append(("extract --published garbage: refused, never written",
                    _one_line(res, 2, "graphbuild extract: error: argument --published")
                    or (None if b"garbage" not in res.stdout else "written")))
    res = graphbuild("push", str(out / "graph.ttl"), "--endpoint", "data:text/plain,hello")
    results.append(("push --endpoint data:text/plain,hello: refused", _one_line(res, 2, "graphbuild push: error:")))
    res = graphbuild("extract", "/dev/zero", ner=ner)
    results.append(("extract /dev/zero: one line", _one_line(res, 2, "graphbuild: /dev/zero: not a regular file")))
    stdin = ("Talks in Rabat\n\n" + EN[:40]).encode() + "\ud800".encode("utf-8", "surrogatepass") + EN[40:].encode()
    res = graphbuild("extract", "-", "--json", stdin=stdin, ner=ner)
    results.append(("extract of a lone surrogate's bytes on stdin: no traceback",
                    None if res.returncode == 0 and b"Traceback" not in res.stderr else res.stderr[-300:].decode()))
    return results


FULL_DISK = """
set -eu
mount -t tmpfs -o size=8m tmpfs "$1/disk" || exit 77
"$2" -m graphbuild build "$1/in" --out "$1/disk/out" --quiet $3
cp -r "$1/disk/out" "$1/before"
set +e
"$2" -m graphbuild build "$1/in" "$4" "$5" --out "$1/disk/out" --quiet $3 2> "$1/err.txt"
echo $? > "$1/rc.txt"
cp -r "$1/disk/out" "$1/after"
ls -A "$1/disk" > "$1/left.txt"
"""


def _full_disk(work: Path, ner: str | None) -> tuple[str, str | None | bool]:
    what = "a full disk: one line, the previous output whole, nothing half-written left"
    disk = work / "small" / "fulldisk"
    shutil.rmtree(disk, ignore_errors=True)
    (disk / "disk").mkdir(parents=True)
    shutil.copytree(work / "small" / "in", disk / "in")
    if shutil.which("unshare") is None:
        return what, False
    res = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", FULL_DISK, "sh", str(disk),
                          sys.executable, f"--ner {ner}" if ner else "", str(ROOT / "data"),
                          str(ROOT / "tests" / "corpus")], cwd=ROOT, capture_output=True, timeout=1800)
    if res.returncode == 77 or res.stderr.startswith(b"unshare:"):
        return what, False  # no mount namespace or tmpfs here: not tried
    if res.returncode != 0:
        return what, f"the first build did not fit: {res.stderr[-300:].decode(errors='replace')}"
    err = (disk / "err.txt").read_text()
    if (disk / "rc.txt").read_text().strip() != "2" or "Traceback" in err or len(err.strip().splitlines()) != 1 \
            or "No space left on device" not in err:
        return what, f"exit {(disk / 'rc.txt').read_text().strip()}, stderr {err[-300:]!r}"
    if _tree(disk / "after") != _tree(disk / "before"):
        return what, "the previous output changed"
    left = (disk / "left.txt").read_text().split()
    return what, None if left == [".out.lock", "out"] else f"left beside: {left}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workdir", type=Path, help="where the corpus (in/) and the outputs go")
    ap.add_argument("--ner", help="passed to graphbuild build/extract (none: the rules alone, faster)")
    ap.add_argument("--no-sparse", action="store_true", help="leave out the two 2.2 GB sparse files")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    work = args.workdir.resolve()
    cases = write_inputs(work / "in", sparse=not args.no_sparse)
    try:
        results = check_build(work, cases, args.ner) + check_runs(work, args.ner)
    finally:
        (work / "in" / "locked").chmod(0o755)
    tried = [(w, p) for w, p in results if p is not False]
    failed = [(w, p) for w, p in tried if p]
    for w, p in results:
        mark = "not tried" if p is False else ("FAILED   " if p else "handled  ")
        print(f"{mark} {w}" + (f": {p}" if p else ""))
    print(f"hostile corpus: {len(tried)} tried, {len(tried) - len(failed)} handled, {len(failed)} failed"
          + (f", {len(results) - len(tried)} not tried" if len(results) > len(tried) else ""))
    if args.json:
        args.json.write_text(json.dumps({"tried": len(tried), "handled": len(tried) - len(failed),
                                         "failed": len(failed), "results": [
                                             {"case": w, "problem": p if p is not False else "not tried"}
                                             for w, p in results]}, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
