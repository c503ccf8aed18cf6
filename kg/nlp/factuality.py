"""Factuality of an event trigger, with scope.

``assess(trigger)`` decides whether the text asserts that the event happened
(Actual), did not happen (Negated), is agreed or scheduled for the future
(Planned) or is only discussed, demanded or hypothetical (Possible), with the
cue words it relied on and a confidence.

It is not keyword spotting. The trigger's own modifiers are read first
("no agreement", "will meet", "a planned visit", a relative clause such as "a
summit that was cancelled"); then the dependency parse is climbed from the
trigger only through relations that put the trigger inside the scope of its
governor: complements (xcomp, ccomp, dobj, attr, a passive subject), the
object of a complement preposition ("agreed to", "called for", "talks on"),
the clause of a cue noun ("plans to meet"). At each governor its lexical cue
("failed to", "agreed to", "discussing") and then its own modifiers ("did
not", "could", a negative subject such as "neither side") are collected,
innermost first. So a cue reaches down into complements but never up to a
governor's subject ("The meeting did not produce an agreement": only the
agreement is negated), nor sideways into a coordinated clause ("agreed to A
but failed to agree on B"), nor into a relative or adverbial clause.

Finer points, each a general rule rather than a listed sentence:

- verbs whose subject *is* the event pass their cues to it ("the visit never
  took place", "talks will resume"), unless a copula has a predicate of its
  own ("the meeting was not a success"); verbs whose cue is about their
  subject say so in the lexicon ("the deal fell through");
- a reporting verb ends the climb: "X said Y met Z" is Actual, "X said Y
  would meet Z" Planned, and "did not say" negates nothing that was said;
- a trigger in an adjunct ("met at the summit", "in a call on Friday") or the
  topic of a plain verb ("declined to comment on the talks") is the setting of
  the outer event: plans and possibilities carry over ("will meet at a
  summit"), a negation does not; the outcome of a result verb ("did not lead
  to a deal") is negated;
- the levels are folded from the inside out: an outer negation negates a
  planned or possible event ("did not agree to meet"), an outer Possible
  weakens a plan ("may agree to meet"), an outer Planned keeps what is inside
  it; a negation over a negation ("refused to rule out talks") is Possible
  with low confidence; on one word a negation beats a plan ("a planned visit
  was called off"), and "may/might not" stays Possible.

The lexicon, with where each cue attaches, is ``kg/data/factuality_cues.csv``.
"""
from __future__ import annotations

import csv
import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Literal

from spacy.tokens import Token

from kg.errors import E, KGError
from kg.model import FACTUALITIES, Factuality
from kg.nlp import memo

__all__ = ["Assessment", "Cue", "assess", "tense", "grammatical_tense", "cues", "lexical_cue", "presupposed", "escapes_clause",
           "Tense"]

Tense = Literal["past", "present", "future"]
ATTACHMENTS = ("governor", "subject", "existential", "report", "result", "modifier", "determiner",
               "quantifier", "npi", "preposition", "mark", "time", "root_infinitive")

# Relations by which a word sits inside the scope of its head (the child's dep).
_SCOPE_DEPS = frozenset({"xcomp", "ccomp", "dobj", "acl", "attr", "nsubjpass", "compound", "oprd",
                         "dative", "csubjpass", "acomp", "pcomp", "obj", "appos"})
_PREP_OBJ_DEPS = frozenset({"pobj", "pcomp"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    """Closed English word classes of the scope rules (kg/data/factuality_words.csv)."""
    raw = resources.files("kg.data").joinpath("factuality_words.csv").read_text(encoding="utf-8")
    out: dict[str, set[str]] = defaultdict(set)
    for r in csv.DictReader(raw.splitlines()):
        kind, word = (r.get("kind") or "").strip(), (r.get("word") or "").strip().lower()
        if not kind or not word:
            raise KGError(E.E720.format(file="factuality_words.csv", row=r))
        out[kind].add(word)
    return {k: frozenset(v) for k, v in out.items()}


def _words(kind: str) -> frozenset[str]:
    return _word_classes().get(kind, frozenset())


# Prepositions that introduce a complement of a cue word ("agreed to", "called for", "talks on",
# "prospect of"); any other ("at the summit", "in a call", "during talks") introduces an adjunct.
_COMPLEMENT_PREPS = _words("complement_prep")
# Modifier relations read for modifier cues, at every level.
_MOD_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "amod", "acomp", "npadvmod", "nmod"})
_SUBJ_DEPS = frozenset({"nsubj", "csubj", "expl"})
_CLAUSE_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_TIME_ATTACH_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl"})
_CONTRAST_CC = _words("contrast_cc")
_SHARED_NEG_CC = _words("shared_neg_cc")
_REL_PRONOUNS = _words("rel_pronoun")
_PRESUPPOSING = _words("presupposing_prep")  # "after the talks": the talks took place
_EPISTEMIC = _words("epistemic")  # "may not meet" stays Possible, "could not" is Negated
_AUX_LIKE = frozenset({"aux", "auxpass", "neg"})
_TIME_NOUNS = _words("time_noun")
_FUTURE_AUX = _words("future_aux")
_PAST_AUX_TAGS = frozenset({"VBD"})


