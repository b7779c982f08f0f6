"""The words a deed quotes are unique in their provision as a reader finds them."""

from __future__ import annotations

from s75docs.doctree.nodes import Text
from s75docs.variation.atoms import atoms, text_of
from s75docs.variation.diff import word_hunks


def _hunks(old: str, new: str) -> list[tuple[str, str]]:
    return [
        (text_of(h.old), text_of(h.new)) for h in word_hunks(atoms([Text(old)]), atoms([Text(new)]))
    ]


def test_a_quoted_word_is_unique_whatever_its_case() -> None:
    old = "Learning Disability Joint Commissioning, which uses lead commissioning;"
    new = "Learning Disability Joint Commissioning, which uses lead commissioning and ends;"
    ((quoted, replacement),) = _hunks(old, new)
    assert quoted.casefold() != "commissioning"  # "Commissioning" is in the name too
    assert old.casefold().count(quoted.casefold()) == 1
    assert old.replace(quoted, replacement) == new


def test_a_word_that_is_unique_is_quoted_alone() -> None:
    assert _hunks("the Council pays monthly", "the Council pays quarterly") == [
        ("monthly", "quarterly")
    ]
