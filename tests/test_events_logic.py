"""Event rules on hand-built parses: arguments, roles, complements, anaphora, merging.

A small lexicon of our own keeps these tests independent of the shipped table.
"""
from __future__ import annotations

import pytest

from docbuilder import make_doc
from kg.nlp.events import extract_events
from kg.nlp.triggers import Lexicon, TriggerRow

pytestmark = pytest.mark.usefixtures("neutral_factuality")  # factuality and time have their own tests

LEX = Lexicon([
    TriggerRow("111", "VERB", "condemn", weight=0.9),
    TriggerRow("044", "VERB", "meet", weight=0.8),
    TriggerRow("044", "NOUN", "meeting", weight=0.8),
    TriggerRow("043", "NOUN", "summit", weight=0.8),
    TriggerRow("0841", "NOUN", "release", weight=0.8),
    TriggerRow("072", "VERB", "provide", objects=frozenset({"missile"}), weight=0.8),
    TriggerRow("030", "VERB", "agree", weight=0.6),
    TriggerRow("102", "VERB", "demand", weight=0.8),
    TriggerRow("0854", "VERB", "lift", objects=frozenset({"sanction"}), weight=0.8),
    TriggerRow("070", "VERB", "receive", subject_role="target", weight=0.7),
    TriggerRow("163", "VERB", "impose", objects=frozenset({"sanction"}), weight=0.9),
])

C = {"kind": "Country"}
ENTS = {
    "country/arland": {**C, "label": "Arland"},
    "country/borduria": {**C, "label": "Borduria"},
    "place/oslo": {"kind": "City", "label": "Oslo", "located_in": "country/norway"},
    "place/arcity": {"kind": "City", "label": "Arcity", "actor_key": "country/arland", "located_in": "country/arland"},
    "person/ann-smith": {"kind": "Person", "label": "Ann Smith"},
    "person/bo-lee": {"kind": "Person", "label": "Bo Lee"},
    "weapon/missile": {"kind": "Weapon", "label": "missile"},
}


def run(rows, refs):
    return extract_events(make_doc(rows, ENTS, refs), LEX)


def test_subject_is_source_object_is_target():
    evs = run([("Arland", "Arland", "PROPN", "nsubj", 1), ("condemned", "condemn", "VERB", "ROOT", 1),
               ("Borduria", "Borduria", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1)],
              {0: ["country/arland"], 2: ["country/borduria"]})
    assert len(evs) == 1
    assert evs[0]["sources"] == ["country/arland"] and evs[0]["targets"] == ["country/borduria"]
    assert evs[0]["cameo_code"] == "111" and evs[0]["anchor"] == "Arland condemned Borduria"


def test_passive_agent_is_the_source():
    evs = run([("Borduria", "Borduria", "PROPN", "nsubjpass", 2), ("was", "be", "AUX", "auxpass", 2),
               ("condemned", "condemn", "VERB", "ROOT", 2), ("by", "by", "ADP", "agent", 2),
               ("Arland", "Arland", "PROPN", "pobj", 3)],
              {0: ["country/borduria"], 4: ["country/arland"]})
    assert evs[0]["sources"] == ["country/arland"] and evs[0]["targets"] == ["country/borduria"]


def test_capital_acting_is_its_country_but_stays_a_place_after_in():
    evs = run([("Arcity", "Arcity", "PROPN", "nsubj", 1), ("condemned", "condemn", "VERB", "ROOT", 1),
               ("Borduria", "Borduria", "PROPN", "dobj", 1), ("in", "in", "ADP", "prep", 1),
               ("Oslo", "Oslo", "PROPN", "pobj", 3)],
              {0: ["place/arcity"], 2: ["country/borduria"], 4: ["place/oslo"]})
    assert evs[0]["sources"] == ["country/arland"] and evs[0]["place"] == "place/oslo"
    evs = run([("Ann", "Ann", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1),
               ("Bo", "Bo", "PROPN", "dobj", 1), ("in", "in", "ADP", "prep", 1),
               ("Arcity", "Arcity", "PROPN", "pobj", 3)],
              {0: ["person/ann-smith"], 2: ["person/bo-lee"], 4: ["place/arcity"]})
    assert evs[0]["place"] == "place/arcity" and "country/arland" not in evs[0]["actors"]


