"""Event arguments from the dependency parse: who acts, on whom, where.

Pure functions over spaCy tokens and the entity contract of
:mod:`kg.nlp.extensions`. Roles follow CAMEO's conventions: the agent is the
source (``by X`` in a passive), the recipient or ``with``-partner the target;
a capital or seat of government acting stands for its country (metonymy),
the same word after ``in``/``at`` is the place.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.nlp.entities import actor_key  # metonymy lives with the entities (one definition)
from kg.nlp.extensions import ref_conf, refs_of
from kg.nlp.tokens import is_quantity, is_verb

__all__ = ["Args", "entity_refs", "phrase_refs", "subject_of", "verb_args", "noun_args",
           "find_place", "actor_key", "split_roles", "complement_targets", "complement_place", "light_verb_targets",
           "ACTOR_KINDS", "PLACE_KINDS"]

ACTOR_KINDS = {"Person", "Country", "Organization", "Group"}
PLACE_KINDS = {"City", "Place", "Country"}
_TARGET_PREPS = {"with", "to", "against", "on", "toward", "towards", "at", "into", "over", "from", "for", "of"}
_PLACE_PREPS = {"in", "at", "inside", "near", "outside"}
# modifiers of an argument noun that name whose it is: "Israeli hostages", "China's actions"
_OWNER_DEPS = ("poss", "compound", "amod", "nmod", "npadvmod")


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
    return tok.doc._.kg_entities or {}


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
        elif c.dep_ == "prep" and c.lower_ in ("including", "like"):
            for p in c.children:
                if p.dep_ == "pobj":
                    r, cf = phrase_refs(p, owners=False)
                    out += r
                    conf = min(conf, cf)
    return _unique(out), conf


def _owner_of_modifier(mod: Token) -> list[str]:
    """'US drone strikes', 'Israeli Air Force jets': the owner one modifier further out."""
    if mod.dep_ != "compound" or mod.pos_ not in ("NOUN", "PROPN"):
        return []
    return [k for c in mod.children if c.dep_ in ("compound", "amod", "poss") and c.i < mod.i for k in refs_of(c)]


def phrase_refs(tok: Token, owners: bool = True) -> tuple[list[str], float]:
    """Entity keys of a head and its coordinated heads ("Trump and Putin")."""
    keys, conf = entity_refs(tok, owners)
    for c in tok.conjuncts:
        if c.i > tok.i:
            k, cf = entity_refs(c, owners)
            keys += k
            conf = min(conf, cf) if k else conf
    return _unique(keys), conf


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


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject a verb has or inherits (xcomp control, coordinated verbs, participles)."""
    if depth > 6:
        return None
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and verb.head is not verb:
        head = verb.head
        if is_verb(head):
            return subject_of(head, depth + 1)
        if head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return subject_of(head.head, depth + 1)
        if head.dep_ in ("acomp",):
            return subject_of(head.head, depth + 1)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "protesters demanding reforms" -> the protesters; "issued a declaration demanding ..." ->
        # whoever issued it
        noun = verb.head
        if refs_of(noun) or entity_refs(noun)[0]:
            return noun
        if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
            return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
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
    for t in prep.doc[prep.i + 1: min(prep.i + 7, prep.sent.end)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP"):
            return []
        if refs_of(t) and t.dep_ not in ("amod", "compound", "poss", "det", "nmod"):
            return [t]  # the head of the name, not a nationality or first-name modifier
    return []


def _prep_objects(tok: Token, preps: set[str]) -> list[tuple[str, Token]]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            objs = [p for p in c.children if p.dep_ == "pobj"] or _dangling_object(c)
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


# Nouns after 'on' that make the rest of the phrase a venue: "on the sidelines of the summit in Kazan"
_VENUE_EDGES = frozenset({"sidelines", "sideline", "margins", "margin", "fringes"})
_NESTED_PLACE_PREPS = _PLACE_PREPS | {"near", "outside"}


def _site_of(p: Token, entities: dict, depth: int = 0, via_of: bool = False) -> str | None:
    """The place a prepositional object names, itself or inside its venue phrase.

    "in Geneva"; "in the town of Cizre", "in the capital, Kabul"; "at a ceremony at
    State House in Nairobi", "in a castle near Hamburg", "on the sidelines of the summit
    in the Russian city of Kazan". Reached through 'of', only a city or site counts ("at
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
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj = passive_agent(verb) if passive else subject_of(verb)
    subj_slot, obj_slot = (args.sources, args.targets) if subject_role != "target" else (args.targets, args.sources)
    if subj is not None:
        keys, conf = phrase_refs(subj)
        actors, themes = split_roles(keys, ents, "actor")
        subj_slot += actors
        args.themes += themes
        if actors:
            args.conf = min(args.conf, conf)
    objs: list[Token] = []
    for c in verb.children:
        if c.dep_ in (("nsubjpass",) if passive else ("dobj", "dative", "attr", "oprd")):
            objs.append(c)
    if object_token is not None and object_token not in objs:
        objs.append(object_token)
    for o in objs:
        if _own_possession(o, subj):
            continue  # "withdrew its troops", "offered their forces": part of the source, no recipient
        keys, conf = phrase_refs(o)
        actors, themes = split_roles(keys, ents, "actor")
        obj_slot += [a for a in actors if a not in subj_slot]
        args.themes += themes
        if actors:
            continue  # "objected to China's actions toward Taiwan": the owner is the target
        # "imposed sanctions on Iran", "provide missiles to Kyiv", "demanded reforms from X",
        # "withdrew troops from X": the object's own recipient
        obj_preps = {"on", "against", "to", "for", "with", "toward", "towards"}
        for prep, p in _prep_objects(o, obj_preps | ({"from"} if subject_role != "target" else set())):
            k, cf = phrase_refs(p)
            a, t = split_roles(k, ents, "actor")
            args.targets += [x for x in a if x not in args.sources]
            args.themes += t
    for prep, p in _prep_objects(verb, _TARGET_PREPS - {"of", "at"}):
        if args.targets and not (prep == "from" and subject_role == "target"):
            break  # the first recipient phrase is the target: "objected to X's actions toward Y"
        keys, conf = phrase_refs(p)
        actors, themes = split_roles(keys, ents, "actor")
        if prep in ("to", "into") and _destination_only(keys, ents):
            continue  # "travelled to Geneva": a destination, not a recipient
        if prep == "from" and subject_role == "target":
            args.sources += [a for a in actors if a not in args.targets]  # "received aid from X"
        else:  # "withdrew from X", "met with X", "sent aid to X"
            args.targets += [a for a in actors if a not in args.sources]
        args.themes += themes
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


def _own_possession(obj: Token, subj: Token | None) -> bool:
    """'its troops', 'their forces': an object the subject owns (possessive pronoun, no entity)."""
    if refs_of(obj) and not any(c.dep_ == "poss" for c in obj.children):
        return False
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in obj.children)


_RECIPIENT_PREPS = {"of", "by", "from", "to", "for", "on", "against", "with", "toward", "towards"}


def complement_targets(verb: Token, entities: dict) -> list[str]:
    """Whom an act of saying or deciding is aimed at, found in its complement.

    CAMEO codes the one asked, refused or promised as the target: "demanded
    that the US cancel" -> the US; "refused to meet X", "offered to hand over to
    X", "agreed to provide aid for X" -> X; "rejected calls by X", "demanded the
    withdrawal of X's forces" -> X.
    """
    # "threatened to stop talks if the US goes ahead", "... unless Baghdad accepts": the one who must comply
    for head in [verb, *[c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]]:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
                inner = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                if inner is not None:
                    actors, _ = split_roles(phrase_refs(inner)[0], entities, "actor")
                    if actors:
                        return actors
    for c in verb.children:
        if c.dep_ == "ccomp":
            inner = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if inner is not None:
                actors, _ = split_roles(phrase_refs(inner)[0], entities, "actor")
                if actors:
                    return actors
        if c.dep_ in ("xcomp", "ccomp"):
            for o in c.children:
                if o.dep_ in ("dobj", "dative"):
                    actors, _ = split_roles(phrase_refs(o)[0], entities, "actor")
                    actors = [a for a in actors if not _bare_group(a, entities)]
                    if actors:
                        return actors
            for _, p in _prep_objects(c, _RECIPIENT_PREPS - {"of", "by", "from"}):
                actors, _ = split_roles(phrase_refs(p)[0], entities, "actor")
                if actors and not _destination_only(phrase_refs(p)[0], entities):
                    return actors
            for o in c.children:  # "agreed to provide millions of dollars of aid for X"
                if o.dep_ == "dobj":
                    found = _recipient_in(o, entities, depth=0)
                    if found:
                        return found
        if c.dep_ == "dobj" and not refs_of(c):
            found = _recipient_in(c, entities, depth=0)
            if found:
                return found
    return []


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
    for _, p in _prep_objects(noun, _RECIPIENT_PREPS):
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
    ``agentive``: a lone modifier of the noun is its agent (acts of force and protest).
    """
    ents = _entities(noun)
    args = Args()
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i:
            keys = refs_of(c) or [k for cc in c.conjuncts for k in refs_of(cc)] or _owner_of_modifier(c)
            if not keys:
                continue
            if forum and c.dep_ == "compound":
                keys = [k for k in keys if _kind(k, ents) != "Organization"]  # "the G20 summit": a forum
            actors, themes = split_roles(keys, ents, "actor")
            if len(actors) == 1 and (c.dep_ == "poss" or agentive):
                # "Iran's offer"; and for force, "US drone strikes", "Palestinian protests": the one acting
                args.sources += actors
            else:
                args.others += actors
            args.themes += themes
            args.conf = min(args.conf, ref_conf(c))
    preps = _TARGET_PREPS | {"between", "among", "by"}
    if no_for:
        preps = preps - {"for"}
    for prep, p in _prep_objects(noun, preps - {"at"}):
        keys, conf = phrase_refs(p)
        actors, themes = split_roles(keys, ents, "actor")
        if prep in ("to", "into") and _destination_only(keys, ents):
            continue
        if prep in ("between", "among"):
            args.others += actors
        elif prep in ("by", "from"):
            args.sources += actors
        else:
            args.targets += actors
        args.themes += themes
        if actors:
            args.conf = min(args.conf, conf)
    if not args.actors and noun.dep_ == "nsubj" and noun.head.pos_ in ("VERB", "AUX"):
        # "Fighting broke out between A and B", "talks resumed with A": the clause names the parties
        for prep, p in _prep_objects(noun.head, {"between", "among", "with", "against"}):
            keys, conf = phrase_refs(p)
            actors, _ = split_roles(keys, ents, "actor")
            (args.others if prep in ("between", "among") else args.targets).extend(actors)
            args.conf = min(args.conf, conf) if actors else args.conf
    args.place = find_place(noun, ents)
    for _, p in ([] if args.place else _prep_objects(noun, {"with", "between", "among", "to"})):
        args.place = args.place or find_place(p, ents)  # "talks with X in Y": Y often hangs on X
    if args.place:
        args.targets = [t for t in args.targets if t != args.place]
    args.sources, args.targets, args.others = _unique(args.sources), _unique(args.targets), _unique(args.others)
    args.themes = _unique(args.themes)
    return args
