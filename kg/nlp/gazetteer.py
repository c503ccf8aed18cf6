"""The gazetteer and the ``kg_gazetteer`` entity ruler.

The gazetteer (``kg/data/gazetteer.jsonl``, built by ``scripts/build_gazetteer.py``)
lists countries, capitals and other places, seats of government, organisations,
persons and weapons with their aliases. ``kg_gazetteer`` marks every
case-sensitive occurrence of a name, alias or demonym as a ``doc.ents`` span
whose ``ent_id_`` is the entity key, overwriting the statistical NER where the
two disagree (the small model tags 'Kyiv' PERSON and "Trump's" ORG).
"""
from __future__ import annotations

import csv
import json
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = [
    "load_gazetteer", "alias_index", "demonym_index", "lookup", "read_data_csv",
    "role_titles", "NER_LABELS", "GazetteerRuler", "fold",
]

# gazetteer kind -> the NER label a match is given
NER_LABELS = {
    "Person": "PERSON", "Country": "GPE", "City": "GPE", "Place": "LOC",
    "Organization": "ORG", "Group": "NORP", "Weapon": "PRODUCT",
}
# statistical entity labels whose names may contain a place name that is not meant as the place
_NAME_LABELS = {"ORG", "FAC", "WORK_OF_ART", "LAW"}
# when two entries share a surface form, the first kind here wins
_KIND_PRIORITY = ("Country", "Person", "Organization", "City", "Place", "Weapon", "Group")


@lru_cache(maxsize=65536)  # called for every name and word looked up; a pure function of the text
def fold(text: str) -> str:
    """Lower-case ASCII form used for forgiving look-ups ('Orbán' -> 'orban', ’ -> ')."""
    text = text.replace("’", "'").replace("‘", "'")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower().strip()


def read_data_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file shipped in ``kg/data``."""
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines())]


@lru_cache(maxsize=1)
def load_gazetteer() -> dict[str, dict]:
    """Entity key -> gazetteer row (cached; treat as read-only)."""
    text = resources.files("kg.data").joinpath("gazetteer.jsonl").read_text(encoding="utf-8")
    rows = (json.loads(line) for line in text.splitlines() if line.strip())
    return {row["key"]: row for row in rows}


@lru_cache(maxsize=1)
def ambiguous_forms() -> frozenset[str]:
    """Names never matched on their own ('May', 'Jersey'): ``kg/data/ambiguous_aliases.txt``."""
    text = resources.files("kg.data").joinpath("ambiguous_aliases.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _surface_forms(row: dict) -> Iterable[tuple[str, bool]]:
    """(surface form, is_demonym) pairs of one entry; a leading 'the ' is dropped."""
    blocked = ambiguous_forms()
    for name in [row["label"], *row.get("aliases", ())]:
        name = name[4:] if name.startswith("the ") else name
        if name not in blocked:
            yield name, False
    for name in row.get("demonyms", ()):
        if name not in blocked:
            yield name, True


def _rank(key: str, gaz: dict[str, dict]) -> tuple[int, str]:
    kind = gaz[key]["kind"]
    return (_KIND_PRIORITY.index(kind) if kind in _KIND_PRIORITY else 99, key)


@lru_cache(maxsize=1)
def alias_index() -> dict[str, tuple[str, bool]]:
    """Exact surface form -> (entity key, is_demonym); one key per form by kind priority."""
    gaz = load_gazetteer()
    best: dict[str, tuple[str, bool]] = {}
    for key in sorted(gaz, key=lambda k: _rank(k, gaz)):
        for form, is_dem in _surface_forms(gaz[key]):
            if form and form not in best:
                best[form] = (key, is_dem)
            elif form in best and best[form][0] == key and not is_dem:
                best[form] = (key, False)  # an alias beats the same form as demonym ('U.S.')
    return best


@lru_cache(maxsize=1)
def _folded_index() -> dict[str, str]:
    gaz = load_gazetteer()
    out: dict[str, str] = {}
    for form, (key, _) in sorted(alias_index().items(), key=lambda kv: (_rank(kv[1][0], gaz), kv[0])):
        out.setdefault(fold(form), key)
    return out


@lru_cache(maxsize=1)
def demonym_index() -> dict[str, str]:
    """Folded demonym ('russian', 'russians', 'u.s.') -> country key."""
    out: dict[str, str] = {}
    gaz = load_gazetteer()
    for key in sorted(gaz):
        for d in gaz[key].get("demonyms", ()):
            out.setdefault(fold(d), key)
    return out


def lookup(text: str, exact_only: bool = False) -> str | None:
    """Entity key for a surface form: exact match first, then case/diacritic-insensitive."""
    text = text.strip()
    if text.startswith(("the ", "The ")):
        text = text[4:]
    hit = alias_index().get(text)
    if hit:
        return hit[0]
    if exact_only:
        return None
    return _folded_index().get(fold(text))


@lru_cache(maxsize=1)
def role_titles() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(title tokens, canonical role), longest title first: (('secretary', 'of', 'state'), 'secretary of state')."""
    rows = read_data_csv("roles.csv")
    titles = {tuple(r["title"].replace("-", " - ").split()): r["role"] for r in rows}
    # 'secretary-general' is one token for spaCy's tokenizer in some contexts and three in others
    titles.update({tuple(r["title"].split()): r["role"] for r in rows})
    return tuple(sorted(titles.items(), key=lambda kv: (-len(kv[0]), kv[0])))


