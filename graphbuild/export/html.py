"""The interactive HTML view: one offline file on the vis-network library that pyvis bundles.

pyvis supplies vis-network; the page around it is ours, because pyvis' template loads bootstrap
from a CDN, renders tooltips as raw HTML once any title contains ``href``, does not escape its
heading, and its ``add_node``/``add_edge`` test membership in a list (quadratic at 40,000 nodes).
Here the nodes, edges and panels travel as compact JSON inside a ``<script type="application/json">``
block and reach the page only through ``textContent``; a content security policy allows just the
page's own scripts (by hash) and no network at all. Positions are computed here, so the page
never simulates, and the same graph always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .. import ids
from ..graph.labels import display_languages, meeting_people, name_in, title_words
from .rdf import web_iri

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
SHOWN_EDGE_TYPES = {"participated_in", "located_in", "hosted_by", "holds_role_at", "based_in", "authored_by",
                    "headquartered_in", "sub_organisation_of", "part_of"}


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
    for u, v, weight in g.edges(data="weight", default=1.0):
        if u != v:
            adjacency[index[u], index[v]] = adjacency[index[v], index[u]] = float(weight)
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
            near = [pos[u] for u in sorted(simple.neighbors(w)) if u in pos]  # a fixed order: the same sums
            cx = sum(p[0] for p in near) / len(near)
            cy = sum(p[1] for p in near) / len(near)
            pos[w] = (cx + rng.uniform(-spread, spread), cy + rng.uniform(-spread, spread))
            waiting.discard(w)
            queue.append(w)
    return pos


HUB_TYPES = frozenset({"country", "city"})
HUB_DEGREE = 3  # a place linked to more than this many nodes pulls them only weakly (HUB_PULL)
HUB_PULL = 0.05


def layout_among_people(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions where each meeting sits among its participants.

    Countries and cities link to nearly everything, so a layout that feels their full pull crowds every
    meeting into the middle; a busy place pulls its nodes only weakly. Nodes with no drawn link wait on
    a ring outside the picture (the page hides them until asked).
    """
    drawn = nx.Graph()
    drawn.add_nodes_from(sorted(g.nodes))
    drawn.add_edges_from((u, v) for u, v, _ in drawn_edges(g))
    for u, v in drawn.edges():
        hub = any(g.nodes[x]["type"] in HUB_TYPES and drawn.degree(x) > HUB_DEGREE for x in (u, v))
        drawn[u][v]["weight"] = HUB_PULL if hub else 1.0
    pos = layout(drawn.subgraph([n for n in drawn if drawn.degree(n)]))
    extent = max((max(abs(x), abs(y)) for x, y in pos.values()), default=100.0)
    rest = sorted(n for n in drawn if n not in pos)
    for i, v in enumerate(rest):  # isolated mentions (and places linked only to them) on an outer ring
        angle = 2 * math.pi * i / max(len(rest), 1)
        pos[v] = (round(1.3 * extent * math.cos(angle), 1), round(1.3 * extent * math.sin(angle), 1))
    return dict(sorted(pos.items()))


def drawn_edges(g: nx.MultiDiGraph):
    """The edges the picture draws, in a fixed order: people to their meetings, meetings to their place,
    organisations to their parent and seat, roles' countries; a country's or a body's part in a
    meeting is in the panel, not a line."""
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if d["type"] not in SHOWN_EDGE_TYPES:
            continue
        if d["type"] == "participated_in" and g.nodes[u]["type"] != "person":
            continue
        yield u, v, (k, d)


class SourceTable:
    """Sentences and articles quoted by the panels, each stored once in the page: a sentence is the
    source of a meeting, of its people and of its places alike."""

    def __init__(self, kg: KnowledgeGraph):
        self.kg = kg
        self.sentences: list[str] = []
        self.articles: dict[str, dict[str, Any]] = {}
        self._index: dict[str, int] = {}

    def sources(self, d: dict[str, Any], limit: int = 6) -> list[list[Any]]:
        """[article id, sentence index or -1], the first ``limit`` distinct ones."""
        out, seen = [], set()
        for aid, s, e in d.get("sources", []):
            text = self.kg.sentence(aid, s, e) if s >= 0 else None
            if (aid, text) in seen:
                continue
            seen.add((aid, text))
            if aid not in self.articles:
                art = self.kg.articles.get(aid, {})
                self.articles[aid] = {"title": art.get("title") or aid, "published": art.get("published"),
                                      "url": web_iri(art.get("url"))}
            index = -1
            if text:
                index = self._index.setdefault(text, len(self.sentences))
                if index == len(self.sentences):
                    self.sentences.append(text)
            out.append([aid, index])
            if len(out) >= limit:
                break
        return out