def test_summit_between_coordinated_parties_with_place():
    rows = [("the", "the", "DET", "det", 1), ("summit", "summit", "NOUN", "nsubj", 7),
            ("between", "between", "ADP", "prep", 1), ("Ann", "Ann", "PROPN", "pobj", 2),
            ("and", "and", "CCONJ", "cc", 3), ("Bo", "Bo", "PROPN", "conj", 3),
            ("ended", "end", "VERB", "advmod", 7), ("ended", "end", "VERB", "ROOT", 7)]
    rows = [("The", "the", "DET", "det", 1), ("summit", "summit", "NOUN", "nsubj", 8),
            ("between", "between", "ADP", "prep", 1), ("Ann", "Ann", "PROPN", "pobj", 2),
            ("and", "and", "CCONJ", "cc", 3), ("Bo", "Bo", "PROPN", "conj", 3),
            ("in", "in", "ADP", "prep", 1), ("Oslo", "Oslo", "PROPN", "pobj", 6), ("ended", "end", "VERB", "ROOT", 8)]
    evs = run(rows, {3: ["person/ann-smith"], 5: ["person/bo-lee"], 7: ["place/oslo"]})
    assert len(evs) == 1
    assert set(evs[0]["actors"]) == {"person/ann-smith", "person/bo-lee"}
    assert evs[0]["sources"] == [] and evs[0]["place"] == "place/oslo"
    assert evs[0]["anchor"] == "The summit between Ann and Bo in Oslo"


def test_commitment_verb_codes_its_complement_as_intent():
    # "Ann and Bo agreed to a summit in Oslo" -> one event: the intent to meet (036), not 030 plus 043
    rows = [("Ann", "Ann", "PROPN", "nsubj", 3), ("and", "and", "CCONJ", "cc", 0), ("Bo", "Bo", "PROPN", "conj", 0),
            ("agreed", "agree", "VERB", "ROOT", 3), ("to", "to", "ADP", "prep", 3), ("a", "a", "DET", "det", 6),
            ("summit", "summit", "NOUN", "pobj", 4), ("in", "in", "ADP", "prep", 6), ("Oslo", "Oslo", "PROPN", "pobj", 7)]
    evs = run(rows, {0: ["person/ann-smith"], 2: ["person/bo-lee"], 8: ["place/oslo"]})
    assert [e["cameo_code"] for e in evs] == ["036"]
    assert set(evs[0]["actors"]) == {"person/ann-smith", "person/bo-lee"} and evs[0]["place"] == "place/oslo"


def test_agree_without_an_event_complement_is_an_event():
    rows = [("Ann", "Ann", "PROPN", "nsubj", 1), ("agreed", "agree", "VERB", "ROOT", 1),
            ("with", "with", "ADP", "prep", 1), ("Bo", "Bo", "PROPN", "pobj", 2)]
    evs = run(rows, {0: ["person/ann-smith"], 3: ["person/bo-lee"]})
    assert [e["cameo_code"] for e in evs] == ["030"] and evs[0]["targets"] == ["person/bo-lee"]


def test_content_verb_swallows_what_it_demands():
    # "Arland demanded that Borduria lift sanctions" -> the demand only
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("demanded", "demand", "VERB", "ROOT", 1),
            ("that", "that", "SCONJ", "mark", 4), ("Borduria", "Borduria", "PROPN", "nsubj", 4),
            ("lift", "lift", "VERB", "ccomp", 1), ("sanctions", "sanction", "NOUN", "dobj", 4)]
    evs = run(rows, {0: ["country/arland"], 3: ["country/borduria"]})
    assert [e["cameo_code"] for e in evs] == ["102"]


