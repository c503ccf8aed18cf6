"""The accelerated attribute ruler and lemmatizer give the stock components' annotations, token for token."""
from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from kg.nlp.fastmodel import CachedEnglishLemmatizer, IndexedAttributeRuler, accelerate, compile_rules
from kg.nlp.pipeline import DEFAULT_MODEL

# invented sentences that reach the model's word-specific rules: determiners, indefinite pronouns
# tagged NN, "but" as an adverb, contractions ("ain't", "y'all", "nuthin'"), subordinators, spaces
SENTENCES = [
    "The envoys said that nothing had been agreed, but talks would go on if both sides wanted.",
    "Y'all ain't seen nuthin' yet, the minister joked before the delegations sat down.",
    "Everyone in the room knew something was wrong; nobody said so until the press left.",
    "These sanctions, those tariffs and this embargo were lifted once the ceasefire held.",
    "He didn't   sign the accord   although he'd promised to, whereas she signed it twice.",
    "Whether Ankara will host the summit is unclear, though officials hinted it might.",
    "But for the mediators, the rebels wouldn't have released anybody before Tuesday.",
]


def _annotations(nlp, texts):
    return [[(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def models():
    return spacy.load(DEFAULT_MODEL), accelerate(spacy.load(DEFAULT_MODEL))


def test_accelerate_swaps_only_the_stock_rule_components(models):
    _, fast = models
    assert isinstance(fast.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), CachedEnglishLemmatizer)
    assert type(fast.get_pipe("parser")).__name__ == "DependencyParser"


def test_same_annotations_as_the_stock_components(models):
    stock, fast = models
    assert compile_rules(fast.get_pipe("attribute_ruler")) is not None  # the model's rules are all indexed
    assert _annotations(fast, SENTENCES) == _annotations(stock, SENTENCES)
    # the second pass reads the lemma cache: still the same
    assert _annotations(fast, SENTENCES[::-1]) == _annotations(stock, SENTENCES[::-1])


def test_word_rules_apply(models):
    _, fast = models
    doc = fast("Nobody knew anything about the plan.")
    assert doc[0].pos_ == "PRON" and doc[2].pos_ == "PRON"  # NN-tagged indefinites -> PRON by rule
    assert doc[4].morph.get("Definite") == ["Def"] and doc[4].morph.get("PronType") == ["Art"]



# inflected words whose lemma the rules find only through the word lists (the index), and some the
# lists do not hold (the rules then keep an out-of-vocabulary form)
INFLECTED = "The ratified treaties, the dearest allies and the blurbing envoys outflanked the quangos."


def test_word_lists_answer_from_sets_and_stay_the_same_lists(models):
    stock, fast = models
    assert _annotations(fast, [INFLECTED]) == _annotations(stock, [INFLECTED])
    plain = stock.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    indexed = fast.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    for pos, words in plain.items():
        assert isinstance(indexed[pos], list) and list(indexed[pos]) == words  # same items, same order
        assert all(w in indexed[pos] for w in words[:50]) and "blurbingly" not in indexed[pos]
    # the lemmatizer serialises its tables as before: a stock model loads them as plain lists
    reloaded = spacy.load(DEFAULT_MODEL).get_pipe("lemmatizer").from_bytes(fast.get_pipe("lemmatizer").to_bytes())
    assert {type(v) for v in reloaded.lookups.get_table("lemma_index").values()} == {list}


def _ruler_pair(patterns):
    stock, fast = spacy.blank("en"), spacy.blank("en")
    for nlp in (stock, fast):
        nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    accelerate(fast)
    return stock, fast


def test_later_rules_win_and_an_offset_index_is_honoured():
    patterns = [
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"ORTH": "talks"}]], "attrs": {"POS": "VERB"}},                 # later: wins on "talks"
        {"patterns": [[{"LOWER": "peace"}, {"LOWER": "talks"}]], "attrs": {"LEMMA": "talk"}, "index": -1},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}}]], "attrs": {"MORPH": "Foo=Bar"}},
        {"patterns": [[{"LOWER": {"REGEX": "^re"}}]], "attrs": {"POS": "ADJ"}},
    ]
    stock, fast = _ruler_pair(patterns)
    texts = ["The peace talks resumed.", "Talks and talks: a renewed round of peace talks."]
    assert _annotations(fast, texts) == _annotations(stock, texts)
    doc = fast("peace talks")
    assert doc[1].pos_ == "VERB" and doc[1].lemma_ == "talk" and doc[0].morph.get("Foo") == ["Bar"]



def test_a_longer_rule_is_found_through_a_later_token_and_lexical_attributes_keep_spacys_order():
    patterns = [
        # no equality test on its first token: found through "talks"
        {"patterns": [[{"LOWER": {"REGEX": "^(peace|trade)$"}}, {"LOWER": "talks"}]], "attrs": {"TAG": "NNS"}, "index": 1},
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"TAG": "VBZ", "POS": "VERB"}},
        {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN"}},
    ]
    stock, fast = _ruler_pair(patterns)
    texts = ["Trade talks and peace talks: he talks of talks.", "talks", "peace"]
    assert _annotations(fast, texts) == _annotations(stock, texts)
    # a rule that sets a lexical attribute (written on the shared lexeme too) is applied rule by rule
    lexical = [{"patterns": [[{"LOWER": "accord"}]], "attrs": {"NORM": "agreement"}},
               {"patterns": [[{"LOWER": "accord"}, {"LOWER": "signed"}]], "attrs": {"NORM": "deal"}}]
    stock, fast = _ruler_pair(lexical)
    texts = ["The accord signed today replaced the accord of 1995."]
    norms = [[t.norm_ for t in nlp(texts[0])] for nlp in (stock, fast)]
    assert norms[0] == norms[1] and "deal" in norms[1] and "agreement" in norms[1]

def test_rules_it_cannot_index_run_on_spacys_matcher():
    patterns = [{"patterns": [[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], "attrs": {"POS": "ADV"}},
                {"patterns": [[{"LOWER": "good"}]], "attrs": {"POS": "ADJ"}}]
    stock, fast = _ruler_pair(patterns)
    assert compile_rules(fast.get_pipe("attribute_ruler")) is None
    texts = ["very very good news", "a good deal"]
    assert _annotations(fast, texts) == _annotations(stock, texts)


def test_rules_added_after_the_first_document_are_compiled_too():
    stock, fast = _ruler_pair([{"patterns": [[{"LOWER": "accord"}]], "attrs": {"POS": "NOUN"}}])
    assert fast("an accord")[1].pos_ == "NOUN"
    for nlp in (stock, fast):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "an"}]], {"POS": "DET"})
    assert _annotations(fast, ["an accord"]) == _annotations(stock, ["an accord"])
    assert fast("an accord")[0].pos_ == "DET"


def test_a_subclassed_ruler_is_left_alone():
    class Custom(AttributeRuler):
        pass

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.__class__ = Custom
    accelerate(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is Custom
