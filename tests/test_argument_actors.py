"""Who an argument stands for: offices named by their states, participle agents, the clause an
object states, and speakers who are never the target of their own words.

Hand-built parses (no model) of sentences written for these tests, with invented countries.
"""
from __future__ import annotations

import pytest

from docbuilder import make_doc
from kg.nlp.events import extract_events
from kg.nlp.triggers import Lexicon, TriggerRow

pytestmark = pytest.mark.usefixtures("neutral_factuality")

LEX = Lexicon([
    TriggerRow("040", "VERB", "meet", weight=0.8),
    TriggerRow("057", "VERB", "sign", weight=0.8),
    TriggerRow("057", "NOUN", "accord", weight=0.8),
    TriggerRow("057", "NOUN", "deal", weight=0.8),
    TriggerRow("111", "VERB", "criticize", weight=0.8),
    TriggerRow("100", "VERB", "demand", weight=0.8),
    TriggerRow("100", "VERB", "seek", weight=0.8),
    TriggerRow("130", "VERB", "warn", weight=0.8),
    TriggerRow("130", "VERB", "threaten", weight=0.8),
])
ENTS = {
    "country/arland": {"kind": "Country", "label": "Arland"},
    "country/borduria": {"kind": "Country", "label": "Borduria"},
    "country/cordovia": {"kind": "Country", "label": "Cordovia"},
    "org/league": {"kind": "Organization", "label": "League"},
    "person/ann-moro": {"kind": "Person", "label": "Ann Moro", "member_of": "country/arland"},
    "person/bo-lee": {"kind": "Person", "label": "Bo Lee", "member_of": "country/borduria"},
    "place/lakeport": {"kind": "City", "label": "Lakeport"},
}
WORDS = {"Arland": "country/arland", "Borduria": "country/borduria", "Cordovia": "country/cordovia",
         "League": "org/league", "Lakeport": "place/lakeport", "Moro": "person/ann-moro", "Lee": "person/bo-lee",
         "he": "person/bo-lee", "she": "person/ann-moro", "Arlandic": "country/arland", "Cordovian": "country/cordovia"}
_TAGS = {"VERB": "VBD", "NOUN": "NN", "PROPN": "NNP", "PRON": "PRP", "ADP": "IN", "DET": "DT", "ADJ": "JJ",
         "AUX": "MD", "PART": "TO", "PUNCT": ".", "CCONJ": "CC", "SCONJ": "IN", "ADV": "RB", "NUM": "CD"}


def subject_side(ev: dict) -> list[str]:
    """The subject's parties: its sources, or, for a symmetric event whose parties are all on the
    subject side ("A and B signed"), its actors (the symmetric rule gives those no direction)."""
    return ev["sources"] or ev["actors"]


def events(spec: str) -> list[dict]:
    """spec: 'word[|lemma]/POS[:TAG]/dep/head' tokens, head an absolute index."""
    rows, tags = [], []
    for t in spec.split():
        word, pos, dep, head = t.rsplit("/", 3)
        word, _, lemma = word.partition("|")
        pos, _, tag = pos.partition(":")
        rows.append((word, lemma or word.lower(), pos, dep, int(head)))
        tags.append(tag or _TAGS.get(pos, "XX"))
    refs = {i: [WORDS[r[0]]] for i, r in enumerate(rows) if r[0] in WORDS}
    return extract_events(make_doc(rows, ENTS, refs, tags=tags), LEX)


def one(evs: list[dict], code: str) -> dict:
    found = [e for e in evs if e["cameo_code"] == code]
    assert len(found) == 1, [(e["cameo_code"], e["actors"]) for e in evs]
    return found[0]


