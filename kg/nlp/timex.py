"""Time expressions: find them, attach them to an event's clause, normalise them.

``time_of(trigger, published, previous)`` gives the date of the event a
trigger names, as a :class:`kg.model.TimeValue` at day, month or year
granularity, or None. Only a time expression in the trigger's own clause
counts:

1. inside the trigger's subtree without crossing into a complement,
   adverbial or relative clause (a noun trigger's own reduced relative, "talks
   held on Monday", and an existential relative, "the summit that took place
   in May", do count), and not a date inside another noun phrase ("discussed
   the 2015 accord" is not dated 2015) -- except the occasion the act took
   place at ("At a 30 July summit, the bloc demanded ...");
1b. else, for a verb, a date in its non-finite complement ("told the envoy to
   quit the country on Friday"): the parser hangs a closing adjunct on the
   nearest verb -- not for a past act of agreeing or planning ("agreed to meet
   on Friday" is the meeting's Friday);
2. else, for a noun, a direct modifier of the verb it is the subject or
   object of ("held talks on Tuesday", "the summit collapsed on Sunday", "held
   what she called frank talks on Monday") -- unless that verb is itself a cue
   (agree, cancel, announce, say...): then only "for May" or a future
   expression ("next week") dates the event, since "agreed on Monday to a
   summit" dates the agreement;
3a. else, a participle adjunct takes its clause's time ("issued a warrant on
   Friday, accusing him of ...");
3b. else, a relative clause on an event's frame takes that event's time ("a
   raid in May 2019 in which six guards died");
3. else, for a verb in the complement of another, the governing clause's
   time, read in that clause's tense ("On Friday Canada decided to expand its
   sanctions", "Brazil said on Monday it plans to impose tariffs", "began
   deploying on Tuesday"): the day an act was decided or announced is the
   day the report gives it -- but a reported past ("said on Monday that the
   envoys had met") happened on a day the report does not give: it takes the
   saying's month only (news reports what is recent);
4. else, the time of the first verb of a coordination that shares its subject
   ("met on Friday and signed a deal"; a past conjunct the parser ran into a
   present relative clause, "crossed the line that divides X on Friday and
   held talks", belongs to the main clause).

A coming act with no date but a deadline ("will ratify it before it hosts the
summit in September", "by May") lies between the report and the deadline: the
month or year that holds both.

Each rule is a function (``_rule_own_clause``, ``_rule_complement``,
``_rule_noun_governor``, ``_rule_participle_adjunct``, ``_rule_frame_relative``,
``_rule_governing_clause``, ``_rule_first_conjunct``, then ``_bounded_future``);
the first that applies decides. :func:`narrative_dates` is an event-level pass
run after them: an actual past event with no date of its own, in a clause that
gives no other date, takes the day of the latest dated main-line past clause of
the same or the three previous sentences (news narrates a day's events in
order), or further back only its month, when that is the publication's month; a
main-clause present perfect ("China has condemned the pact.") takes the day of
the statement the next sentence reports ("A spokesman said on Thursday ...").

Expressions introduced by 'since', 'until', 'before', 'after', 'by', 'from',
'within', 'over'... are bounds, not the event's time, and are skipped; a date
inside "on the eve of the 12 May summit" belongs to that expression.

Normalisation anchors on the publication date and the event's tense
(:func:`kg.nlp.factuality.tense`): "on Monday" is the latest Monday on or
before the publication date in a past-tense clause, the next one after it in a
future one, the nearest one in the present, and the publication day itself in
either tense when it is that weekday (wire copy names the day of filing
instead of saying "today"); "Monday last week" is that
weekday of the previous calendar week; "15 February" takes the year that fits
the tense; "last week" and "two weeks ago" become a month only when the whole
week lies in one month ("this week" gives None); "last month", "next year" are
month and year values; a season ("next spring", "in the autumn") is the year
it falls in. "A day later", "the next day", "the day before", "that evening" count
from ``previous`` (the preceding event's date, used only at day granularity).
"Two days after" that introduces a clause ("came two days after Delhi announced ...")
counts back: the clause lies before the time told so far.
"On the eve of X" is the day before X only when X carries a date. Without a
publication date (``doc._.kg_published``, else a dateline's full date, see
:mod:`kg.nlp.dateline`) only absolute dates with a year resolve; a dateline's
own date dates no event. No date is better
than a wrong date: anything ambiguous is None.

The calendar words are in ``kg/data/timex.csv``. The expressions of a Doc are
found once and memoised in ``doc.user_data`` as plain values (Docs still
pickle and serialise).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from kg.errors import E, KGError
from kg.model import TimeValue
from kg.nlp import memo
from kg.nlp.candidate import EventCandidate
from kg.nlp.dateline import dateline_of, publication_date
from kg.nlp.factuality import Tense, cues as _factuality_cues, lexical_cue, tense

__all__ = ["Timex", "find_timexes", "time_of", "normalise", "month_words", "narrative_dates"]

Groups = dict[str, "str | None"]  # the named groups of a pattern match
_CACHE_KEY = "kg.timex.raw"

# Prepositions that make a date a bound or a reference point, not the event's time.
_NOT_EVENT_TIME_PREPS = frozenset({
    "since", "until", "till", "before", "after", "by", "from", "within", "through", "throughout",
    "over", "ahead", "prior", "to", "between", "around", "toward", "towards", "past",
})
_CLAUSE_BARRIERS = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "csubj", "csubjpass", "relcl"})
_NOUN_TO_VERB = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative", "appos", "compound", "obj"})
_SCHEDULING_PREPS = frozenset({"for"})
_GRAN_RANK = {"day": 0, "month": 1, "year": 2}
_CONTRAST_CC = frozenset({"but", "yet", "whereas", "while"})
# A date inside another noun phrase ("discussed the 2015 accord", "Monday's talks ended")
# dates that noun, not the trigger.
_NP_INTERNAL = frozenset({"compound", "amod", "nummod", "poss", "nmod", "quantmod"})
_PHASE_VERBS = frozenset({"begin", "start", "open", "end", "conclude", "close", "finish"})
_OCCASION_PREPS = frozenset({"at", "during"})   # "at a 30 July summit", "during his 2019 visit"
_FRAME_PREPS = frozenset({"in", "during", "at"})  # "a clash in which ...", "talks during which ..."


@dataclass(frozen=True)
class Timex:
    """A time expression in a Doc: the span, its kind and normalised value.

    ``kind`` is one of 'date', 'month', 'year', 'weekday', 'relative_day',
    'relative_range', 'ago', 'anaphoric', 'eve', 'other'; ``value`` is None
    when it cannot be resolved safely. ``prep`` is the preposition that
    introduces it ('on', 'since'...) or ''.
    """

    span: Span
    kind: str
    value: TimeValue | None
    prep: str = ""


# --------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]          # lower-case word -> month
    month_full: tuple[str, ...]     # capitalised full names and dotted abbreviations
    month_any: tuple[str, ...]      # all forms, capitalised
    weekdays: dict[str, int]
    numbers: dict[str, int]
    dayparts: tuple[str, ...]
    seasons: dict[str, int]         # season -> its first month


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = resources.files("kg.data").joinpath("timex.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(l for l in raw.splitlines() if l.strip() and not l.startswith("#")))
    months, weekdays, numbers, seasons = {}, {}, {}, {}
    full, anyform, parts = [], [], []
    for r in rows:
        try:
            word, kind = r["word"].strip(), r["kind"].strip()
            if kind == "month":
                months[word.lower()] = int(r["value"])
                anyform.append(word)
                if r["abbrev"].strip() != "1":
                    full.append(word)
            elif kind == "weekday":
                weekdays[word.lower()] = int(r["value"])
            elif kind == "number":
                numbers[word.lower()] = int(r["value"])
            elif kind == "daypart":
                parts.append(word.lower())
            elif kind == "season":
                seasons[word.lower()] = int(r["value"])
            else:
                raise ValueError(f"unknown kind {kind!r}")
        except (ValueError, AttributeError, TypeError) as exc:
            raise KGError(E.E701.format(file="timex.csv", row=r, detail=exc)) from exc
    return _Lexicon(months, tuple(full), tuple(anyform), weekdays, numbers, tuple(parts), seasons)


def month_words() -> dict[str, int]:
    """Lower-case month names and abbreviations ("sept", "march") -> month number."""
    return dict(_lexicon().months)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    lx = _lexicon()
    abbrevs = [m for m in lx.month_any if m not in lx.month_full]
    mon_any = f"(?P<mon>(?:{_alt(lx.month_full)})\\b|(?:{_alt(abbrevs)})\\b\\.?)"
    mon_full = f"(?P<mon>{_alt(lx.month_full)})\\b"
    wd = f"(?P<wd>{_alt(w.capitalize() for w in lx.weekdays)})"
    num = f"(?:{_alt(lx.numbers)}|\\d{{1,2}})"
    part = f"(?:{_alt(lx.dayparts)})"
    ord_ = "(?:st|nd|rd|th)?"
    pats = [
        ("date", rf"(?<![\d-])(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?![\d-])"),
        ("date", rf"\b(?:{wd},?\s+)?(?P<d>\d{{1,2}}){ord_}(?:\s*(?:[-–]|and|to)\s*(?P<d2>\d{{1,2}}){ord_})?\s+"
                 rf"(?:of\s+)?{mon_any}(?:,?\s+(?P<y>\d{{4}})\b)?"),
        ("date", rf"\b(?:{wd},?\s+)?{mon_any}\s*(?P<d>\d{{1,2}}){ord_}\b(?:\s*(?:[-–]|and|to)\s*(?P<d2>\d{{1,2}})\b)?"
                 rf"(?:,?\s+(?P<y>\d{{4}})\b)?"),
        ("month", rf"\b(?:(?i:early|mid|late)[\s-]+)?{mon_any}\s*,?\s+(?P<y>\d{{4}})\b"),
        ("month", rf"(?i:\b(?:in|during|of|until|since|by|before|after|from|last|next|this)\s+)"
                  rf"(?P<x>(?:(?i:early|mid|late)[\s-]+)?{mon_full})"),
        ("month", rf"\b(?P<x>(?i:early|mid|late)[\s-]+{mon_full})"),
        ("year", rf"(?i:\b(?:in|during|of|since|until|by|before|after|from)\s+)"
                 rf"(?P<x>(?:(?i:early|mid|late)[\s-]+)?(?P<y>1[5-9]\d\d|20\d\d))\b(?!\s*[-–/]\s*\d)"),
        ("weekday", rf"\b(?P<x>(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?{wd}(?:'s)?"
                    rf"(?:\s+(?i:{part}))?(?:,?\s+(?i:of\s+)?(?P<wk>(?i:last|next|this))\s+(?i:week))?)\b"),
        ("relative_day", r"\b(?P<x>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                         r"(?:earlier|later)\s+today|yesterday|today|tonight|tomorrow|last\s+night|"
                         r"this\s+(?:morning|afternoon|evening)))\b"),
        ("relative_range", r"\b(?P<x>(?i:(?:(?P<side>earlier|later)\s+)?(?P<rel>last|this|next|past|coming)\s+"
                           r"(?P<unit>week|weekend|month|year)))\b"),
        ("ago", rf"\b(?P<x>(?i:(?P<n>{num}|a\s+few|several|few)\s+(?P<unit>day|week|month|year)s?\s+ago))\b"),
        ("anaphoric", rf"\b(?P<x>(?i:(?P<n>{num})\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier|after|before)"
                      r"|the\s+(?P<dir2>next|following|previous|preceding)\s+(?:day|morning|afternoon|evening|night)"
                      r"|the\s+day\s+(?P<dir3>before|after|earlier)(?!\s+(?:the|a|an|his|her|its|their|this|that)\b)"
                      r"|(?:the|that)\s+same\s+(?:day|morning|afternoon|evening|night)"
                      r"|(?:(?:later|earlier)\s+)?that\s+(?:day|morning|afternoon|evening|night)"
                      r"|the\s+(?P<dir4>following|previous|preceding)\s+(?P<unit4>week|month|year)))\b"),
        ("eve", r"\b(?P<x>(?i:the\s+eve\s+of))\b"),
        ("season", rf"(?i:\b(?:in|during|by)\s+(?:the\s+)?)(?P<x>(?:(?i:early|late|mid)[\s-]+)?"
                   rf"(?P<season>(?i:{_alt(lx.seasons)}))(?:\s+(?i:of\s+)?(?P<y>\d{{4}}))?)\b"),
        ("season", rf"\b(?P<x>(?P<rel>(?i:last|next|this|coming|past))\s+(?P<season>(?i:{_alt(lx.seasons)})))\b"),
    ]
    return tuple((kind, re.compile(p)) for kind, p in pats)


# --------------------------------------------------------------------------- normalising

def _anchor(published: date | None, tense_: Tense, candidates: list[date]) -> date | None:
    """Pick the candidate that fits the tense relative to the publication date."""
    if published is None or not candidates:
        return None
    if tense_ == "past":
        ok = [c for c in candidates if c <= published]
        return max(ok) if ok else None
    if tense_ == "future":
        ok = [c for c in candidates if c >= published]
        return min(ok) if ok else None
    return min(candidates, key=lambda c: (abs((c - published).days), c > published))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _tv(d: date, gran: str, text: str) -> TimeValue:
    value = {"day": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}", "year": f"{d.year:04d}"}[gran]
    return TimeValue(value=value, granularity=gran, text=text)  # type: ignore[arg-type]


def _range_value(start: date, end: date, text: str) -> TimeValue | None:
    """The finest granularity that contains the whole range, or None."""
    if start == end:
        return _tv(start, "day", text)
    if (start.year, start.month) == (end.year, end.month):
        return _tv(start, "month", text)
    if start.year == end.year and (end - start).days > 40:
        return _tv(start, "year", text)
    return None


def _count(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return _lexicon().numbers.get(word)


def _month_shift(d: date, months: int) -> date:
    idx = d.year * 12 + (d.month - 1) + months
    return date(idx // 12, idx % 12 + 1, 1)


def normalise(text: str, published: date | None, tense_: Tense = "past",
              previous: TimeValue | None = None) -> TimeValue | None:
    """Normalise a time expression given as text ("on Monday", "Feb. 15",
    "last month", "a day later"), outside any parse. The first expression found
    in ``text`` counts; None when there is none or it cannot be resolved."""
    found = _scan(text)
    if not found:
        return None
    f = found[0]
    expr = text[f.start:f.end]
    if f.kind == "anaphoric":
        return _anaphoric(f.match.groupdict(), expr, previous)
    if f.kind == "eve":
        return None
    return _normalise_match(f.kind, f.match.groupdict(), expr, published, tense_)


def _normalise_match(kind: str, g: Groups, text: str, published: date | None,
                     tense_: Tense) -> TimeValue | None:
    """Normalise one pattern match (its named groups, see :func:`_patterns`):
    one rule per kind of expression. Absolute kinds need no publication date;
    relative kinds return None without one."""
    rule = _ABSOLUTE_RULES.get(kind)
    if rule is not None:
        return rule(g, text, published, tense_)
    rule = _RELATIVE_RULES.get(kind)
    if rule is None or published is None:
        return None
    return rule(g, text, published, tense_)


def _month_of(g: Groups) -> int:
    return _lexicon().months[(g["mon"] or "").lower().rstrip(".")]


def _rule_date(g: Groups, text: str, published: date | None, tense_: Tense) -> TimeValue | None:
    """'2018-07-16', '16 July 2018', 'July 16', '15-16 July' (a month: the day is not certain)."""
    if g.get("iy"):
        d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return _tv(d, "day", text) if d else None
    month, day = _month_of(g), int(g["d"])
    if g.get("y"):
        year = int(g["y"])
        if g.get("d2"):
            return _tv(date(year, month, 1), "month", text)
        d = _safe_date(year, month, day)
        return _tv(d, "day", text) if d else None
    if published is None:
        return None
    cands = [c for y in (published.year - 1, published.year, published.year + 1)
             if (c := _safe_date(y, month, day)) is not None]
    d = _anchor(published, tense_, cands)
    if d is None:
        return None
    return _tv(d, "month" if g.get("d2") else "day", text)


def _rule_month(g: Groups, text: str, published: date | None, tense_: Tense) -> TimeValue | None:
    """'March 2019', 'in June' (the year that fits the tense)."""
    month = _month_of(g)
    if g.get("y"):
        return _tv(date(int(g["y"]), month, 1), "month", text)
    if published is None:
        return None
    cands = [date(y, month, 1) for y in (published.year - 1, published.year, published.year + 1)]
    d = _anchor(published.replace(day=1), tense_, cands)
    return _tv(d, "month", text) if d else None


def _rule_year(g: Groups, text: str, published: date | None, tense_: Tense) -> TimeValue | None:
    return _tv(date(int(g["y"]), 1, 1), "year", text)


def _rule_weekday(g: Groups, text: str, published: date, tense_: Tense) -> TimeValue | None:
    """'on Monday': backwards in a past clause, forwards in a future one. The
    publication day's own weekday is that day in either direction (wire style
    names the day of filing instead of saying 'today')."""
    wd = _lexicon().weekdays[g["wd"].lower()]
    rel = (g.get("rel") or "").lower()
    week = (g.get("wk") or "").lower()
    if week:  # "on Monday last week": that weekday in the named calendar week
        monday = published - timedelta(days=published.weekday())
        step = {"last": -1, "this": 0, "next": 1}[week]
        return _tv(monday + timedelta(days=7 * step + wd), "day", text)
    back = (published.weekday() - wd) % 7
    last = published - timedelta(days=back)
    ahead = (wd - published.weekday()) % 7
    if rel in ("last", "past"):
        return _tv(last if back else published - timedelta(days=7), "day", text)
    if rel in ("next", "coming"):
        return _tv(published + timedelta(days=ahead or 7), "day", text)
    nxt = published + timedelta(days=ahead)
    if tense_ == "past":
        return _tv(last, "day", text)
    if tense_ == "future":
        return _tv(nxt, "day", text)
    return _tv(last if back <= 3 else nxt, "day", text)


_DAY_OFFSETS = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
                "last night": -1, "tomorrow": 1}


def _rule_relative_day(g: Groups, text: str, published: date, tense_: Tense) -> TimeValue | None:
    low = " ".join(text.lower().split())
    return _tv(published + timedelta(days=_DAY_OFFSETS.get(low, 0)), "day", text)


def _rule_relative_range(g: Groups, text: str, published: date, tense_: Tense) -> TimeValue | None:
    """'last week', 'next month', 'this year', 'last weekend' ('the past week' is a span, None)."""
    unit, rel = g["unit"].lower(), g["rel"].lower()
    if rel == "past":
        return None
    step = {"last": -1, "this": 0, "next": 1, "coming": 1}[rel]
    if unit == "year":
        return _tv(date(published.year + step, 1, 1), "year", text)
    if unit == "month":
        return _tv(_month_shift(published, step), "month", text)
    monday = published - timedelta(days=published.weekday()) + timedelta(days=7 * step)
    if unit == "weekend":
        start, end = monday + timedelta(days=5), monday + timedelta(days=6)
        if rel == "last" and published.weekday() >= 5:  # "last weekend" said on a Sunday
            start, end = start - timedelta(days=7), end - timedelta(days=7)
        return _range_value(start, end, text)
    if step == 0:
        return None  # "this week": no day, and the month would often be a guess
    return _range_value(monday, monday + timedelta(days=6), text)


def _rule_ago(g: Groups, text: str, published: date, tense_: Tense) -> TimeValue | None:
    """'three days ago', 'two weeks ago' (a month only when the week lies in one)."""
    n = _count(g["n"])
    if n is None:
        return None
    unit = g["unit"].lower()
    if unit == "day":
        return _tv(published - timedelta(days=n), "day", text)
    if unit == "week":
        mid = published - timedelta(days=7 * n)
        return _range_value(mid - timedelta(days=3), mid + timedelta(days=3), text)
    if unit == "month":
        return _tv(_month_shift(published, -n), "month", text)
    return _tv(date(published.year - n, 1, 1), "year", text)


_ABSOLUTE_RULES = {"date": _rule_date, "month": _rule_month, "year": _rule_year}
_RELATIVE_RULES = {"weekday": _rule_weekday, "relative_day": _rule_relative_day,
                   "relative_range": _rule_relative_range, "ago": _rule_ago}


def _rule_season(g: Groups, text: str, published: date | None, tense_: Tense) -> TimeValue | None:
    """'next spring', 'in the autumn', 'summer 2019': the year the season falls in. A
    season spans months, so the value is a year; winter (December to February) only
    with an explicit year, which names the year it begins in."""
    first = _lexicon().seasons[g["season"].lower()]
    if g.get("y"):
        return _tv(date(int(g["y"]), 1, 1), "year", text)
    if published is None or first == 12:
        return None
    rel = (g.get("rel") or "").lower()
    this_year = date(published.year, first, 1)
    started = (published.year, published.month) >= (this_year.year, this_year.month)
    ended = published.month >= first + 3
    if rel in ("next", "coming"):
        year = published.year + 1 if started else published.year
    elif rel in ("last", "past"):
        year = published.year if ended else published.year - 1
    elif rel == "this":
        year = published.year
    elif tense_ == "future":
        year = published.year + 1 if ended else published.year
    elif tense_ == "past":
        year = published.year if started else published.year - 1
    else:
        year = published.year
    return _tv(date(year, 1, 1), "year", text)


_ABSOLUTE_RULES["season"] = _rule_season


def _as_seen_from_clause(span: Span, g: Groups) -> Groups:
    """"The summit came three days after Hanoi announced a truce": 'two days after' introduces
    the clause it hangs on, so that clause lies two days *before* the time told so far, not
    after it -- the direction is turned round."""
    last = span[-1]
    if not g.get("dir") or last.dep_ != "mark" or last.head.i != span.root.head.i:
        return g
    flipped = {"later": "earlier", "after": "before", "earlier": "later", "before": "after"}
    return {**g, "dir": flipped.get((g["dir"] or "").lower(), g["dir"])}


def _anaphoric(g: Groups, text: str, previous: TimeValue | None) -> TimeValue | None:
    if previous is None:
        return None
    if g.get("unit4"):  # "the following month": a month or year, from a day or a coarser value
        return _anaphoric_period(g["dir4"].lower(), g["unit4"].lower(), text, previous)
    if previous.granularity != "day":
        return None
    base = date.fromisoformat(previous.value)
    if g.get("n"):
        n = _count(g["n"])
        if n is None:
            return None
        days = n * (7 if g["unit"].lower() == "week" else 1)
        sign = 1 if g["dir"].lower() in ("later", "after") else -1
        return _tv(base + timedelta(days=sign * days), "day", text)
    direction = (g.get("dir2") or g.get("dir3") or "").lower()
    if direction in ("next", "following", "after"):
        return _tv(base + timedelta(days=1), "day", text)
    if direction in ("previous", "preceding", "before", "earlier"):
        return _tv(base - timedelta(days=1), "day", text)
    return _tv(base, "day", text)  # the same day, later that day


def _anaphoric_period(direction: str, unit: str, text: str, previous: TimeValue) -> TimeValue | None:
    step = 1 if direction == "following" else -1
    parts = [int(p) for p in previous.value.split("-")]
    base = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if unit == "year":
        return _tv(date(base.year + step, 1, 1), "year", text)
    if unit == "month" and previous.granularity in ("day", "month"):
        return _tv(_month_shift(base, step), "month", text)
    if unit == "week" and previous.granularity == "day":
        monday = base - timedelta(days=base.weekday()) + timedelta(days=7 * step)
        return _range_value(monday, monday + timedelta(days=6), text)
    return None


# --------------------------------------------------------------------------- finding

@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    kind: str
    match: re.Match[str]


@lru_cache(maxsize=1)
def _needs() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Per pattern of :func:`_patterns` (same order), words one of which any match contains:
    (case-sensitive forms, lower-case words of a case-insensitive part); two empty tuples
    for a pattern that has to run. A text with none of them skips that pattern's scan: the
    scan costs more than all the rest of finding a document's dates."""
    lx = _lexicon()
    months = tuple(lx.month_any)
    weekdays = tuple(w.capitalize() for w in lx.weekdays)
    times_of_day = ("yesterday", "today", "tomorrow", "night", "morning", "afternoon", "evening")
    units = ("day", "week", "morning", "afternoon", "evening", "night", "month", "year")
    seasons = tuple(lx.seasons)
    none: tuple[str, ...] = ()
    return ((none, none), (months, none), (months, none), (months, none), (months, none), (months, none),
            (none, none), (weekdays, none), (none, times_of_day), (none, ("week", "month", "year")),
            (none, ("ago",)), (none, units), (none, ("eve",)), (none, seasons), (none, seasons))


