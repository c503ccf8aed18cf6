"""Store at scale: stream a synthetic store of N triples (default 10 million), then time every named query.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_store_scale.py                      # ~10M distinct triples
    .venv/bin/python benchmarks/bench_store_scale.py --triples 1000000

Unlike ``bench_store.py`` nothing is held in memory: the synthetic documents
(the same generator) are made one at a time, turned into their graphs by
``kg.graph`` and streamed into the store through ``Store.writer(bulk=True)``
(cross-document merging through the blocked index, writes of half a
million quads with Oxigraph's bulk loader). It reports the load time and
rate, the store's size, and each named competency question's latency
(median of several runs).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import CQS, iter_synthetic  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=10_000_000, help="approximate distinct triples in the store")
    ap.add_argument("--events-per-doc", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per question (median)")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()

    from kg.graph import add_document, new_dataset
    from kg.query import run_named
    from kg.store import Store

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-store-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    per_doc = []
    for r in iter_synthetic(50, args.events_per_doc):
        ds = new_dataset()
        per_doc.append(len(add_document(ds, r)))
    n_docs = max(1, int(args.triples / (sum(per_doc) / len(per_doc))))
    print(f"{n_docs} synthetic documents (~{sum(per_doc) / len(per_doc):.0f} triples each)", flush=True)

    t0 = time.perf_counter()
    store = Store(work / "store")
    with store.writer(chunk_quads=500_000, bulk=True) as w:
        for i, r in enumerate(iter_synthetic(n_docs, args.events_per_doc)):
            ds = new_dataset()
            g = add_document(ds, r)
            w.add(g.identifier, list(g))
            if i and i % 5000 == 0:
                print(f"  {i} documents in {time.perf_counter() - t0:.0f} s", flush=True)
    t_load = time.perf_counter() - t0
    triples = store.triple_count()
    quads = store.quad_count()
    print(f"load: {t_load:.1f} s for {n_docs} documents, {quads:,} quads in document graphs, {triples:,} distinct "
          f"triples ({quads / t_load:,.0f} quads/s); {w.stats.events_merged} events merged across documents; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB", flush=True)

    print(f"\n{'question':<22} {'latency (median)':>18}")
    worst = 0.0
    for name in CQS:
        times, rows = [], 0
        for _ in range(args.runs):
            t1 = time.perf_counter()
            rows = len(run_named(store, name).rows)
            times.append((time.perf_counter() - t1) * 1000)
        ms = statistics.median(times)
        worst = max(worst, ms)
        print(f"{name:<22} {ms:>12.1f} ms ({rows} rows)", flush=True)
    print(f"store {triples:,} triples: load {t_load:.0f} s, slowest named question {worst:.0f} ms "
          f"(workdir {work}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
