"""Whom an event is aimed at when the clause does not say it with an object.

Hand-built parses (no model) of sentences written for these tests: the
territory an act commits to, refuses or threatens; light verbs that carry
the event noun's target; protests that take the target of the demand they
press; recipients inside the object; owners one modifier further out.
"""
from __future__ import annotations

import pytest

from docbuilder import make_doc
from kg.nlp.events import extract_events
from kg.nlp.triggers import Lexicon, TriggerRow

pytestmark = pytest.mark.usefixtures("neutral_factuality")  # factuality and time have their own tests

LEX = Lexicon([
    TriggerRow("130", "VERB", "threaten", weight=0.8),
    TriggerRow("120", "VERB", "refuse", weight=0.8),
    TriggerRow("111", "VERB", "condemn", weight=0.9),
    TriggerRow("100", "NOUN", "demand", weight=0.8),
    TriggerRow("120", "VERB", "reject", weight=0.8),
    TriggerRow("030", "VERB", "agree", weight=0.6),
    TriggerRow("044", "NOUN", "meeting", weight=0.8),
    TriggerRow("190", "NOUN", "attack", weight=0.8),
    TriggerRow("190", "VERB", "kill", weight=0.8),
    TriggerRow("141", "NOUN", "protest", weight=0.8),
    TriggerRow("141", "VERB", "protest", weight=0.8),
    TriggerRow("143", "NOUN", "strike", weight=0.8),
    TriggerRow("100", "VERB", "demand", weight=0.8),
    TriggerRow("020", "VERB", "call", prep="for", weight=0.7),
])

ENTS = {
    "country/arland": {"kind": "Country", "label": "Arland"},
    "country/borduria": {"kind": "Country", "label": "Borduria"},
    "place/arcity": {"kind": "City", "label": "Arcity", "actor_key": "country/arland", "located_in": "country/arland"},
    "place/oslo": {"kind": "City", "label": "Oslo", "located_in": "country/norway"},
    "person/bo-lee": {"kind": "Person", "label": "Bo Lee", "member_of": "country/borduria"},
    "group/students": {"kind": "Group", "label": "students"},
    "group/troops": {"kind": "Group", "label": "troops"},
}
WORDS = {"Arland": "country/arland", "Borduria": "country/borduria", "Arcity": "place/arcity",
         "Oslo": "place/oslo", "Lee": "person/bo-lee", "Students": "group/students",
         "soldiers": "group/troops"}


def events(spec: str) -> list[dict]:
    """spec: space-separated 'word/lemma/POS/dep/head' tokens, head an absolute index."""
    rows = []
    for t in spec.split():
        word, lemma, pos, dep, head = t.split("/")
        rows.append((word, lemma, pos, dep, int(head)))
    refs = {i: [WORDS[r[0]]] for i, r in enumerate(rows) if r[0] in WORDS}
    return extract_events(make_doc(rows, ENTS, refs), LEX)


def one(evs: list[dict], code: str) -> dict:
    found = [e for e in evs if e["cameo_code"] == code]
    assert len(found) == 1, [(e["cameo_code"], e["actors"]) for e in evs]
    return found[0]


# ------------------------------------------------------------ the territory an act is aimed at
def test_threat_is_aimed_at_the_territory_of_its_complement():
    evs = events("Arland/Arland/PROPN/nsubj/1 threatened/threaten/VERB/ROOT/1 to/to/PART/aux/3 "
                 "resume/resume/VERB/xcomp/1 attacks/attack/NOUN/dobj/3 in/in/ADP/prep/3 Borduria/Borduria/PROPN/pobj/5")
    ev = one(evs, "130")
    assert ev["sources"] == ["country/arland"] and ev["targets"] == ["country/borduria"]
    assert ev["place"] is None  # where the threat was made is not where the attacks would be


def test_refusal_skips_an_unaffiliated_group_it_would_send():
    evs = events("Arland/Arland/PROPN/nsubj/1 refused/refuse/VERB/ROOT/1 to/to/PART/aux/3 "
                 "deploy/deploy/VERB/xcomp/1 soldiers/soldier/NOUN/dobj/3 in/in/ADP/prep/3 Borduria/Borduria/PROPN/pobj/5")
    assert one(evs, "120")["targets"] == ["country/borduria"]


