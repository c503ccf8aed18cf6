"""Bounded cost per document: oversized texts are parsed in segments and rejoined.

The parser's memory and several document-wide rules grow faster than the
text (entity and time lookups scan the whole document per mention): a
200,000-character "sentence" without punctuation took 50 s, a list of 25,000
names over 5 minutes, and 100,000 characters of ordinary news 100 s against
4 s for 25,000. So before parsing, a document that is longer than
:data:`DOC_CHARS` or holds a sentence longer than :data:`SENTENCE_CHARS` is
cut into segments: whole paragraphs, else whole sentences, packed up to
:data:`SEGMENT_CHARS`. A sentence longer than :data:`SENTENCE_CHARS` is
capped: only its first :data:`SENTENCE_CHARS` characters (cut at a space)
are parsed, alone, and the rest is skipped -- no news sentence is that long,
and parsing it costs far more than it could give. The segments go through the
pipeline as ordinary documents; afterwards their events and entities are
put back together with character (and token) offsets shifted, so the
result describes the original text. References across segments are not
resolved; a warning line says so. Documents within the limits (every news
article) are parsed exactly as before.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kg.errors import E
from kg.model import Document

__all__ = ["DOC_CHARS", "SEGMENT_CHARS", "SENTENCE_CHARS", "segment_spans", "needs_segments", "parse_bounded"]

DOC_CHARS = 20_000       # longer documents are parsed in segments (news articles are 2-10k; max_length is 1,000,000)
SEGMENT_CHARS = 10_000   # at most this many characters per segment, unless one paragraph/sentence is longer
SENTENCE_CHARS = 2_000   # a longer run without sentence punctuation is cut at spaces

log = logging.getLogger("kg.bounds")

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENTENCE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+|\n\s*")


def _split(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """``[start, end)`` cut after every match of ``pattern`` (the separator stays with the part before)."""
    out, s = [], start
    for m in pattern.finditer(text, start, end):
        if m.end() > s and m.end() < end:
            out.append((s, m.end()))
            s = m.end()
    out.append((s, end))
    return out


def _cut(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """A long run cut into pieces of at most ``size`` characters, at the last space before the limit."""
    out, s = [], start
    while end - s > size:
        k = text.rfind(" ", s + size // 2, s + size)
        k = k + 1 if k >= 0 else s + size
        out.append((s, k))
        s = k
    out.append((s, end))
    return out


def needs_segments(text: str) -> bool:
    """True for a text over :data:`DOC_CHARS` or with a sentence over :data:`SENTENCE_CHARS`."""
    if len(text) > DOC_CHARS:
        return True
    if len(text) <= SENTENCE_CHARS:
        return False
    return any(b - a > SENTENCE_CHARS for a, b in _split(text, 0, len(text), _SENTENCE))


def segment_spans(text: str) -> tuple[list[tuple[int, int]], int, int]:
    """``(segments, capped, skipped)``: spans of ``text`` to parse in order, how many sentences were
    capped and how many characters of theirs are left out (the spans cover everything else)."""
    units: list[tuple[int, int, bool]] = []  # (start, end, alone)
    cut = skipped = 0
    for p0, p1 in _split(text, 0, len(text), _PARAGRAPH):
        sentences = _split(text, p0, p1, _SENTENCE)
        if p1 - p0 <= SEGMENT_CHARS and all(b - a <= SENTENCE_CHARS for a, b in sentences):
            units.append((p0, p1, False))
            continue
        for s0, s1 in sentences:
            if s1 - s0 <= SENTENCE_CHARS:
                units.append((s0, s1, False))
            else:
                cut += 1
                a, b = _cut(text, s0, s1, SENTENCE_CHARS)[0]
                units.append((a, b, True))
                skipped += s1 - b
    segments: list[tuple[int, int]] = []
    open_: tuple[int, int] | None = None
    for a, b, alone in units:
        if alone:
            if open_:
                segments.append(open_)
                open_ = None
            segments.append((a, b))
        elif open_ and b - open_[0] <= SEGMENT_CHARS:
            open_ = (open_[0], b)
        else:
            if open_:
                segments.append(open_)
            open_ = (a, b)
    if open_:
        segments.append(open_)
    return segments, cut, skipped


@dataclass
class _Group:
    original: Document
    parts: list[tuple[Document, int]]  # (segment document, character offset)


def _segments(documents: Iterable[Document], pending: list[_Group]) -> Iterator[Document]:
    for d in documents:
        if not needs_segments(d.text):
            pending.append(_Group(d, [(d, 0)]))
            yield d
            continue
        spans, cut, skipped = segment_spans(d.text)
        if len(spans) > 1:
            log.warning(E.E017.format(doc=d.id, chars=len(d.text), segments=len(spans)))
        if cut:
            log.warning(E.E018.format(doc=d.id, count=cut, max=SENTENCE_CHARS, skipped=skipped))
        parts = [(d.model_copy(update={"text": d.text[a:b]}), a) for a, b in spans]
        pending.append(_Group(d, parts))
        yield from (p for p, _ in parts)


def _shift(mention: dict, chars: int, tokens: int) -> dict:
    out = dict(mention)
    for k in ("begin", "end"):
        if isinstance(out.get(k), int):
            out[k] += chars
    for k in ("token", "sentence_start"):
        if isinstance(out.get(k), int):
            out[k] += tokens
    if out.get("extra_mentions"):
        out["extra_mentions"] = [_shift(m, chars, tokens) for m in out["extra_mentions"]]
    return out


def _rejoin(group: _Group, parsed: list[tuple[object, int]]) -> tuple[object, Document]:
    from spacy.tokens import Doc  # noqa: PLC0415

    docs = [doc for doc, _ in parsed]
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])
    events: list[dict] = []
    entities: dict[str, dict] = {}
    refs: dict[int, list[str]] = {}
    conf: dict[int, float] = {}
    tokens = 0
    for doc, chars in parsed:
        events.extend(_shift(ev, chars, tokens) for ev in (doc._.kg_events or []))
        for key, ent in (doc._.kg_entities or {}).items():
            if key not in entities:
                entities[key] = dict(ent)
            elif ent.get("aliases"):
                entities[key]["aliases"] = sorted(set(entities[key].get("aliases") or ()) | set(ent["aliases"]))
        refs.update({i + tokens: v for i, v in (doc._.kg_refs or {}).items()})
        conf.update({i + tokens: v for i, v in (doc._.kg_ref_conf or {}).items()})
        tokens += len(doc)
    joined._.kg_doc_id = group.original.id
    joined._.kg_published = docs[0]._.kg_published
    joined._.kg_events, joined._.kg_entities = events, entities
    joined._.kg_refs, joined._.kg_ref_conf = refs, conf
    return joined, group.original


def parse_bounded(documents: Iterable[Document],
                  parse: Callable[[Iterable[Document]], Iterable[tuple[object, Document]]]) -> Iterator[tuple[object, Document]]:
    """``parse`` over ``documents`` with oversized ones segmented and rejoined, in input order.

    ``parse`` yields ``(Doc, Document)`` in order and may leave out a segment
    that failed (it reports it); the document is then rejoined from the rest.
    """
    pending: list[_Group] = []
    current: tuple[_Group, list[tuple[object, int]], int] | None = None  # group, parsed parts, next part index
    for doc, seg in parse(_segments(documents, pending)):
        while True:
            if current is None:
                group = pending.pop(0)
                current = (group, [], 0)
            group, done, k = current
            idx = next((j for j in range(k, len(group.parts)) if group.parts[j][0] is seg or group.parts[j][0] == seg),
                       None)
            if idx is None:  # this group lost its remaining parts: flush it, try the next group
                if done:
                    yield _finish(group, done)
                current = None
                continue
            done.append((doc, group.parts[idx][1]))
            current = (group, done, idx + 1)
            if idx + 1 == len(group.parts):
                yield _finish(group, done)
                current = None
            break
    if current is not None and current[1]:
        yield _finish(current[0], current[1])


def _finish(group: _Group, done: list[tuple[object, int]]) -> tuple[object, Document]:
    if len(group.parts) == 1 and group.parts[0][0] is group.original:
        return done[0][0], group.original
    return _rejoin(group, done)
