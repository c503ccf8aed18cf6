"""Event-level type and factuality rules: passes over the event list of one sentence's parse.

Each pass is ``def name(doc, events) -> None`` and edits the event candidates
(:class:`~kg.nlp.candidate.EventCandidate`) in place; one it removes from the list
is dropped. :mod:`kg.nlp.stages.types` registers each as a stage, in :data:`PASSES`
order, after the target stages and before event identity. Every pass reads the parse around the
trigger token (``ev.token``), never the text, and takes its words from
``kg/data/type_rules.csv`` (word classes) and ``kg/data/intent_codes.csv``
(recoding tables). One rule each:

* :func:`drop_motive_adjuncts` -- "recalled its envoy in protest at X", "taken at
  the request of X", "met in an attempt to defuse the crisis": the motive, occasion or aim of
  an act is no event of its own;
* :func:`drop_background_events` -- "two years after the invasion", "since the
  annexation": an earlier event used as a time point is not news;
* :func:`drop_copular_classifications` -- "the aid was an investment": a noun
  that classifies another event is no second event;
* :func:`drop_participle_elaborations` -- "launched strikes on X, hitting back
  after ...": a subjectless participle of the same kind of act restates it;
* :func:`drop_talk_topics` -- "talks on arms control and military exercises":
  the topic of talks is no event of its own;
* :func:`drop_generic_mentions` -- "their weekly march", "guards armed with
  rifles", "foreign aid is no charity": a habit, a state or a generic kind, not one act;
* :func:`drop_restatements` -- "held talks in Riyadh, the highest-level contact
  since 2022": an appositive event noun restates the event before it; "an agreement
  that ended the fighting": what the agreement does is the agreement;
* :func:`drop_assertions` -- "insisted that they still preferred talks": a demand
  verb whose content states a fact asserts, it asks nothing of anyone;
* :func:`drop_appeal_contents` -- "urged the junta to stop bombing villages",
  "threatened to attack", "accused X of using the protests as cover for
  attacks": what an appeal, demand, accusation or threat is about is its
  content, not an act of the speaker;
* :func:`provisions_are_planned` -- "the deal calls for the release of
  prisoners": a document that calls for an act states it as agreed (Planned);
* :func:`recode_cessations` -- "halted its boycott", "committed to stop
  fighting" (a hostile act stopped: 08); "suspended its negotiations with X"
  (a cooperative act stopped: 16);
* :func:`threats_and_announcements` -- "announced that it would withdraw from
  the treaty" is a planned 16 (announced force stays a threat); "promised to
  hit back at X" is a threat (13);
* :func:`litotic_commitments` -- "would not hesitate to order strikes": a negated
  reluctance commits to the act, and a committed coercive or ordered act is a threat (13);
* :func:`cautions_are_criticisms` -- "warned that allies should not trust
  by X": advice with no repercussion is a criticism of X (111), not a threat;
* :func:`conditional_threats` -- "threatened to attack if ...": the condition
  belongs to the threatened act, the threat itself was made;
* :func:`planned_invitations` -- "invited X to visit Y next spring": a planned
  visit of X, hosted by the inviter;
* :func:`accepted_invitations` -- "accepted an invitation to visit X": one event,
  the planned visit (its acceptance is no second meeting intent);
* :func:`reconsidered_refusals` -- "is rethinking its refusal to send
  missiles": a possible supply, no rejection done;
* :func:`commitments_take_their_content` -- "agreed to have their negotiators
  resume talks": the intent to hold the talks (036), planned;
* :func:`agreed_truces_are_actual` -- "agreed to a truce last week": the truce
  agreement (03x) was made (Actual), unlike an agreed meeting, which is ahead;
* :func:`future_dated_events` -- an event dated after the publication date
  and not told in the past tense is Planned ("negotiations begin on March 10").
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from kg.nlp.arguments import phrase_refs
from kg.nlp.candidate import EventCandidate
from kg.nlp.extensions import doc_value
from kg.nlp.factuality import assess, escapes_clause, grammatical_tense
from kg.nlp.tokens import is_verb
from kg.nlp.triggers import load_lexicon, type_words

__all__ = ["PASSES", "drop_motive_adjuncts", "drop_background_events",
           "drop_copular_classifications", "drop_participle_elaborations", "drop_talk_topics",
           "drop_generic_mentions", "drop_restatements", "drop_assertions", "drop_appeal_contents", "provisions_are_planned", "recode_cessations",
           "threats_and_announcements", "litotic_commitments", "cautions_are_criticisms",
           "conditional_threats", "planned_invitations", "accepted_invitations",
           "reconsidered_refusals",
           "commitments_take_their_content", "agreed_truces_are_actual", "future_dated_events"]

Events = list[EventCandidate]

_HOSTILE_ROOTS = ("10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20")
_COOPERATIVE_ROOTS = ("04", "05", "06", "07")
_COERCIVE_ROOTS = ("14", "15", "16", "17", "18", "19", "20")
# a decision on one's own relations (leave a treaty, cut aid, expel envoys) announced is a planned act;
# announced force, blockade or protest stays a threat (CAMEO 13), as the PLOVER coders read it
_RELATIONS_ROOT = ("16",)
# acts whose clausal complement is their content: appeals, demands, accusations, threats
_CONTENT_ROOTS = ("02", "10", "112", "13")
# relations a content word hangs by, from the act down to it
_CONTENT_DEPS = ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl", "conj")


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[str, str]]:
    """kind -> CAMEO prefix -> code (kg/data/intent_codes.csv)."""
    text = resources.files("kg.data").joinpath("intent_codes.csv").read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for r in csv.DictReader(text.splitlines()):
        out.setdefault(r["kind"], {})[r["prefix"]] = r["code"]
    return out


def recode(kind: str, code: str) -> str | None:
    """The code of table ``kind`` for an event of ``code``, by longest prefix."""
    table = _tables().get(kind, {})
    return next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table), None)


def _lexical_code(tok: Token) -> str | None:
    """The code the trigger lexicon gives ``tok`` by itself (before any recoding)."""
    m = load_lexicon().match(tok)
    return m.row.code if m is not None and m.row.weight > 0 else None


def _phrase(tok: Token) -> str:
    """Lemma, with particles: 'call off', 'break off'."""
    parts = [tok.lemma_.lower(), *(c.lower_ for c in tok.children if c.dep_ == "prt")]
    return " ".join(parts)


def _is_word(tok: Token, kind: str) -> bool:
    words = type_words(kind)
    return tok.lemma_.lower() in words or _phrase(tok) in words or tok.lower_ in words


def _governors(tok: Token, deps: tuple[str, ...] = ("xcomp", "ccomp", "dobj", "pobj", "prep", "conj"),
               limit: int = 4) -> list[Token]:
    """The words above ``tok`` reached through complement relations, nearest first."""
    out: list[Token] = []
    cur = tok
    for _ in range(limit):
        if cur.dep_ not in deps or cur.head is cur:
            break
        cur = cur.head
        out.append(cur)
    return out


def _content_path(tok: Token, limit: int = 8) -> list[Token]:
    """The words above ``tok`` while it stays inside one clause's complements: a conjunct with a
    subject of its own ("..., and Iran condemned the strikes") starts a new clause."""
    out: list[Token] = []
    cur = tok
    for _ in range(limit):
        if cur.dep_ not in _CONTENT_DEPS or cur.head is cur:
            break
        if cur.dep_ == "conj" and (any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
                                   or escapes_clause(cur)):
            break
        cur = cur.head
        out.append(cur)
    return out


def _drop(events: Events, doomed: list[EventCandidate]) -> None:
    ids = {id(e) for e in doomed}
    events[:] = [e for e in events if id(e) not in ids]


# --------------------------------------------------------------------------- events that are not news

def drop_motive_adjuncts(doc: Doc, events: Events) -> None:
    """'in protest at X', 'in retaliation for X', 'at the request of X': the motive of another act."""
    idioms = type_words("motive_idiom")
    aims = _aims_of_acts(doc, {ev.token for ev in events})
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun and tok.dep_ == "pobj" and f"{tok.head.lower_} {tok.lemma_.lower()}" in idioms:
            doomed.append(ev)
        elif ev.token in aims:
            doomed.append(ev)
    _drop(events, doomed)


def _aims_of_acts(doc: Doc, triggers: set[int]) -> set[int]:
    """"met in Geneva in an attempt to defuse the crisis": the infinitive of an aim noun in an
    adjunct of another event, and all it governs, state what that event is for."""
    out: set[int] = set()
    for tok in doc:
        if tok.dep_ != "acl":
            continue
        noun = tok.head
        if _is_word(noun, "aim_noun") and noun.dep_ == "pobj" \
                and noun.head.lower_ == "in" and noun.head.head.i in triggers:
            out |= {x.i for x in tok.subtree}
    return out


def drop_background_events(doc: Doc, events: Events) -> None:
    """'two years after the invasion', 'a decade after the annexation', 'since the coup'."""
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        if not ev.is_noun or tok.dep_ != "pobj" or not _is_word(tok.head, "background_prep"):
            continue
        prep = tok.head
        measured = any(c.lemma_.lower() in type_words("time_unit") for c in prep.children if c.i < prep.i)
        if prep.lower_ == "since" or measured:
            doomed.append(ev)
    _drop(events, doomed)
    _drop(events, [ev for ev in events if ev.is_noun and _hostile_spell_before(doc[ev.token], ev.cameo_code)])


def _hostile_spell_before(tok: Token, code: str) -> bool:
    """"captured the town after five days of fighting", "after a week of unrest": a spell of
    hostilities that the news act ends or follows is its background (the talks that led to an
    agreement, "following four days of talks", are part of the news and stay)."""
    if not code.startswith(_HOSTILE_ROOTS) or tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    spell = tok.head.head
    return spell.dep_ == "pobj" and _is_word(spell, "duration_unit") and _is_word(spell.head, "background_prep")


def _first_conjunct(tok: Token) -> Token:
    """The first of a list of coordinated words ('aid and loans' -> 'aid')."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def drop_copular_classifications(doc: Doc, events: Events) -> None:
    """'the aid was not charity but an investment': a predicate noun classifying an event subject."""
    by_token = {ev.token: ev for ev in events}
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        first = _first_conjunct(tok)
        if not ev.is_noun or first.dep_ != "attr" or first.head.lemma_ != "be":
            continue
        subj = next((c for c in first.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i in by_token and by_token[subj.i] is not ev:
            doomed.append(ev)
    _drop(events, doomed)


def drop_participle_elaborations(doc: Doc, events: Events) -> None:
    """'launched strikes on X, hitting back after ...', 'shot down a helicopter, killing two': a
    subjectless participle clause of the same kind of act restates the act it hangs on."""
    by_token = {ev.token: ev for ev in events}
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun or tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.head.i not in by_token:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children):
            continue
        if by_token[tok.head.i].cameo_code[:2] == ev.cameo_code[:2]:
            doomed.append(ev)
    _drop(events, doomed)


def drop_talk_topics(doc: Doc, events: Events) -> None:
    """'offering talks on arms control and military exercises': the topic of talks is no event of its own."""
    talks = {ev.token for ev in events if ev.cameo_code.startswith(("04", "036"))}  # 036: talks offered
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        first = _first_conjunct(tok)
        if not ev.is_noun or ev.cameo_code.startswith(("04", "036")) or first.dep_ != "pobj":
            continue
        prep = first.head
        about = prep.head  # the talks noun, or the object consumed by 'held talks'
        if _is_word(prep, "topic_prep") and (about.i in talks or about.dep_ == "dobj" and about.head.i in talks):
            doomed.append(ev)
    _drop(events, doomed)


def _generic_noun(tok: Token) -> bool:
    """A bare event noun that is the subject of a copula: "foreign aid is no charity", "sanctions are
    not the answer" -- a statement about the kind (no determiner, possessive or number)."""
    if tok.dep_ != "nsubj" or tok.head.lemma_ != "be" or not any(
            c.dep_ in ("attr", "acomp") for c in tok.head.children):
        return False
    return not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)


