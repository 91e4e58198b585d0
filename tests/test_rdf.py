"""RDF: every file parses with rdflib and pyoxigraph, conforms to the shapes, and loads into a real store."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT, free_port, run_cli, sparql_select, start_oxigraph

from graphbuild.export.rdf import example_queries
from graphbuild.export.store import PushError, push, validate

FORMATS = {"graph.ttl": ("turtle", ox.RdfFormat.TURTLE), "graph.nt": ("nt", ox.RdfFormat.N_TRIPLES),
           "graph.jsonld": ("json-ld", ox.RdfFormat.JSON_LD), "graph.trig": ("trig", ox.RdfFormat.TRIG),
           "graph.nq": ("nquads", ox.RdfFormat.N_QUADS)}


def test_every_rdf_file_parses_with_rdflib_and_pyoxigraph(built):
    counts = {}
    for name, (rdflib_fmt, ox_fmt) in FORMATS.items():
        path = built / name
        g = rdflib.Dataset() if rdflib_fmt in ("trig", "nquads") else rdflib.Graph()
        g.parse(path, format=rdflib_fmt)
        quads = list(ox.parse(path=str(path), format=ox_fmt))
        triples = {q.triple for q in quads}
        counts[name] = len(triples)
        assert len(triples) > 1000
        if rdflib_fmt not in ("trig", "nquads"):
            assert len(g) == len(triples), name
    assert len(set(counts.values())) == 1, counts  # same triples in every format


def test_named_graph_per_article(built):
    graphs = {q.graph_name.value for q in ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)}
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    done = {e["article"] for e in report["inputs"] if e["status"] == "done"}
    assert len([g for g in graphs if "/graph/" in g and not g.endswith("/entities")]) == len(done)


def test_turtle_conforms_to_the_shapes_and_broken_data_does_not(built, tmp_path):
    conforms, violations, n = validate(built / "graph.ttl")
    assert conforms, violations[:5]
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix gb: <https://w3id.org/graphbuild/ns#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
<urn:x:p> a gb:Participation ; gb:confidence 2.5 .
<urn:x:m> a sem:Event .""", encoding="utf-8")
    conforms, violations, _ = validate(bad)
    assert not conforms
    messages = " ".join(v.message + str(v.path) for v in violations)
    assert "value" in messages and "confidence" in messages and "name" in messages
    res = run_cli("validate", str(bad))
    assert res.returncode == 1 and b"Violation" in res.stdout


def test_iris_are_stable_and_valid(built, tmp_path):
    again = tmp_path / "again"
    assert run_cli("build", str(ROOT / "data"), "--out", str(again), "--quiet", "--formats", "ttl").returncode == 0
    assert (again / "graph.ttl").read_bytes() == (built / "graph.ttl").read_bytes()
    for q in ox.parse(path=str(built / "graph.nt"), format=ox.RdfFormat.N_TRIPLES):
        assert " " not in q.subject.value and "<" not in q.subject.value


def test_sparql_examples_answer_on_rdflib(built):
    g = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    queries = example_queries()
    assert {"who_met_whom", "meetings_per_country", "person_roles", "participations"} <= set(queries)
    pairs = list(g.query(queries["who_met_whom"]))
    per_country = {str(r.name): int(r.meetings) for r in g.query(queries["meetings_per_country"])}
    assert pairs and per_country.get("Morocco", 0) >= 2


# ---------------------------------------------------------------------------
# a real Oxigraph server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.store
def test_push_to_oxigraph_and_query(built, oxigraph_server):
    base, _ = oxigraph_server
    res = run_cli("push", str(built / "graph.trig"), "--endpoint", base + "/store")
    assert res.returncode == 0, res.stderr.decode()
    n1 = int(sparql_select(base, COUNT)[0]["n"]["value"])
    expected = len(list(ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG)))
    assert n1 == expected
    assert b"triples" in res.stderr  # without --quiet, one line per graph replaced
    # pushing again replaces, never duplicates; --quiet prints nothing on success
    again = run_cli("push", str(built / "graph.trig"), "--endpoint", base + "/store", "--quiet")
    assert again.returncode == 0 and again.stderr == b"" and again.stdout == b""
    assert int(sparql_select(base, COUNT)[0]["n"]["value"]) == n1
    # on a store without a union default graph, the data answers inside GRAPH ?g
    q = ("PREFIX schema: <https://schema.org/> SELECT DISTINCT ?name WHERE { GRAPH ?g { "
         "?m schema:attendee ?p . ?p a schema:Person ; schema:name ?name } }")
    names = {r["name"]["value"] for r in sparql_select(base, q)}
    assert any("Dkhissi" in n or "الدخيسي" in n for n in names)


