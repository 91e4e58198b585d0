"""RDF export onto standard vocabularies.

SEM events co-typed with schema.org; each participation its own node (person,
role, on behalf of, confidence, source sentence) plus a ``schema:attendee``
shortcut; W3C ORG and SKOS for roles; PROV-O to the article; NIF 2.0 spans for
character offsets; ``owl:sameAs`` to Wikidata/GeoNames only for gazetteer ids.

IRIs are flat (``id:person-…``) and derived from graph node ids, so they are
the same across runs. ``RdfMapper`` gives the triples one subject at a time, in
IRI order, made when the subject is written; ``rdftext`` writes them as text
(pyoxigraph's bytes), so every format streams from the graph to its file in one
pass, and the formats of a build share that pass. ``to_rdflib`` gives the same
data as an rdflib Dataset for the Python API. In TriG/N-Quads every triple goes
into the named graph of each article it came from (a name: of each article that
writes it; a merge note: of its article); shared descriptions go into
``<base>graph/entities``. A literal is tagged with the language of the text it
comes from; each node has one ``skos:prefLabel`` per language. ``write_rdf`` also
writes ``void.ttl`` (``void.py``); the ``gb:`` terms are defined in
``data/rdf/vocab.ttl`` (``vocabulary()``).
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import ids
from ..graph.labels import meeting_titles
from ..lang import profile
from ..script import has_arabic
from . import ABSOLUTE_IRI
from .rdftext import (
    Groups,
    JsonLdWriter,
    Lit,
    Names,
    NTriplesWriter,
    Quads,
    Term,
    TurtleWriter,
)
from .void import VoidStats, write_void

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


class _Curies(dict):
    """``P["schema:name"]`` is the full IRI, computed once."""

    def __missing__(self, curie: str) -> str:
        iri = self[curie] = _q(curie)
        return iri


P = _Curies()
NNI = XSD + "nonNegativeInteger"
DATE = XSD + "date"
# Inside the mapper an object is an IRI (str) or a literal as a plain tuple (value, lang, datatype),
# which costs a tenth of a ``Lit``; objects sort as ``str`` sorts them (a literal as ``str(Lit)``).
Objects = list[tuple[Term, tuple[str, ...]]]
Block = dict[str, Objects]  # one node's description being made: predicate → [(object, articles)]


def _arts(d: dict) -> tuple[str, ...]:
    """The articles a node or edge came from, in order."""
    sources = d.get("sources")
    if not sources:
        return ()
    if len(sources) == 1:
        return (sources[0][0],)
    return tuple(sorted({s[0] for s in sources}))


class RdfMapper:
    """The graph as RDF, one subject at a time, in subject IRI order.

    A first pass over the nodes and edges says which subjects there are and what describes each
    (a node, a participation, a mention's span, a sentence, an article's context, a date claim);
    a subject's triples are made only when it is written, so memory holds the graph and that index,
    never the triples. A node's description takes its own attributes and the edges whose triple it
    is the subject of (forward from it, backwards to it)."""

    def __init__(self, kg: KnowledgeGraph, base: str | None = None):
        self.kg = kg
        self.base = base or DEFAULT_BASE
        if not ABSOLUTE_IRI.match(self.base):
            raise ValueError(f"invalid base IRI {self.base!r}")
        g = kg.g  # networkx's own dicts (node → attributes, node → neighbour → key → attributes): its views
        self._node_attrs, self._succ, self._pred = g._node, g._succ, g._pred  # cost more than the mapping
        self._iris: dict[str, str] = {}
        self._tails: dict[str, str] = {}
        self._ctx_iris: dict[str, str] = {}
        self._safe: dict[str, str] = {}
        self._sentences: dict[str, tuple[list[int], list[tuple[int, int]], bool]] = {}
        self._art_lang = {aid: (a.get("lang") or "en") for aid, a in kg.articles.items()}
        self._edge_preds: dict[tuple[str, str, str, bool], tuple[str, ...]] = {}
        self._key_numbers: dict[str, str] = {}
        self._found_cache: tuple[str | None, dict] = (None, {})

    def iri(self, node_id: str) -> str:
        iri = self._iris.get(node_id)
        if iri is None:
            iri = self._iris[node_id] = self.base + iri_local(node_id)
        return iri

    def _safe_id(self, article_id: str) -> str:
        safe = self._safe.get(article_id)
        if safe is None:
            safe = self._safe[article_id] = _SAFE.sub("-", article_id)
        return safe

    def graph_iri(self, article_id: str) -> str:
        return self.base + "graph/" + self._safe_id(article_id)

    @staticmethod
    def graph_iris(article_ids: Iterable[str], base: str | None = None) -> list[str]:
        """The named graphs of these articles under ``base``, as an export writes them (sorted)."""
        base = base or DEFAULT_BASE
        return sorted(base + "graph/" + _SAFE.sub("-", aid) for aid in article_ids)

    def span_iri(self, aid: str, s: int, e: int) -> str:
        return f"{self.base}span-{self._safe_id(aid)}-{s}-{e}"

    def ctx_iri(self, aid: str) -> str:
        iri = self._ctx_iris.get(aid)
        if iri is None:
            iri = self._ctx_iris[aid] = self.base + "ctx-" + self._safe_id(aid)
        return iri

    def claim_iri(self, meeting: str, aid: str) -> str:
        return self.base + f"claim-{iri_local(meeting)}-{self._safe_id(aid)}"

    def part_iri(self, u: str, v: str, key: str) -> str:
        number = self._key_numbers.get(key)
        if number is None:
            number = self._key_numbers[key] = f"{ids.number(key):08x}"
        return self.base + "part-" + self._tail(v) + "-" + self._tail(u) + "-" + number

    def _tail(self, node_id: str) -> str:
        """The node's IRI local part without its kind."""
        tail = self._tails.get(node_id)
        if tail is None:
            tail = self._tails[node_id] = iri_local(node_id).split("-", 1)[1]
        return tail

    # ---------------------------------------------------------------------------
    def subjects(self) -> Iterator[tuple[str, Groups]]:
        """Every subject, in IRI order, with its predicates in IRI order and their objects sorted
        (as ``str`` sorts them: an IRI by itself, a literal by ``str(Lit)``), each once, with the
        articles it came from."""
        index = self._index()
        for s in sorted(index):
            jobs = index[s]
            if jobs.__class__ is tuple:  # one description, as nearly always
                groups = jobs[0](jobs[1])
            else:  # two nodes or spans with one IRI: one description
                groups = [group for describe, arg in jobs for group in describe(arg)]
            groups.sort(key=_first)
            yield s, _tidy(groups)

    def triples(self) -> Iterator[T]:
        """The same, one deduplicated triple at a time."""
        for s, groups in self.subjects():
            for p, objs in groups:
                for o, graphs in objs:
                    yield T(s, p, o if o.__class__ is str else Lit(*o), graphs)

    def _index(self) -> dict[str, Any]:
        """Subject IRI → (describe, argument), or a list of them when several share the IRI."""
        index: dict[str, Any] = {}
        shared: dict[str, list] = {}  # the subjects of several descriptions (none in practice)

        def add(s: str, job: tuple) -> None:
            if index.setdefault(s, job) is not job:
                shared.setdefault(s, [index[s]]).append(job)

        nodes = self._node_attrs
        for nid, d in nodes.items():
            add(self.iri(nid), (self._node, nid))
            if d["type"] == "article":
                add(self.ctx_iri(d.get("article_id") or nid.split(":", 1)[1]), (self._ctx, nid))
            elif d["type"] == "meeting":
                for value, aid in d.get("date_start_claims", ()):
                    add(self.claim_iri(nid, aid), (self._claim, (value, aid)))
        sentences = set()
        sentence_of = self._sentence_of
        for u, targets in self._succ.items():
            person = nodes[u]["type"] == "person"
            for v, keyed in targets.items():
                for k, d in keyed.items():
                    etype = d["type"]
                    if person and etype == "participated_in":
                        add(self.part_iri(u, v, k), (self._participation, (u, v, k)))
                    mentions = etype == "mentions"
                    for aid, s, e in d.get("sources", ()):
                        if s < 0:
                            continue
                        sent = sentence_of(aid, s, e)
                        if mentions:
                            add(self.span_iri(aid, s, e), (self._mention_span, (v, aid, s, e, sent)))
                        if sent:
                            sentences.add((aid, sent))
        for aid, (a, b) in sentences:
            add(self.span_iri(aid, a, b), (self._sentence_span, (aid, a, b)))
        index.update(shared)
        return index

    def _sentence_of(self, aid: str, s: int, e: int) -> tuple[int, int] | None:
        """The first of the article's sentences that holds [s, e) (found by bisection when, as always,
        they are in order and do not overlap)."""
        known = self._sentences.get(aid)
        if known is None:
            spans = [(a, b) for a, b in self.kg.articles.get(aid, {}).get("sentences", ()) or ()]
            ordered = all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
            known = self._sentences[aid] = ([a for a, _ in spans], spans, ordered)
        starts, spans, ordered = known
        if ordered:
            i = bisect_right(starts, s) - 1
            if i >= 0 and e <= spans[i][1]:
                return spans[i]
            return None
        for a, b in spans:
            if a <= s and e <= b:
                return a, b
        return None

    # -- nodes ---------------------------------------------------------------------
    def _node(self, nid: str) -> Groups:
        d = self._node_attrs[nid]
        b: Block = defaultdict(list)
        getattr(self, f"_{d['type']}")(b, nid, d, _arts(d))
        self._edges_of(b, nid)
        return list(b.items())

    def _edges_of(self, b: Block, nid: str) -> None:
        """The edge triples whose subject is this node: forward from it, backwards to it, and a meeting's
        participations (``sem:hasActor`` and the ``schema:attendee`` shortcut)."""
        nodes = self._node_attrs
        own = nodes[nid]["type"]
        iri = self.iri
        predicates = self._edge_preds
        for v, keyed in self._succ[nid].items():
            kind = nodes[v]["type"]
            for d in keyed.values():
                key = (d["type"], own, kind, False)
                preds = predicates.get(key)
                if preds is None:
                    preds = self._predicates(*key)
                for pred in preds:
                    b[pred].append((iri(v), _arts(d)))
        for u, keyed in self._pred[nid].items():
            kind = nodes[u]["type"]
            for edge, d in keyed.items():
                if kind == "person" and d["type"] == "participated_in":
                    arts = _arts(d)
                    b[P["sem:hasActor"]].append((self.part_iri(u, nid, edge), arts))
                    b[P["schema:attendee"]].append((iri(u), arts))
                    continue
                key = (d["type"], kind, own, True)
                preds = predicates.get(key)
                if preds is None:
                    preds = self._predicates(*key)
                for pred in preds:
                    b[pred].append((iri(u), _arts(d)))

    def _predicates(self, etype: str, source: str, target: str, backwards: bool) -> tuple[str, ...]:
        """The IRIs of an edge's predicates whose subject is its source (or, ``backwards``, its target);
        none for a person's participation, which has a node of its own."""
        preds = () if etype == "participated_in" and source == "person" else \
            tuple(P[pred] for pred, back in edge_predicates(etype, source, target) if back == backwards)
        self._edge_preds[(etype, source, target, backwards)] = preds
        return preds

    def _sameas(self, b: Block, d: dict) -> None:
        if d.get("wikidata") and re.fullmatch(r"Q\d+", str(d["wikidata"])):
            b[P["owl:sameAs"]].append((NS["wd"] + d["wikidata"], ()))
        if d.get("geonames"):
            b[P["owl:sameAs"]].append((f"https://sws.geonames.org/{int(d['geonames'])}/", ()))
        for old in d.get("same_as", ()):  # the ids this node had in earlier builds of the output
            b[P["owl:sameAs"]].append((self.iri(old), ()))

    @staticmethod
    def _typed(b: Block, classes: Iterable[str], arts=()) -> None:
        objs = b[RDF_TYPE]
        for c in classes:
            objs.append((P[c], arts))

    def _article(self, b: Block, nid, d, arts):
        aid = d.get("article_id") or nid.split(":", 1)[1]
        g = (aid,)
        self._typed(b, ("schema:NewsArticle", "prov:Entity"), g)
        if d.get("label"):
            b[P["schema:headline"]].append(((d["label"], d.get("lang") or None, None), g))
        if d.get("published"):
            b[P["schema:datePublished"]].append(((d["published"], None, DATE), g))
        if d.get("lang"):
            b[P["schema:inLanguage"]].append(((d["lang"], None, None), g))
        url = web_iri(d.get("url"))
        if url and _valid_iri(url):
            b[P["schema:url"]].append((url, g))

    def _meeting(self, b: Block, nid, d, arts):
        self._typed(b, ("sem:Event", "schema:Event"), arts)
        label = d.get("label") or "meeting"
        named = self._named(nid, d, [label], arts)
        lang = named[0][1] if named else self._lang_by_script(label, arts)[0]
        b[P["schema:name"]].append(((label, lang, None), arts))  # one (sh:uniqueLang): its first language
        named += self._named(nid, d, sorted(set(d.get("names", [])) - {label}), arts)
        titles = meeting_titles(self.kg, nid)  # what, where, when: the viewer's label
        for tlang, title in titles.items():
            b[P["rdfs:label"]].append(((title, tlang, None), ()))
        self._labels(b, named, label, titles)
        if d.get("meeting_type"):
            b[P["gb:meetingType"]].append(((d["meeting_type"], None, None), arts))
        if d.get("ordinal") is not None:
            b[P["gb:ordinal"]].append(((str(int(d["ordinal"])), None, XSD + "integer"), arts))
        if d.get("status"):
            b[P["gb:status"]].append(((d["status"], None, None), arts))
        if d.get("date_start"):
            lit = (d["date_start"], None, DATE)
            b[P["sem:hasTimeStamp"]].append((lit, arts))
            b[P["schema:startDate"]].append((lit, arts))
        if d.get("date_end"):
            b[P["schema:endDate"]].append(((d["date_end"], None, DATE), arts))
        for _value, aid in d.get("date_start_claims", []):
            b[P["gb:dateClaim"]].append((self.claim_iri(nid, aid), (aid,)))
        derived = b[P["prov:wasDerivedFrom"]]
        for aid in arts:
            derived.append((self.iri(f"article:{aid}"), (aid,)))
        self._sameas(b, d)

    def _person(self, b: Block, nid, d, arts):
        self._typed(b, ("schema:Person", "sem:Actor"), arts)
        names = self._named(nid, d, d.get("names", []) or [d.get("label")], arts)
        self._emit(b, "schema:name", names)
        label = d.get("label")
        if label and label not in d.get("names", []):
            if has_arabic(label):
                lang = "ar"
            elif d.get("label_script") == "arabic":
                lang = "ar-Latn"  # our romanisation of a name the press wrote in Arabic script only
            else:
                lang = self._lang_by_script(label, arts)[0]
            extra = [(label, lang, arts, 0)]
            self._emit(b, "rdfs:label", extra)
            names = names + extra
        self._labels(b, names, label)
        for note in d.get("merged", []):
            b[P["gb:mergeReason"]].append(((note, None, None), self._note_graphs(note, arts)))
        self._sameas(b, d)

    def _organisation(self, b: Block, nid, d, arts):
        self._typed(b, ("schema:Organization", "org:Organization", "sem:Actor"), arts)
        names = set(d.get("names", [])) | ({d["name_en"]} if d.get("name_en") else set())
        named = self._named(nid, d, names or [d["label"]], arts)
        if d.get("name_en") and not any(n == d["name_en"] and lang == "en" for n, lang, _, _ in named):
            found = self._found(nid, d).get(d["name_en"], {})  # the English name, also where no article has it
            named.append((d["name_en"], "en", self._graphs(found, "en", arts), _weight(found, "en")))
        self._emit(b, "schema:name", named)
        self._labels(b, named, d.get("label"))
        if d.get("acronym"):
            b[P["schema:alternateName"]].append(((str(d["acronym"]), None, None), arts))
        if d.get("country"):
            b[P["schema:location"]].append((self.iri(f"country:{d['country']}"), arts))
        self._sameas(b, d)

    def _country(self, b: Block, nid, d, arts):
        self._typed(b, ("schema:Country", "sem:Place", "sem:Actor"))
        named = [(d[f"name_{lang}"], lang, (), 0) for lang in ("en", "fr", "ar") if d.get(f"name_{lang}")]
        self._emit(b, "schema:name", named)
        self._labels(b, named, d.get("label"))
        if d.get("iso2"):
            b[P["gb:iso2"]].append(((d["iso2"], None, None), ()))
        self._sameas(b, d)

    def _city(self, b: Block, nid, d, arts):
        self._typed(b, ("schema:City", "sem:Place"))
        named = [(d["name_en"], "en", (), 0)] if d.get("name_en") else []  # the gazetteer's, every article's
        named += [x for x in self._named(nid, d, set(d.get("names", [])), arts)
                  if not (x[0] == d.get("name_en") and x[1] == "en")]
        self._emit(b, "schema:name", named)
        self._labels(b, named, d.get("label"))
        if d.get("country"):
            b[P["schema:containedInPlace"]].append((self.iri(f"country:{d['country']}"), ()))
        if d.get("latitude") is not None:
            b[P["schema:latitude"]].append(((repr(float(d["latitude"])), None, XSD + "decimal"), ()))
            b[P["schema:longitude"]].append(((repr(float(d["longitude"])), None, XSD + "decimal"), ()))
        self._sameas(b, d)

    def _role(self, b: Block, nid, d, arts):
        self._typed(b, ("sem:RoleType", "org:Role", "skos:Concept"))
        label = d.get("label") or "role"
        titles = sorted(set(d.get("names", [])) - {label})
        held = tuple(sorted({s[0] for keyed in self._pred[nid].values() for e in keyed.values()
                             for s in e.get("sources", ())}))  # the articles of the titles held
        if d.get("title_en") or label == "role":
            named = [(label, "en", (), 0)]  # the English gloss of the language files
        else:
            named = [(label, lang, (), 0) for lang in self._languages(nid, d, label, held)]
        named += [(n, lang, (), w) for n, lang, _, w in self._named(nid, d, titles, held)]
        self._labels(b, named, label)

    # -- names and the languages they are in -------------------------------------------
    def _found(self, nid: str, d: dict) -> dict[str, dict[str, list]]:
        """Where the node's names are written: name → language → [articles, one per span whose
        sentence holds the name, exactly or within it (a whole span the name is: weight 1)]. The
        spans are the node's own and, for a role, those of the titles held (``holds_role``)."""
        cached = self._found_cache
        if cached[0] == nid:
            return cached[1]
        names = set(d.get("names", ())) | {d.get("label"), d.get("name_en")}
        names.discard(None)
        names.discard("")
        found: dict[str, dict[str, list]] = {}
        sources = list(d.get("sources", ()))
        if d["type"] == "role":
            for _u, keyed in self._pred[nid].items():
                for e in keyed.values():
                    sources.extend(e.get("sources", ()))
        texts = self.kg.articles
        for aid, s, e in sources:
            if s < 0:
                continue
            sent = self._sentence_of(aid, s, e)
            if not sent:
                continue
            text = texts.get(aid, {}).get("sentence_text", {}).get(f"{sent[0]}-{sent[1]}")
            if not text:
                continue
            lang = self._art_lang.get(aid, "en")
            exact = text[s - sent[0]:e - sent[0]]
            for n in names:
                if n == exact:
                    found.setdefault(n, {}).setdefault(lang, []).append((aid, 1))
                elif n in text:
                    found.setdefault(n, {}).setdefault(lang, []).append((aid, 0))
        self._found_cache = (nid, found)
        return found

    def _named(self, nid: str, d: dict, names: Iterable[str], arts) -> list[tuple[str, str, tuple, int]]:
        """Each name with each language it is written in (value, language, articles, weight): the
        languages of the articles whose text holds it, of its script; for a gazetteer organisation the
        language columns it is listed under; else the node's articles' languages of its script."""
        found = self._found(nid, d)
        listed = _listed_languages(nid) if d["type"] == "organisation" else {}
        out = []
        for n in sorted(set(names)):
            if not n:
                continue
            where = found.get(n, {})
            for lang in self._languages(nid, d, n, arts, where, listed.get(n)):
                out.append((n, lang, self._graphs(where, lang, arts if not listed.get(n) else ()),
                            _weight(where, lang)))
        return out

    def _languages(self, nid, d, name: str, arts, where=None, listed=None) -> list[str]:
        where = self._found(nid, d).get(name, {}) if where is None else where
        arabic = has_arabic(name)
        seen = sorted(lang for lang in where if _arabic_script(lang) == arabic)
        if listed:
            listed = [lang for lang in listed if _arabic_script(lang) == arabic] or list(listed)
            return [lang for lang in listed if lang in seen] or listed
        if seen:
            return seen
        return self._lang_by_script(name, arts)

    def _lang_by_script(self, name: str, arts) -> list[str]:
        """A name no span's sentence shows: the languages of its script among the node's articles whose
        kept sentences hold it; else the one such language of the node's articles; else, when there
        are several, "und" (undetermined: any of them would be a guess); else, with none, the script's
        own language (Arabic; Latin letters in Arabic-script articles are the gazetteers' English)."""
        arabic = has_arabic(name)
        langs = sorted({self._art_lang.get(a, "en") for a in arts})
        fits = [lang for lang in langs if _arabic_script(lang) == arabic]
        if len(fits) == 1:
            return fits
        if fits:
            texts = self.kg.articles
            held = sorted({self._art_lang.get(a, "en") for a in arts if self._art_lang.get(a, "en") in fits
                           and any(name in t for t in texts.get(a, {}).get("sentence_text", {}).values())})
            return held or ["und"]
        return ["ar" if arabic else "en"]

    def _graphs(self, where: dict, lang: str, arts) -> tuple[str, ...]:
        """The named graphs of a name in a language: the articles of that language that write it, else
        the node's articles (a gazetteer's name, which no article wrote, goes with the entities)."""
        hits = where.get(lang)
        if hits:
            return tuple(sorted({aid for aid, _ in hits}))
        return tuple(a for a in arts if self._art_lang.get(a) == lang) or tuple(arts)

    def _note_graphs(self, note: str, arts) -> tuple[str, ...]:
        """A merge note ("<article>: why") belongs to the article whose merge it explains."""
        aid = note.split(": ", 1)[0]
        return (aid,) if aid in self._art_lang else arts

    @staticmethod
    def _emit(b: Block, pred: str, named) -> None:
        if not named:
            return
        objs = b[P[pred]]
        for n, lang, graphs, _w in named:
            objs.append(((n, lang, None), graphs))

    def _labels(self, b: Block, named, own: str | None, titles: dict[str, str] | None = None) -> None:
        """SKOS labels: one ``skos:prefLabel`` per language — the meeting's title in it, else the graph's
        own label when in that language, else the name written most often (exact spans), then the
        longest, then the first in code-point order — and every other name ``skos:altLabel``."""
        by_lang: dict[str, list] = {}
        for n, lang, graphs, weight in named:
            by_lang.setdefault(lang.lower(), []).append((n, lang, graphs, weight))
        pref: Objects = []
        alt: Objects = []
        for lang in sorted(set(by_lang) | set(titles or ())):
            entries = by_lang.get(lang, [])
            title = (titles or {}).get(lang)
            if title:
                pref.append(((title, lang, None), ()))
                chosen = None
            else:
                weights: dict[str, int] = {}
                for n, _l, _g, w in entries:
                    weights[n] = weights.get(n, 0) + w
                chosen = own if own in weights else min(weights, key=lambda n: (-weights[n], -len(n), n))
            for n, tag, graphs, _w in entries:
                if n == title:
                    continue
                (pref if n == chosen else alt).append(((n, tag, None), graphs))
        if pref:
            b[P["skos:prefLabel"]].extend(pref)
        if alt:
            b[P["skos:altLabel"]].extend(alt)

    # -- what hangs off nodes and edges: each describes its subject whole, as (predicate, objects) ----
    def _ctx(self, nid: str) -> Groups:
        """An article's text as a NIF context."""
        d = self._node_attrs[nid]
        aid = d.get("article_id") or nid.split(":", 1)[1]
        g = (aid,)
        groups = [(RDF_TYPE, [(P["nif:Context"], g), (P["nif:OffsetBasedString"], g)]),
                  (P["nif:beginIndex"], [(("0", None, NNI), g)])]
        length = self.kg.articles.get(aid, {}).get("length")
        if length:
            groups.append((P["nif:endIndex"], [((str(length), None, NNI), g)]))
        groups.append((P["nif:sourceUrl"], [(self.iri(nid), g)]))
        return groups

    def _claim(self, arg: tuple[str, str]) -> Groups:
        """One article's date for a meeting, beside the meeting's own."""
        value, aid = arg
        return [(P["schema:startDate"], [((value, None, DATE), (aid,))]),
                (P["prov:wasDerivedFrom"], [(self.iri(f"article:{aid}"), (aid,))])]

    def _participation(self, edge: tuple[str, str, str]) -> Groups:
        """One participation per graph edge: person, meeting, role, on-behalf-of, and the sentences."""
        u, v, key = edge
        g = self.kg.g
        d = self._succ[u][v][key]
        arts = _arts(d)
        groups = [(RDF_TYPE, [(P["gb:Participation"], arts), (P["sem:Role"], arts)]),
                  (P["rdf:value"], [(self.iri(u), arts)])]
        if d.get("role_en") or d.get("role"):
            rid = ids.role_node(d.get("role_en"), d.get("role"))  # the same role node as holds_role edges
            if rid in g:
                groups.append((P["sem:roleType"], [(self.iri(rid), arts)]))
        if d.get("role"):
            groups.append((P["gb:roleTitle"], [((d["role"], self._title_lang(d), None), arts)]))
        if d.get("on_behalf_of") and d["on_behalf_of"] in g:
            groups.append((P["gb:onBehalfOf"], [(self.iri(d["on_behalf_of"]), arts)]))
        if d.get("side") in ("host", "guest"):
            groups.append((P["gb:side"], [((d["side"], None, None), arts)]))  # who received whom
        groups.append((P["gb:confidence"], [((f"{float(d.get('confidence', 0.8)):.3f}", None, XSD + "decimal"),
                                              arts)]))
        derived = []
        for aid, s, e in d.get("sources", ()):
            sent = self._sentence_of(aid, s, e) if s >= 0 else None
            derived.append((self.span_iri(aid, *sent) if sent else self.iri(ids.article_node(aid)), (aid,)))
        if derived:
            groups.append((P["prov:wasDerivedFrom"], derived))
        return groups

    def _title_lang(self, d: dict) -> str:
        """The language of a participation's role title: that of the article whose sentence holds it
        (the most such spans, then the first code), else of its script among the edge's articles."""
        title, counts = d["role"], {}
        for aid, s, e in d.get("sources", ()):
            sent = self._sentence_of(aid, s, e) if s >= 0 else None
            text = self.kg.articles.get(aid, {}).get("sentence_text", {}).get(f"{sent[0]}-{sent[1]}") if sent else None
            lang = self._art_lang.get(aid, "en")
            if text and title in text and _arabic_script(lang) == has_arabic(title):
                counts[lang] = counts.get(lang, 0) + 1
        if counts:
            return min(counts, key=lambda lang: (-counts[lang], lang))
        return self._lang_by_script(title, _arts(d))[0]

    def _mention_span(self, arg: tuple[str, str, int, int, tuple[int, int] | None]) -> Groups:
        """A mention as a NIF phrase with its offsets, pointing at the entity and its sentence."""
        v, aid, s, e, sent = arg
        g = (aid,)
        groups = [(RDF_TYPE, [(P["nif:Phrase"], g), (P["nif:OffsetBasedString"], g)]),
                  (P["nif:beginIndex"], [((str(s), None, NNI), g)]),
                  (P["nif:endIndex"], [((str(e), None, NNI), g)]),
                  (P["nif:referenceContext"], [(self.ctx_iri(aid), g)]),
                  (P["itsrdf:taIdentRef"], [(self.iri(v), g)])]
        if sent:
            groups.append((P["nif:sentence"], [(self.span_iri(aid, *sent), g)]))
        return groups

    def _sentence_span(self, arg: tuple[str, int, int]) -> Groups:
        """A sentence referenced by participations and mentions, with its text where known."""
        aid, a, e = arg
        g = (aid,)
        groups = [(RDF_TYPE, [(P["nif:Sentence"], g), (P["nif:OffsetBasedString"], g)]),
                  (P["nif:beginIndex"], [((str(a), None, NNI), g)]),
                  (P["nif:endIndex"], [((str(e), None, NNI), g)]),
                  (P["nif:referenceContext"], [(self.ctx_iri(aid), g)])]
        text = self.kg.articles.get(aid, {}).get("sentence_text", {}).get(f"{a}-{e}")
        if text:
            groups.append((P["nif:anchorOf"], [((text, None, None), g)]))
        return groups


