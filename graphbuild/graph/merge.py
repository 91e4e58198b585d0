"""The merge of one article's extraction into the store.

Reads the extraction (EXTRACTION.md dict), asks the resolver which node each
person and meeting is, and writes nodes and edges with their sources. ``local``
maps the extraction's own ids (``person:…`` of this article) to graph node ids.
"""

from __future__ import annotations

from typing import Any

from .. import ids
from ..reference import countries, headquarters, organisations
from ..script import has_arabic
from ..translit import to_latin
from .resolve import EntityResolver
from .store import GraphStore, sources_of


def merge_extraction(store: GraphStore, resolver: EntityResolver, ext: dict[str, Any],
                     text: str | None = None) -> None:
    """Merge one article; an article already in the store is left as it is."""
    art = ext["article"]
    aid = art["id"]
    if aid in store.articles:
        return
    store.articles[aid] = _article_info(art, ext, text)
    a_node = ids.article_node(aid)
    store.node(a_node, "article", art.get("title") or aid, lang=art.get("lang"), url=art.get("url"),
               published=art.get("published"), article_id=aid)
    local: dict[str, str] = {}
    _merge_places(store, ext, aid, a_node, local)
    _merge_organisations(store, ext, aid, a_node, local)
    for p in ext.get("persons", []):
        local[p["id"]] = _merge_person(store, resolver, p, aid, a_node, ext, local)
    for pid in art.get("authors") or []:
        if pid in local:
            store.edge(a_node, local[pid], "authored_by", aid, [], 0.9)
    for m in ext.get("meetings", []):
        local[m["id"]] = _merge_meeting(store, resolver, m, aid, a_node, local)
    for m in ext.get("meetings", []):
        host = local.get(m.get("part_of") or "")
        if host and host != local[m["id"]]:
            store.edge(local[m["id"]], host, "part_of", aid, m.get("mentions", [])[:1], 0.8)


def _article_info(art: dict[str, Any], ext: dict[str, Any], text: str | None) -> dict[str, Any]:
    """The article's row: metadata, sentence spans and the text of the sentences that hold facts."""
    info = {k: art.get(k) for k in ("id", "lang", "title", "url", "published", "source", "length")}
    info["sentences"] = [list(s) for s in ext.get("sentences", [])]
    if text is not None:
        info["sentence_text"] = {f"{a}-{b}": " ".join(text[a:b].split()) for a, b, *_ in ext.get("evidence", [])}
    else:
        info["sentence_text"] = {f"{a}-{b}": t for a, b, t in ext.get("evidence", [])}
    return info


# -- places and organisations --------------------------------------------------------

def country_node(store: GraphStore, iso2: str) -> str:
    """The country's node, created with its names and Wikidata id on first use."""
    nid = ids.country_node(iso2)
    if nid not in store.g:
        entry = countries().get(iso2.upper())
        names = entry.names if entry else {}
        store.node(nid, "country", names.get("en") or iso2, iso2=iso2.upper(),
                   wikidata=entry.wikidata if entry else None,
                   name_ar=names.get("ar"), name_fr=names.get("fr"), name_en=names.get("en"))
    return nid


def city_node(store: GraphStore, c: dict[str, Any]) -> str:
    nid = ids.city_node(c.get("geonames"), c["name"])
    store.node(nid, "city", c.get("name_en") or c["name"], geonames=c.get("geonames"),
               country=c.get("country"), name_en=c.get("name_en"), latitude=c.get("latitude"),
               longitude=c.get("longitude"))
    store.add_name(nid, c.get("name"))
    if c.get("country"):
        country_node(store, c["country"])  # every city's country is a node too
    return nid


def _merge_places(store: GraphStore, ext: dict[str, Any], aid: str, a_node: str, local: dict[str, str]) -> None:
    for c in ext.get("countries", []):
        nid = country_node(store, c["iso2"])
        local[c["iso2"]] = nid
        store.mention(a_node, nid, aid, c.get("mentions"))
    for c in ext.get("cities", []):
        nid = city_node(store, c)
        local[c["id"]] = nid
        store.mention(a_node, nid, aid, c.get("mentions"))
        if c.get("country"):
            store.edge(nid, country_node(store, c["country"]), "located_in", aid, [], 1.0)


