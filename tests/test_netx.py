"""to_networkx on the hand-made sample graph, and the graph-tool exports built on it."""
from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.export import get
from kg.export.graphs import CSV_COLUMNS
from kg.netx import anchor_in_sentence, met_pairs, to_networkx

ID = "https://w3id.org/diplokg/id/"


@pytest.fixture
def G(sample_dataset):
    return to_networkx(sample_dataset)


def test_counts_and_kinds(G):
    kinds = [d["kind"] for _, d in G.nodes(data=True)]
    assert kinds.count("Event") == 5
    assert kinds.count("Person") == 2
    assert kinds.count("Country") == 3
    assert kinds.count("City") == 2
    assert kinds.count("Weapon") == 1
    assert G.number_of_nodes() == 13
    # 10 event-participant edges (sources/targets not repeated as 'actor'), 2 places, 1 theme... and 2 memberOf
    roles = sorted(d["role"] for _, _, d in G.edges(data=True))
    assert roles.count("memberOf") == 2
    assert roles.count("place") == 2
    assert roles.count("theme") == 1
    assert G.number_of_edges() == 14


def test_event_attributes(G):
    ev = G.nodes[ID + "event/sample-1"]
    assert ev["cameo"] == "044" and ev["cameo_root"] == "04"
    assert ev["plover"] == "CONSULT" and ev["quad"] == 1
    assert ev["factuality"] == "Actual" and ev["confidence"] == pytest.approx(0.9)
    assert ev["date"] == "2018-07-16"
    assert ev["place_label"] == "Helsinki"
    (evidence,) = ev["evidence"]
    assert evidence["doc"] == "sample" and evidence["source"] == "file:sample.txt"
    assert evidence["sentence"][evidence["start"]:evidence["end"]] == "their summit in Helsinki"
    assert G.nodes[ID + "event/sample-2"]["factuality"] == "Planned"
    assert G.edges[ID + "event/sample-1", ID + "person/donald-trump", "source"]["role"] == "source"


def test_entity_attributes(G):
    putin = G.nodes[ID + "person/vladimir-putin"]
    assert putin["label"] == "Vladimir Putin" and putin["qid"] == "Q7747"
    assert putin["aliases"] == ["Putin"] and putin["is_actor"]
    assert putin["events"] == [ID + f"event/sample-{i}" for i in (1, 2, 3, 4)]  # dated first, then by id
    assert G.has_edge(ID + "person/vladimir-putin", ID + "country/russia", "memberOf")


def test_plain_graph_and_met(sample_dataset):
    from kg.export.rdf import union_graph

    g = union_graph(sample_dataset)
    assert nx.utils.graphs_equal(to_networkx(g), to_networkx(sample_dataset))
    assert met_pairs(sample_dataset) == [(ID + "person/donald-trump", ID + "person/vladimir-putin")]


def test_anchor_in_sentence_prefers_the_document_offset():
    text = "He met her. Then he met her again."
    sentence = "Then he met her again."
    assert anchor_in_sentence(sentence, "met her", text, text.rindex("met her")) == (8, 15)
    assert anchor_in_sentence("A met B.", "MET", None, None) == (2, 5)
    assert anchor_in_sentence("A met B.", "absent") is None


def test_graphml_round_trip(sample_dataset, G):
    H = nx.read_graphml(io.BytesIO(get("graphml").generate(sample_dataset)), force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    ev = H.nodes[ID + "event/sample-4"]
    assert ev["factuality"] == "Negated" and ev["cameo"] == "057" and ev["quad"] == 1
    assert "failed to deliver any agreement" in ev["evidence"]
    assert H.nodes[ID + "country/ukraine"]["aliases"] == "Kyiv"


def test_gexf_round_trip(sample_dataset, G):
    H = nx.read_gexf(io.BytesIO(get("gexf").generate(sample_dataset)))
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    roles = sorted(d["role"] for _, _, d in H.edges(data=True))
    assert roles == sorted(d["role"] for _, _, d in G.edges(data=True))


def test_csv_edge_list(sample_dataset, G):
    rows = list(csv.DictReader(io.StringIO(get("csv").generate(sample_dataset).decode("utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == G.number_of_edges()
    H = nx.from_edgelist(((r["source"], r["target"]) for r in rows), create_using=nx.MultiDiGraph)
    assert H.number_of_edges() == G.number_of_edges()
    planned = [r for r in rows if r["factuality"] == "Planned"]
    assert {r["role"] for r in planned} == {"actor", "place"}


def test_cli_export_formats(sample_dataset, tmp_path):
    from kg.cli import app

    src = tmp_path / "g.trig"
    src.write_bytes(get("trig").generate(sample_dataset))
    runner = CliRunner()
    out = tmp_path / "g.graphml"
    res = runner.invoke(app, ["export", str(src), "--format", "graphml", "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert nx.read_graphml(out).number_of_nodes() == 13
    res = runner.invoke(app, ["export", str(src), "--format", "nope", "--output", str(tmp_path / "x.bin")])
    assert res.exit_code == 2 and "[E101]" in res.output and "graphml" in res.output
    assert "Traceback" not in res.output


def test_cli_format_from_extension(sample_dataset, tmp_path):
    from kg.cli import app

    src = tmp_path / "g.nq"
    src.write_bytes(get("nq").generate(sample_dataset))
    out = tmp_path / "view.html"
    res = CliRunner().invoke(app, ["export", str(src), "--output", str(out), "--title", "Seed"])
    assert res.exit_code == 0, res.output
    assert "<title>Seed</title>" in out.read_text(encoding="utf-8")
