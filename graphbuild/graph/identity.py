"""Stable identifiers: an output keeps the ids it has minted as its corpus grows.

A fresh merge names a person or meeting node after the first article (in article-id order)
that reported it, so a new article that sorts earlier, or a merge that joins two nodes,
would change ids that downstream systems already hold. The registry remembers, for each
claim a node is made of (an article and the name or meeting it reported there), the id that
claim belonged to; after the next merge each node takes back the oldest id among its
claims, and the other ids it absorbed stay as ``same_as`` aliases (``owl:sameAs`` in RDF).
Pure graph bookkeeping: the registry is plain data, read and written by the runner.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .. import ids
from .resolve import EntityResolver
from .store import GraphStore

FORMAT = "graphbuild-ids/1"
STABLE_KINDS = (ids.PERSON, ids.MEETING)  # the other kinds are keys already (country:MA, org:interpol …)


@dataclass
class IdRegistry:
    """What earlier builds of one output minted: claim -> id, id -> the build that minted it,
    retired id -> the id that absorbed it."""

    builds: int = 0
    owner: dict[str, str] = field(default_factory=dict)
    minted: dict[str, int] = field(default_factory=dict)
    same_as: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # what the caller keeps beside the ids

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> IdRegistry:
        if not data or data.get("format") != FORMAT:
            return cls()
        return cls(builds=int(data.get("builds", 0)), owner=dict(data.get("claims", {})),
                   minted={k: int(v) for k, v in data.get("minted", {}).items()},
                   same_as=dict(data.get("same_as", {})), extra=dict(data.get("extra", {})))

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "builds": self.builds, "minted": dict(sorted(self.minted.items())),
                "same_as": dict(sorted(self.same_as.items())), "claims": dict(sorted(self.owner.items())),
                "extra": {k: self.extra[k] for k in sorted(self.extra)}}


def stabilise(store: GraphStore, registry: IdRegistry) -> IdRegistry:
    """Rename the store's person and meeting nodes to the ids the registry gave their claims, and
    return the registry after this build. With an empty registry nothing is renamed."""
    build = registry.builds + 1
    claims = {nid: members for nid, members in store.claims.items() if nid in store.g}
    rename = _choose(claims, registry, build)
    if rename:
        _relabel(store, rename)
    final = {nid: rename.get(nid, nid) for nid in claims}
    aliases = _aliases(claims, final, registry)
    for nid in store.g:
        if nid in aliases:
            store.g.nodes[nid]["same_as"] = aliases[nid]
        else:
            store.g.nodes[nid].pop("same_as", None)
    owner = {m: final[nid] for nid, members in claims.items() for m in members}
    minted = {fid: registry.minted.get(fid, build) for fid in final.values()}
    same_as = {old: new for new, olds in aliases.items() for old in olds}
    return IdRegistry(build, owner, minted, same_as, dict(registry.extra))


def _choose(claims: dict[str, list[str]], registry: IdRegistry, build: int) -> dict[str, str]:
    """fresh id -> kept id, for the nodes whose claims held another id before. The oldest id wins;
    between nodes that want one id (a node split), the one holding more of its claims."""
    wanted: list[tuple[int, int, str, str]] = []
    for nid, members in claims.items():
        held = Counter(registry.owner[m] for m in set(members) if m in registry.owner)
        for old, count in held.items():
            wanted.append((registry.minted.get(old, build), -count, old, nid))
    wanted.sort()
    kept: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, old, nid in wanted:
        if nid not in kept and old not in taken:
            kept[nid] = old
            taken.add(old)
    for nid in sorted(claims):  # a node that keeps no old id keeps its fresh one, unless another took it
        if nid not in kept:
            fresh = nid
            while fresh in taken:
                fresh = ids.make(ids.kind_of(nid), ids.digest(fresh, "split"))
            kept[nid] = fresh
            taken.add(fresh)
    return {nid: kid for nid, kid in kept.items() if kid != nid}


def _aliases(claims: dict[str, list[str]], final: dict[str, str], registry: IdRegistry) -> dict[str, list[str]]:
    """surviving id -> the older ids it absorbed (earlier aliases follow their survivor)."""
    current = set(final.values())
    absorbed: dict[str, set[str]] = defaultdict(set)
    for nid, members in claims.items():
        for m in members:
            old = registry.owner.get(m)
            if old is not None and old not in current:
                absorbed[final[nid]].add(old)
    for old, survivor in registry.same_as.items():
        target = survivor
        seen = set()
        while target not in current and target in registry.same_as and target not in seen:
            seen.add(target)
            target = registry.same_as[target]
        if target in current and old not in current:
            absorbed[target].add(old)
    return {k: sorted(v) for k, v in absorbed.items() if v}


def _relabel(store: GraphStore, rename: dict[str, str]) -> None:
    """Rename nodes and every id-valued attribute that names them; the resolver's indexes follow."""
    nx.relabel_nodes(store.g, rename, copy=False)
    for _, d in store.g.nodes(data=True):
        if d.get("participants_key"):
            d["participants_key"] = sorted(rename.get(p, p) for p in d["participants_key"])
    store.claims = {rename.get(nid, nid): members for nid, members in store.claims.items()}
    store.forget_sources()
    resolver = getattr(store, "resolver", None)
    if isinstance(resolver, EntityResolver):
        resolver.g = store.g
        resolver.restore()
