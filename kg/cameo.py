"""The CAMEO codebook and its PLOVER mapping, loaded from the shipped tables.

One place answers "what is code 044?": name, Goldstein score, root, the
``dk:`` event class, the PLOVER type and its quad class.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CameoCode", "codebook", "lookup", "event_class", "plover_type", "quad_class", "ROOTS"]

ROOTS = tuple(f"{i:02d}" for i in range(1, 21))

# PLOVER leaves CAMEO 01 (statements) and 02 (appeals) out of its conversion
# table; the manual folds appeals into REQUEST. Statements have no PLOVER type.
_PLOVER_FALLBACK = {"02": "REQUEST"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    root: str
    description: str = ""


def _data(name: str) -> str:
    return resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def codebook() -> dict[str, CameoCode]:
    """All CAMEO codes by code string ('01' ... '2042')."""
    rows = csv.DictReader(_data("cameo/cameo_codes.csv").splitlines())
    out = {}
    for r in rows:
        desc = r["description"] if r["description"] != "NA" else ""
        out[r["code"]] = CameoCode(r["code"], r["name"].strip(), float(r["goldstein"]), r["root_code"], desc.strip())
    return out


def lookup(code: str) -> CameoCode:
    """The codebook entry of ``code``; KeyError for a code not in CAMEO."""
    return codebook()[code]


def _longest_prefix(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


@lru_cache(maxsize=1)
def _classes() -> dict[str, str]:
    return {r["prefix"]: r["class"] for r in csv.DictReader(_data("cameo_classes.csv").splitlines())}


def event_class(code: str) -> str:
    """Local name of the most specific ``dk:`` event class for a code."""
    cls = _longest_prefix(_classes(), code)
    if cls is None:
        raise KeyError(code)
    return cls


@lru_cache(maxsize=1)
def plover_table() -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER type, mode, context) from the conversion table."""
    out: dict[str, tuple[str, str, str]] = {}
    for line in _data("cameo/cameo_to_plover.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", "", ""]
        out[m.group(1)] = (parts[0], parts[1], parts[2])
    return out


@lru_cache(maxsize=1)
def _plover_types() -> dict[str, str]:
    return {k: v[0] for k, v in plover_table().items() if v[0]}


def plover_type(code: str) -> str | None:
    """PLOVER event type of a CAMEO code (longest prefix in the table), if any."""
    return _longest_prefix(_plover_types(), code) or _PLOVER_FALLBACK.get(code[:2])


@lru_cache(maxsize=1)
def _quads() -> dict[str, int]:
    data = json.loads(_data("cameo/plover_types.json"))
    return {t["name"]: int(t["quad"]) for t in data["event_types"]}


def quad_class(code: str) -> int | None:
    """Quad class 1-4 (verbal coop, material coop, verbal conflict, material conflict)."""
    ptype = plover_type(code)
    if ptype is None:
        return 1 if code[:2] == "01" else None
    return _quads().get(ptype)
