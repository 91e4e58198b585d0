"""Extraction speed per language on real news: articles per CPU second, model load excluded.

    python benchmarks/extraction_speed.py                       # real news + written corpus, 5 runs of >= 5 CPU s
    python benchmarks/extraction_speed.py --sets real --runs 3
    python benchmarks/extraction_speed.py --quick --sets written --out /tmp/speed.json   # a smoke run

Per language, on the same texts, one process and one thread (OMP_NUM_THREADS=1 and the like are
set before anything is imported):

- ``default``: graphbuild's default pipeline (``graphbuild.runner.make_pipeline()``: the rules, the
  spaCy pipeline the language file names as ``ner_model`` with only its NER parts, and the Arabic
  CRF tagger), ``pipeline(article).to_dict()`` per article;
- ``rules``: ``make_pipeline("none")``, the rules alone (no model, no tagger);
- ``spacy_full``: ``spacy.load(model)`` with every component of the same model, ``nlp(text)`` per
  article on the text graphbuild reads (Arabic and Spanish have no spaCy model: said so);
- ``spacy_ner_parts``: the same model loaded as graphbuild loads it (NER parts only), for the
  share of the default pipeline's time that is the model's.

Each configuration is warmed on one article first (models loaded, lexicons compiled), then timed
with ``time.process_time`` over the corpus repeated until at least ``--min-cpu`` CPU seconds have
passed; that is one run, and the figure is the median of ``--runs`` runs. Repeating the corpus
also warms per-word caches (the tagger's word store), so the rate of the first pass alone is kept
too. Model load times are measured apart, each in a fresh interpreter. Tokens are graphbuild's
tokens of each text (the same count for every configuration). The hot spots are a cProfile of
the default pipeline over one pass (top 10 by cumulative time) and the CPU time per component.

Texts: the real-news excerpts in ``eval/{real,real-dev,real-heldout}/texts`` (third-party,
git-ignored; the language of each comes from its gold file) and the written test corpus
``tests/corpus/<lang>``. Only figures are written (``benchmarks/results/extraction_speed.json``),
never a text or a sentence of one.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS", "TOKENIZERS_PARALLELISM"):
    os.environ[_var] = "false" if _var == "TOKENIZERS_PARALLELISM" else "1"

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from _common import RESULTS, ROOT, dump, machine_info  # noqa: E402

LANGS = ("ar", "en", "fr", "es")
REAL_SETS = {  # set → (its texts, its gold)
    "real": (ROOT / "eval" / "real" / "texts", ROOT.parent / "shared" / "real" / "gold"),
    "real-dev": (ROOT / "eval" / "real-dev" / "texts", ROOT / "eval" / "real-dev" / "gold"),
    "real-heldout": (ROOT / "eval" / "real-heldout" / "texts", ROOT / "eval" / "real-heldout" / "gold"),
}
WRITTEN = ROOT / "tests" / "corpus"


# ---------------------------------------------------------------------------
# texts

def real_articles() -> tuple[dict[str, list], list[str]]:
    """Articles of the real-news sets by language (language from the gold file), and notes on what is missing."""
    import dataclasses

    from graphbuild.ingest import read_one

    by_lang: dict[str, list] = {}
    notes = []
    for name, (texts, gold) in REAL_SETS.items():
        paths = sorted(texts.glob("*.txt")) if texts.is_dir() else []
        if not paths:
            notes.append(f"{name}: no texts in {texts.relative_to(ROOT)} (third-party texts are not in the repository)")
        for path in paths:
            g = gold / f"{path.stem}.json"
            if not g.is_file():
                notes.append(f"{name}/{path.stem}: no gold file, language unknown: left out")
                continue
            lang = json.loads(g.read_text(encoding="utf-8"))["lang"]
            by_lang.setdefault(lang, []).append(dataclasses.replace(read_one(path), lang=lang))
    return by_lang, notes


def written_articles() -> dict[str, list]:
    import dataclasses

    from graphbuild.ingest import read_one

    by_lang: dict[str, list] = {}
    for lang in LANGS:
        for path in sorted((WRITTEN / lang).glob("*")):
            if path.suffix in (".txt", ".html", ".htm", ".json") and path.name != "README.md":
                by_lang.setdefault(lang, []).append(dataclasses.replace(read_one(path), lang=lang))
    return by_lang


def token_count(articles) -> int:
    from graphbuild.text import Doc

    return sum(len(Doc(a.text, a.lang).tokens) for a in articles)


# ---------------------------------------------------------------------------
# timing

def timed_runs(work, articles, runs: int, min_cpu: float) -> dict[str, Any]:
    """``work(article)`` over the articles, warmed on the first; ``runs`` runs of >= min_cpu CPU seconds each."""
    t, c = time.perf_counter(), time.process_time()
    work(articles[0])
    warm = {"warmup_wall_s": round(time.perf_counter() - t, 3), "warmup_cpu_s": round(time.process_time() - c, 3)}
    rates, first_pass = [], None
    for _ in range(runs):
        done, c0 = 0, time.process_time()
        while True:
            p0 = time.process_time()
            for art in articles:
                work(art)
            done += len(articles)
            if first_pass is None:
                first_pass = len(articles) / max(time.process_time() - p0, 1e-9)
            if time.process_time() - c0 >= min_cpu:
                break
        rates.append(done / (time.process_time() - c0))
    return {"articles_per_cpu_s": round(statistics.median(rates), 1), "min": round(min(rates), 1),
            "max": round(max(rates), 1), "runs": [round(r, 1) for r in rates],
            "first_pass_articles_per_cpu_s": round(first_pass, 1), **warm}


def load_times(models: list[str], repeats: int = 3) -> dict[str, Any]:
    """Load times, each in a fresh interpreter, ``repeats`` times (the first load of a model may read it
    from disk, later ones from the page cache): median wall and CPU seconds of spaCy's import, of each
    model as graphbuild loads it (NER parts) and in full, of graphbuild's import and of the Arabic tagger."""
    code = r"""
import json, os, sys, time
for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[v] = "1"
what, arg = sys.argv[1], sys.argv[2]
def clock(f):
    t, c = time.perf_counter(), time.process_time(); f(); return [time.perf_counter() - t, time.process_time() - c]
out = {}
if what == "tagger":
    out["import graphbuild"] = clock(lambda: __import__("graphbuild.extractors.pipeline"))
    from graphbuild.extractors.tagger import load_model
    out["tagger"] = clock(load_model)
else:
    out["import spacy"] = clock(lambda: __import__("spacy"))
    import spacy
    from graphbuild.extractors.ner import _EXCLUDE
    out[what] = clock(lambda: spacy.load(arg, exclude=_EXCLUDE) if what == "ner_parts" else spacy.load(arg))
print(json.dumps(out))
"""
    res: dict[str, Any] = {}
    for key, jobs in [("arabic tagger", [("tagger", "-")])] + [(m, [("ner_parts", m), ("full", m)]) for m in models]:
        seen: dict[str, list[list[float]]] = {}
        for what, arg in jobs:
            for _ in range(repeats):
                p = subprocess.run([sys.executable, "-c", code, what, arg], capture_output=True, text=True,
                                   cwd=str(ROOT))
                if p.returncode:
                    res[key] = {"error": p.stderr.strip()[-500:]}
                    break
                for k, v in json.loads(p.stdout.strip().splitlines()[-1]).items():
                    seen.setdefault(k, []).append(v)
        if key not in res:
            res[key] = {k: {"wall_s": round(statistics.median(x[0] for x in v), 3),
                            "cpu_s": round(statistics.median(x[1] for x in v), 3),
                            "wall_s_each": [round(x[0], 3) for x in v]} for k, v in seen.items()}
    return res