def test_xcomp_chain_and_nationality_owner():
    # "Ann helped secure the release of Bordurian hostages"
    rows = [("Ann", "Ann", "PROPN", "nsubj", 1), ("helped", "help", "VERB", "ROOT", 1),
            ("secure", "secure", "VERB", "xcomp", 1), ("the", "the", "DET", "det", 4),
            ("release", "release", "NOUN", "dobj", 2), ("of", "of", "ADP", "prep", 4),
            ("Bordurian", "Bordurian", "ADJ", "amod", 7), ("hostages", "hostage", "NOUN", "pobj", 5)]
    evs = run(rows, {0: ["person/ann-smith"], 6: ["country/borduria"]})
    assert evs[0]["cameo_code"] == "0841"
    assert evs[0]["sources"] == ["person/ann-smith"] and evs[0]["targets"] == ["country/borduria"]


def test_weapons_are_themes_and_the_recipient_capital_is_its_country():
    # "Borduria provided missiles to Arcity"
    rows = [("Borduria", "Borduria", "PROPN", "nsubj", 1), ("provided", "provide", "VERB", "ROOT", 1),
            ("missiles", "missile", "NOUN", "dobj", 1), ("to", "to", "ADP", "prep", 1),
            ("Arcity", "Arcity", "PROPN", "pobj", 3)]
    evs = run(rows, {0: ["country/borduria"], 2: ["weapon/missile"], 4: ["place/arcity"]})
    assert evs[0]["themes"] == ["weapon/missile"]
    assert evs[0]["targets"] == ["country/arland"] and "weapon/missile" not in evs[0]["actors"]


def test_receiver_subject_is_the_target():
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("received", "receive", "VERB", "ROOT", 1),
            ("aid", "aid", "NOUN", "dobj", 1), ("from", "from", "ADP", "prep", 1),
            ("Borduria", "Borduria", "PROPN", "pobj", 3)]
    evs = run(rows, {0: ["country/arland"], 4: ["country/borduria"]})
    assert evs[0]["sources"] == ["country/borduria"] and evs[0]["targets"] == ["country/arland"]


def test_definite_event_noun_is_a_second_mention():
    # "Ann met Bo in Oslo. The meeting ended."
    rows = [("Ann", "Ann", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1), ("Bo", "Bo", "PROPN", "dobj", 1),
            ("in", "in", "ADP", "prep", 1), ("Oslo", "Oslo", "PROPN", "pobj", 3), (".", ".", "PUNCT", "punct", 1),
            ("The", "the", "DET", "det", 7), ("meeting", "meeting", "NOUN", "nsubj", 8),
            ("ended", "end", "VERB", "ROOT", 8), (".", ".", "PUNCT", "punct", 8)]
    evs = run(rows, {0: ["person/ann-smith"], 2: ["person/bo-lee"], 4: ["place/oslo"]})
    assert len(evs) == 1
    assert [m["anchor"] for m in evs[0]["extra_mentions"]] == ["The meeting"]


def test_event_without_participants_is_dropped():
    rows = [("A", "a", "DET", "det", 1), ("meeting", "meeting", "NOUN", "nsubj", 2), ("ended", "end", "VERB", "ROOT", 2)]
    assert run(rows, {}) == []


def test_different_ordinals_keep_two_events_apart():
    # "Ann's first meeting with Bo ... Ann's second meeting with Bo"
    rows = [("Ann", "Ann", "PROPN", "poss", 2), ("first", "first", "ADJ", "amod", 2),
            ("meeting", "meeting", "NOUN", "nsubj", 5), ("with", "with", "ADP", "prep", 2),
            ("Bo", "Bo", "PROPN", "pobj", 3), ("ended", "end", "VERB", "ROOT", 5), (".", ".", "PUNCT", "punct", 5),
            ("Ann", "Ann", "PROPN", "poss", 9), ("second", "second", "ADJ", "amod", 9),
            ("meeting", "meeting", "NOUN", "nsubj", 12), ("with", "with", "ADP", "prep", 9),
            ("Bo", "Bo", "PROPN", "pobj", 10), ("began", "begin", "VERB", "ROOT", 12)]
    refs = {0: ["person/ann-smith"], 4: ["person/bo-lee"], 7: ["person/ann-smith"], 11: ["person/bo-lee"]}
    assert len(run(rows, refs)) == 2
    rows[8] = ("first", "first", "ADJ", "amod", 9)
    assert len(run(rows, refs)) == 1


