"""Factuality with scope: logic tests on hand-built parses, then model tests."""
from __future__ import annotations

import dataclasses

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.model import FACTUALITIES
from kg.nlp.factuality import ATTACHMENTS, Assessment, assess, cues, tense

_VOCAB = Vocab()


def parse(spec: str) -> Doc:
    """A Doc from 'word/lemma/POS/TAG/dep/head' items (head = absolute index)."""
    rows = [item.split("/") for item in spec.split()]
    return Doc(_VOCAB, words=[r[0] for r in rows], lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               tags=[r[3] for r in rows], deps=[r[4] for r in rows], heads=[int(r[5]) for r in rows])


def tok(doc: Doc, word: str):
    return next(t for t in doc if t.text == word)


MEETING_NO_AGREEMENT = parse(
    "The/the/DET/DT/det/1 meeting/meeting/NOUN/NN/nsubj/4 did/do/AUX/VBD/aux/4 not/not/PART/RB/neg/4 "
    "produce/produce/VERB/VB/ROOT/4 an/an/DET/DT/det/6 agreement/agreement/NOUN/NN/dobj/4 ././PUNCT/./punct/4")

AGREED_BUT_FAILED = parse(
    "They/they/PRON/PRP/nsubj/1 agreed/agree/VERB/VBD/ROOT/1 to/to/PART/TO/aux/3 hold/hold/VERB/VB/xcomp/1 "
    "talks/talk/NOUN/NNS/dobj/3 but/but/CCONJ/CC/cc/3 failed/fail/VERB/VBD/conj/3 to/to/PART/TO/aux/8 "
    "settle/settle/VERB/VB/xcomp/6 on/on/ADP/IN/prep/8 a/a/DET/DT/det/11 truce/truce/NOUN/NN/pobj/9")

PLANNED_CALLED_OFF = parse(
    "A/a/DET/DT/det/2 planned/plan/VERB/VBN/amod/2 visit/visit/NOUN/NN/nsubjpass/4 was/be/AUX/VBD/auxpass/4 "
    "called/call/VERB/VBN/ROOT/4 off/off/ADP/RP/prt/4")

NO_DEAL = parse("There/there/PRON/EX/expl/1 was/be/VERB/VBD/ROOT/1 no/no/DET/DT/det/3 deal/deal/NOUN/NN/attr/1")

DISCUSSED_SENDING = parse(
    "Officials/official/NOUN/NNS/nsubj/1 discussed/discuss/VERB/VBD/ROOT/1 sending/send/VERB/VBG/xcomp/1 "
    "troops/troop/NOUN/NNS/dobj/2")

SAID_MET = parse(
    "The/the/DET/DT/det/1 envoy/envoy/NOUN/NN/nsubj/2 said/say/VERB/VBD/ROOT/2 the/the/DET/DT/det/4 "
    "leaders/leader/NOUN/NNS/nsubj/5 met/meet/VERB/VBD/ccomp/2")

SAID_WOULD_MEET = parse(
    "The/the/DET/DT/det/1 envoy/envoy/NOUN/NN/nsubj/2 said/say/VERB/VBD/ROOT/2 the/the/DET/DT/det/4 "
    "leaders/leader/NOUN/NNS/nsubj/6 would/would/AUX/MD/aux/6 meet/meet/VERB/VB/ccomp/2")

DID_NOT_SAY = parse(
    "He/he/PRON/PRP/nsubj/3 did/do/AUX/VBD/aux/3 not/not/PART/RB/neg/3 say/say/VERB/VB/ROOT/3 "
    "they/they/PRON/PRP/nsubj/5 met/meet/VERB/VBD/ccomp/3")

NEVER_TOOK_PLACE = parse(
    "The/the/DET/DT/det/1 visit/visit/NOUN/NN/nsubj/3 never/never/ADV/RB/neg/3 took/take/VERB/VBD/ROOT/3 "
    "place/place/NOUN/NN/dobj/3")

