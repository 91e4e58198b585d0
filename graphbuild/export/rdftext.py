"""RDF text, written a subject at a time: Turtle, N-Triples, JSON-LD, TriG and N-Quads.

The bytes are those pyoxigraph's serialisers (and, for JSON-LD, ``compact_jsonld`` over pyoxigraph's
expanded document) give for the same triples in the same order: the same escapes, prefixed names,
short literals (``42``, ``0.800``), layout and prefix order (read from pyoxigraph itself, so a base
IRI of the same length as another namespace sorts as it would). Writing the text here costs a few
string joins per triple, where building pyoxigraph's objects cost more than the whole writer may;
``tests/test_rdf_text.py`` checks every format against pyoxigraph on hostile strings.

Terms are plain Python: an IRI is a ``str``, a literal a ``Lit``. A subject comes with its predicates
in IRI order, each with its objects in order and without duplicates, each object with the articles
(named graphs) it came from: ``[(predicate, [(object, graphs), …]), …]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple


class Lit(NamedTuple):
    value: str
    lang: str | None = None
    datatype: str | None = None


Term = str | Lit
Groups = list[tuple[str, list[tuple[Term, tuple[str, ...]]]]]

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# -- literals ------------------------------------------------------------------------------

_NEEDS_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f\ufffe\uffff]')
_COMMON_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\b", "\\b"),
                   ("\f", "\\f"))  # the backslash first
_OTHER_CONTROLS = re.compile("[\x00-\x07\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def quoted(value: str) -> str:
    """A string between double quotes, escaped as N-Triples and Turtle writers escape it."""
    if _NEEDS_ESCAPE.search(value) is None:
        return '"' + value + '"'
    for char, escaped in _COMMON_ESCAPES:  # str.replace is 30 times faster than str.translate here
        if char in value:
            value = value.replace(char, escaped)
    value = _OTHER_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04X}", value)
    return '"' + value + '"'


@lru_cache(maxsize=1024)
def language_tag(tag: str) -> str:
    """The tag as RDF stores it (lower case); a tag that is not BCP 47 raises ValueError, as before."""
    import pyoxigraph as ox

    return ox.Literal("", language=tag).language


def nt_literal(lit: Lit) -> str:
    value, lang, datatype = lit
    if lang:
        return quoted(value) + "@" + language_tag(lang)
    if datatype and datatype != XSD_STRING:
        return quoted(value) + "^^<" + datatype + ">"
    return quoted(value)


def nt_term(o: Term) -> str:
    return "<" + o + ">" if o.__class__ is str else nt_literal(o)


_SHORT = {  # the datatypes Turtle writes bare when the value is in the grammar's own form
    XSD + "boolean": re.compile(r"true|false"),
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+"),
}

# -- prefixed names ------------------------------------------------------------------------------

_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_:](?:[A-Za-z0-9_:.\-]*[A-Za-z0-9_:\-])?")
_LOCAL_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@%")


def _pn_chars_u(c: str) -> bool:
    o = ord(c)
    return ("A" <= c <= "Z" or "a" <= c <= "z" or c == "_" or 0xC0 <= o <= 0xD6 or 0xD8 <= o <= 0xF6
            or 0xF8 <= o <= 0x2FF or 0x370 <= o <= 0x37D or 0x37F <= o <= 0x1FFF or 0x200C <= o <= 0x200D
            or 0x2070 <= o <= 0x218F or 0x2C00 <= o <= 0x2FEF or 0x3001 <= o <= 0xD7FF
            or 0xF900 <= o <= 0xFDCF or 0xFDF0 <= o <= 0xFFFD or 0x10000 <= o <= 0xEFFFF)


def _pn_chars(c: str) -> bool:
    o = ord(c)
    return _pn_chars_u(c) or c == "-" or "0" <= c <= "9" or o == 0xB7 or 0x300 <= o <= 0x36F or 0x203F <= o <= 0x2040


def escape_local(local: str) -> str | None:
    """A prefixed name's local part as pyoxigraph writes it (``\\/`` and the like), or None if it cannot be one."""
    if _PLAIN_LOCAL.fullmatch(local):
        return local
    out = []
    last = len(local) - 1
    for i, c in enumerate(local):
        if (_pn_chars_u(c) or c == ":" or "0" <= c <= "9") if i == 0 else \
                (_pn_chars(c) or c == ":" or (c == "." and i < last)):
            out.append(c)
        elif c in _LOCAL_ESCAPABLE:
            out.append("\\" + c)
        else:
            return None
    return "".join(out) or None


def prefix_order(prefixes: dict[str, str]) -> list[tuple[str, str]]:
    """The prefixes in the order pyoxigraph declares and tries them (the longest namespace first);
    asked of pyoxigraph itself, which also rejects a prefix or namespace that is not valid."""
    import pyoxigraph as ox

    probe = ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
    text = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8")
    order = []
    for line in text.splitlines():
        if line.startswith("@prefix "):
            name, _, rest = line[len("@prefix "):].partition(": <")
            order.append((name, rest[:-len("> .")]))
    return order


