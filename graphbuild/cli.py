"""The ``graphbuild`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__

EPILOG = """examples:
  graphbuild extract article.txt --json          one article's extraction on stdout
  graphbuild build data/ --out out/              the graph of a folder, with report.json
  cat article.html | graphbuild extract - --json read from stdin
  graphbuild validate out/graph.ttl              check RDF against the SHACL shapes
  graphbuild push out/graph.ttl --endpoint http://localhost:7878/store --graph urn:x:news

exit codes: 0 success, 1 some inputs failed, 2 usage error or nothing could be read"""


NER_HELP = ("add a statistical NER backend, e.g. spacy:fr_core_news_sm; 'none': rules only, "
            "without the shipped Arabic tagger")

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="graphbuild",
        description="Turn news articles about meetings (Arabic, English, French) into a knowledge graph: "
                    "who met whom, where, when, in what role, for which organisation and country.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    e = sub.add_parser("extract", help="extract the meetings, people and places of one article",
                       description="Print the extraction of one article (file path or - for stdin).")
    e.add_argument("input", help="an article: .txt, .html, .json/.jsonl (first record), or - for stdin")
    e.add_argument("--json", action="store_true", help="print the extraction JSON (the default)")
    e.add_argument("--lang", help="the article's language (ar, en, fr) instead of detecting it")
    e.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, to resolve 'yesterday' etc.")
    e.add_argument("--ner", metavar="BACKEND", help=NER_HELP)

    b = sub.add_parser("build", help="build the knowledge graph of many articles",
                       description="Read articles (files, folders, JSONL corpora, - for stdin), extract each, "
                                   "link them into one graph and write the graph files and report.json.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (read recursively), or -")
    b.add_argument("--out", "-o", required=True, type=Path, metavar="DIR", help="output folder")
    b.add_argument("--formats", default=None, metavar="LIST",
                   help="comma-separated outputs (default: all): json,graphml,gexf,ttl,nt,jsonld,trig,nq,html")
    b.add_argument("--base-iri", default=None, metavar="IRI", help="base for RDF resource IRIs")
    b.add_argument("--ner", metavar="BACKEND", help=NER_HELP)
    b.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="extract on N processes (output identical to --jobs 1)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: this machine, or a Dask cluster (pip install 'graphbuild[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    b.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    b.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")

    v = sub.add_parser("validate", help="check an RDF file against graphbuild's SHACL shapes",
                       description="Validate RDF (Turtle, N-Triples, JSON-LD, TriG, N-Quads) with SHACL; "
                                   "prints each violation and exits 1 when the data does not conform.")
    v.add_argument("file", type=Path, help="an RDF file written by graphbuild build")
    v.add_argument("--shapes", type=Path, help="your own SHACL shapes instead of the packaged ones")

    u = sub.add_parser("push", help="load RDF into a triple store (SPARQL 1.1 Graph Store Protocol)",
                       description="Replace named graphs in a triple store with the contents of FILE: PUT per "
                                   "graph, so pushing twice never duplicates data. TriG/N-Quads files keep their "
                                   "named graphs; other files go into --graph (or the default graph).")
    u.add_argument("file", type=Path, help="an RDF file (.ttl, .nt, .jsonld, .trig, .nq)")
    u.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                        "http://localhost:3030/ds/data (Fuseki)")
    u.add_argument("--graph", metavar="IRI", help="target graph for triples outside a named graph")
    u.add_argument("--user", help="user name for HTTP authentication")
    u.add_argument("--password", help="password (or set GRAPHBUILD_PASSWORD)")
    u.add_argument("--auth", choices=("basic", "digest"), default="basic", help="HTTP authentication scheme")
    u.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="per request (default 60)")
    u.add_argument("--update-endpoint", metavar="URL",
                   help="use SPARQL Update at this URL instead of the Graph Store Protocol")
    return p


def _pipeline(ner: str | None):
    from .runner import make_pipeline

    return make_pipeline(ner)


def cmd_extract(args: argparse.Namespace) -> int:
    from .ingest import read

    items = list(read([args.input]))
    good = [i for i in items if i.article is not None]
    if not good:
        reason = items[0].reason if items else "nothing to read"
        print(f"graphbuild: {args.input}: {reason}", file=sys.stderr)
        return 2
    article = good[0].article
    if args.lang:
        article.lang = args.lang
    if args.published:
        article.published = args.published
    from .extractors.ner import BackendUnavailable

    try:
        pipeline = _pipeline(args.ner)
    except BackendUnavailable as exc:
        print(f"graphbuild: {exc}", file=sys.stderr)
        return 2
    if not article.lang:
        print(f"graphbuild: {args.input}: too little text to tell the language (use --lang)", file=sys.stderr)
        return 2
    from .extractors import UnsupportedLanguage

    try:
        ext = pipeline(article)
    except UnsupportedLanguage as exc:
        print(f"graphbuild: {args.input}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(ext.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .runner import run_build

    formats = [f.strip() for f in args.formats.split(",") if f.strip()] if args.formats else None
    show = False if (args.no_progress or args.quiet) else None
    try:
        report, _ = run_build(args.inputs, args.out, formats=formats, show_progress=show, base_iri=args.base_iri,
                              jobs=max(1, args.jobs), engine=args.engine, scheduler=args.scheduler, ner=args.ner)
    except (ValueError, RuntimeError) as exc:
        print(f"graphbuild: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        for line in report.summary_lines():
            print(line, file=sys.stderr)
        print(f"outputs in {args.out}/ (report: {report.outputs.get('report')})", file=sys.stderr)
    if report.count("done") == 0 and report.entries and report.count("failed"):
        return 2 if report.count("failed") == len(report.entries) else 1
    return 0 if report.ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    handlers = {"extract": cmd_extract, "build": cmd_build}
    extra = _extra_commands()
    handlers.update(extra)
    return handlers[args.command](args)


def cmd_validate(args: argparse.Namespace) -> int:
    from .export.store import validate

    try:
        conforms, violations, n = validate(args.file, args.shapes)
    except (ValueError, OSError) as exc:
        print(f"graphbuild: {exc}", file=sys.stderr)
        return 2
    for v in violations:
        where = f" {v.path}" if v.path else ""
        print(f"{v.severity}: {v.focus}{where}: {v.message}")
    verdict = "conforms" if conforms else f"does NOT conform ({len(violations)} results)"
    print(f"{args.file}: {n} triples, {verdict}", file=sys.stderr)
    return 0 if conforms else 1


def cmd_push(args: argparse.Namespace) -> int:
    import os

    from .export.store import PushError, push

    password = args.password if args.password is not None else os.environ.get("GRAPHBUILD_PASSWORD")
    try:
        results = push(args.file, args.endpoint, args.graph, user=args.user, password=password, auth=args.auth,
                       timeout=args.timeout, update_endpoint=args.update_endpoint)
    except PushError as exc:
        print(f"graphbuild: push failed: {exc}", file=sys.stderr)
        print("graphbuild: each graph is replaced whole or not at all: graphs already pushed are new, the "
              "others keep their previous content. Run the same command again to finish.", file=sys.stderr)
        return 1
    for r in results:
        print(f"{r.method}: {r.graph or 'default graph'}: {r.triples} triples (HTTP {r.status})", file=sys.stderr)
    return 0


def _extra_commands() -> dict:
    return {"validate": cmd_validate, "push": cmd_push}


if __name__ == "__main__":
    sys.exit(main())
