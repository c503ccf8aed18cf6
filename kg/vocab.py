"""Closed vocabularies as namespace classes: a typo in a term fails loudly.

Every ``dk:`` term the code writes is listed here and defined in
``ontology/diplo.ttl`` (a test checks both directions).
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

__all__ = [
    "DK", "SEM", "NIF", "WD", "SCHEMA", "CAMEO", "PLOVER", "DEFAULT_BASE",
    "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD", "PREFIXES",
]

DEFAULT_BASE = "https://w3id.org/diplokg/id/"


class DK(DefinedNamespace):
    """The project's own terms (``https://w3id.org/diplokg/ontology#``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplokg/ontology#")

    # entity classes
    Person: URIRef
    Country: URIRef
    City: URIRef
    Place: URIRef
    Organization: URIRef
    Group: URIRef
    Weapon: URIRef
    # event classes: one per CAMEO root, plus finer ones the contract names
    MakeStatement: URIRef
    Appeal: URIRef
    ExpressIntent: URIRef
    Consult: URIRef
    Meeting: URIRef
    PhoneCall: URIRef
    Negotiation: URIRef
    DiplomaticCooperation: URIRef
    Agreement: URIRef
    MaterialCooperation: URIRef
    ProvideAid: URIRef
    Yield: URIRef
    Release: URIRef
    Ceasefire: URIRef
    Investigate: URIRef
    Demand: URIRef
    Disapprove: URIRef
    Reject: URIRef
    Threaten: URIRef
    Protest: URIRef
    ExhibitForcePosture: URIRef
    ReduceRelations: URIRef
    Sanction: URIRef
    Coerce: URIRef
    Assault: URIRef
    Fight: URIRef
    MassViolence: URIRef
    # factuality
    Factuality: URIRef
    Actual: URIRef
    Negated: URIRef
    Planned: URIRef
    Possible: URIRef
    # event properties
    cameoCode: URIRef
    ploverType: URIRef
    quadClass: URIRef
    goldstein: URIRef
    factuality: URIRef
    confidence: URIRef
    source: URIRef
    target: URIRef
    theme: URIRef
    mergedFrom: URIRef
    # mention properties
    sentence: URIRef
    trigger: URIRef
    # entity properties
    memberOf: URIRef
    role: URIRef
    iso2: URIRef
    iso3: URIRef
    cowCode: URIRef
    geonamesId: URIRef
    actorCode: URIRef
    # the simple triples view
    met: URIRef
    locatedIn: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model terms used by the contract."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    eventType: URIRef
    EventType: URIRef


class NIF(DefinedNamespace):
    """NIF core: text mentions and their offsets."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    String: URIRef
    Context: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    referenceContext: URIRef
    isString: URIRef


WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")
CAMEO = Namespace("https://w3id.org/diplokg/cameo/")
PLOVER = Namespace("https://w3id.org/diplokg/plover/")

# prefix -> namespace, bound on every graph the product writes
PREFIXES: dict[str, str] = {
    "dk": str(DK._NS),
    "sem": str(SEM._NS),
    "prov": str(PROV),
    "nif": str(NIF._NS),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "wd": str(WD),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "cameo": str(CAMEO),
    "plover": str(PLOVER),
    "schema": str(SCHEMA),
}


def _resolve_terms(*namespaces: type[DefinedNamespace]) -> None:
    """Store each declared term on its namespace class, once.

    A term of a ``DefinedNamespace`` is otherwise looked up through the
    metaclass on every access (a few microseconds: a build reads terms for
    every triple it makes). The values are the same URIRefs; an undeclared
    name still fails through the metaclass, as before.
    """
    for ns in namespaces:
        for klass in ns.__mro__:
            if not (isinstance(klass, type) and issubclass(klass, DefinedNamespace)) or klass is DefinedNamespace:
                continue
            for name in getattr(klass, "__annotations__", {}):
                if not name.startswith("_") and name not in ns.__dict__:
                    type.__setattr__(ns, name, ns._NS[name])


_resolve_terms(DK, SEM, NIF, RDF, RDFS, OWL, XSD, SKOS, PROV, DCTERMS)