class Names:
    """IRIs as Turtle's prefixed names and JSON-LD's compact ones, remembered for the IRIs that recur."""

    def __init__(self, prefixes: dict[str, str], base: str | None = None):
        self.order = prefix_order(prefixes)
        # most IRIs start with the base: only the namespaces that hold the base or that it holds can name them
        self.base = base or ""
        self._base_order = [(name, ns) for name, ns in self.order
                            if ns.startswith(self.base) or self.base.startswith(ns)]
        self.header = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in self.order)
        self._jsonld_order = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.ttl_memo: dict[Term, str] = {}
        self.nt_memo: dict[Term, str] = {}
        self._js: dict[str, str] = {}

    def turtle(self, iri: str) -> str:
        for name, ns in (self._base_order if self.base and iri.startswith(self.base) else self.order):
            if iri.startswith(ns):
                local = iri[len(ns):]
                if not local:
                    return name + ":"
                escaped = escape_local(local)
                if escaped is not None:
                    return name + ":" + escaped
        return "<" + iri + ">"

    def turtle_object(self, o: Term) -> str:
        """An object in Turtle. IRIs and typed literals recur (a node's IRI, an offset) and are
        remembered, in a memo emptied when it grows large; ``self.ttl_memo.get(o)`` first is faster."""
        memo = self.ttl_memo
        text = memo.get(o)
        if text is not None:
            return text
        if o.__class__ is str:
            text = self.turtle(o)
        else:
            value, lang, datatype = o
            if lang or not datatype or datatype == XSD_STRING:
                return nt_literal(o)
            short = _SHORT.get(datatype)
            if short is not None and short.fullmatch(value):
                text = value
            else:
                text = quoted(value) + "^^" + self.turtle(datatype)
        if len(memo) > 300_000:
            memo.clear()
        memo[o] = text
        return text

    def nt_object(self, o: Term) -> str:
        """An object in N-Triples (typed literals remembered, like ``turtle_object``)."""
        if o.__class__ is str:
            return "<" + o + ">"
        memo = self.nt_memo
        text = memo.get(o)
        if text is None:
            text = nt_literal(o)
            if o[2] and not o[1]:
                if len(memo) > 100_000:
                    memo.clear()
                memo[o] = text
        return text

    def jsonld(self, iri: str) -> str:
        """``compact_jsonld``'s rule: the longest namespace whose remainder is a plain name."""
        for p, ns in self._jsonld_order:
            if iri.startswith(ns) and len(iri) > len(ns):
                local = iri[len(ns):]
                if _JSONLD_LOCAL.fullmatch(local) and not local.endswith("."):
                    return f"{p}:{local}"
        return iri

    def jsonld_quoted(self, iri: str) -> str:
        text = self._js.get(iri)
        if text is None:
            if len(self._js) > 200_000:
                self._js.clear()
            text = self._js[iri] = _js(self.jsonld(iri))
        return text


_JSONLD_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_js = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a string

# -- writers ---------------------------------------------------------------------------------------

Write = Callable[[str], object]


class TurtleWriter:
    def __init__(self, names: Names, write: Write):
        self.names, self.write, self.started = names, write, False
        self._pred: dict[str, str] = {}

    def predicate(self, p: str) -> str:
        text = self._pred.get(p)
        if text is None:
            text = self._pred[p] = "a" if p == RDF_TYPE else self.names.turtle(p)
        return text

    def statements(self, groups: Groups, sep: str) -> str:
        """A subject's predicates and objects, ``sep`` between predicates (" ;\n" and the indent)."""
        preds, memo, render = self._pred, self.names.ttl_memo, self.names.turtle_object
        parts = []
        for p, objs in groups:
            pt = preds.get(p) or self.predicate(p)
            if len(objs) == 1:
                o = objs[0][0]
                parts.append(pt + " " + (memo.get(o) or render(o)))
            else:
                parts.append(pt + " " + " , ".join([memo.get(o) or render(o) for o, _ in objs]))
        return sep.join(parts)

    def subject(self, s: str, groups: Groups) -> None:
        if not self.started:
            self.started = True
            self.write(self.names.header)
        self.write(self.names.turtle(s) + " " + self.statements(groups, " ;\n\t") + " .\n")

    def finish(self) -> None:
        pass


class NTriplesWriter:
    def __init__(self, names: Names, write: Write):
        self.write = write
        self.render = names.nt_object

    def subject(self, s: str, groups: Groups) -> None:
        head = "<" + s + "> <"
        render = self.render
        lines = []
        for p, objs in groups:
            sp = head + p + "> "
            for o, _ in objs:
                lines.append(sp + render(o) + " .\n")
        self.write("".join(lines))

    def finish(self) -> None:
        pass


