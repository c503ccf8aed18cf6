"""Inputs -> a stream of Documents, with a Problem for every unusable one.

Files (.txt, .md), directories (recursive, sorted), JSON Lines and standard
input. Nothing is loaded before it is needed; a bad document is reported and
skipped, never raised, so one broken file cannot cost the rest of a batch.

Hostile inputs are expected: a FIFO, socket or device is skipped without
being opened (it would block); symbolic links that point nowhere or into a
loop are reported; a directory that cannot be listed is reported and the
walk goes on; names that are not UTF-8 or hold control characters are
printed escaped (:func:`display`). JSON Lines rows are split on ``\\n`` only
(U+2028 inside a JSON string is valid JSON); a row nested too deeply or with
a number too long for Python is one E004 line. A ``published`` value that is
not a date drops the date (a warning), never the document.
"""
from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from kg.errors import E, W
from kg.model import Document
from kg.published import parse_date, resolve as resolve_published

__all__ = ["Problem", "iter_documents", "display", "parse_published", "TEXT_SUFFIXES", "JSONL_SUFFIXES",
           "MAX_ID_LENGTH"]

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_ID_LENGTH = 512  # an id becomes an IRI path segment and a file-name-like key

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_JSON_TYPES = {type(None): "null", bool: "a boolean", int: "a number", float: "a number", str: "a string",
               list: "an array", dict: "an object"}


@dataclass(frozen=True)
class Problem:
    """One input that could not become a Document. ``message`` starts with its code."""

    message: str
    fatal: bool = True  # False for warnings (a skipped non-text file, a dropped date)

    @property
    def code(self) -> str:
        return self.message[1:5]


def display(value: object) -> str:
    """``value`` (a path or any text) printable on one line.

    Bytes that are not UTF-8 (a file name read with ``surrogateescape``) become
    ``\\xNN``; control characters, line and paragraph separators become
    escapes, so a name with a newline or an ANSI escape cannot forge output lines.
    """
    text = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
        if _SURROGATE.search(text) else text
    if not _CONTROL.search(text):
        return text

    def esc(m: re.Match[str]) -> str:
        c = m.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
    return _CONTROL.sub(esc, text)


def _clean_name(text: str) -> str:
    """A file stem usable as a document id (unencodable bytes and control characters replaced)."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub("_", text)


def parse_published(value: Any) -> date | None:
    """A row's ``published`` value as a date, or None when it is not one (see :mod:`kg.published`)."""
    return parse_date(value) if isinstance(value, str) else None


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _decode(path: str, data: bytes) -> str | Problem:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(E.E003.format(path=path, detail=f"byte {exc.start}: {exc.reason}"))
    if "\x00" in text:
        return Problem(E.E003.format(path=path, detail="contains NUL bytes, looks binary"))
    return text.removeprefix("\ufeff")


