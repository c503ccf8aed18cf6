"""`kg --version`, `-V`, and `-h` as well as `--help` everywhere."""
from __future__ import annotations

from typer.testing import CliRunner

import kg
from kg.cli import app


def test_version():
    runner = CliRunner()
    for flag in ("--version", "-V"):
        res = runner.invoke(app, [flag])
        assert res.exit_code == 0 and res.output.strip() == f"kg {kg.__version__}"


def test_short_help_on_the_app_and_its_commands():
    runner = CliRunner()
    top = runner.invoke(app, ["-h"])
    assert top.exit_code == 0 and "build" in top.output and "--version" in top.output
    for cmd in (["build"], ["export"], ["query"], ["push"], ["store", "info"]):
        res = runner.invoke(app, [*cmd, "-h"])
        assert res.exit_code == 0 and "Usage" in res.output, cmd
