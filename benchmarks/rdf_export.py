"""RDF export of ~1M triples: graphbuild's writer (pyoxigraph) against rdflib's Turtle serializer.

    python benchmarks/rdf_export.py                     # ~1,000,000 triples, rdflib capped at 600 s
    python benchmarks/rdf_export.py --triples 300000
    python benchmarks/rdf_export.py --quick             # ~100,000 triples, rdflib capped at 60 s

The graph: a generated corpus of ``--base-articles`` articles is extracted and merged by
graphbuild itself, then copied (new people, meetings and articles per copy; countries,
cities, organisations and roles shared) until it maps to about ``--triples`` triples.
Copying, rather than extracting and merging ~5,000 articles, makes a graph this big in
seconds.

Side by side, each in its own process (so each peak RSS is its own):

  graphbuild   ``graphbuild.export.rdf.rdf_bytes(kg, "ttl")`` and ``(kg, "nt")``: the whole
               writer, graph → triples → sorted → serialised; also the mapping alone, and
               pyoxigraph serialising the same triples to Turtle from memory
  rdflib       an ``rdflib.Graph`` parsed from our N-Triples output (timed apart), then
               ``graph.serialize(format="turtle")`` with the same prefixes bound; stopped
               after ``--timeout`` seconds (reported as "> T s")

Results: ``benchmarks/results/rdf_export.json`` and a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common  # noqa: E402
from _common import (  # noqa: E402
    RESULTS,
    base_graph,
    current_rss_mb,
    dump,
    ensure_corpus,
    hwm_mb,
    machine_info,
    replicate,
    rss_mb,
    text_table,
    worker_reply,
)


def _progress(**kw) -> None:
    print("# " + json.dumps(kw), flush=True)


def worker_base(n_base: int, seed: int, target: int, base_path: str) -> dict[str, Any]:
    """The real graph of ``n_base`` generated articles, saved; and how many copies reach ``target`` triples."""
    t = time.perf_counter()
    base = base_graph(n_base, seed)
    base_s = time.perf_counter() - t
    base.save(base_path)
    one, two = count_triples(replicate(base, 1)), count_triples(replicate(base, 2))
    per_copy = max(1, two - one)
    copies = max(1, round((target - (one - per_copy)) / per_copy))
    return {"base_graph_s": round(base_s, 1), "triples_one_copy": one, "triples_per_copy": per_copy,
            "copies": copies}


def worker_ours(base_path: str, copies: int, nt_out: str) -> dict[str, Any]:
    import pyoxigraph as ox

    from graphbuild.export.rdf import DEFAULT_BASE, NS, RdfMapper, rdf_bytes
    from graphbuild.graph import KnowledgeGraph

    t = time.perf_counter()
    kg = replicate(KnowledgeGraph.load(base_path), copies)
    out: dict[str, Any] = {"graph": {"nodes": kg.g.number_of_nodes(), "edges": kg.g.number_of_edges(),
                                     "articles": len(kg.articles), "build_s": round(time.perf_counter() - t, 2)},
                           "rss_before_mb": current_rss_mb()}
    t, c = time.perf_counter(), time.process_time()
    n_mapped = sum(1 for _ in RdfMapper(kg).triples())
    out["mapping"] = {"seconds": round(time.perf_counter() - t, 2), "cpu_s": round(time.process_time() - c, 2),
                      "triples_with_duplicates": n_mapped}
    for fmt in ("ttl", "nt"):
        t, c = time.perf_counter(), time.process_time()
        data = rdf_bytes(kg, fmt)
        s = time.perf_counter() - t
        out[fmt] = {"seconds": round(s, 2), "cpu_s": round(time.process_time() - c, 2),
                    "mb": round(len(data) / 1e6, 1), "peak_rss_mb": rss_mb()}
        if fmt == "nt":
            out["triples"] = data.count(b"\n")
            Path(nt_out).write_bytes(data)
        del data
        _progress(stage=fmt, **out[fmt])
    for fmt in ("ttl", "nt"):
        out[fmt]["triples_per_s"] = round(out["triples"] / out[fmt]["seconds"])
    # pyoxigraph alone: the same triples, already in memory, to Turtle (what rdflib's serialize does)
    triples = list(ox.parse(path=nt_out, format=ox.RdfFormat.N_TRIPLES))
    t, c = time.perf_counter(), time.process_time()
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(NS, id=DEFAULT_BASE))
    s = time.perf_counter() - t
    out["oxigraph_serialize_ttl"] = {"seconds": round(s, 2), "cpu_s": round(time.process_time() - c, 2),
                                     "mb": round(len(data) / 1e6, 1),
                                     "triples_per_s": round(len(triples) / s)}
    out["peak_rss_mb"] = rss_mb()
    out["vmhwm_mb"] = hwm_mb()
    return out


def worker_rdflib(nt_path: str) -> dict[str, Any]:
    import rdflib

    from graphbuild.export.rdf import DEFAULT_BASE, NS

    t, c = time.perf_counter(), time.process_time()
    g = rdflib.Graph()
    g.parse(nt_path, format="nt")
    parse_s, parse_cpu = time.perf_counter() - t, time.process_time() - c
    for prefix, ns in dict(NS, id=DEFAULT_BASE).items():
        g.bind(prefix, ns, override=True, replace=True)
    _progress(stage="parse", seconds=round(parse_s, 2), cpu_s=round(parse_cpu, 2), triples=len(g),
              peak_rss_mb=rss_mb())
    t, c = time.perf_counter(), time.process_time()
    data = g.serialize(format="turtle", encoding="utf-8")
    s = time.perf_counter() - t
    return {"rdflib": rdflib.__version__, "triples": len(g), "parse_s": round(parse_s, 2),
            "parse_cpu_s": round(parse_cpu, 2), "serialize_s": round(s, 2),
            "serialize_cpu_s": round(time.process_time() - c, 2), "mb": round(len(data) / 1e6, 1),
            "triples_per_s": round(len(g) / s),
            "peak_rss_mb": rss_mb(), "vmhwm_mb": hwm_mb()}


def run_worker(name: str, args: list[str], timeout: float | None) -> dict[str, Any]:
    return _common.run_worker(__file__, name, args, timeout)


def count_triples(kg) -> int:
    from graphbuild.export.rdf import rdf_bytes

    return rdf_bytes(kg, "nt").count(b"\n")


def table(r: dict[str, Any]) -> str:
    ours, rl = r["graphbuild"], r["rdflib"]
    n = ours.get("triples")
    rows = [("", "seconds", "CPU s", "triples/s", "MB", "peak RSS MB")]
    if "ttl" in ours:
        ox_ttl = ours["oxigraph_serialize_ttl"]
        rows += [("graphbuild rdf_bytes ttl", ours["ttl"]["seconds"], ours["ttl"].get("cpu_s", ""),
                  ours["ttl"]["triples_per_s"], ours["ttl"]["mb"], ours["ttl"]["peak_rss_mb"]),
                 ("graphbuild rdf_bytes nt", ours["nt"]["seconds"], ours["nt"].get("cpu_s", ""),
                  ours["nt"]["triples_per_s"], ours["nt"]["mb"], ours["peak_rss_mb"]),
                 ("  of which graph → triples (mapping)", ours["mapping"]["seconds"],
                  ours["mapping"].get("cpu_s", ""), "", "", ""),
                 ("pyoxigraph serialize ttl (in memory)", ox_ttl["seconds"], ox_ttl.get("cpu_s", ""),
                  ox_ttl["triples_per_s"], ox_ttl["mb"], "")]
    else:
        rows.append(("graphbuild", ours.get("error") or "timeout", "", "", "", ""))
    if rl.get("timeout"):
        parsed = next((p for p in rl["progress"] if p.get("stage") == "parse"), None)
        if parsed:
            rows.append(("rdflib parse nt", parsed["seconds"], parsed.get("cpu_s", ""), "", "",
                         parsed["peak_rss_mb"]))
            rows.append(("rdflib serialize turtle", f"> {rl['timeout_s'] - parsed['seconds']:.0f}", "", "", "", ""))
        else:
            rows.append(("rdflib parse nt", f"> {rl['timeout_s']:.0f}", "", "", "", ""))
            rows.append(("rdflib serialize turtle", "not reached", "", "", "", ""))
    elif "error" in rl or "skipped" in rl:
        rows.append(("rdflib", rl.get("error") or rl.get("skipped"), "", "", "", ""))
    else:
        rows.append(("rdflib parse nt", rl["parse_s"], rl.get("parse_cpu_s", ""),
                     round(rl["triples"] / rl["parse_s"]), "", ""))
        rows.append(("rdflib serialize turtle", rl["serialize_s"], rl.get("serialize_cpu_s", ""),
                     rl["triples_per_s"], rl["mb"], rl["peak_rss_mb"]))
    lines = [f"{n:,} triples ({r['copies']} copies of a {r['base_articles']}-article graph)",
             *text_table(rows, first_left=True)]
    if "ttl" in ours and "serialize_s" in rl:
        lines.append(f"rdflib serialize / graphbuild ttl (whole writer): "
                     f"{rl['serialize_s'] / ours['ttl']['seconds']:.1f}x; "
                     f"rdflib serialize / pyoxigraph serialize: "
                     f"{rl['serialize_s'] / ours['oxigraph_serialize_ttl']['seconds']:.1f}x")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--triples", type=int, default=None, help="about how many triples (default 1,000,000; "
                                                               "100,000 with --quick)")
    p.add_argument("--timeout", type=float, default=None, help="seconds allowed to rdflib, parse and serialize "
                                                               "together (default 600; 60 with --quick)")
    p.add_argument("--base-articles", type=int, default=None, help="articles in the graph that is copied "
                                                                    "(default 150; 100 with --quick)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true", help="smoke run: ~100k triples, rdflib capped at 60 s")
    p.add_argument("--out", type=Path, default=RESULTS / "rdf_export.json")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = p.parse_known_args(argv)
    if args.worker:
        return worker_reply({"base": worker_base, "ours": worker_ours, "rdflib": worker_rdflib}, args.worker, rest)
    if rest:
        p.error(f"unrecognized arguments: {' '.join(rest)}")
    target = args.triples or (100_000 if args.quick else 1_000_000)
    timeout = args.timeout or (60.0 if args.quick else 600.0)
    n_base = args.base_articles or (100 if args.quick else 150)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    print(f"base graph: {n_base} generated articles, extracted and merged …", file=sys.stderr)
    ensure_corpus(n_base, args.seed, quiet=True)  # generated in a child process, so this one stays small
    base_path = RESULTS / f"rdf-base-{n_base}-{args.seed}.json"
    base = run_worker("base", [str(n_base), str(args.seed), str(target), str(base_path)], None)
    if "error" in base:
        print(base["error"], file=sys.stderr)
        return 1
    copies = base["copies"]
    print(f"  {base['triples_one_copy']} triples per graph, {base['triples_per_copy']} more per copy: "
          f"{copies} copies", file=sys.stderr)

    nt_path = RESULTS / "rdf_export.nt"
    print("graphbuild writer …", file=sys.stderr)
    ours = run_worker("ours", [str(base_path), str(copies), str(nt_path)], None)
    if "error" in ours:
        print(ours["error"], file=sys.stderr)
        return 1
    print(f"rdflib (timeout {timeout:.0f} s) …", file=sys.stderr)
    rl = run_worker("rdflib", [str(nt_path)], timeout)
    nt_path.unlink(missing_ok=True)
    result = {"machine": machine_info(), "target_triples": target, "base_articles": n_base, "copies": copies,
              "base": base, "timeout_s": timeout, "graphbuild": ours, "rdflib": rl,
              "total_s": round(time.perf_counter() - started, 1)}
    dump(result, args.out)
    print(table(result))
    print(f"\n{args.out} ({result['total_s']} s)", file=sys.stderr)
    return 0 if "error" not in rl else 1


if __name__ == "__main__":
    sys.exit(main())
