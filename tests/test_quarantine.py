"""The build hook: events that fail the shapes move to a quarantine graph; the rest conforms."""
from __future__ import annotations


from rdflib import Dataset, Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from kg.graph import to_dataset
from kg.validate import quarantine, validate
from kg.vocab import DEFAULT_BASE, DK, NIF, PROV, RDF, RDFS, SEM

from conftest import make_result

ID = Namespace(DEFAULT_BASE)
DOC = ID["doc/sample"]
TRUMP, PUTIN = ID["person/donald-trump"], ID["person/vladimir-putin"]


def _replace(ds: Dataset, s, p, o) -> None:
    g = ds.graph(DOC)
    g.remove((s, p, None))
    g.add((s, p, o))


def _triples(ds: Dataset) -> set:
    return {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}


def test_one_bad_event_is_moved_out():
    ds = to_dataset([make_result()])
    bad = ID["event/sample-2"]
    mention = next(ds.graph(DOC).objects(bad, PROV.wasDerivedFrom))
    _replace(ds, bad, DK.cameoCode, Literal("999"))
    before = _triples(ds)

    result = quarantine(ds)

    assert result.count == 1 and result.events == [str(bad)]
    assert not result.report.conforms
    clean = _triples(result.clean)
    assert not {t for t in clean if bad in (t[0], t[2])}
    assert not {t for t in clean if t[0] == mention}
    assert (ID["event/sample-1"], RDF.type, SEM.Event) in clean        # the others stay
    assert (PUTIN, RDFS.label, Literal("Vladimir Putin")) in clean      # entities stay
    q = result.quarantined
    assert (bad, DK.cameoCode, Literal("999")) in q
    assert (mention, NIF.anchorOf, Literal("a second summit in Budapest")) in q
    assert (None, RDF.type, SH.ValidationReport) in q
    assert clean | {t for t in q if t in before} == before              # nothing lost, nothing invented
    assert validate(result.clean).conforms
    assert _triples(ds) == before                                       # the input is untouched


def test_named_graphs_are_kept():
    ds = to_dataset([make_result("a"), make_result("b")])
    _replace_in = ds.graph(ID["doc/b"])
    _replace_in.remove((ID["event/b-3"], DK.confidence, None))
    _replace_in.add((ID["event/b-3"], DK.confidence, Literal(7)))
    result = quarantine(ds)
    assert result.count == 1
    assert {g.identifier for g in result.clean.graphs()} == {g.identifier for g in ds.graphs()}
    assert isomorphic(result.clean.graph(ID["doc/a"]), ds.graph(ID["doc/a"]))
    assert validate(result.clean).conforms


def test_a_bad_mention_quarantines_its_event():
    ds = to_dataset([make_result()])
    ev = ID["event/sample-3"]
    mention = next(ds.graph(DOC).objects(ev, PROV.wasDerivedFrom))
    _replace(ds, mention, NIF.beginIndex, Literal(10_000))
    result = quarantine(ds)
    assert result.events == [str(ev)]
    assert validate(result.clean).conforms


def test_met_shortcuts_of_a_quarantined_meeting_go_with_it():
    ds = to_dataset([make_result()])
    assert (TRUMP, DK.met, PUTIN) in _triples(ds)
    _replace(ds, ID["event/sample-1"], DK.cameoCode, Literal("999"))   # the only Actual meeting
    result = quarantine(ds)
    assert (TRUMP, DK.met, PUTIN) not in _triples(result.clean)
    assert (TRUMP, DK.met, PUTIN) in result.quarantined


def test_a_shared_mention_stays_with_the_good_event():
    ds = to_dataset([make_result()])
    g = ds.graph(DOC)
    shared = next(g.objects(ID["event/sample-1"], PROV.wasDerivedFrom))
    g.add((ID["event/sample-2"], PROV.wasDerivedFrom, shared))
    _replace(ds, ID["event/sample-2"], DK.factuality, DK.Actual)
    g.remove((ID["event/sample-2"], SEM.hasActor, None))              # sample-2 is now bad
    result = quarantine(ds)
    assert result.events == [str(ID["event/sample-2"])]
    assert (shared, NIF.anchorOf, Literal("their summit in Helsinki")) in _triples(result.clean)
    assert validate(result.clean).conforms


def test_entity_violations_are_reported_but_nothing_moves():
    ds = to_dataset([make_result()])
    ds.graph(DOC).add((PUTIN, RDFS.label, Literal("Putin")))
    result = quarantine(ds)
    assert result.count == 0 and result.clean is ds
    assert [v.kind for v in result.report.violations] == ["entity"]
    assert (None, RDF.type, SH.ValidationReport) in result.quarantined


def test_a_clean_dataset_is_returned_as_is():
    ds = to_dataset([make_result()])
    result = quarantine(ds)
    assert result.count == 0 and result.clean is ds and result.report.conforms


def test_a_build_sized_dataset_finds_its_one_bad_event():
    # the PLOVER benchmark build: 322 one-sentence documents, about one event each
    # (its speed is a benchmark figure, benchmarks/bench_build.py, not a timed test)
    results = [make_result(f"d{i}") for i in range(322)]
    results = [r.model_copy(update={"events": r.events[:1]}) for r in results]
    ds = to_dataset(results)
    ds.graph(ID["doc/d7"]).remove((ID["event/d7-1"], DK.cameoCode, None))
    result = quarantine(ds, inplace=True)
    assert result.events == [str(ID["event/d7-1"])]
    assert any(ds.quads((ID["event/d8-1"], DK.cameoCode, None, None)))
    assert not any(ds.quads((ID["event/d7-1"], None, None, None)))


def test_inplace_removes_from_the_dataset_itself():
    ds = to_dataset([make_result()])
    _replace(ds, ID["event/sample-4"], DK.factuality, DK["Actual"])
    ds.graph(DOC).remove((ID["event/sample-4"], DK.factuality, None))
    copy = quarantine(ds)
    result = quarantine(ds, inplace=True)
    assert result.clean is ds and result.events == [str(ID["event/sample-4"])]
    assert _triples(ds) == _triples(copy.clean)
    assert validate(ds).conforms
