"""Event-level passes over the actor set of the extracted events.

Each pass is ``pass_(doc, events) -> None`` over the event candidates (:class:`~kg.nlp.candidate.EventCandidate`) of
:mod:`kg.nlp.events` (before event coreference), changes them in place and
handles one phenomenon:

- :func:`drop_place_actors`: a city or place is where an event happens, not
  who takes part ("reached a deal in Geneva"); a place an act is aimed at
  gives its country as the target ("bombed a town").
- :func:`topics_are_no_parties`: "no deal on Libya": the topic of talks or
  an agreement is no party.
- :func:`one_actor_per_side`: a leader and his own country, or a country's
  troops and the country, are one side counted twice.
- :func:`moved_forces_are_no_target`: "massed troops near X's border": the
  troops are what is moved; the owner of the border is the target.
- :func:`referenced_event_targets`: "protested against the trip": the
  parties of the referenced event are the target.
- :func:`visit_host_targets`: "during his visit to Tokyo, Marcos asked for
  ...": the host of the visit is whom the request is addressed to.
- :func:`institutions_stand_for_state`: "protesters stormed the parliament in X": an
  institution assaulted as a building stands for its state.
- :func:`broker_parties`: "under a Turkish-brokered deal, A and B swapped
  prisoners": the broker takes part in the deal and in what is done under it.

:mod:`kg.nlp.stages.actors` registers each as a stage, in this order.
"""
from __future__ import annotations


from spacy.tokens import Doc, Token

from kg.lang import en
from kg.nlp import memo
from kg.nlp.arguments import noun_args
from kg.nlp.candidate import EventCandidate
from kg.nlp.entities import actor_nouns
from kg.nlp.extensions import doc_value, refs_of
from kg.nlp.tokens import word_set

__all__ = ["broker_parties", "drop_place_actors", "institutions_stand_for_state", "moved_forces_are_no_target",
           "one_actor_per_side", "referenced_event_targets", "topics_are_no_parties", "visit_host_targets"]

_PLACE_KINDS = ("City", "Place")
# roots of meetings and agreements: their city is a venue; for the other roots an act in a city is
# aimed at its country ("shelled a town", "lifted the curfew in X")
_VENUE_ROOTS = ("036", "04", "05", "06")
# roots of acts whose object may be another event: "protested against the visit", "condemned the deal"
_JUDGING_ROOTS = ("10", "11", "12", "13", "14", "051")
# roots of acts addressed to someone: the host of a visit is the addressee when the clause names none
_ADDRESSED_ROOTS = ("02", "03", "05", "06", "07", "08", "10")
_VISIT_CODES = ("042", "043")
_MOVED_FORCE_ROOTS = ("07", "08", "15")
_COOPERATIVE_ROOTS = ("03", "04", "05", "06")
_ASSAULT_ROOTS = ("145", "18", "19")  # violent protest, assault, fighting: acts done to a building
Event = EventCandidate


def _ents(doc: Doc) -> dict:
    return doc_value(doc, "kg_entities") or {}


def _set_roles(ev: Event, sources: list[str], targets: list[str], actors: list[str]) -> None:
    ev.sources = list(dict.fromkeys(sources))
    ev.targets = [t for t in dict.fromkeys(targets) if t not in ev.sources]
    ev.actors = list(dict.fromkeys(ev.sources + ev.targets + actors))


def _is_place(key: str, ents: dict) -> bool:
    e = ents.get(key, {})
    return e.get("kind") in _PLACE_KINDS and not e.get("actor_key")


