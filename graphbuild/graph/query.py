"""Questions to the graph, as plain functions in networkx's style; the graph's methods call them.

    >>> import graphbuild
    >>> kg = graphbuild.build("data/articles")
    >>> meeting = nodes_of(kg, "meeting")[0]
    >>> people = participants(kg, meeting)
    >>> table(kg, "person").columns[:2].tolist()
    ['id', 'label']
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import networkx as nx

if TYPE_CHECKING:
    from .store import GraphStore


def nodes_of(kg: GraphStore, ntype: str) -> list[str]:
    return sorted(n for n, d in kg.g.nodes(data=True) if d.get("type") == ntype)


def participants(kg: GraphStore, meeting: str) -> list[str]:
    meeting = find(kg, meeting, "meeting")
    return sorted({u for u, _, d in kg.g.in_edges(meeting, data=True)
                   if d["type"] == "participated_in" and kg.g.nodes[u]["type"] == "person"})


def meetings_of(kg: GraphStore, person: str) -> list[str]:
    person = find(kg, person, "person")
    return sorted({v for _, v, d in kg.g.out_edges(person, data=True) if d["type"] == "participated_in"})


def neighbourhood(kg: GraphStore, node: str, depth: int = 1) -> nx.MultiDiGraph:
    node = find(kg, node)
    nodes = nx.single_source_shortest_path_length(kg.g.to_undirected(as_view=True), node, cutoff=depth)
    return kg.g.subgraph(nodes).copy()


def find(kg: GraphStore, name: str, ntype: str | None = None) -> str:
    """A node id from an id or a label (any script)."""
    if name in kg.g:
        return name
    from ..text import fold

    want = fold(name).strip()
    for n, d in sorted(kg.g.nodes(data=True)):
        if ntype and d.get("type") != ntype:
            continue
        labels = [d.get("label", "")] + list(d.get("names", []))
        if any(fold(str(x)).strip() == want for x in labels):
            return n
    raise KeyError(f"no {ntype or 'node'} called {name!r}")


def co_attendance(kg: GraphStore) -> nx.Graph:
    """Person–person graph; edge weight = number of meetings attended together."""
    proj = nx.Graph()
    for m in nodes_of(kg, "meeting"):
        people = participants(kg, m)
        for p in people:
            proj.add_node(p, label=kg.g.nodes[p]["label"])
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                w = proj.get_edge_data(a, b, {}).get("weight", 0)
                proj.add_edge(a, b, weight=w + 1)
    return proj

# -- tables ------------------------------------------------------------------------


def table(kg: GraphStore, ntype: str | None = None):
    import pandas as pd

    rows = []
    for n, d in sorted(kg.g.nodes(data=True)):
        if ntype and d.get("type") != ntype:
            continue
        row = {"id": n}
        row.update({k: _cell(v) for k, v in d.items() if k != "sources"})
        row["articles"] = len({s[0] for s in d.get("sources", [])})
        rows.append(row)
    return pd.DataFrame(rows)



def meetings(kg: GraphStore):
    """Meetings as a DataFrame, one row each."""
    df = table(kg, "meeting")
    if not df.empty:
        df["participants"] = [len(participants(kg, m)) for m in df["id"]]
    return df




def edges(kg: GraphStore):
    import pandas as pd

    rows = [{"source": u, "target": v, **{k: _cell(x) for k, x in d.items() if k != "sources"},
             "articles": len({s[0] for s in d["sources"]})} for u, v, d in kg.g.edges(data=True)]
    return pd.DataFrame(sorted(rows, key=lambda r: (r["source"], r["target"], r["type"])))


def participations(kg: GraphStore):
    import pandas as pd

    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, d in sorted(kg.g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("role") or "")):
        if d["type"] != "participated_in" or kg.g.nodes[u]["type"] != "person":
            continue
        m = kg.g.nodes[v]
        row = merged.setdefault((v, u), {
            "meeting": v, "meeting_label": m.get("label"), "date": m.get("date_start"), "person": u,
            "name": kg.g.nodes[u].get("label"), "roles": set(), "roles_en": set(), "on_behalf_of": set(),
            "side": d.get("side"), "confidence": 0.0, "articles": set()})
        for key, value in (("roles", d.get("role")), ("roles_en", d.get("role_en")),
                           ("on_behalf_of", d.get("on_behalf_of"))):
            if value:
                row[key].add(value)
        row["confidence"] = max(row["confidence"], d.get("confidence", 0.0))
        row["articles"] |= {s[0] for s in d["sources"]}
    rows = []
    for row in merged.values():  # one row per person and meeting; several roles joined
        for key in ("roles", "roles_en", "on_behalf_of", "articles"):
            row[key] = "; ".join(sorted(row[key])) if key != "articles" else ", ".join(sorted(row[key]))
        row["role"] = row["roles"].split("; ")[0] if row["roles"] else None
        row["role_en"] = row["roles_en"].split("; ")[0] if row["roles_en"] else None
        rows.append(row)
    return pd.DataFrame(rows)


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v