def _headquarters_node(store: GraphStore, org: str) -> str | None:
    """The city node of a gazetteer organisation's headquarters (Interpol → Lyon), if known."""
    city = headquarters(ids.local_part(org)) if ids.is_listed_org(org) else None
    if city is None:
        return None
    return city_node(store, {"geonames": city.geonames, "name": city.name, "name_en": city.name,
                             "country": city.country, "latitude": city.latitude, "longitude": city.longitude})


def _merge_organisations(store: GraphStore, ext: dict[str, Any], aid: str, a_node: str,
                         local: dict[str, str]) -> None:
    for o in ext.get("organisations", []):
        nid = ids.unlisted_org_node(o["name"]) if ids.is_unlisted_org(o["id"]) else o["id"]
        store.node(nid, "organisation", o.get("name_en") or o["name"], wikidata=o.get("wikidata"),
                   country=o.get("country"), acronym=o.get("acronym"), name_en=o.get("name_en"))
        store.add_name(nid, o.get("name"))
        local[o["id"]] = nid
        store.mention(a_node, nid, aid, o.get("mentions"))
        if o.get("country"):
            store.edge(nid, country_node(store, o["country"]), "based_in", aid, [], 0.9)
        hq = _headquarters_node(store, o["id"])
        if hq:
            store.edge(nid, hq, "headquartered_in", aid, [], 1.0)
    for o in ext.get("organisations", []):
        if o.get("parent"):
            parent = local.get(o["parent"]) or _listed_org_node(store, o["parent"])
            if parent and parent != local[o["id"]]:
                store.edge(local[o["id"]], parent, "sub_organisation_of", aid, o.get("mentions", [])[:1], 0.9)


def _listed_org_node(store: GraphStore, org: str) -> str | None:
    """A gazetteer organisation's node, made from the gazetteer when the article did not name it
    (the parent of an organ: the GCC of its ministerial council)."""
    entry = organisations().get(ids.local_part(org)) if ids.is_listed_org(org) else None
    if entry is None:
        return None
    if org not in store.g:
        store.node(org, "organisation", entry.en, wikidata=entry.wikidata, country=entry.country,
                   acronym=entry.acronym, name_en=entry.en)
        for name in sorted(set(entry.names.values())):
            store.add_name(org, name)
    return org


def _on_behalf_of(store: GraphStore, local: dict[str, str], org: str | None, country: str | None) -> str | None:
    """The organisation (else the country) a role or a participation is held for."""
    return local.get(org or "") or (country_node(store, country) if country else None)


# -- persons -----------------------------------------------------------------------------

def person_context(p: dict, local: dict[str, str], ext: dict | None = None) -> set[str]:
    """What a person is known by besides the name: the organisations and countries of their roles,
    and the meetings they attended (city and day), which articles in other languages share."""
    ctx = set()
    for r in p.get("roles", []):
        if r.get("org"):
            ctx.add(local.get(r["org"], r["org"]))
        if r.get("country"):
            ctx.add(ids.country_node(r["country"]))
    for m in (ext or {}).get("meetings", []):
        if m.get("date_start") and m.get("city") in local and \
                any(part.get("person") == p.get("id") for part in m.get("participants", [])):
            ctx.add(f"met@{local[m['city']]}@{m['date_start']}")
    return ctx


def _merge_person(store: GraphStore, resolver: EntityResolver, p: dict, aid: str, a_node: str,
                  ext: dict[str, Any], local: dict[str, str]) -> str:
    name = p["name"]
    key = ids.name_key(name)
    context = person_context(p, local, ext)
    nid, reason = resolver.person(name, key, context)
    if nid is None:
        nid = ids.person_node(key, aid)
        store.node(nid, "person", name if not has_arabic(name) else (to_latin(name) or name),
                   label_script="arabic" if has_arabic(name) else "latin",
                   name_latin=name if not has_arabic(name) else p.get("name_latin"))
    else:
        _merge_note(store.g.nodes[nid], aid, reason)
    node = store.g.nodes[nid]
    store.add_name(nid, name)
    keys = node.setdefault("keys", [])
    if key not in keys:
        keys.append(key)
        keys.sort()
    resolver.remember_person(nid, name, key)
    store.claim(nid, aid, key)
    node["context"] = sorted(set(node.get("context", [])) | context)
    if not has_arabic(name) and node.get("label_script") == "arabic":
        node["label"], node["label_script"] = name, "latin"  # a Latin spelling from the press beats ours
        node["name_latin"] = name
    store.mention(a_node, nid, aid, p.get("mentions"))
    for r in p.get("roles", []):
        role = ids.role_node(r.get("title_en"), r.get("title"))
        store.node(role, "role", r.get("title_en") or r.get("title") or "role", title_en=r.get("title_en"))
        store.add_name(role, r.get("title"))
        store.edge(nid, role, "holds_role", aid, r.get("mentions"), 0.8, title=r.get("title"))
        target = _on_behalf_of(store, local, r.get("org"), r.get("country"))
        if target:
            store.edge(nid, target, "holds_role_at", aid, r.get("mentions"), 0.8, title=r.get("title"),
                       title_en=r.get("title_en"))
    return nid