def drop_place_actors(doc: Doc, events: list[Event]) -> None:
    """A city or place that stands for no government is no actor: it becomes the place when the
    event has none; as the target of an act other than a meeting or agreement, its country is the
    target instead (unless that is the actor's own)."""
    ents = _ents(doc)
    for ev in events:
        places = [a for a in ev.actors if _is_place(a, ents)]
        if not places or len(places) == len(ev.actors) and not ev.cameo_code.startswith(_VENUE_ROOTS):
            continue  # an act known only by its place ("shelling in X") keeps it; a meeting of no one goes
        ev.place = ev.place or places[0]
        swap: dict[str, str] = {}
        if not ev.cameo_code.startswith(_VENUE_ROOTS):
            for p in places:
                country = ents.get(p, {}).get("located_in")
                if country and ents.get(country, {}).get("kind", "Country") == "Country" and p in ev.targets:
                    swap[p] = country
        own = _own_side(ev.sources, ents)

        def keep(keys: list[str]) -> list[str]:
            return [swap.get(k, k) for k in keys if (k not in places or k in swap) and swap.get(k, k) not in
                    (own if k in swap else ())]

        _set_roles(ev, keep(ev.sources), keep(ev.targets), keep(ev.actors))


def _own_side(keys: list[str], ents: dict) -> set[str]:
    """The states the given actors belong to (a leader's or a group's country)."""
    out = set(keys)
    for k in keys:
        e = ents.get(k, {})
        out.update(x for x in (e.get("member_of"), e.get("actor_key")) if x)
    return out


def one_actor_per_side(doc: Doc, events: list[Event]) -> None:
    """A country whose leader, official or forces also take part is one side, not two: the more
    specific actor stays ("Prime Minister Rossi promised that Italy would ..." -> Rossi)."""
    ents = _ents(doc)
    for ev in events:
        members = {ents.get(a, {}).get("member_of") for a in ev.actors
                   if ents.get(a, {}).get("kind") in ("Person", "Group")}
        twice = [a for a in ev.actors if a in members and ents.get(a, {}).get("kind") == "Country"]
        if not twice:
            continue

        def keep(keys: list[str]) -> list[str]:
            return [k for k in keys if k not in twice]

        _set_roles(ev, keep(ev.sources), keep(ev.targets), keep(ev.actors))


def topics_are_no_parties(doc: Doc, events: list[Event]) -> None:
    """The topic of talks, agreements and offers is no party: "no deal on Libya", "talks over
    Kashmir" (the 'on'/'over'/'about' phrase of the trigger or of the agreement noun it carries)."""
    for ev in events:
        if not ev.cameo_code.startswith(_COOPERATIVE_ROOTS) or not ev.targets:
            continue
        tok = doc[ev.token]
        heads = [tok, *[o for o in tok.children if o.dep_ in ("dobj", "nsubjpass")]]
        # 'for' names a beneficiary as often as a purpose ("assistance for X"): the argument rules
        # already read it as a purpose where the noun is cooperative; here only topic words count
        preps = word_set("topic_preps") - {"for"}
        topics = {k for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                  for p in c.children if p.dep_ == "pobj" for k in refs_of(p) + [x for cj in p.conjuncts
                                                                                  for x in refs_of(cj)]}
        if topics & set(ev.targets) and set(ev.actors) - topics:
            _set_roles(ev, ev.sources, [t for t in ev.targets if t not in topics],
                       [a for a in ev.actors if a not in topics])


def _military_groups() -> frozenset[str]:
    return frozenset(f"group/{noun.replace(' ', '-')}" for _, noun, sector, _, _ in actor_nouns() if sector == "military")


def moved_forces_are_no_target(doc: Doc, events: list[Event]) -> None:
    """Troops deployed, massed, sent or withdrawn are what the act moves, not whom it is aimed at;
    the owner of the border or territory they are moved to is ("near X's border")."""
    military = _military_groups()
    for ev in events:
        if not ev.cameo_code.startswith(_MOVED_FORCE_ROOTS):
            continue
        moved = [t for t in ev.targets if t in military]
        if not moved:
            continue
        targets = [t for t in ev.targets if t not in moved]
        if not targets:
            targets = [o for o in _border_owners(doc[ev.token]) if o not in ev.sources]
        _set_roles(ev, ev.sources, targets, [a for a in ev.actors if a not in moved])


