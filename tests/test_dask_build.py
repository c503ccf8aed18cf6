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