def profile(pipeline, articles, top: int = 10) -> list[dict[str, Any]]:
    """cProfile of one pass of the (warm) default pipeline: the top functions by cumulative time."""
    prof = cProfile.Profile(time.process_time)
    prof.enable()
    for art in articles:
        pipeline(art).to_dict()
    prof.disable()
    stats = pstats.Stats(prof).stats  # (file, line, function) → (primitive calls, calls, tottime, cumtime, callers)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.items():
        if func in ("<built-in method builtins.exec>", "<method 'disable' of '_lsprof.Profiler' objects>"):
            continue
        rows.append((ct, tt, nc, _where(file, line), func))
    rows.sort(key=lambda r: -r[0])
    total = max((r[0] for r in rows), default=0.0) or 1.0
    return [{"function": f, "where": w, "calls": n, "cumulative_s": round(ct, 3), "own_s": round(tt, 3),
             "cumulative_share": round(ct / total, 3)} for ct, tt, n, w, f in rows[:top]]


def _where(file: str, line: int) -> str:
    if file == "~":
        return "builtin"
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    return f"{file}:{line}"


def component_times(pipeline, articles) -> dict[str, float]:
    """CPU seconds per component (and for the analysis before and the assembly after them) over one pass."""
    from graphbuild.extractors.assemble import Assembler

    spent: dict[str, float] = {}

    def timed(component):
        def run(ad):
            c = time.process_time()
            component(ad)
            spent[component.name] = spent.get(component.name, 0.0) + time.process_time() - c
        run.name = component.name
        return run

    saved = pipeline.components
    pipeline.components = [timed(c) for c in saved]
    try:
        total = 0.0
        for art in articles:
            c = time.process_time()
            ad = pipeline.analyse(art)
            a = time.process_time()
            Assembler()(ad).to_dict()
            spent["assemble + to_dict"] = spent.get("assemble + to_dict", 0.0) + time.process_time() - a
            total += time.process_time() - c
    finally:
        pipeline.components = saved
    spent["segment + tokenise"] = total - sum(spent.values())
    return {k: round(v, 4) for k, v in sorted(spent.items(), key=lambda kv: -kv[1])} | {"total": round(total, 4)}