def _merge_note(node: dict, article: str, reason: str) -> None:
    notes = node.setdefault("merged", [])
    note = f"{article}: {reason}"
    if note not in notes:
        notes.append(note)
        notes.sort()


# -- meetings ------------------------------------------------------------------------------

def _merge_meeting(store: GraphStore, resolver: EntityResolver, m: dict, aid: str, a_node: str,
                   local: dict[str, str]) -> str:
    people = {local[p["person"]] for p in m.get("participants", []) if p["person"] in local}
    city = local.get(m.get("city") or "")
    orgs = {local[o] for o in m.get("organisations", []) if o in local}
    nid, reason = resolver.meeting(m, aid, city, people, orgs)
    node = _meeting_node(store, nid, reason, m, aid, city)
    nid = nid or ids.meeting_node(aid, m["id"])
    store.add_name(nid, m.get("label"))
    node["participants_key"] = sorted(set(node.get("participants_key", [])) | people)
    node["org_key"] = sorted(set(node.get("org_key", [])) | orgs)
    resolver.remember_meeting(nid, node)
    store.claim(nid, aid, m["id"])
    store.add_sources(("n", nid), node.setdefault("sources", []), sources_of(aid, m.get("mentions")))
    _meeting_edges(store, nid, m, aid, a_node, local)
    return nid


def _meeting_node(store: GraphStore, nid: str | None, reason: str, m: dict, aid: str, city: str | None) -> dict:
    """A new meeting node, or the matched one with what it lacked filled in; each article's claim of
    the date, city and country kept beside the value."""
    if nid is None:
        nid = ids.meeting_node(aid, m["id"])
        store.node(nid, "meeting", m.get("label") or "meeting", meeting_type=m.get("type"),
                   ordinal=m.get("ordinal"), date_start=m.get("date_start"), date_end=m.get("date_end"),
                   city=city, country=m.get("country"), status=m.get("status"))
        node = store.g.nodes[nid]
    else:
        node = store.g.nodes[nid]
        _merge_note(node, aid, reason)
        for k in ("ordinal", "date_start", "date_end", "city", "country"):
            v = city if k == "city" else m.get(k)
            if v is not None and node.get(k) is None:
                node[k] = v
    for attr, value in (("date_start", m.get("date_start")), ("city", city), ("country", m.get("country"))):
        if value is None:
            continue
        claims = node.setdefault(f"{attr}_claims", [])
        claim = [value, aid]
        if claim not in claims:
            claims.append(claim)
            claims.sort()
    return node


def _meeting_edges(store: GraphStore, nid: str, m: dict, aid: str, a_node: str, local: dict[str, str]) -> None:
    store.edge(a_node, nid, "reports", aid, m.get("mentions"), m.get("confidence", 0.8))
    if m.get("city") and m["city"] in local:
        store.edge(nid, local[m["city"]], "located_in", aid, m.get("mentions")[:1], 0.8)
    if m.get("country"):
        store.edge(nid, country_node(store, m["country"]), "hosted_by", aid, [], 0.8)
    for part in m.get("participants", []):
        pn = local.get(part["person"])
        if pn is None:
            continue
        store.edge(pn, nid, "participated_in", aid, part.get("mentions"), part.get("confidence", 0.8),
                   role=part.get("role"), role_en=part.get("role_en"), side=part.get("side"),
                   on_behalf_of=_on_behalf_of(store, local, part.get("org"), part.get("country")))
    for oid in m.get("organisations", []):
        if oid in local:
            store.edge(local[oid], nid, "participated_in", aid, [], 0.7)
    for iso in m.get("countries", []):
        store.edge(country_node(store, iso), nid, "participated_in", aid, [], 0.7)
