"""Event identity: one event told twice, and two events that must not become one.

Hand-built parses of sentences written for these tests (no model). Three
mechanisms, each a stage: a pledge whose object measures the pledged act
(``kg.identity.pledged_acts.v1``), a trip that names the meeting it was for
(``kg.identity.trip_meetings.v1``), and mentions ordered in time or told as
a repetition (``kg.identity.sequence.v1``).
"""
from __future__ import annotations

import pytest

from docbuilder import make_doc
from kg.nlp.events import extract_events
from kg.nlp.stages import DEFAULT_STAGES
from kg.nlp.triggers import Lexicon, TriggerRow

pytestmark = pytest.mark.usefixtures("neutral_factuality")

LEX = Lexicon([
    TriggerRow("030", "VERB", "pledge", weight=0.75),
    TriggerRow("030", "VERB", "promise", weight=0.7),
    TriggerRow("030", "VERB", "vow", weight=0.7),
    TriggerRow("030", "VERB", "offer", weight=0.7),
    TriggerRow("070", "NOUN", "aid", weight=0.8),
    TriggerRow("070", "NOUN", "assistance", weight=0.8),
    TriggerRow("070", "VERB", "send", objects=frozenset({"aid"}), weight=0.8),
    TriggerRow("042", "VERB", "travel", prep="to", weight=0.6),
    TriggerRow("042", "VERB", "fly", prep="to", weight=0.45),
    TriggerRow("042", "VERB", "visit", weight=0.85),
    TriggerRow("042", "VERB", "arrive", prep="in", weight=0.5),
    TriggerRow("040", "VERB", "meet", weight=0.6),
    TriggerRow("040", "NOUN", "meeting", weight=0.8),
    TriggerRow("046", "NOUN", "talk", weight=0.8),
    TriggerRow("046", "VERB", "hold", objects=frozenset({"talk"}), weight=0.8),
    TriggerRow("041", "NOUN", "call", weight=0.8),
    TriggerRow("041", "VERB", "phone", weight=0.8),
    TriggerRow("010", "NOUN", "speech", weight=0.5),
])
ENTS = {
    "country/arland": {"kind": "Country", "label": "Arland"},
    "country/borduria": {"kind": "Country", "label": "Borduria"},
    "person/ann-smith": {"kind": "Person", "label": "Ann Smith"},
    "person/bo-lee": {"kind": "Person", "label": "Bo Lee"},
    "place/oslo": {"kind": "City", "label": "Oslo", "located_in": "country/norway"},
    "place/arcity": {"kind": "City", "label": "Arcity", "actor_key": "country/arland", "located_in": "country/arland"},
}
WORDS = {"Arland": "country/arland", "Borduria": "country/borduria", "Ann": "person/ann-smith", "Bo": "person/bo-lee",
         "she": "person/ann-smith", "her": "person/ann-smith", "Oslo": "place/oslo", "Arcity": "place/arcity"}
AR, BD, ANN, BO = "country/arland", "country/borduria", "person/ann-smith", "person/bo-lee"


def events(spec: str, stages: list[str] | None = None) -> list[dict]:
    rows = []
    for t in spec.split():
        word, lemma, pos, dep, head = t.split("/")
        rows.append((word, lemma, pos, dep, int(head)))
    refs = {i: [WORDS[r[0]]] for i, r in enumerate(rows) if r[0] in WORDS}
    return extract_events(make_doc(rows, ENTS, refs), LEX, stages=stages)


def without(*names: str) -> list[str]:
    return [s for s in DEFAULT_STAGES if s not in names]


