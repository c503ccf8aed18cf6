"""The ontology and CAMEO/PLOVER schemes as a named graph: in a store, and pushed to a server."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.export.rdf import to_trig
from kg.graph import to_dataset
from kg.ontology_graph import ONTOLOGY_GRAPH, add_ontology, ontology_triples
from kg.push import push
from kg.query import run_query
from kg.store import Store

from conftest import make_result
from test_push import oxigraph_server  # noqa: F401 - the fixture

LABEL_QUERY = "SELECT ?l WHERE { cameo:044 skos:prefLabel ?l }"


def _labels(result) -> list[str]:
    return [r["l"] for r in result.records()]


def test_store_answers_scheme_labels_and_keeps_documents_apart():
    store = Store()
    store.add_dataset(to_dataset([make_result()]))
    assert run_query(store, LABEL_QUERY).rows == []
    n = add_ontology(store)
    assert n == len(ontology_triples()) > 1000
    assert _labels(run_query(store, LABEL_QUERY)) == ["Meet at a 'third' location"]
    # joined to the events: the type label of every stored meeting
    joined = run_query(store, "SELECT DISTINCT ?l WHERE { ?e sem:eventType ?t . ?t skos:prefLabel ?l } ORDER BY ?l")
    assert "Meet at a 'third' location" in _labels(joined)
    assert ONTOLOGY_GRAPH not in store.documents() and len(store.documents()) == 1
    assert "skos/core#prefLabel" not in store.dump_nquads().decode()  # exports hold the documents only
    before = len(store)
    assert add_ontology(store) == n and len(store) == before  # idempotent


def test_store_add_cli_puts_the_ontology_in(tmp_path):
    trig = tmp_path / "g.trig"
    trig.write_bytes(to_trig(to_dataset([make_result()])))
    runner = CliRunner()
    res = runner.invoke(app, ["store", "add", str(tmp_path / "s"), str(trig)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["query", str(tmp_path / "s"), "--sparql", LABEL_QUERY, "--format", "csv"])
    assert res.exit_code == 0 and "Meet at a 'third' location" in res.output


@pytest.mark.server
def test_push_with_ontology_answers_on_an_oxigraph_server(tmp_path, oxigraph_server):  # noqa: F811
    store_dir = tmp_path / "local"
    with Store(store_dir) as store:
        store.add_dataset(to_dataset([make_result()]))
    stats = push(store_dir, oxigraph_server + "/store", with_ontology=True)
    assert stats.graphs == 2 and ONTOLOGY_GRAPH in stats.graph_names
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX cameo: <https://w3id.org/diplokg/cameo/> "
             + LABEL_QUERY)
    url = oxigraph_server + "/query?" + urllib.parse.urlencode({"query": query, "union-default-graph": ""})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req) as resp:
        rows = json.loads(resp.read())["results"]["bindings"]
    assert [r["l"]["value"] for r in rows] == ["Meet at a 'third' location"]
    without = push(store_dir, oxigraph_server + "/store")
    assert without.graphs == 1
