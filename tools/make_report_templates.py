"""Write the default Board report templates, one per kind, into s75docs/data/report_templates/.

    .venv/bin/python tools/make_report_templates.py [OUT_DIR]

Each template is an ordinary Word document holding docxtpl (Jinja) tags: a front sheet that
differs by kind, then one generic loop over the report's sections, paragraphs, lists and
tables. A council's house-style template uses the same context (docs/reports.md); copying
the body loop from one of these files is the quickest way to write one. The output is
byte-for-byte reproducible, so a test can check that the committed files are up to date.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Emu, Pt, RGBColor, Twips

from s75docs.files import normalise_zip

KINDS = ("cabinet", "executive", "hwb", "icb-board")
OUT = Path(__file__).resolve().parents[1] / "s75docs" / "data" / "report_templates"
FONT = "Arial"
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
INDENT = Cm(1.4)
TEXT_WIDTH = Cm(16.0)  # A4 less 2.5 cm margins


def _style(
    doc: Any,
    name: str,
    *,
    base: str = "Normal",
    size: float | None = None,
    bold: bool = False,
    before: float = 0,
    after: float = 6,
    left: Any = None,
    hanging: Any = None,
    keep_next: bool = False,
    colour: Any = None,
) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    font = style.font
    font.name = FONT
    if size:
        font.size = Pt(size)
    font.bold = bold
    if colour is not None:
        font.color.rgb = colour
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if left is not None:
        fmt.left_indent = left
    if hanging is not None:
        fmt.first_line_indent = -hanging
        fmt.tab_stops.add_tab_stop(left)
    fmt.keep_with_next = keep_next
    return style


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 13), ("Title", 18)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT
        style.font.bold = True
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(14)
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(6)
    doc.styles["Heading 1"].paragraph_format.keep_with_next = True
    doc.styles["Title"].paragraph_format.space_after = Pt(12)
    _style(doc, "Report Organisation", size=12, bold=True, after=2, colour=ACCENT)
    _style(doc, "Report Meeting", size=12, bold=True, after=12)
    _style(doc, "Report Of", size=11, bold=True, after=12)
    _style(doc, "Report Para", left=INDENT, hanging=INDENT)
    _style(doc, "Report Text", left=INDENT)
    _style(doc, "Report Point", left=INDENT + Cm(1.0), hanging=Cm(1.0), after=4)
    _style(doc, "Report Sub Point", left=INDENT + Cm(2.0), hanging=Cm(1.0), after=4)
    _style(
        doc, "Report Caption", size=10, bold=True, before=6, after=4, left=INDENT, keep_next=True
    )
    _style(doc, "Report Table Text", size=9.5, after=0)
    _style(doc, "Report Table Money", base="Report Table Text", size=9.5, after=0)
    doc.styles["Report Table Money"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _style(doc, "Report Summary Label", size=10, bold=True, after=0)
    _style(doc, "Report Spacer", size=4, after=4)
    _style(doc, "Report Summary Value", size=10, after=0)


def _para(doc: Any, text: str, style: str = "Normal") -> Any:
    return doc.add_paragraph(text, style=style)


def _cell_text(cell: Any, text: str, style: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = paragraph.part.document.styles[style]
    run = paragraph.add_run(text)
    run.bold = bold


def _cell_paras(cell: Any, parts: list[tuple[str, str, bool]]) -> None:
    """Several paragraphs in one cell: (text, style, bold)."""
    first = True
    for text, style, bold in parts:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.style = cell.part.document.styles[style]
        run = paragraph.add_run(text)
        run.bold = bold


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    tcpr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    trpr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))


def _grid(table: Any, widths: list[Any], indent: Any = None) -> None:
    """Fixed column widths (gridCol and every cell) and an optional indent from the margin."""
    tbl = table._tbl
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for w in widths:
        grid.append(parse_xml(f'<w:gridCol {nsdecls("w")} w:w="{int(w.twips)}"/>'))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = w
    tblpr = tbl.tblPr
    for old in tblpr.findall(qn("w:tblW")) + tblpr.findall(qn("w:tblInd")):
        tblpr.remove(old)
    total = sum(int(w.twips) for w in widths)
    new = [parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>')]
    if indent is not None:
        new.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{int(indent.twips)}" w:type="dxa"/>'))
    # schema order: tblStyle ... tblW, jc, tblCellSpacing, tblInd, tblBorders ... tblLook
    anchor = tblpr.find(qn("w:tblStyle"))
    for element in new:
        if anchor is None:
            tblpr.insert(0, element)
        else:
            anchor.addnext(element)
        anchor = element
    jc = tblpr.find(qn("w:jc"))
    if jc is not None:
        tblpr.remove(jc)
        tblpr.find(qn("w:tblW")).addnext(jc)


def _summary(doc: Any) -> None:
    """The front sheet: label / value rows from `summary`."""
    table = doc.add_table(rows=3, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _cell_text(table.cell(0, 0), "{%tr for row in summary %}", "Report Summary Label")
    _cell_text(table.cell(1, 0), "{{ row.label }}", "Report Summary Label")
    _cell_text(table.cell(1, 1), "{{ row.value }}", "Report Summary Value")
    _shade(table.cell(1, 0), "E8EEF4")
    _cell_text(table.cell(2, 0), "{%tr endfor %}", "Report Summary Label")
    _grid(table, [Cm(4.5), Emu(TEXT_WIDTH - Cm(4.5))])
    _para(doc, "", "Report Spacer")


def _generic_table(doc: Any) -> None:
    """One table for every report table: header, then total / heading / ordinary rows."""
    table = doc.add_table(rows=10, cols=3)
    table.style = doc.styles["Table Grid"]
    loop = "{%tc for c in ROW %}", "{%tc endfor %}"

    def cells(r: int, row: str, *, bold: bool, fill: str | None = None) -> None:
        _cell_text(table.cell(r, 0), loop[0].replace("ROW", row), "Report Table Text")
        middle = table.cell(r, 1)
        _cell_paras(
            middle,
            [
                ("{%p if c.money %}", "Report Table Text", False),
                ("{{ c.text }}", "Report Table Money", bold),
                ("{%p else %}", "Report Table Text", False),
                ("{{ c.text }}", "Report Table Text", bold),
                ("{%p endif %}", "Report Table Text", False),
            ],
        )
        if fill:
            _shade(middle, fill)
        _cell_text(table.cell(r, 2), loop[1], "Report Table Text")

    cells(0, "b.table.header", bold=True, fill="D9E2EC")
    _repeat_header(table.rows[0])
    _cell_text(table.cell(1, 0), "{%tr for r in b.table.rows %}", "Report Table Text")
    _cell_text(table.cell(2, 0), "{%tr if r.total %}", "Report Table Text")
    cells(3, "r.cells", bold=True, fill="F2F2F2")
    _cell_text(table.cell(4, 0), "{%tr elif r.heading %}", "Report Table Text")
    cells(5, "r.cells", bold=True)
    _cell_text(table.cell(6, 0), "{%tr else %}", "Report Table Text")
    cells(7, "r.cells", bold=False)
    _cell_text(table.cell(8, 0), "{%tr endif %}", "Report Table Text")
    _cell_text(table.cell(9, 0), "{%tr endfor %}", "Report Table Text")
    third = Emu((TEXT_WIDTH - INDENT) // 3)
    _grid(table, [third, third, third], INDENT)
    _para(doc, "", "Report Spacer")


def _body(doc: Any) -> None:
    """The sections: numbered headings, numbered paragraphs, lists and tables."""
    _para(doc, "{%p for sec in sections %}")
    _para(doc, "{{ sec.number }}.\t{{ sec.heading }}", "Heading 1")
    _para(doc, "{%p for b in sec.blocks %}")
    _para(doc, "{%p if b.kind == 'table' %}")
    _para(doc, "Table {{ b.table.number }}: {{ b.table.caption }}", "Report Caption")
    _generic_table(doc)
    _para(doc, "{%p if b.table.note %}")
    _para(doc, "{{ b.table.note }}", "Report Text")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p else %}")
    _para(doc, "{%p if b.number %}")
    _para(doc, "{{ b.number }}\t{{ b.text }}", "Report Para")
    _para(doc, "{%p else %}")
    _para(doc, "{{ b.text }}", "Report Text")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for pt in b.points %}")
    _para(doc, "{{ pt.label }}\t{{ pt.text }}", "Report Point")
    _para(doc, "{%p for sp in pt.sub %}")
    _para(doc, "{{ sp.label }}\t{{ sp.text }}", "Report Sub Point")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")


def _field(paragraph: Any, code: str, shown: str) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {code} "><w:r><w:t>{shown}</w:t></w:r>'
            "</w:fldSimple>"
        )
    )


def _header_footer(doc: Any, kind: str) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("{{ organisation }}")
    run.font.size = Pt(9)
    run.font.name = FONT
    run = header.add_run("\t{{ meeting.body }}, {{ meeting.date }}")
    run.font.size = Pt(9)
    run.font.name = FONT
    header.alignment = WD_ALIGN_PARAGRAPH.LEFT
    stops = header.paragraph_format.tab_stops
    stops.add_tab_stop(Twips(4680), WD_TAB_ALIGNMENT.CLEAR)  # the Header style's centre stop
    stops.add_tab_stop(Twips(9360), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run("Page ")
    run.font.size = Pt(9)
    _field(footer, "PAGE", "1")
    run = footer.add_run(" of ")
    run.font.size = Pt(9)
    _field(footer, "NUMPAGES", "1")


def _front(doc: Any, kind: str) -> None:
    if kind == "icb-board":
        _para(doc, "{{ organisation }}", "Report Organisation")
        _para(doc, "{{ meeting.body }}: {{ meeting.date }}", "Report Meeting")
        _para(doc, "{{ title }}", "Title")
        _summary(doc)
    else:
        _para(doc, "{{ organisation }}", "Report Organisation")
        _para(doc, "{{ meeting.body }}: {{ meeting.date }}", "Report Meeting")
        _para(doc, "{{ title }}", "Title")
        _para(doc, "Report of the {{ meeting.report_of }}", "Report Of")
        _summary(doc)


def build(kind: str) -> bytes:
    doc: Any = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = Cm(2.2)
    section.bottom_margin = Cm(2.2)
    # the default document holds one empty paragraph; start from an empty body
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    _styles(doc)
    _header_footer(doc, kind)
    _front(doc, kind)
    _body(doc)
    props = doc.core_properties
    props.title = "{{ title }}"
    props.author = "s75docs"
    props.last_modified_by = "s75docs"
    props.comments = f"Default s75docs template for {kind} reports"
    props.revision = 1
    props.created = dt.datetime(2000, 1, 1)
    props.modified = dt.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (out / f"{kind}.docx").write_bytes(build(kind))
        print(f"wrote {out / f'{kind}.docx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
