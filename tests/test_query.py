"""kg.query: named competency questions, parameter binding, result formats, the CLI."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.export.rdf import to_trig
from kg.graph import to_dataset
from kg.query import bind_value, get_query, list_queries, parse_params, run_named, run_query
from kg.store import Store

from conftest import make_result

CQS = ("meetings", "planned", "negated", "military-aid-ukraine", "actor-timeline", "event-provenance",
       "dyad-goldstein")
ID = "https://w3id.org/diplokg/id/"


def test_named_queries_are_listed_with_metadata():
    queries = {q.name: q for q in list_queries()}
    assert set(CQS) <= set(queries)
    for name in CQS:
        q = queries[name]
        assert q.title and q.description
        assert q.sparql.startswith("# title:")
        assert "PREFIX dk: <https://w3id.org/diplokg/ontology#>" in q.sparql
    assert queries["actor-timeline"].params["actor"][0] == "Q7747"
    with pytest.raises(KGError) as err:
        get_query("no-such-query")
    assert err.value.code == "E108"


@pytest.mark.parametrize("name", CQS)
def test_every_named_query_runs(sample_dataset, name):
    result = run_named(sample_dataset, name)
    assert result.kind == "select" and result.rows, name


def test_competency_rows(sample_dataset):
    meetings = run_named(sample_dataset, "meetings").records()
    assert {(r["a"], r["b"], r["place"]) for r in meetings} == {("Donald Trump", "Vladimir Putin", "Helsinki")}
    planned = run_named(sample_dataset, "planned").records()
    assert [r["place"] for r in planned] == ["Budapest"]
    negated = run_named(sample_dataset, "negated").records()
    assert "failed to deliver" in negated[0]["sentence"]
    aid = run_named(sample_dataset, "military-aid-ukraine").records()
    assert "Tomahawk" in aid[0]["sentence"]
    timeline = run_named(sample_dataset, "actor-timeline").records()
    assert {r["c"] for r in timeline} == {"044", "051", "057"}
    assert timeline[-1]["when"] == "2018-07-16"  # ORDER BY ?when: the dated summit last (unbound first)
    prov = run_named(sample_dataset, "event-provenance").records()
    text = make_result().document.text
    assert prov and all(text[r["begin"]:r["end"]] == r["anchor"] for r in prov)
    dyads = {(r["from"], r["to"]): r for r in run_named(sample_dataset, "dyad-goldstein").records()}
    assert dyads[("RUS", "USA")]["goldstein"] > 0


def test_union_of_documents_is_not_double_counted(tmp_path):
    store = Store(tmp_path / "s")
    store.add_dataset(to_dataset([make_result("a"), make_result("b")]))
    meetings = run_named(store, "meetings").records()
    assert len(meetings) == 1  # the summit of both documents is one merged event
    dyads = {(r["from"], r["to"]): r["events"] for r in run_named(store, "dyad-goldstein").records()}
    assert dyads[("USA", "RUS")] == 1  # the merged summit, once


def test_param_binding(sample_dataset):
    trump = run_named(sample_dataset, "actor-timeline", ["actor=Q22686"]).records()
    assert trump and all(r["actor"] == "http://www.wikidata.org/entity/Q22686" for r in trump)
    nobody = run_named(sample_dataset, "actor-timeline", {"actor": "Q1"})
    assert nobody.rows == []
    by_label = run_query(sample_dataset, "SELECT ?x ?l WHERE { ?x rdfs:label ?l }", ["l=Donald Trump"]).records()
    assert [r["x"] for r in by_label] == [ID + "person/donald-trump"]
    with pytest.raises(KGError) as err:
        run_named(sample_dataset, "actor-timeline", ["who=Q1"])
    assert err.value.code == "E504"
    with pytest.raises(KGError) as err:
        parse_params(["no-equals-sign"])
    assert err.value.code == "E503"


def test_bind_value_rule():
    assert bind_value("Q7747") == ox.NamedNode("http://www.wikidata.org/entity/Q7747")
    assert bind_value("https://example.org/x") == ox.NamedNode("https://example.org/x")
    assert bind_value("<urn:x:y>") == ox.NamedNode("urn:x:y")
    assert bind_value("dk:Planned") == ox.NamedNode("https://w3id.org/diplokg/ontology#Planned")
    assert bind_value('"Q7747"') == ox.Literal("Q7747")
    assert bind_value("Helsinki") == ox.Literal("Helsinki")
    assert bind_value("nope:thing") == ox.Literal("nope:thing")


def test_binding_is_injection_safe(tmp_path, sample_dataset):
    evil = '"} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
    assert bind_value(evil) == ox.Literal(evil)
    store = Store(tmp_path / "s")
    store.add_dataset(sample_dataset)
    n = len(store)
    result = run_query(store, "SELECT ?x ?l WHERE { ?x rdfs:label ?l }", [f"l={evil}"])
    assert result.rows == []
    result = run_query(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }", ["e=https://x/> } ; DROP ALL ; #"])
    assert result.rows == []
    assert len(store) == n


def test_formats(sample_dataset):
    result = run_named(sample_dataset, "meetings")
    data = json.loads(result.serialize("json"))
    assert data["head"]["vars"] == ["a", "b", "place", "when", "e"]
    assert data["results"]["bindings"][0]["place"] == {"type": "literal", "value": "Helsinki"}
    rows = list(csv.reader(io.StringIO(result.serialize("csv").decode())))
    assert rows[0] == ["a", "b", "place", "when", "e"] and rows[1][2] == "Helsinki"
    tsv = result.serialize("tsv").decode().splitlines()
    assert tsv[0].split("\t")[0] == "?a" and '"Helsinki"' in tsv[1]
    assert b"<sparql" in result.serialize("xml")
    ask = run_query(sample_dataset, "ASK { ?s a sem:Event }")
    assert ask.kind == "ask" and json.loads(ask.serialize("json"))["boolean"] is True
    with pytest.raises(KGError) as err:
        result.serialize("yaml")
    assert err.value.code == "E506"
    df = result.to_dataframe()
    assert list(df.columns) == ["a", "b", "place", "when", "e"] and len(df) == 1


def test_bad_sparql_and_row_limit(sample_dataset):
    with pytest.raises(KGError) as err:
        run_query(sample_dataset, "SELECT * WHERE {")
    assert err.value.code == "E502"
    limited = run_query(sample_dataset, "SELECT * WHERE { ?s ?p ?o }", max_rows=3)
    assert len(limited.rows) == 3 and limited.truncated


def test_files_are_queried(tmp_path):
    path = tmp_path / "two.trig"
    path.write_bytes(to_trig(to_dataset([make_result("a"), make_result("b")])))
    result = run_query(path, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {r["g"] for r in result.records()} == {ID + "doc/a", ID + "doc/b"}


def test_cli(tmp_path):
    store_dir = tmp_path / "s"
    with Store(store_dir) as store:
        store.add_dataset(to_dataset([make_result("a")]))
    runner = CliRunner()
    listed = runner.invoke(app, ["query", "--list", "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert {q["name"] for q in json.loads(listed.output)} >= set(CQS)
    out = runner.invoke(app, ["query", str(store_dir), "--name", "actor-timeline", "--param", "actor=Q22686",
                              "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert "Q22686" in out.output and out.output.startswith("e,c,when,fact,sentence,actor")
    table = runner.invoke(app, ["query", str(store_dir), "-n", "meetings"])
    assert table.exit_code == 0 and "Helsinki" in table.output
    qfile = tmp_path / "q.rq"
    qfile.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?e a sem:Event }")
    counted = runner.invoke(app, ["query", str(store_dir), "--file", str(qfile), "--format", "json"])
    assert json.loads(counted.output)["results"]["bindings"][0]["n"]["value"] == "5"
    bad = runner.invoke(app, ["query", str(store_dir), "--name", "meetings", "--sparql", "ASK {}"])
    assert bad.exit_code == 2 and "E512" in bad.output
    info = runner.invoke(app, ["store", "info", str(store_dir), "--json"])
    assert info.exit_code == 0 and json.loads(info.output)["events"] == 5


@pytest.mark.parametrize("name", ["actor-timeline", "meetings", "dyad-goldstein", "event-provenance"])
def test_python_ordering_matches_sparql_order_by(tmp_path, name):
    store = Store()
    store.add_dataset(to_dataset([make_result("a"), make_result("b"), make_result("c")]))
    q = get_query(name)
    ours = run_named(store, name)
    params = {k: d for k, (d, _) in q.params.items()}
    assert "ORDER BY" in q.sparql and "ORDER BY" not in q.unordered
    theirs = run_query(store, q.sparql, params)  # the shipped text, as another engine runs it
    assert [tuple(map(str, r)) for r in ours.rows] == [tuple(map(str, r)) for r in theirs.rows]


def test_bound_values_are_inlined_as_a_values_block_not_pasted_text():
    import pyoxigraph as ox

    from kg.store import _inline_values

    q = _inline_values("SELECT ?e WHERE { ?e ?p ?v }", {"v": ox.Literal('x" } ; DROP ALL ; #')})
    assert q.startswith("SELECT ?e WHERE { VALUES (?v) {")
    assert 'x\\" } ; DROP ALL ; #' in q  # the quote is escaped: one literal, no new syntax
    assert _inline_values("ASK { ?s ?p ?o }", {"s": ox.NamedNode("https://x/")}) is None  # falls back


def test_every_shipped_query_ends_with_order_by():
    for q in list_queries():
        assert q.sparql.rstrip().splitlines()[-1].startswith("ORDER BY "), q.name
        assert q.order and q.unordered


LABELLED = {"actor=Volodymyr Zelensky", "actor=Zelensky", "actor=id:person/volodymyr-zelensky",
            "actor=https://w3id.org/diplokg/id/person/volodymyr-zelensky"}


def _with_unlinked_actor():
    from kg.model import Entity, Event

    base = make_result()
    zel = Entity(key="person/volodymyr-zelensky", label="Volodymyr Zelensky", kind="Person",
                 aliases=("Zelensky",), member_of="country/ukraine", role="president")
    ev = Event(key="event/sample-9", cameo_code="040", label="met", confidence=0.7,
               actors=("person/donald-trump", zel.key), mentions=base.events[0].mentions)
    return base.model_copy(update={"entities": (*base.entities, zel), "events": (*base.events, ev)})


@pytest.mark.parametrize("param", sorted(LABELLED))
def test_actor_by_label_alias_or_local_iri(param):
    rows = run_named(to_dataset([_with_unlinked_actor()]), "actor-timeline", [param]).records()
    assert [r["c"] for r in rows] == ["040"]


def test_place_and_recipient_by_label(sample_dataset):
    assert run_named(sample_dataset, "event-provenance", ["place=Helsinki"]).rows
    assert run_named(sample_dataset, "military-aid-ukraine", ["recipient=Ukraine"]).rows
    assert not run_named(sample_dataset, "military-aid-ukraine", ["recipient=Narnia"]).rows
