"""A component that fails on one document costs that document only."""
from __future__ import annotations

import spacy
from spacy.language import Language

from kg.model import Document
from kg.nlp.pipeline import parse


@Language.component("explode_on_boom")
def _explode(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("component failed")
    return doc


def _docs(texts):
    return [Document(id=f"d{i}", text=t, source="stdin:") for i, t in enumerate(texts)]


def test_failing_document_is_reported_and_the_batch_kept():
    nlp = spacy.blank("en")
    nlp.add_pipe("explode_on_boom")
    errors = []
    out = list(parse(nlp, _docs(["fine one", "BOOM here", "fine two", "fine three"]), batch_size=2,
                     on_error=lambda doc_id, detail: errors.append((doc_id, detail))))
    assert [d.id for _, d in out] == ["d0", "d2", "d3"]
    assert errors and errors[0][0] == "d1" and "component failed" in errors[0][1]
    assert all(doc.text == d.text for doc, d in out)


def test_publication_date_and_id_reach_the_components():
    seen = []

    @Language.component("record_context")
    def _record(doc):
        seen.append((doc._.kg_doc_id, doc._.kg_published))
        return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("record_context")
    from datetime import date
    docs = [Document(id="a", text="x", published=date(2020, 1, 2), source="stdin:"),
            Document(id="b", text="y", source="stdin:")]
    list(parse(nlp, docs))
    assert seen == [("a", "2020-01-02"), ("b", None)]
