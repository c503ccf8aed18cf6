"""Role stages: one rule for the direction of symmetric relations.

Meeting, talking, calling, negotiating, signing with, cooperating with
(``kg/data/symmetric_codes.csv``) relate their participants both ways. The
rule (also in ``ontology/README.md``): every participant is ``sem:hasActor``;
``dk:source`` is the grammatical subject side (the subject of the verb, its
passive agent, the possessor of the noun, the clause subject it inherits) and
``dk:target`` every partner. When the text names no separate partner side --
"A and B met", "talks between A and B", "the A–B summit" -- it gives no
direction, and the participants are actors only: one symmetric relation never
yields two sources, unless a coordinated subject meets a partner ("A and B
met C": A and B are sources, C the target).
"""
from __future__ import annotations

from functools import lru_cache

from kg.nlp.arguments import passive_agent, phrase_refs, split_roles, subject_of
from kg.nlp.candidate import EventCandidate
from kg.nlp.stages.common import read_rows
from kg.nlp.stages.registry import EventContext, stage

__all__ = ["symmetric_codes", "is_symmetric", "subject_side"]


@lru_cache(maxsize=1)
def symmetric_codes() -> frozenset[str]:
    return frozenset(r["code"] for r in read_rows("symmetric_codes.csv"))


def is_symmetric(code: str) -> bool:
    return any(code.startswith(c) for c in symmetric_codes())


def subject_side(ctx: EventContext, c: EventCandidate) -> list[str]:
    """The participants on the subject side: the sources the grammatical subject names, else all sources."""
    if not c.sources:
        return []
    tok = ctx.tok(c)
    if not c.is_noun:
        subj = passive_agent(tok) or subject_of(tok)
        named = split_roles(phrase_refs(subj)[0], ctx.entities, "actor")[0] if subj is not None else []
        side = [a for a in c.sources if a in named]
        if side:
            return side
    return list(c.sources)


@stage("kg.roles.symmetric.v1")
def symmetric(ctx: EventContext) -> None:
    """Source = the subject side, target = the partners; no partner side, no direction."""
    for c in ctx.live():
        if not is_symmetric(c.cameo_code) or not c.actors:
            continue
        side = subject_side(ctx, c)
        partners = [a for a in c.actors if a not in side]
        if side and partners:
            c.sources, c.targets, c.others = side, partners, []
        elif len(side) > 1:  # "A and B met": all on one side
            c.sources, c.targets, c.others = [], [], list(c.actors)
            c.at_place, c.undirected = False, True
