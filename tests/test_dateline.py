"""Wire-copy datelines: the pure parser, then what the pipeline does with one."""
from __future__ import annotations

from datetime import date

import pytest
import spacy

from kg.nlp.dateline import Dateline, dateline_of, in_dateline, parse_dateline, publication_date, split_dateline
from kg.nlp.extensions import install

install()


@pytest.mark.parametrize("text,place,region,agency,month,day,year", [
    ("LISBON, March 3 — Portugal and Angola signed a visa accord.", "LISBON", None, None, 3, 3, None),
    ("SAN JOSE, Costa Rica, Nov. 9 — Officials met.", "SAN JOSE", "Costa Rica", None, 11, 9, None),
    ("OSLO (Reuters) - Norway said it would send envoys.", "OSLO", None, "Reuters", None, None, None),
    ("HANOI — Vietnam expelled two diplomats.", "HANOI", None, None, None, None, None),
    ("ST. JOHN'S, Antigua, 14 February 2023 -- The island hosted talks.", "ST. JOHN'S", "Antigua", None, 2, 14, 2023),
    ("Canberra, Aug 2 (AAP) - Ministers gathered.", "Canberra", None, "AAP", 8, 2, None),
    ("TBILISI, Georgia (AP) — Protesters marched.", "TBILISI", "Georgia", "AP", None, None, None),
    ("  RABAT, Dec. 30: Morocco recalled its envoy.", "RABAT", None, None, 12, 30, None),
])
def test_datelines_are_parsed(text, place, region, agency, month, day, year):
    dl = parse_dateline(text)
    assert dl is not None
    assert (dl.place, dl.region, dl.agency, dl.month, dl.day, dl.year) == (place, region, agency, month, day, year)
    assert text[dl.place_start:dl.place_end] == place
    assert text[dl.end].isalpha()  # the report starts right after it


@pytest.mark.parametrize("text", [
    "Peru and Chile signed a border deal on Monday.",
    "Chile, Peru and Bolivia — three neighbours — met in Lima.",
    "The talks - which lasted hours - ended.",
    "Lima, the Peruvian capital, hosted the summit.",
    "NATO allies met in Brussels.",
    "Quito — the talks continue.",  # a title-case place needs a date or an agency
    "BOGOTA, February 31 — no such day.",
    "",
])
def test_not_datelines(text):
    assert parse_dateline(text) is None


def test_place_name_and_date_near():
    dl = parse_dateline("NEW DELHI, Dec. 31 — India hosted the summit.")
    assert dl.place_name == "New Delhi"
    # the dateline day nearest the reference: a report of 31 Dec published on 1 Jan
    assert dl.date_near(date(2025, 1, 1)) == date(2024, 12, 31)
    assert dl.date_near(date(2024, 12, 31)) == date(2024, 12, 31)
    assert parse_dateline("HANOI — Talks.").date_near(date(2024, 1, 1)) is None
    assert parse_dateline("HANOI, 2 May 2019 — Talks.").date_near(date(2024, 1, 1)) == date(2019, 5, 2)


def test_dateline_is_a_value_object():
    dl = parse_dateline("ACCRA, June 5 — Ghana and Togo agreed.")
    assert dl == Dateline(start=0, end=16, place="ACCRA", place_start=0, place_end=5, month=6, day=5)
    with pytest.raises(AttributeError):
        dl.place = "x"  # type: ignore[misc]


def _doc(text: str, published: str | None = None):
    doc = spacy.blank("en")(text)
    doc._.kg_published = published
    return doc


def test_doc_extension_and_membership():
    doc = _doc("CAIRO, May 4 — Egypt hosted Sudan's generals in Cairo.")
    assert doc._.kg_dateline == dateline_of(doc) and doc._.kg_dateline.place == "CAIRO"
    cairo = [t for t in doc if t.text == "Cairo"]
    assert in_dateline(doc[0]) and in_dateline(doc[2:4])
    assert not in_dateline(cairo[0]) and not in_dateline(doc[6:8])
    assert not in_dateline(_doc("Egypt hosted talks in Cairo.")[0])


def test_split_dateline_makes_it_a_sentence():
    doc = split_dateline(_doc("KYIV, Oct. 2 — Ukraine and Poland signed a grain deal."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Ukraine" in starts
    assert all(t.is_sent_start is False for t in doc[1:5])
    plain = split_dateline(_doc("Ukraine and Poland signed a grain deal."))
    assert not any(t.is_sent_start for t in plain[1:])


def test_publication_date_prefers_the_given_date():
    assert publication_date(_doc("KYIV, Oct. 2 — Talks.", "2023-10-02")) == date(2023, 10, 2)
    assert publication_date(_doc("KYIV, 2 Oct 2023 — Talks.")) == date(2023, 10, 2)
    assert publication_date(_doc("KYIV, Oct. 2 — Talks.")) is None  # no year: nothing to anchor on
    assert publication_date(_doc("Talks in Kyiv.")) is None


# --------------------------------------------------------------------------- with the model

def _build(kg_nlp, text: str, published: str):
    doc = kg_nlp.make_doc(text)
    doc._.kg_published = published
    return kg_nlp(doc)


@pytest.mark.model
@pytest.mark.parametrize("text,published,trigger,expected_actors,day", [
    ("ANKARA, March 5 — Turkish and Greek ministers met in Ankara on Tuesday.", "2024-03-05", "met",
     {"country/turkey", "country/greece"}, "2024-03-05"),
    ("MADRID, Sept. 12 — Spain expelled two Russian diplomats on Monday.", "2023-09-12", "expelled",
     {"country/spain", "country/russia"}, "2023-09-11"),
    ("NAIROBI, Kenya (AP) — Kenya and Uganda signed a trade pact.", "2024-06-07", "signed",
     {"country/kenya", "country/uganda"}, None),
    ("BERLIN (Reuters) - Germany condemned North Korea's missile launch.", "2024-06-07", "condemned",
     {"country/germany", "country/north-korea"}, None),
    ("WARSAW — Poland accused Belarus of staging border provocations on Sunday.", "2024-06-04", "accused",
     {"country/poland", "country/belarus"}, "2024-06-02"),
])
def test_model_dateline_is_no_actor_and_dates_nothing(kg_nlp, text, published, trigger, expected_actors, day):
    doc = _build(kg_nlp, text, published)
    ev = next(e for e in doc._.kg_events if e["trigger"] == trigger)
    assert set(ev["actors"]) <= expected_actors and ev["actors"]
    dl = doc._.kg_dateline
    assert not any(ref_in(doc, dl) for _ in [0])
    assert (ev["time"] or {}).get("value") == day
    assert not ev["sentence"].startswith(dl.place)


def ref_in(doc, dl) -> bool:
    """Whether any token of the dateline stands for an entity."""
    return any(i for i in (doc._.kg_refs or {}) if doc[i].idx < dl.end)