COLLAPSED_WITHOUT = parse(
    "The/the/DET/DT/det/1 talks/talk/NOUN/NNS/nsubj/2 collapsed/collapse/VERB/VBD/ROOT/2 "
    "without/without/ADP/IN/prep/2 a/a/DET/DT/det/5 deal/deal/NOUN/NN/pobj/3")

MAY_NOT = parse("Moscow/Moscow/PROPN/NNP/nsubj/3 may/may/AUX/MD/aux/3 not/not/PART/RB/neg/3 "
                "attend/attend/VERB/VB/ROOT/3")

REFUSED_RULE_OUT = parse(
    "He/he/PRON/PRP/nsubj/1 refused/refuse/VERB/VBD/ROOT/1 to/to/PART/TO/aux/3 rule/rule/VERB/VB/xcomp/1 "
    "out/out/ADP/RP/prt/3 talks/talk/NOUN/NNS/dobj/3")

FELL_THROUGH = parse("The/the/DET/DT/det/1 deal/deal/NOUN/NN/nsubj/2 fell/fall/VERB/VBD/ROOT/2 "
                     "through/through/ADP/RP/advmod/2")

WILL_MEET_AND_SIGN = parse(
    "They/they/PRON/PRP/nsubj/2 will/will/AUX/MD/aux/2 meet/meet/VERB/VB/ROOT/2 and/and/CCONJ/CC/cc/2 "
    "sign/sign/VERB/VB/conj/2 a/a/DET/DT/det/6 treaty/treaty/NOUN/NN/dobj/4")

DID_NOT_MEET_BUT_CALLED = parse(
    "They/they/PRON/PRP/nsubj/3 did/do/AUX/VBD/aux/3 not/not/PART/RB/neg/3 meet/meet/VERB/VB/ROOT/3 "
    "but/but/CCONJ/CC/cc/3 phoned/phone/VERB/VBD/conj/3")

NOT_MEET_AT_SUMMIT = parse(
    "They/they/PRON/PRP/nsubj/3 did/do/AUX/VBD/aux/3 not/not/PART/RB/neg/3 meet/meet/VERB/VB/ROOT/3 "
    "at/at/ADP/IN/prep/3 the/the/DET/DT/det/6 summit/summit/NOUN/NN/pobj/4")

WILL_MEET_AT_SUMMIT = parse(
    "They/they/PRON/PRP/nsubj/2 will/will/AUX/MD/aux/2 meet/meet/VERB/VB/ROOT/2 "
    "at/at/ADP/IN/prep/2 a/a/DET/DT/det/5 summit/summit/NOUN/NN/pobj/3")

NEITHER_SIDE = parse(
    "Neither/neither/DET/DT/det/1 side/side/NOUN/NN/nsubj/2 agreed/agree/VERB/VBD/ROOT/2 to/to/ADP/IN/prep/2 "
    "a/a/DET/DT/det/5 truce/truce/NOUN/NN/pobj/3")

WOULD_HAVE_BEEN = parse(
    "Sanctions/sanction/NOUN/NNS/nsubjpass/4 would/would/AUX/MD/aux/4 have/have/AUX/VB/aux/4 "
    "been/be/AUX/VBN/auxpass/4 lifted/lift/VERB/VBN/ROOT/4")

WOULD_NOT = parse("He/he/PRON/PRP/nsubj/3 would/would/AUX/MD/aux/3 not/not/PART/RB/neg/3 "
                  "attend/attend/VERB/VB/ROOT/3")


# --------------------------------------------------------------------------- lexicon

def test_lexicon_rows_are_valid():
    table = cues()
    assert set(table) <= set(ATTACHMENTS)
    for by_word in table.values():
        for entries in by_word.values():
            for cue in entries:
                assert cue.value in FACTUALITIES
                assert 0.0 < cue.weight <= 1.0
    assert "fail" in table["governor"] and "not" in table["modifier"] and "no" in table["determiner"]


