"""Each registered stage of ``kg_events``, called alone on a hand-built Doc.

The stages before the one under test prepare the context (or candidates are
built by hand); the test asserts what that one stage changes. A small
lexicon of our own keeps the tests independent of the shipped table.
"""
from __future__ import annotations

import pickle

import pytest

from docbuilder import make_doc
from kg.errors import UsageError
from kg.model import TimeValue
from kg.nlp.candidate import PUBLIC_FIELDS, EventCandidate
from kg.nlp.confidence import EVENT_WEIGHTS, check_weights, event_confidence
from kg.nlp.events import EventExtractor, extract_events
from kg.nlp.stages import DEFAULT_STAGES, EventContext, get_stage, stage
from kg.nlp.triggers import Lexicon, TriggerRow

pytestmark = pytest.mark.usefixtures("neutral_factuality")

LEX = Lexicon([
    TriggerRow("111", "VERB", "condemn", weight=0.9),
    TriggerRow("044", "VERB", "meet", weight=0.8),
    TriggerRow("044", "NOUN", "meeting", weight=0.8),
    TriggerRow("046", "NOUN", "talk", weight=0.8),
    TriggerRow("057", "NOUN", "agreement", weight=0.8),
    TriggerRow("163", "VERB", "impose", objects=frozenset({"sanction"}), weight=0.9),
    TriggerRow("163", "NOUN", "sanction", weight=0.7),
    TriggerRow("102", "VERB", "demand", weight=0.8),
    TriggerRow("0854", "VERB", "lift", objects=frozenset({"sanction"}), weight=0.8),
    TriggerRow("030", "VERB", "agree", weight=0.6),
    TriggerRow("190", "VERB", "kill", weight=0.8),
    TriggerRow("183", "NOUN", "bombing", weight=0.8),
    TriggerRow("190", "NOUN", "war", weight=0.8),
    TriggerRow("111", "VERB", "criticise", weight=0.0),
])

ENTS = {
    "country/arland": {"kind": "Country", "label": "Arland"},
    "country/borduria": {"kind": "Country", "label": "Borduria"},
    "country/cordia": {"kind": "Country", "label": "Cordia"},
    "person/ann-smith": {"kind": "Person", "label": "Ann Smith"},
    "person/bo-lee": {"kind": "Person", "label": "Bo Lee"},
    "person/cy-ode": {"kind": "Person", "label": "Cy Ode"},
    "group/soldiers": {"kind": "Group", "label": "soldiers"},
}
WORDS = {"Arland": "country/arland", "Borduria": "country/borduria", "Cordia": "country/cordia",
         "Ann": "person/ann-smith", "Bo": "person/bo-lee", "Cy": "person/cy-ode", "soldiers": "group/soldiers"}


def doc_of(spec: str):
    """spec: 'word/lemma/POS/dep/head' tokens, head an absolute index."""
    rows = []
    for t in spec.split():
        word, lemma, pos, dep, head = t.split("/")
        rows.append((word, lemma, pos, dep, int(head)))
    refs = {i: [WORDS[r[0]]] for i, r in enumerate(rows) if r[0] in WORDS}
    return make_doc(rows, ENTS, refs)


def context(spec: str, until: str | None = None) -> EventContext:
    """A context on ``spec`` with every default stage before ``until`` run (all of them if None)."""
    ctx = EventContext(doc=doc_of(spec), lexicon=LEX, weights=check_weights(None))
    for name in DEFAULT_STAGES:
        if name == until:
            break
        get_stage(name)(ctx)
    return ctx


def cand(ctx: EventContext, i: int) -> EventCandidate:
    return ctx.by_token()[i]


CONDEMN = "Arland/Arland/PROPN/nsubj/1 condemned/condemn/VERB/ROOT/1 Borduria/Borduria/PROPN/dobj/1 ././PUNCT/punct/1"


