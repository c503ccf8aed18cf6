"""Every key an entity references (member_of, located_in, actor_key) is described in the document's entities."""
from __future__ import annotations

from functools import partial

from kg.nlp.entities import ENTITY_FIELDS, _add_entity, _used_entities
from kg.nlp.gazetteer import load_gazetteer


def _row(key: str, **fields) -> dict:
    return {f: None for f in ENTITY_FIELDS} | {"key": key, "aliases": []} | fields


def _closure(entities: dict, refs: dict) -> dict:
    return _used_entities(entities, refs, partial(_add_entity, entities, load_gazetteer()))


def test_an_affiliation_no_token_stands_for_keeps_its_description():
    # 'Arland Labour Minister Tom Vale': the title took the token of 'Labour', the affiliation stays described
    entities = {"person/tom-vale": _row("person/tom-vale", label="Tom Vale", kind="Person", member_of="org/labour"),
                "org/labour": _row("org/labour", label="Labour", kind="Organization")}
    out = _closure(entities, {3: ["person/tom-vale"]})
    assert out["org/labour"]["label"] == "Labour" and out["org/labour"]["kind"] == "Organization"


def test_a_reference_nothing_describes_is_dropped_not_left_empty():
    entities = {"person/tom-vale": _row("person/tom-vale", label="Tom Vale", kind="Person", member_of="org/nowhere")}
    out = _closure(entities, {3: ["person/tom-vale"]})
    assert "org/nowhere" not in out and out["person/tom-vale"]["member_of"] is None


def test_a_gazetteer_affiliation_is_added_from_the_gazetteer():
    entities = {"person/tom-vale": _row("person/tom-vale", label="Tom Vale", kind="Person",
                                        member_of="country/france")}
    out = _closure(entities, {3: ["person/tom-vale"]})
    assert out["country/france"]["kind"] == "Country"


def test_every_reference_of_a_real_document_is_described(kg_nlp):
    doc = kg_nlp("The strike followed a bill signed by Serbian Labour Minister Dragan Milovanovic on Monday. "
                 "Trade Minister Ana Brnabic said the bill would pass.")
    ents = doc._.kg_entities
    for row in ents.values():
        for f in ("member_of", "located_in", "actor_key"):
            if row.get(f):
                assert ents[row[f]]["label"] and ents[row[f]]["kind"], (row["key"], f)
