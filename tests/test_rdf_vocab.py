"""RDF for SPARQL users: graphbuild's own terms defined (vocab.ttl), literals in the language of their
text, one SKOS preferred label per node and language, a VoID description of each export, and each
triple only in the named graphs of the articles it came from."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT, run_cli

from graphbuild.export.rdf import NS, rdf_bytes, vocabulary, void_bytes
from graphbuild.export.store import validate
from graphbuild.graph import KnowledgeGraph

GB = NS["gb"]
ONTOLOGY = GB.rstrip("#")
RDF_TYPE = NS["rdf"] + "type"
SKOS = NS["skos"]
SCHEMA = NS["schema"]
VOID = "http://rdfs.org/ns/void#"
OWL = NS["owl"]
RDFS = NS["rdfs"]


def _quads(path: Path) -> list:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def _triples(path: Path) -> set:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))


# ---------------------------------------------------------------------------
# a small graph that holds every kind of node, edge and attribute the exporter writes

SENT_FR = ("Le ministre de l'Intérieur Karim Bennani a reçu à Rabat le secrétaire général de la Ligue arabe "
           "pour une réunion.")
SENT_EN = "Interior Minister Karim Bennani met Arab League officials in Rabat, the Moroccan capital."
SENT_AR = "استقبل وزير الداخلية كريم بناني في الرباط"


def rich_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for aid, lang, sent in (("a-fr", "fr", SENT_FR), ("b-en", "en", SENT_EN), ("c-ar", "ar", SENT_AR)):
        kg.articles[aid] = {"id": aid, "lang": lang, "title": sent[:20], "url": f"https://example.org/{aid}",
                            "published": "2024-03-01", "length": len(sent), "sentences": [[0, len(sent)]],
                            "sentence_text": {f"0-{len(sent)}": sent}}
        kg.node(f"article:{aid}", "article", sent[:20], article_id=aid, lang=lang, url=f"https://example.org/{aid}",
                published="2024-03-01")
        kg.node(f"publisher:{aid}", "organisation", "Agency", names=["Agency"], name_en="Agency")
        kg.edge(f"article:{aid}", f"publisher:{aid}", "authored_by", aid, [], 1.0)

    def at(sent: str, text: str) -> list[list[int]]:
        i = sent.index(text)
        return [[i, i + len(text)]]

    kg.node("country:MA", "country", "Morocco", iso2="MA", name_en="Morocco", name_fr="Maroc", name_ar="المغرب",
            wikidata="Q1028")
    kg.node("country:EG", "country", "Egypt", iso2="EG", name_en="Egypt", name_fr="Égypte", name_ar="مصر")
    kg.node("city:2538475", "city", "Rabat", geonames=2538475, country="MA", name_en="Rabat", latitude=34.0,
            longitude=-6.8)
    kg.add_name("city:2538475", "Rabat")
    kg.add_name("city:2538475", "الرباط")
    kg.edge("city:2538475", "country:MA", "located_in", "a-fr", [], 1.0)
    kg.node("org:arab_league", "organisation", "Arab League", name_en="Arab League", wikidata="Q7172", country="EG")
    for name in ("Arab League", "Liga Árabe", "Ligue arabe", "جامعة الدول العربية"):
        kg.add_name("org:arab_league", name)
    kg.edge("org:arab_league", "city:2538475", "headquartered_in", "a-fr", [], 0.9)
    kg.node("org:arab_league_council", "organisation", "Arab League Council", name_en="Arab League Council")
    kg.edge("org:arab_league_council", "org:arab_league", "sub_organisation_of", "a-fr", [], 0.9)
    kg.edge("org:arab_league_council", "city:2538475", "based_in", "a-fr", [], 0.9)
    kg.node("person:kb", "person", "Karim Bennani", names=[])
    for name in ("Karim Bennani", "كريم بناني"):
        kg.add_name("person:kb", name)
    kg.g.nodes["person:kb"]["merged"] = ["b-en: same name 'Karim Bennani'", "c-ar: same name across scripts"]
    kg.node("person:sg", "person", "Ahmed al-Sayed", label_script="arabic", name_latin="Ahmed al-Sayed")
    kg.add_name("person:sg", "أحمد السيد")
    kg.node("role:min", "role", "minister of interior (Morocco)", title_en="minister of interior (Morocco)")
    kg.add_name("role:min", "ministre de l'Intérieur")
    kg.add_name("role:min", "وزير الداخلية")
    kg.node("role:sg", "role", "secrétaire général")
    kg.add_name("role:sg", "secrétaire général")
    kg.node("meeting:m1", "meeting", "réunion", meeting_type="meeting", status="reported", ordinal=3,
            date_start="2024-03-01", date_end="2024-03-02", date_start_claims=[["2024-03-01", "a-fr"],
                                                                               ["2024-02-29", "b-en"]])
    kg.add_name("meeting:m1", "réunion")
    kg.add_name("meeting:m1", "met")
    kg.node("meeting:m0", "meeting", "summit", meeting_type="summit", status="planned")
    kg.add_name("meeting:m0", "summit")
    for aid, sent in (("a-fr", SENT_FR), ("b-en", SENT_EN), ("c-ar", SENT_AR)):
        a = f"article:{aid}"
        name = {"a-fr": "Karim Bennani", "b-en": "Karim Bennani", "c-ar": "كريم بناني"}[aid]
        kg.mention(a, "person:kb", aid, at(sent, name))
        kg.mention(a, "city:2538475", aid, at(sent, {"c-ar": "الرباط"}.get(aid, "Rabat")))
        kg.mention(a, "meeting:m1", aid, at(sent, {"a-fr": "a reçu", "b-en": "met", "c-ar": "استقبل"}[aid]))
        kg.edge(a, "meeting:m1", "reports", aid, [], 1.0)
        title = {"a-fr": "ministre de l'Intérieur", "b-en": "Interior Minister", "c-ar": "وزير الداخلية"}[aid]
        kg.edge("person:kb", "role:min", "holds_role", aid, at(sent, title), 0.9)
        kg.edge("person:kb", "meeting:m1", "participated_in", aid, at(sent, name), 0.9, role=title,
                role_en="minister of interior (Morocco)", on_behalf_of="country:MA", side="host")
    kg.mention("article:a-fr", "org:arab_league", "a-fr", at(SENT_FR, "Ligue arabe"))
    kg.mention("article:b-en", "org:arab_league", "b-en", at(SENT_EN, "Arab League"))
    kg.edge("person:sg", "role:sg", "holds_role", "a-fr", at(SENT_FR, "secrétaire général"), 0.8)
    kg.edge("person:sg", "org:arab_league", "holds_role_at", "a-fr", [], 0.8)
    kg.edge("person:kb", "country:MA", "holds_role_at", "a-fr", [], 0.8)
    kg.edge("person:sg", "meeting:m1", "participated_in", "a-fr", at(SENT_FR, "secrétaire général"), 0.7,
            role="secrétaire général", on_behalf_of="org:arab_league", side="guest")
    kg.edge("org:arab_league", "meeting:m1", "participated_in", "a-fr", [], 0.8)
    kg.edge("country:MA", "meeting:m1", "participated_in", "a-fr", [], 0.8)
    kg.edge("meeting:m1", "city:2538475", "located_in", "a-fr", [], 0.9)
    kg.edge("meeting:m1", "country:MA", "hosted_by", "a-fr", [], 0.9)
    kg.edge("meeting:m1", "meeting:m0", "part_of", "a-fr", [], 0.8)
    kg.mention("article:b-en", "meeting:m0", "b-en", at(SENT_EN, "officials"))
    return kg.tidy()


@pytest.fixture(scope="module")
def rich() -> KnowledgeGraph:
    return rich_graph()


def _nt(kg) -> set:
    return set(ox.parse(rdf_bytes(kg, "nt"), format=ox.RdfFormat.N_TRIPLES))


def _gb_terms(triples) -> set[str]:
    terms = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(GB):
                terms.add(term.value)
            elif isinstance(term, ox.Literal) and term.datatype.value.startswith(GB):
                terms.add(term.datatype.value)
    return terms


def _vocab() -> rdflib.Graph:
    return rdflib.Graph().parse(data=vocabulary(), format="turtle")


def _defined() -> set[str]:
    return {str(s) for s in _vocab().subjects() if str(s).startswith(GB)}


# ---------------------------------------------------------------------------
# the vocabulary

def test_the_vocabulary_parses_and_defines_each_term_fully():
    assert list(ox.parse(vocabulary().encode("utf-8"), format=ox.RdfFormat.TURTLE))
    g = _vocab()
    R = rdflib.RDFS
    assert (rdflib.URIRef(ONTOLOGY), rdflib.RDF.type, rdflib.OWL.Ontology) in g
    kinds = {rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty, rdflib.OWL.Class}
    defined = _defined()
    assert len(defined) >= 15
    for term in map(rdflib.URIRef, defined):
        assert set(g.objects(term, rdflib.RDF.type)) & kinds, term
        assert (term, R.isDefinedBy, rdflib.URIRef(ONTOLOGY)) in g, term
        for pred in (R.label, R.comment):
            assert any(o.language == "en" for o in g.objects(term, pred)), (term, pred)
        assert any(o.language == "fr" for o in g.objects(term, R.label)), term
        if (term, rdflib.RDF.type, rdflib.OWL.DatatypeProperty) in g:
            assert not set(g.objects(term, R.range)) & {rdflib.URIRef(SCHEMA + "Country"),
                                                          rdflib.URIRef(NS["org"] + "Role")}, term


def test_every_gb_term_the_exporter_writes_is_defined_and_every_defined_one_is_written(built, rich):
    demo = _gb_terms(_triples(built / "graph.nt"))
    rich_terms = _gb_terms(_nt(rich))
    defined = _defined()
    assert demo <= defined, sorted(demo - defined)
    assert rich_terms <= defined, sorted(rich_terms - defined)
    assert defined <= demo | rich_terms, sorted(defined - demo - rich_terms)  # nothing defined that is never written


def test_the_shapes_and_queries_name_only_defined_gb_terms():
    from graphbuild.export.rdf import example_queries
    from graphbuild.export.store import default_shapes

    shapes = rdflib.Graph().parse(data=default_shapes(), format="turtle")
    used = {str(t) for triple in shapes for t in triple if str(t).startswith(GB)}
    for text in example_queries().values():
        used |= {GB + local for local in _locals(text, "gb:")}
    assert used and used <= _defined(), sorted(used - _defined())


def _locals(text: str, prefix: str) -> set[str]:
    import re

    return set(re.findall(re.escape(prefix) + r"([A-Za-z][A-Za-z0-9]*)", text))


def test_the_vocabulary_ships_with_the_package():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/rdf/*" in data["tool"]["setuptools"]["package-data"]["graphbuild"]
    assert (ROOT / "graphbuild" / "data" / "rdf" / "vocab.ttl").is_file()


# ---------------------------------------------------------------------------
# languages

def _sentences_by_lang(path: Path) -> dict[str, list[str]]:
    """Each language's sentence texts (nif:anchorOf in the article graphs whose article says its language)."""
    quads = _quads(path)
    lang_of = {q.graph_name.value: q.object.value for q in quads if q.predicate.value == SCHEMA + "inLanguage"}
    out = defaultdict(list)
    for q in quads:
        if q.predicate.value == NS["nif"] + "anchorOf":
            out[lang_of[q.graph_name.value]].append(q.object.value)
    return out