# ------------------------------------------------------------ an office named by its states
@pytest.mark.parametrize("spec, code, sources", [
    # "The president of Arland met Bo Lee"
    ("The/DET/det/1 president/NOUN/nsubj/4 of/ADP/prep/1 Arland/PROPN/pobj/2 met|meet/VERB/ROOT/4 "
     "Bo/PROPN/compound/6 Lee/PROPN/dobj/4", "040", ["country/arland"]),
    # "The foreign ministers of Arland and Cordovia signed an accord"
    ("The/DET/det/2 foreign/ADJ/amod/2 ministers|minister/NOUN/nsubj/7 of/ADP/prep/2 Arland/PROPN/pobj/3 "
     "and/CCONJ/cc/4 Cordovia/PROPN/conj/4 signed|sign/VERB/ROOT/7 an/DET/det/9 accord/NOUN/dobj/7",
     "057", ["country/arland", "country/cordovia"]),
    # "The secretary-general of the League criticized Borduria"
    ("The/DET/det/1 secretary-general/NOUN/nsubj/5 of/ADP/prep/1 the/DET/det/4 League/PROPN/pobj/2 "
     "criticized|criticize/VERB/ROOT/5 Borduria/PROPN/dobj/5", "111", ["org/league"]),
    # "Borduria's envoy was met by the ambassador of Cordovia" (passive agent)
    ("Borduria/PROPN/poss/2 's/PART/case/0 envoy/NOUN/nsubjpass/4 was/AUX/auxpass/4 met|meet/VERB:VBN/ROOT/4 "
     "by/ADP/agent/4 the/DET/det/7 ambassador/NOUN/pobj/5 of/ADP/prep/7 Cordovia/PROPN/pobj/8",
     "040", ["country/cordovia"]),
    # "The prime minister of Borduria warned Arland"
    ("The/DET/det/2 prime/ADJ/amod/2 minister/NOUN/nsubj/5 of/ADP/prep/2 Borduria/PROPN/pobj/3 "
     "warned|warn/VERB/ROOT/5 Arland/PROPN/dobj/5", "130", ["country/borduria"]),
])
def test_an_office_acts_for_the_states_that_hold_it(spec, code, sources):
    assert subject_side(one(events(spec), code)) == sources


def test_a_title_without_a_state_names_no_one():
    # "The president of the club met Bo Lee": no state after 'of'
    ev = one(events("The/DET/det/1 president/NOUN/nsubj/5 of/ADP/prep/1 the/DET/det/4 club/NOUN/pobj/2 "
                    "met|meet/VERB/ROOT/5 Bo/PROPN/compound/7 Lee/PROPN/dobj/5"), "040")
    assert ev["sources"] == []


# ------------------------------------------------------------ agents of a participle on an event noun
@pytest.mark.parametrize("spec, sources", [
    # "The accord, signed by Ann Moro and Bo Lee, ..."
    ("The/DET/det/1 accord/NOUN/ROOT/1 ,/PUNCT/punct/1 signed|sign/VERB:VBN/acl/1 by/ADP/agent/3 "
     "Ann/PROPN/compound/6 Moro/PROPN/pobj/4 and/CCONJ/cc/6 Bo/PROPN/compound/9 Lee/PROPN/conj/6",
     {"person/ann-moro", "person/bo-lee"}),
    # "a deal reached by Arland and Borduria"
    ("a/DET/det/1 deal/NOUN/ROOT/1 reached|reach/VERB:VBN/acl/1 by/ADP/agent/2 Arland/PROPN/pobj/3 "
     "and/CCONJ/cc/4 Borduria/PROPN/conj/4", {"country/arland", "country/borduria"}),
    # "the accord concluded by Cordovia"
    ("the/DET/det/1 accord/NOUN/ROOT/1 concluded|conclude/VERB:VBN/acl/1 by/ADP/agent/2 Cordovia/PROPN/pobj/3",
     {"country/cordovia"}),
    # "the deal, approved on Monday by the League"
    ("the/DET/det/1 deal/NOUN/ROOT/1 ,/PUNCT/punct/1 approved|approve/VERB:VBN/acl/1 on/ADP/prep/3 "
     "Monday/PROPN/pobj/4 by/ADP/agent/3 the/DET/det/8 League/PROPN/pobj/6", {"org/league"}),
    # "an accord initialled by Bo Lee"
    ("an/DET/det/1 accord/NOUN/ROOT/1 initialled|initial/VERB:VBN/acl/1 by/ADP/agent/2 Bo/PROPN/compound/4 "
     "Lee/PROPN/pobj/3", {"person/bo-lee"}),
])
def test_the_agents_of_a_participle_are_the_sources_of_its_event_noun(spec, sources):
    assert set(subject_side(one(events(spec), "057"))) == sources


