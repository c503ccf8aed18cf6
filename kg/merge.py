"""When two event mentions are one event: the merge rules, within and across documents.

Within a document, repeated mentions of the same event become one node with
several provenance mentions; across documents (one build, or a store that
grows) events with the same type, actors, place and a date within a day merge
too, and the merged node records ``dk:mergedFrom``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["EventSig", "same_event", "signature", "merge_across", "unify_entities"]


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


def signature(ev) -> EventSig:
    """The merge signature of a :class:`kg.model.Event`."""
    return EventSig(ev.cameo_code, frozenset(ev.actors), ev.place, ev.time.value if ev.time else None, ev.factuality)


def merge_across(results: list) -> list:
    """Merge events of different documents of one build that are one real event.

    The later document's event takes the earlier event's key and facts (so the
    union graph has one consistent node) with its own mentions, and records
    the key it would have had in ``merged_from``.
    """
    from kg.model import DocumentResult  # noqa: PLC0415 - avoid a cycle at import time

    seen: list = []  # events of earlier documents
    out = []
    for r in results:
        events = []
        for ev in r.events:
            sig = signature(ev)
            first = next((s for s in seen if s.key != ev.key and same_event(signature(s), sig)), None)
            if first is not None:
                ev = first.model_copy(update={"mentions": ev.mentions, "merged_from": (ev.key,)})
            else:
                seen.append(ev)
            events.append(ev)
        out.append(r if events == list(r.events) else
                   DocumentResult(document=r.document, entities=r.entities, events=tuple(events)))
    return out


def unify_entities(results: list) -> list:
    """One description per entity key across documents.

    Two documents may name one group differently ("Israeli troops", "Israeli
    soldiers"); the first label seen stays the label, the others become aliases,
    so the union graph keeps exactly one rdfs:label per entity.
    """
    first: dict = {}
    names: dict[str, set[str]] = {}
    for r in results:
        for e in r.entities:
            first.setdefault(e.key, e)
            names.setdefault(e.key, set()).update({e.label, *e.aliases})
    canon = {k: e.model_copy(update={"aliases": tuple(sorted(names[k] - {e.label}))}) for k, e in first.items()}
    return [r.model_copy(update={"entities": tuple(canon[e.key] for e in r.entities)}) for r in results]
