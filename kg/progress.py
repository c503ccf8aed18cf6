"""Progress of a long build on standard error.

A rich progress bar when standard error is a terminal (documents, docs/s,
events, problems, ETA when the total is known); otherwise one plain line
every ``every`` seconds, so a log of a long batch job shows it is alive.
``KG_PROGRESS=off`` (or ``--quiet``) silences both.
"""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO

__all__ = ["Progress", "make_progress"]


class Progress:
    """Counts documents, events and problems; subclasses show them."""

    def __init__(self, total: int | None = None) -> None:
        self.total = total
        self.docs = 0
        self.n_events = 0
        self.problems = 0
        self.started = time.perf_counter()

    def advance(self, docs: int = 1) -> None:
        self.docs += docs
        self.show()

    def events(self, n: int) -> None:
        self.n_events += n

    def problem(self) -> None:
        self.problems += 1

    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.docs / elapsed if elapsed > 0 else 0.0

    def show(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LineProgress(Progress):
    """A plain line every ``every`` seconds: for logs and pipes."""

    def __init__(self, total: int | None = None, stream: TextIO | None = None, every: float = 10.0) -> None:
        super().__init__(total)
        self.stream = stream or sys.stderr
        self.every = every
        self._last = self.started

    def line(self) -> str:
        rate = self.rate()
        done = f"{self.docs}/{self.total}" if self.total else str(self.docs)
        text = f"kg build: {done} document(s), {rate:.1f} docs/s, {self.n_events} event(s), {self.problems} problem(s)"
        if self.total and rate > 0:
            text += f", ETA {max(0.0, (self.total - self.docs) / rate):.0f}s"
        return text

    def show(self) -> None:
        now = time.perf_counter()
        if now - self._last >= self.every:
            self._last = now
            print(self.line(), file=self.stream, flush=True)


class RichProgress(Progress):
    """A rich progress bar (terminal only)."""

    def __init__(self, total: int | None = None) -> None:
        super().__init__(total)
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn,  # noqa: PLC0415
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._bar = Bar(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} docs/s · {task.fields[events]} events · "
                                   "{task.fields[problems]} problems"),
                        TimeElapsedColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("build", total=total, rate="0.0", events=0, problems=0)

    def show(self) -> None:
        self._bar.update(self._task, completed=self.docs, rate=f"{self.rate():.1f}",
                         events=self.n_events, problems=self.problems)

    def close(self) -> None:
        self._bar.stop()


def make_progress(total: int | None = None, *, quiet: bool = False, stream: TextIO | None = None) -> Progress:
    """The progress display that fits standard error (or none, when quiet)."""
    if quiet or os.environ.get("KG_PROGRESS", "").lower() in ("off", "0", "no"):
        return Progress(total)
    stream = stream or sys.stderr
    if stream.isatty():
        return RichProgress(total)
    return LineProgress(total, stream)
