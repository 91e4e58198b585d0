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


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    kg = graphbuild.build([ROOT / "data"], out=out)
    return kg, out / "graph.html"


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
    n_nodes = page.evaluate("window.graphbuild.data.nodes.length")
    n_edges = page.evaluate("window.graphbuild.data.edges.length")
    drawn = page.evaluate("Object.keys(window.graphbuild.network.getPositions()).length")
    assert (n_nodes, n_edges) == expected_counts(kg)
    # isolated mentions wait outside the network's data until asked for
    assert drawn == page.evaluate("window.graphbuild.nodes.length") and n_nodes / 2 < drawn < n_nodes
    assert errors == [] and requests == []
    # click a meeting: its participants stay highlighted and the panel shows the sources
    meeting = max(kg.nodes_of("meeting"), key=lambda m: len(kg.participants(m)))
    page.evaluate("""id => { const n = window.graphbuild.network; n.selectNodes([id]);
        n.body.emitter.emit('click', {nodes: [id], edges: []}); }""", meeting)
    panel = page.inner_text("#panel").lower()
    assert "sources" in panel and "who" in panel
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


# -- the view for people: labels, panels, timeline, deep links, list, languages ----------------------

def _click(page, node_id: str) -> None:
    page.evaluate("""id => window.graphbuild.network.body.emitter.emit('click', {nodes: [id], edges: []})""", node_id)


def _shown(page) -> set[str]:
    return set(page.evaluate("window.graphbuild.nodes.getIds()"))


def _meeting_titled(kg, start: str) -> str:
    from graphbuild.graph.labels import meeting_title

    found = [m for m in kg.nodes_of("meeting") if meeting_title(kg, m, "en").startswith(start)]
    return max(found, key=lambda m: (len(kg.participants(m)), m))


LABEL_BOXES = """() => { const n = window.graphbuild.network;
    return Object.keys(window.graphbuild.shownLabels).map(id => {
        const s = n.body.nodes[id].labelModule.size; return [id, s.left, s.top, s.width, s.height]; }); }"""


@pytest.mark.browser
def test_first_view_shows_meeting_titles_without_overlaps_and_hides_isolated_mentions(browser, demo):
    kg, path = demo
    page, errors, _ = open_page(browser, path)
    boxes = page.evaluate(LABEL_BOXES)
    labelled = {b[0] for b in boxes}
    assert len([x for x in labelled if x.startswith("meeting:")]) >= 5, labelled
    assert len([x for x in labelled if x.startswith("person:")]) >= 3, labelled
    for i, a in enumerate(boxes):  # vis-network's own geometry of the drawn labels
        for b in boxes[i + 1:]:
            assert not (a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]), (a, b)
    tunis = _meeting_titled(kg, "42nd session of Council of Arab Interior Ministers")
    label = page.evaluate("id => window.graphbuild.labelText(id)", tunis)
    assert "42nd session of Council of Arab Interio" in label and "Tunis · 3 Mar 2025" in label
    degree = page.evaluate("Object.fromEntries(Object.entries(window.graphbuild.data.details)"
                           ".map(([k, d]) => [k, d.degree]))")
    isolated = {k for k, d in degree.items() if not d}
    assert isolated and not (isolated & _shown(page))
    page.check("#isolated")
    assert isolated <= _shown(page)
    sizes = page.evaluate("Object.fromEntries(window.graphbuild.nodes.get().map(n => [n.id, n.size]))")
    assert max(v for k, v in sizes.items() if k.startswith("country:")) < max(v for k, v in sizes.items()
                                                                           if k.startswith("meeting:"))
    assert errors == []
    page.close()


@pytest.mark.browser
def test_meeting_panel_says_when_where_who_and_why(browser, demo):
    kg, path = demo
    page, errors, _ = open_page(browser, path)
    marrakesh = _meeting_titled(kg, "4th meeting")
    _click(page, marrakesh)
    panel = page.inner_text("#panel")
    assert "4th meeting" in panel and "Marrakesh" in panel and "26 Apr 2016" in panel
    for heading in ("when", "where", "who", "organisations", "sources"):  # headings are upper-cased by CSS
        assert heading in panel.lower(), heading
    for person in kg.participants(marrakesh):
        assert kg.g.nodes[person]["label"] in panel
    assert "secretary general of Interpol" in panel  # roles beside the names
    assert "date_start_claims" not in panel and "merged" not in panel  # no internals
    assert page.locator("#panel details.why summary").inner_text().startswith("Why these reports")
    assert page.evaluate("location.hash") == "#" + marrakesh.replace(":", "%3A")
    # a person in the panel opens their own panel: roles over time, meetings (dated, clickable), people met
    page.locator("#panel button.ref", has_text="Mohamed Ben Ali Koumane").first.click()
    person = page.inner_text("#panel")
    assert "roles" in person.lower() and "meetings" in person.lower() and "met most often" in person.lower()
    assert "26 Apr 2016" in person and "محمد بن علي قمان" in person
    page.locator("#panel button.ref", has_text="42nd session of Council of Arab Interior Ministers").first.click()
    assert "Tunis" in page.inner_text("#panel h2")
    assert errors == []
    page.close()


@pytest.mark.browser
def test_deep_links_open_a_node(browser, demo):
    kg, path = demo
    person = kg.find("Mohamed Dkhissi", "person")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri() + "#" + person)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
    assert page.inner_text("#panel h2") == kg.g.nodes[person]["label"]
    meeting = kg.meetings_of(person)[0]
    page.evaluate("id => { location.hash = id; }", meeting)
    page.wait_for_timeout(300)  # hashchange is asynchronous
    assert page.inner_text("#panel .kind").lower() == "meeting"
    page.close()


