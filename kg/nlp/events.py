"""The event extractor, a spaCy pipeline component (``kg_events``).

For every sentence: find trigger words (verbs and event nouns of the CAMEO
lexicon), decide which of them state an event of their own (a verb taking an
event as complement either modalises it -- "agreed to a summit" -- or is the
event with the complement as its content -- "demanded that sanctions be
lifted"), collect the arguments from the parse, then the factuality and the
time. Definite event nouns with no participants of their own ("the meeting",
"these talks") are mentions of an earlier event. Writes ``doc._.kg_events``
(see :mod:`kg.nlp.extensions`).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp.arguments import (Args, actor_key, complement_place, complement_targets, find_place, light_verb_targets,
                              noun_args, passive_agent, phrase_refs, split_roles, subject_of, verb_args)
from kg.nlp.extensions import install
from kg.nlp.tokens import is_verb
from kg.nlp.triggers import Lexicon, Match, TriggerRow, load_lexicon

__all__ = ["EventExtractor", "extract_events", "complement_verbs"]

install()

_DEFINITE = {"the", "this", "these", "that", "those"}
# modifiers that tell two mentions of one kind of event apart ("the first summit" vs "a second summit")
_ORDINALS = {"first", "second", "third", "initial", "latest", "last", "previous", "next", "new", "another",
             "earlier", "later", "future", "upcoming", "further", "recent"}
# a passive subject is not governed by its verb's subject: "war should never be fought" has no agent to inherit
_GOVERNOR_DEPS = ("dobj", "pobj", "pcomp", "xcomp", "ccomp", "attr", "oprd", "prep", "acomp", "advcl", "dative")
_FAMILY = {"04": "04", "03": "03", "05": "05"}  # roots whose nouns corefer across codes (talks ~ summit)


@lru_cache(maxsize=1)
def complement_verbs() -> dict[str, str]:
    """lemma -> 'modal' | 'content' (see kg/data/complement_verbs.csv)."""
    text = resources.files("kg.data").joinpath("complement_verbs.csv").read_text(encoding="utf-8")
    return {r["lemma"]: r["behaviour"] for r in csv.DictReader(text.splitlines())}


@lru_cache(maxsize=1)
def _recode_tables() -> dict[str, dict[str, str]]:
    """kind ('intent' | 'refusal') -> CAMEO prefix -> code (kg/data/intent_codes.csv)."""
    text = resources.files("kg.data").joinpath("intent_codes.csv").read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for r in csv.DictReader(text.splitlines()):
        out.setdefault(r["kind"], {})[r["prefix"]] = r["code"]
    return out


def recode(kind: str, code: str) -> str | None:
    """The intent (03x) or refusal (12x) code for an event of ``code``, by longest prefix."""
    table = _recode_tables()[kind]
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _committed_by(tok: Token, matches: dict, suppressed: set[int]) -> Token | None:
    """A commitment word ('agreed to', 'is willing to', 'pledged') governing ``tok``."""
    modes = complement_verbs()
    cur = tok
    for _ in range(4):
        gov = _governor(cur)
        if gov is None:
            return None
        if gov.i in matches and gov.i not in suppressed:
            return None
        if _mode(gov, modes) == "commit":
            return gov
        cur = gov
    return None


_REFUSAL_CUES = ("refus", "declin", "will not", "would not", "won't", "wouldn't", "will never", "would never")


def _mode(tok: Token, modes: dict[str, str]) -> str | None:
    """Complement behaviour of a word, phrasal verbs first ('call off' before 'call')."""
    particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    for p in particles:
        if f"{tok.lemma_.lower()} {p}" in modes:
            return modes[f"{tok.lemma_.lower()} {p}"]
    return modes.get(tok.lemma_.lower()) or modes.get(tok.lower_)


def _self_directed(verb: Token) -> bool:
    """A clause complement with its own subject, the same entities as the verb's subject."""
    subj = subject_of(verb)
    mine = set(phrase_refs(subj)[0]) if subj is not None else set()
    for c in verb.children:
        if c.dep_ != "ccomp":
            continue
        inner = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if inner is not None and mine and set(phrase_refs(inner)[0]) == mine:
            return True
    return False


