"""Printing helpers shared by the command modules."""
from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

__all__ = ["out", "err", "fail", "problem"]

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def problem(message: str) -> None:
    """One line on standard error: '[E002] path: what happened. What to do.'"""
    err.print(message, markup=False, style="yellow" if message.startswith("[W") else "red")


def fail(message: str, code: int = 2) -> NoReturn:
    problem(message)
    raise typer.Exit(code)
