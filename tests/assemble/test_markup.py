"""Inline markup: references of every form, terms, money and backslash escapes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from s75docs.assemble.markup import escape, money, parse_inlines
from s75docs.doctree.nodes import MoneyAmount, Ref, RefForm, Term, TermDef, Text, inline_text
from s75docs.errors import InputError, Location

HERE = Location("f.md", 3)


def test_reference_forms() -> None:
    (ref,) = parse_inlines("[[a..b]]", HERE)
    assert isinstance(ref, Ref) and (ref.target, ref.end, ref.domain) == ("a", "b", "")
    (this,) = parse_inlines("[[a|this]]", HERE)
    assert isinstance(this, Ref) and this.form is RefForm.THIS
    (other,) = parse_inlines("[[varied:scheme-x.spec-aims]]", HERE)
    assert isinstance(other, Ref)
    assert (other.domain, other.target) == ("varied", "scheme-x.spec-aims")
    (listed,) = parse_inlines("[[s-1,s-2,s-3]]", HERE)
    assert isinstance(listed, Ref) and (listed.target, listed.also) == ("s-1", ("s-2", "s-3"))
    with pytest.raises(InputError, match=r"malformed cross-reference \[\[a b\]\]"):
        parse_inlines("[[a b]]", HERE)


def test_terms_definitions_and_money() -> None:
    text = f"**Fund** means the *Partner*s' {money(12)} and {money(-3, signed=True)}"
    inlines = parse_inlines(text, HERE)
    assert inlines[0] == TermDef("Fund")
    assert Term("Partner", "Partners") in inlines
    amounts = [i for i in inlines if isinstance(i, MoneyAmount)]
    assert [(a.amount, a.signed) for a in amounts] == [(Decimal(12), False), (Decimal(-3), True)]


def test_escaped_data_is_never_markup() -> None:
    data = "a *starred* [[word]] | 2026-27: {#x} \\ end"
    inlines = parse_inlines(escape(data), HERE)
    assert inlines == [Text(data)]
    assert inline_text(inlines) == data