def test_a_name_written_only_in_french_is_never_tagged_english(built):
    """A literal that only French articles write is tagged French; English too only when it is a node's
    English name (a gazetteer's, a role's gloss: "Tunis" is Tunis in both)."""
    import json

    by_lang = _sentences_by_lang(built / "graph.nq")
    nodes = json.loads((built / "graph.json").read_text(encoding="utf-8"))["graph"]["nodes"]
    english = {n["name_en"] for n in nodes if n.get("name_en")} | {n["title_en"] for n in nodes if n.get("title_en")}
    tags = defaultdict(set)
    for t in _triples(built / "graph.nt"):
        o = t.object
        if isinstance(o, ox.Literal) and o.language and t.predicate.value != NS["nif"] + "anchorOf":
            tags[o.value].add(o.language)
    wrong = set()
    for value, langs in tags.items():
        written = {lang for lang, sentences in by_lang.items() if any(value in s for s in sentences)}
        if written == {"fr"} and ("fr" not in langs or ("en" in langs and value not in english)):
            wrong.add(value)
    assert len(tags) > 100 and not wrong, sorted(wrong)[:10]


def test_a_role_title_is_in_its_articles_language(built):
    quads = _quads(built / "graph.nq")
    lang_of = {q.graph_name.value: q.object.value for q in quads if q.predicate.value == SCHEMA + "inLanguage"}
    titles = [q for q in quads if q.predicate.value == GB + "roleTitle"]
    assert titles
    for q in titles:
        assert q.object.language == lang_of[q.graph_name.value], (q.object, q.graph_name)


