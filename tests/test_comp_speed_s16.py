"""The per-document memo of the kg components (kg.nlp.memo) and the other pure speed-ups.

What is memoised is kept only while a component runs on one Doc: two Docs in a
row, or one Doc changed between two runs, each get their own answers; the
quick checks in front of slow ones (the time-expression scan, the extension
reads) answer exactly what the slow path answers. Hand-built Docs, no model.
"""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from conftest import full_timex_scan
from docbuilder import make_doc
from kg.nlp import memo, timex
from kg.nlp.events import extract_events
from kg.nlp.extensions import doc_value, ref_conf, refs_of
from kg.nlp.triggers import Lexicon, TriggerRow

LEX = Lexicon([
    TriggerRow("111", "VERB", "condemn", weight=0.9),
    TriggerRow("051", "VERB", "praise", weight=0.9),
    TriggerRow("163", "VERB", "impose", objects=frozenset({"sanction"}), weight=0.9),
    TriggerRow("057", "VERB", "sign", objects=frozenset({"accord"}), weight=0.8),
])
ENTS = {"country/a": {"kind": "Country", "label": "Avalon"}, "country/b": {"kind": "Country", "label": "Borduria"}}


def _clause(verb: str, lemma: str, obj: str = "Borduria", obj_lemma: str = "Borduria", obj_pos: str = "PROPN"):
    rows = [("Avalon", "Avalon", "PROPN", "nsubj", 1), (verb, lemma, "VERB", "ROOT", 1),
            (obj, obj_lemma, obj_pos, "dobj", 1), (".", ".", "PUNCT", "punct", 1)]
    refs = {0: ["country/a"]} | ({2: ["country/b"]} if obj_pos == "PROPN" else {})
    return make_doc(rows, ENTS, refs)


def _codes(doc: Doc) -> list[str]:
    return [e["cameo_code"] for e in extract_events(doc, LEX, 0.3)]


def test_cached_computes_every_time_outside_a_scope_and_once_inside():
    doc = _clause("condemned", "condemn")
    calls = []
    assert memo.cached(doc, "k", lambda: calls.append(1) or len(calls)) == 1
    assert memo.cached(doc, "k", lambda: calls.append(1) or len(calls)) == 2
    with memo.scope(doc):
        assert memo.cached(doc, "k", lambda: calls.append(1) or len(calls)) == 3
        assert memo.cached(doc, "k", lambda: calls.append(1) or len(calls)) == 3
        with memo.scope(doc):  # re-entrant: the inner block shares the open memo
            assert memo.cached(doc, "k", lambda: 99) == 3
        assert memo.store(doc) is not None
    assert memo.store(doc) is None
    assert memo.cached(doc, "k", lambda: calls.append(1) or len(calls)) == 4


def test_memo_is_dropped_even_when_a_stage_fails():
    doc = _clause("condemned", "condemn")
    with pytest.raises(RuntimeError), memo.scope(doc):
        memo.cached(doc, "k", lambda: 1)
        raise RuntimeError("stage failed")
    assert memo.store(doc) is None


def test_memo_is_per_doc_while_both_are_open():
    a, b = _clause("condemned", "condemn"), _clause("praised", "praise")
    with memo.scope(a), memo.scope(b):
        assert memo.cached(a, "x", lambda: "a") == "a"
        assert memo.cached(b, "x", lambda: "b") == "b"
        assert memo.tokens(a)[1].text == "condemned" and memo.tokens(b)[1].text == "praised"


@pytest.mark.parametrize(("first", "second"), [
    (("condemned", "condemn"), ("praised", "praise")),
    (("praised", "praise"), ("condemned", "condemn")),
    (("signed", "sign", "accord", "accord", "NOUN"), ("imposed", "impose", "sanctions", "sanction", "NOUN")),
    (("imposed", "impose", "sanctions", "sanction", "NOUN"), ("condemned", "condemn")),
    (("condemned", "condemn"), ("signed", "sign", "treaty", "treaty", "NOUN")),
])
def test_two_docs_in_a_row_get_their_own_events(first, second):
    """Same token positions, different words: the second document never sees the first's matches."""
    alone = _codes(_clause(*second))
    _codes(_clause(*first))
    assert _codes(_clause(*second)) == alone


