"""Hostile inputs (issue 12): one coded line each, the rest of the batch kept, nothing opened that blocks."""
from __future__ import annotations

import io
import json
import os
import threading
from collections import Counter

import pytest

from kg import readers
from kg.model import Document
from kg.readers import Problem, display, iter_documents, parse_published

from hostile import WARNINGS, make_hostile_dir


def _run(inputs, **kw):
    """iter_documents in a thread, so a regression that blocks (a FIFO opened) fails instead of hanging."""
    box: dict = {}
    t = threading.Thread(target=lambda: box.setdefault("items", list(iter_documents(inputs, **kw))), daemon=True)
    t.start()
    t.join(30)
    assert not t.is_alive(), "reading the inputs hung"
    items = box["items"]
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def test_mixed_hostile_directory_keeps_every_good_document(tmp_path):
    root, good, bad = make_hostile_dir(tmp_path / "in")
    docs, problems = _run([str(root)])
    assert {d.id for d in docs} == good
    errors = [p for p in problems if p.code not in WARNINGS]
    assert Counter(p.code for p in errors) == Counter(bad)
    assert all(p.fatal for p in errors)
    # every message is one printable line naming its file
    for p in problems:
        shown = display(p.message)
        assert "\n" not in shown and "\x1b" not in shown
        shown.encode("utf-8")
    assert any("latin\\xff.txt" in display(p.message) for p in problems)
    assert any("ansi\\x1b[31mred.txt" in display(p.message) for p in problems)
    # documents are clean Unicode: ids, texts and sources encode
    for d in docs:
        (d.id + d.text + d.source).encode("utf-8")


def test_fifo_given_by_name_is_not_opened(tmp_path):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    docs, problems = _run([str(fifo)])
    assert not docs and [p.code for p in problems] == ["E011"]


def test_jsonl_is_split_on_newline_only(tmp_path):
    f = tmp_path / "rows.jsonl"
    # raw U+2028 and NEL are valid inside JSON strings; a form feed must be escaped
    f.write_text('{"id": "a", "text": "one\u2028two\\fthree\x85four"}\n{"id": "b", "text": "five"}\r\n',
                 encoding="utf-8")
    docs, problems = _run([str(f)])
    assert not problems
    assert [d.id for d in docs] == ["a", "b"] and docs[0].text == "one\u2028two\x0cthree\x85four"


def test_unreadable_file_does_not_reserve_its_id(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_bytes(b"\xff\xfe bad")
    (tmp_path / "b" / "report.txt").write_text("Envoys met.", encoding="utf-8")
    docs, problems = _run([str(tmp_path)])
    assert [d.id for d in docs] == ["report"] and [p.code for p in problems] == ["E003"]


def test_same_path_twice_is_read_once(tmp_path):
    f = tmp_path / "news.txt"
    f.write_text("Envoys met.", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(f)
    docs, problems = _run([str(f), str(f), str(tmp_path / "alias.txt"), str(tmp_path)])
    assert [d.id for d in docs] == ["news"] and not problems


def test_unlistable_folder_is_one_line_and_the_walk_goes_on(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Envoys met.", encoding="utf-8")
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "two.txt").write_text("Envoys met again.", encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if os.fspath(path).endswith("/a"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(readers.os, "scandir", scandir)
    docs, problems = _run([str(tmp_path)])
    assert [d.id for d in docs] == ["two"] and [p.code for p in problems] == ["E015"]
    assert "Permission denied" in problems[0].message


class _Stdin(io.TextIOWrapper):
    pass


@pytest.mark.parametrize(("data", "code"), [(b"Caf\xe9", "E003"), (b"text\x00nul", "E003"), (b"  \n", "E002")])
def test_stdin_gets_the_file_checks(data, code):
    stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    docs, problems = _run(["-"], stdin=stream)
    assert not docs and [p.code for p in problems] == [code]


def test_stdin_read_once_and_bytes_decoded():
    stream = io.TextIOWrapper(io.BytesIO("Envoys met in Malmö.".encode()), encoding="utf-8")
    docs, problems = _run(["-", "-"], stdin=stream)
    assert [d.text for d in docs] == ["Envoys met in Malmö."] and not problems


def test_bad_published_keeps_the_document(tmp_path):
    f = tmp_path / "rows.jsonl"
    rows = [{"id": "a", "text": "Met.", "published": v} for v in ("May 7th-ish", 2025, ["2025-01-01"], "2025-13-40")]
    for i, r in enumerate(rows):
        r["id"] = f"r{i}"
    f.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    docs, problems = _run([str(f)])
    assert [d.id for d in docs] == ["r0", "r1", "r2", "r3"] and all(d.published is None for d in docs)
    assert [p.code for p in problems] == ["E050"] * 4 and not any(p.fatal for p in problems)


@pytest.mark.parametrize(("value", "expected"), [("2025-05-07", "2025-05-07"), ("2025-05-07T10:00:00Z", "2025-05-07"),
                                                  ("yesterday", None), (None, None), (20250507, None), ("", None)])
def test_parse_published(value, expected):
    got = parse_published(value)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize(("raw", "shown"), [("a\nb", "a\\nb"), ("x\x1b[31m", "x\\x1b[31m"), ("p\u2028q", "p\\u2028q"),
                                            (os.fsdecode(b"l\xff"), "l\\xff"), ("plain", "plain")])
def test_display_escapes(raw, shown):
    assert display(raw) == shown
