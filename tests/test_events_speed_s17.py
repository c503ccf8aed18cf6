"""kg_events' shortcuts give what the long way gives: per-document memo, trigger pre-test,
mention texts, reference-keyed phrase answers, the rule stages' no-removal path."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from conftest import full_timex_scan
from docbuilder import make_doc
from kg.nlp import memo
from kg.nlp.arguments import phrase_refs, subject_of
from kg.nlp.candidate import EventCandidate
from kg.nlp.stages import EventContext
from kg.nlp.stages.candidates import _set_mention, anchor_span, trigger_candidates
from kg.nlp.stages.registry import rule_stage
from kg.nlp.triggers import load_lexicon

ENTS = {"country/ru": {"kind": "Country"}, "country/cn": {"kind": "Country"}, "city/geneva": {"kind": "City"},
        "country/fr": {"kind": "Country"}, "person/x": {"kind": "Person"}}


def _signed() -> Doc:
    # Russia and China signed a deal in Geneva . France welcomed the talks .
    rows = [("Russia", "Russia", "PROPN", "nsubj", 3), ("and", "and", "CCONJ", "cc", 0),
            ("China", "China", "PROPN", "conj", 0), ("signed", "sign", "VERB", "ROOT", 3),
            ("a", "a", "DET", "det", 5), ("deal", "deal", "NOUN", "dobj", 3), ("in", "in", "ADP", "prep", 3),
            ("Geneva", "Geneva", "PROPN", "pobj", 6), (".", ".", "PUNCT", "punct", 3),
            ("France", "France", "PROPN", "nsubj", 10), ("welcomed", "welcome", "VERB", "ROOT", 10),
            ("the", "the", "DET", "det", 12), ("talks", "talk", "NOUN", "dobj", 10), (".", ".", "PUNCT", "punct", 10)]
    return make_doc(rows, ENTS, {0: ["country/ru"], 2: ["country/cn"], 7: ["city/geneva"], 9: ["country/fr"]})


def _met() -> Doc:
    # The envoy met X in Paris and held talks .
    rows = [("The", "the", "DET", "det", 1), ("envoy", "envoy", "NOUN", "nsubj", 2), ("met", "meet", "VERB", "ROOT", 2),
            ("X", "X", "PROPN", "dobj", 2), ("in", "in", "ADP", "prep", 2), ("Paris", "Paris", "PROPN", "pobj", 4),
            ("and", "and", "CCONJ", "cc", 2), ("held", "hold", "VERB", "conj", 2), ("talks", "talk", "NOUN", "dobj", 7),
            (".", ".", "PUNCT", "punct", 2)]
    return make_doc(rows, ENTS, {3: ["person/x"]})


def _uneven() -> Doc:
    """Tokens with and without spaces after them, a newline token and a trailing space: what
    a mention text cut from the Doc's text must reproduce."""
    vocab = spacy.blank("en").vocab
    words = ["Talks", "(", "in", "Oslo", ")", "ended", ".", "\n", "Iran", "protested", "strongly", "!"]
    spaces = [True, False, True, False, True, False, False, False, True, True, False, True]
    heads = [5, 0, 0, 2, 0, 5, 5, 6, 9, 9, 9, 9]
    deps = ["nsubj", "punct", "prep", "pobj", "punct", "ROOT", "punct", "dep", "nsubj", "ROOT", "advmod", "punct"]
    pos = ["NOUN", "PUNCT", "ADP", "PROPN", "PUNCT", "VERB", "PUNCT", "SPACE", "PROPN", "VERB", "ADV", "PUNCT"]
    lemmas = ["talk", "(", "in", "Oslo", ")", "end", ".", "\n", "Iran", "protest", "strongly", "!"]
    sent_starts = [True] + [False] * 7 + [True] + [False] * 3
    return Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               sent_starts=sent_starts)


def test_sentence_of_a_token_is_spacys_inside_a_scope_and_per_document():
    a, b = _signed(), _met()
    expected = {id(d): [(t.sent.start, t.sent.end) for t in d] for d in (a, b)}
    for doc in (a, b, a):  # two different Docs in a row each get their own sentences
        with memo.scope(doc):
            assert [(memo.sent_of(t).start, memo.sent_of(t).end) for t in doc] == expected[id(doc)]
    assert memo.sent_of(a[9]).start == 9  # outside a scope: spaCy's own answer


def test_mention_texts_cut_from_the_doc_text_equal_the_span_texts():
    for doc in (_uneven(), _signed(), _met()):
        for tok in doc:
            for is_noun in (True, False):
                c = EventCandidate(token=tok.i, cameo_code="010", row_code="010",
                                   row_pos="NOUN" if is_noun else "VERB", weight=0.7, lemma=tok.lemma_, trigger=tok.text)
                with memo.scope(doc):
                    _set_mention(c, doc)
                start, end = anchor_span(tok, is_noun)
                assert c.anchor == doc[start:end].text
                assert c.sentence == tok.sent.text.strip() and c.sentence_start == tok.sent.start
                assert (c.begin, c.end) == (doc[start:end].start_char, doc[start:end].end_char)


