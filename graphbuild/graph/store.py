"""The store: a networkx MultiDiGraph whose nodes and edges keep their sources.

Writing only: nodes are created once and filled in (a value already set is never
overwritten), edges are keyed by type and attributes, and every node and edge
remembers the articles and character spans it came from. Source lists grow in O(1)
per source and are sorted by ``tidy`` before anyone reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx


def sources_of(article: str, mentions: Iterable[Iterable[int]] | None) -> list[list[Any]]:
    return [[article, int(s), int(e)] for s, e in (mentions or [])]


class GraphStore:
    """The graph, the article table and the bookkeeping that keeps source lists sorted and unique."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        self.articles: dict[str, dict[str, Any]] = {}
        self._seen: dict[tuple, set[tuple]] = {}
        self._dirty: dict[tuple, list] = {}
        self.claims: dict[str, list[str]] = {}  # person/meeting node -> the article claims it is made of

    def node(self, nid: str, ntype: str, label: str, **attrs: Any) -> str:
        """Create the node, or fill in the attributes it does not have yet."""
        if nid not in self.g:
            self.g.add_node(nid, type=ntype, label=label, sources=[], **{k: v for k, v in attrs.items()
                                                                          if v is not None})
        else:
            node = self.g.nodes[nid]
            for k, v in attrs.items():
                if v is not None and k not in node:
                    node[k] = v
        return nid

    def add_name(self, nid: str, name: str | None) -> None:
        """One more spelling of a node's name (kept sorted, each once)."""
        if not name:
            return
        names = self.g.nodes[nid].setdefault("names", [])
        if name not in names:
            names.append(name)
            names.sort()

    def add_sources(self, owner: tuple, sources: list, new: list[list[Any]]) -> None:
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

    def tidy(self) -> GraphStore:
        """Sort the source lists touched since the last call (deterministic output, linear merging)."""
        for sources in self._dirty.values():
            sources.sort()
        self._dirty.clear()
        return self

    def claim(self, nid: str, article: str, what: str) -> None:
        """Record that ``article`` reported the node as ``what`` (a name key, a meeting's own id): the
        claims are what stable ids are kept by (``identity.py``)."""
        members = self.claims.setdefault(nid, [])
        member = f"{article} {what}"
        if member not in members[-1:]:
            members.append(member)

    def forget_sources(self) -> None:
        """Drop the bookkeeping of source lists (after nodes were renamed); it is rebuilt on demand."""
        self.tidy()
        self._seen.clear()

    def mention(self, a_node: str, nid: str, aid: str, mentions) -> None:
        """The article mentions the node at these spans."""
        node = self.g.nodes[nid]
        self.add_sources(("n", nid), node.setdefault("sources", []), sources_of(aid, mentions))
        self.edge(a_node, nid, "mentions", aid, mentions, 1.0)

    def edge(self, u: str, v: str, etype: str, aid: str, mentions, confidence: float, **attrs: Any) -> None:
        """An edge keyed by its type and attributes: the same fact from two articles is one edge, two sources."""
        key = etype + "|" + "|".join(f"{k}={attrs[k]}" for k in sorted(attrs) if attrs[k] is not None)
        if self.g.has_edge(u, v, key):
            data = self.g.edges[u, v, key]
            self.add_sources(("e", u, v, key), data["sources"], sources_of(aid, mentions) or [[aid, -1, -1]])
            data["confidence"] = max(data["confidence"], confidence)
            return
        self.g.add_edge(u, v, key=key, type=etype, sources=sources_of(aid, mentions) or [[aid, -1, -1]],
                        confidence=round(float(confidence), 3), **{k: x for k, x in attrs.items() if x is not None})
