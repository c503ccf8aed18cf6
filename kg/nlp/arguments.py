"""Event arguments from the dependency parse: who acts, on whom, where.

Pure functions over spaCy tokens and the entity contract of
:mod:`kg.nlp.extensions`. Roles follow CAMEO's conventions: the agent is the
source (``by X`` in a passive), the recipient or ``with``-partner the target;
a capital or seat of government acting stands for its country (metonymy),
the same word after ``in``/``at`` is the place.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from spacy.tokens import Doc, Token

from kg.lang import en
from kg.nlp import memo
from kg.nlp.entities import actor_key  # metonymy lives with the entities (one definition)
from kg.nlp.extensions import doc_value, ref_conf, refs_of
from kg.nlp.factuality import escapes_clause
from kg.nlp.gazetteer import role_titles
from kg.nlp.tokens import is_quantity, is_verb, word_set

__all__ = ["Args", "entity_refs", "phrase_refs", "subject_of", "verb_args", "noun_args",
           "find_place", "actor_key", "split_roles", "complement_targets", "complement_place", "light_verb_targets",
           "ACTOR_KINDS", "PLACE_KINDS"]

T = TypeVar("T")

ACTOR_KINDS = {"Person", "Country", "Organization", "Group"}
PLACE_KINDS = {"City", "Place", "Country"}
_PLACE_PREPS = {"in", "at", "inside", "near", "outside"}
# modifiers of an argument noun that name whose it is: "Israeli hostages", "China's actions"
_OWNER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")
# where an earlier mention a pronoun stands for sits: heads of noun phrases and owners
_ANTECEDENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "dative", "poss", "ROOT")


@dataclass
class Args:
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)   # participants with no stated direction
    themes: list[str] = field(default_factory=list)
    place: str | None = None
    conf: float = 1.0                                  # lowest confidence of a resolved reference

    @property
    def actors(self) -> list[str]:
        return _unique(self.sources + self.targets + self.others)

    def absorb(self, other: "Args") -> None:
        for a in other.sources:
            if a not in self.actors:
                self.sources.append(a)
        for a in other.targets:
            if a not in self.actors:
                self.targets.append(a)
        for a in other.others:
            if a not in self.actors:
                self.others.append(a)
        self.themes = _unique(self.themes + other.themes)
        self.place = self.place or other.place
        self.conf = min(self.conf, other.conf)


def _unique(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def _entities(tok: Token) -> dict:
    return doc_value(tok.doc, "kg_entities") or {}


def _kind(key: str, entities: dict) -> str | None:
    return (entities.get(key) or {}).get("kind")


def entity_refs(tok: Token, owners: bool = True) -> tuple[list[str], float]:
    """Entity keys an argument head stands for, with the lowest reference confidence.

    A head that is no entity itself may be owned by one ("Israeli hostages",
    "China's actions") or name one by example ("leaders, including Macron").
    """
    refs = refs_of(tok)
    if refs:
        return list(refs), ref_conf(tok)
    if is_quantity(tok):
        # "tens of thousands of Iraqi students", "members of the delegation": the group named after 'of'
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return entity_refs(p, owners)
    office = _office_of_states(tok)
    if office:
        return office
    if not owners:
        return [], 1.0
    out: list[str] = []
    conf = 1.0
    for c in tok.children:
        if c.dep_ in _OWNER_DEPS and c.i < tok.i:
            r = refs_of(c) or [k for cc in c.conjuncts for k in refs_of(cc)] or _owner_of_modifier(c)
            if r:
                out += r
                conf = min(conf, ref_conf(c))
        elif c.dep_ == "prep" and c.lower_ in word_set("example_preps"):
            for p in c.children:
                if p.dep_ == "pobj":
                    r, cf = phrase_refs(p, owners=False)
                    out += r
                    conf = min(conf, cf)
    if not out:
        return _apposed_name(tok)
    return _unique(out), conf


def _apposed_name(tok: Token) -> tuple[list[str], float]:
    """"the head of the agency, Ali Khan": the appositive names who holds the office (the small model
    often hangs the name on the 'of' object; a person apposed there is still the office holder)."""
    ents = _entities(tok)
    for c in tok.children:
        if c.dep_ == "appos" and c.i > tok.i and refs_of(c):
            return list(refs_of(c)), ref_conf(c)
        if c.dep_ == "prep" and c.lower_ == "of":
            for a in (a for p in c.children if p.dep_ == "pobj" for a in p.children if a.dep_ == "appos"):
                if refs_of(a) and all(_kind(k, ents) == "Person" for k in refs_of(a)):
                    return list(refs_of(a)), ref_conf(a)
    return [], 1.0


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """The head words of office titles ('president', 'minister', 'secretary' ...)."""
    return frozenset(title[-1] for title, _ in role_titles() if title[-1].replace("-", "").isalpha())


def _office_of_states(tok: Token) -> tuple[list[str], float] | None:
    """An office named by the states that hold it: 'the president of Colombia', 'the foreign ministers
    of Peru and Chile' act for those states (coreference has already linked the ones it could to a person)."""
    if tok.lemma_.lower() not in _title_heads() and tok.lower_ not in _title_heads():
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    keys, conf = phrase_refs(p, owners=False)
                    ents = _entities(tok)
                    keys = [k for k in keys if _kind(k, ents) in ACTOR_KINDS]
                    if keys:
                        return keys, conf
    return None


