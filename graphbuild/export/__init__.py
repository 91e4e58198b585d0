"""Exporters: node-link JSON, GraphML, GEXF, RDF (Turtle, N-Triples, JSON-LD, TriG, N-Quads), HTML and
the analyst tables (CSV, Parquet)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .graphfiles import flat_graph, write_gexf, write_graphml, write_node_link
from .tables import FORMATS as TABLE_FORMATS
from .tables import missing_library, write_tables

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")  # RFC 3987's scheme ":" and no
# character that N-Triples forbids in an IRI; the one test for base IRIs and graph names

DEFAULT_FORMATS = ("json", "graphml", "gexf", "ttl", "nt", "jsonld", "trig", "nq", "html")
ALL_FORMATS = DEFAULT_FORMATS + TABLE_FORMATS  # the tables (OUT/tables/*.csv, *.parquet) only when asked for


class ExportError(RuntimeError):
    """A writer failed on the graph's content (not on the disk): ``stage`` says which writer, so a
    caller can find the articles whose data it refuses by writing that format alone."""

    def __init__(self, stage: str, formats: list[str], cause: BaseException):
        super().__init__(f"{stage}: {type(cause).__name__}: {cause}")
        self.stage, self.formats = stage, formats


def check_formats(formats: Iterable[str] | str | None) -> list[str]:
    """The formats to write (the default ones when none are named, a string split at commas), or an
    error saying what is wrong (an unknown name, a missing library) before any work is done."""
    if isinstance(formats, str):
        formats = formats.split(",")
    formats = [f.strip().lower() for f in (formats or DEFAULT_FORMATS) if f.strip()] or list(DEFAULT_FORMATS)
    unknown = sorted(set(formats) - set(ALL_FORMATS))
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(unknown)} (known: {', '.join(ALL_FORMATS)})")
    problem = missing_library(formats)
    if problem:
        raise RuntimeError(problem)
    return formats


def write_all(kg: KnowledgeGraph, out: Path, formats: Iterable[str] | str | None = None,
              base_iri: str | None = None, timings: dict[str, float] | None = None) -> dict[str, str]:
    """Write the graph in every requested format under ``out``; returns {format: path} (for the tables,
    csv and parquet, the folder that holds them).

    ``timings``, when given, receives the CPU seconds of each writer (graph, rdf, html, tables)."""
    formats = check_formats(formats)
    clock = _Clock(timings, formats)
    out.mkdir(parents=True, exist_ok=True)
    kg.tidy()
    written: dict[str, str] = {}
    if "json" in formats:
        with clock("json"):
            written["json"] = str(write_node_link(kg, out / "graph.json"))
    flat = None  # the scalar-attribute copy GraphML and GEXF both write, made once (counted in graphml)
    if "graphml" in formats:
        with clock("graphml"):
            flat = flat_graph(kg) if "gexf" in formats else None
            written["graphml"] = str(write_graphml(kg, out / "graph.graphml", flat))
    if "gexf" in formats:
        with clock("gexf"):
            written["gexf"] = str(write_gexf(kg, out / "graph.gexf", flat))
    del flat
    rdf_formats = [f for f in formats if f in ("ttl", "nt", "jsonld", "trig", "nq")]
    if rdf_formats:
        from .rdf import write_rdf

        with clock("rdf"):
            written.update(write_rdf(kg, out, rdf_formats, base_iri=base_iri))
    if "html" in formats:
        from .html import write_html

        with clock("html"):
            written["html"] = str(write_html(kg, out / "graph.html"))
    if any(f in TABLE_FORMATS for f in formats):
        with clock("tables"):
            written.update(write_tables(kg, out, formats))
    return written


STAGE_FORMATS = {"json": ("json",), "graphml": ("graphml",), "gexf": ("gexf",),
                 "rdf": ("ttl", "nt", "jsonld", "trig", "nq"), "html": ("html",), "tables": TABLE_FORMATS}


class _Clock:
    """CPU seconds per stage, added to a caller's dict (nothing when there is none); a writer's error
    other than the system's (disk, memory) leaves as an ``ExportError`` naming the stage."""

    def __init__(self, timings: dict[str, float] | None, formats: list[str]):
        self.timings = timings
        self.formats = formats
        self.stage = ""

    def __call__(self, stage: str) -> _Clock:
        self.stage = stage
        return self

    def __enter__(self) -> None:
        import time

        self.started = time.process_time()

    def __exit__(self, kind, exc, tb) -> None:
        import time

        if self.timings is not None:
            self.timings[self.stage] = self.timings.get(self.stage, 0.0) + time.process_time() - self.started
        if isinstance(exc, Exception) and not isinstance(exc, (OSError, MemoryError, ExportError)):
            formats = [f for f in self.formats if f in STAGE_FORMATS[self.stage]]
            raise ExportError(self.stage, formats, exc) from exc
