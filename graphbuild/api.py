"""The graph as a notebook user holds it: the knowledge graph plus its views and exports.

``graphbuild.build`` returns a ``Graph``: everything of ``KnowledgeGraph`` (tables,
queries, persistence) and, from the export layer above it, ``show()``, ``rdf()`` and
``write()``. The graph layer itself knows nothing of its exporters.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .graph import KnowledgeGraph


class Graph(KnowledgeGraph):
    """A knowledge graph with its views: ``kg.show()``, ``kg.rdf()``, ``kg.write(out)``."""

    def add(self, articles: str | Path | Iterable[str | Path | dict[str, Any]]) -> Graph:
        """Add articles (paths of files, folders or JSONL, or extraction dicts): the graph is then the
        one ``graphbuild.build`` gives for all the articles together."""
        items = [articles] if isinstance(articles, (str, Path)) else list(articles)
        paths = [a for a in items if isinstance(a, (str, Path))]
        extractions = [a for a in items if isinstance(a, dict)]
        report = None
        if paths:
            from . import _extractions

            more, report = _extractions(paths)
            extractions += more
        super().add(extractions)
        self.report = report or self.report
        return self

    def rdf(self, base_iri: str | None = None):
        """The graph as an rdflib Dataset (named graph per article), ready for SPARQL."""
        from .export.rdf import to_rdflib

        return to_rdflib(self, base_iri)

    def show(self, **kwargs):
        """The interactive view, for a notebook cell (sandboxed iframe, works offline)."""
        from .export.html import show

        return show(self, **kwargs)

    def write(self, out: str | Path, formats: Iterable[str] | None = None,
              base_iri: str | None = None) -> dict[str, str]:
        """Write the graph files (the formats of ``graphbuild build``) under ``out``; returns {format: path}."""
        from .export import write_all

        return write_all(self, Path(out), formats=formats, base_iri=base_iri)
