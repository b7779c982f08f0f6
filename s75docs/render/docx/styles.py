"""Paragraph styles the writer uses; taken from the reference .docx when it defines them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


@dataclass(frozen=True)
class StyleSpec:
    name: str
    size: float = 11
    bold: bool = False
    align: str = "justify"
    space_after: float = 6
    keep_next: bool = False
    page_break_before: bool = False
    caps: bool = False
    outline: int | None = None


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
            "S75 Clause Heading",
            size=11,
            bold=True,
            align="left",
            keep_next=True,
            caps=True,
            outline=0,
        ),
        StyleSpec("S75 Paragraph Heading", size=11, bold=True, align="left", keep_next=True),
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
        StyleSpec("S75 TOC", align="left", space_after=2),
    ]
}

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}


def ensure_styles(document: Any) -> dict[str, str]:
    """Return style name -> style id, creating any style the reference lacks."""
    styles = document.styles
    ids: dict[str, str] = {}
    existing = {s.name: s for s in styles}
    for spec in SPECS.values():
        style = existing.get(spec.name)
        if style is None:
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = existing.get("Normal")
            style.quick_style = True
            font = style.font
            font.name = "Arial"
            font.size = Pt(spec.size)
            font.bold = spec.bold
            font.all_caps = spec.caps
            fmt = style.paragraph_format
            fmt.alignment = _ALIGN[spec.align]
            fmt.space_after = Pt(spec.space_after)
            fmt.space_before = Pt(0)
            fmt.keep_with_next = spec.keep_next
            fmt.page_break_before = spec.page_break_before
            if spec.outline is not None:
                ppr = style.element.get_or_add_pPr()
                from docx.oxml import OxmlElement
                from docx.oxml.ns import qn

                lvl = OxmlElement("w:outlineLvl")
                lvl.set(qn("w:val"), str(spec.outline))
                ppr.append(lvl)
        ids[spec.name] = style.style_id
    for name in ("Table Grid", "Footer"):
        if name in existing:
            ids[name] = existing[name].style_id
    return ids
