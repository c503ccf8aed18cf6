"""Exporter registry: one name (and aliases) per output format.

An exporter is a pure function ``generate(dataset, **options) -> bytes``;
:func:`write` is the thin wrapper that handles the path and writes atomically.
Modules register themselves on import; :func:`get` loads them lazily so that
heavy ones (pyvis, pyarrow) cost nothing until used.
"""
from __future__ import annotations

import importlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from rdflib import Dataset

from kg.errors import E, UsageError

__all__ = ["Exporter", "register", "get", "names", "format_for_path", "write", "write_bytes"]

# modules that register exporters; imported on first lookup
_MODULES = ("kg.export.rdf", "kg.export.html", "kg.export.graphs", "kg.export.tables", "kg.export.neo4j")


@dataclass(frozen=True)
class Exporter:
    name: str
    generate: Callable[..., bytes]
    extensions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    description: str = ""
    options: dict = field(default_factory=dict)


_REGISTRY: dict[str, Exporter] = {}
_loaded = False


def register(name: str, *, extensions: tuple[str, ...] = (), aliases: tuple[str, ...] = (),
             description: str = "") -> Callable[[Callable[..., bytes]], Callable[..., bytes]]:
    """Decorator: register ``generate(dataset, **options) -> bytes`` under ``name``."""

    def deco(fn: Callable[..., bytes]) -> Callable[..., bytes]:
        exp = Exporter(name, fn, extensions, aliases, description or (fn.__doc__ or "").strip().split("\n")[0])
        for key in (name, *aliases):
            _REGISTRY[key] = exp
        return fn

    return deco


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for mod in _MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:  # a module not written yet, or an optional dependency missing
            if not exc.name or not exc.name.startswith("kg."):
                continue
            if exc.name != mod:
                raise


def _unique_exporters() -> list[Exporter]:
    return list({e.name: e for e in _REGISTRY.values()}.values())


def names() -> list[str]:
    """Canonical names of every registered format."""
    _load()
    return sorted({e.name for e in _REGISTRY.values()})


def get(name: str) -> Exporter:
    """The exporter for ``name``; an unknown name lists the known ones."""
    _load()
    try:
        return _REGISTRY[name.lower()]
    except KeyError:
        raise UsageError(E.E101.format(name=name, known=", ".join(names()))) from None


def format_for_path(path: str | os.PathLike) -> str:
    """The format a file extension stands for ('.ttl' -> 'ttl')."""
    _load()
    if str(path) == "-":  # standard output: Turtle unless --format says otherwise
        return "ttl"
    name = str(path).lower()
    best: tuple[int, str] | None = None
    for exp in _unique_exporters():
        for ext in exp.extensions:
            if name.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), exp.name)
    if best is None:
        known = sorted({x for e in _REGISTRY.values() for x in e.extensions})
        raise UsageError(E.E102.format(path=path, known=", ".join(known)))
    return best[1]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(data: bytes, path: str | os.PathLike) -> Path:
    """Write atomically: a temporary file in the same folder, then a rename (``-``: standard output)."""
    if str(path) == "-":
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return Path("-")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; an export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write(dataset: Dataset, path: str | os.PathLike, fmt: str | None = None, **options) -> Path:
    """Export ``dataset`` to ``path`` in ``fmt`` (default: from the extension)."""
    exp = get(fmt or format_for_path(path))
    return write_bytes(exp.generate(dataset, **options), path)