# -- candidates -------------------------------------------------------------------------------------------
def test_triggers_stage_makes_one_candidate_per_trigger_above_min_weight():
    ctx = context(CONDEMN, until="kg.candidates.triggers.v1")
    get_stage("kg.candidates.triggers.v1")(ctx)
    assert [(c.token, c.cameo_code) for c in ctx.candidates] == [(1, "111")]
    ctx = context("Arland/Arland/PROPN/nsubj/1 criticised/criticise/VERB/ROOT/1 Borduria/Borduria/PROPN/dobj/1",
                  until="kg.candidates.triggers.v1")
    get_stage("kg.candidates.triggers.v1")(ctx)
    assert ctx.candidates == []  # a weight-0 row blocks


def test_obligations_stage_reads_a_demand_on_another_party():
    spec = ("Arland/Arland/PROPN/nsubj/1 said/say/VERB/ROOT/1 Borduria/Borduria/PROPN/nsubj/4 "
            "must/must/AUX/aux/4 withdraw/withdraw/VERB/ccomp/1")
    ctx = context(spec, until="kg.candidates.obligations.v1")
    assert ctx.candidates == []
    get_stage("kg.candidates.obligations.v1")(ctx)
    assert [(c.token, c.cameo_code, c.obligation) for c in ctx.candidates] == [(1, "100", True)]
    same = ("Arland/Arland/PROPN/nsubj/1 said/say/VERB/ROOT/1 Arland/Arland/PROPN/nsubj/4 "
            "must/must/AUX/aux/4 act/act/VERB/ccomp/1")
    ctx = context(same, until="kg.candidates.obligations.v1")
    get_stage("kg.candidates.obligations.v1")(ctx)
    assert ctx.candidates == []  # "we must act" is no demand


def test_mentions_stage_sets_anchor_sentence_and_content():
    ctx = context(CONDEMN, until="kg.candidates.mentions.v1")
    get_stage("kg.candidates.mentions.v1")(ctx)
    c = cand(ctx, 1)
    assert c.anchor == "Arland condemned Borduria" and c.sentence.startswith("Arland condemned")
    assert c.begin == 0 and not c.content


# -- suppression and absorption ---------------------------------------------------------------------------
def test_collocation_stage_consumes_the_object_noun():
    spec = "Arland/Arland/PROPN/nsubj/1 imposed/impose/VERB/ROOT/1 sanctions/sanction/NOUN/dobj/1"
    ctx = context(spec, until="kg.suppress.collocations.v1")
    assert sorted(ctx.matches) == [1, 2]
    get_stage("kg.suppress.collocations.v1")(ctx)
    assert [c.token for c in ctx.candidates] == [1]


def test_complement_stage_suppresses_the_content_of_a_demand_and_a_commitment_verb():
    spec = ("Arland/Arland/PROPN/nsubj/1 demanded/demand/VERB/ROOT/1 that/that/SCONJ/mark/4 "
            "Borduria/Borduria/PROPN/nsubj/4 lift/lift/VERB/ccomp/1 sanctions/sanction/NOUN/dobj/4")
    ctx = context(spec, until="kg.suppress.complements.v1")
    assert not any(c.suppressed for c in ctx.candidates)
    get_stage("kg.suppress.complements.v1")(ctx)
    assert {c.token for c in ctx.live()} == {1}
    spec = ("Ann/Ann/PROPN/nsubj/1 agreed/agree/VERB/ROOT/1 to/to/PART/aux/3 meet/meet/VERB/xcomp/1 "
            "Bo/Bo/PROPN/dobj/3")
    ctx = context(spec, until="kg.suppress.complements.v1")
    get_stage("kg.suppress.complements.v1")(ctx)
    assert {c.token for c in ctx.live()} == {3}  # the commitment gives way to what is committed to


def test_act_noun_stage_gives_the_verb_the_nouns_code():
    spec = ("a/a/DET/det/1 bombing/bombing/NOUN/nsubj/2 killed/kill/VERB/ROOT/2 "
            "soldiers/soldier/NOUN/dobj/2")
    ctx = context(spec, until="kg.absorb.act_nouns.v1")
    get_stage("kg.absorb.act_nouns.v1")(ctx)
    assert ctx.recoded == {2: "183"} and ctx.acts_in == {2: 1}
    assert cand(ctx, 1).suppressed and not cand(ctx, 2).suppressed


