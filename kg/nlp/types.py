"""Event-level type and factuality rules: passes over the event list of one sentence's parse.

Each pass is ``def name(doc, events) -> None`` and edits the event candidates
(:class:`~kg.nlp.candidate.EventCandidate`) in place; one it removes from the list
is dropped. :mod:`kg.nlp.stages.types` registers each as a stage, in :data:`PASSES`
order, after the target stages and before event identity. Every pass reads the parse around the
trigger token (``ev.token``), never the text, and takes its words from
``kg/data/type_rules.csv`` (word classes) and ``kg/data/intent_codes.csv``
(recoding tables). One rule each:

* :func:`drop_motive_adjuncts` -- "recalled its envoy in protest at X", "taken at
  the request of X": the motive or occasion of an act is no event of its own;
* :func:`drop_background_events` -- "two years after the invasion", "since the
  annexation": an earlier event used as a time point is not news;
* :func:`drop_copular_classifications` -- "the aid was an investment": a noun
  that classifies another event is no second event;
* :func:`drop_participle_elaborations` -- "launched strikes on X, hitting back
  after ...": a subjectless participle of the same kind of act restates it;
* :func:`drop_talk_topics` -- "talks on arms control and military exercises":
  the topic of talks is no event of its own;
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
* :func:`conditional_threats` -- "threatened to attack if ...": the condition
  belongs to the threatened act, the threat itself was made;
* :func:`planned_invitations` -- "invited X to visit Y next spring": a planned
  visit of X, hosted by the inviter;
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

from kg.nlp.candidate import EventCandidate
from kg.nlp.factuality import assess, grammatical_tense
from kg.nlp.tokens import is_verb
from kg.nlp.triggers import load_lexicon, type_words

__all__ = ["PASSES", "drop_motive_adjuncts", "drop_background_events",
           "drop_copular_classifications", "drop_participle_elaborations", "drop_talk_topics",
           "drop_appeal_contents", "provisions_are_planned", "recode_cessations",
           "threats_and_announcements", "conditional_threats", "planned_invitations", "reconsidered_refusals",
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
                                   or _finite_after_infinitive(cur)):
            break
        cur = cur.head
        out.append(cur)
    return out


def _finite_after_infinitive(conj: Token) -> bool:
    """'urged X to respect Y and recalled its envoy': a finite verb is no part of the infinitive."""
    head = conj.head
    return conj.tag_ in ("VBD", "VBZ", "VBP", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in conj.children) \
        and head.tag_ == "VB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in head.children)


def _drop(events: Events, doomed: list[EventCandidate]) -> None:
    ids = {id(e) for e in doomed}
    events[:] = [e for e in events if id(e) not in ids]


# --------------------------------------------------------------------------- events that are not news

def drop_motive_adjuncts(doc: Doc, events: Events) -> None:
    """'in protest at X', 'in retaliation for X', 'at the request of X': the motive of another act."""
    idioms = type_words("motive_idiom")
    doomed = []
    for ev in events:
        tok = doc[ev.token]
        if ev.is_noun and tok.dep_ == "pobj" and f"{tok.head.lower_} {tok.lemma_.lower()}" in idioms:
            doomed.append(ev)
    _drop(events, doomed)


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


def drop_appeal_contents(doc: Doc, events: Events) -> None:
    """What an appeal, demand, accusation or threat asks for or alleges is no act of its own."""
    speakers = {ev.token for ev in events if not ev.is_noun and ev.cameo_code.startswith(_CONTENT_ROOTS)}
    doomed = []
    for ev in events:
        above = _content_path(doc[ev.token])
        if any(g.i in speakers and g.i != ev.token for g in above) and ev.token not in speakers:
            doomed.append(ev)
    _drop(events, doomed)


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
    drop_talk_topics, drop_appeal_contents,
    provisions_are_planned, recode_cessations, threats_and_announcements, conditional_threats,
    planned_invitations, reconsidered_refusals, commitments_take_their_content, agreed_truces_are_actual,
    future_dated_events,
)
