"""The list registry: named lists defined once, instances known by what they restart."""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from s75docs.render.docx import _oxml as x
from s75docs.render.docx.lists import ListInstance, ListRegistry

LEVELS = [("decimal", "%1", 720, 720)]


def _numbering(inner: str = "") -> etree._Element:
    return etree.fromstring(f"<w:numbering {x.NSDECL}>{inner}</w:numbering>")


def _tags(numbering: etree._Element) -> list[str]:
    return [etree.QName(child).localname for child in numbering]


def test_ids_continue_after_the_reference_documents_own() -> None:
    numbering = _numbering(
        x.abstract_num(4, LEVELS, "House list").replace(f" {x.NSDECL}", "")
        + '<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num>'
    )
    lists = ListRegistry(numbering)
    lists.define("S75 Legal", LEVELS)
    assert lists.instance("S75 Legal") == 8
    added = numbering.findall(qn("w:abstractNum"))[-1]
    assert added.get(qn("w:abstractNumId")) == "5"


def test_a_list_is_defined_once_and_before_every_instance() -> None:
    numbering = _numbering()
    lists = ListRegistry(numbering)
    lists.define("S75 Legal", LEVELS)
    first = lists.instance("S75 Legal")
    lists.define("S75 Legal", [("decimal", "other", 0, 0)])
    lists.define("S75 Limbs", LEVELS)
    second = lists.instance("S75 Legal", restarts=5)
    assert _tags(numbering) == ["abstractNum", "abstractNum", "num", "num"]
    assert lists.levels("S75 Legal") == LEVELS
    assert lists.instances == {
        first: ListInstance("S75 Legal", 0),
        second: ListInstance("S75 Legal", 5),
    }
    overrides = numbering.findall(f"{qn('w:num')}/{qn('w:lvlOverride')}")
    assert len(overrides) == 5
