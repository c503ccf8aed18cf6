"""A parsed spaCy Doc -> a DocumentResult of pydantic models (the boundary).

Pure: the components have already written ``doc._.kg_events`` and
``doc._.kg_entities``; here they become validated, keyed values. In two
steps, so a build can do the second elsewhere: :func:`extracted` takes the
plain values off the Doc (the events, and the entities they need), and
:func:`result_of` validates them into models (the build's worker does that,
:mod:`kg.tail`). :func:`to_result` is both.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.graph import stable_hash
from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue
from kg.nlp.candidate import MENTION_FIELDS

if TYPE_CHECKING:  # the build's worker validates extractions without loading spaCy
    from spacy.tokens import Doc

__all__ = ["to_result", "event_key", "Extracted", "extracted", "result_of"]

_ENTITY_FIELDS = set(Entity.model_fields)


def event_key(doc_id: str, begin: int, end: int, code: str) -> str:
    return f"event/{stable_hash(doc_id, begin, end, code)}"


def _entity(raw: dict) -> Entity:
    data = {k: v for k, v in raw.items() if k in _ENTITY_FIELDS and v not in (None, "", [], ())}
    if "aliases" in data:
        data["aliases"] = tuple(sorted(set(data["aliases"])))
    return Entity(**data)


def _closure(keys: set[str], entities: dict) -> set[str]:
    """The keys and every entity they point to (affiliation, country of a place)."""
    todo, seen = list(keys), set()
    while todo:
        k = todo.pop()
        if k in seen or k not in entities:
            continue
        seen.add(k)
        for f in ("member_of", "located_in"):
            if entities[k].get(f):
                todo.append(entities[k][f])
    return seen


@dataclass(frozen=True)
class Extracted:
    """What the kg components wrote on a Doc, as plain (picklable) values."""

    document: Document
    events: list[dict]
    entities: dict[str, dict]  # the ones the events name, and those these point to


def extracted(doc: Doc, document: Document) -> Extracted:
    entities: dict = doc._.kg_entities or {}
    events = list(doc._.kg_events or [])
    used = {k for raw in events for k in (*raw["actors"], *raw["themes"], raw["place"]) if k in entities}
    return Extracted(document, events, {k: entities[k] for k in _closure(used, entities)})


def result_of(x: Extracted) -> DocumentResult:
    """The validated models of an extraction (events without a known actor are left out)."""
    document, entities = x.document, x.entities
    events = []
    used: set[str] = set()
    for raw in x.events:
        # the event's own mention and the ones merged into it (see kg.nlp.extensions)
        mentions = [{k: raw[k] for k in MENTION_FIELDS}] + list(raw["extra_mentions"])
        mention_models = tuple(
            Mention(doc_id=document.id, **m)
            for m in sorted({(m["begin"], m["end"]): m for m in mentions}.values(), key=lambda m: m["begin"]))
        actors = tuple(a for a in raw["actors"] if a in entities)
        if not actors:
            continue
        place = raw["place"] if raw["place"] in entities else None
        themes = tuple(t for t in raw["themes"] if t in entities)
        ev = Event(
            key=event_key(document.id, raw["begin"], raw["end"], raw["cameo_code"]),
            cameo_code=raw["cameo_code"], label=raw["label"], actors=actors,
            sources=tuple(a for a in raw["sources"] if a in actors),
            targets=tuple(a for a in raw["targets"] if a in actors),
            place=place, themes=themes,
            time=TimeValue(**raw["time"]) if raw["time"] else None,
            factuality=raw["factuality"], confidence=raw["confidence"], mentions=mention_models)
        used.update(actors, themes, [place] if place else [])
        events.append(ev)
    ents = tuple(_entity(entities[k]) for k in sorted(_closure(used, entities)))
    return DocumentResult(document=document, entities=ents, events=tuple(events))


def to_result(doc: Doc, document: Document) -> DocumentResult:
    return result_of(extracted(doc, document))