def _owner_of_modifier(mod: Token) -> list[str]:
    """'US drone strikes', 'Israeli Air Force jets': the owner one modifier further out."""
    if mod.dep_ != "compound" or mod.pos_ not in ("NOUN", "PROPN"):
        return []
    return [k for c in mod.children if c.dep_ in ("compound", "amod", "poss") and c.i < mod.i for k in refs_of(c)]


def _refs_state(doc: Doc) -> tuple[int, ...]:
    """Which references and entities a Doc holds now: the stages add to them (a capital's
    reference, a dateline's place), and only ever add, so the objects and their sizes tell."""
    refs, conf, ents = (doc_value(doc, n) for n in ("kg_refs", "kg_ref_conf", "kg_entities"))
    return id(refs), len(refs or ()), id(conf), len(conf or ()), id(ents), len(ents or ())


def _by_refs(tok: Token, key: tuple, compute: Callable[[], T]) -> T:
    """``compute()`` once per scope, ``key`` and state of the references (kg.nlp.memo)."""
    store = memo.store(tok.doc)
    if store is None:
        return compute()
    key = (*key, tok.i, _refs_state(tok.doc))
    try:
        return store[key]
    except KeyError:
        value = store[key] = compute()
        return value


def phrase_refs(tok: Token, owners: bool = True) -> tuple[list[str], float]:
    """Entity keys of a head and its coordinated heads ("Trump and Putin"), including the
    coordination the small model hangs on an appositive or on the clause ("A's chief, X, and
    B's chief, Y, signed"; "by A, B and C" with B read as a loose dependent of the verb)."""
    keys, conf = _by_refs(tok, ("phrase_refs", owners), lambda: _phrase_refs(tok, owners))
    return list(keys), conf  # a copy: callers extend what they get


def _phrase_refs(tok: Token, owners: bool) -> tuple[list[str], float]:
    keys, conf = entity_refs(tok, owners)
    for c in _coordinated(tok):
        k, cf = entity_refs(c, owners)
        keys += k
        conf = min(conf, cf) if k else conf
    return _unique(keys), conf


def _coordinated(tok: Token) -> list[Token]:
    """The heads coordinated with ``tok``, after it (not the subject of a next clause read as one)."""
    out = [c for c in tok.conjuncts if c.i > tok.i and not _misread_subject(c)]
    ents = _entities(tok)
    for a in tok.children:  # only a name apposed to a role noun: "the agency's chief, X, and ..."
        if a.dep_ == "appos" and a.i > tok.i and refs_of(a) and all(_kind(k, ents) == "Person" for k in refs_of(a)):
            if refs_of(tok) and not set(refs_of(a)) & set(refs_of(tok)) and any(x.dep_ == "conj" for x in a.children):
                out.append(a)  # "by A, B and C" read as A with the apposition "B and C": a list of names
            out += [c for c in a.conjuncts if c.i > a.i]
    return out + _broken_list(tok)


def _broken_list(tok: Token) -> list[Token]:
    """"by A, B and C": the small model may attach "B and C" to the clause as a loose dependent.
    A name right after ``tok``'s phrase, separated from it by a comma only, that heads a
    coordination of its own, continues the list."""
    anchor = tok.head.head if tok.dep_ == "pobj" else tok.head
    if anchor is tok or not refs_of(tok):
        return []
    for c in anchor.children:
        if c.i <= tok.i or c.dep_ not in ("dep", "npadvmod") or not refs_of(c):
            continue
        gap = tok.doc[tok.right_edge.i + 1: c.left_edge.i]
        if len(gap) and all(t.text == "," for t in gap) and any(x.dep_ == "conj" for x in c.children):
            return [c, *(x for x in c.conjuncts if x.i > c.i)]
    return []


def split_roles(keys: list[str], entities: dict, role: str) -> tuple[list[str], list[str]]:
    """(actors, themes): weapons are what is given or used, never who acts."""
    actors, themes = [], []
    for k in keys:
        kind = _kind(k, entities)
        if kind == "Weapon":
            themes.append(k)
        elif role == "actor":
            actors.append(actor_key(k, entities))
        else:
            actors.append(k)
    return _unique(actors), themes


def _destination_only(keys: list[str], entities: dict) -> bool:
    """Places that cannot stand for an actor: a city that is no seat of government."""
    return bool(keys) and all(_kind(k, entities) in ("City", "Place") and not entities.get(k, {}).get("actor_key")
                              for k in keys)


