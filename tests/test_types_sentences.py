"""Event type and factuality rules (kg/nlp/types.py, the verb rules of kg/nlp/triggers.py), read by the real model.

Every sentence was written for these tests (none from an evaluation text); each
phenomenon has at least five, varied in wording and structure. A case states the
CAMEO root (or roots) that must be found, with the factuality it must have, and
roots that must not appear in the sentence at all.
"""
from __future__ import annotations

from functools import lru_cache

import pytest

pytestmark = pytest.mark.model

PUBLISHED = "2024-05-15"  # a Wednesday


@lru_cache(maxsize=1)
def _nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


def _events(text: str) -> list[dict]:
    nlp = _nlp()
    doc = nlp.make_doc(text)
    doc._.kg_published = PUBLISHED
    return nlp(doc)._.kg_events


def _check(text: str, want: tuple[str, ...], fact: str | None, absent: tuple[str, ...] = ()) -> None:
    events = _events(text)
    got = [(e["cameo_code"], e["factuality"]) for e in events]
    hits = [e for e in events if e["cameo_code"].startswith(want)]
    assert hits, f"no event of root {want} in {text!r}: {got}"
    if fact is not None:
        assert any(e["factuality"] == fact for e in hits), f"{text!r}: want {fact}, got {got}"
    bad = [e["cameo_code"] for e in events if e["cameo_code"].startswith(absent)] if absent else []
    assert not bad, f"{text!r}: roots {absent} must not appear, got {got}"


DIRECTIVES = [  # an order to leave is an expulsion, not a demand
    ("Poland ordered three Belarusian diplomats to leave the country.", ("16",), "Actual", ("10",)),
    ("Vilnius told the Russian ambassador to leave within a week.", ("16",), "Actual", ("10",)),
    ("Mali has ordered the French envoy to depart by Friday.", ("16",), "Actual", ("10",)),
    ("Kuwait ordered Iranian nationals to leave its territory.", ("17",), "Actual", ("10",)),
    ("On Monday Ethiopia instructed the Sudanese consul to quit Addis Ababa.", ("16",), "Actual", ("10",)),
    # a command to one's own forces is the act itself
    ("Putin ordered the mobilization of reservists.", ("15",), "Actual", ("10",)),
]

NAMING = [  # a naming verb with a judging predicate denounces (111)
    ("Orban described the delay as absurd.", ("11",), "Actual", ()),
    ("Lithuania labelled Lukashenko a tyrant.", ("11",), "Actual", ()),
    ("Macron called the decision a betrayal.", ("11",), "Actual", ()),
    ("Marcos likened the Chinese raid to piracy.", ("11",), "Actual", ()),
    ("Erdogan branded Netanyahu a war criminal on Tuesday.", ("11",), "Actual", ()),
]

CESSATION = [  # a hostile act stopped is a yielding (08)
    ("India halted its boycott of Turkish goods.", ("08",), "Actual", ("14",)),
    ("Turkey dropped its objections to Sweden joining NATO.", ("08",), "Actual", ("11",)),
    ("The rebels committed to stop fighting.", ("08", "03"), "Planned", ("19",)),
    ("Armenia ended its blockade of the corridor on Sunday.", ("08",), "Actual", ()),
    ("Hamas and Israel agreed to halt the shelling of border towns.", ("08", "03"), "Planned", ("19", "18")),
]

SUSPENSION = [  # a cooperative act stopped reduces relations (16), it is no talk
    ("Japan suspended its negotiations with South Korea on Monday.", ("16",), "Actual", ("04",)),
    ("Niger suspended its cooperation with France.", ("16",), "Actual", ("06",)),
    ("Egypt broke off its talks with Ethiopia over the dam.", ("16",), "Actual", ("04",)),
    ("Seoul froze its dialogue with Pyongyang after the launch.", ("16",), "Actual", ("04",)),
    ("Washington halted its negotiations with Caracas last week.", ("16",), "Actual", ("04",)),
]

ANNOUNCED = [  # an announced reduction of relations is planned, not a threat
    ("Canada announced that it would withdraw from the fisheries treaty with Norway.", ("16",), "Planned", ("13",)),
    ("Hungary said it will leave the International Criminal Court.", ("16",), "Planned", ("13",)),
    ("Russia decided to withdraw from the arms control treaty with the United States.", ("16",), "Planned", ("13",)),
    ("Kenya announced it would expel two Somali diplomats.", ("16",), "Planned", ("13",)),
    ("Nigeria will cut aid to Niger, Tinubu announced.", ("16",), "Planned", ("13",)),
]

