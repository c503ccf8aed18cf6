"""Property tests (Hypothesis): the build never crashes on a document, and every mention points into its text."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build import iter_results
from kg.export import get
from kg.graph import to_dataset
from kg.model import Document

pytestmark = pytest.mark.model

WORDS = ["Putin", "Biden", "Russia", "Ukraine", "met", "signed", "the", "deal", "in", "Geneva", "on", "Monday",
         "did", "not", "will", "visit", "talks", "with", "sanctions", "against", "president", "minister", "they",
         "he", "agreed", "to", "\u2028", "\n\n", "\x0c", "\x85", "'s", "(", ")", "\u201c", "\u201d", "\U0001F600"]
sentences = st.lists(st.sampled_from(WORDS) | st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=8),
                     min_size=1, max_size=25).map(" ".join).map(lambda s: s + ".")
texts = st.lists(sentences, min_size=1, max_size=4).map(" ".join).filter(str.strip)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_build_never_crashes_and_offsets_hold(text):
    problems: list[str] = []
    results = list(iter_results([Document(id="fuzz", text=text, source="fuzz:")], on_problem=problems.append))
    assert not problems, problems
    [res] = results
    for ev in res.events:
        for m in ev.mentions:
            assert text[m.begin:m.end] == m.anchor
    data = get("nq").generate(to_dataset(results))
    list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
