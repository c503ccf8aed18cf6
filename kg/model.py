"""Pydantic types at the boundaries of the pipeline.

Text goes in as a :class:`Document`; extraction gives a :class:`DocumentResult`
(entities and events with their mentions), which :mod:`kg.graph` turns into
RDF. Models are strict and frozen: they are values, not working state.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Document", "EntityKind", "Entity", "TimeValue", "Mention", "Event",
    "DocumentResult", "FACTUALITIES", "Factuality",
]

Factuality = Literal["Actual", "Negated", "Planned", "Possible"]
FACTUALITIES: tuple[str, ...] = ("Actual", "Negated", "Planned", "Possible")
EntityKind = Literal["Person", "Country", "City", "Place", "Organization", "Group", "Weapon"]


class _Value(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Document(_Value):
    """One input text. ``id`` is the file stem or the JSON Lines ``id``."""

    id: str = Field(min_length=1)
    text: str
    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str = Field(description="where it came from: 'file:NAME', 'stdin:' or the URL")


class Entity(_Value):
    """A resolved entity. ``key`` is its IRI path below the base, e.g. 'person/vladimir-putin'."""

    key: str
    label: str
    kind: EntityKind
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    member_of: str | None = None    # key of the country/organisation it belongs to
    located_in: str | None = None   # key of the country a place lies in
    role: str | None = None         # office, e.g. "president"
    iso2: str | None = None
    iso3: str | None = None
    cow_code: str | None = None
    geonames_id: str | None = None


class TimeValue(_Value):
    """A normalised time: ISO text at day, month or year granularity."""

    value: str  # '2018-07-16', '2018-07' or '2018'
    granularity: Literal["day", "month", "year"]
    text: str = ""  # the expression it came from


class Mention(_Value):
    """Where an event is stated: character offsets into ``Document.text``."""

    doc_id: str
    begin: int = Field(ge=0)
    end: int = Field(gt=0)
    anchor: str
    sentence: str
    trigger: str = ""


class Event(_Value):
    """One extracted event; several mentions when the text repeats it."""

    key: str
    cameo_code: str = Field(pattern=r"^\d{2,4}$")
    label: str
    actors: tuple[str, ...]          # entity keys, sources and targets included
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    themes: tuple[str, ...] = ()     # weapons, goods: what is given, not who acts
    time: TimeValue | None = None
    factuality: Factuality = "Actual"
    confidence: float = Field(ge=0.0, le=1.0)
    mentions: tuple[Mention, ...]
    merged_from: tuple[str, ...] = ()  # keys of events merged into this one


class DocumentResult(_Value):
    """Everything extracted from one document."""

    document: Document
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