def test_two_docs_in_a_row_codes():
    assert _codes(_clause("condemned", "condemn")) == ["111"]
    assert _codes(_clause("praised", "praise")) == ["051"]
    assert _codes(_clause("imposed", "impose", "sanctions", "sanction", "NOUN")) == ["163"]
    assert _codes(_clause("signed", "sign", "treaty", "treaty", "NOUN")) == []


def test_one_doc_changed_between_runs_is_read_afresh():
    """A Doc's parse edited after a run (same object, same id) gives the new reading."""
    doc = _clause("condemned", "condemn")
    assert _codes(doc) == ["111"]
    doc[1].lemma_ = "praise"
    assert _codes(doc) == ["051"]
    doc[1].lemma_ = "sign"
    assert _codes(doc) == []


def test_sent_of_is_the_token_sentence_inside_and_outside_a_scope():
    rows = [("Avalon", "Avalon", "PROPN", "nsubj", 1), ("condemned", "condemn", "VERB", "ROOT", 1),
            ("it", "it", "PRON", "dobj", 1), (".", ".", "PUNCT", "punct", 1),
            ("Borduria", "Borduria", "PROPN", "nsubj", 5), ("praised", "praise", "VERB", "ROOT", 5),
            ("Avalon", "Avalon", "PROPN", "dobj", 5), (".", ".", "PUNCT", "punct", 5)]
    doc = make_doc(rows, ENTS, {})
    outside = [memo.sent_of(t) for t in doc]
    with memo.scope(doc):
        inside = [memo.sent_of(t) for t in doc]
        sents, index = memo.sentences(doc)
    assert outside == inside == [t.sent for t in doc]
    assert index == [0, 0, 0, 0, 1, 1, 1, 1] and [s.text for s in sents] == [s.text for s in doc.sents]


def test_doc_value_reads_what_the_underscore_reads():
    doc = _clause("condemned", "condemn")
    assert doc_value(doc, "kg_refs") == doc._.kg_refs == {0: ["country/a"], 2: ["country/b"]}
    assert refs_of(doc[0]) == ["country/a"] and refs_of(doc[1]) == []
    assert ref_conf(doc[0]) == 1.0 and ref_conf(doc[1]) == 0.0
    doc._.kg_events = None
    assert doc_value(doc, "kg_events") is None
    blank = Doc(doc.vocab, words=["x"])
    assert doc_value(blank, "kg_refs") is None and refs_of(blank[0]) == [] and ref_conf(blank[0]) == 0.0
    # an extension with a getter goes the usual way
    assert doc_value(doc, "kg_dateline") == doc._.kg_dateline


@pytest.mark.parametrize("text", [
    "The envoys met on Tuesday and again three days later.",
    "Talks resumed on 4 March 2021, two weeks ago, and ended the following week.",
    "On the eve of the vote, ministers said the accord would be signed next spring.",
    "The ceasefire, agreed late last night, held until this morning.",
    "A DAY LATER THE COUNCIL MET AGAIN; FIVE DAYS AGO IT HAD NOT.",
    "In early 1999 the border reopened; by autumn of 2001 it was closed.",
    "No date at all in this sentence about sanctions.",
    "“Yesterday,” the minister said, “we met the delegation — ten days ago.”",
    "FİVE days ago the talks collapsed.",  # a capital dotted I: case-insensitive matching beyond ASCII
    "Sept. 9 was quiet; on Thursday, Oct 2, the summit opened, 2024-10-02.",
])
def test_time_scan_skips_only_patterns_that_cannot_match(text):
    assert [(f.start, f.end, f.kind) for f in timex._scan(text)] == full_timex_scan(text)


def test_every_pattern_has_its_needs():
    assert len(timex._needs()) == len(timex._patterns())
