"""The graph builder writes the contract's shape, deterministically."""
from __future__ import annotations

from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from conftest import make_result
from kg.export import get
from kg.export.rdf import union_graph
from kg.graph import doc_key, to_dataset
from kg.merge import Merger
from kg.vocab import DCTERMS, DK, NIF, OWL, PROV, RDF, SEM, WD


def test_events_have_the_required_terms(sample_dataset):
    g = union_graph(sample_dataset)
    events = set(g.subjects(RDF.type, SEM.Event))
    assert len(events) == 5
    for e in events:
        for p in (DK.cameoCode, DK.factuality, DK.confidence, SEM.hasActor, PROV.wasDerivedFrom, DK.ploverType,
                  SEM.eventType, DK.goldstein):
            assert g.value(e, p) is not None, (e, p)


def test_mention_offsets_match_the_text(sample_dataset, sample_result):
    g = union_graph(sample_dataset)
    text = sample_result.document.text
    mentions = list(g.subjects(RDF.type, NIF.String))
    assert mentions
    for m in mentions:
        b, e = int(g.value(m, NIF.beginIndex)), int(g.value(m, NIF.endIndex))
        assert text[b:e] == str(g.value(m, NIF.anchorOf))
        ctx = g.value(m, NIF.referenceContext)
        assert str(g.value(ctx, DCTERMS.identifier)) == "sample"


def test_simple_view_only_for_actual_meetings(sample_dataset):
    g = union_graph(sample_dataset)
    trump = next(g.subjects(OWL.sameAs, WD.Q22686))
    putin = next(g.subjects(OWL.sameAs, WD.Q7747))
    assert (trump, DK.met, putin) in g and (putin, DK.met, trump) in g
    # the planned Budapest summit adds no second met edge and the praise none at all
    assert len(list(g.triples((None, DK.met, None)))) == 2


def test_turtle_round_trip_is_isomorphic(sample_dataset):
    g = union_graph(sample_dataset)
    again = Graph().parse(data=get("ttl").generate(sample_dataset).decode(), format="turtle")
    assert isomorphic(g, again)


def test_trig_keeps_one_named_graph_per_document():
    ds = to_dataset([make_result("one"), make_result("two")])
    data = get("trig").generate(ds).decode()
    back = Dataset()
    back.parse(data=data, format="trig")
    names = {str(c.identifier) for c in back.graphs() if len(c)}
    assert {n.rsplit("/", 1)[-1] for n in names} >= {"one", "two"}


def test_ntriples_are_byte_identical_across_runs():
    a = get("nt").generate(to_dataset([make_result()]))
    b = get("nt").generate(to_dataset([make_result()]))
    assert a == b and a.splitlines() == sorted(a.splitlines())


def test_doc_key_encodes_unsafe_ids():
    assert doc_key("helsinki-budapest") == "doc/helsinki-budapest"
    assert doc_key("a b/c") == "doc/a%20b%2Fc"


def test_same_event_in_two_documents_becomes_one_node():
    merger, g = Merger(), Graph()
    ds = to_dataset([make_result("one"), make_result("two")])
    for graph in sorted((x for x in ds.graphs() if len(x)), key=lambda x: str(x.identifier)):
        for t in merger.merge(list(graph)):  # "one" first: its events are the canonical ones
            g.add(t)
    events = set(g.subjects(RDF.type, SEM.Event))
    # the dated Helsinki summit and the placed Budapest plan merge; undated, placeless events do not
    assert len(events) == 8
    merged_nodes = set(g.subjects(DK.mergedFrom, None))
    assert len(merged_nodes) == 2
    for e in merged_nodes:
        assert len(set(g.objects(e, PROV.wasDerivedFrom))) == 2
        assert len(set(g.objects(e, DK.confidence))) == 1
    assert Literal("two") in set(g.objects(None, DCTERMS.identifier))
