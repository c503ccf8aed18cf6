"""Actor sets through the real pipeline: numbered group mentions stand for the members a list
names, a name the model took for a person but that names a settlement is a place, and a
sector noun owned by coordinated names belongs to each of them.

Every sentence here is written for these tests (none comes from an evaluation text)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


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


@pytest.mark.parametrize("text,trigger,actors", GROUPS)
def test_numbered_group_stands_for_the_listed_members(kg_nlp, text, trigger, actors):
    assert set(_event(kg_nlp, text, trigger)["actors"]) == actors


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


@pytest.mark.parametrize("text,trigger,place", PLACES)
def test_a_settlement_name_is_no_person_actor(kg_nlp, text, trigger, place):
    ev = _event(kg_nlp, text, trigger)
    assert not any(a.startswith("person/") for a in ev["actors"])
    if place is not None:
        assert ev["place"] == place


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


@pytest.mark.parametrize("text,trigger,owners", OWNED)
def test_every_coordinated_owner_of_a_group_noun_takes_part(kg_nlp, text, trigger, owners):
    assert owners <= set(_event(kg_nlp, text, trigger)["actors"])


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


@pytest.mark.parametrize("text,trigger,actors", ORGANISATIONS)
def test_organisation_nouns_and_subject_it(kg_nlp, text, trigger, actors):
    assert set(_event(kg_nlp, text, trigger)["actors"]) == actors


def test_the_bloc_is_unresolved_between_two_organisations_named_once(kg_nlp):
    text = "NATO met the African Union on Monday. The bloc condemned Russia."
    ev = _event(kg_nlp, text, "condemned")
    assert set(ev["actors"]) == {"country/russia"}
