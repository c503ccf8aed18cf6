"""Entity resolution: the ``kg_entities`` component and the metonymy helpers.

For every entity span (from ``kg_gazetteer`` or the statistical NER) the
component finds an entity key, collects the entity's fields, and records which
tokens stand for which entity (``doc._.kg_refs``, see
:mod:`kg.nlp.extensions`). It also reads titles next to names ('Russian
President Vladimir Putin' -> role 'president', member of Russia), clusters
partial names ('Zelensky' after 'Volodymyr Zelensky'), and resolves sector
actors ('Hungarian officials' -> Hungary, 'Iraqi police' -> a Group).

Pipeline order: ner -> kg_gazetteer -> kg_entities -> kg_coref;
:func:`add_components` adds the three to a loaded model.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.graph import slugify
from kg.lang import en
from kg.nlp.confidence import REFERENCE
from kg.nlp.dateline import in_dateline
from kg.nlp.gazetteer import (
    demonym_index, fold, load_gazetteer, lookup, read_data_csv, role_titles,
)
from kg.nlp.tokens import word_set

__all__ = ["EntityResolver", "add_components", "actor_key", "place_key", "entity_fields", "ENTITY_FIELDS",
           "actor_nouns", "title_ending_at", "title_starting_at", "is_plural_noun"]

ENTITY_FIELDS = ("key", "label", "kind", "qid", "aliases", "member_of", "located_in", "role",
                 "iso2", "iso3", "cow_code", "geonames_id", "actor_key")
_PLACE_KINDS = {"City", "Place"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_NAME_CONF, _SECTOR_CONF, _COMPOUND_CONF = REFERENCE["name"], REFERENCE["sector"], REFERENCE["compound"]
_STATE_SECTORS = frozenset({"government", "military", "police"})


# ---------------------------------------------------------------- metonymy
def actor_key(key: str, entities: dict[str, dict] | None = None) -> str:
    """The entity that acts when ``key`` is named as an actor.

    A capital or seat of government stands for its country ('Moscow', 'the
    Kremlin' -> 'country/russia'; 'Kyiv' as a recipient -> 'country/ukraine');
    everything else acts itself.
    """
    row = (entities or {}).get(key) or load_gazetteer().get(key) or {}
    return row.get("actor_key") or key


def place_key(key: str, entities: dict[str, dict] | None = None) -> str:
    """The place an 'in/at X' slot refers to: the place itself, never its country."""
    return key


def entity_fields(row: dict) -> dict:
    """The :class:`kg.model.Entity` fields of a row, plus ``actor_key``; lists as lists."""
    out = {f: row.get(f) for f in ENTITY_FIELDS}
    # demonyms are how texts name a country ("Russian officials"): kept as alternative labels,
    # so searching the graph (or the analyst view) for "Russian" finds Russia
    out["aliases"] = list(dict.fromkeys([*(row.get("aliases") or ()), *(row.get("demonyms") or ())]))
    return out


# ---------------------------------------------------------------- lexicons
@lru_cache(maxsize=1)
def actor_nouns() -> tuple[tuple[tuple[str, ...], str, str, bool, bool], ...]:
    """(form tokens, canonical noun, sector, state_like, bare_group), longest form first."""
    out = []
    for r in read_data_csv("actor_nouns.csv"):
        for form in r["forms"].split("|"):
            out.append((tuple(form.lower().split()), r["noun"], r["sector"], r["state_like"] == "yes",
                        r.get("bare_group", "yes") == "yes"))
    return tuple(sorted(set(out), key=lambda x: (-len(x[0]), x[0])))


@lru_cache(maxsize=1)
def _actor_nouns_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str, str, bool, bool], ...]]:
    out: dict[str, list] = {}
    for entry in actor_nouns():
        out.setdefault(entry[0][0], []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


def _match_actor_noun(lowers: list[str], i: int) -> tuple[tuple[str, ...], str, str, bool, bool] | None:
    """The longest sector-noun form starting at token ``i``."""
    for entry in _actor_nouns_by_first_word().get(lowers[i], ()):
        form = entry[0]
        if tuple(lowers[i:i + len(form)]) == form:
            return entry
    return None


@lru_cache(maxsize=1)
def _state_forms() -> frozenset[tuple[str, ...]]:
    return frozenset(form for form, _, _, state_like, _ in actor_nouns() if state_like)


@lru_cache(maxsize=1)
def _titles_by_word() -> tuple[dict[str, list], dict[str, list]]:
    """role_titles() grouped by first and by last word, each group in role_titles() order."""
    first: dict[str, list] = {}
    last: dict[str, list] = {}
    for title, role in role_titles():
        first.setdefault(title[0], []).append((title, role))
        last.setdefault(title[-1], []).append((title, role))
    return first, last


def title_ending_at(tokens: list[Token], end: int) -> tuple[int, str] | None:
    """A role title ending just before index ``end`` (exclusive): (start, role)."""
    if end < 1 or end > len(tokens):
        return None
    for title, role in _titles_by_word()[1].get(tokens[end - 1].lower_, ()):
        start = end - len(title)
        if start < 0:
            continue
        words = tuple(t.lower_ for t in tokens[start:end])
        if words == title:
            return start, role
    return None


def title_starting_at(tokens: list[Token], start: int) -> tuple[int, str] | None:
    """A role title starting at ``start``: (end, role)."""
    if start < 0 or start >= len(tokens):
        return None
    for title, role in _titles_by_word()[0].get(tokens[start].lower_, ()):
        end = start + len(title)
        if end <= len(tokens) and tuple(t.lower_ for t in tokens[start:end]) == title:
            return end, role
    return None


@lru_cache(maxsize=65536)  # names recur in a corpus; a pure function of the word
def _norm_name_token(text: str) -> str:
    # 'Zelenskyy' ~ 'Zelensky': fold, drop punctuation, collapse doubled letters
    t = re.sub(r"[^a-z]", "", fold(text))
    return re.sub(r"(.)\1+", r"\1", t)


def is_plural_noun(tok: Token) -> bool:
    if tok.tag_:
        return tok.tag_ in {"NNS", "NNPS"}
    if "Number=Plur" in str(tok.morph):
        return True
    low = tok.lower_
    return low.endswith("s") and not low.endswith("ss")


_ROW_FIELDS: dict[int, tuple[dict, dict]] = {}  # id(gazetteer row) -> (row, its entity fields)


def _row_fields(row: dict) -> dict:
    """A fresh copy of :func:`entity_fields` of a gazetteer row, worked out once per row (a country's
    aliases and demonyms are long lists, and every document names the same few countries)."""
    hit = _ROW_FIELDS.get(id(row))
    if hit is None or hit[0] is not row:
        if len(_ROW_FIELDS) > 100_000:
            _ROW_FIELDS.clear()
        hit = _ROW_FIELDS[id(row)] = (row, entity_fields(row))
    fields = hit[1]
    return {**fields, "aliases": list(fields["aliases"])}  # the document's own: aliases may be added


def _add_entity(entities: dict, gaz: dict, key: str, **fields: object) -> None:
    """Add ``key`` (its gazetteer row when it has one) and fill the given fields that are still empty."""
    if key in gaz:
        if key not in entities:
            entities[key] = _row_fields(gaz[key])
    else:
        entities.setdefault(key, {f: None for f in ENTITY_FIELDS} | {"key": key, "aliases": []})
    for f, v in fields.items():
        if v is not None and (entities[key].get(f) is None or f in {"role"}):
            entities[key][f] = v


def _used_entities(entities: dict, refs: dict, add_entity) -> dict:
    """Only entities some token stands for, and every key they reference."""
    used = {k for keys in refs.values() for k in keys}
    unused = {k: entities.pop(k) for k in [k for k in entities if k not in used]}
    gaz = load_gazetteer()
    todo = list(entities)
    while todo:
        row = entities[todo.pop()]
        for f in ("member_of", "located_in", "actor_key"):
            target = row.get(f)
            if not target or target in entities:
                continue
            if target in unused:        # a name no token stands for any more, still an affiliation
                entities[target] = unused.pop(target)
            elif target in gaz:
                add_entity(target)
            else:                       # nothing describes it: no reference rather than an empty entity
                row[f] = None
                continue
            todo.append(target)
    return entities


def _person_span(tokens: list[Token], start: int, end: int) -> tuple[int, int, None] | None:
    """A PERSON span without the title the model folded into it ('President Putin'); None for a bare title."""
    whole = title_starting_at(tokens, start)
    if whole and whole[0] >= end:
        return None
    while start < end - 1:
        hit = title_starting_at(tokens, start)
        if not hit or hit[0] >= end:
            break
        start = hit[0]
    return start, _hyphenated_end(tokens, end), None


def _hyphenated_end(tokens: list[Token], end: int) -> int:
    """A name whose last part is hyphenated with no spaces ('Moon Jae-in'): the tokenizer splits
    'Jae', '-', 'in' and the model ends the name before the hyphen."""
    if end + 1 < len(tokens) and tokens[end].text == "-" and not tokens[end - 1].whitespace_ \
            and not tokens[end].whitespace_ and tokens[end + 1].is_alpha and tokens[end + 1].is_lower:
        return end + 2
    return end


def _names_a_place(doc: Doc, start: int, end: int) -> bool:
    """A name that modifies a settlement noun ('the Agdam, Kalbajar and Lachin districts'), has one
    in apposition ('Shusha, the enclave's second-largest town') or follows 'the town of'."""
    head = doc[end - 1]
    while head.dep_ == "conj" and head.head.i < head.i and head.head.i >= 0:
        head = head.head  # 'Kalbajar' in 'the Agdam, Kalbajar and Lachin districts' shares 'Agdam''s role
    if head.dep_ in ("compound", "nmod") and head.head.i > head.i and head.head.lower_ in en.PLACE_NOUNS:
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in en.PLACE_NOUNS \
            and head.head.head.dep_ != "compound":
        return True
    return any(c.dep_ == "appos" and c.lower_ in en.PLACE_NOUNS for c in doc[end - 1].children)


def _drop_region_modifiers(doc: Doc, refs: dict, entities: dict) -> None:
    """'the small Gulf state', 'the Baltic states': a region naming where a state lies is no
    mention of the region (no actor, no place); the phrase names the state."""
    for i in sorted(i for i, keys in refs.items() if all(entities.get(k, {}).get("kind") in _PLACE_KINDS for k in keys)):
        tok, keys = doc[i], refs.get(i)
        if keys is None or refs.get(tok.head.i) == keys:
            continue  # an inner token of the name ('Persian' in 'Persian Gulf'), or already dropped
        if tok.dep_ in ("compound", "amod") and tok.head.i > i and tok.head.lower_ in en.STATE_NOUNS \
                and tok.head.i not in refs:
            k = i
            while k >= 0 and refs.get(k) == keys:
                del refs[k]
                k -= 1


def _owned_state_body(doc: Doc, start: int, end: int) -> bool:
    """"China's Commerce Ministry", 'the Indian Finance Ministry': a state body named after its owner
    (a nationality or a possessive place right before it) is the owner's sector noun, not a new organisation."""
    if end - start > 3 or (doc[end - 1].lower_,) not in _state_forms() or start == 0:
        return False
    prev = doc[start - 1]
    if prev.text in _POSSESSIVE and start >= 2:
        prev = doc[start - 2]
    return prev.ent_type_ in ("GPE", "NORP")


def _norp_key(text: str, gaz: dict) -> str | None:
    """A nationality word's country ('Russians'), or a country or organisation named as a group."""
    key = demonym_index().get(fold(text)) or demonym_index().get(fold(text).rstrip("s"))
    if key is None:
        found = lookup(text)
        key = found if found and gaz[found]["kind"] in {"Country", "Organization"} else None
    return key


def _full_name(doc: Doc, persons: list[tuple[int, int, str | None]], forms: list[tuple[str, ...]],
               form: tuple[str, ...], s: int, longer: list[int]) -> str:
    """The full name a partial person name at ``s`` stands for: the longest form containing it
    (two different people sharing the part: the nearest one mentioned before), else the longest
    spelling of the same form."""
    if not longer:
        same = [j for j, f in enumerate(forms) if f == form]
        return max((doc[persons[j][0]:persons[j][1]].text for j in same), key=len)
    maxlen = max(len(forms[j]) for j in longer)
    best = [j for j in longer if len(forms[j]) == maxlen]
    j = best[0]
    if len({forms[b] for b in best}) > 1:
        before = [b for b in best if persons[b][0] < s]
        j = before[-1] if before else best[0]
    return doc[persons[j][0]:persons[j][1]].text


_Entry = tuple[tuple[str, ...], str, str, bool, bool]


def _sector_hit(tokens: list[Token], lowers: list[str], i: int, refs: dict) -> tuple[int, str, str, bool, bool] | None:
    """A sector noun starting at ``i``: (end, noun, sector, state_like, bare_group); in 'government
    officials', 'security forces' the last noun is the head."""
    if i in refs or lowers[i] not in _actor_nouns_by_first_word():
        return None  # most words start no sector noun: no part-of-speech lookup for them
    if tokens[i].pos_ in {"ADJ", "VERB", "ADV"}:
        return None
    entry = _match_actor_noun(lowers, i)
    if not entry or any(k in refs for k in range(i, i + len(entry[0]))):
        return None
    j = i + len(entry[0])
    hit = (j, entry[1], entry[2], entry[3], entry[4])
    nxt = _match_actor_noun(lowers, j) if j < len(tokens) else None
    if nxt and entry[3]:
        hit = (j + len(nxt[0]), nxt[1], nxt[2], nxt[3], nxt[4])
    return hit


def _bare_group(doc: Doc, span: tuple[int, int], noun: str, entities: dict, add_entity) -> str:
    """'the army', 'protesters': a group with no named owner; 'guerrillas' are found under 'rebels' and as said."""
    gkey = f"group/{slugify(noun)}"
    add_entity(gkey, label=noun, kind="Group")
    said = doc[span[0]:span[1]].text.lower()
    if said not in (noun, *entities[gkey]["aliases"]):
        entities[gkey]["aliases"].append(said)
    return gkey


def _owner_step(tokens: list[Token], k: int, refs: dict, entities: dict, keys: list[str],
                state_like: bool) -> int | None:
    """One named owner before a sector noun: the next index to look at, or None when ``k`` is none."""
    found = refs.get(k)
    if not found:
        return None
    if all(entities.get(r, {}).get("kind") in {"Country", "Organization"} for r in found):
        _prepend(keys, found)
        return k - 1
    if state_like and not keys and len(found) == 1 and entities.get(found[0], {}).get("kind") == "Person" \
            and entities[found[0]].get("member_of"):
        # 'the Trump administration', "Putin's government" -> the leader's country
        _prepend(keys, [entities[found[0]]["member_of"]])
        k -= 1
        while k >= 0 and k in refs and refs[k] == refs[k + 1]:
            k -= 1
        return k
    if all(entities.get(r, {}).get("actor_key") for r in found) and tokens[k + 1].text in _POSSESSIVE:
        _prepend(keys, [entities[r]["actor_key"] for r in found])  # "Moscow's negotiators" -> Russia
        return k - 1
    return None


def _glue_step(tokens: list[Token], k: int, refs: dict, keys: list[str]) -> int | None:
    """Words between owners: 'the US-led coalition', "Ukraine's", 'Russian and Ukrainian'."""
    tok = tokens[k]
    if not keys and tok.lower_ == "led" and k >= 2 and tokens[k - 1].text == "-" and (k - 2) in refs:
        return k - 2
    if tok.text in _POSSESSIVE and k - 1 >= 0 and (k - 1) in refs:
        return k - 1
    if keys and tok.lower_ in word_set("coordinators"):
        return k - 1
    return None


def _prepend(keys: list[str], new: list[str]) -> None:
    for r in reversed(new):
        if r not in keys:
            keys.insert(0, r)


# ---------------------------------------------------------------- component
class EntityResolver:
    """Resolve entity spans to keys; fill ``kg_entities``, ``kg_refs``, ``kg_ref_conf``."""

    def __init__(self, nlp: Language, name: str = "kg_entities",
                 labels: tuple[str, ...] = ("PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT")) -> None:
        self.name = name
        self.labels = set(labels)

    # -- helpers --------------------------------------------------------
    @staticmethod
    def _core(ent: Span) -> tuple[int, int]:
        """Span bounds without a leading determiner/honorific or trailing possessive/punctuation."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end - 1 and (doc[start].lower_ in word_set("determiners") | word_set("honorifics")):
            start += 1
        while end > start + 1 and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        return start, end

    def __call__(self, doc: Doc) -> Doc:
        gaz = load_gazetteer()
        entities: dict[str, dict] = {}
        refs: dict[int, list[str]] = {}
        conf: dict[int, float] = {}
        tokens = list(doc)
        add_entity = partial(_add_entity, entities, gaz)

        persons: list[tuple[int, int, str | None]] = []  # unknown-person mentions: (start, end, key or None)
        resolved: list[tuple[int, int, str]] = []        # (start, end, key) of named mentions
        # names the text shows to be settlements somewhere ('the X district') are places everywhere
        ents = doc.ents  # built once: each read makes every Span anew
        place_names = {doc[s:e].text for s, e in (self._core(x) for x in ents if x.label_ in ("PERSON", "ORG"))
                       if _names_a_place(doc, s, e)}
        for ent in ents:
            if ent.label_ not in self.labels and not (ent.ent_id_ and ent.ent_id_ in gaz) or in_dateline(ent):
                continue  # the dateline's place is where the report was filed, no actor
            found = self._resolve_span(ent, tokens, gaz, add_entity, place_names)
            if found is None:
                continue
            start, end, key = found
            if key is None:
                persons.append((start, end, None))
            else:
                add_entity(key)
                resolved.append((start, end, key))

        # partial and full names of persons the gazetteer does not know, clustered in the doc
        person_keys = self._cluster_persons(doc, persons, resolved, gaz)
        for (start, end, _), (key, label) in zip(persons, person_keys):
            if key not in gaz:
                add_entity(key, label=label, kind="Person")
            resolved.append((start, end, key))
        # statistical entities of another type that repeat a person's name in this doc
        resolved = self._retype_person_names(doc, resolved, entities, gaz)
        resolved += self._untagged_surnames(doc, resolved, entities)
        self._record_mentions(doc, resolved, entities, refs, conf, gaz, add_entity)

        # titles and affiliation next to person names
        for start, end, key in sorted(resolved):
            if entities[key]["kind"] == "Person":
                self._read_title(tokens, start, end, key, refs, conf, entities, add_entity)

        _drop_region_modifiers(doc, refs, entities)
        self._hyphen_compounds(tokens, refs, conf, add_entity)
        self._sector_actors(doc, tokens, refs, conf, entities, add_entity)
        doc._.kg_entities = _used_entities(entities, refs, add_entity)
        doc._.kg_refs = refs
        doc._.kg_ref_conf = conf
        return doc

    def _resolve_span(self, ent: Span, tokens: list[Token], gaz: dict, add_entity,
                      place_names: set[str] = frozenset()) -> tuple[int, int, str | None] | None:
        """(start, end, key) of one entity span; key None for a person the gazetteer does not know,
        None for a span that names nothing we keep (a bare title, an unknown demonym, a product)."""
        start, end = self._core(ent)
        doc = ent.doc
        text = doc[start:end].text
        if ent.ent_id_ in gaz:
            return start, end, ent.ent_id_
        label = ent.label_
        if label == "PERSON" and text in place_names:
            label = "LOC"  # 'the Kalbajar district', 'Shusha, a hilltop town': the model's person is a place
        elif label == "PERSON":
            return _person_span(tokens, start, end)
        if label == "PRODUCT":
            return None
        if label == "NORP":
            key = _norp_key(text, gaz)
            return (start, end, key) if key else None
        key = lookup(text)
        if key is None and (tuple(t.lower_ for t in doc[start:end]) in _state_forms()
                            or _owned_state_body(doc, start, end)):
            return None  # 'the Foreign Ministry': a sector noun, resolved with its country below
        if key is None and label == "ORG" and text in place_names:
            label = "LOC"  # 'the village of X', 'X, a port town': an unknown name the model took for an organisation
        if key is None:
            key = f"org/{slugify(text)}" if label == "ORG" else f"place/{slugify(text)}"
            add_entity(key, label=text, kind="Organization" if label == "ORG" else "Place")
        return start, end, key

    @staticmethod
    def _record_mentions(doc: Doc, resolved: list[tuple[int, int, str]], entities: dict, refs: dict,
                         conf: dict, gaz: dict, add_entity) -> None:
        """Every token of a named mention stands for its entity; a person's other spellings are aliases."""
        for start, end, key in sorted(resolved):
            if key not in entities:
                add_entity(key)
            for i in range(start, end):
                if i not in refs:
                    refs[i] = [key]
                    conf[i] = _NAME_CONF
            row = entities[key]
            if row["kind"] == "Person":
                alias = doc[start:end].text
                if alias != row["label"] and alias not in row["aliases"] and key not in gaz:
                    row["aliases"].append(alias)

    # -- persons ----------------------------------------------------------
    @staticmethod
    def _cluster_persons(doc: Doc, persons: list[tuple[int, int, str | None]],
                         resolved: list[tuple[int, int, str]], gaz: dict[str, dict]) -> list[tuple[str, str]]:
        """A key for each unknown-person mention; partial names join the longest full name."""
        forms = [tuple(_norm_name_token(t.text) for t in doc[s:e] if _norm_name_token(t.text)) for s, e, _ in persons]
        # gazetteer persons named in this doc: their name tokens, for 'Harris' after 'Kamala Harris'
        known = [(tuple(_norm_name_token(w) for w in gaz[key]["label"].split()), key)
                 for _, _, key in resolved if gaz.get(key, {}).get("kind") == "Person"]
        out: list[tuple[str, str]] = []
        for (s, e, _), form in zip(persons, forms):
            if not form:
                out.append((f"person/{slugify(doc[s:e].text)}", doc[s:e].text))
                continue
            # candidates: longer forms in the doc containing every token of this one
            longer = [j for j, f in enumerate(forms) if len(f) > len(form) and set(form) <= set(f)]
            gaz_hits = sorted({k for f, k in known if set(form) <= set(f)})
            if len(gaz_hits) == 1 and not longer:
                out.append((gaz_hits[0], gaz[gaz_hits[0]]["label"]))
                continue
            full = _full_name(doc, persons, forms, form, s, longer)
            out.append((f"person/{slugify(full)}", full))
        return out

    @staticmethod
    def _retype_person_names(doc: Doc, resolved: list[tuple[int, int, str]], entities: dict[str, dict],
                             gaz: dict[str, dict]) -> list[tuple[int, int, str]]:
        person_tokens: dict[tuple[str, ...], str] = {}
        for s, e, key in resolved:
            if key.startswith("person/"):
                norm = tuple(_norm_name_token(t.text) for t in doc[s:e])
                person_tokens.setdefault(norm, key)
                person_tokens.setdefault(norm[-1:], key)
        out = []
        for s, e, key in resolved:
            if key not in gaz and not key.startswith("person/"):
                norm = tuple(_norm_name_token(t.text) for t in doc[s:e])
                if norm in person_tokens:
                    entities.pop(key, None)
                    key = person_tokens[norm]
            out.append((s, e, key))
        return out

    @staticmethod
    def _untagged_surnames(doc: Doc, resolved: list[tuple[int, int, str]],
                           entities: dict[str, dict]) -> list[tuple[int, int, str]]:
        """A capitalised token the NER missed that repeats the surname of one person named in the doc."""
        taken = {i for s, e, _ in resolved for i in range(s, e)}
        surnames: dict[str, set[str]] = {}
        for s, e, key in resolved:
            if key.startswith("person/") and e - s > 1:
                surnames.setdefault(doc[e - 1].text, set()).add(key)
        out: list[tuple[int, int, str]] = []
        if not surnames:
            return out  # no surname to look for: no pass over the tokens
        for tok in doc:
            keys = surnames.get(tok.text)
            if keys and len(keys) == 1 and tok.i not in taken and tok.is_title and len(tok.text) > 2 \
                    and tok.ent_type_ in {"", "PERSON", "ORG", "NORP", "GPE"} and not tok.is_stop \
                    and tok.pos_ not in {"AUX", "VERB", "ADP", "DET", "PRON", "CCONJ", "SCONJ"}:
                out.append((tok.i, tok.i + 1, next(iter(keys))))
        return out

    # -- titles -------------------------------------------------------------
    def _read_title(self, tokens: list[Token], start: int, end: int, key: str,
                    refs: dict, conf: dict, entities: dict, add_entity) -> None:
        """The office and affiliation of a person from the title next to the name:
        'Russian President Vladimir Putin', 'Sergei Lavrov, Russia's foreign minister,'."""
        found = self._title_before(tokens, start, refs, entities) or self._title_after(tokens, end, refs, entities)
        if found is None:
            return
        role, affiliation, title_span = found
        row = entities[key]
        gaz_row = load_gazetteer().get(key)
        if row.get("role") is None or gaz_row is None or role in (gaz_row.get("roles") or ()):
            row["role"] = role
        if affiliation and not row.get("member_of"):
            row["member_of"] = affiliation
            if affiliation not in entities:
                add_entity(affiliation)
        # a title right before the name belongs to the mention ('President' in 'President Putin');
        # an appositive one stands for the person too ('Lavrov, Russia's foreign minister').
        # A title word the NER took for a name ('State' in 'Secretary of State') is overruled.
        c = _NAME_CONF if title_span[0] < start else _SECTOR_CONF
        for i in range(*title_span):
            if i not in refs or not any(entities.get(k, {}).get("kind") in {"Country", "Person"} for k in refs[i]):
                refs[i] = [key]
                conf[i] = c
        if title_span[0] < start and affiliation:
            self._affiliation_joins_name(tokens, title_span[0], affiliation, key, refs, conf)

    @staticmethod
    def _affiliation_joins_name(tokens: list[Token], t_start: int, affiliation: str, key: str,
                                refs: dict, conf: dict) -> None:
        """'Cuban' in 'Cuban President Raul Castro' is the person's affiliation, not a second actor:
        the demonym (or "Cuba's") before the title stands for the person, who stands for the country."""
        i = t_start - 1
        if i >= 0 and tokens[i].text in _POSSESSIVE:
            i -= 1
        while i >= 0 and refs.get(i) and affiliation in refs[i] and len(refs[i]) == 1:
            refs[i] = [key]
            conf[i] = _NAME_CONF
            i -= 1

    def _title_before(self, tokens: list[Token], start: int, refs: dict,
                      entities: dict) -> tuple[str, str | None, tuple[int, int]] | None:
        hit = title_ending_at(tokens, start)
        if not hit:
            return None
        t_start, role = hit
        prev = tokens[t_start - 1] if t_start > 0 else None
        if role == "minister" and prev is not None and prev.i not in refs and prev.is_title and prev.is_alpha \
                and not prev.is_sent_start:
            # 'Energy Minister X', 'Trade Minister X': the portfolio is part of the office
            t_start -= 1
            role = f"{prev.lower_} minister"
        return role, self._affiliation_before(tokens, t_start, refs, entities), (t_start, start)

    @staticmethod
    def _title_after(tokens: list[Token], end: int, refs: dict,
                     entities: dict) -> tuple[str, str | None, tuple[int, int]] | None:
        """Apposition: 'Sergei Lavrov, Russia's foreign minister,'."""
        if not (end + 1 < len(tokens) and tokens[end].text == ","):
            return None
        i = end + 1
        if i < len(tokens) and tokens[i].lower_ in word_set("determiners"):
            i += 1
        aff_keys: list[str] = []
        while i < len(tokens) and i in refs and entities[refs[i][0]]["kind"] in {"Country", "Organization"}:
            aff_keys = refs[i]
            i += 1
        if aff_keys and i < len(tokens) and tokens[i].text in _POSSESSIVE:
            i += 1
        fwd = title_starting_at(tokens, i)
        if not fwd or (fwd[0] < len(tokens) and fwd[0] in refs
                       and any(entities.get(k, {}).get("kind") == "Person" for k in refs[fwd[0]])):
            return None  # 'A, Saudi adviser B and ...': the title is B's, before B's name
        return fwd[1], (aff_keys[0] if aff_keys else None), (i, fwd[0])

    @staticmethod
    def _affiliation_before(tokens: list[Token], t_start: int, refs: dict, entities: dict) -> str | None:
        i = t_start - 1
        if i >= 0 and tokens[i].text in _POSSESSIVE:
            i -= 1
        if i >= 0 and i in refs:
            key = refs[i][0]
            if entities.get(key, {}).get("kind") in {"Country", "Organization"}:
                return key
            if entities.get(key, {}).get("actor_key"):
                return entities[key]["actor_key"]
        return None

    # -- compounds and sector actors ------------------------------------------
    @staticmethod
    def _hyphen_compounds(tokens: list[Token], refs: dict, conf: dict, add_entity) -> None:
        """'U.S.-Ukraine relations': one token naming two countries."""
        gaz = load_gazetteer()
        for tok in tokens:
            if "-" not in tok.text[1:-1] or tok.i in refs:
                continue
            parts = re.split(r"(?<=[A-Za-z.])-(?=[A-Z])", tok.text)
            if len(parts) < 2:
                continue
            keys = []
            for p in parts:
                k = lookup(p, exact_only=True) or demonym_index().get(fold(p))
                if not k or gaz[k]["kind"] != "Country":
                    keys = []
                    break
                keys.append(k)
            if keys:
                for k in keys:
                    add_entity(k)
                refs[tok.i] = list(dict.fromkeys(keys))
                conf[tok.i] = _COMPOUND_CONF

    def _sector_actors(self, doc: Doc, tokens: list[Token], refs: dict, conf: dict, entities: dict,
                       add_entity) -> None:
        """Sector nouns: 'Hungarian officials' -> Hungary, 'Iraqi police' -> a Group, 'the army' -> a Group."""
        lowers = [t.lower_ for t in tokens]
        first_words = _actor_nouns_by_first_word()
        after = 0  # where the last sector noun ended: the scan goes on from there
        for i in [k for k, w in enumerate(lowers) if w in first_words]:  # no other word starts a sector noun
            hit = _sector_hit(tokens, lowers, i, refs) if i >= after else None
            if hit is None:
                continue
            j, noun, sector, state_like, bare = hit
            person = next((k for k in refs.get(j, ()) if entities.get(k, {}).get("kind") == "Person"), None)
            if person:
                # 'his Iranian counterpart Abbas Araghchi', 'Kremlin envoy Kirill Dmitriev': a title of that person
                keys = [person]
            else:
                keys = self._sector_keys(doc, tokens, (i, j), (noun, sector, state_like), refs, conf, entities,
                                         add_entity)
            if not keys and bare and self._bare_ok(tokens, i, j):
                keys = [_bare_group(doc, (i, j), noun, entities, add_entity)]
            for k in range(i, j):
                if keys:
                    refs[k] = list(dict.fromkeys(keys))
                    conf[k] = _SECTOR_CONF
            after = j

    def _sector_keys(self, doc: Doc, tokens: list[Token], span: tuple[int, int], entry: tuple[str, str, bool],
                     refs: dict, conf: dict, entities: dict, add_entity) -> list[str]:
        """The keys a sector noun with a named owner stands for: the state itself for state-like
        sectors, organisations themselves, else a group member of the country."""
        (i, j), (noun, sector, state_like) = span, entry
        mods = self._modifiers_before(tokens, i, refs, entities, conf, state_like)
        named_after = None
        if not mods:
            mods, named_after = self._modifier_after(tokens, j, refs, entities, local=sector not in _STATE_SECTORS)
        for m in mods:
            add_entity(m)  # a country reached through a capital or a leader may be new here
        # 'a French soldier', 'an Italian aid worker': one person stands for the country
        one_person = not is_plural_noun(tokens[j - 1]) and i > 0 and any(
            tokens[k].lower_ in word_set("indefinite_articles") for k in range(max(0, i - 3), i))
        if state_like or one_person or all(entities[m]["kind"] == "Organization" for m in mods):
            return mods
        keys = []
        for m in mods:
            if entities[m]["kind"] == "Organization":
                keys.append(m)
                continue
            gkey = f"group/{m.split('/', 1)[1]}-{slugify(noun)}"
            # the place as the text names it: 'demonstrators in Baghdad' -> "Baghdad demonstrators"
            mod_text = named_after or self._modifier_text(tokens, i, m, refs) or entities[m]["label"]
            noun_text = doc[i:j].text if not tokens[i].is_sent_start else doc[i:j].text.lower()
            add_entity(gkey, label=f"{mod_text} {noun_text}", kind="Group", member_of=m)
            keys.append(gkey)
        return keys

    @staticmethod
    def _modifiers_before(tokens: list[Token], i: int, refs: dict, entities: dict, conf: dict,
                          state_like: bool = False) -> list[str]:
        """Countries/organisations modifying the noun at ``i``: 'Russian and Ukrainian', "Ukraine's"."""
        keys: list[str] = []
        k = i - 1
        skipped = 0
        while k >= 0:
            if k in refs and conf.get(k, 0.0) <= _SECTOR_CONF:
                break  # another sector noun ('officials' in 'officials and Iraqi police') is no modifier
            nxt = _owner_step(tokens, k, refs, entities, keys, state_like)
            if nxt is None:
                nxt = _glue_step(tokens, k, refs, keys)
            if nxt is None and not keys and skipped < 2 and k not in refs and (
                    tokens[k].is_lower and tokens[k].pos_ == "ADJ" or tokens[k].dep_ == "compound"):
                # 'Russian senior officials', 'Liberian riot police', "China's Commerce Ministry"
                skipped += 1
                nxt = k - 1
            if nxt is None:
                break
            k = nxt
        return keys

    @staticmethod
    def _modifier_after(tokens: list[Token], j: int, refs: dict, entities: dict,
                        local: bool = False) -> tuple[list[str], str | None]:
        """Keys and words of the name after the noun: 'the government of Iran', 'the foreign ministry
        in Kyiv', 'activists from the Fatah party', 'protesters in Lagos' (a city: its country's)."""
        if j + 1 >= len(tokens) or tokens[j].lower_ not in word_set("owner_after_preps"):
            return [], None
        prep, k = tokens[j].lower_, j + 1
        if tokens[k].lower_ == "the" and k + 1 < len(tokens):
            k += 1
        end = k
        while end < len(tokens) and refs.get(end) == refs.get(k):
            end += 1
        named = list(refs.get(k, ()))
        if prep in {"of", "from"} and named:
            # 'the leaders of Peru and Chile': every conjunct of the name owns the noun ('officials in
            # Kyiv and Lviv' may be two sets of officials, so only 'of'/'from')
            named += [r for c in tokens[end - 1].conjuncts if c.i > k for r in refs.get(c.i, ())]
        keys = []
        for r in dict.fromkeys(named):
            e = entities.get(r, {})
            if e.get("kind") in {"Country", "Organization"} and prep in {"of", "from"}:
                keys.append(r)
            elif e.get("actor_key"):
                keys.append(e["actor_key"])  # a capital or seat of government
            elif local and prep == "in" and e.get("kind") in {"Country", "City"}:
                # civilians, rebels, opposition in X are X's; troops or officials in X may be foreign
                keys.append(r if e["kind"] == "Country" else e.get("located_in") or "")
        keys = list(dict.fromkeys(x for x in keys if x))
        return keys, (" ".join(t.text for t in tokens[k:end]) if keys else None)

    @staticmethod
    def _modifier_text(tokens: list[Token], i: int, key: str, refs: dict) -> str | None:
        for k in range(i - 1, max(-1, i - 6), -1):
            if key in refs.get(k, ()):
                return tokens[k].text
        return None

    @staticmethod
    def _bare_ok(tokens: list[Token], i: int, j: int) -> bool:
        """A bare sector noun names a group when plural, 'police', or definite ('the army')."""
        head = tokens[j - 1]
        if i > 0 and tokens[i - 1].lower_ == "the":
            return True
        return head.lower_ == "police" or is_plural_noun(head)


def add_components(nlp: Language, *, coref: bool = True) -> Language:
    """Add ``kg_gazetteer``, ``kg_entities`` and (optionally) ``kg_coref``: see :mod:`kg.nlp.components`."""
    from kg.nlp import components  # noqa: PLC0415 - the factories are registered there

    return components.add_components(nlp, coref=coref)