def test_assessment_is_frozen():
    a = assess(tok(NO_DEAL, "deal"))
    assert isinstance(a, Assessment)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.value = "Actual"  # type: ignore[misc]


# --------------------------------------------------------------------------- scope logic

def test_negation_reaches_object_not_subject():
    assert assess(tok(MEETING_NO_AGREEMENT, "agreement")).value == "Negated"
    assert assess(tok(MEETING_NO_AGREEMENT, "agreement")).cues == ("did not",)
    assert assess(tok(MEETING_NO_AGREEMENT, "meeting")).value == "Actual"


def test_coordinated_clause_keeps_its_own_factuality():
    assert assess(tok(AGREED_BUT_FAILED, "talks")).value == "Planned"
    assert assess(tok(AGREED_BUT_FAILED, "hold")).value == "Planned"
    assert assess(tok(AGREED_BUT_FAILED, "truce")).value == "Negated"
    assert assess(tok(AGREED_BUT_FAILED, "settle")).value == "Negated"


def test_negation_wins_over_planned():
    a = assess(tok(PLANNED_CALLED_OFF, "visit"))
    assert a.value == "Negated"
    assert "planned" in a.cues and "called off" in a.cues


def test_negative_determiner():
    assert assess(tok(NO_DEAL, "deal")).value == "Negated"


def test_discussed_complement_is_possible_and_discussion_actual():
    assert assess(tok(DISCUSSED_SENDING, "sending")).value == "Possible"
    assert assess(tok(DISCUSSED_SENDING, "discussed")).value == "Actual"


def test_reported_speech():
    met = assess(tok(SAID_MET, "met"))
    assert met.value == "Actual" and met.confidence < 0.9
    assert assess(tok(SAID_WOULD_MEET, "meet")).value == "Planned"
    # a negated reporting verb does not negate what was (not) said
    assert assess(tok(DID_NOT_SAY, "met")).value == "Actual"


def test_existential_verb_passes_negation_to_its_subject():
    assert assess(tok(NEVER_TOOK_PLACE, "visit")).value == "Negated"


def test_collapsed_talks_happened_the_deal_did_not():
    assert assess(tok(COLLAPSED_WITHOUT, "talks")).value == "Actual"
    deal = assess(tok(COLLAPSED_WITHOUT, "deal"))
    assert deal.value == "Negated" and deal.cues == ("without",)


def test_subject_cue():
    assert assess(tok(FELL_THROUGH, "deal")).value == "Negated"


def test_epistemic_modal_with_negation_is_possible():
    assert assess(tok(MAY_NOT, "attend")).value == "Possible"


def test_double_negation_is_uncertain():
    a = assess(tok(REFUSED_RULE_OUT, "talks"))
    assert a.value == "Possible" and a.confidence <= 0.4


def test_shared_auxiliary_but_not_across_but():
    assert assess(tok(WILL_MEET_AND_SIGN, "sign")).value == "Planned"
    assert assess(tok(WILL_MEET_AND_SIGN, "treaty")).value == "Planned"
    assert assess(tok(DID_NOT_MEET_BUT_CALLED, "meet")).value == "Negated"
    assert assess(tok(DID_NOT_MEET_BUT_CALLED, "phoned")).value == "Actual"


def test_adjunct_keeps_plans_but_not_negation():
    assert assess(tok(NOT_MEET_AT_SUMMIT, "summit")).value == "Actual"
    assert assess(tok(NOT_MEET_AT_SUMMIT, "meet")).value == "Negated"
    assert assess(tok(WILL_MEET_AT_SUMMIT, "summit")).value == "Planned"


def test_negative_subject_quantifier():
    a = assess(tok(NEITHER_SIDE, "truce"))
    assert a.value == "Negated" and "neither side" in a.cues
    assert assess(tok(NEITHER_SIDE, "agreed")).value == "Negated"


def test_counterfactual_is_possible():
    a = assess(tok(WOULD_HAVE_BEEN, "lifted"))
    assert a.value == "Possible" and a.cues == ("would have",)


