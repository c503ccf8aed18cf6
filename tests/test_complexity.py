"""No function of the extraction package grows past cyclomatic complexity 25 (issue 10).

Rules are added as small registered stages, never as new branches of one
long function; radon measures it the way the issue states the limit.
"""
from __future__ import annotations

from pathlib import Path

import pytest

radon_complexity = pytest.importorskip("radon.complexity")

LIMIT = 25
NLP = Path(__file__).resolve().parents[1] / "kg" / "nlp"


def test_no_function_in_kg_nlp_is_above_the_limit():
    over = []
    for path in sorted(NLP.rglob("*.py")):
        for block in radon_complexity.cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > LIMIT:
                over.append(f"{path.relative_to(NLP.parent.parent)}:{block.lineno} {block.name} ({block.complexity})")
    assert not over, "functions above complexity 25: " + ", ".join(over)
