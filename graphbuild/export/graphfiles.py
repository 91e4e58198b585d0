"""networkx file formats: node-link JSON, GraphML and GEXF (Gephi).

GraphML and GEXF hold only scalar attributes, so lists and dicts (sources,
names, claims) are written as JSON strings; ``read_graphml`` turns them back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


def _scalar(v: Any) -> Any:
    if isinstance(v, (list, dict, tuple)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v


def flat_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes, nodes and edges in a stable order."""
    flat = nx.MultiDiGraph()
    kg.tidy()
    for n in sorted(kg.g.nodes):
        flat.add_node(n, **{k: _scalar(v) for k, v in sorted(kg.g.nodes[n].items()) if v is not None})
    for u, v, k, d in sorted(kg.g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        flat.add_edge(u, v, key=k, **{a: _scalar(x) for a, x in sorted(d.items()) if x is not None})
    return flat


def write_node_link(kg: KnowledgeGraph, path: Path) -> Path:
    path.write_text(json.dumps(kg.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path


def write_graphml(kg: KnowledgeGraph, path: Path, flat: nx.MultiDiGraph | None = None) -> Path:
    """``flat``: the graph's ``flat_graph`` when the caller already made it (GraphML and GEXF share it)."""
    nx.write_graphml(flat if flat is not None else flat_graph(kg), path, encoding="utf-8", prettyprint=True)
    return path


def write_gexf(kg: KnowledgeGraph, path: Path, flat: nx.MultiDiGraph | None = None) -> Path:
    """GEXF without networkx's ``lastmodifieddate`` (today's date), so that a rebuild is byte-identical."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(flat if flat is not None else flat_graph(kg))
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a GraphML file written by graphbuild, decoding JSON-valued attributes."""
    g = nx.read_graphml(path, force_multigraph=True)
    for _, d in list(g.nodes(data=True)) + [(None, d) for *_, d in g.edges(data=True)]:
        for k, v in list(d.items()):
            if isinstance(v, str) and v[:1] in "[{":
                try:
                    d[k] = json.loads(v)
                except json.JSONDecodeError:
                    pass
    return g