def _any_form(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """A search for any of ``forms`` (literals, so the engine scans for their first letters)."""
    return re.compile("|".join(re.escape(f) for f in forms)) if forms else None


@lru_cache(maxsize=1)
def _need_searches() -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    """:func:`_needs` as two searches per pattern (None: nothing needed)."""
    return tuple((_any_form(forms), _any_form(words)) for forms, words in _needs())


def _may_match(needs: tuple[re.Pattern[str] | None, re.Pattern[str] | None], text: str, low: str | None) -> bool:
    """Whether a pattern with these needs (:func:`_need_searches`) can match ``text`` (``low``: its
    lower case, None when the text is not ASCII: case-insensitive matching of other letters is wider)."""
    forms, words = needs
    if forms is not None and forms.search(text) is None:
        return False
    return words is None or low is None or words.search(low) is not None


_UNITS_OF_DAY = "(?:day|morning|afternoon|evening|night)"


@lru_cache(maxsize=1)
def _probes() -> tuple[tuple[re.Pattern[str], bool] | None, ...]:
    """Per pattern of :func:`_patterns` (same order), a quick pattern that every match of it
    contains, and whether it is read on the lower-case text (ASCII only, as for
    :func:`_needs`); None where there is none. These begin with a literal or a digit class,
    which the regex engine looks for directly, while the patterns, which begin with a word
    boundary, are tried at every character."""
    after = "(?:later|earlier|after|before)"
    anaphoric = "|".join((  # one alternative for each of the anaphoric pattern's own
        rf"days?\s+{after}", rf"weeks?\s+{after}",
        rf"the\s+(?:next|following|previous|preceding)\s+{_UNITS_OF_DAY}", r"the\s+day\s+(?:before|after|earlier)",
        rf"same\s+{_UNITS_OF_DAY}", rf"that\s+{_UNITS_OF_DAY}", r"the\s+(?:following|previous|preceding)\s+(?:week|month|year)"))
    probes: list[tuple[re.Pattern[str], bool] | None] = [None] * len(_patterns())
    probes[0] = (re.compile(r"-\d{1,2}-\d"), False)         # 2024-10-02
    probes[6] = (re.compile(r"(?:1[5-9]|20)\d\d"), False)     # in 1999, during 2020
    probes[10] = (re.compile(r"(?:day|week|month|year)s?\s+ago"), True)    # two days ago
    probes[11] = (re.compile(anaphoric), True)
    probes[12] = (re.compile(r"the\s+eve\s+of"), True)                    # on the eve of
    return tuple(probes)


def _probed(probe: tuple[re.Pattern[str], bool] | None, text: str, low: str | None) -> bool:
    if probe is None:
        return True
    pat, lower = probe
    if lower and low is None:
        return True  # not ASCII: case-insensitive matching is wider than lower-casing
    return pat.search(low if lower else text) is not None  # type: ignore[arg-type]


_Starts = tuple[tuple[re.Pattern[str], bool], ...]


@lru_cache(maxsize=1)
def _starts() -> tuple[_Starts | None, ...]:
    """Per pattern of :func:`_patterns` (same order), literal searches whose matches begin
    wherever a match of the pattern can begin (with whether each reads the lower-case text);
    None for a pattern scanned the usual way. Each such pattern begins with a word boundary
    and then one of these words (or a digit), so a match cannot begin inside a word these
    searches matched: their non-overlapping matches give every place it can begin."""
    lx = _lexicon()

    def words(*ws: str, lower: bool = True) -> tuple[re.Pattern[str], bool]:
        return re.compile(_alt(ws)), lower

    weekday = words(*(w.capitalize() for w in lx.weekdays), lower=False)
    month = words(*lx.month_any, lower=False)
    shade = words("early", "mid", "late")
    starts: list[_Starts | None] = [None] * len(_patterns())
    starts[1] = (weekday, (re.compile(r"\d"), False))                  # [Monday,] 12 May
    starts[2] = (weekday, month)                                       # [Monday,] May 12
    starts[3] = (shade, month)                                         # [early] May 2024
    starts[4] = (words("in", "during", "of", "until", "since", "by", "before", "after", "from", "last", "next",
                       "this"),)                                       # in [early] May
    starts[5] = (shade,)                                               # late May
    starts[6] = (words("in", "during", "of", "since", "until", "by", "before", "after", "from"),)  # in 1999
    starts[7] = (weekday, words("last", "next", "this", "coming", "past"))   # [next] Monday
    starts[8] = (words("the", "earlier", "later", "yesterday", "today", "tonight", "tomorrow", "last", "this"),)
    starts[9] = (words("earlier", "later", "last", "this", "next", "past", "coming"),)  # [later] this week
    return tuple(starts)


def _matches(pat: re.Pattern[str], starts: _Starts | None, text: str, low: str | None) -> Iterator[re.Match[str]]:
    """``pat.finditer(text)``, trying the pattern only where :func:`_starts` says a match can begin."""
    if starts is None or (low is None and any(lower for _, lower in starts)):
        yield from pat.finditer(text)
        return
    pos = 0
    for at in sorted({m.start() for probe, lower in starts for m in probe.finditer(low if lower else text)}):
        if at < pos:
            continue  # inside the last match: finditer goes on after it
        m = pat.match(text, at)
        if m is not None:
            yield m
            pos = max(m.end(), at + 1)


def _scan(text: str) -> list[_Found]:
    found: list[_Found] = []
    low = text.lower() if text.isascii() else None
    for (kind, pat), needs, probe, starts in zip(_patterns(), _need_searches(), _probes(), _starts(), strict=True):
        if not _may_match(needs, text, low) or not _probed(probe, text, low):
            continue
        for m in _matches(pat, starts, text, low):
            start, end = m.span("x") if "x" in pat.groupindex and m.group("x") else m.span()
            found.append(_Found(start, end, kind, m))
    # longest first; drop any match overlapping a kept one
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    kept: list[_Found] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _published_of(doc: Doc) -> date | None:
    return publication_date(doc)


def _attachment(span: Span) -> tuple[str, Token]:
    root = span.root
    head = root.head
    if head.i == root.i:
        return "", root
    prep = ""
    if root.dep_ in ("pobj", "pcomp") and head.dep_ in ("prep", "agent", "dative", "pcomp", "advmod", "ROOT"):
        prep = head.text.lower()
        host = head.head if head.head.i != head.i else head
        if host.dep_ == "advmod" and host.pos_ == "ADV" and host.text.lower() in ("ahead", "prior"):
            prep = host.text.lower()
            host = host.head
        return prep, host
    # the parser sometimes hangs 'since 2022' with 2022 as a direct child
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.pos_ == "ADP":
        prep = before.text.lower()
    return prep, head


def _prep_of(span: Span) -> tuple[str, Token]:
    """The preposition introducing the expression ('' if none) and the token it hangs on
    (a misattached relative clause's time hangs on the clause around it)."""
    prep, host = _attachment(span)
    outer = _misattached(host) if host.dep_ == "relcl" else None
    return prep, outer if outer is not None else host


def _outer_verb(relcl: Token) -> Token | None:
    """The verb of the clause a relative clause's antecedent is in ("stepped across the line
    that divides the peninsula" -> 'stepped')."""
    tok = relcl.head
    for _ in range(len(relcl.doc)):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def _misattached(verb: Token) -> Token | None:
    """"Ruto crossed the bridge that links the two towns on Monday and held talks":
    a present-simple relative clause (a standing description) coordinated with a simple past
    is the parser running the sentence on into the relative clause -- the past conjunct and
    the time expression belong to the clause around it. That clause's verb, or None."""
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children):
        return None
    if not any(c.dep_ == "conj" and c.tag_ == "VBD" for c in verb.children):
        return None
    return _outer_verb(verb)


