"""Store at scale: a synthetic store of N triples (default 10 million), bulk-loaded; then every named query.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_store_scale.py                      # 10M distinct triples
    .venv/bin/python benchmarks/bench_store_scale.py --triples 1000000

The documents come from ``bench_store.iter_synthetic`` (entities from shared
pools, so actors repeat and queries have work to do). They are written as
N-Quads by a string formatter that states exactly what ``kg.graph`` states
(checked at start: the first documents' lines must equal ``add_document``'s,
else the run stops), because rdflib would take an hour for 10 million
triples. The lines go through ONE bulk load
(:meth:`kg.store.Store.bulk_load_nquads` reading a generator of chunks: one
named graph per document plus the union), so memory stays flat and RocksDB
ingests one set of sorted files instead of re-compacting a growing store
after every chunk. The run stops when the union would hold ``--triples``
distinct triples, a number the generator knows without asking the store (see
:class:`QuadChunks`). The synthetic events are distinct (no cross-document
merge is needed, and none is run). It prints the load time and rate (and how
much of it was Python generating the text), the store's size, peak memory,
and each named query's latency and CPU time (median of ``--runs`` runs after
a warm-up; one cold run by default). ``--optimize`` compacts the store
before the questions.

Measured on the shared 2-core machine (see the closing note for the lines):
10,004,531 triples (52,875 documents) load in 777 s wall, 499 s CPU.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import iter_synthetic  # noqa: E402

_ESC = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class Formatter:
    """DocumentResult -> the N-Triples lines of its document graph, as ``kg.graph.add_document`` makes them."""

    def __init__(self, base: str) -> None:
        from kg import cameo
        from kg.graph import GEONAMES, MEETING_CODES
        from kg.vocab import CAMEO, DCTERMS, DK, NIF, OWL, PLOVER, PROV, RDF, RDFS, SEM, SKOS, WD, XSD

        self.base, self.cameo, self.meeting = base, cameo, MEETING_CODES
        self.geonames = GEONAMES
        self.v = {name: f"<{iri}>" for name, iri in {
            "type": RDF.type, "label": RDFS.label, "alt": SKOS.altLabel, "same": OWL.sameAs,
            "geo": DK.geonamesId, "member": DK.memberOf, "located": DK.locatedIn, "role": DK.role,
            "iso2": DK.iso2, "iso3": DK.iso3, "cow": DK.cowCode, "code": DK.actorCode,
            "actor": SEM.Actor, "place": SEM.Place, "event": SEM.Event, "cameo": DK.cameoCode,
            "etype": SEM.eventType, "plover": DK.ploverType, "quad": DK.quadClass, "gold": DK.goldstein,
            "has_actor": SEM.hasActor, "source": DK.source, "target": DK.target, "theme": DK.theme,
            "has_place": SEM.hasPlace, "stamp": SEM.hasTimeStamp, "fact": DK.factuality, "conf": DK.confidence,
            "merged": DK.mergedFrom, "derived": PROV.wasDerivedFrom, "string": NIF.String,
            "anchor": NIF.anchorOf, "begin": NIF.beginIndex, "end": NIF.endIndex, "sentence": DK.sentence,
            "trigger": DK.trigger, "context": NIF.referenceContext, "met": DK.met, "nifctx": NIF.Context,
            "provent": PROV.Entity, "ident": DCTERMS.identifier, "dsource": DCTERMS.source,
            "isstr": NIF.isString, "issued": DCTERMS.issued, "title": DCTERMS.title,
        }.items()}
        self.ns = {"dk": str(DK), "cameo": str(CAMEO), "plover": str(PLOVER), "wd": str(WD), "xsd": str(XSD)}
        self._entities: dict[tuple, list[str]] = {}

    def lit(self, value: str, datatype: str | None = None) -> str:
        text = '"' + value.translate(_ESC) + '"'
        return text if datatype is None else f"{text}^^<{self.ns['xsd']}{datatype}>"

    def dec(self, x: float) -> str:
        return self.lit(str(Decimal(f"{x:.2f}")), "decimal")

    def iri(self, key: str) -> str:
        return f"<{self.base}{key}>"

    def _entity(self, e, as_actor: bool, as_place: bool) -> list[str]:
        found = self._entities.get((e.key, as_actor, as_place))
        if found is not None:
            return found
        v, n = self.v, self.iri(e.key)
        out = [f"{n} {v['type']} <{self.ns['dk']}{e.kind}>"]
        if e.kind in ("Person", "Country", "Organization", "Group") or as_actor:
            out.append(f"{n} {v['type']} {v['actor']}")
        if e.kind in ("City", "Place", "Country") or as_place:
            out.append(f"{n} {v['type']} {v['place']}")
        out.append(f"{n} {v['label']} {self.lit(e.label)}")
        out += [f"{n} {v['alt']} {self.lit(a)}" for a in sorted(set(e.aliases) - {e.label})]
        if e.qid:
            out.append(f"{n} {v['same']} <{self.ns['wd']}{e.qid}>")
        if e.geonames_id:
            out += [f"{n} {v['same']} <{self.geonames}{e.geonames_id}/>", f"{n} {v['geo']} {self.lit(e.geonames_id)}"]
        if e.member_of:
            out.append(f"{n} {v['member']} {self.iri(e.member_of)}")
        if e.located_in:
            out.append(f"{n} {v['located']} {self.iri(e.located_in)}")
        if e.role:
            out.append(f"{n} {v['role']} {self.lit(e.role)}")
        for key, value in (("iso2", e.iso2), ("iso3", e.iso3), ("cow", e.cow_code)):
            if value:
                out.append(f"{n} {v[key]} {self.lit(value)}")
        self._entities[(e.key, as_actor, as_place)] = out
        return out

    def lines(self, r) -> list[str]:
        """Every triple of ``r``'s document graph, as N-Triples without the final ' .'."""
        own, shared = self.split(r)
        return own + shared

    def split(self, r) -> tuple[list[str], list[str]]:
        """``r``'s triples in two lists without repeats: about the document, its events and mentions
        (stated by no other document: the synthetic events are distinct), and the rest (entities, dk:met)."""
        from kg.actor_codes import actor_code_pairs
        from kg.graph import stable_hash
        from kg.graph import doc_key

        v, c, doc = self.v, self.cameo, r.document
        d = self.iri(doc_key(doc.id))
        out = [f"{d} {v['type']} {v['nifctx']}", f"{d} {v['type']} {v['provent']}",
               f"{d} {v['ident']} {self.lit(doc.id)}", f"{d} {v['dsource']} {self.lit(doc.url or doc.source)}",
               f"{d} {v['isstr']} {self.lit(doc.text)}"]
        if doc.published:
            out.append(f"{d} {v['issued']} {self.lit(doc.published.isoformat(), 'date')}")
        if doc.title:
            out.append(f"{d} {v['title']} {self.lit(doc.title)}")
        shared: list[str] = []
        actors = {a for ev in r.events for a in ev.actors}
        places = {ev.place for ev in r.events if ev.place}
        for e in r.entities:
            shared += self._entity(e, e.key in actors, e.key in places)
        kinds = ("Person", "Country", "Organization", "Group")
        shared += [f"{self.iri(k)} {v['code']} {self.lit(code)}"
                for k, code in actor_code_pairs(r.entities, lambda e: e.kind in kinds or e.key in actors)]
        grains = {"day": "date", "month": "gYearMonth", "year": "gYear"}
        for ev in r.events:
            n, code = self.iri(ev.key), ev.cameo_code
            out += [f"{n} {v['type']} {v['event']}", f"{n} {v['type']} <{self.ns['dk']}{c.event_class(code)}>",
                    f"{n} {v['cameo']} {self.lit(code)}", f"{n} {v['etype']} <{self.ns['cameo']}{code}>"]
            if c.plover_type(code):
                out.append(f"{n} {v['plover']} <{self.ns['plover']}{c.plover_type(code)}>")
            if c.quad_class(code):
                out.append(f"{n} {v['quad']} {self.lit(str(c.quad_class(code)), 'integer')}")
            out += [f"{n} {v['gold']} {self.dec(c.lookup(code).goldstein)}", f"{n} {v['label']} {self.lit(ev.label)}"]
            out += [f"{n} {v[p]} {self.iri(a)}" for p, keys in
                    (("has_actor", ev.actors), ("source", ev.sources), ("target", ev.targets), ("theme", ev.themes))
                    for a in keys]
            if ev.place:
                out += [f"{n} {v['has_place']} {self.iri(ev.place)}", f"{n} {v['located']} {self.iri(ev.place)}"]
            if ev.time:
                out.append(f"{n} {v['stamp']} {self.lit(ev.time.value, grains[ev.time.granularity])}")
            out += [f"{n} {v['fact']} <{self.ns['dk']}{ev.factuality}>", f"{n} {v['conf']} {self.dec(ev.confidence)}"]
            out += [f"{n} {v['merged']} {self.iri(k)}" for k in ev.merged_from]
            for m in ev.mentions:
                mn = self.iri(f"mention/{stable_hash(m.doc_id, m.begin, m.end)}")
                out += [f"{mn} {v['type']} {v['string']}", f"{mn} {v['anchor']} {self.lit(m.anchor)}",
                        f"{mn} {v['begin']} {self.lit(str(m.begin), 'nonNegativeInteger')}",
                        f"{mn} {v['end']} {self.lit(str(m.end), 'nonNegativeInteger')}",
                        f"{mn} {v['sentence']} {self.lit(m.sentence)}", f"{mn} {v['context']} {d}",
                        f"{n} {v['derived']} {mn}"]
                if m.trigger:
                    out.append(f"{mn} {v['trigger']} {self.lit(m.trigger)}")
            if ev.factuality == "Actual" and code.startswith(self.meeting):
                people = sorted(set(ev.actors))
                shared += [f"{self.iri(a)} {v['met']} {self.iri(b)}" for a in people for b in people if a != b]
        return list(dict.fromkeys(out)), list(dict.fromkeys(shared))


