"""The confidence stage: one number per mention from the model in :mod:`kg.nlp.confidence`."""
from __future__ import annotations

from kg.nlp.confidence import EVENT_WEIGHTS, event_confidence
from kg.nlp.stages.registry import EventContext, stage


@stage("kg.confidence.v1")
def confidence(ctx: EventContext) -> None:
    """Per mention; identity then keeps the best-supported mention's value for a merged event."""
    weights = ctx.weights or EVENT_WEIGHTS
    for c in ctx.live():
        c.confidence = event_confidence(c, weights)
