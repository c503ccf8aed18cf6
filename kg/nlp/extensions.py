"""Custom attributes the ``kg`` pipeline components write on spaCy Docs.

The contract between the components, in pipeline order:

``doc._.kg_doc_id`` (str | None)
    the document id, set by the caller, so a failure can name the document.

``doc._.kg_published`` (str | None)
    ISO publication date of the document, set by the caller before parsing
    (``nlp.pipe(..., as_tuples=True)``); the time normaliser anchors on it.

``doc._.kg_entities`` (dict[str, dict]) -- written by ``kg_entities``
    entity key ('person/vladimir-putin', 'country/russia', 'place/helsinki',
    'org/nato', 'group/iraq-police', 'weapon/tomahawk-cruise-missile') ->
    the fields of :class:`kg.model.Entity` as a plain dict (``key``, ``label``,
    ``kind``, ``qid``, ``aliases``, ``member_of``, ``located_in``, ``role``,
    ``iso2``, ``iso3``, ``cow_code``, ``geonames_id``), plus ``actor_key``: the
    entity that acts when this one is named as an actor (metonymy: the city
    Moscow and 'the Kremlin' -> 'country/russia'; None when it acts itself).
    Every key referenced by ``member_of``/``located_in``/``actor_key`` is in
    the dict too.

``doc._.kg_refs`` (dict[int, list[str]]) -- written by ``kg_entities`` and
    completed by ``kg_coref``
    token index -> entity keys the token stands for. Every token of a named
    mention maps to its entity ('Vladimir', 'Putin' -> the person); a demonym
    or nationality modifier maps to its country ('Russian', 'Israeli');
    pronouns, role nouns ('the president'), group mentions ('the two
    leaders', 'both sides' -> several keys) are added by coreference. A token
    with no safe resolution is absent.

``doc._.kg_ref_conf`` (dict[int, float]) -- confidence of each kg_refs entry
    (1.0 for a name, lower for pronouns and role nouns).

``doc._.kg_events`` (list[dict]) -- written by ``kg_events``
    one dict per event with exactly the fields ``kg/extract.py`` reads
    (:data:`kg.nlp.candidate.PUBLIC_FIELDS`): ``cameo_code``, ``label``,
    ``actors``, ``sources``, ``targets``, ``place``, ``themes``, ``time``
    (a :class:`kg.model.TimeValue` as a dict, or None), ``factuality``,
    ``confidence``, the first mention's ``begin``/``end`` (character offsets
    of the anchor), ``anchor``, ``sentence``, ``trigger``, and
    ``extra_mentions`` (the same five mention fields for every further
    mention of the event). The stages' working fields stay inside the
    component. Plain Python values only, so Docs pickle for
    ``nlp.pipe(n_process=...)``.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens.underscore import Underscore

__all__ = ["install", "doc_value", "refs_of", "ref_conf"]

_ATTRS = {
    "kg_doc_id": None,
    "kg_published": None,
    "kg_entities": None,
    "kg_refs": None,
    "kg_ref_conf": None,
    "kg_events": None,
}


def install() -> None:
    """Register the extensions once (idempotent)."""
    for name, default in _ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    from kg.nlp.dateline import install as install_dateline  # noqa: PLC0415 - doc._.kg_dateline (a getter)

    install_dateline()


def doc_value(doc: Doc, name: str) -> Any:
    """``doc._.<name>``, read where spaCy keeps it (``doc.user_data``) without building an
    ``Underscore`` object per read: the rules read ``kg_refs`` tens of thousands of times a
    document. An extension with a getter or a non-None default goes the usual way."""
    ext = Underscore.doc_extensions.get(name)
    if ext is None or ext[0] is not None or ext[1] is not None or ext[2] is not None:
        return getattr(doc._, name)
    return doc.user_data.get(("._.", name, None, None))


def refs_of(token: Token) -> list[str]:
    """Entity keys a token stands for (empty when unknown)."""
    refs = doc_value(token.doc, "kg_refs") or {}
    return list(refs.get(token.i, ()))


def ref_conf(token: Token) -> float:
    return (doc_value(token.doc, "kg_ref_conf") or {}).get(token.i, 1.0 if refs_of(token) else 0.0)


install()
