"""One knowledge graph across articles and languages, over a networkx MultiDiGraph.

Nodes are typed (meeting, person, organisation, country, city, article, role) and
keyed by resolved identities, so the same entity from two articles or scripts
becomes one node. Every node and edge keeps its sources (article id, character
spans) and a confidence. Merges are recorded with their reason in
``node["merged"]``; wrong merges are worse than missed ones, so persons merge
only on strong evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from .resolve import EntityResolver

FORMAT = "graphbuild-graph/1"
NODE_TYPES = ("meeting", "person", "organisation", "country", "city", "article", "role")


def _src(article: str, mentions: Iterable[Iterable[int]] | None) -> list[list[Any]]:
    return [[article, int(s), int(e)] for s, e in (mentions or [])]


class KnowledgeGraph:
    """The graph plus the notebook API (tables, queries, views, exports)."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        self.resolver = EntityResolver(self)
        self.articles: dict[str, dict[str, Any]] = {}
        self.report = None
        self._seen: dict[tuple, set[tuple]] = {}
        self._dirty: dict[tuple, list] = {}

    # -- building ------------------------------------------------------------------
    def add_extraction(self, ext: dict[str, Any], text: str | None = None) -> None:
        """Merge one article's extraction (EXTRACTION.md dict) into the graph.

        With the article ``text``, the sentences are kept so that every fact can
        show the sentence it came from (HTML view, NIF anchors).
        """
        art = ext["article"]
        aid = art["id"]
        if aid in self.articles:
            return
        info = {k: art.get(k) for k in ("id", "lang", "title", "url", "published", "source", "length")}
        info["sentences"] = [list(s) for s in ext.get("sentences", [])]
        if text is not None:
            info["sentence_text"] = {f"{a}-{b}": " ".join(text[a:b].split()) for a, b, *_ in ext.get("evidence", [])}
        else:
            info["sentence_text"] = {f"{a}-{b}": t for a, b, t in ext.get("evidence", [])}
        self.articles[aid] = info
        a_node = f"article:{aid}"
        self._node(a_node, "article", art.get("title") or aid, lang=art.get("lang"), url=art.get("url"),
                   published=art.get("published"), article_id=aid)
        local: dict[str, str] = {}
        for c in ext.get("countries", []):
            nid = self.resolver.country(c)
            local[c["iso2"]] = nid
            self._mention(a_node, nid, aid, c.get("mentions"))
        for c in ext.get("cities", []):
            nid = self.resolver.city(c)
            local[c["id"]] = nid
            self._mention(a_node, nid, aid, c.get("mentions"))
            if c.get("country"):
                cn = self.resolver.country_code(c["country"])
                self._edge(nid, cn, "located_in", aid, [], 1.0)
        for o in ext.get("organisations", []):
            nid = self.resolver.organisation(o, aid)
            local[o["id"]] = nid
            self._mention(a_node, nid, aid, o.get("mentions"))
            if o.get("country"):
                self._edge(nid, self.resolver.country_code(o["country"]), "based_in", aid, [], 0.9)
            hq = self.resolver.headquarters(o)
            if hq:
                self._edge(nid, hq, "headquartered_in", aid, [], 1.0)
        persons = ext.get("persons", [])
        for p in persons:
            nid = self.resolver.person(p, aid, ext, local)
            local[p["id"]] = nid
            self._mention(a_node, nid, aid, p.get("mentions"))
            for r in p.get("roles", []):
                role_node = self.resolver.role(r)
                self._edge(nid, role_node, "holds_role", aid, r.get("mentions"), 0.8, title=r.get("title"))
                target = local.get(r.get("org") or "") or (
                    self.resolver.country_code(r["country"]) if r.get("country") else None)
                if target:
                    self._edge(nid, target, "holds_role_at", aid, r.get("mentions"), 0.8, title=r.get("title"),
                               title_en=r.get("title_en"))
        for pid in art.get("authors") or []:
            if pid in local:
                self._edge(a_node, local[pid], "authored_by", aid, [], 0.9)
        for m in ext.get("meetings", []):
            nid = self.resolver.meeting(m, aid, local, art)
            self._edge(a_node, nid, "reports", aid, m.get("mentions"), m.get("confidence", 0.8))
            if m.get("city") and m["city"] in local:
                self._edge(nid, local[m["city"]], "located_in", aid, m.get("mentions")[:1], 0.8)
            if m.get("country"):
                self._edge(nid, self.resolver.country_code(m["country"]), "hosted_by", aid, [], 0.8)
            for part in m.get("participants", []):
                pn = local.get(part["person"])
                if pn is None:
                    continue
                on_behalf = local.get(part.get("org") or "") or (
                    self.resolver.country_code(part["country"]) if part.get("country") else None)
                self._edge(pn, nid, "participated_in", aid, part.get("mentions"), part.get("confidence", 0.8),
                           role=part.get("role"), role_en=part.get("role_en"), on_behalf_of=on_behalf)
            for oid in m.get("organisations", []):
                if oid in local:
                    self._edge(local[oid], nid, "participated_in", aid, [], 0.7)
            for iso in m.get("countries", []):
                self._edge(self.resolver.country_code(iso), nid, "participated_in", aid, [], 0.7)

    def add(self, extractions: Iterable[dict[str, Any]]) -> KnowledgeGraph:
        """Add several extractions, in article-id order (the order a build uses)."""
        for e in sorted(extractions, key=lambda e: e["article"]["id"]):
            self.add_extraction(e)
        return self.tidy()

    @classmethod
    def from_extractions(cls, extractions: Iterable[dict[str, Any]]) -> KnowledgeGraph:
        return cls().add(extractions)

    def _node(self, nid: str, ntype: str, label: str, **attrs: Any) -> str:
        if nid not in self.g:
            self.g.add_node(nid, type=ntype, label=label, sources=[], **{k: v for k, v in attrs.items()
                                                                          if v is not None})
        else:
            node = self.g.nodes[nid]
            for k, v in attrs.items():
                if v is not None and k not in node:
                    node[k] = v
        return nid

    def _add_sources(self, owner: tuple, sources: list, new: list[list[Any]]) -> None:
        """Append new sources in O(1) each; lists are sorted once, by ``tidy``, before anyone reads them."""
        seen = self._seen.get(owner)
        if seen is None:
            seen = self._seen[owner] = {tuple(x) for x in sources}
        for src in new:
            t = tuple(src)
            if t not in seen:
                seen.add(t)
                sources.append(src)
                self._dirty[owner] = sources

    def tidy(self) -> KnowledgeGraph:
        """Sort the source lists touched since the last call (deterministic output, linear merging)."""
        for sources in self._dirty.values():
            sources.sort()
        self._dirty.clear()
        return self

    def _mention(self, a_node: str, nid: str, aid: str, mentions) -> None:
        node = self.g.nodes[nid]
        self._add_sources(("n", nid), node.setdefault("sources", []), _src(aid, mentions))
        self._edge(a_node, nid, "mentions", aid, mentions, 1.0)

    def _edge(self, u: str, v: str, etype: str, aid: str, mentions, confidence: float, **attrs: Any) -> None:
        key = etype + "|" + "|".join(f"{k}={attrs[k]}" for k in sorted(attrs) if attrs[k] is not None)
        if self.g.has_edge(u, v, key):
            data = self.g.edges[u, v, key]
            self._add_sources(("e", u, v, key), data["sources"], _src(aid, mentions) or [[aid, -1, -1]])
            data["confidence"] = max(data["confidence"], confidence)
            return
        self.g.add_edge(u, v, key=key, type=etype, sources=_src(aid, mentions) or [[aid, -1, -1]],
                        confidence=round(float(confidence), 3), **{k: x for k, x in attrs.items() if x is not None})

    # -- queries ----------------------------------------------------------------------
    def nodes_of(self, ntype: str) -> list[str]:
        return sorted(n for n, d in self.g.nodes(data=True) if d.get("type") == ntype)

    def participants(self, meeting: str) -> list[str]:
        meeting = self.find(meeting, "meeting")
        return sorted({u for u, _, d in self.g.in_edges(meeting, data=True)
                       if d["type"] == "participated_in" and self.g.nodes[u]["type"] == "person"})

    def meetings_of(self, person: str) -> list[str]:
        person = self.find(person, "person")
        return sorted({v for _, v, d in self.g.out_edges(person, data=True) if d["type"] == "participated_in"})

    def neighbourhood(self, node: str, depth: int = 1) -> nx.MultiDiGraph:
        node = self.find(node)
        nodes = nx.single_source_shortest_path_length(self.g.to_undirected(as_view=True), node, cutoff=depth)
        return self.g.subgraph(nodes).copy()

    def find(self, name: str, ntype: str | None = None) -> str:
        """A node id from an id or a label (any script)."""
        if name in self.g:
            return name
        from .text import fold

        want = fold(name).strip()
        for n, d in sorted(self.g.nodes(data=True)):
            if ntype and d.get("type") != ntype:
                continue
            labels = [d.get("label", "")] + list(d.get("names", []))
            if any(fold(str(x)).strip() == want for x in labels):
                return n
        raise KeyError(f"no {ntype or 'node'} called {name!r}")

    def co_attendance(self) -> nx.Graph:
        """Person–person graph; edge weight = number of meetings attended together."""
        proj = nx.Graph()
        for m in self.nodes_of("meeting"):
            people = self.participants(m)
            for p in people:
                proj.add_node(p, label=self.g.nodes[p]["label"])
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    w = proj.get_edge_data(a, b, {}).get("weight", 0)
                    proj.add_edge(a, b, weight=w + 1)
        return proj

    # -- tables ------------------------------------------------------------------------
    def _table(self, ntype: str | None = None):
        import pandas as pd

        rows = []
        for n, d in sorted(self.g.nodes(data=True)):
            if ntype and d.get("type") != ntype:
                continue
            row = {"id": n}
            row.update({k: _cell(v) for k, v in d.items() if k != "sources"})
            row["articles"] = len({s[0] for s in d.get("sources", [])})
            rows.append(row)
        return pd.DataFrame(rows)

    def nodes_table(self):
        return self._table()

    def meetings(self):
        """Meetings as a DataFrame, one row each."""
        df = self._table("meeting")
        if not df.empty:
            df["participants"] = [len(self.participants(m)) for m in df["id"]]
        return df

    def persons(self):
        return self._table("person")

    def organisations(self):
        return self._table("organisation")

    def edges(self):
        import pandas as pd

        rows = [{"source": u, "target": v, **{k: _cell(x) for k, x in d.items() if k != "sources"},
                 "articles": len({s[0] for s in d["sources"]})} for u, v, d in self.g.edges(data=True)]
        return pd.DataFrame(sorted(rows, key=lambda r: (r["source"], r["target"], r["type"])))

    def participations(self):
        import pandas as pd

        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for u, v, d in sorted(self.g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("role") or "")):
            if d["type"] != "participated_in" or self.g.nodes[u]["type"] != "person":
                continue
            m = self.g.nodes[v]
            row = merged.setdefault((v, u), {
                "meeting": v, "meeting_label": m.get("label"), "date": m.get("date_start"), "person": u,
                "name": self.g.nodes[u].get("label"), "roles": set(), "roles_en": set(), "on_behalf_of": set(),
                "confidence": 0.0, "articles": set()})
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

    # -- persistence ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        self.tidy()
        data = nx.node_link_data(self.g, edges="edges")
        data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
        data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], e["key"]))
        return {"format": FORMAT, "articles": dict(sorted(self.articles.items())),
                "resolver": self.resolver.state(), "graph": data}

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> KnowledgeGraph:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a graphbuild graph file (format {data.get('format')!r})")
        kg = cls()
        kg.g = nx.node_link_graph(data["graph"], directed=True, multigraph=True, edges="edges")
        kg.articles = data["articles"]
        kg.resolver.restore(data.get("resolver") or {})
        return kg

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KnowledgeGraph) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        plural = {"country": "countries", "city": "cities"}
        counts = {t: len(self.nodes_of(t)) for t in NODE_TYPES}
        return "KnowledgeGraph(" + ", ".join(f"{v} {plural.get(k, k + 's')}" for k, v in counts.items() if v) + ")"

    def rdf(self, base_iri: str | None = None):
        """The graph as an rdflib Dataset (named graph per article), ready for SPARQL."""
        from .export.rdf import to_rdflib

        return to_rdflib(self, base_iri)

    def sentence(self, article: str, start: int, end: int) -> str | None:
        """The text of the sentence holding ``[start, end)`` in an article, where known."""
        info = self.articles.get(article, {})
        for a, b in info.get("sentences", []):
            if a <= start and end <= b:
                return info.get("sentence_text", {}).get(f"{a}-{b}")
        return None

    # -- views -----------------------------------------------------------------------------------
    def show(self, **kwargs):
        """The interactive view, for a notebook cell (sandboxed iframe, works offline)."""
        from .viz import show

        return show(self, **kwargs)


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v
