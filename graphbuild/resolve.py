"""Entity resolution: which graph node an article's entity is.

Countries by ISO code, cities by GeoNames id, organisations by gazetteer id or
normalised name; persons by normalised name within a script and by a
transliteration-aware comparison across scripts backed by shared context (the
same organisation, country or meeting); meetings by series and ordinal, or by
place and date, or by shared participants. Each merge records its reason on the
node. The indexes are rebuilt from the graph's nodes, so a loaded graph resolves
exactly as the one that was saved.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import ids
from .reference import countries, headquarters
from .script import has_arabic
from .text import fold
from .translit import skeleton, skeletons, to_latin

if TYPE_CHECKING:
    from .graph import KnowledgeGraph


def _merge_note(node: dict, article: str, reason: str) -> None:
    notes = node.setdefault("merged", [])
    note = f"{article}: {reason}"
    if note not in notes:
        notes.append(note)
        notes.sort()


class EntityResolver:
    """Resolution with indexes (name key, spelling, skeleton, family name; meetings by ordinal, city
    and participant), so adding an article costs the same whatever the size of the graph."""

    def __init__(self, kg: KnowledgeGraph):
        self.kg = kg
        self._index: dict[str, dict[Any, set[str]]] = defaultdict(lambda: defaultdict(set))

    @property
    def g(self):
        return self.kg.g

    def state(self) -> dict[str, Any]:
        return {}  # the indexes are rebuilt from the nodes: the saved graph is the whole state

    def restore(self, state: dict[str, Any]) -> None:
        self._index.clear()
        for nid, d in self.g.nodes(data=True):
            if d.get("type") == "person":
                for name in d.get("names", []):
                    self._index_person(nid, name)
                for key in d.get("keys", []):
                    self._index["key"][key].add(nid)
            elif d.get("type") == "meeting":
                self._index_meeting(nid, d)

    def _index_person(self, nid: str, name: str) -> None:
        self._index["letters"][_letters(name)].add(nid)
        for form in skeletons(name):
            self._index["skeleton"][form].add(nid)
        sk = skeleton(name)
        if sk:
            self._index["family"][sk[-1]].add(nid)

    def _index_meeting(self, nid: str, d: dict) -> None:
        if d.get("ordinal") is not None:
            self._index["ordinal"][d["ordinal"]].add(nid)
        if d.get("city"):
            self._index["city"][d["city"]].add(nid)
        for p in d.get("participants_key", []):
            self._index["participant"][p].add(nid)

    # -- places and organisations ----------------------------------------------------
    def country_code(self, iso2: str) -> str:
        nid = ids.country_node(iso2)
        if nid not in self.g:
            entry = countries().get(iso2.upper())
            names = entry.names if entry else {}
            self.kg._node(nid, "country", names.get("en") or iso2, iso2=iso2.upper(),
                          wikidata=entry.wikidata if entry else None,
                          name_ar=names.get("ar"), name_fr=names.get("fr"), name_en=names.get("en"))
        return nid

    def country(self, c: dict) -> str:
        return self.country_code(c["iso2"])

    def city(self, c: dict) -> str:
        nid = ids.city_node(c.get("geonames"), c["name"])
        self.kg._node(nid, "city", c.get("name_en") or c["name"], geonames=c.get("geonames"),
                      country=c.get("country"), name_en=c.get("name_en"), latitude=c.get("latitude"),
                      longitude=c.get("longitude"))
        self._add_name(nid, c.get("name"))
        if c.get("country"):
            self.country_code(c["country"])  # every city's country is a node too
        return nid

    def organisation(self, o: dict, article: str) -> str:
        oid = o["id"]
        if ids.is_unlisted_org(oid):
            nid = ids.unlisted_org_node(o["name"])
        else:
            nid = oid
        self.kg._node(nid, "organisation", o.get("name_en") or o["name"], wikidata=o.get("wikidata"),
                      country=o.get("country"), acronym=o.get("acronym"), name_en=o.get("name_en"))
        self._add_name(nid, o.get("name"))
        return nid

    @staticmethod
    def role_id(r: dict) -> str:
        return ids.role_node(r.get("title_en"), r.get("title"))

    def headquarters(self, o: dict) -> str | None:
        """The city node of a gazetteer organisation's headquarters (Interpol → Lyon), if known."""
        if not ids.is_listed_org(o["id"]):
            return None
        city = headquarters(ids.local_part(o["id"]))
        if city is None:
            return None
        return self.city({"geonames": city.geonames, "name": city.name, "name_en": city.name,
                          "country": city.country, "latitude": city.latitude, "longitude": city.longitude})

    def role(self, r: dict) -> str:
        label = r.get("title_en") or r.get("title") or "role"
        nid = self.role_id(r)
        self.kg._node(nid, "role", label, title_en=r.get("title_en"))
        self._add_name(nid, r.get("title"))
        return nid

    def _add_name(self, nid: str, name: str | None) -> None:
        if not name:
            return
        names = self.g.nodes[nid].setdefault("names", [])
        if name not in names:
            names.append(name)
            names.sort()

    # -- persons ------------------------------------------------------------------------
    def person(self, p: dict, article: str, ext: dict, local: dict[str, str]) -> str:
        name = p["name"]
        key = ids.name_key(name)
        context = self._person_context(p, local, ext)
        best, reason = None, ""
        if len(key.split()) >= 2:
            same = sorted(self._index["key"].get(key, ()))
            if same:
                best, reason = same[0], f"same name {name!r}"
            else:
                best, reason = self._cross_script(name, context)
        if best is None:
            nid = ids.person_node(key, article)
            self.kg._node(nid, "person", name if not has_arabic(name) else (to_latin(name) or name),
                          label_script="arabic" if has_arabic(name) else "latin", name_latin=p.get("name_latin"))
        else:
            nid = best
            _merge_note(self.g.nodes[nid], article, reason)
        node = self.g.nodes[nid]
        self._add_name(nid, name)
        keys = node.setdefault("keys", [])
        if key not in keys:
            keys.append(key)
            keys.sort()
        if len(key.split()) >= 2:
            self._index["key"][key].add(nid)
            self._index_person(nid, name)
        node["context"] = sorted(set(node.get("context", [])) | context)
        if not has_arabic(name) and node.get("label_script") == "arabic":
            node["label"], node["label_script"] = name, "latin"  # a Latin spelling from the press beats ours
        return nid

    def _person_context(self, p: dict, local: dict[str, str], ext: dict | None = None) -> set[str]:
        """What a person is known by besides the name: the organisations and countries of their roles,
        and the meetings they attended (city and day), which articles in other languages share."""
        ctx = set()
        for r in p.get("roles", []):
            if r.get("org"):
                ctx.add(local.get(r["org"], r["org"]))
            if r.get("country"):
                ctx.add(f"country:{r['country']}")
        for m in (ext or {}).get("meetings", []):
            if m.get("date_start") and m.get("city") in local and \
                    any(part.get("person") == p.get("id") for part in m.get("participants", [])):
                ctx.add(f"met@{local[m['city']]}@{m['date_start']}")
        return ctx

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
    def meeting(self, m: dict, article: str, local: dict[str, str], art: dict) -> str:
        people = {local[p["person"]] for p in m.get("participants", []) if p["person"] in local}
        city = local.get(m.get("city") or "")
        orgs = {local[o] for o in m.get("organisations", []) if o in local}
        best, reason = None, ""
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
            r = self._same_meeting(node, m, city, people, orgs, nid)
            if r:
                best, reason = nid, r
                break
        sources = [[article, s, e] for s, e in m.get("mentions", [])]
        if best is None:
            nid = ids.meeting_node(article, m["id"])
            self.kg._node(nid, "meeting", m.get("label") or "meeting", meeting_type=m.get("type"),
                          ordinal=m.get("ordinal"), date_start=m.get("date_start"), date_end=m.get("date_end"),
                          city=city, country=m.get("country"), status=m.get("status"))
            node = self.g.nodes[nid]
        else:
            nid = best
            node = self.g.nodes[nid]
            _merge_note(node, article, reason)
            for k in ("ordinal", "date_start", "date_end", "city", "country"):
                v = city if k == "city" else m.get(k)
                if v is not None and node.get(k) is None:
                    node[k] = v
        self._add_name(nid, m.get("label"))
        for attr, value in (("date_start", m.get("date_start")), ("city", city), ("country", m.get("country"))):
            if value is None:
                continue
            claims = node.setdefault(f"{attr}_claims", [])
            claim = [value, article]
            if claim not in claims:
                claims.append(claim)
                claims.sort()
        node["participants_key"] = sorted(set(node.get("participants_key", [])) | people)
        node["org_key"] = sorted(set(node.get("org_key", [])) | orgs)
        self._index_meeting(nid, node)
        for s in sources:
            if s not in node["sources"]:
                node["sources"].append(s)
        node["sources"].sort()
        return nid

    def _same_meeting(self, node: dict, m: dict, city: str | None, people: set[str], orgs: set[str],
                      nid: str) -> str:
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

