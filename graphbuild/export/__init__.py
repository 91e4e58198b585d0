"""Exporters: node-link JSON, GraphML, GEXF, RDF (Turtle, N-Triples, JSON-LD, TriG, N-Quads) and HTML."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .graphfiles import write_gexf, write_graphml, write_node_link

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")  # RFC 3987's scheme ":" and no
# character that N-Triples forbids in an IRI; the one test for base IRIs and graph names

ALL_FORMATS = ("json", "graphml", "gexf", "ttl", "nt", "jsonld", "trig", "nq", "html")


def write_all(kg: KnowledgeGraph, out: Path, formats: Iterable[str] | None = None,
              base_iri: str | None = None) -> dict[str, str]:
    """Write the graph in every requested format under ``out``; returns {format: path}."""
    formats = list(formats or ALL_FORMATS)
    unknown = sorted(set(formats) - set(ALL_FORMATS))
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(unknown)} (known: {', '.join(ALL_FORMATS)})")
    out.mkdir(parents=True, exist_ok=True)
    kg.tidy()
    written: dict[str, str] = {}
    if "json" in formats:
        written["json"] = str(write_node_link(kg, out / "graph.json"))
    if "graphml" in formats:
        written["graphml"] = str(write_graphml(kg, out / "graph.graphml"))
    if "gexf" in formats:
        written["gexf"] = str(write_gexf(kg, out / "graph.gexf"))
    rdf_formats = [f for f in formats if f in ("ttl", "nt", "jsonld", "trig", "nq")]
    if rdf_formats:
        from .rdf import write_rdf

        written.update(write_rdf(kg, out, rdf_formats, base_iri=base_iri))
    if "html" in formats:
        from .html import write_html

        written["html"] = str(write_html(kg, out / "graph.html"))
    return written