# ------------------------------------------------------------ the clause an object states
@pytest.mark.parametrize("spec, code, target", [
    # "Arland demanded guarantees that Borduria would withdraw"
    ("Arland/PROPN/nsubj/1 demanded|demand/VERB/ROOT/1 guarantees/NOUN/dobj/1 that/SCONJ/mark/6 "
     "Borduria/PROPN/nsubj/6 would/AUX/aux/6 withdraw/VERB/acl/2", "100", "country/borduria"),
    # "Cordovia sought assurances that the League would not expand"
    ("Cordovia/PROPN/nsubj/1 sought|seek/VERB/ROOT/1 assurances/NOUN/dobj/1 that/SCONJ/mark/8 the/DET/det/5 "
     "League/PROPN/nsubj/8 would/AUX/aux/8 not/PART/neg/8 expand/VERB/acl/2", "100", "org/league"),
    # "Bo Lee demanded a promise that Arland will pay"
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/2 demanded|demand/VERB/ROOT/2 a/DET/det/4 promise/NOUN/dobj/2 "
     "that/SCONJ/mark/8 Arland/PROPN/nsubj/8 will/AUX/aux/8 pay/VERB/ccomp/4", "100", "country/arland"),
    # "Arland demanded proof that Cordovia had stopped"
    ("Arland/PROPN/nsubj/1 demanded|demand/VERB/ROOT/1 proof/NOUN/dobj/1 that/SCONJ/mark/6 "
     "Cordovia/PROPN/nsubj/6 had/AUX/aux/6 stopped|stop/VERB/acl/2", "100", "country/cordovia"),
    # "Borduria sought a pledge that Ann Moro would resign"
    ("Borduria/PROPN/nsubj/1 sought|seek/VERB/ROOT/1 a/DET/det/3 pledge/NOUN/dobj/1 that/SCONJ/mark/8 "
     "Ann/PROPN/compound/6 Moro/PROPN/nsubj/8 would/AUX/aux/8 resign/VERB/acl/3", "100", "person/ann-moro"),
])
def test_a_demand_for_guarantees_is_aimed_at_whom_they_bind(spec, code, target):
    assert one(events(spec), code)["targets"] == [target]


# ------------------------------------------------------------ the speaker is not his own target
@pytest.mark.parametrize("spec, target", [
    # "Ann Moro warned that she would veto laws from the League"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 warned|warn/VERB/ROOT/2 that/SCONJ/mark/6 she/PRON/nsubj/6 "
     "would/AUX/aux/6 veto/VERB/ccomp/2 laws/NOUN/dobj/6 from/ADP/prep/7 the/DET/det/10 League/PROPN/pobj/8",
     "org/league"),
    # "Arland warned that Arland would respond to Borduria" (the speaker named again)
    ("Arland/PROPN/nsubj/1 warned|warn/VERB/ROOT/1 that/SCONJ/mark/5 Arland/PROPN/nsubj/5 would/AUX/aux/5 "
     "respond/VERB/ccomp/1 to/ADP/prep/5 Borduria/PROPN/pobj/6", "country/borduria"),
    # "Ann Moro threatened that she would expel envoys of Cordovia"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 threatened|threaten/VERB/ROOT/2 that/SCONJ/mark/6 she/PRON/nsubj/6 "
     "would/AUX/aux/6 expel/VERB/ccomp/2 envoys/NOUN/dobj/6 of/ADP/prep/7 Cordovia/PROPN/pobj/8",
     "country/cordovia"),
    # "Ann Moro warned that she would cut aid to Borduria"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 warned|warn/VERB/ROOT/2 that/SCONJ/mark/6 she/PRON/nsubj/6 "
     "would/AUX/aux/6 cut/VERB/ccomp/2 aid/NOUN/dobj/6 to/ADP/prep/6 Borduria/PROPN/pobj/8", "country/borduria"),
    # "Cordovia warned that Borduria would pay" (another subject: the usual case)
    ("Cordovia/PROPN/nsubj/1 warned|warn/VERB/ROOT/1 that/SCONJ/mark/5 Borduria/PROPN/nsubj/5 "
     "would/AUX/aux/5 pay/VERB/ccomp/1", "country/borduria"),
])
def test_a_speaker_is_not_the_target_of_his_own_warning(spec, target):
    assert one(events(spec), "130")["targets"] == [target]