def _habit_or_state(tok: Token) -> bool:
    """"their weekly march": a recurring kind; "guards armed with rifles": a participle of state;
    "talk of a breakthrough": a rumour; "hostility towards X": a sentiment (the singular of a noun
    whose plural names the act)."""
    if any(c.dep_ == "amod" and _is_word(c, "frequency_adj") for c in tok.children):
        return True
    if tok.tag_ == "NN" and _is_word(tok, "rumour_noun") and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return True
    if tok.tag_ == "NN" and _is_word(tok, "plural_event_noun"):
        return True  # "hostility towards France": a sentiment; "hostilities" are fighting
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and _is_word(tok, "stative_participle") \
        and not any(c.dep_ == "agent" for c in tok.children)


def drop_generic_mentions(doc: Doc, events: Events) -> None:
    """A habit ("their weekly march"), a state ("personnel armed with knives") or a kind ("American
    aid is not charity"): no one act took place."""
    _drop(events, [ev for ev in events if _habit_or_state(doc[ev.token])
                   or ev.object_token is not None and _habit_or_state(doc[ev.object_token])  # "hold regular talks"
                   or ev.is_noun and _generic_noun(doc[ev.token])])


def _restated(tok: Token, eventful: set[int]) -> bool:
    """An event noun set off by a comma after another event it describes: "held talks in Riyadh,
    the highest-level contact since 2022" (an apposition, or a second object the parser hangs on the
    same verb)."""
    if tok.dep_ == "appos":
        return tok.head.i in eventful
    if tok.dep_ != "dobj":
        return False
    earlier = [d for d in tok.head.children if d.dep_ == "dobj" and d.i < tok.i and d.i in eventful]
    return any(any(t.lower_ == "," for t in tok.doc[d.i:tok.i]) for d in earlier)


