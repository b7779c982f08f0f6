"""Each number a variation report names (report_terms.yaml) is cited at the provision that
states it: the labelled clause of the agreement holds the figure, in words or digits. (The
senior officers' meeting period was cited at the referral clause, one before it.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import pytest
import yaml

from s75docs.doctree.nodes import Node, inline_text, inlines_of
from s75docs.model.loader import load_scheme
from s75docs.pipeline import load_and_build
from s75docs.words import words

ROOT = Path(__file__).resolve().parents[2]
TERMS = yaml.safe_load((ROOT / "report_library" / "data" / "report_terms.yaml").read_text())


def _value(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = getattr(data, part, None)
    return data


def _text(node: Node) -> str:
    """The provision's words with its sub-provisions' (a citation of it covers them)."""
    return " ".join(inline_text(inlines_of(cast(Any, n))) for n in [node, *node.walk()])


FAIRHAVEN = ROOT / "examples" / "fairhaven" / "scheme.yaml"
_AGREEMENT = load_scheme(FAIRHAVEN).agreement  # read once, at collection (defaults filled in)


# the terms that are numbers in Fairhaven's agreement (its own file, read once at collection)
NUMBERS = [
    (key, entry["label"])
    for key, entry in TERMS["agreement"].items()
    if entry and entry.get("label") and type(_value(_AGREEMENT, key)) is int
]


@pytest.fixture(scope="module")
def fairhaven() -> Any:
    return load_and_build(FAIRHAVEN)


@pytest.mark.parametrize(("key", "label"), NUMBERS, ids=[k for k, _ in NUMBERS])
def test_a_number_is_cited_where_the_agreement_states_it(
    fairhaven: Any, key: str, label: str
) -> None:
    value = _value(fairhaven.data.agreement, key)
    assert isinstance(value, int)
    node = next(n for n in fairhaven.doc.walk() if n.label == label)
    text = _text(node)
    assert words(value) in text or str(value) in text, (key, label, text)
