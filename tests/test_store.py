"""kg.store: a persistent store that grows document by document and merges events."""
from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic

from kg.errors import KGError
from kg.graph import to_dataset
from kg.store import Store
from kg.vocab import DK

from conftest import make_result

ID = "https://w3id.org/diplokg/id/"


def _quads(store: Store) -> set[str]:
    return {str(q) for q in store.oxigraph}


def test_add_and_info_counts(tmp_path, sample_dataset):
    with Store(tmp_path / "s") as store:
        stats = store.add_dataset(sample_dataset)
        info = store.info()
    assert stats.documents_added == 1 and stats.events_added == 5 and stats.events_merged == 0
    assert info.documents == 1
    assert info.events == 5
    assert info.entities == 8
    assert info.events_by_root == {"04": 2, "05": 2, "07": 1}
    assert info.events_by_factuality == {"Actual": 2, "Negated": 1, "Planned": 1, "Possible": 1}
    assert info.entities_by_class["Person"] == 2
    assert info.triples == info.quads == stats.quads_after


def test_re_adding_changes_nothing(tmp_path):
    ds = to_dataset([make_result("a"), make_result("b")])
    store = Store(tmp_path / "s")
    first = store.add_dataset(ds)
    assert first.events_merged == 2  # b's summits merge into a's within one call
    before, count = _quads(store), len(store)
    stats = store.add_dataset(to_dataset([make_result("a"), make_result("b")]))
    assert stats.documents_replaced == 2 and stats.documents_added == 0
    assert len(store) == count and _quads(store) == before
    store.add_dataset(to_dataset([make_result("b")]))  # one document alone, again
    assert _quads(store) == before


def test_persists_across_opens(tmp_path, sample_dataset):
    with Store(tmp_path / "s") as store:
        store.add_dataset(sample_dataset)
        n = len(store)
    reopened = Store(tmp_path / "s", read_only=True)
    assert len(reopened) == n
    assert reopened.documents() == [ID + "doc/sample"]


def test_new_document_adds_only_its_graph(tmp_path):
    store = Store(tmp_path / "s")
    store.add_dataset(to_dataset([make_result("a")]))
    graph_a = store.graph(ID + "doc/a")
    stats = store.add_dataset(to_dataset([make_result("b")]))
    assert stats.documents_added == 1 and stats.documents_replaced == 0
    assert store.documents() == [ID + "doc/a", ID + "doc/b"]
    assert isomorphic(store.graph(ID + "doc/a"), graph_a)


def test_matching_event_merges_with_merged_from(tmp_path):
    store = Store(tmp_path / "s")
    store.add_dataset(to_dataset([make_result("a")]))
    stats = store.add_dataset(to_dataset([make_result("b")]))
    # the dated Helsinki summit and the planned Budapest summit (same place) merge;
    # the undated, placeless events do not (kg.merge.same_event)
    assert dict(stats.merged) == {ID + "event/b-1": ID + "event/a-1", ID + "event/b-2": ID + "event/a-2"}
    graph_b = store.graph(ID + "doc/b")
    summit = URIRef(ID + "event/a-1")
    assert (summit, DK.mergedFrom, URIRef(ID + "event/b-1")) in graph_b
    assert URIRef(ID + "event/b-1") not in set(graph_b.subjects())
    # the union has ONE summit node with mentions from both documents, single-valued
    one = list(store.query(
        f"SELECT (COUNT(DISTINCT ?m) AS ?n) (COUNT(DISTINCT ?c) AS ?codes) WHERE {{ <{summit}> prov:wasDerivedFrom ?m ; dk:cameoCode ?c }}"))
    assert int(one[0]["n"].value) == 2 and int(one[0]["codes"].value) == 1
    assert store.info().events == 8 and store.info().merged_events == 2


def test_merge_survives_re_adding_the_first_document(tmp_path):
    store = Store(tmp_path / "s")
    store.add_dataset(to_dataset([make_result("a")]))
    store.add_dataset(to_dataset([make_result("b")]))
    before = _quads(store)
    store.add_dataset(to_dataset([make_result("a")]))
    assert _quads(store) == before


def test_dataset_and_graph_export(tmp_path, sample_dataset):
    store = Store(tmp_path / "s")
    store.add_dataset(sample_dataset)
    ds = store.dataset()
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert URIRef(ID + "doc/sample") in names
    assert store.graph_bytes(ID + "doc/sample").count(b"\n") == store.quad_count()
    assert ds.default_graph.__len__() == 0  # the derived union is not exported
    assert b"@prefix dk:" in store.graph_bytes(ID + "doc/sample", "ttl")


def test_not_a_store_and_read_only(tmp_path, sample_dataset):
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "notes.txt").write_text("x")
    with pytest.raises(KGError) as err:
        Store(tmp_path / "junk")
    assert err.value.code == "E109"
    with pytest.raises(KGError) as err:
        Store(tmp_path / "nothing", read_only=True)
    assert err.value.code == "E109"
    with Store(tmp_path / "s") as store:
        store.add_dataset(sample_dataset)
    with pytest.raises(KGError) as err:
        Store(tmp_path / "s", read_only=True).add_dataset(sample_dataset)
    assert err.value.code == "E505"


def test_in_memory_store(sample_dataset):
    store = Store()
    store.add_dataset(sample_dataset)
    assert store.info().events == 5 and store.info().path == ":memory:"


def _union_is_exact(store: Store) -> bool:
    import pyoxigraph as ox

    default = {str(q.triple) for q in store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    named = {str(q.triple) for q in store.named_quads()}
    return default == named


def test_default_graph_is_the_union_of_documents(tmp_path):
    store = Store(tmp_path / "s")
    store.add_dataset(to_dataset([make_result("a"), make_result("b")]))
    assert _union_is_exact(store)
    assert store.info().triples < store.info().quads  # entities are stated by both documents
    assert store.remove_document(ID + "doc/b")
    assert _union_is_exact(store) and store.documents() == [ID + "doc/a"]
    assert not store.remove_document(ID + "doc/b")
    text = make_result("a").document.text + " A later correction."
    store.add_dataset(to_dataset([make_result("a", text)]))  # a changed document replaces the old one
    assert _union_is_exact(store)
    texts = {r["t"].value for r in store.query("SELECT ?t WHERE { ?d nif:isString ?t }")}
    assert texts == {text}


def test_graph_read_back_from_the_store_still_conforms(tmp_path, sample_dataset):
    # Oxigraph normalises typed literals (xsd:nonNegativeInteger -> xsd:integer); the shapes accept both
    from kg.validate import validate

    with Store(tmp_path / "s") as st:
        st.add_dataset(sample_dataset)
        report = validate(st.dataset())
    assert report.conforms, [v.message for v in report.violations]
