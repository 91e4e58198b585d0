"""RDF export onto standard vocabularies.

SEM events co-typed with schema.org; each participation its own node (person,
role, on behalf of, confidence, source sentence) plus a ``schema:attendee``
shortcut; W3C ORG and SKOS for roles; PROV-O to the article; NIF 2.0 spans for
character offsets; ``owl:sameAs`` to Wikidata/GeoNames only for gazetteer ids.

IRIs are flat (``id:person-…``) and derived from graph node ids, so they are
the same across runs. Triples are generated once as plain tuples and written
with pyoxigraph (fast for big graphs); ``to_rdflib`` gives the same data as an
rdflib Dataset for the Python API. In TriG/N-Quads every triple goes into the
named graph of each article it came from; shared descriptions go into
``<base>graph/entities``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .. import ids
from ..graph.labels import meeting_titles
from ..lang import profile
from ..script import script_lang
from . import ABSOLUTE_IRI

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

DEFAULT_BASE = "https://w3id.org/graphbuild/id/"
NS = {
    "gb": "https://w3id.org/graphbuild/ns#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}
XSD = NS["xsd"]
RDF_TYPE = NS["rdf"] + "type"


class Lit(NamedTuple):
    value: str
    lang: str | None = None
    datatype: str | None = None


class T(NamedTuple):
    """One triple; ``o`` is an IRI (str) or a literal (Lit); ``graphs`` the articles it came from."""

    s: str
    p: str
    o: str | Lit
    graphs: tuple[str, ...] = ()


def _q(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return NS[prefix] + local


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def iri_local(node_id: str) -> str:
    """A flat, always-valid IRI local part from a graph node id."""
    kind, _, rest = node_id.partition(":")
    local = _SAFE.sub("-", rest).strip("-") or "x"
    return f"{kind}-{local}"


# graph edge → RDF predicates: (edge type, source node type, target node type) → (predicate, backwards?);
# "*" matches any node type, the most specific row wins. A participation of a person, and the NIF
# spans of mentions, are written by RdfMapper itself.
EDGE_PREDICATES: dict[tuple[str, str, str], tuple[tuple[str, bool], ...]] = {
    ("participated_in", "organisation", "*"): (("schema:attendee", True),),
    ("participated_in", "*", "*"): (("gb:participatingCountry", True),),
    ("mentions", "*", "*"): (("schema:mentions", False),),
    ("located_in", "meeting", "*"): (("sem:hasPlace", False), ("schema:location", False)),
    ("located_in", "*", "*"): (("schema:containedInPlace", False),),
    ("hosted_by", "*", "*"): (("gb:hostCountry", False),),
    ("holds_role", "*", "*"): (("gb:holdsRole", False),),
    ("holds_role_at", "*", "organisation"): (("org:memberOf", False),),
    ("holds_role_at", "*", "*"): (("gb:servesCountry", False),),
    ("authored_by", "*", "*"): (("schema:author", False),),
    ("reports", "*", "*"): (("schema:about", False),),
    ("based_in", "*", "*"): (("schema:location", False),),
    ("headquartered_in", "*", "*"): (("org:hasPrimarySite", False),),
    ("sub_organisation_of", "*", "*"): (("org:subOrganizationOf", False),),
    ("part_of", "*", "*"): (("sem:subEventOf", False),),
}


def edge_predicates(etype: str, source: str, target: str) -> tuple[tuple[str, bool], ...]:
    """The predicates of a graph edge (none for an edge type RDF does not carry)."""
    for key in ((etype, source, target), (etype, source, "*"), (etype, "*", target), (etype, "*", "*")):
        if key in EDGE_PREDICATES:
            return EDGE_PREDICATES[key]
    return ()


_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def web_iri(url: str | None) -> str | None:
    """An article's web address as an IRI every RDF parser accepts, or None: a "%" that starts no
    escape ("…/100%-success", which real pages have) is escaped itself; anything else an IRI may not
    hold drops the address rather than the graph."""
    if not url or not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", url):
        return None
    return _BAD_PERCENT.sub("%25", url)


class RdfMapper:
    def __init__(self, kg: KnowledgeGraph, base: str | None = None):
        self.kg = kg
        self.base = base or DEFAULT_BASE
        if not ABSOLUTE_IRI.match(self.base):
            raise ValueError(f"invalid base IRI {self.base!r}")

    def iri(self, node_id: str) -> str:
        return self.base + iri_local(node_id)

    def graph_iri(self, article_id: str) -> str:
        return self.base + "graph/" + _SAFE.sub("-", article_id)

    def span_iri(self, aid: str, s: int, e: int) -> str:
        return self.base + f"span-{_SAFE.sub('-', aid)}-{s}-{e}"

    def ctx_iri(self, aid: str) -> str:
        return self.base + f"ctx-{_SAFE.sub('-', aid)}"

    # ---------------------------------------------------------------------------
    def triples(self) -> Iterator[T]:
        g = self.kg.g
        art_lang = {aid: (a.get("lang") or "en") for aid, a in self.kg.articles.items()}
        for nid in sorted(g.nodes):
            d = g.nodes[nid]
            arts = tuple(sorted({s[0] for s in d.get("sources", [])}))
            yield from getattr(self, f"_{d['type']}")(nid, d, arts, art_lang)
        for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
            yield from self._edge(u, v, k, d)
        yield from self._spans()

    def _names(self, s: str, names: Iterable[str], arts, art_lang, pred="schema:name") -> Iterator[T]:
        fallback = art_lang.get(arts[0], "en") if arts else "en"
        latin = "en" if profile(fallback).script == "arabic" else fallback  # a Latin spelling in an Arabic article
        for n in sorted(set(names)):
            if n:
                yield T(s, _q(pred), Lit(n, script_lang(n, latin)), arts)

    def _sameas(self, s: str, d: dict) -> Iterator[T]:
        if d.get("wikidata") and re.fullmatch(r"Q\d+", str(d["wikidata"])):
            yield T(s, _q("owl:sameAs"), NS["wd"] + d["wikidata"])
        if d.get("geonames"):
            yield T(s, _q("owl:sameAs"), f"https://sws.geonames.org/{int(d['geonames'])}/")

    def _typed(self, s: str, classes: Iterable[str], arts=()) -> Iterator[T]:
        for c in classes:
            yield T(s, RDF_TYPE, _q(c), arts)

    def _article(self, nid, d, arts, art_lang):
        s = self.iri(nid)
        aid = d.get("article_id") or nid.split(":", 1)[1]
        g = (aid,)
        yield from self._typed(s, ("schema:NewsArticle", "prov:Entity"), g)
        if d.get("label"):
            yield T(s, _q("schema:headline"), Lit(d["label"], d.get("lang") or None), g)
        if d.get("published"):
            yield T(s, _q("schema:datePublished"), Lit(d["published"], datatype=XSD + "date"), g)
        if d.get("lang"):
            yield T(s, _q("schema:inLanguage"), Lit(d["lang"]), g)
        url = web_iri(d.get("url"))
        if url:
            yield T(s, _q("schema:url"), url, g)
        ctx = self.ctx_iri(aid)
        yield from self._typed(ctx, ("nif:Context", "nif:OffsetBasedString"), g)
        yield T(ctx, _q("nif:beginIndex"), Lit("0", datatype=XSD + "nonNegativeInteger"), g)
        length = self.kg.articles.get(aid, {}).get("length")
        if length:
            yield T(ctx, _q("nif:endIndex"), Lit(str(length), datatype=XSD + "nonNegativeInteger"), g)
        yield T(ctx, _q("nif:sourceUrl"), s, g)

    def _meeting(self, nid, d, arts, art_lang):
        s = self.iri(nid)
        yield from self._typed(s, ("sem:Event", "schema:Event"), arts)
        label = d.get("label") or "meeting"
        yield T(s, _q("schema:name"), Lit(label, script_lang(label, art_lang.get(arts[0], "en") if arts else "en")),
                arts)
        for alt in sorted(set(d.get("names", [])) - {label}):
            yield T(s, _q("skos:altLabel"), Lit(alt, script_lang(alt, "en")), arts)
        for lang, title in meeting_titles(self.kg, nid).items():  # what, where, when: the viewer's label
            yield T(s, _q("rdfs:label"), Lit(title, lang))
        if d.get("meeting_type"):
            yield T(s, _q("gb:meetingType"), Lit(d["meeting_type"]), arts)
        if d.get("ordinal") is not None:
            yield T(s, _q("gb:ordinal"), Lit(str(int(d["ordinal"])), datatype=XSD + "integer"), arts)
        if d.get("status"):
            yield T(s, _q("gb:status"), Lit(d["status"]), arts)
        if d.get("date_start"):
            lit = Lit(d["date_start"], datatype=XSD + "date")
            yield T(s, _q("sem:hasTimeStamp"), lit, arts)
            yield T(s, _q("schema:startDate"), lit, arts)
        if d.get("date_end"):
            yield T(s, _q("schema:endDate"), Lit(d["date_end"], datatype=XSD + "date"), arts)
        for value, aid in d.get("date_start_claims", []):
            claim = self.base + f"claim-{iri_local(nid)}-{_SAFE.sub('-', aid)}"
            yield T(s, _q("gb:dateClaim"), claim, (aid,))
            yield T(claim, _q("schema:startDate"), Lit(value, datatype=XSD + "date"), (aid,))
            yield T(claim, _q("prov:wasDerivedFrom"), self.iri(f"article:{aid}"), (aid,))
        for aid in arts:
            yield T(s, _q("prov:wasDerivedFrom"), self.iri(f"article:{aid}"), (aid,))

    def _person(self, nid, d, arts, art_lang):
        s = self.iri(nid)
        yield from self._typed(s, ("schema:Person", "sem:Actor"), arts)
        yield from self._names(s, d.get("names", []) or [d.get("label")], arts, art_lang)
        if d.get("label") and d.get("label") not in d.get("names", []):
            yield T(s, _q("rdfs:label"), Lit(d["label"], script_lang(d["label"])), arts)
        for note in d.get("merged", []):
            yield T(s, _q("gb:mergeReason"), Lit(note), arts)

    def _organisation(self, nid, d, arts, art_lang):
        s = self.iri(nid)
        yield from self._typed(s, ("schema:Organization", "org:Organization", "sem:Actor"), arts)
        names = set(d.get("names", []))
        if d.get("name_en"):
            yield T(s, _q("schema:name"), Lit(d["name_en"], "en"), arts)
            names.discard(d["name_en"])
        yield from self._names(s, names or ([d["label"]] if not d.get("name_en") else []), arts, art_lang)
        if d.get("acronym"):
            yield T(s, _q("schema:alternateName"), Lit(str(d["acronym"])), arts)
        if d.get("country"):
            yield T(s, _q("schema:location"), self.iri(f"country:{d['country']}"), arts)
        yield from self._sameas(s, d)

    def _country(self, nid, d, arts, art_lang):
        s = self.iri(nid)
        yield from self._typed(s, ("schema:Country", "sem:Place", "sem:Actor"))
        for lang in ("en", "fr", "ar"):
            n = d.get(f"name_{lang}")
            if n:
                yield T(s, _q("schema:name"), Lit(n, lang))
        if d.get("iso2"):
            yield T(s, _q("gb:iso2"), Lit(d["iso2"]))
        yield from self._sameas(s, d)

    def _city(self, nid, d, arts, art_lang):
        s = self.iri(nid)
        yield from self._typed(s, ("schema:City", "sem:Place"))
        if d.get("name_en"):
            yield T(s, _q("schema:name"), Lit(d["name_en"], "en"))
        for n in sorted(set(d.get("names", [])) - {d.get("name_en")}):
            yield T(s, _q("schema:name"), Lit(n, script_lang(n, "fr")), arts)
        if d.get("country"):
            yield T(s, _q("schema:containedInPlace"), self.iri(f"country:{d['country']}"))
        if d.get("latitude") is not None:
            yield T(s, _q("schema:latitude"), Lit(repr(float(d["latitude"])), datatype=XSD + "decimal"))
            yield T(s, _q("schema:longitude"), Lit(repr(float(d["longitude"])), datatype=XSD + "decimal"))
        yield from self._sameas(s, d)

    def _role(self, nid, d, arts, art_lang):
        s = self.iri(nid)
        yield from self._typed(s, ("sem:RoleType", "org:Role", "skos:Concept"))
        yield T(s, _q("skos:prefLabel"), Lit(d.get("label") or "role", "en"))
        for n in sorted(set(d.get("names", [])) - {d.get("label")}):
            yield T(s, _q("skos:altLabel"), Lit(n, script_lang(n, "fr")))

    # ---------------------------------------------------------------------------
    def _sentence_of(self, aid: str, s: int, e: int) -> tuple[int, int] | None:
        for a, b in self.kg.articles.get(aid, {}).get("sentences", []) or []:
            if a <= s and e <= b:
                return a, b
        return None

    def _edge(self, u, v, key, d):
        g = self.kg.g
        arts = tuple(sorted({s[0] for s in d.get("sources", [])}))
        if d["type"] == "participated_in" and g.nodes[u]["type"] == "person":
            yield from self._participation(u, v, key, d, arts)
            return
        if d["type"] == "mentions":
            yield from self._mention_spans(v, d)
        su, sv = self.iri(u), self.iri(v)
        for pred, backwards in edge_predicates(d["type"], g.nodes[u]["type"], g.nodes[v]["type"]):
            yield T(sv, _q(pred), su, arts) if backwards else T(su, _q(pred), sv, arts)

    def _participation(self, u, v, key, d, arts):
        """One participation per graph edge: person, meeting, role, on-behalf-of, and the sentences."""
        g = self.kg.g
        su, sv = self.iri(u), self.iri(v)
        part = (self.base + "part-" + iri_local(v).split("-", 1)[1] + "-" + iri_local(u).split("-", 1)[1]
                + f"-{ids.number(key):08x}")
        yield from self._typed(part, ("gb:Participation", "sem:Role"), arts)
        yield T(part, _q("rdf:value"), su, arts)
        yield T(sv, _q("sem:hasActor"), part, arts)
        yield T(sv, _q("schema:attendee"), su, arts)
        if d.get("role_en") or d.get("role"):
            rid = ids.role_node(d.get("role_en"), d.get("role"))  # the same role node as holds_role edges
            if rid in g:
                yield T(part, _q("sem:roleType"), self.iri(rid), arts)
        if d.get("role"):
            yield T(part, _q("gb:roleTitle"), Lit(d["role"], script_lang(d["role"], "en")), arts)
        if d.get("on_behalf_of") and d["on_behalf_of"] in g:
            yield T(part, _q("gb:onBehalfOf"), self.iri(d["on_behalf_of"]), arts)
        if d.get("side") in ("host", "guest"):
            yield T(part, _q("gb:side"), Lit(d["side"]), arts)  # who received whom
        yield T(part, _q("gb:confidence"), Lit(f"{float(d.get('confidence', 0.8)):.3f}",
                                                datatype=XSD + "decimal"), arts)
        for aid, s, e in d.get("sources", []):
            sent = self._sentence_of(aid, s, e) if s >= 0 else None
            source = self.span_iri(aid, *sent) if sent else self.iri(ids.article_node(aid))
            yield T(part, _q("prov:wasDerivedFrom"), source, (aid,))

    def _mention_spans(self, v, d):
        """Each mention as a NIF phrase with its offsets, pointing at the entity and its sentence."""
        sv = self.iri(v)
        for aid, s, e in d.get("sources", []):
            if s < 0:
                continue
            span = self.span_iri(aid, s, e)
            yield from self._typed(span, ("nif:Phrase", "nif:OffsetBasedString"), (aid,))
            yield T(span, _q("nif:beginIndex"), Lit(str(s), datatype=XSD + "nonNegativeInteger"), (aid,))
            yield T(span, _q("nif:endIndex"), Lit(str(e), datatype=XSD + "nonNegativeInteger"), (aid,))
            yield T(span, _q("nif:referenceContext"), self.ctx_iri(aid), (aid,))
            yield T(span, _q("itsrdf:taIdentRef"), sv, (aid,))
            sent = self._sentence_of(aid, s, e)
            if sent:
                yield T(span, _q("nif:sentence"), self.span_iri(aid, *sent), (aid,))

    def _spans(self):
        """Sentence spans referenced by participations and mentions."""
        seen = set()
        for _, _, d in self.kg.g.edges(data=True):
            for aid, s, e in d.get("sources", []):
                if s < 0:
                    continue
                sent = self._sentence_of(aid, s, e)
                if sent and (aid, sent) not in seen:
                    seen.add((aid, sent))
        for aid, (a, b) in sorted(seen):
            span = self.span_iri(aid, a, b)
            g = (aid,)
            yield from self._typed(span, ("nif:Sentence", "nif:OffsetBasedString"), g)
            yield T(span, _q("nif:beginIndex"), Lit(str(a), datatype=XSD + "nonNegativeInteger"), g)
            yield T(span, _q("nif:endIndex"), Lit(str(b), datatype=XSD + "nonNegativeInteger"), g)
            yield T(span, _q("nif:referenceContext"), self.ctx_iri(aid), g)
            text = self.kg.articles.get(aid, {}).get("sentence_text", {}).get(f"{a}-{b}")
            if text:
                yield T(span, _q("nif:anchorOf"), Lit(text), g)


# ---------------------------------------------------------------------------
# writers

def _ox_term(o: str | Lit):
    import pyoxigraph as ox

    if isinstance(o, Lit):
        if o.lang:
            return ox.Literal(o.value, language=o.lang)
        if o.datatype:
            return ox.Literal(o.value, datatype=ox.NamedNode(o.datatype))
        return ox.Literal(o.value)
    return ox.NamedNode(o)


def _unique(triples: Iterable[T]) -> list[T]:
    merged: dict[tuple, set[str]] = {}
    for t in triples:
        merged.setdefault((t.s, t.p, t.o), set()).update(t.graphs)
    return [T(s, p, o, tuple(sorted(g))) for (s, p, o), g in merged.items()]


class _Prepared:
    """The mapped, deduplicated, sorted triples of a graph, shared by every format written from it."""

    def __init__(self, kg: KnowledgeGraph, base_iri: str | None = None):
        self.mapper = RdfMapper(kg.tidy(), base_iri)
        self.triples = sorted(_unique(self.mapper.triples()), key=lambda t: (t.s, t.p, str(t.o)))
        self.prefixes = dict(NS, id=self.mapper.base)
        self._ox_triples: list | None = None

    def ox_triples(self) -> list:
        import pyoxigraph as ox

        if self._ox_triples is None:
            self._ox_triples = [ox.Triple(ox.NamedNode(t.s), ox.NamedNode(t.p), _ox_term(t.o)) for t in self.triples]
        return self._ox_triples

    def quads(self) -> list:
        import pyoxigraph as ox

        self._ox_triples = None  # quads come last (see ``write_rdf``): free the triples first
        entities_graph = self.mapper.base + "graph/entities"
        quads = []
        for t in self.triples:
            for gname in (t.graphs or (None,)):
                g = ox.NamedNode(self.mapper.graph_iri(gname) if gname else entities_graph)
                quads.append(ox.Quad(ox.NamedNode(t.s), ox.NamedNode(t.p), _ox_term(t.o), g))
        quads.sort(key=lambda q: (q.graph_name.value, q.subject.value, q.predicate.value, str(q.object)))
        return quads

    def serialize(self, fmt: str, quads: list | None = None) -> bytes:
        import pyoxigraph as ox

        if fmt == "ttl":
            return ox.serialize(self.ox_triples(), format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
        if fmt == "nt":
            return ox.serialize(self.ox_triples(), format=ox.RdfFormat.N_TRIPLES)
        if fmt == "jsonld":
            expanded = json.loads(ox.serialize(self.ox_triples(), format=ox.RdfFormat.JSON_LD))
            return (json.dumps(compact_jsonld(expanded, self.prefixes), ensure_ascii=False, indent=1,
                               sort_keys=True) + "\n").encode("utf-8")
        quads = self.quads() if quads is None else quads
        if fmt == "trig":
            return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=self.prefixes)
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def rdf_bytes(kg: KnowledgeGraph, fmt: str, base_iri: str | None = None) -> bytes:
    """The graph serialised in one format: ttl, nt, jsonld, trig or nq (byte-identical across runs)."""
    return _Prepared(kg, base_iri).serialize(fmt)


def compact_jsonld(expanded: list[dict], prefixes: dict[str, str]) -> dict:
    """Expanded JSON-LD → a document with an @context, keys and ids as prefixed names."""
    order = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def c(iri: str) -> str:
        for p, ns in order:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = iri[len(ns):]
                if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local) and not local.endswith("."):
                    return f"{p}:{local}"
        return iri

    def value(v):
        if isinstance(v, dict):
            if "@id" in v:
                return {"@id": c(v["@id"])}
            out = dict(v)
            if "@type" in out:
                out["@type"] = c(out["@type"])
            return out
        return v

    graph = []
    for node in sorted(expanded, key=lambda n: n.get("@id", "")):
        out = {"@id": c(node["@id"])}
        for k, vs in sorted(node.items()):
            if k == "@id":
                continue
            if k == "@type":
                out["@type"] = sorted(c(t) for t in vs)
            else:
                out[c(k)] = [value(v) for v in vs]
        graph.append(out)
    return {"@context": dict(sorted(prefixes.items())), "@graph": graph}


FILES = {"ttl": "graph.ttl", "nt": "graph.nt", "jsonld": "graph.jsonld", "trig": "graph.trig", "nq": "graph.nq"}


def write_rdf(kg: KnowledgeGraph, out: Path, formats: Iterable[str], base_iri: str | None = None) -> dict[str, str]:
    """Every format asked for, from one mapping of the graph (triple formats first, then quads)."""
    formats = list(formats)
    prepared = _Prepared(kg, base_iri)
    written = {}
    quads = None
    for fmt in sorted(formats, key=lambda f: f in ("trig", "nq")):
        if fmt in ("trig", "nq") and quads is None:
            quads = prepared.quads()
        path = out / FILES[fmt]
        path.write_bytes(prepared.serialize(fmt, quads))
        written[fmt] = str(path)
    return {fmt: written[fmt] for fmt in formats}


def to_rdflib(kg: KnowledgeGraph, base_iri: str | None = None):
    """The graph as an rdflib Dataset (one named graph per article), for SPARQL in a notebook."""
    import rdflib

    ds = rdflib.Dataset(default_union=True)  # queries without GRAPH see every article's graph
    ds.parse(data=rdf_bytes(kg, "nq", base_iri).decode("utf-8"), format="nquads")
    for p, ns in dict(NS, id=base_iri or DEFAULT_BASE).items():
        ds.bind(p, ns)
    return ds


def example_queries() -> dict[str, str]:
    """The packaged SPARQL examples (who met whom, meetings per country, roles, participations)."""
    from importlib import resources

    folder = resources.files("graphbuild").joinpath("data", "rdf", "queries")
    return {p.name.removesuffix(".rq"): p.read_text("utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".rq")}
