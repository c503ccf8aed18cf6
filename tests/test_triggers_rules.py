"""Verb readings of kg.nlp.triggers.Lexicon that depend on the complement (hand-built Docs, a toy table)."""
from __future__ import annotations

import pytest
from docbuilder import make_doc

from kg.errors import KGError
from kg.nlp.triggers import Lexicon, TriggerRow, type_words


def _lexicon() -> Lexicon:
    return Lexicon([
        TriggerRow("166", "VERB", "expel", weight=0.5),
        TriggerRow("161", "VERB", "expel", objects=frozenset({"diplomat", "ambassador", "envoy"}), weight=0.9),
        TriggerRow("174", "VERB", "expel", objects=frozenset({"citizen", "journalist"}), weight=0.8),
        TriggerRow("154", "VERB", "deploy", weight=0.6),
        TriggerRow("154", "NOUN", "mobilization", weight=0.7),
        TriggerRow("100", "VERB", "order", weight=0.35),
    ])


def _order(addressee: str, comp: str = "leave") -> list:
    # Poland ordered the <addressee> to <comp>
    return [("Poland", "Poland", "PROPN", "nsubj", 1), ("ordered", "order", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), (addressee, addressee.rstrip("s"), "NOUN", "dobj", 1),
            ("to", "to", "PART", "aux", 5), (comp, comp, "VERB", "xcomp", 1)]


@pytest.mark.parametrize("addressee,code", [("diplomats", "161"), ("ambassador", "161"), ("citizens", "174"),
                                            ("delegation", "166")])
def test_order_to_leave_reads_as_the_expel_row_of_the_addressee(addressee, code):
    doc = make_doc(_order(addressee))
    m = _lexicon().match(doc[1])
    assert m is not None and m.row.code == code and m.object_token.i == 3


def test_order_to_do_something_else_stays_the_plain_row():
    doc = make_doc(_order("ambassador", "apologize"))
    assert _lexicon().match(doc[1]).row.code == "100"


def test_command_to_own_forces_is_the_act():
    # the junta instructed its army chiefs to deploy
    rows = [("junta", "junta", "NOUN", "nsubj", 1), ("instructed", "instruct", "VERB", "ROOT", 1),
            ("its", "its", "PRON", "poss", 4), ("army", "army", "NOUN", "compound", 4),
            ("chiefs", "chief", "NOUN", "dobj", 1), ("to", "to", "PART", "aux", 6),
            ("deploy", "deploy", "VERB", "xcomp", 1)]
    m = _lexicon().match(make_doc(rows)[1])
    assert m is not None and m.row.code == "154" and m.object_token.i == 6


def test_order_of_an_act_of_force_is_the_act():
    rows = [("Putin", "Putin", "PROPN", "nsubj", 1), ("ordered", "order", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("mobilization", "mobilization", "NOUN", "dobj", 1)]
    assert _lexicon().match(make_doc(rows)[1]).row.code == "154"


@pytest.mark.parametrize("verb,lemma,pred,dep", [("called", "call", "betrayal", "oprd"),
                                                  ("labelled", "label", "tyrant", "oprd"),
                                                  ("branded", "brand", "farce", "oprd")])
def test_naming_verb_with_a_judging_predicate_denounces(verb, lemma, pred, dep):
    rows = [("Macron", "Macron", "PROPN", "nsubj", 1), (verb, lemma, "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("vote", "vote", "NOUN", "dobj", 1),
            ("a", "a", "DET", "det", 5), (pred, pred, "NOUN", dep, 1)]
    m = _lexicon().match(make_doc(rows)[1])
    assert m is not None and m.row.code == "111"


def test_naming_verb_with_a_neutral_predicate_is_no_denunciation():
    rows = [("Macron", "Macron", "PROPN", "nsubj", 1), ("called", "call", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("talks", "talk", "NOUN", "dobj", 1),
            ("productive", "productive", "ADJ", "oprd", 1)]
    assert _lexicon().match(make_doc(rows)[1]) is None


def test_help_to_develop_is_aid():
    # China will help Pakistan develop its ports
    rows = [("China", "China", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2),
            ("help", "help", "VERB", "ROOT", 2), ("Pakistan", "Pakistan", "PROPN", "nsubj", 4),
            ("develop", "develop", "VERB", "ccomp", 2), ("ports", "port", "NOUN", "dobj", 4)]
    m = _lexicon().match(make_doc(rows)[2])
    assert m is not None and m.row.code == "070"


def test_word_classes_are_read_from_data():
    assert {"order", "instruct"} <= type_words("directive_verb")
    assert "tyrant" in type_words("pejorative")
    assert type_words("no such kind") == frozenset()


def test_a_malformed_word_class_row_is_a_clear_error(monkeypatch):
    import kg.nlp.triggers as trig

    class _Files:
        def joinpath(self, name):
            return self

        def read_text(self, encoding="utf-8"):
            return "kind,word,note\ndirective_verb,,oops\n"

    trig._type_rules.cache_clear()
    monkeypatch.setattr(trig.resources, "files", lambda pkg: _Files())
    with pytest.raises(KGError, match=r"\[E260\].*type_rules.csv"):
        trig._type_rules()
    monkeypatch.undo()
    trig._type_rules.cache_clear()
