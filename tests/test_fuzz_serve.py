"""Property tests (Hypothesis): whatever arrives on the socket, the endpoint answers HTTP or closes, and keeps answering."""
from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import UsageError
from kg.graph import to_dataset
from kg.query_limits import check_query, query_shape
from kg.serve import serve_in_thread

from conftest import make_result

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server():
    srv, thread = serve_in_thread(to_dataset([make_result("a")]), timeout=2, workers=1, idle_timeout=0.5,
                                  max_body=5_000)
    yield srv
    srv.shutdown()
    srv.server_close()


methods = st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "BREW", "get", ""])
paths = st.sampled_from(["/sparql", "/", "/x", "*", ""]) | st.text(max_size=30).map(lambda t: "/sparql?" + t)
header_values = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=20)
headers = st.dictionaries(st.sampled_from(["Content-Length", "Content-Type", "Accept", "Transfer-Encoding", "X-Any"]),
                          header_values | st.sampled_from(["application/sparql-query", "-1", "99999999", "chunked",
                                                          "application/x-www-form-urlencoded", "5"]), max_size=4)
queries = st.sampled_from(["ASK {}", "SELECT * WHERE { ?s ?p ?o } LIMIT 2", "SELECT * WHERE {", "{" * 300,
                           "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "DROP ALL"]) | st.text(max_size=60)


def _exchange(srv, raw: bytes) -> bytes:
    with socket.create_connection(srv.server_address[:2], timeout=10) as s:
        try:
            s.sendall(raw)
        except OSError:
            pass
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(methods, paths, headers, queries)
def test_any_request_gets_http_or_a_close(server, method, path, hdrs, query):
    body = urllib.parse.urlencode({"query": query}).encode() if method == "POST" else b""
    head = f"{method} {urllib.parse.quote(path, safe='/?=&*')} HTTP/1.1\r\nHost: x\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in hdrs.items())
    reply = _exchange(server, head.encode("latin-1") + b"\r\n" + body)
    if reply:
        status = reply.split(b"\r\n", 1)[0]
        assert status.startswith(b"HTTP/1."), status
        code = status.split()[1]
        assert code in (b"501", b"503") or not code.startswith(b"5"), status  # 501: an unknown method


def test_still_answering_after_the_fuzz(server):
    with urllib.request.urlopen(server.url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"), timeout=10) as r:
        assert json.load(r)["boolean"] is True


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_query_checks_are_total(text):
    deepest, longest, words = query_shape(text)
    assert deepest >= 0 and longest >= 0
    try:
        check_query(text)
    except UsageError as exc:
        assert exc.code in ("E514", "E515", "E516")
