"""`kg store add` validates and quarantines like `kg build`; a bad file costs only itself."""
from __future__ import annotations

from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.export import write
from kg.graph import to_dataset
from kg.store import Store
from kg.vocab import DK

from conftest import make_result

runner = CliRunner()
ID = "https://w3id.org/diplokg/id/"


def _bad_dataset():
    ds = to_dataset([make_result("a")])
    bad = URIRef(ID + "event/a-2")
    for g in ds.graphs():
        for o in list(g.objects(bad, DK.cameoCode)):
            g.remove((bad, DK.cameoCode, o))
            g.add((bad, DK.cameoCode, Literal("999")))
    assert (bad, DK.cameoCode, Literal("999")) in set((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
    return ds, bad


def test_violating_event_is_quarantined_not_stored(tmp_path):
    ds, bad = _bad_dataset()
    src = write(ds, tmp_path / "a.trig")
    good = write(to_dataset([make_result("b")]), tmp_path / "b.trig")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<not turtle", encoding="utf-8")
    store = tmp_path / "store"
    res = runner.invoke(app, ["store", "add", str(store), str(src), str(broken), str(good)])
    assert res.exit_code == 0, res.output
    assert "[E106]" in res.output and "broken.ttl" in res.output and "Traceback" not in res.output
    q = tmp_path / "store.quarantine.ttl"
    assert q.exists() and "ValidationReport" in q.read_text() and "999" in q.read_text()
    with Store(store, read_only=True) as st:
        assert len(st.documents()) == 2
        assert not bool(st.query(f"ASK {{ <{bad}> ?p ?o }}"))
        assert bool(st.query(f"ASK {{ <{ID}event/a-1> ?p ?o }}"))


def test_strict_adds_nothing_on_a_violation(tmp_path):
    ds, _ = _bad_dataset()
    src = write(ds, tmp_path / "a.trig")
    res = runner.invoke(app, ["store", "add", str(tmp_path / "store"), str(src), "--strict"])
    assert res.exit_code == 1 and "[E107]" in res.output
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").iterdir())


def test_nothing_readable_is_an_error(tmp_path):
    broken = tmp_path / "broken.nt"
    broken.write_text("garbage", encoding="utf-8")
    res = runner.invoke(app, ["store", "add", str(tmp_path / "store"), str(broken)])
    assert res.exit_code == 1 and "[E106]" in res.output and "[E105]" in res.output
