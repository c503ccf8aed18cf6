"""Participant stages: the side a clause names only by description or by an unresolved 'it'.

News copy names an actor once and then describes it: "European Union leaders
agreed ... Sandu urged the leaders to ..."; "The bloc has tightened the
screws ... it froze the assets of ...". When a verb event has no source (or no
target) and its subject (or object) names no entity, the description is
resolved against the document so far:

* a definite noun phrase repeating the head noun of an earlier mention that
  did name its owner ("the leaders" after "EU leaders") stands for that owner;
* a noun that names a kind of actor ("the bloc", "the alliance": kg/data
  ``grammar_words.csv``, sets ``organization_nouns`` / ``country_nouns``)
  stands for the entity of that kind mentioned most so far, if one leads;
* an unresolved subject 'it' stands for what the subject of the clause before
  it stands for, by the same two rules.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from kg.lang import en
from kg.nlp import memo
from kg.nlp.arguments import ACTOR_KINDS, entity_refs, split_roles, subject_of
from kg.nlp.extensions import refs_of
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.tokens import is_verb, word_set

__all__ = ["described_actors"]

_ADDRESSING_ROOTS = ("02", "10", "11", "12", "13")   # appeals, demands, accusations, rejections, threats
_DESCRIBED_CONF = 0.6   # reference confidence of an actor found through a description


def _named(tok: Token) -> bool:
    return bool(refs_of(tok) or entity_refs(tok)[0])


def _is_description(tok: Token) -> bool:
    """'the leaders', 'the bloc': a definite common noun naming no entity."""
    return tok.pos_ == "NOUN" and not _named(tok) and any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
        c.dep_ in ("nummod", "prep", "poss") for c in tok.children)


def _repeated_head(tok: Token, ents: dict) -> list[str]:
    """"EU leaders ... the leaders": the nearest earlier mention with the same head noun and an owner."""
    for t in reversed(tok.doc[max(0, memo.sent_of(tok).start - 400): tok.i]):
        if t.lemma_.lower() == tok.lemma_.lower() and t.pos_ in ("NOUN", "PROPN"):
            keys = [k for k in entity_refs(t)[0] if (ents.get(k) or {}).get("kind") in ACTOR_KINDS]
            if keys:
                return split_roles(keys, ents, "actor")[0]
    return []


def described_actors(tok: Token, ents: dict) -> list[str]:
    """The actors a description stands for, or nothing ('the bloc' and 'it' are resolved by coreference)."""
    if not _is_description(tok):
        return []
    return _repeated_head(tok, ents)


def _subject_slot(c) -> list[str]:
    return c.sources if c.subject_role != "target" else c.targets


@stage("kg.participants.described.v1")
def described(ctx: EventContext) -> None:
    """A verb event whose subject or object is only described takes the actor the description stands for."""
    ents = ctx.entities
    for c in ctx.live():
        if c.is_noun or c.undirected:
            continue
        tok = ctx.tok(c)
        subj = subject_of(tok)
        if subj is not None and not _subject_slot(c):
            found = [a for a in described_actors(subj, ents) if a not in c.actors]
            if found:
                _subject_slot(c).extend(found)
                c.ref_conf = min(c.ref_conf, _DESCRIBED_CONF)
        # the object of a verb of appeal, demand, accusation or threat is whom it addresses ("urged the
        # leaders to ..."); the object of a material act is often people or things acted on, whose owner
        # the description does not settle
        if not c.targets and c.subject_role != "target" and c.cameo_code.startswith(_ADDRESSING_ROOTS):
            for o in (o for o in tok.children if o.dep_ in ("dobj", "dative")):
                found = [a for a in described_actors(o, ents) if a not in c.actors]
                if found:
                    c.targets.extend(found)
                    c.ref_conf = min(c.ref_conf, _DESCRIBED_CONF)
                    break
        c.refresh_actors()