def _merge_notes(kg: KnowledgeGraph, d: dict[str, Any]) -> list[dict[str, str]]:
    """Why reports were taken for one node, article by article ("same place and date (2024-11-12)")."""
    out = []
    for note in d.get("merged", []):
        aid, _, reason = str(note).partition(": ")
        title = kg.articles.get(aid, {}).get("title") or aid
        out.append({"article": str(title), "reason": reason})
    return out


def _meeting_detail(kg: KnowledgeGraph, mid: str) -> dict[str, Any]:
    """Who, where, when and with what: everything a meeting's panel shows, as ids and plain text."""
    g = kg.g
    d = g.nodes[mid]
    people: dict[str, dict[str, Any]] = {}
    orgs, countries = set(), set()
    for u, _, e in g.in_edges(mid, data=True):
        kind = g.nodes[u]["type"]
        if e["type"] == "participated_in" and kind == "person":
            entry = people.setdefault(u, {"id": u, "roles": set(), "side": None})
            for role in (e.get("role_en"), e.get("role")):
                if role:
                    entry["roles"].add(str(role))
            entry["side"] = entry["side"] or e.get("side")
        elif e["type"] == "participated_in" and kind == "organisation":
            orgs.add(u)
        elif e["type"] == "participated_in" and kind == "country":
            countries.add(u)
    hosts = sorted(v for _, v, e in g.out_edges(mid, data=True) if e["type"] == "hosted_by")
    subs = sorted(u for u, _, e in g.in_edges(mid, data=True) if e["type"] == "part_of")
    part_of = sorted(v for _, v, e in g.out_edges(mid, data=True) if e["type"] == "part_of")
    ordered = meeting_people(kg, mid)
    return {
        "date_end": d.get("date_end") if d.get("date_end") != d.get("date_start") else None,
        "status": d.get("status"), "meeting_type": d.get("meeting_type"),
        "city": d.get("city"), "country": ids.country_node(d["country"]) if d.get("country") else None,
        "people": [_compact({"id": p, "roles": sorted(people[p]["roles"]), "side": people[p]["side"]})
                   for p in ordered],
        "organisations": sorted(orgs), "countries": sorted(set(countries) | set(hosts)),
        "sub_meetings": subs, "part_of": part_of,
    }


def _person_detail(kg: KnowledgeGraph, pid: str) -> dict[str, Any]:
    """A person's roles over time (the page finds their meetings and the people met from the links)."""
    g = kg.g
    roles: dict[str, dict[str, Any]] = {}
    for _, v, e in g.out_edges(pid, data=True):
        if e["type"] == "participated_in" and (e.get("role_en") or e.get("role")):
            role = str(e.get("role_en") or e.get("role"))
            first = roles.setdefault(role, {"role": role, "original": set(), "since": None, "until": None})
            if e.get("role") and e.get("role") != role:
                first["original"].add(str(e["role"]))
            day = g.nodes[v].get("date_start")
            if day:
                first["since"] = min(filter(None, [first["since"], day]))
                first["until"] = max(filter(None, [first["until"], day]))
        elif e["type"] == "holds_role":
            role = str(g.nodes[v].get("title_en") or g.nodes[v].get("label"))
            roles.setdefault(role, {"role": role, "original": set(), "since": None, "until": None})
            roles[role]["original"] |= {str(n) for n in g.nodes[v].get("names", []) if n != role}
    return {"roles": [_compact({**r, "original": sorted(r["original"])}) for r in
                      sorted(roles.values(), key=lambda r: (str(r["since"] or "9999"), r["role"]))]}


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    """The entry without its empty fields: the page reads a missing field as empty (a 50k-node page
    is a fifth smaller for it)."""
    return {k: v for k, v in d.items() if v not in (None, [], {}, "")}


OVERVIEW_MAX = 3000  # nodes in the first view of a big graph: the best-connected; the rest opens on demand


