"""Time expressions: logic tests on hand-built parses, then model tests."""
from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from conftest import event_times, time_at
from kg.model import TimeValue
from kg.nlp.timex import Timex, find_timexes, normalise, time_of

_VOCAB = spacy.blank("en").vocab


def parse(spec: str) -> Doc:
    """A Doc from 'word/lemma/POS/TAG/dep/head' items (head = absolute index)."""
    rows = [item.split("/") for item in spec.split()]
    spaces = [True] * len(rows)
    for i in range(len(rows) - 1):
        if rows[i + 1][0] in (".", ","):
            spaces[i] = False
    return Doc(_VOCAB, words=[r[0] for r in rows], spaces=spaces, lemmas=[r[1] for r in rows],
               pos=[r[2] for r in rows], tags=[r[3] for r in rows], deps=[r[4] for r in rows],
               heads=[int(r[5]) for r in rows])


def tok(doc: Doc, word: str):
    return next(t for t in doc if t.text == word)


def value(tv: TimeValue | None) -> str | None:
    return tv.value if tv is not None else None


MET_ON_MONDAY = parse("They/they/PRON/PRP/nsubj/1 met/meet/VERB/VBD/ROOT/1 on/on/ADP/IN/prep/1 "
                      "Monday/Monday/PROPN/NNP/pobj/2 ././PUNCT/./punct/1")
WILL_MEET_ON_MONDAY = parse("They/they/PRON/PRP/nsubj/2 will/will/AUX/MD/aux/2 meet/meet/VERB/VB/ROOT/2 "
                            "on/on/ADP/IN/prep/2 Monday/Monday/PROPN/NNP/pobj/3 ././PUNCT/./punct/2")
SAID_ON_TUESDAY_MET_ON_FRIDAY = parse(
    "Aides/aide/NOUN/NNS/nsubj/1 said/say/VERB/VBD/ROOT/1 on/on/ADP/IN/prep/1 Tuesday/Tuesday/PROPN/NNP/pobj/2 "
    "they/they/PRON/PRP/nsubj/5 met/meet/VERB/VBD/ccomp/1 on/on/ADP/IN/prep/5 Friday/Friday/PROPN/NNP/pobj/6")
TALKS_SINCE = parse("The/the/DET/DT/det/1 talks/talk/NOUN/NNS/nsubj/4 since/since/ADP/IN/prep/1 "
                    "2019/2019/NUM/CD/pobj/2 ended/end/VERB/VBD/ROOT/4")
HELD_TALKS_ON_DATE = parse(
    "They/they/PRON/PRP/nsubj/1 held/hold/VERB/VBD/ROOT/1 talks/talk/NOUN/NNS/dobj/1 on/on/ADP/IN/prep/1 "
    "16/16/NUM/CD/nummod/5 July/July/PROPN/NNP/pobj/3 2018/2018/NUM/CD/nummod/5")
AGREED_ON_MONDAY_TO_SUMMIT = parse(
    "They/they/PRON/PRP/nsubj/1 agreed/agree/VERB/VBD/ROOT/1 on/on/ADP/IN/prep/1 Monday/Monday/PROPN/NNP/pobj/2 "
    "to/to/ADP/IN/prep/1 a/a/DET/DT/det/6 summit/summit/NOUN/NN/pobj/4")
MET_A_DAY_LATER = parse("They/they/PRON/PRP/nsubj/1 met/meet/VERB/VBD/ROOT/1 a/a/DET/DT/det/3 "
                        "day/day/NOUN/NN/npadvmod/4 later/later/ADV/RB/advmod/1")

THURSDAY = date(2024, 5, 16)  # a Thursday


def test_weekday_past_and_future():
    assert value(time_of(tok(MET_ON_MONDAY, "met"), THURSDAY)) == "2024-05-13"
    assert value(time_of(tok(WILL_MEET_ON_MONDAY, "meet"), THURSDAY)) == "2024-05-20"


def test_weekday_same_day_past():
    assert value(time_of(tok(MET_ON_MONDAY, "met"), date(2024, 5, 13))) == "2024-05-13"


