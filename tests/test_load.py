"""kg.load: RDF files and store directories back into an rdflib Dataset."""
from __future__ import annotations

import json
from importlib import resources

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.errors import KGError
from kg.export.rdf import to_nquads, to_trig, union_graph
from kg.graph import to_dataset
from kg.load import file_graph_iri, is_store_dir, load_dataset
from kg.store import Store

from conftest import make_result

DOC_A = URIRef("https://w3id.org/diplokg/id/doc/a")
DOC_B = URIRef("https://w3id.org/diplokg/id/doc/b")


def _named(ds):
    return {g.identifier for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier}


@pytest.mark.parametrize("export, ext", [(to_trig, ".trig"), (to_nquads, ".nq")])
def test_quad_formats_keep_named_graphs(tmp_path, export, ext):
    ds = to_dataset([make_result("a"), make_result("b")])
    path = tmp_path / f"two{ext}"
    path.write_bytes(export(ds))
    loaded = load_dataset([path])
    assert _named(loaded) == {DOC_A, DOC_B}
    assert isomorphic(loaded.graph(DOC_A), ds.graph(DOC_A))


@pytest.mark.parametrize("fmt, ext", [("turtle", ".ttl"), ("nt", ".nt"), ("json-ld", ".jsonld"), ("xml", ".rdf")])
def test_triple_formats_become_one_graph_per_file(tmp_path, fmt, ext):
    g = union_graph(to_dataset([make_result("a")]))
    one, two = tmp_path / f"one{ext}", tmp_path / f"two{ext}"
    g.serialize(one, format=fmt)
    union_graph(to_dataset([make_result("b")])).serialize(two, format=fmt)
    loaded = load_dataset([one, str(two)])
    assert _named(loaded) == {file_graph_iri(one), file_graph_iri(two)}
    assert isomorphic(loaded.graph(file_graph_iri(one)), g)


def test_store_directory(tmp_path):
    ds = to_dataset([make_result("a"), make_result("b")])
    with Store(tmp_path / "store") as store:
        store.add_dataset(ds)
    assert is_store_dir(tmp_path / "store")
    loaded = load_dataset([tmp_path / "store"])
    assert _named(loaded) == {DOC_A, DOC_B}


def test_bad_file_names_the_file(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .. nonsense")
    with pytest.raises(KGError) as err:
        load_dataset([bad])
    assert err.value.code == "E106" and "broken.ttl" in str(err.value)


def test_unknown_extension_missing_file_and_plain_directory(tmp_path):
    odd = tmp_path / "x.docx"
    odd.write_text("hello")
    with pytest.raises(KGError) as err:
        load_dataset([odd])
    assert err.value.code == "E501"
    with pytest.raises(KGError) as err:
        load_dataset([tmp_path / "missing.ttl"])
    assert err.value.code == "E001"
    (tmp_path / "plain").mkdir()
    with pytest.raises(KGError) as err:
        load_dataset([tmp_path / "plain"])
    assert err.value.code == "E109"


def test_published_context_round_trips():
    ctx = json.loads(resources.files("kg.ontology").joinpath("context.jsonld").read_text())["@context"]
    g = union_graph(to_dataset([make_result()]))
    data = g.serialize(format="json-ld", context=ctx)
    assert '"hasActor"' in data
    assert isomorphic(Graph().parse(data=data, format="json-ld"), g)