@lru_cache(maxsize=1)
def _obligation_words() -> dict[str, set[str]]:
    text = resources.files("kg.data").joinpath("reported_obligation.csv").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for r in csv.DictReader(text.splitlines()):
        out.setdefault(r["kind"], set()).add(r["word"])
    return out


_DEMAND = TriggerRow("100", "VERB", "(reported obligation)", weight=0.6)


def _reported_obligations(doc: Doc, matches: dict[int, Match]) -> dict[int, Match]:
    """'X said that Y must do Z': a demand by X on Y (CAMEO 100), with Z as its content.

    Only where the obliged party is another actor than the speaker: "we must act" is no demand.
    """
    words = _obligation_words()
    out: dict[int, Match] = {}
    for tok in doc:
        if tok.i in matches or tok.lemma_.lower() not in words["reporting"]:
            continue
        for c in tok.children:
            if c.dep_ != "ccomp":
                continue
            aux = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
            must = bool(aux & words["modal"]) or (c.lemma_.lower() in words["obligation"] and any(
                x.dep_ == "xcomp" for x in c.children))
            if not must:
                continue
            inner = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            speaker = subject_of(tok)
            obliged = set(phrase_refs(inner)[0]) if inner is not None else set()
            said_by = set(phrase_refs(speaker)[0]) if speaker is not None else set()
            if obliged and said_by and not obliged & said_by:
                out[tok.i] = Match(_DEMAND, tok, None)
    return out


