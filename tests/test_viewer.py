"""The HTML view in a real headless Chromium: offline, complete, no console errors, safe with hostile names."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import ROOT, SEED

import graphbuild
from graphbuild.export.html import SHOWN_EDGE_TYPES, write_html
from graphbuild.graph import KnowledgeGraph

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
HOSTILE = ['<img src=x onerror="window.__pwned=1">', '</script><script>window.__pwned=2</script>',
           'Mr <a href="javascript:window.__pwned=3">href</a> Smith', "O'Brien \"quoted\" \\ back\nslash \u202e"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium missing: run `make test` as root, or apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                    "--disable-background-networking", "--no-first-run"])
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def block(route):
        requests.append(route.request.url)
        route.abort()

    page.route("http*://**/*", block)
    page.goto(path.as_uri())
    # the page sets body[data-ready] after its first drawing; waiting on the attribute needs no eval,
    # which the page's CSP forbids (wait_for_function polls with eval and fails when it polls twice)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
    assert page.evaluate("window.graphbuild.ready") is True
    return page, errors, requests


def expected_counts(kg: KnowledgeGraph) -> tuple[int, int]:
    nodes = [n for n, d in kg.g.nodes(data=True) if d["type"] not in ("article", "role")]
    keep = set(nodes)
    edges = [1 for u, v, d in kg.g.edges(data=True) if u in keep and v in keep and d["type"] in SHOWN_EDGE_TYPES
             and not (d["type"] == "participated_in" and kg.g.nodes[u]["type"] != "person")]
    return len(nodes), len(edges)


@pytest.mark.browser
def test_built_view_opens_offline_with_all_nodes(browser, tmp_path):
    out = tmp_path / "out"
    kg = graphbuild.build([ROOT / "data"], out=out)
    page, errors, requests = open_page(browser, out / "graph.html")
    n_nodes = page.evaluate("window.graphbuild.nodes.length")
    n_edges = page.evaluate("window.graphbuild.edges.length")
    drawn = page.evaluate("Object.keys(window.graphbuild.network.getPositions()).length")
    assert (n_nodes, n_edges) == expected_counts(kg)
    assert drawn == n_nodes
    assert errors == [] and requests == []
    # click a meeting: its participants stay highlighted and the panel shows the sources
    meeting = max(kg.nodes_of("meeting"), key=lambda m: len(kg.participants(m)))
    page.evaluate("""id => { const n = window.graphbuild.network; n.selectNodes([id]);
        n.body.emitter.emit('click', {nodes: [id], edges: []}); }""", meeting)
    panel = page.inner_text("#panel").lower()
    assert "sources" in panel and "participants" in panel
    search = page.locator("#search")
    search.fill("الدخيسي")
    assert "found" in page.inner_text("#search-status") and not page.inner_text("#search-status").startswith("0")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 10000
    page.close()


def _hostile_graph() -> KnowledgeGraph:
    text = SEED.read_text(encoding="utf-8")
    d = graphbuild.extract(SEED)
    for p, name in zip(d["persons"], HOSTILE, strict=False):
        p["name"] = name
        p["surface"] = [name]
    for m in d["meetings"]:
        m["label"] = "<h1>heading</h1><script>window.__pwned=4</script>"
    kg = graphbuild.Graph()
    kg.add_extraction(d, text=text)
    return kg


@pytest.mark.browser
def test_hostile_names_stay_text(browser, tmp_path):
    kg = _hostile_graph()
    path = write_html(kg, tmp_path / "hostile.html", title='<b onmouseover="window.__pwned=5">t</b>')
    page, errors, requests = open_page(browser, path)
    # hover and click every node: tooltips and the panel must not run anything
    ids = page.evaluate("window.graphbuild.nodes.getIds()")
    for node in ids:
        page.evaluate("""id => window.graphbuild.network.body.emitter.emit('click', {nodes: [id], edges: []})""",
                      node)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.locator("#search").fill("onerror")
    panel = page.inner_text("#panel")
    assert '<img src=x onerror="window.__pwned=1">' in panel
    assert page.inner_text("h1") == '<b onmouseover="window.__pwned=5">t</b>'
    assert page.evaluate("document.querySelectorAll('#panel img, #panel a, #panel script').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert errors == [] and requests == []
    page.close()


def test_notebook_view_is_a_sandboxed_srcdoc_iframe():
    kg = _hostile_graph()
    out = kg.show()._repr_html_()
    assert out.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in out
    assert "<script>window.__pwned" not in out  # the page inside is attribute-escaped
    page = html.unescape(out.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0])
    assert "Content-Security-Policy" in page and "https://" not in page.split("<script>", 1)[0]


def test_page_has_no_network_references(tmp_path):
    kg = _hostile_graph()
    page = write_html(kg, tmp_path / "v.html").read_text(encoding="utf-8")
    for needle in ("cdn.jsdelivr", "cdnjs", "bootstrap", "<link "):
        assert needle not in page


@pytest.mark.slow
def test_big_graphs_are_laid_out_around_a_simulated_core():
    """Above LAYOUT_CORE nodes, only the core is simulated; leaves sit by their neighbour, every node
    has a place (isolated parts too), and the result is the same each time."""
    import math

    import networkx as nx

    from graphbuild.export.html import LAYOUT_CORE, layout

    g = nx.Graph()
    for m in range(LAYOUT_CORE):  # meetings, each with three people and a shared country
        g.add_edge(f"meeting:{m:05d}", f"country:{m % 40:02d}")
        for p in range(3):
            g.add_edge(f"meeting:{m:05d}", f"person:{m:05d}-{p}")
    g.add_edge("person:lonely-a", "person:lonely-b")  # a part no core node reaches
    pos = layout(g)
    assert set(pos) == set(g.nodes) and pos == layout(g)
    span = max(math.dist(pos["country:00"], pos[f"country:{c:02d}"]) for c in range(40))
    far = [v for v in g if v.startswith("person:0")
           if math.dist(pos[v], pos[next(iter(g.neighbors(v)))]) > span / 5]
    assert not far, far[:5]