def test_no_publication_date_no_relative_value():
    assert time_of(tok(MET_ON_MONDAY, "met"), None) is None
    tv = time_of(tok(HELD_TALKS_ON_DATE, "talks"), None)
    assert tv == TimeValue(value="2018-07-16", granularity="day", text="16 July 2018")


def test_time_stays_in_its_clause():
    said = time_of(tok(SAID_ON_TUESDAY_MET_ON_FRIDAY, "said"), THURSDAY)
    met = time_of(tok(SAID_ON_TUESDAY_MET_ON_FRIDAY, "met"), THURSDAY)
    assert value(said) == "2024-05-14" and value(met) == "2024-05-10"


def test_bounds_are_not_the_event_time():
    assert time_of(tok(TALKS_SINCE, "talks"), THURSDAY) is None


def test_governing_verb_time_for_an_object_noun():
    assert value(time_of(tok(HELD_TALKS_ON_DATE, "talks"), THURSDAY)) == "2018-07-16"


def test_time_of_a_planning_act_is_not_the_planned_event_time():
    assert time_of(tok(AGREED_ON_MONDAY_TO_SUMMIT, "summit"), THURSDAY) is None
    assert value(time_of(tok(AGREED_ON_MONDAY_TO_SUMMIT, "agreed"), THURSDAY)) == "2024-05-13"


def test_relative_to_previous_event():
    prev = TimeValue(value="2024-05-10", granularity="day")
    assert value(time_of(tok(MET_A_DAY_LATER, "met"), THURSDAY, prev)) == "2024-05-11"
    assert time_of(tok(MET_A_DAY_LATER, "met"), THURSDAY, None) is None
    month_only = TimeValue(value="2024-05", granularity="month")
    assert time_of(tok(MET_A_DAY_LATER, "met"), THURSDAY, month_only) is None


def test_find_timexes_returns_spans_and_values():
    found = find_timexes(HELD_TALKS_ON_DATE, THURSDAY)
    assert len(found) == 1 and isinstance(found[0], Timex)
    assert found[0].span.text == "16 July 2018" and found[0].kind == "date" and found[0].prep == "on"
    assert found[0].value is not None and found[0].value.granularity == "day"


# --------------------------------------------------------------------------- normalising text

SAT = date(2021, 8, 14)  # a Saturday


@pytest.mark.parametrize("text,tense_,expected,granularity", [
    ("on Tuesday", "past", "2021-08-10", "day"),
    ("on Tuesday", "future", "2021-08-17", "day"),
    ("on Saturday", "past", "2021-08-14", "day"),
    ("on Saturday", "future", "2021-08-14", "day"),  # the day of filing: wire copy names it, not 'today'
    ("on Sunday", "future", "2021-08-15", "day"),
    ("on Friday", "present", "2021-08-13", "day"),
    ("last Saturday", "past", "2021-08-07", "day"),
    ("next Monday", "past", "2021-08-16", "day"),
    ("Sunday evening", "past", "2021-08-08", "day"),
    ("yesterday", "past", "2021-08-13", "day"),
    ("the day before yesterday", "past", "2021-08-12", "day"),
    ("tomorrow", "future", "2021-08-15", "day"),
    ("three days ago", "past", "2021-08-11", "day"),
    ("last month", "past", "2021-07", "month"),
    ("next month", "future", "2021-09", "month"),
    ("earlier this year", "past", "2021", "year"),
    ("last year", "past", "2020", "year"),
    ("last week", "past", "2021-08", "month"),
    ("on 9 September", "past", "2020-09-09", "day"),
    ("on 9 September", "future", "2021-09-09", "day"),
    ("on September 9th", "present", "2021-09-09", "day"),
    ("on Sept. 9, 2019", "past", "2019-09-09", "day"),
    ("on 1999-12-31", "past", "1999-12-31", "day"),
    ("in March", "past", "2021-03", "month"),
    ("in March", "future", "2022-03", "month"),
    ("in mid-November 2017", "past", "2017-11", "month"),
    ("in 1994", "past", "1994", "year"),
    ("on 7-8 June 2020", "past", "2020-06", "month"),
    ("in the spring", "past", "2021", "year"),   # a season is a year value
    ("next spring", "future", "2022", "year"),
    ("in the autumn", "future", "2021", "year"),
    ("last summer", "past", "2020", "year"),     # published mid-August: this summer is not over
    ("in the winter of 2019", "past", "2019", "year"),
])
def test_normalise_text(text, tense_, expected, granularity):
    tv = normalise(text, SAT, tense_)
    assert tv is not None and (tv.value, tv.granularity) == (expected, granularity)


