"""Target stages: whom an event is aimed at when the clause names no target itself.

Each stage looks at events whose target is missing (or only the territory
where the act happened) and finds one elsewhere: in the content the trigger
governs, in the place of a one-sided act, in the demand a protest presses,
in the act a condemnation names, in whoever answers an appeal.
"""
from __future__ import annotations

from kg.nlp.arguments import actor_key, complement_place, complement_targets, phrase_refs, split_roles, subject_of
from kg.nlp.candidate import EventCandidate
from kg.nlp.stages.common import governor, mode_of
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.tokens import is_verb

__all__ = ["place_target"]

# one-sided acts aimed at a territory: "Serbia lifted a curfew in Montenegro", "troops on alert in the West Bank"
# (and commitments to such acts: "agreed to open an office in Sudan"; a meeting's venue is no target)
_PLACE_TARGET_ROOTS = ("03", "05", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20")
_VENUE_CODES = ("036", "04")
_APPEAL_ROOTS = ("02", "03", "10", "13")
_JUDGING_ROOTS = ("10", "11", "12")
_PURPOSE_DEPS = ("advcl", "xcomp", "acl", "prep", "pobj", "pcomp", "dobj")
_ADDRESSING_ROOTS = ("02", "10", "11", "12", "13", "14")  # acts that name whom they address
_MAX_PURPOSE_DEPTH = 4
_MAX_ANSWER_CLIMB = 3


@stage("kg.targets.complement.v1")
def complement(ctx: EventContext) -> None:
    """A content noun ("a demand that X withdraw") is aimed at whoever its complement names."""
    for c in ctx.live():
        tok = ctx.tok(c)
        if c.is_noun and not c.targets and mode_of(tok) == "content":
            c.targets = [a for a in complement_targets(tok, ctx.entities) if a not in c.sources]
            c.refresh_actors()
            c.anaphor = c.anaphor and not c.actors


def place_target(place: str, sources: list[str], entities: dict) -> list[str]:
    """The polity where a one-sided act happens, as its target, unless it is the actor's own."""
    polity = actor_key(place, entities)
    own = set(sources)
    for s_ in sources:
        e = entities.get(s_, {})
        own.update(x for x in (e.get("member_of"), e.get("located_in"), e.get("actor_key")) if x)
        own.update(x for x in ((entities.get(e.get("member_of") or "", {}) or {}).get("actor_key"),) if x)
    if polity in own or entities.get(polity, {}).get("located_in") in own:
        return []
    return [polity]


@stage("kg.targets.place.v1")
def place(ctx: EventContext) -> None:
    """A one-sided act with no target is aimed at the territory where it happens."""
    for c in ctx.live():
        code = c.cameo_code
        if not c.sources or c.targets or code[:2] not in _PLACE_TARGET_ROOTS or code.startswith(_VENUE_CODES):
            continue
        aimed_at = c.place or (complement_place(ctx.tok(c), ctx.entities) if not c.is_noun else None)
        if aimed_at:
            c.targets = place_target(aimed_at, c.sources, ctx.entities)
            c.at_place = bool(c.targets)
            c.refresh_actors()


def _aims_at(ctx: EventContext, ev: EventCandidate, other: EventCandidate, anchors: set[int]) -> bool:
    """``other`` (an addressing act) is the purpose of ``ev``: it hangs under ``ev``'s trigger."""
    if other is ev or not other.targets or not other.cameo_code.startswith(_ADDRESSING_ROOTS):
        return False
    if other.sources and not set(other.sources) <= set(ev.sources):
        return False
    tok, depth = ctx.doc[other.token], 0
    while tok.i not in anchors and tok.head is not tok and tok.dep_ in _PURPOSE_DEPS and depth < _MAX_PURPOSE_DEPTH:
        tok, depth = tok.head, depth + 1
    return tok.i in anchors and depth > 0


@stage("kg.targets.purpose.v1")
def purpose(ctx: EventContext) -> None:
    """An act done to press a demand is aimed at whoever the demand addresses.

    "held protests to demand reforms from X", "blocked roads demanding the
    resignation of X", "staged a strike in protest at X's policy": the protest
    (or strike, or blockade) takes X as its target when it names none of its
    own, or only the territory where it happened.
    """
    events = list(ctx.live())
    tokens = {ev.token for ev in events}
    for ev in events:
        if ev.targets and not ev.at_place:
            continue
        anchor = ctx.tok(ev)
        anchors = {anchor.i}
        if anchor.dep_ == "dobj" and is_verb(anchor.head) and anchor.head.i not in tokens:
            anchors.add(anchor.head.i)  # "staged a strike ... demanding": the light verb carries the clause
        other = next((o for o in events if _aims_at(ctx, ev, o, anchors)), None)
        if other is not None:
            ev.retarget(other.targets)


@stage("kg.targets.named_act.v1")
def named_act(ctx: EventContext) -> None:
    """A condemnation, rejection or demand that names another act is aimed at that act's agent.

    "denounced as a crime Serbia's crackdown", "refused to respond to a demand
    from X": when no target was found on the clause, the nearest event under
    the trigger with agents of its own lends them.
    """
    events = list(ctx.live())
    for ev in events:
        if (ev.targets and not ev.at_place) or not ev.sources or not ev.cameo_code.startswith(_JUDGING_ROOTS):
            continue
        sub = {t.i for t in ctx.tok(ev).subtree}
        named = sorted((o for o in events if o is not ev and o.token in sub and o.sources
                        and not set(o.sources) & set(ev.sources)), key=lambda o: abs(o.token - ev.token))
        if named:
            ev.retarget(named[0].sources)


def _answering_verb(tok):
    gov = governor(tok)
    for _ in range(_MAX_ANSWER_CLIMB):
        if gov is None or is_verb(gov):
            break
        gov = governor(gov)
    return gov if gov is not None and is_verb(gov) else None


@stage("kg.targets.answered_appeal.v1")
def answered_appeal(ctx: EventContext) -> None:
    """An appeal, offer, demand or threat is addressed to whoever answers it.

    "Iran rejected a US demand", "Hamas accepted Egypt's offer", "refused to
    respond to calls from the UN": a noun naming its author but no addressee
    takes the subject of the clause that answers it.
    """
    for ev in ctx.live():
        if not ev.is_noun or ev.targets or not ev.sources or not ev.cameo_code.startswith(_APPEAL_ROOTS):
            continue
        gov = _answering_verb(ctx.tok(ev))
        if gov is None:
            continue
        subj = subject_of(gov)
        answer = split_roles(phrase_refs(subj)[0], ctx.entities, "actor")[0] if subj is not None else []
        if answer and not set(ev.sources) & set(answer):  # not "Arland repeated its demand"
            ev.retarget(answer)