def test_trigger_candidates_are_the_matches_of_every_token():
    lex = load_lexicon()
    for doc in (_signed(), _met(), _uneven()):
        ctx = EventContext(doc=doc, lexicon=lex)
        with memo.scope(doc):
            trigger_candidates(ctx)
        every = [t.i for t in doc if (m := lex.match(t)) is not None and m.row.weight >= ctx.min_weight]
        assert [c.token for c in ctx.candidates] == every
        assert every  # the documents do state events


def test_trigger_matches_in_a_scope_equal_those_outside():
    lex = load_lexicon()
    for doc in (_signed(), _met()):
        outside = [lex.match(t) for t in doc]
        with memo.scope(doc):
            inside = [lex.match(t) for t in doc]
        assert [(m.row, m.token.i, m.object_token.i if m.object_token is not None else None) if m else None
                for m in inside] == \
            [(m.row, m.token.i, m.object_token.i if m.object_token is not None else None) if m else None
             for m in outside]


def test_phrase_refs_in_a_scope_equal_the_uncached_and_follow_new_references():
    doc = _signed()
    plain = [phrase_refs(t) for t in doc]
    with memo.scope(doc):
        assert [phrase_refs(t) for t in doc] == plain
        got = phrase_refs(doc[0])[0]
        got.append("mutated")  # a caller extending its answer changes no later answer
        assert phrase_refs(doc[0])[0] == ["country/ru", "country/cn"]
        assert phrase_refs(doc[12])[0] == []
        doc._.kg_refs[12] = ["country/fr"]  # a stage adds a reference (as the capitals rule does)
        assert phrase_refs(doc[12])[0] == ["country/fr"]
    other = _met()  # the next Doc gets its own answers
    with memo.scope(other):
        assert phrase_refs(other[3])[0] == ["person/x"] and phrase_refs(other[0])[0] == []


def test_subject_of_in_a_scope_equals_the_uncached():
    for doc in (_signed(), _met()):
        plain = [(s.i if (s := subject_of(t)) is not None else None) for t in doc]
        with memo.scope(doc):
            assert [(s.i if (s := subject_of(t)) is not None else None) for t in doc] == plain
            assert [(s.i if (s := subject_of(t)) is not None else None) for t in doc] == plain
    assert subject_of(_met()[7]).i == 1  # "held" inherits the envoy from "met"


def _ctx_with(doc: Doc, n: int) -> EventContext:
    ctx = EventContext(doc=doc, lexicon=load_lexicon())
    ctx.candidates = [EventCandidate(token=i, cameo_code="010", row_code="010", row_pos="VERB", weight=0.7,
                                     lemma="x", trigger="x") for i in range(n)]
    return ctx


def test_a_rule_stage_suppresses_what_its_rule_removed_even_if_it_added_as_many():
    def swap(doc, events):  # removes the second, appends a stranger: same length, not the same list
        events[1:2] = []
        events.append(EventCandidate(token=9, cameo_code="010", row_code="010", row_pos="VERB", weight=0.7,
                                     lemma="y", trigger="y"))

    def keep(doc, events):
        events.sort(key=lambda c: c.token)

    run_swap, run_keep = rule_stage("kg.test.s17.swap.v1", swap), rule_stage("kg.test.s17.keep.v1", keep)
    ctx = _ctx_with(_met(), 3)
    run_keep(ctx)
    assert [c.suppressed for c in ctx.candidates] == [False, False, False]
    run_swap(ctx)
    assert [c.suppressed for c in ctx.candidates] == [False, True, False]


@pytest.mark.parametrize("text", [
    "The delegations met again two days later and, the following morning, signed.",
    "Five weeks before, the envoy had left; that same evening the talks resumed.",
    "That night the border closed; the day after the vote it reopened; the previous year was calm.",
    "The accord of 2015-7-14 was signed in Vienna; on 2021-03-04 it lapsed.",
    "In 1999 and again during 2003 the states quarrelled; by 2020 they were allies.",
    "Signed 1999-12 and 20-3-2 are no dates; 12-1-2 neither; in 1499 nobody came.",
    "THE NEXT DAY THE MINISTERS MET; THREE DAYS\tLATER THEY PARTED.",
    "The talks ended later that afternoon — and “the day before” nobody knew.",
    "Die Gespräche endeten zwei Tage später; two days later in Zürich they resumed.",
    "Nothing here about days, weeks or years; just that and the same.",
    "A few days ago, on the eve of the vote, and eleven years ago; The Eve Of talks; weeks  ago.",
    "Several months\nago the envoys met; on the eve of\tthe summit they quarrelled; the evening of the eve.",
])
def test_the_time_scan_skips_only_patterns_whose_probe_cannot_match(text):
    from kg.nlp import timex  # noqa: PLC0415

    assert [(f.start, f.end, f.kind) for f in timex._scan(text)] == full_timex_scan(text)


