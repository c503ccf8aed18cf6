"""Every exporter's output parses with an independent parser, even with hostile values (issue 12)."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile

import pyoxigraph as ox
import pytest

from kg import export
from kg.query import execute, open_source
from kg.xmlsafe import clean_xml, xml_text

from hostile_rdf import HOSTILE_TEXT, hostile_dataset

RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}


def check_output(name: str, data: bytes) -> None:
    """Parse ``data`` as format ``name`` with a parser other than the one that wrote it."""
    if name in RDF_FORMATS:
        quads = list(ox.parse(data, format=RDF_FORMATS[name]))
        assert quads
    elif name in ("graphml", "gexf", "graphml-dyads", "gexf-dyads", "gexf-dynamic"):
        ET.fromstring(data)
    elif name == "neo4j":  # a zip of CSVs with headers
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            tables = [n for n in z.namelist() if n.endswith(".csv")]
            assert tables
            for n in tables:
                rows = list(csv.reader(io.StringIO(z.read(n).decode("utf-8"), newline="")))
                assert rows and all(len(r) == len(rows[0]) for r in rows)
    elif name in ("csv", "events-csv"):
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        assert rows and all(len(r) == len(rows[0]) for r in rows)
    elif name == "parquet":
        import pyarrow.parquet as pq

        pq.read_table(io.BytesIO(data))
    elif name == "html":
        text = data.decode("utf-8")
        assert "<script>alert(1)</script>" not in text
    else:  # pragma: no cover - a new exporter must be added here
        raise AssertionError(f"no independent parser for {name}")


@pytest.mark.parametrize("name", export.names())
def test_every_exporter_survives_hostile_values(name):
    data = export.get(name).generate(hostile_dataset())
    check_output(name, data)


@pytest.mark.parametrize("name", ["nt", "nq"])
def test_line_formats_keep_the_exact_text(name):
    data = export.get(name).generate(hostile_dataset())
    labels = {q.object.value for q in ox.parse(data, format=RDF_FORMATS[name])
              if q.predicate.value.endswith("#label") and "ctl" in q.object.value}
    assert labels == {HOSTILE_TEXT}


def test_graph_exports_drop_only_what_xml_forbids():
    root = ET.fromstring(export.get("graphml").generate(hostile_dataset()))
    texts = {el.text for el in root.iter() if el.text and "ctl" in el.text}
    assert any(t.startswith("ctl ff nel\x85 ls\u2028") for t in texts), texts


def test_sparql_xml_and_rdfxml_results_parse():
    store = open_source(hostile_dataset())
    sel = execute(store, "SELECT ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    ET.fromstring(sel.serialize("xml"))
    graph = execute(store, "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }")
    data = graph.serialize("rdfxml")
    ET.fromstring(data)
    assert list(ox.parse(data, format=ox.RdfFormat.RDF_XML))


@pytest.mark.parametrize(("raw", "clean"), [(b"<a>x\x01y</a>", b"<a>xy</a>"), (b"<a>&#1;&#x1F600;&#xFFFF;</a>", b"<a>&#x1F600;</a>"),
                                            (b"<a>ok</a>", b"<a>ok</a>")])
def test_clean_xml(raw, clean):
    assert clean_xml(raw) == clean


def test_xml_text():
    assert xml_text("a\x00b\ufffec\U0001F600\t") == "abc\U0001F600\t"