# -- a pledge and the act it measures are one event ---------------------------------------------------------
PLEDGES = [
    # "Arland pledged millions of dollars in aid to Borduria"
    "Arland/Arland/PROPN/nsubj/1 pledged/pledge/VERB/ROOT/1 millions/million/NOUN/dobj/1 of/of/ADP/prep/2 "
    "dollars/dollar/NOUN/pobj/3 in/in/ADP/prep/4 aid/aid/NOUN/pobj/5 to/to/ADP/prep/6 Borduria/Borduria/PROPN/pobj/7",
    # "Arland promised a package of assistance to Borduria"
    "Arland/Arland/PROPN/nsubj/1 promised/promise/VERB/ROOT/1 a/a/DET/det/3 package/package/NOUN/dobj/1 "
    "of/of/ADP/prep/3 assistance/assistance/NOUN/pobj/4 to/to/ADP/prep/5 Borduria/Borduria/PROPN/pobj/6",
    # "Arland vowed hundreds of millions in aid to Borduria"
    "Arland/Arland/PROPN/nsubj/1 vowed/vow/VERB/ROOT/1 hundreds/hundred/NOUN/dobj/1 of/of/ADP/prep/2 "
    "millions/million/NOUN/pobj/3 in/in/ADP/prep/4 aid/aid/NOUN/pobj/5 to/to/ADP/prep/6 Borduria/Borduria/PROPN/pobj/7",
    # "Arland offered a shipment of aid to Borduria"
    "Arland/Arland/PROPN/nsubj/1 offered/offer/VERB/ROOT/1 a/a/DET/det/3 shipment/shipment/NOUN/dobj/1 "
    "of/of/ADP/prep/3 aid/aid/NOUN/pobj/4 to/to/ADP/prep/5 Borduria/Borduria/PROPN/pobj/6",
    # "Arland has pledged a further tranche of assistance for Borduria"
    "Arland/Arland/PROPN/nsubj/2 has/have/AUX/aux/2 pledged/pledge/VERB/ROOT/2 a/a/DET/det/5 "
    "further/further/ADJ/amod/5 tranche/tranche/NOUN/dobj/2 of/of/ADP/prep/5 assistance/assistance/NOUN/pobj/6 "
    "for/for/ADP/prep/7 Borduria/Borduria/PROPN/pobj/8",
]


@pytest.mark.parametrize("spec", PLEDGES)
def test_a_pledge_of_a_measured_act_is_one_intent_event(spec):
    evs = events(spec)
    assert len(evs) == 1, [(e["cameo_code"], e["anchor"]) for e in evs]
    ev = evs[0]
    assert ev["cameo_code"].startswith("03") and ev["cameo_code"] != "030"  # the intent to give aid, not a bare pledge
    assert ev["factuality"] == "Planned"
    assert ev["sources"] == [AR] and ev["targets"] == [BD]
    # the stage is what makes it one intent event: without it, a bare pledge (and the act apart, or lost)
    assert [e["cameo_code"] for e in events(spec, without("kg.identity.pledged_acts.v1"))] != [ev["cameo_code"]]


def test_a_delivered_act_is_not_merged_with_its_verb():
    # "Arland sent millions of dollars in aid to Borduria": sending is no commitment; the stage leaves it
    spec = ("Arland/Arland/PROPN/nsubj/1 sent/send/VERB/ROOT/1 millions/million/NOUN/dobj/1 of/of/ADP/prep/2 "
            "dollars/dollar/NOUN/pobj/3 in/in/ADP/prep/4 aid/aid/NOUN/pobj/5 to/to/ADP/prep/6 Borduria/Borduria/PROPN/pobj/7")
    assert events(spec) == events(spec, without("kg.identity.pledged_acts.v1"))
    assert all(not e["cameo_code"].startswith("03") for e in events(spec))


# -- a trip and the meeting it was for are one event --------------------------------------------------------
TRIPS = [
    # "Ann travelled to Oslo, where she met Bo"
    ("Ann/Ann/PROPN/nsubj/1 travelled/travel/VERB/ROOT/1 to/to/ADP/prep/1 Oslo/Oslo/PROPN/pobj/2 ,/,/PUNCT/punct/3 "
     "where/where/ADV/advmod/7 she/she/PRON/nsubj/7 met/meet/VERB/relcl/3 Bo/Bo/PROPN/dobj/7", "040", "place/oslo"),
    # "Ann flew to Oslo for talks with Bo"
    ("Ann/Ann/PROPN/nsubj/1 flew/fly/VERB/ROOT/1 to/to/ADP/prep/1 Oslo/Oslo/PROPN/pobj/2 for/for/ADP/prep/1 "
     "talks/talk/NOUN/pobj/4 with/with/ADP/prep/5 Bo/Bo/PROPN/pobj/6", "046", "place/oslo"),
    # "Ann visited Arcity, where she held talks with Bo"
    ("Ann/Ann/PROPN/nsubj/1 visited/visit/VERB/ROOT/1 Arcity/Arcity/PROPN/dobj/1 ,/,/PUNCT/punct/2 "
     "where/where/ADV/advmod/6 she/she/PRON/nsubj/6 held/hold/VERB/relcl/2 talks/talk/NOUN/dobj/6 "
     "with/with/ADP/prep/7 Bo/Bo/PROPN/pobj/8", "046", "place/arcity"),
    # "Ann arrived in Oslo for a meeting with Bo"
    ("Ann/Ann/PROPN/nsubj/1 arrived/arrive/VERB/ROOT/1 in/in/ADP/prep/1 Oslo/Oslo/PROPN/pobj/2 for/for/ADP/prep/1 "
     "a/a/DET/det/6 meeting/meeting/NOUN/pobj/4 with/with/ADP/prep/6 Bo/Bo/PROPN/pobj/7", "040", "place/oslo"),
    # "Ann flew to Oslo, where she and Bo met"  (a coordinated subject: no direction, both actors)
    ("Ann/Ann/PROPN/nsubj/1 flew/fly/VERB/ROOT/1 to/to/ADP/prep/1 Oslo/Oslo/PROPN/pobj/2 ,/,/PUNCT/punct/3 "
     "where/where/ADV/advmod/9 she/she/PRON/nsubj/9 and/and/CCONJ/cc/6 Bo/Bo/PROPN/conj/6 met/meet/VERB/relcl/3",
     "040", "place/oslo"),
]


