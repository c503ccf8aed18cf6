"""Trigger, type and factuality mechanisms of issue 10 (missed and spurious events), read by the real model.

Every sentence was written for these tests (none from an evaluation text or from
phenomena.md); each mechanism has at least five, varied in wording and structure.
A case states the CAMEO root(s) that must be found, the factuality it must have,
and roots that must not appear in the sentence at all.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

PUBLISHED = "2024-05-15"  # a Wednesday


def _events(nlp, text: str) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.kg_published = PUBLISHED
    return nlp(doc)._.kg_events


def _check(nlp, text: str, want: tuple[str, ...], fact: str | None, absent: tuple[str, ...] = ()) -> None:
    events = _events(nlp, text)
    got = [(e["cameo_code"], e["factuality"], e["trigger"]) for e in events]
    if want:
        hits = [e for e in events if e["cameo_code"].startswith(want)]
        assert hits, f"no event of root {want} in {text!r}: {got}"
        if fact is not None:
            assert any(e["factuality"] == fact for e in hits), f"{text!r}: want {fact}, got {got}"
    bad = [e["cameo_code"] for e in events if e["cameo_code"].startswith(absent)] if absent else []
    assert not bad, f"{text!r}: roots {absent} must not appear, got {got}"


# "four days of talks": a measure of the event's length is no classifier; the event after
# 'after'/'following' is presupposed, so a plan of the main clause does not reach it
DURATIONS = [
    ("Kenya and Somalia failed to reach a deal despite six hours of negotiations.", ("04",), "Actual", ()),
    ("Egypt agreed to reopen the crossing after a week of talks with Israel.", ("04",), "Actual", ()),
    ("Chad and Sudan agreed to reopen their border following three days of talks in Doha.", ("04",), "Actual", ()),
    ("Mexico said two rounds of negotiations with Canada had produced no result.", ("04",), "Actual", ()),
    ("The ministers of Ghana and Togo met after hours of talks between their deputies.", ("04",), "Actual", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", DURATIONS)
def test_duration_measures_name_the_event(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# "talk of a ceasefire" is a rumour, "hostility" a sentiment; "talks", "talk on X", "hostilities" are events
PLURAL_ONLY = [
    ("Negotiators from Peru and Chile met in Lima for talk on the fishing quotas.", ("04",), None, ()),
    ("The ministry dismissed talk of a ceasefire.", (), None, ("04",)),
    ("Officials in Ankara played down talk of an early election.", (), None, ("04",)),
    ("Hostility towards Denmark has grown among Iranian students.", (), None, ("19",)),
    ("There is deep hostility between Chad and Sudan.", (), None, ("19",)),
    ("Serbia and Kosovo held talks in Brussels on Monday.", ("04",), "Actual", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", PLURAL_ONLY)
def test_singular_talk_and_hostility_are_no_events(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# a habit, a state or a kind: no one act
GENERIC = [
    ("Police in Minsk detained twelve women after their weekly march.", ("17",), "Actual", ("14",)),
    ("Soldiers armed with rifles stopped the Ukrainian convoy at the border.", (), None, ("07",)),
    ("Militiamen armed with machetes attacked the village, Kenya said.", ("1",), None, ("07",)),
    ("Foreign aid is not charity, Ruto told the Kenyan parliament.", (), None, ("07",)),
    ("Sanctions are no substitute for diplomacy, Lula said.", (), None, ("16",)),
    ("Egypt and Israel hold regular talks on the crossing.", (), None, ("04",)),
]


@pytest.mark.parametrize("text,want,fact,absent", GENERIC)
def test_habits_states_and_kinds_are_no_events(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# a demand verb whose content states a fact asserts; it asks nothing
ASSERTIONS = [
    ("Tehran insisted that its nuclear programme was peaceful.", (), None, ("10",)),
    ("Minsk insists that the detained journalist is a terrorist.", (), None, ("10",)),
    ("Japan sent a protest note to Beijing, insisting that the islands belong to Japan.", (), None, ("10",)),
    ("Serbia has insisted that Kosovo's police withdraw from the north.", ("10",), None, ()),
    ("Hungary insisted that the EU must release the frozen funds.", ("10",), None, ()),
]


@pytest.mark.parametrize("text,want,fact,absent", ASSERTIONS)
def test_insisting_on_a_fact_is_no_demand(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# "would not hesitate to": a commitment; of a coercive or ordered act, a threat
LITOTES = [
    ("Erdogan said Turkey would not hesitate to launch air strikes on Kurdish militants.", ("13",), "Actual", ("19",)),
    ("Seoul will not hesitate to order retaliatory strikes against North Korea, Yoon said.", ("13",), "Actual", ()),
    ("Israel would not shy away from attacking Hezbollah, Gallant warned.", ("13",), "Actual", ()),
    ("The EU said it would not hesitate to impose new sanctions on Belarus.", ("13",), "Actual", ("16",)),
    ("Qatar said it would not hesitate to help Lebanon rebuild its port.", ("03",), "Planned", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", LITOTES)
def test_not_hesitating_is_a_commitment(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# a warning that gives advice threatens nothing: a criticism of whoever it names
CAUTIONS = [
    ("Stoltenberg warned that Europe should not trust Russia's offer of talks.", ("11",), "Actual", ("13",)),
    ("Japan warned that countries must not trust North Korea's promises.", ("11",), "Actual", ("13",)),
    ("The EU warned on Tuesday that member states should not be deceived by China's pledges.", ("11",), "Actual",
     ("13",)),
    ("Kenya warned that Somalia would pay a heavy price for the raid.", ("13",), "Actual", ()),
    ("Iran warned that any attack on its soil would be met with a crushing response.", ("13",), "Actual", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", CAUTIONS)
def test_cautions_criticise_and_threats_stay_threats(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# "made no commitment to free the prisoners": the commitment noun makes its act an intent
COMMITMENT_NOUNS = [
    ("Ghana said it had made no commitment to release the detained sailors.", ("03",), "Negated", ("08",)),
    ("Norway gave no commitment to supply tanks to Ukraine.", ("03",), "Negated", ("07",)),
    ("Peru has made a firm commitment to return the seized vessels.", ("03",), None, ()),
    ("The Kremlin said Russia had no plans to meet Zelensky.", ("03",), "Negated", ()),
    ("India expressed its commitment to restore the border patrols.", ("03",), None, ()),
]


@pytest.mark.parametrize("text,want,fact,absent", COMMITMENT_NOUNS)
def test_commitment_nouns_make_intents(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# "made an appeal to Congress to keep aid flowing": what a light verb's appeal asks for is its content
LIGHT_VERB_APPEALS = [
    ("Zelensky made a passionate appeal to the Senate to keep weapons deliveries coming.", ("02",), "Actual", ("07",)),
    ("Lebanon issued an appeal to donors to send food aid to the camps.", ("02",), "Actual", ("07",)),
    ("Iran made a demand to Britain to release the seized tanker at once.", ("10",), "Actual", ("08",)),
    ("Guterres made a plea to both armies to stop shelling the city.", ("02",), "Actual", ("19",)),
    ("Macron made a plea to Putin to halt the offensive and flew to Kyiv on Monday.", ("04",), "Actual", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", LIGHT_VERB_APPEALS)
def test_light_verb_appeals_take_their_content(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# "peacekeepers began deploying": an intransitive verb of moving forces reads its subject as the object
ERGATIVE = [
    ("Turkish monitors started deploying to the border zone on Tuesday.", ("074",), "Actual", ("154",)),
    ("Indian peacekeepers deployed to South Sudan last week.", ("074",), "Actual", ("154",)),
    ("The OSCE monitors withdrew from the city on Monday.", ("1662",), "Actual", ()),
    ("Kenya's peacekeepers will deploy to Haiti next month.", ("03", "074"), None, ("154",)),
    ("Turkish troops deployed to the Syrian border.", ("154",), "Actual", ("074",)),
    ("Brazil deployed peacekeepers to Haiti in 2004.", ("074",), "Actual", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", ERGATIVE)
def test_subjects_of_intransitive_deployments(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


def _by_code(nlp, text: str) -> dict[str, dict]:
    return {e["cameo_code"][:2]: e for e in _events(nlp, text)}


# "demanded that X reinstate Y and imposed sanctions": a finite past conjunct of a subjunctive
# complement belongs to the clause above: its own event, by the demander
ESCAPED_CONJUNCTS = [
    ("Kenya demanded that Somalia release the fishermen and recalled its ambassador.", "16", "country/kenya"),
    ("Egypt demanded that Ethiopia halt the filling of the dam and recalled its envoy.", "16", "country/egypt"),
    ("Poland insisted that Belarus withdraw its troops and closed its embassy in Minsk.", "16", "country/poland"),
    ("Japan urged that China free the detained citizen and summoned the Chinese ambassador.", "11",
     "country/japan"),
    ("Lithuania demanded that Minsk release the pilot and expelled two Belarusian diplomats.", "16",
     "country/lithuania"),
]


@pytest.mark.parametrize("text,root,source", ESCAPED_CONJUNCTS)
def test_finite_conjunct_escapes_the_demanded_content(kg_nlp, text, root, source):
    got = _by_code(kg_nlp, text)
    assert root in got, f"{text!r}: {[(e['cameo_code'], e['trigger']) for e in got.values()]}"
    assert got[root]["factuality"] == "Actual"
    assert source in got[root]["sources"], got[root]


# recognising a court's jurisdiction or a ruling is no diplomatic recognition (054)
NON_RECOGNITION = [
    ("Israel does not recognize the court's jurisdiction.", (), None, ("054",)),
    ("China said it would never recognize the tribunal's ruling.", (), None, ("054",)),
    ("The junta refuses to recognize the authority of the regional bloc.", (), None, ("054",)),
    ("Washington does not recognize the verdict against the journalist.", (), None, ("054",)),
    ("Kenya recognized Somaliland as a state on Monday.", ("05",), "Actual", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", NON_RECOGNITION)
def test_recognising_a_court_is_no_recognition(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# "met in an attempt to defuse the crisis": the aim of an act is no act of its own
AIMS = [
    ("Kenya and Uganda held talks in Nairobi in an attempt to defuse the border crisis.", ("04",), "Actual", ("08",)),
    ("Turkey hosted talks between Russia and Ukraine in an effort to mediate.", ("04",), "Actual", ()),
    ("Sweden hosted Serbian and Kosovar envoys in a bid to restore their talks.", (), None, ("03",)),
    ("Erdogan telephoned Putin on Friday in an effort to revive the grain deal.", ("04",), "Actual", ("03", "05")),
    ("Norway's envoy flew to Caracas in a push to end the political standoff.", ("04",), None, ("08",)),
]


@pytest.mark.parametrize("text,want,fact,absent", AIMS)
def test_aims_of_acts_are_no_events(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


def test_caution_targets_the_party_named_not_its_backers(kg_nlp):
    events = _events(kg_nlp, "Stoltenberg warned that allies should not believe any offer by Russia, "
                             "backed by Belarus, to freeze the war.")
    crit = [e for e in events if e["cameo_code"].startswith("11")]
    assert crit and crit[0]["targets"] == ["country/russia"], events


# avoiding an act negates it; "direct contact" is a consultation (040)
AVOIDANCE = [
    ("Armenia and Azerbaijan avoided direct talks in Vienna.", ("04",), "Negated", ()),
    ("Serbia and Kosovo signed the plan, but the two sides avoided any direct contact.", ("040",), "Negated", ()),
    ("Iran has shunned direct negotiations with the United States.", ("04",), "Negated", ()),
    ("Turkey contacted Sweden on Monday about the extradition requests.", ("040",), "Actual", ()),
    ("Japan and China resumed direct contact after a two-year pause.", ("04",), None, ()),
]


@pytest.mark.parametrize("text,want,fact,absent", AVOIDANCE)
def test_avoided_events_are_negated(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


# "captured the town after five days of fighting": a spell of hostilities before the act is background
HOSTILE_SPELLS = [
    ("Sudan's army captured the bridge after three days of fighting.", ("19",), "Actual", ("190",)),
    ("Mali and Algeria agreed to a truce after two weeks of clashes.", ("03", "08"), None, ("190",)),
    ("Police lifted the curfew in Dhaka after a week of unrest.", (), None, ("14",)),
    ("Yemen's government and the Houthis signed a truce after a month of fighting.", ("05", "08"), "Actual", ("190",)),
    ("Israel and Hamas agreed to a ceasefire following eleven days of fighting.", ("03", "08"), None, ("190",)),
]


@pytest.mark.parametrize("text,want,fact,absent", HOSTILE_SPELLS)
def test_hostile_spells_before_an_act_are_background(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)


def _count(nlp, text: str, root: str) -> int:
    return sum(1 for e in _events(nlp, text) if e["cameo_code"].startswith(root))


# "held talks in Riyadh, the highest-level contact in years": the appositive restates the event
RESTATEMENTS = [
    ("Serbia and Kosovo met in Brussels on Monday, their first such encounter since 2019.", "04"),
    ("Kenya and Uganda signed a border pact on Monday, their first agreement in a decade.", "05"),
    ("Egypt and Turkey held talks in Cairo, the first such meeting since 2013.", "04"),
    ("Peru and Chile held a summit in Lima, their first meeting since the dispute.", "04"),
    ("Armenia and Azerbaijan signed a peace deal, a landmark accord after decades of conflict.", "05"),
]


@pytest.mark.parametrize("text,root", RESTATEMENTS)
def test_appositive_restatement_is_one_event(kg_nlp, text, root):
    assert _count(kg_nlp, text, root) == 1, _events(kg_nlp, text)


# "an agreement that ended the fighting": the relative clause is what the agreement does
PROVISIONS = [
    ("Sudan and Chad signed a deal that reopens their border.", ("05",), "Actual", ("03", "08")),
    ("Niger and Benin signed a deal that reopened their border on Monday.", ("05",), "Actual", ("03", "08")),
    ("Cambodia and Thailand reached a deal that reopens their border crossings.", ("05",), "Actual", ("03", "08")),
    ("Mali and Algeria reached an accord that ended two years of clashes.", ("05",), "Actual", ("08", "19")),
    ("Ghana and Togo signed an accord that reopened the frontier.", ("05",), "Actual", ("08",)),
    ("Kenya expelled the diplomat who had insulted the president.", ("16",), "Actual", ()),
]


@pytest.mark.parametrize("text,want,fact,absent", PROVISIONS)
def test_relative_clause_of_an_agreement_is_its_provision(kg_nlp, text, want, fact, absent):
    _check(kg_nlp, text, want, fact, absent)
