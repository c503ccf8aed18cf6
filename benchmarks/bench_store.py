"""Store benchmark: load time and competency-question latency at about a million triples.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_store.py                 # ~1M triples
    .venv/bin/python benchmarks/bench_store.py --triples 100000 --rdflib-timeout 20

It synthesises documents in the shape of the RDF contract (kg.model ->
kg.graph, the same code the builder uses), loads them into a kg store
(``Store.add_dataset``: one graph per document, with cross-document event
merging) and, for comparison, bulk-loads the same N-Quads into a bare
Oxigraph store. Then it times every named competency question on the store
(median of several runs) next to rdflib's in-memory SPARQL on the same data;
rdflib runs in a subprocess with a per-query time cap and is reported as
'>Ns' when it does not finish.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CQS = ("meetings", "planned", "negated", "military-aid-ukraine", "actor-timeline", "event-provenance",
       "dyad-goldstein")

_CHILD = r"""
import json, sys, time
from rdflib import Dataset, URIRef
from kg.query import get_query
path, names = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(path, format="nquads")
print(json.dumps({"load": time.perf_counter() - t0}), flush=True)
for name in names:
    q = get_query(name)
    # the same defaults the store run binds (all named-query parameters are Wikidata ids)
    bindings = {v: URIRef("http://www.wikidata.org/entity/" + d) for v, (d, _) in q.params.items()}
    print(json.dumps({"start": name}), flush=True)
    t0 = time.perf_counter()
    rows = len(list(ds.query(q.sparql, initBindings=bindings)))
    print(json.dumps({"done": name, "seconds": time.perf_counter() - t0, "rows": rows}), flush=True)
