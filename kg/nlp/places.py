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
- :func:`capital_references` -- before the arguments: "the Nigerian capital" refers to
  Abuja (a name the text calls a town is a place already: :mod:`kg.nlp.entities`).
- :func:`relative_clause_places`, :func:`attack_target_places`,
  :func:`visited_places` -- the place of an "in which" relative's antecedent, of
  what an attack hits, of the city visited.
- :func:`dateline_places` -- the lead sentence of a datelined report
  ("KAZAN, Russia, Oct 24 — Modi and Xi held talks ...") tells where its
  meetings and agreements took place when it names no place of its own.

Entity kinds and the gazetteer come from :mod:`kg.nlp.entities`; a place
added from the dateline is added to ``doc._.kg_entities`` with the keys it
refers to, so the contract of :mod:`kg.nlp.extensions` holds.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.nlp import memo
from kg.nlp.arguments import _event_place, find_place
from kg.nlp.candidate import EventCandidate
from kg.nlp.dateline import dateline_of
from kg.nlp.extensions import doc_value
from kg.nlp.tokens import word_set, word_sets

__all__ = ["places_as_actors", "premodifier_places", "host_not_party", "dateline_places", "capital_references",
           "relative_clause_places", "attack_target_places", "visited_places",
           "class_modifier_places", "discourse_places", "place_words", "SITE_KINDS"]

SITE_KINDS = frozenset({"City", "Place"})  # where things happen; a Country can also act
# Event roots whose place is where the parties met: consult (04), cooperate (05, 06)
_VENUE_ROOTS = ("04", "05", "06")
_MEETING_ROOT = "04"  # talks, summits, meetings: a city before them is their venue
# Roots of acts done to a place: coerce (17), assault (18), fight (19), mass violence (20)
_ATTACK_ROOTS = ("17", "18", "19", "20")
_TRAVEL = "042"  # make a visit: its destination city is its place


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
    entities = doc_value(doc, "kg_entities") or {}
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
        sites = [k for k in sites if not _only_class_modifier(doc, ev, k)]
        if not sites:
            continue  # "shuttled between Gulf capitals": a class of places, no place
        if not ev.place:
            ev.place = attacked[0] if attacked else sites[0]
        if attacked and ev.cameo_code[:2] in _ATTACK_ROOTS:
            country = _country_of(attacked[0], entities)
            if country and country not in ev.actors:
                ev.targets.append(country)
                ev.actors.append(country)


def _only_class_modifier(doc: Doc, ev: EventCandidate, key: str) -> bool:
    """Whether every mention of ``key`` in the event's sentence only modifies a plural noun
    ("Gulf capitals", "Baltic ports"): it names a class of places, not where the event is."""
    refs = doc_value(doc, "kg_refs") or {}
    sent = memo.sent_of(doc[ev.token])
    toks = [doc[i] for i in range(sent.start, sent.end) if key in refs.get(i, ())]
    return bool(toks) and all(t.dep_ in ("compound", "amod", "nmod") and t.head.tag_ in ("NNS", "NNPS")
                              and key not in refs.get(t.head.i, ()) for t in toks)


def _stands_elsewhere(doc: Doc, key: str, sent_start: int, sent_end: int, skip: set[int]) -> bool:
    """Whether another token of the sentence names ``key`` (directly or through metonymy)."""
    refs = doc_value(doc, "kg_refs") or {}
    entities = doc_value(doc, "kg_entities") or {}
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
    refs = doc_value(trigger.doc, "kg_refs") or {}
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
    entities = doc_value(doc, "kg_entities") or {}
    for ev in events:
        trigger = doc[ev.token]
        found = _city_premodifier(trigger, entities)
        if found is None:
            continue
        city, span = found
        if ev.cameo_code.startswith(_MEETING_ROOT) and ev.place in (None, city):
            ev.place = city  # not for "the Paris agreement": a treaty's name, not where an act happens
        stand_in = (entities.get(city) or {}).get("actor_key") or city
        sent = memo.sent_of(trigger)
        if stand_in in ev.actors and len(ev.actors) > 1 \
                and not _stands_elsewhere(doc, stand_in, sent.start, sent.end, set(span)):
            _drop_actor(ev, stand_in)


