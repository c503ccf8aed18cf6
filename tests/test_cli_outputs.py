"""Output paths and --base are checked before any work; '-o -' writes to standard output (issue 12)."""
from __future__ import annotations

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.export import write

from conftest import make_result
from kg.graph import to_dataset

runner = CliRunner()


@pytest.fixture
def graph_file(tmp_path):
    return write(to_dataset([make_result("a")]), tmp_path / "g.trig")


@pytest.mark.parametrize("base", ["relative/", "https://example.org/id", "https://exa mple.org/", "", "urn:x<y>/"])
def test_bad_base_is_refused_before_parsing(tmp_path, base):
    src = tmp_path / "a.txt"
    src.write_text("Envoys met.", encoding="utf-8")
    res = runner.invoke(app, ["build", str(src), "-o", str(tmp_path / "g.ttl"), "--base", base])
    assert res.exit_code == 2 and "[E110]" in res.output and "document(s) read" not in res.output


@pytest.mark.parametrize("base", ["https://example.org/id/", "http://example.org/kg#", "urn:x-kg:id/"])
def test_good_base_passes(base):
    from kg.cli.common import check_base

    check_base(base)


def test_output_that_is_a_folder_or_under_a_file(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Envoys met.", encoding="utf-8")
    folder = tmp_path / "out.ttl"
    folder.mkdir()
    res = runner.invoke(app, ["build", str(src), "-o", str(folder)])
    assert res.exit_code == 2 and "[E111]" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["build", str(src), "-o", str(src / "g.ttl")])
    assert res.exit_code == 2 and "[E112]" in res.output


def test_export_checks_and_stdout(tmp_path, graph_file):
    res = runner.invoke(app, ["export", str(graph_file), "-o", str(tmp_path)])
    assert res.exit_code == 2 and "[E111]" in res.output
    res = runner.invoke(app, ["export", str(graph_file), "-o", "-"])
    assert res.exit_code == 0
    assert len(Graph().parse(data=res.stdout, format="turtle")) > 20
    res = runner.invoke(app, ["export", str(graph_file), "-o", "-", "--format", "nt"])
    assert len(Graph().parse(data=res.stdout, format="nt")) > 20


def test_validate_report_path_checked_first(tmp_path, graph_file):
    res = runner.invoke(app, ["validate", str(graph_file), "--report", str(tmp_path)])
    assert res.exit_code == 2 and "[E111]" in res.output