def _cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def check_formatter(fmt: Formatter, results, base: str) -> None:
    """Stop unless the formatter states exactly what kg.graph states for ``results``."""
    from rdflib.plugins.serializers.nt import _nt_row

    from kg.graph import add_document, new_dataset

    for r in results:
        ours = {ln + " .\n" for ln in fmt.lines(r)}
        theirs = {_nt_row(t) for t in add_document(new_dataset(), r, base)}
        if ours != theirs:
            diff = sorted(ours ^ theirs)[:6]
            sys.exit(f"the fast formatter no longer matches kg.graph for {r.document.id}:\n" + "".join(diff))


class QuadChunks:
    """The synthetic corpus as N-Quads text chunks, until the union would hold ``target`` distinct triples.

    Each triple goes to its document's graph and to the default graph (the
    union), written here from the formatter's triple text (cheaper than
    letting the store derive the union lines). The stopping rule needs no
    store scan: a triple about the document, one of its events or one of its
    mentions is stated by that document only (the synthetic events are
    distinct and their keys hold the document id); every other triple (entity
    descriptions, actor codes, dk:met) is kept in a set, which stays small
    because entities come from fixed pools. So the union's size is known as
    the lines are written; the store's own count is printed at the end. A
    shared triple's union line is written once (the first time it is seen).
    """

    def __init__(self, fmt: Formatter, base: str, target: int, events_per_doc: int, chunk_lines: int,
                 progress_every: float = 30.0) -> None:
        self.fmt, self.base, self.target = fmt, base, target
        self.events_per_doc, self.chunk_lines, self.progress_every = events_per_doc, chunk_lines, progress_every
        self.docs = self.quads = self.lines = self.own = 0
        self.shared: set[str] = set()
        self.gen_seconds = 0.0  # time spent in this generator (the loader waits for it)

    @property
    def distinct(self) -> int:
        return self.own + len(self.shared)

    def __iter__(self):
        from kg.graph import doc_key

        t0 = last = time.perf_counter()
        buf: list[str] = []
        flushed = 0
        t = time.perf_counter()  # the generator's own time runs from here to each yield, and from each resume
        for r in iter_synthetic(10 ** 9, self.events_per_doc):
            g = f" <{self.base}{doc_key(r.document.id)}> .\n"
            own, shared = self.fmt.split(r)
            new = [ln for ln in shared if ln not in self.shared]  # a shared triple joins the union once
            self.shared.update(new)
            # whole-document joins: one string operation per document, not one per line
            buf += [_ended(own, g), _ended(shared, g), _ended(own, " .\n"), _ended(new, " .\n")]
            self.own += len(own)
            self.quads += len(own) + len(shared)
            self.lines += len(own) * 2 + len(shared) + len(new)
            self.docs += 1
            done = self.distinct >= self.target
            if self.lines - flushed >= self.chunk_lines or done:
                flushed = self.lines
                text = "".join(buf)
                buf = []
                now = time.perf_counter()
                self.gen_seconds += now - t
                if now - last >= self.progress_every:
                    last = now
                    print(f"  {self.docs} documents, {self.quads:,} quads in document graphs, ~{self.distinct:,} "
                          f"distinct triples, {now - t0:.0f} s wall, {_cpu():.0f} s CPU", flush=True)
                yield text
                if done:
                    return
                t = time.perf_counter()


