"""The rule for symmetric relations (meet, talk, call, negotiate, sign with): ontology/README.md.

Every participant is an actor; the source is the grammatical subject side,
the targets the partners; no partner side, no direction. Hand-built parses
of sentences written for these tests, through the whole stage list, and the
stage ``kg.roles.symmetric.v1`` alone on hand-set roles.
"""
from __future__ import annotations

import pytest

from docbuilder import make_doc
from kg.nlp.confidence import check_weights
from kg.nlp.events import extract_events
from kg.nlp.stages import DEFAULT_STAGES, EventContext, get_stage
from kg.nlp.stages.roles import is_symmetric
from kg.nlp.triggers import Lexicon, TriggerRow

pytestmark = pytest.mark.usefixtures("neutral_factuality")

LEX = Lexicon([
    TriggerRow("044", "VERB", "meet", weight=0.8),
    TriggerRow("046", "VERB", "negotiate", weight=0.8),
    TriggerRow("041", "NOUN", "call", weight=0.8),
    TriggerRow("046", "NOUN", "talk", weight=0.8),
    TriggerRow("057", "VERB", "sign", objects=frozenset({"treaty"}), weight=0.9),
    TriggerRow("111", "VERB", "condemn", weight=0.9),
])
P = {"kind": "Person"}
ENTS = {"person/ann-smith": {**P, "label": "Ann Smith"}, "person/bo-lee": {**P, "label": "Bo Lee"},
        "person/cy-ode": {**P, "label": "Cy Ode"}, "country/arland": {"kind": "Country", "label": "Arland"},
        "country/borduria": {"kind": "Country", "label": "Borduria"},
        "country/cordia": {"kind": "Country", "label": "Cordia"}}
WORDS = {"Ann": "person/ann-smith", "Bo": "person/bo-lee", "Cy": "person/cy-ode", "Arland": "country/arland",
         "Borduria": "country/borduria", "Cordia": "country/cordia"}
ANN, BO, CY = "person/ann-smith", "person/bo-lee", "person/cy-ode"
AR, BD, CD = "country/arland", "country/borduria", "country/cordia"


def parse(spec: str):
    rows = []
    for t in spec.split():
        word, lemma, pos, dep, head = t.split("/")
        rows.append((word, lemma, pos, dep, int(head)))
    refs = {i: [WORDS[r[0]]] for i, r in enumerate(rows) if r[0] in WORDS}
    return make_doc(rows, ENTS, refs)


def only(spec: str) -> dict:
    evs = extract_events(parse(spec), LEX)
    assert len(evs) == 1, evs
    return evs[0]


