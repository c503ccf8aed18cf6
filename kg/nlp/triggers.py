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

from kg.errors import E, KGError
from kg.nlp import memo
from kg.nlp.tokens import is_quantity, is_verb

__all__ = ["Lexicon", "Match", "TriggerRow", "load_lexicon", "type_words"]

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
        self._heads = frozenset(head for _, head in self.by_head)  # every head word, of either part of speech

    def codes(self) -> set[str]:
        return {r.code for r in self.rows}

    def may_match(self, lemma: str, lower: str) -> bool:
        """Whether a token of this lower-case lemma and form can match at all (the cheap test first)."""
        return lemma in self._heads or lower in self._heads or _has_verb_rule(lemma)

    def match(self, tok: Token) -> Match | None:
        """The most specific row that fits ``tok``, if any (once per token and document, see kg.nlp.memo)."""
        return memo.cached(tok.doc, ("trigger", id(self), tok.i), lambda: self._match(tok))

    def _match(self, tok: Token) -> Match | None:
        lemma = tok.lemma_.lower()
        if not self.may_match(lemma, tok.lower_):
            return None  # no row and no verb reading for this word, whatever its part of speech
        pos = _trigger_pos(tok)
        if pos is None:
            return None
        if pos == "VERB":
            ruled = self._verb_rules(tok)
            if ruled is not None:
                return ruled
        heads = [lemma] if pos == "VERB" or tok.lower_ == lemma else [lemma, tok.lower_]  # plural-only nouns: "talks"
        for head in heads:
            m = self._match_head(tok, pos, head)
            if m is not None:
                return m
        return None

    def _match_head(self, tok: Token, pos: str, head: str) -> Match | None:
        """Rows of one head word: an object row that fits wins, then the plain row, then a compound reading."""
        tried: list[TriggerRow] = []  # object rows that failed on the object heads
        for row in self.by_head.get((pos, head), ()):
            m = self._fits(row, tok)  # the objects' words are read once per token (kg.nlp.memo)
            if m is not None and row.objects:
                return self._refined(m)
            if row.objects:
                tried.append(row)
                continue
            if m is not None:
                return self._by_compound(tried, tok) or m
        return self._by_compound(tried, tok)

    # ------------------------------------------------------------------ wordings with no trigger row

    def _verb_rules(self, tok: Token) -> Match | None:
        """Readings of a verb that depend on its complement, not on the verb word alone."""
        lemma = tok.lemma_.lower()
        if lemma in type_words("directive_verb"):
            m = self._directive(tok)
            if m is not None:
                return m
        if lemma in type_words("characterise_verb") and _pejorative_predicate(tok) is not None:
            return Match(_row("111", lemma, _pejorative_predicate(tok), 0.75), tok, _pejorative_predicate(tok))
        if lemma in type_words("help_verb"):
            done = next((c for c in _complement_verbs(tok) if c.lemma_.lower() in type_words("development_verb")), None)
            if done is not None:  # "will help Ghana modernise its railways": aid to the helped party
                return Match(_row("070", lemma, done, 0.6), tok, done)
        return None

    def _directive(self, tok: Token) -> Match | None:
        """A command that performs its act: "ordered the envoy to leave" reads as "expelled the envoy";
        "instructed its army chiefs to deploy troops" and "ordered the deployment of troops" are the
        deployment, done by the one who orders. Orders to another party stay demands (no match here)."""
        addressee = next((c for c in tok.children if c.dep_ in ("dobj", "dative", "iobj")), None)
        for comp in _complement_verbs(tok):
            if comp.lemma_.lower() in type_words("departure_verb"):
                who = addressee or next((s for s in comp.children if s.dep_ == "nsubj"), None)
                if who is not None:
                    return self._as_expulsion(tok, who)
            if addressee is not None and _is_subordinate(addressee):
                act = self.match(comp)
                if act is not None and act.row.code[:2] not in _SPEECH_ROOTS:
                    return Match(_row(act.row.code, tok.lemma_.lower(), comp, act.row.weight), tok, comp)
        if addressee is not None and addressee.pos_ in ("NOUN", "PROPN"):
            act = self.match(addressee)
            if act is not None and act.row.code[:2] in _FORCE_ROOTS:
                return Match(_row(act.row.code, tok.lemma_.lower(), addressee, act.row.weight), tok, addressee)
        return None

    def _as_expulsion(self, tok: Token, who: Token) -> Match:
        """The 'expel' row that the addressee fits (diplomats 161, citizens 174 ...), else the residual one."""
        lemmas = {who.lemma_.lower(), who.lower_} | {c.lemma_.lower() for c in who.children if c.dep_ == "compound"}
        rows = self.by_head.get(("VERB", "expel"), ())
        row = next((r for r in rows if r.objects & lemmas and r.weight > 0), None) or \
            next((r for r in rows if not r.objects), None) or TriggerRow("166", "VERB", "expel", weight=0.6)
        return Match(replace(row, head=tok.lemma_.lower(), objects=frozenset({who.lemma_.lower()})), tok, who)

    # ------------------------------------------------------------------ object readings

    def _by_compound(self, rows: list[TriggerRow], tok: Token) -> Match | None:
        """An object row met by a compound modifier of the object ("mediation efforts").

        Only when the modifier is itself an event noun of the lexicon ('ceasefire', 'aid',
        'mediation'; not the classifier 'refugee' of "the refugee agency"), and the object
        noun has no specific reading of its own: "launched a missile test" is a test (150).
        """
        for row in rows:
            if not row.prep and not row.extra and not _direct_object_words(tok, True):
                continue  # no compound modifier on any direct object: what _fits would find
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
        if row.extra and not _extra_fits(row, tok):
            return None
        if not row.objects and not row.prep:
            return Match(row, tok, None)
        doc = tok.doc
        if row.prep:
            candidates = memo.cached(doc, ("prep_objects", tok.i, row.prep), lambda: _prep_objects(tok, row.prep))
            if not row.objects:
                return Match(row, tok, candidates[0]) if candidates else None
            # every row of a head asks again: the objects and their expansion, once per token
            words = memo.cached(doc, ("object_words", tok.i, row.prep, compounds),
                                lambda: _object_words(_expanded(candidates, tok), compounds))
        else:
            words = _direct_object_words(tok, compounds)
        hit = next((c for c, lemma, lower in words if lemma in row.objects or lower in row.objects), None)
        return Match(row, tok, hit) if hit is not None else None