def _repaired_head(tok: Token) -> Token:
    """``tok``'s head, with a past conjunct of a misattached relative clause given back to
    the clause around it (:func:`_misattached`)."""
    if tok.dep_ == "conj" and tok.tag_ == "VBD":
        outer = _misattached(tok.head)
        if outer is not None:
            return outer
    return tok.head


def _raw_timexes(doc: Doc) -> list[tuple[Span, str, Groups | None]]:
    """Spans with their kind and pattern groups (None for a model entity the
    patterns do not read, e.g. a duration). Computed once per Doc and kept in
    ``doc.user_data`` as plain values, so Docs still pickle."""
    key = (_CACHE_KEY, len(doc))
    cached = doc.user_data.get(key)
    if cached is None:
        cached = _scan_doc(doc)
        doc.user_data[key] = cached
    return [(doc[start:end], kind, groups) for start, end, kind, groups in cached]


def _attached(doc: Doc) -> list[tuple[Span, str, Groups | None, str, Token]]:
    """:func:`_raw_timexes` with each one's preposition and host token (:func:`_prep_of`),
    found once per document while a component runs (kg.nlp.memo)."""
    return memo.cached(doc, "timex.attached",
                       lambda: [(span, kind, match, *_prep_of(span)) for span, kind, match in _raw_timexes(doc)])


