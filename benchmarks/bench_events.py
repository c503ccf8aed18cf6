"""kg_events benchmark: CPU seconds of the event component, per pass and per stage.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_events.py --docs 200
    .venv/bin/python benchmarks/bench_events.py --docs 200 --passes 5 --top 20

The corpus comes from ``../shared/eval/make_bench_corpus.py N corpus.jsonl``.
The documents are parsed once by everything before ``kg_events``; each pass
then runs the component on fresh copies (what it writes into a Doc, and the
time scan it keeps there, would otherwise make later passes cheaper). CPU
seconds (``process_time``), not wall time: the machine may be shared. The
minimum over the passes is the steadiest figure; the per-stage lines are each
stage's minimum over the passes.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "eval" / "make_bench_corpus.py"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--top", type=int, default=15, help="stages listed, slowest first")
    args = ap.parse_args()

    from spacy.tokens import DocBin  # noqa: PLC0415 - heavy imports after the arguments

    from kg.nlp import memo  # noqa: PLC0415
    from kg.nlp.pipeline import load_pipeline  # noqa: PLC0415
    from kg.nlp.stages import EventContext  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(args.docs), str(corpus)], check=True,
                       stdout=subprocess.DEVNULL)
        texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    nlp = load_pipeline()
    with nlp.select_pipes(disable=["kg_events"]):
        parsed = DocBin(store_user_data=True, docs=nlp.pipe(texts, batch_size=32))
    comp = nlp.get_pipe("kg_events")
    for doc in parsed.get_docs(nlp.vocab):
        comp(doc)  # tables and patterns load on first use: not part of a pass
    passes, stages = [], defaultdict(lambda: float("inf"))
    for _ in range(args.passes):
        docs, spent = list(parsed.get_docs(nlp.vocab)), defaultdict(float)
        t0 = time.process_time()
        for doc in docs:
            ctx = EventContext(doc=doc, lexicon=comp.lexicon, min_weight=comp.min_weight, weights=comp.weights)
            with memo.scope(doc):
                for name, fn in zip(comp.stages, comp._stage_fns):
                    s0 = time.process_time()
                    fn(ctx)
                    spent[name] += time.process_time() - s0
            doc._.kg_events = [c.public() for c in ctx.output()]
        passes.append(time.process_time() - t0)
        for name, s in spent.items():
            stages[name] = min(stages[name], s)
    for name, s in sorted(stages.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"{s:8.3f}s  {name}")
    tokens = sum(len(t.split()) for t in texts)
    print(f"kg_events docs={args.docs} passes={' '.join(f'{p:.3f}' for p in passes)} "
          f"min={min(passes):.3f}s cpu_per_1000_docs={1000 * min(passes) / args.docs:.2f}s words={tokens}")


if __name__ == "__main__":
    main()