def test_classifier_stage_suppresses_of_phrases():
    spec = ("Arland/Arland/PROPN/nsubj/1 freed/free/VERB/ROOT/1 prisoners/prisoner/NOUN/dobj/1 "
            "of/of/ADP/prep/2 war/war/NOUN/pobj/3")
    ctx = context(spec, until="kg.suppress.classifiers.v1")
    assert not cand(ctx, 4).suppressed
    get_stage("kg.suppress.classifiers.v1")(ctx)
    assert cand(ctx, 4).suppressed


# -- arguments --------------------------------------------------------------------------------------------
def test_arguments_stage_reads_subject_and_object():
    ctx = context(CONDEMN, until="kg.arguments.v1")
    assert cand(ctx, 1).actors == []
    get_stage("kg.arguments.v1")(ctx)
    c = cand(ctx, 1)
    assert c.sources == ["country/arland"] and c.targets == ["country/borduria"]
    assert c.actors == ["country/arland", "country/borduria"]


def test_event_subject_lends_its_participants_to_an_argumentless_noun():
    spec = ("Ann/Ann/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ././PUNCT/punct/1 "
            "The/the/DET/det/5 meeting/meeting/NOUN/nsubj/6 failed/fail/VERB/ROOT/6 to/to/PART/aux/8 "
            "produce/produce/VERB/xcomp/6 an/an/DET/det/10 agreement/agreement/NOUN/dobj/8 ././PUNCT/punct/6")
    ctx = context(spec, until="kg.arguments.from_event_subject.v1")
    agreement = cand(ctx, 10)
    assert agreement.actors == [] and agreement.lend_from == 5
    get_stage("kg.arguments.from_event_subject.v1")(ctx)
    assert set(agreement.actors) == {"person/ann-smith", "person/bo-lee"}


# -- factuality, recoding, time ---------------------------------------------------------------------------
def test_factuality_stage_copies_the_assessment(monkeypatch):
    import kg.nlp.factuality as fact

    class Refused:
        value, cues, confidence = "Negated", ("refused",), 0.8

    monkeypatch.setattr(fact, "assess", lambda tok: Refused())
    ctx = context(CONDEMN, until="kg.factuality.v1")
    get_stage("kg.factuality.v1")(ctx)
    c = cand(ctx, 1)
    assert (c.factuality, c.fact_cues, c.fact_conf) == ("Negated", ["refused"], 0.8)


@pytest.mark.parametrize("code,fact,cues,sources,want", [
    ("044", "Planned", [], ["country/arland"], ("036", "Planned")),     # an announced meeting: intent to meet
    ("163", "Planned", [], ["country/arland"], ("1312", "Planned")),    # an announced sanction: a threat
    ("163", "Planned", [], [], ("163", "Planned")),                     # ... but only by someone
    ("044", "Negated", ["refused"], ["country/arland"], ("125", "Actual")),  # a refusal happened
    ("044", "Negated", ["not"], ["country/arland"], ("044", "Negated")),     # a plain negation stays
    ("111", "Actual", [], ["country/arland"], ("111", "Actual")),       # nothing to recode
])
def test_recoding_stage(code, fact, cues, sources, want):
    ctx = context(CONDEMN, until="kg.recoding.v1")
    c = cand(ctx, 1)
    c.row_code, c.factuality, c.fact_cues, c.sources = code, fact, cues, sources
    get_stage("kg.recoding.v1")(ctx)
    assert (c.cameo_code, c.factuality) == want


def test_commitment_recodes_its_complement_as_intent():
    spec = ("Ann/Ann/PROPN/nsubj/1 agreed/agree/VERB/ROOT/1 to/to/PART/aux/3 meet/meet/VERB/xcomp/1 "
            "Bo/Bo/PROPN/dobj/3")
    ctx = context(spec, until="kg.recoding.v1")
    get_stage("kg.recoding.v1")(ctx)
    assert cand(ctx, 3).cameo_code.startswith("03") and cand(ctx, 3).factuality == "Planned"


