"""The trigger lexicon: words and phrases that state an event, with their CAMEO code.

Read from ``kg/data/triggers.csv`` (see its README row). A row matches a verb
by lemma (and particle, for phrasal verbs), or a noun by its head lemma and
modifiers; a row with an ``object`` constraint matches only when the verb's
object (direct, passive subject, or the object of ``prep``) has one of those
lemmas, and wins over the plain row of the same word.

Readings of the object that go beyond its head word:

* a quantity stands for what it measures: "provided 25,000 tons of food aid",
  "gave X 5 million dollars of aid", "took dozens of hostages" (the object of
  its "of", or of an "in": "$20 million in aid");
* the subject of an infinitive complement is an object: "allowed refugees to
  return";
* a compound modifier names the thing when the head names none: "ended
  mediation efforts", "violated the ceasefire agreement" (tried only after
  every object row has failed on the heads, and only for a modifier that is an
  event noun of the table);
* a modifier reading of the object noun refines a verb that just performs it:
  "held joint exercises" is the noun's 062, not the verb's 150 ("cut military
  aid" keeps the verb's 162, since 'cut' does not perform aid).

A particle the parser read as "more than" of a number still counts ("handed
over 700 kg of medicine").
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Token

from kg.nlp.tokens import is_quantity, is_verb

__all__ = ["Lexicon", "Match", "TriggerRow", "load_lexicon"]

_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")


def _measured(tok: Token, verb: Token) -> list[Token]:
    """What a quantity object measures: 'tons [of food aid]'; '$20 million [in aid]' (the 'in' may hang on the verb)."""
    preps = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "in")]
    preps += [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "in" and p.i > tok.i]
    return [x for p in preps for x in p.children if x.dep_ == "pobj"]


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
        if is_verb(tok):
            pos = "VERB"
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":  # "aid trucks" are trucks
            if tok.pos_ == "PROPN" and tok.ent_type_ in ("DATE", "TIME"):
                return None  # the month "March" is no march
            pos = "NOUN"
        else:
            return None
        heads = [lemma] if pos == "VERB" or tok.lower_ == lemma else [lemma, tok.lower_]  # plural-only nouns: "talks"
        for head in heads:
            tried: list[TriggerRow] = []  # object rows that failed on the object heads
            for row in self.by_head.get((pos, head), ()):
                m = self._fits(row, tok)
                if m is not None and row.objects:
                    return self._refined(m)
                if row.objects:
                    tried.append(row)
                    continue
                if m is not None:
                    return self._by_compound(tried, tok) or m
            m = self._by_compound(tried, tok)
            if m is not None:
                return m
        return None

    def _by_compound(self, rows: list[TriggerRow], tok: Token) -> Match | None:
        """An object row met by a compound modifier of the object ("mediation efforts").

        Only when the modifier is itself an event noun of the lexicon ('ceasefire', 'aid',
        'mediation'; not the classifier 'refugee' of "the refugee agency"), and the object
        noun has no specific reading of its own: "launched a missile test" is a test (150).
        """
        for row in rows:
            m = self._fits(row, tok, compounds=True)
            if m is None or self._plain_noun(m.object_token.lemma_.lower()) is None:
                continue
            own = self.match(m.object_token.head)
            if own is None or not own.row.extra:
                return Match(row, tok, m.object_token.head)
        return None

    def _plain_noun(self, head: str) -> TriggerRow | None:
        """The noun row of ``head`` with no modifier, preposition or object: its generic reading."""
        return next((r for r in self.by_head.get(("NOUN", head), ())
                     if not r.extra and not r.prep and not r.objects), None)

    def _refined(self, m: Match) -> Match:
        """A verb that performs its object event takes the object's more specific code.

        "held joint exercises": 'hold' + exercise reads 150 (as the plain noun does), the
        modifier reading 'joint exercise' says 062; "went on hunger strike": 143 -> 142 (same
        root). A verb whose code is neither ('cut' + aid, 162) changes the event and keeps
        its own code.
        """
        obj = m.object_token
        if m.row.pos != "VERB" or obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.dep_ == "compound":
            return m
        own = self.match(obj)
        if own is None or not own.row.extra or own.row.weight == 0 or own.row.code == m.row.code:
            return m
        plain = self._plain_noun(own.row.head)
        if own.row.code[:2] != m.row.code[:2] and (plain is None or plain.code[:2] != m.row.code[:2]):
            return m  # "cut military aid": 162, not 072
        return Match(replace(m.row, code=own.row.code), m.token, obj)

    @staticmethod
    def _fits(row: TriggerRow, tok: Token, compounds: bool = False) -> Match | None:
        if row.pos == "VERB" and row.extra:
            # the small model often parses the particle as a preposition: "walked out of the talks"
            particles = {c.lemma_.lower() for c in tok.children if c.dep_ in ("prt", "advmod", "acomp")
                         or c.dep_ == "prep" and c.lower_ in ("out", "off", "up", "down", "back", "over")}
            # ... or as "more than" of the number after it: "handed over 700 kg of medicine"
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.dep_ == "quantmod" and nxt.lower_ in ("over", "out", "up", "off"):
                particles.add(nxt.lower_)
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
            # "allowed refugees to return": the subject of the infinitive is the verb's object
            candidates += [s for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                           and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                           for s in c.children if s.dep_ == "nsubj"]
            # "the sanctions imposed on Iran": the noun the participle modifies is its object
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                candidates.append(tok.head)
        expanded = []
        for c in candidates:
            expanded.append(c)
            expanded += [cc for cc in c.conjuncts]
        for c in list(expanded):
            if is_quantity(c):  # "took dozens of hostages", "provided 25,000 tons of food aid"
                expanded += _measured(c, tok)
        if compounds:  # "ended mediation efforts": the modifier, not the head, names the thing
            expanded = [mod for c in expanded for mod in c.children
                        if mod.dep_ == "compound" and mod.pos_ in ("NOUN", "PROPN")]
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
