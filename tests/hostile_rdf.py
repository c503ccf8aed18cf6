"""A dataset shaped like a build's, with hostile values in it (for the output tests and the fuzz suite)."""
from __future__ import annotations

from rdflib import Literal, URIRef

from kg.graph import to_dataset
from kg.vocab import DK, RDFS, SEM, XSD

from conftest import make_result

ID = "https://w3id.org/diplokg/id/"
HOSTILE_TEXT = ("ctl\x01\x02\x1f ff\x0c nel\x85 ls\u2028 ps\u2029 nonchar\uffff\ufffe edge\ud7ff "
                "cr\r lf\n tab\t quote\" back\\ ]]> <script>alert(1)</script> &amp; emoji\U0001F600")


def hostile_dataset(label: str = HOSTILE_TEXT):
    ds = to_dataset([make_result("a")])
    g = max(ds.graphs(), key=len)
    ev = URIRef(ID + "event/a-1")
    putin = URIRef(ID + "person/vladimir-putin")
    for o in list(g.objects(putin, RDFS.label)):
        g.remove((putin, RDFS.label, o))
    g.add((putin, RDFS.label, Literal(label)))
    for p in (DK.confidence, DK.goldstein, DK.quadClass, SEM.hasTimeStamp):
        for o in list(g.objects(ev, p)):
            g.remove((ev, p, o))
    g.add((ev, DK.confidence, Literal("NaN", datatype=XSD.decimal)))
    g.add((ev, DK.goldstein, Literal("INF", datatype=XSD.double)))
    g.add((ev, DK.quadClass, Literal("abc", datatype=XSD.integer)))
    g.add((ev, SEM.hasTimeStamp, Literal("2020-13-45", datatype=XSD.date)))
    return ds