def test_negation_cue_keeps_its_auxiliary():
    assert assess(tok(WOULD_NOT, "attend")).cues == ("would not",)


def test_negation_of_a_plain_verb_does_not_reach_its_topic():
    doc = parse("He/he/PRON/PRP/nsubj/1 declined/decline/VERB/VBD/ROOT/1 to/to/PART/TO/aux/3 "
                "comment/comment/VERB/VB/xcomp/1 on/on/ADP/IN/prep/3 the/the/DET/DT/det/6 talks/talk/NOUN/NNS/pobj/4")
    assert assess(tok(doc, "talks")).value == "Actual"
    assert assess(tok(doc, "comment")).value == "Negated"


def test_negation_reaches_an_outcome():
    doc = parse("The/the/DET/DT/det/1 talks/talk/NOUN/NNS/nsubj/4 did/do/AUX/VBD/aux/4 not/not/PART/RB/neg/4 "
                "lead/lead/VERB/VB/ROOT/4 to/to/ADP/IN/prep/4 a/a/DET/DT/det/7 deal/deal/NOUN/NN/pobj/5")
    assert assess(tok(doc, "deal")).value == "Negated"
    assert assess(tok(doc, "talks")).value == "Actual"


def test_confidence_in_range():
    for doc in (MEETING_NO_AGREEMENT, AGREED_BUT_FAILED, PLANNED_CALLED_OFF, SAID_MET, REFUSED_RULE_OUT):
        for t in doc:
            assert 0.0 <= assess(t).confidence <= 1.0


def test_tense():
    assert tense(tok(SAID_MET, "met")) == "past"
    assert tense(tok(SAID_WOULD_MEET, "meet")) == "future"
    assert tense(tok(WILL_MEET_AND_SIGN, "meet")) == "future"
    assert tense(tok(WILL_MEET_AND_SIGN, "sign")) == "future"
    assert tense(tok(AGREED_BUT_FAILED, "hold")) == "future"
    assert tense(tok(MEETING_NO_AGREEMENT, "meeting")) == "past"


# --------------------------------------------------------------------------- model tests

@pytest.fixture
def nlp(model_nlp):
    return model_nlp


def _assess(nlp, sentence: str, word: str):
    doc = nlp(sentence)
    matches = [t for t in doc if t.text == word]
    assert matches, f"{word!r} not in {sentence!r}"
    return assess(matches[0])


NEGATION = [
    ("The two delegations did not sign a communique.", "communique"),
    ("Seoul and Tokyo never held the promised summit.", "summit"),
    ("The foreign minister didn't attend the conference in Vienna.", "attend"),
    ("There was no breakthrough at the negotiations in Doha.", "breakthrough"),
    ("The mediators failed to secure a truce.", "truce"),
    ("The envoys left Nairobi without signing a peace accord.", "accord"),
    ("Ankara refused to recognise the election result.", "recognise"),
    ("The chancellor's trip to Beijing was called off.", "trip"),
    ("Manila ruled out talks with the rebels.", "talks"),
    ("The premier stopped short of endorsing the plan.", "endorsing"),
    ("A meeting between the two generals never took place.", "meeting"),
    ("The arms deal fell through at the last minute.", "deal"),
    ("Berlin postponed the ministerial meeting.", "meeting"),
    ("The summit was cancelled amid the storm.", "summit"),
    ("Beijing has yet to respond to the proposal.", "respond"),
    ("The premier was unable to attend the summit.", "attend"),
    ("Neither side agreed to a truce.", "truce"),
    ("No agreement was reached in Geneva.", "agreement"),
    ("The envoy will not travel to Minsk, nor will she meet the president.", "meet"),
    ("Neither Paris nor Berlin sent observers.", "sent"),
    ("The junta will no longer allow foreign monitors.", "allow"),
]