def _scan_doc(doc: Doc) -> list[tuple[int, int, str, Groups | None]]:
    out: list[tuple[int, int, str, Groups | None]] = []
    taken: set[int] = set()
    dateline = dateline_of(doc)
    skip_to = dateline.end if dateline is not None else 0  # the filing date dates no event
    for f in _scan(memo.text(doc)):
        if f.start < skip_to:
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if f.kind == "eve":
            span = _eve_span(span)
        out.append((span.start, span.end, f.kind, f.match.groupdict()))
        taken.update(range(span.start, span.end))
    for ent in doc.ents:
        if ent.start_char < skip_to:
            continue
        if ent.label_ in ("DATE", "TIME") and not taken.intersection(range(ent.start, ent.end)):
            text = ent.text.strip()
            if re.fullmatch(r"(?:1[5-9]\d\d|20\d\d)", text):
                out.append((ent.start, ent.end, "year", {"y": text}))
            else:
                out.append((ent.start, ent.end, "other", None))
    return sorted(out, key=lambda t: t[0])


def _eve_span(span: Span) -> Span:
    """'the eve of' + the noun phrase after it."""
    doc = span.doc
    of = doc[span.end - 1]
    objs = [c for c in of.children if c.dep_ == "pobj"]
    end = max(objs[0].subtree, key=lambda t: t.i).i + 1 if objs else span.end
    return doc[span.start:end]


