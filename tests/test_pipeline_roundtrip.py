"""A saved pipeline reloads with plain ``spacy.load`` in a fresh process (the spacy_factories entry points).

The fresh process imports nothing from ``kg`` itself: spaCy finds the four
factories through the package's entry points and rebuilds each component
from the saved config, including the ``kg_events`` stage list and weights.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from kg.nlp.components import add_components

SENTENCE = ("Vladimir Putin met Donald Trump in Helsinki on Monday. "
            "France condemned the attack, and the two leaders agreed to meet again.")

_CHILD = textwrap.dedent("""
    import json, sys
    import spacy
    nlp = spacy.load(sys.argv[1])
    doc = nlp.make_doc(sys.argv[2])
    doc._.kg_published = "2018-07-16"
    doc = nlp(doc)
    print(json.dumps({"pipes": nlp.pipe_names, "events": doc._.kg_events,
                      "stages": nlp.get_pipe("kg_events").stages,
                      "floor": nlp.get_pipe("kg_events").weights["floor"],
                      "min_weight": nlp.get_pipe("kg_events").min_weight}))
""")


def _events(nlp, text: str) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.kg_published = "2018-07-16"
    return nlp(doc)._.kg_events


def _reload(path, text: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), text], capture_output=True, text=True,
                         timeout=300, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_blank_pipeline_with_custom_config_round_trips(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    add_components(nlp)
    nlp.add_pipe("kg_events", config={"min_weight": 0.5, "confidence": {"floor": 0.2}})
    nlp.to_disk(tmp_path / "pipe")
    got = _reload(tmp_path / "pipe", SENTENCE)
    assert got["pipes"] == ["kg_gazetteer", "kg_entities", "kg_coref", "kg_events"]
    assert got["stages"] == nlp.get_pipe("kg_events").stages
    assert (got["floor"], got["min_weight"]) == (0.2, 0.5)  # the config travels with the saved pipeline
    assert got["events"] == _events(nlp, SENTENCE)  # no parser: no events, but the same (empty) result


@pytest.mark.model
def test_saved_model_pipeline_gives_the_same_events(tmp_path):
    from kg.nlp.pipeline import load_pipeline

    try:
        nlp = load_pipeline()
    except Exception as exc:  # noqa: BLE001 - the model package is optional for this test
        pytest.skip(f"model not installed: {exc}")
    want = _events(nlp, SENTENCE)
    assert want, "the sentence should give events"
    nlp.to_disk(tmp_path / "pipe")
    got = _reload(tmp_path / "pipe", SENTENCE)
    assert got["pipes"] == nlp.pipe_names
    assert got["events"] == want
