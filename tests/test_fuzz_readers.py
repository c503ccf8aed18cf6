"""Property tests (Hypothesis): the readers never raise, whatever the bytes, and every line they print is one line."""
from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import Document
from kg.readers import Problem, display, iter_documents, parse_published

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=5), inner, max_size=3), max_leaves=8)
rows = st.fixed_dictionaries({}, optional={"id": json_values, "text": json_values | st.text(min_size=1),
                                           "published": json_values | st.dates().map(str),
                                           "url": json_values, "title": json_values})
lines = st.one_of(rows.map(json.dumps), json_values.map(json.dumps), st.text(max_size=40),
                  rows.map(lambda r: json.dumps(r, ensure_ascii=False)))


def _check(items) -> None:
    for item in items:
        assert isinstance(item, (Document, Problem))
        if isinstance(item, Problem):
            shown = display(item.message)
            assert "\n" not in shown and "\r" not in shown
            shown.encode("utf-8")
            assert item.message.startswith("[E") or item.message.startswith("[W")
        else:
            (item.id + item.text + item.source + (item.title or "") + (item.url or "")).encode("utf-8")
            assert item.id.strip() and item.text.strip()


@FAST
@given(st.lists(lines, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_jsonl_never_raises(tmp_path_factory, body, newline):
    f = tmp_path_factory.mktemp("j") / "rows.jsonl"
    f.write_text(newline.join(body), encoding="utf-8", errors="surrogatepass")
    _check(iter_documents([str(f)]))


@FAST
@given(st.binary(max_size=300), st.sampled_from(["a.txt", "a.jsonl", "a.md", "noext"]))
def test_any_bytes_in_any_file_never_raise(tmp_path_factory, data, name):
    f = tmp_path_factory.mktemp("b") / name
    f.write_bytes(data)
    items = list(iter_documents([str(f)]))
    _check(items)
    assert items  # a file is never silently ignored


@FAST
@given(st.binary(max_size=300))
def test_stdin_bytes_never_raise(data):
    _check(iter_documents(["-"], stdin=io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")))


@FAST
@given(json_values)
def test_parse_published_is_total(value):
    got = parse_published(value)
    assert got is None or got.isoformat()


@FAST
@given(st.text())
def test_display_is_one_printable_line(text):
    shown = display(text)
    assert "\n" not in shown and "\x1b" not in shown and "\u2028" not in shown
    shown.encode("utf-8")
