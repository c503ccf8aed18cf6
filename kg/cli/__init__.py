"""Command line: argument parsing and printing only; each command calls a function.

One module per command group registers on the shared typer app.
"""
from __future__ import annotations

import importlib

from kg.cli._app import app

__all__ = ["app", "main"]

# each module registers its commands on import; a module not written yet is skipped
for _name in ("build", "validate", "export", "query", "store", "serve", "push"):
    try:
        importlib.import_module(f"kg.cli.{_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"kg.cli.{_name}":
            raise


def main() -> None:
    app()
