"""kg.export.tables: the one-row-per-event table (CSV and Parquet) in event-data conventions."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from kg.export import get
from kg.export.tables import EVENT_COLUMNS, PANDAS_DTYPES, dyad, event_rows
from kg.graph import to_dataset
from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue
from kg.store import Store
from kg.vocab import DK

from conftest import make_result

PEOPLE = (
    Entity(key="person/vladimir-putin", label="Vladimir Putin", kind="Person", member_of="country/russia",
           role="president", aliases=("Putin",)),
    Entity(key="person/donald-trump", label="Donald Trump", kind="Person", member_of="country/united-states",
           role="president", aliases=("Trump",)),
    Entity(key="person/emmanuel-macron", label="Emmanuel Macron", kind="Person", member_of="country/france",
           role="president"),
    Entity(key="country/russia", label="Russia", kind="Country", iso3="RUS", cow_code="365"),
    Entity(key="country/united-states", label="United States", kind="Country", iso3="USA", cow_code="2"),
    Entity(key="country/france", label="France", kind="Country", iso3="FRA", cow_code="220"),
    Entity(key="country/finland", label="Finland", kind="Country", iso3="FIN"),
    Entity(key="place/helsinki", label="Helsinki", kind="City", located_in="country/finland", geonames_id="658225"),
)


def _result(text: str, events: list[dict], published: date | None = date(2025, 10, 17)) -> DocumentResult:
    evs = []
    for n, spec in enumerate(events):
        anchor = spec.pop("anchor")
        begin = text.index(anchor)
        m = Mention(doc_id="d", begin=begin, end=begin + len(anchor), anchor=anchor, sentence=text, trigger=anchor)
        evs.append(Event(key=f"event/d-{n}", label="e", confidence=0.7, mentions=(m,), **spec))
    return DocumentResult(document=Document(id="d", text=text, published=published, source="file:d.txt"),
                          entities=PEOPLE, events=tuple(evs))


P, T, M = "person/vladimir-putin", "person/donald-trump", "person/emmanuel-macron"


def test_rows_and_columns(sample_dataset):
    rows = event_rows(sample_dataset)
    assert len(rows) == 5 and all(tuple(r) == EVENT_COLUMNS for r in rows)
    summit = next(r for r in rows if r["date_source"] == "text")
    assert summit["date"] == "2018-07-16" and summit["cameo_code"] == "044" and summit["cameo_root"] == "04"
    assert summit["date_precision"] == "day" and summit["sqldate"] == 20180716
    assert summit["plover_type"] == "CONSULT" and summit["plover_mode"] == "third-party"
    assert summit["quad_class"] == 1 and summit["goldstein"] == 2.5
    # persons carry their country's codes and a CAMEO-style actor code
    assert (summit["actor1_label"], summit["actor1_qid"], summit["actor1_iso3"], summit["actor1_cow"],
            summit["actor1_code"]) == ("Donald Trump", "Q22686", "USA", "2", "USAGOV")
    assert (summit["actor2_iso3"], summit["actor2_cow"], summit["actor2_code"]) == ("RUS", "365", "RUSGOV")
    assert summit["actor1_id"].endswith("person/donald-trump")
    assert (summit["place_label"], summit["place_qid"], summit["place_iso3"]) == ("Helsinki", "Q1757", "FIN")
    assert summit["factuality"] == "Actual" and summit["confidence"] == 0.9
    assert summit["doc_id"] == "sample" and summit["url"] == "file:sample.txt" and summit["mentions"] == 1
    assert "Helsinki" in summit["sentence"]
    aid = next(r for r in rows if r["cameo_code"] == "072")
    assert aid["actor2_iso3"] == "UKR" and aid["actor1_label"] == "" and aid["factuality"] == "Possible"
    assert aid["plover_context"] == "military" and aid["actor_count"] == 1


def test_every_dyadic_event_row_has_both_actors(sample_dataset):
    rows = event_rows(sample_dataset)
    dyadic = [r for r in rows if r["actor_count"] >= 2]
    assert len(dyadic) == 4  # the planned summit and the failed agreement have no source/target
    for r in dyadic:
        assert r["actor1_label"] and r["actor2_label"], r["event_id"]
        assert r["actor1_label"] != r["actor2_label"]


def test_symmetric_event_takes_text_order_with_or_without_source_and_target():
    text = "Vladimir Putin and Donald Trump signed a treaty."
    plain = _result(text, [dict(cameo_code="057", actors=(T, P), anchor="signed")])  # IRI order: donald first
    [row] = event_rows(to_dataset([plain]))
    assert (row["actor1_label"], row["actor2_label"]) == ("Vladimir Putin", "Donald Trump")
    assert row["actors"] == "Vladimir Putin;Donald Trump" and row["actor_count"] == 2
    # the symmetric convention: every participant an actor, source the subject side, target the partner
    both = _result(text, [dict(cameo_code="057", actors=(T, P), sources=(P,), targets=(T,), anchor="signed")])
    [row] = event_rows(to_dataset([both]))
    assert (row["actor1_code"], row["actor2_code"]) == ("RUSGOV", "USAGOV")


def test_directed_event_keeps_source_and_target_against_text_order():
    text = "Donald Trump was praised by Vladimir Putin."
    res = _result(text, [dict(cameo_code="051", actors=(P, T), sources=(P,), targets=(T,), anchor="praised")])
    [row] = event_rows(to_dataset([res]))
    assert (row["actor1_label"], row["actor2_label"]) == ("Vladimir Putin", "Donald Trump")


def test_nary_event_lists_every_participant_in_text_order():
    text = "Emmanuel Macron hosted Trump and Putin in Helsinki."
    res = _result(text, [dict(cameo_code="043", actors=(T, P, M), sources=(M,), place="place/helsinki",
                              anchor="hosted")])
    [row] = event_rows(to_dataset([res]))
    assert row["actors"] == "Emmanuel Macron;Donald Trump;Vladimir Putin" and row["actor_count"] == 3
    assert row["actor1_label"] == "Emmanuel Macron" and row["actor2_label"] == "Donald Trump;Vladimir Putin"
    assert row["actor2_code"] == "USAGOV;RUSGOV"
    assert (row["place_geonames_id"], row["place_iso3"]) == ("658225", "FIN")
    assert row["place_lat"] == pytest.approx(60.17, abs=0.01) and row["place_lon"] == pytest.approx(24.94, abs=0.01)


@pytest.mark.parametrize("sources,targets,parts,expected", [
    (["a"], ["b"], ["b", "a"], (["a"], ["b"])),
    (["a"], [], ["b", "a"], (["a"], ["b"])),
    ([], ["b"], ["b", "a"], (["a"], ["b"])),
    (["a", "b"], [], ["b", "a"], (["b"], ["a"])),
    ([], [], ["c", "a", "b"], (["c"], ["a"])),
    ([], [], ["a"], (["a"], [])),
    ([], ["a"], ["a"], ([], ["a"])),
])
def test_dyad_rules(sources, targets, parts, expected):
    assert dyad(sources, targets, parts) == expected


def test_date_precision_and_sqldate():
    text = "Putin met Trump. Putin called Trump. Putin praised Trump. Putin thanked Trump."
    res = _result(text, [
        dict(cameo_code="040", actors=(P, T), anchor="met", time=TimeValue(value="2025-10-16", granularity="day")),
        dict(cameo_code="041", actors=(P, T), anchor="called", time=TimeValue(value="2025-09", granularity="month")),
        dict(cameo_code="051", actors=(P, T), anchor="praised", time=TimeValue(value="1999", granularity="year")),
        dict(cameo_code="051", actors=(P, T), anchor="thanked"),
    ])
    rows = {r["cameo_code"] + r["date_source"]: r for r in event_rows(to_dataset([res]))}
    got = {k: (r["date"], r["date_precision"], r["sqldate"]) for k, r in rows.items()}
    assert got["040text"] == ("2025-10-16", "day", 20251016)
    assert got["041text"] == ("2025-09", "month", 20250901)
    assert got["051text"] == ("1999", "year", 19990101)
    # undated in the text: the publication date, as event coders do, and it says so
    assert got["051published"] == ("2025-10-17", "day", 20251017)
    undated = _result("Putin met Trump.", [dict(cameo_code="040", actors=(P, T), anchor="met")], published=None)
    [row] = event_rows(to_dataset([undated]))
    assert (row["date"], row["date_precision"], row["sqldate"]) == ("", "", None)


def test_actor_codes_are_in_the_graph(sample_dataset):
    codes = {str(s).rsplit("/", 1)[-1]: str(o) for s, _, o, _ in sample_dataset.quads((None, DK.actorCode, None, None))}
    assert codes["vladimir-putin"] == "RUSGOV" and codes["russia"] == "RUS" and codes["ukraine"] == "UKR"
    assert "helsinki" not in codes  # a place that is no actor gets none


def test_csv_is_deterministic(sample_dataset):
    exp = get("events-csv")
    data = exp.generate(sample_dataset)
    assert data == exp.generate(to_dataset([make_result()]))
    rows = list(csv.DictReader(io.StringIO(data.decode())))
    assert list(rows[0]) == list(EVENT_COLUMNS) and len(rows) == 5
    assert ".events.csv" in exp.extensions


def test_pandas_reads_codes_as_strings(sample_dataset, tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "x.events.csv"
    path.write_bytes(get("events-csv").generate(sample_dataset))
    df = pd.read_csv(path, dtype=PANDAS_DTYPES)
    assert set(df["cameo_code"]) == {"044", "051", "057", "072"}
    assert str(df["sqldate"].dtype) == "Int64" and df["sqldate"].notna().all()
    assert df["actor1_cow"].dropna().tolist()[0] in {"2", "365"}


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
    assert str(table.schema.field("sqldate").type) == "int64" and str(table.schema.field("cameo_code").type) == "string"
