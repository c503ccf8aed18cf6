"""The HTML view without a browser: self-contained, escaped, aggregated above the limit."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from rdflib import Literal, URIRef

from kg.export import get
from kg.export.html import layout_positions, render_page, view_data
from kg.netx import to_networkx
from kg.vocab import DCTERMS, DK, RDFS, SKOS

ID = "https://w3id.org/diplokg/id/"
HOSTILE_LABEL = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
HOSTILE_URL = "javascript:alert(3)"


def _page(ds, **options) -> str:
    return get("html").generate(ds, **options).decode("utf-8")


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = dict(attrs) | {"length": 0}
            self.found.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["length"] += len(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def _script_tags(page: str) -> list[dict]:
    parser = _Scripts()
    parser.feed(page)
    return parser.found


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "embedded data block missing"
    return json.loads(m.group(1))


def make_hostile(ds):
    """Hostile text in labels, aliases, a sentence and the document source."""
    g = next(c for c in ds.graphs() if len(c))
    putin = URIRef(ID + "person/vladimir-putin")
    g.set((putin, RDFS.label, Literal(HOSTILE_LABEL)))
    g.add((putin, SKOS.altLabel, Literal("\u2028<script>alert(4)</script>&amp;")))
    g.set((URIRef(ID + "doc/sample"), DCTERMS.source, Literal(HOSTILE_URL)))
    for m in list(g.subjects(DK.sentence, None)):
        s = str(g.value(m, DK.sentence))
        g.set((m, DK.sentence, Literal(s + " <b onmouseover=alert(5)>bold</b>")))
    return ds


def test_self_contained(sample_dataset):
    page = _page(sample_dataset)
    assert not re.search(r"<script[^>]+\bsrc\s*=", page, re.I)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<link[^>]+stylesheet", page, re.I)
    assert "@import" not in page and "@font-face" not in page
    assert "cdnjs" not in page and "unpkg" not in page and "jsdelivr" not in page
    assert "default-src 'none'" in page
    assert "vis-network" in page and "@license" in page  # the library is inlined with its licence header
    # the browser's view: exactly our three scripts, none closed early by the inlined code
    scripts = _script_tags(page)
    assert [a.get("type") for a in scripts] == ["application/json", None, None]
    assert scripts[1]["length"] > 100_000  # vis-network, whole


def test_embedded_counts_equal_the_graph(sample_dataset):
    G = to_networkx(sample_dataset)
    data = _data(_page(sample_dataset))
    assert len(data["nodes"]) == G.number_of_nodes() == data["counts"]["graph_nodes"]
    assert len(data["edges"]) == G.number_of_edges() == data["counts"]["graph_edges"]
    assert not data["aggregated"] and data["banner"] is None
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"] + data["simple_edges"])
    assert data["physics"] and not data["big"]


def test_evidence_and_simple_view(sample_dataset):
    data = _data(_page(sample_dataset))
    by_id = {n["id"]: n for n in data["nodes"]}
    ev = by_id[ID + "event/sample-1"]
    (e,) = ev["evidence"]
    assert e["sentence"][e["start"]:e["end"]] == "their summit in Helsinki"
    assert {p["role"] for p in ev["participants"]} == {"source", "target", "place"}
    roles = sorted(e["role"] for e in data["simple_edges"])
    assert roles.count("met") == 1 and roles.count("located") == 2
    trump = by_id[ID + "person/donald-trump"]
    assert trump["events"][0] == ID + "event/sample-1"


def test_hostile_text_is_escaped(sample_dataset):
    page = _page(make_hostile(sample_dataset), title="<script>alert(6)</script>")
    assert "<img src=x" not in page
    assert "alert(1)" in page  # present, but only as escaped JSON text
    assert "<script>alert" not in page
    assert "<b onmouseover" not in page
    assert "\u2028" not in page and "\u2029" not in page
    assert "<title>&lt;script&gt;alert(6)&lt;/script&gt;</title>" in page
    data = _data(page)  # and the escaped JSON still decodes to the original text
    putin = next(n for n in data["nodes"] if n["id"] == ID + "person/vladimir-putin")
    assert putin["label"] == HOSTILE_LABEL
    sources = {e["source"] for n in data["nodes"] for e in n.get("evidence", ())}
    assert sources == {HOSTILE_URL}


def test_page_script_never_uses_innerhtml():
    from importlib import resources

    js = resources.files("kg.templates").joinpath("view.js").read_text(encoding="utf-8")
    assert "innerHTML" not in js and "outerHTML" not in js and "insertAdjacentHTML" not in js
    assert "document.write" not in js and "eval(" not in js


def test_aggregation_banner_above_the_limit(sample_dataset):
    page = _page(sample_dataset, max_nodes=5)
    data = _data(page)
    assert data["aggregated"] and "max_nodes" in data["banner"] and "5" in data["banner"]
    assert {n["kind"] for n in data["nodes"]} <= {"Person", "Country", "Organization", "Group", "Actor"}
    links = {(e["from"].rsplit("/", 1)[-1], e["to"].rsplit("/", 1)[-1]): e for e in data["edges"]}
    # Trump -> Putin: the directed summit, and the planned summit and agreement (no direction: IRI order);
    # Putin -> Trump: the praise
    tp, pt = links[("donald-trump", "vladimir-putin")], links[("vladimir-putin", "donald-trump")]
    assert (tp["weight"], pt["weight"]) == (3, 1) and len(tp["events"]) == 3
    assert tp["directed"] and tp["quad"] == 1 and pt["quad"] == 1
    assert len(data["events"]) == 5
    assert 'id="kg-banner"' in page


def test_layout_in_python_above_the_threshold(sample_dataset):
    data = _data(_page(sample_dataset, layout_threshold=5))
    assert data["big"] and not data["physics"]
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert _page(sample_dataset, layout_threshold=5) == _page(sample_dataset, layout_threshold=5)  # seeded


def test_layout_positions_large_graph_is_fast_and_spread():
    G = nx.gnm_random_graph(800, 1600, seed=3)
    H = nx.relabel_nodes(G, {i: f"n{i}" for i in G})
    pos = layout_positions(H, seed=1)
    assert len(pos) == 800
    xs = sorted(p[0] for p in pos.values())
    assert xs[-1] - xs[0] > 800
    assert len(set(pos.values())) == 800


def test_bad_max_nodes(sample_dataset):
    from kg.errors import UsageError

    with pytest.raises(UsageError) as exc:
        view_data(to_networkx(sample_dataset), max_nodes=0)
    assert exc.value.code == "E402"


def test_empty_graph():
    from rdflib import Dataset

    page = render_page(view_data(to_networkx(Dataset())))
    assert _data(page)["nodes"] == []


def test_actor_links_and_degrees_for_the_actor_view(sample_dataset):
    data = _data(_page(sample_dataset))
    assert data["default_view"] == "full"
    assert {(e["weight"], e["quad"], e["directed"]) for e in data["agg_edges"]} == {(3, 1, True), (1, 1, True)}
    deg = {n["id"].rsplit("/", 1)[-1]: n["deg"] for n in data["nodes"]}
    assert deg["donald-trump"] == 5 and deg["tomahawk-missile"] == 1
    big = _data(_page(sample_dataset, layout_threshold=5))
    assert big["default_view"] == "agg"  # a big graph opens on its actors
