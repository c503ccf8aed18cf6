"""The typer application every command module registers on."""
from __future__ import annotations

from typing import Optional

import typer

app = typer.Typer(
    name="kg",
    help="Diplomatic-events knowledge-graph builder: news text -> RDF with provenance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from kg import __version__  # noqa: PLC0415

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Optional[bool] = typer.Option(  # noqa: UP007 - typer reads the annotation
        None, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")) -> None:
    """Diplomatic-events knowledge-graph builder: news text -> RDF with provenance."""
