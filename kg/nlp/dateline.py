"""Wire-copy datelines: "VIENNA, July 15 —", "KAZAN, Russia (AP) —", "GENEVA (Reuters) -".

A dateline opens a report and says where (and often on which day) it was
filed. It is not part of the first sentence: its place is never an actor nor
the subject of an event, and its date is neither an event's date nor, on its
own, a year (wire datelines leave the year out).

:func:`parse_dateline` is the pure core: ``parse_dateline(text) -> Dateline |
None``, with the character span of the whole dateline (dash included), the
place as written, an optional region ("Russia", "Calif.") and news agency, and
the month/day (and year, rarely given) when present. It reads only the start
of ``text``, so it is cheap enough to call on any document.

Accepted shapes, all at the very start of the text:

- an upper-case place: ``NEW YORK —``, ``ST. PETERSBURG, Russia, Oct. 24 —``;
- a title-case place only with a date or an agency, which an ordinary
  sentence opening never has: ``Vienna, July 15 (Reuters) -``;

followed by a dash (em, en, ``--`` or a spaced hyphen) or a colon. Month
words are those of ``kg/data/timex.csv``.

On a spaCy Doc, ``doc._.kg_dateline`` (a getter, so nothing is stored and Docs
still pickle) gives the dateline of ``doc.text``; the ``kg_dateline``
component, placed before the parser, makes the dateline a sentence of its own
so the parser does not read "GENEVA" as the subject of the first sentence;
:func:`in_dateline` tells other components whether a token or span lies in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

__all__ = ["Dateline", "parse_dateline", "dateline_of", "in_dateline", "install", "publication_date"]


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of a report.

    ``start``/``end`` are character offsets of the whole dateline, dash and
    following spaces included (``text[end:]`` is where the report begins);
    ``place_start``/``place_end`` those of ``place``, the place as written
    ("KAZAN", "NEW YORK"). ``region`` is the state or country after it
    ("Russia") or None, ``agency`` the agency in brackets ("AP") or None.
    ``month``/``day`` (and ``year``, rarely given) are None when the dateline
    carries no date.
    """

    start: int
    end: int
    place: str
    place_start: int
    place_end: int
    region: str | None = None
    agency: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None

    @property
    def place_name(self) -> str:
        """The place in ordinary case: "NEW YORK" -> "New York"."""
        if not self.place.isupper():
            return self.place
        return " ".join(w.capitalize() if not w.endswith(".") else w.capitalize() for w in self.place.split())

    def date_near(self, reference: date) -> date | None:
        """The dateline's day in the year that puts it nearest ``reference``
        (a dateline of 31 Dec read in a report published on 1 Jan is the day
        before); its own year when it gives one; None without a month/day."""
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        cands = [d for y in (reference.year - 1, reference.year, reference.year + 1)
                 if (d := _safe_date(y, self.month, self.day)) is not None]
        return min(cands, key=lambda d: abs((d - reference).days)) if cands else None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from kg.nlp.timex import month_words  # noqa: PLC0415 - shares the calendar lexicon

    months = "|".join(re.escape(w.capitalize()) for w in sorted(month_words(), key=len, reverse=True))
    upper_word = r"[A-Z][A-Z'’\-]*\.?"
    title_word = r"[A-Z][a-z'’\-]+\.?"
    upper_place = rf"(?P<place>{upper_word}(?:\s{upper_word}){{0,3}})"
    title_place = rf"(?P<place>{title_word}(?:\s{title_word}){{0,2}})"
    region = r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]*(?:\s[A-Z][A-Za-z.'’\-]*){0,2}))"
    day = (rf"(?:,\s*(?:(?P<mon>{months})\.?\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s+(?P<mon2>{months})\.?)"
           r"(?:,?\s+(?P<year>\d{4}))?)")
    agency = r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z .&\-]{0,30})\))"
    dash = r"\s*(?:—|–|--|:|\s-)\s*"
    upper = rf"{upper_place}{region}??{day}?{agency}?"
    # a title-case place is a dateline only with a date or an agency after it
    title = rf"{title_place}{region}??(?=(?:{day.replace('?P<', '?P<x_')}|{agency.replace('?P<', '?P<x_')})){day}?{agency}?"
    return (re.compile(rf"^\s*{upper}{dash}(?=\S)"), re.compile(rf"^\s*{title}{dash}(?=\S)"))


