"""The interactive HTML view: one offline file built on pyvis and vis-network.

pyvis supplies the network model and the vis-network library it bundles; the
page around it is ours, because pyvis' template loads bootstrap from a CDN,
renders tooltips as raw HTML once any title contains ``href`` and does not
escape its heading. Here every name and sentence travels as JSON inside a
``<script type="application/json">`` block and reaches the page only through
``textContent``; a content security policy allows just the page's own scripts
(by hash) and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from ..script import has_arabic

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

STYLE = {
    "meeting": {"color": "#e4572e", "shape": "diamond", "label": "Meeting"},
    "person": {"color": "#2e86ab", "shape": "dot", "label": "Person"},
    "organisation": {"color": "#76b041", "shape": "square", "label": "Organisation"},
    "country": {"color": "#f3a712", "shape": "triangle", "label": "Country"},
    "city": {"color": "#a23b72", "shape": "triangleDown", "label": "City"},
    "role": {"color": "#8d99ae", "shape": "ellipse", "label": "Role"},
    "article": {"color": "#5c5c5c", "shape": "box", "label": "Article"},
}
PHYSICS_MAX_NODES = 300
SHOWN_EDGE_TYPES = {"participated_in", "located_in", "hosted_by", "holds_role_at", "based_in", "authored_by",
                    "headquartered_in", "sub_organisation_of", "part_of"}
ISOLATE = ("\u2068", "\u2069")  # FSI … PDI: a label keeps its own direction inside any paragraph


def display_label(d: dict[str, Any]) -> str:
    """The node's label, with an Arabic original beside a Latin form, each in an isolate."""
    label = str(d.get("label") or "")
    arabic = next((n for n in d.get("names", []) if has_arabic(n)), None)
    if arabic and not has_arabic(label) and d.get("type") in ("person", "organisation", "meeting"):
        return f"{ISOLATE[0]}{label}{ISOLATE[1]} {ISOLATE[0]}{arabic}{ISOLATE[1]}"
    return f"{ISOLATE[0]}{label}{ISOLATE[1]}"


def view_graph(kg: KnowledgeGraph, include_articles: bool = False, include_roles: bool = False) -> nx.MultiDiGraph:
    keep = {n for n, d in kg.g.nodes(data=True)
            if (include_articles or d["type"] != "article") and (include_roles or d["type"] != "role")}
    return kg.g.subgraph(keep)


LAYOUT_CORE = 1500  # nodes laid out by force simulation; the others are placed beside their neighbours


def layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions computed before writing, so the browser never has to simulate a big graph.

    networkx's spring layout costs O(n²) per iteration (15 minutes at 40,000 nodes), so only
    the best-connected ``LAYOUT_CORE`` nodes (meetings, countries, organisations) go through
    it; every other node is placed, breadth first, at the centre of its placed neighbours
    with a small seeded offset: linear time, and people still sit around their meetings.
    """
    if g.number_of_nodes() == 0:
        return {}
    simple = nx.Graph(g.to_undirected(as_view=True))
    n = simple.number_of_nodes()
    if n <= LAYOUT_CORE:
        pos = force_layout(simple, seed=seed, iterations=50 if n <= 1000 else 30)
    else:
        pos = _core_and_neighbours(simple, seed)
    scale = 120.0 * max(1.0, n ** 0.5)
    return {k: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for k, (x, y) in sorted(pos.items())}


def force_layout(g: nx.Graph, seed: int, iterations: int) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions in [-1, 1]², with numpy alone.

    networkx's own spring layout needs scipy beyond 500 nodes; scipy is 140 MB of install for
    this one call, and the core laid out here is at most ``LAYOUT_CORE`` nodes, so the dense
    O(n²)-per-iteration form is cheap enough. Seeded, so the same graph gets the same picture.
    """
    import numpy as np

    nodes = sorted(g.nodes)
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    adjacency = np.zeros((n, n))
    for u, v in g.edges():
        if u != v:
            adjacency[index[u], index[v]] = adjacency[index[v], index[u]] = 1.0
    rng = np.random.RandomState(seed)
    pos = rng.rand(n, 2)
    k = (1.0 / n) ** 0.5  # the ideal distance between nodes in the unit square
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.sqrt((delta ** 2).sum(axis=-1))
        np.clip(distance, 0.01, None, out=distance)
        strength = k * k / distance ** 2 - adjacency * distance / k
        displacement = (delta * strength[:, :, None]).sum(axis=1)
        length = np.sqrt((displacement ** 2).sum(axis=1))
        np.clip(length, 0.01, None, out=length)
        pos += displacement * (temperature / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    extent = float(np.abs(pos).max()) or 1.0
    pos /= extent
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


def _core_and_neighbours(simple: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    import random

    ranked = sorted(simple.nodes, key=lambda v: (-simple.degree(v), v))
    core = sorted(ranked[:LAYOUT_CORE])
    pos = {k: (float(x), float(y)) for k, (x, y) in
           force_layout(simple.subgraph(core), seed=seed, iterations=30).items()}
    rng = random.Random(seed)
    spread = 2.0 / LAYOUT_CORE ** 0.5  # about the distance between core nodes
    queue = list(core)
    placed_at = 0
    waiting = set(simple.nodes) - set(core)
    while waiting:
        if placed_at == len(queue):  # a part of the graph no core node reaches: start it anywhere
            start = min(waiting)
            pos[start] = (rng.uniform(-1, 1), rng.uniform(-1, 1))
            waiting.discard(start)
            queue.append(start)
        v = queue[placed_at]
        placed_at += 1
        for w in sorted(u for u in simple.neighbors(v) if u in waiting):
            near = [pos[u] for u in simple.neighbors(w) if u in pos]
            cx = sum(p[0] for p in near) / len(near)
            cy = sum(p[1] for p in near) / len(near)
            pos[w] = (cx + rng.uniform(-spread, spread), cy + rng.uniform(-spread, spread))
            waiting.discard(w)
            queue.append(w)
    return pos


def _sources(kg: KnowledgeGraph, d: dict[str, Any], limit: int = 12) -> list[dict[str, Any]]:
    out = []
    seen = set()
    for aid, s, e in d.get("sources", []):
        text = kg.sentence(aid, s, e) if s >= 0 else None
        key = (aid, text)
        if key in seen:
            continue
        seen.add(key)
        art = kg.articles.get(aid, {})
        out.append({"article": aid, "title": art.get("title") or aid, "published": art.get("published"),
                    "url": art.get("url"), "sentence": text})
        if len(out) >= limit:
            break
    return out


def related_countries(kg: KnowledgeGraph, nid: str) -> list[str]:
    """Countries a node is about: its own, its meetings' hosts and participants, its roles'."""
    g = kg.g
    d = g.nodes[nid]
    out = {d.get("country"), d.get("iso2")}
    hops = [nid]
    if d["type"] == "person":
        hops += [v for _, v, e in g.out_edges(nid, data=True) if e["type"] == "participated_in"]
    for h in hops:
        for u, v, e in list(g.out_edges(h, data=True)) + list(g.in_edges(h, data=True)):
            other = v if u == h else u
            if g.nodes[other]["type"] == "country" and e["type"] in ("hosted_by", "participated_in",
                                                                       "holds_role_at", "based_in", "located_in"):
                out.add(g.nodes[other].get("iso2"))
        if g.nodes[h]["type"] == "meeting" and g.nodes[h].get("country"):
            out.add(g.nodes[h]["country"])
    return sorted(x for x in out if x)


def network_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """Nodes, edges and details for the page, built through pyvis' Network."""
    from pyvis.network import Network

    g = view_graph(kg.tidy())
    pos = layout(g)
    degree = dict(g.degree())
    net = Network(directed=True, cdn_resources="in_line")
    details: dict[str, Any] = {}
    for nid in sorted(g.nodes):
        d = g.nodes[nid]
        style = STYLE.get(d["type"], STYLE["article"])
        x, y = pos.get(nid, (0.0, 0.0))
        net.add_node(nid, label=display_label(d), color=style["color"], shape=style["shape"],
                     size=10 + 4 * min(degree.get(nid, 0), 15) ** 0.8, x=x, y=y)
        details[nid] = {
            "type": d["type"], "label": d.get("label"), "names": d.get("names", []),
            "countries": related_countries(kg, nid), "date": d.get("date_start"),
            "attrs": {k: v for k, v in sorted(d.items()) if k in ("ordinal", "date_start", "date_end", "status",
                                                                   "meeting_type", "wikidata", "geonames", "iso2",
                                                                   "acronym", "name_latin", "merged",
                                                                   "date_start_claims")},
            "sources": _sources(kg, d),
            "search": " ".join([str(d.get("label") or "")] + list(d.get("names", []))),
        }
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if d["type"] not in SHOWN_EDGE_TYPES:
            continue
        if d["type"] == "participated_in" and g.nodes[u]["type"] != "person":
            continue
        label = d.get("role_en") or d.get("role") or ""
        net.add_edge(u, v, title=None, label=f"{ISOLATE[0]}{label}{ISOLATE[1]}" if label else "",
                     arrows="to", color="#b0b0b0", etype=d["type"], id=f"{u}|{v}|{k}")
    nodes, edges, *_ = net.get_network_data()
    # meeting → participants, for highlighting on click
    members: dict[str, list[str]] = {}
    for u, v, d in g.edges(data=True):
        if d["type"] == "participated_in" and g.nodes[v]["type"] == "meeting":
            members.setdefault(v, []).append(u)
    clean_nodes = [{k: n[k] for k in ("id", "label", "color", "shape", "size", "x", "y") if k in n}
                   for n in nodes]
    clean_edges = [{k: e[k] for k in ("id", "from", "to", "label", "arrows", "color", "etype") if k in e}
                   for e in edges]
    for e in clean_edges:
        if not e.get("label"):
            e.pop("label", None)
    return {"nodes": clean_nodes, "edges": clean_edges, "details": details,
            "members": {k: sorted(set(v)) for k, v in sorted(members.items())},
            "physics": len(clean_nodes) <= PHYSICS_MAX_NODES,
            "legend": [{"type": t, **s} for t, s in STYLE.items() if t not in ("article", "role")]}


def _vis_assets() -> tuple[str, str]:
    lib = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return lib.joinpath("vis-network.min.js").read_text("utf-8"), lib.joinpath("vis-network.css").read_text("utf-8")


def _json_for_script(obj: Any) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(kg: KnowledgeGraph, title: str = "graphbuild: meetings graph") -> str:
    data = network_data(kg)
    vis_js, vis_css = _vis_assets()
    app_js = resources.files("graphbuild").joinpath("data", "viz", "app.js").read_text("utf-8")
    app_css = resources.files("graphbuild").joinpath("data", "viz", "app.css").read_text("utf-8")
    csp = (f"default-src 'none'; script-src {_hash(vis_js)} {_hash(app_js)}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")
    stats = f"{len(data['nodes'])} nodes, {len(data['edges'])} edges"
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="graphbuild">
<title>{html.escape(title)}</title>
<style>{vis_css}</style>
<style>{app_css}</style>
</head>
<body>
<header>
  <h1>{html.escape(title)}</h1>
  <span id="stats">{html.escape(stats)}</span>
  <input id="search" type="search" placeholder="Search a name (any script)" aria-label="Search">
  <span id="search-status" aria-live="polite"></span>
</header>
<main>
  <aside id="filters">
    <h2>Show</h2>
    <div id="type-filters"></div>
    <label>Country <select id="country-filter"><option value="">all</option></select></label>
    <label>From <input id="date-from" type="date"></label>
    <label>To <input id="date-to" type="date"></label>
    <button id="reset" type="button">Reset</button>
    <button id="focus" type="button" disabled>Neighbourhood of selection</button>
    <h2>Legend</h2>
    <ul id="legend"></ul>
  </aside>
  <div id="network" role="img" aria-label="graph"></div>
  <aside id="panel" aria-live="polite"><p class="hint">Click a node to see its details and sources.</p></aside>
</main>
<script id="graph-data" type="application/json">{_json_for_script(data)}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""


def write_html(kg: KnowledgeGraph, path: str | Path, title: str | None = None) -> Path:
    path = Path(path)
    path.write_text(render_html(kg, title or "graphbuild: meetings graph"), encoding="utf-8")
    return path


class GraphView:
    """What ``kg.show()`` returns: displays inline in JupyterLab, VS Code and Colab (no server)."""

    def __init__(self, page: str, height: int = 650):
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
                f'title="graphbuild view"></iframe>')

    def save(self, path: str | Path) -> Path:
        Path(path).write_text(self.page, encoding="utf-8")
        return Path(path)


def show(kg: KnowledgeGraph, height: int = 650, title: str | None = None) -> GraphView:
    return GraphView(render_html(kg, title or "graphbuild: meetings graph"), height)