@dataclass(frozen=True)
class Cue:
    """One row of the cue lexicon."""

    words: tuple[str, ...]
    value: str
    attach: str
    weight: float
    via: frozenset[str] = field(default_factory=frozenset)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class Assessment:
    """The factuality of one trigger.

    ``value`` is one of :data:`kg.model.FACTUALITIES`; ``cues`` are the cue
    words found, innermost first, as they appear in the text (lower-cased);
    ``confidence`` (0..1) is how sure the assessment is: high for a plain
    assertion or one clear cue, lower for weak cues ("would", "reportedly"),
    long cue chains and double negation.
    """

    value: Factuality
    cues: tuple[str, ...] = ()
    confidence: float = 0.9


@dataclass(frozen=True)
class _Hit:
    value: str
    text: str
    weight: float
    prospective: bool = False  # looks forward: a governing verb, a modal auxiliary, "next week"


@lru_cache(maxsize=1)
def cues() -> dict[str, dict[str, tuple[Cue, ...]]]:
    """The cue lexicon: attach -> first word -> cues (longest phrases first)."""
    raw = resources.files("kg.data").joinpath("factuality_cues.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in raw.splitlines() if line.strip() and not line.startswith("#"))
    table: dict[str, dict[str, list[Cue]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        try:
            value, attach = r["value"].strip(), r["attach"].strip()
            if value not in FACTUALITIES or attach not in ATTACHMENTS:
                raise ValueError(f"value must be one of {FACTUALITIES}, attach one of {ATTACHMENTS}")
            words = tuple(r["cue"].strip().lower().split())
            weight = float(r["weight"])
            if not words or not 0.0 < weight <= 1.0:
                raise ValueError("empty cue or weight outside (0, 1]")
        except (ValueError, AttributeError, TypeError) as exc:
            raise KGError(E.E701.format(file="factuality_cues.csv", row=r, detail=exc)) from exc
        via = frozenset(v for v in (r.get("via") or "").strip().split("|") if v)
        table[attach][words[0]].append(Cue(words, value, attach, weight, via))
    return {a: {w: tuple(sorted(cs, key=lambda c: -len(c.words))) for w, cs in d.items()}
            for a, d in table.items()}


# --------------------------------------------------------------------------- matching

def _keys(tok: Token) -> tuple[str, ...]:
    return (tok.lemma_.lower(), tok.text.lower())


def _verb_keys(tok: Token) -> tuple[str, ...]:
    """Lemma candidates for a verb form, for when the lemmatiser slips
    ('hoped' -> 'hop'): the closed lexicon keeps the guesses harmless."""
    return _verb_keys_of(tok.lemma_.lower(), tok.text.lower())


@lru_cache(maxsize=8192)  # a function of two strings: the same few thousand word forms recur
def _verb_keys_of(lemma: str, low: str) -> tuple[str, ...]:
    keys = [lemma, low]
    if low.endswith("ied"):
        keys.append(low[:-3] + "y")
    if low.endswith("ed"):
        keys += [low[:-1], low[:-2]]
    if low.endswith("ing"):
        keys += [low[:-3], low[:-3] + "e"]
    if low.endswith("s"):
        keys += [low[:-1], low[:-2] if low.endswith("es") else low]
    return tuple(dict.fromkeys(keys))


def _near_words(tok: Token) -> set[str]:
    """Lemmas and forms of the dependents of ``tok``, two levels down."""
    out: set[str] = set()
    for child in tok.children:
        out.update(_keys(child))
        for grand in child.children:
            out.update(_keys(grand))
    return out


def _sibling_words(tok: Token) -> set[str]:
    if tok.head.i == tok.i:
        return set()
    return {k for sib in tok.head.children if sib.i != tok.i for k in _keys(sib)}


@lru_cache(maxsize=1)
def _by_last_word() -> dict[str, tuple[Cue, ...]]:
    """Multiword modifier cues indexed by their last word, the one spaCy makes the
    head ("no longer": 'no' hangs on 'longer')."""
    out: dict[str, list[Cue]] = defaultdict(list)
    for entries in cues().get("modifier", {}).values():
        for cue in entries:
            if len(cue.words) > 1:
                out[cue.words[-1]].append(cue)
    return {w: tuple(cs) for w, cs in out.items()}


def _match(tok: Token, attach: str, via: str | None = None) -> Cue | None:
    table = cues().get(attach, {})
    near: set[str] | None = None
    keys = _verb_keys(tok) if attach in ("governor", "subject", "existential", "report") else _keys(tok)
    if attach == "modifier":
        children = {k for c in tok.children for k in _keys(c)}
        for key in keys:
            for cue in _by_last_word().get(key, ()):
                if all(w in children for w in cue.words[:-1]):
                    return cue
    for key in keys:
        for cue in table.get(key, ()):
            if via is not None and cue.via and via not in cue.via:
                continue
            if len(cue.words) > 1:
                if near is None:
                    # a modifier phrase is spread over siblings ("would have"), others hang below
                    near = _sibling_words(tok) if attach == "modifier" else _near_words(tok)
                if not all(w in near for w in cue.words[1:]):
                    continue
            return cue
    return None


def _hit(cue: Cue, tok: Token) -> _Hit:
    if len(cue.words) == 1:
        text = tok.text.lower()
    elif cue.words[-1] in _keys(tok) and cue.words[0] not in _keys(tok):
        text = " ".join(cue.words[:-1] + (tok.text.lower(),))  # "no longer", matched on 'longer'
    else:
        text = " ".join((tok.text.lower(),) + cue.words[1:])
    prospective = cue.attach in ("governor", "subject", "time", "root_infinitive") or (
        cue.attach == "modifier" and tok.dep_ in ("aux", "auxpass"))
    return _Hit(cue.value, text, cue.weight, prospective)


def _modifier_hits(tok: Token, skip: Token | None = None) -> list[_Hit]:
    """Cues among the dependents of ``tok`` (one clause level): modal, negation,
    adverbs, adjectives, determiners, subordinators and time modifiers."""
    hits: list[_Hit] = []
    for child in tok.children:
        if skip is not None and child.i == skip.i:
            continue
        hit = _modifier_cue(child) or _determiner_cue(child)
        if hit is not None:
            hits.append(hit)
            continue
        hits.extend(_subject_quantifier_hits(child))
        hits.extend(_subordinator_hits(child))
        hits.extend(_time_hits(child))
    return hits


def _modifier_cue(child: Token) -> _Hit | None:
    """A modal, negation, adverb or adjective cue: "will", "did not", "reportedly", "planned"."""
    dep = child.dep_
    if not (dep in _MOD_DEPS or (dep == "det" and child.text.lower() == "never")):
        return None
    cue = _match(child, "modifier")
    if cue is None:
        return None
    hit = _hit(cue, child)
    if dep == "neg":  # report "did not", "won't", "would never" as one cue
        hit = dataclasses.replace(hit, text=_with_auxiliary(child))
    return hit


def _determiner_cue(child: Token) -> _Hit | None:
    """A negative determiner ("no deal") or a negative-polarity item ("any")."""
    if not (child.dep_ == "det" or (child.dep_ == "advmod" and child.text.lower() == "no")):
        return None
    cue = _match(child, "determiner") or _match(child, "npi")
    if cue is None:
        return None
    return _Hit("npi" if cue.attach == "npi" else cue.value, child.text.lower(), cue.weight)


def _subject_quantifier_hits(child: Token) -> list[_Hit]:
    """A negative subject negates its predicate: "neither side agreed", "nobody attended"."""
    if child.dep_ not in ("nsubj", "nsubjpass"):
        return []
    for q in (child, *(c for c in child.children if c.dep_ in ("det", "preconj"))):
        if (cue := _match(q, "quantifier")) is not None:
            text = q.text.lower() if q.i == child.i else f"{q.text.lower()} {child.text.lower()}"
            return [_Hit(cue.value, text, cue.weight)]
    return []


def _subordinator_hits(child: Token) -> list[_Hit]:
    """A subordinator of this clause, or of a conditional clause on it ("if they agree, they will meet")."""
    if child.dep_ == "mark":
        cue = _match(child, "mark")
        return [_hit(cue, child)] if cue is not None else []
    if child.dep_ != "advcl":
        return []
    return [_hit(cue, mark) for mark in child.children
            if mark.dep_ == "mark" and (cue := _match(mark, "mark")) is not None and cue.words[0] != "whether"]


def _with_auxiliary(neg: Token) -> str:
    doc = neg.doc
    prev = doc[neg.i - 1] if neg.i > 0 else None
    if prev is not None and prev.head.i == neg.head.i and prev.dep_ in ("aux", "auxpass"):
        return doc[prev.i:neg.i + 1].text.lower()
    return neg.text.lower()


def _time_hits(child: Token) -> list[_Hit]:
    """'next week', 'in the coming days', 'tomorrow' attached to a clause."""
    nouns: list[Token] = []
    if child.dep_ in _TIME_ATTACH_DEPS:
        nouns.append(child)
    elif child.dep_ in _PREP_DEPS:
        nouns.extend(g for g in child.children if g.dep_ == "pobj")
    hits: list[_Hit] = []
    for noun in nouns:
        cue = _match(noun, "time")
        if cue is not None:
            hits.append(_hit(cue, noun))
            continue
        if noun.lemma_.lower() in _TIME_NOUNS or noun.text.lower() in _TIME_NOUNS:
            for mod in noun.children:
                if mod.dep_ in ("amod", "det", "nmod") and (cue := _match(mod, "time")) is not None:
                    hits.append(_Hit(cue.value, f"{mod.text.lower()} {noun.text.lower()}", cue.weight, True))
    return hits


def _preposition_hit(prep: Token) -> tuple[_Hit | None, bool]:
    """A cue carried by the preposition on the path ("without", "instead of").

    Returns the hit and whether the preposition's head word was part of it."""
    table = cues().get("preposition", {})
    phrases = [(prep.text.lower(), prep, False)]
    phrases += [(f"{c.text.lower()} {prep.text.lower()}", c, False) for c in prep.children if c.dep_ == "advmod"]
    if prep.head.i != prep.i and prep.head.i == prep.i - 1:
        phrases.append((f"{prep.head.text.lower()} {prep.text.lower()}", prep.head, True))
    for text, first, used_head in phrases:
        for cue in table.get(text.split()[0], ()):
            if " ".join(cue.words) == text:
                return _Hit(cue.value, text, cue.weight), used_head
    return None, False


def _governor_hit(gov: Token, via: str, attach: str = "governor") -> _Hit | None:
    cue = _match(gov, attach, via)
    if cue is None and attach == "governor":
        cue = _match(gov, "subject", via)
    return _hit(cue, gov) if cue is not None else None


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _has_predicate(verb: Token) -> bool:
    """A copula with a predicate of its own ('was not a success', 'was not productive');
    a predicate that is itself a cue ('is likely', 'is due') does not count."""
    for c in verb.children:
        if c.dep_ == "attr" or (c.dep_ == "acomp" and _match(c, "modifier") is None
                                and lexical_cue(c) is None):
            return True
    return False


def _has_child(tok: Token, deps: Iterable[str]) -> bool:
    deps = frozenset(deps)
    return any(c.dep_ in deps for c in tok.children)


def _cc_word(conj: Token, first: Token) -> str:
    ccs = [c for c in list(first.children) + list(conj.children)
           if c.dep_ in ("cc", "preconj") and c.i < conj.i]
    return max(ccs, key=lambda c: c.i).text.lower() if ccs else ""


def _shared_hits(conj: Token, first: Token) -> list[_Hit]:
    """Modifiers a conjunct shares with the first conjunct.

    Nouns share a negative determiner or modifier when they have no determiner
    of their own ("no deal or ceasefire"); verbs share auxiliaries only when
    they have no subject and no auxiliary of their own, and share a negation
    only under 'and/or/nor', never across 'but' (a new clause).
    """
    cc = _cc_word(conj, first)
    if cc == "nor":  # "... nor will she meet him": the conjunct is negated in its own right
        return [_Hit("Negated", "nor", 0.8)]
    if conj.pos_ in ("NOUN", "PROPN"):
        if _has_child(conj, ("det", "amod", "poss")):
            return []
        return [h for h in _modifier_hits(first, skip=conj)]
    if _has_child(conj, _CLAUSE_SUBJ_DEPS | _AUX_LIKE):
        return []
    if cc in _CONTRAST_CC:
        return []
    hits = []
    for child in first.children:
        if child.dep_ in _AUX_LIKE and (cue := _match(child, "modifier")) is not None:
            if cue.value == "Negated" and cc not in _SHARED_NEG_CC:
                continue
            hits.append(_hit(cue, child))
    return hits


def _shared_subject_levels(verb: Token) -> list[list[_Hit]]:
    """Cues of later verbs that share ``verb``'s subject: "the summit was planned but
    never took place", "the talks were scheduled for May but were cancelled"."""
    levels: list[list[_Hit]] = []
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or _has_child(conj, _CLAUSE_SUBJ_DEPS):
            continue
        if _has_child(conj, ("auxpass",)):
            hit = _governor_hit(conj, "nsubjpass")
        else:
            cue = _match(conj, "subject")
            hit = _hit(cue, conj) if cue is not None else None
            if hit is None and (_match(conj, "existential") is None or _has_predicate(conj)):
                continue
        levels.append([hit] if hit else [])
        levels.append(_modifier_hits(conj))
    return levels


def _relative_levels(noun: Token) -> list[list[_Hit]]:
    """Governors reached through a relative or reduced relative clause on the
    trigger ("a summit that was cancelled", "a visit planned for May", "a
    meeting that never took place")."""
    levels: list[list[_Hit]] = []
    for child in noun.children:
        if child.dep_ == "relcl":
            rel = next((c for c in child.children if c.text.lower() in _REL_PRONOUNS or c.tag_ in ("WDT", "WP")), None)
            role = rel.dep_ if rel is not None else ""
            if role in ("nsubjpass", "dobj"):
                h = _governor_hit(child, role)
            elif role == "nsubj" and (_match(child, "existential") or _match(child, "subject")):
                h = _governor_hit(child, "nsubj", attach="subject")
            else:
                continue
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            h = _governor_hit(child, "nsubjpass")
        else:
            continue
        levels.append([h] if h else [])
        levels.append(_modifier_hits(child))
    return levels


# --------------------------------------------------------------------------- combining

def _resolve_level(hits: list[_Hit]) -> tuple[str, list[_Hit]]:
    """The value one level stands for, and the hits that decided it."""
    real = [h for h in hits if h.value != "npi"]
    values = {h.value for h in real}
    if "Negated" in values:
        if any(h.text in _EPISTEMIC for h in real):
            return "Possible", real
        return "Negated", [h for h in real if h.value == "Negated"]
    for value in ("Possible", "Planned"):
        if value in values:
            return value, [h for h in real if h.value == value]
    return "Actual", [h for h in real if h.value == "Actual"]


def _combine(inner: str, outer: str) -> str:
    if outer == "Actual":
        return inner
    if inner == "Actual":
        return outer
    if outer == "Negated":
        return "Possible" if inner == "Negated" else "Negated"
    if outer == "Planned":
        return inner  # a plan keeps what is inside it: Negated, Possible or Planned
    return "Possible"  # outer Possible: a discussed plan or a discussed non-event is only possible


@dataclass
class _Climb:
    """The state of one climb from a trigger up its governors."""

    levels: list[list[_Hit]]
    tok: Token
    seen: set[int]
    ceiling: float = 0.9
    # Once the path has left through an adjunct ("met at the summit"), the trigger is the
    # setting of the outer event: a plan or a possibility still carries over ("will meet at
    # a summit"), a negation does not ("did not meet at the summit": the summit took place).
    setting: bool = False

    def add(self, hits: list[_Hit]) -> None:
        self.levels.append([h for h in hits if h.value not in ("Negated", "npi")] if self.setting else hits)

    def visit(self, tok: Token) -> bool:
        """Move to ``tok``; False when it was reached before (a cycle in a bad parse)."""
        self.tok = tok
        if tok.i in self.seen:
            return False
        self.seen.add(tok.i)
        return True


@dataclass(frozen=True)
class _Step:
    """One move up: the governor reached, the relation it was reached by, the child below it."""

    gov: Token
    via: str
    child: Token
    adjunct: bool = False


def _climb(trigger: Token) -> tuple[list[list[_Hit]], float]:
    """The cue levels governing ``trigger``, innermost first, and a ceiling on
    the confidence (lower when the climb ended at a reporting verb)."""
    levels: list[list[_Hit]] = [_modifier_hits(trigger)]
    if trigger.pos_ in ("NOUN", "PROPN"):
        levels.extend(_relative_levels(trigger))
    st = _Climb(levels=levels, tok=trigger, seen={trigger.i})
    while st.tok.head.i != st.tok.i:
        dep = st.tok.dep_
        if dep == "conj":
            if not _climb_conjunct(st):
                break
            continue
        if dep in _SUBJ_DEPS:
            if not _climb_subject(st):
                break
            continue
        step = _step_up(st)
        if step is None or step.gov.i in st.seen:
            break
        st.seen.add(step.gov.i)
        if not _climb_governor(st, step):
            break
        st.tok = step.gov
    _root_infinitive(st)
    return st.levels, st.ceiling


def _climb_conjunct(st: _Climb) -> bool:
    """A conjunct shares some modifiers of the first conjunct, then climbs from there."""
    tok = st.tok
    first = _first_conjunct(tok.head)
    if escapes_clause(tok):
        # "ordered the envoy to leave and suspended flights": a finite verb cannot belong to the
        # infinitive; it is coordinated with the clause above, a separate assertion
        return False
    st.add(_shared_hits(tok, first))
    return st.visit(first)


def escapes_clause(conj: Token) -> bool:
    """A finite past verb coordinated with an infinitive or a subjunctive complement belongs to the
    clause above: "ordered the envoy to leave and suspended flights", "demanded that the junta
    reinstate the president and imposed sanctions" -- the tense says it is not part of the content."""
    if conj.dep_ != "conj" or not _finite(conj):
        return False
    first = _first_conjunct(conj.head)
    if _bare_infinitive(first):
        return True
    return conj.tag_ in ("VBD", "VBN") and first.tag_ in ("VB", "VBP") and first.dep_ == "ccomp" \
        and not _has_child(first, ("aux", "auxpass"))


def _finite(verb: Token) -> bool:
    """A verb in a tensed form with no auxiliary ('suspended', 'recalls'); a bare participle after
    "to leave and" is read so too (the tagger often calls a past form VBN there)."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") and not _has_child(verb, ("aux", "auxpass"))


def _bare_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _climb_subject(st: _Climb) -> bool:
    """From a subject up to its verb, only when the verb's cue speaks of its subject."""
    child, gov = st.tok, st.tok.head
    subj_cue = _match(gov, "subject")
    if subj_cue is None and (_match(gov, "existential") is None or _has_predicate(gov)):
        # a governor's cue never reaches up to its subject, nor does the negation of a
        # copula's own predicate ("the meeting was not a success"); a later verb sharing
        # the subject still speaks of it ("the talks began but were later cancelled")
        for level in _shared_subject_levels(gov):
            st.add(level)
        return False
    st.add([_hit(subj_cue, gov)] if subj_cue else [])
    st.add(_modifier_hits(gov, skip=child))
    for level in _shared_subject_levels(gov):
        st.add(level)
    return st.visit(gov)


def presupposed(tok: Token) -> bool:
    """The object of a preposition of sequence ("after the talks", "following two days of talks",
    "since the summit"): an event the sentence takes as given, out of reach of the cues above it."""
    prep = tok.head
    if tok.dep_ not in _PREP_OBJ_DEPS or prep is tok or _first_conjunct(prep).dep_ not in _PREP_DEPS:
        return False
    return prep.lower_ in _PRESUPPOSING


def _step_up(st: _Climb) -> _Step | None:
    """The governor above the current word, through a complement relation; None ends the climb."""
    tok = st.tok
    dep, head = tok.dep_, tok.head
    if dep in _PREP_OBJ_DEPS and _first_conjunct(head).dep_ in _PREP_DEPS:
        if presupposed(tok):
            return None  # "agreed to meet again after two days of talks": the talks are a given
        return _prep_step(st, head)
    if dep == "acl" and (lexical_cue(head) is None or tok.tag_ in ("VBN", "VBD")):
        # "refugees fleeing the war": a participle describing a noun is its own predication; a past
        # participle ("the deal, signed on Monday, provides for ...", tagged VBN or VBD) states a done act
        return None
    if dep in _SCOPE_DEPS:
        return _Step(head, dep, tok)
    return None  # advcl, relcl, parataxis, npadvmod...: a separate assertion


def _prep_step(st: _Climb, prep: Token) -> _Step:
    """Through a preposition: its own cue ("instead of"), then the word it hangs on."""
    hit, used_head = _preposition_hit(prep)
    # a negated coordinated preposition: "agreed to a swap but not to a ceasefire"
    hits = [_Hit("Negated", c.text.lower(), 0.8) for c in prep.children if c.dep_ == "neg"]
    st.add(([hit] if hit else []) + hits)
    prep = _first_conjunct(prep)
    gov = prep.head.head if used_head else prep.head  # spaCy may make 'instead' the head of 'of'
    if gov.pos_ in ("ADV", "ADJ") and gov.dep_ in ("advmod", "acomp", "prt", "amod") and gov.head.i != gov.i:
        gov = gov.head  # "stopped short of", "came close to": the cue is on the verb
    result = _match(gov, "result") is not None
    adjunct = hit is None and not result and prep.text.lower() not in _COMPLEMENT_PREPS
    if not adjunct and hit is None and not result and gov.pos_ in ("VERB", "AUX") and lexical_cue(gov) is None:
        # the topic of an ordinary verb ("declined to comment on the talks"): a negation
        # of the commenting is not one of the talks; an outcome ("did not lead to a deal") is
        adjunct = True
    return _Step(gov, "prep", prep, adjunct)


def _climb_governor(st: _Climb, step: _Step) -> bool:
    """Collect the governor's cues; False when the climb ends here (reported content)."""
    gov, via, child = step.gov, step.via, step.child
    report = _match(gov, "report")
    if report is not None and via in ("ccomp", "xcomp", "dobj", "prep") and not step.adjunct:
        st.ceiling = min(st.ceiling, report.weight)
        if via == "dobj":  # "announced a summit next month": an announced event in the future
            st.add([h for c in gov.children if c.i != child.i for h in _time_hits(c)])
        return False  # reported content: what the reporter says is not negated by "did not say"
    if step.adjunct:
        st.setting = True
        st.add(_modifier_hits(gov, skip=child))  # its modals, not its lexical cue
        return True
    lex = _governor_hit(gov, via)
    st.add([lex] if lex else [])
    st.add(_modifier_hits(gov, skip=child))
    if via == "nsubjpass":
        for level in _shared_subject_levels(gov):
            st.add(level)
    return True


def _root_infinitive(st: _Climb) -> None:
    """A headline infinitive, "Putin to visit India next week", announces a plan (the parser
    may hang it on the subject noun as the root)."""
    tok = st.tok
    headline = tok.dep_ == "ROOT" or (tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN")
                                      and tok.head.i < tok.i and tok.dep_ in ("relcl", "acl", "advcl", "xcomp"))
    if tok.tag_ != "VB" or not headline:
        return
    for aux in tok.children:
        if aux.dep_ == "aux" and (cue := _match(aux, "root_infinitive")) is not None:
            st.add([_hit(cue, aux)])


def assess(trigger: Token) -> Assessment:
    """Factuality of the event that ``trigger`` names, from the cues in scope.

    Pure: reads the parse only. See the module docstring for the rules.
    """
    return _evaluate(trigger)[0]


def _evaluate(trigger: Token) -> tuple[Assessment, list[_Hit]]:
    """The assessment and its decisive cues (once per token and document, see kg.nlp.memo:
    tense() asks again for every time expression)."""
    assessment, decisive = memo.cached(trigger.doc, ("factuality", trigger.i), lambda: _evaluated(trigger))
    return assessment, list(decisive)


def _evaluated(trigger: Token) -> tuple[Assessment, list[_Hit]]:
    levels, ceiling = _climb(trigger)
    value = "Actual"
    decisive: list[_Hit] = []
    npis: list[str] = []
    n_levels = 0
    double_negation = False
    for hits in levels:
        npis.extend(h.text for h in hits if h.value == "npi")
        level_value, used = _resolve_level(hits)
        if not used:
            continue
        if level_value == "Negated" and value == "Negated":
            double_negation = True
        value = _combine(value, level_value)
        decisive.extend(used)
        if level_value != "Actual":
            n_levels += 1
    words = [h.text for h in decisive]
    if value == "Negated":
        words.extend(npis)
    if decisive:
        confidence = min(min(h.weight for h in decisive), ceiling) * (0.95 ** max(0, n_levels - 1))
    else:
        confidence = ceiling
    if double_negation:
        confidence = min(confidence, 0.4)
    confidence = round(max(0.05, min(0.99, confidence)), 2)
    assessment = Assessment(value=value, cues=tuple(dict.fromkeys(words)), confidence=confidence)  # type: ignore[arg-type]
    return assessment, decisive


# --------------------------------------------------------------------------- tense

def _clause_verb(token: Token) -> Token:
    """The verb whose clause ``token`` belongs to (itself when it is a verb)."""
    tok = token
    for _ in range(len(token.doc)):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "aux", "auxpass"):
            return tok
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def lexical_cue(token: Token) -> Cue | None:
    """The cue a word carries as a governor (or a reporting verb): 'agree',
    'call for', 'cancel', 'say'... None for a word that is not a cue."""
    for attach in ("governor", "subject", "report"):
        cue = _match(token, attach)
        if cue is not None:
            return cue
    return None


def tense(token: Token) -> Tense:
    """Tense of the event the token names, for anchoring its time expression.

    A planned event is future ("agreed to meet on Friday", "a summit
    scheduled for May", "said they would meet"), and so is one that is only
    wanted, proposed or possible by a modal ("hopes to meet on Friday");
    otherwise the grammatical tense of the clause: 'will/shall/would/may/
    might/should/must', 'going to' and 'is to' give future, a past-tense verb
    or auxiliary (VBD, have + VBN) gives past, anything else present. An
    infinitive or gerund takes the tense of the clause it depends on.
    """
    return memo.cached(token.doc, ("tense", token.i), lambda: _tense(token))


def _tense(token: Token) -> Tense:
    fact, decisive = _evaluate(token)
    if fact.value == "Planned":
        return "future"
    if fact.value == "Possible" and any(h.prospective for h in decisive):
        return "future"  # "hopes to meet on Friday", "could meet on Friday"; not "a possible war"
    return grammatical_tense(token)


def grammatical_tense(token: Token) -> Tense:
    """The tense of the clause ``token`` belongs to, from its verb forms only (no factuality)."""
    verb = _clause_verb(token)
    for _ in range(len(token.doc)):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        own = _own_tense(verb, auxes)
        if own is not None:
            return own
        tensed = [a for a in auxes if a.text.lower() != "to"]
        if tensed or verb.tag_ not in ("VB", "VBG", "VBN") or verb.head.i == verb.i \
                or verb.dep_ not in ("xcomp", "ccomp", "acl", "advcl", "pcomp", "conj", "relcl"):
            return "present"
        # an infinitive or gerund takes the tense of the clause it depends on
        gov = verb.head
        if _going_to(gov, auxes):
            return "future"
        verb = _clause_verb(gov)
    return "present"


def _own_tense(verb: Token, auxes: list[Token]) -> Tense | None:
    """Future by a modal auxiliary, past by a past form or a perfect; None when the verb has no tense of its own."""
    if any(a.text.lower() in _FUTURE_AUX or a.lemma_.lower() in _FUTURE_AUX for a in auxes):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ in _PAST_AUX_TAGS for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (any(a.lemma_ == "have" for a in auxes) or verb.dep_ in ("acl", "amod")):
        return "past"
    return None


def _going_to(gov: Token, auxes: list[Token]) -> bool:
    """'is to meet', 'going to meet': a to-infinitive under 'be' or 'going' is future."""
    to_inf = any(a.text.lower() == "to" for a in auxes)
    return to_inf and (gov.lemma_.lower() == "be" or (gov.lemma_.lower() == "go" and gov.tag_ == "VBG"))
