"""kg.push: Graph Store Protocol upload, tested against a real Oxigraph server process."""
from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.export.rdf import to_trig
from kg.graph import to_dataset
from kg.push import auth_header, graph_url, push
from kg.store import Store

from conftest import make_result

pytestmark = pytest.mark.server

OXIGRAPH = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph_server(tmp_path):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = _free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("oxigraph serve exited")
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def _remote_graph(base: str, name: str) -> Graph:
    req = urllib.request.Request(graph_url(base + "/store", name), headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(req) as resp:
        return Graph().parse(data=resp.read().decode("utf-8"), format="nt")


def _remote_count(base: str) -> int:
    req = urllib.request.Request(base + "/query", data=b"SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(req) as resp:
        return int(resp.read().decode().splitlines()[1])


def test_push_store_is_isomorphic_and_idempotent(tmp_path, oxigraph_server):
    store_dir = tmp_path / "local"
    with Store(store_dir) as store:
        store.add_dataset(to_dataset([make_result("a"), make_result("b")]))
    stats = push(store_dir, oxigraph_server + "/store", batch=40)  # small batches: PUT, then POSTs
    assert stats.graphs == 2 and stats.requests > 2 and stats.retries == 0
    local = Store(store_dir, read_only=True)
    for name in local.documents():
        assert isomorphic(_remote_graph(oxigraph_server, name), local.graph(name)), name
    total = _remote_count(oxigraph_server)
    push(store_dir, oxigraph_server + "/store")  # PUT replaces: pushing again changes nothing
    assert _remote_count(oxigraph_server) == total == local.quad_count()


def test_push_graph_file(tmp_path, oxigraph_server):
    path = tmp_path / "one.trig"
    path.write_bytes(to_trig(to_dataset([make_result("a")])))
    result = CliRunner().invoke(app, ["push", str(path), "--endpoint", oxigraph_server + "/store", "--format", "ttl"])
    assert result.exit_code == 0, result.output
    name = "https://w3id.org/diplokg/id/doc/a"
    from kg.query import open_source
    assert isomorphic(_remote_graph(oxigraph_server, name), open_source(path).graph(name))


def test_push_retries_then_fails_with_code(tmp_path, sample_dataset):
    calls = []

    class Flaky(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802
            calls.append(self.headers.get("Authorization"))
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(503 if len(calls) < 3 else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    try:
        import os
        os.environ["KG_TEST_PUSH_AUTH"] = "alice:s3cret"
        stats = push(sample_dataset, url, retries=3, backoff=0.01, auth_env="KG_TEST_PUSH_AUTH")
        assert stats.retries == 2 and stats.graphs == 1
        assert calls[0] == auth_header("KG_TEST_PUSH_AUTH") and calls[0].startswith("Basic ")
        calls.clear()
        with pytest.raises(KGError) as err:
            push(sample_dataset, url, retries=1, backoff=0.01)
        assert err.value.code == "E507"
    finally:
        server.shutdown()
        server.server_close()


def test_auth_env_must_be_set():
    with pytest.raises(KGError) as err:
        auth_header("KG_TEST_SURELY_UNSET_VARIABLE")
    assert err.value.code == "E508"
    assert graph_url("http://h/ds/data", "https://x/doc/a b") == "http://h/ds/data?graph=https%3A%2F%2Fx%2Fdoc%2Fa%20b"
    assert graph_url("http://h/s?x=1", None) == "http://h/s?x=1&default"