PROMISED = [  # a promised or conditional act of force is a threat (13)
    ("Iran promised to hit back at Israel.", ("13",), None, ("03",)),
    ("Hezbollah vowed to attack Israel if the drilling began.", ("13",), None, ()),
    ("North Korea swore to strike South Korea.", ("13",), None, ("03",)),
    ("Azerbaijan pledged to retaliate against Armenia.", ("13",), None, ("03",)),
    ("Tehran has vowed to hit back at Washington.", ("13",), None, ("03",)),
]

APPEALS = [  # an appeal to stop an act is one appeal, not also the act by the speaker
    ("Germany urged the junta to stop bombing villages.", ("02",), "Actual", ("18", "19")),
    ("The UN called on Russia to stop shelling the plant.", ("02",), "Actual", ("18", "19")),
    ("Pope Francis appealed to Israel to stop attacking Gaza.", ("02",), "Actual", ("18", "19")),
    ("Qatar demanded that Israel stop bombing Rafah.", ("10",), "Actual", ("18", "19")),
    ("Biden pressed Netanyahu to halt the strikes on Rafah.", ("02", "10"), "Actual", ("18", "19")),
]

INVITATIONS = [  # an invitation is a planned visit of the invitee, hosted by the inviter
    ("Xi invited Lula to visit Shanghai next spring.", ("03", "04"), "Planned", ()),
    ("Modi has invited Biden to India for a state visit.", ("03", "04"), "Planned", ()),
    ("Erdogan invited Putin to Turkey.", ("03", "04"), "Planned", ()),
    ("Macron invited Zelensky to attend the summit in Paris.", ("03", "04"), "Planned", ()),
    ("Ramaphosa invited Xi to come to Pretoria in June.", ("03", "04"), "Planned", ()),
]

RECONSIDERED = [  # reconsidering a refusal: the act is possible, nothing was rejected
    ("Berlin is rethinking its refusal to send Taurus missiles to Kyiv.", ("07",), "Possible", ("12",)),
    ("Japan is reconsidering its refusal to supply weapons to Ukraine.", ("07",), "Possible", ("12",)),
    ("Scholz is reviewing Germany's refusal to deliver tanks to Ukraine.", ("07",), "Possible", ("12",)),
    ("Seoul may reverse its refusal to provide arms to Kyiv.", ("07",), "Possible", ("12",)),
    ("Washington is reassessing its refusal to send tanks to Ukraine.", ("07",), "Possible", ("12",)),
]

TRUCES = [  # a truce agreed in the past is an actual agreement
    ("Egypt and Israel agreed to a truce last week.", ("03", "08"), "Actual", ()),
    ("Sudan's army and the RSF agreed to a ceasefire on Monday.", ("03", "08"), "Actual", ()),
    ("Armenia and Azerbaijan agreed on a ceasefire in 2020.", ("03", "08"), "Actual", ()),
    ("Hamas agreed to a truce with Israel two days ago.", ("03", "08"), "Actual", ()),
    ("Ukraine and Russia agreed to an Easter truce.", ("03", "08"), "Actual", ()),
]

SCOPE = [  # a finite verb after an infinitive complement is asserted on its own: (sentence, its trigger)
    ("Lithuania ordered the attache to leave and suspended flights to Minsk.", "suspended"),
    ("Ghana told the envoy to go home and recalled its ambassador from Abuja.", "recalled"),
    ("Chad ordered French troops to withdraw and expelled the French ambassador.", "expelled"),
    ("Peru allowed the Mexican envoy to leave and recalled its ambassador from Mexico City.", "recalled"),
    ("Algeria told Spanish diplomats to depart and banned imports from Spain.", "banned"),
]

NO_TRIGGER = [  # wordings with no trigger word of their own
    ("Kenya shook hands with Uganda at the border.", ("04",), "Actual", ()),
    ("Erdogan and Aliyev shook hands in Baku on Friday.", ("04",), "Actual", ()),
    ("Japan unveiled an aid package for the Philippines.", ("07",), None, ()),
    ("China will help Pakistan develop its ports.", ("07", "03"), "Planned", ()),
    ("Turkey will help Somalia rebuild its navy.", ("07", "03"), "Planned", ()),
    ("Beijing slapped duties on Australian wine.", ("16",), "Actual", ()),
    ("Canberra retaliated with tariffs on Chinese steel.", ("16",), "Actual", ()),
]

