"""`kg build` on good and bad input: exit codes, error codes, outputs written atomically."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from kg.cli import app

pytestmark = pytest.mark.model

GOOD = "Joe Biden met Xi Jinping in Bali on Monday. Both leaders agreed to hold talks next year."
runner = CliRunner()


def kg(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_build_writes_turtle_and_reports_a_summary(tmp_path):
    src = tmp_path / "bali.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out" / "g.ttl"
    res = kg("build", str(src), "--published", "2022-11-15", "--output", str(out))
    assert res.exit_code == 0, res.output
    assert "1 document(s) read" in res.output and "event(s)" in res.output
    g = Graph().parse(out)
    assert len(g) > 20
    assert not list(out.parent.glob(".*tmp"))  # no temporary file left behind


def test_bad_inputs_are_reported_and_the_rest_kept(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    out = tmp_path / "g.nt"
    res = kg("build", str(tmp_path / "missing.txt"), str(empty), str(binary), str(good), "--output", str(out))
    assert res.exit_code == 0
    for code in ("E001", "E002", "E003"):
        assert code in res.output
    assert "Traceback" not in res.output
    assert out.read_text().count("\n") > 20


def test_nothing_processable_exits_one(tmp_path):
    res = kg("build", str(tmp_path / "nope.txt"), "--output", str(tmp_path / "g.ttl"))
    assert res.exit_code == 1 and "E001" in res.output and "E105" in res.output
    assert not (tmp_path / "g.ttl").exists()


def test_strict_fails_on_any_problem_and_writes_nothing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "g.ttl"
    res = kg("build", str(good), str(tmp_path / "missing.txt"), "--strict", "--output", str(out))
    assert res.exit_code == 1 and "E107" in res.output and not out.exists()


def test_jsonl_rows_stdin_and_trig_named_graphs(tmp_path):
    rows = [json.dumps({"id": "a", "text": GOOD, "published": "2022-11-15", "url": "https://example.org/a"}),
            "{broken",
            json.dumps({"id": "b", "text": "Iran condemned the attack on its embassy."})]
    out = tmp_path / "g.trig"
    res = kg("build", "-", "--output", str(out), stdin="\n".join(rows) + "\n")
    assert res.exit_code == 0 and "E004" in res.output
    ds = Dataset()
    ds.parse(out, format="trig")
    names = {str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if len(g)}
    assert {"a", "b"} <= names


def test_format_option_overrides_the_extension(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "graph.data"
    assert kg("build", str(src), "--format", "nt", "--output", str(out)).exit_code == 0
    assert out.read_text().startswith("<")


def test_usage_errors_exit_two(tmp_path):
    src = tmp_path / "x.txt"
    src.write_text(GOOD, encoding="utf-8")
    res = kg("build", str(src), "--output", str(tmp_path / "g.xyz"))
    assert res.exit_code == 2 and "E102" in res.output
    res = kg("build", str(src), "--published", "yesterday", "--output", str(tmp_path / "g.ttl"))
    assert res.exit_code == 2 and "E103" in res.output
    res = kg("build", str(src), "--model", "no_such_model", "--output", str(tmp_path / "g.ttl"))
    assert res.exit_code == 2 and "E104" in res.output


def test_violating_event_goes_to_quarantine(tmp_path, monkeypatch):
    import kg.extract as extract_mod

    real = extract_mod.result_of

    def drop_provenance(x):
        r = real(x)
        bad = r.events[0].model_copy(update={"mentions": ()})  # an event without provenance
        return r.model_copy(update={"events": (bad, *r.events[1:])})

    monkeypatch.setattr(extract_mod, "result_of", drop_provenance)
    src = tmp_path / "x.txt"
    src.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "g.ttl"
    res = kg("build", str(src), "--output", str(out))
    assert res.exit_code == 0 and "1 event(s) quarantined" in res.output
    q = tmp_path / "g.quarantine.ttl"
    assert q.exists() and "ValidationReport" in q.read_text()
    from kg.validate import validate
    assert validate(Graph().parse(out)).conforms
    assert kg("build", str(src), "--strict", "--output", str(tmp_path / "s.ttl")).exit_code == 1


def test_outputs_get_the_users_usual_permissions(tmp_path):
    # the atomic temporary file is private; the renamed output must not stay so
    import os

    from kg.export import write_bytes
    mask = os.umask(0o022)
    try:
        out = write_bytes(b"x", tmp_path / "graph.ttl")
    finally:
        os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o644


def test_hostile_directory_build_keeps_every_good_document(tmp_path):
    import sys
    from collections import Counter
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from hostile import WARNINGS, make_hostile_dir

    root, good, bad = make_hostile_dir(tmp_path / "in")
    out = tmp_path / "g.nq"
    res = kg("build", str(root), "--output", str(out), "--no-validate")
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    lines = [ln for ln in res.output.splitlines() if ln.startswith("[E") and ln[1:5] not in WARNINGS]
    assert Counter(ln[1:5] for ln in lines) == Counter(bad)
    ds = Dataset()
    ds.parse(out, format="nquads")
    docs = {str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if "/doc/" in str(g.identifier)}
    assert docs == good