def _read_regular(path: Path) -> bytes | Problem:
    """The bytes of a regular file; a FIFO, socket or device is refused without blocking."""
    shown = display(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        return _stat_problem(path, exc)
    if not stat.S_ISREG(st.st_mode):
        return Problem(E.E011.format(path=shown))
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the stat, open must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return Problem(E.E009.format(path=shown, detail=exc.strerror or exc))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return Problem(E.E011.format(path=shown))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    except OSError as exc:
        return Problem(E.E009.format(path=shown, detail=exc.strerror or exc))
    finally:
        os.close(fd)


def _stat_problem(path: Path, exc: OSError) -> Problem:
    shown = display(path)
    if os.path.islink(path):
        detail = "it is part of a loop" if exc.errno == 40 else "its target does not exist"
        return Problem(E.E012.format(path=shown, detail=detail))
    if isinstance(exc, FileNotFoundError):
        return Problem(E.E001.format(path=shown))
    return Problem(E.E009.format(path=shown, detail=exc.strerror or exc))


def _text_document(path: Path, seen: dict[str, str], published: date | None) -> Document | Problem:
    data = _read_regular(path)
    if isinstance(data, Problem):
        return data
    text = _decode(display(path), data)
    if isinstance(text, Problem):
        return text
    if not text.strip():
        return Problem(E.E002.format(path=display(path)))
    # the id is reserved only once the file proved readable
    doc_id = _unique_id(_clean_name(path.stem) or "document", seen, display(path))
    return Document(id=doc_id, text=text, published=published, source=f"file:{_clean_name(path.name)}")


def _check_row(row: dict, where: str, n: int) -> Problem | None:
    if "text" not in row:
        return Problem(E.E005.format(path=where, line=n))
    for f in ("text", "url", "title"):
        if (f == "text" or row.get(f) is not None) and not isinstance(row[f], str):
            return Problem(E.E006.format(path=where, line=n, field=f, expected="a string", got=_json_type(row[f])))
    if "id" in row:
        rid = row["id"]
        if isinstance(rid, bool) or not isinstance(rid, (str, int)) or (isinstance(rid, str) and not rid.strip()):
            return Problem(E.E006.format(path=where, line=n, field="id", expected="a non-empty string or integer",
                                         got="an empty string" if isinstance(rid, str) else _json_type(rid)))
        if isinstance(rid, str) and _SURROGATE.search(rid):
            return Problem(E.E013.format(path=where, line=n, field="id"))
        if len(str(rid)) > MAX_ID_LENGTH:
            return Problem(E.E014.format(path=where, line=n, length=len(str(rid)), max=MAX_ID_LENGTH))
    return None


def _repair(value: str | None) -> str | None:
    """Lone surrogates (valid in JSON escapes, not in UTF-8) become U+FFFD, offsets unchanged."""
    return _SURROGATE.sub("\ufffd", value) if value else value


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
    """``where`` is already display-safe."""
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(E.E004.format(path=where, line=n, detail=exc.msg))
            continue
        except RecursionError:
            yield Problem(E.E004.format(path=where, line=n, detail="nested too deeply"))
            continue
        except ValueError as exc:  # e.g. an integer of more digits than Python converts
            yield Problem(E.E004.format(path=where, line=n, detail=display(str(exc).split(";")[0])))
            continue
        if not isinstance(row, dict):
            yield Problem(E.E006.format(path=where, line=n, field="(row)", expected="a JSON object",
                                        got=_json_type(row)))
            continue
        bad = _check_row(row, where, n)
        if bad is not None:
            yield bad
            continue
        doc_id = str(row["id"]) if row.get("id") is not None else f"{_clean_name(Path(where).stem)}-{n}"
        if doc_id in seen:
            yield Problem(E.E007.format(path=where, line=n, id=display(doc_id), first=seen[doc_id]))
            continue
        text = row["text"]
        if not text.strip():
            yield Problem(E.E002.format(path=f"{where}:{n}"))
            continue
        if _SURROGATE.search(text):
            yield Problem(E.E016.format(path=where, line=n), fatal=False)
        seen[doc_id] = f"{where}:{n}"
        url = _repair(row.get("url"))
        yield from _dated(Document(id=doc_id, text=_repair(text), url=url, title=_repair(row.get("title")),
                                   source=url or f"file:{_clean_name(Path(where).name)}#{n}"),
                          f"{where}:{n}", field_value=row.get("published"), front_matter=False)


def _jsonl_lines(text: str) -> list[str]:
    # JSON Lines is split on \n only: str.splitlines would also split at U+2028, NEL, form feed...
    return [line.removesuffix("\r") for line in text.split("\n")]


def _jsonl_file(path: Path, seen: dict[str, str]) -> Iterator[Document | Problem]:
    data = _read_regular(path)
    if isinstance(data, Problem):
        yield data
        return
    shown = display(path)
    text = _decode(shown, data)
    if isinstance(text, Problem):
        yield text
        return
    if not text.strip():
        yield Problem(E.E002.format(path=shown))
        return
    yield from _jsonl_documents(_jsonl_lines(text), shown, seen)


def _unique_id(stem: str, seen: dict[str, str], where: str) -> str:
    doc_id, k = stem, 2
    while doc_id in seen:  # two files with one stem in different folders
        doc_id, k = f"{stem}-{k}", k + 1
    seen[doc_id] = where
    return doc_id


def _walk(root: Path, visited: set[tuple[int, int]]) -> Iterator[Path | Problem]:
    """Files below ``root``, sorted, depth first; links followed once (loops reported, not walked)."""
    try:
        st = os.stat(root)
        key = (st.st_dev, st.st_ino)
        if key in visited:
            yield Problem(E.E012.format(path=display(root), detail="it leads back into a folder already read"))
            return
        visited.add(key)
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Problem(E.E015.format(path=display(root), detail=exc.strerror or exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows links
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, visited)
        else:
            yield path


def _from_file(path: Path, seen: dict[str, str], published: date | None, in_dir: bool) -> Iterator[Document | Problem]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_file(path, seen)
    elif suffix in TEXT_SUFFIXES or (suffix == "" and not in_dir):
        yield from _dated(_text_document(path, seen, published), display(path), filename=path.name)
    elif in_dir:
        try:
            st = os.stat(path)
        except OSError as exc:
            yield _stat_problem(path, exc)
            return
        if stat.S_ISREG(st.st_mode):
            yield Problem(W.W001.format(path=display(path)), fatal=False)
        else:
            yield Problem(E.E011.format(path=display(path)))
    else:
        yield Problem(E.E008.format(path=display(path), suffix=display(suffix)))


def _stdin(stream: TextIO, published: date | None, seen: dict[str, str]) -> Iterator[Document | Problem]:
    """Standard input gets the checks a file gets: UTF-8, no NUL bytes, not empty."""
    raw = getattr(stream, "buffer", None)
    try:
        data: str | Problem = _decode("<stdin>", raw.read()) if raw is not None else stream.read()
    except (OSError, UnicodeDecodeError) as exc:
        data = Problem(E.E003.format(path="<stdin>", detail=display(exc)))
    if isinstance(data, str) and "\x00" in data:
        data = Problem(E.E003.format(path="<stdin>", detail="contains NUL bytes, looks binary"))
    if isinstance(data, Problem):
        yield data
        return
    text = data.removeprefix("\ufeff")
    if not text.strip():
        yield Problem(E.E002.format(path="<stdin>"))
    elif text.lstrip().startswith("{"):
        yield from _jsonl_documents(_jsonl_lines(text), "<stdin>", seen)
    else:
        yield from _dated(Document(id=_unique_id("stdin", seen, "<stdin>"), text=_repair(text), published=published,
                                   source="stdin:"), "<stdin>")


def _identity(path: Path) -> object:
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.abspath(path)


def iter_documents(inputs: Iterable[str], published: date | None = None,
                   stdin: TextIO | None = None) -> Iterator[Document | Problem]:
    """Yield a Document for every usable input and a Problem for every other.

    ``published`` applies to plain-text inputs (JSON Lines rows carry their own).
    The same file named twice (or reached twice through a link) is read once.
    """
    seen: dict[str, str] = {}
    read: set[object] = set()

    def once(path: Path) -> bool:
        key = _identity(path)
        if key in read:
            return False
        read.add(key)
        return True

    for raw in inputs:
        if raw == "-":
            if "<stdin>" not in read:  # a stream can be read only once
                read.add("<stdin>")
                yield from _stdin(stdin or sys.stdin, published, seen)
            continue
        path = Path(raw)
        try:
            os.stat(path)
        except OSError as exc:
            yield _stat_problem(path, exc)
            continue
        if path.is_dir():
            for item in _walk(path, set()):
                if isinstance(item, Problem):
                    yield item
                elif once(item):
                    yield from _from_file(item, seen, published, in_dir=True)
            continue
        if once(path):
            yield from _from_file(path, seen, published, in_dir=False)