def _value(span: Span, kind: str, match: Groups | None, published: date | None,
           tense_: Tense, previous: TimeValue | None, depth: int = 0) -> TimeValue | None:
    if match is None:
        return None
    if kind == "anaphoric":
        return _anaphoric(_as_seen_from_clause(span, match), span.text, previous)
    if kind == "eve":
        if depth > 0:
            return None
        # "on the eve of X": the day before X, when X itself carries a date
        inner = [t for t in _raw_timexes(span.doc) if span.start < t[0].start and t[0].end <= span.end
                 and t[1] != "eve"]
        for s, k, m in inner:
            v = _value(s, k, m, published, tense_, previous, depth + 1)
            if v is not None and v.granularity == "day":
                return _tv(date.fromisoformat(v.value) - timedelta(days=1), "day", span.text)
        return None
    return _normalise_match(kind, match, span.text, published, tense_)


def find_timexes(doc: Doc, published: date | None = None) -> list[Timex]:
    """Every time expression in ``doc``, normalised (for debugging and tests).

    ``published`` defaults to ``doc._.kg_published``. Each expression takes
    the tense of the clause it hangs on; anaphoric ones ("a day later") count
    from the previous day-level expression in the document.
    """
    published = published if published is not None else _published_of(doc)
    out: list[Timex] = []
    previous: TimeValue | None = None
    for span, kind, match, prep, host in _attached(doc):
        value = _value(span, kind, match, published, tense(host), previous)
        out.append(Timex(span=span, kind=kind, value=value, prep=prep))
        if value is not None and value.granularity == "day":
            previous = value
    return out


# --------------------------------------------------------------------------- attaching

def _local(root: Token, noun_trigger: bool) -> set[int]:
    """Token indices in ``root``'s clause-local subtree (no nested clauses); once per document
    (kg.nlp.memo): the rules ask again for every candidate expression. Read-only."""
    return memo.cached(root.doc, ("timex.local", root.i, noun_trigger), lambda: _local_subtree(root, noun_trigger))


def _local_subtree(root: Token, noun_trigger: bool) -> set[int]:
    keep: set[int] = set()
    stack = [root]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        stack.extend(child for child in tok.children if _enters(tok, child, root, noun_trigger))
    return keep


def _in_local(tok: Token, root: Token, noun_trigger: bool) -> bool:
    """``tok.i in _local(root, noun_trigger)``, found by walking up from ``tok`` (a few steps)
    instead of collecting the whole subtree: in a tree, the one path down must pass every test."""
    child = tok
    for _ in range(len(tok.doc)):
        if child.i == root.i:
            return True
        parent = child.head
        if parent.i == child.i or not _enters(parent, child, root, noun_trigger):
            return False  # the sentence root, above ``root`` if at all; or a step the subtree does not take
        child = parent
    return False


def _enters(tok: Token, child: Token, root: Token, noun_trigger: bool) -> bool:
    """Whether the clause-local subtree of ``root`` goes on from ``tok`` to its ``child``: not into
    a nested clause (an existential relative of a noun trigger excepted) or a conjoined verb."""
    dep = child.dep_
    if dep in _CLAUSE_BARRIERS and not (dep == "relcl" and tok.i == root.i and noun_trigger
                                        and _is_existential_relcl(child)):
        return False
    if dep == "conj" and child.pos_ in ("VERB", "AUX"):
        return False
    # of reduced relatives, only the trigger's own: "talks held on Monday"
    return dep != "acl" or (noun_trigger and tok.i == root.i and child.tag_ == "VBN")


def _is_existential_relcl(verb: Token) -> bool:
    """'the summit that took place in May', 'talks that began in 2019', 'a deal signed...':
    relative clauses whose time is the antecedent event's time."""
    table = _factuality_cues().get("existential", {})
    if verb.lemma_.lower() in table or verb.lemma_.lower() in _PHASE_VERBS \
            or any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return False


