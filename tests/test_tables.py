"""kg.export.tables: the one-row-per-event table (CSV and Parquet)."""
from __future__ import annotations

import csv
import io

import pytest

from kg.export import get
from kg.export.tables import EVENT_COLUMNS, event_rows
from kg.graph import to_dataset
from kg.store import Store

from conftest import make_result


def test_rows_and_columns(sample_dataset):
    rows = event_rows(sample_dataset)
    assert len(rows) == 5 and all(tuple(r) == EVENT_COLUMNS for r in rows)
    summit = rows[0]  # the only dated event sorts first
    assert summit["date"] == "2018-07-16" and summit["cameo_code"] == "044"
    assert summit["plover_type"] == "CONSULT" and summit["quad_class"] == 1 and summit["goldstein"] == 2.5
    # persons carry their country's codes
    assert (summit["source_label"], summit["source_qid"], summit["source_iso3"], summit["source_cow"]) == \
        ("Donald Trump", "Q22686", "USA", "2")
    assert (summit["target_iso3"], summit["target_cow"]) == ("RUS", "365")
    assert (summit["place_label"], summit["place_qid"]) == ("Helsinki", "Q1757")
    assert summit["factuality"] == "Actual" and summit["confidence"] == 0.9
    assert summit["doc_id"] == "sample" and summit["url"] == "file:sample.txt" and summit["mentions"] == 1
    assert "Helsinki" in summit["sentence"]
    aid = next(r for r in rows if r["cameo_code"] == "072")
    assert aid["target_iso3"] == "UKR" and aid["source_label"] == "" and aid["factuality"] == "Possible"


def test_csv_is_deterministic(sample_dataset):
    exp = get("events-csv")
    data = exp.generate(sample_dataset)
    assert data == exp.generate(to_dataset([make_result()]))
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert list(rows[0]) == list(EVENT_COLUMNS) and len(rows) == 5
    assert ".events.csv" in exp.extensions


def test_merged_event_counts_mentions_of_both_documents(tmp_path):
    store = Store(tmp_path / "s")
    store.add_dataset(to_dataset([make_result("a"), make_result("b")]))
    rows = event_rows(store.dataset())
    summit = next(r for r in rows if r["event_id"].endswith("event/a-1"))
    assert summit["mentions"] == 2 and summit["doc_id"] == "a"
    assert len(rows) == 8


def test_parquet(sample_dataset):
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(io.BytesIO(get("parquet").generate(sample_dataset)))
    assert table.column_names == list(EVENT_COLUMNS) and table.num_rows == 5
    assert str(table.schema.field("goldstein").type) == "double"
