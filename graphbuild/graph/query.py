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

from .. import ids
from .labels import meeting_title

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



def name_of(kg: GraphStore, node: str | None) -> str | None:
    """A node's readable name: the English name of a country or organisation, else its label."""
    if not node or node not in kg.g:
        return None
    d = kg.g.nodes[node]
    return d.get("name_en") or d.get("label")


def _attending(kg: GraphStore, meeting: str, ntype: str) -> list[str]:
    return sorted({u for u, _, d in kg.g.in_edges(meeting, data=True)
                   if d["type"] == "participated_in" and kg.g.nodes[u]["type"] == ntype})


def _matches(kg: GraphStore, node: str, want: str) -> bool:
    """Does a part of the node's name, in any script, read ``want`` (folded: case, accents, hamza)?"""
    from ..text import fold

    d = kg.g.nodes[node]
    return any(want in fold(str(n)) for n in [d.get("label", ""), *d.get("names", [])])


def _country_code(country: str) -> str:
    """An ISO code from a code or a country's name in any language ("MA", "Morocco", "المغرب")."""
    from ..reference import countries
    from ..text import fold

    want = country.strip()
    if len(want) == 2 and want.isascii():
        return want.upper()
    for iso, entry in sorted(countries().items()):
        if any(fold(str(n)) == fold(want) for n in entry.names.values() if n):
            return iso
    raise KeyError(f"no country called {country!r}")


def _dates(values):
    import pandas as pd

    return pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce", format="mixed")


def meetings(kg: GraphStore, *, country: str | None = None, since: str | None = None, until: str | None = None,
             type: str | None = None, person: str | None = None, lang: str = "en"):  # noqa: A002 - the column's name
    """Meetings as a DataFrame, one row each, with names rather than ids: label (what, where, when, in
    ``lang``: "en", "fr" or "ar"), trigger (the words that reported it), type, status, date
    (a datetime; NaT when unknown), city, host country, participants' names, organisations, countries.

    Filters: ``country`` (ISO code or name, host or taking part), ``since``/``until`` (dates, inclusive;
    undated meetings are left out), ``type`` ("summit", "talks", …), ``person`` (a part of a name, any script).
    """
    import pandas as pd

    from ..text import fold

    rows = []
    for m in nodes_of(kg, "meeting"):
        d = kg.g.nodes[m]
        people = participants(kg, m)
        countries = sorted({kg.g.nodes[c].get("iso2") for c in _attending(kg, m, "country")} - {None}
                           | ({d["country"]} if d.get("country") else set()))
        rows.append({
            "id": m, "label": meeting_title(kg, m, lang), "trigger": d.get("label"),
            "type": d.get("meeting_type"), "status": d.get("status"),
            "ordinal": d.get("ordinal"), "date": d.get("date_start"), "date_end": d.get("date_end"),
            "date_start": d.get("date_start"),
            "city": name_of(kg, d.get("city")),
            "country": name_of(kg, ids.country_node(d["country"])) if d.get("country") else None,
            "country_code": d.get("country"),
            "participants": "; ".join(name_of(kg, p) or p for p in people), "n_participants": len(people),
            "organisations": "; ".join(name_of(kg, o) or o for o in _attending(kg, m, "organisation")),
            "countries": "; ".join(countries),
            "articles": len({s[0] for s in d.get("sources", [])}),
            "_people": people, "_countries": countries})
    df = pd.DataFrame(rows, columns=["id", "label", "trigger", "type", "status", "ordinal", "date", "date_end",
                                     "date_start",
                                     "city", "country", "country_code", "participants", "n_participants",
                                     "organisations", "countries", "articles", "_people", "_countries"])
    df["date"], df["date_end"] = _dates(df["date"]), _dates(df["date_end"])
    keep = pd.Series(True, index=df.index)
    if country:
        iso = _country_code(country)
        keep &= pd.Series([iso in cs for cs in df["_countries"]], index=df.index, dtype=bool)
    if since:
        keep &= df["date"] >= pd.Timestamp(since)
    if until:
        keep &= df["date"] <= pd.Timestamp(until)
    if type:
        keep &= df["type"] == type
    if person:
        want = fold(person).strip()
        keep &= pd.Series([any(_matches(kg, p, want) for p in ps) for ps in df["_people"]], index=df.index, dtype=bool)
    return df[keep].drop(columns=["_people", "_countries"]).reset_index(drop=True)