def _governing_verb(trigger: Token) -> tuple[Token | None, str]:
    """For a noun trigger: the verb it is an argument of, and its relation."""
    tok, rel = trigger, ""
    for _ in range(len(trigger.doc)):
        if tok.head.i == tok.i:
            return None, ""
        dep, head = tok.dep_, tok.head
        if dep in ("pobj", "pcomp") and head.dep_ in ("prep", "agent", "dative"):
            rel = rel or "prep:" + head.text.lower()
            tok = head.head
            if tok.pos_ not in ("VERB", "AUX"):
                return None, ""  # "on the eve of the summit": the verb's time is not the summit's
        elif dep == "conj" and tok.pos_ in ("NOUN", "PROPN"):
            tok = head
            continue
        elif dep in _NOUN_TO_VERB:
            rel = rel or dep
            tok = head
        else:
            return None, ""
        if tok.pos_ in ("VERB", "AUX"):
            return _free_relative_host(tok), rel
        if tok.pos_ not in ("NOUN", "PROPN", "ADP"):
            return None, ""
    return None, ""


def _free_relative_host(verb: Token) -> Token:
    """'held what she described as frank talks': the talks are held, not described -- the verb
    of a free relative ('what ...') stands for its object in the clause around it."""
    if verb.dep_ in ("ccomp", "relcl") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") \
            and any(c.tag_ == "WP" and c.dep_ in ("dobj", "nsubj", "attr") and c.i < verb.i for c in verb.children):
        return verb.head
    return verb


def _future_kind(kind: str, span: Span) -> bool:
    low = span.text.lower()
    return (kind in ("relative_range", "weekday") and any(w in low for w in ("next", "coming"))) \
        or (kind == "relative_day" and "tomorrow" in low)


_Cand = tuple[Span, str, "Groups | None", str, Token]  # span, kind, groups, preposition, host token


@dataclass(frozen=True)
class _Ctx:
    """What every attachment rule needs: the trigger and how to read a date for it."""

    trigger: Token
    published: date | None
    tense: Tense
    previous: TimeValue | None
    noun: bool

    def pick(self, cands: list[_Cand], tense_: Tense | None = None) -> TimeValue | None:
        """The finest, then nearest, resolvable candidate; ``tense_`` is the tense of the
        clause the expressions hang on (default: the trigger's)."""
        scored = []
        for span, kind, match, _prep, _host in cands:
            value = _value(span, kind, match, self.published, tense_ or self.tense, self.previous)
            if value is None:
                continue
            dist = min(abs(span.start - self.trigger.i), abs(span.end - 1 - self.trigger.i))
            scored.append((_GRAN_RANK[value.granularity], dist, value))
        return min(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


_UNDECIDED = object()  # a rule that does not apply lets the next one try


def _event_timexes(trigger: Token) -> list[_Cand]:
    """The Doc's time expressions that can be an event's time: no bounds ("since 2019"),
    and no date inside "the eve of the 12 May summit" (it belongs to that phrase)."""
    cands = memo.cached(trigger.doc, "timex.event", lambda: [t for t in _attached(trigger.doc)
                                                              if t[3] not in _NOT_EVENT_TIME_PREPS])
    eves = [t[0] for t in cands if t[1] == "eve" and not (t[0].start <= trigger.i < t[0].end)]
    if not eves:
        return list(cands)
    return [t for t in cands if not any(e.start <= t[0].start and t[0].end <= e.end and e != t[0] for e in eves)]


def _rule_own_clause(cands: list[_Cand], ctx: _Ctx) -> object:
    """1. the trigger's own clause-local subtree: "met on Monday", "the summit on 12 May";
    not a date inside another noun phrase ("the 2015 accord")."""
    trigger = ctx.trigger
    own = [t for t in cands if _in_local(t[4], trigger, ctx.noun) and not (t[0].start <= trigger.i < t[0].end)
           and (t[4].i == trigger.i or t[0].root.dep_ not in _NP_INTERNAL or _occasion(t[4], trigger))]
    return ctx.pick(own) if own else _UNDECIDED


def _occasion(host: Token, trigger: Token) -> bool:
    """'At a 30 July summit, the bloc demanded ...', 'during his 2019 visit he signed ...':
    a date inside the noun phrase of the occasion the act took place at dates the act."""
    return host.dep_ == "pobj" and host.head.lower_ in _OCCASION_PREPS and host.head.head.i == trigger.i \
        and host.pos_ == "NOUN"


def _rule_complement(cands: list[_Cand], ctx: _Ctx) -> object:
    """1b. a verb's non-finite complement: "told the envoy to quit the country on Friday",
    "are expected to admit both states on Monday" -- the parser hangs a closing
    adjunct on the nearest verb, but the report gives the day of the act it is about. Not for a
    verb of planning or agreeing ("agreed to meet on Friday": Friday is the meeting's), and in a
    past clause not a future expression ("told them to leave next week"). A planned act of
    planning ("are expected to invite them to join on Wednesday") is itself still to come:
    the day is the invitation's."""
    trigger = ctx.trigger
    if ctx.noun:
        return _UNDECIDED
    cue = lexical_cue(trigger)
    if cue is not None and cue.value == "Planned" and cue.attach == "governor" and ctx.tense == "past":
        return _UNDECIDED
    chain, hosts = [c for c in trigger.children if c.dep_ == "xcomp"], set()
    while chain:
        verb = chain.pop()
        hosts |= _local(verb, False)
        chain.extend(c for c in verb.children if c.dep_ == "xcomp")
    mods = [t for t in cands if t[4].i in hosts and t[0].root.dep_ not in _NP_INTERNAL
            and not (ctx.tense == "past" and _future_kind(t[1], t[0]))]
    value = ctx.pick(mods) if mods else None
    return value if value is not None else _UNDECIDED


def _rule_participle_adjunct(cands: list[_Cand], ctx: _Ctx) -> object:
    """3b. a participle adjunct without a conjunction shares its clause's time: "issued a
    warrant on Friday, accusing him of ...", "shot down a helicopter on Monday, killing two"."""
    trigger = ctx.trigger
    head = trigger.head
    if trigger.dep_ != "advcl" or trigger.tag_ != "VBG" or head.i == trigger.i \
            or head.pos_ not in ("VERB", "AUX") or any(c.dep_ == "mark" for c in trigger.children):
        return _UNDECIDED
    return ctx.pick([t for t in cands if t[4].i in _local(head, False)], tense(head))


def _rule_frame_relative(cands: list[_Cand], ctx: _Ctx) -> object:
    """3c. a relative clause on an event noun's frame ("a clash in June 2020 in which 20 soldiers
    were killed", "the talks during which they agreed"): the antecedent event's own time."""
    trigger = ctx.trigger
    frame = [c for c in trigger.children if c.dep_ == "prep" and c.lower_ in _FRAME_PREPS
             and any(g.tag_ == "WDT" for g in c.children)]
    if not frame or trigger.dep_ not in ("relcl", "advcl"):
        return _UNDECIDED
    antecedent = trigger.head
    if trigger.dep_ == "advcl":  # the parser often hangs the relative clause on the outer verb
        nouns = [t for t in trigger.doc[memo.sent_of(trigger).start:frame[0].i] if t.pos_ == "NOUN"]
        if not nouns:
            return _UNDECIDED
        antecedent = nouns[-1]
    if antecedent.pos_ != "NOUN":
        return _UNDECIDED
    local = _local(antecedent, True) - _local(trigger, False)
    # the parser often hangs "in June 2021" between the noun and "in which" on the outer verb
    own = [t for t in cands if (t[4].i in local or antecedent.i < t[0].start and t[0].end <= frame[0].i)
           and t[0].root.dep_ not in _NP_INTERNAL]
    return ctx.pick(own, tense(trigger)) if own else _UNDECIDED


def _rule_noun_governor(cands: list[_Cand], ctx: _Ctx) -> object:
    """2. a noun's governing verb: "held talks on Tuesday", "the summit collapsed on Sunday";
    for a cue verb only "scheduled for May" or a future expression dates the noun's event."""
    if not ctx.noun:
        return _UNDECIDED
    verb, rel = _governing_verb(ctx.trigger)
    if verb is None:
        return None
    hosts = {verb.i} | {c.i for c in verb.children if c.dep_ in ("acomp", "attr", "oprd")
                        or (c.dep_ == "ccomp" and _free_relative_host(c).i == verb.i)}
    if rel in ("nsubj", "nsubjpass"):
        # the subject of "is scheduled to take place on Monday", "are due to resume in June"
        chain = [c for c in verb.children if c.dep_ in ("xcomp", "acomp")]
        while chain:
            c = chain.pop()
            hosts.add(c.i)
            chain.extend(g for g in c.children if g.dep_ == "xcomp")
    mods = [t for t in cands if t[4].i in hosts]
    cue = lexical_cue(verb)
    scheduled_subject = cue is not None and cue.value == "Planned" and rel in ("nsubj", "nsubjpass")
    if cue is not None and not scheduled_subject:
        # "agreed on Monday to a summit", "the summit was cancelled on Monday": Monday dates the
        # agreement or the cancellation. A scheduled subject keeps its date: "the summit is expected on Friday".
        mods = [t for t in mods if t[3] in _SCHEDULING_PREPS or _future_kind(t[1], t[0])]
    return ctx.pick(mods)


def _perfect_past(verb: Token) -> bool:
    """'had met', 'had been signed': before the clause that reports it."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def _present_perfect(verb: Token) -> bool:
    """'has condemned', 'have met': some time before now, not on the day being told."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve")
                                      for c in verb.children)


