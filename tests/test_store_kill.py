"""kill -9 during a replacing `kg store add` loses no document (issue 12)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from rdflib import Dataset, Literal, URIRef

from kg.export import write
from kg.store import Store

pytestmark = pytest.mark.server

DOCS, TRIPLES = 60, 12
BASE = "https://w3id.org/diplokg/id/doc/"

DRIVER = textwrap.dedent('''
    import sys, time
    from kg.store import Store

    store_dir, trig, point, nth = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    calls = {"n": 0}

    def stop():
        print("AT", flush=True)
        time.sleep(120)

    def wrap(name, before=False, half=False):
        orig = getattr(Store, name)
        def patched(self, *args, **kw):
            calls["n"] += 1
            hit = calls["n"] == nth
            if hit and before:
                stop()
            if hit and half:
                orig(self, args[0][: len(args[0]) // 2])
                stop()
            out = orig(self, *args, **kw)
            if hit:
                stop()
            return out
        setattr(Store, name, patched)

    if point == "after-stash":
        wrap("_stash")
    elif point == "after-write":
        wrap("_write")
    elif point == "half-write":
        wrap("_write", half=True)
    elif point == "before-unstash":
        wrap("_unstash", before=True)
    # small write chunks, so that a replacement spans several writes
    real_add = Store.add_dataset
    Store.add_dataset = lambda self, ds, chunk_quads=200: real_add(self, ds, chunk_quads=200)
    sys.argv = ["kg", "store", "add", store_dir, trig, "--no-validate"]
    from kg.cli import main  # the command itself: `kg store add STORE NEW.trig`
    try:
        main()
    except SystemExit:
        pass
    print("DONE", flush=True)
''')


def _version(tmp_path, v: str):
    ds = Dataset()
    for i in range(DOCS):
        g = ds.graph(URIRef(f"{BASE}d{i:03d}"))
        for j in range(TRIPLES):
            g.add((URIRef(f"{BASE}d{i:03d}"), URIRef(f"https://example.org/p{j}"), Literal(f"{v} {i} {j}")))
        if v == "new":  # the new version has one triple more and another one shared by every document
            g.add((URIRef(f"{BASE}d{i:03d}"), URIRef("https://example.org/version"), Literal("2")))
    return write(ds, tmp_path / f"{v}.trig")


def _expected(v: str, i: int) -> set[tuple[str, str, str]]:
    out = {(f"{BASE}d{i:03d}", f"https://example.org/p{j}", f"{v} {i} {j}") for j in range(TRIPLES)}
    if v == "new":
        out.add((f"{BASE}d{i:03d}", "https://example.org/version", "2"))
    return out


def _check(store_dir) -> dict[str, int]:
    import pyoxigraph as ox

    versions = {"old": 0, "new": 0}
    with Store(store_dir) as st:  # a writer: it recovers an interrupted replacement first
        assert st.stashed() == []
        assert st.documents() == [f"{BASE}d{i:03d}" for i in range(DOCS)]
        union = set()
        for i in range(DOCS):
            got = {(q.subject.value, q.predicate.value, q.object.value)
                   for q in st.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(f"{BASE}d{i:03d}"))}
            v = "old" if got == _expected("old", i) else "new" if got == _expected("new", i) else None
            assert v is not None, f"document {i} is neither its old nor its new version ({len(got)} triples)"
            versions[v] += 1
            union |= got
        default = {(q.subject.value, q.predicate.value, q.object.value)
                   for q in st.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert default == union  # the union view agrees with the documents
    return versions


POINTS = [("after-stash", 1), ("after-stash", 30), ("half-write", 2), ("after-write", 1), ("before-unstash", 3)]


def test_kill_during_replacing_store_add_loses_nothing(tmp_path):
    """`kg store add` replacing every document is killed (SIGKILL) at several points in turn."""
    store_dir = tmp_path / "store"
    with Store(store_dir) as st:
        st.add_files([_version(tmp_path, "old")])
    versions = {"old": _version(tmp_path, "old"), "new": _version(tmp_path, "new")}
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    seen = set()
    for k, (point, nth) in enumerate(POINTS):
        target = versions["new" if k % 2 == 0 else "old"]
        proc = subprocess.Popen([sys.executable, str(driver), str(store_dir), str(target), point, str(nth)],
                                stdout=subprocess.PIPE, text=True)
        try:
            lines = []
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                line = proc.stdout.readline()
                lines.append(line)
                if line.strip() in ("AT", "DONE") or not line:
                    break
            assert lines[-1].strip() == "AT", (point, lines)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait(30)
        versions_now = _check(store_dir)
        assert sum(versions_now.values()) == DOCS, point
        seen |= {v for v, n in versions_now.items() if n}
    assert seen == {"old", "new"}  # the kills fell before and after documents were swapped
    with Store(store_dir) as st:  # and a later add completes the replacement
        st.add_files([versions["new"]])
    assert _check(store_dir) == {"old": 0, "new": DOCS}