"""


def synthesise(n_docs: int, events_per_doc: int, seed: int = 7):
    """DocumentResults with entities from shared pools (so events merge and entities repeat)."""
    return list(iter_synthetic(n_docs, events_per_doc, seed))


def iter_synthetic(n_docs: int, events_per_doc: int, seed: int = 7):
    """:func:`synthesise`, one document at a time (for stores larger than memory)."""
    from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue

    rng = random.Random(seed)
    countries = [Entity(key=f"country/c{i}", label=f"Country {i}", kind="Country", qid=f"Q{100000 + i}",
                        iso3=f"C{i:02d}"[:3] if i < 100 else f"X{i % 100:02d}", cow_code=str(i)) for i in range(150)]
    countries += [
        Entity(key="country/united-states", label="United States", kind="Country", qid="Q30", iso3="USA", cow_code="2"),
        Entity(key="country/russia", label="Russia", kind="Country", qid="Q159", iso3="RUS", cow_code="365"),
        Entity(key="country/ukraine", label="Ukraine", kind="Country", qid="Q212", iso3="UKR", cow_code="369"),
    ]
    persons = [Entity(key=f"person/p{i}", label=f"Person {i}", kind="Person", qid=f"Q{200000 + i}",
                      member_of=rng.choice(countries).key) for i in range(3000)]
    persons += [
        Entity(key="person/vladimir-putin", label="Vladimir Putin", kind="Person", qid="Q7747",
               member_of="country/russia"),
        Entity(key="person/donald-trump", label="Donald Trump", kind="Person", qid="Q22686",
               member_of="country/united-states"),
    ]
    cities = [Entity(key=f"place/city{i}", label=f"City {i}", kind="City", qid=f"Q{300000 + i}") for i in range(400)]
    cities.append(Entity(key="place/helsinki", label="Helsinki", kind="City", qid="Q1757"))
    actors = countries + persons
    codes = ["010", "036", "040", "042", "043", "044", "051", "057", "061", "071", "072", "111", "112", "130",
             "163", "172", "190"]
    facts = ["Actual"] * 6 + ["Planned", "Negated", "Possible"]
    by_key = {e.key: e for e in actors + cities}
    start = date(2015, 1, 1)
    for d in range(n_docs):
        doc_id = f"doc{d:06d}"
        sentences, events, used = [], [], set()
        for k in range(events_per_doc):
            a, b = rng.sample(actors, 2)
            if rng.random() < 0.02:
                a = by_key["person/vladimir-putin"]
            if rng.random() < 0.02:
                b = by_key["country/ukraine"]
            place = rng.choice(cities) if rng.random() < 0.5 else None
            if place is not None and rng.random() < 0.02:
                place = by_key["place/helsinki"]
            when = start + timedelta(days=rng.randrange(3650)) if rng.random() < 0.6 else None
            code = rng.choice(codes)
            sentence = f"{a.label} and {b.label} event {k} of {doc_id}."
            begin = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            m = Mention(doc_id=doc_id, begin=begin, end=begin + len(a.label), anchor=a.label, sentence=sentence)
            events.append(Event(key=f"event/{doc_id}-{k}", cameo_code=code, label=f"{code}: {a.label} – {b.label}",
                                actors=(a.key, b.key), sources=(a.key,), targets=(b.key,),
                                place=place.key if place else None,
                                time=TimeValue(value=when.isoformat(), granularity="day") if when else None,
                                factuality=rng.choice(facts), confidence=round(rng.uniform(0.3, 0.99), 2),
                                mentions=(m,)))
            used.update({a.key, b.key} | ({place.key} if place else set()))
            for e in (a, b):
                if e.member_of:
                    used.add(e.member_of)
        text = " ".join(sentences)
        doc = Document(id=doc_id, text=text, published=start + timedelta(days=d % 3650), source=f"file:{doc_id}.txt")
        yield DocumentResult(document=doc, entities=tuple(by_key[k] for k in sorted(used)), events=tuple(events))


def _median_ms(fn, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    fn()  # warm-up
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), rows


def run_rdflib(nq: Path, names: list[str], cap: float) -> tuple[float | None, dict[str, str]]:
    """Per-query rdflib timings in a subprocess; a query over ``cap`` seconds is killed and marked."""
    import queue
    import threading

    out: dict[str, str] = {}
    load_time = None
    remaining = list(names)
    while remaining:
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(nq), *remaining], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout] + [lines.put("")], daemon=True).start()
        current, deadline = None, time.monotonic() + 1800  # loading may take long
        try:
            while True:
                try:
                    line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    if current:
                        out[current] = f">{cap:g}s"
                        remaining.remove(current)
                    else:
                        remaining = []
                    break
                if not line:  # the child ended (or died)
                    for r in remaining:
                        out.setdefault(r, "failed")
                    remaining = []
                    break
                msg = json.loads(line)
                if "load" in msg:
                    load_time = msg["load"] if load_time is None else load_time
                elif "start" in msg:
                    current, deadline = msg["start"], time.monotonic() + cap
                elif "done" in msg:
                    out[msg["done"]] = f"{msg['seconds'] * 1000:.0f} ms ({msg['rows']} rows)"
                    remaining.remove(msg["done"])
                    current, deadline = None, time.monotonic() + cap
        finally:
            proc.kill()
            proc.wait()
    return load_time, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="approximate size of the store")
    ap.add_argument("--events-per-doc", type=int, default=8)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per question on the store (median)")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per rdflib query")
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()

    import pyoxigraph as ox

    from kg.graph import to_dataset
    from kg.query import run_named
    from kg.store import Store

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sample = to_dataset(synthesise(50, args.events_per_doc))
    per_doc = sum(len(g) for g in sample.graphs()) / 50  # quads per synthetic document, measured
    n_docs = max(1, int(args.triples / per_doc))

    t0 = time.perf_counter()
    results = synthesise(n_docs, args.events_per_doc)
    t_synth = time.perf_counter() - t0
    t0 = time.perf_counter()
    ds = to_dataset(results)
    t_graph = time.perf_counter() - t0
    print(f"synthesised {n_docs} documents, {n_docs * args.events_per_doc} events in {t_synth:.1f} s; "
          f"rdflib dataset in {t_graph:.1f} s", flush=True)

    t0 = time.perf_counter()
    store = Store(work / "store")
    stats = store.add_dataset(ds)
    t_add = time.perf_counter() - t0
    info = store.info()
    print(f"kg store add_dataset: {t_add:.1f} s for {info.quads:,} quads / {info.triples:,} distinct triples "
          f"({info.documents} documents, {info.events} events, {stats.events_merged} merged across documents, "
          f"{info.entities} entities)", flush=True)

    nq = work / "data.nq"
    nq.write_bytes(store.dump_nquads())
    bare = ox.Store(str(work / "bare"))
    t0 = time.perf_counter()
    bare.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    t_bulk = time.perf_counter() - t0
    print(f"oxigraph bulk_load of the same N-Quads ({nq.stat().st_size / 1e6:.0f} MB): {t_bulk:.1f} s", flush=True)
    del ds, results, bare

    print(f"\n{'question':<22} {'kg store (median)':>22}   rdflib in-memory")
    store_ms = {}
    for name in CQS:
        ms, rows = _median_ms(lambda: len(run_named(store, name).rows), args.runs)
        store_ms[name] = (ms, rows)
    rd_load, rd = (None, {}) if args.no_rdflib else run_rdflib(nq, list(CQS), args.rdflib_timeout)
    for name in CQS:
        ms, rows = store_ms[name]
        print(f"{name:<22} {ms:>10.1f} ms ({rows:>5} rows)   {rd.get(name, 'skipped')}")
    if rd_load is not None:
        print(f"\nrdflib load of the N-Quads: {rd_load:.1f} s")
    worst = max(ms for ms, _ in store_ms.values())
    print(f"slowest question on the store: {worst:.1f} ms (target < 100 ms)")
    print(f"workdir: {work}  (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
