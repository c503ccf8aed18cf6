"""Word-class tests over parsed tokens, shared by the lexicon and the argument rules."""
from __future__ import annotations

from spacy.tokens import Token

__all__ = ["PARTITIVES", "is_quantity", "is_verb"]

# Heads that only count, measure or collect what follows 'of' ("dozens of hostages", "members of
# the delegation", "a new round of sanctions", "a shipment of arms"): a closed class of grammar words.
# Numbers, measures with a number ("700 kg") and sums of money are recognised from the parse.
PARTITIVES = frozenset({
    "ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen", "dozens",
    "score", "scores", "number", "some", "many", "most", "all", "several", "part", "majority",
    "group", "groups", "crowd", "crowds", "member", "members", "team", "contingent", "unit", "units", "mission",
    "batch", "wave", "round", "series", "shipment", "consignment", "tranche", "package",
})
_QUANTITY_ENTS = frozenset({"QUANTITY", "MONEY", "CARDINAL"})


def is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def is_quantity(tok: Token) -> bool:
    """A number, a measure or sum ('700 kg', '5 million dollars', '$20 million') or a partitive."""
    if tok.lemma_.lower() in PARTITIVES or tok.pos_ == "NUM" or tok.like_num or tok.tag_ == "$":
        return True
    if tok.ent_type_ in _QUANTITY_ENTS:
        return True
    return any(c.dep_ == "nummod" or c.like_num and c.dep_ in ("compound", "quantmod") for c in tok.children)