# one-sided acts aimed at a territory: "Serbia lifted a curfew in Montenegro", "troops on alert in the West Bank"
# (and commitments to such acts: "agreed to open an office in Sudan"; a meeting's venue is no target)
_PLACE_TARGET_ROOTS = ("03", "05", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20")
_VENUE_CODES = ("036", "04")
# nouns of protest and force whose lone modifier is the agent; not sanctions ("Russian sanctions" are on Russia)
_AGENTIVE_NOUN_ROOTS = ("14", "15", "17", "18", "19", "20")


def _place_target(place: str, sources: list[str], entities: dict) -> list[str]:
    """The polity where a one-sided act happens, as its target, unless it is the actor's own."""
    polity = actor_key(place, entities)
    own = set(sources)
    for s_ in sources:
        e = entities.get(s_, {})
        own.update(x for x in (e.get("member_of"), e.get("located_in"), e.get("actor_key")) if x)
        own.update(x for x in ((entities.get(e.get("member_of") or "", {}) or {}).get("actor_key"),) if x)
    if polity in own or entities.get(polity, {}).get("located_in") in own:
        return []
    return [polity]


def _governor(tok: Token) -> Token | None:
    """The word whose complement ``tok`` is (through prepositions), if any."""
    if tok.dep_ not in _GOVERNOR_DEPS or tok.head is tok:
        return None
    head = tok.head
    while head.dep_ in ("prep", "agent") and head.head is not head:
        head = head.head
    return head


def _complements(tok: Token) -> list[Token]:
    """Event-capable complements of a verb: xcomp/ccomp verbs, objects, prepositional objects.

    A verb with no object of its own shares the object of the verb coordinated with it
    ("discussing and weighing military support").
    """
    out = []
    if not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in tok.children):
        for conj in tok.conjuncts:
            if conj.i > tok.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
                out += [c for c in conj.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "attr", "nsubjpass", "acl"):
            out.append(c)
        elif c.dep_ == "prep":
            out += [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
    more = []
    for c in out:
        more += [cc for cc in c.conjuncts if cc.i > c.i]
    return out + more


def _anchor(tok: Token, is_noun: bool) -> tuple[int, int]:
    """Token span [start, end) of the mention text: the event noun phrase or the verb phrase."""
    sent = tok.sent
    if is_noun:
        start = min(c.left_edge.i for c in [tok, *[x for x in tok.children if x.i < tok.i]])
        end = tok.i + 1
        for c in tok.children:
            if c.i > tok.i and c.dep_ in ("prep", "compound", "amod", "nummod", "appos") and c.lower_ != "that":
                end = max(end, c.right_edge.i + 1)
    else:
        start, end = tok.i, tok.i + 1
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass", "neg", "aux", "auxpass", "prt") and c.i < tok.i:
                start = min(start, c.left_edge.i)
            if c.dep_ in ("dobj", "prt", "dative", "prep", "agent", "attr", "xcomp") and c.i > tok.i:
                end = max(end, c.right_edge.i + 1)
    start, end = max(start, sent.start), min(end, sent.end)
    if end - start > 25:  # a whole clause is no useful anchor; keep the trigger's own phrase
        start, end = tok.i, min(tok.i + 1 + sum(1 for c in tok.children if c.dep_ == "prt"), sent.end)
    while end > start + 1 and tok.doc[end - 1].is_punct:
        end -= 1
    return start, end


def _ordinals(tok: Token) -> frozenset[str]:
    return frozenset(c.lower_ for c in tok.children if c.lower_ in _ORDINALS)


def _is_anaphor(tok: Token, args: Args) -> bool:
    """'the meeting', 'these talks': a definite event noun naming no participant."""
    if args.actors:
        return False
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    return bool(dets & _DEFINITE)


def _label(trigger: str, actors: list[str], place: str | None, entities: dict) -> str:
    names = [entities.get(a, {}).get("label", a) for a in actors]
    text = f"{trigger}: {' – '.join(names)}" if names else trigger
    if place:
        text += f" in {entities.get(place, {}).get('label', place)}"
    return text


def _inherited_args(trigger: Token, events_by_token: dict[int, dict]) -> Args | None:
    """Participants an argument-less event noun takes from the clause it sits in.

    Climbs the governor chain through words that state no event of their own
    (light and modal verbs, prepositions): "He helped secure the release of ..."
    -> He; "The two leaders agreed to a summit" -> the two leaders. A subject
    that is itself an event mention ("the meeting failed to deliver an
    agreement") lends that event's participants.
    """
    tok: Token | None = trigger
    for _ in range(8):
        gov = _governor(tok) if tok is not None else None
        if gov is None:
            return None
        if gov.i in events_by_token and not events_by_token[gov.i].get("suppressed"):
            return None  # governed by another event: a content, not a participant
        if gov.i in events_by_token and not is_verb(gov):
            # "Canada's pledge of support": the commitment noun names who commits
            owner = noun_args(gov)
            if owner.actors:
                return owner
        if is_verb(gov):
            subj = subject_of(gov)
            if subj is not None:
                # a name, not an owner: "his motivation came from discussions" gives the discussions no actor
                keys, conf = phrase_refs(subj, owners=False)
                args = Args()
                actors, themes = split_roles(keys, trigger.doc._.kg_entities or {}, "actor")
                if actors:
                    args.sources, args.themes, args.conf = actors, themes, conf
                    return args
                ev = events_by_token.get(subj.i)
                if ev is not None and not ev.get("actors") and ev.get("anaphor"):
                    ev = _antecedent(ev, [e for e in events_by_token.values() if "cameo_code" in e])
                if ev is not None and ev.get("actors"):
                    args.others = list(ev["actors"])
                    args.conf = 0.6
                    return args
                return None
        tok = gov
    return None


def extract_events(doc: Doc, lex: Lexicon, min_weight: float = 0.3) -> list[dict]:
    """Event mentions of ``doc`` as plain dicts (see the module doc)."""
    from kg.nlp.factuality import assess  # noqa: PLC0415 - sibling component, imported lazily
    from kg.nlp.places import dateline_places, host_not_party, places_as_actors, premodifier_places  # noqa: PLC0415
    from kg.nlp.dateline import publication_date  # noqa: PLC0415
    from kg.nlp.timex import narrative_dates, time_of  # noqa: PLC0415

    entities = doc._.kg_entities or {}
    published = publication_date(doc)  # kg.nlp.dateline: the given date, else a dateline's full date
    modes = complement_verbs()

    matches: dict[int, Match] = {}
    for tok in doc:
        m = lex.match(tok)
        if m is not None and m.row.weight >= min_weight:
            matches[tok.i] = m
    for i, m in _reported_obligations(doc, matches).items():
        matches[i] = m
    # a collocation consumes its object noun: "signed an agreement" is one event; a modal verb
    # ("postponed a visit", "called off the signing") never does: the object is the event
    for m in list(matches.values()):
        if m.object_token is not None and m.object_token.i in matches and m.row.objects \
                and _mode(m.token, modes) not in ("modal", "commit"):
            matches.pop(m.object_token.i, None)
    suppressed: set[int] = set()
    for i, m in matches.items():
        tok = m.token
        comps = [c for c in _complements(tok) if c.i in matches]
        mode = "content" if m.row is _DEMAND else _mode(tok, modes)
        if m.row.code[:2] in ("10", "02") and m.row.pos == "VERB" and m.row is not _DEMAND and _self_directed(tok):
            suppressed.add(i)  # "insisted he would not give up": no demand on anyone else
            continue
        if mode == "commit" and not comps:
            # "agreed to restore staffing and to appoint teams to negotiate": one agreement, whose
            # content (deeper acts) is not coded again
            for c in tok.children:
                if c.dep_ in ("xcomp", "ccomp"):
                    suppressed.update(x.i for x in c.subtree if x.i in matches and x.i != i)
            continue
        if not comps or mode is None:
            continue
        if mode in ("modal", "commit"):
            suppressed.add(i)
        else:
            suppressed.update(c.i for c in comps)
            for c in comps:  # and what the content itself governs ("demanded that sanctions be lifted")
                suppressed.update(x.i for x in c.subtree if x.i in matches and x.i != i)

    # "a roadside bombing killed two soldiers": the event noun acting as subject names the act,
    # the verb adds its victims -- one event, coded by the more specific noun
    recoded: dict[int, str] = {}
    acts_in: dict[int, Token] = {}  # verb -> the event noun whose code it took
    for i, m in list(matches.items()):
        if m.row.pos != "VERB" or i in suppressed:
            continue
        # ... or the act the victims were harmed in: "killed in a car bombing"
        cands = [subject_of(m.token), passive_agent(m.token)]
        if m.row.code[:2] in ("18", "19", "20"):
            cands += [p for c in m.token.children if c.dep_ == "prep" and c.lower_ == "in"
                      for p in c.children if p.dep_ == "pobj"]
        for subj in cands:
            if subj is not None and subj.i in matches and matches[subj.i].row.pos == "NOUN" \
                    and not phrase_refs(subj)[0] and matches[subj.i].row.code[:2] in ("18", "19", "20"):
                recoded[i] = matches[subj.i].row.code
                acts_in[i] = subj
                suppressed.add(subj.i)
                break
    for i, m in matches.items():
        tok = m.token
        if m.row.pos == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in (
                "NOUN", "PROPN") and tok.head.head.i not in matches:
            suppressed.add(i)  # "prisoners of war", "the anniversary of the invasion": a classifier, no event
    events: list[dict] = []
    by_token: dict[int, dict] = {i: {"suppressed": True} for i in suppressed}
    last_time = None
    for i in sorted(matches):
        if i in suppressed:
            continue
        m = matches[i]
        tok = m.token
        is_noun = m.row.pos == "NOUN"
        gov = _governor(tok)
        content = gov is not None and gov.i in matches and gov.i not in suppressed
        if is_noun:
            args = noun_args(tok, no_for=m.row.code[:2] in ("03", "04", "05"), forum=m.row.code[:2] == "04",
                             agentive=m.row.code[:2] in _AGENTIVE_NOUN_ROOTS)
            fallback: list[str] = []
            if _is_anaphor(tok, args):
                # 'the mobilization' may also be new: its clause's subject serves if no antecedent exists
                inherited = _inherited_args(tok, by_token)
                fallback = inherited.actors if inherited else []
            elif not (args.sources or args.others):
                inherited = _inherited_args(tok, by_token)
                if inherited:
                    inherited.targets = [t for t in args.targets if t not in inherited.actors]
                    inherited.place = args.place or inherited.place
                    inherited.themes = list(dict.fromkeys(args.themes + inherited.themes))
                    inherited.conf = min(inherited.conf, args.conf)
                    args = inherited
            if gov is not None and is_verb(gov) and not content:  # a light or modal verb, no event of its own
                args.place = args.place or find_place(gov, entities)
                if not args.targets:
                    args.targets = [a for a in light_verb_targets(tok, entities) if a not in args.actors]
        else:
            args = verb_args(tok, m.row.subject_role, m.object_token)
            if m.object_token is not None and m.row.objects and m.object_token.pos_ in ("NOUN", "PROPN"):
                # "held talks with X", "negotiations between A and B were held": the consumed
                # event noun brings its own participants and place
                inner = noun_args(m.object_token, no_for=m.row.code[:2] in ("03", "04", "05"))
                args.absorb(inner)
            if i in acts_in and not args.sources:  # "US drone strikes killed ...": the strikes' agent
                noun = noun_args(acts_in[i])
                args.sources = [a for a in noun.sources + noun.others if a not in args.targets]
        fact = assess(tok)
        code, factuality = recoded.get(i, m.row.code), fact.value
        if _committed_by(tok, matches, suppressed) is not None:
            code = recode("intent", code) or code
            if factuality == "Actual":
                factuality = "Planned"  # a commitment is to something not yet done
        elif factuality == "Planned" and code[:2] in ("04", "05", "06", "07", "08"):
            code = recode("intent", code) or code  # CAMEO codes announced cooperation as intent (03x)
        elif factuality == "Planned" and code[:2] in ("14", "15", "16", "17", "18", "19", "20") and args.sources:
            code = recode("threat", code) or code  # and an announced coercive act as a threat (13x)
        elif factuality == "Negated" and any(c in " ".join(fact.cues).lower() for c in _REFUSAL_CUES):
            # CAMEO codes a refusal to act as a rejection, which did happen
            refused = recode("refusal", code)
            if refused:
                code, factuality = refused, "Actual"
        time = time_of(tok, published, last_time)
        if time is not None:
            last_time = time
        start, end = _anchor(tok, is_noun)
        sent = tok.sent
        span = doc[start:end]
        if is_noun and not args.targets and _mode(tok, modes) == "content":
            args.targets = [a for a in complement_targets(tok, entities) if a not in args.sources]
        at_place = False  # the target is only the territory where it happens
        if args.sources and not args.targets and code[:2] in _PLACE_TARGET_ROOTS and not code.startswith(_VENUE_CODES):
            aimed_at = args.place or (complement_place(tok, entities) if not is_noun else None)
            if aimed_at:
                args.targets = _place_target(aimed_at, args.sources, entities)
                at_place = bool(args.targets)
        # how the event was found: trigger reliability, stated roles, reference and factuality certainty
        confidence = 0.3 + 0.7 * (0.75 if content else 1.0) * (m.row.weight * (0.6 + 0.2 * bool(args.sources) + 0.2 * bool(
            args.targets or len(args.actors) > 1)) * (0.6 + 0.4 * args.conf) * (
            0.7 + 0.3 * getattr(fact, "confidence", 1.0)) * (0.9 if is_noun else 1.0))
        ev = {
            "cameo_code": code,
            "trigger_lemma": "demand" if m.row is _DEMAND else tok.lemma_.lower() if not m.row.extra or is_noun
            else f"{tok.lemma_} {' '.join(m.row.extra)}",
            "actors": args.actors,
            "sources": list(args.sources),
            "targets": list(args.targets),
            "place": args.place,
            "themes": list(args.themes),
            "time": time.model_dump() if time is not None else None,
            "factuality": factuality,
            "confidence": round(min(0.99, max(0.05, confidence)), 2),
            "begin": span.start_char,
            "end": span.end_char,
            "anchor": span.text,
            "sentence": sent.text.strip(),
            "sentence_start": sent.start,
            "trigger": tok.text,
            "token": tok.i,
            "anaphor": is_noun and _is_anaphor(tok, args),
            "ordinals": sorted(_ordinals(tok)),
            "is_noun": is_noun,
            "content": content,
            "fallback": fallback if is_noun else [],
            "at_place": at_place,
        }
        by_token[i] = ev
        events.append(ev)
    narrative_dates(doc, events)  # kg.nlp.timex: dates from context (stage: time)
    premodifier_places(doc, events)  # kg.nlp.places: "the Ankara talks" (stage: arguments)
    places_as_actors(doc, events)  # kg.nlp.places: "a deal in Geneva", "bombed Khan Younis"
    host_not_party(doc, events)  # kg.nlp.places: the host city's country is no party by that alone
    dateline_places(doc, events)  # kg.nlp.places: the lead sentence's meeting in the dateline city
    _purpose_targets(doc, events)
    _named_act_targets(doc, events)
    _answered_appeals(doc, events)
    return _resolve(events, entities)


_APPEAL_ROOTS = ("02", "03", "10", "13")


def _answered_appeals(doc: Doc, events: list[dict]) -> None:
    """An appeal, offer, demand or threat is addressed to whoever answers it.

    "Iran rejected a US demand", "Hamas accepted Egypt's offer", "refused to
    respond to calls from the UN": a noun naming its author but no addressee
    takes the subject of the clause that answers it.
    """
    for ev in events:
        tok = doc[ev["token"]]
        if not ev["is_noun"] or ev["targets"] or not ev["sources"] or not ev["cameo_code"].startswith(_APPEAL_ROOTS):
            continue
        gov = _governor(tok)
        for _ in range(3):
            if gov is None or is_verb(gov):
                break
            gov = _governor(gov)
        if gov is None or not is_verb(gov):
            continue
        subj = subject_of(gov)
        answer = split_roles(phrase_refs(subj)[0], doc._.kg_entities or {}, "actor")[0] if subj is not None else []
        if answer and not set(ev["sources"]) & set(answer):  # not "Arland repeated its demand"
            _retarget(ev, answer)


def _retarget(ev: dict, targets: list[str]) -> None:
    """Give ``ev`` these targets; a territory that only stood in for one is dropped."""
    dropped = set(ev["targets"]) if ev["at_place"] else set()
    ev["targets"] = [t for t in targets if t not in ev["sources"]]
    ev["actors"] = list(dict.fromkeys(ev["sources"] + ev["targets"] + [a for a in ev["actors"] if a not in dropped]))
    ev["at_place"] = False


_JUDGING_ROOTS = ("10", "11", "12")


def _named_act_targets(doc: Doc, events: list[dict]) -> None:
    """A condemnation, rejection or demand that names another act is aimed at that act's agent.

    "denounced as a crime Serbia's crackdown", "refused to respond to a demand
    from X": when no target was found on the clause, the nearest event under
    the trigger with agents of its own lends them.
    """
    for ev in events:
        if (ev["targets"] and not ev["at_place"]) or not ev["sources"] or not ev["cameo_code"].startswith(_JUDGING_ROOTS):
            continue
        sub = {t.i for t in doc[ev["token"]].subtree}
        named = sorted((o for o in events if o is not ev and o["token"] in sub and o["sources"]
                        and not set(o["sources"]) & set(ev["sources"])),
                       key=lambda o: abs(o["token"] - ev["token"]))
        if named:
            _retarget(ev, named[0]["sources"])


_PURPOSE_DEPS = ("advcl", "xcomp", "acl", "prep", "pobj", "pcomp", "dobj")
_ADDRESSING_ROOTS = ("02", "10", "11", "12", "13", "14")  # acts that name whom they address


def _purpose_targets(doc: Doc, events: list[dict]) -> None:
    """An act done to press a demand is aimed at whoever the demand addresses.

    "held protests to demand reforms from X", "blocked roads demanding the
    resignation of X", "staged a strike in protest at X's policy": the protest
    (or strike, or blockade) takes X as its target when it names none of its
    own, or only the territory where it happened.
    """
    by_token = {ev["token"]: ev for ev in events}
    for ev in events:
        if ev["targets"] and not ev["at_place"]:
            continue
        anchor = doc[ev["token"]]
        anchors = {anchor.i}
        if anchor.dep_ == "dobj" and is_verb(anchor.head) and anchor.head.i not in by_token:
            anchors.add(anchor.head.i)  # "staged a strike ... demanding": the light verb carries the clause
        for other in events:
            if other is ev or not other["targets"] or not other["cameo_code"].startswith(_ADDRESSING_ROOTS):
                continue
            if other["sources"] and not set(other["sources"]) <= set(ev["sources"]):
                continue
            tok, depth = doc[other["token"]], 0
            while tok.i not in anchors and tok.head is not tok and tok.dep_ in _PURPOSE_DEPS and depth < 4:
                tok, depth = tok.head, depth + 1
            if tok.i in anchors and depth > 0:
                _retarget(ev, other["targets"])
                break


def _family(code: str) -> str:
    return _FAMILY.get(code[:2], code[:2])


def _compatible(a: dict, b: dict) -> bool:
    if _family(a["cameo_code"]) != _family(b["cameo_code"]):
        return False
    if a["place"] and b["place"] and a["place"] != b["place"]:
        return False
    ta, tb = (a["time"] or {}).get("value"), (b["time"] or {}).get("value")
    if ta and tb and ta != tb:
        return False
    oa, ob = set(a["ordinals"]), set(b["ordinals"])
    if oa and ob and not (oa & ob):
        return False
    return True


def _same_kind(a: str, b: str) -> bool:
    """Same code, or one is the generic code of the other's root ('040' and '044')."""
    return a == b or (a[:2] == b[:2] and (a.endswith("0") and len(a) == 3 or b.endswith("0") and len(b) == 3))


def _merge_into(target: dict, other: dict) -> None:
    target.setdefault("extra_mentions", []).append(
        {k: other[k] for k in ("begin", "end", "anchor", "sentence", "trigger")})
    target["extra_mentions"] += other.get("extra_mentions", [])
    for k in ("sources", "targets", "themes"):
        target[k] = list(dict.fromkeys(target[k] + [x for x in other[k] if x not in target["actors"] or k == "themes"]))
    target["actors"] = list(dict.fromkeys(target["actors"] + other["actors"]))
    target["place"] = target["place"] or other["place"]
    target["time"] = target["time"] or other["time"]
    target["confidence"] = max(target["confidence"], other["confidence"])
    target["ordinals"] = sorted(set(target["ordinals"]) | set(other["ordinals"]))


def _antecedent(anaphor: dict, earlier: list[dict]) -> dict | None:
    """The latest earlier event with participants that an anaphor can refer to."""
    cands = [e for e in earlier if e["token"] < anaphor["token"] and e.get("actors") and _compatible(e, anaphor)]
    return max(cands, key=lambda e: e["token"]) if cands else None


def _resolve(events: list[dict], entities: dict) -> list[dict]:
    """Event coreference within the document, then drop events nobody takes part in.

    An anaphor ('the meeting') joins the latest earlier event of its family;
    an argument-less noun takes the participants of an earlier event of the
    same sentence; mentions with the same type, participants and factuality
    and no conflicting place, date or ordinal are one event.
    """
    kept: list[dict] = []
    for ev in events:
        if ev["anaphor"]:
            ante = next((k for k in reversed(kept) if _compatible(k, ev)), None)
            if ante is not None:
                _merge_into(ante, ev)
                continue
            ev["actors"] = ev["sources"] = list(ev["fallback"])
        if not ev["actors"] and ev["is_noun"] and not ev["content"]:
            same_sentence = [k for k in kept if k["sentence_start"] == ev["sentence_start"] and k["actors"]]
            if same_sentence:
                donor = same_sentence[-1]
                ev["actors"] = list(donor["actors"])
                ev["confidence"] = round(ev["confidence"] * 0.7, 2)
        if not ev["actors"]:
            continue
        twin = next((k for k in reversed(kept)
                     if k["factuality"] == ev["factuality"] and set(k["actors"]) == set(ev["actors"])
                     and _compatible(k, ev) and _same_kind(k["cameo_code"], ev["cameo_code"])), None)
        if twin is not None:
            _merge_into(twin, ev)
            continue
        kept.append(ev)
    for ev in kept:
        ev["label"] = _label(ev["trigger_lemma"], ev["actors"], ev["place"], entities)
    return kept


@Language.factory(
    "kg_events",
    default_config={"triggers": None, "min_weight": 0.3},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.kg_events"],
)
def make_event_extractor(nlp: Language, name: str, triggers: str | None, min_weight: float) -> "EventExtractor":
    return EventExtractor(load_lexicon(triggers), min_weight)


class EventExtractor:
    """Callable component; the lexicon is loaded once per process."""

    def __init__(self, lexicon: Lexicon, min_weight: float = 0.3):
        self.lexicon = lexicon
        self.min_weight = min_weight

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_events = extract_events(doc, self.lexicon, self.min_weight)
        return doc
