"""Adding articles to an output: ``graphbuild build NEW --into OUT`` against a full build.

    python benchmarks/update.py                          # N=1,000 articles, then M=10 new ones
    python benchmarks/update.py --sizes 1000:10,10000:100
    python benchmarks/update.py --sizes 1000:10 --profile   # and a cProfile of the update
    python benchmarks/update.py --quick                  # 100 + 5 articles, a smoke run

For each N:M the generated corpus ``corpus-(N+M)-SEED.jsonl`` (``generate.py``, fixed seed) is split
into its first N records (``base.jsonl``) and the M after them (``new.jsonl``). Then, each in its
own fresh process (``python -m graphbuild build … --no-progress``, the default formats):

  full      ``build base.jsonl --out OUT``: the output to grow
  update    ``build new.jsonl --into OUT``: OUT rebuilt from its inputs plus the new ones, re-using
            the extractions of the N articles it holds
  rebuild   ``build base.jsonl new.jsonl --out REF --force``, REF a copy of the output of *full*:
            every article extracted again, into the same folder, so its ids are the update's. Its
            output must be byte-identical to the update's (checked, file by file; ``report.json``
            may differ only in its counts of extracted and re-used articles)
            (``--no-rebuild``: not run; the ratio is then update / full)
  profile   (``--profile``) the update again, on another copy of *full*'s output, under cProfile

Each run reports its wall time, its CPU seconds (``os.wait4``: user + system of the child) and peak
RSS, and the CPU seconds per stage the build prints in its summary (``RunReport.timings``: read+extract,
merge, then each writer; "other" is the rest of the child's CPU: start-up, imports, the pipeline's
key, report and cache files, swapping the folder in). The ratio is update / rebuild (the same
inputs). Results go to ``benchmarks/results/update.json``; figures are reported, never asserted.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from _common import RESULTS, ROOT, dump, ensure_corpus, finish, machine_info, run_measured

STAGES_LINE = re.compile(r"CPU s by stage \([^)]*\): (?P<stages>.*); peak memory (?P<peak>[\d,.]+) MB")


def split_corpus(n: int, m: int, seed: int, folder: Path) -> tuple[Path, Path]:
    """The first ``n`` records of corpus-(n+m)-seed.jsonl and the ``m`` after them, as two files."""
    corpus = ensure_corpus(n + m, seed)
    lines = corpus.read_bytes().splitlines(keepends=True)
    assert len(lines) == n + m, f"{corpus}: {len(lines)} records, expected {n + m}"
    folder.mkdir(parents=True, exist_ok=True)
    base, new = folder / "base.jsonl", folder / "new.jsonl"
    for path, part in ((base, lines[:n]), (new, lines[n:])):
        data = b"".join(part)
        if not path.exists() or path.read_bytes() != data:  # an unchanged file keeps its mtime
            path.write_bytes(data)
    return base, new


def stages_of(stderr: str) -> dict[str, float]:
    m = STAGES_LINE.search(stderr)
    if not m:
        return {}
    stages = {}
    for part in m.group("stages").split(", "):
        name, _, value = part.rpartition(" ")
        stages[name] = float(value)
    stages["peak_mb"] = float(m.group("peak").replace(",", ""))
    return stages


def run_cli(args: list[str], log: Path, profile: Path | None = None) -> dict[str, Any]:
    """``python -m graphbuild ARGS`` in a fresh process: wall, CPU, peak RSS, the summary's stages."""
    prefix = [sys.executable, "-m", "cProfile", "-o", str(profile)] if profile else [sys.executable]
    cmd = [*prefix, "-m", "graphbuild", *args, "--no-progress"]
    child = run_measured(cmd, log, env={**os.environ, "PYTHONPATH": str(ROOT)})
    code, cpu = child["exit"], child["cpu_s"]
    stderr = log.read_text(errors="replace")
    res: dict[str, Any] = {"wall_s": round(child["wall_s"], 2), "cpu_s": round(cpu, 2), "exit": code,
                           "peak_rss_mb": round(child["peak_rss_mb"], 1)}
    stages = stages_of(stderr)
    if stages:
        res["peak_mb_reported"] = stages.pop("peak_mb")
        stages["other"] = cpu - sum(stages.values())
        res["stages_cpu_s"] = {k: round(v, 2) for k, v in stages.items()}
    m = re.search(r"; (\d+) extracted, (\d+) re-used", stderr)
    if m:
        res["extracted"], res["reused"] = int(m.group(1)), int(m.group(2))
    if code != 0:
        res["stderr"] = stderr[-2000:]
    return res


def same_tree(a: Path, b: Path) -> tuple[bool, list[str]]:
    """Whether two folders hold the same files with the same bytes; the names of those that differ.
    ``report.json`` may differ only in how many articles were extracted and how many re-used."""
    def files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}

    def report(root: Path) -> dict:
        d = json.loads((root / "report.json").read_text(encoding="utf-8"))
        for key in ("extracted", "reused"):
            d["summary"].pop(key, None)
        return d

    fa, fb = files(a), files(b)
    differ = sorted(fa ^ fb)
    differ += [f for f in sorted(fa & fb) if not filecmp.cmp(a / f, b / f, shallow=False)
               and not (f == "report.json" and report(a) == report(b))]
    return not differ, differ


