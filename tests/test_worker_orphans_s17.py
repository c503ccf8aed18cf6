"""A build's worker processes end when the build is killed outright (they would otherwise wait for ever)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DRIVER = r"""
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from kg.tail import _start_worker

if __name__ == "__main__":
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=("https://example.org/id/", False, None))
    print(pool.submit(os.getpid).result(), flush=True)  # the worker's pid, once it is running
    time.sleep(120)
"""


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    # an exited child of a container's init may stay a zombie: it has ended all the same
    return status.exists() and "\nState:\tZ" in status.read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_build_worker_ends_when_the_build_is_killed(tmp_path):
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(driver)], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(proc.stdout.readline())
        assert not _gone(worker)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _gone(worker), "the worker outlived the killed build"
    finally:
        proc.kill()
