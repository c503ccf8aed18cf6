"""The ontology files (OWL, SHACL, CAMEO/PLOVER schemes, named queries), shipped as package data."""