def _rule_governing_clause(cands: list[_Cand], ctx: _Ctx) -> object:
    """3. a verb in the complement of another ("On Friday Canada decided to expand its
    sanctions", "Brazil said on Monday it plans to impose tariffs", "began deploying on
    Tuesday"): the governing clause's time, read in that clause's tense -- the date an
    act was decided or announced is the date the report gives it. Not for a reported
    past ("said on Monday that the envoys had met", "... that they met"): that happened
    before the report, on a day it does not give -- but news reports what is recent, so a
    reported past, like a present perfect ("has lodged a protest, the minister said on
    Wednesday"), takes the month of the saying (see :func:`_recent_month`)."""
    tok = ctx.trigger
    if tok.dep_ not in ("xcomp", "ccomp") or tok.head.i == tok.i:
        return _UNDECIDED
    for _ in range(4):
        if tok.dep_ == "ccomp" and _present_perfect(tok):
            return _recent_month(tok, cands, ctx)
        if _perfect_past(tok) or (tok.dep_ == "ccomp" and tense(tok) == "past"):
            return _recent_month(tok, cands, ctx) if tok.dep_ == "ccomp" else None
        gov = tok.head
        mods = [t for t in cands if t[4].i == gov.i]
        if mods:
            return ctx.pick(mods, tense(gov))
        if gov.dep_ not in ("xcomp", "ccomp") or gov.head.i == gov.i:
            break
        tok = gov
    return None


def _recent_month(tok: Token, cands: list[_Cand], ctx: _Ctx) -> TimeValue | None:
    """"Chile has filed a complaint, the minister said on Friday", "Britain said
    on Friday that it had started sending aid": a present perfect or a reported past is
    recent to the saying, so the saying's month dates it -- only when that day is past the
    first week of its month (else the act may lie in the month before)."""
    gov = tok.head
    value = ctx.pick([t for t in cands if t[4].i == gov.i], tense(gov))
    if value is None or value.granularity != "day" or int(value.value[8:10]) <= 7:
        return None
    return TimeValue(value=value.value[:7], granularity="month", text=value.text)


def _rule_first_conjunct(cands: list[_Cand], ctx: _Ctx) -> object:
    """4. the first verb of a coordination that shares its subject: "met on Friday and signed a deal"."""
    trigger = ctx.trigger
    if trigger.dep_ != "conj" or trigger.pos_ not in ("VERB", "AUX"):
        return None
    first = _repaired_head(trigger)
    own_subj = any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
    ccs = [c.text.lower() for c in list(first.children) + list(trigger.children) if c.dep_ == "cc" and c.i < trigger.i]
    if own_subj or (ccs and ccs[-1] in _CONTRAST_CC) or tense(first) != ctx.tense:
        return None
    return ctx.pick([t for t in cands if t[4].i == first.i])


_ATTACH_RULES = (_rule_own_clause, _rule_complement, _rule_noun_governor, _rule_participle_adjunct,
                 _rule_frame_relative, _rule_governing_clause, _rule_first_conjunct)


def time_of(trigger: Token, published: date | None, previous: TimeValue | None = None) -> TimeValue | None:
    """The normalised time of the event ``trigger`` names, or None.

    ``published`` is the document's publication date (relative expressions
    need it); ``previous`` is the time of the preceding event, for "a day
    later", "the next day" (used only when it has day granularity). The
    attachment rules are tried in order; the first that applies decides.
    """
    ctx = _Ctx(trigger, published, tense(trigger), previous, trigger.pos_ in ("NOUN", "PROPN"))
    cands = _event_timexes(trigger)
    for rule in _ATTACH_RULES if cands else ():
        result = rule(cands, ctx)
        if result is not _UNDECIDED:
            if result is None:
                break
            return result  # type: ignore[return-value]
    return _bounded_future(ctx)


_DEADLINE_PREPS = frozenset({"before", "by"})  # not "until": a state lasts until, an act is done by


def _bounded_future(ctx: _Ctx) -> TimeValue | None:
    """"Brazil would finish its ratification before it hosts the forum in October",
    "the troops will leave by March": a coming act with a deadline and no date of its own
    lies between the report and the deadline -- the finest period that holds both (a month,
    a year), or None."""
    if ctx.tense != "future" or ctx.published is None:
        return None
    verb = _governing_verb(ctx.trigger)[0] if ctx.noun else ctx.trigger
    if verb is None:
        return None
    deadlines = [c for c in verb.children if c.dep_ == "advcl"
                 and any(m.dep_ == "mark" and m.lower_ in _DEADLINE_PREPS for m in c.children)]
    hosts = {verb.i}
    for clause in deadlines:
        hosts |= _local(clause, False)
    ends = []
    for span, kind, match, prep, host in _attached(ctx.trigger.doc):
        if host.i not in hosts or (host.i == verb.i and prep not in _DEADLINE_PREPS):
            continue
        value = _value(span, kind, match, ctx.published, "future", None)
        if value is not None and value.granularity != "year":
            ends.append(_deadline_end(value, prep if host.i == verb.i else "before"))
    ends = [e for e in ends if e >= ctx.published]
    return _range_value(ctx.published, min(ends), "") if ends else None


def _deadline_end(value: TimeValue, prep: str) -> date:
    """The last day a deadline leaves: the day before 'before 12 May' / 'before May', the
    last day of 'by 12 May' / 'by May'."""
    start = date.fromisoformat(value.value + ("-01" if value.granularity == "month" else ""))
    if prep != "by":
        return start - timedelta(days=1)
    return _month_shift(start, 1) - timedelta(days=1) if value.granularity == "month" else start


# --------------------------------------------------------------------------- narrative time

_NARRATIVE_WINDOW = 3  # sentences back that a reference time carries over
# subordinate clauses that tell an earlier or other time ("after they had met"); 'as' and
# 'while' tell the same time as their main clause and keep the narrative date
_BACKGROUND_MARKS = frozenset({"after", "before", "since", "until", "when", "once", "because", "although"})