# ---------------------------------------------------------------------------

def measure(by_lang: dict[str, list], args, pipelines: dict[str, Any], spacy_models: dict[str, Any]) -> dict:
    out = {}
    for lang in [x for x in LANGS if x in by_lang and x in args.langs]:
        arts = by_lang[lang]
        tokens = token_count(arts)
        row: dict[str, Any] = {"articles": len(arts), "characters": sum(len(a.text) for a in arts),
                               "graphbuild_tokens": tokens}
        for name, pipe in pipelines.items():
            row[name] = timed_runs(lambda a, p=pipe: p(a).to_dict(), arts, args.runs, args.min_cpu)
        model = _model_of(lang)
        if model is None:
            row["spacy_full"] = {"skipped": "spaCy publishes no trained Arabic pipeline: nothing to compare "
                                            "(graphbuild's Arabic runs its rules and its CRF tagger)" if lang == "ar"
                                 else f"graphbuild's {lang!r} language file names no spaCy model (ner_model): "
                                      "its default pipeline is the rules, and there is nothing to compare"}
        elif isinstance(spacy_models.get(model), str):
            row["spacy_full"] = {"skipped": spacy_models[model]}
        else:
            full, parts = spacy_models[model]
            row["spacy_model"] = model
            row["spacy_full"] = timed_runs(lambda a, nlp=full: nlp(a.text), arts, args.runs, args.min_cpu)
            row["spacy_full"]["components"] = list(full.pipe_names)
            row["spacy_ner_parts"] = timed_runs(lambda a, nlp=parts: nlp(a.text), arts, args.runs, args.min_cpu)
            row["spacy_ner_parts"]["components"] = list(parts.pipe_names)
        for val in row.values():
            if isinstance(val, dict) and "articles_per_cpu_s" in val:
                val["tokens_per_cpu_s"] = round(val["articles_per_cpu_s"] * tokens / len(arts))
        out[lang] = row
        print(_line(lang, row), flush=True)
    return out


