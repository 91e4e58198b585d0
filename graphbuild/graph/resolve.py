"""Entity resolution: which graph node an article's person or meeting is, and why.

Pure reading: the resolver looks at the graph's nodes through its indexes and
answers with a node id (or None: a new node) and the reason of the merge; the
merge (``merge.py``) writes. Persons match by normalised name within a script
and by a transliteration-aware comparison across scripts backed by shared context
(the same organisation, country or meeting); meetings by series and ordinal, or by
place and date, or by shared participants. The indexes are rebuilt from the
graph's nodes, so a loaded graph resolves exactly as the one that was saved.
Countries, cities, organisations and roles need no resolving: their ids are keys
(``graphbuild.ids``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import networkx as nx

from ..script import has_arabic
from ..text import fold
from ..translit import skeleton, skeletons

Match = tuple[str | None, str]  # (the node id, or None for a new node; the reason of the merge)


class EntityResolver:
    """Resolution with indexes (name key, spelling, skeleton, family name; meetings by ordinal, city
    and participant), so adding an article costs the same whatever the size of the graph."""

    def __init__(self, g: nx.MultiDiGraph):
        self.g = g
        self._index: dict[str, dict[Any, set[str]]] = defaultdict(lambda: defaultdict(set))

    def restore(self) -> None:
        """Rebuild the indexes from the graph's nodes (after loading a saved graph)."""
        self._index.clear()
        for nid, d in self.g.nodes(data=True):
            if d.get("type") == "person":
                for name in d.get("names", []):
                    self._index_person(nid, name)
                for key in d.get("keys", []):
                    self._index["key"][key].add(nid)
            elif d.get("type") == "meeting":
                self.remember_meeting(nid, d)

    def _index_person(self, nid: str, name: str) -> None:
        self._index["letters"][_letters(name)].add(nid)
        for form in skeletons(name):
            self._index["skeleton"][form].add(nid)
        sk = skeleton(name)
        if sk:
            self._index["family"][sk[-1]].add(nid)

    # -- persons ------------------------------------------------------------------------
    def person(self, name: str, key: str, context: set[str]) -> Match:
        """The node of a person of two words or more, by the same name or a spelling of it."""
        if len(key.split()) < 2:
            return None, ""  # a single word is not enough to merge on
        same = sorted(self._index["key"].get(key, ()))
        if same:
            return same[0], f"same name {name!r}"
        return self._cross_script(name, context)

    def remember_person(self, nid: str, name: str, key: str) -> None:
        if len(key.split()) >= 2:
            self._index["key"][key].add(nid)
            self._index_person(nid, name)

    def _cross_script(self, name: str, context: set[str]) -> tuple[str | None, str]:
        """A person spelled otherwise (another script, "Ben Mansour"/"Benmansour"): the same consonant
        skeleton, or a close one plus shared context (the same organisation or country in a role)."""
        sk = skeleton(name)
        forms = skeletons(name)
        if len(sk) < 2:
            return None, ""
        best, best_score, why = None, 0.0, ""
        idx = self._index
        candidates = set(idx["letters"].get(_letters(name), ())) | idx["family"].get(sk[-1], set())
        for form in forms:
            candidates |= idx["skeleton"].get(form, set())
        for nid in sorted(candidates):
            node = self.g.nodes[nid]
            shared = context & set(node.get("context", []))
            for other in node.get("names", []):
                osk = skeleton(other)
                if len(osk) < 2:
                    continue
                if has_arabic(other) == has_arabic(name):
                    if _letters(other) == _letters(name):  # "Ben Mansour" / "Benmansour": only spacing differs
                        return nid, f"same name, spaced differently ({other!r})"
                    continue  # within a script, Karim/Karima share a skeleton: never merge on it
                same = forms & skeletons(other)
                if same and len("".join(next(iter(same)))) >= 5 and len(next(iter(same))) >= 2:
                    form = "-".join(sorted(same)[0])
                    return nid, f"same name across scripts ({other!r}, skeleton {form})"
                if not shared:
                    continue
                if osk[-1] != sk[-1] and SequenceMatcher(None, osk[-1], sk[-1]).ratio() < 0.8:
                    continue  # family names must agree
                score = SequenceMatcher(None, " ".join(osk), " ".join(sk)).ratio()
                if score >= 0.6 and score > best_score:
                    best, best_score = nid, score
                    why = (f"transliteration of {other!r} (similarity {score:.2f}) "
                           f"and shared context {sorted(shared)[0]}")
        return best, why

    # -- meetings --------------------------------------------------------------------------
    def meeting(self, m: dict, article: str, city: str | None, people: set[str], orgs: set[str]) -> Match:
        """The node of a meeting another article reported: same series and ordinal, place and date,
        or two shared participants; never a meeting of the same article."""
        idx = self._index
        candidates = set(idx["ordinal"].get(m.get("ordinal"), ())) if m.get("ordinal") is not None else set()
        if city:
            candidates |= idx["city"].get(city, set())
        for p in people:
            candidates |= idx["participant"].get(p, set())
        for nid in sorted(candidates):
            node = self.g.nodes[nid]
            if article in {s[0] for s in node.get("sources", [])}:
                continue  # two meetings in one article stay two
            reason = self._same_meeting(node, m, city, people, orgs)
            if reason:
                return nid, reason
        return None, ""

    def remember_meeting(self, nid: str, d: dict) -> None:
        if d.get("ordinal") is not None:
            self._index["ordinal"][d["ordinal"]].add(nid)
        if d.get("city"):
            self._index["city"][d["city"]].add(nid)
        for p in d.get("participants_key", []):
            self._index["participant"][p].add(nid)

    def _same_meeting(self, node: dict, m: dict, city: str | None, people: set[str], orgs: set[str]) -> str:
        shared_people = people & set(node.get("participants_key", []))
        same_city = city is not None and node.get("city") == city
        dates_overlap = _overlap(node.get("date_start"), node.get("date_end"), m.get("date_start"),
                                 m.get("date_end"))
        dates_conflict = node.get("date_start") and m.get("date_start") and not dates_overlap
        if city is not None and node.get("city") and node.get("city") != city:
            return ""  # the same people meeting in Rabat and then in Madrid: two meetings
        if dates_conflict and not (m.get("ordinal") and node.get("ordinal") == m.get("ordinal")):
            return ""
        if m.get("ordinal") and node.get("ordinal") == m.get("ordinal") and (
                same_city or orgs & set(node.get("org_key", [])) or shared_people):
            return f"same series and ordinal ({m['ordinal']})"
        if same_city and dates_overlap:
            return f"same place and date ({node.get('date_start')})"
        if len(shared_people) >= 2 and (same_city or dates_overlap or not (node.get("date_start")
                                                                          and m.get("date_start"))):
            return f"{len(shared_people)} shared participants"
        return ""



def _overlap(a_start, a_end, b_start, b_end) -> bool:
    if not a_start or not b_start:
        return False
    try:
        a0, b0 = dt.date.fromisoformat(a_start), dt.date.fromisoformat(b_start)
        a1 = dt.date.fromisoformat(a_end) if a_end else a0
        b1 = dt.date.fromisoformat(b_end) if b_end else b0
    except ValueError:
        return False
    return a0 <= b1 + dt.timedelta(days=1) and b0 <= a1 + dt.timedelta(days=1)


@lru_cache(maxsize=200_000)
def _letters(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalnum())

