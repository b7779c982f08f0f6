"""The context's partner helpers: "the other Partner" with two partners, the word asked for
with more, and the library spells the choice only through them."""

from __future__ import annotations

import re

import pytest

from s75docs.assemble.context import make_context, other_partner
from s75docs.library.loader import default_dirs, library_files
from s75docs.model.loader import load_scheme
from tests.helpers import FAIRHAVEN, ROOT

LEICESTERSHIRE = ROOT / "examples" / "leicestershire-bcf-2019" / "scheme.yaml"


@pytest.mark.parametrize(
    ("word", "adjective", "two", "more"),
    [
        ("the", "", "the other *Partner*", "the other *Partner*s"),
        ("each", "", "the other *Partner*", "each other *Partner*"),
        ("any", "", "the other *Partner*", "any other *Partner*"),
        ("another", "", "the other *Partner*", "another *Partner*"),
        ("the", "contributing", "the other *Partner*", "the other contributing *Partner*s"),
        ("Each", "contributing", "The other *Partner*", "Each other contributing *Partner*"),
        ("The", "", "The other *Partner*", "The other *Partner*s"),
    ],
)
def test_other_partner(word: str, adjective: str, two: str, more: str) -> None:
    assert other_partner(2, word, adjective) == two
    assert other_partner(3, word, adjective) == more
    assert other_partner(5, word, adjective) == more


def test_other_partner_refuses_a_word_it_does_not_know() -> None:
    with pytest.raises(ValueError, match='takes "the", "each", "any", "another", not "every"'):
        other_partner(3, "every")


def test_the_context_counts_the_partners() -> None:
    two = make_context(load_scheme(FAIRHAVEN))
    three = make_context(load_scheme(LEICESTERSHIRE))
    assert (two["two_partners"], three["two_partners"]) == (True, False)
    assert (two["other_partners"], three["other_partners"]) == (
        "other *Partner*",
        "other *Partner*s",
    )
    assert two["other_partner"]("each") == "the other *Partner*"
    assert three["other_partner"]("each") == "each other *Partner*"
    assert three["other_partner"]() == "the " + three["other_partners"]


def test_library_text_leaves_the_count_to_the_helpers() -> None:
    spelt = re.compile(r"partners\s*\|\s*length\s*==\s*2")
    found = [
        str(path)
        for folder in default_dirs()
        for path in library_files(folder)
        if spelt.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
