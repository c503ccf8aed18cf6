"""The README's main job, end to end: the dated seed article gives a complete event table."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

DATED_SEED = Path(__file__).resolve().parents[1] / "examples" / "helsinki-budapest.txt"


@pytest.fixture(scope="module")
def rows():
    from kg.build import build
    from kg.export import get

    out = build([str(DATED_SEED)])  # no --published: the date comes from its front matter
    data = get("events-csv").generate(out.dataset)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_every_dyadic_event_row_has_both_actors(rows):
    dyadic = [r for r in rows if int(r["actor_count"]) >= 2]
    assert dyadic
    for r in dyadic:
        assert r["actor1_label"] and r["actor2_label"], (r["cameo_code"], r["sentence"])
        assert r["actor1_code"] and r["actor2_code"]


def test_helsinki_summit_has_leaders_place_coordinates_and_date(rows):
    [summit] = [r for r in rows if r["cameo_code"] == "044" and r["place_label"] == "Helsinki"]
    assert {summit["actor1_label"], summit["actor2_label"]} == {"Donald Trump", "Vladimir Putin"}
    assert {summit["actor1_code"], summit["actor2_code"]} == {"USAGOV", "RUSGOV"}
    assert float(summit["place_lat"]) == pytest.approx(60.17, abs=0.05)
    assert float(summit["place_lon"]) == pytest.approx(24.94, abs=0.05)
    assert (summit["place_iso3"], summit["place_geonames_id"]) == ("FIN", "658225")
    assert (summit["date"], summit["date_precision"], summit["sqldate"]) == ("2025-10-17", "day", "20251017")
    assert summit["doc_date"] == "2025-10-17" and summit["plover_mode"] == "third-party"
