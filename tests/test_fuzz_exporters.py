"""Property tests (Hypothesis): every exporter's output parses with an independent parser, whatever the values."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg import export
from kg.vocab import DK, RDFS, SEM, XSD

from hostile_rdf import ID, hostile_dataset
from test_outputs_hostile import check_output

# any text a build can produce (readers replace lone surrogates, so none here)
texts = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
lexicals = st.sampled_from(["NaN", "INF", "-INF", "1e999", "abc", "", "0.5", "-0", "+7"]) | st.floats().map(str)
datatypes = st.sampled_from([XSD.decimal, XSD.double, XSD.integer, XSD.float, XSD.string, XSD.date])


@pytest.mark.parametrize("name", export.names())
@settings(max_examples=8, deadline=None)
@given(label=texts, sentence=texts, value=lexicals, datatype=datatypes, when=texts)
def test_exporter_output_parses(name, label, sentence, value, datatype, when):
    ds = hostile_dataset(label or "x")
    g = max(ds.graphs(), key=len)
    ev = URIRef(ID + "event/a-1")
    for p in (DK.confidence, DK.goldstein):
        for o in list(g.objects(ev, p)):
            g.remove((ev, p, o))
        g.add((ev, p, Literal(value, datatype=datatype)))
    for o in list(g.objects(ev, SEM.hasTimeStamp)):
        g.remove((ev, SEM.hasTimeStamp, o))
    g.add((ev, SEM.hasTimeStamp, Literal(when, datatype=XSD.date)))
    g.add((ev, RDFS.comment, Literal(sentence)))
    check_output(name, export.get(name).generate(ds))
