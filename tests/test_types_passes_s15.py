"""The type passes added for issue 10 (kg/nlp/types.py), each on hand-built Docs (no model load)."""
from __future__ import annotations

from docbuilder import make_doc

from kg.nlp import types as T
from kg.nlp.candidate import EventCandidate


def _ev(tok: int, code: str, fact: str = "Actual", noun: bool = False, sources=(), targets=()) -> EventCandidate:
    return EventCandidate(token=tok, cameo_code=code, row_code=code, row_pos="NOUN" if noun else "VERB", weight=1.0,
                          lemma="", factuality=fact, sources=list(sources), targets=list(targets),
                          actors=list(sources) + list(targets))


def test_weekly_march_is_a_habit():
    # Police detained women after their weekly march
    doc = make_doc([("Police", "police", "NOUN", "nsubj", 1), ("detained", "detain", "VERB", "ROOT", 1),
                    ("women", "woman", "NOUN", "dobj", 1), ("after", "after", "ADP", "prep", 1),
                    ("their", "their", "PRON", "poss", 6), ("weekly", "weekly", "ADJ", "amod", 6),
                    ("march", "march", "NOUN", "pobj", 3)])
    events = [_ev(1, "173", sources=["p"]), _ev(6, "141", noun=True, sources=["p"])]
    T.drop_generic_mentions(doc, events)
    assert [e.cameo_code for e in events] == ["173"]


def test_bare_event_noun_subject_of_a_copula_is_a_kind():
    # Aid is not charity
    doc = make_doc([("Aid", "aid", "NOUN", "nsubj", 1), ("is", "be", "AUX", "ROOT", 1),
                    ("not", "not", "PART", "neg", 1), ("charity", "charity", "NOUN", "attr", 1)])
    events = [_ev(0, "070", noun=True, sources=["us"])]
    T.drop_generic_mentions(doc, events)
    assert events == []


def test_the_aid_with_a_determiner_stays():
    doc = make_doc([("The", "the", "DET", "det", 1), ("aid", "aid", "NOUN", "nsubj", 2), ("was", "be", "AUX", "ROOT", 2),
                    ("generous", "generous", "ADJ", "acomp", 2)])
    events = [_ev(1, "070", noun=True, sources=["us"])]
    T.drop_generic_mentions(doc, events)
    assert len(events) == 1


def test_insisting_on_a_fact_is_dropped_and_on_an_act_stays():
    # Iran insisted that it was peaceful / Iran insisted that Israel withdraw
    fact = make_doc([("Iran", "Iran", "PROPN", "nsubj", 1), ("insisted", "insist", "VERB", "ROOT", 1),
                     ("that", "that", "SCONJ", "mark", 4), ("it", "it", "PRON", "nsubj", 4),
                     ("was", "be", "AUX", "ccomp", 1), ("peaceful", "peaceful", "ADJ", "acomp", 4)])
    events = [_ev(1, "100", sources=["ir"])]
    T.drop_assertions(fact, events)
    assert events == []
    act = make_doc([("Iran", "Iran", "PROPN", "nsubj", 1), ("insisted", "insist", "VERB", "ROOT", 1),
                    ("that", "that", "SCONJ", "mark", 4), ("Israel", "Israel", "PROPN", "nsubj", 4),
                    ("withdraw", "withdraw", "VERB", "ccomp", 1)], tags=["NNP", "VBD", "IN", "NNP", "VBP"])
    events = [_ev(1, "100", sources=["ir"]), _ev(4, "0874", sources=["il"])]
    T.drop_assertions(act, events)
    assert [e.cameo_code for e in events] == ["100", "0874"]


def _hesitate(order_code: str, order_lemma: str, tense_tag: str = "MD"):
    # Seoul would not hesitate to <order_lemma> strikes
    words = [("Seoul", "Seoul", "PROPN", "nsubj", 3), ("would", "would", "AUX", "aux", 3),
             ("not", "not", "PART", "neg", 3), ("hesitate", "hesitate", "VERB", "ROOT", 3),
             ("to", "to", "PART", "aux", 5), (order_lemma, order_lemma, "VERB", "xcomp", 3),
             ("strikes", "strike", "NOUN", "dobj", 5)]
    doc = make_doc(words, tags=["NNP", tense_tag, "RB", "VB", "TO", "VB", "NNS"])
    return doc, [_ev(5, order_code, "Negated", sources=["kr"])]


def test_not_hesitating_to_strike_is_a_threat():
    doc, events = _hesitate("190", "launch")
    T.litotic_commitments(doc, events)
    assert events[0].cameo_code.startswith("13") and events[0].factuality == "Actual"


def test_not_hesitating_to_help_is_a_planned_intent():
    doc, events = _hesitate("070", "help")
    T.litotic_commitments(doc, events)
    assert events[0].cameo_code.startswith("03") and events[0].factuality == "Planned"