def test_collocation_consumes_its_object_noun():
    lex = Lexicon(LEX.rows + [TriggerRow("163", "NOUN", "sanction", weight=0.8)])
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("imposed", "impose", "VERB", "ROOT", 1),
            ("sanctions", "sanction", "NOUN", "dobj", 1), ("on", "on", "ADP", "prep", 2),
            ("Borduria", "Borduria", "PROPN", "pobj", 3)]
    evs = extract_events(make_doc(rows, ENTS, {0: ["country/arland"], 4: ["country/borduria"]}), lex)
    assert len(evs) == 1 and evs[0]["targets"] == ["country/borduria"] and evs[0]["sources"] == ["country/arland"]


def test_modal_verb_keeps_the_complement_code():
    # "Ann hoped to meet Bo" -> the meeting itself (its factuality says it is only possible)
    rows = [("Ann", "Ann", "PROPN", "nsubj", 1), ("hoped", "hope", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3), ("meet", "meet", "VERB", "xcomp", 1), ("Bo", "Bo", "PROPN", "dobj", 3)]
    evs = run(rows, {0: ["person/ann-smith"], 4: ["person/bo-lee"]})
    assert [e["cameo_code"] for e in evs] == ["044"] and evs[0]["sources"] == ["person/ann-smith"]


def test_commitment_adjective_codes_intent():
    # "Borduria is willing to release Arland hostages" -> intent to release (0353)
    rows = [("Borduria", "Borduria", "PROPN", "nsubj", 1), ("is", "be", "AUX", "ROOT", 1),
            ("willing", "willing", "ADJ", "acomp", 1), ("to", "to", "PART", "aux", 4),
            ("release", "release", "NOUN", "xcomp", 2)]
    lex = Lexicon(LEX.rows + [TriggerRow("0841", "VERB", "release", weight=0.8)])
    evs = extract_events(make_doc(rows, ENTS, {0: ["country/borduria"]},
                                  tags=["NNP", "VBZ", "JJ", "TO", "VB"]), lex)
    assert [e["cameo_code"] for e in evs] == ["0353"]


def test_refusal_to_yield_is_a_rejection(monkeypatch):
    import kg.nlp.factuality as fact

    class Refused:
        value, cues, confidence = "Negated", ("would not",), 0.9

    monkeypatch.setattr(fact, "assess", lambda tok: Refused())
    lex = Lexicon(LEX.rows + [TriggerRow("0841", "VERB", "release", weight=0.8)])
    rows = [("Arland", "Arland", "PROPN", "nsubj", 3), ("would", "would", "AUX", "aux", 3), ("not", "not", "PART", "neg", 3),
            ("release", "release", "VERB", "ROOT", 3), ("hostages", "hostage", "NOUN", "dobj", 3)]
    evs = extract_events(make_doc(rows, ENTS, {0: ["country/arland"]}), lex)
    assert evs[0]["cameo_code"] == "1243" and evs[0]["factuality"] == "Actual"


def test_demand_targets_the_subject_of_what_is_demanded():
    # "Arland demanded that Borduria withdraw" -> target Borduria
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("demanded", "demand", "VERB", "ROOT", 1),
            ("that", "that", "SCONJ", "mark", 4), ("Borduria", "Borduria", "PROPN", "nsubj", 4),
            ("withdraw", "withdraw", "VERB", "ccomp", 1)]
    evs = run(rows, {0: ["country/arland"], 3: ["country/borduria"]})
    assert evs[0]["sources"] == ["country/arland"] and evs[0]["targets"] == ["country/borduria"]