_HEAD_TOKENS = 60


def parse_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, or None (see the module doc)."""
    head = text[:200]
    m = next((m for pat in _patterns() if (m := pat.match(head)) is not None), None)
    if m is None:
        return None
    g = m.groupdict()
    key = "place"
    place = g[key]
    mon_word = g.get("mon") or g.get("mon2")
    day = g.get("day") or g.get("day2")
    month = _month_number(mon_word) if mon_word else None
    year = int(g["year"]) if g.get("year") else None
    if month is not None and day is not None and _safe_date(year or 2000, month, int(day)) is None:
        return None  # "March 32": not a date, so not a dateline of this shape
    region = g.get("region")
    if region is not None and region.rstrip(".") in _month_set():
        region = None
    return Dateline(start=m.start(key), end=m.end(), place=place, place_start=m.start(key),
                    place_end=m.end(key), region=region, agency=g.get("agency"),
                    month=month, day=int(day) if day else None, year=year)


def _month_number(word: str) -> int | None:
    from kg.nlp.timex import month_words  # noqa: PLC0415 - timex imports this module

    return month_words().get(word.lower().rstrip("."))


def _month_set() -> frozenset[str]:
    from kg.nlp.timex import month_words  # noqa: PLC0415 - timex imports this module

    return frozenset(w.capitalize() for w in month_words())


# --------------------------------------------------------------------------- on a Doc

_last_dateline: tuple[Doc | None, Dateline | None] = (None, None)  # the last Doc asked about: rules ask per token


def dateline_of(doc: Doc) -> Dateline | None:
    """The dateline of ``doc`` (``doc._.kg_dateline``)."""
    global _last_dateline
    if _last_dateline[0] is doc:
        return _last_dateline[1]
    dl = parse_dateline(doc[:_HEAD_TOKENS].text)  # a dateline is short: no need to join the whole text
    _last_dateline = (doc, dl)
    return dl


def in_dateline(item: Token | Span) -> bool:
    """Whether a token or span lies (even partly) inside its Doc's dateline."""
    doc = item.doc
    dl = dateline_of(doc)
    if dl is None:
        return False
    start = item.idx if isinstance(item, Token) else item.start_char
    return start < dl.end


def publication_date(doc: Doc) -> date | None:
    """The date the report was filed: ``doc._.kg_published`` when set, else
    the dateline's date when it gives a year (a month/day alone cannot place
    relative dates such as "on Tuesday")."""
    raw = doc._.kg_published if Doc.has_extension("kg_published") else None
    if raw:
        try:
            return date.fromisoformat(str(raw)[:10])
        except ValueError:
            return None
    dl = dateline_of(doc)
    if dl is not None and dl.year is not None and dl.month is not None and dl.day is not None:
        return _safe_date(dl.year, dl.month, dl.day)
    return None


def install() -> None:
    """Register ``doc._.kg_dateline`` (idempotent)."""
    if not Doc.has_extension("kg_dateline"):
        Doc.set_extension("kg_dateline", getter=dateline_of)


def split_dateline(doc: Doc) -> Doc:
    """Before the parser: the dateline is a sentence of its own."""
    dl = dateline_of(doc)
    if dl is None:
        return doc
    inside = [t for t in doc if t.idx < dl.end]
    after = [t for t in doc if t.idx >= dl.end]
    if not inside or not after:
        return doc
    for t in inside[1:]:
        t.is_sent_start = False
    after[0].is_sent_start = True
    return doc
