"""The build run: read inputs, extract each article, write outputs and the run report.

Every input ends up in the report as done, skipped or failed with a reason; an
exception in one article is caught and reported, never allowed to stop a corpus.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import CACHE_FILE, ExtractionCache, pipeline_key
from .extractors import Pipeline, UnsupportedLanguage
from .files import write_atomic
from .ingest import Item, read
from .version import __version__


@dataclass
class ReportEntry:
    source: str
    status: str  # done | skipped | failed
    reason: str | None = None
    article: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    read_warnings: list[str] = field(default_factory=list, repr=False)  # the reader's, before any extraction
    outcome: str | None = field(default=None, repr=False)  # "extracted" or "reused" once recorded
    superseded: bool = field(default=False, repr=False)  # a copy with a smaller source came later

    def to_dict(self) -> dict[str, Any]:
        d = {"source": self.source, "status": self.status, "reason": self.reason, "article": self.article,
             "lang": self.lang}
        if self.warnings:
            d["warnings"] = self.warnings
        if self.counts:
            d["counts"] = self.counts
        return d


@dataclass
class RunReport:
    entries: list[ReportEntry] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (this process): never in
    # report.json, whose bytes must not depend on the machine; shown in the summary
    peak_mb: float = 0.0
    extracted: int = 0  # articles the pipeline ran on
    reused: int = 0  # articles whose previous extraction was re-used (same article, same pipeline)

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries if e.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    def to_dict(self) -> dict[str, Any]:
        entries = sorted(self.entries, key=lambda e: (e.source, e.article or ""))
        return {
            "tool": f"graphbuild {__version__}",
            "summary": {"inputs": len(entries), "done": self.count("done"), "skipped": self.count("skipped"),
                        "failed": self.count("failed"), "extracted": self.extracted, "reused": self.reused},
            "inputs": [e.to_dict() for e in entries],
            "outputs": {k: Path(v).name for k, v in sorted(self.outputs.items())},  # relative to the out folder
        }

    def summary_lines(self) -> list[str]:
        reuse = f"; {self.extracted} extracted, {self.reused} re-used" if self.reused else ""
        lines = [f"{len(self.entries)} inputs: {self.count('done')} done, {self.count('skipped')} skipped, "
                 f"{self.count('failed')} failed ({self.seconds:.1f} s{reuse})"]
        if self.timings:
            stages = ", ".join(f"{k} {v:.1f}" for k, v in self.timings.items())
            lines.append(f"  CPU s by stage (main process; --jobs workers not counted): {stages}; "
                         f"peak memory {self.peak_mb:,.0f} MB")
        for e in self.entries:
            if e.status != "done":
                lines.append(f"  {e.status:7} {e.source}: {e.reason}")
        return lines


def _outcome(item_source: str, art, pipeline: Pipeline) -> tuple[str, str | None, dict | None, dict]:
    """Extract one article: (status, reason, extraction dict, counts). Never raises."""
    if not art.lang:
        return "skipped", "too little text to tell the language", None, {}
    try:
        ext = pipeline(art)
    except UnsupportedLanguage as exc:
        return "skipped", str(exc), None, {}
    except Exception as exc:  # one bad article never stops the corpus
        return "failed", f"extraction error: {type(exc).__name__}: {exc}", None, {}
    d = ext.to_dict()
    counts = {k: len(d[k]) for k in ("persons", "organisations", "countries", "cities", "meetings")}
    return "done", None, d, counts


_WORKER_PIPELINE: Pipeline | None = None


def _worker_init(ner: str | None) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = make_pipeline(ner)


def _worker_extract(task: tuple[str, Any]) -> tuple[str, str | None, dict | None, dict]:
    source, art = task
    assert _WORKER_PIPELINE is not None
    return _outcome(source, art, _WORKER_PIPELINE)


def make_pipeline(ner: str | None = None) -> Pipeline:
    """The default pipeline: rules, each language's statistical model (``ner_model`` in its
    language file, when installed) and the Arabic tagger. ``ner="spacy:MODEL"``: that model for its
    language (it must be installed); ``ner="none"``: the rules alone, without models or tagger."""
    from .extractors.ner import StatisticalNER, load_backend
    from .extractors.pipeline import default_components

    if ner == "none":
        return Pipeline(components=default_components(tagger=False, statistical=False))
    return Pipeline(components=default_components(statistical=load_backend(ner) if ner else StatisticalNER()))


def source_key(source: str) -> tuple[list[int | str], str]:
    """The order in which copies of one article compete: by source, numbers by their value (so record 9 of
    a file comes before record 10), whatever order the inputs were given in."""
    parts: list[int | str] = [int(p) if i % 2 else p for i, p in enumerate(re.split(r"(\d+)", source))]
    return parts, source


def admitted(items: Iterable[Item], report: RunReport, progress: Callable[[], None] | None = None,
             on_superseded: Callable[[ReportEntry], None] | None = None) -> Iterator[tuple[ReportEntry, Any]]:
    """The articles to extract, each with its report entry; unreadable items and duplicates
    are recorded in the report here and go no further.

    Of the inputs that hold one article (the same id), the one with the smallest source is kept, so
    the input order never decides which copy the output holds. When a smaller copy comes after the
    kept one, the kept one becomes a duplicate: ``on_superseded`` undoes what was recorded for it
    (its extraction), and an outcome not yet recorded never is.
    """
    kept: dict[str, ReportEntry] = {}
    copies: dict[str, list[ReportEntry]] = {}
    for item in items:
        if item.article is None:
            report.entries.append(ReportEntry(item.source, item.status if item.status != "read" else "failed",
                                              item.reason, warnings=item.warnings))
            if progress:
                progress()
            continue
        art = item.article
        entry = ReportEntry(item.source, "done", article=art.id, lang=art.lang, warnings=list(item.warnings),
                            read_warnings=list(item.warnings))
        report.entries.append(entry)
        first = kept.get(art.id)
        if first is not None and source_key(item.source) >= source_key(first.source):
            entry.status = "skipped"
            copies[art.id].append(entry)
            _point_to(copies[art.id], first)
            continue
        if first is not None:  # this copy sorts first: it is kept, the one kept until now is a duplicate
            _supersede(first, report, on_superseded)
            copies[art.id].append(first)
            _point_to(copies[art.id], entry)
        else:
            copies[art.id] = []
        kept[art.id] = entry
        yield entry, art


def _point_to(duplicates: list[ReportEntry], kept: ReportEntry) -> None:
    for dup in duplicates:
        dup.reason = f"duplicate of {kept.source} (same article id)"


def _supersede(entry: ReportEntry, report: RunReport, undo: Callable[[ReportEntry], None] | None) -> None:
    """A kept entry turned duplicate: as if it had been skipped on arrival (status, warnings, counts)."""
    if entry.outcome == "extracted":
        report.extracted -= 1
    elif entry.outcome == "reused":
        report.reused -= 1
    if entry.outcome is not None and undo is not None:
        undo(entry)
    entry.superseded, entry.outcome = True, None
    entry.status, entry.counts, entry.warnings = "skipped", {}, list(entry.read_warnings)


def _record(entry: ReportEntry, outcome: tuple, on_extraction: Callable[[dict], None]) -> None:
    """The outcome in the report, and a done article's extraction handed on (written). What cannot be
    written of one article fails that article; an output that cannot be written (OSError: a full disk, a
    folder gone read-only) stops the build, since no later article could be written either."""
    status, reason, d, counts = outcome
    entry.status, entry.reason, entry.counts = status, reason, counts
    if d is not None:
        entry.warnings += d["article"].get("warnings", [])
        try:
            on_extraction(d)
        except OSError:
            raise
        except Exception as exc:  # one article's data never stops the others being written
            entry.status, entry.reason, entry.counts = "failed", f"write error: {type(exc).__name__}: {exc}", {}


def extract_items(items: Iterable[Item], pipeline: Pipeline,
                  on_extraction: Callable[[dict], None], report: RunReport,
                  progress: Callable[[], None] | None = None, jobs: int = 1, ner: str | None = None,
                  batch: int = 256, cache: ExtractionCache | None = None,
                  on_superseded: Callable[[ReportEntry], None] | None = None) -> None:
    """Extract every readable item, in order, on ``jobs`` processes; record each outcome in the report.

    Outcomes are handed to ``on_extraction`` in input order whatever ``jobs`` is, so the
    output does not depend on the degree of parallelism. When a later input holds the same article
    under a smaller source, ``on_superseded`` is told of the entry it replaces, whose extraction the
    caller drops (see ``admitted``).
    """
    pending: list[tuple[ReportEntry, Any]] = []
    pool = None
    if jobs > 1:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"),
                                   initializer=_worker_init, initargs=(ner,))

    def flush() -> None:
        if progress:
            for entry, _art in pending:
                if entry.superseded:
                    progress()
        pending[:] = [(entry, art) for entry, art in pending if not entry.superseded]
        tasks = [(entry.source, art) for entry, art in pending]
        results = pool.map(_worker_extract, tasks, chunksize=max(1, len(tasks) // (4 * jobs))) if pool else \
            (_outcome(src, art, pipeline) for src, art in tasks)
        for (entry, art), outcome in zip(pending, results, strict=True):
            _record(entry, outcome, on_extraction)
            entry.outcome = "extracted"
            report.extracted += 1
            if cache is not None and entry.status == "done":
                cache.remember(art)
            if progress:
                progress()
        pending.clear()

    try:
        for entry, art in admitted(items, report, progress, _undoing(cache, on_superseded)):
            previous = cache.reuse(art) if cache is not None else None
            if previous is not None:
                _reuse(entry, art, previous, report, cache, on_extraction)
                if progress:
                    progress()
                continue
            pending.append((entry, art))
            if len(pending) >= batch:
                flush()
        flush()
    finally:
        if pool:
            pool.shutdown()


def extract_with_dask(items: Iterable[Item], report: RunReport, on_extraction: Callable[[dict], None],
                      scheduler: str | None = None, ner: str | None = None, partition: int = 200,
                      cache: ExtractionCache | None = None,
                      on_superseded: Callable[[ReportEntry], None] | None = None) -> None:
    """Extraction as a map over partitions on a Dask cluster; the merge stays a reduce here.

    Without ``scheduler`` a local cluster is started for the run. Outcomes come back in
    input order, so the output is identical to a local build.
    """
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    tasks = []
    for entry, art in admitted(items, report, on_superseded=_undoing(cache, on_superseded)):
        previous = cache.reuse(art) if cache is not None else None
        if previous is not None:
            _reuse(entry, art, previous, report, cache, on_extraction)
        else:
            tasks.append((entry, art))
    tasks = [(entry, art) for entry, art in tasks if not entry.superseded]
    if not tasks:
        return
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence([(entry.source, art) for entry, art in tasks],
                               npartitions=max(1, (len(tasks) + partition - 1) // partition))
        results = bag.map_partitions(_dask_partition, ner).compute(scheduler=client.get)
    finally:
        client.close()
        if cluster:
            cluster.close()
    for (entry, art), outcome in zip(tasks, results, strict=True):
        _record(entry, outcome, on_extraction)
        entry.outcome = "extracted"
        report.extracted += 1
        if cache is not None and entry.status == "done":
            cache.remember(art)


def _reuse(entry: ReportEntry, art, previous: dict, report: RunReport, cache: ExtractionCache,
           on_extraction: Callable[[dict], None]) -> None:
    """Record an article's previous extraction as this run's (the same article, the same pipeline)."""
    counts = {k: len(previous.get(k) or []) for k in ("persons", "organisations", "countries", "cities", "meetings")}
    _record(entry, ("done", None, previous, counts), on_extraction)
    entry.outcome = "reused"
    report.reused += 1
    if entry.status == "done":
        cache.remember(art)


def _undoing(cache: ExtractionCache | None,
             on_superseded: Callable[[ReportEntry], None] | None) -> Callable[[ReportEntry], None]:
    """What a superseded entry's recorded outcome is undone by: the cache forgets its key, the caller
    drops its extraction."""
    def undo(entry: ReportEntry) -> None:
        if cache is not None and entry.article is not None:
            cache.written.pop(entry.article, None)
        if on_superseded is not None:
            on_superseded(entry)
    return undo


def _dask_partition(part, ner):
    pipeline = make_pipeline(ner)
    return [_outcome(src, art, pipeline) for src, art in part]


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_text(path: Path, text: str) -> None:
    write_atomic(path, text)


def merge_extractions(paths: Iterable[Path], failed: dict[str, str] | None = None) -> Any:
    """The graph of extraction files, added in article-id order, one file in memory at a time.

    With ``failed``, an article whose merge raises is left out and recorded there (article id ->
    reason), and the graph is merged again without it, so that nothing of it stays half-added;
    without, the error propagates.
    """
    from .api import Graph

    ordered = sorted(paths, key=lambda p: p.stem)
    left_out: set[Path] = set()
    while True:
        kg = Graph()
        for path in ordered:
            if path in left_out:
                continue
            try:
                kg.add_extraction(json.loads(path.read_text(encoding="utf-8")))
            except Exception as exc:  # one article's data never stops the graph of the others
                if failed is None:
                    raise
                failed[path.stem] = f"merge error: {type(exc).__name__}: {exc}"
                left_out.add(path)
                break
        else:
            return kg.tidy()


def run_build(inputs: list[str], out: Path, pipeline: Pipeline | None = None, formats: Iterable[str] | None = None,
              show_progress: bool | None = None, base_iri: str | None = None, jobs: int = 1,
              engine: str = "local", scheduler: str | None = None, ner: str | None = None,
              force: bool = False) -> tuple[RunReport, Any]:
    """The whole job behind ``graphbuild build``; returns the report and the graph.

    Everything is written into a fresh folder beside ``out`` and swapped in when complete, so an
    interrupted or failed build leaves the previous output whole. Extractions stream there as they
    are made; the graph is then merged from those files in article-id order, so neither the input
    order, nor ``--jobs``, nor the engine changes a byte of the output.

    An article whose previous extraction in ``out`` was made from the same article by the same
    pipeline is not extracted again (``force``: every article is); a caller's own ``pipeline``
    is not cached, since its key cannot be known.
    """
    from .export import check_formats

    started = time.perf_counter()
    formats = check_formats(formats)  # an unknown name or a missing library, before any article is read
    out = Path(os.path.abspath(out))
    check_replaceable(out)
    with output_lock(out):
        recover(out)
        work = out.with_name(f".{out.name}.partial-{os.getpid()}")
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        try:
            cache = None
            if pipeline is None:
                cache = ExtractionCache.open(out, pipeline_key(ner), force)
                cache.inputs, cache.cwd = input_files(inputs), os.getcwd()
            report, kg = _build_into(work, out, inputs, pipeline, formats, show_progress, base_iri, jobs, engine,
                                     scheduler, ner, started, cache)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)  # the previous output stays as it was
            raise
        publish(work, out)
    return report, kg


def _build_into(work: Path, out: Path, inputs, pipeline, formats, show_progress, base_iri, jobs, engine,
                scheduler, ner, started, cache: ExtractionCache | None = None) -> tuple[RunReport, Any]:
    """The build itself, written into ``work``; the report names the files as they will be in ``out``."""
    pipeline = pipeline or make_pipeline(ner)
    report = RunReport()
    ext_dir = work / "extractions"
    ext_dir.mkdir(parents=True, exist_ok=True)
    kept_files: dict[Path, None] = {}  # the extraction files, each once
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    bar = None
    if show_progress:
        from tqdm import tqdm

        bar = tqdm(desc="articles", unit="art", file=sys.stderr)

    def keep(d: dict) -> None:
        path = ext_dir / f"{d['article']['id']}.json"
        text = cache.text_of(d) if cache is not None else None  # a re-used file, its bytes unchanged
        if text is None:
            text = dump_json(d)
        write_text(path, text)
        if cache is not None:
            cache.wrote(d["article"]["id"], text)
        kept_files[path] = None

    def drop(entry: ReportEntry) -> None:  # a copy of the article with a smaller source came later
        path = ext_dir / f"{entry.article}.json"
        if path in kept_files:
            del kept_files[path]
            path.unlink()

    started_cpu = time.process_time()
    if engine == "dask":
        extract_with_dask(read(inputs), report, keep, scheduler=scheduler, ner=ner, cache=cache,
                          on_superseded=drop)
    elif engine == "local":
        progress = bar.update if bar is not None else None
        extract_items(read(inputs), pipeline, keep, report, progress=progress, jobs=jobs, ner=ner, cache=cache,
                      on_superseded=drop)
    else:
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    if bar is not None:
        bar.close()
    report.timings["read+extract"] = time.process_time() - started_cpu
    started_cpu = time.process_time()
    failed: dict[str, str] = {}
    kg = merge_extractions(kept_files, failed)
    _fail_articles(failed, report, ext_dir, kept_files, cache)  # what could not be merged
    registry = keep_ids(kg, out, base_iri)
    report.timings["merge"] = time.process_time() - started_cpu
    kg.report = report
    from .export import ExportError, write_all

    while True:
        try:
            written = write_all(kg, work, formats=formats, base_iri=base_iri, timings=report.timings)
            break
        except ExportError as exc:  # a writer refuses some article's data: that article fails, not the build
            culprits = refused_by(exc, sorted(kept_files, key=lambda p: p.stem), work / ".probe", base_iri)
            if not culprits:
                raise
            failed = {path.stem: f"export error ({exc})" for path in culprits}
            _fail_articles(failed, report, ext_dir, kept_files, cache)
            kg = merge_extractions(kept_files)
            registry = keep_ids(kg, out, base_iri)
            kg.report = report
    report.peak_mb = _peak_mb()
    report.outputs.update({k: str(out / Path(v).relative_to(work)) for k, v in written.items()})
    report.outputs["extractions"] = str(out / "extractions")
    if cache is not None:
        write_text(work / CACHE_FILE, cache.to_json())
    write_text(work / IDS_FILE, dump_json(registry.to_dict()))
    report.seconds = time.perf_counter() - started
    write_text(work / "report.json", dump_json(report.to_dict()))
    report.outputs["report"] = str(out / "report.json")
    return report, kg


def _fail_articles(failed: dict[str, str], report: RunReport, ext_dir: Path, kept_files: dict[Path, None],
                   cache: ExtractionCache | None) -> None:
    """Articles the graph could not take (article id -> reason): failed in the report, their extraction
    files not kept."""
    for entry in report.entries:
        if entry.status == "done" and entry.article in failed:
            entry.status, entry.reason, entry.counts = "failed", failed[entry.article], {}
            path = ext_dir / f"{entry.article}.json"
            path.unlink(missing_ok=True)
            kept_files.pop(path, None)
            if cache is not None:
                cache.written.pop(entry.article, None)


def refused_by(error: Any, paths: list[Path], scratch: Path, base_iri: str | None) -> list[Path]:
    """The extraction files whose articles make the writer of ``error`` (an ``ExportError``) fail, found
    by writing that format alone for halves of the articles in turn (a few dozen small writes for one
    bad article among thousands; this runs only after a writer failed). Empty when no article alone is
    to blame (the writer fails with none, or only on a mix): the error is then the build's."""
    from .export import ExportError, write_all

    def fails(part: list[Path]) -> bool:
        try:
            write_all(merge_extractions(part), scratch, formats=error.formats, base_iri=base_iri)
            return False
        except ExportError:
            return True
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def search(part: list[Path]) -> list[Path]:
        if len(part) == 1:
            return part
        halves = (part[: len(part) // 2], part[len(part) // 2:])
        return [path for half in halves if fails(half) for path in search(half)]

    if not paths or fails([]):
        return []
    return search(paths)


IDS_FILE = "ids.json"


def keep_ids(kg: Any, out: Path, base_iri: str | None) -> Any:
    """Give the graph the ids that earlier builds of the output at ``out`` minted, and return the
    registry to write beside it, which also names the articles' graphs a store may still hold
    though their articles are gone (``push`` deletes them)."""
    from .export.rdf import RdfMapper
    from .graph.identity import IdRegistry, stabilise

    try:
        previous = IdRegistry.from_dict(json.loads((out / IDS_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError):  # no earlier build, or a registry nobody can read: ids start afresh
        previous = IdRegistry()
    registry = stabilise(kg, previous)
    graphs = RdfMapper.graph_iris(kg.articles, base_iri)
    gone = set(previous.extra.get("graphs", [])) | set(previous.extra.get("retired_graphs", []))
    registry.extra = {"graphs": graphs, "retired_graphs": sorted(gone - set(graphs))}
    return registry


def input_files(inputs: Iterable[str]) -> list[str]:
    """The files the inputs name (folders expanded), sorted: what an output was built from, whatever the
    order or the form (a folder, or its files) they were given in. Stdin is not kept."""
    from .ingest import iter_files

    return sorted({os.path.normpath(path) for _, path in iter_files(inputs) if path is not None})


def _peak_mb() -> float:
    """This process's peak resident memory in MB (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class OutputBusy(RuntimeError):
    """Another build is writing the same output folder."""


class OutputNotOurs(RuntimeError):
    """The output folder holds someone's files: a build replaces the folder whole, so it refuses."""


@contextmanager
def output_lock(out: Path):
    """One build at a time per output folder (an advisory lock beside it, released on any exit)."""
    import errno
    import fcntl

    for folder in (out.parent, *out.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(folder))
            break
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.with_name(f".{out.name}.lock")
    with open(lock, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(f"another graphbuild build is writing {out}") from None
        yield  # the empty lock file stays: removing it would let two builds lock two files


def check_replaceable(out: Path) -> None:
    """A build replaces ``out`` whole: only a missing folder, an empty one, or a previous output that
    holds nothing but what its report lists may be replaced, and not one its owner made read-only."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputNotOurs(f"{out} is not a folder: choose a new or an earlier output folder")
    if out.is_dir() and not os.access(out, os.W_OK | os.X_OK):  # a folder made read-only is kept as it is
        import errno

        raise PermissionError(errno.EACCES, "Permission denied", str(out))
    if not out.is_dir() or not any(out.iterdir()):
        return
    try:
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        ours = {Path(p).name for p in report["outputs"].values()} | {"report.json", "extractions", CACHE_FILE, IDS_FILE}
        ok = str(report.get("tool", "")).startswith("graphbuild")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        ok, ours = False, set()
    foreign = sorted(p.name for p in out.iterdir() if p.name not in ours) if ok else ["(no graphbuild report)"]
    if foreign:
        raise OutputNotOurs(f"{out} holds files that no graphbuild build wrote ({', '.join(foreign[:3])}): "
                            "choose a new or an earlier output folder")


def publish(work: Path, out: Path) -> None:
    """Swap the finished output in: until the second rename, ``out`` is the previous complete output;
    a build killed between the two leaves it beside, as ``.OUT.old-PID``, which the next build restores."""
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
        os.replace(work, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(work, out)


def recover(out: Path) -> None:
    """After a build was killed: put back a previous output left aside, drop half-written ones."""
    for stale in sorted(out.parent.glob(f".{out.name}.partial-*")):
        shutil.rmtree(stale, ignore_errors=True)
    olds = sorted(out.parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime_ns)
    if olds and not out.exists():
        os.replace(olds[-1], out)
        olds = olds[:-1]
    for stale in olds:
        shutil.rmtree(stale, ignore_errors=True)
