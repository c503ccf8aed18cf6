"""How fast is the HTML view at 300, 2,000 and 10,000 event nodes? Run on demand (not a test):

    .venv/bin/python benchmarks/bench_html.py [--events 300 2000 10000] [--runs 3] [--keep DIR]

For each size builds a synthetic graph (events with source, target, one more
actor, a place for 75%, 80% dated over 2024; people, countries and places in
proportion) through the real path (kg.model -> kg.graph -> kg.netx -> the
html exporter), opens the page in headless Chromium and reports the first
draw (navigation start to the first drawn frame with labels, ``__kgReadyAt``)
and the latency of three interactions: a factuality filter, a timeline brush
(a date range) and a drill-down or actor filter. Above 300 drawn nodes the
page opens on the actor view; above --max-nodes (5,000) nodes events are not
drawn (aggregated). Targets: first draw under 3 s, an interaction under 0.5 s.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CAMEO = ["010", "020", "036", "040", "042", "043", "044", "046", "051", "057", "061", "070", "072", "081",
         "111", "112", "120", "130", "138", "141", "160", "172", "173", "180", "190", "193", "195"]


def synthetic_dataset(n_events: int = 1200, n_people: int = 500, n_countries: int = 100, n_places: int = 200,
                      seed: int = 7):
    """~2,000 nodes / ~5,000 edges: memberOf per person; source, target, one more actor, 75% a place."""
    from kg.graph import to_dataset
    from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue

    rng = random.Random(seed)
    countries = [Entity(key=f"country/c{i}", label=f"Country {i}", kind="Country") for i in range(n_countries)]
    people = [Entity(key=f"person/p{i}", label=f"Person {i}", kind="Person", aliases=(f"P{i}",),
                     member_of=rng.choice(countries).key) for i in range(n_people)]
    places = [Entity(key=f"place/x{i}", label=f"Place {i}", kind="City") for i in range(n_places)]
    actors = [e.key for e in people + countries]
    facts = ["Actual"] * 6 + ["Planned", "Possible", "Negated"]
    text = "Person 1 met Person 2 in Place 3. " * 4
    events = []
    for i in range(n_events):
        a, b, c = rng.sample(actors, 3)
        month = rng.randint(1, 12)
        events.append(Event(
            key=f"event/e{i}", cameo_code=rng.choice(CAMEO), label=f"event {i}: {a} - {b}",
            actors=(a, b, c), sources=(a,), targets=(b,),
            place=rng.choice(places).key if rng.random() < 0.75 else None,
            time=TimeValue(value=f"2024-{month:02d}-{rng.randint(1, 28):02d}", granularity="day")
            if rng.random() < 0.8 else None,
            factuality=rng.choice(facts), confidence=round(rng.uniform(0.4, 1.0), 2),
            mentions=(Mention(doc_id="bench", begin=0, end=8, anchor="Person 1", sentence=text[:34]),)))
    doc = Document(id="bench", text=text, source="file:bench.txt")
    return to_dataset([DocumentResult(document=doc, entities=tuple(countries + people + places),
                                      events=tuple(events))])


def _settle(page) -> None:
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def bench_size(browser, n_events: int, runs: int, max_nodes: int, keep: Path | None) -> dict:
    from kg.export.html import render_page, view_data
    from kg.netx import met_pairs, to_networkx

    scale = n_events / 1200
    t0 = time.perf_counter()
    ds = synthetic_dataset(n_events, n_people=max(20, int(500 * scale)), n_countries=max(10, min(190, int(100 * scale))),
                           n_places=max(10, int(200 * scale)))
    G = to_networkx(ds)
    t1 = time.perf_counter()
    data = view_data(G, met_pairs(ds), max_nodes=max_nodes)
    page = render_page(data).encode("utf-8")
    t2 = time.perf_counter()
    out = {"events": n_events, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
           "mode": "aggregated" if data["aggregated"] else data["default_view"], "drawn": len(data["nodes"]),
           "python_graph_s": t1 - t0, "python_view_s": t2 - t1, "mb": len(page) / 1e6}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"bench-{n_events}.html"
        path.write_bytes(page)
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / path.name).write_bytes(page)
        ready, filt, brush, drill = [], [], [], []
        for _ in range(runs):
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(path.as_uri())
            tab.wait_for_function("() => window.__kgReady === true", timeout=300_000, polling=20)
            ready.append(tab.evaluate("window.__kgReadyAt") / 1000)
            t = time.perf_counter()
            tab.uncheck("input[data-filter=factuality][value=Planned]")
            _settle(tab)
            filt.append(time.perf_counter() - t)
            t = time.perf_counter()
            tab.evaluate("window.kgView.dates('2024-03-01', '2024-05-31')")
            _settle(tab)
            brush.append(time.perf_counter() - t)
            t = time.perf_counter()
            if out["mode"] == "agg":
                tab.evaluate("window.kgView.expand('https://w3id.org/diplokg/id/person/p0')")
            else:
                tab.evaluate("window.kgView.state.actor = 'https://w3id.org/diplokg/id/person/p0'; window.kgView.refresh()")
            _settle(tab)
            drill.append(time.perf_counter() - t)
            out["shown"] = tab.evaluate("window.kgView.counts()")
            tab.close()
            if errors:
                raise SystemExit(f"page errors at {n_events} events: {errors}")
    med = statistics.median
    out.update(first_draw_s=med(ready), filter_s=med(filt), brush_s=med(brush), drill_s=med(drill))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, nargs="+", default=[300, 2000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--max-nodes", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="also write the pages into this folder")
    opts = ap.parse_args(argv)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright not installed: nothing to measure")
        return 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in opts.events:
            r = bench_size(browser, n, opts.runs, opts.max_nodes, opts.keep)
            print(f"{r['events']:>6,} events: graph {r['nodes']:,} nodes / {r['edges']:,} edges, {r['mode']} view "
                  f"({r['drawn']:,} nodes in the page), {r['mb']:.1f} MB; python {r['python_graph_s']:.1f}s graph "
                  f"+ {r['python_view_s']:.1f}s view")
            print(f"        first draw {r['first_draw_s']:.2f}s | filter {r['filter_s']:.2f}s | brush {r['brush_s']:.2f}s"
                  f" | drill-down {r['drill_s']:.2f}s (median of {opts.runs}); shown after: {r['shown']}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