def test_names_take_the_language_of_the_text_they_come_from(rich):
    tags = defaultdict(set)
    for t in _nt(rich):
        if isinstance(t.object, ox.Literal) and t.object.language and t.predicate.value == SCHEMA + "name":
            tags[t.subject.value.rsplit("/", 1)[1], t.object.value].add(t.object.language)
    assert tags["org-arab_league", "Ligue arabe"] == {"fr"}  # the gazetteer's French column, and the French text
    assert tags["org-arab_league", "Liga Árabe"] == {"es"}  # the gazetteer's Spanish name, in no article
    assert tags["org-arab_league", "Arab League"] == {"en"}
    assert tags["org-arab_league", "جامعة الدول العربية"] == {"ar"}
    assert tags["person-kb", "Karim Bennani"] == {"en", "fr"}  # written so in a French and an English article
    assert tags["person-kb", "كريم بناني"] == {"ar"}
    assert tags["meeting-m1", "réunion"] == {"fr"}  # no span is the word: the French text that holds it
    assert tags["city-2538475", "الرباط"] == {"ar"}
    labels = {(t.object.value, t.object.language) for t in _nt(rich)
              if t.predicate.value == RDFS + "label" and t.subject.value.endswith("person-sg")}
    assert labels == {("Ahmed al-Sayed", "ar-latn")}  # our romanisation of an Arabic name is not English
    alt = {(t.object.value, t.object.language) for t in _nt(rich)
           if t.predicate.value == SKOS + "altLabel" and t.subject.value.endswith("meeting-m1")}
    assert ("met", "en") in alt and ("réunion", "fr") in alt


