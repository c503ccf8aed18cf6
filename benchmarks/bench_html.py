"""How fast is the HTML view on a big graph? Run on demand (not a test):

    .venv/bin/python benchmarks/bench_html.py [--events 1200] [--runs 3] [--keep out.html]

Builds a synthetic graph of about 2,000 nodes and 5,000 edges (800 entities,
1,200 events with mentions) through the real path (kg.model -> kg.graph ->
kg.netx -> the html exporter), then opens the page in headless Chromium and
reports the time until vis-network has drawn it (``window.__kgReady``, set on
the first 'afterDrawing'). Target: under 3 s.
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--max-nodes", type=int, default=5000)
    ap.add_argument("--keep", type=Path, help="also write the page here")
    opts = ap.parse_args(argv)

    from kg.export.html import render_page, view_data
    from kg.netx import met_pairs, to_networkx

    t0 = time.perf_counter()
    ds = synthetic_dataset(opts.events)
    t1 = time.perf_counter()
    G = to_networkx(ds)
    t2 = time.perf_counter()
    data = view_data(G, met_pairs(ds), max_nodes=opts.max_nodes)
    t3 = time.perf_counter()
    page = render_page(data).encode("utf-8")
    t4 = time.perf_counter()
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges "
          f"({'aggregated' if data['aggregated'] else 'full'} view: {len(data['nodes']):,} nodes, "
          f"{len(data['edges']):,} edges drawn; layout in {'python' if data['big'] else 'browser'})")
    print(f"python: build RDF {t1 - t0:.2f}s, to_networkx {t2 - t1:.2f}s, view data + layout {t3 - t2:.2f}s, "
          f"render {t4 - t3:.2f}s")
    print(f"html size: {len(page) / 1e6:.2f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        path.write_bytes(page)
        if opts.keep:
            opts.keep.write_bytes(page)
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            print("playwright not installed: browser timing skipped")
            return 0
        ready, wall = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(opts.runs):
                page_ = browser.new_page(viewport={"width": 1400, "height": 900})
                errors: list[str] = []
                page_.on("pageerror", lambda e: errors.append(str(e)))
                start = time.perf_counter()
                page_.goto(path.as_uri())
                page_.wait_for_function("() => window.__kgReady === true", timeout=120_000, polling=20)
                wall.append(time.perf_counter() - start)
                ready.append(page_.evaluate("window.__kgReadyAt") / 1000)
                counts = page_.evaluate("window.kgView.counts()")
                # interaction: how long one filter change takes
                t = time.perf_counter()
                page_.uncheck("input[data-filter=factuality][value=Planned]")
                page_.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                filter_s = time.perf_counter() - t
                page_.close()
                if errors:
                    print("page errors:", errors)
                    return 1
            browser.close()
        print(f"browser: drawn {counts['nodes']:,} nodes / {counts['edges']:,} edges")
        print(f"time to drawn (navigation start -> first afterDrawing), median of {opts.runs}: "
              f"{statistics.median(ready):.2f}s (runs: {', '.join(f'{x:.2f}' for x in ready)})")
        print(f"wall time goto -> ready, median: {statistics.median(wall):.2f}s; one filter change: {filter_s:.2f}s")
        print("target < 3 s:", "met" if statistics.median(ready) < 3 else "MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