# ------------------------------------------------------------ a fronted place phrase read as a list
@pytest.mark.parametrize("spec, code, sources", [
    # "Following talks in Lakeport, Arland and Borduria signed an accord" (one list in the parse)
    ("Following/VERB/prep/8 talks/NOUN/pobj/0 in/ADP/prep/1 Lakeport/PROPN/pobj/2 ,/PUNCT/punct/3 "
     "Arland/PROPN/conj/3 and/CCONJ/cc/5 Borduria/PROPN/conj/5 signed|sign/VERB/ROOT/8 an/DET/det/10 "
     "accord/NOUN/dobj/8", "057", ["country/arland", "country/borduria"]),
    # "After a meeting in Lakeport, Cordovia criticized Arland"
    ("After/ADP/prep/7 a/DET/det/2 meeting/NOUN/pobj/0 in/ADP/prep/2 Lakeport/PROPN/pobj/3 ,/PUNCT/punct/4 "
     "Cordovia/PROPN/conj/4 criticized|criticize/VERB/ROOT/7 Arland/PROPN/dobj/7", "111", ["country/cordovia"]),
    # "In Lakeport, Ann Moro warned Borduria"
    ("In/ADP/prep/5 Lakeport/PROPN/pobj/0 ,/PUNCT/punct/1 Ann/PROPN/compound/4 Moro/PROPN/conj/1 "
     "warned|warn/VERB/ROOT/5 Borduria/PROPN/dobj/5", "130", ["person/ann-moro"]),
    # "During talks in Lakeport, Bo Lee met Ann Moro"
    ("During/ADP/prep/7 talks/NOUN/pobj/0 in/ADP/prep/1 Lakeport/PROPN/pobj/2 ,/PUNCT/punct/3 "
     "Bo/PROPN/compound/6 Lee/PROPN/conj/3 met|meet/VERB/ROOT/7 Ann/PROPN/compound/9 Moro/PROPN/dobj/7",
     "040", ["person/bo-lee"]),
    # "Following the summit in Lakeport, the League and Arland signed a deal"
    ("Following/VERB/prep/10 the/DET/det/2 summit/NOUN/pobj/0 in/ADP/prep/2 Lakeport/PROPN/pobj/3 "
     ",/PUNCT/punct/4 the/DET/det/7 League/PROPN/conj/4 and/CCONJ/cc/7 Arland/PROPN/conj/7 "
     "signed|sign/VERB/ROOT/10 a/DET/det/12 deal/NOUN/dobj/10", "057", ["org/league", "country/arland"]),
])
def test_a_list_after_a_fronted_place_is_the_subject(spec, code, sources):
    found = [e for e in events(spec) if e["cameo_code"] == code and subject_side(e)]
    assert found and subject_side(found[0]) == sources


