"""Speed work of issue 11 that must not change behaviour: each fast path against the path it replaces."""
from __future__ import annotations

from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import build_stream
from kg.export.rdf import union_graph
from kg.graph import add_document, document_triples, new_dataset
from kg.nlp.stages.registry import EventContext, get_stage, resolve_stages, stage
from kg.stream import DatasetSink
from kg.validate import apply_verdict, judge, quarantine
from kg.vocab import DEFAULT_BASE

from conftest import make_result, write_inputs

ID = DEFAULT_BASE


def _broken(doc_id: str, text: str | None = None, bad_index: int = 2):
    r = make_result(doc_id, text) if text is not None else make_result(doc_id)
    bad = r.events[bad_index].model_copy(update={"mentions": ()})  # no provenance: violates the shapes
    return r.model_copy(update={"events": (*r.events[:bad_index], bad, *r.events[bad_index + 1:])})


def _quads(ds: Dataset) -> set:
    return set(ds.quads((None, None, None, None)))


def test_document_triples_are_the_named_graph_add_document_builds():
    for r in (make_result("a"), _broken("b")):
        name, triples = document_triples(r)
        ds = new_dataset()
        g = add_document(ds, r)
        assert g.identifier == name
        assert set(triples) == set(g) and len(triples) == len(set(triples)) == len(g)


def test_judge_decides_what_quarantine_moves():
    results = [make_result("a"), _broken("b"), _broken("c", bad_index=0)]
    docs = [document_triples(r) for r in results]
    ds = new_dataset()
    for r in results:
        add_document(ds, r)
    q = quarantine(ds)
    verdict = judge(docs)
    kept, moved = apply_verdict(docs, verdict)
    assert verdict.count == q.count == 2
    assert sorted(str(e) for e in verdict.bad) == q.events
    assert {(s, p, o, name) for name, ts in kept for s, p, o in ts} == \
        {(s, p, o, c.identifier if hasattr(c, "identifier") else c) for s, p, o, c in _quads(q.clean)}
    mine = Graph()
    for t in (*moved, *verdict.report):
        mine.add(t)
    assert isomorphic(mine, q.quarantined)  # the moved triples and the report (its own blank nodes)
    # a clean batch moves nothing and keeps every triple
    clean = [document_triples(make_result("d"))]
    v = judge(clean)
    assert v.count == 0 and apply_verdict(clean, v) == (clean, [])


def test_background_validation_gives_the_inline_result(tmp_path):
    # four batches of one: built, validated and merged in the worker process (kg.tail), one batch behind
    paths = write_inputs(tmp_path, ["a", "b", "c", "d"])

    def extract(documents):
        for d in documents:
            yield _broken(d.id, d.text) if d.id in ("b", "d") else make_result(d.id, d.text)

    out = {}
    for background in (False, True):
        sink = DatasetSink()
        summary, q = build_stream(paths, [sink], extract=extract, validation_batch=1,
                                  validate_in_background=background)
        out[background] = (sink, summary, q)
    (s0, sum0, q0), (s1, sum1, q1) = out[False], out[True]
    assert q1.count == q0.count == 2 and q1.events == q0.events == [ID + "event/b-3", ID + "event/d-3"]
    assert sum1.quarantined == sum0.quarantined == 2 and sum1.events == sum0.events
    assert isomorphic(union_graph(s1.dataset), union_graph(s0.dataset))
    assert {g.identifier for g in s1.dataset.graphs() if len(g)} == {g.identifier for g in s0.dataset.graphs() if len(g)}
    assert isomorphic(q1.quarantined, q0.quarantined)
    assert not any(s1.dataset.quads((URIRef(ID + "event/d-3"), None, None, None)))


def test_a_stage_list_is_resolved_once_and_runs_the_same_functions():
    calls = []

    @stage("kg.test_speed.count.v1")
    def count(ctx: EventContext) -> None:
        calls.append(ctx.doc)

    fns = resolve_stages(["kg.test_speed.count.v1", "kg.test_speed.count.v1"])
    assert fns == (count, count) and get_stage("kg.test_speed.count.v1") is count
    from kg.nlp.events import extract_candidates
    from kg.nlp.triggers import load_lexicon

    from docbuilder import make_doc

    doc = make_doc([("Talks", "talk", "NOUN", "nsubj", 1), ("ended", "end", "VERB", "ROOT", 1),
                    (".", ".", "PUNCT", "punct", 1)])
    extract_candidates(doc, load_lexicon(None), stages=fns)
    extract_candidates(doc, load_lexicon(None), stages=["kg.test_speed.count.v1"])
    assert calls == [doc, doc, doc]


def _flat(text: str):
    from docbuilder import make_doc

    words = text.split()
    return make_doc([(w, w.lower(), "NOUN", "ROOT" if i == 0 else "dep", 0) for i, w in enumerate(words)])


def test_role_titles_found_by_index_as_by_the_full_scan():
    from kg.nlp.entities import title_ending_at, title_starting_at
    from kg.nlp.gazetteer import role_titles

    def scan_start(tokens, start):
        for title, role in role_titles():
            end = start + len(title)
            if end <= len(tokens) and tuple(t.lower_ for t in tokens[start:end]) == title:
                return end, role
        return None

    def scan_end(tokens, end):
        for title, role in role_titles():
            start = end - len(title)
            if start >= 0 and tuple(t.lower_ for t in tokens[start:end]) == title:
                return start, role
        return None

    sentences = ["The Foreign Minister met the Secretary of State today .",
                 "Prime Minister Smith and the secretary general spoke .",
                 "A deputy foreign minister , the president and a spokesman came .",
                 "Minister",
                 "The UN Secretary - General and the defence minister of France arrived ."]
    for text in sentences:
        doc = _flat(text)
        tokens = list(doc)
        for i in range(len(tokens) + 2):
            assert title_starting_at(tokens, i) == scan_start(tokens, i)
            assert title_ending_at(tokens, i) == scan_end(tokens, i)


def test_the_dateline_cache_answers_for_the_doc_asked_about():
    from kg.nlp.dateline import dateline_of, parse_dateline

    import spacy

    nlp = spacy.blank("en")
    a, b = nlp("VIENNA, July 15 -- Talks ended."), nlp("Talks ended in Vienna.")
    for doc in (a, b, a, a, b):
        assert dateline_of(doc) == parse_dateline(doc[:60].text)
    assert dateline_of(a) is not None and dateline_of(b) is None
