"""The build run: read inputs, extract each article, write outputs and the run report.

Every input ends up in the report as done, skipped or failed with a reason; an
exception in one article is caught and reported, never allowed to stop a corpus.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .extractors import Pipeline, UnsupportedLanguage
from .ingest import Item, read
from .model import Extraction


@dataclass
class ReportEntry:
    source: str
    status: str  # done | skipped | failed
    reason: str | None = None
    article: str | None = None
    lang: str | None = None
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

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
                        "failed": self.count("failed")},
            "inputs": [e.to_dict() for e in entries],
            "outputs": dict(sorted(self.outputs.items())),
        }

    def summary_lines(self) -> list[str]:
        lines = [f"{len(self.entries)} inputs: {self.count('done')} done, {self.count('skipped')} skipped, "
                 f"{self.count('failed')} failed ({self.seconds:.1f} s)"]
        for e in self.entries:
            if e.status != "done":
                lines.append(f"  {e.status:7} {e.source}: {e.reason}")
        return lines


def extract_items(items: Iterable[Item], pipeline: Pipeline,
                  on_extraction: Callable[[Extraction], None], report: RunReport,
                  progress: Callable[[], None] | None = None) -> None:
    """Extract every readable item; record each outcome in the report."""
    seen: dict[str, str] = {}
    for item in items:
        if progress:
            progress()
        if item.article is None:
            report.entries.append(ReportEntry(item.source, item.status if item.status != "read" else "failed",
                                              item.reason, warnings=item.warnings))
            continue
        art = item.article
        entry = ReportEntry(item.source, "done", article=art.id, lang=art.lang, warnings=list(item.warnings))
        report.entries.append(entry)
        if art.id in seen:
            entry.status, entry.reason = "skipped", f"duplicate of {seen[art.id]} (same article id)"
            continue
        seen[art.id] = item.source
        if not art.lang:
            entry.status, entry.reason = "skipped", "too little text to tell the language"
            continue
        try:
            ext = pipeline(art)
        except UnsupportedLanguage as exc:
            entry.status, entry.reason = "skipped", str(exc)
            continue
        except Exception as exc:  # one bad article never stops the corpus
            entry.status, entry.reason = "failed", f"extraction error: {type(exc).__name__}: {exc}"
            continue
        entry.counts = {"persons": len(ext.persons), "organisations": len(ext.organisations),
                        "countries": len(ext.countries), "cities": len(ext.cities), "meetings": len(ext.meetings)}
        on_extraction(ext)


def dump_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def run_build(inputs: list[str], out: Path, pipeline: Pipeline | None = None, formats: Iterable[str] | None = None,
              show_progress: bool | None = None, base_iri: str | None = None) -> tuple[RunReport, Any]:
    """The whole job behind ``graphbuild build``; returns the report and the graph."""
    from .graph import KnowledgeGraph

    started = time.perf_counter()
    pipeline = pipeline or Pipeline()
    report = RunReport()
    kg = KnowledgeGraph()
    ext_dir = out / "extractions"
    ext_dir.mkdir(parents=True, exist_ok=True)
    if show_progress is None:
        show_progress = sys.stderr.isatty()
    bar = None
    if show_progress:
        from tqdm import tqdm

        bar = tqdm(desc="articles", unit="art", file=sys.stderr)

    def keep(ext: Extraction) -> None:
        d = ext.to_dict()
        write_text(ext_dir / f"{ext.article.id}.json", dump_json(d))
        kg.add_extraction(d, text=ext.article.text)

    extract_items(read(inputs), pipeline, keep, report, progress=bar.update if bar else None)
    if bar:
        bar.close()
    from .export import write_all

    report.outputs.update(write_all(kg, out, formats=formats, base_iri=base_iri))
    report.outputs["extractions"] = str(ext_dir)
    report.seconds = time.perf_counter() - started
    write_text(out / "report.json", dump_json(report.to_dict()))
    report.outputs["report"] = str(out / "report.json")
    return report, kg
