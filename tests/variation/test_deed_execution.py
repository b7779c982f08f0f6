"""The deed of variation is executed as the agreement is (C3, m3): the same blocks, built by
the same code, always as a deed; it is delivered when dated on exchange and its variations
take effect on the Variation Date."""

from __future__ import annotations

import pytest

from s75docs.doctree.nodes import ExecutionBlock, Item, Para, inline_text
from s75docs.errors import InputError
from s75docs.model.scheme import Execution
from s75docs.variation.deed import DeedBuilder
from tests.variation.test_vary_fairhaven import deed, variation, versions


def _blocks(children: list[object]) -> list[ExecutionBlock]:
    return [n for n in children if isinstance(n, ExecutionBlock)]


def test_the_deed_is_sealed_as_the_agreement_is() -> None:
    _old, new = versions()
    agreement = _blocks(list(new.doc.children))
    varied = _blocks(list(deed().children))
    assert varied == agreement  # same partners, same words, same named signatories
    council, icb = varied
    assert icb.wording.startswith(
        "Executed as a deed by NHS Fairhaven and Wyvern Integrated Care Board by affixing its"
        " common seal"
    )
    assert icb.instruction == "Affix the common seal here"
    assert [(s.name, s.role) for s in icb.signatories] == [
        ("Dr Samuel Adeyemi", "Chief Executive"),
        ("Priya Ramaswamy", "Chief Finance Officer"),
    ]
    assert "Article 14 (Contracts and Legal Documents) of its Constitution" in council.wording


def test_delivery_and_effect_are_stated_once_and_agree() -> None:
    """m3: delivered when dated on exchange of counterparts; the variations take effect on the
    Variation Date (not 'takes effect on the date stated at the beginning')."""
    paras = [inline_text(p.inlines) for p in deed().children if isinstance(p, Para)]
    (lead,) = [p for p in paras if p.startswith("Each Partner has executed this Deed")]
    assert "delivered, and binds the Partners, on the date written at the beginning" in lead
    assert lead.endswith("The variations it makes take effect on the Variation Date.")
    assert "takes effect on the date stated" not in " ".join(paras)
    items = [inline_text(i.inlines) for i in _walk(deed())]
    assert any(
        t.startswith("A Partner that executes this Deed delivers it only when the Deed has been")
        for t in items
    )


def _walk(node: object) -> list[Item]:
    out: list[Item] = []
    for child in getattr(node, "children", []):
        if isinstance(child, Item):
            out.append(child)
        out += _walk(child)
    return out


def test_a_partner_that_signs_under_hand_cannot_execute_the_deed() -> None:
    v = variation()
    partners = [
        p.model_copy(update={"execution": Execution.SIGNATURE}) for p in v.new_data.partners
    ]
    broken = v.new_data.model_copy(update={"partners": partners})
    builder = DeedBuilder(v)
    builder.new = broken
    with pytest.raises(InputError, match="cannot execute a deed"):
        builder.execution()
