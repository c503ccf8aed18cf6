"""Participant stages: the side a clause names only by description or by an unresolved 'it'.

News copy names an actor once and then describes it: "European Union leaders
agreed ... Zelensky urged the leaders to ..."; "The bloc has tightened the
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
from kg.nlp.arguments import ACTOR_KINDS, entity_refs, split_roles, subject_of
from kg.nlp.extensions import refs_of
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.tokens import is_verb, word_set

__all__ = ["described_actors"]

_KIND_SETS = (("organization_nouns", "Organization"), ("country_nouns", "Country"))
_MAX_SENTENCES_BACK = 3
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
    for t in reversed(tok.doc[max(0, tok.sent.start - 400): tok.i]):
        if t.lemma_.lower() == tok.lemma_.lower() and t.pos_ in ("NOUN", "PROPN"):
            keys = [k for k in entity_refs(t)[0] if (ents.get(k) or {}).get("kind") in ACTOR_KINDS]
            if keys:
                return split_roles(keys, ents, "actor")[0]
    return []


def _salient_of_kind(tok: Token, ents: dict) -> list[str]:
    """"the bloc": the organisation mentioned most before it, when one leads."""
    word = tok.lemma_.lower()
    kind = next((k for name, k in _KIND_SETS if word in word_set(name)), None)
    if kind is None:
        return []
    counts: Counter[str] = Counter()
    last = None
    for t in tok.doc[: tok.i]:
        keys = tuple(k for k in refs_of(t) if (ents.get(k) or {}).get("kind") == kind)
        if keys and keys != last:  # one count per name, not per token of it
            counts.update(keys)
        last = keys
    top = counts.most_common(2)
    if not top or (len(top) > 1 and top[0][1] == top[1][1]):
        return []
    return [top[0][0]]


def _previous_subject(tok: Token) -> Token | None:
    """The subject of the main clause of the nearest earlier sentence that has one."""
    sent = tok.sent
    for _ in range(_MAX_SENTENCES_BACK):
        if sent.start == 0:
            return None
        sent = tok.doc[sent.start - 1].sent
        subj = subject_of(sent.root) if is_verb(sent.root) else None
        if subj is not None:
            return subj
    return None


def described_actors(tok: Token, ents: dict, depth: int = 0) -> list[str]:
    """The actors a description (or an unresolved subject 'it') stands for, or nothing."""
    if tok.lower_ in en.IT_FORMS and tok.dep_ in ("nsubj", "nsubjpass") and not refs_of(tok) and depth < 3:
        prev = _previous_subject(tok)
        if prev is None:
            return []
        if refs_of(prev):
            keys = [k for k in refs_of(prev) if (ents.get(k) or {}).get("kind") in ("Country", "Organization")]
            return split_roles(keys, ents, "actor")[0] if len(keys) == 1 else []
        return described_actors(prev, ents, depth + 1)
    if not _is_description(tok):
        return []
    return _repeated_head(tok, ents) or _salient_of_kind(tok, ents)


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
