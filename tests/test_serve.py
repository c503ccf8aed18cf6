"""kg.serve: the read-only SPARQL 1.1 Protocol endpoint, queried with SPARQLWrapper."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper

from kg.graph import to_dataset
from kg.serve import negotiate, serve_in_thread
from kg.store import Store

from conftest import make_result

pytestmark = pytest.mark.server

LABELS = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
          "SELECT DISTINCT ?l WHERE { ?x rdfs:label ?l } ORDER BY ?l")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    with Store(path) as store:
        store.add_dataset(to_dataset([make_result("a"), make_result("b")]))
    return path


@pytest.fixture(scope="module")
def endpoint(store_dir):
    server, thread = serve_in_thread(str(store_dir), max_rows=5, timeout=10)
    yield server.url
    server.shutdown()
    server.server_close()
    thread.join(5)


def _wrapper(url, query, fmt, method=None):
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw.query()


def test_json_get_and_post(endpoint):
    for method in (None, POST):
        data = _wrapper(endpoint, LABELS, JSON, method).convert()
        labels = [b["l"]["value"] for b in data["results"]["bindings"]]
        assert labels[:2] == ["Budapest", "Donald Trump"]


def test_xml_csv_tsv(endpoint):
    xml = _wrapper(endpoint, LABELS, XML).convert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")][0] == "Budapest"
    csv_text = _wrapper(endpoint, LABELS, CSV).convert().decode()
    assert csv_text.splitlines()[:2] == ["l", "Budapest"]
    tsv_text = _wrapper(endpoint, LABELS, TSV).convert().decode()
    assert tsv_text.splitlines()[:2] == ["?l", '"Budapest"']


def test_ask_and_sparql_query_body(endpoint):
    assert _wrapper(endpoint, "ASK { ?s ?p ?o }", JSON).convert()["boolean"] is True
    req = urllib.request.Request(endpoint, data=b"SELECT (COUNT(*) AS ?n) WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }",
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(req) as resp:
        assert resp.read().decode().splitlines()[1].isdigit()


def test_row_limit_is_announced(endpoint):
    req = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["X-KG-Truncated"] == "true" and resp.headers["X-KG-Max-Rows"] == "5"
        assert len(json.load(resp)["results"]["bindings"]) == 5


def test_read_only(endpoint):
    attempts = [
        urllib.request.Request(endpoint, data=b"update=DROP+ALL", method="POST",
                               headers={"Content-Type": "application/x-www-form-urlencoded"}),
        urllib.request.Request(endpoint, data=b"DROP ALL", method="POST",
                               headers={"Content-Type": "application/sparql-update"}),
        urllib.request.Request(endpoint + "?graph=urn:x", data=b"<urn:a> <urn:b> <urn:c> .", method="PUT",
                               headers={"Content-Type": "application/n-triples"}),
        urllib.request.Request(endpoint + "?graph=urn:x", method="DELETE"),
    ]
    for req in attempts:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req)
        assert err.value.code == 403
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(POST)
    sw.setQuery("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(Exception):
        sw.query()
    assert _wrapper(endpoint, "ASK { ?s ?p ?o }", JSON).convert()["boolean"] is True


def test_bad_query_is_400_and_page_is_served(endpoint):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(endpoint + "?query=" + urllib.parse.quote("SELECT * WHERE {"))
    assert err.value.code == 400
    page = urllib.request.urlopen(endpoint.rsplit("/", 1)[0] + "/").read().decode()
    assert "<textarea" in page and "meetings" in page
    assert "<script src" not in page and "<link" not in page  # self-contained: no CDN


def test_timeout(sample_dataset):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # ~1.5 s, then it ends
    server, thread = serve_in_thread(sample_dataset, timeout=0.2)
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.url + "?query=" + urllib.parse.quote(slow))
        assert err.value.code == 503
    finally:
        server.shutdown()
        server.server_close()


def test_negotiate():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml") == ["xml", "csv"]
    assert negotiate("*/*") == []
    assert negotiate("text/csv", "json") == ["json"]


def test_cli_serve_subprocess(store_dir):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(store_dir), "--port", str(port), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        for _ in range(100):
            try:
                urllib.request.urlopen(url.rsplit("/", 1)[0] + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        assert _wrapper(url, "ASK { ?s ?p ?o }", JSON).convert()["boolean"] is True
    finally:
        proc.terminate()
        proc.wait(10)