def test_time_stage_chains_the_previous_time(monkeypatch):
    import kg.nlp.timex as timex

    seen = []

    def fake(tok, published, previous=None):
        seen.append(previous)
        return TimeValue(value="2020-05-04", granularity="day") if tok.i == 1 else None

    monkeypatch.setattr(timex, "time_of", fake)
    spec = CONDEMN + " Ann/Ann/PROPN/nsubj/5 met/meet/VERB/ROOT/5 Bo/Bo/PROPN/dobj/5"
    ctx = context(spec, until="kg.time.v1")
    get_stage("kg.time.v1")(ctx)
    assert cand(ctx, 1).time["value"] == "2020-05-04" and cand(ctx, 5).time is None
    assert seen[0] is None and seen[1].value == "2020-05-04"


# -- roles ------------------------------------------------------------------------------------------------
def test_confidence_stage_and_its_weights():
    ctx = context(CONDEMN, until="kg.confidence.v1")
    c = cand(ctx, 1)
    assert c.confidence == 0.0
    get_stage("kg.confidence.v1")(ctx)
    # weight 0.9, source and target stated, names, certain reading: 0.3 + 0.7 * 0.9
    assert c.confidence == round(0.3 + 0.7 * 0.9, 2)
    lower = event_confidence(c, check_weights({"floor": 0.1}))
    assert lower == round(0.1 + 0.7 * 0.9, 2)
    c.sources = []
    assert event_confidence(c, EVENT_WEIGHTS) < c.confidence
    with pytest.raises(UsageError, match="E203"):
        check_weights({"flor": 0.1})


def test_identity_stage_merges_an_anaphor_and_drops_events_nobody_takes_part_in():
    spec = ("Ann/Ann/PROPN/nsubj/1 met/meet/VERB/ROOT/1 Bo/Bo/PROPN/dobj/1 ././PUNCT/punct/1 "
            "The/the/DET/det/5 meeting/meeting/NOUN/nsubj/6 ended/end/VERB/ROOT/6 ././PUNCT/punct/6")
    ctx = context(spec, until="kg.identity.v1")
    assert len(list(ctx.live())) == 2 and cand(ctx, 5).anaphor
    get_stage("kg.identity.v1")(ctx)
    assert [e.token for e in ctx.events] == [1]
    assert [m["anchor"] for m in ctx.events[0].extra_mentions] == ["The meeting"]
    assert ctx.events[0].label == "meet: Ann Smith – Bo Lee"


# -- the component ----------------------------------------------------------------------------------------
def test_output_holds_only_public_fields_and_pickles():
    evs = extract_events(doc_of(CONDEMN), LEX)
    assert len(evs) == 1 and set(evs[0]) == set(PUBLIC_FIELDS)
    doc = doc_of(CONDEMN)
    EventExtractor(LEX)(doc)
    assert pickle.loads(pickle.dumps(doc.to_bytes())) and doc._.kg_events == evs
    assert pickle.loads(pickle.dumps(doc._.kg_events)) == evs


def test_unknown_stage_is_a_clear_error():
    with pytest.raises(UsageError, match="E202"):
        EventExtractor(LEX, stages=["kg.no.such.stage.v1"])


def test_a_new_stage_is_one_function_and_one_name():
    @stage("test.drop_condemnations.v1")
    def drop(ctx: EventContext) -> None:
        for c in ctx.live():
            if c.cameo_code.startswith("11"):
                c.suppressed = True

    names = [n for n in DEFAULT_STAGES]
    names.insert(names.index("kg.identity.v1"), "test.drop_condemnations.v1")
    assert extract_events(doc_of(CONDEMN), LEX) != []
    assert extract_events(doc_of(CONDEMN), LEX, stages=names) == []