def _first(item):
    return item[0]


def _weight(where: dict, lang: str) -> int:
    """How many spans of that language are exactly the name."""
    return sum(w for _aid, w in where.get(lang, ()))


@lru_cache(maxsize=64)
def _arabic_script(lang: str) -> bool:
    try:
        return profile(lang).script == "arabic"
    except Exception:  # a language with no file (an article tagged "de"): Latin letters, as most
        return False


@lru_cache(maxsize=4096)
def _listed_languages(nid: str) -> dict[str, tuple[str, ...]]:
    """A gazetteer organisation's names → the languages it is listed under (name or alias)."""
    from ..reference import organisations

    entry = organisations().get(ids.local_part(nid)) if nid.startswith("org:") and ids.is_listed_org(nid) else None
    if entry is None:
        return {}
    out: dict[str, set[str]] = {}
    for lang, name in entry.names.items():
        out.setdefault(name, set()).add(lang)
    for lang, aliases in entry.aliases.items():
        for name in aliases:
            out.setdefault(name, set()).add(lang)
    return {n: tuple(sorted(langs)) for n, langs in out.items()}


def _tidy(groups: Groups) -> Groups:
    """Groups sorted by predicate → one group per predicate, its objects sorted and each once."""
    out: Groups = []
    last = None
    for p, objs in groups:
        if p == last:
            out[-1] = (p, _merged(out[-1][1] + objs))
        else:
            out.append((p, objs if len(objs) == 1 else _merged(objs)))
            last = p
    return out


