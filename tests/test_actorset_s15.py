"""Actor sets: numbered group mentions stand for the members a list names; a name the model
took for a person but that names a settlement is a place; a sector noun owned by coordinated
names belongs to each of them; 'the bloc' and a subject 'it' across sentences; titles and
owners inside lists of people; a region describing a state; an assaulted institution stands
for its state. Most tests run the real pipeline (marked ``model``); the stage tests use
hand-built Docs.

Every sentence here is written for these tests (none comes from an evaluation text)."""
from __future__ import annotations

import pytest

def _events(kg_nlp, text: str) -> list[dict]:
    doc = kg_nlp.make_doc(text)
    doc._.kg_published = "2024-03-06"
    return kg_nlp(doc)._.kg_events


def _event(kg_nlp, text: str, trigger: str) -> dict:
    return next(e for e in _events(kg_nlp, text) if e["trigger"] == trigger)


# ----------------------------------------------------------------- numbered group mentions
GROUPS = [
    # a definite mention after the list it counts, several sentences later
    ("Kenya, Uganda, Tanzania and Rwanda drafted a joint plan. Burundi objected to it. "
     "The four countries imposed sanctions on Burundi on Monday.", "imposed",
     {"country/kenya", "country/uganda", "country/tanzania", "country/rwanda", "country/burundi"}),
    # 'the three states' with a determiner inside the list
    ("Estonia, the Czech Republic and Slovakia signed a defence pact with Poland. "
     "A month later the three states expelled Belarusian diplomats.", "expelled",
     {"country/estonia", "country/czechia", "country/slovakia", "country/belarus"}),
    # an indefinite group in the lead named by a later 'the five powers: ...'
    ("Brazil and five regional powers struck a trade accord in Lima on Friday. "
     "Talks were led for the five powers: Argentina, Chile, Peru, Colombia and Ecuador.", "struck",
     {"country/brazil", "country/argentina", "country/chile", "country/peru", "country/colombia",
      "country/ecuador"}),
    # the members listed right after the mention
    ("The three neighbours, Laos, Cambodia and Thailand, condemned the dam project by Vietnam.", "condemned",
     {"country/laos", "country/cambodia", "country/thailand"}),
    # a list of the wrong length is no antecedent: nothing is invented
    ("Spain, Portugal and Italy agreed on a fishing quota. The four countries criticised Morocco.", "criticised",
     {"country/morocco"}),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,actors", GROUPS)
def test_numbered_group_stands_for_the_listed_members(kg_nlp, text, trigger, actors):
    assert set(_event(kg_nlp, text, trigger)["actors"]) == actors


@pytest.mark.model
def test_two_with_a_modifier_is_a_pair(kg_nlp):
    text = "Norway and Sweden applied for the fund in May. Denmark later condemned the two Nordic countries."
    ev = _event(kg_nlp, text, "condemned")
    assert {"country/norway", "country/sweden"} <= set(ev["actors"])


# ----------------------------------------------------------------- names of settlements
PLACES = [
    ("Rebel fighters captured Marzeba, a town on the river, on Sunday.", "captured", "place/marzeba"),
    ("Government troops seized the village of Dorvanek after heavy fighting.", "seized", "place/dorvanek"),
    ("Rebels shelled Tolvik, the region's largest city, overnight.", "shelled", "place/tolvik"),
    ("The militia overran the Harzab and Kelmet districts last week.", "overran", None),
    ("Insurgents stormed Belgrova, a port in the north, on Thursday.", "stormed", "place/belgrova"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,place", PLACES)
def test_a_settlement_name_is_no_person_actor(kg_nlp, text, trigger, place):
    ev = _event(kg_nlp, text, trigger)
    assert not any(a.startswith("person/") for a in ev["actors"])
    if place is not None:
        assert ev["place"] == place


@pytest.mark.model
def test_a_person_with_an_appositive_title_stays_a_person(kg_nlp):
    ev = _event(kg_nlp, "Macron met Hanna Virtanen, the Finnish foreign minister, in Paris.", "met")
    assert any(a.startswith("person/hanna") for a in ev["actors"])


# ----------------------------------------------------------------- owners after a group noun
OWNED = [
    ("Japan hosted the leaders of Peru and Chile in Tokyo.", "hosted", {"country/peru", "country/chile"}),
    ("The foreign ministers of Brazil, Chile and Peru met in Lima.", "met",
     {"country/brazil", "country/chile", "country/peru"}),
    ("India criticised the governments of Nepal and Bhutan on Monday.", "criticised",
     {"country/nepal", "country/bhutan"}),
    ("The presidents of Ghana and Togo signed a border accord.", "signed", {"country/ghana", "country/togo"}),
    ("The defence ministers of Iraq and Jordan held talks in Amman.", "held", {"country/iraq", "country/jordan"}),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,owners", OWNED)
def test_every_coordinated_owner_of_a_group_noun_takes_part(kg_nlp, text, trigger, owners):
    # a directed act may be one dyad per owner ("criticised the governments of A and B"): all of its events count
    assert owners <= {a for e in _events(kg_nlp, text) if e["trigger"] == trigger for a in e["actors"]}


# ----------------------------------------------------------------- 'the bloc', and 'it' across sentences
ORGANISATIONS = [
    # 'the bloc' after the organisation was named twice
    ("The African Union met in Addis Ababa. Leaders of the African Union adopted a plan. The bloc suspended "
     "Gabon on Friday.",
     "suspended", {"org/african-union", "country/gabon"}),
    # 'the alliance' when it is the only organisation named so far
    ("Finland applied to join NATO in May. The alliance invited Finland to join on Tuesday.", "invited",
     {"org/nato", "country/finland"}),
    # 'it' as the subject of the next main clause takes the organisation the sentence before was about
    ("The European Union has widened its sanctions since March. On Monday it froze the assets of Belarus.",
     "froze", {"org/european-union", "country/belarus"}),
    # ... and a country subject too
    ("Turkey has long opposed the pipeline. In June it expelled the Greek ambassador.", "expelled",
     {"country/turkey", "country/greece"}),
    # a thing as the subject before: 'it' stays unresolved
    ("The report was published on Monday. It criticised Hungary.", "criticised", {"country/hungary"}),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,actors", ORGANISATIONS)
def test_organisation_nouns_and_subject_it(kg_nlp, text, trigger, actors):
    assert set(_event(kg_nlp, text, trigger)["actors"]) == actors


@pytest.mark.model
def test_the_bloc_is_unresolved_between_two_organisations_named_once(kg_nlp):
    text = "NATO met the African Union on Monday. The bloc condemned Russia."
    ev = _event(kg_nlp, text, "condemned")
    assert set(ev["actors"]) == {"country/russia"}


# ----------------------------------------------------------------- titles and owners inside lists of people
def _entities(kg_nlp, text: str) -> tuple:
    doc = kg_nlp.make_doc(text)
    doc._.kg_published = "2024-03-06"
    doc = kg_nlp(doc)
    return doc, doc._.kg_entities, doc._.kg_refs


LISTED_TITLES = [
    # (text, first person, second person, the second's country): the title before the second name
    # is the second person's, never an apposition of the first
    ("The pact was signed by Kenya's trade minister, Amina Odhiambo, Ugandan finance minister Peter Ssali "
     "and Rwanda's envoy.", "person/amina-odhiambo", "person/peter-ssali", "country/uganda"),
    ("Talks were led by Chile's foreign minister, Rosa Vidal, Peruvian defence minister Jorge Salas and others.",
     "person/rosa-vidal", "person/jorge-salas", "country/peru"),
    ("Present were Ghana's envoy, Kofi Mensah, Nigerian foreign minister Ade Okafor and two aides.",
     "person/kofi-mensah", "person/ade-okafor", "country/nigeria"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,first,second,country", LISTED_TITLES)
def test_a_title_before_the_next_name_is_not_the_previous_persons(kg_nlp, text, first, second, country):
    _, ents, _ = _entities(kg_nlp, text)
    assert ents[second]["member_of"] == country
    assert ents[first]["member_of"] != country
    assert ents[first]["role"] is None or ents[first]["role"] != ents[second]["role"]


OWNED_NOUNS = [
    # (text, sector noun, the owners it must stand for)
    ("The statement was signed by Jordanian Foreign Minister Omar Haddad and Egypt's top diplomat.", "diplomat",
     {"country/egypt"}),
    ("Talks between Moroccan Prime Minister Luis Ortega and Spain's foreign ministry ended.", "ministry",
     {"country/spain"}),
    ("The deal was signed by Israeli President Dan Levin and Jordan's envoy.", "envoy", {"country/jordan"}),
]


@pytest.mark.model
@pytest.mark.parametrize("text,noun,owners", OWNED_NOUNS)
def test_a_person_coordinated_before_an_owned_noun_is_no_owner(kg_nlp, text, noun, owners):
    doc, _, refs = _entities(kg_nlp, text)
    tok = next(t for t in doc if t.lower_ == noun)
    assert set(refs.get(tok.i, [])) == owners


# ----------------------------------------------------------------- a region describing a state
REGION_MODIFIERS = [
    ("Saudi Arabia imposed a boycott on the small Persian Gulf state this month.", "imposed"),
    ("Russia threatened the Baltic states on Monday.", "threatened"),
    ("Serbia accused the Balkan nation of harbouring militants.", "accused"),
    ("Egypt condemned the Gulf monarchy for its support of the rebels.", "condemned"),
    ("Ethiopia warned its Horn of Africa neighbours against interference.", "warned"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger", REGION_MODIFIERS)
def test_a_region_describing_a_state_is_no_actor(kg_nlp, text, trigger):
    ev = _event(kg_nlp, text, trigger)
    assert not any(a.startswith("place/") for a in ev["actors"])


@pytest.mark.model
def test_a_region_on_its_own_stays_a_place(kg_nlp):
    doc, _, refs = _entities(kg_nlp, "Iran sent warships to the Persian Gulf on Monday.")
    gulf = next(t for t in doc if t.text == "Gulf")
    assert refs.get(gulf.i) == ["place/persian-gulf"]


# ----------------------------------------------------------------- an assaulted institution (hand-built Docs)
def _hand_doc(n: int = 4):
    from docbuilder import make_doc

    ents = {
        "country/arland": {"kind": "Country", "label": "Arland"},
        "country/borduria": {"kind": "Country", "label": "Borduria"},
        "group/arland-parliament": {"kind": "Group", "label": "Arland parliament", "member_of": "country/arland"},
        "group/arland-lawmakers": {"kind": "Group", "label": "Arland lawmakers", "member_of": "country/arland"},
        "group/protesters": {"kind": "Group", "label": "protesters"},
    }
    rows = [(f"w{i}", f"w{i}", "NOUN" if i else "VERB", "ROOT" if i == 0 else "dep", 0) for i in range(n)]
    return make_doc(rows, ents, {})


def _cand(code: str, sources=(), targets=()):
    from kg.nlp.candidate import EventCandidate

    sources, targets = list(sources), list(targets)
    return EventCandidate(token=0, cameo_code=code, row_code=code, row_pos="VERB", weight=1.0, lemma="",
                          sources=sources, targets=targets, others=[], actors=list(dict.fromkeys(sources + targets)))


INSTITUTIONS = [
    # (code, sources, targets, expected targets)
    ("145", ["group/protesters"], ["group/arland-parliament"], ["country/arland"]),   # stormed the parliament
    ("190", ["country/borduria"], ["group/arland-parliament"], ["country/arland"]),   # shelled the parliament
    ("182", ["group/protesters"], ["group/arland-parliament"], ["country/arland"]),   # attacked it
    ("111", ["country/borduria"], ["group/arland-parliament"], ["group/arland-parliament"]),  # criticised: the body
    ("173", ["group/protesters"], ["group/arland-lawmakers"], ["group/arland-lawmakers"]),    # lawmakers are people
    ("190", ["country/arland"], ["group/arland-parliament"], []),  # its own state's forces: not a target of its own
]


@pytest.mark.parametrize("code,sources,targets,expected", INSTITUTIONS)
def test_an_assaulted_institution_stands_for_its_state(code, sources, targets, expected):
    from kg.nlp.actors import institutions_stand_for_state

    ev = _cand(code, sources, targets)
    institutions_stand_for_state(_hand_doc(), [ev])
    assert ev.targets == expected
    assert ev.sources == sources
    assert set(ev.actors) == set(sources) | set(expected)