def _provision_of_agreement(tok: Token) -> bool:
    """"a Qatari-brokered deal that ended a month of clashes", "the deal, which lifts the
    sanctions": a relative clause on an agreement noun says what the agreement does."""
    if tok.dep_ != "relcl" or tok.head.pos_ != "NOUN":
        return False
    own = _lexical_code(tok.head)
    if own is None or not own.startswith(("05", "03")):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which") for c in tok.children)


def drop_restatements(doc: Doc, events: Events) -> None:
    """"met in Doha on Friday, their first meeting in years": the
    appositive noun restates the talks, no second event; "an agreement that ended the fighting":
    the relative clause is the agreement's provision, no second event."""
    eventful = {ev.token for ev in events} | {ev.object_token for ev in events if ev.object_token is not None}
    _drop(events, [ev for ev in events if ev.is_noun and _restated(doc[ev.token], eventful - {ev.token})
                   or not ev.is_noun and _provision_of_agreement(doc[ev.token])])


def _states_a_fact(clause: Token, triggers: set[int]) -> bool:
    """An indicative clause with no deontic modal: "that they still preferred talks", "that the
    islands belong to Japan". A plain present form may be a subjunctive ("insisted that the police
    withdraw"), so it states a fact only when it names no act."""
    if any(c.dep_ == "aux" and _is_word(c, "caution_modal") for c in clause.children):
        return False
    if clause.tag_ in ("VBD", "VBZ") or clause.lemma_ == "be":
        return True
    return clause.tag_ == "VBP" and not any(x.i in triggers for x in clause.subtree)


