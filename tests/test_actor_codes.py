"""kg.actor_codes: CAMEO-style actor codes from kind, role, membership and sector noun."""
from __future__ import annotations

import pytest

from kg.actor_codes import actor_code, codes_for_entities, sector_codes, sector_of_group
from kg.graph import to_dataset
from kg.model import Document, DocumentResult, Entity, Event, Mention
from kg.validate import validate
from kg.vocab import DK


@pytest.mark.parametrize("key,code", [
    ("group/iraq-police", "COP"),
    ("group/ukraine-troops", "MIL"),
    ("group/rebels", "REB"),
    ("group/syria-security-forces", "COP"),  # the longer noun wins over 'forces'
    ("group/russia-journalists", "MED"),
    ("group/venezuela-opposition", "OPP"),
    ("group/gaza-civilians", "CVL"),
    ("group/whatever", None),
])
def test_sector_of_group(key, code):
    assert sector_of_group(key) == code


@pytest.mark.parametrize("kind,key,kw,code", [
    ("Country", "country/russia", dict(iso3="RUS"), "RUS"),
    ("Person", "person/x", dict(role="president", parent="RUS"), "RUSGOV"),
    ("Person", "person/x", dict(role="Senator", parent="USA"), "USALEG"),
    ("Person", "person/x", dict(role="army chief", parent="PAK"), "PAKMIL"),
    ("Person", "person/x", dict(parent="FRA"), "FRA"),                       # no office: the country
    ("Person", "person/x", dict(role="secretary-general", parent="IGO"), "IGO"),  # an IGO's official
    ("Person", "person/x", dict(role="president"), "GOV"),
    ("Person", "person/x", dict(), None),
    ("Group", "group/iraq-police", dict(parent="IRQ"), "IRQCOP"),
    ("Group", "group/rebels", dict(), "REB"),
    ("Organization", "org/kremlin", dict(label="Kremlin"), "RUSGOV"),
    ("Organization", "org/nato", dict(label="NATO"), "IGO"),
    ("Organization", "org/hamas", dict(label="Hamas", parent="PSE"), "PSEREB"),
    ("Organization", "org/acme-ltd", dict(label="Acme Ltd"), None),
    ("City", "place/moscow", dict(parent="RUS"), "RUS"),
])
def test_actor_code(kind, key, kw, code):
    assert actor_code(kind, key, **kw) == code


def test_every_sector_noun_has_a_code():
    import csv
    from importlib import resources
    rows = csv.DictReader(resources.files("kg.data").joinpath("actor_nouns.csv").read_text().splitlines())
    assert {r["sector"] for r in rows} <= set(sector_codes())


def test_membership_chains_and_gazetteer_fallback():
    ents = [
        Entity(key="person/a", label="A", kind="Person", member_of="group/iraq-police"),
        Entity(key="group/iraq-police", label="Iraqi police", kind="Group", member_of="country/iraq"),
        Entity(key="person/b", label="B", kind="Person", member_of="country/ukraine", role="defence minister"),
    ]
    codes = codes_for_entities(ents)  # neither country is in the list: the gazetteer gives IRQ and UKR
    assert codes == {"person/a": "IRQCOP", "group/iraq-police": "IRQCOP", "person/b": "UKRGOV"}


def test_codes_in_rdf_conform_to_the_shapes():
    text = "Iraqi police met rebels."
    ents = (Entity(key="group/iraq-police", label="Iraqi police", kind="Group", member_of="country/iraq"),
            Entity(key="country/iraq", label="Iraq", kind="Country", iso3="IRQ"),
            Entity(key="group/rebels", label="rebels", kind="Group"))
    m = Mention(doc_id="d", begin=13, end=16, anchor="met", sentence=text)
    ev = Event(key="event/d-1", cameo_code="040", label="met", actors=("group/iraq-police", "group/rebels"),
               confidence=0.6, mentions=(m,))
    ds = to_dataset([DocumentResult(document=Document(id="d", text=text, source="file:d.txt"),
                                    entities=ents, events=(ev,))])
    got = {str(s).rsplit("/", 1)[-1]: str(o) for s, _, o, _ in ds.quads((None, DK.actorCode, None, None))}
    assert got == {"iraq-police": "IRQCOP", "iraq": "IRQ", "rebels": "REB"}
    assert validate(ds).conforms


def test_shapes_reject_a_malformed_code(sample_dataset):
    from rdflib import Literal
    node = next(s for s, _, _, _ in sample_dataset.quads((None, DK.actorCode, None, None)))
    graph = next(c for c in sample_dataset.graphs() if (node, DK.actorCode, None) in c)
    graph.add((node, DK.actorCode, Literal("rus-gov")))
    assert not validate(sample_dataset).conforms
