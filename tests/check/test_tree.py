"""build_tree: levels and number tuples read from printed numbers ("12.3", "(c)", "(xiv)")."""

from __future__ import annotations

import pytest

from s75docs.check.read_text import parse_text
from s75docs.check.tree import ReadDocument, build_tree
from s75docs.doctree.nodes import Item
from s75docs.doctree.numbers import roman

HEAD = "THIS AGREEMENT is made on 1 April 2024\n\n1 OBLIGATIONS\n\n1.1 The Partners shall:\n\n"


def read(*numbers: str, head: str = HEAD) -> ReadDocument:
    text = head + "".join(f"{n} thing {n.strip('()')};\n\n" for n in numbers)
    paragraphs, _ = parse_text(text)
    return build_tree(paragraphs, "agreement.md")


def items(read_doc: ReadDocument) -> dict[str, Item]:
    return {item.full_number: item for item, _raw in read_doc.items}


def test_numbers_are_held_as_tuples() -> None:
    found = items(read("(a)", "(i)", "(ii)", "(b)", head=HEAD + "1.2 Also:\n\n"))
    assert {n: (i.level, i.path) for n, i in found.items()} == {
        "1": (1, (1,)),
        "1.1": (2, (1, 1)),
        "1.2": (2, (1, 2)),
        "1.2(a)": (4, (1, 2, 1)),
        "1.2(a)(i)": (5, (1, 2, 1, 1)),
        "1.2(a)(ii)": (5, (1, 2, 1, 2)),
        "1.2(b)": (4, (1, 2, 2)),
    }


NUMERALS = [roman(n) for n in range(1, 13)]


def test_roman_numerals_go_on_past_twelve() -> None:
    """(xiii) used to be read as a letter, breaking the list under (a) in two."""
    found = items(read("(a)", *(f"({n})" for n in [*NUMERALS, "xiii", "xiv"]), "(b)"))
    assert found["1.1(a)(xiii)"].path == (1, 1, 1, 13)
    assert found["1.1(a)(xiv)"].level == 5
    assert found["1.1(b)"].path == (1, 1, 2)


@pytest.mark.parametrize(
    ("before", "number", "level"),
    [
        (["(g)", "(h)"], "(i)", 4),  # continues the letters
        (["(j)"], "(i)", 5),  # the first numeral under (j)
        (["(u)"], "(v)", 4),
        (["(u)", "(i)", "(ii)", "(iii)", "(iv)"], "(v)", 5),  # was read as the letter after (u)
        ([f"({c})" for c in "abcdefgh"] + ["(hh)"], "(ii)", 4),  # was read as a numeral
        ([], "(l)", 4),  # the twelfth letter, not fifty
        ([], "(c)", 4),
        ([], "(v)", 5),
    ],
)
def test_a_letter_or_a_numeral_by_what_it_continues(
    before: list[str], number: str, level: int
) -> None:
    found = [item for item, _raw in read(*before, number).items]
    assert (found[-1].number, found[-1].level) == (number, level)


def test_letters_do_not_carry_over_into_the_next_clause() -> None:
    """After (h) in clause 1.1, the (i) that opens 1.2 is a numeral (it was a letter)."""
    found = items(read("(g)", "(h)", "1.2 Further:", "(i)", "(ii)"))
    assert found["1.2(i)"].level == found["1.2(ii)"].level == 5


def test_a_number_that_cannot_be_read_has_no_tuple() -> None:
    found = items(read("1.1.0"))
    assert found["1.1.0"].path == ()


@pytest.mark.parametrize(
    "text",
    [
        "the Trust executes under paragraph 33 of Schedule 4 to the 2006 Act",
        "as Schedule 1 to the Data Protection Act 2018 provides",
        "under Clause 3 of the 2013 Order",
    ],
)
def test_a_provision_of_a_statute_is_not_a_citation_of_the_agreement(text: str) -> None:
    from s75docs.check.tree import citations
    from s75docs.doctree.nodes import Cited

    assert [i for i in citations(text) if isinstance(i, Cited)] == []