def network_data(kg: KnowledgeGraph, overview: int = OVERVIEW_MAX) -> dict[str, Any]:
    """Nodes, edges and everything the page's panels, list and timeline show, with names in each
    display language; built in one pass over the graph (no per-node search).

    Compact, because a 40,000-node page must load fast: nodes are ``[id, x, y]``, edges pairs of
    indexes into the nodes, a name is given per language only where it differs from the English one,
    and what the page can derive (sizes, neighbours, a person's meetings and the people met) it does.
    """
    g = view_graph(kg.tidy())
    pos = layout_among_people(g)
    langs = display_languages()
    quotes = SourceTable(kg)
    nodes, details = [], {}
    for nid in sorted(g.nodes):
        d = g.nodes[nid]
        x, y = pos.get(nid, (0.0, 0.0))
        names = {lang: clean_text(name_in(kg, nid, lang) or str(d.get("label") or nid)) for lang in langs}
        nodes.append([nid, x, y])
        detail: dict[str, Any] = {
            "type": d["type"], "name": _per_language(names), "names": [clean_text(n) for n in d.get("names", [])],
            "date": d.get("date_start"),
            "sources": quotes.sources(d), "merged": _merge_notes(kg, d), "acronym": d.get("acronym"),
        }
        if d["type"] == "meeting":
            detail.update(_meeting_detail(kg, nid))
        elif d["type"] == "person":
            detail.update(_person_detail(kg, nid))
        details[nid] = _compact(detail) | {"type": d["type"], "name": detail["name"]}
    index = {nid: i for i, (nid, _, _) in enumerate(nodes)}
    edges = [[index[u], index[v]] for u, v, _ in drawn_edges(g)]
    return {"nodes": nodes, "edges": edges, "details": details, "languages": list(langs), "overview": overview,
            "separators": {lang: title_words()[lang].separator for lang in langs}, "label_width": LABEL_WIDTH,
            "sentences": quotes.sentences, "articles": quotes.articles,
            "strings": _strings(),
            "legend": [{"type": t, **s} for t, s in STYLE.items() if t not in ("article", "role")]}


LABEL_WIDTH = 40  # characters on one line of a node's label (the page cuts it); the panel has the whole name


def _per_language(values: dict[str, str]) -> dict[str, str]:
    """English always; another language only where it differs (the page falls back to English)."""
    first = next(iter(values))
    return {lang: v for lang, v in values.items() if lang == first or v != values[first]}


def clean_text(text: str) -> str:
    """A name as the page shows it: bidi controls that could reverse the text around it removed."""
    return _BIDI_CONTROLS.sub("", str(text))


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _strings() -> dict[str, Any]:
    """The page's own words in each display language (data/viz/strings.json)."""
    return json.loads(resources.files("graphbuild").joinpath("data", "viz", "strings.json").read_text("utf-8"))


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


def render_html(kg: KnowledgeGraph, title: str = "graphbuild: meetings graph", overview: int = OVERVIEW_MAX) -> str:
    data = network_data(kg, overview)
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
  <select id="language" aria-label="Language"></select>
</header>
<main>
  <aside id="filters">
    <h2 data-t="show">Show</h2>
    <div id="type-filters"></div>
    <label><input id="isolated" type="checkbox"> <span id="isolated-label"></span></label>
    <label id="everything-box" hidden><input id="everything" type="checkbox">
      <span id="everything-label"></span></label>
    <label><span data-t="country">Country</span> <select id="country-filter">
    <option value="" data-t="all">all</option></select></label>
    <label><span data-t="from">From</span> <input id="date-from" type="date"></label>
    <label><span data-t="to">To</span> <input id="date-to" type="date"></label>
    <label><input id="undated" type="checkbox"> <span data-t="undated">Keep undated meetings</span></label>
    <button id="reset" type="button" data-t="reset">Reset</button>
    <button id="focus" type="button" disabled data-t="ego">Neighbourhood of selection</button>
    <button id="csv" type="button" data-t="csv">Download CSV</button>
    <h2 data-t="legend">Legend</h2>
    <ul id="legend"></ul>
  </aside>
  <section id="centre">
    <nav id="tabs"><button id="tab-graph" type="button" class="on" data-t="graph">Graph</button>
      <button id="tab-list" type="button" data-t="list">Meetings list</button></nav>
    <div id="network" role="img" aria-label="graph"></div>
    <div id="list" hidden><table id="meeting-table"><thead><tr></tr></thead><tbody></tbody></table></div>
    <div id="timeline-box"><div id="timeline-title" data-t="timeline"></div><div id="timeline" role="group"></div></div>
  </section>
  <aside id="panel" aria-live="polite">
    <p class="hint" data-t="hint">Click a node to see who, where and when.</p></aside>
</main>
<script id="graph-data" type="application/json">{_json_for_script(data)}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""


def write_html(kg: KnowledgeGraph, path: str | Path, title: str | None = None, overview: int = OVERVIEW_MAX) -> Path:
    """The view as one offline file; a graph of more than ``overview`` nodes opens on an overview."""
    path = Path(path)
    path.write_text(render_html(kg, title or "graphbuild: meetings graph", overview), encoding="utf-8")
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
