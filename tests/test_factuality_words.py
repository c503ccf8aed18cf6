"""The closed word classes of kg.nlp.factuality come from kg/data/factuality_words.csv."""
from __future__ import annotations

import pytest

from kg.errors import KGError


def test_word_classes_are_read_from_data():
    from kg.nlp import factuality as fact

    assert {"to", "for", "on"} <= fact._words("complement_prep")
    assert "but" in fact._words("contrast_cc") and "and" not in fact._words("contrast_cc")
    assert {"will", "would", "'ll"} <= fact._words("future_aux")
    assert fact._words("no such kind") == frozenset()


def test_a_malformed_row_is_a_clear_error(monkeypatch):
    from kg.nlp import factuality as fact

    class _Files:
        def joinpath(self, name):
            return self

        def read_text(self, encoding="utf-8"):
            return "kind,word,note\n,until,oops\n"

    fact._word_classes.cache_clear()
    monkeypatch.setattr(fact.resources, "files", lambda pkg: _Files())
    with pytest.raises(KGError, match=r"\[E720\].*factuality_words.csv"):
        fact._word_classes()
    monkeypatch.undo()
    fact._word_classes.cache_clear()
    assert "to" in fact._words("complement_prep")
