"""The ``kg`` spaCy factories, registered in one place.

``kg_dateline`` (before the parser), ``kg_gazetteer`` -> ``kg_entities`` -> ``kg_coref`` -> ``kg_events``. The
same functions are the ``spacy_factories`` entry points of the package
(``pyproject.toml``), so a pipeline saved with ``nlp.to_disk(d)`` loads with
``spacy.load(d)`` in a fresh process: spaCy finds the factory by name and
rebuilds each component from its config. No component keeps per-document
state or data of its own beyond its config: the gazetteer, the lexicons and
the word lists are package data, loaded once per process.

``requires``/``assigns`` state what each component reads and writes (spaCy's
``nlp.analyze_pipes()`` reports them).
"""
from __future__ import annotations

from spacy.language import Language

from kg.nlp import extensions
from kg.nlp.confidence import EVENT_WEIGHTS
from kg.nlp.stages import DEFAULT_STAGES

__all__ = ["make_dateline_splitter", "make_gazetteer_ruler", "make_entity_resolver", "make_coref", "make_event_extractor", "add_components"]

extensions.install()

_PARSE = ["token.dep", "token.head", "token.pos", "token.tag", "token.lemma"]


@Language.factory(
    "kg_dateline",
    requires=["token.idx"],
    assigns=["token.is_sent_start"],
)
def make_dateline_splitter(nlp: Language, name: str):
    """Before the parser: a wire dateline ("VIENNA, July 15 --") is a sentence of its own."""
    from kg.nlp.dateline import split_dateline  # noqa: PLC0415

    return split_dateline


@Language.factory(
    "kg_gazetteer",
    default_config={"overwrite_ents": True},
    requires=["token.orth", "doc.ents"],
    assigns=["doc.ents", "token.ent_type", "token.ent_iob", "token.ent_id"],
)
def make_gazetteer_ruler(nlp: Language, name: str, overwrite_ents: bool):
    from kg.nlp.gazetteer import GazetteerRuler  # noqa: PLC0415 - the gazetteer loads on first use

    return GazetteerRuler(nlp, name, overwrite_ents=overwrite_ents)


@Language.factory(
    "kg_entities",
    default_config={"labels": ["PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT"]},
    requires=["doc.ents", "token.ent_id", "token.ent_type", "token.dep", "token.pos", "token.tag", "token.morph"],
    assigns=["doc._.kg_entities", "doc._.kg_refs", "doc._.kg_ref_conf"],
)
def make_entity_resolver(nlp: Language, name: str, labels: list[str]):
    from kg.nlp.entities import EntityResolver  # noqa: PLC0415

    return EntityResolver(nlp, name, tuple(labels))


@Language.factory(
    "kg_coref",
    default_config={"window": 2},
    requires=["doc._.kg_entities", "doc._.kg_refs", "doc._.kg_ref_conf", "token.dep", "token.head", "token.pos"],
    assigns=["doc._.kg_refs", "doc._.kg_ref_conf"],
)
def make_coref(nlp: Language, name: str, window: int):
    from kg.nlp.coref import CorefResolver  # noqa: PLC0415

    return CorefResolver(nlp, name, window)


@Language.factory(
    "kg_events",
    default_config={"triggers": None, "min_weight": 0.3, "stages": list(DEFAULT_STAGES),
                    "confidence": dict(EVENT_WEIGHTS)},
    requires=["doc._.kg_entities", "doc._.kg_refs", "doc._.kg_ref_conf", "doc._.kg_published", "doc.ents", *_PARSE],
    assigns=["doc._.kg_events"],
)
def make_event_extractor(nlp: Language, name: str, triggers: str | None, min_weight: float, stages: list[str],
                         confidence: dict[str, float]):
    from kg.nlp.events import EventExtractor  # noqa: PLC0415
    from kg.nlp.triggers import load_lexicon  # noqa: PLC0415

    return EventExtractor(load_lexicon(triggers), min_weight, stages, confidence)


def add_components(nlp: Language, *, coref: bool = True) -> Language:
    """Add ``kg_gazetteer``, ``kg_entities`` and (optionally) ``kg_coref`` to a loaded pipeline.

    The ruler goes right after ``ner`` (or first, in a pipeline without one);
    the others follow it. Components already present are left alone.
    """
    if "kg_gazetteer" not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("kg_gazetteer", after="ner")
        else:
            nlp.add_pipe("kg_gazetteer", first=True) if nlp.pipe_names else nlp.add_pipe("kg_gazetteer")
    if "kg_entities" not in nlp.pipe_names:
        nlp.add_pipe("kg_entities", after="kg_gazetteer")
    if coref and "kg_coref" not in nlp.pipe_names:
        nlp.add_pipe("kg_coref", after="kg_entities")
    return nlp
