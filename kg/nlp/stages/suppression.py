"""Suppression and absorption stages: which triggers state an event of their own.

A verb taking an event as complement either modalises it ("agreed to a
summit", "postponed a visit": the complement is the event) or is the event,
with the complement as its content ("demanded that sanctions be lifted").
A collocation consumes its object noun ("signed an agreement" is one event);
an act noun that is the subject of a harm verb gives the verb its code.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.lang import en
from kg.nlp.arguments import passive_agent, phrase_refs, subject_of
from kg.nlp.candidate import EventCandidate
from kg.nlp.factuality import escapes_clause
from kg.nlp.stages.candidates import event_complements
from kg.nlp.stages.common import complement_verbs, mode_of
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.triggers import type_words

__all__ = ["self_directed"]

_HARM_ROOTS = ("18", "19", "20")   # assault, fight, mass violence: acts an event noun can name
_CLAIM_ROOTS = ("10", "02")        # demands and appeals, which address someone else


@stage("kg.suppress.collocations.v1")
def collocations(ctx: EventContext) -> None:
    """A collocation consumes its object noun: "signed an agreement" is one event; a modal verb
    ("postponed a visit", "called off the signing") never does: the object is the event."""
    modes = complement_verbs()
    for m in list(ctx.matches.values()):
        if m.object_token is not None and m.object_token.i in ctx.matches and m.row.objects \
                and mode_of(m.token, modes) not in ("modal", "commit"):
            ctx.drop(m.object_token.i)


def self_directed(verb: Token) -> bool:
    """A clause complement with its own subject, the same entities as the verb's subject."""
    subj = subject_of(verb)
    mine = set(phrase_refs(subj)[0]) if subj is not None else set()
    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        inner = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if inner is not None and mine and set(phrase_refs(inner)[0]) == mine:
            return True
    return False


def _deeper_events(ctx: EventContext, tok: Token, comps: list[Token]) -> set[int]:
    """Triggers inside the complements, except in a conjunct that belongs to the clause above
    ("demanded that the junta reinstate the president and imposed sanctions")."""
    out = set()
    for c in comps:
        escaped = {x.i for e in c.subtree if escapes_clause(e) for x in e.subtree}
        out |= {x.i for x in c.subtree if x.i in ctx.matches and x.i != tok.i and x.i not in escaped}
    return out


def _suppressed_by(ctx: EventContext, c: EventCandidate, modes: dict[str, str]) -> set[int]:
    """The triggers ``c`` suppresses (possibly itself)."""
    tok = ctx.tok(c)
    comps = event_complements(ctx, tok)
    mode = "content" if c.obligation else mode_of(tok, modes)
    if c.row_code[:2] in _CLAIM_ROOTS and c.row_pos == "VERB" and not c.obligation and self_directed(tok):
        return {c.token}  # "insisted he would not give up": no demand on anyone else
    if mode == "commit" and not comps:
        # "agreed to restore staffing and to appoint teams to negotiate": one agreement, whose
        # content (deeper acts) is not coded again
        return _deeper_events(ctx, tok, [x for x in tok.children if x.dep_ in ("xcomp", "ccomp")])
    if not comps or mode is None:
        return set()
    if mode in ("modal", "commit"):
        return {c.token}
    # the content, and what the content itself governs ("demanded that sanctions be lifted")
    return {x.i for x in comps if not escapes_clause(x)} | _deeper_events(ctx, tok, comps)


@stage("kg.suppress.complements.v1")
def complement_events(ctx: EventContext) -> None:
    """Modal and commitment verbs give way to their complement; content verbs absorb it."""
    modes = complement_verbs()
    out: set[int] = set()
    for c in list(ctx.candidates):
        out |= _suppressed_by(ctx, c, modes)
    for i in out:
        ctx.suppress(i)


def _act_noun(ctx: EventContext, verb: Token, code: str) -> Token | None:
    cands = [subject_of(verb), passive_agent(verb)]
    if code[:2] in _HARM_ROOTS:  # ... or the act the victims were harmed in: "killed in a car bombing"
        cands += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == en.IN
                  for p in c.children if p.dep_ == "pobj"]
    for subj in cands:
        m = ctx.matches.get(subj.i) if subj is not None else None
        if m is not None and m.row.pos == "NOUN" and not phrase_refs(subj)[0] and m.row.code[:2] in _HARM_ROOTS:
            return subj
    return None


@stage("kg.absorb.act_nouns.v1")
def act_nouns(ctx: EventContext) -> None:
    """"a roadside bombing killed two soldiers": the event noun acting as subject names the act,
    the verb adds its victims -- one event, coded by the more specific noun."""
    for c in list(ctx.live()):
        if c.row_pos != "VERB" or c.suppressed:
            continue
        noun = _act_noun(ctx, ctx.tok(c), c.row_code)
        if noun is not None:
            ctx.recoded[c.token] = ctx.matches[noun.i].row.code
            ctx.acts_in[c.token] = noun.i
            ctx.suppress(noun.i)


@stage("kg.suppress.classifiers.v1")
def classifiers(ctx: EventContext) -> None:
    """"prisoners of war", "the anniversary of the invasion": a classifier, no event.

    A measure of the event's length is none: "four days of talks", "a second round of negotiations"
    name the talks (``duration_unit`` of kg/data/type_rules.csv)."""
    durations = type_words("duration_unit")
    for c in ctx.candidates:
        tok = ctx.tok(c)
        if c.is_noun and tok.dep_ == "pobj" and tok.head.lower_ == en.OF and tok.head.head.pos_ in (
                "NOUN", "PROPN") and tok.head.head.i not in ctx.matches \
                and tok.head.head.lemma_.lower() not in durations:
            c.suppressed = True