def test_rejection_targets_who_made_the_call():
    # "Arland rejected calls by Borduria for talks" -> target Borduria
    lex = Lexicon(LEX.rows + [TriggerRow("120", "VERB", "reject", weight=0.8)])
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("rejected", "reject", "VERB", "ROOT", 1),
            ("calls", "call", "NOUN", "dobj", 1), ("by", "by", "ADP", "prep", 2),
            ("Borduria", "Borduria", "PROPN", "pobj", 3)]
    evs = extract_events(make_doc(rows, ENTS, {0: ["country/arland"], 4: ["country/borduria"]}), lex)
    assert evs[0]["targets"] == ["country/borduria"]


def test_own_troops_are_no_target():
    # "Borduria withdrew its troops from Arland" -> target Arland, not the troops
    ents = {**ENTS, "group/troops": {"kind": "Group", "label": "troops"}}
    lex = Lexicon(LEX.rows + [TriggerRow("0873", "VERB", "withdraw", weight=0.8)])
    rows = [("Borduria", "Borduria", "PROPN", "nsubj", 1), ("withdrew", "withdraw", "VERB", "ROOT", 1),
            ("its", "its", "PRON", "poss", 3), ("troops", "troop", "NOUN", "dobj", 1),
            ("from", "from", "ADP", "prep", 1), ("Arland", "Arland", "PROPN", "pobj", 4)]
    evs = extract_events(make_doc(rows, ents, {0: ["country/borduria"], 3: ["group/troops"], 5: ["country/arland"]}), lex)
    assert evs[0]["sources"] == ["country/borduria"] and evs[0]["targets"] == ["country/arland"]


def test_event_noun_subject_names_the_act_and_the_verb_adds_victims():
    # "A bombing killed Arland soldiers" -> one event coded as the bombing, target Arland
    lex = Lexicon(LEX.rows + [TriggerRow("183", "NOUN", "bombing", weight=0.6),
                              TriggerRow("190", "VERB", "kill", weight=0.6)])
    rows = [("A", "a", "DET", "det", 1), ("bombing", "bombing", "NOUN", "nsubj", 2), ("killed", "kill", "VERB", "ROOT", 2),
            ("Arland", "Arland", "ADJ", "amod", 4), ("soldiers", "soldier", "NOUN", "dobj", 2)]
    evs = extract_events(make_doc(rows, ENTS, {3: ["country/arland"]}), lex)
    assert [e["cameo_code"] for e in evs] == ["183"] and evs[0]["targets"] == ["country/arland"]


def test_partitive_subject_is_the_group_after_of():
    # "Thousands of Bordurians condemned Arland"
    rows = [("Thousands", "thousand", "NOUN", "nsubj", 3), ("of", "of", "ADP", "prep", 0),
            ("Bordurians", "Bordurian", "PROPN", "pobj", 1), ("condemned", "condemn", "VERB", "ROOT", 3),
            ("Arland", "Arland", "PROPN", "dobj", 3)]
    evs = run(rows, {2: ["country/borduria"], 4: ["country/arland"]})
    assert evs[0]["sources"] == ["country/borduria"]


def test_clause_names_the_parties_of_a_subject_event_noun():
    # "Talks resumed between Arland and Borduria"
    lex = Lexicon(LEX.rows + [TriggerRow("046", "NOUN", "talk", weight=0.7)])
    rows = [("Talks", "talk", "NOUN", "nsubj", 1), ("resumed", "resume", "VERB", "ROOT", 1),
            ("between", "between", "ADP", "prep", 1), ("Arland", "Arland", "PROPN", "pobj", 2),
            ("and", "and", "CCONJ", "cc", 3), ("Borduria", "Borduria", "PROPN", "conj", 3)]
    evs = extract_events(make_doc(rows, ENTS, {3: ["country/arland"], 5: ["country/borduria"]}), lex)
    assert set(evs[0]["actors"]) == {"country/arland", "country/borduria"}


def test_definite_noun_without_antecedent_takes_its_clause_subject():
    # "Arland announced the summit." (no earlier summit) -> Arland's summit
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("announced", "announce", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("summit", "summit", "NOUN", "dobj", 1)]
    evs = run(rows, {0: ["country/arland"]})
    assert evs[0]["actors"] == ["country/arland"] and evs[0]["cameo_code"] == "043"