@pytest.mark.parametrize("spec,code,place", TRIPS)
def test_a_trip_that_names_its_meeting_is_that_meeting(spec, code, place):
    evs = events(spec)
    assert len(evs) == 1, [(e["cameo_code"], e["anchor"]) for e in evs]
    ev = evs[0]
    assert ev["cameo_code"] == code and ev["place"] == place and set(ev["actors"]) == {ANN, BO}
    assert ev["sources"] in ([ANN], [])  # the traveller, unless the meeting names both on one side
    assert len(ev["extra_mentions"]) == 1  # the trip's words are a mention of the meeting
    # (a trip to where the traveller meets is also that meeting's mention: kg.identity.trips_at_meetings.v1)
    assert len(events(spec, without("kg.identity.trip_meetings.v1", "kg.identity.trips_at_meetings.v1"))) == 2


def test_a_trip_to_something_else_stays_a_trip():
    # "Ann travelled to Oslo, where Bo gave a speech"
    spec = ("Ann/Ann/PROPN/nsubj/1 travelled/travel/VERB/ROOT/1 to/to/ADP/prep/1 Oslo/Oslo/PROPN/pobj/2 ,/,/PUNCT/punct/3 "
            "where/where/ADV/advmod/6 Bo/Bo/PROPN/nsubj/6 gave/give/VERB/relcl/3 a/a/DET/det/8 speech/speech/NOUN/dobj/6")
    assert any(e["cameo_code"] == "042" for e in events(spec))


# -- mentions ordered in time are two events ----------------------------------------------------------------
SEQUENCES = [
    # "After her talks with Bo, Ann held talks with Bo"
    "After/after/ADP/prep/7 her/her/PRON/poss/2 talks/talk/NOUN/pobj/0 with/with/ADP/prep/2 Bo/Bo/PROPN/pobj/3 "
    ",/,/PUNCT/punct/7 Ann/Ann/PROPN/nsubj/7 held/hold/VERB/ROOT/7 talks/talk/NOUN/dobj/7 with/with/ADP/prep/8 "
    "Bo/Bo/PROPN/pobj/9",
    # "Ann met Bo, shortly after her meeting with Bo" (with a measured distance, "days after her
    # meeting", the earlier meeting is background and not coded: kg.types.drop_background_events)
    "Ann/Ann/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ,/,/PUNCT/punct/1 shortly/shortly/ADV/advmod/5 "
    "after/after/ADP/prep/1 her/her/PRON/poss/7 meeting/meeting/NOUN/pobj/5 with/with/ADP/prep/7 Bo/Bo/PROPN/pobj/8",
    # "Ann phoned Bo. Ann phoned Bo again."
    "Ann/Ann/PROPN/nsubj/1 phoned/phone/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ././PUNCT/punct/1 "
    "Ann/Ann/PROPN/nsubj/5 phoned/phone/VERB/ROOT/5 Bo/Bo/PROPN/dobj/5 again/again/ADV/advmod/5 ././PUNCT/punct/5",
    # "Ann met Bo. After the meeting, Ann met Bo again."  (the meeting is the first one; the second is new)
    "Ann/Ann/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ././PUNCT/punct/1 After/after/ADP/prep/9 "
    "the/the/DET/det/6 meeting/meeting/NOUN/pobj/4 ,/,/PUNCT/punct/9 Ann/Ann/PROPN/nsubj/9 met/meet/VERB/ROOT/9 "
    "Bo/Bo/PROPN/dobj/9 again/again/ADV/advmod/9 ././PUNCT/punct/9",
    # "Before her call with Bo, Ann phoned Bo"
    "Before/before/ADP/prep/7 her/her/PRON/poss/2 call/call/NOUN/pobj/0 with/with/ADP/prep/2 Bo/Bo/PROPN/pobj/3 "
    ",/,/PUNCT/punct/7 Ann/Ann/PROPN/nsubj/7 phoned/phone/VERB/ROOT/7 Bo/Bo/PROPN/dobj/7",
]


