"""``kg validate``: exit codes, the printed report, --report."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import SH
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import to_dataset
from kg.vocab import DEFAULT_BASE, DK

from conftest import make_result

ID = Namespace(DEFAULT_BASE)
runner = CliRunner()


def _good(tmp_path: Path, name: str = "good.trig") -> Path:
    path = tmp_path / name
    ds = to_dataset([make_result()])
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    return path


def _bad(tmp_path: Path) -> Path:
    ds = to_dataset([make_result()])
    g = ds.graph(ID["doc/sample"])
    g.remove((ID["event/sample-1"], DK.cameoCode, None))
    g.add((ID["event/sample-1"], DK.cameoCode, Literal("999")))
    path = tmp_path / "bad.trig"
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    return path


def test_a_conforming_graph_exits_0(tmp_path):
    result = runner.invoke(app, ["validate", str(_good(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_a_broken_graph_exits_1_and_prints_each_violation(tmp_path):
    result = runner.invoke(app, ["validate", str(_bad(tmp_path))])
    assert result.exit_code == 1, result.output
    out = result.output
    assert "does not conform" in out
    assert "id:event/sample-1" in out                     # focus node
    assert "dk:cameoCode" in out                          # path
    assert "not a code of the CAMEO scheme" in out        # message
    assert '"999"' in out                                 # value
    assert "Donald Trump met Vladimir Putin at their summit in Helsinki." in out  # evidence


def test_a_missing_file_exits_2(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2
    assert "E001" in result.output  # the one loader's code, as in kg export and kg query


def test_an_unparsable_file_exits_2(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix x: <http://x/> . x:a x:b ", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "E106" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_extension_exits_2(tmp_path):
    path = tmp_path / "graph.xyz"
    path.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "E501" in result.output


def test_no_argument_is_a_usage_error():
    assert runner.invoke(app, ["validate"]).exit_code == 2


def test_report_writes_a_parseable_validation_report(tmp_path):
    out = tmp_path / "reports" / "report.ttl"
    result = runner.invoke(app, ["validate", str(_bad(tmp_path)), "--report", str(out)])
    assert result.exit_code == 1
    g = Graph().parse(out, format="turtle")
    report = next(g.subjects(None, SH.ValidationReport))
    assert g.value(report, SH.conforms).toPython() is False
    assert len(list(g.objects(report, SH.result))) == 1


def test_several_files_and_formats_are_validated_together(tmp_path):
    ds = to_dataset([make_result()])
    # entities in one Turtle file, everything in N-Triples: the union is checked
    nt = tmp_path / "all.nt"
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    nt.write_text(g.serialize(format="nt"), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(nt), str(_good(tmp_path, "again.trig"))])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("mode", ["rdfs", "owlrl"])
def test_inference_option(tmp_path, mode):
    result = runner.invoke(app, ["validate", str(_good(tmp_path)), "--inference", mode])
    # the sample leaves Finland/Hungary undescribed; entailed as sem:Place they lack a label
    assert result.exit_code == 1, result.output
    assert "id:country/finland" in result.output


def test_unknown_inference_mode_exits_2(tmp_path):
    assert runner.invoke(app, ["validate", str(_good(tmp_path)), "--inference", "magic"]).exit_code == 2
