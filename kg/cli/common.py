"""Printing helpers shared by the command modules."""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from kg.errors import E, UsageError
from kg.readers import display

__all__ = ["out", "err", "fail", "problem", "check_output_path", "check_base", "check_outputs", "STDOUT"]

STDOUT = "-"  # an output path meaning standard output

# rdflib logs an ill-typed literal ("abc"^^xsd:integer) with a full traceback; the value is
# kept as it is, so the warning is noise that breaks the promise of one line per problem
logging.getLogger("rdflib.term").setLevel(logging.ERROR)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def problem(message: str) -> None:
    """One line on standard error: '[E002] path: what happened. What to do.'"""
    # escaped: a message may quote a file name holding newlines, ANSI escapes or undecodable bytes
    for line in message.split("\n"):  # a message of several coded lines (push: E507 then E518)
        err.print(display(line), markup=False, style="yellow" if line.startswith("[W") else "red")


def fail(message: str, code: int = 2) -> NoReturn:
    problem(message)
    raise typer.Exit(code)


def check_output_path(path: str | os.PathLike | None) -> None:
    """Raise UsageError (E111 a directory, E112 not writable) for an output that cannot be written.

    Called before any work is done, so a long build does not end in a traceback
    at the last step. ``-`` (standard output) and None pass.
    """
    if path is None or str(path) == STDOUT:
        return
    p = Path(path)
    if p.is_dir():
        raise UsageError(E.E111.format(path=display(p)))
    if p.exists():
        if not os.access(p, os.W_OK):
            raise UsageError(E.E112.format(path=display(p), detail="the file is not writable"))
        return
    parent = p.parent
    while not parent.exists():  # the folders will be made; the first existing one must take them
        parent = parent.parent
    if not parent.is_dir():
        raise UsageError(E.E112.format(path=display(p), detail=f"{display(parent)} is a file, not a folder"))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(E.E112.format(path=display(p), detail=f"the folder {display(parent)} is not writable"))


_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x1f]+[/#]$")


def check_base(base: str) -> None:
    """Raise UsageError (E110) unless ``base`` is an absolute IRI ending in '/' or '#'."""
    if not _ABSOLUTE_IRI.match(base or ""):
        raise UsageError(E.E110.format(got=display(base)))
    import pyoxigraph as ox

    try:
        ox.NamedNode(base + "x")
    except ValueError:
        raise UsageError(E.E110.format(got=display(base))) from None


def check_outputs(output: str | os.PathLike | None, base: str | None = None) -> None:
    """The checks a command runs before any work: output path writable, ``--base`` valid."""
    check_output_path(output)
    if base is not None:
        check_base(base)