def drop_assertions(doc: Doc, events: Events) -> None:
    """"insisted that they still favoured dialogue": asserting, not demanding."""
    doomed = []
    triggers = {ev.token for ev in events}
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun or ev.obligation or not ev.cameo_code.startswith("10") or not _is_word(tok, "assertion_verb"):
            continue
        clauses = [c for c in tok.children if c.dep_ == "ccomp"]
        if clauses and all(_states_a_fact(c, triggers) for c in clauses):
            doomed.append(ev)
    _drop(events, doomed)


def drop_appeal_contents(doc: Doc, events: Events) -> None:
    """What an appeal, demand, accusation or threat asks for or alleges is no act of its own."""
    speakers = {ev.token for ev in events if not ev.is_noun and ev.cameo_code.startswith(_CONTENT_ROOTS)}
    asked = _asked_by_light_verbs(doc, events)
    doomed = []
    for ev in events:
        above = _content_path(doc[ev.token])
        if any(g.i in speakers and g.i != ev.token for g in above) and ev.token not in speakers:
            doomed.append(ev)
        elif ev.token in asked:
            doomed.append(ev)  # "made an appeal to parliament to keep funds coming": the aid is asked for
    _drop(events, doomed)


def _asked_by_light_verbs(doc: Doc, events: Events) -> set[int]:
    """Triggers inside the purpose infinitive of a light verb whose object is an appeal, demand or
    threat noun ("made an appeal to X to keep aid flowing", "issued a demand to Y to free Z"):
    the infinitive is the noun's content."""
    triggers = {e.token for e in events}
    out: set[int] = set()
    for ev in events:
        tok = doc[ev.token]
        if not ev.is_noun or not ev.cameo_code.startswith(_CONTENT_ROOTS) or tok.dep_ != "dobj" \
                or tok.head.i in triggers:
            continue
        for c in tok.head.children:
            if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                escaped = {x.i for e in c.subtree if escapes_clause(e) for x in e.subtree}  # "... and flew to Kyiv"
                out |= ({x.i for x in c.subtree} - escaped) & triggers
    return out


