"""The actor set of events: who takes part, and who does not.

Hand-built parses (no model) of sentences written for these tests, with
invented countries (Arland, Borduria, Cordovia, Dalmia) and their cities.
Each phenomenon is checked on at least five sentences of varied wording and
structure; the passes of :mod:`kg.nlp.actors` run inside ``extract_events``.
"""
from __future__ import annotations

import pytest

from docbuilder import make_doc
from kg.nlp.events import extract_events
from kg.nlp.triggers import Lexicon, TriggerRow

pytestmark = pytest.mark.usefixtures("neutral_factuality")

LEX = Lexicon([
    TriggerRow("057", "NOUN", "deal", weight=0.8),
    TriggerRow("057", "NOUN", "accord", weight=0.8),
    TriggerRow("057", "VERB", "sign", weight=0.8),
    TriggerRow("057", "VERB", "reach", objects=frozenset({"deal", "agreement"}), weight=0.8),
    TriggerRow("046", "NOUN", "talks", weight=0.8),
    TriggerRow("046", "VERB", "hold", objects=frozenset({"talks"}), weight=0.8),
    TriggerRow("040", "VERB", "meet", weight=0.8),
    TriggerRow("042", "NOUN", "visit", weight=0.8),
    TriggerRow("042", "VERB", "tour", weight=0.8),
    TriggerRow("042", "NOUN", "trip", weight=0.8),
    TriggerRow("020", "VERB", "ask", weight=0.7),
    TriggerRow("020", "VERB", "appeal", weight=0.7),
    TriggerRow("030", "VERB", "promise", weight=0.7),
    TriggerRow("0331", "VERB", "pledge", weight=0.7),
    TriggerRow("0841", "VERB", "swap", weight=0.8),
    TriggerRow("0841", "VERB", "exchange", weight=0.8),
    TriggerRow("141", "VERB", "protest", weight=0.8),
    TriggerRow("111", "VERB", "condemn", weight=0.8),
    TriggerRow("111", "VERB", "criticize", weight=0.8),
    TriggerRow("130", "VERB", "warn", weight=0.8),
    TriggerRow("154", "VERB", "mass", weight=0.8),
    TriggerRow("154", "VERB", "deploy", weight=0.8),
    TriggerRow("190", "VERB", "kill", weight=0.8),
    TriggerRow("195", "VERB", "bomb", weight=0.8),
    TriggerRow("190", "VERB", "shell", weight=0.8),
    TriggerRow("0233", "VERB", "seek", weight=0.6),
])

ENTS = {
    "country/arland": {"kind": "Country", "label": "Arland"},
    "country/borduria": {"kind": "Country", "label": "Borduria"},
    "country/cordovia": {"kind": "Country", "label": "Cordovia"},
    "country/dalmia": {"kind": "Country", "label": "Dalmia"},
    "place/arcity": {"kind": "City", "label": "Arcity", "actor_key": "country/arland", "located_in": "country/arland"},
    "place/bordtown": {"kind": "City", "label": "Bordtown", "located_in": "country/borduria"},
    "place/lakeport": {"kind": "City", "label": "Lakeport", "located_in": "country/dalmia"},
    "place/hill-valley": {"kind": "Place", "label": "Hill Valley"},
    "person/ann-moro": {"kind": "Person", "label": "Ann Moro", "member_of": "country/arland"},
    "person/bo-lee": {"kind": "Person", "label": "Bo Lee", "member_of": "country/borduria"},
    "person/cy-vance": {"kind": "Person", "label": "Cy Vance", "member_of": "country/cordovia"},
    "group/arland-troops": {"kind": "Group", "label": "Arland troops", "member_of": "country/arland"},
    "group/troops": {"kind": "Group", "label": "troops"},
    "group/soldiers": {"kind": "Group", "label": "troops"},
}
WORDS = {"Arland": "country/arland", "Arlandic": "country/arland", "Borduria": "country/borduria",
         "Bordurian": "country/borduria", "Cordovia": "country/cordovia", "Cordovian": "country/cordovia",
         "Dalmia": "country/dalmia", "Dalmian": "country/dalmia", "Arcity": "place/arcity",
         "Bordtown": "place/bordtown", "Lakeport": "place/lakeport", "Valley": "place/hill-valley",
         "Moro": "person/ann-moro", "Lee": "person/bo-lee", "Vance": "person/cy-vance",
         "troops": "group/troops", "soldiers": "group/troops"}


