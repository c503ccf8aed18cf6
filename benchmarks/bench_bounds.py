"""Cost per document against document size: linear, including hostile shapes.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_bounds.py            # sizes 25k..400k characters
    .venv/bin/python benchmarks/bench_bounds.py --max 1600000

For each size it times parse + extract (``kg.build.iter_results``, the
build's own path) of three invented documents: news-like paragraphs, one
sentence without punctuation, and a comma-separated list of names. It prints
seconds and microseconds per character; a linear cost shows as a flat
``us/char`` column for the news shape, and the hostile shapes stay near the
cost of their first (capped) sentence. Sizes over spaCy's max_length are
parsed in segments instead of refused.
"""
from __future__ import annotations

import argparse
import logging
import random
import time

from kg.build import iter_results
from kg.model import Document
from kg.nlp.pipeline import load_pipeline

PARAGRAPH = ("Russian President Vladimir Putin met Hungarian Prime Minister Viktor Orban in Budapest on Monday. "
             "The two leaders agreed to hold further talks on energy. Officials said a deal could follow.\n\n")
WORDS = "the minister said that officials from several countries would meet again to discuss trade".split()
NAMES = ["Anna Berg", "Boris Lind", "Carl Holm", "Dana Ek", "Emil Sand", "Fiona Dahl"]


def make(shape: str, size: int, rng: random.Random) -> str:
    if shape == "news":
        return (PARAGRAPH * (size // len(PARAGRAPH) + 1))[:size]
    if shape == "no-punctuation":
        return " ".join(rng.choice(WORDS) for _ in range(size // 6))[:size]
    return ("Delegates: " + ", ".join(rng.choice(NAMES) for _ in range(size // 10)))[:size] + "."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min", type=int, default=25_000)
    ap.add_argument("--max", type=int, default=400_000)
    args = ap.parse_args()
    logging.getLogger("kg.bounds").setLevel(logging.ERROR)  # the warnings are expected here
    load_pipeline()
    list(iter_results([Document(id="warm", text=PARAGRAPH, source="bench:")]))
    rng = random.Random(1)
    print(f"{'shape':<16}{'chars':>10}{'seconds':>10}{'us/char':>10}{'events':>8}")
    size = args.min
    while size <= args.max:
        for shape in ("news", "no-punctuation", "names"):
            text = make(shape, size, rng)
            t0 = time.perf_counter()
            res = list(iter_results([Document(id=f"{shape}-{size}", text=text, source="bench:")]))
            dt = time.perf_counter() - t0
            events = sum(len(r.events) for r in res)
            print(f"{shape:<16}{len(text):>10}{dt:>10.2f}{dt / len(text) * 1e6:>10.1f}{events:>8}", flush=True)
        size *= 2


if __name__ == "__main__":
    main()
