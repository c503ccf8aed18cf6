"""The event extractor, a spaCy pipeline component (``kg_events``).

Extraction is a staged pipeline of registered rules (:mod:`kg.nlp.stages`):
candidates from trigger words, suppression and absorption (which triggers
state an event of their own), arguments, factuality, recoding, time,
targets, symmetric roles, confidence and event identity. The component runs
the stages its config lists (``stages``), in that order, on a fresh
:class:`~kg.nlp.stages.EventContext` per document, and writes the public
fields of each kept :class:`~kg.nlp.candidate.EventCandidate` to
``doc._.kg_events`` (see :mod:`kg.nlp.extensions`).

The factory is registered in :mod:`kg.nlp.components`.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.nlp import memo
from kg.nlp.confidence import check_weights
from kg.nlp.extensions import install
from kg.nlp.stages import DEFAULT_STAGES, EventContext
from kg.nlp.stages.registry import Stage, resolve_stages
from kg.nlp.stages.common import complement_verbs, recode
from kg.nlp.triggers import Lexicon

__all__ = ["EventExtractor", "extract_events", "extract_candidates", "complement_verbs", "recode"]

install()


def extract_candidates(doc: Doc, lex: Lexicon, min_weight: float = 0.3,
                       stages: list[str] | tuple[Stage, ...] | None = None,
                       weights: dict[str, float] | None = None) -> EventContext:
    """Run the stages on ``doc``; the context holds the candidates (``ctx.output()`` the kept ones).

    ``stages`` are registered names, or stage functions already resolved
    (:func:`~kg.nlp.stages.registry.resolve_stages`, what the component passes).
    """
    ctx = EventContext(doc=doc, lexicon=lex, min_weight=min_weight, weights=check_weights(weights))
    names = stages if stages is not None else DEFAULT_STAGES
    with memo.scope(doc):  # parse-only answers shared by the stages, dropped when the Doc is done
        for fn in names if all(callable(s) for s in names) else resolve_stages(names):
            fn(ctx)
    return ctx


def extract_events(doc: Doc, lex: Lexicon, min_weight: float = 0.3,
                   stages: list[str] | tuple[Stage, ...] | None = None,
                   weights: dict[str, float] | None = None) -> list[dict]:
    """Event mentions of ``doc`` as the plain dicts ``doc._.kg_events`` holds."""
    return [c.public() for c in extract_candidates(doc, lex, min_weight, stages, weights).output()]


class EventExtractor:
    """Callable component: the lexicon (loaded once per process), the stage list and the weights.

    No per-document state: each call builds its own context.
    """

    def __init__(self, lexicon: Lexicon, min_weight: float = 0.3, stages: list[str] | None = None,
                 confidence: dict[str, float] | None = None):
        self.lexicon = lexicon
        self.min_weight = min_weight
        self.stages = list(stages if stages is not None else DEFAULT_STAGES)
        # resolved once: an unknown name fails when the pipeline is built, and no
        # document pays for catalogue's entry-point scan
        self._stage_fns = resolve_stages(self.stages)
        self.weights = check_weights(confidence)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_events = extract_events(doc, self.lexicon, self.min_weight, self._stage_fns, self.weights)
        return doc