def test_rejection_finds_the_territory_under_its_object():
    # "Arland rejected a plan for soldiers to be stationed in Borduria"
    evs = events("Arland/Arland/PROPN/nsubj/1 rejected/reject/VERB/ROOT/1 a/a/DET/det/3 plan/plan/NOUN/dobj/1 "
                 "for/for/ADP/mark/8 soldiers/soldier/NOUN/nsubjpass/8 to/to/PART/aux/8 be/be/AUX/auxpass/8 "
                 "stationed/station/VERB/acl/3 in/in/ADP/prep/8 Borduria/Borduria/PROPN/pobj/9")
    assert one(evs, "120")["targets"] == ["country/borduria"]


def test_an_act_in_the_actors_own_territory_has_no_target():
    evs = events("Arland/Arland/PROPN/nsubj/1 threatened/threaten/VERB/ROOT/1 to/to/PART/aux/3 "
                 "resume/resume/VERB/xcomp/1 attacks/attack/NOUN/dobj/3 in/in/ADP/prep/3 Arcity/Arcity/PROPN/pobj/5")
    assert one(evs, "130")["targets"] == []


def test_commitment_is_aimed_at_the_territory_but_a_meeting_venue_is_not():
    evs = events("Arland/Arland/PROPN/nsubj/1 agreed/agree/VERB/ROOT/1 to/to/PART/aux/3 open/open/VERB/xcomp/1 "
                 "an/an/DET/det/5 office/office/NOUN/dobj/3 in/in/ADP/prep/3 Borduria/Borduria/PROPN/pobj/6")
    assert one(evs, "030")["targets"] == ["country/borduria"]
    evs = events("Arland/Arland/PROPN/nsubj/1 held/hold/VERB/ROOT/1 a/a/DET/det/3 meeting/meeting/NOUN/dobj/1 "
                 "in/in/ADP/prep/1 Oslo/Oslo/PROPN/pobj/4")
    ev = one(evs, "044")
    assert ev["place"] == "place/oslo" and ev["targets"] == []


# ------------------------------------------------------------ light verbs and purpose clauses
def test_light_verb_carries_the_target_of_its_event_noun():
    evs = events("Students/student/NOUN/nsubj/1 staged/stage/VERB/ROOT/1 a/a/DET/det/3 protest/protest/NOUN/dobj/1 "
                 "against/against/ADP/prep/1 Borduria/Borduria/PROPN/pobj/4")
    ev = one(evs, "141")
    assert ev["sources"] == ["group/students"] and ev["targets"] == ["country/borduria"]


def test_protest_takes_the_target_of_the_demand_it_presses():
    # "Students held protests to demand reforms from Bo Lee"
    evs = events("Students/student/NOUN/nsubj/1 held/hold/VERB/ROOT/1 protests/protest/NOUN/dobj/1 "
                 "to/to/PART/aux/4 demand/demand/VERB/advcl/1 reforms/reform/NOUN/dobj/4 from/from/ADP/prep/5 "
                 "Bo/Bo/PROPN/compound/8 Lee/Lee/PROPN/pobj/6")
    assert one(evs, "100")["targets"] == ["person/bo-lee"]  # "demand X from Y": Y is asked
    assert one(evs, "141")["targets"] == ["person/bo-lee"]


def test_strike_takes_the_target_of_a_participial_demand():
    # "Students staged a strike demanding reforms from Bo Lee"
    evs = events("Students/student/NOUN/nsubj/1 staged/stage/VERB/ROOT/1 a/a/DET/det/3 strike/strike/NOUN/dobj/1 "
                 "demanding/demand/VERB/advcl/1 reforms/reform/NOUN/dobj/4 from/from/ADP/prep/5 "
                 "Bo/Bo/PROPN/compound/8 Lee/Lee/PROPN/pobj/6")
    assert one(evs, "143")["targets"] == ["person/bo-lee"]


def test_purpose_target_replaces_the_territory_where_a_protest_happened():
    # "Students protested in Oslo calling for sanctions against Arland"
    evs = events("Students/student/NOUN/nsubj/1 protested/protest/VERB/ROOT/1 in/in/ADP/prep/1 Oslo/Oslo/PROPN/pobj/2 "
                 "calling/call/VERB/advcl/1 for/for/ADP/prep/4 sanctions/sanction/NOUN/pobj/5 "
                 "against/against/ADP/prep/6 Arland/Arland/PROPN/pobj/7")
    ev = one(evs, "141")
    assert ev["targets"] == ["country/arland"] and "country/norway" not in ev["actors"]
    assert ev["place"] == "place/oslo"


def test_a_demand_by_someone_else_lends_no_target():
    # "Students protested while Arland demanded reforms from Bo Lee": another actor's demand
    evs = events("Students/student/NOUN/nsubj/1 protested/protest/VERB/ROOT/1 while/while/SCONJ/mark/4 "
                 "Arland/Arland/PROPN/nsubj/4 demanded/demand/VERB/advcl/1 reforms/reform/NOUN/dobj/4 "
                 "from/from/ADP/prep/5 Bo/Bo/PROPN/compound/8 Lee/Lee/PROPN/pobj/6")
    assert one(evs, "141")["targets"] == []