def _ended(lines: list[str], end: str) -> str:
    """``lines`` each followed by ``end`` (a graph name and ' .', or ' .'), as one string."""
    return end.join(lines) + end if lines else ""


def _dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=10_000_000, help="distinct triples in the store (about)")
    ap.add_argument("--events-per-doc", type=int, default=8)
    ap.add_argument("--runs", type=int, default=1, help="timed runs per question (median, after a warm-up)")
    ap.add_argument("--chunk-lines", type=int, default=100_000, help="N-Quads lines per chunk handed to the loader")
    ap.add_argument("--optimize", action="store_true",
                    help="compact the store (Store.optimize) after loading, before the questions")
    ap.add_argument("--workdir", type=Path, default=None, help="where the store is made (default: a new temporary one)")
    ap.add_argument("--questions-only", action="store_true",
                    help="do not load: time the questions on the store an earlier run left in --workdir")
    args = ap.parse_args()

    from kg.ontology_graph import add_ontology
    from kg.query import list_queries, run_named
    from kg.store import Store
    from kg.vocab import DEFAULT_BASE

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-store-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    fmt = Formatter(DEFAULT_BASE)
    if not args.questions_only:
        sample = list(iter_synthetic(50, args.events_per_doc))
        check_formatter(fmt, sample, DEFAULT_BASE)
        per_doc = sum(len(fmt.lines(r)) for r in sample) / len(sample)
        print(f"formatter matches kg.graph on {len(sample)} documents; ~{per_doc:.0f} triples per document",
              flush=True)

    if args.questions_only:  # the questions again, on a store an earlier run left in --workdir
        if args.workdir is None:
            sys.exit("--questions-only needs --workdir (the directory of an earlier run)")
        store = Store(work / "store")
        t1 = time.perf_counter()
        triples = store.triple_count()
        size, rss, t_total = _dir_bytes(work / "store"), 0.0, 0.0
        print(f"store in {work}: {triples:,} distinct triples (counted in {time.perf_counter() - t1:.1f} s), "
              f"{size / 1e9:.2f} GB on disk; not loaded again", flush=True)
    else:
        store = Store(work / "store")
        source = QuadChunks(fmt, DEFAULT_BASE, args.triples, args.events_per_doc, args.chunk_lines)
        t0 = time.perf_counter()
        store.bulk_load_nquads(source, union=False)  # one bulk load: the chunks are read as it goes
        t_load = time.perf_counter() - t0
        onto = add_ontology(store)
        t_total = time.perf_counter() - t0
        cpu_load = _cpu()
        t1 = time.perf_counter()
        triples = store.triple_count()
        t_count = time.perf_counter() - t1
        size = _dir_bytes(work / "store")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        inserted = source.lines
        print(f"load: {source.docs} documents, {source.quads:,} quads in document graphs + {source.lines - source.quads:,} "
              f"union lines in one bulk load; {t_total:.1f} s wall ({source.gen_seconds:.1f} s of it generating N-Quads in Python), "
              f"{cpu_load:.0f} s CPU; {inserted / t_load:,.0f} lines/s, {triples / t_total:,.0f} distinct triples/s", flush=True)
        print(f"union: {triples:,} distinct triples (predicted {source.distinct + onto:,} with the ontology's {onto:,}; counted in {t_count:.1f} s); "
              f"store {size / 1e9:.2f} GB on disk; peak RSS {rss:.0f} MB", flush=True)
    if args.optimize:
        t1 = time.perf_counter()
        store.oxigraph.optimize()
        print(f"optimize: {time.perf_counter() - t1:.1f} s; store {_dir_bytes(work / 'store') / 1e9:.2f} GB", flush=True)

    print(f"\n{'question':<22} {'latency' + (' (median)' if args.runs > 1 else ' (cold)'):>18}")
    worst = 0.0
    for q in list_queries():
        name = q.name
        if args.runs > 1:
            run_named(store, name)  # warm-up: the first run reads the pages from disk
        times, cpus, rows = [], [], 0
        for _ in range(args.runs):
            t1, c1 = time.perf_counter(), _cpu()
            rows = len(run_named(store, name).rows)
            times.append((time.perf_counter() - t1) * 1000)
            cpus.append(_cpu() - c1)
        ms = statistics.median(times)
        worst = max(worst, ms)
        # CPU next to wall time: on a shared machine the wall time also counts the waits for a core
        print(f"{name:<22} {ms:>12.1f} ms ({statistics.median(cpus):.1f} s CPU, {rows} rows)", flush=True)
    loaded = "not reloaded" if args.questions_only else f"load {t_total:.0f} s, peak RSS {rss:.0f} MB"
    print(f"store {triples:,} triples: {loaded}, {size / 1e9:.2f} GB, "
          f"slowest named question {worst:.0f} ms (workdir {work}, {os.cpu_count()} CPUs)")

if __name__ == "__main__":
    main()
