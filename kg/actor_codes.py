"""CAMEO-style actor codes: a country's ISO 3166 alpha-3 code plus a sector.

Event-data users (GDELT, ICEWS, Phoenix) filter by ``USAGOV``, ``RUSMIL``,
``REB``. We derive the code from what extraction already found, never from
new guessing:

- a **country** is its ISO3 code (``RUS``);
- a **person** takes the code of what it is ``dk:memberOf`` (a country or an
  organisation) plus the sector of its office (``dk:role``: president ->
  ``GOV``, senator -> ``LEG``, army chief -> ``MIL``): ``RUSGOV``;
- a **group** (the sector actors "Iraqi police", "the rebels") takes its
  country's code plus the sector of its noun (``kg/data/actor_nouns.csv``):
  ``IRQCOP``, or the sector alone when it has no country: ``REB``;
- an **organisation** has a fixed code: seats of government stand for their
  government (the Kremlin ``RUSGOV``), international organisations are
  ``IGO``, armed groups ``REB``/``RAD`` with their country where they have one;
- a **place** acting as an actor takes the code of its country.

Sector codes follow the CAMEO actor codebook's three-letter role codes (GOV,
MIL, COP, REB, OPP, CVL, MED, LEG, BUS, LAB, RAD, IGO, NGO). Finer CAMEO
organisation codes (``IGOUNO`` ...) are not assigned: ``IGO`` plus the label
is what we can state. An entity with nothing to go on gets no code. The
tables live in ``kg/data/actor_codes.csv`` (kind, name, code).
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources

from kg.model import Entity

__all__ = ["sector_codes", "actor_code", "sector_of_group", "codes_for_entities", "country_iso3", "actor_code_pairs"]

_ISO3 = re.compile(r"^[A-Z]{3}$")


def _slug(text: str) -> str:
    from kg.graph import slugify  # noqa: PLC0415 - kg.graph imports this module

    return slugify(text)


def _data(name: str) -> str:
    return resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"sector": {}, "role": {}, "organization": {}}
    for row in csv.DictReader(_data("actor_codes.csv").splitlines()):
        name = row["name"].strip()
        key = _slug(name.removeprefix("the ")) if row["kind"] == "organization" else name.lower()
        out[row["kind"]][key] = row["code"].strip()
    return out


def sector_codes() -> dict[str, str]:
    """Sector of ``actor_nouns.csv`` -> its three-letter code."""
    return dict(_table()["sector"])


@lru_cache(maxsize=1)
def _group_nouns() -> list[tuple[str, str]]:
    """(slug of a sector noun, its code), longest slug first: 'security-forces' before 'forces'."""
    codes = _table()["sector"]
    out = []
    for row in csv.DictReader(_data("actor_nouns.csv").splitlines()):
        code = codes.get(row["sector"])
        if code:
            out.append((_slug(row["noun"]), code))
    return sorted(out, key=lambda x: -len(x[0]))


def sector_of_group(key: str) -> str | None:
    """Sector code of a group key: 'group/iraq-police' -> 'COP', 'group/rebels' -> 'REB'."""
    local = key.rsplit("/", 1)[-1]
    for slug, code in _group_nouns():
        if local == slug or local.endswith("-" + slug):
            return code
    return None


def _combine(base: str | None, sector: str | None) -> str | None:
    """A bare country code takes the sector; a code that has a sector already keeps it."""
    if base and sector and _ISO3.match(base):
        return base + sector
    return base or sector


def actor_code(kind: str, key: str, *, label: str = "", role: str | None = None, iso3: str | None = None,
               parent: str | None = None) -> str | None:
    """The actor code of one entity; ``parent`` is the code of its ``member_of`` / ``located_in``."""
    table = _table()
    if kind == "Country":
        return iso3 if iso3 and _ISO3.match(iso3) else parent
    if kind == "Organization":
        local = key.rsplit("/", 1)[-1]
        return table["organization"].get(local) or table["organization"].get(_slug(label.removeprefix("the "))) \
            or _combine(parent, None)
    if kind == "Person":
        return _combine(parent, table["role"].get((role or "").lower()))
    if kind == "Group":
        return _combine(parent, sector_of_group(key))
    if kind in {"City", "Place"}:
        return parent if parent and _ISO3.match(parent) else None
    return None


@lru_cache(maxsize=1)
def _gazetteer_iso3() -> dict[str, str]:
    """Country key -> ISO3 from the shipped gazetteer, for a member_of not in the document."""
    out = {}
    for line in _data("gazetteer.jsonl").splitlines():
        row = json.loads(line)
        if row.get("kind") == "Country" and row.get("iso3"):
            out[row["key"]] = row["iso3"]
    return out


def country_iso3(key: str) -> str | None:
    return _gazetteer_iso3().get(key)


def codes_for_entities(entities: Iterable[Entity]) -> dict[str, str]:
    """Entity key -> actor code for every entity that has one (member_of chains followed)."""
    by_key = {e.key: e for e in entities}
    memo: dict[str, str | None] = {}

    def code(key: str, depth: int = 0) -> str | None:
        if key in memo:
            return memo[key]
        e = by_key.get(key)
        if e is None:
            return country_iso3(key)
        link = e.member_of or (e.located_in if e.kind in {"City", "Place"} else None)
        parent = code(link, depth + 1) if link and depth < 5 else None
        memo[key] = actor_code(e.kind, e.key, label=e.label, role=e.role, iso3=e.iso3, parent=parent)
        return memo[key]

    return {k: c for k in by_key if (c := code(k))}


def actor_code_pairs(entities: Iterable[Entity], wanted: Callable[[Entity], bool]) -> Iterator[tuple[str, str]]:
    """(key, code) for the entities ``wanted`` selects, in key order (the graph hook)."""
    entities = list(entities)
    codes = codes_for_entities(entities)
    for e in sorted(entities, key=lambda x: x.key):
        if e.key in codes and wanted(e):
            yield e.key, codes[e.key]