BACKGROUND = [  # an earlier event used as a time point is not news
    ("Two years after the invasion, Zelensky met Biden in Kyiv.", ("04",), "Actual", ("19",)),
    ("Ukraine and Turkey signed a treaty a decade after the annexation.", ("05",), "Actual", ("19",)),
    ("Since the coup, Mali has expelled two French diplomats.", ("16",), "Actual", ("17", "18")),
    ("Three months after the bombing, Pakistan and India resumed talks.", ("04",), "Actual", ("18",)),
    ("Two weeks after the attack, Israel and Egypt met in Cairo.", ("04",), "Actual", ("19",)),
]

MOTIVES = [  # a motive or occasion phrase is no event of its own
    ("France recalled its ambassador to Rome in protest at the remarks.", ("16",), "Actual", ("14",)),
    ("Chile expelled a Venezuelan diplomat in protest over the arrests.", ("16",), "Actual", ("14",)),
    ("Vietnam summoned the Chinese envoy in protest against the drilling.", ("11", "16", "04"), None, ("14",)),
    ("Egypt sent aid to Gaza at the request of the United Nations.", ("07",), "Actual", ("02",)),
    ("Rwanda released the prisoners at the request of Qatar.", ("08",), "Actual", ("02",)),
]

TOPICS = [  # what talks are about is no event of its own
    ("Washington rejected the demands while offering talks on arms control and military exercises.", ("03", "04"),
     None, ("15",)),
    ("Sudan and Chad discussed the border in talks about the attacks.", ("04",), "Actual", ("19", "18")),
    ("India and China held negotiations on troop withdrawals.", ("04",), "Actual", ("08",)),
    ("Cuba and the US held a dialogue about the sanctions.", ("04",), "Actual", ("16",)),
    ("Japan and South Korea held talks over the tariffs in Seoul.", ("04",), "Actual", ("16",)),
]

NEWS_CONFERENCES = [  # a news conference is where a statement is made, not a meeting
    ("Biden told a joint news conference that he would stand with Ukraine.", None, None, ("04",)),
    ("Putin said at a press conference that Macron's ideas were useful.", None, None, ("04",)),
    ("At a news conference in Paris, Macron criticised Russia.", ("11",), "Actual", ("04",)),
    ("Blinken told a press conference in Tokyo that Washington condemned the launch.", None, None, ("04",)),
    ("Scholz gave a news conference on Friday.", None, None, ("04",)),
]

FUTURE_DATED = [  # dated after publication and not in the past tense: planned
    ("Negotiations between Sudan and South Sudan begin on May 20.", ("04",), "Planned", ()),
    ("Serbia and Kosovo hold talks in Brussels on June 3.", ("04",), "Planned", ()),
    ("Talks between Armenia and Azerbaijan start on 1 June in Almaty.", ("04",), "Planned", ()),
    ("The summit of Modi and Xi takes place on May 30.", ("04",), "Planned", ()),
    ("Lula visits Beijing on June 12.", ("04",), "Planned", ()),
]


def _cases(*tables):
    return [c for t in tables for c in t]


@pytest.mark.parametrize("text,want,fact,absent", _cases(
    DIRECTIVES, NAMING, CESSATION, SUSPENSION, ANNOUNCED, PROMISED, APPEALS, INVITATIONS, RECONSIDERED,
    TRUCES, NO_TRIGGER, BACKGROUND, MOTIVES, FUTURE_DATED, TOPICS))
def test_type_and_factuality(text, want, fact, absent):
    _check(text, want, fact, absent)


@pytest.mark.parametrize("text,want,fact,absent", NEWS_CONFERENCES)
def test_news_conference_is_no_meeting(text, want, fact, absent):
    events = _events(text)
    assert not [e for e in events if e["cameo_code"].startswith(absent)], [e["cameo_code"] for e in events]
    if want:
        _check(text, want, fact, absent)


def test_invitation_puts_the_invitee_first():
    ev = next(e for e in _events("Xi invited Lula to visit Shanghai next spring.") if e["cameo_code"].startswith("03"))
    assert any("lula" in s for s in ev["sources"]) and any("xi" in t for t in ev["targets"])


@pytest.mark.parametrize("text,trigger", SCOPE)
def test_finite_conjunct_is_not_inside_the_infinitive(text, trigger):
    events = [e for e in _events(text) if e["trigger"] == trigger]
    assert events and all(e["factuality"] == "Actual" for e in events), [(e["trigger"], e["factuality"]) for e in _events(text)]
