"""A VoID description of an RDF export: ``void.ttl``, written beside the files it describes.

``VoidStats`` takes the subjects as the writers do (``subject(s, groups)``) and counts as they go by,
so the description costs one pass that is already made and a few counters, never the triples. The
description holds nothing that depends on the time or the machine: the same graph gives the same
bytes. Its dump links (``void:dataDump <graph.ttl>``) are relative IRIs, resolved against wherever
``void.ttl`` is read or served from, as a VoID file published next to its dumps is; a reader without
a base for it (pyoxigraph) is given one (``base_iri=``).

Counts are of the deduplicated triples (the union of the named graphs: every format holds the
same): ``void:triples``; ``void:distinctSubjects``; ``void:entities``, the subjects in the base IRI
(``void:uriSpace``) that have a type; ``void:classPartition`` (per class: ``void:entities``) and
``void:propertyPartition`` (per predicate: ``void:triples``); ``void:vocabulary``, each vocabulary
whose classes or predicates are used.
"""

from __future__ import annotations

from collections.abc import Callable

from .rdftext import RDF_TYPE, Groups, Lit, Names, TurtleWriter

VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
MEDIA = {"ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
         "trig": "application/trig", "nq": "application/n-quads"}


class VoidStats:
    """Counters over the subjects of one mapping, in the writers' protocol."""

    def __init__(self, base: str):
        self.base = base
        self.triples = 0
        self.subjects = 0
        self.entities = 0
        self.classes: dict[str, int] = {}
        self.properties: dict[str, int] = {}

    def subject(self, s: str, groups: Groups) -> None:
        self.subjects += 1
        props = self.properties
        for p, objs in groups:
            n = len(objs)
            self.triples += n
            props[p] = props.get(p, 0) + n
            if p == RDF_TYPE:
                classes = self.classes
                for o, _ in objs:
                    if o.__class__ is str:
                        classes[o] = classes.get(o, 0) + 1
                if s.startswith(self.base):
                    self.entities += 1

    def finish(self) -> None:
        pass


def _count(n: int) -> Lit:
    return Lit(str(n), None, XSD_INTEGER)


def _curie(iri: str, prefixes: dict[str, str]) -> str:
    """A partition's IRI tail from its class or property: "schema-Person"."""
    for name, ns in sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if iri.startswith(ns) and iri != ns:
            return name + "-" + "".join(c if c.isalnum() or c in "-_." else "-" for c in iri[len(ns):])
    from ..ids import number

    return f"x-{number(iri):08x}"


def _vocabulary(iri: str, prefixes: dict[str, str]) -> str | None:
    """The vocabulary of a term: its namespace, without the "#" of a hash namespace (the ontology's IRI)."""
    for ns in sorted(prefixes.values(), key=len, reverse=True):
        if iri.startswith(ns) and iri != ns:
            return ns[:-1] if ns.endswith("#") else ns
    return None


def write_void(stats: VoidStats, files: dict[str, str], prefixes: dict[str, str], base: str,
               write: Callable[[str], object], title: str = "graphbuild knowledge graph") -> None:
    """The dataset's description as Turtle: ``files`` is {format: file name} of the dumps written."""
    prefixes = dict(prefixes, void=VOID, dcterms=DCTERMS)
    names = Names(prefixes, base)
    dataset = base + "dataset"
    vocabularies = sorted({v for t in (*stats.properties, *stats.classes) if (v := _vocabulary(t, prefixes))})
    parts: list[tuple[str, Groups]] = []
    class_parts, property_parts = [], []
    for c, n in sorted(stats.classes.items()):
        iri = f"{dataset}-class-{_curie(c, prefixes)}"
        class_parts.append((iri, ()))
        parts.append((iri, [(RDF_TYPE, [(VOID + "Dataset", ())]), (VOID + "class", [(c, ())]),
                            (VOID + "entities", [(_count(n), ())])]))
    for p, n in sorted(stats.properties.items()):
        iri = f"{dataset}-property-{_curie(p, prefixes)}"
        property_parts.append((iri, ()))
        parts.append((iri, [(RDF_TYPE, [(VOID + "Dataset", ())]), (VOID + "property", [(p, ())]),
                            (VOID + "triples", [(_count(n), ())])]))
    dumps = sorted(files.items(), key=lambda kv: kv[1])
    groups: Groups = [
        (RDF_TYPE, [(VOID + "Dataset", ())]),
        (DCTERMS + "title", [(Lit(title, "en"), ())]),
        (VOID + "classPartition", sorted(class_parts)),
        (VOID + "classes", [(_count(len(stats.classes)), ())]),
        (VOID + "dataDump", [(name, ()) for _, name in dumps]),
        (VOID + "distinctSubjects", [(_count(stats.subjects), ())]),
        (VOID + "entities", [(_count(stats.entities), ())]),
        (VOID + "properties", [(_count(len(stats.properties)), ())]),
        (VOID + "propertyPartition", sorted(property_parts)),
        (VOID + "triples", [(_count(stats.triples), ())]),
        (VOID + "uriSpace", [(Lit(base), ())]),
        (VOID + "vocabulary", [(v, ()) for v in vocabularies]),
    ]
    groups = [(p, objs) for p, objs in groups if objs]
    turtle = TurtleWriter(names, write)
    turtle.subject(dataset, groups)
    for iri, g in sorted(parts):
        turtle.subject(iri, g)
    for fmt, name in dumps:
        turtle.subject(name, [(DCTERMS + "format", [(Lit(MEDIA[fmt]), ())])])
