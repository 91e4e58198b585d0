"""Helpers shared by the benchmark scripts: corpora, memory, machine facts, synthetic big graphs, child
processes measured, workers, text tables."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is in KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def hwm_mb() -> float:
    """Peak RSS of this process image from /proc (VmHWM): unlike ru_maxrss, it does not start from the
    RSS of the parent that forked us (Linux carries ru_maxrss across fork + exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return float("nan")


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as f:
            return round(int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except OSError:
        return float("nan")


def machine_info() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    commit = ""
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "graphbuild"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        if dirty:
            commit += " (graphbuild/ has uncommitted changes)"
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        import graphbuild

        version = graphbuild.__version__
    except ImportError:
        version = "?"
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "platform": platform.platform(), "graphbuild": version, "commit": commit,
            "loadavg": os.getloadavg()}


def generator_hash() -> str:
    return hashlib.sha1((HERE / "generate.py").read_bytes()).hexdigest()[:12]


def ensure_corpus(n: int, seed: int, quiet: bool = False) -> Path:
    """benchmarks/results/corpus-N-seed.jsonl, generated once (again if generate.py changed)."""
    path = RESULTS / f"corpus-{n}-{seed}.jsonl"
    meta = path.with_suffix(".meta")
    want = generator_hash()
    if path.exists() and meta.exists() and meta.read_text().strip() == want:
        return path
    t = time.perf_counter()
    # in a child process: the gazetteers would otherwise stay in this process, and Linux starts a
    # child's ru_maxrss from its parent's RSS, which would inflate every stage measured after this
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--n", str(n), "--seed", str(seed),
                    "--out", str(path)], check=True, stderr=subprocess.DEVNULL)
    meta.write_text(want + "\n")
    if not quiet:
        print(f"  generated {path.name} ({n} articles, {path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return path


# ---------------------------------------------------------------------------
# big graphs without the quadratic person resolution

def base_graph(n_articles: int, seed: int):
    """The real graph of a small generated corpus: extracted and merged by graphbuild itself."""
    from graphbuild.extractors import Pipeline
    from graphbuild.graph import KnowledgeGraph
    from graphbuild.ingest import read

    corpus = ensure_corpus(n_articles, seed, quiet=True)
    pipeline = Pipeline()
    kg = KnowledgeGraph()
    exts = []
    for item in read([str(corpus)]):
        if item.article is not None:
            exts.append((pipeline(item.article).to_dict(), item.article.text))
    for d, text in sorted(exts, key=lambda e: e[0]["article"]["id"]):
        kg.add_extraction(d, text=text)
    return kg


REPLICATED = ("person", "meeting", "article")


def replicate(base, copies: int):
    """A KnowledgeGraph holding ``copies`` copies of ``base``'s articles, people and meetings.

    Countries, cities, organisations and roles are shared by all copies, as they are in a
    real corpus; every person, meeting and article gets a new id per copy (``…-rK``), and
    every source and article record is renamed with it. Built directly on ``kg.g`` and
    ``kg.articles``: seconds, where extracting and merging as many articles takes minutes.
    """
    from graphbuild.graph import KnowledgeGraph

    kg = KnowledgeGraph()
    g = kg.g
    btypes = {n: d["type"] for n, d in base.g.nodes(data=True)}

    def rn(nid: str, k: int) -> str:
        return f"{nid}-r{k}" if k and btypes.get(nid) in REPLICATED else nid

    def ra(aid: str, k: int) -> str:
        return f"{aid}-r{k}" if k else aid

    def attrs(d: dict, k: int) -> dict:
        out = dict(d)
        if "sources" in out:
            out["sources"] = [[ra(a, k), s, e] for a, s, e in out["sources"]]
        if "article_id" in out:
            out["article_id"] = ra(out["article_id"], k)
        if "date_start_claims" in out:
            out["date_start_claims"] = [[v, ra(a, k)] for v, a in out["date_start_claims"]]
        for key in ("names", "keys", "context", "merged"):
            if isinstance(out.get(key), list):
                out[key] = list(out[key])
        return out

    for k in range(copies):
        for nid, d in base.g.nodes(data=True):
            new = rn(nid, k)
            if new in g:
                node = g.nodes[new]
                node["sources"] = sorted(node.get("sources", []) + attrs(d, k).get("sources", []))
            else:
                g.add_node(new, **attrs(d, k))
        for u, v, key, d in base.g.edges(keys=True, data=True):
            a = attrs(d, k)
            if "on_behalf_of" in a and a["on_behalf_of"]:
                a["on_behalf_of"] = rn(a["on_behalf_of"], k)
            u2, v2 = rn(u, k), rn(v, k)
            if g.has_edge(u2, v2, key):
                e = g.edges[u2, v2, key]
                e["sources"] = sorted(e["sources"] + a["sources"])
            else:
                g.add_edge(u2, v2, key=key, **a)
        for aid, info in base.articles.items():
            new = dict(info)
            new["id"] = ra(aid, k)
            kg.articles[ra(aid, k)] = new
    return kg


def view_counts(kg) -> tuple[int, int]:
    """Nodes and edges the HTML view shows (no article or role nodes)."""
    from graphbuild.export.html import SHOWN_EDGE_TYPES

    g = kg.g
    keep = {n for n, d in g.nodes(data=True) if d["type"] not in ("article", "role")}
    edges = sum(1 for u, v, d in g.edges(data=True) if u in keep and v in keep and d["type"] in SHOWN_EDGE_TYPES
                and not (d["type"] == "participated_in" and g.nodes[u]["type"] != "person"))
    return len(keep), edges


def dump(obj: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def run_worker(script: str, name: str, args: list[str], timeout: float | None, env: dict | None = None,
               preexec_fn=None) -> dict[str, Any]:
    """``script --worker name args…`` in a fresh interpreter: its last JSON line, or what it had
    done (its "# {…}" progress lines) when it timed out, or its error."""
    cmd = [sys.executable, str(Path(script).resolve()), "--worker", name, *args]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT),
                            env={**os.environ, **(env or {})}, preexec_fn=preexec_fn)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        progress = [json.loads(line[2:]) for line in out.splitlines() if line.startswith("# ")]
        return {"timeout": True, "timeout_s": timeout, "progress": progress,
                "wall_s": round(time.perf_counter() - t, 1)}
    lines = [line for line in out.splitlines() if line.strip() and not line.startswith("# ")]
    if proc.returncode != 0 or not lines:
        return {"error": f"exit {proc.returncode}: {err.strip()[-2000:]}", "wall_s": round(time.perf_counter() - t, 1)}
    res = json.loads(lines[-1])
    res["wall_s"] = round(time.perf_counter() - t, 1)
    return res


