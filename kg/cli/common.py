"""Printing helpers shared by the command modules."""
from __future__ import annotations

import logging
from typing import NoReturn

import typer
from rich.console import Console

__all__ = ["out", "err", "fail", "problem"]

# rdflib logs an ill-typed literal ("abc"^^xsd:integer) with a full traceback; the value is
# kept as it is, so the warning is noise that breaks the promise of one line per problem
logging.getLogger("rdflib.term").setLevel(logging.ERROR)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def problem(message: str) -> None:
    """One line on standard error: '[E002] path: what happened. What to do.'"""
    from kg.readers import display  # noqa: PLC0415

    # escaped: a message may quote a file name holding newlines, ANSI escapes or undecodable bytes
    err.print(display(message), markup=False, style="yellow" if message.startswith("[W") else "red")


def fail(message: str, code: int = 2) -> NoReturn:
    problem(message)
    raise typer.Exit(code)