def _direct_object_words(tok: Token, compounds: bool) -> list[tuple[Token, str, str]]:
    """:func:`_object_words` of the direct objects, once per token and document (kg.nlp.memo)."""
    return memo.cached(tok.doc, ("object_words", tok.i, None, compounds),
                       lambda: _object_words(_expanded(_direct_objects(tok), tok), compounds))


def _object_words(expanded: list[Token], compounds: bool) -> list[tuple[Token, str, str]]:
    """(token, lower-case lemma, lower-case form) of each object a row may name."""
    if compounds:  # "ended mediation efforts": the modifier, not the head, names the thing
        expanded = [mod for c in expanded for mod in c.children
                    if mod.dep_ == "compound" and mod.pos_ in ("NOUN", "PROPN")]
    return [(c, c.lemma_.lower(), c.lower_) for c in expanded]


# roots of speech acts: a command to speak is no act of the commander
_SPEECH_ROOTS = ("01", "02", "10")
# roots of acts of force that an order to a noun performs ("ordered air strikes", "ordered the mobilisation")
_FORCE_ROOTS = ("15", "17", "18", "19", "20")


def _has_verb_rule(lemma: str) -> bool:
    """Whether :meth:`Lexicon._verb_rules` may read a verb of this lemma."""
    return lemma in _verb_rule_words()


@lru_cache(maxsize=1)
def _verb_rule_words() -> frozenset[str]:
    return type_words("directive_verb") | type_words("characterise_verb") | type_words("help_verb")


def _trigger_pos(tok: Token) -> str | None:
    """VERB or NOUN for a token that may state an event; None for any other word."""
    if is_verb(tok):
        return "VERB"
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":  # "aid trucks" are trucks
        return None
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("DATE", "TIME"):
        return None  # the month "March" is no march
    return "NOUN"


def _extra_fits(row: TriggerRow, tok: Token) -> bool:
    """The particle of a phrasal verb row, or the modifiers of a noun row, are present."""
    return set(row.extra) <= memo.cached(tok.doc, ("extra_words", tok.i, row.pos == "VERB"),
                                         lambda: _extra_words(tok, row.pos == "VERB"))


def _extra_words(tok: Token, verb: bool) -> set[str]:
    if verb:
        return _particles(tok)
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    mods |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    return mods


