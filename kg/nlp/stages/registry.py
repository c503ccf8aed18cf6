"""The stage registry of ``kg_events`` and the per-document context the stages share.

A stage is a function ``stage(ctx: EventContext) -> None`` registered under a
versioned name in spaCy's ``registry.misc`` (catalogue), e.g.
``kg.targets.purpose.v1``. The ``kg_events`` component runs the stages its
config lists (``stages = [...]``) in that order, on a fresh
:class:`EventContext` per document: no document state lives on the
component. To add a rule: write a function over ``ctx``, decorate it with
``@stage("kg.<step>.<rule>.v1")``, and add the name to the config list
(``DEFAULT_STAGES`` in :mod:`kg.nlp.stages`).
"""
from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token
from spacy.util import registry

from kg.errors import E, UsageError
from kg.nlp.candidate import EventCandidate
from kg.nlp import memo
from kg.nlp.extensions import doc_value
from kg.nlp.triggers import Lexicon, Match

__all__ = ["EventContext", "Stage", "stage", "rule_stage", "get_stage", "resolve_stages", "run_stages"]


@dataclass
class EventContext:
    """Working state of one document while the stages run (never stored on the component)."""

    doc: Doc
    lexicon: Lexicon
    min_weight: float = 0.3
    weights: dict[str, float] = field(default_factory=dict)   # the confidence model's weights
    matches: dict[int, Match] = field(default_factory=dict)    # token index -> trigger match
    recoded: dict[int, str] = field(default_factory=dict)      # verb -> code taken from an act noun
    acts_in: dict[int, int] = field(default_factory=dict)      # verb -> the act noun whose code it took
    candidates: list[EventCandidate] = field(default_factory=list)
    events: list[EventCandidate] | None = None                 # set by the identity stage: what is kept

    @property
    def entities(self) -> dict:
        return doc_value(self.doc, "kg_entities") or {}

    @property
    def published(self) -> date | None:
        """The given publication date, else a wire dateline's full date (kg.nlp.dateline)."""
        from kg.nlp.dateline import publication_date  # noqa: PLC0415

        return publication_date(self.doc)

    @property
    def suppressed(self) -> set[int]:
        return {c.token for c in self.candidates if c.suppressed}

    def suppress(self, i: int) -> None:
        cand = self.by_token().get(i)
        if cand is not None:
            cand.suppressed = True

    def by_token(self) -> dict[int, EventCandidate]:
        return {c.token: c for c in self.candidates}

    def add(self, match: Match, **fields) -> EventCandidate:
        """A new candidate for ``match`` (replacing any on the same token), kept in text order."""
        from kg.nlp.stages.candidates import candidate_of  # noqa: PLC0415 - the one constructor

        self.drop(match.token.i)
        self.matches[match.token.i] = match
        cand = candidate_of(match, **fields)
        self.candidates.append(cand)
        self.candidates.sort(key=lambda c: c.token)
        return cand

    def drop(self, i: int) -> None:
        """Forget the trigger at token ``i`` altogether (not a suppression: it was never an event)."""
        self.matches.pop(i, None)
        self.candidates = [c for c in self.candidates if c.token != i]

    def live(self) -> Iterator[EventCandidate]:
        """Candidates not suppressed, in text order."""
        return (c for c in self.candidates if not c.suppressed)

    def output(self) -> list[EventCandidate]:
        """What leaves the component: the identity stage's result, else every live candidate."""
        return list(self.events) if self.events is not None else list(self.live())

    def tok(self, cand: EventCandidate) -> Token:
        return memo.token(self.doc, cand.token)


Stage = Callable[[EventContext], None]


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register ``fn`` as the stage ``name`` (a versioned dotted name: 'kg.targets.purpose.v1')."""
    def deco(fn: Stage) -> Stage:
        registry.misc.register(name, func=fn)
        return fn
    return deco


def rule_stage(name: str, rule: Callable[[Doc, list[EventCandidate]], None]) -> Stage:
    """Register ``rule(doc, candidates)``, a rule over the live candidates in text order, as ``name``.

    The rule edits the candidates in place; one it removes from the list is suppressed.
    """
    def run(ctx: EventContext) -> None:
        live = list(ctx.live())
        events = list(live)
        rule(ctx.doc, events)
        if len(events) == len(live) and all(map(operator.is_, events, live)):
            return  # the rule removed none (most rules, most documents)
        kept = {id(c) for c in events}
        for c in live:
            if id(c) not in kept:
                c.suppressed = True
    run.__doc__ = rule.__doc__
    return stage(name)(run)


def get_stage(name: str) -> Stage:
    try:
        return registry.misc.get(name)
    except Exception:  # noqa: BLE001 - catalogue raises its own error type
        raise UsageError(E.E202.format(name=name)) from None


def resolve_stages(names: Iterable[str]) -> tuple[Stage, ...]:
    """The stage functions of ``names``, looked up once.

    catalogue's lookup scans the installed packages' entry points on every
    call; a component resolves its stage list when it is built, not per document.
    """
    return tuple(get_stage(name) for name in names)


def run_stages(ctx: EventContext, names: list[str]) -> EventContext:
    for fn in resolve_stages(names):
        fn(ctx)
    return ctx
