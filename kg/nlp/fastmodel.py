"""The model's rule components with the same output at a fraction of the cost.

spaCy's ``attribute_ruler`` runs a general :class:`~spacy.matcher.Matcher`
over every token for rules that, in the English models, are single lookups
(a tag gives a POS and morphology; a word with a tag gives a lemma), and its
rule ``lemmatizer`` caches only the lemmas it derives by rule, so the base
forms (most nouns and verbs) are worked out again on every token. Together
they cost about a fifth of the statistical model's time. :func:`accelerate`
swaps in subclasses that keep every rule, table and setting of the loaded
components and change only how they are applied:

- :class:`IndexedAttributeRuler` indexes the rules by their most selective
  token attribute and checks each token against its few candidates. Rules
  it cannot compile (quantifiers, other attributes or operators) make it
  run spaCy's matcher instead, so any model's rules still apply.
- :class:`CachedLemmatizer` caches every lemma by what the rules read (the
  word, its POS and its morphology), which determines it, and looks the
  lemmatizer's word lists up in sets (spaCy scans them, 57,528 nouns).

Matches are applied in spaCy's order (the rule added later wins), so the
annotations are the same token for token (``tests/test_fastmodel.py``
compares them with the stock components).
"""
from __future__ import annotations

from collections.abc import Callable
import re
from typing import Any

import numpy

from spacy.attrs import DEP, ID, IS_SPACE, LANG, LEMMA, LOWER, MORPH, NORM, ORTH, POS, PREFIX, SHAPE, SUFFIX, TAG
from spacy.language import Language
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["accelerate", "IndexedAttributeRuler", "CachedLemmatizer", "CachedEnglishLemmatizer"]

# the token attributes rules can test, most selective first: a rule is indexed by the first one it tests
_ARRAY = [LOWER, ORTH, TAG, DEP, IS_SPACE]
_COLUMNS = {"LOWER": 0, "ORTH": 1, "TEXT": 1, "TAG": 2, "DEP": 3, "IS_SPACE": 4}  # pattern key -> column
_FLAGS = {"IS_SPACE"}

Test = tuple[int, str, Any]  # (column, "IN" | "NOT_IN" | "REGEX", hashes or compiled pattern)
Rule = tuple[int, int, tuple[tuple[Test, ...], ...], int, int]  # (order, length, tests per token, index, offset)


def _values(key: str, value: Any, strings) -> frozenset[int] | None:
    items = value if isinstance(value, list | tuple) else [value]
    if key in _FLAGS:
        return frozenset(int(bool(v)) for v in items) if all(isinstance(v, bool) for v in items) else None
    if not all(isinstance(v, str) for v in items):
        return None
    return frozenset(strings.add(v) for v in items)


def _token_tests(spec: dict[str, Any], strings) -> tuple[Test, ...] | None:
    """One pattern token as column tests, or None when it uses anything beyond equality, IN/NOT_IN and REGEX."""
    tests = []
    for raw_key, value in spec.items():
        key = raw_key.upper()
        if key not in _COLUMNS:
            return None
        op = "IN"
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                return None
            op, value = next(iter(value.items()))
        if op == "REGEX":
            if key in _FLAGS or not isinstance(value, str):
                return None
            payload: Any = re.compile(value)  # spaCy's matcher searches the attribute's string
        else:
            payload = _values(key, value, strings)
            if payload is None:
                return None
        tests.append((_COLUMNS[key], op, payload))
    return tuple(tests)


def compile_rules(ruler: AttributeRuler) -> tuple[dict[tuple[int, int], list[Rule]], list[Rule]] | None:
    """The ruler's patterns indexed by (column, value) of their first token with an equality test
    (``offset``: which one); None if any pattern is not indexable."""
    index: dict[tuple[int, int], list[Rule]] = {}
    unindexed: list[Rule] = []
    for order, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            if not pattern or not all(isinstance(t, dict) for t in pattern):
                return None
            tests = [_token_tests(t, ruler.vocab.strings) for t in pattern]
            if any(t is None for t in tests) or not -len(pattern) <= entry["index"] < len(pattern):
                return None
            offset, first = next(((k, min(eq, key=lambda t: t[0])) for k, token_tests in enumerate(tests)
                                  if (eq := [t for t in token_tests if t[1] == "IN"])), (0, None))
            if first is None:
                unindexed.append((order, len(pattern), tuple(tests), entry["index"], 0))
                continue
            # the index answers that token's test on its column: what is left is checked per candidate
            rest = tuple(tuple(t for t in token_tests if t is not first) for token_tests in tests)
            column, _, values = first
            for v in values:
                index.setdefault((column, v), []).append((order, len(pattern), rest, entry["index"], offset))
    return index, unindexed