def _is_relative_pronoun(tok: Token) -> bool:
    return tok.tag_ in ("WP", "WDT") or tok.lower_ in word_set("relative_pronouns")


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject a verb has or inherits (xcomp control, coordinated verbs, participles).

    In a relative clause the relative pronoun stands for the noun the clause hangs on:
    "received the envoy, who pledged ..." -> the envoy.
    """
    return _by_refs(verb, ("subject_of", depth), lambda: _subject_of(verb, depth))


def _subject_of(verb: Token, depth: int) -> Token | None:
    if depth > 6:
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if verb.dep_ == "relcl" and _is_relative_pronoun(c) and verb.head is not verb:
                return verb.head
            return c
    misread = _subject_read_as_conjunct(verb)
    if misread is not None:
        return misread
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and verb.head is not verb:
        return _inherited_subject(verb, depth)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _participle_subject(verb.head, depth)
    if verb.dep_ == "ROOT":
        return _subject_in_fronted_list(verb)
    return None


def _misread_subject(tok: Token) -> bool:
    """``tok`` is a conjunct the small model took from the subject of the verb after it."""
    return tok.dep_ == "conj" and any(is_verb(v) and _subject_read_as_conjunct(v) is tok
                                      for v in tok.doc[tok.i + 1: min(tok.i + 4, memo.sent_of(tok).end)])


def _subject_read_as_conjunct(verb: Token) -> Token | None:
    """"... imposed tariffs on Mexican steel and Mexico swiftly responded": the small model
    coordinates the second clause's subject with the object before it and leaves the verb loose;
    a name conjoined right before a subjectless verb is that verb's subject."""
    left = verb.left_edge.i - 1
    if left < memo.sent_of(verb).start or verb.dep_ not in ("dep", "advcl", "conj", "ROOT") or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children):
        return None
    t = verb.doc[left]
    ents = _entities(verb)
    if t.dep_ == "conj" and any(_kind(k, ents) in ACTOR_KINDS or ents.get(k, {}).get("actor_key") for k in refs_of(t)):
        return t
    return None


def _subject_in_fronted_list(verb: Token) -> Token | None:
    """"Following talks in Lima, Peru and Chile signed ...": the small model reads the subject as
    more conjuncts of the fronted place; the first conjunct naming an actor, not a place, is the
    subject of a verb that has none."""
    ents = _entities(verb)
    for c in verb.children:
        if c.i > verb.i or c.dep_ not in ("prep", "advcl", "npadvmod"):
            continue
        for t in c.subtree:
            if t.dep_ == "conj" and t.i < verb.i and refs_of(t.head) and all(
                    _kind(k, ents) in PLACE_KINDS - {"Country"} for k in refs_of(t.head)) and any(
                    _kind(k, ents) in ACTOR_KINDS for k in refs_of(t)):
                return t
    return None


def _inherited_subject(verb: Token, depth: int) -> Token | None:
    head = verb.head
    if verb.dep_ == "xcomp":  # "EU ministers are expected to approve ...", "Iran was forced to accept ..."
        raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if raised is not None:
            return raised
        controller = _controlling_object(verb)
        if controller is not None:
            return controller
    if escapes_clause(verb) and head.head is not head:  # "demanded that X reinstate Y and imposed sanctions"
        return subject_of(head.head, depth + 1)
    if is_verb(head) and head.dep_ == "relcl" and verb.dep_ == "conj":
        return _past_relative_clause(head, depth)
    if is_verb(head):
        return subject_of(head, depth + 1)
    if head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subject_of(head.head, depth + 1)
    if head.dep_ == "acomp":
        return subject_of(head.head, depth + 1)
    if verb.dep_ == "advcl" and head.pos_ in ("NOUN", "PROPN"):  # "the first envoy to visit X": the envoy
        return _participle_subject(head, depth)
    return None


def _controlling_object(verb: Token) -> Token | None:
    """"told Netanyahu to allow aid", "urged the junta to stop bombing": the infinitive's subject is
    the object of the verb it complements, when that object names an actor (not "used the visit to ...")."""
    head = verb.head
    if not is_verb(head):
        return None
    ents = _entities(verb)
    for c in head.children:
        if c.dep_ in ("dobj", "dative") and c.i < verb.i:
            keys = phrase_refs(c)[0]
            if keys and all(_kind(k, ents) in ACTOR_KINDS or ents.get(k, {}).get("actor_key") for k in keys):
                return c
    return None


def _past_relative_clause(relcl: Token, depth: int) -> Token | None:
    """"X crossed the line that divides the peninsula and held talks": the small model coordinates
    the second verb with the relative clause; when the clause's antecedent names no one, the
    subject is the one of the clause the antecedent sits in."""
    subj = subject_of(relcl, depth + 1)
    if subj is not None and (refs_of(subj) or entity_refs(subj)[0]):
        return subj
    gov = relcl.head
    for _ in range(4):
        if gov.head is gov:
            break
        gov = gov.head
        if is_verb(gov):
            return subject_of(gov, depth + 1)
    return subj


def _participle_subject(noun: Token, depth: int = 0) -> Token | None:
    """"protesters demanding reforms" -> the protesters; "issued a declaration demanding ..." ->
    whoever issued it ("who accepted an invitation to visit ..." -> the one the relative pronoun stands for)."""
    if refs_of(noun) or entity_refs(noun)[0]:
        return noun
    if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and _is_relative_pronoun(subj) and noun.head.dep_ == "relcl":
            return noun.head.head
        return subj
    return None