def events(spec: str) -> list[dict]:
    """spec: space-separated 'word[|lemma]/POS/dep/head' tokens, head an absolute index."""
    rows, tags = [], []
    for t in spec.split():
        word, pos, dep, head = t.rsplit("/", 3)
        word, _, lemma = word.partition("|")
        rows.append((word, lemma or word.lower(), pos, dep, int(head)))
        tags.append({"who": "WP", "which": "WDT"}.get(word.lower(), None))
    refs = {i: [WORDS[r[0]]] for i, r in enumerate(rows) if r[0] in WORDS}
    from docbuilder import _TAGS  # noqa: PLC0415 - the default tag of each part of speech
    tags = [t or _TAGS.get(r[2], "XX") for t, r in zip(tags, rows)]
    return extract_events(make_doc(rows, ENTS, refs, tags=tags), LEX)


def one(evs: list[dict], code: str) -> dict:
    found = [e for e in evs if e["cameo_code"] == code]
    assert len(found) == 1, [(e["cameo_code"], e["actors"]) for e in evs]
    return found[0]


# ------------------------------------------------------------ places are no actors
@pytest.mark.parametrize("spec, code, actors, place", [
    # "Arland and Borduria signed an accord in Lakeport"
    ("Arland/PROPN/nsubj/3 and/CCONJ/cc/0 Borduria/PROPN/conj/0 signed|sign/VERB/ROOT/3 an/DET/det/5 "
     "accord/NOUN/dobj/3 in/ADP/prep/3 Lakeport/PROPN/pobj/6", "057",
     {"country/arland", "country/borduria"}, "place/lakeport"),
    # "Bo Lee met Ann Moro at Hill Valley"
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/2 met|meet/VERB/ROOT/2 Ann/PROPN/compound/4 Moro/PROPN/dobj/2 "
     "at/ADP/prep/2 Hill/PROPN/compound/7 Valley/PROPN/pobj/5", "040",
     {"person/bo-lee", "person/ann-moro"}, "place/hill-valley"),
    # "Cordovia reached a deal with Dalmia in Bordtown"
    ("Cordovia/PROPN/nsubj/1 reached|reach/VERB/ROOT/1 a/DET/det/3 deal/NOUN/dobj/1 with/ADP/prep/1 "
     "Dalmia/PROPN/pobj/4 in/ADP/prep/1 Bordtown/PROPN/pobj/6", "057",
     {"country/cordovia", "country/dalmia"}, "place/bordtown"),
    # "Arland held talks in Lakeport" (the small model sometimes hangs the city on the noun)
    ("Arland/PROPN/nsubj/1 held|hold/VERB/ROOT/1 talks/NOUN/dobj/1 in/ADP/prep/2 Lakeport/PROPN/pobj/3",
     "046", {"country/arland"}, "place/lakeport"),
    # "Dalmian soldiers shelled Bordtown": the town is the place, its country the target
    ("Dalmian/ADJ/amod/1 soldiers/NOUN/nsubj/2 shelled|shell/VERB/ROOT/2 Bordtown/PROPN/dobj/2", "190",
     {"group/troops", "country/borduria"}, "place/bordtown"),
    # "Arland bombed Hill Valley": a place of no known country is only the place
    ("Arland/PROPN/nsubj/1 bombed|bomb/VERB/ROOT/1 Hill/PROPN/compound/3 Valley/PROPN/dobj/1", "195",
     {"country/arland"}, "place/hill-valley"),
])
def test_a_place_is_where_not_who(spec, code, actors, place):
    ev = one(events(spec), code)
    assert set(ev["actors"]) == actors and ev["place"] == place


def test_a_place_in_the_actors_own_country_gives_no_target():
    # "Arland shelled Arcity" -- Arcity stands for Arland itself (seat of government): no foreign target
    ev = one(events("Arland/PROPN/nsubj/1 shelled|shell/VERB/ROOT/1 Arcity/PROPN/dobj/1"), "190")
    assert "country/borduria" not in ev["targets"]


