"""Loading RDF into a triple store, and validating it against the package's SHACL shapes.

Push uses the SPARQL 1.1 Graph Store Protocol: ``PUT`` replaces one named graph,
so a re-run never duplicates data and each graph is replaced atomically by the
store. TriG / N-Quads files are pushed one named graph at a time. SPARQL Update
(``DROP SILENT GRAPH`` + ``INSERT DATA``) is the fallback for stores without
GSP; the data goes in as N-Triples written by pyoxigraph and graph IRIs are
validated, so no text from an article is ever spliced into a query unescaped.

A TriG / N-Quads file written by ``graphbuild build`` has the output's id registry beside it
(``ids.json``), which names the graphs of articles that earlier builds of the output had and
this one has not; push deletes those graphs (``DELETE`` per graph, or ``DROP SILENT GRAPH``),
so a store holds the articles of the output and no others.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import ABSOLUTE_IRI

MEDIA = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json",
         ".trig": "application/trig", ".nq": "application/n-quads", ".rdf": "application/rdf+xml"}
_IRI = ABSOLUTE_IRI


class PushError(RuntimeError):
    pass


class PushInputError(PushError):
    """The file or an argument is wrong: nothing was sent, so running again will not help."""


@dataclass
class PushResult:
    graph: str | None
    triples: int
    status: int
    method: str


def _ox_format(path: Path):
    import pyoxigraph as ox

    return {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
            ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".rdf": ox.RdfFormat.RDF_XML}[path.suffix]


def graphs_in(path: Path, graph: str | None) -> dict[str | None, bytes]:
    """N-Triples payload per target graph (None = the default graph)."""
    import pyoxigraph as ox

    if path.suffix not in MEDIA:
        raise PushInputError(f"{path}: unknown RDF file type {path.suffix!r} (use .ttl, .nt, .jsonld, .trig or .nq)")
    try:
        quads = list(ox.parse(path=str(path), format=_ox_format(path)))
    except (SyntaxError, ValueError, OSError) as exc:
        raise PushInputError(f"{path}: not valid RDF: {exc}") from None
    groups: dict[str | None, list] = {}
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else None
        target = graph if (graph and name is None) else name
        groups.setdefault(target, []).append(q.triple)
    return {g: ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES) for g, ts in sorted(groups.items(),
                                                                                      key=lambda kv: kv[0] or "")}


def removed_graphs(path: Path) -> list[str]:
    """The graphs of articles that the output holding ``path`` (a TriG / N-Quads file) had in an earlier
    build and no longer has: from the id registry beside it; none for other files or outputs."""
    path = Path(path)
    registry = path.parent / "ids.json"
    if path.suffix not in (".trig", ".nq") or not registry.is_file():
        return []
    try:
        data = json.loads(registry.read_text(encoding="utf-8"))
        graphs = data.get("extra", {}).get("retired_graphs", [])
    except (OSError, ValueError, AttributeError):
        return []
    return sorted(g for g in graphs if isinstance(g, str) and _IRI.match(g))


def _opener(endpoint: str, user: str | None, password: str | None, auth: str):
    handlers = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, endpoint, user, password or "")
        handlers.append(urllib.request.HTTPDigestAuthHandler(mgr) if auth == "digest"
                        else urllib.request.HTTPBasicAuthHandler(mgr))
    return urllib.request.build_opener(*handlers)


def _send(opener, req: urllib.request.Request, timeout: float) -> int:
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        body = exc.read()[:300].decode("utf-8", "replace").strip()
        raise PushError(f"{req.get_method()} {req.full_url} failed: HTTP {exc.code} {exc.reason}"
                        + (f": {body}" if body else "")) from None
    except urllib.error.URLError as exc:
        raise PushError(f"cannot reach {req.full_url}: {exc.reason}") from None
    except TimeoutError:
        raise PushError(f"{req.full_url}: no answer within {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError, OSError) as exc:
        raise PushError(f"{req.get_method()} {req.full_url}: connection lost ({type(exc).__name__}: {exc})") from None


def push(path: str | Path, endpoint: str, graph: str | None = None, *, user: str | None = None,
         password: str | None = None, auth: str = "basic", timeout: float = 60.0,
         update_endpoint: str | None = None, delete: list[str] | None = None) -> list[PushResult]:
    """Replace each graph in ``path`` on the store, then delete the graphs in ``delete`` that the file
    does not hold (gone already is fine); returns what was sent."""
    path = Path(path)
    if graph is not None and not _IRI.match(graph):
        raise PushInputError(f"invalid graph IRI {graph!r}")
    if not _IRI.match(endpoint):
        raise PushInputError(f"invalid endpoint URL {endpoint!r}")
    payloads = graphs_in(path, graph)
    opener = _opener(endpoint, user, password, auth)
    results: list[PushResult] = []
    try:
        for g, data in payloads.items():
            triples = data.count(b"\n")
            if update_endpoint:
                status = _update(opener, update_endpoint, g, data, timeout)
                results.append(PushResult(g, triples, status, "sparql-update"))
                continue
            query = "default" if g is None else "graph=" + urllib.parse.quote(g, safe="")
            sep = "&" if "?" in endpoint else "?"
            req = urllib.request.Request(f"{endpoint}{sep}{query}", data=data, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
            status = _send(opener, req, timeout)
            results.append(PushResult(g, triples, status, "graph-store-protocol"))
        for g in sorted(set(delete or ()) - set(payloads)):
            results.append(_delete(opener, endpoint, update_endpoint, g, timeout))
    except PushError as exc:
        raise PushError(f"{exc} — {len(results)} of {len(payloads)} graphs were replaced before this") from None
    return results


def _delete(opener, endpoint: str, update_endpoint: str | None, graph: str, timeout: float) -> PushResult:
    """Delete one named graph; a store that does not have it is what was wanted."""
    if not _IRI.match(graph):
        raise PushError(f"invalid graph IRI {graph!r}")
    if update_endpoint:
        req = urllib.request.Request(update_endpoint, data=f"DROP SILENT GRAPH <{graph}>".encode(),
                                     method="POST", headers={"Content-Type": "application/sparql-update"})
        return PushResult(graph, 0, _send(opener, req, timeout), "sparql-update delete")
    sep = "&" if "?" in endpoint else "?"
    req = urllib.request.Request(f"{endpoint}{sep}graph=" + urllib.parse.quote(graph, safe=""), method="DELETE")
    try:
        status = _send(opener, req, timeout)
    except PushError as exc:
        if "HTTP 404" not in str(exc):
            raise
        status = 404
    return PushResult(graph, 0, status, "graph-store-protocol delete")


def _update(opener, url: str, graph: str | None, data: bytes, timeout: float) -> int:
    if graph is not None and not _IRI.match(graph):
        raise PushError(f"invalid graph IRI {graph!r}")
    target = f"GRAPH <{graph}>" if graph else "DEFAULT"
    body = data.decode("utf-8")
    inner = f"GRAPH <{graph}> {{\n{body}}}" if graph else body
    update = f"DROP SILENT {target} ;\nINSERT DATA {{\n{inner}}}"
    req = urllib.request.Request(url, data=update.encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/sparql-update"})
    return _send(opener, req, timeout)


# ---------------------------------------------------------------------------
# validation

@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str


def default_shapes() -> str:
    return resources.files("graphbuild").joinpath("data", "rdf", "shapes.ttl").read_text("utf-8")


def validate(path: str | Path, shapes: str | Path | None = None) -> tuple[bool, list[Violation], int]:
    """SHACL validation (pyshacl, advanced features on). Returns (conforms, violations, triples)."""
    import pyshacl
    import rdflib

    path = Path(path)
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads",
           ".rdf": "xml"}.get(path.suffix)
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF file type {path.suffix!r}")
    data = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    try:
        data.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ValueError(f"{path}: not valid RDF: {exc}") from None
    if isinstance(data, rdflib.Dataset):
        union = rdflib.Graph()
        for quad in data.quads((None, None, None, None)):
            union.add(quad[:3])
        data = union
    shape_graph = rdflib.Graph().parse(data=Path(shapes).read_text("utf-8") if shapes else default_shapes(),
                                       format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shape_graph, advanced=True, inference="none",
                                           allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = []
    for r in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        out.append(Violation(str(report.value(r, sh.focusNode)),
                             str(report.value(r, sh.resultPath)) if report.value(r, sh.resultPath) else None,
                             str(report.value(r, sh.resultMessage) or ""),
                             str(report.value(r, sh.resultSeverity)).rsplit("#", 1)[-1]))
    out.sort(key=lambda v: (v.severity, v.focus, v.path or "", v.message))
    return bool(conforms), out, len(data)
