"""Per-document memo for the kg components: work done once per Doc, not once per candidate.

The stages ask the same questions of the same parse many times (the trigger
row of a token, the sentence a token is in, what a time expression hangs
on). Inside :func:`scope` -- a component's ``__call__`` on one Doc -- the
answers are kept in a dict private to that call and dropped when it ends, so
nothing outlives the document, nothing lands in ``doc.user_data`` (Docs
still pickle) and a Doc changed after the call is read afresh. Outside a
scope (tests calling a rule directly) :func:`cached` just computes.

Only answers that depend on the parse alone are memoised by a plain key.
An answer that also reads the ``kg_refs``/``kg_entities`` the stages are
still adding to carries their state in its key (``kg.nlp.arguments._by_refs``),
so an addition is seen at once.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

__all__ = ["scope", "cached", "store", "sent_of", "sentences", "token", "tokens", "lemmas", "lowers", "text"]

T = TypeVar("T")

_ACTIVE: dict[int, dict] = {}  # id(doc) -> its memo, only while a scope on that Doc is open


@contextmanager
def scope(doc: Doc) -> Iterator[None]:
    """Memoise per-document answers while the block runs on ``doc`` (re-entrant)."""
    key = id(doc)
    if key in _ACTIVE:
        yield
        return
    _ACTIVE[key] = {}
    try:
        yield
    finally:
        del _ACTIVE[key]


def store(doc: Doc) -> dict | None:
    """The open memo of ``doc``, or None outside a scope."""
    return _ACTIVE.get(id(doc))


def cached(doc: Doc, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, once per scope and ``key``."""
    memo = _ACTIVE.get(id(doc))
    if memo is None:
        return compute()
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = compute()
        return value


def tokens(doc: Doc) -> list[Token]:
    """The Doc's tokens as one list (``doc[i]`` builds a new Token object on every call)."""
    return cached(doc, "tokens", lambda: list(doc))


def token(doc: Doc, i: int) -> Token:
    """``doc[i]``, from the token list inside a scope (no list is built outside one)."""
    memo = _ACTIVE.get(id(doc))
    if memo is None:
        return doc[i]
    found = memo.get("tokens")
    if found is None:
        found = memo["tokens"] = list(doc)
    return found[i]


def text(doc: Doc) -> str:
    """``doc.text`` (joined from the tokens on every read), once per scope."""
    return cached(doc, "text", lambda: doc.text)


def lemmas(doc: Doc) -> list[str]:
    """Each token's lower-case lemma, by index (what the word lists are looked up by)."""
    return cached(doc, "lemmas", lambda: [t.lemma_.lower() for t in tokens(doc)])


def lowers(doc: Doc) -> list[str]:
    """Each token's ``lower_``, by index."""
    return cached(doc, "lowers", lambda: [t.lower_ for t in tokens(doc)])


def sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    """``list(doc.sents)`` and, per token index, the number of its sentence."""
    return cached(doc, "sents", lambda: _sentences(doc))


def _sentences(doc: Doc) -> tuple[list[Span], list[int]]:
    sents = list(doc.sents)
    index = [0] * len(doc)
    for k, s in enumerate(sents):
        index[s.start:s.end] = [k] * (s.end - s.start)
    return sents, index


def sent_of(tok: Token) -> Span:
    """``tok.sent`` (which walks the sentence starts on every call), found once per Doc."""
    doc = tok.doc
    memo = _ACTIVE.get(id(doc))
    if memo is None:
        return tok.sent  # spaCy's own answer (or error) outside a scope
    found = memo.get("sent_index")
    if found is None:
        # hooks, or a Doc without sentences: spaCy's own answer (or error), every time
        usable = not doc.user_hooks and doc.has_annotation("SENT_START")
        found = memo["sent_index"] = sentences(doc) if usable else ()
    if not found:
        return tok.sent
    sents, index = found
    return sents[index[tok.i]]
