"""The typer application every command module registers on."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="kg",
    help="Diplomatic-events knowledge-graph builder: news text -> RDF with provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