def _border_owners(tok: Token) -> list[str]:
    """Owners of the place phrase under a verb: 'near Ukraine's borders', 'along the border with X'."""
    out: list[str] = []
    heads = [tok, *[o for o in tok.children if o.dep_ == "dobj"]]  # "massed troops near X's border"
    for c in (c for h in heads for c in h.children):
        if c.dep_ != "prep" or c.lower_ not in word_set("border_preps"):
            continue
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            out += [k for o in p.children if o.dep_ in ("poss", "compound", "amod") for k in refs_of(o)]
            if c.lower_ in ("to", "toward", "towards"):
                out += [k for k in refs_of(p) if _ents(tok.doc).get(k, {}).get("kind") == "Country"]
            out += [k for w in p.children if w.dep_ == "prep" and w.lower_ == "with"
                    for x in w.children if x.dep_ == "pobj" for k in refs_of(x)]
    return list(dict.fromkeys(out))


def _parties_of(events: list[Event], tok: Token, judge: Event) -> list[str]:
    """The parties of the event ``tok`` names: its own event's; for an anaphor ('the trip', 'the
    deal') those of the latest earlier event of the same root or the same word; for an event noun
    coded as the content of the judging verb, those its phrase names."""
    ev = next((e for e in events if e.token == tok.i), None)
    if ev is not None and ev.actors and not ev.anaphor:
        return _judged_parties(ev)
    if tok.pos_ != "NOUN":
        return []
    own = noun_args(tok).actors
    if own:
        return own
    doc = tok.doc

    def names_it(e: Event) -> bool:
        trig = doc[e.token]
        # 'the shelling' after 'shelled', 'the deal' after 'signed a deal'
        same_word = _same_stem(trig.lemma_, tok.lemma_) or any(
            _same_stem(c.lemma_, tok.lemma_) for c in trig.children if c.dep_ == "dobj")
        return same_word or (ev is not None and e.cameo_code[:2] == ev.cameo_code[:2])

    earlier = [e for e in events if e.token < tok.i and e is not judge and e.actors and names_it(e)]
    return _judged_parties(earlier[-1]) if earlier else []


def _same_stem(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def _judged_parties(ev: Event) -> list[str]:
    """Whom judging an event is aimed at: the agents of a hostile act ("condemned the strikes"),
    every party of a cooperative one ("protested against the visit", "criticized the deal")."""
    if ev.cameo_code[:2] >= "09" and ev.sources:
        return list(ev.sources)
    return list(ev.actors)


def _object_tokens(tok: Token) -> list[Token]:
    """Direct objects and prepositional objects of a trigger (and of the verb that carries a noun)."""
    heads = [tok]
    if tok.dep_ == "dobj" and tok.head is not tok:
        heads.append(tok.head)  # "lodged a protest against the visit"
    out: list[Token] = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "dobj" and c is not tok:
                out.append(c)
            elif c.dep_ == "prep":
                out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def referenced_event_targets(doc: Doc, events: list[Event]) -> None:
    """An act of judging aimed at another event ("protested against the trip", "condemned the
    agreement") with no target of its own is aimed at that event's parties."""
    for ev in events:
        if ev.targets or not ev.sources or not ev.cameo_code.startswith(_JUDGING_ROOTS):
            continue
        for obj in _object_tokens(doc[ev.token]):
            parties = [a for a in _parties_of(events, obj, ev) if a not in _own_side(ev.sources, _ents(doc))]
            if parties:
                _set_roles(ev, ev.sources, parties, ev.actors)
                ev.at_place = False
                break


def visit_host_targets(doc: Doc, events: list[Event]) -> None:
    """"During his visit to Tokyo, the president asked for patrol boats": an act addressed to
    someone, with no addressee in its clause, is addressed to the host of the visit it happens in."""
    visits = [e for e in events if e.cameo_code.startswith(_VISIT_CODES) and e.targets]
    for ev in events:
        if ev.targets or not ev.sources or not ev.cameo_code.startswith(_ADDRESSED_ROOTS):
            continue
        tok = doc[ev.token]
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in word_set("visit_preps"):
                continue
            for p in c.children:
                hosts = [t for t in _hosts(p, visits, _ents(doc)) if t not in _own_side(ev.sources, _ents(doc))]
                if hosts:
                    _set_roles(ev, ev.sources, hosts, ev.actors)


def _hosts(noun: Token, visits: list[Event], ents: dict) -> list[str]:
    """The host of a visit noun: the visit event's target, else the state of its destination."""
    visit = next((v for v in visits if v.token == noun.i), None)
    if visit is not None:
        return list(visit.targets)
    if noun.lemma_.lower() not in word_set("visit_nouns"):
        return []
    out: list[str] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "in"):
            for p in c.children:
                for k in refs_of(p):
                    e = ents.get(k, {})
                    state = k if e.get("kind") == "Country" else e.get("actor_key")
                    out += [state] if state else []
    return list(dict.fromkeys(out))