def provisions_are_planned(doc: Doc, events: Events) -> None:
    """'The accord calls for the release of prisoners': the act is agreed, not appealed for."""
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun or not ev.cameo_code.startswith(("02", "10")):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or not _is_word(subj, "provision_noun"):
            continue
        content = [x for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp") for x in (c,)]
        content += [x for p in tok.children if p.dep_ == "prep" for x in p.children if x.dep_ == "pobj"]
        code = next((c for c in map(_lexical_code, content) if c and not c.startswith(("02", "10"))), None)
        if code is None:
            continue
        ev.cameo_code = recode("intent", code) if code.startswith(("04", "05", "06", "07", "08")) else code
        ev.cameo_code = ev.cameo_code or code
        ev.factuality = "Planned" if ev.factuality == "Actual" else ev.factuality


# --------------------------------------------------------------------------- type

def recode_cessations(doc: Doc, events: Events) -> None:
    """A stopped act: hostile -> yield (08, 'halted its boycott'); cooperative -> reduce relations (16)."""
    triggers = {ev.token for ev in events}
    for ev in events:
        tok = doc[ev.token]
        if tok.dep_ not in ("dobj", "nsubjpass", "xcomp") or tok.head is tok or tok.head.i in triggers:
            continue
        verb, code = tok.head, ev.cameo_code
        own = _lexical_code(tok) or code
        if own.startswith(_HOSTILE_ROOTS) and _is_word(verb, "cessation_verb"):
            new = recode("cessation", own)
        elif own.startswith(_COOPERATIVE_ROOTS) and _is_word(verb, "suspension_verb"):
            new = recode("suspension", own)
        else:
            continue
        if new is None:
            continue
        fact = assess(verb).value
        if fact == "Planned" and new.startswith("08"):
            new = recode("intent", new) or new
        ev.cameo_code, ev.factuality = new, fact


def _threat_context(tok: Token) -> bool:
    """A promise, vow or threat governs the act, or a condition hangs on it ('if', 'unless')."""
    for t in (tok, *_governors(tok, ("xcomp", "ccomp", "conj"), limit=4)):
        if t is not tok and _is_word(t, "threat_commit_verb"):
            return True
        for c in t.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and _is_word(m, "threat_mark") for m in c.children):
                return True
    return False


def threats_and_announcements(doc: Doc, events: Events) -> None:
    """An announced reduction of relations is a planned act (16); a promised or conditional coercive
    act, or announced force, is a threat (13)."""
    for ev in events:
        tok, code = doc[ev.token], ev.cameo_code
        own = _lexical_code(tok)
        if own is None or not own.startswith(_COERCIVE_ROOTS) or ev.factuality not in ("Planned", "Possible"):
            continue
        if code.startswith("13") and own.startswith(_RELATIONS_ROOT) and not _threat_context(tok):
            ev.cameo_code = own  # "announced that it would withdraw from the treaty": a planned 16
            continue
        if code.startswith(_COERCIVE_ROOTS) and _threat_context(tok):
            ev.cameo_code = recode("threat", code) or code  # "vowed to hit back at X"
        if ev.cameo_code.startswith("13"):
            ev.factuality = "Actual"  # the threat was made; only the threatened act is ahead


def _litotes(tok: Token) -> Token | None:
    """The negated verb of reluctance governing ``tok``: "would not [hesitate] to order"."""
    for g in _governors(tok, ("xcomp", "prep", "pcomp", "pobj"), limit=3):
        if _is_word(g, "litotes_verb") and any(c.dep_ == "neg" for c in g.children):
            return g
    return None


