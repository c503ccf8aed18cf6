"""kg: diplomatic news -> an RDF knowledge graph of CAMEO/PLOVER events with provenance.

The public API; the command line (``kg ...``) is a thin layer over it::

    from kg import build, write
    out = build(["article.txt"], published=date(2025, 10, 17))
    write(out.dataset, "exports/graph.ttl")
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "build", "BuildOutput", "Document", "DocumentResult", "Entity", "Event", "Mention", "TimeValue",
    "to_dataset", "to_networkx", "write", "validate", "quarantine", "run_query", "run_named", "load_dataset",
    "Store", "KGError", "__version__",
]

# Light names import eagerly; the heavy ones (spaCy, pyshacl, pyoxigraph) on first use.
from kg.errors import KGError
from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue

_LAZY = {
    "build": "kg.build", "BuildOutput": "kg.build",
    "to_dataset": "kg.graph", "write": "kg.export", "to_networkx": "kg.netx",
    "validate": "kg.validate", "quarantine": "kg.validate",
    "run_query": "kg.query", "run_named": "kg.query", "load_dataset": "kg.load", "Store": "kg.store",
}

if TYPE_CHECKING:  # pragma: no cover
    from kg.build import BuildOutput, build
    from kg.export import write
    from kg.graph import to_dataset
    from kg.load import load_dataset
    from kg.netx import to_networkx
    from kg.query import run_named, run_query
    from kg.store import Store
    from kg.validate import quarantine, validate


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
