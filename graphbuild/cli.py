"""The ``graphbuild`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from .version import __version__

EPILOG = """examples:
  graphbuild extract article.txt --json          one article's extraction on stdout
  graphbuild build data/ --out out/              the graph of a folder, with report.json
  cat article.html | graphbuild extract - --json read from stdin
  graphbuild validate out/graph.ttl              check RDF against the SHACL shapes
  graphbuild push out/graph.ttl --endpoint http://localhost:7878/store --graph urn:x:news

exit codes: 0 success, 1 some inputs failed, 2 usage error or nothing could be read"""


NER_HELP = ("statistical NER: by default each language's pinned model (English, French); spacy:MODEL "
            "uses another installed spaCy pipeline for its language; 'none': rules only, without models "
            "or the shipped Arabic tagger")

class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors: the argument, what was expected, and where help is."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _iso_date(value: str) -> str:
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}")


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return n


def _positive_float(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        x = 0.0
    if not x > 0 or x == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {value!r}")
    return x


def _formats(value: str) -> list[str]:
    from .export import ALL_FORMATS
    from .export.tables import missing_library

    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(f"unknown format {', '.join(unknown) or repr(value)} "
                                         f"(choose from {','.join(ALL_FORMATS)})")
    problem = missing_library(formats)  # before reading a single article
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return formats


def _language(value: str) -> str:
    from .reference import languages

    if value not in languages():
        raise argparse.ArgumentTypeError(f"unsupported language {value!r} (choose from {', '.join(languages())})")
    return value


def _ner(value: str) -> str:
    if value != "none" and not (value.startswith("spacy:") and len(value) > len("spacy:")):
        raise argparse.ArgumentTypeError(f"expected 'none' or spacy:MODEL (e.g. spacy:fr_core_news_sm), got {value!r}")
    return value


def _absolute_iri(value: str) -> str:
    from .export import ABSOLUTE_IRI

    if not ABSOLUTE_IRI.match(value):
        raise argparse.ArgumentTypeError(f"expected an absolute IRI such as https://example.org/kg/, got {value!r}")
    return value


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"expected an http(s):// URL, got {value!r}")
    return value


def _scheduler(value: str) -> str:
    parts = urlsplit(value if "://" in value else "tcp://" + value)  # Dask takes host:port as tcp://host:port
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None:
        raise argparse.ArgumentTypeError(f"expected a scheduler address such as tcp://10.0.0.5:8786, got {value!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    # long on purpose: the whole command line as one declaration, read top to bottom like --help
    p = _Parser(
        prog="graphbuild",
        description="Turn news articles about meetings (Arabic, English, French, Spanish) into a knowledge graph: "
                    "who met whom, where, when, in what role, for which organisation and country.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    e = sub.add_parser("extract", help="extract the meetings, people and places of one article",
                       description="Print the extraction of one article (file path or - for stdin).")
    e.add_argument("input", help="an article: .txt, .html, .json/.jsonl (first record), or - for stdin")
    e.add_argument("--json", action="store_true", help="print the extraction JSON (the default)")
    e.add_argument("--lang", type=_language,
                   help="the article's language (ar, en, fr or another of data/lang) instead of detecting it")
    e.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                   help="publication date, to resolve 'yesterday' etc.")
    e.add_argument("--ner", type=_ner, metavar="BACKEND", help=NER_HELP)

    b = sub.add_parser("build", help="build the knowledge graph of many articles",
                       description="Read articles (files, folders, JSONL corpora, - for stdin), extract each, "
                                   "link them into one graph and write the graph files and report.json.")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (read recursively), or -")
    where = b.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", "-o", type=Path, metavar="DIR", help="output folder")
    where.add_argument("--into", type=Path, metavar="DIR",
                       help="add the inputs to an existing output: it is rebuilt from its own inputs and these "
                            "(unchanged articles are not extracted again)")
    b.add_argument("--formats", type=_formats, default=None, metavar="LIST",
                   help="comma-separated outputs (default: all but the tables): json,graphml,gexf,ttl,nt,jsonld,"
                        "trig,nq,html; csv,parquet for the analyst tables in OUT/tables/")
    b.add_argument("--base-iri", type=_absolute_iri, default=None, metavar="IRI", help="base for RDF resource IRIs")
    b.add_argument("--ner", type=_ner, metavar="BACKEND", help=NER_HELP)
    b.add_argument("--jobs", "-j", type=_positive_int, default=1, metavar="N",
                   help="extract on N processes (output identical to --jobs 1)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: this machine, or a Dask cluster (pip install 'graphbuild[dask]')")
    b.add_argument("--scheduler", type=_scheduler, metavar="ADDRESS",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    b.add_argument("--force", action="store_true",
                   help="extract every article again (by default an article whose text and pipeline are "
                        "unchanged re-uses its extraction in the output folder)")
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
    u.add_argument("--endpoint", type=_http_url, required=True, metavar="URL",
                   help="the Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                        "http://localhost:3030/ds/data (Fuseki)")
    u.add_argument("--graph", type=_absolute_iri, metavar="IRI", help="target graph for triples outside a named graph")
    u.add_argument("--user", help="user name for HTTP authentication")
    u.add_argument("--password", help="password (or set GRAPHBUILD_PASSWORD)")
    u.add_argument("--auth", choices=("basic", "digest"), default="basic", help="HTTP authentication scheme")
    u.add_argument("--timeout", type=_positive_float, default=60.0, metavar="SECONDS", help="per request (default 60)")
    u.add_argument("--update-endpoint", type=_http_url, metavar="URL",
                   help="use SPARQL Update at this URL instead of the Graph Store Protocol")
    u.add_argument("--keep-removed", action="store_true",
                   help="keep the store's graphs of articles that the output no longer has (by default a "
                        "TriG/N-Quads push deletes them, as named in the ids.json beside FILE)")
    u.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    ev = sub.add_parser("evaluate", help="score extractions (or texts) against gold annotations",
                        description="Precision, recall and F1 of extractions against gold (docs/ANNOTATION.md), "
                                    "per row and attribute, and the macro F1. GOLD and PRED are files or folders "
                                    "paired by file stem; PRED may also be a folder of article texts "
                                    "(<stem>.txt/.html), extracted first.")
    ev.add_argument("gold", type=Path, help="a gold JSON file or a folder of them")
    ev.add_argument("pred", type=Path, help="extraction JSON (file or folder), or a folder of texts to extract")
    ev.add_argument("--json", dest="json_out", type=Path, metavar="FILE", help="write the report as JSON here")
    ev.add_argument("--errors", action="store_true",
                    help="list, per article, each gold item missed and each system item unmatched")
    ev.add_argument("--per-article", action="store_true", help="print each article's tp/fp/fn per row")
    ev.add_argument("--ner", type=_ner, metavar="BACKEND", help="when PRED holds texts: " + NER_HELP)
    return p


def _pipeline(ner: str | None):
    from .runner import make_pipeline

    return make_pipeline(ner)


def cmd_extract(args: argparse.Namespace) -> int:
    from .ingest import read

    items = list(read([args.input], lang=args.lang))  # --lang: the language is not detected first
    good = [i for i in items if i.article is not None]
    if not good:
        reason = items[0].reason if items else "nothing to read"
        print(f"graphbuild: {args.input}: {reason}", file=sys.stderr)
        return 2
    article = good[0].article
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
    from .cache import previous_inputs
    from .runner import run_build

    formats = args.formats
    show = False if (args.no_progress or args.quiet) else None
    if args.into is not None:
        before = previous_inputs(args.into)
        if not before:
            print(f"graphbuild build: error: --into {args.into}: not an output of graphbuild build "
                  "(no cache.json there); use --out for a new output", file=sys.stderr)
            return 2
        args.out = args.into
        args.inputs = list(dict.fromkeys(before + args.inputs))
    try:
        report, kg = run_build(args.inputs, args.out, formats=formats, show_progress=show, base_iri=args.base_iri,
                              jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, ner=args.ner,
                              force=args.force)
    except OSError as exc:
        import errno

        where = str(exc.filename or "")
        if where and Path(where).resolve().is_relative_to(args.out.resolve().parent):
            print(f"graphbuild build: error: cannot write to --out {args.out}: {exc.strerror or exc} ({where})",
                  file=sys.stderr)
        elif exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS):  # a write, which names no file
            print(f"graphbuild build: error: cannot write to --out {args.out}: {exc.strerror or exc} "
                  "(the previous output, if any, is unchanged)", file=sys.stderr)
        else:
            print(f"graphbuild: {exc}", file=sys.stderr)
        return 2
    except (ValueError, RuntimeError) as exc:
        print(f"graphbuild: {exc}", file=sys.stderr)
        return 2
    if args.quiet:  # nothing but errors: the failed inputs
        for line in report.summary_lines()[1:]:
            if line.lstrip().startswith("failed"):
                print(line, file=sys.stderr)
    else:
        for line in report.summary_lines():
            print(line, file=sys.stderr)
        print(f"outputs in {args.out}/ (report: {report.outputs.get('report')})", file=sys.stderr)
        first = next((e.source for e in report.entries if e.status == "done"), None)
        for line in _found_lines(kg, report.outputs, first) if first else []:
            print(line, file=sys.stderr)
    if not report.entries:
        print(f"graphbuild: no input found in {', '.join(args.inputs)}", file=sys.stderr)
        return 2  # nothing could be read (the outputs are written, empty, with the report)
    if report.count("done") == 0 and report.count("failed"):
        return 2 if report.count("failed") == len(report.entries) else 1
    return 0 if report.ok else 1


def _usage_problem(args: argparse.Namespace) -> str | None:
    """Mistakes argparse cannot see alone: paths that are not what the command needs, options that clash."""
    if args.command == "build":
        if args.out is not None and args.out.exists() and not args.out.is_dir():
            return f"argument --out: {args.out} is a file, expected a folder (new or existing)"
        if args.into is not None and not args.into.is_dir():
            return f"argument --into: {args.into}: no such output folder (build it first with --out)"
        if args.scheduler and args.engine != "dask":
            return "argument --scheduler: only with --engine dask"
    if args.command == "evaluate":
        for name, path in (("gold", args.gold), ("pred", args.pred)):
            if not path.exists():
                return f"argument {name}: {path}: no such file or folder"
        if args.gold.is_dir() and not any(args.gold.glob("*.json")):
            return f"argument gold: {args.gold}: no .json gold files in this folder"
        if args.json_out is not None and (args.json_out.is_dir() or not args.json_out.parent.is_dir()):
            return f"argument --json: {args.json_out}: expected a file in an existing folder"
    if args.command in ("validate", "push"):
        if not args.file.exists():
            return f"argument file: {args.file}: no such file"
        if args.file.is_dir():
            return f"argument file: {args.file} is a folder, expected an RDF file"
    if args.command == "validate" and args.shapes is not None and not args.shapes.is_file():
        return f"argument --shapes: {args.shapes}: no such file"
    return None


def _found_lines(kg, outputs: dict[str, str], example: str) -> list[str]:
    """What a newcomer wants after a build: what was found, where to look, what to try next."""
    counts = {t: len(kg.nodes_of(t)) for t in ("meeting", "person", "organisation")}
    lines = [f"found {counts['meeting']} meetings, {counts['person']} people, "
             f"{counts['organisation']} organisations"]
    if "html" in outputs:
        lines.append(f"open the graph: {Path(outputs['html']).resolve().as_uri()}")
    lines.append(f"next: graphbuild extract {example}   (one article's extraction as JSON; "
                 f"Python: kg = graphbuild.build([...]), see README.md)")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run one command; a reader that stops early (``| head``) ends it quietly, like any Unix tool."""
    try:
        return _main(argv)
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141  # 128 + SIGPIPE, as a shell reports it
    except KeyboardInterrupt:
        print("graphbuild: interrupted", file=sys.stderr)
        return 130


