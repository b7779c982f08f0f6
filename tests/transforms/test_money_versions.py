"""A later version of an agreement keeps printing pence once an earlier one did: a variation
that removes the last amount in pence must not restate every figure ("£1,000.00" as "£1,000")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from s75docs.doctree.nodes import Document, MoneyAmount, Para
from s75docs.transforms.money import format_money, keep_pence, shows_pence


def _doc(*amounts: str, style: str = "pounds") -> Document:
    doc = Document(children=[Para(inlines=[MoneyAmount(Decimal(a)) for a in amounts])])
    format_money(doc, style)
    return doc


def _texts(doc: Document) -> list[str]:
    return [
        i.text
        for n in doc.walk()
        if isinstance(n, Para)
        for i in n.inlines
        if isinstance(i, MoneyAmount)
    ]


def test_pence_once_shown_are_kept_in_the_next_version() -> None:
    before, after = _doc("1000", "2.50"), _doc("1000", "3")
    assert _texts(after) == ["£1,000", "£3"] and shows_pence(before)
    keep_pence(after, before)
    assert _texts(after) == ["£1,000.00", "£3.00"] and shows_pence(after)
    later = _doc("1000", "4")  # and in the version after that, whose own amounts are whole
    keep_pence(later, after)
    assert _texts(later) == ["£1,000.00", "£4.00"]


@pytest.mark.parametrize(
    ("before", "after", "style", "expected"),
    [
        (("1000",), ("1000", "3"), "pounds", ["£1,000", "£3"]),  # never had pence
        (("1000", "2.50"), ("1000", "3"), "millions", ["£0.001m", "£0.000m"]),  # £m: no pence
    ],
)
def test_nothing_changes_otherwise(
    before: tuple[str, ...], after: tuple[str, ...], style: str, expected: list[str]
) -> None:
    old, new = _doc(*before, style=style), _doc(*after, style=style)
    keep_pence(new, old, style)
    assert _texts(new) == expected


def test_kept_pence_survive_the_tree_being_formatted_again() -> None:
    """(A variation renumbers the new version and runs the passes again.)"""
    before, after = _doc("2.50"), _doc("3")
    keep_pence(after, before)
    format_money(after, "pounds")
    assert _texts(after) == ["£3.00"]
