"""One knowledge graph across articles and languages, over a networkx MultiDiGraph.

Nodes are typed (meeting, person, organisation, country, city, article, role) and
keyed by resolved identities, so the same entity from two articles or scripts
becomes one node. Every node and edge keeps its sources (article id, character
spans) and a confidence. Merges are recorded with their reason in
``node["merged"]``; wrong merges are worse than missed ones, so persons merge
only on strong evidence. The graph knows nothing of its exporters: they read it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from . import query
from .merge import merge_extraction
from .resolve import EntityResolver
from .store import GraphStore

FORMAT = "graphbuild-graph/1"
NODE_TYPES = ("meeting", "person", "organisation", "country", "city", "article", "role")


class KnowledgeGraph(GraphStore):
    """The graph plus the notebook API (tables and queries)."""

    def __init__(self) -> None:
        super().__init__()
        self.resolver = EntityResolver(self.g)
        self.report = None
        self._added: list[dict[str, Any]] | None = []  # what ``add`` merged, to merge again in order

    # -- building ------------------------------------------------------------------
    def add_extraction(self, ext: dict[str, Any], text: str | None = None) -> None:
        """Merge one article's extraction (EXTRACTION.md dict) into the graph.

        With the article ``text``, the sentences are kept so that every fact can
        show the sentence it came from (HTML view, NIF anchors).
        """
        self._added = None  # merged one by one: a later ``add`` cannot merge everything again
        merge_extraction(self, self.resolver, ext, text)

    def add(self, extractions: Iterable[dict[str, Any]]) -> KnowledgeGraph:
        """Add several extractions, in article-id order (the order a build uses), so that the graph is
        the one a build over all the articles gives: when one of them sorts before an article already
        merged, everything ``add`` was given is merged again in order."""
        new = sorted((e for e in extractions if e["article"]["id"] not in self.articles),
                     key=lambda e: e["article"]["id"])
        added = self._added
        if added and new and new[0]["article"]["id"] < max(self.articles):
            self.__init__()
            new = sorted(added + new, key=lambda e: e["article"]["id"])
            added = []
        for e in new:
            merge_extraction(self, self.resolver, e)
        self._added = None if added is None else added + new
        return self.tidy()

    @classmethod
    def from_extractions(cls, extractions: Iterable[dict[str, Any]]) -> KnowledgeGraph:
        return cls().add(extractions)

    # -- queries (graph/query.py) ------------------------------------------------------
    def nodes_of(self, ntype: str) -> list[str]:
        return query.nodes_of(self, ntype)

    def participants(self, meeting: str) -> list[str]:
        """The people who took part in a meeting (id or label)."""
        return query.participants(self, meeting)

    def meetings_of(self, person: str) -> list[str]:
        return query.meetings_of(self, person)

    def neighbourhood(self, node: str, depth: int = 1) -> nx.MultiDiGraph:
        return query.neighbourhood(self, node, depth)

    def find(self, name: str, ntype: str | None = None) -> str:
        """A node id from an id or a label (any script)."""
        return query.find(self, name, ntype)

    def co_attendance(self) -> nx.Graph:
        """Person–person graph; edge weight = number of meetings attended together."""
        return query.co_attendance(self)

    # -- tables (pandas) -----------------------------------------------------------------
    def nodes_table(self):
        return query.table(self)

    def meetings(self, **filters):
        """Meetings as a DataFrame, one row each, with names: filters ``country=``, ``since=``, ``until=``,
        ``type=``, ``person=`` (a part of a name, any script); ``lang=`` the labels' language (en, fr, ar)."""
        return query.meetings(self, **filters)

    def persons(self, name: str | None = None):
        """People as a DataFrame: names in every script, roles, organisations, meetings and their dates."""
        return query.persons(self, name=name)

    def lookup(self, text: str, ntype: str | None = None):
        """Every node whose name holds ``text`` (a part of a name, in any script), as a table."""
        return query.lookup(self, text, ntype)

    def organisations(self):
        return query.table(self, "organisation")

    def edges(self):
        return query.edges(self)

    def participations(self):
        """One row per person and meeting, several roles joined."""
        return query.participations(self)

    def entities(self):
        """Every person, organisation, country, city and meeting, one row each (the table others join on ``id``)."""
        return query.entities(self)

    def evidence(self, node: str):
        """Where each fact about a node (an id or a name) comes from: the other node, the relation, the
        role, the article and its file, and the sentence that says it."""
        return query.evidence(self, node)

    def mentions(self):
        """One row per article, entity and character span that names it, with the words there where known."""
        return query.mentions(self)

    # -- persistence ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        self.tidy()
        data = nx.node_link_data(self.g, edges="edges")
        data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
        data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], e["key"]))
        return {"format": FORMAT, "articles": dict(sorted(self.articles.items())),
                "resolver": {}, "graph": data}

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
        kg._added = None
        kg.resolver = EntityResolver(kg.g)
        kg.resolver.restore()
        return kg

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KnowledgeGraph) and self.to_dict() == other.to_dict()

    def __repr__(self) -> str:
        plural = {"country": "countries", "city": "cities"}
        counts = {t: len(self.nodes_of(t)) for t in NODE_TYPES}
        return "KnowledgeGraph(" + ", ".join(f"{v} {plural.get(k, k + 's')}" for k, v in counts.items() if v) + ")"

    def sentence(self, article: str, start: int, end: int) -> str | None:
        """The text of the sentence holding ``[start, end)`` in an article, where known."""
        info = self.articles.get(article, {})
        for a, b in info.get("sentences", []):
            if a <= start and end <= b:
                return info.get("sentence_text", {}).get(f"{a}-{b}")
        return None