def persons(kg: GraphStore, *, name: str | None = None):
    """People as a DataFrame: name, names in every script, roles (English), organisations and countries
    they serve, meetings attended, first and last meeting dates."""
    import pandas as pd

    from ..text import fold

    rows = []
    for p in nodes_of(kg, "person"):
        d = kg.g.nodes[p]
        if name and not _matches(kg, p, fold(name).strip()):
            continue
        out = kg.g.out_edges(p, data=True)
        roles = sorted({kg.g.nodes[v].get("title_en") or kg.g.nodes[v].get("label") for _, v, e in out
                        if e["type"] == "holds_role"} - {None})
        serves = [v for _, v, e in out if e["type"] == "holds_role_at"]
        met = sorted({v for _, v, e in out if e["type"] == "participated_in"})
        dates = sorted(x for x in (kg.g.nodes[m].get("date_start") for m in met) if x)
        rows.append({
            "id": p, "name": d.get("label"), "names": "; ".join(sorted(set(d.get("names", [])))),
            "roles": "; ".join(roles),
            "organisations": "; ".join(sorted({name_of(kg, v) for v in serves
                                               if kg.g.nodes[v]["type"] == "organisation"} - {None})),
            "countries": "; ".join(sorted({kg.g.nodes[v].get("iso2") for v in serves
                                           if kg.g.nodes[v]["type"] == "country"} - {None})),
            "meetings": len(met), "first_meeting": dates[0] if dates else None,
            "last_meeting": dates[-1] if dates else None,
            "articles": len({s[0] for s in d.get("sources", [])} | {
                kg.g.nodes[u].get("article_id") for u, _, e in kg.g.in_edges(p, data=True)
                if e["type"] == "mentions"} - {None})})
    df = pd.DataFrame(rows, columns=["id", "name", "names", "roles", "organisations", "countries", "meetings",
                                     "first_meeting", "last_meeting", "articles"])
    df["first_meeting"], df["last_meeting"] = _dates(df["first_meeting"]), _dates(df["last_meeting"])
    return df


def lookup(kg: GraphStore, text: str, ntype: str | None = None):
    """Every node whose name, in any script, holds ``text`` (a part of a name): id, type, label, names."""
    import pandas as pd

    from ..text import fold

    want = fold(text).strip()
    rows = [{"id": n, "type": d.get("type"), "label": d.get("label"),
             "names": "; ".join(sorted(set(d.get("names", [])))),
             "articles": len({s[0] for s in d.get("sources", [])})}
            for n, d in sorted(kg.g.nodes(data=True))
            if (ntype is None or d.get("type") == ntype) and d.get("type") != "article" and _matches(kg, n, want)]
    return pd.DataFrame(rows, columns=["id", "type", "label", "names", "articles"])




def edges(kg: GraphStore):
    import pandas as pd

    rows = [{"source": u, "target": v, **{k: _cell(x) for k, x in d.items() if k != "sources"},
             "articles": len({s[0] for s in d["sources"]})} for u, v, d in kg.g.edges(data=True)]
    return pd.DataFrame(sorted(rows, key=lambda r: (r["source"], r["target"], r["type"])))


