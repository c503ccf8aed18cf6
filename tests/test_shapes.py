"""Each MUST of the RDF contract: a small bad graph (the sample, mutated) that the shapes reject."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import SH

from kg.graph import to_dataset
from kg.validate import ValidationReport, shapes_graph, validate
from kg import vocab  # XSD via the module: pytest trips over rdflib's XSD namespace at module level
from kg.vocab import CAMEO, DCTERMS, DEFAULT_BASE, DK, NIF, OWL, PLOVER, PROV, RDF, RDFS, SEM

from conftest import make_result

ID = Namespace(DEFAULT_BASE)
DKS = Namespace("https://w3id.org/diplokg/shapes#")
DOC = ID["doc/sample"]
EV1 = ID["event/sample-1"]          # the Helsinki summit: Actual, dated, placed
PUTIN = ID["person/vladimir-putin"]
TOMAHAWK = ID["weapon/tomahawk-missile"]


def _mention(ds: Dataset, event: URIRef = EV1) -> URIRef:
    return next(ds.graph(DOC).objects(event, PROV.wasDerivedFrom))


def _set(ds: Dataset, s, p, o) -> None:
    g = ds.graph(DOC)
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))


# name -> (mutation of the sample dataset, the shape that must fire, a phrase of its message, focus)
CASES: dict[str, tuple[Callable[[Dataset], None], str, str, URIRef | None]] = {
    "no cameo code": (lambda ds: _set(ds, EV1, DK.cameoCode, None), "EventCameoCodeShape", "dk:cameoCode", EV1),
    "code not in CAMEO": (lambda ds: _set(ds, EV1, DK.cameoCode, Literal("999")),
                          "EventCameoCodeSchemeShape", "CAMEO scheme", EV1),
    "code not digits": (lambda ds: _set(ds, EV1, DK.cameoCode, Literal("04a")),
                        "EventCameoCodeFormShape", "2 to 4 digits", EV1),
    "code as integer": (lambda ds: _set(ds, EV1, DK.cameoCode, Literal(44)),
                        "EventCameoCodeFormShape", "plain string", EV1),
    "event type outside the scheme": (lambda ds: _set(ds, EV1, SEM.eventType, CAMEO["999"]),
                                      "EventTypeConceptShape", "CAMEO scheme", EV1),
    "event type not a CAMEO IRI": (lambda ds: _set(ds, EV1, SEM.eventType, URIRef("http://example.org/meeting")),
                                   "EventTypeConceptShape", "cameo:<code>", EV1),
    "unknown PLOVER type": (lambda ds: _set(ds, EV1, DK.ploverType, PLOVER["MEET"]),
                            "EventPloverTypeShape", "PLOVER", EV1),
    "no factuality": (lambda ds: _set(ds, EV1, DK.factuality, None), "EventFactualityShape", "dk:factuality", EV1),
    "unknown factuality": (lambda ds: _set(ds, EV1, DK.factuality, URIRef(str(DK._NS) + "Maybe")),
                           "EventFactualityValueShape", "one of dk:Actual", EV1),
    "no actor": (lambda ds: _set(ds, EV1, SEM.hasActor, None), "EventActorShape", "participant", EV1),
    "actor not sem:Actor": (lambda ds: ds.graph(DOC).add((EV1, SEM.hasActor, TOMAHAWK)),
                            "EventActorTypeShape", "typed sem:Actor", EV1),
    "no provenance": (lambda ds: _set(ds, EV1, PROV.wasDerivedFrom, None), "EventProvenanceShape", "provenance", EV1),
    "no confidence": (lambda ds: _set(ds, EV1, DK.confidence, None), "EventConfidenceShape", "dk:confidence", EV1),
    "confidence above 1": (lambda ds: _set(ds, EV1, DK.confidence, Literal("1.5", datatype=vocab.XSD.decimal)),
                           "EventConfidenceRangeShape", "between 0 and 1", EV1),
    "confidence below 0": (lambda ds: _set(ds, EV1, DK.confidence, Literal("-0.1", datatype=vocab.XSD.decimal)),
                           "EventConfidenceRangeShape", "between 0 and 1", EV1),
    "confidence as string": (lambda ds: _set(ds, EV1, DK.confidence, Literal("0.5")),
                             "EventConfidenceRangeShape", "number", EV1),
    "time stamp as string": (lambda ds: _set(ds, EV1, SEM.hasTimeStamp, Literal("2018-07-16")),
                             "EventTimeStampShape", "xsd:date", EV1),
    "time stamp as dateTime": (lambda ds: _set(ds, EV1, SEM.hasTimeStamp,
                                               Literal("2018-07-16T10:00:00", datatype=vocab.XSD.dateTime)),
                               "EventTimeStampShape", "xsd:gYear", EV1),
    "only a dk: event class": (lambda ds: ds.graph(DOC).remove((EV1, RDF.type, SEM.Event)),
                               "EventTypeShape", "typed sem:Event", EV1),
    "goldstein out of range": (lambda ds: _set(ds, EV1, DK.goldstein, Literal("12.0", datatype=vocab.XSD.decimal)),
                               "EventGoldsteinShape", "-10 and 10", EV1),
    "mention without anchor": (lambda ds: _set(ds, _mention(ds), NIF.anchorOf, None),
                               "MentionAnchorShape", "nif:anchorOf", None),
    "negative begin": (lambda ds: _set(ds, _mention(ds), NIF.beginIndex, Literal(-3, datatype=vocab.XSD.integer)),
                       "MentionBeginShape", "non-negative", None),
    "begin as string": (lambda ds: _set(ds, _mention(ds), NIF.beginIndex, Literal("3")),
                        "MentionBeginShape", "non-negative integer", None),
    "begin not before end": (lambda ds: _set(ds, _mention(ds), NIF.beginIndex,
                                             Literal(10_000, datatype=vocab.XSD.nonNegativeInteger)),
                             "MentionOrderShape", "smaller than", None),
    "mention without document": (lambda ds: _set(ds, _mention(ds), NIF.referenceContext, None),
                                 "MentionContextShape", "nif:referenceContext", None),
    "provenance not a mention": (lambda ds: _set(ds, EV1, PROV.wasDerivedFrom, ID["mention/nothing"]),
                                 "EventProvenanceNodeShape", "nif:String", EV1),
    "document without identifier": (lambda ds: _set(ds, DOC, DCTERMS.identifier, None),
                                    "DocumentIdentifierShape", "dcterms:identifier", DOC),
    "entity with two labels": (lambda ds: ds.graph(DOC).add((PUTIN, RDFS.label, Literal("Putin"))),
                               "EntityLabelShape", "exactly one rdfs:label", PUTIN),
    "entity without label": (lambda ds: _set(ds, PUTIN, RDFS.label, None),
                             "EntityLabelShape", "exactly one rdfs:label", PUTIN),
    "weapon without label": (lambda ds: _set(ds, TOMAHAWK, RDFS.label, None),
                             "EntityLabelShape", "exactly one rdfs:label", TOMAHAWK),
    "sameAs to a Wikidata page": (lambda ds: _set(ds, PUTIN, OWL.sameAs,
                                                  URIRef("https://www.wikidata.org/wiki/Q7747")),
                                  "SameAsWikidataShape", "Wikidata", PUTIN),
    "sameAs to a Wikidata property": (lambda ds: _set(ds, PUTIN, OWL.sameAs,
                                                      URIRef("http://www.wikidata.org/entity/P31")),
                                      "SameAsWikidataShape", "Q<digits>", PUTIN),
}


@pytest.fixture(scope="module")
def sample_report() -> ValidationReport:
    return validate(to_dataset([make_result()]))


def test_the_sample_graph_conforms(sample_report):
    assert sample_report.conforms, sample_report.violations
    assert sample_report.violations == []


@pytest.mark.parametrize("case", list(CASES))
def test_shapes_reject(case):
    mutate, shape, phrase, focus = CASES[case]
    ds = to_dataset([make_result()])
    mutate(ds)
    report = validate(ds)
    assert not report.conforms
    hits = [v for v in report.violations if v.shape == str(DKS[shape])]
    assert hits, f"{shape} did not fire; got {[(v.shape, v.message) for v in report.violations]}"
    assert any(phrase in v.message for v in hits), [v.message for v in hits]
    if focus is not None:
        assert any(v.focus == str(focus) for v in hits)
    assert all(v.severity == "Violation" for v in hits)


def test_event_violations_carry_the_evidence_sentence():
    ds = to_dataset([make_result()])
    _set(ds, EV1, DK.cameoCode, Literal("999"))
    (v,) = validate(ds).violations
    assert v.kind == "event" and v.path == str(DK.cameoCode) and v.value == '"999"'
    assert v.sentence == "Donald Trump met Vladimir Putin at their summit in Helsinki."


def test_an_event_typed_only_dk_meeting_is_still_checked():
    ds = to_dataset([make_result()])
    g = ds.graph(DOC)
    g.remove((EV1, RDF.type, SEM.Event))
    _set(ds, EV1, DK.factuality, None)
    shapes = {v.shape for v in validate(ds).violations if v.focus == str(EV1)}
    assert str(DKS.EventFactualityShape) in shapes


def test_links_outside_wikidata_and_valid_wikidata_items_pass():
    ds = to_dataset([make_result()])
    ds.graph(DOC).add((ID["place/helsinki"], OWL.sameAs, URIRef("https://sws.geonames.org/658225/")))
    ds.graph(DOC).add((ID["place/helsinki"], OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1757")))
    assert validate(ds).conforms


def test_gyear_and_gyearmonth_time_stamps_pass():
    for lit in (Literal("2018", datatype=vocab.XSD.gYear), Literal("2018-07", datatype=vocab.XSD.gYearMonth)):
        ds = to_dataset([make_result()])
        _set(ds, EV1, SEM.hasTimeStamp, lit)
        assert validate(ds).conforms, lit


def test_a_plain_graph_validates_like_a_dataset():
    ds = to_dataset([make_result()])
    _set(ds, EV1, DK.cameoCode, Literal("999"))
    plain = ds.graph(DOC)
    assert [v.shape for v in validate(plain).violations] == [str(DKS.EventCameoCodeSchemeShape)]


def test_validate_does_not_modify_the_input():
    ds = to_dataset([make_result()])
    before = len(ds)
    n_quads = sum(1 for _ in ds.quads((None, None, None, None)))
    validate(ds, inference="rdfs")
    assert len(ds) == before and sum(1 for _ in ds.quads((None, None, None, None))) == n_quads


@pytest.mark.parametrize("mode", ["rdfs", "owlrl"])
def test_inference_modes_run(mode):
    result = make_result()
    ds = to_dataset([result])
    # the sample names Finland and Hungary only as dk:locatedIn targets; with inference they become
    # sem:Place (the range of dk:locatedIn) and must then be described like any other place
    for key, label in (("country/finland", "Finland"), ("country/hungary", "Hungary")):
        ds.graph(DOC).add((ID[key], RDF.type, SEM.Place))
        ds.graph(DOC).add((ID[key], RDFS.label, Literal(label)))
    report = validate(ds, inference=mode)
    assert report.conforms, report.violations


def test_unknown_inference_mode_is_a_usage_error():
    from kg.errors import UsageError

    with pytest.raises(UsageError) as exc:
        validate(to_dataset([make_result()]), inference="magic")
    assert exc.value.code == "E303"


def test_every_shape_has_a_plain_message():
    g = shapes_graph()
    named = {s for s in g.subjects(RDF.type, SH.PropertyShape)}
    inline = {p for s in g.subjects(RDF.type, SH.NodeShape) for p in g.objects(s, SH.property)}
    assert len(named) > 20
    for s in named | inline:
        assert g.value(s, SH.message) is not None, f"shape {s} has no sh:message"


def test_report_model_leaves_the_graph_out_of_json(sample_report):
    data = sample_report.model_dump()
    assert set(data) == {"conforms", "violations"}
    assert (None, RDF.type, SH.ValidationReport) in sample_report.graph
