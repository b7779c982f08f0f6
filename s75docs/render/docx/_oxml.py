"""WordprocessingML fragments as strings: runs, fields, bookmarks, numbering definitions.

Built as text (escaped) and parsed once, which is several times faster than building
each element through python-docx's object API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple
from xml.sax.saxutils import escape as _escape

from s75docs.ooxml import R_NS, W_NS

NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


def esc(text: str) -> str:
    return _escape(text, {'"': "&quot;"})


def run(text: str, *, bold: bool = False, italic: bool = False, caps: bool = False) -> str:
    if not text:
        return ""
    props = ""
    if bold or italic or caps:
        props = (
            "<w:rPr>"
            + ("<w:b/>" if bold else "")
            + ("<w:i/>" if italic else "")
            + ("<w:caps/>" if caps else "")
            + "</w:rPr>"
        )
    return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def tab_run() -> str:
    return "<w:r><w:tab/></w:r>"


def break_run() -> str:
    return "<w:r><w:br/></w:r>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def field(instruction: str, cached: str, *, bold: bool = False) -> str:
    """A complex field whose cached result is `cached` (what readers see before F9)."""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        + (f'<w:r>{rpr}<w:t xml:space="preserve">{esc(cached)}</w:t></w:r>' if cached else "")
        + f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def field_begin(instruction: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


def field_end() -> str:
    return '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def ref_field(bookmark: str, cached: str, *, typed: bool = False) -> str:
    r"""REF with \w (the number in full context, e.g. 11.4(a)) and \h (a hyperlink); a typed
    number (a lettered provision, "13.1.3A") is the bookmarked text itself, without \w."""
    if typed:
        return field(f"REF {bookmark} \\h", cached)
    return field(f"REF {bookmark} \\w \\h", cached)


def bookmark_start(ident: int, name: str) -> str:
    return f'<w:bookmarkStart w:id="{ident}" w:name="{esc(name)}"/>'


def bookmark_end(ident: int) -> str:
    return f'<w:bookmarkEnd w:id="{ident}"/>'


class Tab(NamedTuple):
    """A tab stop: `align` left | right | center | decimal, at `pos` twips from the margin."""

    align: str
    pos: int
    leader: str | None = None  # dot | hyphen | underscore ...


def ppr(
    style: str,
    *,
    num: tuple[int, int] | None = None,
    tabs: Sequence[Tab] = (),
    indent: int | None = None,
    keep_next: bool = False,
    align: str | None = None,
    hanging: int = 0,
) -> str:
    """Paragraph properties, in the order the schema requires (CT_PPr)."""
    inner = f'<w:pStyle w:val="{esc(style)}"/>'
    if keep_next:
        inner += "<w:keepNext/>"
    if num is not None:
        inner += f'<w:numPr><w:ilvl w:val="{num[0]}"/><w:numId w:val="{num[1]}"/></w:numPr>'
    if tabs:
        inner += "<w:tabs>" + "".join(_tab(t) for t in tabs) + "</w:tabs>"
    if indent is not None:
        inner += f'<w:ind w:left="{indent}" w:hanging="{hanging}"/>'
    if align:
        inner += f'<w:jc w:val="{align}"/>'
    return f"<w:pPr>{inner}</w:pPr>"


def _tab(tab: Tab) -> str:
    leader = f' w:leader="{tab.leader}"' if tab.leader else ""
    return f'<w:tab w:val="{tab.align}"{leader} w:pos="{tab.pos}"/>'


# ------------------------------------------------------------------ numbering

LEGAL_LEVELS = [
    # (format, text, left indent, hanging)
    ("decimal", "%1", 720, 720),
    ("decimal", "%1.%2", 720, 720),
    ("decimal", "%1.%2.%3", 1559, 839),
    ("lowerLetter", "(%4)", 2268, 709),
    ("lowerRoman", "(%5)", 2977, 709),
]


def abstract_num(
    ident: int,
    levels: list[tuple[str, str, int, int]],
    name: str,
    styles: dict[int, str] | None = None,
) -> str:
    body = ""
    for ilvl, (fmt, text, left, hanging) in enumerate(levels):
        style = f'<w:pStyle w:val="{styles[ilvl]}"/>' if styles and ilvl in styles else ""
        body += (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style}'
            f'<w:lvlText w:val="{esc(text)}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
        )
    return (
        f'<w:abstractNum {NSDECL} w:abstractNumId="{ident}">'
        f'<w:multiLevelType w:val="{"multilevel" if len(levels) > 1 else "singleLevel"}"/>'
        f'<w:name w:val="{esc(name)}"/>{body}</w:abstractNum>'
    )


def num(ident: int, abstract: int, *, restart_levels: int = 0) -> str:
    """A list instance; restart_levels > 0 restarts the first levels at 1 (new schedule)."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>'
        for i in range(restart_levels)
    )
    return (
        f'<w:num {NSDECL} w:numId="{ident}">'
        f'<w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
    )
