"""The confidence model: how sure the pipeline is of what it extracted.

Two layers, every number in one place:

* **reference** confidence (``REFERENCE``): how sure a token -> entity
  reference is: 1.0 for a name, lower for a title read, a sector group or a
  resolved pronoun, role noun or group mention (read by ``kg_entities`` and
  ``kg_coref`` into ``doc._.kg_ref_conf``);
* **event** confidence (:func:`event_confidence`, weights ``EVENT_WEIGHTS``,
  overridable in the ``kg_events`` config section ``confidence``): the
  trigger's lexicon weight scaled by the roles the text states, the weakest
  reference among the arguments, the factuality reading's certainty, and
  whether the event is the content of another one or a noun mention.

``score = floor + span * content * noun * weight * roles * refs * fact``,
clamped to ``[lowest, highest]`` and rounded to two decimals, where
``roles = base + source * (has_source or one undirected side) + target * (has_target or several actors)``,
``refs = refs_base + refs_span * lowest reference confidence`` and
``fact = fact_base + fact_span * factuality confidence``.
"""
from __future__ import annotations

from kg.errors import E, UsageError
from kg.nlp.candidate import EventCandidate

__all__ = ["EVENT_WEIGHTS", "REFERENCE", "event_confidence", "borrowed", "check_weights"]

EVENT_WEIGHTS: dict[str, float] = {
    "floor": 0.3,          # every extracted event is at least this plausible
    "span": 0.7,           # the share the evidence below decides
    "content": 0.75,       # factor for an event that is the content of another ("demanded that sanctions be lifted")
    "noun": 0.9,           # factor for an event named by a noun (less explicit than a verb)
    "roles_base": 0.6,     # roles: nobody directed
    "roles_source": 0.2,   # + a source is stated
    "roles_target": 0.2,   # + a target (or a second participant) is stated
    "refs_base": 0.6,      # references: the weakest one at 0
    "refs_span": 0.4,
    "fact_base": 0.7,      # factuality: a reading of certainty 0
    "fact_span": 0.3,
    "borrowed": 0.7,       # factor for an event whose participants came from another event of its sentence
    "lowest": 0.05,
    "highest": 0.99,
}

# token -> entity reference confidence (kg_entities, kg_coref)
REFERENCE: dict[str, float] = {
    "name": 1.0,           # a gazetteer or NER name
    "sector": 0.9,         # a sector group ('Iraqi police'), a title read onto a name
    "compound": 0.85,      # a hyphenated compound part ('Trump-Putin')
    # coreference
    "same": 0.8, "same_subj": 0.7, "prev": 0.75, "prev_subj": 0.7, "far": 0.6,
    "cataphora": 0.65, "split": 0.5, "role": 0.75, "group": 0.7, "group_far": 0.5, "plural": 0.7,
    "plural_prev": 0.6,
}


def check_weights(weights: dict[str, float] | None) -> dict[str, float]:
    """The default weights updated with ``weights``; an unknown name is an error."""
    weights = dict(weights or {})
    unknown = sorted(set(weights) - set(EVENT_WEIGHTS))
    if unknown:
        raise UsageError(E.E203.format(names=", ".join(unknown), known=", ".join(EVENT_WEIGHTS)))
    return {**EVENT_WEIGHTS, **{k: float(v) for k, v in weights.items()}}


def event_confidence(c: EventCandidate, w: dict[str, float] = EVENT_WEIGHTS) -> float:
    """The confidence of one event mention from its features (see the module doc)."""
    # a coordinated subject ("A and B met") states the acting side as much as a source does
    roles = w["roles_base"] + w["roles_source"] * bool(c.sources or c.undirected) \
        + w["roles_target"] * bool(c.targets or len(c.actors) > 1)
    refs = w["refs_base"] + w["refs_span"] * c.ref_conf
    fact = w["fact_base"] + w["fact_span"] * c.fact_conf
    score = w["floor"] + w["span"] * (w["content"] if c.content else 1.0) * (w["noun"] if c.is_noun else 1.0) \
        * c.weight * roles * refs * fact
    return round(min(w["highest"], max(w["lowest"], score)), 2)


def borrowed(confidence: float, w: dict[str, float] = EVENT_WEIGHTS) -> float:
    """Confidence of an event whose participants were borrowed from another event."""
    return round(confidence * w["borrowed"], 2)