def host_not_party(doc: Doc, events: list[EventCandidate]) -> None:
    """"Serbia and Kosovo struck a deal in Brussels": the city where an event happens does
    not make its country a participant. A country that entered the actors only as the
    stand-in of the event's place (a capital read by metonymy) leaves them, unless a word
    of the sentence other than the place names it; a joint act of several sources is not
    aimed at the territory it happens in (that reading is for one-sided acts)."""
    entities = doc_value(doc, "kg_entities") or {}
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
        sent = memo.sent_of(doc[ev.token])
        place_tokens = {i for i in range(sent.start, sent.end) if place in (doc_value(doc, "kg_refs") or {}).get(i, ())}
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
    filed: "GENEVA, May 2 — Arland and Borduria reached an agreement on
    Tuesday" was reached in Vienna. Only actual consultations and agreements
    (roots 04-06) of that sentence with no place of their own take it (or the
    one site the lead names, when it names one: the news happened there); acts
    elsewhere ("launched strikes on targets in Yemen") keep theirs, and other
    acts (a recall, a sanction) stay without one.
    """
    dl = dateline_of(doc)
    if dl is None:
        return
    lead = _lead_span(doc, dl.end)
    if lead is None:
        return
    hits = [ev for ev in events if lead[0] <= ev.token < lead[1] and not ev.place
            and ev.factuality == "Actual" and ev.cameo_code[:2] in _VENUE_ROOTS]
    if not hits:
        return
    key = _lead_site(doc, lead) or _dateline_place_key(doc, dl.place_name)
    if key is None:
        return
    for ev in hits:
        ev.place = key


def _lead_site(doc: Doc, lead: tuple[int, int]) -> str | None:
    """The one city or site the lead itself says things happened at ("SEOUL — Trump ...
    crossed the bridge at the border post after greeting Ruto"): the news happened
    there, not where it was filed. None when the lead names no site, or several."""
    refs = doc_value(doc, "kg_refs") or {}
    entities = doc_value(doc, "kg_entities") or {}
    sites = {_event_place(k, entities) for t in doc[lead[0]:lead[1]]
             if t.dep_ == "pobj" and t.head.lower_ in _LEAD_PLACE_PREPS
             for k in refs.get(t.i, ()) if _kind(k, entities) in SITE_KINDS}
    return sites.pop() if len(sites) == 1 else None


_LEAD_PLACE_PREPS = frozenset({"in", "at"})
_FRAGMENT = 4  # at most this many words cut off the lead's start by a wrong sentence break


def _lead_span(doc: Doc, after: int) -> tuple[int, int] | None:
    """Token range of a report's lead sentence after the dateline. The small model may cut
    the lead's first words off as sentences of their own ("President" | "Barack Obama
    held talks ..."): fragments with no verb are joined to the sentence that follows."""
    first = next((t for t in doc if t.idx >= after and not t.is_space), None)
    if first is None:
        return None
    sent = memo.sent_of(first)
    tagged = doc.has_annotation("POS")
    while tagged and sent.end < len(doc) and sent.end - first.i <= _FRAGMENT \
            and not any(t.pos_ in ("VERB", "AUX") for t in doc[first.i:sent.end]):
        sent = memo.sent_of(doc[sent.end])
    return first.i, sent.end


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


# ---------------------------------------------------------------------------
# Place references resolved before the arguments are read, and event places
# taken from the clause around the trigger.


def place_words(name: str) -> frozenset[str]:
    """One closed word class of the place rules (kg/data/place_words.csv)."""
    return word_sets("place_words.csv")[name]


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Country key -> its capital city: a gazetteer city that is the seat of the country it
    lies in (the GeoNames capital first where a country has two seats)."""
    from kg.nlp.gazetteer import load_gazetteer  # noqa: PLC0415

    out: dict[str, str] = {}
    rows = sorted(load_gazetteer().values(), key=lambda r: not str(r.get("source") or "").startswith("capital"))
    for r in rows:
        country = r.get("actor_key")
        if r.get("kind") == "City" and country and country == r.get("located_in"):
            out.setdefault(country, r["key"])
    return out


def _countries_in(tokens: list[Token], entities: dict) -> list[str]:
    refs = doc_value(tokens[0].doc, "kg_refs") or {} if tokens else {}
    return [k for t in tokens for k in refs.get(t.i, ()) if _kind(k, entities) == "Country"]


def _capital_country(tok: Token, entities: dict, home: str | None) -> str | None:
    """Whose capital "capital" names: "the Nigerian capital", "Cuba's capital", "the capital
    of Niger"; a bare "the capital" in a report filed from a capital is that city's country."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i]
    of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    named = _countries_in(mods, entities) or _countries_in(of, entities)
    if named:
        return named[0]
    if of or any(c.dep_ == "appos" for c in tok.children):
        return None  # "the capital of a region", "the capital, Kabul": named some other way
    bare = any(c.lower_ == "the" for c in tok.children if c.dep_ == "det") and not mods
    return home if bare else None


