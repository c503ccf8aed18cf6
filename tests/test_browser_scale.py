"""The analyst view on bigger graphs, in Chromium: labels at fit zoom, the actor view with
drill-down, filters that re-fit, the searchable actor picker, the timeline brush, CSV export."""
from __future__ import annotations

import csv
import io
import random

import pytest

# the browser fixture and the page helpers are test_browser's; importing it also skips with it
from test_browser import ID, Opened, _open, browser  # noqa: F401

pytestmark = pytest.mark.browser


def synthetic(n_events: int, n_people: int, n_countries: int, n_places: int, seed: int = 5):
    """Events between random people and countries over 2024, most of them dated."""
    from kg.graph import to_dataset
    from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue

    rng = random.Random(seed)
    countries = [Entity(key=f"country/c{i}", label=f"Country {i}", kind="Country") for i in range(n_countries)]
    people = [Entity(key=f"person/p{i}", label=f"Person {i}", kind="Person", member_of=rng.choice(countries).key)
              for i in range(n_people)]
    places = [Entity(key=f"place/x{i}", label=f"Place {i}", kind="City") for i in range(n_places)]
    # a few hubs: most events involve one of the first people
    actors = [e.key for e in people + countries]
    text = "Person 1 met Person 2 in Place 3."
    events = []
    for i in range(n_events):
        a = rng.choice(actors[:5]) if rng.random() < 0.5 else rng.choice(actors)
        b = rng.choice([x for x in actors if x != a])
        events.append(Event(
            key=f"event/e{i}", cameo_code=rng.choice(["040", "042", "051", "112", "173", "190"]),
            label=f"event {i}", actors=(a, b), sources=(a,), targets=(b,),
            place=rng.choice(places).key if rng.random() < 0.5 else None,
            time=TimeValue(value=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", granularity="day")
            if rng.random() < 0.9 else None,
            factuality=rng.choice(["Actual", "Actual", "Planned", "Negated"]), confidence=0.7,
            mentions=(Mention(doc_id="syn", begin=0, end=8, anchor="Person 1", sentence=text),)))
    doc = Document(id="syn", text=text, source="file:syn.txt")
    return to_dataset([DocumentResult(document=doc, entities=tuple(countries + people + places), events=tuple(events))])


@pytest.fixture(scope="module")
def graph300():
    return synthetic(150, 100, 20, 30)


def test_labels_at_fit_zoom_on_a_300_node_graph_hubs_first(browser, graph300, tmp_path):
    view = _open(browser, graph300, tmp_path, "g300")
    data = view.page.evaluate("window.kgView.data")
    assert len(data["nodes"]) == 300 and view.counts()["nodes"] == 300
    labels = view.page.evaluate("window.kgView.labels()")
    scale0 = view.page.evaluate("window.kgView.network.getScale()")
    assert len(labels) >= 30
    assert all(x["px"] >= 11 for x in labels), labels[:5]  # readable without zooming in
    hubs = [n["id"] for n in sorted(data["nodes"], key=lambda n: (-n["deg"], n["id"]))[:10]]
    assert set(hubs) <= {x["id"] for x in labels}
    # sized by degree: the hub is drawn bigger than a leaf
    sizes = view.page.evaluate("ids => ids.map(id => window.kgView.network.body.nodes[id].options.size)",
                               [hubs[0], min(data["nodes"], key=lambda n: n["deg"])["id"]])
    assert sizes[0] > sizes[1]
    # zooming in makes room for more labels, still readable
    box = view.page.locator("#kg-network canvas").bounding_box()
    view.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(4):  # a real wheel zoom
        view.page.mouse.wheel(0, -300)
        view.page.wait_for_timeout(60)
    view.page.wait_for_timeout(200)
    assert view.page.evaluate("window.kgView.network.getScale()") > scale0
    more = view.page.evaluate("window.kgView.labels()")
    assert len(more) > len(labels) and all(x["px"] >= 11 for x in more)
    assert view.errors == [] and view.requests == [view.url]


def _visible_events(view) -> list[str]:
    return view.page.evaluate(
        "window.kgView.network.body.nodeIndices.filter(id => (window.kgView.data.nodes.find(n => n.id === id) || {}).kind === 'Event')")


def test_timeline_brush_filters_the_graph(browser, graph300, tmp_path):
    view = _open(browser, graph300, tmp_path, "tl")
    tl = view.page.evaluate("window.kgView.timeline")
    assert tl["unit"] == "month" and len(tl["bins"]) == 12
    before = set(_visible_events(view))
    box = view.page.locator("#kg-tl").bounding_box()
    y = box["y"] + box["height"] / 2
    view.page.mouse.move(box["x"] + 2, y)  # drag over the first three months
    view.page.mouse.down()
    view.page.mouse.move(box["x"] + box["width"] * 0.2, y, steps=5)
    view.page.mouse.up()
    state = view.page.evaluate("({from: window.kgView.state.from, to: window.kgView.state.to})")
    assert state == {"from": "2024-01-01", "to": "2024-03-31"}
    after = set(_visible_events(view))
    assert after and after < before
    dates = view.page.evaluate("ids => ids.map(id => window.kgView.data.nodes.find(n => n.id === id).date)",
                               sorted(after))
    assert all(d is None or "2024-01-01" <= d <= "2024-03-31" for d in dates)
    assert view.page.input_value("#kg-f-from") == "2024-01-01"
    view.page.click("#kg-tl-clear")
    assert set(_visible_events(view)) == before
    assert view.errors == [] and view.requests == [view.url]


def test_actor_view_with_directed_quad_coloured_links_and_drill_down(browser, graph300, tmp_path):
    view = _open(browser, graph300, tmp_path, "agg", layout_threshold=100)  # above it: the actor view first
    assert view.page.is_checked("#kg-actors") and _visible_events(view) == []
    agg = view.page.evaluate("""() => window.kgView.network.body.edgeIndices.map(id => {
        const e = window.kgView.network.body.edges[id].options;
        const d = window.kgView.data.agg_edges.find(a => a.id === id);
        return {quad: d && d.quad, directed: d && d.directed, color: e.color.color, arrow: e.arrows.to.enabled}; })""")
    assert agg and all(a["quad"] is not None for a in agg)
    colors = {1: "#b8e186", 3: "#f1b6da", 4: "#d01c8b", 2: "#4dac26"}
    assert all(a["color"] == colors[a["quad"]] and a["arrow"] == a["directed"] for a in agg)
    hub = ID + "person/p0"
    view.click_node(hub)
    view.page.wait_for_selector("#kg-drill")
    view.page.click("#kg-drill")  # drill down: the hub's events appear
    shown = _visible_events(view)
    own = set(view.page.evaluate("id => window.kgView.data.nodes.find(n => n.id === id).events", hub))
    assert shown and set(shown) <= own
    view.page.uncheck("#kg-actors")  # every event
    assert len(_visible_events(view)) == 150
    assert view.errors == [] and view.requests == [view.url]


def test_filter_refits_and_picker_finds_actors(browser, graph300, tmp_path):
    view = _open(browser, graph300, tmp_path, "fit")
    scale = view.page.evaluate("window.kgView.network.getScale()")
    nodes = view.page.evaluate("window.kgView.data.nodes")
    few = min((n for n in nodes if n["kind"] == "Person" and n["events"]), key=lambda n: (len(n["events"]), n["id"]))
    view.page.fill("#kg-f-actor", few["label"])
    view.page.press("#kg-f-actor", "Enter")
    assert view.page.evaluate("window.kgView.state.actor") == few["id"]
    assert view.page.evaluate("window.kgView.network.getScale()") > scale  # fewer nodes: zoomed in to them
    box = view.page.locator("#kg-network canvas").bounding_box()
    ids = view.page.evaluate("window.kgView.network.body.nodeIndices")
    for xy in view.page.evaluate("ids => ids.map(id => window.kgView.network.canvasToDOM("
                                 "window.kgView.network.getPosition(id)))", ids):
        assert -1 <= xy["x"] <= box["width"] + 1 and -1 <= xy["y"] <= box["height"] + 1
    options = view.page.evaluate("[...document.querySelectorAll('#kg-actor-list option')].map(o => o.value)")
    assert few["label"] in options and len(options) >= 50
    view.page.fill("#kg-f-actor", "Nobody at all")
    view.page.press("#kg-f-actor", "Enter")
    assert "No actor named" in view.page.inner_text("#kg-status")
    assert view.errors == []


def test_export_of_the_filtered_events_as_csv(browser, graph300, tmp_path):
    view = _open(browser, graph300, tmp_path, "csv")
    view.page.uncheck("input[data-filter=factuality][value=Planned]")
    expected = view.page.evaluate("window.kgView.data.nodes.filter(n => n.kind === 'Event' && n.factuality !== 'Planned').length")
    with view.page.expect_download() as info:
        view.page.click("#kg-export")
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(open(path, encoding="utf-8").read())))
    assert len(rows) == expected and "Planned" not in {r["factuality"] for r in rows}
    assert rows[0]["event_id"].startswith(ID + "event/") and rows[0]["actors"]
    assert view.requests[0] == view.url and all(u.startswith("blob:") for u in view.requests[1:])
    assert view.errors == []


def test_csv_cells_cannot_become_formulas(browser, sample_dataset, tmp_path):
    from rdflib import Literal, URIRef
    from kg.vocab import RDFS

    g = next(c for c in sample_dataset.graphs() if len(c))
    g.set((URIRef(ID + "event/sample-1"), RDFS.label, Literal('=HYPERLINK("http://x.test")')))
    view = _open(browser, sample_dataset, tmp_path, "formula")
    text = view.page.evaluate("window.kgView.csv()")
    assert "\"'=HYPERLINK(\"\"http://x.test\"\")\"" in text
