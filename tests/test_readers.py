"""Bad input is reported with a code and skipped; good input becomes Documents."""
from __future__ import annotations

import io
import json
from datetime import date

from kg.model import Document
from kg.readers import Problem, iter_documents


def _split(items):
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    return docs, problems


def test_text_files_and_directories_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta met Eta.", encoding="utf-8")
    (tmp_path / "a.md").write_text("Alpha met Beta.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    docs, problems = _split(list(iter_documents([str(tmp_path)], published=date(2024, 5, 1))))
    assert [d.id for d in docs] == ["a", "z"]
    assert all(d.published == date(2024, 5, 1) for d in docs)
    assert docs[0].source == "file:a.md"
    assert [p.code for p in problems] == ["W001"] and not problems[0].fatal


def test_missing_empty_and_binary_files_are_reported(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 talks".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text("Leaders met.", encoding="utf-8")
    docs, problems = _split(list(iter_documents([str(tmp_path / "nope.txt"), str(empty), str(latin), str(good)])))
    assert [d.id for d in docs] == ["good"]
    assert [p.code for p in problems] == ["E001", "E002", "E003"]
    assert "nope.txt" in problems[0].message and "latin.txt" in problems[2].message


def test_jsonl_rows_each_checked(tmp_path):
    rows = [
        json.dumps({"id": "a", "text": "Alpha met Beta.", "published": "2020-01-02", "url": "https://x.test/a"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "a", "text": "Again."}),
        json.dumps({"id": "d", "text": "Delta.", "published": "yesterday"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "e", "text": "   "}),
        json.dumps({"text": "No id here."}),
    ]
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs, problems = _split(list(iter_documents([str(f)])))
    assert [d.id for d in docs] == ["a", "d", "batch-9"]  # a bad date drops the date, not the document
    assert docs[0].published == date(2020, 1, 2) and docs[0].source == "https://x.test/a"
    assert docs[1].published is None
    assert [p.code for p in problems] == ["E004", "E005", "E006", "E007", "E010", "E006", "E002"]
    assert [p.fatal for p in problems].count(False) == 1
    assert all("batch.jsonl" in p.message for p in problems)
    assert ":2:" in problems[0].message  # the line number


def test_stdin_text_and_jsonl():
    docs, _ = _split(list(iter_documents(["-"], stdin=io.StringIO("Leaders met in Oslo."))))
    assert docs[0].id == "stdin" and docs[0].source == "stdin:"
    docs, _ = _split(list(iter_documents(["-"], stdin=io.StringIO('{"id": "x", "text": "Met."}\n'))))
    assert docs[0].id == "x"


def test_unsupported_suffix(tmp_path):
    f = tmp_path / "data.docx"
    f.write_bytes(b"PK")
    _, problems = _split(list(iter_documents([str(f)])))
    assert problems[0].code == "E008"


def test_same_stem_in_two_folders_gets_distinct_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(f"Report {sub}.", encoding="utf-8")
    docs, _ = _split(list(iter_documents([str(tmp_path)])))
    assert [d.id for d in docs] == ["report", "report-2"]
