"""The trigger lexicon: words and phrases that state an event, with their CAMEO code.

Read from ``kg/data/triggers.csv`` (see its README row). A row matches a verb
by lemma (and particle, for phrasal verbs), or a noun by its head lemma and
modifiers; a row with an ``object`` constraint matches only when the verb's
object (direct, passive subject, or the object of ``prep``) has one of those
lemmas, and wins over the plain row of the same word.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

__all__ = ["TriggerRow", "Lexicon", "load_lexicon", "Match"]

_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
_PARTITIVES = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
                         "number", "group", "some", "many", "several"})


@dataclass(frozen=True)
class TriggerRow:
    code: str
    pos: str                      # VERB | NOUN
    head: str                     # head lemma (the verb, or the noun's last word)
    extra: tuple[str, ...] = ()   # particle (verbs) or modifier lemmas (nouns)
    objects: frozenset[str] = frozenset()
    prep: str = ""
    subject_role: str = "source"
    weight: float = 0.7

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.prep) + len(self.extra)


@dataclass(frozen=True)
class Match:
    row: TriggerRow
    token: Token                  # the trigger head
    object_token: Token | None    # the object that satisfied the row's constraint


class Lexicon:
    """Trigger rows indexed by head lemma and part of speech."""

    def __init__(self, rows: list[TriggerRow]):
        self.rows = rows
        self.by_head: dict[tuple[str, str], list[TriggerRow]] = {}
        for r in rows:
            self.by_head.setdefault((r.pos, r.head), []).append(r)
        for lst in self.by_head.values():
            lst.sort(key=lambda r: (-r.specificity, -r.weight))

    def codes(self) -> set[str]:
        return {r.code for r in self.rows}

    def match(self, tok: Token) -> Match | None:
        """The most specific row that fits ``tok``, if any."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            pos = "VERB"
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":  # "aid trucks" are trucks
            pos = "NOUN"
        else:
            return None
        heads = [lemma] if pos == "VERB" or tok.lower_ == lemma else [lemma, tok.lower_]  # plural-only nouns: "talks"
        for head in heads:
            for row in self.by_head.get((pos, head), ()):
                m = self._fits(row, tok)
                if m is not None:
                    return m
        return None

    @staticmethod
    def _fits(row: TriggerRow, tok: Token) -> Match | None:
        if row.pos == "VERB" and row.extra:
            # the small model often parses the particle as a preposition: "walked out of the talks"
            particles = {c.lemma_.lower() for c in tok.children if c.dep_ in ("prt", "advmod", "acomp")
                         or c.dep_ == "prep" and c.lower_ in ("out", "off", "up", "down", "back", "over")}
            if not set(row.extra) <= particles:
                return None
        if row.pos == "NOUN" and row.extra:
            mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
            mods |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
            if not set(row.extra) <= mods:
                return None
        if not row.objects and not row.prep:
            return Match(row, tok, None)
        candidates: list[Token] = []
        if row.prep:
            for p in tok.children:
                if p.dep_ in ("prep", "agent", "dative") and p.lower_ == row.prep:
                    # "called Zelensky on Monday": a date is no object of 'call on'
                    candidates += [c for c in p.children if c.dep_ in ("pobj", "pcomp")
                                   and c.ent_type_ not in ("DATE", "TIME")]
            if not row.objects:
                return Match(row, tok, candidates[0] if candidates else None) if candidates else None
        else:
            candidates = [c for c in tok.children if c.dep_ in _OBJECT_DEPS]
            # "the sanctions imposed on Iran": the noun the participle modifies is its object
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                candidates.append(tok.head)
        expanded = []
        for c in candidates:
            expanded.append(c)
            expanded += [cc for cc in c.conjuncts]
            if c.lemma_.lower() in _PARTITIVES or c.pos_ == "NUM":  # "took dozens of hostages"
                expanded += [x for o in c.children if o.dep_ == "prep" and o.lower_ == "of"
                             for x in o.children if x.dep_ == "pobj"]
        for c in expanded:
            if c.lemma_.lower() in row.objects or c.lower_ in row.objects:
                return Match(row, tok, c)
        return None


def _parse_row(r: dict) -> TriggerRow | None:
    code = (r.get("code") or "").strip().strip("'\"")
    pos = (r.get("pos") or "").strip().upper()
    words = (r.get("lemma") or "").strip().lower().split()
    if not code or pos not in ("VERB", "NOUN") or not words:
        return None
    if pos == "VERB":
        head, extra = words[0], tuple(words[1:])
    else:
        head, extra = words[-1], tuple(words[:-1])
    objects = frozenset(o.strip().lower() for o in (r.get("object") or "").split("|") if o.strip())
    try:
        weight = float(r.get("weight") or 0.7)
    except ValueError:
        weight = 0.7
    return TriggerRow(code=code, pos=pos, head=head, extra=extra, objects=objects,
                      prep=(r.get("prep") or "").strip().lower(),
                      subject_role=(r.get("subject_role") or "source").strip() or "source",
                      weight=weight)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load the shipped lexicon, or the CSV at ``path``."""
    text = Path(path).read_text(encoding="utf-8") if path else \
        resources.files("kg.data").joinpath("triggers.csv").read_text(encoding="utf-8")
    rows = [row for r in csv.DictReader(text.splitlines()) if (row := _parse_row(r))]
    return Lexicon(rows)
