"""The RDF text writers give pyoxigraph's bytes: every format, on hostile strings and names, checked
against pyoxigraph's own serialisers (and, for JSON-LD, the compaction the export used to run over
pyoxigraph's expanded document) fed the same triples in the same order."""

from __future__ import annotations

import json
import random
import re

import pyoxigraph as ox
import pytest

from graphbuild.export import rdf
from graphbuild.export.rdftext import (
    JsonLdWriter,
    Lit,
    Names,
    NTriplesWriter,
    Quads,
    TurtleWriter,
    escape_local,
    quoted,
)

BASE = "https://w3id.org/graphbuild/id/"
PREFIXES = dict(rdf.NS, id=BASE)
XSD = rdf.XSD


# -- the reference: what the export did before it wrote the text itself ----------------------------

def _ox_term(o):
    if isinstance(o, tuple):
        if o[1]:
            return ox.Literal(o[0], language=o[1])
        if o[2]:
            return ox.Literal(o[0], datatype=ox.NamedNode(o[2]))
        return ox.Literal(o[0])
    return ox.NamedNode(o)


def _unique_sorted(triples):
    merged: dict[tuple, set] = {}
    for s, p, o, graphs in triples:
        merged.setdefault((s, p, o), set()).update(graphs)
    out = [(s, p, o, tuple(sorted(g))) for (s, p, o), g in merged.items()]
    return sorted(out, key=lambda t: (t[0], t[1], str(Lit(*t[2])) if isinstance(t[2], tuple) else t[2]))


def compact_jsonld(expanded: list[dict], prefixes: dict[str, str]) -> dict:
    order = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def c(iri: str) -> str:
        for p, ns in order:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = iri[len(ns):]
                if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local) and not local.endswith("."):
                    return f"{p}:{local}"
        return iri

    def value(v):
        if "@id" in v:
            return {"@id": c(v["@id"])}
        out = dict(v)
        if "@type" in out:
            out["@type"] = c(out["@type"])
        return out

    graph = []
    for node in sorted(expanded, key=lambda n: n.get("@id", "")):
        out = {"@id": c(node["@id"])}
        for k, vs in sorted(node.items()):
            if k != "@id":
                out[c(k)] = [value(v) for v in vs]
        graph.append(out)
    return {"@context": dict(sorted(prefixes.items())), "@graph": graph}


def reference(triples, fmt: str, base: str = BASE) -> bytes:
    prefixes = dict(rdf.NS, id=base)
    ts = _unique_sorted(triples)
    ox_triples = [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), _ox_term(o)) for s, p, o, _ in ts]
    if fmt == "ttl":
        return ox.serialize(ox_triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    if fmt == "nt":
        return ox.serialize(ox_triples, format=ox.RdfFormat.N_TRIPLES)
    if fmt == "jsonld":
        expanded = json.loads(ox.serialize(ox_triples, format=ox.RdfFormat.JSON_LD))
        return (json.dumps(compact_jsonld(expanded, prefixes), ensure_ascii=False, indent=1, sort_keys=True)
                + "\n").encode("utf-8")
    quads = []
    for s, p, o, graphs in ts:
        for g in graphs or (None,):
            name = base + "graph/" + rdf._SAFE.sub("-", g) if g else base + "graph/entities"
            quads.append(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), _ox_term(o), ox.NamedNode(name)))
    quads.sort(key=lambda q: (q.graph_name.value, q.subject.value, q.predicate.value, str(q.object)))
    if fmt == "trig":
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


# -- the writers under test, fed subject by subject as the export feeds them ----------------------------

def written(triples, fmt: str, base: str = BASE) -> bytes:
    prefixes = dict(rdf.NS, id=base)
    names = Names(prefixes, base)
    chunks: list[str] = []
    by_subject: dict[str, list] = {}
    for s, p, o, graphs in triples:
        by_subject.setdefault(s, []).append((p, [(o, graphs)]))
    quads = Quads(lambda a: base + "graph/" + rdf._SAFE.sub("-", a), base + "graph/entities")
    writer = {"ttl": lambda: TurtleWriter(names, chunks.append), "nt": lambda: NTriplesWriter(names, chunks.append),
              "jsonld": lambda: JsonLdWriter(names, chunks.append, prefixes)}.get(fmt, lambda: quads)()
    if fmt == "jsonld":
        writer.start()
    for s in sorted(by_subject):
        groups = sorted(by_subject[s], key=lambda g: g[0])
        writer.subject(s, rdf._tidy(groups))
    writer.finish()
    if fmt == "trig":
        quads.write_trig(names, chunks.append)
    elif fmt == "nq":
        quads.write_nquads(names, chunks.append)
    return "".join(chunks).encode("utf-8")


HOSTILE = ['plain', 'with "quotes"', "l'apostrophe", 'back\\slash', 'new\nline', 'cr\rtab\t', 'bell\x07 nul\x00',
           '\x0b\x0c\x1f\x7f', '\ufffe\uffff', '\u2028\u2029', 'وزير الداخلية', 'é\u0301', '😀 emoji', '', ' ', '%41',
           '"', "\\'", 'tr\u00e8s "long" ' * 40]