# ---------------------------------------------------------------------------
# SKOS labels

LABELLED = {SCHEMA + "Person", SCHEMA + "Organization", SCHEMA + "Country", SCHEMA + "City",
            NS["sem"] + "Event", NS["sem"] + "RoleType"}


def _labels(triples) -> tuple[dict, dict, set]:
    pref, alt = defaultdict(list), defaultdict(set)
    labelled = {t.subject.value for t in triples if t.predicate.value == RDF_TYPE and t.object.value in LABELLED}
    for t in triples:
        if t.predicate.value == SKOS + "prefLabel":
            pref[t.subject.value].append(t.object)
        elif t.predicate.value == SKOS + "altLabel":
            alt[t.subject.value].add(t.object)
    return pref, alt, labelled


@pytest.mark.parametrize("which", ["demo", "rich"])
def test_one_preferred_label_per_node_and_language(which, built, rich):
    triples = _triples(built / "graph.nt") if which == "demo" else _nt(rich)
    pref, alt, labelled = _labels(triples)
    assert labelled and labelled <= set(pref)
    for s, labels in pref.items():
        langs = Counter(lit.language for lit in labels)
        assert max(langs.values()) == 1, (s, labels)
        assert not set(labels) & alt[s], s
    names = defaultdict(set)
    for t in triples:
        if t.predicate.value == SCHEMA + "name" and t.subject.value in labelled:
            names[t.subject.value].add(t.object)
    for s, ns in names.items():  # every name is a preferred or an alternative label
        assert ns <= set(pref[s]) | alt[s], s


