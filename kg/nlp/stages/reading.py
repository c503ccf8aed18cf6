"""Factuality, recoding and time stages: what kind of event, whether it happened, and when.

Recoding follows CAMEO: a commitment or an announced plan of cooperation is
coded as the intent (03x), an announced coercive act as a threat (13x), a
refusal to act as a rejection (12x), which did happen. It reads the
factuality, so it runs after it; the target rules read the final code, so
they run after both.
"""
from __future__ import annotations

from spacy.tokens import Token

from kg.lang import en
from kg.nlp.candidate import EventCandidate
from kg.nlp.factuality import presupposed
from kg.nlp.stages.common import complement_verbs, governor, mode_of, recode
from kg.nlp.stages.registry import EventContext, stage

__all__ = ["committed_by"]

_PLANNED_INTENT_ROOTS = ("04", "05", "06", "07", "08")   # announced cooperation -> intent (03x)
_PLANNED_THREAT_ROOTS = ("14", "15", "16", "17", "18", "19", "20")   # announced coercion -> threat (13x)
_MAX_CLIMB = 4


@stage("kg.factuality.v1")
def factuality(ctx: EventContext) -> None:
    """Actual / Negated / Planned / Possible from the cues in scope (:func:`kg.nlp.factuality.assess`)."""
    from kg.nlp.factuality import assess  # noqa: PLC0415 - sibling module, heavy tables loaded on first use

    for c in ctx.live():
        fact = assess(ctx.tok(c))
        c.factuality = fact.value
        c.fact_conf = getattr(fact, "confidence", 1.0)
        c.fact_cues = list(fact.cues)


def committed_by(tok: Token, live: set[int]) -> Token | None:
    """A commitment word ('agreed to', 'is willing to', 'pledged') governing ``tok``."""
    modes = complement_verbs()
    cur = tok
    for _ in range(_MAX_CLIMB):
        if presupposed(cur):
            return None  # "agreed to restore ties after three rounds of talks": the talks took place
        gov = governor(cur)
        if gov is None and cur.dep_ == "acl" and cur.head.pos_ == "NOUN":
            gov = cur.head  # "made no promise to release the sailors": the noun commits to its infinitive
        if gov is None or gov.i in live:
            return None
        if mode_of(gov, modes) == "commit":
            return gov
        cur = gov
    return None


def _recoded(c: EventCandidate, committed: bool) -> tuple[str, str]:
    code, fact = c.cameo_code, c.factuality
    if committed:
        return recode("intent", code) or code, "Planned" if fact == "Actual" else fact
    if fact == "Planned" and code[:2] in _PLANNED_INTENT_ROOTS:
        return recode("intent", code) or code, fact
    if fact == "Planned" and code[:2] in _PLANNED_THREAT_ROOTS and c.sources:
        return recode("threat", code) or code, fact
    if fact == "Negated" and any(cue in " ".join(c.fact_cues).lower() for cue in en.REFUSAL_CUES):
        refused = recode("refusal", code)
        if refused:
            return refused, "Actual"
    return code, fact


@stage("kg.recoding.v1")
def recoding(ctx: EventContext) -> None:
    """Act-noun codes taken by their verbs, then intent, threat and refusal codes."""
    live = {c.token for c in ctx.live()}
    for c in ctx.live():
        c.cameo_code = ctx.recoded.get(c.token, c.row_code)
        committed = committed_by(ctx.tok(c), live) is not None
        c.cameo_code, c.factuality = _recoded(c, committed)


@stage("kg.time.v1")
def time(ctx: EventContext) -> None:
    """The normalised time of each event; "a day later" reads the previous event's time."""
    from kg.nlp.timex import time_of  # noqa: PLC0415 - sibling module

    last = None
    published = ctx.published
    for c in ctx.live():
        t = time_of(ctx.tok(c), published, last)
        if t is None and c.time_from is not None:  # "pledged on Tuesday ... aid": the clause's time
            t = time_of(ctx.doc[c.time_from], published, last)
        if t is not None:
            last = t
        c.time = t.model_dump() if t is not None else None