# ------------------------------------------------------------ the topic of an event noun
@pytest.mark.parametrize("spec, code, topic", [
    # "Arland and Borduria reached no deal on Dalmia"
    ("Arland/PROPN/nsubj/3 and/CCONJ/cc/0 Borduria/PROPN/conj/0 reached|reach/VERB/ROOT/3 no/DET/det/5 "
     "deal/NOUN/dobj/3 on/ADP/prep/5 Dalmia/PROPN/pobj/6", "057", "country/dalmia"),
    # "Ann Moro held talks with Bo Lee over Cordovia"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 held|hold/VERB/ROOT/2 talks/NOUN/dobj/2 with/ADP/prep/3 "
     "Bo/PROPN/compound/6 Lee/PROPN/pobj/4 over/ADP/prep/3 Cordovia/PROPN/pobj/7", "046", "country/cordovia"),
    # "the talks on Dalmia between Arland and Cordovia"
    ("the/DET/det/1 talks/NOUN/ROOT/1 on/ADP/prep/1 Dalmia/PROPN/pobj/2 between/ADP/prep/1 "
     "Arland/PROPN/pobj/4 and/CCONJ/cc/5 Cordovia/PROPN/conj/5", "046", "country/dalmia"),
    # "Borduria signed an accord with Arland about Cordovia"
    ("Borduria/PROPN/nsubj/1 signed|sign/VERB/ROOT/1 an/DET/det/3 accord/NOUN/dobj/1 with/ADP/prep/1 "
     "Arland/PROPN/pobj/4 about/ADP/prep/3 Cordovia/PROPN/pobj/6", "057", "country/cordovia"),
    # "Arland's deal with Borduria on Lakeport" -- a city topic is not the place either
    ("Arland/PROPN/poss/2 's/PART/case/0 deal/NOUN/ROOT/2 with/ADP/prep/2 Borduria/PROPN/pobj/3 "
     "on/ADP/prep/2 Dalmia/PROPN/pobj/5", "057", "country/dalmia"),
])
def test_the_topic_of_talks_or_an_agreement_is_no_party(spec, code, topic):
    ev = one(events(spec), code)
    assert topic not in ev["actors"] and ev["actors"]


def test_sanctions_on_a_country_keep_their_target():
    lex_spec = ("Arland/PROPN/nsubj/1 imposed|impose/VERB/ROOT/1 sanctions|sanction/NOUN/dobj/1 on/ADP/prep/2 "
                "Borduria/PROPN/pobj/3")
    rows = []
    for t in lex_spec.split():
        word, pos, dep, head = t.rsplit("/", 3)
        word, _, lemma = word.partition("|")
        rows.append((word, lemma or word.lower(), pos, dep, int(head)))
    lex = Lexicon([TriggerRow("163", "VERB", "impose", objects=frozenset({"sanction"}), weight=0.8)])
    evs = extract_events(make_doc(rows, ENTS, {0: ["country/arland"], 4: ["country/borduria"]}), lex)
    assert evs[0]["targets"] == ["country/borduria"]


# ------------------------------------------------------------ one side counted twice
@pytest.mark.parametrize("spec, code, actors", [
    # "Ann Moro promised that Arland would help Borduria"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 promised|promise/VERB/ROOT/2 that/SCONJ/mark/5 "
     "Arland/PROPN/nsubj/5 would/AUX/aux/5 help/VERB/ccomp/2 Borduria/PROPN/dobj/6", "030",
     {"person/ann-moro", "country/borduria"}),
    # "Bo Lee and Borduria signed an accord with Cordovia"
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/4 and/CCONJ/cc/1 Borduria/PROPN/conj/1 signed|sign/VERB/ROOT/4 "
     "an/DET/det/6 accord/NOUN/dobj/4 with/ADP/prep/4 Cordovia/PROPN/pobj/7", "057",
     {"person/bo-lee", "country/cordovia"}),
    # "Cy Vance met Ann Moro and Arland's envoys" (envoys resolved to Arland)
    ("Cy/PROPN/compound/1 Vance/PROPN/nsubj/2 met|meet/VERB/ROOT/2 Ann/PROPN/compound/4 Moro/PROPN/dobj/2 "
     "and/CCONJ/cc/4 Arland/PROPN/conj/4", "040", {"person/cy-vance", "person/ann-moro"}),
    # "Arland troops and Arland killed ..." -> the country's forces and the country are one side
    ("Arlandic/ADJ/amod/1 troops/NOUN/nsubj/4 and/CCONJ/cc/1 Arland/PROPN/conj/1 killed|kill/VERB/ROOT/4 "
     "Bordurian/ADJ/amod/6 soldiers/NOUN/dobj/4", "190", None),
    # "Bo Lee condemned Cordovia" -- different sides stay
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/2 condemned|condemn/VERB/ROOT/2 Cordovia/PROPN/dobj/2", "111",
     {"person/bo-lee", "country/cordovia"}),
])
def test_a_leader_or_the_forces_of_a_country_and_the_country_are_one_side(spec, code, actors):
    evs = events(spec)
    if actors is None:  # the group case: build the group reference by hand
        return
    assert set(one(evs, code)["actors"]) == actors


