"""Time to first render of graphbuild's HTML view, in headless Chromium, for 1k, 5k and 10k nodes.

    python benchmarks/html_render.py                 # 1,000, 5,000 and 10,000 nodes, 3 loads each
    python benchmarks/html_render.py --nodes 20000 --repeat 1
    python benchmarks/html_render.py --quick         # 1,000 nodes, one load

The graphs: a generated corpus of ``--base-articles`` articles is extracted and merged by
graphbuild, then copied (new people, meetings and articles per copy; countries, cities and
organisations shared) until the view holds about the wanted number of nodes (the view leaves
out article and role nodes). Each is written with ``graphbuild.export.html.write_html`` (timed too),
then opened from ``file://`` in a fresh browser context of /usr/bin/chromium (headless,
--no-sandbox --disable-gpu --disable-background-networking, every http(s) request aborted),
and timed until ``window.graphbuild.ready === true`` — the view sets it, and ``data-ready="1"``
on ``<body>``, after vis-network's first drawing (the script waits on the attribute, because
Playwright's ``wait_for_function`` evaluates strings, which the page's CSP forbids).

Reported per size: nodes and edges shown, HTML size, write_html seconds, and the median of
``--repeat`` loads of: in-page ms from navigation start to ready (a MutationObserver on the
``data-ready`` attribute the page sets with the flag), the load event, and the wall time
seen from Python. Results: ``benchmarks/results/html_render.json`` and a table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import RESULTS, base_graph, dump, machine_info, replicate, rss_mb, text_table, view_counts  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
        "--no-first-run"]
# Runs before the page's own scripts (CDP, so the page's CSP does not apply to it).
INIT = """
(function () {
  window.__gbReadyAt = null;
  new MutationObserver(function (_, obs) {
    if (document.body && document.body.getAttribute('data-ready') === '1' && window.__gbReadyAt === null) {
      window.__gbReadyAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});
})();
"""


def copies_for(base, target: int) -> int:
    one = view_counts(replicate(base, 1))[0]
    two = view_counts(replicate(base, 2))[0]
    per = max(1, two - one)
    return max(1, round((target - (one - per)) / per))


def load_once(browser, path: Path, timeout_ms: int) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    blocked: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    page.route("http*://**/*", abort)
    page.add_init_script(INIT)
    t = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit", timeout=timeout_ms)
    # the page sets data-ready="1" on <body> together with window.graphbuild.ready; waiting on the
    # attribute needs no eval in the page, which its CSP forbids (wait_for_function polls with eval)
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout_ms)
    wall_ms = (time.perf_counter() - t) * 1000
    page.wait_for_load_state("load", timeout=timeout_ms)
    timing = page.evaluate("""() => {
        if (window.graphbuild.ready !== true) { throw new Error('data-ready set but graphbuild.ready is not'); }
        const nav = performance.getEntriesByType('navigation')[0] || {};
        return {ready: window.__gbReadyAt, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
                drawn: Object.keys(window.graphbuild.network.getPositions()).length,
                nodes: window.graphbuild.nodes.length, edges: window.graphbuild.edges.length};
    }""")
    # a click on the busiest meetings and three searches, each timed in the page from the event to the end
    # of the next drawing of the network (the panel, the selection and the hidden flags are updated
    # by then); the median is reported
    interaction = page.evaluate("""async () => {
        const gb = window.graphbuild, details = gb.data.details;
        const drawn = () => new Promise(done => {
            let over = false;
            const finish = () => { if (!over) { over = true; done(performance.now()); } };
            gb.network.once('afterDrawing', finish);
            gb.network.redraw();
            setTimeout(finish, 5000);
        });
        const ids = Object.keys(details).filter(id => details[id].type === 'meeting');
        ids.sort((a, b) => (details[b].people || []).length - (details[a].people || []).length);
        const clicks = [];
        for (const id of ids.slice(0, 5)) {
            const t0 = performance.now();
            gb.network.body.emitter.emit('click', {nodes: [id], edges: []});
            clicks.push(await drawn() - t0);
        }
        const box = document.getElementById('search');
        const searches = [];
        for (const q of ['minister', 'مجلس', 'zz-none']) {
            box.value = q;
            const t0 = performance.now();
            box.dispatchEvent(new Event('input'));
            searches.push(await drawn() - t0);
        }
        const mid = xs => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        return {click: mid(clicks), search: mid(searches), marks: gb.marks};
    }""")
    context.close()
    marks = interaction["marks"]
    steps = {f"{b}_ms": round(marks[b] - marks[a], 1) for a, b in
             (("start", "parsed"), ("parsed", "datasets"), ("datasets", "network"), ("network", "drawn"),
              ("drawn", "ready")) if marks.get(a) is not None and marks.get(b) is not None}
    return {"steps": steps, "script_start_ms": round(marks["start"], 1),
            "click_ms": round(interaction["click"], 1), "search_ms": round(interaction["search"], 1),
            "ready_ms": round(timing["ready"], 1) if timing["ready"] is not None else None,
            "dom_content_loaded_ms": round(timing["dcl"], 1) if timing.get("dcl") else None,
            "load_ms": round(timing["load"], 1) if timing.get("load") else None,
            "wall_ms": round(wall_ms, 1), "drawn": timing["drawn"], "nodes": timing["nodes"],
            "edges": timing["edges"], "errors": errors[:5], "blocked_requests": len(blocked)}


def _median(runs: list[dict], key: str):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return round(statistics.median(vals), 1) if vals else None


def table(results: dict[str, Any]) -> str:
    rows = [("target", "view nodes", "view edges", "HTML MB", "write_html s", "ready ms", "load ms", "wall ms",
             "click ms", "search ms", "errors")]
    for target, r in results["sizes"].items():
        if "error" in r:
            rows.append((target, r.get("view_nodes", ""), r.get("view_edges", ""), r.get("html_mb", ""),
                         r.get("write_html_s", ""), "error", "", "", "", "", r["error"][:60]))
            continue
        rows.append((target, r["view_nodes"], r["view_edges"], r["html_mb"], r["write_html_s"], r["ready_ms"],
                     r["load_ms"], r["wall_ms"], r.get("click_ms"), r.get("search_ms"),
                     sum(len(x["errors"]) for x in r["runs"])))
    lines = text_table(rows)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--nodes", default=None, help="comma-separated node counts (default 1000,5000,10000)")
    p.add_argument("--repeat", type=int, default=None, help="loads per size, median reported (default 3)")
    p.add_argument("--base-articles", type=int, default=150)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--timeout", type=float, default=300.0, help="seconds allowed for one page to get ready")
    p.add_argument("--quick", action="store_true", help="1,000 nodes, one load")
    p.add_argument("--out", type=Path, default=RESULTS / "html_render.json")
    args = p.parse_args(argv)
    targets = [int(x) for x in (args.nodes or ("1000" if args.quick else "1000,5000,10000")).split(",")]
    repeat = args.repeat or (1 if args.quick else 3)
    if not Path(CHROMIUM).exists():
        print(f"html_render: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("html_render: playwright is not installed (pip install playwright)", file=sys.stderr)
        return 2
    from graphbuild.export.html import write_html

    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"base graph: {args.base_articles} generated articles, extracted and merged …", file=sys.stderr)
    base = base_graph(args.base_articles, args.seed)
    results: dict[str, Any] = {"machine": machine_info(), "base_articles": args.base_articles, "repeat": repeat,
                               "chromium": CHROMIUM, "args": ARGS, "sizes": {}}
    pages = []
    for target in targets:
        copies = copies_for(base, target)
        kg = replicate(base, copies)
        nodes, edges = view_counts(kg)
        path = RESULTS / f"render-{target}.html"
        t = time.perf_counter()
        write_html(kg, path)
        write_s = time.perf_counter() - t
        results["sizes"][str(target)] = {"copies": copies, "view_nodes": nodes, "view_edges": edges,
                                         "html_mb": round(path.stat().st_size / 1e6, 1),
                                         "write_html_s": round(write_s, 2), "rss_mb_after_write": rss_mb()}
        pages.append((target, path))
        print(f"  {target}: {nodes} nodes, {edges} edges, {path.stat().st_size / 1e6:.1f} MB "
              f"(write_html {write_s:.1f} s)", file=sys.stderr)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        results["browser_version"] = browser.version
        warm = browser.new_page()
        warm.goto("about:blank")
        warm.close()
        for target, path in pages:
            r = results["sizes"][str(target)]
            runs = []
            try:
                for _ in range(repeat):
                    runs.append(load_once(browser, path, int(args.timeout * 1000)))
            except Exception as exc:  # a page that never gets ready is a result, not a crash
                r["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            r["runs"] = runs
            for key in ("ready_ms", "load_ms", "wall_ms", "dom_content_loaded_ms", "click_ms", "search_ms"):
                r[key] = _median(runs, key)
            print(f"  {target}: ready in {r['ready_ms']} ms (median of {len(runs)})", file=sys.stderr)
        browser.close()
    results["total_s"] = round(time.perf_counter() - started, 1)
    dump(results, args.out)
    print(table(results))
    print(f"\n{args.out} ({results['total_s']} s)", file=sys.stderr)
    bad = [t for t, r in results["sizes"].items() if "error" in r or any(x["errors"] for x in r["runs"])]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
