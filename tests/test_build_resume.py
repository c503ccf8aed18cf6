"""An interrupted `kg build --store` resumes: the rerun processes only the documents not yet stored."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from kg.store import Store

# invented sentences, one varied document each (distinct texts: nothing is skipped by accident)
_SUBJECTS = ["France", "Germany", "Japan", "Brazil", "Kenya", "Canada", "India", "Egypt"]
_OBJECTS = ["Spain", "Italy", "Chile", "Ghana", "Norway", "Peru", "Turkey", "Qatar"]


def _corpus(path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = _SUBJECTS[i % 8], _OBJECTS[(i * 3) % 8]
            text = (f"{a} condemned {b} on Monday over report number {i}. "
                    f"The foreign minister of {a} met officials from {b} in Geneva to discuss item {i}.")
            fh.write(json.dumps({"id": f"r-{i:03d}", "published": "2024-03-0%d" % (1 + i % 9), "text": text}) + "\n")


def _stored(path) -> int:
    try:
        return len(Store(path, read_only=True).documents())
    except Exception:  # noqa: BLE001 - not created yet
        return 0



def test_killed_build_resumes_with_the_rest(tmp_path):
    n = 40
    corpus, store = tmp_path / "c.jsonl", tmp_path / "store"
    _corpus(corpus, n)
    cmd = [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "--batch-size", "1",
           "--flush-every", "0", "--quiet", "--no-validate"]
    env = dict(os.environ, KG_PROGRESS="off")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 240
    while _stored(store) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = _stored(store)
    assert 3 <= done < n, f"the build was not interrupted midway ({done} of {n} stored)"

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=240)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{n} document(s) read" in rerun.stderr
    assert f"{done} already stored, skipped" in rerun.stderr
    assert f"{n - done} document(s) added, 0 replaced" in rerun.stderr
    assert _stored(store) == n
    # a third run has nothing left to do
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=240)
    assert f"{n} already stored, skipped" in again.stderr and "0 document(s) added" in again.stderr
