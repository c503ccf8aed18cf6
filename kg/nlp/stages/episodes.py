"""Event identity before merging: mentions that are one event, and mentions that are two.

* ``kg.identity.pledged_acts.v1`` -- a commitment verb whose object measures an
  event noun ("pledged 500 million euros in aid", "promised a package of
  assistance") states one event: the committed act, coded as the intent, as
  when the act is the object itself ("promised assistance").
* ``kg.identity.trip_meetings.v1`` -- a trip whose destination or purpose
  names a meeting ("travelled to X, where she met Y", "flew to X for talks
  with Y") is that meeting: the traveller is its source, the destination its
  place.
* ``kg.identity.trips_at_meetings.v1`` -- a trip to the city where the
  report has the traveller meet ("before flying to Moscow" ... "talks in
  Moscow") is a mention of that meeting, not an event of its own.
* ``kg.identity.accepted_offers.v1`` -- "accepted an invitation to visit X":
  the intent and the act it commits to are one event, the (planned) act.
* ``kg.identity.sequence.v1`` -- two mentions ordered in time ("after his call
  with X, he called X", "met again") are two events, never merged.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.lang import en
from kg.nlp.candidate import EventCandidate, unique
from kg.nlp.extensions import doc_value
from kg.nlp.stages.common import complement_verbs, mode_of
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.tokens import is_quantity, is_verb

__all__ = ["measured_events", "trip_meeting", "sequence_anchor", "trips_at_meetings", "accepted_offers"]

_TRAVEL_CODE = "042"
_CONSULT_ROOT = "04"
_NO_TRIP_MERGE = ("042", "043")   # a second visit or a hosting is no meeting of the trip
_MAX_CLIMB = 4
_MEETING_CODES = ("04", "036")  # a meeting, or one planned (the intent to meet)
_PLACE_KINDS = ("City", "Place")


# -- pledged acts ---------------------------------------------------------------------------------------
def measured_events(verb: Token, triggers: set[int]) -> list[int]:
    """Event nouns a quantity object of the verb measures: "euros in aid", "a package of assistance"."""
    out = []
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i not in triggers and is_quantity(c)):
        todo = [obj]
        for _ in range(2):
            nxt = [x for t in todo for p in t.children if p.dep_ == "prep" and p.lower_ in en.MEASURE_PREPS
                   for x in p.children if x.dep_ == "pobj"]
            out += [t.i for t in nxt if t.i in triggers]
            todo = [t for t in nxt if t.i not in triggers]
    return out


@stage("kg.identity.pledged_acts.v1")
def pledged_acts(ctx: EventContext) -> None:
    """A commitment verb whose object measures an event noun gives way to that act (one event).

    The act is no classifier ("a package of aid" is aid), so it is live again; ``kg.recoding.v1``
    codes it as the intent, and its time is the commitment clause's.
    """
    modes = complement_verbs()
    triggers = set(ctx.matches)
    by_token = ctx.by_token()
    for c in list(ctx.live()):
        tok = ctx.tok(c)
        if c.is_noun or mode_of(tok, modes) != "commit":
            continue
        acts = measured_events(tok, triggers)
        if acts:
            c.suppressed = True
        for i in acts:
            by_token[i].suppressed = False
            by_token[i].time_from = c.token


# -- trips and their meetings ---------------------------------------------------------------------------
def _where_clause(tok: Token) -> list[Token]:
    """Heads of where-clauses on the trip verb or its destination: "travelled to X, where ..."."""
    heads = [tok] + [p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    heads += [c for c in tok.children if c.dep_ == "dobj"]
    return [cl for h in heads for cl in h.children
            if cl.dep_ in ("relcl", "advcl") and any(a.dep_ == "advmod" and a.lower_ in en.WHERE for a in cl.children)]


def _purpose_nouns(tok: Token) -> list[Token]:
    """Objects of the trip's 'for' and its purpose clause: "flew to X for talks with Y",
    "travelled on to X to meet Y"."""
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in en.PURPOSE_FOR:
            out += [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.append(c)
    return out


def _is_trip(c: EventCandidate) -> bool:
    """A visit, also when recoded as the intent to visit ("is due to travel to X": 036)."""
    return c.cameo_code.startswith(_TRAVEL_CODE) or c.row_code.startswith(_TRAVEL_CODE)


def trip_meeting(ctx: EventContext, trip: EventCandidate, by_token: dict[int, EventCandidate]) -> EventCandidate | None:
    """The live consult event a trip's where-clause or purpose phrase names, if any."""
    tok = ctx.tok(trip)
    for head in [*_where_clause(tok), *_purpose_nouns(tok)]:
        m = by_token.get(head.i)
        if m is not None and not m.suppressed and m.cameo_code.startswith(_CONSULT_ROOT) \
                and not m.cameo_code.startswith(_NO_TRIP_MERGE):
            return m
    return None


