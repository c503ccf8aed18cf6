"""Cells of the CSV exports (events table, edge list, Neo4j import files)."""
from __future__ import annotations

from typing import Any

__all__ = ["csv_cell", "csv_row"]


def csv_cell(value: Any) -> Any:
    """None as empty; a carriage return as a line feed.

    With ``lineterminator="\\n"`` the csv module quotes a field holding "\\n" but
    not one holding a lone "\\r", which a reader then takes as a row break.
    """
    if value is None:
        return ""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def csv_row(values) -> list[Any]:
    return [csv_cell(v) for v in values]
