"""Extractions are validated into results by the build's Tail: the same results, failures reported."""
from __future__ import annotations

import pytest

from kg import extract
from kg.build import build_stream, iter_results
from kg.model import Document
from kg.stream import DatasetSink
from kg.tail import Tail
from kg.vocab import DEFAULT_BASE

TEXTS = [
    "Finland's president met the Hungarian prime minister in Helsinki on Monday.",
    "Turkey and Greece signed a trade agreement in Ankara last week.",
    "The Kenyan foreign minister will visit Ethiopia next month, officials said.",
]


def _docs():
    return [Document(id=f"d{i}", text=t, source="test") for i, t in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def pairs(kg_nlp):
    plain = list(iter_results(_docs(), plain=True))
    return plain, list(iter_results(_docs()))


def test_an_extraction_holds_the_entities_its_events_need_and_validates_to_the_same_result(pairs):
    plain, results = pairs
    assert all(isinstance(x, extract.Extracted) for x in plain)
    assert [extract.result_of(x) for x in plain] == results
    for x, r in zip(plain, results):
        assert r.events and {e.key for e in r.entities} <= set(x.entities)  # what the result needs, no less


def test_the_tail_labels_counts_and_reports_a_failing_extraction(pairs):
    plain, results = pairs
    broken = extract.Extracted(plain[1].document, [{"actors": ["x"]}], {"x": {"key": "x"}})  # no mention fields
    tail = Tail(DEFAULT_BASE, validate=True, keep_results=True)
    out = tail([plain[0], broken, plain[2]])
    assert [r.document.id for r in out.results] == ["d0", "d2"]
    assert len(out.problems) == 1 and "E201" in out.problems[0] and "d1" in out.problems[0]
    assert out.keys == sorted({e.key for r in (results[0], results[2]) for e in r.entities})
    assert [name for name, _ in out.docs] and all(triples for _, triples in out.docs)


def test_a_build_reports_the_document_that_failed_and_keeps_the_rest(kg_nlp, tmp_path, monkeypatch):
    real = extract.result_of

    def fails_on_d1(x):
        if x.document.id == "d1":
            raise ValueError("bad extraction")
        return real(x)

    monkeypatch.setattr(extract, "result_of", fails_on_d1)
    paths = []
    for i, t in enumerate(TEXTS):
        p = tmp_path / f"d{i}.txt"
        p.write_text(t, encoding="utf-8")
        paths.append(str(p))
    sink, seen, problems = DatasetSink(), [], []
    # batches of one, in this process (the spawned worker would not see the monkeypatch)
    summary, _ = build_stream(paths, [sink], validation_batch=1, validate_in_background=False,
                              on_result=seen.append, on_problem=problems.append)
    assert summary.documents == 3 and summary.processed == 2 and summary.skipped == 1
    assert [r.document.id for r in seen] == ["d0", "d2"]
    assert len(problems) == 1 and "E201" in problems[0] and "bad extraction" in problems[0]
    assert summary.entities == len({e.key for r in seen for e in r.entities})
