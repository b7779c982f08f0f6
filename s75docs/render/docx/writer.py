"""DOCX writer: live list numbering, _Ref bookmarks, REF and TOC fields with cached results."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import etree

from s75docs.doctree.nodes import (
    Body,
    Cited,
    Definition,
    DefinitionItem,
    DefinitionsList,
    Document,
    ExecutionBlock,
    Inline,
    Item,
    MoneyAmount,
    PageBreak,
    Para,
    Recital,
    Ref,
    Schedule,
    Table,
    Term,
    TermDef,
    Text,
    Toc,
    number_bookmark,
)
from s75docs.doctree.visitor import NodeVisitor
from s75docs.errors import UsageError
from s75docs.files import build_timestamp, normalise_zip
from s75docs.ooxml import core_text, set_a4
from s75docs.render.common import toc_entries
from s75docs.render.docx import _oxml as x
from s75docs.render.docx.lists import ListRegistry
from s75docs.render.docx.styles import ensure_styles

_PARA_STYLES = {
    "title": "S75 Title",
    "subtitle": "S75 Subtitle",
    "centre": "S75 Centre",
    "party": "S75 Party",
    "heading": "S75 Heading",
    "body": "S75 Body",
    "party-entry": "S75 Body",
}
# the text indent of each Item level (ilvl 0..4) in the legal list, for unnumbered paras
# the writer's lists, by name (see lists.py)
LEGAL, SCHEDULES, RECITALS, LIMBS = "S75 Legal", "S75 Schedule", "S75 Recitals", "S75 Limbs"
_TEXT_INDENT = [720, 720, 1559, 2268, 2977]
# a contents entry: the number, a tab to the title, a dotted tab to the page number
_TOC_TABS = (x.Tab("left", 1440), x.Tab("right", 9000, "dot"))


class DocxWriter(NodeVisitor):
    def __init__(self, doc: Document, reference: Path | None = None) -> None:
        self.doc = doc
        self.house_page = reference is not None  # a reference document keeps its margins
        try:
            self.word: Any = docx.Document(str(reference) if reference else None)
        except Exception as exc:  # python-docx raises several types for a bad package
            raise UsageError(f"cannot open reference document {reference}: {exc}") from None
        self.styles = ensure_styles(self.word)
        self.parts: list[str] = []
        self.bookmark_id = 0
        self.other_heads: dict[str, int] = {}
        self.lists = ListRegistry(self.word.part.numbering_part.element)
        self._define_lists()

    def _define_lists(self) -> None:
        lists = self.lists
        lists.define(LEGAL, x.LEGAL_LEVELS)
        lists.define(SCHEDULES, [("decimal", "Schedule %1", 0, 0)])
        lists.define(RECITALS, [("upperLetter", "(%1)", 720, 720)])
        lists.define(LIMBS, [("lowerLetter", "(%1)", 1440, 720)])
        self.body_num = lists.instance(LEGAL)
        self.schedule_head_num = lists.instance(SCHEDULES)
        self.recital_num = lists.instance(RECITALS)

    # ------------------------------------------------------------ helpers
    def out(self, xml: str) -> None:
        self.parts.append(xml)

    def style(self, name: str) -> str:
        return self.styles[name]

    def inlines(self, inlines: list[Inline], *, bold: bool = False) -> str:
        return self.dispatch_inlines(inlines, bold=bold)

    def ref(self, node: Ref, *, bold: bool = False) -> str:
        """A cross-reference: its words as runs, its numbers as REF fields."""
        return "".join(
            x.ref_field(part.bookmark, part.text, typed=part.typed)
            if part.bookmark
            else x.run(part.text, bold=bold)
            for part in node.parts
        )

    def bookmarked(self, name: str | None, content: str) -> str:
        if not name:
            return content
        self.bookmark_id += 1
        ident = self.bookmark_id
        return x.bookmark_start(ident, name) + content + x.bookmark_end(ident)

    def para(self, style: str, content: str, **kw: Any) -> None:
        self.out(f"<w:p>{x.ppr(self.style(style), **kw)}{content}</w:p>")

    # ------------------------------------------------------------ inlines
    def visit_Text(self, node: Text, *, bold: bool = False) -> str:
        return x.run(node.text, bold=bold)

    def visit_Term(self, node: Term, *, bold: bool = False) -> str:
        return x.run(node.display, bold=bold)

    def visit_TermDef(self, node: TermDef, *, bold: bool = False) -> str:
        return x.run(node.name, bold=True)

    def visit_Ref(self, node: Ref, *, bold: bool = False) -> str:
        return self.ref(node, bold=bold)

    def visit_MoneyAmount(self, node: MoneyAmount, *, bold: bool = False) -> str:
        return x.run(node.text, bold=bold)

    def visit_Cited(self, node: Cited, *, bold: bool = False) -> str:
        return x.run(node.text, bold=bold)

    # ------------------------------------------------------------ blocks
    # every block visit takes the list its numbered paragraphs continue (num_id) and the
    # level of the provision it stands in (0 outside any), for the indent of plain text
    def write_blocks(self) -> None:
        self.dispatch(self.doc, self.body_num, 0)

    def visit_Document(self, node: Document, num_id: int, level: int) -> None:
        self.dispatch_children(node, num_id, level)

    def visit_Body(self, node: Body, num_id: int, level: int) -> None:
        self.dispatch_children(node, self.body_num, 0)

    def visit_DefinitionsList(self, node: DefinitionsList, num_id: int, level: int) -> None:
        self.dispatch_children(node, num_id, level)

    def visit_Para(self, node: Para, num_id: int, level: int) -> None:
        style = _PARA_STYLES.get(node.style, "S75 Body")
        indent = _TEXT_INDENT[level - 1] if level else None
        if node.style == "quote":  # text quoted in a deed: set in from the margin
            indent = (indent or 720) + 720
        self.para(style, self.inlines(node.inlines), indent=indent)

    def visit_PageBreak(self, node: PageBreak, num_id: int, level: int) -> None:
        self.out(x.page_break())

    def typed(self, node: Item | Schedule | Recital, text: str) -> str:
        """The typed number of a lettered provision, bookmarked for the REF fields that cite
        it (Word's list numbering cannot print "13.1.3A")."""
        if not node.bookmark:
            return x.run(text)
        return self.bookmarked(number_bookmark(node.bookmark), x.run(text))

    def visit_Recital(self, node: Recital, num_id: int, level: int) -> None:
        content = self.bookmarked(node.bookmark, self.inlines(node.inlines))
        if node.inserted:  # out of the list, so the recitals after it keep their letters
            number = self.typed(node, node.number) + x.tab_run()
            self.para("S75 Recital", number + content, num=(0, 0), indent=720, hanging=720)
            return
        self.para("S75 Recital", content, num=(0, self.recital_num))

    def visit_Item(self, node: Item, num_id: int, level: int) -> None:
        ilvl = node.level - 1
        if node.typed:
            self._typed_item(node)
            self.dispatch_children(node, num_id, node.level)
            return
        if node.title and not node.inlines:
            style = (
                "S75 Clause Heading"
                if num_id == self.body_num and node.level == 1
                else ("S75 Paragraph Heading")
            )
            content = self.bookmarked(node.bookmark, x.run(node.title))
            self.para(style, content, num=(ilvl, num_id), keep_next=True)
        else:
            head = x.run(node.title + ". ", bold=True) if node.title else ""
            content = self.bookmarked(node.bookmark, head + self.inlines(node.inlines))
            self.para(f"S75 Level {node.level}", content, num=(ilvl, num_id))
        self.dispatch_children(node, num_id, node.level)

    def _typed_item(self, node: Item) -> None:
        """A lettered provision (or one inside it): out of the list (numId 0), so the
        provisions after it keep their live numbers, with its number typed."""
        ilvl = node.level - 1
        _, _, left, hanging = x.LEGAL_LEVELS[min(ilvl, len(x.LEGAL_LEVELS) - 1)]
        number = self.typed(node, node.number) + x.tab_run()
        if node.title and not node.inlines:
            style = "S75 Clause Heading" if node.level == 1 else "S75 Paragraph Heading"
            content = number + self.bookmarked(node.bookmark, x.run(node.title))
            self.para(style, content, num=(0, 0), keep_next=True, indent=left, hanging=hanging)
            return
        head = x.run(node.title + ". ", bold=True) if node.title else ""
        content = number + self.bookmarked(node.bookmark, head + self.inlines(node.inlines))
        self.para(f"S75 Level {node.level}", content, num=(0, 0), indent=left, hanging=hanging)

    def visit_Schedule(self, node: Schedule, num_id: int, level: int) -> None:
        content = self.bookmarked(node.bookmark, x.break_run() + x.run(node.title))
        if node.inserted:  # "Schedule 6A", typed; the schedules after it keep their numbers
            number = self.typed(node, f"{node.name} {node.number}")
            self.para("S75 Schedule Heading", number + content, num=(0, 0))
        else:
            self.para("S75 Schedule Heading", content, num=(0, self._heading_num(node.name)))
        # each schedule is a new instance of the legal list, restarting every level at 1
        self.dispatch_children(node, self.lists.instance(LEGAL, restarts=5), 0)

    def _heading_num(self, name: str) -> int:
        """Schedules number "Schedule 1"...; a deed's annexes get their own "Annex 1" list."""
        if name == "Schedule":
            return self.schedule_head_num
        if name not in self.other_heads:
            self.lists.define(f"S75 {name}", [("decimal", f"{name} %1", 0, 0)])
            self.other_heads[name] = self.lists.instance(f"S75 {name}")
        return self.other_heads[name]

    def visit_Definition(self, node: Definition, num_id: int, level: int) -> None:
        body = x.run(node.term, bold=True) + x.run(" ") + self.inlines(node.inlines)
        self.para("S75 Definition", body, indent=720)
        if node.children:  # its limbs (a), (b)... restart in each definition
            self.dispatch_children(node, self.lists.instance(LIMBS, restarts=1), 0)

    def visit_DefinitionItem(self, node: DefinitionItem, num_id: int, level: int) -> None:
        self.para("S75 Definition Limb", self.inlines(node.inlines), num=(0, num_id))

    def visit_Table(self, node: Table, num_id: int, level: int) -> None:
        if node.caption:
            self.para("S75 Table Caption", x.run(node.caption))
        total = sum(node.widths) or len(node.header) or 1
        widths = node.widths or [1] * len(node.header)
        grid = "".join(f'<w:gridCol w:w="{int(9000 * w / total)}"/>' for w in widths)
        style = self.styles.get("Table Grid")
        tbl_style = f'<w:tblStyle w:val="{style}"/>' if style else ""
        borders = (
            ""
            if style
            else (
                "<w:tblBorders>"
                + "".join(
                    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
                )
                + "</w:tblBorders>"
            )
        )
        rows: list[str] = []
        for r_index, row in enumerate([node.header, *node.rows]):
            cells = ""
            for c_index, cell in enumerate(row):
                width = int(5000 * widths[c_index] / total) if c_index < len(widths) else 0
                align = "right" if cell.align == "right" else None
                bold = cell.bold or r_index == 0
                shade = (
                    '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' if r_index == 0 else ""
                )
                cells += (
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="pct"/>{shade}</w:tcPr>'
                    f"<w:p>{x.ppr(self.style('S75 Table Text'), align=align)}"
                    f"{self.inlines(cell.inlines, bold=bold)}</w:p></w:tc>"
                )
            header = (
                "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
                if r_index == 0
                else ("<w:trPr><w:cantSplit/></w:trPr>")
            )
            rows.append(f"<w:tr>{header}{cells}</w:tr>")
        self.out(
            f'<w:tbl><w:tblPr>{tbl_style}<w:tblW w:w="5000" w:type="pct"/>{borders}'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
            f' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        )
        self.para("S75 Body", "")

    def visit_ExecutionBlock(self, node: ExecutionBlock, num_id: int, level: int) -> None:
        self.para("S75 Signature", x.run(node.party, bold=True), keep_next=True)
        self.para("S75 Signature", x.run(node.wording), keep_next=True)
        if node.instruction:
            self.para("S75 Signature", x.run(node.instruction), keep_next=True)
        line = "................................................"
        for signatory in node.signatories:
            self.para("S75 Signature", "", keep_next=True)
            self.para("S75 Signature", x.run(line), keep_next=True)
            self.para("S75 Signature", x.run(f"Name: {signatory.name}".rstrip()), keep_next=True)
            self.para("S75 Signature", x.run(signatory.role), keep_next=True)
            if node.witness:
                self.para("S75 Signature", x.run(node.witness[0]), keep_next=True)
                self.para("S75 Signature", "", keep_next=True)
                self.para("S75 Signature", x.run(line), keep_next=True)
                for words in node.witness[1:]:
                    self.para("S75 Signature", x.run(words), keep_next=True)
        self.para("S75 Body", "")

    def visit_Toc(self, node: Toc, num_id: int, level: int) -> None:
        self.para("S75 Heading", x.run(node.title))
        entries = toc_entries(self.doc)
        instruction = 'TOC \\h \\z \\t "S75 Clause Heading,1,S75 Schedule Heading,1"'
        if not entries:
            self.para("toc 1", x.field(instruction, ""))
            return
        for i, e in enumerate(entries):
            start = x.field_begin(instruction) if i == 0 else ""
            end = x.field_end() if i == len(entries) - 1 else ""
            label = x.run(e.number) + x.tab_run() + x.run(e.title)
            page = x.tab_run() + x.field(f"PAGEREF {e.bookmark} \\h", "")
            link = (
                f'<w:hyperlink w:anchor="{x.esc(e.bookmark or "")}" w:history="1">'
                f"{label}{page}</w:hyperlink>"
            )
            ppr = x.ppr(self.style("toc 1"), tabs=_TOC_TABS)
            self.out(f"<w:p>{ppr}{start}{link}{end}</w:p>")

    # ------------------------------------------------------------ document
    def body_elements(self) -> list[etree._Element]:
        """The paragraphs and tables of the body, in order."""
        self.write_blocks()
        body_xml = f"<w:body {x.NSDECL}>{''.join(self.parts)}</w:body>"
        return list(etree.fromstring(body_xml))

    def render(self) -> bytes:
        new_children = self.body_elements()
        body = self.word.element.body
        sect = body.find(qn("w:sectPr"))
        for child in list(body):
            if child is not sect:
                body.remove(child)
        for child in new_children:
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
        for section in body.iter(qn("w:sectPr")):
            set_a4(section, margins=not self.house_page)
        self._footer()
        self._settings()
        self._properties()
        buffer = io.BytesIO()
        self.word.save(buffer)
        return normalise_zip(buffer.getvalue())

    def _footer(self) -> None:
        section = self.word.sections[0]
        paragraph = section.footer.paragraphs[0]
        paragraph.style = self.word.styles["S75 Body"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fragment = etree.fromstring(
            f"<w:p {x.NSDECL}>"
            + x.run("Page ")
            + x.field("PAGE", "1")
            + x.run(" of ")
            + x.field("NUMPAGES", "1")
            + "</w:p>"
        )
        for run in list(fragment):
            paragraph._p.append(run)

    def _settings(self) -> None:
        settings = self.word.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update = etree.SubElement(settings, qn("w:updateFields"))
            update.set(qn("w:val"), "true")
            # schema order: updateFields sits before the compat and rsids blocks
            anchor = settings.find(qn("w:compat"))
            if anchor is not None:
                anchor.addprevious(update)

    def _properties(self) -> None:
        props = self.word.core_properties
        props.title = core_text(self.doc.title)
        props.author = "s75docs"
        props.last_modified_by = "s75docs"
        props.revision = 1
        stamp = build_timestamp()
        props.created = stamp
        props.modified = stamp


def render_docx(doc: Document, reference: Path | None = None) -> bytes:
    return DocxWriter(doc, reference).render()
