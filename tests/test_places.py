"""Event places: find_place on hand-built parses, the event-level passes of
kg.nlp.places on hand-built Docs and event dicts, then sentences through the model."""
from __future__ import annotations

import pytest

from docbuilder import make_doc
from kg.nlp.arguments import find_place
from kg.nlp.places import dateline_places, host_not_party, places_as_actors, premodifier_places
from kg.nlp.candidate import EventCandidate

C = {"kind": "Country"}
ENTS = {
    "country/arland": {**C, "label": "Arland"},
    "country/borduria": {**C, "label": "Borduria"},
    "country/syldavia": {**C, "label": "Syldavia"},
    "place/arcity": {"kind": "City", "label": "Arcity", "actor_key": "country/arland", "located_in": "country/arland"},
    "place/portville": {"kind": "City", "label": "Portville", "located_in": "country/borduria"},
    "place/klow": {"kind": "City", "label": "Klow", "actor_key": "country/syldavia", "located_in": "country/syldavia"},
    "org/state-hall": {"kind": "Organization", "label": "State Hall"},
}


def _ev(token: int, code: str, sources=(), targets=(), place=None, is_noun=False, **kw) -> EventCandidate:
    sources, targets = list(sources), list(targets)
    others = list(kw.pop("others", []))
    return EventCandidate(token=token, cameo_code=code, row_code=code, row_pos="NOUN" if is_noun else "VERB",
                          weight=1.0, lemma="", sources=sources, targets=targets, others=others,
                          actors=list(dict.fromkeys(sources + targets + others)), place=place, **kw)


# --------------------------------------------------------------------------- find_place

def test_place_inside_a_venue_phrase():
    # "They met at a reception at State Hall in Arcity"
    rows = [("They", "they", "PRON", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1),
            ("at", "at", "ADP", "prep", 1), ("a", "a", "DET", "det", 4), ("reception", "reception", "NOUN", "pobj", 2),
            ("at", "at", "ADP", "prep", 4), ("State", "State", "PROPN", "compound", 7),
            ("Hall", "Hall", "PROPN", "pobj", 5), ("in", "in", "ADP", "prep", 7), ("Arcity", "Arcity", "PROPN", "pobj", 8)]
    doc = make_doc(rows, ENTS, {6: ["org/state-hall"], 7: ["org/state-hall"], 9: ["place/arcity"]})
    assert find_place(doc[1], ENTS) == "place/arcity"


def test_place_near_a_venue_and_on_the_sidelines():
    # "talks in a villa near Portville"; "met on the sidelines of the forum in Klow"
    villa = [("talks", "talk", "NOUN", "ROOT", 0), ("in", "in", "ADP", "prep", 0), ("a", "a", "DET", "det", 3),
             ("villa", "villa", "NOUN", "pobj", 1), ("near", "near", "ADP", "prep", 3),
             ("Portville", "Portville", "PROPN", "pobj", 4)]
    assert find_place(make_doc(villa, ENTS, {5: ["place/portville"]})[0], ENTS) == "place/portville"
    side = [("They", "they", "PRON", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1), ("on", "on", "ADP", "prep", 1),
            ("the", "the", "DET", "det", 4), ("sidelines", "sideline", "NOUN", "pobj", 2), ("of", "of", "ADP", "prep", 4),
            ("the", "the", "DET", "det", 7), ("forum", "forum", "NOUN", "pobj", 5), ("in", "in", "ADP", "prep", 7),
            ("Klow", "Klow", "PROPN", "pobj", 8)]
    assert find_place(make_doc(side, ENTS, {9: ["place/klow"]})[1], ENTS) == "place/klow"


def test_of_reaches_a_city_but_not_a_country():
    # "in the port city of Portville" is a place; "at the invitation of Borduria" is none
    city = [("met", "meet", "VERB", "ROOT", 0), ("in", "in", "ADP", "prep", 0), ("the", "the", "DET", "det", 3),
            ("city", "city", "NOUN", "pobj", 1), ("of", "of", "ADP", "prep", 3), ("Portville", "Portville", "PROPN", "pobj", 4)]
    assert find_place(make_doc(city, ENTS, {5: ["place/portville"]})[0], ENTS) == "place/portville"
    invite = [("met", "meet", "VERB", "ROOT", 0), ("at", "at", "ADP", "prep", 0), ("the", "the", "DET", "det", 3),
              ("invitation", "invitation", "NOUN", "pobj", 1), ("of", "of", "ADP", "prep", 3),
              ("Borduria", "Borduria", "PROPN", "pobj", 4)]
    assert find_place(make_doc(invite, ENTS, {5: ["country/borduria"]})[0], ENTS) is None


