"""The event-level passes of kg/nlp/types.py, each on hand-built Docs (no model load)."""
from __future__ import annotations

from docbuilder import make_doc

from kg.nlp import types as T
from kg.nlp.candidate import EventCandidate


def _ev(tok: int, code: str, fact: str = "Actual", noun: bool = False, sources=(), targets=(),
        time=None) -> EventCandidate:
    return EventCandidate(token=tok, cameo_code=code, row_code=code, row_pos="NOUN" if noun else "VERB", weight=1.0,
                          lemma="", factuality=fact, sources=list(sources), targets=list(targets),
                          actors=list(sources) + list(targets), time=time)


def test_motive_adjunct_is_dropped():
    # France recalled its ambassador in protest
    doc = make_doc([("France", "France", "PROPN", "nsubj", 1), ("recalled", "recall", "VERB", "ROOT", 1),
                    ("its", "its", "PRON", "poss", 3), ("ambassador", "ambassador", "NOUN", "dobj", 1),
                    ("in", "in", "ADP", "prep", 1), ("protest", "protest", "NOUN", "pobj", 4)])
    events = [_ev(1, "161", sources=["fr"]), _ev(5, "141", noun=True, sources=["fr"])]
    T.drop_motive_adjuncts(doc, events)
    assert [e.cameo_code for e in events] == ["161"]


def test_background_event_in_a_time_phrase_is_dropped():
    # Two years after the invasion Kenya met Uganda
    doc = make_doc([("Two", "two", "NUM", "nummod", 1), ("years", "year", "NOUN", "npadvmod", 2),
                    ("after", "after", "ADP", "prep", 6), ("the", "the", "DET", "det", 4),
                    ("invasion", "invasion", "NOUN", "pobj", 2), ("Kenya", "Kenya", "PROPN", "nsubj", 6),
                    ("met", "meet", "VERB", "ROOT", 6), ("Uganda", "Uganda", "PROPN", "dobj", 6)])
    events = [_ev(4, "192", noun=True, sources=["x"]), _ev(6, "040", sources=["ke"], targets=["ug"])]
    T.drop_background_events(doc, events)
    assert [e.cameo_code for e in events] == ["040"]


def test_an_event_after_a_plain_after_stays():
    # Kenya met Uganda after the talks: no time distance, the talks are news
    doc = make_doc([("Kenya", "Kenya", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1),
                    ("Uganda", "Uganda", "PROPN", "dobj", 1), ("after", "after", "ADP", "prep", 1),
                    ("the", "the", "DET", "det", 5), ("talks", "talk", "NOUN", "pobj", 3)])
    events = [_ev(1, "040"), _ev(5, "046", noun=True)]
    T.drop_background_events(doc, events)
    assert len(events) == 2


def test_stopped_boycott_is_a_yielding():
    # India halted its boycott
    doc = make_doc([("India", "India", "PROPN", "nsubj", 1), ("halted", "halt", "VERB", "ROOT", 1),
                    ("its", "its", "PRON", "poss", 3), ("boycott", "boycott", "NOUN", "dobj", 1)])
    events = [_ev(3, "143", "Negated", noun=True, sources=["in"])]
    T.recode_cessations(doc, events)
    assert events[0].cameo_code.startswith("08") and events[0].factuality == "Actual"


def test_suspended_talks_reduce_relations():
    doc = make_doc([("Japan", "Japan", "PROPN", "nsubj", 1), ("suspended", "suspend", "VERB", "ROOT", 1),
                    ("its", "its", "PRON", "poss", 3), ("negotiations", "negotiation", "NOUN", "dobj", 1)])
    events = [_ev(3, "046", noun=True, sources=["jp"])]
    T.recode_cessations(doc, events)
    assert events[0].cameo_code == "164"