def _clause_dates(tok: Token, published: date | None, skip_to: int) -> set[str] | None:
    """Values of the date expressions of the trigger's clause (not those inside another
    noun phrase, "the 2014 war", nor inside a nested clause, "to seek peace this year"),
    or None when one cannot be read: a clause with a time of its own that we cannot
    resolve keeps its events undated."""
    verb = _clause_head(tok)
    local = _local(verb, False)
    values: set[str] = set()
    for span, kind, match, prep, host in _attached(tok.doc):
        if span.start_char < skip_to or kind == "other":
            continue
        if host.i not in local or prep in _NOT_EVENT_TIME_PREPS or (
                host.i != verb.i and span.root.dep_ in _NP_INTERNAL):
            continue
        value = _value(span, kind, match, published, tense(host), None)
        if value is None:
            return None
        values.add(value.value)
    return values


def _finite_past(verb: Token) -> bool:
    """'met', 'was signed': a finite simple past (not 'had met', 'has met'), or a participle
    or infinitive adjunct of one ("..., meeting Biden and making an appeal"; "used the
    visit to announce aid"); not an infinitive hanging on a noun ("the first envoy to visit")."""
    if verb.tag_ in ("VBG", "VB") and verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i \
            and verb.head.pos_ in ("VERB", "AUX") and not any(c.dep_ == "mark" for c in verb.children):
        return _finite_past(verb.head)
    if verb.tag_ == "VBD":
        return not any(c.dep_ == "aux" for c in verb.children)
    if verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children):
        return False
    if any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children):
        return True
    if _mistagged_past(verb):
        return True
    # "was pulled from the bus and kicked": a conjunct participle shares the passive of the first
    return verb.dep_ == "conj" and verb.head.tag_ == "VBN" and verb.head.i != verb.i \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in verb.children) and _finite_past(verb.head)


def _mistagged_past(verb: Token) -> bool:
    """'Thousands protested along the fence' tagged VBN: a main verb with a subject and no
    auxiliary at all is a simple past the tagger took for a participle."""
    return verb.tag_ == "VBN" and verb.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _clause_head(tok: Token) -> Token | None:
    """The verb of a verb trigger; for a noun, the verb it is the object or subject of
    ("held talks", "the talks ended"), else None."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return tok
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def _narrative_clause(tok: Token) -> bool:
    """A main-line past clause: a past-tense verb (or the object of one, "held talks") that
    is not a relative clause, a pluperfect or a subordinate 'after/when ...' clause."""
    verb = _clause_head(tok)
    if verb is None:
        return False
    if verb.pos_ not in ("VERB", "AUX") or not _finite_past(verb) or (tense(verb) != "past"
                                                                     and not _mistagged_past(verb)):
        return False
    anc = verb
    for _ in range(len(verb.doc)):
        if anc.dep_ in ("relcl", "acl", "csubj", "ccomp", "xcomp", "pcomp"):
            return False
        if anc.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in anc.children):
            return False
        head = _repaired_head(anc)
        if head.i == anc.i:
            return True
        anc = head
    return True


def _timex_references(doc: Doc, published: date | None, skip_to: int) -> list[tuple[int, dict]]:
    """(token index, time dict) of each day-level date that a main-line past clause gives,
    whether or not that clause names an event ("The embassy was opened on Monday.")."""
    refs = []
    for span, kind, match, prep, host in _attached(doc):
        if span.start_char < skip_to or kind in ("other", "anaphoric", "eve"):
            continue
        while host.dep_ == "xcomp" and host.head.i != host.i:
            host = host.head  # "told the envoy to leave on Tuesday": the telling's day, whichever verb it hangs on
        if prep in _NOT_EVENT_TIME_PREPS or not _narrative_clause(host):
            continue
        value = _value(span, kind, match, published, tense(host), None)
        if value is not None and value.granularity == "day":
            refs.append((span.start, value.model_dump()))
    return refs


def narrative_dates(doc: Doc, events: list[EventCandidate]) -> None:
    """Dates from context: an actual past event with no date of its own, in a sentence that
    gives no other date, takes the day of the latest dated main-line past clause of the same
    or the previous sentences (at most ``_NARRATIVE_WINDOW`` back) -- news narrates a
    day's events in order ("X arrived on Thursday. Then he met Y."; "Turkey expelled the
    envoy on Tuesday, and Israel expelled Turkey's consul"). Pluperfects, relative and
    subordinate clauses, reported speech and anything planned, negated or possible keep
    no date: no date is better than a wrong one.

    An event-level rule over the extractor's candidates (``time``, ``token``,
    ``factuality``; stage ``kg.time.narrative.v1``); it fills ``time`` in place.
    """
    if not doc.has_annotation("SENT_START"):
        return  # no sentences (a pipeline without parser or senter): no narrative to follow
    published = _published_of(doc)
    dateline = dateline_of(doc)
    skip_to = dateline.end if dateline is not None else 0
    sents, sent_of = memo.sentences(doc)  # sentence number per token index
    refs = _timex_references(doc, published, skip_to)
    refs += [(ev.token, ev.time) for ev in events if ev.time and ev.factuality == "Actual"
             and ev.time["granularity"] == "day" and _narrative_clause(doc[ev.token])]
    refs.sort(key=lambda r: r[0])
    for ev in events:
        if ev.time or ev.factuality != "Actual":
            continue
        tok = doc[ev.token]
        ev.time = _elaborated_day(tok, sents, sent_of, published, skip_to) or \
            _narrated_time(tok, refs, sent_of, published, skip_to)


def _narrated_time(tok: Token, refs: list[tuple[int, dict]], sent_of: list[int],
                   published: date | None, skip_to: int) -> dict | None:
    """The reference day of the latest main-line past clause before ``tok``, within the
    window; further back, only its month, only for a verb, and only when that is the
    publication's month (a report tells its own weeks' events: "... on Tuesday. [three
    sentences] Within hours, protesters stormed parliament")."""
    before = [r for r in refs if r[0] < tok.i]
    if not before or not _narrative_clause(tok):
        return None
    reference = before[-1][1]
    own = _clause_dates(tok, published, skip_to)
    if own is None or own - {reference["value"]}:
        return None
    if sent_of[tok.i] - sent_of[before[-1][0]] <= _NARRATIVE_WINDOW:
        return dict(reference)
    # a noun this far on ("The summit crowned a month of contacts") names an event told before
    if own or published is None or tok.pos_ not in ("VERB", "AUX") \
            or reference["value"][:7] != published.isoformat()[:7]:
        return None
    return TimeValue(value=reference["value"][:7], granularity="month", text=reference.get("text")).model_dump()


def _elaborated_day(tok: Token, sents: list[Span], sent_of: list[int], published: date | None,
                    skip_to: int) -> dict | None:
    """'China has condemned the pact. A spokesman said on Thursday that it would ...': a
    main-clause present perfect without a date, followed by a sentence that reports a
    statement on a given day, took place on that day (news states the act, then who said
    it and when)."""
    verb = _clause_head(tok)
    if verb is None or not _present_perfect(verb) or verb.dep_ not in ("ROOT", "conj") \
            or any(a.dep_ not in ("ROOT", "conj") for a in verb.ancestors):
        return None
    k = sent_of[tok.i] + 1
    if k >= len(sents):
        return None
    root = sents[k].root
    cue = lexical_cue(root)
    if cue is None or cue.attach != "report" or root.tag_ != "VBD":
        return None
    local = _local(root, False)  # "said in a statement on Friday"
    for span, kind, match, prep, host in _attached(tok.doc):
        if host.i in local and span.root.dep_ not in _NP_INTERNAL and span.start_char >= skip_to \
                and prep not in _NOT_EVENT_TIME_PREPS:
            value = _value(span, kind, match, published, "past", None)
            if value is not None and value.granularity == "day":
                return value.model_dump()
    return None
