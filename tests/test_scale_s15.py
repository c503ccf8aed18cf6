"""Scale: one worker pool for `--processes N` gives the graph of one process; a dead worker is [E530]."""
from __future__ import annotations

import os

from typer.testing import CliRunner

import kg.pool
from kg.build import BuildQuarantine
from kg.cli import app
from kg.graph import add_document, new_dataset
from kg.merge import EntityUnifier
from kg.pool import ChunkQuarantine, Prepared
from kg.validate import _bind
from tests.conftest import build_twice, make_result, write_corpus

TEXTS = [
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on 3 March 2024.",
    "France condemned Spain on Monday over the border incident.",
    "Putin met Xi in Beijing on 4 March 2024.",  # merges with the first, another description of Putin
    "Kenya and Ghana signed a trade agreement in Nairobi.",
    "Canada accused Norway of violating the fishing treaty.",
    "Vladimir Putin, the Russian leader, criticised the United States.",
    "Egypt threatened Turkey with sanctions after the naval standoff.",
]


def test_two_processes_give_the_graph_of_one(tmp_path, kg_nlp, monkeypatch):
    monkeypatch.setattr(kg.pool, "CHUNK_DOCS", 2)  # several chunks, so descriptions cross chunk borders
    _, out_a, out_b = build_twice(tmp_path, write_corpus(tmp_path, TEXTS), ["--processes", "2"])
    assert "E004" in out_a  # input problems are still reported
    assert out_a.count("document(s) read") == 1
    # the summary counts the same
    line = lambda out: next(ln for ln in out.splitlines() if "document(s) read" in ln).split(" in ")[0]  # noqa: E731
    assert line(out_a) == line(out_b)


def _other_description(r):
    """``r`` with Putin described otherwise (label, alias and role), as a later document might."""
    ents = tuple(e.model_copy(update={"label": "Putin", "aliases": ("V. Putin",), "role": "leader"})
                 if e.key == "person/vladimir-putin" else e for e in r.entities)
    return r.model_copy(update={"entities": ents})


def test_settled_restates_entities_under_the_builds_description():
    first, later = make_result("one"), _other_description(make_result("two"))
    labels = EntityUnifier()
    labels(first)  # the build saw Putin described by document one
    g = add_document(new_dataset(), later)  # the worker's graph states document two's own description
    p = Prepared(later, later.entities, g.identifier, list(g))
    settled = p.settled(labels, "https://w3id.org/diplokg/id/")
    expected = set(add_document(new_dataset(), labels(later)))
    assert set(settled.triples) == expected
    assert settled.result.entities != later.entities
    # an entity seen first here keeps the worker's triples as they are
    fresh = make_result("three")
    g3 = add_document(new_dataset(), fresh)
    p3 = Prepared(fresh, fresh.entities, g3.identifier, list(g3))
    assert p3.settled(EntityUnifier(), "https://w3id.org/diplokg/id/").triples is p3.triples


def test_absorb_adds_a_chunks_quarantine():
    into = BuildQuarantine(quarantined=_bind(__import__("rdflib").Graph()))
    g = add_document(new_dataset(), make_result())
    triples = list(g)[:5]
    p = Prepared(make_result(), (), g.identifier, [], ChunkQuarantine(2, ["e1", "e2"], triples))
    assert p.absorb(into) == 2
    assert into.count == 2 and into.events == ["e1", "e2"] and len(into.quarantined) == 5
    assert Prepared(make_result(), (), g.identifier, []).absorb(into) == 0 and into.count == 2


def _die(*args, **kwargs):
    os._exit(3)  # a worker killed (out of memory, signal)


def test_a_dead_worker_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.pool, "_work", _die)
    monkeypatch.setattr(kg.pool, "_init", lambda model: None)  # no model needed to die
    res = CliRunner().invoke(app, ["build", str(write_corpus(tmp_path, TEXTS)), "--processes", "2",
                                   "--output", str(tmp_path / "g.nt"), "--quiet"])
    assert res.exit_code != 0
    assert "E530" in res.output
    assert not (tmp_path / "g.nt").exists()


def test_index_reads_canonical_facts_back_from_its_spill_file():
    from decimal import Decimal

    from rdflib import Literal

    from kg.merge import EventIndex, EventSig
    from kg.vocab import DK, RDFS, XSD

    idx = EventIndex()
    facts = [(DK.confidence, Literal(Decimal("0.50"), datatype=XSD.decimal)), (RDFS.label, Literal("talks: A – B")),
             (DK.factuality, DK.Actual)]
    sig = EventSig("042", frozenset({"id:a", "id:b"}), None, "2024-03-03", "Actual")
    idx.add("e1", sig, facts)
    idx.add("e2", EventSig("042", frozenset({"id:a", "id:b"}), None, "2024-03-04", "Actual"), facts[:1])
    got = idx.functional("e1")
    assert list(got) == facts and got[0][1].n3() == facts[0][1].n3()
    assert list(idx.functional("e2")) == facts[:1]
    assert idx.candidates(EventSig("042", frozenset({"id:b", "id:a"}), None, "2024-03-04", "Actual")) == ["e1", "e2"]
    assert idx.match("e3", EventSig("042", frozenset({"id:a", "id:b"}), None, "2024-03-02", "Actual")) == "e1"
    idx.discard("e1")
    assert "e1" not in idx and len(idx) == 1
    assert idx.match("e3", EventSig("042", frozenset({"id:a", "id:b"}), None, "2024-03-02", "Actual")) is None
    assert idx.match("e4", EventSig("042", frozenset({"id:a", "id:b"}), None, "2024-03-05", "Actual")) == "e2"


def test_merge_counts_without_keeping_pairs():
    from kg.merge import Merger, MergeStats

    m, keep, count = Merger(), MergeStats(), MergeStats(keep_pairs=False)
    m.merge(list(add_document(new_dataset(), make_result("a"))), keep)
    m.merge(list(add_document(new_dataset(), make_result("b"))), count)
    assert count.events_merged > 0 and count.merged == []


def test_bulk_load_nquads_fills_graphs_and_union(tmp_path):
    from kg.store import Store

    lines = ('<http://x/a> <http://x/p> "a b c" <http://x/g1> .\n'
             '<http://x/a> <http://x/p> <http://x/o> <http://x/g2> .\n'
             '<http://x/a> <http://x/p> <http://x/o> <http://x/g1> .\n')
    with Store(tmp_path / "s") as st:
        assert st.bulk_load_nquads([lines]) == 1
        assert st.quad_count() == 3 and st.triple_count() == 2
        assert set(st.documents()) >= {"http://x/g1", "http://x/g2"}