@pytest.mark.parametrize("spec,sources,targets,actors", [
    # "Ann met Bo in the morning."
    ("Ann/Ann/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 in/in/ADP/prep/1 the/the/DET/det/5 "
     "morning/morning/NOUN/pobj/3", [ANN], [BO], {ANN, BO}),
    # "Arland negotiated with Borduria and Cordia."
    ("Arland/Arland/PROPN/nsubj/1 negotiated/negotiate/VERB/ROOT/1 with/with/ADP/prep/1 Borduria/Borduria/PROPN/pobj/2 "
     "and/and/CCONJ/cc/3 Cordia/Cordia/PROPN/conj/3", [AR], [BD, CD], {AR, BD, CD}),
    # "Bo was met by Ann."
    ("Bo/Bo/PROPN/nsubjpass/2 was/be/AUX/auxpass/2 met/meet/VERB/ROOT/2 by/by/ADP/agent/2 Ann/Ann/PROPN/pobj/3",
     [ANN], [BO], {ANN, BO}),
    # "Ann and Bo met Cy."  a coordinated subject meeting a partner: both conjuncts are the source side
    ("Ann/Ann/PROPN/nsubj/3 and/and/CCONJ/cc/0 Bo/Bo/PROPN/conj/0 met/meet/VERB/ROOT/3 Cy/Cy/PROPN/dobj/3",
     [ANN, BO], [CY], {ANN, BO, CY}),
    # "Arland and Borduria met."  one side only: no direction
    ("Arland/Arland/PROPN/nsubj/3 and/and/CCONJ/cc/0 Borduria/Borduria/PROPN/conj/0 met/meet/VERB/ROOT/3",
     [], [], {AR, BD}),
    # "Talks between Ann and Bo resumed."  a noun naming both, neither first
    ("Talks/talk/NOUN/nsubj/5 between/between/ADP/prep/0 Ann/Ann/PROPN/pobj/1 and/and/CCONJ/cc/2 "
     "Bo/Bo/PROPN/conj/2 resumed/resume/VERB/ROOT/5", [], [], {ANN, BO}),
    # "Ann's call with Cy lasted an hour."
    ("Ann/Ann/PROPN/poss/2 's/'s/PART/case/0 call/call/NOUN/nsubj/5 with/with/ADP/prep/2 Cy/Cy/PROPN/pobj/3 "
     "lasted/last/VERB/ROOT/5 an/an/DET/det/7 hour/hour/NOUN/npadvmod/5", [ANN], [CY], {ANN, CY}),
    # "Arland and Borduria signed a treaty."
    ("Arland/Arland/PROPN/nsubj/3 and/and/CCONJ/cc/0 Borduria/Borduria/PROPN/conj/0 signed/sign/VERB/ROOT/3 "
     "a/a/DET/det/5 treaty/treaty/NOUN/dobj/3", [], [], {AR, BD}),
])
def test_symmetric_roles(spec, sources, targets, actors):
    ev = only(spec)
    assert ev["sources"] == sources and ev["targets"] == targets and set(ev["actors"]) == actors


def test_a_one_sided_act_keeps_a_coordinated_source():
    # "Arland and Borduria condemned Cordia": condemning is not symmetric
    ev = only("Arland/Arland/PROPN/nsubj/3 and/and/CCONJ/cc/0 Borduria/Borduria/PROPN/conj/0 "
              "condemned/condemn/VERB/ROOT/3 Cordia/Cordia/PROPN/dobj/3")
    assert ev["sources"] == [AR, BD] and ev["targets"] == [CD]


def test_stage_alone_moves_a_non_subject_source_to_the_targets():
    # "Ann met Bo", with an earlier rule having read both as sources: only the subject stays one
    spec = "Ann/Ann/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1"
    ctx = EventContext(doc=parse(spec), lexicon=LEX, weights=check_weights(None))
    for name in DEFAULT_STAGES[:DEFAULT_STAGES.index("kg.roles.symmetric.v1")]:
        get_stage(name)(ctx)
    ev = ctx.by_token()[1]
    ev.sources, ev.targets, ev.others = [ANN, BO], [], []
    get_stage("kg.roles.symmetric.v1")(ctx)
    assert ev.sources == [ANN] and ev.targets == [BO] and ev.actors == [ANN, BO]


def test_undirected_relation_keeps_its_confidence():
    """Dropping the direction of "A and B met" is no loss of evidence: the acting side is stated."""
    spec = "Arland/Arland/PROPN/nsubj/3 and/and/CCONJ/cc/0 Borduria/Borduria/PROPN/conj/0 met/meet/VERB/ROOT/3"
    with_rule = extract_events(parse(spec), LEX)[0]
    without = extract_events(parse(spec), LEX, stages=[s for s in DEFAULT_STAGES if s != "kg.roles.symmetric.v1"])[0]
    assert without["sources"] == [AR, BD] and with_rule["sources"] == []
    assert with_rule["confidence"] == without["confidence"]


def test_symmetric_codes():
    assert is_symmetric("044") and is_symmetric("0461") and is_symmetric("057")
    assert not is_symmetric("042") and not is_symmetric("043") and not is_symmetric("111")  # visits are directed
