"""Candidate stages: one :class:`EventCandidate` per trigger word, and the mention text of each."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp import memo
from kg.nlp.arguments import phrase_refs, subject_of
from kg.nlp.candidate import EventCandidate
from kg.nlp.stages.common import complements, governor, obligation_words, ordinals
from kg.nlp.stages.registry import EventContext, stage
from kg.nlp.triggers import Match, TriggerRow

__all__ = ["candidate_of", "DEMAND"]

# the row a reported obligation is coded with: a demand (CAMEO 100)
DEMAND = TriggerRow("100", "VERB", "(reported obligation)", weight=0.6)
_MAX_ANCHOR = 25  # tokens; a whole clause is no useful anchor


def _lemma(m: Match, obligation: bool) -> str:
    if obligation:
        return "demand"
    if not m.row.extra or m.row.pos == "NOUN":
        return m.token.lemma_.lower()
    return f"{m.token.lemma_} {' '.join(m.row.extra)}"


def candidate_of(m: Match, obligation: bool = False) -> EventCandidate:
    """A fresh candidate for a trigger match: the row's values copied, nothing decided yet."""
    return EventCandidate(
        token=m.token.i, cameo_code=m.row.code, row_code=m.row.code, row_pos=m.row.pos, weight=m.row.weight,
        lemma=_lemma(m, obligation), trigger=m.token.text,
        object_token=m.object_token.i if m.object_token is not None else None,
        subject_role=m.row.subject_role, obligation=obligation)


@stage("kg.candidates.triggers.v1")
def trigger_candidates(ctx: EventContext) -> None:
    """Every token the trigger lexicon matches with at least ``min_weight``."""
    lex, doc = ctx.lexicon, ctx.doc
    for i, (lemma, lower) in enumerate(zip(memo.lemmas(doc), memo.lowers(doc))):
        if not lex.may_match(lemma, lower):
            continue  # the lexicon's own first test, without building the token
        m = lex.match(memo.token(doc, i))
        if m is not None and m.row.weight >= ctx.min_weight:
            ctx.add(m)


def _obliges_another(tok: Token, clause: Token, words: dict[str, set[str]]) -> bool:
    aux = {a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")}
    must = bool(aux & words["modal"]) or (clause.lemma_.lower() in words["obligation"] and any(
        x.dep_ == "xcomp" for x in clause.children))
    if not must:
        return False
    inner = next((x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass")), None)
    speaker = subject_of(tok)
    obliged = set(phrase_refs(inner)[0]) if inner is not None else set()
    said_by = set(phrase_refs(speaker)[0]) if speaker is not None else set()
    return bool(obliged and said_by and not obliged & said_by)


@stage("kg.candidates.obligations.v1")
def reported_obligations(ctx: EventContext) -> None:
    """'X said that Y must do Z': a demand by X on Y (CAMEO 100), with Z as its content.

    Only where the obliged party is another actor than the speaker: "we must act" is no demand.
    """
    words = obligation_words()
    found = []
    reporting = words["reporting"]
    for i in [i for i, lemma in enumerate(memo.lemmas(ctx.doc)) if lemma in reporting]:
        tok = ctx.doc[i]
        if tok.i in ctx.matches:
            continue
        if any(c.dep_ == "ccomp" and _obliges_another(tok, c, words) for c in tok.children):
            found.append(tok)
    for tok in found:
        ctx.add(Match(DEMAND, tok, None), obligation=True)


def anchor_span(tok: Token, is_noun: bool) -> tuple[int, int]:
    """Token span [start, end) of the mention text: the event noun phrase or the verb phrase."""
    sent = memo.sent_of(tok)
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
    if end - start > _MAX_ANCHOR:  # keep the trigger's own phrase
        start, end = tok.i, min(tok.i + 1 + sum(1 for c in tok.children if c.dep_ == "prt"), sent.end)
    while end > start + 1 and tok.doc[end - 1].is_punct:
        end -= 1
    return start, end


def _set_mention(c: EventCandidate, doc: Doc) -> None:
    tok = memo.token(doc, c.token)
    start, end = anchor_span(tok, c.is_noun)
    span, sent = doc[start:end], memo.sent_of(tok)
    # a span's text is joined from its tokens on every read: cut from the Doc's text instead (the same
    # characters: a span's text runs from its first token's offset to its last token's end)
    text = memo.text(doc)
    c.begin, c.end = span.start_char, span.end_char
    c.anchor = text[c.begin:c.end]
    c.sentence = text[sent.start_char:sent.end_char].strip()
    c.sentence_start = sent.start


@stage("kg.candidates.mentions.v1")
def mentions(ctx: EventContext) -> None:
    """Provenance of each live candidate (anchor text, sentence), its ordinals and whether it is
    the content of another live event ("demanded that sanctions be lifted")."""
    live = {c.token for c in ctx.live()}
    for c in ctx.live():
        tok = ctx.tok(c)
        _set_mention(c, ctx.doc)
        c.ordinals = ordinals(tok)
        gov = governor(tok)
        c.content = gov is not None and gov.i in live


def event_complements(ctx: EventContext, tok: Token) -> list[Token]:
    return [c for c in complements(tok) if c.i in ctx.matches]