def _fits(rows: list[list[int]], start: int, tests: tuple[tuple[Test, ...], ...], strings) -> bool:
    for offset, token_tests in enumerate(tests):
        row = rows[start + offset]
        for column, op, payload in token_tests:
            if op == "REGEX":
                if not payload.search(strings[row[column]]):
                    return False
            elif (row[column] in payload) != (op == "IN"):
                return False
    return True


Compiled = tuple[dict[tuple[int, int], list[Rule]], list[Rule]]

_ROW_CACHE_MAX = 100_000  # distinct token rows remembered (bounded: flat memory on any corpus)


class Plan:
    """The compiled rules split for matching: one-token rules are answered once per distinct token
    row (their match depends on the row alone), longer ones are checked at each token; and, when
    the rules set token attributes only, each combination of rules' attributes merged once."""

    def __init__(self, compiled: Compiled, attrs: list[dict]) -> None:
        index, unindexed = compiled
        self.attrs, self.token_level = attrs, _token_level(attrs)
        self.merged: dict[tuple[int, ...], dict] = {}
        self.singles = ({k: [r for r in v if r[1] == 1] for k, v in index.items()}, [r for r in unindexed if r[1] == 1])
        self.multi = {k: [r for r in v if r[1] > 1] for k, v in index.items() if any(r[1] > 1 for r in v)}
        self.multi_columns = sorted({column for column, _ in self.multi})
        self.multi_unindexed = [r for r in unindexed if r[1] > 1]
        self.rows: dict[tuple[int, ...], tuple[int, ...]] = {}

    def single_matches(self, row: list[int], strings) -> tuple[int, ...]:
        """The orders of the one-token rules that match a token with this row (remembered)."""
        key = tuple(row)
        found = self.rows.get(key)
        if found is None:
            if len(self.rows) > _ROW_CACHE_MAX:
                self.rows.clear()
            index, unindexed = self.singles
            hits = {order for column, value in enumerate(row) for order, _, tests, _, _ in index.get((column, value), ())
                    if _fits([row], 0, tests, strings)}
            hits.update(order for order, _, tests, _, _ in unindexed if _fits([row], 0, tests, strings))
            found = self.rows[key] = tuple(sorted(hits))
        return found

    def merged_attrs(self, orders: tuple[int, ...]) -> dict:
        """The token attributes rules ``orders`` set, applied in order (a later rule's value wins)."""
        out = self.merged.get(orders)
        if out is None:
            if len(self.merged) > _ROW_CACHE_MAX:
                self.merged.clear()
            out = self.merged[orders] = {}
            for order in orders:
                out.update(self.attrs[order])
        return out


def find_matches(doc: Doc, plan: Plan) -> list[tuple[int, int, int]]:
    """(rule order, start, length) of every rule match in ``doc``, in the order spaCy applies them."""
    rows = doc.to_array(_ARRAY).tolist()
    n, strings = len(rows), doc.vocab.strings
    found = []
    for i, row in enumerate(rows):
        found.extend((order, i, 1) for order in plan.single_matches(row, strings))
        for column in plan.multi_columns:  # a longer rule found through its token at ``offset``
            for order, length, tests, _, offset in plan.multi.get((column, row[column]), ()):
                start = i - offset
                if start >= 0 and start + length <= n and _fits(rows, start, tests, strings):
                    found.append((order, start, length))
        for order, length, tests, _, _ in plan.multi_unindexed:
            if i + length <= n and _fits(rows, i, tests, strings):
                found.append((order, i, length))
    return sorted(set(found))


# attributes set_token_attrs also writes on the (shared) lexeme: flags below ID, and these. Rules that
# set them, or extension attributes (whose setters may do anything), are applied one by one as spaCy does
_LEXICAL = frozenset({ID, ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LANG})