class GazetteerRuler:
    """Phrase-match gazetteer names; set ``doc.ents`` with ``ent_id_`` = entity key.

    Longest match wins; a match replaces any overlapping statistical entity
    when ``overwrite_ents`` is true (the default).
    """

    def __init__(self, nlp: Language, name: str = "kg_gazetteer", overwrite_ents: bool = True) -> None:
        self.name = name
        self.overwrite_ents = overwrite_ents
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        gaz = load_gazetteer()
        by_label: dict[tuple[str, str], list[str]] = {}
        for form, (key, is_dem) in sorted(alias_index().items()):
            label = "NORP" if is_dem else NER_LABELS.get(gaz[key]["kind"], "MISC")
            by_label.setdefault((key, label), []).append(form)
        for (key, label), forms in sorted(by_label.items()):
            self.matcher.add(f"{label}\t{key}", [nlp.make_doc(f) for f in forms])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            label, key = doc.vocab.strings[match_id].split("\t", 1)
            spans.append(Span(doc, start, end, label=label, span_id=key))
        ents = doc.ents  # a property that builds a new tuple on every read
        names = [e for e in ents if e.label_ in _NAME_LABELS]
        spans = [s for s in filter_spans(spans) if not self._inside_a_name(s, names)]
        if not spans:
            return doc
        taken = {i for s in spans for i in range(s.start, s.end)}
        kept = []
        for ent in ents:
            overlaps = any(i in taken for i in range(ent.start, ent.end))
            if not overlaps:
                kept.append(ent)
            elif not self.overwrite_ents:
                spans = [s for s in spans if not (s.start < ent.end and ent.start < s.end)]
                kept.append(ent)
        doc.ents = filter_spans(kept + spans)
        return doc


    @staticmethod
    def _inside_a_name(span: Span, names: list[Span]) -> bool:
        """A place name inside a longer organisation or work name (``names``: the statistical entities
        of those labels): 'Bank of England', 'Washington Post'."""
        if not names or span.label_ not in {"GPE", "LOC"}:
            return False
        for ent in names:
            if ent.start <= span.start and span.end <= ent.end:
                extra = [t for t in ent if not (span.start <= t.i < span.end)]
                if any(not t.is_punct and t.text not in {"'s", "’s", "the", "The"} for t in extra):
                    return True
        return False
