"""Event identity: which mentions are one event, and which events nobody takes part in.

An anaphor ('the meeting') joins the latest earlier event of its family; an
argument-less noun takes the participants of an earlier event of the same
sentence; mentions with the same type, participants and factuality and no
conflicting place, date or ordinal are one event.
"""
from __future__ import annotations

from kg.nlp import memo
from kg.nlp.candidate import EventCandidate, unique
from kg.nlp.confidence import borrowed
from kg.nlp.extensions import doc_value
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.stages.roles import is_symmetric

def ordered_apart(a: EventCandidate, b: EventCandidate) -> bool:
    """True when the text orders ``a`` and ``b`` in time ("after his call with X"): two events.

    ``sequenced`` is filled by ``kg.identity.sequence.v1``; without that stage nothing is ordered."""
    ta, tb = set(a.mention_tokens or [a.token]), set(b.mention_tokens or [b.token])
    return bool(set(a.sequenced) & tb or set(b.sequenced) & ta)


__all__ = ["ordered_apart", "compatible", "antecedent", "merge_into", "same_kind", "label", "distributive_split"]

_FAMILY = {"04": "04", "03": "03", "05": "05"}  # roots whose nouns corefer across codes (talks ~ summit)


def _family(code: str) -> str:
    return _FAMILY.get(code[:2], code[:2])


def compatible(a: EventCandidate, b: EventCandidate) -> bool:
    """Same family of type, and no conflicting place, date or ordinal."""
    if _family(a.cameo_code) != _family(b.cameo_code):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    ta, tb = (a.time or {}).get("value"), (b.time or {}).get("value")
    if ta and tb and ta != tb:
        return False
    oa, ob = set(a.ordinals), set(b.ordinals)
    return not (oa and ob and not (oa & ob))


def same_kind(a: str, b: str) -> bool:
    """Same code, or one is the generic code of the other's root ('040' and '044')."""
    return a == b or (a[:2] == b[:2] and (a.endswith("0") and len(a) == 3 or b.endswith("0") and len(b) == 3))


def merge_into(target: EventCandidate, other: EventCandidate) -> None:
    """``other`` is another mention of ``target``: its provenance and roles join ``target``."""
    target.extra_mentions.append(other.mention())
    target.extra_mentions += other.extra_mentions
    target.sources = unique(target.sources + [x for x in other.sources if x not in target.actors])
    target.targets = unique(target.targets + [x for x in other.targets if x not in target.actors])
    target.themes = unique(target.themes + other.themes)
    target.actors = unique(target.actors + other.actors)
    target.place = target.place or other.place
    target.time = target.time or other.time
    target.confidence = max(target.confidence, other.confidence)
    target.ordinals = sorted(set(target.ordinals) | set(other.ordinals))
    target.mention_tokens = unique(target.mention_tokens + (other.mention_tokens or [other.token]))
    target.sequenced = unique(target.sequenced + other.sequenced)


def antecedent(anaphor: EventCandidate, earlier: list[EventCandidate]) -> EventCandidate | None:
    """The latest earlier event with participants that an anaphor can refer to."""
    cands = [e for e in earlier if e.token < anaphor.token and e.actors and compatible(e, anaphor)]
    return max(cands, key=lambda e: e.token) if cands else None


def label(c: EventCandidate, entities: dict) -> str:
    names = [entities.get(a, {}).get("label", a) for a in c.actors]
    text = f"{c.lemma}: {' – '.join(names)}" if names else c.lemma
    if c.place:
        text += f" in {entities.get(c.place, {}).get('label', c.place)}"
    return text


def _resolve_anaphor(ev: EventCandidate, kept: list[EventCandidate]) -> bool:
    """Merge an anaphor into its antecedent (True), or give it its clause's participants."""
    ante = next((k for k in reversed(kept) if compatible(k, ev) and not ordered_apart(k, ev)), None)
    if ante is not None:
        merge_into(ante, ev)
        return True
    ev.sources, ev.targets, ev.others = list(ev.fallback), [], []
    ev.actors = list(ev.fallback)
    return False


def _borrow_from_sentence(ev: EventCandidate, kept: list[EventCandidate], weights: dict[str, float]) -> None:
    same_sentence = [k for k in kept if k.sentence_start == ev.sentence_start and k.actors]
    if same_sentence:
        ev.actors = list(same_sentence[-1].actors)
        ev.confidence = borrowed(ev.confidence, weights)