def _token_level(attrs: list[dict]) -> bool:
    return all(isinstance(k, int) and k >= ID and k not in _LEXICAL for a in attrs for k in a)


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler with its rules looked up by token attribute instead of matched."""

    _kg_compiled: Any = None
    _kg_patterns_seen: int = -1

    def _compiled(self) -> Plan | None:
        if self._kg_patterns_seen != len(self.attrs):  # rules added since: compile again
            compiled = compile_rules(self)
            self._kg_compiled = Plan(compiled, self.attrs) if compiled is not None else None
            self._kg_patterns_seen = len(self.attrs)
        return self._kg_compiled

    def match(self, doc: Doc):
        plan = self._compiled()
        if plan is None:
            return super().match(doc)
        return [(order, None, start, start + length) for order, start, length in find_matches(doc, plan)]

    def set_annotations(self, doc: Doc, matches) -> None:
        """With token attributes only, each token's are set once, merged from its rules in spaCy's
        order: the same result as setting them rule by rule, since each setting overwrites."""
        plan = self._compiled()
        if plan is None:
            return super().set_annotations(doc, matches)
        targets: dict[int, list[int]] = {}
        for order, _, start, end in matches:  # in rule order
            index = self.indices[order]
            i = (start if index >= 0 else end) + index
            if plan.token_level:
                targets.setdefault(i, []).append(order)
            else:
                set_token_attrs(doc[i], self.attrs[order])
        for i, orders in targets.items():
            set_token_attrs(doc[i], plan.merged_attrs(tuple(orders)))


class _IndexedWords(list):
    """A word list of the lemmatizer's ``lemma_index`` table that answers ``in`` from a set.

    spaCy's rule lemmatizer asks ``form in index`` for each candidate lemma of
    a word it has not seen, and the English tables are lists (57,528 nouns): a
    scan of up to all of them, most of the cost of a new word. Still a list,
    with the same items, so everything else (and serialisation) sees the table
    unchanged.
    """

    def __init__(self, words: list) -> None:
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set


def _index_words(lemmatizer) -> None:
    table = lemmatizer.lookups.get_table("lemma_index", {})
    for pos, words in table.items():
        if type(words) is list:  # noqa: E721 - only plain lists; a subclass may be anything
            table[pos] = _IndexedWords(words)


def _cached_call(self, doc: Doc, fallback: Callable[[Doc], Doc]) -> Doc:
    """The lemmatizer over ``doc`` with every rule lemma cached by (word, POS, morphology)."""
    if self.mode != "rule" or self.overwrite:
        return fallback(doc)
    if not self._validated:
        self._validate_tables()
    _index_words(self)  # cheap once done: four type checks; again if the tables were replaced
    cache = self.__dict__.setdefault("_kg_lemmas", {})
    strings = doc.vocab.strings
    try:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:
                key = (orth, pos, morph)
                lemma = cache.get(key)
                if lemma is None:
                    lemma = cache[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        if lemmas:
            doc.from_array([LEMMA], numpy.asarray(lemmas, dtype="uint64").reshape(-1, 1))
        return doc
    except Exception as e:  # noqa: BLE001 - spaCy's own error handling, as in Lemmatizer.__call__
        self.get_error_handler()(self.name, self, [doc], e)


class CachedLemmatizer(Lemmatizer):
    def __call__(self, doc: Doc) -> Doc:
        return _cached_call(self, doc, super().__call__)


class CachedEnglishLemmatizer(EnglishLemmatizer):
    def __call__(self, doc: Doc) -> Doc:
        return _cached_call(self, doc, super().__call__)


_SWAPS = {AttributeRuler: IndexedAttributeRuler, Lemmatizer: CachedLemmatizer,
          EnglishLemmatizer: CachedEnglishLemmatizer}


def accelerate(nlp: Language) -> Language:
    """Swap the stock attribute ruler and rule lemmatizer of ``nlp`` for the faster same-output ones.

    Only components of exactly the stock classes are swapped (their state is
    kept: the class changes, nothing else), so a model with its own
    subclasses keeps them.
    """
    for _, proc in nlp.pipeline:
        faster = _SWAPS.get(type(proc))
        if faster is not None:
            proc.__class__ = faster
    return nlp