def worker_reply(workers: dict[str, Callable[..., Any]], name: str, args: list[str], ensure_ascii: bool = True) -> int:
    """In a ``--worker`` process: ``workers[name]`` on ``args`` (digits as ints), its result printed as
    the JSON line ``run_worker`` reads."""
    print(json.dumps(workers[name](*[int(a) if a.isdigit() else a for a in args]), ensure_ascii=ensure_ascii))
    return 0


def run_measured(cmd: list[str], log: Path, timeout: float | None = None, env: dict | None = None,
                 preexec_fn=None) -> dict[str, Any]:
    """``cmd`` in a child process (in ROOT, stdout discarded, stderr to ``log``), reaped with ``os.wait4``:
    its exit code, wall seconds, CPU seconds (user + system of that one child) and peak RSS in MB,
    unrounded; killed after ``timeout`` seconds (``timed_out``), its figures those until then."""
    t = time.perf_counter()
    timed_out = False
    with open(log, "w") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=str(ROOT), env=env,
                                preexec_fn=preexec_fn)
        if timeout is None:
            _pid, status, usage = os.wait4(proc.pid, 0)
        else:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() - t > timeout:
                    proc.kill()
                    pid, status, usage = os.wait4(proc.pid, 0)
                    timed_out = True
                    break
                time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return {"exit": proc.returncode, "wall_s": time.perf_counter() - t, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024, "timed_out": timed_out}


def text_table(rows: list[tuple], first_left: bool = False) -> list[str]:
    """``rows`` (the first the header) as lines of right-aligned columns two spaces apart, a rule of
    dashes under the header; ``first_left``: the first column left-aligned."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(c).ljust(w) if first_left and j == 0 else str(c).rjust(w)
                       for j, (c, w) in enumerate(zip(row, widths, strict=True))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def finish(results: dict[str, Any], out: Path, started: float, table: Callable[[dict[str, Any]], str]) -> None:
    """The end of a run: the load average and total seconds added, the results written to ``out``, the
    table printed (the path and seconds on stderr)."""
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["total_s"] = round(time.perf_counter() - started, 1)
    dump(results, out)
    print(table(results))
    print(f"\n{out} ({results['total_s']} s)", file=sys.stderr)
