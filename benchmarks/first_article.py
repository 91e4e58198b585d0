"""A fresh process's first article: ``import graphbuild`` then ``graphbuild.extract(text, lang=…)``.

    python benchmarks/first_article.py                   # ar, en, fr; default pipeline and rules; 3 runs each
    python benchmarks/first_article.py --runs 5 --langs en --ner none
    python benchmarks/first_article.py --quick           # one run per language, rules only

Each run is a new interpreter that times, with ``time.perf_counter`` (wall) and
``time.process_time`` (CPU), ``import graphbuild`` and then the extraction of one sentence with its
language given. The compiled cache (``graphbuild/compiled.py``) is the user's own folder
(``$GRAPHBUILD_CACHE_DIR`` or ``~/.cache/graphbuild``), warmed by one untimed run per language and
pipeline first: what is measured is a warm cache, the state of any process after the first one
since graphbuild was installed or changed. The figure to compare with 1 s is import + first article.

It also measures, in one warm process, what telling an article's language costs
(``ingest.detect_language``) per article of each language of the generated corpus
(``generate.py``, seed 1): the work ``extract(…, lang=…)`` no longer does. Figures are reported,
never asserted; results go to ``benchmarks/results/first_article.json``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from _common import RESULTS, dump, ensure_corpus, machine_info, run_worker, worker_reply

SENTENCES = {
    "ar": "استقبل وزير الخارجية ناصر بوريطة اليوم بالرباط نظيره الموريتاني.",
    "en": "Foreign Minister Nasser Bourita received his Mauritanian counterpart in Rabat today.",
    "fr": "Le ministre des Affaires étrangères Nasser Bourita a reçu aujourd'hui à Rabat son homologue mauritanien.",
}


def worker_first(lang: str, ner: str) -> dict[str, Any]:
    w0, c0 = time.perf_counter(), time.process_time()
    import graphbuild

    w1, c1 = time.perf_counter(), time.process_time()
    ext = graphbuild.extract(SENTENCES[lang], lang=lang, ner=None if ner == "default" else ner)
    w2, c2 = time.perf_counter(), time.process_time()
    return {"import_wall": w1 - w0, "import_cpu": c1 - c0, "first_wall": w2 - w1, "first_cpu": c2 - c1,
            "total_wall": w2 - w0, "total_cpu": c2 - c0, "persons": len(ext["persons"]),
            "langid_loaded": bool(sys.modules["graphbuild.ingest"]._IDENTIFIER)}


def worker_detect(corpus: str, per_lang: int) -> dict[str, Any]:
    from graphbuild.ingest import detect_language, read

    texts: dict[str, list[str]] = {}
    for item in read([corpus]):
        if item.article is not None and len(texts.setdefault(item.article.lang, [])) < per_lang:
            texts[item.article.lang].append(item.article.text)
    detect_language(texts["en"][0])  # the identifier loaded (from the compiled cache) before timing
    out = {}
    for lang, group in sorted(texts.items()):
        runs = []
        for _ in range(3):
            t = time.process_time()
            for text in group:
                detect_language(text)
            runs.append((time.process_time() - t) / len(group))
        out[lang] = {"articles": len(group), "ms_per_article": round(1000 * statistics.median(runs), 3)}
    return out


WORKERS = {"first": worker_first, "detect": worker_detect}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--langs", default="ar,en,fr")
    p.add_argument("--ner", default="default,none", help="pipelines: default, none (comma-separated)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--quick", action="store_true", help="one run per language, rules only")
    p.add_argument("--out", type=Path, default=RESULTS / "first_article.json")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    args, rest = p.parse_known_args(argv)
    if args.worker:
        return worker_reply(WORKERS, args.worker, rest)
    if args.quick:
        args.runs, args.ner = 1, "none"
    langs = [x for x in args.langs.split(",") if x]
    ners = [x for x in args.ner.split(",") if x]
    results: dict[str, Any] = {"machine": machine_info(), "first": {}, "detect": None}
    for ner in ners:
        for lang in langs:
            run_worker(__file__, "first", [lang, ner], 300)  # warms the compiled cache, untimed
            runs = [run_worker(__file__, "first", [lang, ner], 300) for _ in range(args.runs)]
            ok = [r for r in runs if "total_cpu" in r]
            results["first"][f"{lang}/{ner}"] = runs
            if not ok:
                print(f"{lang} {ner:8} failed: {runs[0].get('error')}", file=sys.stderr)
                continue
            span = {k: (min(r[k] for r in ok), max(r[k] for r in ok))
                    for k in ("import_wall", "import_cpu", "first_wall", "first_cpu", "total_wall", "total_cpu")}
            print(f"{lang} {ner:8} import {span['import_wall'][0]:.2f}-{span['import_wall'][1]:.2f} s wall; "
                  f"first article {span['first_wall'][0]:.2f}-{span['first_wall'][1]:.2f} s wall "
                  f"({span['first_cpu'][0]:.2f}-{span['first_cpu'][1]:.2f} CPU); import + first "
                  f"{span['total_wall'][0]:.2f}-{span['total_wall'][1]:.2f} s wall "
                  f"({span['total_cpu'][0]:.2f}-{span['total_cpu'][1]:.2f} CPU); "
                  f"language identifier loaded: {ok[0]['langid_loaded']}", flush=True)
    corpus = ensure_corpus(1000, 1)
    results["detect"] = run_worker(__file__, "detect", [str(corpus), "300"], 600)
    for lang, r in sorted((results["detect"] or {}).items()):
        if isinstance(r, dict):
            print(f"detect_language {lang}: {r['ms_per_article']} ms per article ({r['articles']} articles)")
    dump(results, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