def _readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```sparql\n")[1:]]


@pytest.mark.store
def test_every_readme_and_shipped_query_returns_rows_after_push(built, oxigraph_union_server):
    """As documented: push, then the README's and the shipped queries, unchanged, answer."""
    base, _ = oxigraph_union_server
    res = run_cli("push", str(built / "graph.trig"), "--endpoint", base + "/store", "--quiet")
    assert res.returncode == 0, res.stderr.decode()
    queries = {f"README #{i}": q for i, q in enumerate(_readme_queries(), 1)} | example_queries()
    assert len(queries) >= 7
    empty = [name for name, q in sorted(queries.items()) if not sparql_select(base, q)]
    assert not empty, f"no rows: {empty}"


@pytest.mark.store
def test_push_turtle_into_a_named_graph_and_sparql_update_fallback(built, oxigraph_server):
    base, _ = oxigraph_server
    graph = "https://example.org/graph/news"
    assert push(built / "graph.ttl", base + "/store", graph)[0].graph == graph
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    n = int(sparql_select(base, q)[0]["n"]["value"])
    assert n > 1000
    push(built / "graph.ttl", base + "/store", graph, update_endpoint=base + "/update")
    assert int(sparql_select(base, q)[0]["n"]["value"]) == n


@pytest.mark.store
def test_push_errors_are_clear(built, oxigraph_server, tmp_path):
    base, proc = oxigraph_server
    with pytest.raises(PushError, match="invalid graph IRI"):
        push(built / "graph.ttl", base + "/store", "not an iri")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(PushError, match="not valid RDF"):
        push(bad, base + "/store")
    port = free_port()
    res = run_cli("push", str(built / "graph.ttl"), "--endpoint", f"http://127.0.0.1:{port}/store", "--timeout", "2")
    assert res.returncode == 1 and b"cannot reach" in res.stderr


def _trig(version: str, graphs: int = 300, triples: int = 100) -> str:
    lines = []
    for g in range(graphs):
        lines.append(f"<urn:g:{g}> {{")
        lines.append(f'  <urn:marker> <urn:version> "{version}" .')
        lines += [f'  <urn:s:{g}:{i}> <urn:p> "{version} {i}" .' for i in range(triples)]
        lines.append("}")
    return "\n".join(lines) + "\n"


@pytest.mark.store
def test_push_is_atomic_per_graph_when_the_store_dies(tmp_path):
    """Stop the server mid-push: every graph is wholly old or wholly new, the command says what failed,
    and running it again completes the job."""
    v1, v2 = tmp_path / "v1.trig", tmp_path / "v2.trig"
    v1.write_text(_trig("v1"), encoding="utf-8")
    v2.write_text(_trig("v2"), encoding="utf-8")
    location, port = tmp_path / "store", free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_oxigraph(location, port)
    try:
        assert run_cli("push", str(v1), "--endpoint", base + "/store").returncode == 0
        pusher = subprocess.Popen([sys.executable, "-m", "graphbuild", "push", str(v2), "--endpoint",
                                   base + "/store", "--timeout", "5"], stderr=subprocess.PIPE, cwd=ROOT)
        ask = 'ASK { GRAPH ?g { <urn:marker> <urn:version> "v2" } }'
        for _ in range(500):
            req = urllib.request.Request(base + "/query", data=urllib.parse.urlencode({"query": ask}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
            if json.loads(urllib.request.urlopen(req, timeout=5).read())["boolean"]:
                break
            time.sleep(0.01)
        server.kill()
        server.wait()
        err = pusher.communicate(timeout=60)[1].decode()
        assert pusher.returncode == 1, err
        assert "push failed" in err and "again" in err
        server = start_oxigraph(location, port)
        rows = sparql_select(base, "SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?v) AS ?version) WHERE { GRAPH ?g { "
                             "?s ?p ?o . <urn:marker> <urn:version> ?v } } GROUP BY ?g")
        assert len(rows) == 300 and all(int(r["n"]["value"]) == 101 for r in rows)
        versions = {r["version"]["value"] for r in rows}
        assert versions == {"v1", "v2"}, versions  # some graphs replaced, none half-written
        mixed = sparql_select(base, 'SELECT ?g WHERE { GRAPH ?g { ?s <urn:p> ?o . <urn:marker> <urn:version> ?v '
                              'FILTER(!STRSTARTS(STR(?o), STR(?v))) } } LIMIT 1')
        assert mixed == []
        assert run_cli("push", str(v2), "--endpoint", base + "/store").returncode == 0
        rows = sparql_select(base, "SELECT DISTINCT ?v WHERE { GRAPH ?g { <urn:marker> <urn:version> ?v } }")
        assert [r["v"]["value"] for r in rows] == ["v2"]
    finally:
        server.kill()
        server.wait()