def test_a_countrys_troops_and_the_country_are_one_side():
    rows = [("Arlandic", "arlandic", "ADJ", "amod", 1), ("troops", "troops", "NOUN", "nsubj", 4),
            ("and", "and", "CCONJ", "cc", 1), ("Arland", "arland", "PROPN", "conj", 1),
            ("killed", "kill", "VERB", "ROOT", 4), ("Cordovia", "cordovia", "PROPN", "dobj", 4)]
    refs = {0: ["group/arland-troops"], 1: ["group/arland-troops"], 3: ["country/arland"], 5: ["country/cordovia"]}
    ev = extract_events(make_doc(rows, ENTS, refs), LEX)[0]
    assert set(ev["actors"]) == {"group/arland-troops", "country/cordovia"}


# ------------------------------------------------------------ relative clauses
@pytest.mark.parametrize("spec, code, source", [
    # "Arland received Bo Lee, who pledged aid"
    ("Arland/PROPN/nsubj/1 received|receive/VERB/ROOT/1 Bo/PROPN/compound/3 Lee/PROPN/dobj/1 ,/PUNCT/punct/3 "
     "who/PRON/nsubj/6 pledged|pledge/VERB/relcl/3 aid/NOUN/dobj/6", "0331", "person/bo-lee"),
    # "Cordovia, which swapped prisoners with Dalmia, ..."
    ("Cordovia/PROPN/ROOT/0 ,/PUNCT/punct/0 which/PRON/nsubj/3 swapped|swap/VERB/relcl/0 "
     "prisoners/NOUN/dobj/3 with/ADP/prep/3 Dalmia/PROPN/pobj/5", "0841", "country/cordovia"),
    # "They thanked Ann Moro, who had warned Borduria"
    ("They/PRON/nsubj/1 thanked|thank/VERB/ROOT/1 Ann/PROPN/compound/3 Moro/PROPN/dobj/1 ,/PUNCT/punct/3 "
     "who/PRON/nsubj/7 had/AUX/aux/7 warned|warn/VERB/relcl/3 Borduria/PROPN/dobj/7", "130", "person/ann-moro"),
    # "the envoy Cy Vance, who met Bo Lee"
    ("Cy/PROPN/compound/1 Vance/PROPN/ROOT/1 ,/PUNCT/punct/1 who/PRON/nsubj/4 met|meet/VERB/relcl/1 "
     "Bo/PROPN/compound/6 Lee/PROPN/dobj/4", "040", "person/cy-vance"),
    # "Dalmia, which criticized Arland"
    ("Dalmia/PROPN/ROOT/0 ,/PUNCT/punct/0 which/PRON/nsubj/3 criticized|criticize/VERB/relcl/0 "
     "Arland/PROPN/dobj/3", "111", "country/dalmia"),
])
def test_a_relative_pronoun_stands_for_its_antecedent(spec, code, source):
    assert one(events(spec), code)["sources"] == [source]


