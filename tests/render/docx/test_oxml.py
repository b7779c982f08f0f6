"""The WordprocessingML fragments: paragraph properties in schema order, tab stops."""

from __future__ import annotations

from lxml import etree

from s75docs.render.docx import _oxml as x


def _children(ppr: str) -> list[str]:
    element = etree.fromstring(ppr.replace("<w:pPr>", f"<w:pPr {x.NSDECL}>", 1))
    return [etree.QName(child).localname for child in element]


def test_paragraph_properties_follow_the_schema_order() -> None:
    ppr = x.ppr(
        "S75 Body",
        num=(1, 4),
        tabs=[x.Tab("left", 1440)],
        indent=720,
        keep_next=True,
        align="right",
    )
    assert _children(ppr) == ["pStyle", "keepNext", "numPr", "tabs", "ind", "jc"]


def test_tab_stops_carry_their_alignment_leader_and_position() -> None:
    ppr = x.ppr("toc 1", tabs=[x.Tab("left", 1440), x.Tab("right", 9000, "dot")])
    assert ppr == (
        '<w:pPr><w:pStyle w:val="toc 1"/><w:tabs><w:tab w:val="left" w:pos="1440"/>'
        '<w:tab w:val="right" w:leader="dot" w:pos="9000"/></w:tabs></w:pPr>'
    )


def test_no_tab_stops_no_tabs_element() -> None:
    assert "w:tabs" not in x.ppr("S75 Body")