def _brokers(noun: Token) -> list[str]:
    """Who brokered an agreement noun: 'a Turkish-brokered deal', 'a deal mediated by Qatar'."""
    out: list[str] = []
    for c in noun.children:
        if c.lower_ not in word_set("broker_words"):
            continue
        if c.dep_ in ("amod", "compound") and c.i < noun.i:
            out += [k for m in c.children if m.i < c.i for k in refs_of(m)]
        elif c.dep_ == "acl":
            out += [k for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                    for k in refs_of(p) + [x for cj in p.conjuncts for x in refs_of(cj)]]
    return list(dict.fromkeys(out))


def broker_parties(doc: Doc, events: list[Event]) -> None:
    """The broker of an agreement takes part in it and in the acts done under it
    ("Under a Qatari-mediated truce, the two sides exchanged prisoners")."""
    ents = _ents(doc)
    by_token = {e.token: e for e in events}
    words = word_set("broker_words")
    # only a head of a broker word can have brokers: those heads, in text order
    nouns = sorted({c.head.i for c in (doc[i] for i, w in enumerate(memo.lowers(doc)) if w in words)
                    if c.head.i != c.i})
    for i in nouns:
        tok = doc[i]
        brokers = [b for b in _brokers(tok) if ents.get(b, {}).get("kind") in ("Country", "Organization", "Person")]
        if not brokers:
            continue
        touched = [by_token[tok.i]] if tok.i in by_token else []
        head = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else None
        if tok.dep_ == "dobj":
            head = tok.head  # "signed a deal brokered by X"
        if head is not None and head.i in by_token:
            touched.append(by_token[head.i])  # "under the deal, A and B swapped": the act done under it
        brokers = list(dict.fromkeys(ents.get(b, {}).get("actor_key") or b for b in brokers))  # 'Kremlin-brokered'
        for ev in touched:
            own = _own_side(ev.actors, ents)
            if ev.actors:
                ev.actors = list(dict.fromkeys(ev.actors + [b for b in brokers if b not in own]))


def institutions_stand_for_state(doc: Doc, events: list[Event]) -> None:
    """"Protesters stormed the parliament in Yerevan", "shells hit the Turkish parliament": an
    institution that is also a building, as the target of an assault, stands for its state."""
    ents = _ents(doc)
    for ev in events:
        if not ev.cameo_code.startswith(_ASSAULT_ROOTS):
            continue
        swap = {t: ents[t]["member_of"] for t in ev.targets if _institution_of_a_state(t, ents)}
        if not swap:
            continue
        own = _own_side(ev.sources, ents)
        targets = [swap.get(t, t) for t in ev.targets if swap.get(t, t) not in own]
        _set_roles(ev, ev.sources, targets, [swap.get(a, a) for a in ev.actors if swap.get(a, a) not in own
                                             or a in ev.sources])


def _institution_of_a_state(key: str, ents: dict) -> bool:
    e = ents.get(key, {})
    state = e.get("member_of")
    return e.get("kind") == "Group" and bool(state) and ents.get(state, {}).get("kind") == "Country" \
        and any(key == f"group/{state.split('/', 1)[1]}-{noun}" for noun in en.INSTITUTION_NOUNS)