# ------------------------------------------------------------ a verb coordinated with a relative clause
@pytest.mark.parametrize("spec, code, source", [
    # "Bo Lee crossed the line that divides the two and met Ann Moro"
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/2 crossed|cross/VERB/ROOT/2 the/DET/det/4 line/NOUN/dobj/2 "
     "that/PRON:WDT/nsubj/6 divides|divide/VERB:VBZ/relcl/4 them/PRON/dobj/6 and/CCONJ/cc/6 "
     "met|meet/VERB/conj/6 Ann/PROPN/compound/11 Moro/PROPN/dobj/9", "040", "person/bo-lee"),
    # "Arland left the forum which hosts the talks and criticized Borduria"
    ("Arland/PROPN/nsubj/1 left|leave/VERB/ROOT/1 the/DET/det/3 forum/NOUN/dobj/1 which/PRON:WDT/nsubj/5 "
     "hosts|host/VERB:VBZ/relcl/3 talks/NOUN/dobj/5 and/CCONJ/cc/5 criticized|criticize/VERB/conj/5 "
     "Borduria/PROPN/dobj/8", "111", "country/arland"),
    # "Cordovia reached the border that separates the states and warned Arland"
    ("Cordovia/PROPN/nsubj/1 reached|reach/VERB/ROOT/1 the/DET/det/3 border/NOUN/dobj/1 "
     "that/PRON:WDT/nsubj/5 separates|separate/VERB:VBZ/relcl/3 states/NOUN/dobj/5 and/CCONJ/cc/5 "
     "warned|warn/VERB/conj/5 Arland/PROPN/dobj/8", "130", "country/cordovia"),
    # "Ann Moro toured the plant that makes parts and signed an accord"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 toured|tour/VERB/ROOT/2 the/DET/det/4 plant/NOUN/dobj/2 "
     "that/PRON:WDT/nsubj/6 makes|make/VERB:VBZ/relcl/4 parts/NOUN/dobj/6 and/CCONJ/cc/6 "
     "signed|sign/VERB/conj/6 an/DET/det/11 accord/NOUN/dobj/9", "057", "person/ann-moro"),
    # "Arland praised Borduria, which signed the accord and criticized Cordovia": an antecedent that
    # names someone keeps the relative clause's subject
    ("Arland/PROPN/nsubj/1 praised|praise/VERB/ROOT/1 Borduria/PROPN/dobj/1 ,/PUNCT/punct/2 "
     "which/PRON:WDT/nsubj/5 signed|sign/VERB/relcl/2 the/DET/det/7 accord/NOUN/dobj/5 and/CCONJ/cc/5 "
     "criticized|criticize/VERB/conj/5 Cordovia/PROPN/dobj/9", "111", "country/borduria"),
])
def test_a_verb_coordinated_with_a_relative_clause_takes_the_main_subject(spec, code, source):
    found = [e for e in events(spec) if e["cameo_code"] == code]
    assert found and found[0]["sources"] == [source]