@pytest.mark.parametrize("text", [
    "this week", "over the past week", "in winter", "prices fall sharply", "for three hours", "in the 1990s",
    "a few weeks ago", "recently", "on the eve of the talks", "the day after the vote", "may",
])
def test_normalise_text_without_a_safe_value(text):
    assert normalise(text, SAT, "past") is None


def test_normalise_needs_publication_date_for_relative_expressions():
    assert normalise("on Monday", None) is None
    assert normalise("in March", None) is None
    assert normalise("15 March", None) is None
    assert value(normalise("15 March 2003", None)) == "2003-03-15"
    assert value(normalise("in 2003", None)) == "2003"


def test_normalise_anaphoric_needs_a_day_level_previous():
    prev = TimeValue(value="2021-08-01", granularity="day")
    assert value(normalise("a day later", SAT, previous=prev)) == "2021-08-02"
    assert value(normalise("two weeks later", SAT, previous=prev)) == "2021-08-15"
    assert value(normalise("the previous day", SAT, previous=prev)) == "2021-07-31"
    assert value(normalise("the same day", SAT, previous=prev)) == "2021-08-01"
    assert normalise("a day later", SAT, previous=None) is None
    assert normalise("the day after the vote", SAT, previous=prev) is None  # relative to the vote
    assert value(normalise("the day after", SAT, previous=prev)) == "2021-08-02"
    assert normalise("a day later", SAT, previous=TimeValue(value="2021-08", granularity="month")) is None


def test_normalise_anaphoric_periods():
    day = TimeValue(value="2021-08-11", granularity="day")
    month = TimeValue(value="2021-08", granularity="month")
    assert value(normalise("the following month", SAT, previous=day)) == "2021-09"
    assert value(normalise("the previous year", SAT, previous=month)) == "2020"
    assert value(normalise("the following week", SAT, previous=day)) == "2021-08"
    assert normalise("the following week", SAT, previous=month) is None
    assert normalise("the following month", SAT, previous=TimeValue(value="2021", granularity="year")) is None


def test_invalid_calendar_dates_are_none():
    assert normalise("on 31 February 2020", SAT) is None
    assert normalise("2021-13-01", SAT) is None


# --------------------------------------------------------------------------- model tests

@pytest.fixture
def nlp(model_nlp):
    return model_nlp


_time = time_at


WED = date(2023, 3, 8)  # a Wednesday

WEEKDAYS = [
    ("The two foreign ministers met in Ankara on Monday.", "met", WED, "2023-03-06"),
    ("The delegations held talks in Oslo on Friday.", "talks", WED, "2023-03-03"),
    ("The premier visited the border on Wednesday.", "visited", WED, "2023-03-08"),
    ("The envoys will meet in Cairo on Monday.", "meet", WED, "2023-03-13"),
    ("The king is scheduled to arrive in Lima on Saturday.", "arrive", WED, "2023-03-11"),
    ("The leaders dined together on Tuesday evening.", "dined", WED, "2023-03-07"),
    ("The summit will open on Wednesday.", "open", WED, "2023-03-08"),  # filed that day: later today
    ("The envoy was due to fly to Rome on Wednesday.", "fly", WED, "2023-03-08"),
    ("Officials said on Tuesday that the generals met on Sunday.", "met", WED, "2023-03-05"),
    ("The negotiators met on Monday last week.", "met", WED, "2023-02-27"),
    ("The premiers will talk again on Friday next week.", "talk", WED, "2023-03-17"),
    ("The talks are scheduled to take place on Monday.", "talks", WED, "2023-03-13"),
    ("The summit is expected on Friday.", "summit", WED, "2023-03-10"),
]


