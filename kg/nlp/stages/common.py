"""Parse helpers and data tables the event stages share."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from kg.lang import en

__all__ = ["complement_verbs", "recode", "mode_of", "governor", "complements", "obligation_words",
           "read_rows"]

# a passive subject is not governed by its verb's subject: "war should never be fought" has no agent to inherit
_GOVERNOR_DEPS = ("dobj", "pobj", "pcomp", "xcomp", "ccomp", "attr", "oprd", "prep", "acomp", "advcl", "dative")


def read_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def complement_verbs() -> dict[str, str]:
    """lemma -> 'modal' | 'content' | 'commit' (see kg/data/complement_verbs.csv)."""
    return {r["lemma"]: r["behaviour"] for r in read_rows("complement_verbs.csv")}


@lru_cache(maxsize=1)
def _recode_tables() -> dict[str, dict[str, str]]:
    """kind ('intent' | 'refusal' | 'threat') -> CAMEO prefix -> code (kg/data/intent_codes.csv)."""
    out: dict[str, dict[str, str]] = {}
    for r in read_rows("intent_codes.csv"):
        out.setdefault(r["kind"], {})[r["prefix"]] = r["code"]
    return out


def recode(kind: str, code: str) -> str | None:
    """The intent (03x), threat (13x) or refusal (12x) code for an event of ``code``, by longest prefix."""
    table = _recode_tables().get(kind, {})
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


@lru_cache(maxsize=1)
def obligation_words() -> dict[str, set[str]]:
    """kind ('reporting' | 'modal' | 'obligation') -> words (kg/data/reported_obligation.csv)."""
    out: dict[str, set[str]] = {}
    for r in read_rows("reported_obligation.csv"):
        out.setdefault(r["kind"], set()).add(r["word"])
    return out


def mode_of(tok: Token, modes: dict[str, str] | None = None) -> str | None:
    """Complement behaviour of a word, phrasal verbs first ('call off' before 'call')."""
    modes = complement_verbs() if modes is None else modes
    lemma = tok.lemma_.lower()
    for p in (c.lower_ for c in tok.children if c.dep_ == "prt"):
        if f"{lemma} {p}" in modes:
            return modes[f"{lemma} {p}"]
    return modes.get(lemma) or modes.get(tok.lower_)


def governor(tok: Token) -> Token | None:
    """The word whose complement ``tok`` is (through prepositions), if any."""
    if tok.dep_ not in _GOVERNOR_DEPS or tok.head is tok:
        return None
    head = tok.head
    while head.dep_ in ("prep", "agent") and head.head is not head:
        head = head.head
    return head


def _shared_objects(tok: Token) -> list[Token]:
    """A verb with no object of its own shares the object of the verb coordinated with it
    ("discussing and weighing military support")."""
    if any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in tok.children):
        return []
    out = []
    for conj in tok.conjuncts:
        if conj.i > tok.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            out += [c for c in conj.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    return out


def complements(tok: Token) -> list[Token]:
    """Event-capable complements of a verb: xcomp/ccomp verbs, objects, prepositional objects."""
    out = _shared_objects(tok)
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "attr", "nsubjpass", "acl"):
            out.append(c)
        elif c.dep_ == "prep":
            out += [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
    more = []
    for c in out:
        more += [cc for cc in c.conjuncts if cc.i > c.i]
    return out + more


def ordinals(tok: Token) -> list[str]:
    return sorted({c.lower_ for c in tok.children if c.lower_ in en.ORDINALS})


def is_definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in en.DEFINITE for c in tok.children)