# ------------------------------------------------------------ warnings are aimed at what they are about
@pytest.mark.parametrize("spec, target", [
    # "Arland warned that Borduria would pay" (clean parse)
    ("Arland/PROPN/nsubj/1 warned|warn/VERB/ROOT/1 that/SCONJ/mark/5 Borduria/PROPN/nsubj/5 would/AUX/aux/5 "
     "pay/VERB/ccomp/1", "country/borduria"),
    # "Arland warned that Borduria's arms sales breach ..." with 'that' misread as an object
    ("Arland/PROPN/nsubj/1 warned|warn/VERB/ROOT/1 that/SCONJ/dobj/1 Borduria/PROPN/poss/6 's/PART/case/3 "
     "arms/NOUN/compound/6 sales/NOUN/pobj/2", "country/borduria"),
    # "Ann Moro warned that Cordovia's tests were a threat"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 warned|warn/VERB/ROOT/2 that/SCONJ/mark/7 Cordovia/PROPN/poss/6 "
     "'s/PART/case/4 tests/NOUN/nsubj/7 were/AUX/ccomp/2", "country/cordovia"),
    # "Dalmia warned Borduria" (direct object)
    ("Dalmia/PROPN/nsubj/1 warned|warn/VERB/ROOT/1 Borduria/PROPN/dobj/1", "country/borduria"),
    # "Bo Lee warned that Arland's troops could cross"
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/2 warned|warn/VERB/ROOT/2 that/SCONJ/mark/8 Arland/PROPN/poss/6 "
     "'s/PART/case/4 missiles/NOUN/nsubj/8 could/AUX/aux/8 strike/VERB/ccomp/2", "country/arland"),
])
def test_a_warning_is_aimed_at_the_party_it_is_about(spec, target):
    assert target in one(events(spec), "130")["targets"]


# ------------------------------------------------------------ a target given as an event noun
@pytest.mark.parametrize("spec", [
    # "Arland toured Bordtown. Cordovia protested against the trip."
    "Arland/PROPN/nsubj/1 toured|tour/VERB/ROOT/1 Bordtown/PROPN/dobj/1 ./PUNCT/punct/1 "
    "Cordovia/PROPN/nsubj/5 protested|protest/VERB/ROOT/5 against/ADP/prep/5 the/DET/det/8 trip/NOUN/pobj/6",
    # "Cordovia condemned Arland's visit to Bordtown"
    "Cordovia/PROPN/nsubj/1 condemned|condemn/VERB/ROOT/1 Arland/PROPN/poss/4 's/PART/case/2 "
    "visit/NOUN/dobj/1 to/ADP/prep/4 Bordtown/PROPN/pobj/5",
    # "Arland and Borduria signed a deal. Cordovia criticized the deal."
    "Arland/PROPN/nsubj/3 and/CCONJ/cc/0 Borduria/PROPN/conj/0 signed|sign/VERB/ROOT/3 a/DET/det/5 "
    "deal/NOUN/dobj/3 ./PUNCT/punct/3 Cordovia/PROPN/nsubj/8 criticized|criticize/VERB/ROOT/8 the/DET/det/10 "
    "deal/NOUN/dobj/8",
    # "Arland met Borduria. Cordovia protested over the meeting." (meeting as a noun of the meeting)
    "Arland/PROPN/nsubj/1 met|meet/VERB/ROOT/1 Borduria/PROPN/dobj/1 ./PUNCT/punct/1 Cordovia/PROPN/nsubj/5 "
    "protested|protest/VERB/ROOT/5 over/ADP/prep/5 the/DET/det/8 visit/NOUN/pobj/6",
    # "Cordovia condemned the accord between Arland and Borduria"
    "Cordovia/PROPN/nsubj/1 condemned|condemn/VERB/ROOT/1 the/DET/det/3 accord/NOUN/dobj/1 "
    "between/ADP/prep/3 Arland/PROPN/pobj/4 and/CCONJ/cc/5 Borduria/PROPN/conj/5",
])
def test_an_act_aimed_at_an_event_is_aimed_at_its_parties(spec):
    evs = [e for e in events(spec) if e["cameo_code"][:2] in ("11", "14")]
    assert len(evs) == 1
    assert evs[0]["sources"] == ["country/cordovia"] and "country/arland" in evs[0]["targets"]


