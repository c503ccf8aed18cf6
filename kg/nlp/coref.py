"""Rule-based coreference: the ``kg_coref`` component.

Adds to ``doc._.kg_refs`` (with a confidence below 1.0 in ``doc._.kg_ref_conf``)
the entities that pronouns ('he', 'his', 'they'), role nouns ('the president',
'the Ukrainian leader') and group mentions ('the two leaders', 'both sides')
stand for. It prefers the subject of the previous clause or sentence, agrees
in gender (where the gazetteer knows it) and number, handles a pronoun before
its name in a fronted clause ('After his arrival, Putin met ...'), and leaves
a mention unresolved when two candidates are equally good.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.lang import en
from kg.nlp.confidence import REFERENCE
from kg.nlp.entities import is_plural_noun, title_starting_at
from kg.nlp.extensions import doc_value
from kg.nlp.gazetteer import load_gazetteer

__all__ = ["CorefResolver", "PRONOUNS"]

PRONOUNS = en.PRONOUNS
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_NP_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "iobj"}
_NON_CORE = {"dep", "compound", "amod", "flat", "det", "punct", "case", "nmod", "prep", "cc", ""}
_CONF = REFERENCE


def _role_matches(noun_role: str, entity_role: str | None) -> bool:
    """'the minister' fits a defence or foreign minister, never a prime minister."""
    if not entity_role:
        return False
    if noun_role == entity_role:
        return True
    return noun_role == "minister" and entity_role.endswith(" minister") and entity_role.split()[0] not in en.NOT_A_PLAIN_MINISTER


@dataclass
class _Mention:
    start: int
    end: int
    keys: list[str]
    sent: int
    subject: bool = False
    main_subject: bool = False
    plural: bool = False
    named: bool = True
    extra: dict = field(default_factory=dict)


class CorefResolver:
    """Resolve pronouns, role nouns and group mentions to entity keys already in the doc.

    The component holds its config only; each document is resolved by a fresh :class:`_Run`.
    """

    def __init__(self, nlp: Language, name: str = "kg_coref", window: int = 2) -> None:
        self.name = name
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        return _Run(self.window).resolve(doc)


class _Run:
    """The working state of resolving one document (sentence bounds, roots, kinds, genders)."""

    def __init__(self, window: int) -> None:
        self.window = window
        self._roots: list[int] = []
        self._bounds: list[tuple[int, int]] = []
        self._tokens: list[Token] = []
        self._lowers: list[str] = []
        self._heads: list[int] = []
        self._kinds: dict[str, str | None] = {}
        self._genders: dict[str, str] = {}
        self._named: list[_Mention] = []

    # -- mentions -----------------------------------------------------------
    def _named_mentions(self, doc: Doc, sent_of: list[int]) -> list[_Mention]:
        refs = doc._.kg_refs or {}
        ents = doc._.kg_entities or {}
        out: list[_Mention] = []
        i = 0
        n = len(doc)
        while i < n:
            if i not in refs:
                i += 1
                continue
            j = i + 1
            while j < n and refs.get(j) == refs[i] and sent_of[j] == sent_of[i]:
                j += 1
            keys = list(refs[i])
            # places named as places are not antecedents of persons or groups
            actors = [k for k in keys if ents.get(k, {}).get("kind") not in {"City", "Place", "Weapon"}]
            if actors:
                m = _Mention(i, j, actors, sent_of[i])
                self._syntax(doc, m)
                m.plural = len(actors) > 1 or (ents.get(actors[0], {}).get("kind") == "Group" and is_plural_noun(doc[j - 1])) \
                    or (ents.get(actors[0], {}).get("kind") == "Country" and doc[j - 1].pos_ in {"NOUN", ""}
                        and not doc[j - 1].is_title and is_plural_noun(doc[j - 1]))
                out.append(m)
            i = j
        return self._coordinate(doc, out)

    def _head(self, doc: Doc, start: int, end: int) -> Token:
        """The syntactic head of a span; with several (a flat or broken parse) the one with a core relation."""
        heads = self._heads
        outside = [self._tokens[k] for k in range(start, end) if not (start <= heads[k] < end) or heads[k] == k]
        core = [t for t in outside if t.dep_ not in _NON_CORE]
        return (core or outside or [doc[end - 1]])[-1]

    def _syntax(self, doc: Doc, m: _Mention) -> None:
        head = self._head(doc, m.start, m.end)
        while head.dep_ == "conj" and head.head.i != head.i:
            # a conjunct shares the role of the first conjunct: 'Trump and Putin met'
            head = head.head
        m.subject = head.dep_ in _SUBJ
        root = doc[self._roots[m.sent]]
        m.main_subject = m.subject and (head.head.i == root.i)
        if head.dep_ == "poss" and head.head.dep_ in _SUBJ and head.head.head.i == root.i:
            # the possessor of the main subject is as salient as a subject: "Trump's meeting with X ..."
            m.main_subject = True

    def _gap(self, start: int, end: int, attr: str) -> list[str] | None:
        """The words between two mentions when there are at most two (all a separator can be), else None."""
        if end - start > 2:
            return None
        return [getattr(t, attr) for t in self._tokens[start:end]]

    def _coordinate(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """Add a plural mention for each coordinated pair ('Trump and Putin'), never for a list of three."""
        out = list(mentions)
        # a modifier right before a name ('Russian' in 'Russian Foreign Minister Lavrov') is not a conjunct
        mentions = [m for k, m in enumerate(mentions)
                    if not (k + 1 < len(mentions) and mentions[k + 1].start == m.end and mentions[k + 1].sent == m.sent)]
        for idx, (a, b) in enumerate(zip(mentions, mentions[1:])):
            if a.sent != b.sent or a.plural or b.plural:
                continue
            prev = mentions[idx - 1] if idx > 0 else None
            nxt = mentions[idx + 2] if idx + 2 < len(mentions) else None
            if (prev and prev.sent == a.sent and self._gap(prev.end, a.start, "text") == [","]) or \
                    (nxt and nxt.sent == b.sent and self._gap(b.end, nxt.start, "lower_") in ([","], [",", "and"], ["and"])):
                continue  # a list of three or more is not a pair
            between = self._gap(a.end, b.start, "lower_")
            head_b = self._head(doc, b.start, b.end)
            conj = head_b.dep_ == "conj" and a.start <= head_b.head.i < a.end
            if between in (["and"], [",", "and"]) or conj:
                keys = list(dict.fromkeys(a.keys + b.keys))
                if len(keys) == 2:
                    pm = _Mention(a.start, b.end, keys, a.sent, a.subject, a.main_subject, True, True, {"pair": True})
                    out.append(pm)
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    # -- main -----------------------------------------------------------------
    def resolve(self, doc: Doc) -> Doc:
        if doc._.kg_refs is None:
            doc._.kg_refs, doc._.kg_ref_conf = {}, {}
        if doc._.kg_entities is None:
            doc._.kg_entities = {}
        refs = doc._.kg_refs
        conf = doc._.kg_ref_conf
        sents = list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
        sent_of = [0] * len(doc)
        self._roots = []
        self._bounds = [(s.start, s.end) for s in sents]
        for si, s in enumerate(sents):
            for t in s:
                sent_of[t.i] = si
            # the sentence root; without a parse every token heads itself and the first one stands in
            self._roots.append(next((t.i for t in s if t.dep_ == "ROOT"), s.start))
        self._tokens = list(doc)
        self._lowers = [t.lower_ for t in self._tokens]  # read for every token by the checks below
        self._heads = [t.head.i for t in self._tokens]
        named = self._named_mentions(doc, sent_of)
        self._named = named
        self._kinds = {k: v.get("kind") for k, v in (doc._.kg_entities or {}).items()}
        self._genders = self._honorific_genders(doc, named)
        history: list[_Mention] = []
        pending = sorted(named, key=lambda m: m.start)
        i = 0
        n = len(doc)
        while i < n:
            # named mentions that start here join the history
            while pending and pending[0].start <= i:
                history.append(pending.pop(0))
            if i in refs:
                i += 1
                continue
            handled = self._group_mention(doc, i, sent_of, history, refs, conf) \
                or self._role_noun(doc, i, sent_of, history, refs, conf) \
                or self._organisation_noun(doc, i, sent_of, history, refs, conf)
            if handled:
                i = handled
                continue
            lower = self._lowers[i]
            if lower in PRONOUNS:
                self._pronoun(doc, self._tokens[i], sents, sent_of, named, history, refs, conf)
            elif lower in en.IT_FORMS:
                self._it(doc, self._tokens[i], sent_of, history, refs, conf)
            i += 1
        return doc

    def _record(self, doc: Doc, start: int, end: int, keys: list[str], c: float, sent_of: list[int],
                history: list[_Mention], refs: dict, conf: dict, plural: bool) -> None:
        for k in range(start, end):
            refs[k] = list(keys)
            conf[k] = round(c, 2)
        m = _Mention(start, end, list(keys), sent_of[start], plural=plural, named=False)
        self._syntax(doc, m)
        history.append(m)

    # -- pronouns -------------------------------------------------------------
    def _compatible(self, key: str, gender: str) -> bool:
        ents_kind = self._kinds.get(key)
        if ents_kind != "Person":
            return False
        g = load_gazetteer().get(key, {}).get("gender") or self._genders.get(key)
        return g is None or g == gender

    @staticmethod
    def _honorific_genders(doc: Doc, named: list[_Mention]) -> dict[str, str]:
        """Gender a doc gives a person by an honorific: 'Mr. Varga', 'Ms. Holm'."""
        out: dict[str, str] = {}
        for m in named:
            if m.start > 0 and len(m.keys) == 1:
                g = en.HONORIFIC_GENDER.get(doc[m.start - 1].lower_)
                if g:
                    out.setdefault(m.keys[0], g)
        return out

    def _pronoun(self, doc: Doc, tok: Token, sents, sent_of, named, history, refs, conf) -> None:
        feature, possessive = PRONOUNS[tok.lower_]
        si = sent_of[tok.i]
        if feature == "plural":
            self._plural_pronoun(doc, tok, possessive, si, sent_of, history, refs, conf)
            return
        compat = [m for m in history if not m.plural and len(m.keys) == 1 and self._compatible(m.keys[0], feature)]
        # same sentence, before the pronoun; not a clause-mate subject of an object pronoun
        same = [m for m in compat if m.sent == si and m.end <= tok.i]
        if not possessive and tok.dep_ not in _SUBJ:
            same = [m for m in same if not (m.subject and self._head(doc, m.start, m.end).head.i == tok.head.i)]
        if same:
            found = self._same_sentence_antecedent(doc, tok, same)
        else:
            found = self._cataphora_or_previous(doc, tok, si, named, feature, compat)
        if found:
            self._record(doc, tok.i, tok.i + 1, [found[0]], found[1], sent_of, history, refs, conf, False)

    def _same_sentence_antecedent(self, doc: Doc, tok: Token, same: list[_Mention]) -> tuple[str, float] | None:
        governing = self._governing_subject(doc, tok, same)
        if governing:
            return governing, _CONF["same"]
        choice = self._choose(same)
        if not choice:
            return None
        key, c = choice
        return key, (c if len({m.keys[0] for m in same}) > 1 else _CONF["same"])

    def _cataphora_or_previous(self, doc: Doc, tok: Token, si: int, named: list[_Mention], feature: str,
                               compat: list[_Mention]) -> tuple[str, float] | None:
        # cataphora: 'After his arrival, Putin met ...'
        cat = self._cataphor(doc, tok, si, named, feature)
        if cat:
            prev = [m for m in compat if m.sent in (si - 1,) and m.main_subject]
            if not prev or all(m.keys[0] == cat for m in prev):
                return cat, _CONF["cataphora"]
            return None
        # previous sentences, nearest first
        for back in range(1, self.window + 1):
            cands = [m for m in compat if m.sent == si - back]
            if not cands:
                continue
            choice = self._choose(cands)
            if not choice:
                return None
            key, c = choice
            if len({m.keys[0] for m in cands}) == 1:
                c = _CONF["prev"] if back == 1 else _CONF["far"]
            elif back > 1:
                c = _CONF["far"]
            return key, c
        return None

    def _it(self, doc: Doc, tok: Token, sent_of, history, refs, conf) -> None:
        """'The Kremlin said it would respond', "Russia moved its troops": the subject of the nearest clause
        above, when that subject names a state or organisation; 'it' is too often a thing to look further."""
        ents = doc._.kg_entities or {}
        anc = tok.head if tok.head.i != tok.i else None
        while anc is not None:
            # a subject that contains the pronoun ('its patience was over') is not its antecedent
            subj = [c for c in anc.children if c.dep_ in _SUBJ and c.i != tok.i
                    and not (c.left_edge.i <= tok.i <= c.right_edge.i)]
            if subj:
                keys = refs.get(subj[0].i, [])
                if len(keys) == 1 and subj[0].i < tok.i and \
                        ents.get(keys[0], {}).get("kind") in {"Country", "Organization"} | ({"City"} if ents.get(keys[0], {}).get("actor_key") else set()):
                    self._record(doc, tok.i, tok.i + 1, keys, _CONF["same_subj"], sent_of, history, refs, conf, False)
                return
            anc = anc.head if anc.head.i != anc.i else None
        keys = self._previous_subject(doc, tok, sent_of, refs)
        if keys:
            self._record(doc, tok.i, tok.i + 1, keys, _CONF["role"], sent_of, history, refs, conf, False)

    def _previous_subject(self, doc: Doc, tok: Token, sent_of: list[int], refs: dict) -> list[str]:
        """The state or organisation the main subject of the sentence before names, for an 'it' that
        is the subject of its own main clause ('The bloc tightened ... . On Monday it froze ...')."""
        si = sent_of[tok.i]
        if si == 0 or tok.dep_ != "nsubj" or tok.head.dep_ != "ROOT":
            return []
        root = doc[self._roots[si - 1]]
        subj = [c for c in root.children if c.dep_ == "nsubj"]
        keys = refs.get(subj[0].i, []) if subj else []
        ents = doc._.kg_entities or {}
        if len(keys) == 1 and ents.get(keys[0], {}).get("kind") in {"Country", "Organization"}:
            return keys
        return []

    def _organisation_noun(self, doc: Doc, i: int, sent_of, history, refs, conf) -> int | None:
        """'the bloc', 'the alliance': the organisation the text has named most so far (the latest
        of equals), when it has named one at least twice or no other."""
        if self._lowers[i] != "the" or i + 1 >= len(doc) or self._lowers[i + 1] not in en.ORGANISATION_NOUNS \
                or (i + 1) in refs or (i + 2 < len(doc) and doc[i + 2].dep_ == "compound") \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in doc[i + 1].children):  # 'the alliance of rebel groups' names its own members
            return None
        ents = doc._.kg_entities or {}
        counts: dict[str, list[int]] = {}
        for m in history:
            if m.named and m.end <= i and len(m.keys) == 1 and ents.get(m.keys[0], {}).get("kind") == "Organization":
                counts.setdefault(m.keys[0], []).append(m.start)
        if not counts:
            return None
        best = max(counts, key=lambda k: (len(counts[k]), counts[k][-1]))
        if len(counts) > 1 and len(counts[best]) < 2:
            return None
        self._record(doc, i + 1, i + 2, [best], _CONF["role"], sent_of, history, refs, conf, False)
        return i + 2

    def _governing_subject(self, doc: Doc, tok: Token, cands: list[_Mention]) -> str | None:
        """The subject of the nearest clause above the pronoun: 'Reagan insisted he would ...' -> Reagan."""
        by_head: dict[int, list[str]] = {}
        for m in cands:
            if m.subject:
                head = self._head(doc, m.start, m.end)
                while head.dep_ == "conj" and head.head.i != head.i:
                    head = head.head
                by_head.setdefault(head.head.i, []).append(m.keys[0])
        anc = tok.head if tok.head.i != tok.i else None
        while anc is not None:
            keys = list(dict.fromkeys(by_head.get(anc.i, ())))
            if keys:
                return keys[0] if len(keys) == 1 else None
            anc = anc.head if anc.head.i != anc.i else None
        return None

    @staticmethod
    def _choose(cands: list[_Mention]) -> tuple[str, float] | None:
        keys = list(dict.fromkeys(m.keys[0] for m in cands))
        if len(keys) == 1:
            return keys[0], _CONF["same"]
        subj = list(dict.fromkeys(m.keys[0] for m in cands if m.main_subject)) or \
            list(dict.fromkeys(m.keys[0] for m in cands if m.subject))
        if len(subj) == 1:
            return subj[0], _CONF["same_subj"]
        return None

    def _cataphor(self, doc: Doc, tok: Token, si: int, named: list[_Mention], gender: str) -> str | None:
        root = doc[self._roots[si]]
        if tok.i >= root.i or (tok.dep_ in _SUBJ and tok.head.i == root.i):
            return None
        later = [m for m in named if m.sent == si and m.start > tok.i and m.main_subject
                 and not m.plural and len(m.keys) == 1 and self._compatible(m.keys[0], gender)]
        return later[0].keys[0] if later else None

    def _plural_pronoun(self, doc, tok, possessive, si, sent_of, history, refs, conf) -> None:
        plural = [m for m in history if m.plural]
        if tok.lower_ in en.PLURAL_OBJECT_PRONOUNS:
            # an object 'them' takes the nearest plural noun phrase, which is often a thing
            # ('fired rockets ... intercepted most of them'): resolve only when that phrase is an actor
            m = self._nearest_plural_np(doc, tok, si, sent_of, plural)
            if m is not None:
                self._record(doc, tok.i, tok.i + 1, m.keys, _CONF["plural_prev"], sent_of, history, refs, conf, True)
            return
        same = [m for m in plural if m.sent == si and m.end <= tok.i]
        if same:
            m = same[-1]
            self._record(doc, tok.i, tok.i + 1, m.keys, _CONF["plural"], sent_of, history, refs, conf, True)
            return
        if possessive:
            persons = list(dict.fromkeys(m.keys[0] for m in history if m.sent == si and m.end <= tok.i
                                         and len(m.keys) == 1 and self._kinds.get(m.keys[0]) == "Person"))
            if len(persons) == 2:
                self._record(doc, tok.i, tok.i + 1, persons, _CONF["split"], sent_of, history, refs, conf, True)
                return
        for back in range(1, self.window + 1):
            s = si - back
            if s < 0:
                break
            if self._plural_subject_without_ref(doc, s, sent_of, refs):
                return  # 'Analysts say ... They see' -> unresolved
            cands = [m for m in plural if m.sent == s]
            if cands:
                subj = [m for m in cands if m.subject]
                m = (subj or cands)[-1]
                self._record(doc, tok.i, tok.i + 1, m.keys, _CONF["plural_prev"], sent_of, history, refs, conf, True)
                return

    @staticmethod
    def _nearest_plural_np(doc: Doc, tok: Token, si: int, sent_of: list[int], plural: list[_Mention]) -> _Mention | None:
        for k in range(tok.i - 1, -1, -1):
            if sent_of[k] < si - 1:
                break
            inside = [m for m in plural if m.start <= k < m.end]
            if inside:
                return inside[-1]
            t = doc[k]
            if t.dep_ in _NP_DEPS and t.lower_ not in PRONOUNS and t.pos_ in {"NOUN", "PROPN", ""} and is_plural_noun(t):
                return None
        return None

    def _plural_subject_without_ref(self, doc: Doc, s: int, sent_of: list[int], refs: dict) -> bool:
        start, end = self._bounds[s]
        for t in self._tokens[start:end]:
            if t.dep_ in _SUBJ and t.i not in refs and t.lower_ not in PRONOUNS and t.pos_ in {"NOUN", "PROPN", ""} \
                    and is_plural_noun(t) and t.head.dep_ == "ROOT":
                return True
        return False

    # -- role nouns -------------------------------------------------------------
    @staticmethod
    def _country_of(k: int, refs: dict, ents: dict) -> str | None:
        for key in refs.get(k, ()):
            e = ents.get(key, {})
            if e.get("kind") == "Country":
                return key
            if e.get("actor_key"):
                return e["actor_key"]  # 'the Kremlin leader'
        return None

    def _role_start(self, doc: Doc, i: int, refs: dict, ents: dict) -> tuple[int, str | None] | None:
        """Where the title after 'the' / "Russia's" starts, and the nationality before it."""
        tok = doc[i]
        nationality = None
        if tok.lower_ == "the":
            j = i + 1
            while j < len(doc) and self._country_of(j, refs, ents):
                nationality = self._country_of(j, refs, ents)
                j += 1
            if j < len(doc) and doc[j].text in en.POSSESSIVE_CLITICS:
                j += 1
            return j, nationality
        if tok.text in en.POSSESSIVE_CLITICS and i > 0 and self._country_of(i - 1, refs, ents):
            return i + 1, self._country_of(i - 1, refs, ents)  # "Russia's foreign minister"
        return None

    @staticmethod
    def _names_a_person(doc: Doc, j: int, end: int, refs: dict, ents: dict) -> bool:
        """The title is part of a name: capitalised before a name, or 'the President Vladimir Putin'."""
        if end >= len(doc) or end not in refs:
            return False
        if any(not doc[k].is_lower and not (k == j and doc[k].is_sent_start) for k in range(j, end)) and \
                any(doc[k].is_title for k in range(j, end)):
            return True  # capitalised: a title before a name, or part of a proper name
        return any(ents.get(k, {}).get("kind") == "Person" for k in refs[end])

    @staticmethod
    def _holds_role(e: dict, role: str, nationality: str | None) -> bool:
        if e.get("kind") != "Person":
            return False
        if role == "leader":
            if e.get("role") not in en.LEADER_ROLES and e.get("role") is not None:
                return False
        elif not _role_matches(role, e.get("role")):
            return False
        return not (nationality and e.get("member_of") != nationality)

    def _role_holders(self, history: list[_Mention], role: str, nationality: str | None, ents: dict) -> list[str]:
        keys = list(dict.fromkeys(m.keys[0] for m in history
                                  if len(m.keys) == 1 and self._holds_role(ents.get(m.keys[0], {}), role, nationality)))
        if role == "leader" and len(keys) > 1:
            # 'the Ukrainian leader': a head of state or government before a person of unknown office
            keys = [k for k in keys if ents[k].get("role") in en.LEADER_ROLES] or keys
        return keys

    def _role_noun(self, doc: Doc, i: int, sent_of, history, refs, conf) -> int | None:
        """'the president', 'the Russian president', "Russia's foreign minister" at token ``i``."""
        if self._lowers[i] != "the" and self._tokens[i].text not in en.POSSESSIVE_CLITICS:
            return None  # no title starts here (what _role_start checks first), without its lookups
        ents = doc_value(doc, "kg_entities") or {}
        start = self._role_start(doc, i, refs, ents)
        if start is None:
            return None
        j, nationality = start
        hit = title_starting_at(self._tokens, j)
        if not hit:
            return None
        end, role = hit
        if self._names_a_person(doc, j, end, refs, ents):
            return None  # a title, handled by kg_entities
        if end + 1 < len(doc) and doc[end].lower_ == "of" and (end + 1) in refs:
            ctry = [k for k in refs[end + 1] if ents.get(k, {}).get("kind") == "Country"]
            if ctry:
                nationality = ctry[0]
        if role == "leader" and nationality is None:
            return None
        keys = self._role_holders(history, role, nationality, ents)
        if len(keys) == 1:
            self._record(doc, j, end, keys, _CONF["role"], sent_of, history, refs, conf, False)
        return end

    # -- group mentions -----------------------------------------------------------
    def _group_mention(self, doc: Doc, i: int, sent_of, history, refs, conf) -> int | None:
        """'the two leaders', 'both sides', 'the two countries', 'the four countries', 'six world powers' at ``i``."""
        j = i
        definite = self._lowers[j] == "the"
        if definite and j + 1 < len(doc):
            j += 1
        word = self._lowers[j]
        if word not in en.GROUP_QUANTIFIERS and word not in en.GROUP_NUMBERS:
            return None
        found = self._group_noun(doc, j + 1, refs)
        if found is None:
            return None
        end, kind = found
        if word in en.GROUP_NUMBERS:
            keys = self._numbered_members(doc, (i, end), en.GROUP_NUMBERS[word], kind, definite, sent_of)
        elif word == "two" and not definite:
            return None  # 'two leaders' without 'the' introduces new people
        else:
            keys = self._salient_pair(doc, i, kind, sent_of, history)
        if keys:
            c = keys.pop()
            self._record(doc, j, end, keys, c, sent_of, history, refs, conf, True)
        return end

    @staticmethod
    def _group_noun(doc: Doc, k: int, refs: dict) -> tuple[int, str] | None:
        """The group noun at ``k``, or after up to two unnamed modifiers ('the two Nordic countries',
        'six world powers'): (end, kind of antecedent)."""
        for skip in range(3):
            t = k + skip
            if t >= len(doc):
                return None
            kind = en.GROUP_NOUNS.get(doc[t].lower_)
            if kind is not None:
                return t + 1, kind
            if t in refs or doc[t].pos_ not in {"ADJ", "PROPN", "NOUN"} or doc[t].is_punct:
                return None
        return None

    def _numbered_members(self, doc: Doc, span: tuple[int, int], n: int, kind: str, definite: bool,
                          sent_of: list[int]) -> list | None:
        """The members a group counted by a number stands for: a list of exactly ``n`` names of the
        right kind right after it ('the six powers: A, B, ...'), else, for a definite mention, the
        nearest earlier such list or one in the next sentences; an indefinite one ('six world
        powers') takes the members a later definite mention of the same group lists."""
        ents = doc._.kg_entities or {}
        wants = ["country", "actor"] if kind == "any" else [kind]
        i, end = span
        si = sent_of[i]
        named = [m for m in self._named if not m.extra.get("pair")]
        if end < len(doc) and doc[end].text in en.LIST_INTRODUCERS:
            found = _list_of(doc, [m for m in named if m.sent == si and m.start > end], n, wants, ents, first=True)
            if found:
                return found
        if not definite:
            later = self._later_definite(doc, span, sent_of)
            return self._numbered_members(doc, later, n, kind, True, sent_of) if later else None
        for s in range(si, max(-1, si - 10), -1):
            found = _list_of(doc, [m for m in named if m.sent == s and m.end <= i], n, wants, ents)
            if found:
                return found
        for s in range(si, min(len(self._bounds), si + 2)):
            found = _list_of(doc, [m for m in named if m.sent == s and m.start >= end], n, wants, ents, first=True)
            if found:
                return found
        return None

    @staticmethod
    def _later_definite(doc: Doc, span: tuple[int, int], sent_of: list[int]) -> tuple[int, int] | None:
        """A later 'the N <noun>' repeating the number and noun of an indefinite group mention,
        followed by the list of its members."""
        i, end = span
        number, noun = doc[i].lower_, doc[end - 1].lower_
        for t in doc[end:]:
            if t.lower_ == number and t.i > 0 and doc[t.i - 1].lower_ == "the":
                stop = next((k for k in range(t.i + 1, min(len(doc), t.i + 4)) if doc[k].lower_ == noun), None)
                if stop is not None and stop + 1 < len(doc) and doc[stop + 1].text in en.LIST_INTRODUCERS:
                    return t.i - 1, stop + 1
        return None

    def _salient_pair(self, doc: Doc, i: int, kind: str, sent_of, history) -> list | None:
        ents = doc._.kg_entities or {}
        si = sent_of[i]
        wants = ["person", "actor"] if kind == "any" else [kind]
        for s in range(si, max(-1, si - 6), -1):
            ms = [m for m in history if m.sent == s and m.end <= i]
            found = _pair_in_sentence(ms, wants, ents)
            if found is not None:
                return found or None
        if kind in {"person", "any"}:
            return _most_mentioned_pair(history, i, ents)
        return None


def _keys_of(m: _Mention, want: str, ents: dict) -> list[str]:
    """The keys of a mention that count as a ``want`` ('person' | 'country' | 'actor')."""
    out = []
    for k in m.keys:
        e = ents.get(k, {})
        kd = e.get("kind")
        if want == "person" and kd == "Person":
            out.append(k)
        elif want == "country":
            if kd == "Country":
                out.append(k)
            elif kd == "Person" and e.get("member_of") and ents.get(e["member_of"], {}).get("kind") == "Country":
                out.append(e["member_of"])
            elif e.get("actor_key"):
                out.append(e["actor_key"])
        elif want == "actor":
            # any acting party but a person: 'Hamas and Israel ... both sides'
            if e.get("actor_key"):
                out.append(e["actor_key"])
            elif kd in {"Country", "Organization", "Group"}:
                out.append(k)
    return out


def _list_of(doc: Doc, ms: list[_Mention], n: int, wants: list[str], ents: dict,
             first: bool = False) -> list | None:
    """The keys of a list of exactly ``n`` names ('A, B, the C and D') among the mentions ``ms`` of
    one sentence, and a confidence: the last such list (the first with ``first``)."""
    runs: list[list[_Mention]] = []
    for m in sorted(ms, key=lambda m: m.start):
        gap = [t.lower_ for t in doc[runs[-1][-1].end:m.start]] if runs else []
        if runs and gap and set(gap) <= en.LIST_GLUE and m.start >= runs[-1][-1].end:
            runs[-1].append(m)
        else:
            runs.append([m])
    found = []
    for run in runs:
        last_gap = [t.lower_ for t in doc[run[-2].end:run[-1].start]] if len(run) > 1 else []
        if "and" not in last_gap:
            continue
        for want in wants:
            ks = list(dict.fromkeys(k for m in run for k in _keys_of(m, want, ents)))
            if len(ks) == n and all(_keys_of(m, want, ents) for m in run):
                found.append(ks + [_CONF["group"]])
                break
    if not found:
        return None
    return found[0] if first else found[-1]


def _pair_in_sentence(ms: list[_Mention], wants: list[str], ents: dict) -> list | None:
    """Two keys and a confidence; [] when the sentence names too many (stop looking); None to look further."""
    # a coordinated pair first ('Hamas and Israel', 'Russian and Ukrainian delegations')
    pairs = [m for m in ms if m.extra.get("pair") or len(m.keys) == 2]
    for m in reversed(pairs):
        for want in wants:
            ks = list(dict.fromkeys(_keys_of(m, want, ents)))
            if len(ks) == 2:
                return ks + [_CONF["group"]]
    for want in wants:
        ks = list(dict.fromkeys(k for m in ms for k in _keys_of(m, want, ents)))
        if len(ks) == 2:
            return ks + [_CONF["group"]]
        if len(ks) > 2:
            return []
    return None


def _most_mentioned_pair(history: list[_Mention], i: int, ents: dict) -> list | None:
    """The two most mentioned persons so far, if they were named together before."""
    counts: dict[str, int] = {}
    for m in history:
        if m.end <= i and len(m.keys) == 1 and ents.get(m.keys[0], {}).get("kind") == "Person":
            counts[m.keys[0]] = counts.get(m.keys[0], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) >= 2 and (len(ranked) == 2 or ranked[1][1] > ranked[2][1]):
        a, b = ranked[0][0], ranked[1][0]
        together = any({a, b} <= {k for m in history if m.sent == s and m.end <= i for k in m.keys}
                       for s in {m.sent for m in history})
        if together:
            return [a, b, _CONF["group_far"]]
    return None
