"""kg.published: each document's own publication date, in the documented order of sources."""
from __future__ import annotations

import json
import sys
import types
from datetime import date

import pytest

from kg.model import Document
from kg.published import date_from_filename, parse_date, resolve, split_front_matter
from kg.readers import Problem, iter_documents

D = date(2025, 10, 17)


@pytest.mark.parametrize("text", [
    "2025-10-17", "2025-10-17T09:30:00Z", "17 October 2025", "October 17, 2025", "Oct. 17, 2025",
    "Fri, 17 Oct 2025 09:30:00 +0000", "17.10.2025", "2025/10/17", "October 17th, 2025", "20251017",
])
def test_common_formats(text):
    assert parse_date(text) == D


@pytest.mark.parametrize("text", ["yesterday", "October 2025", "2025", "", "31 February 2025", "soon-ish"])
def test_no_day_or_no_date_is_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("name,expected", [
    ("2025-10-17-helsinki.txt", D), ("helsinki_20251017.md", D), ("report-2025-10-17", D),
    ("helsinki.txt", None), ("2025-13-40-x.txt", None), ("12025-10-170.txt", None),
])
def test_date_from_filename(name, expected):
    assert date_from_filename(name) == expected


def test_front_matter_is_read_and_removed():
    text = '---\ntitle: "Summit in Helsinki"\npublished: 17 October 2025\nurl: https://x.test/a\n---\nPutin met Trump.\n'
    meta, body = split_front_matter(text)
    assert meta == {"title": "Summit in Helsinki", "published": "17 October 2025", "url": "https://x.test/a"}
    assert body == "Putin met Trump.\n"
    assert split_front_matter("Putin met Trump.\n---\n") == ({}, "Putin met Trump.\n---\n")


def test_order_front_matter_then_filename_then_fallback():
    fm = "---\ndate: 2024-01-02\n---\nText."
    assert resolve(fm, where="x", filename="2023-05-06-a.txt", fallback=D).published == date(2024, 1, 2)
    got = resolve("Text.", where="x", filename="2023-05-06-a.txt", fallback=D)
    assert (got.published, got.source) == (date(2023, 5, 6), "filename")
    got = resolve("Text.", where="x", filename="a.txt", fallback=D)
    assert (got.published, got.source) == (D, "option")
    assert resolve("Text.", where="x", filename="a.txt").published is None


def test_bad_front_matter_date_warns_and_falls_through():
    got = resolve("---\npublished: next week\n---\nText.", where="a.txt", filename="2023-05-06-a.txt")
    assert got.published == date(2023, 5, 6) and got.text == "Text."
    assert len(got.warnings) == 1 and got.warnings[0].startswith("[E050]") and "a.txt" in got.warnings[0]


def test_dateline_is_an_optional_step(monkeypatch):
    monkeypatch.setitem(sys.modules, "kg.nlp.dateline", None)  # not installed: the step is skipped
    assert resolve("HELSINKI, Oct 17 (Reuters) - Text.", where="x").published is None
    fake = types.ModuleType("kg.nlp.dateline")
    fake.parse_dateline = lambda text: date(2025, 10, 17) if text.startswith("HELSINKI") else None
    monkeypatch.setitem(sys.modules, "kg.nlp.dateline", fake)
    got = resolve("HELSINKI, Oct 17 (Reuters) - Text.", where="x", fallback=date(2000, 1, 1))
    assert (got.published, got.source) == (D, "dateline")
    # the file name comes before the dateline
    assert resolve("HELSINKI, Oct 17 - Text.", where="x", filename="2024-01-02-a.txt").published == date(2024, 1, 2)
    fake.parse_dateline = lambda text: types.SimpleNamespace(date="2025-10-17T08:00:00")
    assert resolve("HELSINKI - Text.", where="x").published == D


def _docs(items):
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def test_readers_date_each_file_of_a_directory(tmp_path):
    (tmp_path / "2025-10-17-helsinki.txt").write_text("Putin met Trump.", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\npublished: May 7, 2025\ntitle: B\n---\nLavrov met Rubio.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("---\npublished: someday\n---\nXi met Modi.", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Erdogan met Orban.", encoding="utf-8")
    docs, problems = _docs(list(iter_documents([str(tmp_path)], published=date(2001, 1, 1))))
    got = {d.id: (d.published, d.text) for d in docs}
    assert got["2025-10-17-helsinki"] == (D, "Putin met Trump.")
    assert got["b"] == (date(2025, 5, 7), "Lavrov met Rubio.") and docs[1].title == "B"
    assert got["c"] == (date(2001, 1, 1), "Xi met Modi.")  # bad date dropped with a warning: the option applies
    assert got["d"][0] == date(2001, 1, 1)
    assert [(p.code, p.fatal) for p in problems] == [("E050", False)] and "c.txt" in problems[0].message


def test_jsonl_any_format_and_front_matter_only_file(tmp_path):
    f = tmp_path / "rows.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Met.", "published": "May 7, 2025"}) + "\n", encoding="utf-8")
    (tmp_path / "empty.md").write_text("---\npublished: 2025-01-01\n---\n  \n", encoding="utf-8")
    docs, problems = _docs(list(iter_documents([str(f), str(tmp_path / "empty.md")])))
    assert [(d.id, d.published) for d in docs] == [("a", date(2025, 5, 7))]
    assert [p.code for p in problems] == ["E002"]
