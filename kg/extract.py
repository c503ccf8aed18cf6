"""A parsed spaCy Doc -> a DocumentResult of pydantic models (the boundary).

Pure: the components have already written ``doc._.kg_events`` and
``doc._.kg_entities``; here they become validated, keyed values.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.graph import stable_hash
from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue
from kg.nlp.candidate import MENTION_FIELDS

__all__ = ["to_result", "event_key"]

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


def to_result(doc: Doc, document: Document) -> DocumentResult:
    entities: dict = doc._.kg_entities or {}
    events = []
    used: set[str] = set()
    for raw in doc._.kg_events or []:
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
