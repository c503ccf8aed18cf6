"""A past participle describing a noun ("the deal, signed on Monday, ...") states a done act:
the factuality of the clause around the noun (a plan, a modal, an expectation) does not reach it."""
from __future__ import annotations

import pytest

from kg.nlp.factuality import assess

pytestmark = pytest.mark.model


@pytest.mark.parametrize("sentence, word", [
    ("The truce, signed on Sunday by both commanders, will expire next month.", "signed"),
    ("The agreement, reached after long talks, is expected to take effect in May.", "reached"),
    ("The pact, concluded in March, would let the two navies patrol together.", "concluded"),
    ("The plan, endorsed by the cabinet on Friday, aims to reopen the border.", "endorsed"),
    ("The treaty, ratified by parliament last year, may be suspended.", "ratified"),
])
def test_a_past_participle_on_a_noun_is_actual(kg_nlp, sentence, word):
    doc = kg_nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    assert tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD"), [(t.text, t.dep_, t.tag_) for t in doc]  # the case under test
    assert assess(tok).value == "Actual"


def test_a_planned_event_noun_still_takes_its_clause(kg_nlp):
    # the noun itself, not its participle, stays under the clause's modality
    doc = kg_nlp("The summit, announced on Monday, will take place in June.")
    summit = next(t for t in doc if t.text == "summit")
    assert assess(summit).value == "Planned"