def test_reported_obligation_is_a_demand_on_the_obliged():
    # "Arland said Borduria must withdraw" -> demand (100) Arland -> Borduria
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1),
            ("Borduria", "Borduria", "PROPN", "nsubj", 4), ("must", "must", "AUX", "aux", 4),
            ("withdraw", "withdraw", "VERB", "ccomp", 1)]
    evs = run(rows, {0: ["country/arland"], 2: ["country/borduria"]})
    assert [(e["cameo_code"], e["sources"], e["targets"]) for e in evs] == [
        ("100", ["country/arland"], ["country/borduria"])]
    # the speaker obliging itself demands nothing
    refs = {0: ["country/arland"], 2: ["country/arland"]}
    assert run(rows, refs) == []


def _planned(monkeypatch):
    import kg.nlp.factuality as fact

    class P:
        value, cues, confidence = "Planned", ("will",), 0.9

    monkeypatch.setattr(fact, "assess", lambda tok: P())


def test_announced_cooperation_is_intent_and_announced_coercion_a_threat(monkeypatch):
    _planned(monkeypatch)
    lex = Lexicon(LEX.rows + [TriggerRow("1723", "VERB", "impose", objects=frozenset({"curfew"}), weight=0.8)])
    meet = [("Ann", "Ann", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2), ("meet", "meet", "VERB", "ROOT", 2),
            ("Bo", "Bo", "PROPN", "dobj", 2)]
    evs = extract_events(make_doc(meet, ENTS, {0: ["person/ann-smith"], 3: ["person/bo-lee"]}), lex)
    assert evs[0]["cameo_code"] == "036" and evs[0]["factuality"] == "Planned"
    curfew = [("Arland", "Arland", "PROPN", "nsubj", 2), ("will", "will", "AUX", "aux", 2),
              ("impose", "impose", "VERB", "ROOT", 2), ("a", "a", "DET", "det", 4), ("curfew", "curfew", "NOUN", "dobj", 2)]
    evs = extract_events(make_doc(curfew, ENTS, {0: ["country/arland"]}), lex)
    assert evs[0]["cameo_code"] == "1323"


def test_one_sided_act_targets_the_territory_it_happens_in():
    # "Arland lifted the curfew in Oslo" -> target Oslo's polity; not for the actor's own territory
    lex = Lexicon(LEX.rows + [TriggerRow("0813", "VERB", "lift", objects=frozenset({"curfew"}), weight=0.8)])
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("lifted", "lift", "VERB", "ROOT", 1),
            ("the", "the", "DET", "det", 3), ("curfew", "curfew", "NOUN", "dobj", 1),
            ("in", "in", "ADP", "prep", 1), ("Oslo", "Oslo", "PROPN", "pobj", 4)]
    evs = extract_events(make_doc(rows, ENTS, {0: ["country/arland"], 5: ["place/oslo"]}), lex)
    # the city is the place; the polity it belongs to is the target (kg.nlp.actors.drop_place_actors)
    assert evs[0]["targets"] == ["country/norway"] and evs[0]["place"] == "place/oslo"
    own = extract_events(make_doc(rows, ENTS, {0: ["country/arland"], 5: ["place/arcity"]}), lex)
    assert own[0]["targets"] == []  # Arcity is Arland's own capital


def test_threat_targets_whoever_the_condition_is_on():
    # "Arland threatened to leave if Borduria attacks"
    lex = Lexicon(LEX.rows + [TriggerRow("130", "VERB", "threaten", weight=0.9)])
    rows = [("Arland", "Arland", "PROPN", "nsubj", 1), ("threatened", "threaten", "VERB", "ROOT", 1),
            ("to", "to", "PART", "aux", 3), ("leave", "leave", "VERB", "xcomp", 1), ("if", "if", "SCONJ", "mark", 6),
            ("Borduria", "Borduria", "PROPN", "nsubj", 6), ("attacks", "attack", "VERB", "advcl", 3)]
    evs = extract_events(make_doc(rows, ENTS, {0: ["country/arland"], 5: ["country/borduria"]}), lex)
    assert evs[0]["targets"] == ["country/borduria"]