# -- targets: each rule alone, on sentences of tests/test_event_targets.py ---------------------------------
@pytest.mark.parametrize("name,spec,code,want", [
    ("kg.targets.place.v1",
     "Arland/Arland/PROPN/nsubj/1 threatened/threaten/VERB/ROOT/1 to/to/PART/aux/3 resume/resume/VERB/xcomp/1 "
     "attacks/attack/NOUN/dobj/3 in/in/ADP/prep/3 Borduria/Borduria/PROPN/pobj/5", "130", ["country/borduria"]),
    ("kg.targets.purpose.v1",
     "Students/student/NOUN/nsubj/1 held/hold/VERB/ROOT/1 protests/protest/NOUN/dobj/1 to/to/PART/aux/4 "
     "demand/demand/VERB/advcl/1 reforms/reform/NOUN/dobj/4 from/from/ADP/prep/5 Bo/Bo/PROPN/compound/8 "
     "Lee/Lee/PROPN/pobj/6", "141", ["person/bo-lee"]),
    ("kg.targets.named_act.v1",
     "Arland/Arland/PROPN/nsubj/1 condemned/condemn/VERB/ROOT/1 as/as/ADP/prep/1 a/a/DET/det/4 crime/crime/NOUN/pobj/2 "
     "Borduria/Borduria/PROPN/poss/7 's/'s/PART/case/5 attack/attack/NOUN/appos/4", "111", ["country/borduria"]),
    ("kg.targets.answered_appeal.v1",
     "Arland/Arland/PROPN/nsubj/1 ignored/ignore/VERB/ROOT/1 a/a/DET/det/3 demand/demand/NOUN/dobj/1 "
     "from/from/ADP/prep/3 Borduria/Borduria/PROPN/pobj/4", "100", ["country/arland"]),
])
def test_target_stage_alone(name, spec, code, want):
    import test_event_targets as tt

    rows = [tuple(t.split("/")[:4]) + (int(t.split("/")[4]),) for t in spec.split()]
    refs = {i: [tt.WORDS[r[0]]] for i, r in enumerate(rows) if r[0] in tt.WORDS}
    ctx = EventContext(doc=make_doc(rows, tt.ENTS, refs), lexicon=tt.LEX, weights=check_weights(None))
    for n in DEFAULT_STAGES[:DEFAULT_STAGES.index(name)]:
        get_stage(n)(ctx)
    ev = next(c for c in ctx.live() if c.cameo_code == code)
    assert ev.targets != want
    get_stage(name)(ctx)
    assert ev.targets == want and set(want) <= set(ev.actors)


def test_complement_target_stage_alone():
    lex = Lexicon([TriggerRow("100", "NOUN", "demand", weight=0.8)])
    # "Arland repeated its demand that Borduria withdraw"
    spec = ("Arland/Arland/PROPN/nsubj/1 repeated/repeat/VERB/ROOT/1 its/its/PRON/poss/3 demand/demand/NOUN/dobj/1 "
            "that/that/SCONJ/mark/6 Borduria/Borduria/PROPN/nsubj/6 withdraw/withdraw/VERB/ccomp/3")
    ctx = EventContext(doc=doc_of(spec), lexicon=lex, weights=check_weights(None))
    for n in DEFAULT_STAGES[:DEFAULT_STAGES.index("kg.targets.complement.v1")]:
        get_stage(n)(ctx)
    ev = cand(ctx, 3)
    before = list(ev.targets)
    get_stage("kg.targets.complement.v1")(ctx)
    assert before == [] and ev.targets == ["country/borduria"]


def test_a_rule_over_candidates_becomes_a_stage():
    from kg.nlp.stages.registry import rule_stage

    def retarget_condemnations(doc, events):
        """A rule over the live candidates: changes roles, drops an event by removing it."""
        for ev in list(events):
            if ev.cameo_code == "111" and doc[ev.token].lemma_ == "condemn":
                ev.targets = ["country/cordia"]
                ev.actors = ev.sources + ev.targets
            if ev.cameo_code == "044":
                events.remove(ev)

    rule_stage("test.retarget_condemnations.v1", retarget_condemnations)
    names = list(DEFAULT_STAGES)
    names.insert(names.index("kg.identity.v1"), "test.retarget_condemnations.v1")
    spec = CONDEMN + " Ann/Ann/PROPN/nsubj/5 met/meet/VERB/ROOT/5 Bo/Bo/PROPN/dobj/5"
    assert len(extract_events(doc_of(spec), LEX)) == 2
    evs = extract_events(doc_of(spec), LEX, stages=names)
    assert len(evs) == 1 and evs[0]["targets"] == ["country/cordia"] and set(evs[0]) == set(PUBLIC_FIELDS)