def participations(kg: GraphStore):
    import pandas as pd

    merged: dict[tuple[str, str], dict[str, Any]] = {}
    titles: dict[str, str] = {}
    for u, v, d in sorted(kg.g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("role") or "")):
        if d["type"] != "participated_in" or kg.g.nodes[u]["type"] != "person":
            continue
        m = kg.g.nodes[v]
        if v not in titles:
            titles[v] = meeting_title(kg, v)
        row = merged.setdefault((v, u), {
            "meeting": v, "meeting_label": titles[v], "date": m.get("date_start"), "person": u,
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
        row["organisation"] = "; ".join(sorted({name_of(kg, o) for o in row["on_behalf_of"].split("; ")
                                                if o in kg.g and kg.g.nodes[o]["type"] == "organisation"}))
        row["country"] = "; ".join(sorted({kg.g.nodes[o].get("iso2") for o in row["on_behalf_of"].split("; ")
                                           if o in kg.g and kg.g.nodes[o]["type"] == "country"} - {None}))
        m = kg.g.nodes[row["meeting"]]
        row["city"] = name_of(kg, m.get("city"))
        rows.append(row)
    df = pd.DataFrame(rows, columns=["meeting", "meeting_label", "date", "person", "name", "roles", "roles_en",
                                     "on_behalf_of", "side", "confidence", "articles", "role", "role_en",
                                     "organisation", "country", "city"])
    df["date"] = _dates(df["date"])
    return df


def evidence(kg: GraphStore, node: str):
    """Where each fact about a node comes from: one row per edge that touches it and per source span,
    with the node at the other end, the relation, the role, the article (its file and language) and
    the sentence that says it, so that an analyst can check every claim against its text."""
    import pandas as pd

    nid = node if node in kg.g else find(kg, node)
    rows = []
    for u, v, d in list(kg.g.in_edges(nid, data=True)) + list(kg.g.out_edges(nid, data=True)):
        other = u if v == nid else v
        if d["type"] == "mentions" or kg.g.nodes[other]["type"] == "article":
            continue
        for article, start, end in d.get("sources", []):
            info = kg.articles.get(article, {})
            sentence = None
            if start >= 0:
                for a, b in info.get("sentences", []):
                    if a <= start and end <= b:
                        sentence = info.get("sentence_text", {}).get(f"{a}-{b}")
                        break
            rows.append({"node": other, "name": name_of(kg, other), "type": kg.g.nodes[other]["type"],
                         "relation": d["type"], "role": d.get("role_en") or d.get("role"), "article": article,
                         "source": _source_name(info.get("source"), article), "lang": info.get("lang"),
                         "start": start, "end": end, "sentence": sentence})
    columns = ["node", "name", "type", "relation", "role", "article", "source", "lang", "start", "end", "sentence"]
    rows.sort(key=lambda r: (r["type"], r["name"] or "", r["relation"], r["article"], r["start"]))
    return pd.DataFrame(rows, columns=columns).drop_duplicates().reset_index(drop=True)


def _source_name(source: str | None, article: str) -> str:
    """The file an article came from, without its folders; a JSON Lines record as 'file.jsonl#id'."""
    name = (source or article).replace("\\", "/").rsplit("/", 1)[-1]
    return name.split(":")[0] + "#" + article if ".jsonl:" in name else name


ENTITY_TYPES = ("person", "organisation", "country", "city", "meeting")
ENTITY_ATTRIBUTES = ("name_en", "name_fr", "name_ar", "name_latin", "acronym", "iso2", "country", "wikidata",
                     "geonames", "latitude", "longitude")  # the node attributes the entities table copies


def entities(kg: GraphStore):
    """Every person, organisation, country, city and meeting, one row each, in id order: the table the
    others join on (``id``), with names in each script, codes (ISO, Wikidata, GeoNames) and how often
    the articles name it. ``country`` is a city's or an organisation's ISO code, a meeting's host."""
    import pandas as pd

    rows = []
    for n, d in sorted(kg.g.nodes(data=True)):
        if d.get("type") not in ENTITY_TYPES:
            continue
        spans = [s for s in d.get("sources", []) if s[1] >= 0]
        rows.append({
            "id": n, "type": d["type"],
            "label": meeting_title(kg, n) if d["type"] == "meeting" else d.get("label"),
            "names": "; ".join(sorted(set(d.get("names", [])))),
            **{k: d.get(k) for k in ENTITY_ATTRIBUTES},
            "articles": len({s[0] for s in spans}), "mentions": len(spans)})
    df = pd.DataFrame(rows, columns=["id", "type", "label", "names", *ENTITY_ATTRIBUTES, "articles", "mentions"])
    df["geonames"] = pd.to_numeric(df["geonames"], errors="coerce").astype("Int64")  # an id, not a measure
    return df


def mentions(kg: GraphStore):
    """Where the articles name each entity: one row per article, node and character span [start, end),
    in article and text order, with the words there (``text``) where the graph holds the sentence as
    written (it keeps sentences with their spaces folded: a sentence whose spacing changed gives none)."""
    import pandas as pd

    sentences: dict[str, tuple[list[int], list[tuple[int, int, str]]]] = {}
    rows = []
    for n, d in kg.g.nodes(data=True):
        if d.get("type") not in ENTITY_TYPES:
            continue
        label = meeting_title(kg, n) if d["type"] == "meeting" else d.get("label")  # as in entities
        for article, start, end in d.get("sources", []):
            if start < 0:
                continue
            if article not in sentences:
                sentences[article] = _sentence_index(kg, article)
            rows.append({"article": article, "node": n, "type": d["type"], "label": label,
                         "start": int(start), "end": int(end),
                         "text": _words_at(sentences[article], int(start), int(end))})
    rows.sort(key=lambda r: (r["article"], r["start"], r["end"], r["node"]))
    return pd.DataFrame(rows, columns=["article", "node", "type", "label", "start", "end", "text"])


def _sentence_index(kg: GraphStore, article: str) -> tuple[list[int], list[tuple[int, int, str]]]:
    """An article's kept sentences, sorted, with their starts for bisection."""
    spans = sorted((int(a), int(b), t) for key, t in kg.articles.get(article, {}).get("sentence_text", {}).items()
                   for a, b in [key.split("-")])
    return [a for a, _, _ in spans], spans


def _words_at(index: tuple[list[int], list[tuple[int, int, str]]], start: int, end: int) -> str | None:
    """The text of [start, end) from the sentence holding it, when that sentence is kept letter for letter
    (as long as its span: no run of spaces was folded, so offsets still line up)."""
    from bisect import bisect_right

    starts, spans = index
    k = bisect_right(starts, start) - 1
    if k < 0:
        return None
    a, b, text = spans[k]
    if end > b or len(text) != b - a:
        return None
    return text[start - a:end - a]


def _cell(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v
