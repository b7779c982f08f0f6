"""Paragraph styles the writer uses; taken from the reference .docx when it defines them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from s75docs.render.docx._oxml import NSDECL, esc


@dataclass(frozen=True)
class StyleSpec:
    name: str
    size: float = 11
    bold: bool = False
    align: str = "both"
    space_after: float = 6
    keep_next: bool = False
    page_break_before: bool = False
    caps: bool = False
    outline: int | None = None
    tabs: tuple[tuple[str, int, str], ...] = ()  # (alignment, position, leader)
    ident: str = ""  # the style id Word expects, when it is a built-in style


# name -> how it looks when the reference document does not define it
SPECS: dict[str, StyleSpec] = {
    s.name: s
    for s in [
        StyleSpec("S75 Body"),
        StyleSpec("S75 Title", size=18, bold=True, align="center", space_after=18),
        StyleSpec("S75 Subtitle", size=12, align="center", space_after=18),
        StyleSpec("S75 Centre", align="center", space_after=12),
        StyleSpec("S75 Party", size=13, bold=True, align="center", space_after=12, caps=True),
        StyleSpec("S75 Heading", size=12, bold=True, align="left", keep_next=True, caps=True),
        StyleSpec(
            "S75 Clause Heading", bold=True, align="left", keep_next=True, caps=True, outline=0
        ),
        StyleSpec("S75 Paragraph Heading", bold=True, align="left", keep_next=True),
        StyleSpec(
            "S75 Schedule Heading",
            size=12,
            bold=True,
            align="center",
            keep_next=True,
            page_break_before=True,
            outline=0,
        ),
        StyleSpec("S75 Level 1"),
        StyleSpec("S75 Level 2"),
        StyleSpec("S75 Level 3"),
        StyleSpec("S75 Level 4"),
        StyleSpec("S75 Level 5"),
        StyleSpec("S75 Recital"),
        StyleSpec("S75 Definition"),
        StyleSpec("S75 Definition Limb"),
        StyleSpec("S75 Table Caption", size=10, bold=True, align="left", keep_next=True),
        StyleSpec("S75 Table Text", size=9.5, align="left", space_after=0),
        StyleSpec("S75 Signature", align="left", keep_next=True),
        # Word's and LibreOffice's own contents style: used when either rebuilds the contents
        StyleSpec(
            "toc 1",
            align="left",
            space_after=3,
            tabs=(("left", 1440, "none"), ("right", 9000, "dot")),
            ident="TOC1",
        ),
    ]
}


def style_id(name: str) -> str:
    spec = SPECS.get(name)
    if spec is not None and spec.ident:
        return spec.ident
    return re.sub(r"[^A-Za-z0-9]", "", name)


def _style_xml(spec: StyleSpec, based_on: str | None) -> str:
    ppr = ""
    if spec.keep_next:
        ppr += "<w:keepNext/>"
    if spec.page_break_before:
        ppr += "<w:pageBreakBefore/>"
    if spec.tabs:
        ppr += (
            "<w:tabs>"
            + "".join(
                f'<w:tab w:val="{val}" w:leader="{leader}" w:pos="{pos}"/>'
                for val, pos, leader in spec.tabs
            )
            + "</w:tabs>"
        )
    ppr += f'<w:spacing w:before="0" w:after="{int(spec.space_after * 20)}"/>'
    ppr += f'<w:jc w:val="{spec.align}"/>'
    if spec.outline is not None:
        ppr += f'<w:outlineLvl w:val="{spec.outline}"/>'
    rpr = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
    rpr += "<w:b/>" if spec.bold else ""
    rpr += "<w:caps/>" if spec.caps else ""
    half_points = int(spec.size * 2)
    rpr += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style {NSDECL} w:type="paragraph" w:customStyle="1"'
        f' w:styleId="{style_id(spec.name)}"><w:name w:val="{esc(spec.name)}"/>{based}'
        f"<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def ensure_styles(document: Any) -> dict[str, str]:
    """Return style name -> style id, adding (as XML) any style the reference lacks."""
    root = document.styles.element
    existing: dict[str, str] = {}
    normal: str | None = None
    for style in root.iterfind(qn("w:style")):
        name_el = style.find(qn("w:name"))
        if name_el is None:
            continue
        name = name_el.get(qn("w:val"))
        existing[name] = style.get(qn("w:styleId"))
        if style.get(qn("w:default")) == "1" and style.get(qn("w:type")) == "paragraph":
            normal = style.get(qn("w:styleId"))
    # python-docx's template names the table grid style "Table Grid"; Word uses the same
    ids: dict[str, str] = {}
    for spec in SPECS.values():
        if spec.name in existing:
            ids[spec.name] = existing[spec.name]
            continue
        root.append(
            etree.fromstring(
                _style_xml(spec, normal).replace(
                    ' w:customStyle="1"', "" if spec.ident else ' w:customStyle="1"'
                )
            )
        )
        ids[spec.name] = style_id(spec.name)
    for name in ("Table Grid", "Footer"):
        if name in existing:
            ids[name] = existing[name]
    return ids