def test_condemning_a_hostile_act_is_aimed_at_its_agents():
    # "Arland shelled Bordtown. Cordovia condemned the shelling."
    lex = Lexicon(LEX.rows + [TriggerRow("190", "NOUN", "shelling", weight=0.8)])
    rows = [("Arland", "arland", "PROPN", "nsubj", 1), ("shelled", "shell", "VERB", "ROOT", 1),
            ("Bordtown", "bordtown", "PROPN", "dobj", 1), (".", ".", "PUNCT", "punct", 1),
            ("Cordovia", "cordovia", "PROPN", "nsubj", 5), ("condemned", "condemn", "VERB", "ROOT", 5),
            ("the", "the", "DET", "det", 7), ("shelling", "shelling", "NOUN", "dobj", 5)]
    refs = {0: ["country/arland"], 2: ["place/bordtown"], 4: ["country/cordovia"]}
    ev = next(e for e in extract_events(make_doc(rows, ENTS, refs), lex) if e["cameo_code"] == "111")
    assert ev["targets"] == ["country/arland"]  # not Borduria, the shelled side



# ------------------------------------------------------------ the host of a visit
@pytest.mark.parametrize("spec, code, host", [
    # "During his visit to Arcity, Bo Lee asked for boats"
    ("During/ADP/prep/7 his/PRON/poss/2 visit/NOUN/pobj/0 to/ADP/prep/2 Arcity/PROPN/pobj/3 ,/PUNCT/punct/7 "
     "Lee/PROPN/nsubj/7 asked|ask/VERB/ROOT/7 for/ADP/prep/7 boats/NOUN/pobj/8", "020", "country/arland"),
    # "On a trip to Arland, Cy Vance appealed for help"
    ("On/ADP/prep/7 a/DET/det/2 trip/NOUN/pobj/0 to/ADP/prep/2 Arland/PROPN/pobj/3 ,/PUNCT/punct/7 "
     "Vance/PROPN/nsubj/7 appealed|appeal/VERB/ROOT/7 for/ADP/prep/7 help/NOUN/pobj/8", "020", "country/arland"),
    # "Bo Lee pledged support during a stay in Arcity"
    ("Lee/PROPN/nsubj/1 pledged|pledge/VERB/ROOT/1 support/NOUN/dobj/1 during/ADP/prep/1 a/DET/det/5 "
     "stay/NOUN/pobj/3 in/ADP/prep/5 Arcity/PROPN/pobj/6", "0331", "country/arland"),
    # "At the end of ... " no: "During her tour of Borduria" is not 'to/in'; "During the visit to Dalmia, Ann
    # Moro promised aid" (an unknown city gives no host, a country does)
    ("Moro/PROPN/nsubj/1 asked|ask/VERB/ROOT/1 for/ADP/prep/1 aid/NOUN/pobj/2 during/ADP/prep/1 "
     "the/DET/det/6 visit/NOUN/pobj/4 to/ADP/prep/6 Dalmia/PROPN/pobj/7", "020", "country/dalmia"),
    # "After a visit to Bordtown, Cy Vance asked for loans" -- Bordtown is no seat of government: no host
    ("After/ADP/prep/7 a/DET/det/2 visit/NOUN/pobj/0 to/ADP/prep/2 Bordtown/PROPN/pobj/3 ,/PUNCT/punct/7 "
     "Vance/PROPN/nsubj/7 asked|ask/VERB/ROOT/7 for/ADP/prep/7 loans/NOUN/pobj/8", "020", None),
])
def test_a_request_during_a_visit_is_addressed_to_the_host(spec, code, host):
    ev = one(events(spec), code)
    assert ev["targets"] == ([host] if host else [])


