"""`kg build --dask local:2` gives the same graph as a local build (a LocalCluster of two workers)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

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
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "published": "2024-03-05", "text": t}) + "\n"
                              for i, t in enumerate(TEXTS)) + "{broken\n", encoding="utf-8")
    runner = CliRunner()
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    res_a = runner.invoke(app, ["build", str(corpus), "--dask", "local:2", "--output", str(a), "--quiet"])
    res_b = runner.invoke(app, ["build", str(corpus), "--output", str(b), "--quiet"])
    assert res_a.exit_code == 0, res_a.output
    assert res_b.exit_code == 0, res_b.output
    lines_a, lines_b = a.read_text().splitlines(), b.read_text().splitlines()
    assert lines_a and sorted(lines_a) == sorted(lines_b)
    assert "mergedFrom" in a.read_text()  # the cross-document merge ran in the reduce
    assert "E004" in res_a.output  # input problems are still reported


def test_bad_dask_address_is_a_usage_error(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text(TEXTS[0], encoding="utf-8")
    res = CliRunner().invoke(app, ["build", str(src), "--dask", "local:x", "--output", str(tmp_path / "g.nt")])
    assert res.exit_code == 2 and "E602" in res.output
