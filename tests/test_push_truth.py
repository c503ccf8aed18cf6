"""kg push tells the truth (issue 12): every HTTP-level failure is E507, permanent ones are not retried,
a partial upload says what was replaced, a file's graph goes under its document's IRI."""
from __future__ import annotations

import socketserver
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.export import write
from kg.graph import to_dataset
from kg.push import PushError, push

from conftest import make_result

pytestmark = pytest.mark.server
DOC = "https://w3id.org/diplokg/id/doc/"


class FakeServer:
    """A raw-socket server answering each request with ``reply(n, graph)`` bytes (None: close at once)."""

    def __init__(self, reply):
        self.requests: list[tuple[str, str | None]] = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                line = self.rfile.readline().decode("latin-1")
                headers = {}
                while (h := self.rfile.readline()) not in (b"\r\n", b"\n", b""):
                    k, _, v = h.decode("latin-1").partition(":")
                    headers[k.strip().lower()] = v.strip()
                self.rfile.read(int(headers.get("content-length", 0)))
                method, target = line.split()[:2]
                graph = parse_qs(urlsplit(target).query).get("graph", [None])[0]
                outer.requests.append((method, graph))
                out = reply(len(outer.requests), graph)
                if out:
                    self.wfile.write(out)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


OK = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def _status(code: int, reason: str = "X") -> bytes:
    return f"HTTP/1.1 {code} {reason}\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnope".encode()


@pytest.fixture
def fake():
    servers = []

    def make(reply):
        s = FakeServer(reply)
        servers.append(s)
        return s
    yield make
    for s in servers:
        s.close()


@pytest.fixture
def three_docs():
    return to_dataset([make_result("a"), make_result("b"), make_result("c")])


def test_bad_status_line_is_e507_and_not_retried(fake, sample_dataset):
    srv = fake(lambda n, g: b"SSH-2.0-OpenSSH\r\n\r\n")
    with pytest.raises(KGError) as err:
        push(sample_dataset, srv.url, retries=3, backoff=0.001)
    assert err.value.code == "E507" and len(srv.requests) == 1


def test_incomplete_read_is_retried_then_e507(fake, sample_dataset):
    srv = fake(lambda n, g: b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
    with pytest.raises(KGError) as err:
        push(sample_dataset, srv.url, retries=2, backoff=0.001)
    assert err.value.code == "E507" and len(srv.requests) == 3


def test_dropped_connection_is_retried(fake, sample_dataset):
    srv = fake(lambda n, g: None if n < 3 else OK)
    stats = push(sample_dataset, srv.url, retries=3, backoff=0.001)
    assert stats.graphs == 1 and stats.retries == 2


@pytest.mark.parametrize("code", [400, 401, 403, 404, 413, 415])
def test_permanent_http_errors_are_not_retried(fake, sample_dataset, code):
    srv = fake(lambda n, g: _status(code))
    with pytest.raises(KGError) as err:
        push(sample_dataset, srv.url, retries=3, backoff=0.001)
    assert err.value.code == "E507" and len(srv.requests) == 1


@pytest.mark.parametrize("url", ["htp://localhost/store", "http://", "localhost:7878/store", "http://h:port/x"])
def test_invalid_url_is_e507_without_traceback(tmp_path, url):
    src = write(to_dataset([make_result("a")]), tmp_path / "a.trig")
    res = CliRunner().invoke(app, ["push", str(src), "--endpoint", url])
    assert res.exit_code != 0 and "[E507]" in res.output and "Traceback" not in res.output


def test_failure_after_some_graphs_says_which_were_replaced(fake, three_docs):
    srv = fake(lambda n, g: OK if g.endswith("/a") else _status(400))
    with pytest.raises(PushError) as err:
        push(three_docs, srv.url, retries=2, backoff=0.001)
    lines = str(err.value).splitlines()
    assert lines[0].startswith("[E507]") and lines[1].startswith("[E518]")
    assert f"<{DOC}a>" in lines[1] and "1 of 3" in lines[1] and f"<{DOC}b> was not changed" in lines[1]
    assert err.value.stats.graph_names == [DOC + "a"]


def test_graph_left_incomplete_is_named(fake, sample_dataset):
    srv = fake(lambda n, g: OK if n == 1 else _status(400))
    with pytest.raises(PushError) as err:
        push(sample_dataset, srv.url, batch=10, retries=0, backoff=0.001)
    assert "[E518]" in str(err.value) and "incomplete" in str(err.value) and "10 triples sent" in str(err.value)


def test_turtle_file_goes_to_its_documents_graph(fake, tmp_path):
    srv = fake(lambda n, g: OK)
    src = write(to_dataset([make_result("a")]), tmp_path / "a.ttl")
    stats = push(str(src), srv.url)
    assert stats.graph_names == [DOC + "a"] and {g for _, g in srv.requests} == {DOC + "a"}
    assert not any(g.startswith("file:") for _, g in srv.requests)


def test_turtle_file_of_several_documents_needs_graph(fake, tmp_path, three_docs):
    srv = fake(lambda n, g: OK)
    src = write(three_docs, tmp_path / "all.ttl")
    with pytest.raises(KGError) as err:
        push(str(src), srv.url)
    assert err.value.code == "E519" and not srv.requests
    assert push(str(src), srv.url, graph="urn:x:all").graph_names == ["urn:x:all"]