# ------------------------------------------------------------ owners of attack nouns
def test_owner_one_modifier_out_is_the_attacker():
    # "Arland drone attacks killed soldiers"
    evs = events("Arland/Arland/PROPN/compound/1 drone/drone/NOUN/compound/2 attacks/attack/NOUN/nsubj/3 "
                 "killed/kill/VERB/ROOT/3 soldiers/soldier/NOUN/dobj/3")
    assert all(e["sources"] == ["country/arland"] for e in evs) and evs


def test_lone_modifier_of_a_force_noun_is_its_agent_but_not_of_a_meeting():
    evs = events("Arland/Arland/ADJ/amod/1 attacks/attack/NOUN/nsubj/2 continued/continue/VERB/ROOT/2")
    assert one(evs, "190")["sources"] == ["country/arland"]
    evs = events("the/the/DET/det/2 Arland/Arland/PROPN/compound/2 meeting/meeting/NOUN/nsubj/3 ended/end/VERB/ROOT/3")
    assert one(evs, "044")["sources"] == []


# ------------------------------------------------------------ judging an act names its agent
def test_condemnation_of_a_named_act_targets_its_agent():
    # "Arland condemned as a crime Borduria's attack": the act hangs off 'as a crime'
    evs = events("Arland/Arland/PROPN/nsubj/1 condemned/condemn/VERB/ROOT/1 as/as/ADP/prep/1 a/a/DET/det/4 "
                 "crime/crime/NOUN/pobj/2 Borduria/Borduria/PROPN/poss/7 's/'s/PART/case/5 attack/attack/NOUN/appos/4")
    assert one(evs, "111")["targets"] == ["country/borduria"]


def test_refusal_to_answer_a_demand_targets_who_demanded():
    # "Arland refused to respond to a demand from Borduria"
    evs = events("Arland/Arland/PROPN/nsubj/1 refused/refuse/VERB/ROOT/1 to/to/PART/aux/3 respond/respond/VERB/xcomp/1 "
                 "to/to/ADP/prep/3 a/a/DET/det/6 demand/demand/NOUN/pobj/4 from/from/ADP/prep/6 "
                 "Borduria/Borduria/PROPN/pobj/7")
    assert one(evs, "120")["targets"] == ["country/borduria"]


def test_an_act_by_the_same_agent_lends_no_target():
    # "Arland condemned as a crime its own attack" (no other agent named)
    evs = events("Arland/Arland/PROPN/nsubj/1 condemned/condemn/VERB/ROOT/1 as/as/ADP/prep/1 a/a/DET/det/4 "
                 "crime/crime/NOUN/pobj/2 Arland/Arland/PROPN/poss/7 's/'s/PART/case/5 attack/attack/NOUN/appos/4")
    assert one(evs, "111")["targets"] == []


def test_strike_in_protest_takes_the_protests_target():
    # "Students staged a strike in protest against Borduria"
    evs = events("Students/student/NOUN/nsubj/1 staged/stage/VERB/ROOT/1 a/a/DET/det/3 strike/strike/NOUN/dobj/1 "
                 "in/in/ADP/prep/3 protest/protest/NOUN/pobj/4 against/against/ADP/prep/5 Borduria/Borduria/PROPN/pobj/6")
    assert one(evs, "143")["targets"] == ["country/borduria"]


# ------------------------------------------------------------ appeals are addressed to who answers them
def test_demand_noun_is_addressed_to_the_subject_that_answers_it():
    # "Arland ignored a demand from Borduria"
    evs = events("Arland/Arland/PROPN/nsubj/1 ignored/ignore/VERB/ROOT/1 a/a/DET/det/3 demand/demand/NOUN/dobj/1 "
                 "from/from/ADP/prep/3 Borduria/Borduria/PROPN/pobj/4")
    ev = one(evs, "100")
    assert ev["sources"] == ["country/borduria"] and ev["targets"] == ["country/arland"]


def test_demand_made_by_the_clause_subject_has_no_addressee():
    # "Arland repeated its demand": the author answers nobody
    evs = events("Arland/Arland/PROPN/nsubj/1 repeated/repeat/VERB/ROOT/1 its/its/PRON/poss/3 demand/demand/NOUN/dobj/1")
    ev = one(evs, "100")
    assert ev["targets"] == []