def test_where_relative_takes_its_antecedent():
    # "Ann flew to Klow, where she signed a pact"
    rows = [("Ann", "Ann", "PROPN", "nsubj", 1), ("flew", "fly", "VERB", "ROOT", 1), ("to", "to", "ADP", "prep", 1),
            ("Klow", "Klow", "PROPN", "pobj", 2), (",", ",", "PUNCT", "punct", 3), ("where", "where", "ADV", "advmod", 7),
            ("she", "she", "PRON", "nsubj", 7), ("signed", "sign", "VERB", "relcl", 3), ("a", "a", "DET", "det", 9),
            ("pact", "pact", "NOUN", "dobj", 7)]
    doc = make_doc(rows, ENTS, {3: ["place/klow"]})
    assert find_place(doc[7], ENTS) == "place/klow"
    # a relative clause without 'where' is no place: "Klow, which she praised"
    rows[5] = ("which", "which", "PRON", "dobj", 7)
    assert find_place(make_doc(rows, ENTS, {3: ["place/klow"]})[7], ENTS) is None


def test_place_after_coordinated_objects():
    # "Arland hosted Borduria and Syldavia in Portville": the phrase hangs on the last conjunct
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("hosted", "host", "VERB", "ROOT", 1),
            ("Borduria", "Borduria", "PROPN", "dobj", 1), ("and", "and", "CCONJ", "cc", 2),
            ("Syldavia", "Syldavia", "PROPN", "conj", 2), ("in", "in", "ADP", "prep", 4),
            ("Portville", "Portville", "PROPN", "pobj", 5)]
    doc = make_doc(rows, ENTS, {0: ["country/arland"], 2: ["country/borduria"], 4: ["country/syldavia"],
                                6: ["place/portville"]})
    assert find_place(doc[1], ENTS) is None  # not on the verb itself
    assert find_place(doc[2], ENTS) == "place/portville"  # the object's conjunct carries it


# --------------------------------------------------------------------------- places as actors

def _one_sentence(n: int, refs: dict[int, list[str]] | None = None, text: str | None = None):
    words = (text or " ".join(f"w{i}" for i in range(n))).split()
    rows = [(w, w.lower(), "NOUN" if i else "VERB", "ROOT" if i == 0 else "dep", 0) for i, w in enumerate(words)]
    return make_doc(rows, ENTS, refs or {})


def test_a_lone_city_actor_is_kept():
    doc = _one_sentence(4)
    ev = _ev(0, "141", targets=["place/portville"])
    places_as_actors(doc, [ev])
    assert ev.actors == ["place/portville"]  # else the event would be dropped


def test_a_city_among_the_actors_is_the_place():
    doc = _one_sentence(4)
    ev = _ev(0, "057", sources=["country/arland", "country/borduria"], targets=["place/portville"])
    places_as_actors(doc, [ev])
    assert ev.place == "place/portville" and "place/portville" not in ev.actors + ev.targets


def test_an_attacked_city_is_the_place_and_its_country_the_target():
    doc = _one_sentence(4)
    ev = _ev(0, "195", sources=["country/arland"], targets=["place/portville"])
    places_as_actors(doc, [ev])
    assert ev.place == "place/portville" and ev.targets == ["country/borduria"]
    assert set(ev.actors) == {"country/arland", "country/borduria"}


def test_a_city_actor_keeps_an_existing_place_and_talks_get_no_target():
    doc = _one_sentence(4)
    ev = _ev(0, "040", sources=["country/arland"], targets=["place/portville"], place="place/klow")
    places_as_actors(doc, [ev])
    assert ev.place == "place/klow" and ev.targets == []  # a meeting is not aimed at a country


def test_an_act_aimed_at_its_territory_is_left_alone():
    doc = _one_sentence(4)
    ev = _ev(0, "0813", sources=["country/arland"], targets=["place/portville"], place="place/portville",
             at_place=True)
    places_as_actors(doc, [ev])
    assert ev.targets == ["place/portville"]