class JsonLdWriter:
    """``compact_jsonld``'s document written as ``json.dumps(indent=1, sort_keys=True)`` would, node by node."""

    def __init__(self, names: Names, write: Write, prefixes: dict[str, str]):
        self.names, self.write, self.prefixes = names, write, prefixes
        self.started = False

    def _value(self, o: Term) -> str:
        if o.__class__ is str:
            return '    {\n     "@id": ' + self.names.jsonld_quoted(o) + "\n    }"
        value, lang, datatype = o
        if lang:
            return '    {\n     "@language": ' + _js(language_tag(lang)) + ',\n     "@value": ' + _js(value) + "\n    }"
        if datatype and datatype != XSD_STRING:
            return ('    {\n     "@type": ' + self.names.jsonld_quoted(datatype) + ',\n     "@value": ' + _js(value)
                    + "\n    }")
        return '    {\n     "@value": ' + _js(value) + "\n    }"

    def subject(self, s: str, groups: Groups) -> None:
        jsonld = self.names.jsonld
        entries = [("@id", '   "@id": ' + _js(jsonld(s)))]
        for p, objs in groups:
            key = jsonld(p)
            entries.append((key, "   " + _js(key) + ": [\n" + ",\n".join([self._value(o) for o, _ in objs]) + "\n   ]"))
        entries.sort(key=_first)
        self.write((",\n  {\n" if self.started else "\n  {\n") + ",\n".join([e for _, e in entries]) + "\n  }")
        self.started = True

    def start(self) -> None:
        context = ",\n".join(f"  {_js(k)}: {_js(v)}" for k, v in sorted(self.prefixes.items()))
        self.write("{\n \"@context\": {\n" + context + "\n },\n \"@graph\": [")

    def finish(self) -> None:
        self.write("\n ]\n}\n" if self.started else "]\n}\n")


def _first(item):
    return item[0]


class Quads:
    """The triples of every named graph, in the order of the subjects they came in; TriG and N-Quads
    are written graph by graph (graph IRI order) once every subject has been seen."""

    def __init__(self, graph_iri: Callable[[str], str], default_graph: str):
        self.graph_iri = graph_iri
        self.default_graph = default_graph
        self.graphs: dict[str, list[tuple[str, str, Term]]] = {}
        self._iris: dict[str, str] = {}

    def subject(self, s: str, groups: Groups) -> None:
        graphs, iris = self.graphs, self._iris
        for p, objs in groups:
            for o, names in objs:
                quad = (s, p, o)
                if not names:
                    graphs.setdefault(self.default_graph, []).append(quad)
                    continue
                for name in names:
                    g = iris.get(name)
                    if g is None:
                        g = iris[name] = self.graph_iri(name) if name else self.default_graph
                    graphs.setdefault(g, []).append(quad)

    def finish(self) -> None:
        pass

    def in_order(self) -> Iterable[tuple[str, list[tuple[str, str, Term]]]]:
        """Each graph with its quads sorted as N-Quads sorts them: subject, predicate, object's N-Triples text."""
        for g in sorted(self.graphs):
            quads = self.graphs[g]
            i, n = 0, len(quads)
            while i < n:  # already in subject and predicate order; objects are re-sorted where several share both
                j = i + 1
                s, p = quads[i][0], quads[i][1]
                while j < n and quads[j][1] == p and quads[j][0] == s:
                    j += 1
                if j - i > 1:
                    quads[i:j] = sorted(quads[i:j], key=lambda q: nt_term(q[2]))
                i = j
            yield g, quads

    def write_trig(self, names: Names, write: Write) -> None:
        turtle = TurtleWriter(names, write)
        started = False
        for g, quads in self.in_order():
            if not started:
                started = True
                write(names.header)
            write(names.turtle(g) + " {\n")
            for s, groups in _by_subject(quads):
                write("\t" + names.turtle(s) + " " + turtle.statements(groups, " ;\n\t\t") + " .\n")
            write("}\n")

    def write_nquads(self, names: Names, write: Write) -> None:
        render = names.nt_object
        for g, quads in self.in_order():
            tail = " <" + g + "> .\n"
            write("".join(["<" + s + "> <" + p + "> " + render(o) + tail for s, p, o in quads]))


def _by_subject(quads: list[tuple[str, str, Term]]) -> Iterable[tuple[str, Groups]]:
    """Quads of one graph regrouped as a subject's predicates and objects (graphs left out)."""
    current, groups = None, []
    for s, p, o in quads:
        if s != current:
            if current is not None:
                yield current, groups
            current, groups = s, []
        if groups and groups[-1][0] == p:
            groups[-1][1].append((o, ()))
        else:
            groups.append((p, [(o, ())]))
    if current is not None:
        yield current, groups
