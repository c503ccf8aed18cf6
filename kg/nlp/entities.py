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
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.graph import slugify
from kg.nlp import extensions
from kg.nlp.dateline import in_dateline
from kg.nlp.gazetteer import (
    demonym_index, fold, load_gazetteer, lookup, read_data_csv, role_titles,
)

__all__ = ["EntityResolver", "add_components", "actor_key", "place_key", "entity_fields", "ENTITY_FIELDS",
           "actor_nouns", "title_ending_at", "title_starting_at", "is_plural_noun"]

ENTITY_FIELDS = ("key", "label", "kind", "qid", "aliases", "member_of", "located_in", "role",
                 "iso2", "iso3", "cow_code", "geonames_id", "actor_key")
_PLACE_KINDS = {"City", "Place"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam"}
_DETERMINERS = {"the", "a", "an"}
_NAME_CONF = 1.0
_SECTOR_CONF = 0.9
_STATE_SECTORS = frozenset({"government", "military", "police"})
_COMPOUND_CONF = 0.85


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


def title_ending_at(tokens: list[Token], end: int) -> tuple[int, str] | None:
    """A role title ending just before index ``end`` (exclusive): (start, role)."""
    for title, role in role_titles():
        start = end - len(title)
        if start < 0:
            continue
        words = tuple(t.lower_ for t in tokens[start:end])
        if words == title:
            return start, role
    return None


def title_starting_at(tokens: list[Token], start: int) -> tuple[int, str] | None:
    """A role title starting at ``start``: (end, role)."""
    for title, role in role_titles():
        end = start + len(title)
        if end <= len(tokens) and tuple(t.lower_ for t in tokens[start:end]) == title:
            return end, role
    return None


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
        while start < end - 1 and (doc[start].lower_ in _DETERMINERS | _HONORIFICS):
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

        def add_ref(i: int, keys: list[str], c: float) -> None:
            if i in refs:
                return
            refs[i] = list(dict.fromkeys(keys))
            conf[i] = c

        def add_entity(key: str, **fields: object) -> None:
            if key in gaz:
                row = entity_fields(gaz[key])
                if key not in entities:
                    entities[key] = row
            else:
                entities.setdefault(key, {f: None for f in ENTITY_FIELDS} | {"key": key, "aliases": []})
            for f, v in fields.items():
                if v is not None and (entities[key].get(f) is None or f in {"role"}):
                    entities[key][f] = v

        persons: list[tuple[int, int, str | None]] = []  # unknown-person mentions: (start, end, key or None)
        resolved: list[tuple[int, int, str]] = []        # (start, end, key) of named mentions

        for ent in doc.ents:
            if ent.label_ not in self.labels and not (ent.ent_id_ and ent.ent_id_ in gaz) or in_dateline(ent):
                continue  # the dateline's place is where the report was filed, no actor
            start, end = self._core(ent)
            text = doc[start:end].text
            key = ent.ent_id_ if ent.ent_id_ in gaz else None
            label = ent.label_
            if key is None:
                if label == "PERSON":
                    whole = title_starting_at(tokens, start)
                    if whole and whole[0] >= end:
                        continue  # a bare title ('President') is no name
                    # strip a title the model folded into the name ('President Putin')
                    while start < end - 1:
                        hit = title_starting_at(tokens, start)
                        if not hit or hit[0] >= end:
                            break
                        start = hit[0]
                    persons.append((start, end, None))
                    continue
                if label == "NORP":
                    key = demonym_index().get(fold(text)) or demonym_index().get(fold(text).rstrip("s"))
                    if key is None:
                        found = lookup(text)
                        key = found if found and gaz[found]["kind"] in {"Country", "Organization"} else None
                    if key is None:
                        continue
                elif label == "PRODUCT":
                    continue
                else:
                    key = lookup(text)
                    if key is None and tuple(t.lower_ for t in doc[start:end]) in _state_forms():
                        continue  # 'the Foreign Ministry': a sector noun, resolved with its country below
                    if key is None:
                        slug = slugify(text)
                        if label == "ORG":
                            key = f"org/{slug}"
                            add_entity(key, label=text, kind="Organization")
                        else:
                            key = f"place/{slug}"
                            add_entity(key, label=text, kind="Place")
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

        for start, end, key in sorted(resolved):
            if key not in entities:
                add_entity(key)
            for i in range(start, end):
                add_ref(i, [key], _NAME_CONF)
            row = entities[key]
            if row["kind"] == "Person":
                alias = doc[start:end].text
                if alias != row["label"] and alias not in row["aliases"] and key not in gaz:
                    row["aliases"].append(alias)

        # titles and affiliation next to person names
        for start, end, key in sorted(resolved):
            if entities[key]["kind"] == "Person":
                self._read_title(tokens, start, end, key, refs, conf, entities, add_entity)

        self._hyphen_compounds(doc, refs, conf, add_entity)
        self._sector_actors(doc, refs, conf, entities, add_entity)

        # only entities some token stands for, and every key they reference
        used = {k for keys in refs.values() for k in keys}
        entities = {k: v for k, v in entities.items() if k in used}
        todo = list(entities)
        while todo:
            row = entities[todo.pop()]
            for f in ("member_of", "located_in", "actor_key"):
                target = row.get(f)
                if target and target not in entities:
                    add_entity(target)
                    todo.append(target)
        doc._.kg_entities = entities
        doc._.kg_refs = refs
        doc._.kg_ref_conf = conf
        return doc

    # -- persons ----------------------------------------------------------
    @staticmethod
    def _cluster_persons(doc: Doc, persons: list[tuple[int, int, str | None]],
                         resolved: list[tuple[int, int, str]], gaz: dict[str, dict]) -> list[tuple[str, str]]:
        """A key for each unknown-person mention; partial names join the longest full name."""
        forms = [tuple(_norm_name_token(t.text) for t in doc[s:e] if _norm_name_token(t.text)) for s, e, _ in persons]
        # gazetteer persons named in this doc: their name tokens, for 'Harris' after 'Kamala Harris'
        known: list[tuple[int, tuple[str, ...], str]] = []
        for s, e, key in resolved:
            if gaz.get(key, {}).get("kind") == "Person":
                known.append((s, tuple(_norm_name_token(w) for w in gaz[key]["label"].split()), key))
        out: list[tuple[str, str]] = []
        for idx, ((s, e, _), form) in enumerate(zip(persons, forms)):
            if not form:
                out.append((f"person/{slugify(doc[s:e].text)}", doc[s:e].text))
                continue
            # candidates: longer forms in the doc containing every token of this one
            longer = [j for j, f in enumerate(forms) if len(f) > len(form) and set(form) <= set(f)]
            gaz_hits = sorted({k for _, f, k in known if set(form) <= set(f)})
            if len(gaz_hits) == 1 and not longer:
                out.append((gaz_hits[0], gaz[gaz_hits[0]]["label"]))
                continue
            if longer:
                maxlen = max(len(forms[j]) for j in longer)
                best = [j for j in longer if len(forms[j]) == maxlen]
                distinct = {forms[j] for j in best}
                if len(distinct) > 1:
                    # two different people share the name part: take the nearest one mentioned before
                    before = [j for j in best if persons[j][0] < s]
                    j = before[-1] if before else best[0]
                else:
                    j = best[0]
                full = doc[persons[j][0]:persons[j][1]].text
            else:
                # the longest spelling of this same form in the doc
                same = [j for j, f in enumerate(forms) if f == form]
                full = max((doc[persons[j][0]:persons[j][1]].text for j in same), key=len)
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
        out = []
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
        role = None
        affiliation = None
        title_span: tuple[int, int] | None = None
        hit = title_ending_at(tokens, start)
        if hit:
            t_start, role = hit
            if role == "minister" and t_start > 0 and t_start - 1 not in refs and tokens[t_start - 1].is_title \
                    and tokens[t_start - 1].is_alpha and not tokens[t_start - 1].is_sent_start:
                # 'Energy Minister X', 'Trade Minister X': the portfolio is part of the office
                t_start -= 1
                role = f"{tokens[t_start].lower_} minister"
            title_span = (t_start, start)
            affiliation = self._affiliation_before(tokens, t_start, refs, entities)
        elif end + 1 < len(tokens) and tokens[end].text == ",":
            # apposition: 'Sergei Lavrov, Russia's foreign minister,'
            i = end + 1
            if i < len(tokens) and tokens[i].lower_ in _DETERMINERS:
                i += 1
            aff_keys: list[str] = []
            while i < len(tokens) and i in refs and entities[refs[i][0]]["kind"] in {"Country", "Organization"}:
                aff_keys = refs[i]
                i += 1
            if aff_keys and i < len(tokens) and tokens[i].text in _POSSESSIVE:
                i += 1
            fwd = title_starting_at(tokens, i)
            if fwd:
                role = fwd[1]
                affiliation = aff_keys[0] if aff_keys else None
                title_span = (i, fwd[0])
        if role is None:
            return
        row = entities[key]
        if row.get("role") is None or key not in load_gazetteer() or role in (load_gazetteer()[key].get("roles") or ()):
            row["role"] = role
        if affiliation and not row.get("member_of"):
            row["member_of"] = affiliation
            if affiliation not in entities:
                add_entity(affiliation)
        if title_span:
            # a title right before the name belongs to the mention ('President' in 'President Putin');
            # an appositive one stands for the person too ('Lavrov, Russia's foreign minister').
            # A title word the NER took for a name ('State' in 'Secretary of State') is overruled.
            c = _NAME_CONF if title_span[0] < start else _SECTOR_CONF
            for i in range(*title_span):
                if i not in refs or not any(entities.get(k, {}).get("kind") in {"Country", "Person"} for k in refs[i]):
                    refs[i] = [key]
                    conf[i] = c

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
    def _hyphen_compounds(doc: Doc, refs: dict, conf: dict, add_entity) -> None:
        """'U.S.-Ukraine relations': one token naming two countries."""
        gaz = load_gazetteer()
        for tok in doc:
            if tok.i in refs or "-" not in tok.text[1:-1]:
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

    def _sector_actors(self, doc: Doc, refs: dict, conf: dict, entities: dict, add_entity) -> None:
        tokens = list(doc)
        lowers = [t.lower_ for t in tokens]
        n = len(tokens)
        i = 0
        while i < n:
            hit = None
            if i not in refs and tokens[i].pos_ not in {"ADJ", "VERB", "ADV"}:
                entry = _match_actor_noun(lowers, i)
                if entry and not any(k in refs for k in range(i, i + len(entry[0]))):
                    hit = (i + len(entry[0]), entry[1], entry[2], entry[3], entry[4])
            if hit is None:
                i += 1
                continue
            j, noun, sector, state_like, bare = hit
            # 'government officials', 'security forces': the last noun is the head
            nxt = None
            if j < n:
                entry = _match_actor_noun(lowers, j)
                if entry:
                    nxt = (j + len(entry[0]), entry[1], entry[2], entry[3], entry[4])
            if nxt and state_like:
                j, noun, sector, state_like, bare = nxt
            span = range(i, j)
            after = refs.get(j, ())
            if after and any(entities.get(k, {}).get("kind") == "Person" for k in after):
                # 'his Iranian counterpart Abbas Araghchi', 'Kremlin envoy Kirill Dmitriev': a title of that person
                person = next(k for k in after if entities.get(k, {}).get("kind") == "Person")
                for k in span:
                    refs[k] = [person]
                    conf[k] = _SECTOR_CONF
                i = j
                continue
            mods = self._modifiers_before(tokens, i, refs, entities, conf, state_like)
            named_after = None
            if not mods:
                mods, named_after = self._modifier_after(tokens, j, refs, entities, local=sector not in _STATE_SECTORS)
            for m in mods:
                add_entity(m)  # a country reached through a capital or a leader may be new here
            if mods:
                if state_like or all(entities[m]["kind"] == "Organization" for m in mods):
                    keys = mods
                else:
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
                for k in span:
                    refs[k] = list(dict.fromkeys(keys))
                    conf[k] = _SECTOR_CONF
            elif bare and self._bare_ok(tokens, i, j):
                gkey = f"group/{slugify(noun)}"
                add_entity(gkey, label=noun, kind="Group")
                said = doc[i:j].text.lower()
                if said not in (noun, *entities[gkey]["aliases"]):
                    entities[gkey]["aliases"].append(said)  # 'guerrillas' are found under 'rebels' and as said
                for k in span:
                    refs[k] = [gkey]
                    conf[k] = _SECTOR_CONF
            i = j

    @staticmethod
    def _modifiers_before(tokens: list[Token], i: int, refs: dict, entities: dict, conf: dict,
                          state_like: bool = False) -> list[str]:
        """Countries/organisations modifying the noun at ``i``: 'Russian and Ukrainian', "Ukraine's"."""
        keys: list[str] = []
        k = i - 1
        skipped = 0
        while k >= 0:
            tok = tokens[k]
            if k in refs and conf.get(k, 0.0) <= _SECTOR_CONF:
                break  # another sector noun ('officials' in 'officials and Iraqi police') is no modifier
            if k in refs and all(entities.get(r, {}).get("kind") in {"Country", "Organization"} for r in refs[k]):
                for r in reversed(refs[k]):
                    if r not in keys:
                        keys.insert(0, r)
                k -= 1
                continue
            if state_like and k in refs and len(refs[k]) == 1 and entities.get(refs[k][0], {}).get("kind") == "Person" \
                    and entities[refs[k][0]].get("member_of"):
                # 'the Trump administration', "Putin's government" -> the leader's country
                country = entities[refs[k][0]]["member_of"]
                if country not in keys:
                    keys.insert(0, country)
                k -= 1
                while k >= 0 and k in refs and refs[k] == refs[k + 1]:
                    k -= 1
                continue
            if k in refs and all(entities.get(r, {}).get("actor_key") for r in refs[k]) and tokens[k + 1].text in _POSSESSIVE:
                # "Moscow's negotiators" -> Russia
                for r in refs[k]:
                    a = entities[r]["actor_key"]
                    if a not in keys:
                        keys.insert(0, a)
                k -= 1
                continue
            if not keys and tok.lower_ == "led" and k >= 2 and tokens[k - 1].text == "-" and (k - 2) in refs:
                k -= 2  # 'the US-led coalition', 'Saudi-led forces': the leading state
                continue
            if tok.text in _POSSESSIVE and k - 1 >= 0 and (k - 1) in refs:
                k -= 1
                continue
            if keys and tok.lower_ in {"and", ",", "or"}:
                k -= 1
                continue
            if not keys and skipped < 2 and tok.is_lower and (
                    tok.pos_ == "ADJ" or tok.dep_ == "compound"):
                # 'Russian senior officials', 'Liberian riot police'
                skipped += 1
                k -= 1
                continue
            break
        # a trailing conjunction without a country before it is not part of the modifier
        return keys

    @staticmethod
    def _modifier_after(tokens: list[Token], j: int, refs: dict, entities: dict,
                        local: bool = False) -> tuple[list[str], str | None]:
        """Keys and words of the name after the noun: 'the government of Iran', 'the foreign ministry
        in Kyiv', 'activists from the Fatah party', 'protesters in Lagos' (a city: its country's)."""
        if j + 1 >= len(tokens) or tokens[j].lower_ not in {"of", "in", "from"}:
            return [], None
        prep, k = tokens[j].lower_, j + 1
        if tokens[k].lower_ == "the" and k + 1 < len(tokens):
            k += 1
        keys = []
        for r in refs.get(k, ()):
            e = entities.get(r, {})
            if e.get("kind") in {"Country", "Organization"} and prep in {"of", "from"}:
                keys.append(r)
            elif e.get("actor_key"):
                keys.append(e["actor_key"])  # a capital or seat of government
            elif local and prep == "in" and e.get("kind") in {"Country", "City"}:
                # civilians, rebels, opposition in X are X's; troops or officials in X may be foreign
                keys.append(r if e["kind"] == "Country" else e.get("located_in") or "")
        keys = [x for x in keys if x]
        end = k
        while end < len(tokens) and refs.get(end) == refs.get(k):
            end += 1
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


@Language.factory(
    "kg_entities",
    default_config={"labels": ["PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT"]},
    requires=["doc.ents", "token.ent_id"],
    assigns=["doc._.kg_entities", "doc._.kg_refs", "doc._.kg_ref_conf"],
)
def make_entity_resolver(nlp: Language, name: str, labels: list[str]) -> EntityResolver:
    extensions.install()
    return EntityResolver(nlp, name, tuple(labels))


def add_components(nlp: Language, *, coref: bool = True) -> Language:
    """Add ``kg_gazetteer``, ``kg_entities`` and (optionally) ``kg_coref`` to a loaded pipeline.

    The ruler goes right after ``ner`` (or first, in a pipeline without one);
    the others follow it. Components already present are left alone.
    """
    import kg.nlp.coref  # noqa: F401  (registers the kg_coref factory)
    import kg.nlp.gazetteer  # noqa: F401

    extensions.install()
    if "kg_gazetteer" not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("kg_gazetteer", after="ner")
        else:
            nlp.add_pipe("kg_gazetteer", first=True) if nlp.pipe_names else nlp.add_pipe("kg_gazetteer")
    if "kg_entities" not in nlp.pipe_names:
        nlp.add_pipe("kg_entities", after="kg_gazetteer")
    if coref and "kg_coref" not in nlp.pipe_names:
        nlp.add_pipe("kg_coref", after="kg_entities")
    return nlp