def _home_country(doc: Doc) -> str | None:
    """The country whose capital a datelined report is filed from, if it is."""
    dl = dateline_of(doc)
    if dl is None:
        return None
    city = _gazetteer_place(dl.place_name)
    if city is None:
        return None
    from kg.nlp.gazetteer import load_gazetteer  # noqa: PLC0415

    country = (load_gazetteer().get(city) or {}).get("actor_key")
    return country if country and _capitals().get(country) == city else None


def capital_references(doc: Doc, events: list[EventCandidate]) -> None:
    """"in the Nigerian capital", "Cuba's capital", "the capital of Iraq": the noun
    *capital* names the country's capital city, which becomes the token's reference
    (so "at a summit in the Kenyan capital" places the summit in Nairobi). A bare
    "the capital" is resolved only in a report filed from a capital: it is that city.
    Runs before the arguments are read; a noun that already refers stays as it is."""
    refs = doc._.kg_refs if doc._.kg_refs is not None else {}
    entities = doc_value(doc, "kg_entities") or {}
    home = None
    nouns = place_words("capital_nouns")
    for i in [i for i, lemma in enumerate(memo.lemmas(doc)) if lemma in nouns]:
        tok = doc[i]
        if tok.tag_ != "NN" or tok.i in refs:
            continue
        home = home or _home_country(doc)
        capital = _capitals().get(_capital_country(tok, entities, home) or "")
        if capital:
            _add_entity(doc, capital)
            refs[tok.i] = [capital]
    doc._.kg_refs = refs


def relative_clause_places(doc: Doc, events: list[EventCandidate]) -> None:
    """"a clash in the valley in which 20 soldiers were killed", "the summit, during which
    they signed ...": an event told in a relative clause on another event's noun happens
    where that event did, when it names no place of its own."""
    entities = doc_value(doc, "kg_entities") or {}
    preps = place_words("relative_place_preps")
    for ev in events:
        tok = doc[ev.token]
        if ev.place or tok.dep_ != "relcl":
            continue
        relative = any(c.dep_ == "prep" and c.lower_ in preps and any(p.lower_ == "which" for p in c.children)
                       for c in tok.children) or any(c.lower_ == "where" for c in tok.children)
        if relative and tok.head.pos_ == "NOUN":
            ev.place = find_place(tok.head, entities)