def _main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    problem = _usage_problem(args)
    if problem:
        print(f"graphbuild {args.command}: error: {problem}", file=sys.stderr)
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

    from .export.store import PushError, PushInputError, push, removed_graphs

    password = args.password if args.password is not None else os.environ.get("GRAPHBUILD_PASSWORD")
    try:
        results = push(args.file, args.endpoint, args.graph, user=args.user, password=password, auth=args.auth,
                       timeout=args.timeout, update_endpoint=args.update_endpoint,
                       delete=[] if args.keep_removed else removed_graphs(args.file))
    except PushInputError as exc:
        print(f"graphbuild push: error: {exc}", file=sys.stderr)
        return 2
    except PushError as exc:
        print(f"graphbuild: push failed: {exc}", file=sys.stderr)
        print("graphbuild: each graph is replaced whole or not at all: graphs already pushed are new, the "
              "others keep their previous content. Run the same command again to finish.", file=sys.stderr)
        return 1
    for r in [] if args.quiet else results:
        if r.method.endswith("delete"):
            print(f"{r.method}: {r.graph}: deleted, its article is no longer in the output (HTTP {r.status})",
                  file=sys.stderr)
        else:
            print(f"{r.method}: {r.graph or 'default graph'}: {r.triples} triples (HTTP {r.status})",
                  file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_paths

    def extract(paths) -> dict[str, dict]:
        from .extractors import UnsupportedLanguage
        from .ingest import read

        pipeline = _pipeline(args.ner)
        out = {}
        for item in read([str(p) for p in paths]):
            if item.article is None or not item.article.lang:
                print(f"graphbuild evaluate: {item.source}: {item.reason or 'language not detected'}; "
                      "scored as an empty prediction", file=sys.stderr)
                continue
            try:
                out[Path(item.source).stem] = pipeline(item.article).to_dict()
            except UnsupportedLanguage as exc:
                print(f"graphbuild evaluate: {item.source}: {exc}; scored as an empty prediction", file=sys.stderr)
        return out

    from .extractors.ner import BackendUnavailable

    try:
        ev = evaluate_paths(args.gold, args.pred, extract)
    except BackendUnavailable as exc:
        print(f"graphbuild evaluate: error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as exc:  # json.JSONDecodeError is a ValueError
        print(f"graphbuild evaluate: error: {exc}", file=sys.stderr)
        return 2
    if args.per_article or args.errors:
        by_article: dict[str, list] = {}
        for e in ev.errors:
            by_article.setdefault(e.article, []).append(e)
        for key in ev.articles:
            if args.per_article:
                print(key, " ".join(f"{row}={tp}/{fp}/{fn}" for row, (tp, fp, fn) in ev.per_article[key].items()))
            if args.errors and by_article.get(key):
                print(f"== {key}")
                for e in by_article[key]:
                    print(f"  {e.row:22} {e.kind:8} {e.text}" + (f"  [{e.detail}]" if e.detail else ""))
    if args.errors and ev.errors:
        print("most frequent errors: " + ", ".join(f"{kind} {n}" for kind, n in ev.error_kinds()[:10]))
    for line in ev.table():
        print(line)
    if args.json_out:
        args.json_out.write_text(json.dumps(ev.to_dict(with_errors=args.errors), indent=2, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
    return 0


def _extra_commands() -> dict:
    return {"validate": cmd_validate, "push": cmd_push, "evaluate": cmd_evaluate}


if __name__ == "__main__":
    sys.exit(main())