LOCALS = ['person-abc', 'a.b', 'a.', '.a', '-a', '_a', '9z', 'x/y', 'x~y', 'x%41', 'x#y', 'x?y=1&z',
          "it's", 'a:b', 'ü', 'e\u0301', '\u00b7x', 'x\u00b7', '\u203fx', 'x\u2040', 'é.é', '', 'a@b', '(x)', 'a,b;c',
          'x*y+z!$', '\U00010000q', 'x\u037e']
NAMESPACES = [BASE, rdf.NS["schema"], rdf.NS["gb"], rdf.NS["xsd"], "http://example.org/other/", "urn:x:"]
TYPED = [("42", XSD + "integer"), ("+7", XSD + "integer"), ("4.2", XSD + "integer"), ("0.800", XSD + "decimal"),
         ("-.5", XSD + "decimal"), ("5.", XSD + "decimal"), ("1e5", XSD + "double"), ("1.e5", XSD + "double"),
         (".5E-3", XSD + "double"), (".e3", XSD + "double"), ("true", XSD + "boolean"), ("True", XSD + "boolean"),
         ("2024-11-12", XSD + "date"), ("x", XSD + "string"), ("12", XSD + "nonNegativeInteger"),
         ("١٢", XSD + "integer"), ("v", "http://example.org/dt#x")]


def hostile_triples(seed: int, n: int = 600) -> list:
    rng = random.Random(seed)

    def iri() -> str:
        while True:
            candidate = rng.choice(NAMESPACES) + rng.choice(LOCALS) + rng.choice(["", "", str(rng.randrange(100))])
            try:
                return ox.NamedNode(candidate).value
            except ValueError:  # "x#y" after a namespace ending in "#"
                continue

    def obj():
        kind = rng.randrange(4)
        if kind == 0:
            return iri()
        if kind == 1:
            return (rng.choice(HOSTILE), rng.choice(["en", "EN", "ar", "fr-CA", "Ar-Latn"]), None)
        if kind == 2:
            return (rng.choice(HOSTILE), None, None)
        value, datatype = rng.choice(TYPED)
        if rng.random() < 0.2:  # a value in another type's form
            value = rng.choice(TYPED)[0]
        return (value, None, datatype)

    subjects = [iri() for _ in range(40)]
    preds = [rdf.RDF_TYPE, rdf.P["schema:name"], rdf.P["nif:anchorOf"], iri(), iri(), rdf.NS["schema"] + "a.b"]
    triples = []
    for _ in range(n):
        graphs = tuple(sorted(set(rng.choice(["a1", "a 2", "a-2", "b", "", "zz"]) for _ in range(rng.randrange(3)))))
        triples.append((rng.choice(subjects), rng.choice(preds), obj(), graphs))
    triples += triples[: n // 10]  # duplicates, some with other graphs
    return triples


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "nq"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_format_gives_pyoxigraphs_bytes_on_hostile_terms(fmt, seed):
    triples = hostile_triples(seed)
    assert written(triples, fmt) == reference(triples, fmt)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "nq"])
def test_a_base_iri_like_another_namespace(fmt):
    """A base of the same length as another namespace, and one inside another namespace: the prefix
    order and the prefix chosen are pyoxigraph's."""
    for base in ("https://w3id.org/graphbuild/xx/", "https://schema.org/id/", "https://schema.org/"):
        triples = [(base + "person-1", rdf.P["schema:name"], ("x", "en", None), ("a",)),
                   (base + "person-1", rdf.P["schema:knows"], rdf.NS["schema"] + "id/y", ()),
                   (rdf.NS["gb"] + "z", rdf.RDF_TYPE, base + "a/b", ("a",))]
        assert written(triples, fmt, base) == reference(triples, fmt, base)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "nq"])
def test_nothing_to_write(fmt):
    assert written([], fmt) == reference([], fmt)


def test_escapes_and_local_names_match_pyoxigraph_for_every_character():
    chars = [chr(c) for c in range(0x3000)] + [chr(c) for c in range(0xFF00, 0x10000) if not 0xD800 <= c < 0xE000] \
        + ["\U00010000", "\U000EFFFF", "\U000F0000"]
    chars = [c for c in chars if not 0xD800 <= ord(c) < 0xE000]
    text = "".join(chars)
    assert quoted(text) == str(ox.Literal(text))
    for c in chars:  # each character alone, first, inside and last in a local name
        for local in (c, "a" + c + "b", "a" + c):
            iri = BASE + local
            try:
                ox.NamedNode(iri)
            except ValueError:
                continue
            text = ox.serialize([ox.Triple(ox.NamedNode(iri), ox.NamedNode(iri), ox.NamedNode(iri))],
                                format=ox.RdfFormat.TURTLE, prefixes={"id": BASE}).decode()
            expected = text.rstrip("\n").rsplit("\n", 1)[-1]  # not splitlines: U+2028 may be in the IRI
            got = escape_local(local)
            name = f"id:{got}" if got is not None else f"<{iri}>"
            assert expected == f"{name} {name} {name} .", repr(local)


def test_literal_order_is_that_of_str_of_lit():
    objs = [(("b", None, None), ()), (('a"', None, None), ()), (("a'", None, None), ()), (("a", "en", None), ()),
            (("a", None, XSD + "date"), ()), (("a", None, None), ()), ("http://x/a", ())]
    ordered = [o for o, _ in rdf._merged(list(objs))]
    assert ordered == sorted((o for o, _ in objs), key=lambda o: str(Lit(*o)) if isinstance(o, tuple) else o)