def top_functions(profile: Path, limit: int = 25) -> list[dict[str, Any]]:
    import pstats

    st = pstats.Stats(str(profile))
    rows = []
    for (file, line, name), (_cc, calls, tottime, cumtime, _callers) in st.stats.items():
        rows.append({"function": f"{Path(file).name}:{line}:{name}", "calls": calls,
                     "tottime": round(tottime, 3), "cumtime": round(cumtime, 3)})
    return {"by_cumtime": sorted(rows, key=lambda r: -r["cumtime"])[:limit],
            "by_tottime": sorted(rows, key=lambda r: -r["tottime"])[:limit]}


def bench(n: int, m: int, seed: int, profile: bool, keep: bool, rebuild: bool = True) -> dict[str, Any]:
    folder = RESULTS / f"update-{n}-{m}-{seed}"
    base, new = split_corpus(n, m, seed, folder)
    out, snapshot, ref, prof = (folder / name for name in ("out", "out-full", "ref", "prof"))
    for path in (out, ref, prof):
        shutil.rmtree(path, ignore_errors=True)
    res: dict[str, Any] = {"n": n, "m": m, "seed": seed}

    def step(name: str, args: list[str], profile_to: Path | None = None) -> dict[str, Any]:
        print(f"  {n}+{m} {name} …", file=sys.stderr, flush=True)
        r = run_cli(args, folder / f"{name}.stderr", profile_to)
        res[name] = r
        failed = f" (exit {r['exit']})" if r["exit"] else ""
        print(f"  {n}+{m} {name}: {r['wall_s']} s wall, {r['cpu_s']} CPU s, {r['peak_rss_mb']:,.0f} MB{failed}",
              file=sys.stderr, flush=True)
        return r

    if step("full", ["build", str(base), "--out", str(out)])["exit"] != 0:
        return res
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(out, snapshot, symlinks=True)
    step("update", ["build", str(new), "--into", str(out)])
    if profile:
        shutil.copytree(snapshot, prof, symlinks=True)
        pfile = folder / "update.prof"
        step("profile", ["build", str(new), "--into", str(prof)], pfile)
        res["profile"]["top"] = top_functions(pfile)
        shutil.rmtree(prof, ignore_errors=True)
    if not rebuild:  # the update against the full build of the N articles alone (1 % fewer: a pessimistic ratio)
        if res["update"]["exit"] == 0:
            res["ratio_cpu"] = round(res["update"]["cpu_s"] / res["full"]["cpu_s"], 3)
            res["ratio_wall"] = round(res["update"]["wall_s"] / res["full"]["wall_s"], 3)
            res["ratio_of"] = "full"
        shutil.rmtree(snapshot, ignore_errors=True)
        return res
    shutil.copytree(snapshot, ref, symlinks=True)
    step("rebuild", ["build", str(base), str(new), "--out", str(ref), "--force"])
    if res["update"]["exit"] == 0 and res["rebuild"]["exit"] == 0:
        res["ratio_of"] = "rebuild"
        same, differ = same_tree(out, ref)
        res["identical"], res["differ"] = same, differ[:20]
        res["ratio_cpu"] = round(res["update"]["cpu_s"] / res["rebuild"]["cpu_s"], 3)
        res["ratio_wall"] = round(res["update"]["wall_s"] / res["rebuild"]["wall_s"], 3)
        res["output_mb"] = round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6, 1)
    if not keep:
        for path in (snapshot, ref):
            shutil.rmtree(path, ignore_errors=True)
    return res


def table(results: dict[str, Any]) -> str:
    lines = []
    for r in results["runs"]:
        names = [k for k in ("full", "update", "rebuild") if k in r]
        stages: list[str] = []
        for k in names:
            for s in r[k].get("stages_cpu_s", {}):
                if s not in stages:
                    stages.append(s)
        lines.append(f"\nN={r['n']:,} + M={r['m']:,}  (update/{r.get('ratio_of')}: CPU {r.get('ratio_cpu')}, wall "
                     f"{r.get('ratio_wall')}; byte-identical: {r.get('identical')})")
        lines.append("| run | wall s | CPU s | peak MB | " + " | ".join(stages) + " |")
        lines.append("|---" * (4 + len(stages)) + "|")
        for k in names:
            x = r[k]
            cells = [str(x.get("stages_cpu_s", {}).get(s, "")) for s in stages]
            lines.append(f"| {k} | {x['wall_s']} | {x['cpu_s']} | {x['peak_rss_mb']:,.0f} | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--sizes", default="1000:10", help="comma-separated N:M (default 1000:10)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--quick", action="store_true", help="100 articles + 5 (a smoke run)")
    p.add_argument("--profile", action="store_true", help="also profile the update (cProfile)")
    p.add_argument("--keep", action="store_true", help="keep the copies of the outputs")
    p.add_argument("--no-rebuild", action="store_true",
                   help="no --force rebuild (nor byte check): the ratio is update / full build of the N articles")
    p.add_argument("--out", type=Path, default=RESULTS / "update.json")
    args = p.parse_args(argv)
    sizes = [(100, 5)] if args.quick else [tuple(int(x) for x in s.split(":")) for s in args.sizes.split(",") if s]
    results: dict[str, Any] = {"machine": machine_info(), "seed": args.seed, "runs": []}
    started = time.perf_counter()
    for n, m in sizes:
        results["runs"].append(bench(n, m, args.seed, args.profile, args.keep, not args.no_rebuild))
        dump(results, args.out)
    finish(results, args.out, started, table)
    failed = [f"{r['n']}:{r['m']}" for r in results["runs"] if any(r.get(k, {}).get("exit") for k in
                                                                    ("full", "update", "rebuild"))]
    if failed or not all(r.get("identical", args.no_rebuild) for r in results["runs"]):
        print(f"failed or not identical: {', '.join(failed) or 'outputs differ'}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