def litotic_commitments(doc: Doc, events: Events) -> None:
    """"would not hesitate to launch new raids", "did not shy away from sanctions": the
    negation is of the reluctance; the act is committed to (planned, or done when told in the past)."""
    for ev in events:
        tok = doc[ev.token]
        verb = _litotes(tok)
        own = _lexical_code(tok) or ev.cameo_code
        refused = ev.cameo_code.startswith("12") and not own.startswith("12")  # read as "would not help"
        if verb is None or ev.factuality != "Negated" and not refused:
            continue
        if grammatical_tense(verb) == "past":
            ev.cameo_code, ev.factuality = own, "Actual"
            continue
        if own.startswith(_COERCIVE_ROOTS + ("10",)) and ev.sources:
            ev.cameo_code, ev.factuality = recode("threat", own) or "130", "Actual"  # the threat was made
        else:
            ev.cameo_code, ev.factuality = recode("intent", own) or own, "Planned"


def _advice(tok: Token) -> Token | None:
    """The content clause of a warning when it gives advice ("should not be fooled")."""
    return next((c for c in tok.children if c.dep_ == "ccomp" and any(
        a.dep_ == "aux" and _is_word(a, "caution_modal") for a in c.children)), None)


def _in_modifier(tok: Token, top: Token) -> bool:
    """Inside a participle, relative or adverbial clause below ``top``: "an offer by Arland, [backed by Borduria]"."""
    cur = tok
    while cur.i != top.i and cur.head is not cur:
        if cur.dep_ in ("acl", "relcl", "appos", "advcl"):
            return True
        cur = cur.head
    return False


def cautions_are_criticisms(doc: Doc, events: Events) -> None:
    """"warned that allies should not trust any offer by Arland": no repercussion is
    threatened; the warning criticises whoever its content names (111)."""
    refs = doc_value(doc, "kg_refs") or {}
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun or not ev.cameo_code.startswith("13") or not _is_word(tok, "threat_commit_verb"):
            continue
        clause = _advice(tok)
        if clause is None or tok.lemma_.lower() != "warn":
            continue
        ev.cameo_code = "111"
        named = [k for x in clause.subtree if x.i in refs and not _in_modifier(x, clause) for k in phrase_refs(x)[0]]
        if not ev.targets:
            ev.retarget([k for k in dict.fromkeys(named) if k not in ev.sources])


def conditional_threats(doc: Doc, events: Events) -> None:
    """'threatened to attack if X began drilling': the threat was made; only the attack is conditional."""
    for ev in events:
        if not ev.cameo_code.startswith("13") or ev.factuality != "Possible":
            continue
        cues = set(assess(doc[ev.token]).cues)
        if cues and cues <= type_words("threat_mark"):
            ev.factuality = "Actual"


def planned_invitations(doc: Doc, events: Events) -> None:
    """'invited X to visit Y', 'invited X to Beijing': X's visit is planned; the inviter hosts it."""
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun or not _is_word(tok, "invite_verb") or ev.factuality not in ("Actual", "Planned"):
            continue
        where = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "to"]
        if not where:
            continue
        ev.cameo_code = recode("intent", "04") or "036"
        ev.factuality = "Planned"
        if ev.sources and ev.targets:
            ev.sources, ev.targets = list(ev.targets), list(ev.sources)


def accepted_invitations(doc: Doc, events: Events) -> None:
    """"accepted an invitation to visit Canberra": the visit, planned, is the one event; the
    acceptance (036 of the 'accept invitation' row) would count the same meeting twice."""
    by_token = {ev.token: ev for ev in events}
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun or not ev.cameo_code.startswith("036") or not _is_word(tok, "accept_verb"):
            continue
        acts = [a for o in tok.children if o.dep_ == "dobj" for a in o.children
                if a.dep_ == "acl" and a.i in by_token and by_token[a.i].cameo_code.startswith(("036", "04"))]
        if acts:
            doomed.append(ev)
            visit = by_token[acts[0].i]
            if not visit.sources:  # the one who accepts is the one who will visit
                visit.sources = list(ev.sources)
                visit.refresh_actors()
    _drop(events, doomed)