def test_advice_warning_criticises_whoever_it_names():
    # Japan warned that allies should trust Russia   (refs: Japan, Russia)
    doc = make_doc([("Japan", "Japan", "PROPN", "nsubj", 1), ("warned", "warn", "VERB", "ROOT", 1),
                    ("that", "that", "SCONJ", "mark", 5), ("allies", "ally", "NOUN", "nsubj", 5),
                    ("should", "should", "AUX", "aux", 5), ("trust", "trust", "VERB", "ccomp", 1),
                    ("Russia", "Russia", "PROPN", "dobj", 5)],
                   entities={"jp": {"kind": "Country"}, "ru": {"kind": "Country"}}, refs={0: ["jp"], 6: ["ru"]})
    events = [_ev(1, "130", sources=["jp"])]
    T.cautions_are_criticisms(doc, events)
    assert events[0].cameo_code == "111" and events[0].targets == ["ru"]


def test_threatening_warning_stays_a_threat():
    # Japan warned that Russia would pay
    doc = make_doc([("Japan", "Japan", "PROPN", "nsubj", 1), ("warned", "warn", "VERB", "ROOT", 1),
                    ("that", "that", "SCONJ", "mark", 5), ("Russia", "Russia", "PROPN", "nsubj", 5),
                    ("would", "would", "AUX", "aux", 5), ("pay", "pay", "VERB", "ccomp", 1)])
    events = [_ev(1, "130", sources=["jp"])]
    T.cautions_are_criticisms(doc, events)
    assert events[0].cameo_code == "130"


def test_accepted_invitation_is_the_visit():
    # Qin accepted an invitation to visit Washington
    doc = make_doc([("Qin", "Qin", "PROPN", "nsubj", 1), ("accepted", "accept", "VERB", "ROOT", 1),
                    ("an", "an", "DET", "det", 3), ("invitation", "invitation", "NOUN", "dobj", 1),
                    ("to", "to", "PART", "aux", 5), ("visit", "visit", "VERB", "acl", 3),
                    ("Washington", "Washington", "PROPN", "dobj", 5)])
    events = [_ev(1, "036", sources=["qin"]), _ev(5, "036", "Planned", targets=["us"])]
    T.accepted_invitations(doc, events)
    assert len(events) == 1 and events[0].token == 5 and events[0].sources == ["qin"]


def test_aim_of_a_meeting_is_dropped():
    # Kenya met Uganda in an attempt to defuse the crisis
    doc = make_doc([("Kenya", "Kenya", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1),
                    ("Uganda", "Uganda", "PROPN", "dobj", 1), ("in", "in", "ADP", "prep", 1),
                    ("an", "an", "DET", "det", 5), ("attempt", "attempt", "NOUN", "pobj", 3),
                    ("to", "to", "PART", "aux", 7), ("defuse", "defuse", "VERB", "acl", 5),
                    ("the", "the", "DET", "det", 9), ("crisis", "crisis", "NOUN", "dobj", 7)])
    events = [_ev(1, "040", sources=["ke"], targets=["ug"]), _ev(7, "087", "Possible", sources=["ke"])]
    T.drop_motive_adjuncts(doc, events)
    assert [e.cameo_code for e in events] == ["040"]


def test_spell_of_fighting_before_a_capture_is_background():
    # Troops captured the town after five days of fighting
    doc = make_doc([("Troops", "troop", "NOUN", "nsubj", 1), ("captured", "capture", "VERB", "ROOT", 1),
                    ("the", "the", "DET", "det", 3), ("town", "town", "NOUN", "dobj", 1),
                    ("after", "after", "ADP", "prep", 1), ("five", "five", "NUM", "nummod", 6),
                    ("days", "day", "NOUN", "pobj", 4), ("of", "of", "ADP", "prep", 6),
                    ("fighting", "fighting", "NOUN", "pobj", 7)])
    events = [_ev(1, "192", sources=["x"]), _ev(8, "190", noun=True, sources=["x"])]
    T.drop_background_events(doc, events)
    assert [e.cameo_code for e in events] == ["192"]


def test_appositive_second_object_restates_the_talks():
    # They held talks , the first contact
    doc = make_doc([("They", "they", "PRON", "nsubj", 1), ("held", "hold", "VERB", "ROOT", 1),
                    ("talks", "talk", "NOUN", "dobj", 1), (",", ",", "PUNCT", "punct", 1),
                    ("the", "the", "DET", "det", 6), ("first", "first", "ADJ", "amod", 6),
                    ("contact", "contact", "NOUN", "dobj", 1)])
    held = _ev(1, "046", sources=["a"])
    held.object_token = 2
    events = [held, _ev(6, "040", noun=True, sources=["a"])]
    T.drop_restatements(doc, events)
    assert [e.cameo_code for e in events] == ["046"]
