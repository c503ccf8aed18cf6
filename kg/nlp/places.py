"""Event places decided over the whole event, after its arguments are read.

Event-level rules over the extractor's candidates (:class:`~kg.nlp.candidate.EventCandidate`:
``place``, ``actors``, ``sources``, ``targets``), each ``def name(doc, events) -> None``
changing them in place and registered as a stage in :mod:`kg.nlp.stages.places`:

- :func:`places_as_actors` -- a city or site read as a participant is the
  place ("reached a deal in Geneva": not Geneva as target); an attacked city
  is the place and the country it lies in the target ("shelled Kharkiv").
- :func:`premodifier_places` -- a city premodifying a meeting noun ("the
  Ankara talks") is the place, not its country as actor; a treaty named
  after a city ("the Paris agreement") places nothing.
- :func:`host_not_party` -- the country of the city an event happens in is
  no participant for that reason alone ("struck a deal in Brussels").
- :func:`dateline_places` -- the lead sentence of a datelined report
  ("KAZAN, Russia, Oct 24 — Modi and Xi held talks ...") tells where its
  meetings and agreements took place when it names no place of its own.

Entity kinds and the gazetteer come from :mod:`kg.nlp.entities`; a place
added from the dateline is added to ``doc._.kg_entities`` with the keys it
refers to, so the contract of :mod:`kg.nlp.extensions` holds.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp.candidate import EventCandidate
from kg.nlp.dateline import dateline_of

__all__ = ["places_as_actors", "premodifier_places", "host_not_party", "dateline_places", "SITE_KINDS"]

SITE_KINDS = frozenset({"City", "Place"})  # where things happen; a Country can also act
# Event roots whose place is where the parties met: consult (04), cooperate (05, 06)
_VENUE_ROOTS = ("04", "05", "06")
_MEETING_ROOT = "04"  # talks, summits, meetings: a city before them is their venue
# Roots of acts done to a place: coerce (17), assault (18), fight (19), mass violence (20)
_ATTACK_ROOTS = ("17", "18", "19", "20")


def _kind(key: str, entities: dict) -> str | None:
    return (entities.get(key) or {}).get("kind")


def _country_of(key: str, entities: dict) -> str | None:
    """The country a city or site lies in (following ``located_in`` a few steps)."""
    seen = key
    for _ in range(4):
        up = (entities.get(seen) or {}).get("located_in")
        if not up:
            return None
        if _kind(up, entities) == "Country":
            return up
        seen = up
    return None


def _drop_actor(ev: EventCandidate, key: str) -> None:
    for slot in ("actors", "sources", "targets"):
        if key in getattr(ev, slot):
            setattr(ev, slot, [k for k in getattr(ev, slot) if k != key])


def places_as_actors(doc: Doc, events: list[EventCandidate]) -> None:
    """A city or site among an event's actors is where it happened, not who took part.

    The first such site becomes the place when the event has none; every site
    leaves the actors. An act of force or coercion aimed at a city ("bombed
    Khan Younis", "besieged Mariupol") is aimed at the country the city lies in,
    which becomes the target unless it is already a participant.
    """
    entities = doc._.kg_entities or {}
    for ev in events:
        # a site that acts (a subject: "Hamburg signed a partnership") is left alone
        sites = [k for k in ev.actors if _kind(k, entities) in SITE_KINDS and k not in ev.sources]
        if not sites or ev.at_place:  # a one-sided act already aimed at the territory it happens in
            continue
        if not set(ev.actors) - set(sites):
            continue  # no one else takes part: the event would be lost, keep it as read
        attacked = [k for k in sites if k in ev.targets]
        for k in sites:
            _drop_actor(ev, k)
        if not ev.place:
            ev.place = attacked[0] if attacked else sites[0]
        if attacked and ev.cameo_code[:2] in _ATTACK_ROOTS:
            country = _country_of(attacked[0], entities)
            if country and country not in ev.actors:
                ev.targets.append(country)
                ev.actors.append(country)


def _stands_elsewhere(doc: Doc, key: str, sent_start: int, sent_end: int, skip: set[int]) -> bool:
    """Whether another token of the sentence names ``key`` (directly or through metonymy)."""
    refs = doc._.kg_refs or {}
    entities = doc._.kg_entities or {}
    for i in range(sent_start, sent_end):
        if i in skip:
            continue
        for k in refs.get(i, ()):
            if k == key or (entities.get(k) or {}).get("actor_key") == key:
                return True
    return False


def _city_premodifier(trigger: Token, entities: dict) -> tuple[str, list[int]] | None:
    """A city or site compound before an event noun ("the Ankara talks") and its token
    indices; for a verb, before the event noun it governs ("held the Doha talks")."""
    refs = trigger.doc._.kg_refs or {}
    nouns = [trigger] if trigger.pos_ in ("NOUN", "PROPN") else [
        c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
    for noun in nouns:
        for c in noun.children:
            if c.dep_ not in ("compound", "nmod", "amod") or c.i > noun.i:
                continue
            cities = [k for k in refs.get(c.i, ()) if _kind(k, entities) in SITE_KINDS]
            if cities:
                return cities[0], [t.i for t in c.subtree if t.i < noun.i]
    return None


def premodifier_places(doc: Doc, events: list[EventCandidate]) -> None:
    """"the Ankara talks", "held the Doha talks": the city before a meeting noun is its place.

    The city's country, which the modifier made an actor by metonymy, leaves the
    actors unless another word of the sentence names it ("Turkey hosted the
    Ankara talks") -- also before a treaty named after a city ("signed the Minsk
    accords" makes Belarus no party), which places nothing.
    """
    entities = doc._.kg_entities or {}
    for ev in events:
        trigger = doc[ev.token]
        found = _city_premodifier(trigger, entities)
        if found is None:
            continue
        city, span = found
        if ev.cameo_code.startswith(_MEETING_ROOT) and ev.place in (None, city):
            ev.place = city  # not for "the Paris agreement": a treaty's name, not where an act happens
        stand_in = (entities.get(city) or {}).get("actor_key") or city
        sent = trigger.sent
        if stand_in in ev.actors and len(ev.actors) > 1 \
                and not _stands_elsewhere(doc, stand_in, sent.start, sent.end, set(span)):
            _drop_actor(ev, stand_in)


def host_not_party(doc: Doc, events: list[EventCandidate]) -> None:
    """"Serbia and Kosovo struck a deal in Brussels": the city where an event happens does
    not make its country a participant. A country that entered the actors only as the
    stand-in of the event's place (a capital read by metonymy) leaves them, unless a word
    of the sentence other than the place names it; a joint act of several sources is not
    aimed at the territory it happens in (that reading is for one-sided acts)."""
    entities = doc._.kg_entities or {}
    for ev in events:
        if ev.at_place and len(ev.sources) > 1:
            # a joint act ("Serbia and Kosovo struck a deal in Brussels") is not one side's act
            # aimed at the territory it happens in
            for k in list(ev.targets):
                _drop_actor(ev, k)
            ev.at_place = False
            continue
        place = ev.place
        stand_in = (entities.get(place) or {}).get("actor_key") if place else None
        if not stand_in or stand_in not in ev.actors or ev.at_place:
            continue
        sent = doc[ev.token].sent
        place_tokens = {i for i in range(sent.start, sent.end) if place in (doc._.kg_refs or {}).get(i, ())}
        if place_tokens and len(ev.actors) > 1 \
                and not _stands_elsewhere(doc, stand_in, sent.start, sent.end, place_tokens):
            _drop_actor(ev, stand_in)


def _gazetteer_place(name: str) -> str | None:
    from kg.nlp.gazetteer import alias_index  # noqa: PLC0415 - heavy, loaded once when needed

    found = alias_index().get(name)
    if found is None or found[1]:
        return None
    return found[0]


def _add_entity(doc: Doc, key: str) -> None:
    """Add ``key`` and the keys it refers to (``located_in``, ``member_of``, ``actor_key``)."""
    from kg.nlp.entities import entity_fields  # noqa: PLC0415
    from kg.nlp.gazetteer import load_gazetteer  # noqa: PLC0415

    gaz = load_gazetteer()
    entities = doc._.kg_entities if doc._.kg_entities is not None else {}
    todo = [key]
    while todo:
        k = todo.pop()
        if k in entities or k not in gaz:
            continue
        entities[k] = entity_fields(gaz[k])
        todo += [v for f in ("located_in", "member_of", "actor_key") for v in _as_list(entities[k].get(f))]
    doc._.kg_entities = entities


def _as_list(value: object) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]  # type: ignore[union-attr]


def dateline_places(doc: Doc, events: list[EventCandidate]) -> None:
    """The dateline city is the place of the lead sentence's meetings and agreements.

    A wire report's first sentence tells the news of the day where it was
    filed: "VIENNA, July 15 — Iran and six powers reached an agreement on
    Tuesday" was reached in Vienna. Only actual consultations and agreements
    (roots 04-06) of that sentence with no place of their own take it; acts
    elsewhere ("launched strikes on targets in Yemen") keep theirs, and other
    acts (a recall, a sanction) stay without one.
    """
    dl = dateline_of(doc)
    if dl is None:
        return
    lead = next((t.sent for t in doc if t.idx >= dl.end and not t.is_space), None)
    if lead is None:
        return
    hits = [ev for ev in events if lead.start <= ev.token < lead.end and not ev.place
            and ev.factuality == "Actual" and ev.cameo_code[:2] in _VENUE_ROOTS]
    if not hits:
        return
    key = _dateline_place_key(doc, dl.place_name)
    if key is None:
        return
    for ev in hits:
        ev.place = key


def _dateline_place_key(doc: Doc, name: str) -> str | None:
    """The entity of the dateline place: the one the report names the same way, else the
    gazetteer's, else a new place entity (the way unknown places are keyed); None for a
    country or anything else that is no site."""
    from kg.graph import slugify  # noqa: PLC0415
    from kg.nlp.gazetteer import load_gazetteer  # noqa: PLC0415

    entities = doc._.kg_entities if doc._.kg_entities is not None else {}
    named = [k for k, e in entities.items() if e.get("label") == name]
    key = named[0] if named else _gazetteer_place(name)
    if key is not None:
        kind = _kind(key, entities) or (load_gazetteer().get(key) or {}).get("kind")
        if kind not in SITE_KINDS:
            return None
        _add_entity(doc, key)
        return key
    key = f"place/{slugify(name)}"
    from kg.nlp.entities import ENTITY_FIELDS  # noqa: PLC0415

    entities[key] = {f: None for f in ENTITY_FIELDS} | {"key": key, "label": name, "kind": "Place", "aliases": []}
    doc._.kg_entities = entities
    return key
