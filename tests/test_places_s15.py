"""Places of events from their clause and their report (issue 10, places): the capital a
phrase names, names classified as towns, "in which" relatives, what an attack hits, the city
visited, the lead of a datelined report cut by a wrong sentence break, and classes of places.

Each mechanism is tried on sentences written for these tests, with the real pipeline.
"""
from __future__ import annotations

import pytest

from kg.nlp.places import _capitals, place_words


def _events(kg_nlp, text: str):
    doc = kg_nlp.make_doc(text)
    doc._.kg_published = "2024-03-06"
    return kg_nlp(doc)._.kg_events


def _event(kg_nlp, text: str, trigger: str) -> dict:
    events = _events(kg_nlp, text)
    found = [e for e in events if e["trigger"] == trigger]
    assert found, f"no event on {trigger!r} in {[e['trigger'] for e in events]}"
    return found[0]


def test_capitals_come_from_the_gazetteer():
    caps = _capitals()
    assert caps["country/kenya"] == "place/nairobi"
    assert caps["country/netherlands"] == "place/amsterdam"  # GeoNames capital before the other seat
    assert "capital" in place_words("capital_nouns")


CAPITALS = [
    ("Kenyan and Ugandan ministers met on Monday at a summit in the Kenyan capital.", "met", "place/nairobi"),
    ("Egypt and Sudan held talks in Ethiopia's capital on Friday.", "held", "place/addis-ababa"),
    ("Protesters rallied in the Ethiopian capital on Sunday.", "rallied", "place/addis-ababa"),
    ("Rebels attacked a convoy in the Afghan capital.", "attacked", "place/kabul"),
    # a bare "the capital" in a report filed from a capital is that city ...
    ("HAVANA, May 3 — Police detained several activists in the capital on Sunday.", "detained",
     "place/havana"),
    ("NAIROBI, May 3 — Kenya and Somalia signed a border accord in the capital on Sunday.", "signed",
     "place/nairobi"),
    # ... and nothing when the report is filed from elsewhere or has no dateline
    ("GENEVA, May 3 — Police detained dozens of protesters in the capital on Sunday.", "detained", None),
    ("Police detained dozens of protesters in the capital on Sunday.", "detained", None),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,place", CAPITALS)
def test_the_capital_names_the_capital_city(kg_nlp, text, trigger, place):
    assert _event(kg_nlp, text, trigger)["place"] == place


SETTLEMENTS = [
    ("Azerbaijan said its forces had seized Marzak, the second-largest town of the province.", "seized",
     "place/marzak", "country/azerbaijan"),
    ("Armenian troops recaptured Dovrakh, a strategic town in the south, on Friday.", "recaptured",
     "place/dovrakh", "country/armenia"),
    ("Syrian troops shelled Velkaro, a village near the border, on Tuesday.", "shelled", "place/velkaro",
     "country/syria"),
    ("Turkish jets bombed Kandil, a mountain district in the north.", "bombed", "place/kandil", "country/turkey"),
    ("Russia said its forces had captured Ozerne, a small port on the coast.", "captured", "place/ozerne",
     "country/russia"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,place,source", SETTLEMENTS)
def test_a_name_classified_as_a_town_is_a_place_not_a_party(kg_nlp, text, trigger, place, source):
    ev = _event(kg_nlp, text, trigger)
    assert ev["place"] == place
    assert place not in ev["actors"] and not any(a.startswith("person/") for a in ev["actors"])
    assert source in ev["sources"]


RELATIVES = [
    ("Relations soured after a skirmish in Gaza in which 12 Israeli soldiers were killed.", "killed",
     "place/gaza-strip"),
    ("The summit in Nairobi, during which Kenya and Ethiopia signed a trade pact, lasted two days.", "signed",
     "place/nairobi"),
    ("Ties frayed after a raid in Kabul in which Pakistani forces killed three Afghan guards.", "killed",
     "place/kabul"),
    ("A meeting in Doha, at which Qatar and Egypt agreed to restore flights, ended late.", "agreed", "place/doha"),
    ("A clash in Hebron in which Israeli troops wounded two Palestinians drew protests.", "wounded",
     "place/hebron"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,place", RELATIVES)
def test_an_in_which_relative_happens_where_its_antecedent_did(kg_nlp, text, trigger, place):
    assert _event(kg_nlp, text, trigger)["place"] == place


ATTACKS = [
    ("Pakistan launched air strikes on militant hideouts in Afghanistan on Sunday.", "launched",
     "country/afghanistan"),
    ("Israel launched air strikes on militant positions in Syria on Monday.", "launched", "country/syria"),
    ("The navy of Yemen fired missiles at Saudi boats near Hodeidah.", "fired", "place/hodeidah"),
    ("Russian forces carried out an attack on a power plant in Ukraine.", "carried", "country/ukraine"),
    ("Warplanes conducted raids against insurgent camps in Somalia overnight.", "conducted", "country/somalia"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,place", ATTACKS)
def test_an_attack_happens_where_what_it_hits_is(kg_nlp, text, trigger, place):
    assert _event(kg_nlp, text, trigger)["place"] == place


VISITS = [
    ("Japan's prime minister will visit Seoul next week.", "visit", "place/seoul", "country/south-korea"),
    ("Macron visited Berlin on Tuesday.", "visited", "place/berlin", "country/germany"),
    ("Scholz's visit to Nairobi was cut short.", "visit", "place/nairobi", "country/kenya"),
    ("Foreign Minister Wang Yi accepted an invitation to visit Canberra.", "visit", "place/canberra",
     "country/australia"),
    ("Biden visited Poland last month.", "visited", None, "country/poland"),  # a country places nothing
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,place,host", VISITS)
def test_the_city_visited_is_the_place_its_country_the_host(kg_nlp, text, trigger, place, host):
    ev = _event(kg_nlp, text, trigger)
    assert ev["place"] == place
    assert host in ev["actors"]


CLASSES = [
    ("Kuwait's emir shuttled between Gulf capitals to mediate a deal with Qatar.", "mediate"),
    ("Erdogan toured Gulf capitals to meet Saudi and Emirati leaders.", "meet"),
    ("The Qatari envoy shuttled between Gulf capitals for talks with Bahrain.", "shuttled"),
    ("Macron toured African capitals to promote a trade deal with Nigeria.", "toured"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger", CLASSES)
def test_a_place_modifying_a_plural_noun_is_no_place(kg_nlp, text, trigger):
    ev = _event(kg_nlp, text, trigger)
    assert ev["place"] is None
    assert not any(a.startswith("place/") for a in ev["actors"])


@pytest.mark.model
def test_a_place_modifying_a_plural_noun_does_not_hide_a_real_place(kg_nlp):
    assert _event(kg_nlp, "Blinken met Baltic ministers in Vilnius.", "met")["place"] == "place/vilnius"


# --------------------------------------------------------------------------- the lead after a dateline

def _lead_doc(words: list[str], starts: set[int], verbs: set[int]):
    """A datelined text with the sentence breaks and verbs given (the small model's cuts)."""
    import spacy

    doc = spacy.blank("en")(" ".join(words).replace(" ,", ",").replace(" .", "."))
    for t in doc:
        t.is_sent_start = t.i == 0 or t.i in starts
        t.pos_ = "VERB" if t.i in verbs else "PROPN"
    doc._.kg_entities = {"place/klow": {"kind": "City", "label": "Klow", "located_in": "country/syldavia"}}
    doc._.kg_refs = {}
    return doc


def _meeting(doc, word: str):
    from kg.nlp.candidate import EventCandidate

    i = next(t.i for t in doc if t.text == word)
    return EventCandidate(token=i, cameo_code="040", row_code="040", row_pos="VERB", weight=1.0, lemma="meet",
                          sources=["country/arland"], actors=["country/arland", "country/borduria"])


@pytest.mark.parametrize("words,starts,verb,place", [
    # "Arland" | "and" | "Borduria met ...": the lead's cut-off words belong to it
    ("KLOW , May 3 — Arland and Borduria met on Tuesday .".split(), {5, 6, 7}, "met", "place/klow"),
    ("KLOW , May 3 — President Arland met Borduria 's king on Tuesday .".split(), {5, 6}, "met", "place/klow"),
    ("KLOW , May 3 — The leaders of Arland met on Tuesday .".split(), {5, 7}, "met", "place/klow"),
    # the sentence after a whole first sentence is no lead
    ("KLOW , May 3 — Arland and Borduria quarrelled again today . They met later .".split(), {5, 13}, "met",
     None),
    # a long verbless stretch is a sentence of its own, not a cut-off lead
    ("KLOW , May 3 — Arland Borduria Syldavia Portville Arcity . They met .".split(), {5, 11}, "met", None),
])
def test_the_lead_after_a_dateline_joins_its_cut_off_words(words, starts, verb, place):
    from kg.nlp.places import dateline_places

    doc = _lead_doc(words, starts, {i for i, w in enumerate(words) if w in ("met", "quarrelled")})
    ev = _meeting(doc, verb)
    dateline_places(doc, [ev])
    assert ev.place == place


# --------------------------------------------------------------------------- distributive targets

SPLIT = [
    ("Italy has recalled its envoys to Egypt and Libya after the dispute.", "recalled",
     "country/italy", [["country/egypt"], ["country/libya"]]),
    ("Canada summoned the ambassadors of India and Pakistan.", "summoned", "country/canada",
     [["country/india"], ["country/pakistan"]]),
    ("Poland expelled the ambassadors of Russia and Belarus on Friday.", "expelled", "country/poland",
     [["country/russia"], ["country/belarus"]]),
    ("Germany sent envoys to Egypt, Jordan and Qatar.", "sent", "country/germany",
     [["country/egypt"], ["country/jordan"], ["country/qatar"]]),
    # one act of several sources, or to one recipient, stays one event
    ("Britain and France recalled their ambassadors to Iran.", "recalled", "country/france", [["country/iran"]]),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,source,targets", SPLIT)
def test_an_act_on_a_plural_object_is_one_event_per_recipient(kg_nlp, text, trigger, source, targets):
    events = [e for e in _events(kg_nlp, text) if e["trigger"] == trigger]
    assert sorted(e["targets"] for e in events) == sorted(targets)
    assert all(source in e["sources"] for e in events)
    assert len({(e["begin"], e["end"]) for e in events}) == len(events)  # distinct mentions, distinct keys


GATHERINGS = [
    ("Kenya hosted the presidents of Uganda and Rwanda in Nairobi.", "hosted",
     {"country/uganda", "country/rwanda"}),
    ("Egypt received the foreign ministers of Jordan and Iraq on Sunday.", "received",
     {"country/jordan", "country/iraq"}),
    ("Brazil will host the leaders of Argentina, Chile and Peru next month.", "host",
     {"country/argentina", "country/chile", "country/peru"}),
    ("Japan will receive the defence ministers of Australia and India in Tokyo.", "receive",
     {"country/australia", "country/india"}),
    ("India invited the leaders of Nepal and Bhutan to the summit.", "invited",
     {"country/nepal", "country/bhutan"}),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,guests", GATHERINGS)
def test_the_guests_of_a_gathering_meet_on_one_occasion(kg_nlp, text, trigger, guests):
    """The people of A and B hosted together are one event, not one dyad per country."""
    events = [e for e in _events(kg_nlp, text) if e["trigger"] == trigger]
    assert len(events) == 1
    assert guests <= set(events[0]["actors"])


# --------------------------------------------------------------------------- trips and their meetings

TRIPS = [
    ("Scholz flew to Beijing on Thursday. He held talks with Xi Jinping in Beijing on Friday.", "held",
     "place/beijing"),
    ("Modi travelled to Moscow. In Moscow, Modi met Putin for two days of talks.", "met", "place/moscow"),
    ("Erdogan flew to Baku on Monday. Aliyev and Erdogan held talks in Baku on Tuesday.", "held", "place/baku"),
    ("Sanchez's trip to Rabat was brief. Sanchez and the king of Morocco met in Rabat on Thursday.", "met",
     "place/rabat"),
    ("Sanchez will hold talks in Lisbon with Costa before flying on to Rabat to meet the king.", "meet",
     "place/rabat"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,place", TRIPS)
def test_a_trip_to_where_the_traveller_meets_is_that_meeting(kg_nlp, text, trigger, place):
    events = _events(kg_nlp, text)
    meeting = next(e for e in events if e["trigger"] == trigger)
    assert meeting["place"] == place
    assert meeting["extra_mentions"], "the trip is another mention of the meeting"
    assert not [e for e in events if e["cameo_code"] == "042" and e["place"] == place]


@pytest.mark.model
def test_a_trip_to_another_city_than_the_meeting_stays_its_own_event(kg_nlp):
    events = _events(kg_nlp, "Meloni flew to Cairo. She later met Sisi in Alexandria.")
    assert [e["place"] for e in events if e["cameo_code"] == "042"] == ["place/cairo"]
    assert [e["place"] for e in events if e["trigger"] == "met"] == ["place/alexandria"]


OFFERS = [
    ("Wang Yi accepted an invitation to visit Canberra.", "person/wang-yi", "place/canberra"),
    ("The Turkish foreign minister accepted an invitation to visit Cairo next month.", "country/turkey",
     "place/cairo"),
    ("Lavrov accepted an invitation to visit Pyongyang.", "person/sergei-lavrov", "place/pyongyang"),
    ("Blinken has accepted an invitation to visit Beijing later this year.", "person/antony-blinken",
     "place/beijing"),
    ("Cyril Ramaphosa accepted an invitation to visit Tokyo in the spring.", "person/cyril-ramaphosa",
     "place/tokyo"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,source,place", OFFERS)
def test_an_accepted_invitation_is_the_planned_visit(kg_nlp, text, source, place):
    events = _events(kg_nlp, text)
    assert len(events) == 1
    ev = events[0]
    assert ev["trigger"] == "visit" and ev["factuality"] == "Planned"
    assert source in ev["sources"] and ev["place"] == place


# --------------------------------------------------------------------------- the place of the narrative

DISCOURSE = [
    ("Chile and Peru signed the accord in Lima on Friday. Bolivia's foreign minister also signed it on Friday.",
     "signed", 1, "place/lima"),
    ("Macron met Scholz in Berlin on Monday. Later on Monday, Macron met Tusk, the Polish prime minister.",
     "met", 1, "place/berlin"),
    ("Brazil and Argentina signed a trade pact in Brasilia on Monday, and Uruguay signed it on Monday as well.",
     "signed", 1, "place/brasilia"),
    # another day, another kind of act, another paragraph: no place
    ("Egypt and Jordan signed a water deal in Amman on Tuesday. On Wednesday, Egypt signed a gas deal with Israel.",
     "signed", 1, None),
    ("Japan and India held talks in Tokyo on Monday. India signed an agreement with Australia on Monday.",
     "signed", 0, None),
    ("Turkey and Greece met in Athens on Thursday.\n\nOn Thursday, Greece met Cyprus.", "met", 1, None),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,nth,place", DISCOURSE)
def test_a_same_day_act_later_in_the_paragraph_takes_the_earlier_place(kg_nlp, text, trigger, nth, place):
    events = [e for e in _events(kg_nlp, text) if e["trigger"] == trigger]
    assert events[nth]["place"] == place


# --------------------------------------------------------------------------- each stage on hand-built Docs

def _hand(rows, refs, entities=None, tags=None):
    from docbuilder import make_doc

    ents = {
        "country/arland": {"kind": "Country", "label": "Arland"},
        "country/borduria": {"kind": "Country", "label": "Borduria"},
        "country/syldavia": {"kind": "Country", "label": "Syldavia"},
        "place/klow": {"kind": "City", "label": "Klow", "actor_key": "country/syldavia",
                       "located_in": "country/syldavia"},
        **(entities or {}),
    }
    return make_doc(rows, ents, refs, tags=tags)


def _cand(token, code, sources=(), targets=(), place=None, noun=False):
    from kg.nlp.candidate import EventCandidate

    return EventCandidate(token=token, cameo_code=code, row_code=code, row_pos="NOUN" if noun else "VERB",
                          weight=1.0, lemma="", sources=list(sources), targets=list(targets),
                          actors=list(dict.fromkeys([*sources, *targets])), place=place)


def test_stage_capital_references_on_a_hand_built_doc():
    from kg.nlp.places import capital_references

    # "Arland met Kenya in the Kenyan capital"
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1),
            ("Kenya", "Kenya", "PROPN", "dobj", 1), ("in", "in", "ADP", "prep", 1), ("the", "the", "DET", "det", 6),
            ("Kenyan", "Kenyan", "ADJ", "amod", 6), ("capital", "capital", "NOUN", "pobj", 3)]
    doc = _hand(rows, {0: ["country/arland"], 2: ["country/kenya"], 5: ["country/kenya"]},
                {"country/kenya": {"kind": "Country", "label": "Kenya"}})
    capital_references(doc, [])
    assert doc._.kg_refs[6] == ["place/nairobi"] and "place/nairobi" in doc._.kg_entities
    # no country named and no dateline: "the capital" stays unresolved
    doc = _hand(rows, {0: ["country/arland"], 2: ["country/kenya"]}, {"country/kenya": {"kind": "Country"}})
    doc[5].dep_ = "dep"
    capital_references(doc, [])
    assert 6 not in doc._.kg_refs


def test_stage_relative_clause_and_attack_places_on_hand_built_docs():
    from kg.nlp.places import attack_target_places, relative_clause_places

    # "a clash in Klow in which troops were killed"
    rows = [("a", "a", "DET", "det", 1), ("clash", "clash", "NOUN", "ROOT", 1), ("in", "in", "ADP", "prep", 1),
            ("Klow", "Klow", "PROPN", "pobj", 2), ("in", "in", "ADP", "prep", 8), ("which", "which", "PRON", "pobj", 4),
            ("troops", "troop", "NOUN", "nsubjpass", 8), ("were", "be", "AUX", "auxpass", 8),
            ("killed", "kill", "VERB", "relcl", 1)]
    doc = _hand(rows, {3: ["place/klow"], 6: ["country/arland"]})
    ev = _cand(8, "190", targets=["country/arland"])
    relative_clause_places(doc, [ev])
    assert ev.place == "place/klow"
    # "Arland launched strikes on targets in Borduria"
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("launched", "launch", "VERB", "ROOT", 1),
            ("strikes", "strike", "NOUN", "dobj", 1), ("on", "on", "ADP", "prep", 2),
            ("targets", "target", "NOUN", "pobj", 3), ("in", "in", "ADP", "prep", 4),
            ("Borduria", "Borduria", "PROPN", "pobj", 5)]
    doc = _hand(rows, {0: ["country/arland"], 6: ["country/borduria"]})
    ev, talk = _cand(1, "195", sources=["country/arland"]), _cand(1, "040", sources=["country/arland"])
    attack_target_places(doc, [ev, talk])
    assert ev.place == "country/borduria" and talk.place is None  # only acts of force


def test_stage_visits_and_class_modifiers_on_hand_built_docs():
    from kg.nlp.places import class_modifier_places, visited_places

    # "Arland visited Klow" / "Arland visited Borduria"
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("visited", "visit", "VERB", "ROOT", 1),
            ("Klow", "Klow", "PROPN", "dobj", 1)]
    ev = _cand(1, "042", sources=["country/arland"], targets=["country/syldavia"])
    visited_places(_hand(rows, {0: ["country/arland"], 2: ["place/klow"]}), [ev])
    assert ev.place == "place/klow"
    ev = _cand(1, "042", sources=["country/arland"], targets=["country/borduria"])
    visited_places(_hand(rows, {0: ["country/arland"], 2: ["country/borduria"]}), [ev])
    assert ev.place is None
    # "Arland toured Klow capitals": a class of places
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("toured", "tour", "VERB", "ROOT", 1),
            ("Klow", "Klow", "PROPN", "compound", 3), ("capitals", "capital", "NOUN", "dobj", 1)]
    doc = _hand(rows, {0: ["country/arland"], 2: ["place/klow"]}, tags=["NNP", "VBD", "NNP", "NNS"])
    ev = _cand(1, "042", sources=["country/arland"], place="place/klow")
    class_modifier_places(doc, [ev])
    assert ev.place is None


def test_stage_distributive_split_on_a_hand_built_doc():
    from kg.nlp.stages.identity import distributive_split

    # "Arland recalled its envoys to Borduria and Syldavia"
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("recalled", "recall", "VERB", "ROOT", 1),
            ("its", "its", "PRON", "poss", 3), ("envoys", "envoy", "NOUN", "dobj", 1), ("to", "to", "ADP", "prep", 1),
            ("Borduria", "Borduria", "PROPN", "pobj", 4), ("and", "and", "CCONJ", "cc", 5),
            ("Syldavia", "Syldavia", "PROPN", "conj", 5)]
    tags = ["NNP", "VBD", "PRP$", "NNS", "IN", "NNP", "CC", "NNP"]
    from docbuilder import make_doc

    refs = {0: ["country/arland"], 2: ["country/arland"], 5: ["country/borduria"], 7: ["country/syldavia"]}
    doc = make_doc(rows, {}, refs, tags=tags)
    ev = _cand(1, "161", sources=["country/arland"], targets=["country/borduria", "country/syldavia"])
    ev.begin, ev.end = 0, len(doc.text)
    parts = distributive_split(ev, doc)
    assert [p.targets for p in parts] == [["country/borduria"], ["country/syldavia"]]
    assert len({p.end for p in parts}) == 2
    # a singular object ("its envoy") is one act: no split
    doc = make_doc(rows, {}, refs, tags=["NNP", "VBD", "PRP$", "NN", "IN", "NNP", "CC", "NNP"])
    assert distributive_split(ev, doc) == [ev]


# --------------------------------------------------------------------------- the site a datelined lead names

def _parsed_lead(rest: list[tuple[str, str, str, int]], refs: dict[int, list[str]]):
    """'KLOW, May 3 — ' then ``rest`` as (word, pos, dep, head offset within rest) rows."""
    from spacy.tokens import Doc

    from docbuilder import _VOCAB

    head = [("KLOW", "PROPN", "ROOT", 0), (",", "PUNCT", "punct", 0), ("May", "PROPN", "npadvmod", 0),
            ("3", "NUM", "nummod", 2), ("—", "PUNCT", "punct", 0)]
    rows = head + [(w, p, d, h + len(head)) for w, p, d, h in rest]
    words = [r[0] for r in rows]
    spaces = [words[i + 1] not in (",", ".") if i + 1 < len(words) else False for i in range(len(words))]
    sent_starts = [i in (0, len(head)) for i in range(len(words))]
    doc = Doc(_VOCAB, words=words, spaces=spaces, pos=[r[1] for r in rows], deps=[r[2] for r in rows],
              heads=[r[3] for r in rows], sent_starts=sent_starts)
    doc._.kg_entities = {
        "place/klow": {"kind": "City", "label": "Klow", "located_in": "country/syldavia"},
        "place/portville": {"kind": "City", "label": "Portville", "located_in": "country/borduria"},
        "place/arcity": {"kind": "City", "label": "Arcity", "located_in": "country/arland"},
        "country/borduria": {"kind": "Country", "label": "Borduria"},
    }
    doc._.kg_refs = {i + len(head): keys for i, keys in refs.items()}
    return doc, len(head)


# "Arland stepped across the line at Portville after meeting Borduria ." (offsets within the lead)
_STEP = [("Arland", "PROPN", "nsubj", 1), ("stepped", "VERB", "ROOT", 1), ("across", "ADP", "prep", 1),
         ("the", "DET", "det", 4), ("line", "NOUN", "pobj", 2), ("at", "ADP", "prep", 1),
         ("Portville", "PROPN", "pobj", 5), ("after", "ADP", "prep", 1), ("meeting", "VERB", "pcomp", 7),
         ("Borduria", "PROPN", "dobj", 8), (".", "PUNCT", "punct", 1)]


@pytest.mark.parametrize("place_word,refs,want", [
    ("Portville", {6: ["place/portville"]}, "place/portville"),   # the lead's own site, not the filing city
    ("Arcity", {6: ["place/arcity"]}, "place/arcity"),
    ("Borduria", {6: ["country/borduria"]}, "place/klow"),        # a country is no site: the dateline stands
    ("nowhere", {}, "place/klow"),                                 # no site named: the dateline stands
])
def test_a_datelined_lead_that_names_one_site_happened_there(place_word, refs, want):
    from kg.nlp.places import dateline_places

    rows = [(place_word, *r[1:]) if i == 6 else r for i, r in enumerate(_STEP)]
    doc, off = _parsed_lead(rows, refs)
    ev = _cand(off + 8, "040", sources=["country/arland"], targets=["country/borduria"])
    dateline_places(doc, [ev])
    assert ev.place == want


def test_a_lead_naming_two_sites_keeps_the_dateline():
    from kg.nlp.places import dateline_places

    # "Arland flew from Arcity to talks at Portville ..." reduced: two sites in place phrases
    rows = [("Arland", "PROPN", "nsubj", 1), ("met", "VERB", "ROOT", 1), ("Borduria", "PROPN", "dobj", 1),
            ("at", "ADP", "prep", 1), ("Portville", "PROPN", "pobj", 3), ("and", "CCONJ", "cc", 1),
            ("in", "ADP", "prep", 1), ("Arcity", "PROPN", "pobj", 6), (".", "PUNCT", "punct", 1)]
    doc, off = _parsed_lead(rows, {4: ["place/portville"], 7: ["place/arcity"]})
    ev = _cand(off + 1, "040", sources=["country/arland"], targets=["country/borduria"])
    dateline_places(doc, [ev])
    assert ev.place == "place/klow"


def test_stage_discourse_places_on_a_hand_built_doc():
    from kg.nlp.places import discourse_places

    # "Arland signed the pact in Klow . Borduria signed too ." (same paragraph, same day)
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("signed", "sign", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("pact", "pact", "NOUN", "dobj", 1), ("in", "in", "ADP", "prep", 1),
            ("Klow", "Klow", "PROPN", "pobj", 4), (".", ".", "PUNCT", "punct", 1),
            ("Borduria", "Borduria", "PROPN", "nsubj", 8), ("signed", "sign", "VERB", "ROOT", 8),
            ("too", "too", "ADV", "advmod", 8), (".", ".", "PUNCT", "punct", 8)]
    doc = _hand(rows, {0: ["country/arland"], 5: ["place/klow"], 7: ["country/borduria"]})

    def events(day_b, code_b="057", fact_b="Actual"):
        a = _cand(1, "057", sources=["country/arland"], place="place/klow")
        b = _cand(8, code_b, sources=["country/borduria"])
        a.time, b.time = {"value": "2024-03-04"}, {"value": day_b}
        a.factuality, b.factuality = "Actual", fact_b
        return a, b

    a, b = events("2024-03-04")
    discourse_places(doc, [a, b])
    assert b.place == "place/klow"
    for day, code, fact in (("2024-03-05", "057", "Actual"), ("2024-03-04", "111", "Actual"),
                            ("2024-03-04", "057", "Planned")):
        a, b = events(day, code, fact)
        discourse_places(doc, [a, b])
        assert b.place is None, (day, code, fact)   # another day, kind or factuality places nothing


def test_stage_accepted_offers_on_a_hand_built_doc():
    from kg.nlp.confidence import check_weights
    from kg.nlp.stages import EventContext, get_stage
    from kg.nlp.triggers import Lexicon

    # "Vale accepted an invitation to visit Klow"
    rows = [("Vale", "Vale", "PROPN", "nsubj", 1), ("accepted", "accept", "VERB", "ROOT", 1),
            ("an", "a", "DET", "det", 3), ("invitation", "invitation", "NOUN", "dobj", 1),
            ("to", "to", "PART", "aux", 5), ("visit", "visit", "VERB", "acl", 3), ("Klow", "Klow", "PROPN", "dobj", 5)]
    doc = _hand(rows, {0: ["person/vale"], 6: ["place/klow"]}, {"person/vale": {"kind": "Person", "label": "Vale"}})
    ctx = EventContext(doc=doc, lexicon=Lexicon([]), weights=check_weights(None))
    accept, visit = _cand(1, "036", sources=["person/vale"]), _cand(5, "042", place="place/klow")
    ctx.candidates = [accept, visit]
    get_stage("kg.identity.accepted_offers.v1")(ctx)
    assert accept.suppressed and not visit.suppressed
    assert visit.sources == ["person/vale"] and visit.extra_mentions, "the acceptance is a mention of the visit"
    # an intent whose object names no act stays its own event
    ctx.candidates = [accept := _cand(1, "036", sources=["person/vale"])]
    get_stage("kg.identity.accepted_offers.v1")(ctx)
    assert not accept.suppressed