def test_the_preferred_label_is_chosen_by_rule(rich):
    pref, alt, _ = _labels(_nt(rich))
    by = {(s.rsplit("/", 1)[1], lit.language): lit.value for s, labels in pref.items() for lit in labels}
    assert by["org-arab_league", "en"] == "Arab League"
    assert by["role-min", "en"] == "minister of interior (Morocco)"
    assert by["role-min", "fr"] == "ministre de l'Intérieur"
    assert by["role-sg", "fr"] == "secrétaire général"  # no English gloss: the title is not English
    assert ("role-sg", "en") not in by
    assert by["country-MA", "fr"] == "Maroc"
    assert by["meeting-m1", "fr"].startswith("Réunion") or "·" in by["meeting-m1", "fr"]  # the meeting's title
    kb = KnowledgeGraph()
    sent = "Karim Bennani, dit K. Bennani, puis Karim Bennani et Bennani Karim."
    kb.articles["x"] = {"id": "x", "lang": "fr", "sentences": [[0, len(sent)]],
                        "sentence_text": {f"0-{len(sent)}": sent}}
    kb.node("article:x", "article", "x", article_id="x", lang="fr")
    kb.node("person:p", "person", "كريم بناني")  # the label in another script: no French label of its own
    for name in ("Karim Bennani", "K. Bennani", "Bennani Karim"):
        kb.add_name("person:p", name)
        starts = [i for i in range(len(sent)) if sent.startswith(name, i)]
        kb.mention("article:x", "person:p", "x", [[i, i + len(name)] for i in starts])
    pref, _, _ = _labels(_nt(kb.tidy()))
    assert [lit.value for lit in pref[NS["gb"].replace("ns#", "id/") + "person-p"] if lit.language == "fr"] \
        == ["Karim Bennani"]  # written twice; "Bennani Karim" once, as long: the most written wins
    kb.g.nodes["person:p"]["label"] = "Bennani Karim"
    pref, _, _ = _labels(_nt(kb))
    assert [lit.value for lit in pref[NS["gb"].replace("ns#", "id/") + "person-p"]] == ["Bennani Karim"]  # own label
    kb.g.nodes["person:p"]["label"] = "كريم بناني"
    kb.add_name("person:p", "Karim Benani")  # as often and as long as "Bennani Karim"? no: shorter by one
    kb.add_name("person:p", "Bennani Karin")
    kb.mention("article:x", "person:p", "x", [[0, 13]])  # a span of "Karim Bennani" again: 3 now
    pref, _, _ = _labels(_nt(kb.tidy()))
    assert [lit.value for lit in pref[NS["gb"].replace("ns#", "id/") + "person-p"] if lit.language == "fr"] \
        == ["Karim Bennani"]


def test_the_shapes_want_one_preferred_label_per_language(tmp_path):
    bad = tmp_path / "labels.ttl"
    bad.write_text("""@prefix schema: <https://schema.org/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:x:p> a schema:Person ; schema:name "A"@fr ; skos:prefLabel "A"@fr , "B"@fr ; skos:altLabel "A"@fr .
<urn:x:q> a schema:Person ; schema:name "C"@fr .""", encoding="utf-8")
    conforms, violations, _ = validate(bad)
    assert not conforms
    paths = Counter((v.focus, v.path) for v in violations)
    assert paths[("urn:x:p", SKOS + "prefLabel")] >= 2  # two in one language; one also an altLabel
    assert paths[("urn:x:q", SKOS + "prefLabel")] == 1  # none


# ---------------------------------------------------------------------------
# VoID

def _void(path: Path) -> rdflib.Graph:
    base = path.parent.resolve().as_uri() + "/"
    triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base)
    g = rdflib.Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return g