def reconsidered_refusals(doc: Doc, events: Events) -> None:
    """'is rethinking its refusal to send missiles': the refused act is possible, nothing was rejected."""
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        if not ev.cameo_code.startswith("12") or not any(_is_word(g, "reconsider_verb") for g in _governors(tok)):
            continue
        acts = [c for c in tok.subtree if c.i != tok.i and is_verb(c)]
        code = next((c for c in map(_lexical_code, acts) if c and not c.startswith("12")), None)
        ev.cameo_code = code or recode("intent", "03") or "030"
        ev.factuality = "Possible"
        inside = {c.i for c in tok.subtree if c.i != tok.i}
        doomed += [o for o in events if o is not ev and o.token in inside]  # the refused act, read once
    _drop(events, doomed)


@lru_cache(maxsize=1)
def _commit_words() -> frozenset[str]:
    """Verbs of commitment ('agree', 'pledge', 'decide' ...: kg/data/complement_verbs.csv)."""
    text = resources.files("kg.data").joinpath("complement_verbs.csv").read_text(encoding="utf-8")
    return frozenset(r["lemma"] for r in csv.DictReader(text.splitlines()) if r["behaviour"] == "commit")


def commitments_take_their_content(doc: Doc, events: Events) -> None:
    """'agreed to have their negotiators resume talks': a bare commitment (030) whose content
    sits below a causative verb with no event of its own ('have', 'let', 'get') is the intent to do
    that content (03x), planned."""
    triggers = {ev.token for ev in events}
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun or ev.cameo_code != "030" or ev.factuality != "Actual" \
                or tok.lemma_.lower() not in _commit_words():
            continue
        below = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and _is_word(c, "causative_verb")]
        inner = sorted((x for c in below for x in c.subtree if x.i not in triggers and x.i != tok.i),
                       key=lambda x: _depth(x, tok))
        code = next((c for c in map(_lexical_code, inner) if c and c.startswith(_COOPERATIVE_ROOTS + ("08",))), None)
        if code is not None:
            ev.cameo_code, ev.factuality = recode("intent", code) or code, "Planned"


def _depth(tok: Token, top: Token) -> int:
    n, cur = 0, tok
    while cur.i != top.i and cur.head is not cur and n < 50:
        cur, n = cur.head, n + 1
    return n


def agreed_truces_are_actual(doc: Doc, events: Events) -> None:
    """'agreed to a truce last week', 'agreed on a deal': a truce or deal agreed is in force."""
    for ev in events:
        tok = doc[ev.token]
        if not ev.is_noun or ev.factuality != "Planned" or tok.dep_ != "pobj":
            continue
        verb = tok.head.head if tok.head.lower_ in ("to", "on") else None
        own = _lexical_code(tok)
        if verb is None or own is None or not own.startswith(("05", "0871")) or not _is_word(verb, "truce_agree_verb"):
            continue
        if verb.tag_ not in ("VBD", "VBN"):
            continue
        if assess(verb).value == "Actual":
            ev.factuality = "Actual"  # the agreement (03x) was made; its code stays the agreement's


def future_dated_events(doc: Doc, events: Events) -> None:
    """An Actual event dated after publication, not told in the past tense, is Planned."""
    if not doc._.kg_published:
        return
    published = date.fromisoformat(doc._.kg_published)
    for ev in events:
        value = (ev.time or {}).get("value") or ""
        if ev.factuality != "Actual" or len(value) != 10:
            continue
        try:
            when = date.fromisoformat(value)
        except ValueError:
            continue
        if when > published and grammatical_tense(doc[ev.token]) != "past":
            ev.factuality = "Planned"


PASSES: tuple[Callable[[Doc, Events], None], ...] = (
    drop_motive_adjuncts, drop_background_events, drop_copular_classifications, drop_participle_elaborations,
    drop_talk_topics, drop_generic_mentions, drop_restatements, drop_assertions, drop_appeal_contents,
    provisions_are_planned, recode_cessations, threats_and_announcements, litotic_commitments,
    cautions_are_criticisms, conditional_threats,
    planned_invitations, accepted_invitations, reconsidered_refusals, commitments_take_their_content,
    agreed_truces_are_actual,
    future_dated_events,
)