def _model_of(lang: str) -> str | None:
    from graphbuild.extractors.resources import lang_data

    return lang_data(lang).raw.get("ner_model") or None


def _line(lang: str, row: dict) -> str:
    def f(key):
        v = row.get(key, {})
        return f"{v['articles_per_cpu_s']:.0f}" if "articles_per_cpu_s" in v else "-"
    return (f"  {lang}: {row['articles']} articles; articles per CPU second: default {f('default')}, "
            f"rules only {f('rules')}, spaCy full {f('spacy_full')} (NER parts alone {f('spacy_ner_parts')})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="real,written", help="real (eval/real*), written (tests/corpus), or both")
    ap.add_argument("--langs", default=",".join(LANGS))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--min-cpu", type=float, default=5.0, help="CPU seconds per run (the corpus is repeated)")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--quick", action="store_true", help="1 run of 0.3 CPU s, no load times: a smoke run")
    ap.add_argument("--out", type=Path, default=RESULTS / "extraction_speed.json")
    args = ap.parse_args(argv)
    if args.quick:
        args.runs, args.min_cpu = 1, 0.3
    args.langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]

    from graphbuild.runner import make_pipeline

    corpora: dict[str, dict[str, list]] = {}
    notes: list[str] = []
    if "real" in sets:
        corpora["real"], notes = real_articles()
    if "written" in sets:
        corpora["written"] = written_articles()
    used = {lang for c in corpora.values() for lang in c if lang in args.langs}
    models = sorted({m for lang in used if (m := _model_of(lang))})

    result: dict[str, Any] = {"script": "benchmarks/extraction_speed.py", "machine": machine_info(),
                              "date": time.strftime("%Y-%m-%d %H:%M"), "runs": args.runs, "min_cpu_s": args.min_cpu,
                              "threads": {v: os.environ[v] for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
                              "notes": notes}
    print(f"{result['machine'].get('cpu', '')}, {result['machine'].get('cores')} cores; runs {args.runs} "
          f"of >= {args.min_cpu} CPU s", flush=True)
    if not args.quick:
        result["load"] = load_times(models)
        print("  load (fresh interpreters, median wall s): " + json.dumps(
            {k: {kk: vv["wall_s"] for kk, vv in v.items()} if "error" not in v else v
             for k, v in result["load"].items()}), flush=True)

    spacy_models: dict[str, Any] = {}
    for model in models:
        try:
            import spacy

            from graphbuild.extractors.ner import load_model
            spacy_models[model] = (spacy.load(model), load_model(model))
        except (ImportError, OSError, RuntimeError) as e:
            spacy_models[model] = f"{model} could not be loaded: {e}"
    pipelines = {"default": make_pipeline(), "rules": make_pipeline("none")}

    for set_name, by_lang in corpora.items():
        print(f"{set_name}:", flush=True)
        result[set_name] = measure(by_lang, args, pipelines, spacy_models)

    if not args.no_profile:
        result["hot_spots"] = {}
        for lang in ("en", "ar"):
            arts = [a for c in corpora.values() for a in c.get(lang, [])] if lang in args.langs else []
            if not arts:
                continue
            result["hot_spots"][lang] = {"articles": len(arts), "profile_top10_cumulative": profile(
                pipelines["default"], arts), "cpu_s_per_component": component_times(pipelines["default"], arts)}
            comp = result["hot_spots"][lang]["cpu_s_per_component"]
            top = [k for k in comp if k != "total"][:3]
            print(f"  {lang} default, share of CPU per component: "
                  + ", ".join(f"{k} {comp[k] / comp['total']:.0%}" for k in top), flush=True)
    dump(result, args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