def test_every_time_pattern_has_a_probe_slot():
    from kg.nlp import timex  # noqa: PLC0415

    assert len(timex._probes()) == len(timex._patterns())
    assert sum(p is not None for p in timex._probes()) == 5


@pytest.mark.parametrize("text", [
    "On Monday, 3 March 2021 the envoys met; by mid-May and in late  June they had not.",
    "Next Tuesday's session and last Friday evening; this morning, earlier today, the day before yesterday.",
    "Talks on Sept. 9 and Jan 5, 2024 (Saturday, 12th-14th of May) followed the 2000-01-02 accord.",
    "xMonday inMay theday Mays: words that only contain the names start no expression; 12May neither.",
    "During 2020,\nin\tearly June and since 1999 the border stayed shut; later this year it may open.",
    "IN MAY THE TALKS RESUMED; NEXT WEEK THEY END; FIVE DAYS LATER THEY MEET AGAIN.",
    "Am Montag, the Zürich round — on Monday, 4 May — and “later this week” nothing more.",
])
def test_the_time_scan_tries_patterns_only_where_they_can_begin(text):
    from kg.nlp import timex  # noqa: PLC0415

    assert [(f.start, f.end, f.kind) for f in timex._scan(text)] == full_timex_scan(text)


def test_the_time_scan_equals_the_full_scan_on_shuffled_date_words():
    import random  # noqa: PLC0415

    from kg.nlp import timex  # noqa: PLC0415

    words = ("Monday Tuesday mid-May late May early-June in May of June last Monday's evening next week later "
             "this year this morning the day before yesterday earlier today 12th-14th of May, 2024 Jan. 5 Sept 9 "
             "Saturday, 3 March 2021 in 1999 during 2020 by 1600 from 2000-01-02 two days later that same night "
             "xMay inMay theday Mays").split(" ")
    rng = random.Random(17)
    for _ in range(400):
        text = rng.choice([" ", "\n", ", ", "-"]).join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        assert [(f.start, f.end, f.kind) for f in timex._scan(text)] == full_timex_scan(text), text


def _clauses() -> Doc:
    # The talks that began in May and the deal signed on Monday ended , and Iran said it would leave .
    rows = [("The", "the", "DET", "det", 1), ("talks", "talk", "NOUN", "nsubj", 12), ("that", "that", "PRON", "nsubj", 3),
            ("began", "begin", "VERB", "relcl", 1), ("in", "in", "ADP", "prep", 3), ("May", "May", "PROPN", "pobj", 4),
            ("and", "and", "CCONJ", "cc", 1), ("the", "the", "DET", "det", 8), ("deal", "deal", "NOUN", "conj", 1),
            ("signed", "sign", "VERB", "acl", 8), ("on", "on", "ADP", "prep", 9), ("Monday", "Monday", "PROPN", "pobj", 10),
            ("ended", "end", "VERB", "ROOT", 12), (",", ",", "PUNCT", "punct", 12), ("and", "and", "CCONJ", "cc", 12),
            ("Iran", "Iran", "PROPN", "nsubj", 16), ("said", "say", "VERB", "conj", 12), ("it", "it", "PRON", "nsubj", 19),
            ("would", "would", "AUX", "aux", 19), ("leave", "leave", "VERB", "ccomp", 16), (".", ".", "PUNCT", "punct", 12)]
    tags = ["DT", "NNS", "WDT", "VBD", "IN", "NNP", "CC", "DT", "NN", "VBN", "IN", "NNP", "VBD", ",", "CC", "NNP", "VBD",
            "PRP", "MD", "VB", "."]
    return make_doc(rows, ENTS, {15: ["country/ru"]}, tags=tags)


def test_membership_of_the_clause_local_subtree_walked_up_equals_the_subtree():
    from kg.nlp.timex import _in_local, _local_subtree  # noqa: PLC0415

    for doc in (_clauses(), _signed(), _met(), _uneven()):
        for root in doc:
            for noun in (True, False):
                local = _local_subtree(root, noun)
                assert {t.i for t in doc if _in_local(t, root, noun)} == local
    doc = _clauses()
    assert 5 in _local_subtree(doc[1], True) and 5 not in _local_subtree(doc[1], False)  # "talks that began in May"
    assert 11 in _local_subtree(doc[8], True) and 11 not in _local_subtree(doc[12], False)  # "the deal signed on Monday"