NOT_TO_SUBJECT = [
    ("The conference did not produce a joint statement.", "conference", "statement"),
    ("The negotiations failed to yield a ceasefire.", "negotiations", "ceasefire"),
    ("The phone call brought no progress on the dispute.", "call", "progress"),
    ("The summit in Lisbon ended without an agreement.", "summit", "agreement"),
    ("The talks collapsed without any accord on tariffs.", "talks", "accord"),
    ("The visit did not lead to a treaty.", "visit", "treaty"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,subject,obj", NOT_TO_SUBJECT)
def test_model_negation_does_not_reach_subject(nlp, sentence, subject, obj):
    assert _assess(nlp, sentence, subject).value == "Actual"
    assert _assess(nlp, sentence, obj).value == "Negated"


NOT_SIDEWAYS = [
    ("The ministers agreed to resume talks but failed to agree on a ceasefire.", "talks", "Planned",
     "ceasefire", "Negated"),
    ("Paris did not send envoys, but Rome hosted a conference.", "send", "Negated", "hosted", "Actual"),
    ("The presidents did not sign a treaty but praised the negotiators.", "treaty", "Negated",
     "praised", "Actual"),
    ("Oslo will host the talks, and Stockholm did not comment.", "host", "Planned", "comment", "Negated"),
    ("Kenya refused to mediate and Uganda offered to host the summit.", "mediate", "Negated",
     "summit", "Possible"),
    ("The envoys never reached a deal, yet they met again in Cairo.", "deal", "Negated", "met", "Actual"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,w1,v1,w2,v2", NOT_SIDEWAYS)
def test_model_no_leak_across_coordination(nlp, sentence, w1, v1, w2, v2):
    assert _assess(nlp, sentence, w1).value == v1
    assert _assess(nlp, sentence, w2).value == v2


PLANNED = [
    ("The two premiers agreed to meet again in Seoul.", "meet"),
    ("The king will visit Lisbon in the autumn.", "visit"),
    ("The ministers are scheduled to hold talks in Jakarta.", "talks"),
    ("The foreign ministers plan to sign the accord.", "sign"),
    ("The chancellor is expected to meet the emir.", "meet"),
    ("Cairo invited the Ethiopian premier to visit.", "visit"),
    ("The upcoming summit in Nairobi has drawn attention.", "summit"),
    ("The envoy is to travel to Brasilia.", "travel"),
    ("The leaders are going to hold a press conference.", "conference"),
    ("The two sides decided to exchange ambassadors.", "exchange"),
    ("The palace announced a state visit for next month.", "visit"),
    ("The ministers pledged to resume the dialogue.", "dialogue"),
    ("Lula to host climate summit in Belem.", "summit"),
    ("Putin to visit India next week.", "visit"),
]


POSSIBLE = [
    ("Officials are discussing whether to lift the sanctions.", "lift"),
    ("Warsaw is weighing sending more tanks to the border.", "sending"),
    ("The president could meet the emir in Doha.", "meet"),
    ("Diplomats hope to arrange a summit.", "summit"),
    ("The opposition demanded new elections.", "elections"),
    ("The secretary-general called for a ceasefire.", "ceasefire"),
    ("The envoy proposed a prisoner exchange.", "exchange"),
    ("Ottawa may impose tariffs on steel.", "impose"),
    ("Brussels is considering an embargo on oil.", "embargo"),
    ("Talks could potentially resume in the spring.", "resume"),
    ("The president threatened to impose tariffs.", "impose"),
    ("Diplomats are working to arrange a meeting.", "meeting"),
    ("The two leaders held talks about a prisoner exchange.", "exchange"),
    ("Seoul offered to host the negotiations.", "host"),
    ("Hanoi wants to join the trade pact.", "join"),
    ("Chile seeks to mediate between the rivals.", "mediate"),
    ("If the ceasefire holds, the envoys will meet in Geneva.", "meet"),
    ("The president needs to think about sending troops.", "sending"),
    ("Diplomats expect a deal by Friday.", "deal"),
]


REPORTED = [
    ("The ministry said the two envoys met in Vienna.", "met", "Actual"),
    ("Officials told reporters that the generals signed the protocol.", "signed", "Actual"),
    ("The spokesman confirmed that the president visited the troops.", "visited", "Actual"),
    ("State media reported that the prime minister praised the accord.", "praised", "Actual"),
    ("The envoy said the delegations would meet in Geneva.", "meet", "Planned"),
    ("Aides said the leaders will sign a treaty.", "sign", "Planned"),
    ("The palace announced a state visit last week.", "visit", "Actual"),
    ("The minister said that Oslo had hosted the talks.", "hosted", "Actual"),
]


ADJUNCTS = [
    ("The two leaders did not meet at the summit in Lima.", "summit", "Actual"),
    ("The envoy failed to speak during the conference.", "conference", "Actual"),
    ("The leaders will meet at a summit in Seoul.", "summit", "Planned"),
    ("The two ministers agreed to meet at a conference in Rabat.", "conference", "Planned"),
    ("In a call on Friday, the presidents discussed energy.", "call", "Actual"),
]


PARTICIPLES_AND_COMPOUNDS = [
    ("Aid will reach the refugees fleeing the war.", "war", "Actual"),
    ("The talks, aimed at ending the blockade, began in Doha.", "talks", "Actual"),
    ("Both armies violated the ceasefire agreement.", "ceasefire", "Actual"),
    ("The meeting was not a success.", "meeting", "Actual"),
    ("Efforts to broker a truce have stalled.", "truce", "Possible"),
    ("Russia and Ukraine agreed to a prisoner swap but not to a ceasefire.", "ceasefire", "Negated"),
    ("The summit was planned for June but never took place.", "summit", "Negated"),
    ("The visit was announced in March and was later cancelled.", "visit", "Negated"),
    ("The meeting ended early and was not productive.", "meeting", "Actual"),
]


# each table is one phenomenon; a row is (sentence, word, the factuality that word's event must get)
FORMS = {
    "negation": [(s, w, "Negated") for s, w in NEGATION],
    "planned": [(s, w, "Planned") for s, w in PLANNED],
    "possible": [(s, w, "Possible") for s, w in POSSIBLE],
    "reported": REPORTED,
    "adjunct": ADJUNCTS,
    "participle-compound-copula": PARTICIPLES_AND_COMPOUNDS,
}


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,value", [pytest.param(*row, id=f"{kind}-{k}")
                                                 for kind, rows in FORMS.items() for k, row in enumerate(rows)])
def test_model_factuality_of_a_word(nlp, sentence, word, value):
    assert _assess(nlp, sentence, word).value == value


@pytest.mark.model
def test_model_tense(nlp):
    def t(sentence, word):
        doc = nlp(sentence)
        return tense(next(x for x in doc if x.text == word))

    assert t("The presidents met in Oslo.", "met") == "past"
    assert t("The presidents will meet in Oslo.", "meet") == "future"
    assert t("The presidents are scheduled to meet in Oslo.", "meet") == "future"
    assert t("The presidents are going to meet in Oslo.", "meet") == "future"
    assert t("The presidents have met in Oslo.", "met") == "past"
    assert t("The presidents held talks in Oslo.", "talks") == "past"


def test_malformed_lexicon_row_raises_e701(monkeypatch):
    import kg.nlp.factuality as fact
    from kg.errors import KGError

    class _Res:
        def joinpath(self, _name):
            return self

        def read_text(self, encoding="utf-8"):
            return "cue,value,attach,weight,via\nnot,Maybe,modifier,0.9,\n"

    monkeypatch.setattr(fact.resources, "files", lambda _pkg: _Res())
    fact.cues.cache_clear()
    try:
        with pytest.raises(KGError) as err:
            fact.cues()
        assert err.value.code == "E701"
    finally:
        monkeypatch.undo()
        fact.cues.cache_clear()
    assert "not" in fact.cues()["modifier"]