def _destination(ctx: EventContext, trip: EventCandidate) -> str | None:
    """The trip's place (a city or venue), else the place among its targets."""
    if trip.place:
        return trip.place
    refs = doc_value(ctx.doc, "kg_refs") or {}
    tok = ctx.tok(trip)
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    objs += [p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    for o in objs:
        for k in refs.get(o.i, ()):
            if ctx.entities.get(k, {}).get("kind") in _PLACE_KINDS:
                return k
    return None


@stage("kg.identity.trip_meetings.v1")
def trip_meetings(ctx: EventContext) -> None:
    """A trip that names the meeting it was for is that meeting: one event, with the traveller and the place."""
    by_token = ctx.by_token()
    for trip in list(ctx.live()):
        if trip.is_noun or not _is_trip(trip):
            continue
        meeting = trip_meeting(ctx, trip, by_token)
        if meeting is None:
            continue
        if not meeting.sources:
            meeting.sources = [a for a in trip.sources if a not in meeting.targets]
        meeting.place = meeting.place or _destination(ctx, trip)
        meeting.targets = [t for t in meeting.targets if t != meeting.place]
        meeting.refresh_actors()
        meeting.anaphor = meeting.anaphor and not meeting.actors
        meeting.extra_mentions.append(trip.mention())
        meeting.time = meeting.time or trip.time
        trip.suppressed = True


# -- sequence -------------------------------------------------------------------------------------------
def _sequence_prep(tok: Token) -> Token | None:
    """The 'after'/'before' preposition whose object phrase holds ``tok``, within its clause."""
    cur = tok
    for _ in range(_MAX_CLIMB):
        head = cur.head
        if head is cur or is_verb(cur) and cur is not tok:
            return None
        if cur.dep_ in ("pobj", "pcomp", "dobj") and head.lower_ in en.SEQUENCE_PREPS and head.dep_ == "prep":
            return head  # 'following' is often tagged a verb, but attached as a preposition
        if cur.dep_ in ("pobj", "pcomp") and head.lower_ in ("of", "to") and head.head.lower_ in en.SEQUENCE_PREPS:
            return head.head  # "ahead of", "prior to"
        cur = head
    return None


def sequence_anchor(tok: Token, live: set[int]) -> int | None:
    """The live event a temporal adjunct holding ``tok`` orders it against ("met X after his call with Y")."""
    prep = _sequence_prep(tok)
    if prep is None:
        return None
    cur = prep.head
    for _ in range(_MAX_CLIMB):
        if cur.i in live and cur.i != tok.i:
            return cur.i
        # a light verb states no event; its event noun does ("after X, A held talks with B")
        obj = next((c.i for c in cur.children if c.dep_ == "dobj" and c.i in live and c.i != tok.i), None)
        if is_verb(cur) and obj is not None:
            return obj
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _repeated(tok: Token, c: EventCandidate) -> bool:
    """"met again", "another meeting", "fresh talks": told as a new occurrence (an anaphor refers back instead)."""
    if any(x.dep_ == "advmod" and x.lower_ in en.REPETITION for x in tok.children):
        return True
    return c.is_noun and not c.anaphor and any(
        x.dep_ in ("amod", "det") and x.lower_ in en.NEW_OCCURRENCE for x in tok.children)


@stage("kg.identity.sequence.v1")
def sequence(ctx: EventContext) -> None:
    """Mark mentions that cannot be one event: ordered by a temporal adjunct, or told as a repetition."""
    live = {c.token for c in ctx.live()}
    by_token = ctx.by_token()
    for c in ctx.live():
        tok = ctx.tok(c)
        c.mention_tokens = unique(c.mention_tokens + [c.token])
        c.repeated = c.repeated or _repeated(tok, c)
        anchor = sequence_anchor(tok, live)
        if anchor is not None:
            c.sequenced = unique(c.sequenced + [anchor])
            other = by_token[anchor]
            other.sequenced = unique(other.sequenced + [c.token])


# -- trips told apart from their meetings ---------------------------------------------------------------
def _meeting_at(ctx: EventContext, trip: EventCandidate, place: str) -> EventCandidate | None:
    """A live consult event of the report held where the trip went, with the traveller in it."""
    travellers = set(trip.sources) or set(trip.actors) - set(trip.targets)
    for m in ctx.live():
        if m is trip or not m.cameo_code.startswith(_MEETING_CODES) or m.cameo_code.startswith(_NO_TRIP_MERGE):
            continue
        if m.place == place and travellers & set(m.actors) and not m.repeated:
            return m
    return None


@stage("kg.identity.trips_at_meetings.v1")
def trips_at_meetings(ctx: EventContext) -> None:
    """"... before flying to Moscow" and, elsewhere in the report, "held talks in Moscow": the
    trip is the meeting's journey, one event with it (another mention of the meeting), when
    the traveller takes part in a meeting held at the trip's destination. A trip with no
    meeting there stays an event of its own."""
    for trip in list(ctx.live()):
        if not _is_trip(trip) or trip.repeated:
            continue
        place = _destination(ctx, trip)
        meeting = _meeting_at(ctx, trip, place) if place else None
        if meeting is None:
            continue
        meeting.extra_mentions.append(trip.mention())
        meeting.mention_tokens = unique(meeting.mention_tokens + [trip.token])
        trip.suppressed = True


# -- an accepted invitation is the act it invites to ----------------------------------------------------
_INTENT_ROOT = "03"


def _invited_act(tok: Token, by_token: dict[int, EventCandidate]) -> EventCandidate | None:
    """The live event an infinitive names on the trigger's object noun ("accepted an invitation
    to visit X") or on the trigger noun itself ("an offer to host talks")."""
    nouns = [tok] if tok.pos_ == "NOUN" else [c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    for noun in nouns:
        for c in noun.children:
            if c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                act = by_token.get(c.i)
                if act is not None and not act.suppressed:
                    return act
    return None


@stage("kg.identity.accepted_offers.v1")
def accepted_offers(ctx: EventContext) -> None:
    """"Wang accepted an invitation to visit Canberra", "an offer to host the talks": an
    intent whose object names the act it commits to is one event, that act (planned), with
    the one who accepted or offered as its source."""
    by_token = ctx.by_token()
    for c in list(ctx.live()):
        if not c.cameo_code.startswith(_INTENT_ROOT) or c.suppressed:
            continue
        act = _invited_act(ctx.tok(c), by_token)
        if act is None or act is c:
            continue
        if not act.sources:
            act.sources = [a for a in c.sources if a not in act.targets]
            act.refresh_actors()
        act.extra_mentions.append(c.mention())
        act.time = act.time or c.time
        c.suppressed = True
