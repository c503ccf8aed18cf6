"""The ontology files: every dk: term defined and documented, CAMEO/PLOVER complete, generated files fresh."""
from __future__ import annotations

import csv
import importlib.util
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg import cameo
from kg.vocab import CAMEO, DK, PLOVER, SEM

ROOT = Path(__file__).resolve().parent.parent
DK_NS = str(DK._NS)
ONTOLOGY_IRI = URIRef("https://w3id.org/diplokg/ontology")


@lru_cache(maxsize=None)
def _graph(name: str) -> Graph:
    text = resources.files("kg.ontology").joinpath(name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def _vocab_terms() -> set[str]:
    return set(DK.__annotations__)


def _diplo_terms() -> set[str]:
    g = _graph("diplo.ttl")
    return {str(s)[len(DK_NS):] for s in g.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(DK_NS)}


def _gen_module():
    spec = importlib.util.spec_from_file_location("gen_ontology", ROOT / "scripts" / "gen_ontology.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("name", ["diplo.ttl", "shapes.ttl", "cameo.ttl", "plover.ttl"])
def test_ontology_files_ship_and_parse(name):
    assert len(_graph(name)) > 50


def test_every_vocab_term_is_defined_in_diplo():
    missing = _vocab_terms() - _diplo_terms()
    assert not missing, f"dk: terms in kg/vocab.py but not in diplo.ttl: {sorted(missing)}"


def test_every_diplo_term_is_in_vocab():
    extra = _diplo_terms() - _vocab_terms()
    assert not extra, f"dk: terms in diplo.ttl but not in kg/vocab.py's DK: {sorted(extra)}"


def test_every_dk_term_the_code_writes_is_defined():
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        used |= set(re.findall(r"\bDK\.([A-Za-z]\w*)", path.read_text(encoding="utf-8")))
    used -= {"_NS"}
    assert used, "expected the code to use DK terms"
    assert not used - _diplo_terms(), sorted(used - _diplo_terms())


def test_every_class_and_property_has_label_and_comment():
    g = _graph("diplo.ttl")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    terms = {s for k in kinds for s in g.subjects(RDF.type, k) if isinstance(s, URIRef)}
    assert len(terms) > 60
    for t in terms:
        assert g.value(t, RDFS.label) is not None, f"{t} has no rdfs:label"
        assert g.value(t, RDFS.comment) is not None, f"{t} has no rdfs:comment"


def test_ontology_header_has_version():
    g = _graph("diplo.ttl")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert str(g.value(ONTOLOGY_IRI, OWL.versionIRI)).startswith(str(ONTOLOGY_IRI) + "/")


def test_event_classes_follow_cameo_classes_csv():
    g = _graph("diplo.ttl")
    rows = list(csv.DictReader(resources.files("kg.data").joinpath("cameo_classes.csv")
                               .read_text(encoding="utf-8").splitlines()))
    table = {r["prefix"]: r["class"] for r in rows}
    for prefix, cls in table.items():
        parents = [table[prefix[:n]] for n in range(len(prefix) - 1, 1, -1) if prefix[:n] in table]
        expected = DK[parents[0]] if parents else SEM.Event
        assert (DK[cls], RDFS.subClassOf, expected) in g, f"dk:{cls} (CAMEO {prefix}) should be below {expected}"
        assert (DK[cls], RDFS.seeAlso, CAMEO[prefix]) in g
    for root in cameo.ROOTS:
        assert root in table, f"CAMEO root {root} has no event class"


def test_entity_classes_are_actors_or_places():
    g = _graph("diplo.ttl")
    actors = {s for s in g.subjects(RDFS.subClassOf, SEM.Actor)}
    places = {s for s in g.subjects(RDFS.subClassOf, SEM.Place)}
    assert {DK.Person, DK.Country, DK.Organization, DK.Group} <= actors
    assert {DK.Country, DK.City, DK.Place} <= places
    assert DK.Weapon not in actors | places


def test_factuality_is_closed_and_met_symmetric():
    g = _graph("diplo.ttl")
    for v in ("Actual", "Negated", "Planned", "Possible"):
        assert (DK[v], RDF.type, DK.Factuality) in g
    assert (DK.met, RDF.type, OWL.SymmetricProperty) in g
    assert (DK.factuality, RDFS.range, DK.Factuality) in g


def test_alignments_to_sem_schema_wikidata_prov():
    g = _graph("diplo.ttl")
    objects = {str(o) for o in g.objects()}
    for iri in ("http://www.wikidata.org/prop/direct/P710", "http://www.wikidata.org/prop/direct/P276",
                "http://www.wikidata.org/prop/direct/P585", "https://schema.org/Event",
                "https://schema.org/location", "https://schema.org/startDate",
                "http://www.w3.org/ns/prov#wasInfluencedBy", str(SEM.hasActor)):
        assert iri in objects, f"no alignment to {iri}"


def test_every_cameo_code_is_in_the_scheme():
    g = _graph("cameo.ttl")
    scheme = URIRef(str(CAMEO))
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    assert g.value(scheme, DCTERMS.source) is not None and g.value(scheme, DCTERMS.license) is not None
    book = cameo.codebook()
    assert len(book) == 312
    for code, entry in book.items():
        c = CAMEO[code]
        assert (c, RDF.type, SKOS.Concept) in g, code
        assert (c, SKOS.inScheme, scheme) in g
        assert (c, SKOS.notation, Literal(code)) in g
        assert g.value(c, SKOS.prefLabel) is not None
        assert float(g.value(c, DK.goldstein)) == pytest.approx(entry.goldstein)
        if len(code) == 2:
            assert (scheme, SKOS.hasTopConcept, c) in g
        else:
            assert (c, SKOS.broader, CAMEO[code[:2] if len(code) == 3 else code[:3]]) in g
    concepts = {s for s in g.subjects(RDF.type, SKOS.Concept)}
    assert len(concepts) == len(book)


def test_plover_scheme_and_mapping_agree_with_kg_cameo():
    g = _graph("plover.ttl")
    scheme = URIRef(str(PLOVER))
    assert g.value(scheme, DCTERMS.license) is not None and g.value(scheme, DCTERMS.source) is not None
    types = json.loads(resources.files("kg.data").joinpath("cameo/plover_types.json").read_text())["event_types"]
    for t in types:
        c = PLOVER[t["name"]]
        assert (c, RDF.type, SKOS.Concept) in g
        assert (c, DK.quadClass, Literal(t["quad"], datatype=ns.XSD.integer)) in g
        for mode in t["modes_manual"]:
            assert (PLOVER[f"{t['name']}/{mode}"], SKOS.broader, c) in g
    for code in cameo.codebook():
        ptype = cameo.plover_type(code)
        matched = set(g.objects(CAMEO[code], SKOS.broadMatch)) | set(g.objects(CAMEO[code], SKOS.closeMatch))
        if ptype is None:
            assert not matched, code
        else:
            assert PLOVER[ptype] in matched, f"CAMEO {code} should map to PLOVER {ptype}"
    assert (CAMEO["041"], SKOS.closeMatch, PLOVER["CONSULT/phone"]) in g


def test_shapes_list_every_cameo_code():
    text = resources.files("kg.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")
    block = text[text.index("# BEGIN GENERATED"):text.index("# END GENERATED")]
    assert set(re.findall(r'"(\d+)"', block)) == set(cameo.codebook())


def test_generated_files_are_up_to_date():
    stale = _gen_module().stale()
    assert not stale, f"regenerate with: .venv/bin/python scripts/gen_ontology.py ({[p.name for p in stale]})"


def test_generation_is_deterministic():
    gen = _gen_module()
    assert gen.generate() == gen.generate()


@pytest.mark.parametrize("name", ["triggers.csv", "intent_codes.csv"])
def test_every_code_the_extractor_can_emit_is_in_the_cameo_scheme(name):
    # triggers.csv: the trigger lexicon; intent_codes.csv: the codes intent/refusal recoding maps to
    path = ROOT / "kg" / "data" / name
    if not path.exists():
        pytest.skip(f"kg/data/{name} does not exist yet")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = list(csv.DictReader(lines))
    codes = {r["code"].strip() for r in rows if (r.get("code") or "").strip()}
    notations = {str(o) for o in _graph("cameo.ttl").objects(None, SKOS.notation)}
    assert codes, f"{name} has no codes"
    assert not codes - notations, f"{name}: codes not in CAMEO: {sorted(codes - notations)}"
