"""An adapter that turns a pass over event dicts (the pre-stage style) into a registered stage.

Before the staged design, rules were passes ``pass_(doc, events)`` over the
event dicts ``extract_events`` built (keys ``token``, ``cameo_code``,
``sources``, ``targets``, ``is_noun``, ``at_place`` ...), run right before
event identity. ``dict_pass("kg.my.rule.v1", pass_)`` registers such a pass
as a stage: it hands the pass dicts with those keys for the live candidates,
then writes the role, type, place, time and factuality keys back; an event
dict the pass removed from the list is suppressed. Put the name before
``kg.identity.v1`` in the stage list, where such passes used to run. A new
rule is better written as a stage over ``ctx`` directly.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from kg.nlp.candidate import EventCandidate
from kg.nlp.stages.registry import EventContext, Stage, stage

__all__ = ["dict_pass", "as_dict", "WRITABLE"]

# keys a pass may change, and the candidate field each one is
WRITABLE = {"cameo_code": "cameo_code", "actors": "actors", "sources": "sources", "targets": "targets",
            "place": "place", "themes": "themes", "time": "time", "factuality": "factuality",
            "at_place": "at_place", "anaphor": "anaphor", "fallback": "fallback", "ordinals": "ordinals"}
_READ_ONLY = {"token": "token", "is_noun": "is_noun", "content": "content", "trigger_lemma": "lemma",
              "begin": "begin", "end": "end", "anchor": "anchor", "sentence": "sentence",
              "sentence_start": "sentence_start", "trigger": "trigger", "confidence": "confidence"}


def as_dict(c: EventCandidate) -> dict:
    """The pre-stage event dict of a candidate (copies of its lists)."""
    out = {k: getattr(c, f) for k, f in {**WRITABLE, **_READ_ONLY}.items()}
    return {k: list(v) if isinstance(v, list) else v for k, v in out.items()}


def dict_pass(name: str, fn: Callable[[Doc, list[dict]], object]) -> Stage:
    """Register ``fn(doc, events)`` as the stage ``name``."""
    def run(ctx: EventContext) -> None:
        pairs = [(c, as_dict(c)) for c in ctx.live()]
        events = [d for _, d in pairs]
        fn(ctx.doc, events)
        kept = {id(d) for d in events}
        for c, d in pairs:
            if id(d) not in kept:
                c.suppressed = True
                continue
            for k, f in WRITABLE.items():
                setattr(c, f, d[k])
    run.__doc__ = fn.__doc__
    return stage(name)(run)
