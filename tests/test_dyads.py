"""Actor-actor dyad projection (GraphML, GEXF, dynamic GEXF) and the Neo4j import files, read back."""
from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
import pytest

from kg.export import format_for_path, get
from kg.export.neo4j import DYAD_HEADER, ENTITY_HEADER, EVENT_HEADER, NEO4J_FILES, PARTICIPATION_HEADER
from kg.graph import to_dataset
from kg.netx import to_dyads

from conftest import make_result

ID = "https://w3id.org/diplokg/id/"
TRUMP, PUTIN = ID + "person/donald-trump", ID + "person/vladimir-putin"


def test_projection_weights(sample_dataset):
    D = to_dyads(sample_dataset)
    tp, pt = D.edges[TRUMP, PUTIN], D.edges[PUTIN, TRUMP]
    # Trump -> Putin: the directed summit, and the planned summit and failed agreement in text order
    assert (tp["weight"], tp["actual"], tp["quad_class"], tp["quad1"]) == (3, 1, 1, 3)
    assert tp["goldstein"] == pytest.approx((2.5 + 2.5 + 8.0) / 3, abs=1e-3)
    assert tp["cameo_codes"] == "044|057"
    assert (pt["weight"], pt["cameo_codes"]) == (1, "051")  # Putin praised Trump
    assert D.nodes[TRUMP]["actor_code"] == "USAGOV" and D.nodes[TRUMP]["events"] == 4
    assert set(D.nodes) == {TRUMP, PUTIN}  # Ukraine is in no dyad


def test_majority_quad_class_breaks_ties_towards_conflict():
    from kg.model import Event, Mention

    base = make_result()
    m = base.events[0].mentions
    tp = ("person/donald-trump", "person/vladimir-putin")
    evs = (Event(key="event/x-1", cameo_code="051", label="p", actors=tp, sources=tp[:1], targets=tp[1:],
                 confidence=0.5, mentions=m),
           Event(key="event/x-2", cameo_code="112", label="a", actors=tp, sources=tp[:1], targets=tp[1:],
                 confidence=0.5, mentions=m))
    D = to_dyads(to_dataset([base.model_copy(update={"events": evs})]))
    assert D.edges[TRUMP, PUTIN]["quad_class"] == 3 and D.edges[TRUMP, PUTIN]["weight"] == 2


@pytest.mark.parametrize("fmt,reader", [("graphml-dyads", nx.read_graphml), ("gexf-dyads", nx.read_gexf)])
def test_gephi_files_open_in_networkx_with_weights(sample_dataset, tmp_path, fmt, reader):
    exp = get(fmt)
    path = tmp_path / f"x{exp.extensions[0]}"
    path.write_bytes(exp.generate(sample_dataset))
    assert format_for_path(path) == fmt
    G = reader(path)
    assert G.is_directed()
    assert float(G.edges[TRUMP, PUTIN]["weight"]) == 3 and int(G.edges[PUTIN, TRUMP]["weight"]) == 1
    assert int(G.edges[TRUMP, PUTIN]["quad_class"]) == 1
    assert G.nodes[TRUMP]["label"] == "Donald Trump"


def test_dynamic_gexf_has_time_intervals(sample_dataset, tmp_path):
    data = get("gexf-dynamic").generate(sample_dataset)
    assert b'mode="dynamic"' in data and b'timeformat="date"' in data
    path = tmp_path / "x.dynamic.gexf"
    path.write_bytes(data)
    G = nx.read_gexf(path)
    # the summit is dated 2018-07-16 in the text; the others take the document's date
    assert sorted(G.edges[TRUMP, PUTIN]["spells"]) == [("2018-07-16", "2018-07-16"), ("2018-07-17", "2018-07-17")]
    assert (G.nodes[TRUMP]["start"], G.nodes[TRUMP]["end"]) == ("2018-07-16", "2018-07-17")


def _neo4j(ds) -> dict[str, list[dict[str, str]]]:
    data = get("neo4j").generate(ds)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert tuple(zf.namelist()) == NEO4J_FILES
        files = {n: zf.read(n).decode("utf-8") for n in zf.namelist()}
    out = {n: list(csv.reader(io.StringIO(t))) for n, t in files.items() if n.endswith(".csv")}
    out["import.sh"] = files["import.sh"]
    return out


def test_neo4j_files_have_headers_and_consistent_ids(sample_dataset):
    f = _neo4j(sample_dataset)
    assert tuple(f["entities.csv"][0]) == ENTITY_HEADER and tuple(f["events.csv"][0]) == EVENT_HEADER
    assert tuple(f["participation.csv"][0]) == PARTICIPATION_HEADER and tuple(f["dyads.csv"][0]) == DYAD_HEADER
    ids = [r[0] for r in f["entities.csv"][1:]] + [r[0] for r in f["events.csv"][1:]]
    assert len(ids) == len(set(ids))
    for name in ("participation.csv", "dyads.csv"):
        for row in f[name][1:]:
            assert row[0] in ids and row[1] in ids, (name, row)
    events = {r[0]: dict(zip(EVENT_HEADER, r)) for r in f["events.csv"][1:]}
    assert len(events) == 5 and {e["cameo_code"] for e in events.values()} == {"044", "051", "057", "072"}
    putin = next(dict(zip(ENTITY_HEADER, r)) for r in f["entities.csv"][1:] if r[0] == PUTIN)
    assert (putin["actor_code"], putin[":LABEL"], putin["qid"]) == ("RUSGOV", "Entity;Person", "Q7747")
    types = {r[2] for r in f["participation.csv"][1:]}
    assert {"SOURCE", "TARGET", "ACTOR", "PLACE", "THEME"} <= types
    dyad = next(dict(zip(DYAD_HEADER, r)) for r in f["dyads.csv"][1:] if r[:2] == [TRUMP, PUTIN])
    assert dyad["weight:int"] == "3" and dyad[":TYPE"] == "INTERACTS_WITH"
    for name in ("entities.csv", "events.csv", "participation.csv", "dyads.csv"):
        assert name in f["import.sh"]
    assert "neo4j-admin database import full" in f["import.sh"]


def test_neo4j_zip_is_deterministic(sample_dataset):
    assert get("neo4j").generate(sample_dataset) == get("neo4j").generate(to_dataset([make_result()]))