def test_each_export_has_a_void_description_that_counts_it(built):
    void = built / "void.ttl"
    g = _void(void)
    V = rdflib.Namespace(VOID)
    ds = g.value(predicate=rdflib.RDF.type, object=V.Dataset, any=True)
    datasets = [s for s in g.subjects(rdflib.RDF.type, V.Dataset) if (s, V.triples, None) in g
                and (s, V.uriSpace, None) in g]
    assert len(datasets) == 1
    ds = datasets[0]
    triples = _triples(built / "graph.nt")
    assert int(g.value(ds, V.triples)) == len(triples)
    assert int(g.value(ds, V.distinctSubjects)) == len({t.subject for t in triples})
    typed = {t.subject.value for t in triples if t.predicate.value == RDF_TYPE}
    assert int(g.value(ds, V.entities)) == len({s for s in typed if s.startswith(str(g.value(ds, V.uriSpace)))})
    assert str(g.value(ds, V.uriSpace)) == "https://w3id.org/graphbuild/id/"
    assert g.value(ds, rdflib.DCTERMS.title)
    classes = Counter(t.object.value for t in triples if t.predicate.value == RDF_TYPE)
    props = Counter(t.predicate.value for t in triples)
    seen_classes = {str(g.value(p, V["class"])): int(g.value(p, V.entities)) for p in g.objects(ds, V.classPartition)}
    seen_props = {str(g.value(p, V.property)): int(g.value(p, V.triples)) for p in g.objects(ds, V.propertyPartition)}
    assert seen_classes == dict(classes)
    assert seen_props == dict(props)
    assert int(g.value(ds, V.classes)) == len(classes) and int(g.value(ds, V.properties)) == len(props)
    dumps = {Path(rdflib.URIRef(d).replace("file://", "")).name for d in g.objects(ds, V.dataDump)}
    assert dumps == {"graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.nq"}
    for d in g.objects(ds, V.dataDump):
        assert Path(str(d).removeprefix("file://")).is_file(), d
    vocabularies = {str(v) for v in g.objects(ds, V.vocabulary)}
    assert {ONTOLOGY, SCHEMA, NS["sem"], SKOS.rstrip("#")} <= vocabularies
    text = void.read_text(encoding="utf-8")
    assert "dcterms:created" not in text and "dateTime" not in text and "modified" not in text
    import json

    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["outputs"]["void"].endswith("void.ttl")


def test_void_describes_only_the_files_written(tmp_path, rich):
    out = tmp_path / "out"
    assert run_cli("build", str(ROOT / "data" / "articles" / "000_7fd13265f7ec3363.txt"), "--out", str(out),
                   "--quiet", "--formats", "ttl,json").returncode == 0
    g = _void(out / "void.ttl")
    assert {Path(str(d)).name for d in g.objects(None, rdflib.URIRef(VOID + "dataDump"))} == {"graph.ttl"}
    assert void_bytes(rich, ["nq"]) == void_bytes(rich, ["nq"])
    assert b"graph.nq" in void_bytes(rich, ["nq"]) and b"graph.ttl" not in void_bytes(rich, ["nq"])
    assert run_cli("build", str(ROOT / "data" / "articles" / "000_7fd13265f7ec3363.txt"), "--out",
                   str(tmp_path / "plain"), "--quiet", "--formats", "json").returncode == 0
    assert not (tmp_path / "plain" / "void.ttl").exists()


# ---------------------------------------------------------------------------
# named graphs

def test_each_triple_is_only_in_the_graphs_of_the_articles_it_came_from(built, rich):
    quads = _quads(built / "graph.nq")
    graphs = defaultdict(set)
    for q in quads:
        graphs[q.triple].add(q.graph_name.value)
    entities = "https://w3id.org/graphbuild/id/graph/entities"
    assert not [t for t, gs in graphs.items() if entities in gs and len(gs) > 1]  # never both shared and an article's
    for t, gs in graphs.items():
        if t.predicate.value == GB + "mergeReason":  # "<article>: why" is that article's merge
            assert gs == {"https://w3id.org/graphbuild/id/graph/" + t.object.value.split(": ", 1)[0]}, (t, gs)
    by_graph = defaultdict(set)
    for q in ox.parse(rdf_bytes(rich, "nq"), format=ox.RdfFormat.N_QUADS):
        if isinstance(q.object, ox.Literal) and q.predicate.value == SCHEMA + "name":
            by_graph[q.object.value, q.object.language].add(q.graph_name.value.rsplit("/", 1)[1])
    assert by_graph["Liga Árabe", "es"] == {"entities"}  # the gazetteer's, no article's
    assert by_graph["Ligue arabe", "fr"] == {"a-fr"}
    assert by_graph["Karim Bennani", "en"] == {"b-en"} and by_graph["Karim Bennani", "fr"] == {"a-fr"}
    assert by_graph["كريم بناني", "ar"] == {"c-ar"}
