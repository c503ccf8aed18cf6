"""kg serve cannot be knocked over (issue 12): deep queries, SERVICE, abandoned slow queries, many clients, bad bodies."""
from __future__ import annotations

import concurrent.futures
import http.client
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.graph import to_dataset
from kg.serve import serve_in_thread
from kg.store import Store

from conftest import make_result

pytestmark = pytest.mark.server

DEEP = "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?t ?h }"  # minutes if left to run


@pytest.fixture(scope="module")
def server(sample_dataset_module):
    srv, thread = serve_in_thread(sample_dataset_module, timeout=1, workers=2, idle_timeout=1, max_body=20_000,
                                  cors="https://yasgui.example")
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def sample_dataset_module():
    return to_dataset([make_result("a"), make_result("b")])


def _get(url: str, query: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url + "?" + urllib.parse.urlencode({"query": query}), timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _post(srv, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=10)
    conn.putrequest("POST", "/sparql", skip_accept_encoding=True)
    for k, v in headers.items():
        conn.putheader(k, v)
    conn.endheaders(body)
    resp = conn.getresponse()
    out = resp.status, resp.read()
    conn.close()
    return out


def _ask(srv) -> bool:
    status, body = _get(srv.url, "ASK { ?s ?p ?o }")
    assert status == 200, body
    return json.loads(body)["boolean"]


def test_deep_query_is_refused_before_the_engine(server):
    status, body = _get(server.url, DEEP)
    assert status == 400 and b"E515" in body
    status, body = _post(server, DEEP.encode(), {"Content-Type": "application/sparql-query",
                                                 "Content-Length": str(len(DEEP))})
    assert status == 400 and b"E515" in body
    assert _ask(server)


def test_service_is_refused_and_nothing_is_fetched(server):
    with socket.socket() as remote:
        remote.bind(("127.0.0.1", 0))
        remote.listen(5)
        remote.settimeout(1.0)
        port = remote.getsockname()[1]
        for q in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                  f"SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"):
            status, body = _get(server.url, q)
            assert status == 400 and b"E516" in body
        with pytest.raises(socket.timeout):
            remote.accept()
    # the word inside a string or as a variable is no SERVICE call
    status, _ = _get(server.url, 'SELECT ?service WHERE { BIND("SERVICE <http://x/>" AS ?service) }')
    assert status == 200


def test_slow_query_is_stopped_and_the_worker_replaced(server):
    before = server.pool.replaced
    t0 = time.monotonic()
    status, _ = _get(server.url, SLOW)
    assert status == 503 and time.monotonic() - t0 < 5
    assert server.pool.replaced == before + 1
    assert _ask(server)


def test_hundred_abandoned_slow_queries_leave_the_server_answering(server):
    raw = (f"GET /sparql?{urllib.parse.urlencode({'query': SLOW})} HTTP/1.1\r\nHost: x\r\n\r\n").encode()
    host, port = server.server_address[:2]
    for _ in range(100):
        with socket.create_connection((host, port)) as s:
            s.sendall(raw)
            # the client gives up at once
    time.sleep(0.2)
    t0 = time.monotonic()
    assert _ask(server)
    assert time.monotonic() - t0 < 2.0


def test_fifty_concurrent_clients_are_all_answered(server):
    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        results = list(pool.map(lambda _: _get(server.url, "ASK { ?s ?p ?o }", timeout=30)[0], range(50)))
    assert results == [200] * 50


@pytest.mark.parametrize(("headers", "status"), [
    ({"Content-Type": "application/sparql-query"}, 411),
    ({"Content-Type": "application/sparql-query", "Content-Length": "-5"}, 400),
    ({"Content-Type": "application/sparql-query", "Content-Length": "abc"}, 400),
    ({"Content-Type": "application/sparql-query", "Content-Length": "99999999"}, 413),
    ({"Content-Type": "application/sparql-query", "Transfer-Encoding": "chunked"}, 411),
])
def test_bad_bodies_are_refused(server, headers, status):
    assert _post(server, b"", headers)[0] == status
    assert _ask(server)


def test_idle_connection_is_closed(server):
    with socket.create_connection(server.server_address[:2]) as s:
        s.settimeout(5)
        s.sendall(b"GET /sparql?query=ASK")  # never finishes the request line
        t0 = time.monotonic()
        assert s.recv(1024) == b""  # closed by the server (a socket.timeout here means it was not)
        assert time.monotonic() - t0 < 4


def test_cors_preflight_and_header(server):
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    conn.request("OPTIONS", "/sparql", headers={"Origin": "https://yasgui.example",
                                                "Access-Control-Request-Method": "POST"})
    resp = conn.getresponse()
    resp.read()
    assert resp.status == 204 and resp.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
    assert "POST" in resp.headers["Access-Control-Allow-Methods"]
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
    resp = conn.getresponse()
    resp.read()
    assert resp.headers["Access-Control-Allow-Origin"] == "https://yasgui.example"


def test_no_cors_header_unless_asked(sample_dataset_module):
    srv, thread = serve_in_thread(sample_dataset_module, workers=1)
    try:
        with urllib.request.urlopen(srv.url + "?query=ASK%7B%7D") as r:
            assert "Access-Control-Allow-Origin" not in r.headers
    finally:
        srv.shutdown()
        srv.server_close()


def test_served_store_sees_later_writes(tmp_path):
    path = tmp_path / "store"
    with Store(path) as st:
        st.add_dataset(to_dataset([make_result("a")]))
    srv, thread = serve_in_thread(str(path), workers=1)
    try:
        count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        n0 = json.loads(_get(srv.url, count)[1])["results"]["bindings"][0]["n"]["value"]
        with Store(path) as st:
            st.add_dataset(to_dataset([make_result("b")]))
        n1 = json.loads(_get(srv.url, count)[1])["results"]["bindings"][0]["n"]["value"]
        assert int(n1) == int(n0) + 1
    finally:
        srv.shutdown()
        srv.server_close()


def test_port_in_use_is_one_coded_line(tmp_path, sample_dataset_module):
    from kg.export import write

    graph = write(sample_dataset_module, tmp_path / "g.trig")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "kg", "serve", str(graph), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "[E517]" in proc.stderr and "Traceback" not in proc.stderr


def test_kg_query_refuses_a_deep_query_without_crashing(tmp_path, sample_dataset_module):
    from kg.export import write

    graph = write(sample_dataset_module, tmp_path / "g.trig")
    proc = subprocess.run([sys.executable, "-m", "kg", "query", str(graph), "--sparql", DEEP],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "[E515]" in proc.stderr