def _attack_objects(tok: Token) -> list[Token]:
    """What an act of force is aimed at: "strikes on X", "fired at X"; for an event noun,
    also its light verb's, and for a verb its act noun's ("launched strikes on X")."""
    preps = place_words("attack_object_preps")
    if tok.pos_ == "NOUN":
        heads = [tok] + ([tok.head] if tok.dep_ == "dobj" else [])
    else:  # "launched strikes on X": the verb's act-noun object carries the aim
        heads = [tok] + [c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def attack_target_places(doc: Doc, events: list[EventCandidate]) -> None:
    """"launched strikes on rebel targets in Yemen", "an attack on a convoy near the
    border town": an act of force happens where what it hits is (roots 17-20)."""
    entities = doc_value(doc, "kg_entities") or {}
    for ev in events:
        if ev.place or ev.cameo_code[:2] not in _ATTACK_ROOTS:
            continue
        for obj in _attack_objects(doc[ev.token]):
            ev.place = find_place(obj, entities, depth=1)
            if ev.place:
                break


def _to_objects(tok: Token) -> list[Token]:
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]


def _visited(tok: Token, ev: EventCandidate) -> list[Token]:
    """What a visit or trip goes to: "visit Washington", "flew to Moscow", "his visit to Kyiv"."""
    if tok.pos_ == "VERB" and (tok.lemma_.lower() in place_words("visit_verbs") or _TRAVEL in (ev.cameo_code,
                                                                                               ev.row_code)):
        return [c for c in tok.children if c.dep_ == "dobj"] + _to_objects(tok)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in word_set("visit_nouns"):
        return _to_objects(tok)
    return []


def visited_places(doc: Doc, events: list[EventCandidate]) -> None:
    """"accepted an invitation to visit Washington", "his visit to Kyiv", "flew to Moscow"
    (a trip, 042): the city or site visited is where the visit happens (its country stays the
    host it is aimed at); a country visited places nothing (the gazetteer city is the
    granularity of places)."""
    entities = doc_value(doc, "kg_entities") or {}
    refs = doc_value(doc, "kg_refs") or {}
    for ev in events:
        if ev.place:
            continue
        sites = [k for o in _visited(doc[ev.token], ev) for k in refs.get(o.i, ()) if _kind(k, entities) in SITE_KINDS]
        if sites:
            ev.place = _event_place(sites[0], entities)


def class_modifier_places(doc: Doc, events: list[EventCandidate]) -> None:
    """"toured Gulf capitals", "shuttled between Balkan capitals": a place that only
    modifies a plural noun names a class of places, not where the event happens; however
    the place was read, it is dropped (the report gives no single place)."""
    for ev in events:
        if ev.place and _only_class_modifier(doc, ev, ev.place):
            ev.place = None


_DISCOURSE_ROOTS = ("04", "05")  # meetings and agreements: acts told at one venue


def _paragraph_of(doc: Doc, i: int) -> int:
    """Index of the paragraph (blank-line separated) holding token ``i``."""
    return doc.text.count("\n\n", 0, doc[i].idx)


def discourse_places(doc: Doc, events: list[EventCandidate]) -> None:
    """"Ministers of 40 states signed the charter in Geneva on Monday ... the Arland delegation
    signed later that day": an actual meeting or agreement told later in the same
    paragraph, of the same kind and on the same day as one placed before it, with no place of
    its own, happened there too. A different day, kind or paragraph places nothing."""
    placed: list[EventCandidate] = []
    for ev in events:
        day = (ev.time or {}).get("value")
        root = ev.cameo_code[:2]
        if ev.factuality != "Actual" or root not in _DISCOURSE_ROOTS or not day:
            continue
        if ev.place:
            placed.append(ev)
            continue
        here = _paragraph_of(doc, ev.token)
        before = [p for p in placed if p.cameo_code[:2] == root and (p.time or {}).get("value") == day
                  and _paragraph_of(doc, p.token) == here]
        if before:
            ev.place = before[-1].place