# ------------------------------------------------------------ "what it called X's ..."
@pytest.mark.parametrize("spec, code, target", [
    # "Arland condemned what it called Borduria's reckless actions"
    ("Arland/PROPN/nsubj/1 condemned|criticize/VERB/ROOT/1 what/PRON:WP/dobj/4 it/PRON/nsubj/4 "
     "called|call/VERB/ccomp/1 Borduria/PROPN/poss/8 's/PART/case/5 reckless/ADJ/amod/8 actions/NOUN/oprd/4",
     "111", "country/borduria"),
    # "Ann Moro criticized what she described as Cordovia's aggression"
    ("Ann/PROPN/compound/1 Moro/PROPN/nsubj/2 criticized|criticize/VERB/ROOT/2 what/PRON:WP/dobj/5 "
     "she/PRON/nsubj/5 described|describe/VERB/ccomp/2 as/ADP/prep/5 Cordovia/PROPN/poss/9 's/PART/case/7 "
     "aggression/NOUN/pobj/6", "111", "country/cordovia"),
    # "Borduria criticized what it termed the League's interference"
    ("Borduria/PROPN/nsubj/1 criticized|criticize/VERB/ROOT/1 what/PRON:WP/dobj/4 it/PRON/nsubj/4 "
     "termed|term/VERB/ccomp/1 the/DET/det/6 League/PROPN/poss/8 's/PART/case/6 interference/NOUN/oprd/4",
     "111", "org/league"),
    # "Cordovia warned against what it called Arland's blockade"
    ("Cordovia/PROPN/nsubj/1 warned|warn/VERB/ROOT/1 against/ADP/prep/1 what/PRON:WP/dobj/5 "
     "it/PRON/nsubj/5 called|call/VERB/pcomp/2 Arland/PROPN/poss/8 's/PART/case/6 blockade/NOUN/oprd/5",
     "130", "country/arland"),
    # "Bo Lee criticized what he called Arlandic meddling" (a nationality as owner)
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/2 criticized|criticize/VERB/ROOT/2 what/PRON:WP/dobj/5 "
     "he/PRON/nsubj/5 called|call/VERB/ccomp/2 Arlandic/ADJ/amod/7 meddling/NOUN/oprd/5", "111", "country/arland"),
])
def test_what_the_speaker_calls_an_act_of_x_is_aimed_at_x(spec, code, target):
    assert one(events(spec), code)["targets"] == [target]


# ------------------------------------------------------------ a mediator is no partner
@pytest.mark.parametrize("spec, code, actors", [
    # "Arland and Borduria met in Lakeport, with an envoy of Cordovia mediating"  (parsed as a noun)
    ("Arland/PROPN/nsubj/3 and/CCONJ/cc/0 Borduria/PROPN/conj/0 met|meet/VERB/ROOT/3 with/ADP/prep/3 "
     "a/DET/det/7 Cordovian/ADJ/amod/7 mediating/NOUN/pobj/4", "040", {"country/arland", "country/borduria"}),
    # "Arland met Borduria, with Cordovia mediating between them"
    ("Arland/PROPN/nsubj/1 met|meet/VERB/ROOT/1 Borduria/PROPN/dobj/1 ,/PUNCT/punct/1 with/ADP/prep/1 "
     "Cordovia/PROPN/pobj/4 mediating|mediate/VERB/acl/5 between/ADP/prep/6 them/PRON/pobj/7", "040",
     {"country/arland", "country/borduria"}),
    # "Bo Lee met Ann Moro, with the League shuttling between the two"
    ("Bo/PROPN/compound/1 Lee/PROPN/nsubj/2 met|meet/VERB/ROOT/2 Ann/PROPN/compound/4 Moro/PROPN/dobj/2 "
     ",/PUNCT/punct/2 with/ADP/prep/2 the/DET/det/8 League/PROPN/pobj/6 shuttling|shuttle/VERB/acl/8",
     "040", {"person/bo-lee", "person/ann-moro"}),
    # "Arland met with Borduria" -- an ordinary 'with' partner stays
    ("Arland/PROPN/nsubj/1 met|meet/VERB/ROOT/1 with/ADP/prep/1 Borduria/PROPN/pobj/2", "040",
     {"country/arland", "country/borduria"}),
    # "Cordovia signed an accord with Arland, with the League brokering"
    ("Cordovia/PROPN/nsubj/1 signed|sign/VERB/ROOT/1 an/DET/det/3 accord/NOUN/dobj/1 with/ADP/prep/1 "
     "Arland/PROPN/pobj/4 ,/PUNCT/punct/1 with/ADP/prep/1 the/DET/det/9 League/PROPN/pobj/7 "
     "brokering|broker/VERB/acl/9", "057", {"country/cordovia", "country/arland"}),
])
def test_a_mediator_named_in_a_with_phrase_is_no_partner(spec, code, actors):
    assert set(one(events(spec), code)["actors"]) == actors
