"""Dates an event takes from the clause around it and from the report (issue 10, dates).

Each mechanism is tried on sentences written for these tests, varied in wording and
structure: a date in the trigger's non-finite complement, a participle adjunct, a relative
clause on an event's frame ("a clash in May in which ..."), the occasion an act took place
at ("at a 12 March summit"), a free relative ("held what officials called talks"), a
reported past dated by the month of the saying, and, at the level of the report, a simple
past the tagger took for a participle, a narrative month beyond the window of days, and a
present perfect followed by the statement that reports it, and "N days after" a clause, which
lies before the time told so far.
"""
from __future__ import annotations

from datetime import date

import pytest

from conftest import event_times, time_at

PUB = date(2023, 3, 22)  # a Wednesday, past the first week of its month


@pytest.fixture
def nlp(model_nlp):
    return model_nlp


def _time(nlp, sentence: str, word: str, published: date = PUB) -> str | None:
    return time_at(nlp, sentence, word, published)


def _event_times(kg_nlp, text: str, published: str = "2023-03-22") -> dict[str, str | None]:
    return event_times(kg_nlp, text, published)


# --------------------------------------------------------------------------- the clause

COMPLEMENT = [
    ("Chile told the Bolivian consul to quit the country on Monday.", "told", "2023-03-20"),
    ("The junta ordered the French ambassador to quit Bamako on Friday.", "ordered", "2023-03-17"),
    ("Ghana asked the two envoys to return home on Tuesday.", "asked", "2023-03-21"),
    ("The ministers are expected to invite Kenya to join the bloc on Thursday.", "invite", "2023-03-23"),
    ("Rebels forced the governor to flee the city on Sunday evening.", "forced", "2023-03-19"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", COMPLEMENT)
def test_date_in_the_non_finite_complement_dates_the_act(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word) == expected


@pytest.mark.model
@pytest.mark.parametrize("sentence,word", [
    ("Peru agreed to meet Chile on Friday.", "agreed"),          # Friday is the meeting's
    ("Seoul told the attache to leave next week.", "told"),      # a future time in a past clause
])
def test_complement_date_that_is_not_the_acts(nlp, sentence, word):
    assert _time(nlp, sentence, word) is None


PARTICIPLE = [
    ("Serbia expelled a Croatian diplomat on Monday, accusing him of spying.", "accusing", "2023-03-20"),
    ("Rebels shelled the port on Sunday, killing three sailors.", "killing", "2023-03-19"),
    ("On Friday the court issued a warrant for the general, charging him with war crimes.", "charging",
     "2023-03-17"),
    ("Japan lodged a protest with Beijing on Tuesday, calling the flights a provocation.", "calling",
     "2023-03-21"),
    ("The premier flew to Cairo on Thursday, meeting President Sisi at the airport.", "meeting", "2023-03-16"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", PARTICIPLE)
def test_participle_adjunct_shares_its_clauses_date(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word) == expected


@pytest.mark.model
def test_participle_adjunct_of_an_undated_clause_stays_undated(nlp):
    assert _time(nlp, "Troops clashed near the border after talks failed, killing two.", "killing") is None


FRAME = [
    ("Relations collapsed after a clash in June 2021 in which 12 soldiers were killed.", "killed", "2021-06"),
    ("The crisis started with a raid in April 2022 in which police arrested four diplomats.", "arrested",
     "2022-04"),
    ("Talks stalled after a meeting in January during which the envoys traded insults.", "traded", "2023-01"),
    ("Tensions rose after a protest on Sunday in which students attacked the embassy.", "attacked",
     "2023-03-19"),
    ("The feud goes back to a summit in 2019 at which the two leaders clashed openly.", "clashed", "2019"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", FRAME)
def test_relative_clause_on_an_events_frame_takes_its_date(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word) == expected


@pytest.mark.model
def test_ordinary_relative_clause_keeps_its_own_time(nlp):
    assert _time(nlp, "The war that killed thousands ended in 2020.", "killed") is None


OCCASION = [
    ("At a 12 March summit, the bloc demanded the release of the president.", "demanded", "2023-03-12"),
    ("During his 2019 visit, the prime minister signed a trade pact.", "signed", "2019"),
    ("At the 14 March meeting, Kenya threatened to leave the alliance.", "threatened", "2023-03-14"),
    ("At an 8 March ceremony in Rome, the two sides signed the accord.", "signed", "2023-03-08"),
    ("During the March 2 talks, the envoys rejected the proposal.", "rejected", "2023-03-02"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", OCCASION)
def test_date_of_the_occasion_dates_the_act(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word) == expected


@pytest.mark.model
def test_date_inside_an_object_noun_phrase_is_not_the_acts(nlp):
    assert _time(nlp, "Envoys discussed the 2015 accord.", "discussed") is None


FREE_RELATIVE = [
    ("On Monday the envoy held what officials called constructive talks with the rebels.", "talks", "2023-03-20"),
    ("The ministers held what both sides described as frank discussions on Tuesday.", "discussions",
     "2023-03-21"),
    ("Iran launched what it described as retaliatory strikes on Thursday.", "strikes", "2023-03-16"),
    ("Officials held what they called a productive meeting on Monday.", "meeting", "2023-03-20"),
    ("A day earlier, the envoy held what she called difficult talks with the junta.", "talks", None),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", FREE_RELATIVE)
def test_free_relative_noun_takes_the_outer_verbs_date(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word) == expected  # "a day earlier" needs a previous event: None


@pytest.mark.model
def test_free_relative_noun_counts_from_the_previous_event(nlp):
    sentence = "A day earlier, the envoy held what she called difficult talks with the junta."
    assert time_at(nlp, sentence, "talks", PUB, "2023-03-14") == "2023-03-13"


REPORTED_PAST = [
    ("Canada said on Monday that it had started supplying Kyiv with armoured vehicles.", "supplying"),
    ("Officials said on Tuesday that the envoys had met in secret.", "met"),
    ("Kenya confirmed on Friday that it had expelled two Somali diplomats.", "expelled"),
    ("The ministry said on Thursday that Turkish jets violated its airspace.", "violated"),
    ("Aides said on Monday that the two leaders spoke by phone.", "spoke"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word", REPORTED_PAST)
def test_reported_past_takes_the_month_of_the_saying(nlp, sentence, word):
    assert _time(nlp, sentence, word) == "2023-03"
    # said early in the month: the act may lie in the month before
    assert _time(nlp, sentence, word, date(2023, 3, 8)) is None


@pytest.mark.model
def test_reported_past_with_its_own_date_keeps_it(nlp):
    assert _time(nlp, "Officials said on Monday that the envoys had met in 2019.", "met") == "2019"


# --------------------------------------------------------------------------- the report

MISTAGGED_PAST = [
    ("Chile's president visited Lima on Monday. Thousands of students protested outside the palace.",
     "protested", "2023-03-20"),
    ("The ministers met in Oslo on Tuesday. Later, hundreds of farmers rallied near the venue.",
     "rallied", "2023-03-21"),
    ("Kenya closed its border on Friday. Somali traders protested at the crossing.", "protested", "2023-03-17"),
    ("The rebels seized the airport on Sunday, and the deputy mayor was kidnapped and beaten.",
     "beaten", "2023-03-19"),
    ("Police raided the party offices on Monday.", "raided", "2023-03-20"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,expected", MISTAGGED_PAST)
def test_narrative_reads_participle_tags_as_simple_past(kg_nlp, text, trigger, expected):
    times = _event_times(kg_nlp, text)
    assert times.get(trigger) == expected


NARRATIVE_MONTH = [
    ("Serbia recalled its ambassador on Monday. The decision was criticised. Officials were cautious. "
     "Analysts disagreed. Belgrade then expelled a Croatian attache.", "expelled"),
    ("Chile and Peru signed a pact on Tuesday. It was welcomed. Markets rose. Investors cheered. "
     "Bolivia then condemned the pact.", "condemned"),
    ("The two leaders met on Friday. The talks were long. Aides were tired. Reporters waited. "
     "Within hours, protesters attacked the embassy.", "attacked"),
    ("Rebels seized the town on Sunday. Residents fled. Shops closed. Roads emptied. "
     "Government troops then shelled the rebel positions.", "shelled"),
    ("Japan protested on Monday. Tokyo was angry. Beijing was silent. Seoul watched. "
     "China then summoned the Japanese ambassador.", "summoned"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger", NARRATIVE_MONTH)
def test_narrative_beyond_the_window_gives_the_month(kg_nlp, text, trigger):
    assert _event_times(kg_nlp, text).get(trigger) == "2023-03"


@pytest.mark.model
def test_narrative_month_only_in_the_publication_month(kg_nlp):
    text = NARRATIVE_MONTH[0][0]
    # published on 2 April: Monday is 27 March, the month is not the report's own
    assert _event_times(kg_nlp, text, "2023-04-02").get("expelled") is None


ELABORATED = [
    ("Peru has recalled its ambassador to Mexico. Foreign Minister Ana Gervasi said on Monday that "
     "the move was a protest.", "recalled", "2023-03-20"),
    ("Japan has protested to China. The Japanese foreign ministry said on Tuesday that the flights "
     "were unacceptable.", "protested", "2023-03-21"),
    ("Norway has expelled fifteen Russian diplomats. The foreign ministry announced on Thursday that "
     "they were spies.", "expelled", "2023-03-16"),
    ("Egypt has condemned the raid. A spokesman for the ministry said on Sunday that the raid violated "
     "international law.", "condemned", "2023-03-19"),
    ("Hungary has summoned the Dutch envoy. The foreign minister said in a statement on Friday that "
     "the remarks were insulting.", "summoned", "2023-03-17"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,expected", ELABORATED)
def test_present_perfect_takes_the_day_of_the_statement_after_it(kg_nlp, text, trigger, expected):
    assert _event_times(kg_nlp, text).get(trigger) == expected


@pytest.mark.model
@pytest.mark.parametrize("text,trigger", [
    ("Egypt has condemned the raid. The raid killed four people on Sunday.", "condemned"),  # not a statement
    ("Egypt has condemned the raid. Officials will say more on Friday.", "condemned"),
    ("Brazil, which has condemned the raid, urged calm. A spokesman said on Sunday that it was wrong.",
     "condemned"),
])
def test_present_perfect_without_a_following_statement_stays_undated(kg_nlp, text, trigger):
    assert _event_times(kg_nlp, text).get(trigger) is None


RUN_ON_RELATIVE = [
    ("Kim stepped across the line that divides the two Koreas on Friday and held talks with Moon.", "held",
     "2023-03-17"),
    ("The envoy crossed the bridge that links the two cities on Monday and met the mayor.", "met", "2023-03-20"),
    ("Troops entered the zone that separates the armies on Sunday and seized a checkpoint.", "seized",
     "2023-03-19"),
    ("The premier visited the dam that supplies the capital on Tuesday and opened a new turbine hall.",
     "opened", "2023-03-21"),
    ("The minister toured the wall that divides the city on Thursday and spoke with residents.", "spoke",
     "2023-03-16"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", RUN_ON_RELATIVE)
def test_past_conjunct_of_a_present_relative_clause_belongs_to_the_main_clause(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word) == expected


@pytest.mark.model
def test_scheduled_relative_clause_keeps_its_date(nlp):
    # no past conjunct: the relative clause is the noun's own, scheduled time
    assert _time(nlp, "The summit that opens on Friday will discuss trade.", "summit") == "2023-03-24"


DEADLINE = [
    ("Beijing will ratify the pact before it hosts the summit in September.", "ratify", "2023"),
    ("The troops will leave Mali by May.", "leave", "2023"),
    ("The envoys will sign the accord before 30 March.", "sign", "2023-03"),
    ("Kenya said it would reopen the border by Friday.", "reopen", "2023-03"),
    ("The two sides plan to finish the talks before June.", "talks", "2023"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", DEADLINE)
def test_coming_act_with_a_deadline_lies_between_report_and_deadline(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word) == expected


@pytest.mark.model
@pytest.mark.parametrize("sentence,word", [
    ("The ceasefire will hold until Friday.", "hold"),      # a state lasts until: no act in the span
    ("The troops left Mali before May.", "left"),           # a past act: only bounded, not dated
    ("The envoys will sign the accord before 2025.", "sign"),  # a year bound spans too much to say
])
def test_deadline_that_dates_nothing(nlp, sentence, word):
    assert _time(nlp, sentence, word) is None


CLAUSE_AFTER = [
    ("The summit came two days after Delhi announced a border deal.", "announced", "2023-03-13"),
    ("The visit came three days after Chile expelled a Peruvian diplomat.", "expelled", "2023-03-12"),
    ("The strike came a day after the rebels seized the airport.", "seized", "2023-03-14"),
    ("The talks took place two days before the army launched an offensive.", "launched", "2023-03-17"),
    ("Chile recalled its envoy two days after the vote.", "recalled", "2023-03-17"),  # after a noun: later
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", CLAUSE_AFTER)
def test_days_after_a_clause_count_back_from_the_time_told(nlp, sentence, word, expected):
    assert time_at(nlp, sentence, word, PUB, "2023-03-15") == expected
