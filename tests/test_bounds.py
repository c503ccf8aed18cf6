"""kg.bounds: oversized documents are segmented, capped and rejoined with offsets into the original."""
from __future__ import annotations

import logging
import random

import pytest
import spacy

from kg import bounds
from kg.bounds import needs_segments, parse_bounded, segment_spans
from kg.model import Document
from kg.nlp.extensions import install

SENT = "Envoys from Norway met officials in Oslo. "


@pytest.fixture(scope="module")
def blank():
    install()
    return spacy.blank("en")


def _fake_parse(nlp, fail_on: str | None = None):
    """A stand-in pipeline: one 'event' per occurrence of 'met', one entity per 'Oslo'."""
    def parse(docs):
        for d in docs:
            if fail_on and fail_on in d.text:
                continue  # a segment that failed is left out, as kg.nlp.pipeline does
            doc = nlp(d.text)
            doc._.kg_events = [{"begin": t.idx, "end": t.idx + 3, "token": t.i, "anchor": "met",
                                "extra_mentions": [{"begin": t.idx, "end": t.idx + 3}]}
                               for t in doc if t.text == "met"]
            doc._.kg_entities = {"place/oslo": {"key": "place/oslo", "aliases": [d.text[:5]]}} if "Oslo" in d.text else {}
            doc._.kg_refs = {t.i: ["place/oslo"] for t in doc if t.text == "Oslo"}
            yield doc, d
    return parse


def test_spans_cover_the_text_in_order():
    rng = random.Random(7)
    for _ in range(30):
        parts = []
        for _ in range(rng.randint(1, 60)):
            kind = rng.random()
            parts.append(SENT * rng.randint(1, 50) if kind < 0.6 else "\n\n" if kind < 0.8 else "word " * rng.randint(1, 900))
        text = "".join(parts)
        spans, capped, skipped = segment_spans(text)
        assert spans[0][0] == 0 and spans[-1][1] == len(text) or capped
        covered = sum(b - a for a, b in spans)
        assert covered + skipped == len(text)
        assert all(a < b for a, b in spans) and all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
        assert all(b - a <= max(bounds.SEGMENT_CHARS, bounds.SENTENCE_CHARS) for a, b in spans)


def test_normal_documents_are_not_segmented():
    assert not needs_segments(SENT * 100)
    assert needs_segments(SENT * 3000)  # over DOC_CHARS
    assert needs_segments("word " * 1000)  # one 5,000-character sentence


def test_long_sentence_is_capped_with_a_warning(blank, caplog):
    text = SENT + "names " * 40_000 + "end. " + SENT
    d = Document(id="long", text=text, source="test:")
    with caplog.at_level(logging.WARNING, logger="kg.bounds"):
        [(doc, back)] = list(parse_bounded([d], _fake_parse(blank)))
    assert back is d
    assert [text[e["begin"]:e["end"]] for e in doc._.kg_events] == ["met", "met"]
    assert doc._.kg_events[1]["begin"] > 200_000
    assert "E018" in caplog.text
    assert len(doc.text) < 3 * bounds.SENTENCE_CHARS  # what was parsed: the capped sentence and the rest


def test_segments_rejoin_with_shifted_offsets_and_entities_merged(blank, monkeypatch):
    monkeypatch.setattr(bounds, "DOC_CHARS", 2_000)
    monkeypatch.setattr(bounds, "SEGMENT_CHARS", 500)
    text = "\n\n".join(SENT * 5 for _ in range(20))
    small = Document(id="small", text=SENT, source="test:")
    big = Document(id="big", text=text, source="test:")
    out = list(parse_bounded([small, big, small.model_copy(update={"id": "small2"})], _fake_parse(blank)))
    assert [d.id for _, d in out] == ["small", "big", "small2"]
    doc, _ = out[1]
    assert doc.text == text and doc._.kg_doc_id == "big"
    assert len(doc._.kg_events) == 100
    assert all(text[e["begin"]:e["end"]] == "met" and doc[e["token"]].text == "met" for e in doc._.kg_events)
    assert all(text[m["begin"]:m["end"]] == "met" for e in doc._.kg_events for m in e["extra_mentions"])
    assert list(doc._.kg_entities) == ["place/oslo"]
    assert all(doc[i].text == "Oslo" for i in doc._.kg_refs)


def test_a_failed_segment_costs_only_itself(blank, monkeypatch):
    monkeypatch.setattr(bounds, "DOC_CHARS", 100)
    monkeypatch.setattr(bounds, "SEGMENT_CHARS", 50)
    text = "\n\n".join([SENT, "Poison paragraph met here. ", SENT, SENT])
    docs = [Document(id="a", text=text, source="t:"), Document(id="b", text=SENT, source="t:")]
    out = list(parse_bounded(docs, _fake_parse(blank, fail_on="Poison")))
    assert [d.id for _, d in out] == ["a", "b"]
    assert [text[e["begin"]:e["end"]] for e in out[0][0]._.kg_events] == ["met"] * 3


@pytest.mark.model
def test_document_over_max_length_is_parsed_not_refused(monkeypatch):
    from kg.build import iter_results
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 3_000)
    monkeypatch.setattr(bounds, "DOC_CHARS", 2_500)
    monkeypatch.setattr(bounds, "SEGMENT_CHARS", 1_000)
    para = "Vladimir Putin met Viktor Orban in Budapest on Monday. The two leaders agreed to meet again."
    text = "\n\n".join([para] * 60)
    problems: list[str] = []
    [res] = list(iter_results([Document(id="long", text=text, source="t:")], on_problem=problems.append))
    assert not problems
    begins = sorted({m.begin for ev in res.events for m in ev.mentions})
    assert begins and begins[-1] > 5_000
    assert all(text[m.begin:m.end] == m.anchor for ev in res.events for m in ev.mentions)


def test_segments_come_back_as_copies_from_worker_processes(blank, monkeypatch):
    """With n_process > 1 spaCy returns pickled copies of the contexts: they are matched by value."""
    monkeypatch.setattr(bounds, "DOC_CHARS", 100)
    monkeypatch.setattr(bounds, "SEGMENT_CHARS", 50)
    text = "\n\n".join([SENT] * 4)
    inner = _fake_parse(blank)
    copies = lambda docs: ((doc, d.model_copy()) for doc, d in inner(docs))  # noqa: E731
    [(doc, back)] = list(parse_bounded([Document(id="a", text=text, source="t:")], copies))
    assert back.id == "a" and [text[e["begin"]:e["end"]] for e in doc._.kg_events] == ["met"] * 4