def _merged(objs: Objects) -> Objects:
    """Objects of one subject and predicate, sorted as ``str`` sorts them, each once with the union of its articles."""
    if len(objs) == 2 and objs[0][0].__class__ is str and objs[1][0].__class__ is str:  # two classes
        a, b = objs
        if a[0] < b[0]:
            return objs
        if a[0] > b[0]:
            return [b, a]
    objs.sort(key=_object_key)
    out = [objs[0]]
    for o, graphs in objs[1:]:
        last, last_graphs = out[-1]
        if o == last and o.__class__ is last.__class__:
            out[-1] = (o, tuple(sorted(set(last_graphs) | set(graphs))))
        else:
            out.append((o, graphs))
    return out


def _object_key(item) -> str:
    o = item[0]
    if o.__class__ is str:
        return o
    return f"Lit(value={o[0]!r}, lang={o[1]!r}, datatype={o[2]!r})"  # str(Lit(*o)), at a fifth of the cost


@lru_cache(maxsize=65536)
def _valid_iri(iri: str) -> bool:
    """An IRI pyoxigraph accepts (an article's address may pass ``web_iri`` and still not be one: "#a#b")."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------
# writers

TRIPLE_FORMATS = ("ttl", "nt", "jsonld")
QUAD_FORMATS = ("trig", "nq")


def _write_formats(kg: KnowledgeGraph, formats: Iterable[str], base_iri: str | None,
                   sinks: dict[str, Callable[[str], object]]) -> None:
    """Map the graph once and write each format to its sink, subject by subject; TriG and N-Quads,
    ordered by named graph, are written after the last subject."""
    with _collector_paused():
        _write_all(RdfMapper(kg.tidy(), base_iri), formats, sinks)


@contextmanager
def _collector_paused():
    """No cyclic garbage collection while writing: the writer makes no cycles, and each collection
    walks the whole graph (a third of the index's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_all(mapper: RdfMapper, formats: Iterable[str], sinks: dict[str, Callable[[str], object]]) -> None:
    prefixes = dict(NS, id=mapper.base)
    names = Names(prefixes, mapper.base)
    writers = []
    jsonld = None
    for fmt in formats:
        if fmt == "ttl":
            writers.append(TurtleWriter(names, sinks[fmt]))
        elif fmt == "nt":
            writers.append(NTriplesWriter(names, sinks[fmt]))
        elif fmt == "jsonld":
            jsonld = JsonLdWriter(names, sinks[fmt], prefixes)
            jsonld.start()
            writers.append(jsonld)
    quads = Quads(mapper.graph_iri, mapper.base + "graph/entities") if set(formats) & set(QUAD_FORMATS) else None
    if quads is not None:
        writers.append(quads)
    stats = VoidStats(mapper.base) if "void" in sinks else None
    if stats is not None:
        writers.append(stats)
    if len(writers) == 1:
        add = writers[0].subject
        for s, groups in mapper.subjects():
            add(s, groups)
    else:
        for s, groups in mapper.subjects():
            for w in writers:
                w.subject(s, groups)
    for w in writers:
        w.finish()
    if quads is not None:
        if "trig" in formats:
            quads.write_trig(names, sinks["trig"])
        if "nq" in formats:
            quads.write_nquads(names, sinks["nq"])
    if stats is not None:
        write_void(stats, {fmt: FILES[fmt] for fmt in formats}, prefixes, mapper.base, sinks["void"])


def rdf_bytes(kg: KnowledgeGraph, fmt: str, base_iri: str | None = None) -> bytes:
    """The graph serialised in one format: ttl, nt, jsonld, trig or nq (byte-identical across runs)."""
    if fmt not in FILES:
        raise ValueError(f"unknown RDF format {fmt!r} (known: {', '.join(FILES)})")
    chunks: list[str] = []
    _write_formats(kg, [fmt], base_iri, {fmt: chunks.append})
    return "".join(chunks).encode("utf-8")


FILES = {"ttl": "graph.ttl", "nt": "graph.nt", "jsonld": "graph.jsonld", "trig": "graph.trig", "nq": "graph.nq"}


def void_bytes(kg: KnowledgeGraph, formats: Iterable[str] = ("ttl",), base_iri: str | None = None) -> bytes:
    """The VoID description ``write_rdf`` writes beside the files of ``formats`` (``void.ttl``)."""
    chunks: list[str] = []
    formats = list(dict.fromkeys(formats))
    _write_formats(kg, formats, base_iri, {**{fmt: _discard for fmt in formats}, "void": chunks.append})
    return "".join(chunks).encode("utf-8")


def _discard(text: str) -> None:
    pass


VOID_FILE = "void.ttl"


def write_rdf(kg: KnowledgeGraph, out: Path, formats: Iterable[str], base_iri: str | None = None) -> dict[str, str]:
    """Every format asked for, from one mapping of the graph, each streamed to its file, and the VoID
    description of what was written (``void.ttl``, returned as "void")."""
    formats = list(formats)
    unknown = sorted(set(formats) - set(FILES))
    if unknown:
        raise ValueError(f"unknown RDF format(s): {', '.join(unknown)}")
    files = {fmt: open(out / FILES[fmt], "w", encoding="utf-8", newline="", buffering=1 << 20)
             for fmt in dict.fromkeys(formats)}
    if files:
        files["void"] = open(out / VOID_FILE, "w", encoding="utf-8", newline="")
    try:
        _write_formats(kg, [f for f in files if f != "void"], base_iri, {fmt: fh.write for fmt, fh in files.items()})
    finally:
        for fh in files.values():
            fh.close()
    written = {fmt: str(out / FILES[fmt]) for fmt in formats}
    if files:
        written["void"] = str(out / VOID_FILE)
    return written


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


def vocabulary() -> str:
    """The Turtle of graphbuild's own terms (``gb:``, ``data/rdf/vocab.ttl``): every one the export writes."""
    from importlib import resources

    return resources.files("graphbuild").joinpath("data", "rdf", "vocab.ttl").read_text("utf-8")