@pytest.mark.parametrize("spec", SEQUENCES)
def test_mentions_ordered_in_time_are_two_events(spec):
    evs = events(spec)
    assert len(evs) == 2, [(e["cameo_code"], e["anchor"]) for e in evs]
    assert all(set(e["actors"]) == {ANN, BO} for e in evs)
    assert len(events(spec, without("kg.identity.sequence.v1"))) == 1  # what the stage prevents


def test_an_anaphor_in_a_time_adjunct_still_joins_its_antecedent():
    evs = events(SEQUENCES[3])
    first = next(e for e in evs if e["begin"] == 0)
    assert [m["anchor"] for m in first["extra_mentions"]] == ["the meeting"]


def test_a_plain_retelling_is_still_one_event():
    # "Ann phoned Bo. Ann phoned Bo."  no order, no repetition: one event told twice
    spec = ("Ann/Ann/PROPN/nsubj/1 phoned/phone/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ././PUNCT/punct/1 "
            "Ann/Ann/PROPN/nsubj/5 phoned/phone/VERB/ROOT/5 Bo/Bo/PROPN/dobj/5 ././PUNCT/punct/5")
    assert len(events(spec)) == 1


NEW_OCCURRENCES = [
    # "Ann met Bo. Ann had another meeting with Bo."
    "Ann/Ann/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ././PUNCT/punct/1 Ann/Ann/PROPN/nsubj/5 "
    "had/have/VERB/ROOT/5 another/another/DET/det/7 meeting/meeting/NOUN/dobj/5 with/with/ADP/prep/7 Bo/Bo/PROPN/pobj/8",
    # "Ann held talks with Bo. Ann began fresh talks with Bo."
    "Ann/Ann/PROPN/nsubj/1 held/hold/VERB/ROOT/1 talks/talk/NOUN/dobj/1 with/with/ADP/prep/2 Bo/Bo/PROPN/pobj/3 "
    "././PUNCT/punct/1 Ann/Ann/PROPN/nsubj/7 began/begin/VERB/ROOT/7 fresh/fresh/ADJ/amod/9 talks/talk/NOUN/dobj/7 "
    "with/with/ADP/prep/9 Bo/Bo/PROPN/pobj/10",
    # "Ann phoned Bo. Ann's second call with Bo followed."
    "Ann/Ann/PROPN/nsubj/1 phoned/phone/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ././PUNCT/punct/1 Ann/Ann/PROPN/poss/7 "
    "'s/'s/PART/case/4 second/second/ADJ/amod/7 call/call/NOUN/nsubj/10 with/with/ADP/prep/7 Bo/Bo/PROPN/pobj/8 "
    "followed/follow/VERB/ROOT/10",
]


@pytest.mark.parametrize("spec", NEW_OCCURRENCES)
def test_a_mention_told_as_a_new_occurrence_is_a_new_event(spec):
    evs = events(spec)
    assert len(evs) == 2, [(e["cameo_code"], e["anchor"]) for e in evs]
    assert len(events(spec, without("kg.identity.sequence.v1"))) == 1


def test_a_definite_mention_with_an_ordinal_still_refers_back():
    # "Ann had a second meeting with Bo. The second meeting ended."  the anaphor joins its antecedent
    spec = ("Ann/Ann/PROPN/nsubj/1 had/have/VERB/ROOT/1 a/a/DET/det/4 second/second/ADJ/amod/4 "
            "meeting/meeting/NOUN/dobj/1 with/with/ADP/prep/4 Bo/Bo/PROPN/pobj/5 ././PUNCT/punct/1 "
            "The/the/DET/det/10 second/second/ADJ/amod/10 meeting/meeting/NOUN/nsubj/11 ended/end/VERB/ROOT/11")
    evs = events(spec)
    assert len(evs) == 1 and len(evs[0]["extra_mentions"]) == 1