def test_countries_are_not_sites():
    doc = _one_sentence(4)
    ev = _ev(0, "057", sources=["country/arland"], targets=["country/borduria"])
    places_as_actors(doc, [ev])
    assert ev.place is None and ev.targets == ["country/borduria"]


# --------------------------------------------------------------------------- premodifiers, host cities

def _talks(words: list[tuple[str, str, str, str, int]], refs):
    return make_doc(words, ENTS, refs)


def test_city_premodifier_is_the_place_not_its_country():
    # "the Klow talks ended"
    rows = [("the", "the", "DET", "det", 2), ("Klow", "Klow", "PROPN", "compound", 2),
            ("talks", "talk", "NOUN", "nsubj", 3), ("ended", "end", "VERB", "ROOT", 3)]
    doc = _talks(rows, {1: ["place/klow"]})
    ev = _ev(2, "046", others=["country/syldavia", "country/arland"], is_noun=True)
    premodifier_places(doc, [ev])
    assert ev.place == "place/klow" and ev.actors == ["country/arland"]
    # with no one else taking part the event keeps its only actor rather than vanish
    alone = _ev(2, "046", others=["country/syldavia"], is_noun=True)
    premodifier_places(doc, [alone])
    assert alone.place == "place/klow" and alone.actors == ["country/syldavia"]


def test_city_premodifier_keeps_a_country_named_elsewhere():
    # "Syldavia hosted the Klow talks"
    rows = [("Syldavia", "Syldavia", "PROPN", "nsubj", 1), ("hosted", "host", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 4), ("Klow", "Klow", "PROPN", "compound", 4),
            ("talks", "talk", "NOUN", "dobj", 1)]
    doc = _talks(rows, {0: ["country/syldavia"], 3: ["place/klow"]})
    ev = _ev(4, "046", others=["country/syldavia"], is_noun=True)
    premodifier_places(doc, [ev])
    assert ev.place == "place/klow" and ev.actors == ["country/syldavia"]


def test_city_premodifier_of_a_verbs_object():
    # "Arland held the Portville talks": the talks' city is the place
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("held", "hold", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 4), ("Portville", "Portville", "PROPN", "compound", 4),
            ("talks", "talk", "NOUN", "dobj", 1)]
    doc = _talks(rows, {0: ["country/arland"], 3: ["place/portville"]})
    ev = _ev(1, "046", sources=["country/arland"])
    premodifier_places(doc, [ev])
    assert ev.place == "place/portville" and ev.actors == ["country/arland"]
    # "Arland signed the Portville accord": a treaty's name is no place of the signing
    signed = _ev(1, "057", sources=["country/arland"])
    premodifier_places(doc, [signed])
    assert signed.place is None


def test_host_country_is_no_party_by_its_capital_alone():
    # "Arland and Borduria met in Klow": Syldavia came in only through its capital
    rows = [("Arland", "Arland", "PROPN", "nsubj", 3), ("and", "and", "CCONJ", "cc", 0),
            ("Borduria", "Borduria", "PROPN", "conj", 0), ("met", "meet", "VERB", "ROOT", 3),
            ("in", "in", "ADP", "prep", 3), ("Klow", "Klow", "PROPN", "pobj", 4)]
    refs = {0: ["country/arland"], 2: ["country/borduria"], 5: ["place/klow"]}
    ev = _ev(3, "040", sources=["country/arland", "country/borduria"], targets=["country/syldavia"], place="place/klow")
    host_not_party(make_doc(rows, ENTS, refs), [ev])
    assert ev.targets == [] and "country/syldavia" not in ev.actors
    # ... but a Syldavia named as such stays: "Arland and Syldavia met in Klow"
    refs[2] = ["country/syldavia"]
    ev = _ev(3, "040", sources=["country/arland", "country/syldavia"], place="place/klow")
    host_not_party(make_doc(rows, ENTS, refs), [ev])
    assert set(ev.actors) == {"country/arland", "country/syldavia"}


# --------------------------------------------------------------------------- dateline places

def _datelined(text: str, refs=None):
    import spacy

    doc = spacy.blank("en")(text)
    doc._.kg_entities = dict(ENTS)
    doc._.kg_refs = refs or {}
    doc[0].is_sent_start = True
    for t in doc[1:]:
        t.is_sent_start = t.i > 0 and doc[t.i - 1].text == "."
    return doc


