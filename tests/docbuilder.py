"""Build spaCy Docs by hand for logic tests: no model load, exact parses."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.nlp.extensions import install

install()
_VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower_, is_punct)
_TAGS = {"VERB": "VBD", "NOUN": "NN", "PROPN": "NNP", "PRON": "PRP", "ADP": "IN", "DET": "DT", "ADJ": "JJ",
         "AUX": "VBD", "PART": "TO", "PUNCT": ".", "CCONJ": "CC", "ADV": "RB", "NUM": "CD"}


def make_doc(rows, entities=None, refs=None, published=None, tags=None):
    """rows: (word, lemma, pos, dep, head) with head an absolute token index.

    entities: key -> entity dict (kind, label, actor_key ...); refs: token index -> keys.
    A row whose dep is 'ROOT' starts a new sentence when it is not the first.
    """
    words = [r[0] for r in rows]
    doc = Doc(_VOCAB, words=words, spaces=[True] * len(words),
              lemmas=[r[1] for r in rows], pos=[r[2] for r in rows], deps=[r[3] for r in rows],
              heads=[r[4] for r in rows], tags=tags or [_TAGS.get(r[2], "XX") for r in rows])
    ents = {}
    for key, e in (entities or {}).items():
        ents[key] = {"key": key, "label": e.get("label", key), **e}
    doc._.kg_entities = ents
    doc._.kg_refs = {i: list(k) for i, k in (refs or {}).items()}
    doc._.kg_ref_conf = {i: 1.0 for i in (refs or {})}
    doc._.kg_published = published
    return doc