def passive_agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _dangling_object(prep: Token) -> list[Token]:
    """The small model sometimes leaves a preposition without its object
    ("meeting with President X in Y has ...": X parsed as the clause subject);
    take the next named entity right after it, before any verb or punctuation."""
    for t in prep.doc[prep.i + 1: min(prep.i + 7, memo.sent_of(prep).end)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP"):
            return []
        if refs_of(t) and t.dep_ not in ("amod", "compound", "poss", "det", "nmod"):
            return [t]  # the head of the name, not a nationality or first-name modifier
    return []


def _mediator_phrase(obj: Token) -> bool:
    """"with an envoy mediating between the delegations", "with X shuttling between the teams": the
    one named in such a 'with' phrase mediates; he is no partner of the event."""
    return obj.lower_ in word_set("mediation_words") or any(
        c.lower_ in word_set("mediation_words") and c.dep_ in ("acl", "relcl") for c in obj.children)


def _prep_objects(tok: Token, preps: set[str]) -> list[tuple[str, Token]]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            objs = [p for p in c.children if p.dep_ == "pobj"] or _dangling_object(c)
            if c.lower_ == "with":
                objs = [p for p in objs if not _mediator_phrase(p)]
            out += [(c.lower_, p) for p in objs]
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(("to", c))
    return out


def _event_place(key: str, entities: dict) -> str:
    """A building or landmark (the Oval Office) locates an event in its city, the granularity
    event data is geocoded at; cities, regions and countries stay themselves."""
    e = entities.get(key, {})
    city = e.get("located_in")
    if e.get("kind") not in ("City", "Country") and city and _kind(city, entities) == "City":
        return city
    return key


# Nouns after 'on' that make the rest of the phrase a venue: "on the sidelines of the summit in Belem"
_VENUE_EDGES = frozenset({"sidelines", "sideline", "margins", "margin", "fringes"})
_NESTED_PLACE_PREPS = _PLACE_PREPS | {"near", "outside"}


def _site_of(p: Token, entities: dict, depth: int = 0, via_of: bool = False) -> str | None:
    """The place a prepositional object names, itself or inside its venue phrase.

    "in Geneva"; "in the town of Cizre", "in the capital, Kabul"; "at a ceremony at
    State House in Nairobi", "in a castle near Hamburg", "on the sidelines of the summit
    in the Brazilian city of Belem". Reached through 'of', only a city or site counts ("at
    the invitation of Russia" is no place).
    """
    for k in refs_of(p):
        kind = _kind(k, entities)
        if via_of and kind == "Country":
            continue
        if kind in PLACE_KINDS or entities.get(k, {}).get("located_in"):
            return _event_place(k, entities)
    if depth >= 4:
        return None
    for o in p.children:
        if o.dep_ == "appos":
            found = _site_of(o, entities, depth + 1, via_of)
        elif o.dep_ == "prep" and (o.lower_ in _NESTED_PLACE_PREPS or o.lower_ == "of"):
            found = next((f for x in o.children if x.dep_ == "pobj"
                          and (f := _site_of(x, entities, depth + 1, via_of or o.lower_ == "of"))), None)
        else:
            found = None
        if found:
            return found
    return None


def _where_antecedent(tok: Token, entities: dict) -> str | None:
    """"went on to Nairobi, where he signed a deal": the place a where-relative hangs on."""
    if tok.dep_ != "relcl" or not any(c.lower_ == "where" for c in tok.children if c.dep_ == "advmod"):
        return None
    return _site_of(tok.head, entities)


def _place_phrases(tok: Token) -> list[Token]:
    """The objects of the place prepositions under ``tok`` ("in/at/near X", "on the sidelines of X")."""
    out = []
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        if c.lower_ in _PLACE_PREPS:
            out += [p for p in c.children if p.dep_ == "pobj"]
        elif c.lower_ == "on":
            out += [p for p in c.children if p.dep_ == "pobj" and p.lower_ in _VENUE_EDGES]
    return out


def find_place(tok: Token, entities: dict, depth: int = 0) -> str | None:
    """A place named by 'in/at X' under ``tok`` (not inside another clause), by the
    where-relative ``tok`` heads, or after the last of coordinated objects ("hosted Peru
    and Chile in Lima")."""
    if depth == 0:
        found = _where_antecedent(tok, entities)
        if found:
            return found
    for p in _place_phrases(tok):
        found = _site_of(p, entities)
        if found:
            return found
    if depth >= 1:
        return None
    for c in tok.children:
        # "this time in Budapest"; "met for three hours in Bali"; "Peru and Chile in Lima"
        if c.dep_ in ("npadvmod", "advmod", "appos") or (c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")):
            subs = [c]
        elif c.dep_ == "prep" and c.lower_ in ("for", "during", "after", "before"):
            subs = [p for p in c.children if p.dep_ == "pobj"]
        else:
            continue
        for sub in subs:
            found = find_place(sub, entities, depth + 1)
            if found:
                return found
    return None


def verb_args(verb: Token, subject_role: str = "source", object_token: Token | None = None) -> Args:
    """Source, target, place and themes of a verb trigger."""
    ents = _entities(verb)
    args = Args()
    passive = _is_passive(verb)
    shared = _shared_passive(verb) if not passive else None
    if shared is not None:  # "X was seized and beaten": the second verb's patient is the first's
        passive = True
        subj = passive_agent(verb) or passive_agent(shared) or subject_of(verb)
    else:
        subj = passive_agent(verb) if passive else subject_of(verb)
    reverse = subject_role == "target"
    subj_slot, obj_slot = (args.targets, args.sources) if reverse else (args.sources, args.targets)
    if subj is not None:
        actors = _add_refs(args, phrase_refs(subj), ents)
        subj_slot += actors
    objs = _verb_objects(shared or verb, passive, object_token)
    for o in objs:
        if not _own_possession(o, subj):  # "withdrew its troops": part of the source, no recipient
            _add_object(args, o, subj_slot, obj_slot, ents, reverse)
    _add_prep_partners(args, verb, ents, reverse)
    if not args.targets:
        args.targets += [a for a in complement_targets(verb, ents) if a not in args.sources]
    args.place = find_place(verb, ents)
    for o in ([] if args.place else objs):
        args.place = args.place or find_place(o, ents)  # "negotiated a ceasefire in Gaza"
    if args.place and args.place in args.targets and _kind(args.place, ents) != "Country":
        args.targets.remove(args.place)
    args.sources, args.targets = _unique(args.sources), _unique(args.targets)
    args.themes = _unique(args.themes)
    return args


def _add_refs(args: Args, found: tuple[list[str], float], ents: dict) -> list[str]:
    """Actors of a reference (its weapons become themes); lowers the confidence when some are found."""
    keys, conf = found
    actors, themes = split_roles(keys, ents, "actor")
    args.themes += themes
    if actors:
        args.conf = min(args.conf, conf)
    return actors


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _shared_passive(verb: Token) -> Token | None:
    """"The envoy was detained and questioned": a participle coordinated with a passive verb, with
    no subject or auxiliary of its own, is passive too and shares that verb's patient."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or not _is_passive(verb.head):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "aux", "dobj") for c in verb.children):
        return None
    return verb.head


def _verb_objects(verb: Token, passive: bool, object_token: Token | None) -> list[Token]:
    deps = ("nsubjpass",) if passive else ("dobj", "dative", "attr", "oprd")
    objs = [c for c in verb.children if c.dep_ in deps and not _misread_apposition(c, verb)]
    if object_token is not None and object_token not in objs:
        objs.append(object_token)
    return objs


def _misread_apposition(obj: Token, verb: Token) -> bool:
    """"accused Qatar of courting Iran, Saudi Arabia's rival": the small model reads an apposition
    at the end of the clause as a second object; an object after a comma, following another
    object of the same verb, describes the noun before it."""
    if obj.dep_ != "dobj" or obj.left_edge.i == 0 or obj.doc[obj.left_edge.i - 1].text != ",":
        return False
    return any(c.dep_ in ("dobj", "dative") and c.i < obj.i for c in verb.children)


def _add_object(args: Args, obj: Token, subj_slot: list[str], obj_slot: list[str], ents: dict,
                reverse: bool) -> None:
    """The object names the recipient, or else the object's own recipient phrase does:
    "imposed sanctions on Iran", "provide missiles to Kyiv", "withdrew troops from X"."""
    keys, _ = phrase_refs(obj)
    keys = pronoun_partner(obj, keys, subj_slot, ents)
    actors, themes = split_roles(keys, ents, "actor")
    obj_slot += [a for a in actors if a not in subj_slot]
    args.themes += themes
    if actors:
        return  # "objected to China's actions toward Taiwan": the owner is the target
    preps = word_set("object_recipient_preps") | ({"from"} if not reverse else set())
    for _, p in _prep_objects(obj, preps) + _modifier_partners(obj, preps):
        a, t = split_roles(phrase_refs(p)[0], ents, "actor")
        args.targets += [x for x in a if x not in args.sources]
        args.themes += t


def _modifier_partners(obj: Token, preps: set[str]) -> list[tuple[str, Token]]:
    """"scrapped a contract worth $2 billion with X", "cancelled a deal signed with X": the partner
    phrase hangs on an adjective or participle describing the object."""
    return [pair for c in obj.children if c.dep_ in ("amod", "acl") and c.i > obj.i
            for pair in _prep_objects(c, preps & {"with"})]


def _pronoun_antecedent(pron: Token, exclude: set[str], ents: dict) -> list[str]:
    """The nearest earlier actor (in this or the sentence before) a pronoun can stand for."""
    lower = pron.lower_
    if lower in en.IT_FORMS:
        kinds = {"Country", "Organization"}
    elif lower in en.PRONOUNS and en.PRONOUNS[lower][0] != "plural":
        kinds = {"Person"}
    elif lower in en.PRONOUNS:
        return _plural_antecedent(pron, exclude, ents)
    else:
        return []
    sent = memo.sent_of(pron)
    # 'it' is too often a thing to look beyond its own sentence ("Deputies have a month to amend it")
    start = memo.sent_of(pron.doc[sent.start - 1]).start if sent.start > 0 and "Person" in kinds else sent.start
    for t in reversed(pron.doc[start: pron.i]):
        if t.dep_ not in _ANTECEDENT_DEPS:
            continue
        keys = [k for k in refs_of(t) if _kind(k, ents) in kinds or
                (_kind(k, ents) == "City" and "Country" in kinds and ents.get(k, {}).get("actor_key"))]
        if keys and not {actor_key(k, ents) for k in keys} & exclude and not set(keys) & exclude:
            return keys
    return []


def _plural_antecedent(pron: Token, exclude: set[str], ents: dict) -> list[str]:
    """'them': the nearest earlier coordination of actors, or group mention resolved to several,
    in the pronoun's own sentence ("held up the bids of Finland and Sweden, accusing them of ...")."""
    for t in reversed(pron.doc[memo.sent_of(pron).start: pron.i]):
        if t.dep_ not in _ANTECEDENT_DEPS or t.dep_ == "conj":
            continue
        keys, _ = phrase_refs(t, owners=False)
        actors = [k for k in keys if _kind(k, ents) in ACTOR_KINDS]
        if len(actors) > 1 and not {actor_key(k, ents) for k in actors} & exclude:
            return actors
    return []


def pronoun_partner(obj: Token, keys: list[str], subject_side: list[str], ents: dict) -> list[str]:
    """A pronoun object or partner never stands for its own clause's subject ("she met him", "they
    accused it of ..."): resolved to the subject, or not at all, it takes the nearest other antecedent."""
    if obj.pos_ != "PRON" or obj.lower_.endswith("self") or obj.lower_.endswith("selves"):
        return keys
    own = set(subject_side)
    if keys and not {actor_key(k, ents) for k in keys} <= own:
        return keys
    return _pronoun_antecedent(obj, own, ents) or ([] if keys else keys)


def _add_prep_partners(args: Args, verb: Token, ents: dict, reverse: bool) -> None:
    """The first recipient phrase of the verb: "met with X", "sent aid to X", "received aid from X"."""
    for prep, p in _prep_objects(verb, word_set("target_preps") - {"of", "at"}):
        from_source = prep == "from" and reverse
        if args.targets and not from_source:
            break  # the first recipient phrase is the target: "objected to X's actions toward Y"
        keys = pronoun_partner(p, phrase_refs(p)[0], args.sources, ents)
        if prep in ("to", "into") and _destination_only(keys, ents):
            continue  # "travelled to Geneva": a destination, not a recipient
        actors, themes = split_roles(keys, ents, "actor")
        if from_source:
            args.sources += [a for a in actors if a not in args.targets]
        else:
            args.targets += [a for a in actors if a not in args.sources]
        args.themes += themes


def _own_possession(obj: Token, subj: Token | None) -> bool:
    """'its troops', 'their forces': an object the subject owns (possessive pronoun, no entity)."""
    if refs_of(obj) and not any(c.dep_ == "poss" for c in obj.children):
        return False
    return any(c.dep_ == "poss" and c.lower_ in word_set("possessive_pronouns") for c in obj.children)




def complement_targets(verb: Token, entities: dict) -> list[str]:
    """Whom an act of saying or deciding is aimed at, found in its complement.

    CAMEO codes the one asked, refused or promised as the target: "demanded
    that the US cancel" -> the US; "refused to meet X", "offered to hand over to
    X", "agreed to provide aid for X" -> X; "rejected calls by X", "demanded the
    withdrawal of X's forces" -> X; a warning is aimed at the party it is about
    ("warned that X's missile tests breach ...") -> X.
    """
    subj = subject_of(verb)
    own = set(_actors_of(subj, entities)) if subj is not None else set()
    found = [a for a in _condition_party(verb, entities) if a not in own]
    if found:
        return found
    for c in verb.children:
        for rule in _COMPLEMENT_RULES:
            # "warned that he would veto laws from X": the speaker is no target of his own warning
            found = [a for a in rule(c, entities) if a not in own]
            if found:
                return found
    return []


def _actors_of(tok: Token | None, entities: dict) -> list[str]:
    return split_roles(phrase_refs(tok)[0], entities, "actor")[0] if tok is not None else []


def _condition_party(verb: Token, entities: dict) -> list[str]:
    """"threatened to stop talks if the US goes ahead", "... unless Baghdad accepts": the one who must comply."""
    for head in [verb, *[c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]]:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.lower_ in word_set("condition_marks") for m in c.children if m.dep_ == "mark"):
                actors = _actors_of(_clause_subject(c), entities)
                if actors:
                    return actors
    return []


def _clause_subject(clause: Token) -> Token | None:
    """The subject of a clause; the small model sometimes reads "warned that X's tests ..." as
    'that' an object with X's tests its prepositional object."""
    if clause.dep_ == "dobj" and clause.lower_ == "that":
        return next((x for x in clause.children if x.dep_ == "pobj"), None)
    return next((x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass")), None)


def _clause_subject_party(c: Token, entities: dict) -> list[str]:
    """"demanded that the US cancel", "warned that X would ...": the subject of the content clause."""
    if c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.lower_ == "that"):
        return _actors_of(_clause_subject(c), entities)
    return []


def _complement_object_party(c: Token, entities: dict) -> list[str]:
    """"refused to meet X": the object of the complement verb (not soldiers or prisoners it moves)."""
    if c.dep_ not in ("xcomp", "ccomp"):
        return []
    for o in c.children:
        if o.dep_ in ("dobj", "dative"):
            actors = [a for a in _actors_of(o, entities) if not _bare_group(a, entities)]
            if actors:
                return actors
    return []


def _complement_prep_party(c: Token, entities: dict) -> list[str]:
    """"offered to hand over to X", "agreed to provide millions of dollars of aid for X"."""
    if c.dep_ not in ("xcomp", "ccomp"):
        return []
    for _, p in _prep_objects(c, word_set("recipient_preps") - {"of", "by", "from"}):
        keys = phrase_refs(p)[0]
        actors = split_roles(keys, entities, "actor")[0]
        if actors and not _destination_only(keys, entities):
            return actors
    for o in c.children:
        if o.dep_ == "dobj":
            found = _recipient_in(o, entities, depth=0)
            if found:
                return found
    return []


def _object_recipient_party(c: Token, entities: dict) -> list[str]:
    """"rejected calls by X", "demanded the withdrawal of X's forces"."""
    if c.dep_ == "dobj" and not refs_of(c):
        return _recipient_in(c, entities, depth=0)
    return []


def _object_clause_party(c: Token, entities: dict) -> list[str]:
    """"demanded guarantees that X will never ...", "sought assurances that X would ...": the
    subject of the clause the object noun states."""
    if c.dep_ != "dobj" or refs_of(c):
        return []
    for cl in c.children:
        if cl.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children):
            actors = _actors_of(_clause_subject(cl), entities)
            if actors:
                return actors
    return []


def _free_relative_party(c: Token, entities: dict) -> list[str]:
    """"condemned what it called X's reckless actions", "denounced what he described as X's
    aggression": the owner of what the speaker names."""
    if c.dep_ == "prep":  # "warned against what it called ..."
        return next((found for p in c.children if p.dep_ == "pcomp" for found in [_free_relative_party(p, entities)]
                     if found), [])
    if c.dep_ not in ("ccomp", "pcomp", "xcomp") or not any(w.lower_ == "what" for w in c.children):
        return []
    for o in c.children:
        if o.dep_ in ("oprd", "attr", "dobj") and o.lower_ != "what" or o.dep_ == "prep" and o.lower_ == "as":
            named = [p for p in o.children if p.dep_ == "pobj"] if o.dep_ == "prep" else [o]
            for n in named:
                actors = split_roles(entity_refs(n)[0], entities, "actor")[0]
                if actors:
                    return actors
    return []


_COMPLEMENT_RULES = (_free_relative_party, _clause_subject_party, _complement_object_party, _complement_prep_party,
                     _object_recipient_party, _object_clause_party)


def light_verb_targets(noun: Token, entities: dict) -> list[str]:
    """Whom an event noun is aimed at when its light verb names it:
    "staged a rally against X", "launched an offensive on X", "held talks with X"."""
    verb = noun.head
    if noun.dep_ != "dobj" or not is_verb(verb):
        return []
    out: list[str] = []
    for _, p in _prep_objects(verb, {"against", "on", "with", "toward", "towards"}):
        keys = phrase_refs(p)[0]
        if not _destination_only(keys, entities):
            out += split_roles(keys, entities, "actor")[0]
    return _unique(out)


def _bare_group(key: str, entities: dict) -> bool:
    """'soldiers', 'prisoners' with no affiliation: in a complement they are what is sent or
    released ("refused to deploy soldiers in Iraq"), not whom the refusal is aimed at."""
    e = entities.get(key, {})
    return e.get("kind") == "Group" and not e.get("member_of")


def complement_place(verb: Token, entities: dict) -> str | None:
    """Where the act a verb commits to, refuses or threatens would happen.

    "threatened to resume attacks in Israel", "refused to deploy troops in
    Iraq", "rejected a plan for troops to be stationed in Lebanon": the
    territory the act is aimed at, searched in the complement clause and in
    the clauses under the object (not in reported speech of others).
    """
    heads = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    heads += [c for c in verb.children if c.dep_ == "dobj"]
    for head in heads:
        queue, seen = [head], 0
        while queue and seen < 12:
            t = queue.pop(0)
            seen += 1
            found = find_place(t, entities)
            if found:
                return found
            queue += [c for c in t.children if c.dep_ in ("dobj", "xcomp", "acl", "relcl", "prep", "pobj", "ccomp",
                                                          "conj", "advcl")]
    return None


def _recipient_in(noun: Token, entities: dict, depth: int) -> list[str]:
    """An actor named inside a noun phrase: its owner or a recipient preposition, a few levels down."""
    for c in noun.children:
        if c.dep_ == "poss":
            actors, _ = split_roles(refs_of(c), entities, "actor")
            if actors:
                return actors
    for _, p in _prep_objects(noun, word_set("recipient_preps")):
        actors, _ = split_roles(phrase_refs(p)[0], entities, "actor")
        if actors:
            return actors
        if depth < 2:
            found = _recipient_in(p, entities, depth + 1)
            if found:
                return found
    return []


def noun_args(noun: Token, no_for: bool = False, forum: bool = False, agentive: bool = False) -> Args:
    """Participants stated inside an event noun phrase.

    "A's meeting with B", "the summit between A and B", "their talks",
    "Trump-Putin summit", "release of Israeli hostages", "aid to Ukraine".
    ``no_for``: a cooperative noun (intent, talks, agreement), whose 'for', 'on' and 'over'
    phrases name a purpose or topic ("talks on Syria", "a deal over Kashmir"), not a party.
    ``agentive``: a lone modifier of the noun is its agent (acts of force and protest).
    """
    ents = _entities(noun)
    args = Args()
    _add_noun_modifiers(args, noun, ents, forum, agentive)
    preps = word_set("target_preps") | {"between", "among", "by"}
    if no_for:
        preps = preps - word_set("topic_preps")
    _add_noun_preps(args, noun, preps - {"at"}, ents)
    _add_participle_agents(args, noun, ents)
    if not args.actors and noun.dep_ == "nsubj" and noun.head.pos_ in ("VERB", "AUX"):
        _add_clause_parties(args, noun.head, ents)
    args.place = find_place(noun, ents)
    for _, p in ([] if args.place else _prep_objects(noun, {"with", "between", "among", "to"})):
        args.place = args.place or find_place(p, ents)  # "talks with X in Y": Y often hangs on X
    if args.place:
        args.targets = [t for t in args.targets if t != args.place]
    args.sources, args.targets, args.others = _unique(args.sources), _unique(args.targets), _unique(args.others)
    args.themes = _unique(args.themes)
    return args


def _add_noun_modifiers(args: Args, noun: Token, ents: dict, forum: bool, agentive: bool) -> None:
    """Owners and modifiers: "Iran's offer" (the one acting), "US drone strikes", "the Trump-Putin summit"."""
    for c in noun.children:
        if c.dep_ not in ("poss", "compound", "amod", "nmod") or c.i > noun.i:
            continue
        keys = refs_of(c) or [k for cc in c.conjuncts for k in refs_of(cc)] or _owner_of_modifier(c)
        if forum and c.dep_ == "compound":
            keys = [k for k in keys if _kind(k, ents) != "Organization"]  # "the G20 summit": a forum
        if not keys:
            continue
        actors, themes = split_roles(keys, ents, "actor")
        if len(actors) == 1 and (c.dep_ == "poss" or agentive):
            args.sources += actors
        else:
            args.others += actors
        args.themes += themes
        args.conf = min(args.conf, ref_conf(c))


def _light_verb_subject(noun: Token, ents: dict) -> list[str]:
    """The actors of the subject of the light verb whose object ``noun`` is ("she held talks with him")."""
    if noun.dep_ != "dobj" or not is_verb(noun.head):
        return []
    subj = subject_of(noun.head)
    return split_roles(phrase_refs(subj)[0], ents, "actor")[0] if subj is not None else []


def _add_noun_preps(args: Args, noun: Token, preps: set[str], ents: dict) -> None:
    own: list[str] | None = None
    for prep, p in _prep_objects(noun, preps):
        keys, conf = phrase_refs(p)
        if p.pos_ == "PRON":
            own = _light_verb_subject(noun, ents) + args.sources if own is None else own
            keys = pronoun_partner(p, keys, own, ents)
        if prep in ("to", "into") and _destination_only(keys, ents):
            continue
        actors, themes = split_roles(keys, ents, "actor")
        if prep in ("between", "among"):
            args.others += actors
        elif prep in ("by", "from"):
            args.sources += actors
        else:
            args.targets += actors
        args.themes += themes
        if actors:
            args.conf = min(args.conf, conf)


def _add_participle_agents(args: Args, noun: Token, ents: dict) -> None:
    """"The deal, signed by A, B and C, ...", "an accord reached by A and B": the agents of a
    participle on the noun are its sources (not a broker: "brokered by X" is handled with brokers)."""
    for c in noun.children:
        if c.dep_ != "acl" or c.tag_ != "VBN" or c.lower_ in word_set("broker_words"):
            continue
        agent = passive_agent(c)
        if agent is not None:
            actors = _add_refs(args, phrase_refs(agent), ents)
            args.sources += [a for a in actors if a not in args.actors]


def _add_clause_parties(args: Args, verb: Token, ents: dict) -> None:
    """"Fighting broke out between A and B", "talks resumed with A": the clause names the parties."""
    for prep, p in _prep_objects(verb, {"between", "among", "with", "against"}):
        keys, conf = phrase_refs(p)
        actors, _ = split_roles(keys, ents, "actor")
        (args.others if prep in ("between", "among") else args.targets).extend(actors)
        args.conf = min(args.conf, conf) if actors else args.conf
