"""When two event mentions are one event: the merge rules, within and across documents.

Within a document, repeated mentions of the same event become one node with
several provenance mentions; across documents (one build, or a store that
grows) events with the same type, actors, place and a date within a day merge
too, and the merged node records ``dk:mergedFrom``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["EventSig", "same_event"]


@dataclass(frozen=True)
class EventSig:
    """What decides whether two events are the same real event."""

    code: str
    actors: frozenset[str]
    place: str | None = None
    time: str | None = None        # ISO date, month or year
    factuality: str = "Actual"


def _day(value: str | None) -> date | None:
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def same_event(a: EventSig, b: EventSig) -> bool:
    """Same CAMEO root, same actors, same place, same factuality, dates within a day.

    A missing place or date on one side does not block a merge across
    documents only when the other facts agree exactly; two stated, different
    places or dates always do.
    """
    if a.code[:2] != b.code[:2] or a.actors != b.actors or not a.actors:
        return False
    if a.factuality != b.factuality:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.time and b.time:
        da, db = _day(a.time), _day(b.time)
        if da and db:
            return abs((da - db).days) <= 1
        return a.time[: min(len(a.time), len(b.time))] == b.time[: min(len(a.time), len(b.time))]
    # without dates, only merge when both carry the same place
    return a.place is not None and a.place == b.place and a.time is None and b.time is None
