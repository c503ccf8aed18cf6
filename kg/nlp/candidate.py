"""The typed event mention that travels through the ``kg_events`` stages.

An :class:`EventCandidate` holds plain values only (ints, strs, floats,
tuples, lists, dicts of those): token *indices*, never spaCy ``Token`` or
``Span`` objects, so a Doc carrying the component's output still pickles for
``nlp.pipe(n_process=...)``. Stages read and write its fields; only
:meth:`EventCandidate.public` leaves the component, as ``doc._.kg_events``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["EventCandidate", "PUBLIC_FIELDS", "MENTION_FIELDS", "unique"]

# what ``doc._.kg_events`` holds per event: exactly what kg/extract.py reads
PUBLIC_FIELDS = ("cameo_code", "label", "actors", "sources", "targets", "place", "themes", "time", "factuality",
                 "confidence", "begin", "end", "anchor", "sentence", "trigger", "extra_mentions")
MENTION_FIELDS = ("begin", "end", "anchor", "sentence", "trigger")


def unique(keys) -> list[str]:
    return list(dict.fromkeys(keys))


@dataclass
class EventCandidate:
    """One event mention: trigger, roles, type, factuality, time, provenance.

    ``token`` is the trigger's index in the Doc. The ``trigger row`` fields
    (``row_*``) are copied from the lexicon row that matched. ``actors`` is
    the participant list; ``sources``/``targets`` give CAMEO direction where
    the text does, ``others`` are participants with no stated direction.
    """

    token: int
    cameo_code: str                    # CAMEO code (after recoding)
    row_code: str                      # the lexicon row's code
    row_pos: str                       # VERB | NOUN
    weight: float                      # trigger reliability (lexicon weight)
    lemma: str                         # trigger lemma (with particle) for the label
    trigger: str = ""
    object_token: int | None = None    # the object noun a collocation consumed
    subject_role: str = "source"
    obligation: bool = False           # a reported obligation ("X said Y must ...")
    suppressed: bool = False
    content: bool = False              # the content of another event ("demanded that ... be lifted")
    # roles
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    place: str | None = None
    ref_conf: float = 1.0              # lowest confidence of a resolved reference
    at_place: bool = False             # the only target is the territory where it happens
    undirected: bool = False           # a symmetric relation whose participants are all on one side
    anaphor: bool = False              # 'the meeting': refers back to an event
    fallback: list[str] = field(default_factory=list)   # an anaphor's actors if it has no antecedent
    lend_from: int | None = None       # token of an event-noun subject lending its participants
    lend_fallback: bool = False        # ... as the anaphor's fallback (else as its participants)
    ordinals: list[str] = field(default_factory=list)
    repeated: bool = False             # "met again": another occurrence, never merged with an earlier one
    sequenced: list[int] = field(default_factory=list)   # tokens of events explicitly ordered against this one
    mention_tokens: list[int] = field(default_factory=list)   # trigger tokens of the mentions merged into it
    # type, factuality, time
    factuality: str = "Actual"
    fact_conf: float = 1.0
    fact_cues: list[str] = field(default_factory=list)
    time: dict | None = None
    time_from: int | None = None       # a token whose clause states this event's time when its own does not
    # provenance
    begin: int = 0
    end: int = 0
    anchor: str = ""
    sentence: str = ""
    sentence_start: int = 0
    extra_mentions: list[dict] = field(default_factory=list)
    confidence: float = 0.0
    label: str = ""

    @property
    def is_noun(self) -> bool:
        return self.row_pos == "NOUN"

    def refresh_actors(self) -> None:
        """Participants = sources, targets and undirected participants, in that order."""
        self.actors = unique(self.sources + self.targets + self.others)

    def retarget(self, targets: list[str]) -> None:
        """Give this event these targets; a territory that only stood in for one is dropped."""
        dropped = set(self.targets) if self.at_place else set()
        self.targets = [t for t in targets if t not in self.sources]
        self.actors = unique(self.sources + self.targets + [a for a in self.actors if a not in dropped])
        self.at_place = False

    def mention(self) -> dict:
        return {k: getattr(self, k) for k in MENTION_FIELDS}

    def public(self) -> dict:
        """The plain dict written to ``doc._.kg_events`` (see :mod:`kg.nlp.extensions`)."""
        out = {k: getattr(self, k) for k in PUBLIC_FIELDS}
        for k in ("actors", "sources", "targets", "themes"):
            out[k] = list(out[k])
        out["extra_mentions"] = [dict(m) for m in self.extra_mentions]
        return out