def test_dateline_city_is_the_place_of_the_lead_meeting():
    doc = _datelined("KLOW, May 3 — Arland and Borduria met on Tuesday. They also talked.")
    met = next(t.i for t in doc if t.text == "met")
    talked = next(t.i for t in doc if t.text == "talked")
    lead = _ev(met, "040", sources=["country/arland", "country/borduria"])
    later = _ev(talked, "040", sources=["country/arland"])
    dateline_places(doc, [lead, later])
    assert lead.place == "place/klow" and later.place is None


@pytest.mark.parametrize("text,code,fact,place", [
    ("KLOW, May 3 — Arland recalled its envoy.", "161", "Actual", None),       # no meeting: no place
    ("KLOW, May 3 — Arland and Borduria will meet.", "040", "Planned", None),  # not (yet) there
    ("KLOW — Arland and Borduria met in Portville.", "040", "Actual", "place/portville"),  # its own place
    ("Arland and Borduria met on Tuesday.", "040", "Actual", None),          # no dateline
])
def test_dateline_city_only_for_actual_lead_meetings(text, code, fact, place):
    doc = _datelined(text)
    ev = _ev(next(t.i for t in doc if t.text in ("recalled", "meet", "met")), code, sources=["country/arland"],
             factuality=fact, place="place/portville" if place else None)
    dateline_places(doc, [ev])
    assert ev.place == place


def test_unknown_dateline_city_becomes_a_place_entity():
    doc = _datelined("ZANTOR, May 3 — Arland and Borduria signed a pact.")
    ev = _ev(next(t.i for t in doc if t.text == "signed"), "057", sources=["country/arland"])
    dateline_places(doc, [ev])
    assert ev.place == "place/zantor" and doc._.kg_entities["place/zantor"]["label"] == "Zantor"


# --------------------------------------------------------------------------- with the model

def _events(kg_nlp, text: str):
    doc = kg_nlp.make_doc(text)
    doc._.kg_published = "2024-03-06"
    return kg_nlp(doc)._.kg_events


PLACED = [
    ("Iran and Oman reached an agreement in Muscat.", "reached", "place/muscat", {"country/iran", "country/oman"}),
    ("Greece and Albania struck a deal in Brussels on Monday.", "struck", "place/brussels",
     {"country/greece", "country/albania"}),
    ("Canada and Mexico reached an agreement in Paris on Friday.", "reached", "place/paris",
     {"country/canada", "country/mexico"}),
    ("Armenian and Azerbaijani diplomats held talks in a hotel near Geneva.", "held", "place/geneva",
     {"country/armenia", "country/azerbaijan"}),
    ("Spain's prime minister met Morocco's king at a palace outside Rabat on Thursday.", "met", "place/rabat",
     {"country/spain", "country/morocco"}),
    ("Kenyan President William Ruto received Modi at a ceremony at State House in Nairobi.", "received",
     "place/nairobi", {"person/william-ruto", "person/narendra-modi"}),
    ("Lula and Ramaphosa held talks on the margins of the G20 summit in the Indian city of Mumbai.", "held",
     "place/mumbai", None),
    ("Scholz went on to Nairobi, where he signed a labour deal with Kenya.", "signed", "place/nairobi",
     {"person/olaf-scholz", "country/kenya"}),
    ("Japan hosted the leaders of Peru and Chile in Tokyo.", "hosted", "place/tokyo",
     {"country/japan", "country/peru", "country/chile"}),
    ("The Minsk accords were signed by Russia and Ukraine.", "signed", None,  # a treaty's name
     {"country/russia", "country/ukraine"}),
    ("Russian forces shelled Kherson on Saturday.", "shelled", "place/kherson", None),
    ("MANAMA, March 6 — Bahrain and Qatar signed an agreement on Tuesday to restore ties.", "signed", "place/manama",
     {"country/bahrain", "country/qatar"}),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,trigger,place,actors", PLACED)
def test_model_places(kg_nlp, sentence, trigger, place, actors):
    ev = next(e for e in _events(kg_nlp, sentence) if e["trigger"] == trigger)
    assert ev["place"] == place
    assert not any(a.startswith("place/") for a in ev["actors"])
    if actors is not None:
        assert set(ev["actors"]) == actors
