"""The helpers report wording uses: list punctuation, brackets, groups, citations."""

from __future__ import annotations

from types import SimpleNamespace

from s75docs.reports.facts import group_by
from s75docs.words import between, ending, lower, paren


def _loop(index: int, length: int) -> SimpleNamespace:
    return SimpleNamespace(last=index == length - 1, revindex=length - index)


def test_list_punctuation() -> None:
    assert [ending(_loop(i, 3)) for i in range(3)] == [";", ";", "."]
    assert [ending(_loop(i, 3), "and") for i in range(3)] == [";", "; and", "."]
    assert [between(_loop(i, 3)) for i in range(3)] == [", ", " and ", ""]
    assert [between(_loop(i, 1)) for i in range(1)] == [""]


def test_brackets_case_and_groups() -> None:
    assert paren("Clause 4") == " (Clause 4)" and paren("") == ""
    assert lower("End of the term") == "end of the term" and lower("ICB Board") == "ICB Board"
    groups = group_by(["a1", "b1", "a2", "c1"], lambda s: s[0])
    assert groups == [("a", ["a1", "a2"]), ("b", ["b1"]), ("c", ["c1"])]
