"""Argument stages: who takes part in each event, and where.

Verbs take their subject, objects and prepositional partners
(:func:`kg.nlp.arguments.verb_args`); event nouns the participants inside
their phrase (:func:`kg.nlp.arguments.noun_args`), else those of the clause
they sit in ("He helped secure the release of ..." -> He), else -- when the
clause's subject is itself an event mention -- that event's participants
(``kg.arguments.from_event_subject.v1``, which runs once the lending event
is complete).
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.nlp.arguments import (Args, find_place, light_verb_targets, noun_args, phrase_refs, split_roles,
                              subject_of, verb_args)
from kg.nlp.candidate import EventCandidate, unique
from kg.nlp.extensions import doc_value
from kg.nlp.stages.common import governor, is_definite
from kg.nlp.stages.identity import antecedent
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.tokens import is_verb

__all__ = ["inherited_args"]

# nouns of protest and force whose lone modifier is the agent; not sanctions ("Russian sanctions" are on Russia)
_AGENTIVE_NOUN_ROOTS = ("14", "15", "17", "18", "19", "20")
_NO_FOR_ROOTS = ("03", "04", "05")   # "talks for peace": 'for' names a purpose, not a target
_FORUM_ROOT = "04"                   # "the G20 summit": an organisation modifier is the forum
_LENT_REF_CONF = 0.6                 # reference confidence of participants lent by another event
_MAX_CLIMB = 8


def _from_subject(gov: Token, trigger: Token, seen: dict[int, bool]) -> Args | int | None:
    """The participants the subject of ``gov`` gives, or the token of an event-noun subject that lends its own."""
    subj = subject_of(gov)
    if subj is None:
        return None
    # a name, not an owner: "his motivation came from discussions" gives the discussions no actor
    keys, conf = phrase_refs(subj, owners=False)
    actors, themes = split_roles(keys, doc_value(trigger.doc, "kg_entities") or {}, "actor")
    if actors:
        return Args(sources=actors, themes=themes, conf=conf)
    if seen.get(subj.i) is False:   # an event noun already read (not suppressed)
        return subj.i
    return None


def inherited_args(trigger: Token, seen: dict[int, bool]) -> Args | int | None:
    """Participants an argument-less event noun takes from the clause it sits in.

    Climbs the governor chain through words that state no event of their own
    (light and modal verbs, prepositions): "He helped secure the release of ..."
    -> He; "The two leaders agreed to a summit" -> the two leaders. A subject
    that is itself an event mention ("the meeting failed to deliver an
    agreement") lends that event's participants: its token is returned.
    ``seen``: trigger token -> suppressed?, for the triggers read so far.
    """
    tok: Token | None = trigger
    for _ in range(_MAX_CLIMB):
        gov = governor(tok) if tok is not None else None
        if gov is None:
            return None
        if seen.get(gov.i) is False:
            return None  # governed by another event: a content, not a participant
        if gov.i in seen and not is_verb(gov):
            owner = noun_args(gov)  # "Canada's pledge of support": the commitment noun names who commits
            if owner.actors:
                return owner
        if is_verb(gov):
            return _from_subject(gov, trigger, seen)
        tok = gov
    return None


def _noun_arguments(ctx: EventContext, c: EventCandidate, seen: dict[int, bool]) -> Args:
    tok = ctx.tok(c)
    root = c.row_code[:2]
    args = noun_args(tok, no_for=root in _NO_FOR_ROOTS, forum=root == _FORUM_ROOT,
                     agentive=root in _AGENTIVE_NOUN_ROOTS)
    anaphor = not args.actors and is_definite(tok)
    if anaphor or not (args.sources or args.others):
        inherited = inherited_args(tok, seen)
        if isinstance(inherited, int):
            c.lend_from, c.lend_fallback = inherited, anaphor
        elif anaphor:
            # 'the mobilization' may also be new: its clause's subject serves if no antecedent exists
            c.fallback = inherited.actors if inherited else []
        elif inherited:
            inherited.targets = [t for t in args.targets if t not in inherited.actors]
            inherited.place = args.place or inherited.place
            inherited.themes = unique(args.themes + inherited.themes)
            inherited.conf = min(inherited.conf, args.conf)
            args = inherited
    gov = governor(tok)
    if gov is not None and is_verb(gov) and not c.content:  # a light or modal verb, no event of its own
        args.place = args.place or find_place(gov, ctx.entities)
        if not args.targets:
            args.targets = [a for a in light_verb_targets(tok, ctx.entities) if a not in args.actors]
    c.anaphor = not args.actors and is_definite(tok)
    return args


def _verb_arguments(ctx: EventContext, c: EventCandidate) -> Args:
    tok = ctx.tok(c)
    obj = ctx.doc[c.object_token] if c.object_token is not None else None
    args = verb_args(tok, c.subject_role, obj)
    m = ctx.matches[c.token]
    if obj is not None and m.row.objects and obj.pos_ in ("NOUN", "PROPN"):
        # "held talks with X", "negotiations between A and B were held": the consumed
        # event noun brings its own participants and place
        args.absorb(noun_args(obj, no_for=c.row_code[:2] in _NO_FOR_ROOTS))
    if c.token in ctx.acts_in and not args.sources:  # "US drone strikes killed ...": the strikes' agent
        noun = noun_args(ctx.doc[ctx.acts_in[c.token]])
        args.sources = [a for a in noun.sources + noun.others if a not in args.targets]
    return args


@stage("kg.arguments.v1")
def arguments(ctx: EventContext) -> None:
    """Sources, targets, undirected participants, themes and place of every live candidate."""
    seen = {c.token: True for c in ctx.candidates if c.suppressed}
    for c in ctx.live():
        args = _noun_arguments(ctx, c, seen) if c.is_noun else _verb_arguments(ctx, c)
        c.sources, c.targets, c.others = list(args.sources), list(args.targets), list(args.others)
        c.themes, c.place, c.ref_conf = list(args.themes), args.place, args.conf
        c.refresh_actors()
        seen[c.token] = False


def _lent_actors(ctx: EventContext, lender: EventCandidate | None) -> list[str]:
    if lender is not None and not lender.actors and lender.anaphor:
        earlier = [e for e in ctx.live() if e.token < lender.token and e.actors]
        lender = antecedent(lender, earlier)
    return list(lender.actors) if lender is not None else []


@stage("kg.arguments.from_event_subject.v1")
def from_event_subject(ctx: EventContext) -> None:
    """"The meeting failed to deliver an agreement": an argument-less event noun in a clause whose
    subject is an event mention takes that event's participants (or its antecedent's)."""
    by_token = ctx.by_token()
    for c in ctx.live():
        if c.lend_from is None:
            continue
        lent = _lent_actors(ctx, by_token.get(c.lend_from))
        if not lent:
            continue
        if c.lend_fallback:
            c.fallback = lent
            continue
        c.others = lent
        c.targets = [t for t in c.targets if t not in lent]
        c.ref_conf = min(c.ref_conf, _LENT_REF_CONF)
        c.refresh_actors()