def _particles(tok: Token) -> set[str]:
    """Particles of a verb, however the parser attached them."""
    # the small model often parses the particle as a preposition: "walked out of the talks"
    particles = {c.lemma_.lower() for c in tok.children if c.dep_ in ("prt", "advmod", "acomp")
                 or c.dep_ == "prep" and c.lower_ in type_words("particle_prep")}
    # ... or as "more than" of the number after it: "handed over 700 kg of medicine"
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.dep_ == "quantmod" and nxt.lower_ in type_words("quantmod_particle"):
        particles.add(nxt.lower_)
    return particles


def _prep_objects(tok: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` on ``tok``."""
    out: list[Token] = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.lower_ == prep:
            # "called Zelensky on Monday": a date is no object of 'call on'
            out += [c for c in p.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")]
    return out


def _direct_objects(tok: Token) -> list[Token]:
    """The object of a verb, the subject of its infinitive complement, the noun a participle modifies."""
    out = [c for c in tok.children if c.dep_ in _OBJECT_DEPS]
    # "allowed refugees to return": the subject of the infinitive is the verb's object
    out += [s for c in tok.children if c.dep_ in ("ccomp", "xcomp") and _is_infinitive(c)
            for s in c.children if s.dep_ == "nsubj"]
    # "the sanctions imposed on Iran": the noun the participle modifies is its object
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        out.append(tok.head)
    if not out and tok.lemma_.lower() in type_words("ergative_verb"):
        out += _ergative_subjects(tok)
    return out


def _ergative_subjects(tok: Token) -> list[Token]:
    """"peacekeepers began deploying", "the monitors withdrew": used without an object, a verb of
    moving forces has what is moved as its subject (its own, or that of the verb it completes)."""
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj and tok.dep_ == "xcomp":
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
    return subj


def _expanded(candidates: list[Token], verb: Token) -> list[Token]:
    """Candidates with their conjuncts and, for quantities, what they measure."""
    expanded: list[Token] = []
    for c in candidates:
        expanded.append(c)
        expanded += list(c.conjuncts)
    for c in list(expanded):
        if is_quantity(c):  # "took dozens of hostages", "provided 25,000 tons of food aid"
            expanded += _measured(c, verb)
    return expanded


def _is_infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _complement_verbs(tok: Token) -> list[Token]:
    """Verbs complementing ``tok`` ("ordered X to leave", "help X build"), however the parser hangs them."""
    return [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl", "conj") and is_verb(c)
            and (c.dep_ in ("xcomp", "ccomp") or _is_infinitive(c))]


def _is_subordinate(tok: Token) -> bool:
    """An addressee under the speaker's command: 'its defence chiefs', 'the army', 'security forces'."""
    words = {tok.lemma_.lower(), tok.lower_} | {c.lemma_.lower() for c in tok.children if c.dep_ == "compound"}
    return bool(words & type_words("subordinate_noun"))


def _pejorative_predicate(verb: Token) -> Token | None:
    """The judging predicate of a naming verb: "called the move a betrayal", "described the delay as
    absurd", "likened the raid to piracy", "labelled the leader a tyrant"."""
    preds = [c for c in verb.children if c.dep_ in ("oprd", "attr", "acomp", "ccomp", "xcomp", "dobj", "npadvmod")]
    # "as"/"to" may hang on the verb or on its object ("likened [the raid to piracy]")
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    preds += [x for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in type_words("predicate_prep")
              for x in p.children if x.dep_ in ("pobj", "amod", "acomp")]
    preds += [x for c in list(preds) for x in c.children if x.dep_ in ("amod", "nsubj", "attr", "acomp", "dobj")]
    pejoratives = type_words("pejorative")
    return next((p for p in preds if p.lemma_.lower() in pejoratives or p.lower_ in pejoratives), None)


def _row(code: str, head: str, obj: Token, weight: float) -> TriggerRow:
    """A row made by a rule, shaped like a verb + object collocation (so the object is consumed)."""
    return TriggerRow(code=code, pos="VERB", head=head, objects=frozenset({obj.lemma_.lower()}), weight=weight)


@lru_cache(maxsize=1)
def _type_rules() -> dict[str, frozenset[str]]:
    text = resources.files("kg.data").joinpath("type_rules.csv").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for r in csv.DictReader(text.splitlines()):
        kind, word = (r.get("kind") or "").strip(), (r.get("word") or "").strip().lower()
        if not kind or not word:
            raise KGError(E.E260.format(file="type_rules.csv", row=r))
        out.setdefault(kind, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=None)  # asked ~700 times per document: one cached lookup
def type_words(kind: str) -> frozenset[str]:
    """A word class of ``kg/data/type_rules.csv`` ('directive_verb', 'pejorative', ...)."""
    return _type_rules().get(kind, frozenset())


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
