"""`kg build --dask local:2` gives the same graph as a local build (a LocalCluster of two workers)."""
from __future__ import annotations


import pytest
from typer.testing import CliRunner

from conftest import build_twice, write_corpus
from kg.cli import app

pytest.importorskip("distributed")

TEXTS = [
    "France condemned Spain on Monday over the border incident.",
    "The foreign minister of Japan met officials from Chile in Geneva on 3 March 2024.",
    "Kenya and Ghana signed a trade agreement in Nairobi.",
    "Canada accused Norway of violating the fishing treaty.",
    "The foreign minister of Japan met officials from Chile in Geneva on 4 March 2024.",  # merges with the 2nd
    "Egypt threatened Turkey with sanctions after the naval standoff.",
]


def test_dask_local_equals_local_build(tmp_path):
    text_a, out_a, _ = build_twice(tmp_path, write_corpus(tmp_path, TEXTS), ["--dask", "local:2"])
    assert "mergedFrom" in text_a  # the cross-document merge ran in the reduce
    assert "E004" in out_a  # input problems are still reported


def test_bad_dask_address_is_a_usage_error(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text(TEXTS[0], encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(src), "--dask", "local:x", "--output", str(tmp_path / "g.nt")])
    assert res.exit_code == 2 and "E602" in res.output


def test_a_partition_comes_back_as_validated_document_graphs(kg_nlp):
    from kg.distributed import extract_partition
    from kg.graph import doc_key, document_triples
    from kg.merge import EntityUnifier
    from kg.model import Document
    from kg.pool import Prepared
    from kg.vocab import DEFAULT_BASE, DK

    docs = [Document(id=f"p{i}", text=t, source="test") for i, t in enumerate(TEXTS[:3])]
    prepared, problems = extract_partition([d.model_dump_json() for d in docs], None, 32, DEFAULT_BASE, True)
    assert problems == [] and all(isinstance(p, Prepared) for p in prepared)
    assert [str(p.name) for p in prepared] == [DEFAULT_BASE + doc_key(d.id) for d in docs]
    unify = EntityUnifier()
    for p in prepared:  # the worker's graph is the local graph of its result (nothing was quarantined)
        assert sorted(p.triples) == sorted(document_triples(unify(p.result), DEFAULT_BASE)[1])
        assert any(t[1] == DK.cameoCode for t in p.triples)
    assert prepared[-1].quarantine is not None and prepared[-1].quarantine.count == 0
