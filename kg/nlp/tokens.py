"""Word-class tests over parsed tokens, shared by the lexicon and the argument rules."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

__all__ = ["PARTITIVES", "is_quantity", "is_verb", "word_set", "word_sets"]

_QUANTITY_ENTS = frozenset({"QUANTITY", "MONEY", "CARDINAL"})


@lru_cache(maxsize=None)
def word_sets(file: str) -> dict[str, frozenset[str]]:
    """The closed word classes of a ``set,word`` table in kg/data, by class name (read once per file)."""
    text = resources.files("kg.data").joinpath(file).read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for r in csv.DictReader(text.splitlines()):
        out.setdefault(r["set"], set()).add(r["word"])
    return {k: frozenset(v) for k, v in out.items()}


def word_set(name: str) -> frozenset[str]:
    """One closed class of English grammar words by name ('target_preps', 'relative_pronouns' ...)."""
    return word_sets("grammar_words.csv")[name]


# Heads that only count, measure or collect what follows 'of' ("dozens of hostages", "members of
# the delegation", "a new round of sanctions", "a shipment of arms"): a closed class of grammar words.
# Numbers, measures with a number ("700 kg") and sums of money are recognised from the parse.
PARTITIVES = word_set("partitives")


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def is_quantity(tok: Token) -> bool:
    """A number, a measure or sum ('700 kg', '5 million dollars', '$20 million') or a partitive."""
    if tok.lemma_.lower() in PARTITIVES or tok.pos_ == "NUM" or tok.like_num or tok.tag_ == "$":
        return True
    if tok.ent_type_ in _QUANTITY_ENTS:
        return True
    return any(c.dep_ == "nummod" or c.like_num and c.dep_ in ("compound", "quantmod") for c in tok.children)
