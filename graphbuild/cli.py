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
    e.add_argument("--ner", metavar="BACKEND", help="add a statistical NER backend, e.g. spacy:fr_core_news_sm")

    b = sub.add_parser("build", help="build the knowledge graph of many articles",
                       description="Read articles (files, folders, JSONL corpora, - for stdin), extract each, "
                                   "link them into one graph and write the graph files and report.json.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (read recursively), or -")
    b.add_argument("--out", "-o", required=True, type=Path, metavar="DIR", help="output folder")
    b.add_argument("--formats", default=None, metavar="LIST",
                   help="comma-separated outputs (default: all): json,graphml,gexf,ttl,nt,jsonld,trig,nq,html")
    b.add_argument("--base-iri", default=None, metavar="IRI", help="base for RDF resource IRIs")
    b.add_argument("--ner", metavar="BACKEND", help="add a statistical NER backend, e.g. spacy:fr_core_news_sm")
    b.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    b.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    return p


def _pipeline(ner: str | None):
    from .extractors import Pipeline

    if not ner:
        return Pipeline()
    from .extractors.ner import load_backend

    return Pipeline(extra=[load_backend(ner)])


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
    if not article.lang:
        print(f"graphbuild: {args.input}: too little text to tell the language (use --lang)", file=sys.stderr)
        return 2
    from .extractors import UnsupportedLanguage

    try:
        ext = _pipeline(args.ner)(article)
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
        report, _ = run_build(args.inputs, args.out, pipeline=_pipeline(args.ner), formats=formats,
                              show_progress=show, base_iri=args.base_iri)
    except ValueError as exc:
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


def _extra_commands() -> dict:
    return {}


if __name__ == "__main__":
    sys.exit(main())