def _twin(ev: EventCandidate, kept: list[EventCandidate]) -> EventCandidate | None:
    if ev.repeated:  # "met again": another occurrence
        return None
    return next((k for k in reversed(kept)
                 if not ordered_apart(k, ev)
                 and k.factuality == ev.factuality and set(k.actors) == set(ev.actors)
                 and compatible(k, ev) and same_kind(k.cameo_code, ev.cameo_code)), None)


@stage("kg.identity.v1")
def resolve(ctx: EventContext) -> None:
    """Event coreference within the document, then drop events nobody takes part in."""
    kept: list[EventCandidate] = []
    for ev in ctx.live():
        if ev.anaphor and _resolve_anaphor(ev, kept):
            continue
        if not ev.actors and ev.is_noun and not ev.content:
            _borrow_from_sentence(ev, kept, ctx.weights)
        if not ev.actors:
            continue
        twin = _twin(ev, kept)
        if twin is not None:
            merge_into(twin, ev)
            continue
        kept.append(ev)
    for ev in kept:
        ev.label = label(ev, ctx.entities)
    ctx.events = kept


# -- distributive targets -----------------------------------------------------------------------------
_DISTRIBUTIVE_PREPS = ("to", "from")
_OCCASION_ROOTS = ("04",)


def _recipient_groups(tok, refs: dict, owners: bool = True) -> list[tuple[list[str], int]]:
    """Coordinated recipients of a plural object, each with the keys it names and its last
    token: "recalled its ambassadors to A and B", "expelled envoys from A, B and C",
    "summoned the ambassadors of A and B"."""
    objs = [c for c in tok.children if c.dep_ == "dobj" and c.tag_ in ("NNS", "NNPS")]
    if not objs:
        return []
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _DISTRIBUTIVE_PREPS]
    preps += [c for c in objs[0].children if c.dep_ == "prep" and c.lower_ in _DISTRIBUTIVE_PREPS + (("of",) if owners else ())]
    for prep in preps:
        first = next((p for p in prep.children if p.dep_ == "pobj"), None)
        if first is None or not first.conjuncts:
            continue
        groups = []
        for t in sorted([first, *first.conjuncts], key=lambda t: t.i):
            keys = unique(k for x in t.subtree if not x.conjuncts or x is t for k in refs.get(x.i, ()))
            groups.append((keys, t.i))
        return groups
    return []


def distributive_split(ev: EventCandidate, doc) -> list[EventCandidate]:
    """One act done to each of several recipients through a plural object is one dyadic
    event per recipient ("recalled its ambassadors to A and B": A's and B's ambassador);
    a symmetric relation and anything else stay one event."""
    from dataclasses import replace  # noqa: PLC0415

    tok = doc[ev.token]
    if ev.is_noun or len(ev.targets) < 2 or is_symmetric(ev.cameo_code):
        return [ev]
    # the people of A and B at a gathering (04: visits, hosting, meetings) meet on one occasion ("hosted the
    # leaders of A and B"); envoys sent to A and B, or expelled ambassadors of A and B, are one act per relation
    groups = _recipient_groups(tok, doc_value(doc, "kg_refs") or {},
                               owners=not ev.cameo_code.startswith(_OCCASION_ROOTS))
    named = [keys for keys, _ in groups]
    if len(groups) < 2 or any(len(k) != 1 for k in named) or set(ev.targets) != {k[0] for k in named}:
        return [ev]
    out = []
    for keys, last in groups:
        part = replace(ev, targets=list(keys), extra_mentions=[dict(m) for m in ev.extra_mentions],
                       mention_tokens=list(ev.mention_tokens), sequenced=list(ev.sequenced))
        part.actors = unique(part.sources + part.targets + [a for a in ev.others if a not in ev.targets])
        if last < memo.sent_of(doc[ev.token]).end:  # each dyad's anchor ends at its recipient: distinct mentions
            part.end = max(doc[ev.token].idx + len(doc[ev.token]), doc[last].idx + len(doc[last]))
            part.anchor = doc.text[part.begin:part.end]
        out.append(part)
    return out


@stage("kg.identity.distributive_targets.v1")
def distributive_targets(ctx: EventContext) -> None:
    """"France recalled its ambassadors to A and B" is two events, France -> A and France -> B
    (event data codes dyads); a joint act of several sources, or one object sent to several
    recipients ("sent a letter to A and B"), stays one event."""
    out: list[EventCandidate] = []
    for c in ctx.candidates:
        out += [c] if c.suppressed else distributive_split(c, ctx.doc)
    ctx.candidates = out
