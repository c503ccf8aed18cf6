"""Inputs -> a stream of Documents, with a Problem for every unusable one.

Files (.txt, .md), directories (recursive, sorted), JSON Lines and standard
input. Nothing is loaded before it is needed; a bad document is reported and
skipped, never raised, so one broken file cannot cost the rest of a batch.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from kg.errors import E, W
from kg.model import Document
from kg.published import resolve as resolve_published

__all__ = ["Problem", "iter_documents", "TEXT_SUFFIXES", "JSONL_SUFFIXES"]

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True)
class Problem:
    """One input that could not become a Document. ``message`` starts with its code."""

    message: str
    fatal: bool = True  # False for warnings (a skipped non-text file)

    @property
    def code(self) -> str:
        return self.message[1:5]


def _decode(path: str, data: bytes) -> str | Problem:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(E.E003.format(path=path, detail=f"byte {exc.start}: {exc.reason}"))
    if "\x00" in text:
        return Problem(E.E003.format(path=path, detail="contains NUL bytes, looks binary"))
    return text.removeprefix("\ufeff")


def _text_document(path: Path, doc_id: str, published: date | None) -> Document | Problem:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(E.E009.format(path=path, detail=exc.strerror or exc))
    text = _decode(str(path), data)
    if isinstance(text, Problem):
        return text
    if not text.strip():
        return Problem(E.E002.format(path=path))
    return Document(id=doc_id, text=text, published=published, source=f"file:{path.name}")


def _dated(item: Document | Problem, where: str, *, filename: str | None = None,
           field_value: str | None = None, front_matter: bool = True) -> Iterator[Document | Problem]:
    """The document with its own publication date (kg/published.py); a bad date is a warning only."""
    if isinstance(item, Problem):
        yield item
        return
    dated = resolve_published(item.text, where=where, filename=filename, field_value=field_value,
                              fallback=item.published, front_matter=front_matter)
    for message in dated.warnings:
        yield Problem(message, fatal=False)
    if not dated.text.strip():
        yield Problem(E.E002.format(path=where))
        return
    yield item.model_copy(update={"text": dated.text, "published": dated.published,
                                  "title": item.title or dated.title, "url": item.url or dated.url})


def _jsonl_documents(lines: Iterable[str], where: str, seen: dict[str, str]) -> Iterator[Document | Problem]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(E.E004.format(path=where, line=n, detail=exc.msg))
            continue
        if not isinstance(row, dict):
            yield Problem(E.E006.format(path=where, line=n, field="(row)", expected="a JSON object",
                                        got=type(row).__name__))
            continue
        if "text" not in row:
            yield Problem(E.E005.format(path=where, line=n))
            continue
        bad = next(((f, t) for f, t in (("text", str), ("id", (str, int)), ("published", str),
                                          ("url", str), ("title", str))
                    if row.get(f) is not None and not isinstance(row[f], t)), None)
        if bad:
            expected = "a string" if bad[1] is str else "a string or integer"
            yield Problem(E.E006.format(path=where, line=n, field=bad[0], expected=expected,
                                        got=type(row[bad[0]]).__name__))
            continue
        doc_id = str(row.get("id") if row.get("id") is not None else f"{Path(where).stem}-{n}")
        if doc_id in seen:
            yield Problem(E.E007.format(path=where, line=n, id=doc_id, first=seen[doc_id]))
            continue
        if not row["text"].strip():
            yield Problem(E.E002.format(path=f"{where}:{n}"))
            continue
        seen[doc_id] = f"{where}:{n}"
        yield from _dated(Document(id=doc_id, text=row["text"], url=row.get("url"), title=row.get("title"),
                                   source=row.get("url") or f"file:{Path(where).name}#{n}"),
                          f"{where}:{n}", field_value=row.get("published"), front_matter=False)


def _jsonl_file(path: Path, seen: dict[str, str]) -> Iterator[Document | Problem]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(E.E009.format(path=path, detail=exc.strerror or exc))
        return
    text = _decode(str(path), data)
    if isinstance(text, Problem):
        yield text
        return
    yield from _jsonl_documents(text.splitlines(), str(path), seen)


def _unique_id(stem: str, seen: dict[str, str], where: str) -> str:
    doc_id, k = stem, 2
    while doc_id in seen:  # two files with one stem in different folders
        doc_id, k = f"{stem}-{k}", k + 1
    seen[doc_id] = where
    return doc_id


def iter_documents(inputs: Iterable[str], published: date | None = None,
                   stdin: TextIO | None = None) -> Iterator[Document | Problem]:
    """Yield a Document for every usable input and a Problem for every other.

    ``published`` applies to plain-text inputs (JSON Lines rows carry their own).
    """
    seen: dict[str, str] = {}
    for raw in inputs:
        if raw == "-":
            stream = stdin or sys.stdin
            text = stream.read()
            if not text.strip():
                yield Problem(E.E002.format(path="<stdin>"))
            elif text.lstrip().startswith("{"):
                yield from _jsonl_documents(text.splitlines(), "<stdin>", seen)
            else:
                doc_id = _unique_id("stdin", seen, "<stdin>")
                yield from _dated(Document(id=doc_id, text=text, published=published, source="stdin:"), "<stdin>")
            continue
        path = Path(raw)
        if not path.exists():
            yield Problem(E.E001.format(path=path))
            continue
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for f in files:
                suffix = f.suffix.lower()
                if suffix in TEXT_SUFFIXES:
                    yield from _dated(_text_document(f, _unique_id(f.stem, seen, str(f)), published), str(f),
                                      filename=f.name)
                elif suffix in JSONL_SUFFIXES:
                    yield from _jsonl_file(f, seen)
                else:
                    yield Problem(W.W001.format(path=f), fatal=False)
            continue
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_file(path, seen)
        elif suffix in TEXT_SUFFIXES or suffix == "":
            yield from _dated(_text_document(path, _unique_id(path.stem, seen, str(path)), published), str(path),
                              filename=path.name)
        else:
            yield Problem(E.E008.format(path=path, suffix=suffix))