# ------------------------------------------------------------ brokers
@pytest.mark.parametrize("spec, code", [
    # "Under a Cordovian-brokered deal, Arland and Borduria swapped prisoners"
    ("Under/ADP/prep/10 a/DET/det/5 Cordovian/ADJ/amod/4 -/PUNCT/punct/4 brokered/VERB/amod/5 deal/NOUN/pobj/0 "
     ",/PUNCT/punct/10 Arland/PROPN/nsubj/10 and/CCONJ/cc/7 Borduria/PROPN/conj/7 swapped|swap/VERB/ROOT/10 "
     "prisoners/NOUN/dobj/10", "0841"),
    # "Arland and Borduria signed a deal brokered by Cordovia"
    ("Arland/PROPN/nsubj/3 and/CCONJ/cc/0 Borduria/PROPN/conj/0 signed|sign/VERB/ROOT/3 a/DET/det/5 "
     "deal/NOUN/dobj/3 brokered/VERB/acl/5 by/ADP/agent/6 Cordovia/PROPN/pobj/7", "057"),
    # "Under an accord mediated by Cordovia, Arland and Borduria exchanged soldiers"
    ("Under/ADP/prep/10 an/DET/det/2 accord/NOUN/pobj/0 mediated/VERB/acl/2 by/ADP/agent/3 "
     "Cordovia/PROPN/pobj/4 ,/PUNCT/punct/10 Arland/PROPN/nsubj/10 and/CCONJ/cc/7 Borduria/PROPN/conj/7 "
     "exchanged|exchange/VERB/ROOT/10 soldiers/NOUN/dobj/10", "0841"),
    # "the Cordovian-mediated accord between Arland and Borduria"
    ("the/DET/det/4 Cordovian/ADJ/amod/3 -/PUNCT/punct/3 mediated/VERB/amod/4 accord/NOUN/ROOT/4 "
     "between/ADP/prep/4 Arland/PROPN/pobj/5 and/CCONJ/cc/6 Borduria/PROPN/conj/6", "057"),
    # "Under a deal brokered by Cordovia and Dalmia, Arland and Borduria swapped prisoners"
    ("Under/ADP/prep/12 a/DET/det/2 deal/NOUN/pobj/0 brokered/VERB/acl/2 by/ADP/agent/3 "
     "Cordovia/PROPN/pobj/4 and/CCONJ/cc/5 Dalmia/PROPN/conj/5 ,/PUNCT/punct/12 Arland/PROPN/nsubj/12 "
     "and/CCONJ/cc/9 Borduria/PROPN/conj/9 swapped|swap/VERB/ROOT/12 prisoners/NOUN/dobj/12", "0841"),
])
def test_the_broker_takes_part_in_the_deal_and_what_is_done_under_it(spec, code):
    ev = one(events(spec), code)
    assert {"country/arland", "country/borduria", "country/cordovia"} <= set(ev["actors"])
    assert "country/cordovia" not in ev["sources"]


# ------------------------------------------------------------ forces moved are no target
@pytest.mark.parametrize("spec, target", [
    ("Arland/PROPN/nsubj/1 massed|mass/VERB/ROOT/1 troops/NOUN/dobj/1 near/ADP/prep/2 Borduria/PROPN/poss/6 "
     "'s/PART/case/4 border/NOUN/pobj/3", "country/borduria"),
    ("Arland/PROPN/nsubj/1 deployed|deploy/VERB/ROOT/1 soldiers/NOUN/dobj/1 along/ADP/prep/1 the/DET/det/5 "
     "border/NOUN/pobj/3 with/ADP/prep/5 Dalmia/PROPN/pobj/6", "country/dalmia"),
    ("Cordovia/PROPN/nsubj/1 massed|mass/VERB/ROOT/1 troops/NOUN/dobj/1", None),
    ("Borduria/PROPN/nsubj/1 deployed|deploy/VERB/ROOT/1 troops/NOUN/dobj/1 to/ADP/prep/1 "
     "Arland/PROPN/pobj/3", "country/arland"),
    ("Dalmia/PROPN/nsubj/1 deployed|deploy/VERB/ROOT/1 troops/NOUN/dobj/1 on/ADP/prep/1 Cordovia/PROPN/poss/6 "
     "'s/PART/case/4 frontier/NOUN/pobj/3", "country/cordovia"),
])
def test_troops_moved_are_no_target(spec, target):
    ev = one(events(spec), "154")
    assert "group/troops" not in ev["actors"]
    assert ev["targets"] == ([target] if target else [])


def test_a_meeting_of_no_one_but_a_place_is_dropped_an_act_on_a_place_kept():
    # "Talks were held in Lakeport." (the model took the city for a participant) / "Lakeport was shelled."
    rows = [("Lakeport", "lakeport", "PROPN", "nsubj", 1), ("met", "meet", "VERB", "ROOT", 1)]
    assert extract_events(make_doc(rows, ENTS, {0: ["place/lakeport"]}), LEX) == []
    rows = [("Lakeport", "lakeport", "PROPN", "nsubjpass", 2), ("was", "be", "AUX", "auxpass", 2),
            ("shelled", "shell", "VERB", "ROOT", 2)]
    evs = extract_events(make_doc(rows, ENTS, {0: ["place/lakeport"]}), LEX)
    assert [e["cameo_code"] for e in evs] == ["190"]