RELATIVE = [
    ("The ministers met again a day later.", "met", "2023-03-01", "2023-03-02"),
    ("The talks resumed the next day.", "resumed", "2023-03-01", "2023-03-02"),
    ("The delegations signed the protocol the following day.", "signed", "2023-02-28", "2023-03-01"),
    ("The envoy had arrived in Baku the day before.", "arrived", "2023-03-01", "2023-02-28"),
    ("The foreign ministers met two days later.", "met", "2023-03-01", "2023-03-03"),
    ("The premiers spoke by phone later that day.", "spoke", "2023-03-01", "2023-03-01"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,previous,expected", RELATIVE)
def test_model_relative_to_previous(nlp, sentence, word, previous, expected):
    assert _time(nlp, sentence, word, WED, previous) == expected
    assert _time(nlp, sentence, word, WED, None) is None


RELATIVE_TO_PUBLICATION = [
    ("The foreign ministers met in Geneva yesterday.", "met", "2023-03-07"),
    ("The chancellor will travel to Paris tomorrow.", "travel", "2023-03-09"),
    ("The president addressed parliament today.", "addressed", "2023-03-08"),
    ("The prime minister visited Kyiv last month.", "visited", "2023-02"),
    ("The two leaders held a summit last year.", "summit", "2022"),
    ("The minister will visit Hanoi next month.", "visit", "2023-04"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", RELATIVE_TO_PUBLICATION)
def test_model_relative_to_publication(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word, WED) == expected


EXPLICIT = [
    ("The presidents met in Vienna on 4 June 1961.", "met", None, "1961-06-04"),
    ("The treaty was signed on December 8, 1987.", "signed", None, "1987-12-08"),
    ("The accord was signed on 1995-12-14 in Paris.", "signed", None, "1995-12-14"),
    ("The ministers met in Minsk on Feb. 11.", "met", date(2015, 2, 20), "2015-02-11"),
    ("The leaders will meet on 30 March.", "meet", date(2015, 2, 20), "2015-03-30"),
    ("The leaders met on 30 December.", "met", date(2015, 1, 10), "2014-12-30"),
    ("The envoys held talks on Thursday, March 2, 2023.", "talks", None, "2023-03-02"),
]


MONTHS_YEARS = [
    ("The two sides met in March 2019.", "met", None, "2019-03"),
    ("The leaders met in Singapore in June.", "met", date(2018, 7, 1), "2018-06"),
    ("The ministers will meet in November.", "meet", date(2018, 7, 1), "2018-11"),
    ("The ministers met in November.", "met", date(2018, 7, 1), "2017-11"),
    ("The alliance was founded in 1949.", "founded", None, "1949"),
    ("The summit in 2018 produced a vague statement.", "summit", date(2020, 1, 1), "2018"),
    ("Talks took place in early September.", "Talks", date(2021, 10, 1), "2021-09"),
    ("The delegations met on 3 and 4 May.", "met", date(2021, 10, 1), "2021-05"),
    ("New elections are due in 2026.", "elections", date(2024, 1, 1), "2026"),
]


# (sentence, word, publication date, the date that word's event must get)
DATED = {"weekday": WEEKDAYS, "explicit": EXPLICIT, "month-year": MONTHS_YEARS}


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,published,expected", [pytest.param(*row, id=f"{kind}-{k}")
                                                              for kind, rows in DATED.items()
                                                              for k, row in enumerate(rows)])
def test_model_date_of_a_word(nlp, sentence, word, published, expected):
    assert _time(nlp, sentence, word, published) == expected


NO_DATE = [
    ("The ministers met in Ankara.", "met", WED),
    ("The foreign ministers met on Monday.", "met", None),
    ("Their first face-to-face talks since 2019 lasted three hours.", "talks", WED),
    ("The chancellor is visiting Paris this week.", "visiting", WED),
    ("The two presidents met on the eve of the summit.", "met", WED),
    ("They agreed on Tuesday to hold a summit.", "summit", WED),
    ("The sanctions remained in force until 2016, and the ministers met.", "met", WED),
    ("Officials said on Monday that the leaders had met.", "met", WED),
    ("The generals met in Baku on Monday, on the eve of the peace conference.", "conference", WED),
    ("The ministers discussed the 2015 accord.", "discussed", WED),
    ("The summit was cancelled on Monday.", "summit", WED),
    ("Aides said the talks ended since 2021 had failed.", "failed", WED),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,published", NO_DATE)
def test_model_no_date(nlp, sentence, word, published):
    assert _time(nlp, sentence, word, published) is None


@pytest.mark.model
def test_model_last_week_only_when_one_month(nlp):
    sentence = "The envoys met in Rome last week."
    assert _time(nlp, sentence, "met", date(2023, 3, 15)) == "2023-03"
    assert _time(nlp, sentence, "met", WED) is None  # 27 February - 5 March: no single month


@pytest.mark.model
def test_model_eve_of_dated_event(nlp):
    sentence = "The two presidents met on the eve of the 12 May summit."
    assert _time(nlp, sentence, "met", date(2023, 6, 1)) == "2023-05-11"


@pytest.mark.model
def test_model_noun_in_an_adjunct_gets_its_own_date(nlp):
    sentence = "In a call on Wednesday, the leaders discussed trade."
    assert _time(nlp, sentence, "call", WED) == "2023-03-08"
    # the call is an adjunct of 'discussed', so its date is the discussion's date too
    assert _time(nlp, sentence, "discussed", WED) == "2023-03-08"


@pytest.mark.model
def test_model_date_inside_a_noun_phrase_dates_that_noun(nlp):
    assert _time(nlp, "The ministers discussed the 2015 accord on Monday.", "discussed", WED) == "2023-03-06"
    assert _time(nlp, "The ministers discussed the 2015 accord on Monday.", "accord", WED) == "2015"
    assert _time(nlp, "Sunday's talks ended without a deal.", "talks", WED) == "2023-03-05"


@pytest.mark.model
def test_model_doc_still_pickles_after_time_of(nlp):
    import pickle

    doc = nlp("The ministers met on Monday.")
    assert _time(nlp, "The ministers met on Monday.", "met", WED) == "2023-03-06"
    time_of(doc[2], WED)
    again = pickle.loads(pickle.dumps(doc))
    assert value(time_of(again[2], WED)) == "2023-03-06"


@pytest.mark.model
def test_model_find_timexes_uses_published_extension(nlp):
    import kg.nlp.extensions  # noqa: F401  registers doc._.kg_published

    doc = nlp("The ministers met on Monday and will meet again next month.")
    doc._.kg_published = "2023-03-08"
    found = {t.span.text: value(t.value) for t in find_timexes(doc)}
    assert found == {"Monday": "2023-03-06", "next month": "2023-04"}


# --------------------------------------------------------------------------- governing clause

GOVERNED = [
    ("On Friday, Peru decided to expel two Chilean diplomats.", "expel", "2023-03-03"),
    ("Ghana said on Monday it plans to open an embassy in Seoul.", "open", "2023-03-06"),
    ("On Tuesday, Japan announced that it would send two destroyers to the Gulf.", "send", "2023-03-07"),
    ("Kenya said on Monday that its troops would withdraw from Somalia.", "withdraw", "2023-03-06"),
    ("The rebels began shelling the port on Sunday.", "shelling", "2023-03-05"),
    ("Peru on Thursday decided to recall its ambassador from Mexico.", "recall", "2023-03-02"),
    ("Last month Chile threatened to cut gas exports to Argentina.", "cut", "2023-02"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", GOVERNED)
def test_model_date_from_the_governing_clause(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word, WED) == expected


GOVERNED_NO_DATE = [
    ("Officials said on Monday that the envoys had met.", "met"),    # before the report, day unknown
    ("Aides said on Tuesday that the two leaders spoke by phone.", "spoke"),  # a reported past
    ("Sources said on Friday that the delegations had quietly signed a protocol.", "signed"),
    ("The ministry said Quito would recall its envoy.", "recall"),   # the saying carries no date
    ("Diplomats confirmed on Sunday that Bolivia had expelled the attache.", "expelled"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word", GOVERNED_NO_DATE)
def test_model_governing_clause_gives_no_date(nlp, sentence, word):
    assert _time(nlp, sentence, word, WED) is None


@pytest.mark.parametrize("text,expected", [
    ("That evening the envoy met the king.", "2023-03-01"),
    ("The two ministers dined together that night.", "2023-03-01"),
    ("The same morning the rebels released the hostages.", "2023-03-01"),
    ("Later that afternoon the premier flew home.", "2023-03-01"),
    ("The following day the sides signed the truce.", "2023-03-02"),
])
def test_normalise_day_parts_count_from_the_previous_event(text, expected):
    prev = TimeValue(value="2023-03-01", granularity="day")
    assert value(normalise(text, WED, "past", prev)) == expected
    assert normalise(text, WED, "past", None) is None


# --------------------------------------------------------------------------- narrative time

def _event_times(kg_nlp, text: str, published: str = "2023-03-08") -> dict[str, str | None]:
    return event_times(kg_nlp, text, published)


NARRATIVE = [
    ("Lula arrived in Beijing on Monday. He then met Xi Jinping at the Great Hall.", "met", "2023-03-06"),
    ("Chile expelled two Bolivian diplomats on Tuesday, and Bolivia expelled Chile's consul.", "expelled", "2023-03-07"),
    ("The Egyptian president visited Khartoum on Sunday. Sudan's leader praised the visit.", "praised", "2023-03-05"),
    ("Peru's foreign minister visited Quito on Tuesday. Ecuador accused Peru of harbouring rebels.",
     "accused", "2023-03-07"),
    ("On Monday the Chilean president flew to Lima, signing a trade pact with Peru.", "signing", "2023-03-06"),
    ("Ukraine and Poland opened talks in Warsaw on Friday. Ukraine demanded that Poland lift its grain ban.",
     "demanded", "2023-03-03"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger,expected", NARRATIVE)
def test_model_date_from_context(kg_nlp, text, trigger, expected):
    times = _event_times(kg_nlp, text)
    assert trigger in times and times[trigger] == expected


NARRATIVE_NO_DATE = [
    # a pluperfect, a present perfect, a relative clause, a plan, and a sentence with its own date
    ("Lula arrived in Beijing on Monday. Brazil had condemned the blockade.", "condemned"),
    ("The ministers met in Athens on Monday. Turkey has criticised the accord.", "criticised"),
    ("The ministers met in Athens on Monday with Erdogan, who praised Greece.", "praised"),
    ("The ministers met in Athens on Monday. Greece will host Turkey again.", "host"),
    ("The ministers met in Athens on Monday. In 2019 Turkey expelled a Greek diplomat.", "expelled"),
    ("Lula met Xi on Monday. He is the first Brazilian leader to visit Tibet.", "visit"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,trigger", NARRATIVE_NO_DATE)
def test_model_context_gives_no_date(kg_nlp, text, trigger):
    times = _event_times(kg_nlp, text)
    assert times.get(trigger) in (None, "2019")


LATE_MARCH = date(2023, 3, 22)  # a Wednesday, past the first week of its month

PRESENT_PERFECT = [
    ("Chile has recalled its ambassador to Peru, the foreign minister said on Monday.", "recalled", "2023-03"),
    ("Officials said on Tuesday that Oslo has expelled a Russian diplomat.", "expelled", "2023-03"),
    ("Kenya has closed its border with Somalia, a government spokesman said on Friday.", "closed", "2023-03"),
    ("The ministry announced on Monday that Hanoi has suspended the talks.", "suspended", "2023-03"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence,word,expected", PRESENT_PERFECT)
def test_model_present_perfect_takes_the_month_of_the_saying(nlp, sentence, word, expected):
    assert _time(nlp, sentence, word, LATE_MARCH) == expected


@pytest.mark.model
def test_model_present_perfect_early_in_the_month_stays_undated(nlp):
    # said on Monday 6 March: the recall may have been in February
    assert _time(nlp, PRESENT_PERFECT[0][0], "recalled", WED) is None
