"""The publication date of each document, from the document itself where it says.

Relative dates in the text ("on Tuesday", "last week") are normalised against
the publication date, so every document should carry its own. Sources, in
this order (the first that gives a date wins):

1. JSON Lines: the row's ``published`` field;
2. front matter at the top of a ``.md``/``.txt`` file: a ``---`` line,
   ``key: value`` lines (``published``, ``date``, ``pubdate`` or
   ``published_at``; ``title`` and ``url`` are read too) and a closing
   ``---`` line. The block is removed from the text that is analysed;
3. an ISO date in the file name: ``2025-10-17-helsinki.txt``,
   ``helsinki_20251017.md``;
4. a wire-copy dateline ("HELSINKI, Oct 17 (Reuters) -"), read by
   ``kg.nlp.dateline.parse_dateline`` when that module is installed;
5. ``kg build --published DATE``, the fallback for everything else.

Any common format is accepted (``2025-10-17``, ``17 October 2025``,
``Oct. 17, 2025``, ``Fri, 17 Oct 2025 09:30:00 +0000``, ``17.10.2025``;
a numeric ``10/07/2025`` is read month first, as in US wire copy); a value
without a day ("October 2025") or that is no date at all is dropped with a
warning (``[E050]``) and the next source is tried: the document is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

__all__ = ["DATE_KEYS", "Dated", "parse_date", "split_front_matter", "date_from_filename",
           "date_from_dateline", "resolve"]

DATE_KEYS = ("published", "date", "pubdate", "published_at")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")
# two different defaults: a field the text does not give comes out different in the two parses
_DEFAULTS = (datetime(2000, 1, 1), datetime(2004, 2, 29))


def parse_date(value: str) -> date | None:
    """A day date from any common written form, or None (no day, or no date at all)."""
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    from dateutil import parser  # noqa: PLC0415 - only for non-ISO values

    got = []
    for default in _DEFAULTS:
        try:
            got.append(parser.parse(text, default=default).date())
        except (ValueError, OverflowError, TypeError):
            return None
    return got[0] if got[0] == got[1] else None


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(``key: value`` pairs of a leading ``---`` block, the text after it); ({}, text) without one."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        kv = _KEY_VALUE.match(line)
        if kv and kv.group(2):
            value = kv.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            meta[kv.group(1).lower()] = value
    return meta, text[m.end():]


def date_from_filename(name: str) -> date | None:
    """The ISO date (``2025-10-17`` or ``20251017``) in a file name, if it is a real day."""
    m = _FILE_DATE.search(Path(name).stem)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_from_dateline(text: str) -> date | None:
    """The date of a wire-copy dateline, via ``kg.nlp.dateline.parse_dateline`` (optional).

    That module is another component's; until it is installed this returns None.
    It may return a date, a datetime, an ISO string or an object with a ``date``.
    """
    try:
        from kg.nlp.dateline import parse_dateline  # noqa: PLC0415 - OPTIONAL: the dateline reader
    except ImportError:
        return None
    try:
        return _as_date(parse_dateline(text))
    except ValueError:
        return None


def _as_date(got: object) -> date | None:
    if isinstance(got, datetime):
        return got.date()
    if isinstance(got, date):
        return got
    if isinstance(got, str):
        return parse_date(got)
    inner = getattr(got, "date", None)  # a result object carrying the date
    return _as_date(inner) if inner is not None and inner is not got else None


@dataclass
class Dated:
    """What :func:`resolve` found: the date, where it came from, the analysed text, warnings."""

    published: date | None
    source: str  # 'jsonl', 'front-matter', 'filename', 'dateline', 'option' or ''
    text: str
    title: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def resolve(text: str, *, where: str, filename: str | None = None, field_value: str | None = None,
            fallback: date | None = None, front_matter: bool = True) -> Dated:
    """The publication date of one document, trying each source in the documented order."""
    from kg.errors import E  # noqa: PLC0415

    warnings: list[str] = []

    def checked(value: str, origin: str) -> date | None:
        got = parse_date(value)
        if got is None:
            warnings.append(E.E050.format(path=where, origin=origin, got=value))
        return got

    meta, body = split_front_matter(text) if front_matter else ({}, text)
    title, url = meta.get("title"), meta.get("url")
    candidates: list[tuple[str, object]] = []
    if field_value:
        candidates.append(("jsonl", lambda: checked(field_value, "'published'")))
    key = next((k for k in DATE_KEYS if k in meta), None)
    if key:
        candidates.append(("front-matter", lambda: checked(meta[key], f"front matter '{key}'")))
    if filename:
        candidates.append(("filename", lambda: date_from_filename(filename)))
    candidates.append(("dateline", lambda: date_from_dateline(body)))
    for origin, get in candidates:
        got = get()  # type: ignore[operator]
        if got is not None:
            return Dated(got, origin, body, title, url, warnings)
    return Dated(fallback, "option" if fallback else "", body, title, url, warnings)