@pytest.mark.browser
def test_timeline_brush_keeps_the_period_only(browser, demo):
    kg, path = demo
    page, errors, _ = open_page(browser, path)
    months = page.locator("#timeline .month")
    first = next(i for i in range(months.count()) if months.nth(i).get_attribute("data-month") == "2025-01")
    last = next(i for i in range(months.count()) if months.nth(i).get_attribute("data-month") == "2025-03")
    a, b = months.nth(first).bounding_box(), months.nth(last).bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=5)
    page.mouse.up()
    assert page.input_value("#date-from") == "2025-01-01" and page.input_value("#date-to") == "2025-03-31"
    shown = _shown(page)
    meetings = [m for m in shown if m.startswith("meeting:")]
    assert meetings
    for m in meetings:
        assert "2025-01-01" <= kg.g.nodes[m]["date_start"] <= "2025-03-31"
    undated = {m for m in kg.nodes_of("meeting") if not kg.g.nodes[m].get("date_start")}
    assert not (undated & shown)
    for p in (x for x in shown if x.startswith("person:")):  # people only through a meeting in the period
        assert set(kg.meetings_of(p)) & set(meetings), p
    page.check("#undated")
    assert undated <= _shown(page)
    assert errors == []
    page.close()


@pytest.mark.browser
def test_ego_view_does_not_spread_through_places(browser, demo):
    kg, path = demo
    page, errors, _ = open_page(browser, path)
    person = kg.find("Mohamed Dkhissi", "person")
    _click(page, person)
    page.click("#focus")
    shown = _shown(page)
    g = kg.g.to_undirected(as_view=True)
    allowed = {person} | set(g.neighbors(person))
    for m in kg.meetings_of(person):
        allowed |= set(kg.participants(m))
    assert person in shown and shown <= allowed
    assert len(shown) < 0.5 * page.evaluate("window.graphbuild.data.nodes.length")
    assert errors == []
    page.close()


@pytest.mark.browser
def test_meetings_list_sorts_and_exports_csv(browser, demo):
    kg, path = demo
    page, errors, _ = open_page(browser, path)
    page.click("#tab-list")
    rows = page.locator("#meeting-table tbody tr")
    shown_meetings = {m for m in _shown(page) if m.startswith("meeting:")}
    assert rows.count() == len(shown_meetings) > 5
    dates = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    assert dates == sorted(dates)
    page.click("#meeting-table th[data-key='date']")
    dates = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
    assert dates == sorted(dates, reverse=True)
    rows.first.click()
    assert page.inner_text("#panel .kind").lower() == "meeting"
    with page.expect_download() as download:
        page.click("#csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0] == "id,date,title,place,people" and len(lines) == 1 + len(shown_meetings)
    assert errors == []
    page.close()


@pytest.mark.browser
def test_arabic_view_is_right_to_left_throughout(browser, demo):
    kg, path = demo
    page, errors, _ = open_page(browser, path)
    page.select_option("#language", "ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    tunis = _meeting_titled(kg, "42nd session of Council of Arab Interior Ministers")
    _click(page, tunis)
    assert page.inner_text("#panel h2").startswith("الدورة الـ42 لمجلس وزراء الداخلية العرب")
    headings = page.locator("#panel h3").all_inner_texts()
    assert "من" in headings and "المصادر" in headings
    assert page.evaluate("getComputedStyle(document.querySelector('#panel h3')).direction") == "rtl"
    assert page.inner_text("#filters h2") == "عرض"
    label = page.evaluate("id => window.graphbuild.labelText(id)", tunis)
    assert "تونس" in label
    assert errors == []
    page.close()


@pytest.mark.browser
def test_a_big_graph_opens_on_an_overview_and_the_rest_on_demand(browser, demo, tmp_path):
    kg, _ = demo
    path = write_html(kg, tmp_path / "overview.html", overview=12)
    page, errors, _ = open_page(browser, path)
    first = _shown(page)
    assert 0 < len(first) <= 12 and any(x.startswith("meeting:") for x in first)
    person = kg.find("Mohamed Dkhissi", "person")
    page.locator("#search").fill("Dkhissi")
    opened = _shown(page)
    assert person in opened and set(kg.meetings_of(person)) <= opened
    page.check("#everything")
    assert len(_shown(page)) > 50
    assert errors == []
    page.close()


LAYOUT_PROBE = """
import hashlib, json, networkx as nx
from graphbuild.export.html import LAYOUT_CORE, layout_among_people
g = nx.MultiDiGraph()
names = {f"person:{i:05d}" for i in range(2 * LAYOUT_CORE)}  # a set: its order follows the hash seed
for p in names:
    i = int(p[7:])
    m, c = f"meeting:{i % 900:04d}", f"country:{i % 30:02d}"
    g.add_node(p, type="person"); g.add_node(m, type="meeting"); g.add_node(c, type="country")
    g.add_edge(p, m, type="participated_in"); g.add_edge(m, c, type="hosted_by")
    for k in (7, 13):  # people in several meetings: a position averaged over neighbours in some order
        g.add_edge(p, f"meeting:{(i * k) % 900:04d}", type="participated_in")
pos = layout_among_people(g)
print(len(pos), hashlib.sha256(json.dumps(pos, sort_keys=True).encode()).hexdigest())
"""


@pytest.mark.slow
def test_positions_of_a_big_graph_do_not_depend_on_the_hash_seed():
    """Above LAYOUT_CORE nodes the layout places nodes beside their neighbours; nothing in it may follow
    the order of a set or a dict built from one (nodes here are inserted in hash-seed order)."""
    import os
    import subprocess
    import sys

    seen = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", LAYOUT_PROBE],
                              env=env, capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert done.returncode == 0, done.stderr
        seen.add(done.stdout.strip())
    assert len(seen) == 1, seen
