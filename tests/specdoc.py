"""Parsed Docs from a compact text spec, for the entity and coreference logic tests (no model)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.nlp.entities import add_components


def make_doc(nlp, spec: str, ents=()):
    """Build a parsed Doc from a compact spec.

    Sentences are separated by ' || '. A token is 'word', 'word/dep' or
    'word/dep/head' (head = index inside its sentence), optionally with a
    fourth field, the tag. Exactly one token per sentence has dep 'ROOT';
    tokens without a head hang from it. ``ents`` lists (phrase, label) pairs,
    each marking the first unused occurrence of the phrase.
    """
    words, heads, deps, tags = [], [], [], []
    for sent in spec.split(" || "):
        toks = [t.split("/") for t in sent.split()]
        base = len(words)
        root = next(k for k, t in enumerate(toks) if len(t) > 1 and t[1] == "ROOT")
        for k, t in enumerate(toks):
            words.append(t[0])
            dep = t[1] if len(t) > 1 else ("punct" if t[0] in {".", ",", "’s", "'s"} else "dep")
            deps.append(dep)
            heads.append(base + k if dep == "ROOT" else base + (int(t[2]) if len(t) > 2 and t[2] else root))
            tags.append(t[3] if len(t) > 3 else "")
    iob = ["O"] * len(words)
    for phrase, label in ents:
        pw = phrase.split()
        for s in range(len(words) - len(pw) + 1):
            if words[s:s + len(pw)] == pw and all(x == "O" for x in iob[s:s + len(pw)]):
                iob[s:s + len(pw)] = [f"B-{label}"] + [f"I-{label}"] * (len(pw) - 1)
                break
        else:
            raise ValueError(phrase)
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps,
               tags=tags if any(tags) else None, ents=iob)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    add_components(nlp)
    return nlp


def run(nlp, spec, ents=()):
    doc = make_doc(nlp, spec, ents)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def refs(doc, word, n=0):
    """Entity keys of the n-th token with this text."""
    hits = [t.i for t in doc if t.text == word]
    return doc._.kg_refs.get(hits[n], [])


def conf(doc, word, n=0):
    """Reference confidence of the n-th token with this text."""
    hits = [t.i for t in doc if t.text == word]
    return doc._.kg_ref_conf.get(hits[n], 0.0)
