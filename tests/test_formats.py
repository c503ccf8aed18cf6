"""One home for RDF formats and loading (issue 12): every command reads a file into the same graphs."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.errors import InputError
from kg.export import write
from kg.formats import FORMATS, by_name, format_of, union_graph
from kg.graph import to_dataset
from kg.load import file_graph_iri, load_dataset
from kg.query import open_source

from conftest import make_result


@pytest.mark.parametrize("ext", [".ttl", ".nt", ".jsonld", ".trig", ".nq"])
def test_every_loader_puts_a_file_in_the_same_graphs(tmp_path, ext):
    from kg.cli.validate import load_graphs

    path = write(to_dataset([make_result("a")]), tmp_path / f"g{ext}")
    via_load = {str(g.identifier) for g in load_dataset([path]).graphs() if len(g)}
    via_validate = {str(g.identifier) for g in load_graphs([path]).graphs() if len(g)}
    via_query = set(open_source(path).documents())
    assert via_load == via_validate == via_query
    if not format_of(path).quads:
        assert via_load == {str(file_graph_iri(path))}


def test_one_table():
    assert {f.name for f in FORMATS} == {"ttl", "nt", "jsonld", "trig", "nq", "rdfxml"}
    assert by_name("turtle") is by_name("ttl") and by_name("nquads").quads
    with pytest.raises(InputError) as err:
        format_of("graph.xyz")
    assert err.value.code == "E501"


def test_union_graph_is_a_set(tmp_path):
    ds = to_dataset([make_result("a"), make_result("b")])
    g = union_graph(ds)
    assert len(g) == len({(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))})
    assert (URIRef("https://w3id.org/diplokg/id/person/vladimir-putin"), None, None) in g