def test_appeal_content_is_dropped_but_a_new_clause_stays():
    # Germany urged the junta to stop bombing villages and Iran condemned it
    rows = [("Germany", "Germany", "PROPN", "nsubj", 1), ("urged", "urge", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("junta", "junta", "NOUN", "dobj", 1),
            ("to", "to", "PART", "aux", 5), ("stop", "stop", "VERB", "xcomp", 1),
            ("bombing", "bomb", "VERB", "xcomp", 5), ("villages", "village", "NOUN", "dobj", 6),
            ("and", "and", "CCONJ", "cc", 1), ("Iran", "Iran", "PROPN", "nsubj", 10),
            ("condemned", "condemn", "VERB", "conj", 1), ("it", "it", "PRON", "dobj", 10)]
    doc = make_doc(rows)
    events = [_ev(1, "020", sources=["de"]), _ev(6, "183", sources=["de"]), _ev(10, "111", sources=["ir"])]
    T.drop_appeal_contents(doc, events)
    assert [e.cameo_code for e in events] == ["020", "111"]


def test_invitation_is_a_planned_visit_of_the_invitee():
    doc = make_doc([("Xi", "Xi", "PROPN", "nsubj", 1), ("invited", "invite", "VERB", "ROOT", 1),
                    ("Lula", "Lula", "PROPN", "dobj", 1), ("to", "to", "PART", "aux", 4),
                    ("visit", "visit", "VERB", "xcomp", 1), ("Shanghai", "Shanghai", "PROPN", "dobj", 4)])
    events = [_ev(1, "036", sources=["xi"], targets=["lula"])]
    T.planned_invitations(doc, events)
    assert events[0].factuality == "Planned" and events[0].sources == ["lula"] and events[0].targets == ["xi"]


def test_announced_treaty_exit_is_no_threat():
    # Canada will withdraw from the treaty
    doc = make_doc([("Canada", "Canada", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2),
                    ("withdraw", "withdraw", "VERB", "ROOT", 2), ("from", "from", "ADP", "prep", 2),
                    ("the", "the", "DET", "det", 5), ("treaty", "treaty", "NOUN", "pobj", 3)],
                   tags=["NNP", "MD", "VB", "IN", "DT", "NN"])
    events = [_ev(2, "131", "Planned", sources=["ca"])]
    T.threats_and_announcements(doc, events)
    assert events[0].cameo_code.startswith("16")


def test_promised_attack_is_a_threat():
    # Iran promised to attack Israel
    doc = make_doc([("Iran", "Iran", "PROPN", "nsubj", 1), ("promised", "promise", "VERB", "ROOT", 1),
                    ("to", "to", "PART", "aux", 3), ("attack", "attack", "VERB", "xcomp", 1),
                    ("Israel", "Israel", "PROPN", "dobj", 3)], tags=["NNP", "VBD", "TO", "VB", "NNP"])
    events = [_ev(3, "190", "Planned", sources=["ir"], targets=["il"])]
    T.threats_and_announcements(doc, events)
    assert events[0].cameo_code.startswith("13")


def test_future_dated_event_is_planned_and_a_past_one_stays():
    rows = [("Talks", "talk", "NOUN", "nsubj", 1), ("begin", "begin", "VERB", "ROOT", 1),
            ("on", "on", "ADP", "prep", 1), ("Friday", "Friday", "PROPN", "pobj", 2)]
    doc = make_doc(rows, published="2024-05-15", tags=["NNS", "VBP", "IN", "NNP"])
    events = [_ev(0, "046", noun=True, time={"value": "2024-05-17"})]
    T.future_dated_events(doc, events)
    assert events[0].factuality == "Planned"
    past = make_doc([("Talks", "talk", "NOUN", "nsubj", 1), ("began", "begin", "VERB", "ROOT", 1)],
                    published="2024-05-15", tags=["NNS", "VBD"])
    events = [_ev(0, "046", noun=True, time={"value": "2024-05-17"})]
    T.future_dated_events(past, events)
    assert events[0].factuality == "Actual"


def test_every_pass_has_the_stage_signature():
    import inspect

    for rule in T.PASSES:
        assert list(inspect.signature(rule).parameters) == ["doc", "events"], rule.__name__


def test_topic_of_talks_is_dropped():
    # Chad held talks on the ceasefire
    doc = make_doc([("Chad", "Chad", "PROPN", "nsubj", 1), ("held", "hold", "VERB", "ROOT", 1),
                    ("talks", "talk", "NOUN", "dobj", 1), ("on", "on", "ADP", "prep", 2),
                    ("the", "the", "DET", "det", 5), ("ceasefire", "ceasefire", "NOUN", "pobj", 3)])
    events = [_ev(1, "046", sources=["td"]), _ev(5, "0871", "Possible", noun=True)]
    T.drop_talk_topics(doc, events)
    assert [e.cameo_code for e in events] == ["046"]
