"""Findings anywhere in a Word file: table cells (merged, nested, in content controls) and
body-level content controls are read, located ("table 3, row 4, column 2") and annotated."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

from s75docs.check import word_blocks
from s75docs.check.annotate import Note, annotate_docx
from s75docs.check.read_docx import read_docx
from s75docs.check.run import check_document
from s75docs.cli import main
from s75docs.ooxml import W_NS
from tests.check.test_annotate import lo_annotations
from tests.check.test_read_docx import make_docx, para
from tests.conftest import LibreOffice

NS = {"w": W_NS}


def cell(*paragraphs: str, span: int = 1) -> str:
    props = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{props}{''.join(para(p) for p in paragraphs) or para('')}</w:tc>"


def row(*cells: str, before: int = 0) -> str:
    props = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def control(inner: str) -> str:
    """A content control (structured document tag) around `inner`."""
    props = '<w:sdtPr><w:alias w:val="x"/></w:sdtPr>'
    return f"<w:sdt>{props}<w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def table(*rows: str, columns: int = 3) -> str:
    grid = '<w:gridCol w:w="2000"/>' * columns
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def places(path: Path) -> list[tuple[str, tuple[int, int, int] | None, int | None, bool]]:
    return [(p.text, p.cell, p.paragraph, p.control) for p in read_docx(path)]


# ------------------------------------------------------------------ reading


def test_rows_and_cells_in_content_controls_are_read(tmp_path: Path) -> None:
    """hostile-docx 20: a w:sdt around a w:tr, around a w:tc, around a whole table."""
    body = (
        para("Before.")
        + table(
            row(cell("Scheme"), cell("Amount")),
            control(row(cell("A"), cell("£1"))),  # a row in a content control
            row(cell("B"), control(cell("£2")), cell("after")),  # a cell in one
            control(control(row(control(cell("C")), cell("£3")))),  # nested controls
        )
        + control(para("In a control.") + table(row(cell("Inner"))))
        + para("After.")
    )
    path = make_docx(tmp_path / "sdt.docx", body)
    assert places(path) == [
        ("Before.", None, 1, False),
        ("Scheme", (1, 1, 1), None, False),
        ("Amount", (1, 1, 2), None, False),
        ("A", (1, 2, 1), None, False),
        ("£1", (1, 2, 2), None, False),
        ("B", (1, 3, 1), None, False),
        ("£2", (1, 3, 2), None, False),
        ("after", (1, 3, 3), None, False),
        ("C", (1, 4, 1), None, False),
        ("£3", (1, 4, 2), None, False),
        ("In a control.", None, None, True),
        ("Inner", (2, 1, 1), None, False),
        ("After.", None, 2, False),
    ]
    assert [p.text for p in docx.Document(str(path)).paragraphs] == ["Before.", "After."]
    assert [p.block for p in read_docx(path)] == list(range(1, 14))


def test_a_table_only_in_content_controls_is_not_empty(tmp_path: Path) -> None:
    opening = para("THIS AGREEMENT is made on 1 April 2024") + para("1 PAYMENT")
    body = opening + table(control(row(control(cell("The Council shall pay [insert amount]")))))
    path = make_docx(tmp_path / "only.docx", body)
    findings = check_document(path).findings
    assert [(f.code, f.cell, f.place) for f in findings] == [
        ("placeholder", (1, 1, 1), "table 1, row 1, column 1")
    ]


def test_merged_cells_and_skipped_grid_columns_count_along_the_grid(tmp_path: Path) -> None:
    body = table(
        row(cell("Heading over two", span=2), cell("Third")),
        row(cell("One"), cell("Two"), cell("Three")),
        row(cell("Indented"), before=1),
        row(cell("Wide", span=99), cell("Next")),  # a damaged span counts as one
    )
    path = make_docx(tmp_path / "merged.docx", body)
    assert [(t, c) for t, c, _, _ in places(path)] == [
        ("Heading over two", (1, 1, 1)),
        ("Third", (1, 1, 3)),
        ("One", (1, 2, 1)),
        ("Two", (1, 2, 2)),
        ("Three", (1, 2, 3)),
        ("Indented", (1, 3, 2)),
        ("Wide", (1, 4, 1)),
        ("Next", (1, 4, 2)),
    ]


def test_nested_tables_are_numbered_where_they_begin(tmp_path: Path) -> None:
    inner = table(row(cell("n1"), cell("n2")), row(cell("n3")))
    body = table(
        row(cell("outer 1"), f"<w:tc>{para('before inner')}{inner}{para('after inner')}</w:tc>"),
        row(cell("outer 2")),
    ) + table(row(cell("last")))
    path = make_docx(tmp_path / "nested.docx", body)
    assert [(t, c) for t, c, _, _ in places(path)] == [
        ("outer 1", (1, 1, 1)),
        ("before inner", (1, 1, 2)),
        ("n1", (2, 1, 1)),
        ("n2", (2, 1, 2)),
        ("n3", (2, 2, 1)),
        ("after inner", (1, 1, 2)),
        ("outer 2", (1, 2, 1)),
        ("last", (3, 1, 1)),
    ]


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def test_the_walk_keeps_its_own_stack_at_any_depth() -> None:
    """Depth costs memory, never Python recursion: 5,000 nested controls and 2,000 nested
    tables (more than the recursion limit) are walked."""
    body = etree.Element(_w("body"), nsmap={"w": W_NS})
    holder = body
    for _ in range(5_000):
        holder = etree.SubElement(etree.SubElement(holder, _w("sdt")), _w("sdtContent"))
    etree.SubElement(etree.SubElement(etree.SubElement(holder, _w("p")), _w("r")), _w("t"))
    holder = body
    for _ in range(2_000):
        tc = etree.SubElement(
            etree.SubElement(etree.SubElement(holder, _w("tbl")), _w("tr")), _w("tc")
        )
        holder = tc
    etree.SubElement(holder, _w("p"))
    assert sys.getrecursionlimit() < 5_000
    found = word_blocks.paragraphs(body)
    assert [(b.control, b.cell) for b in found] == [
        (True, None),
        (False, word_blocks.Cell(2_000, 1, 1)),
    ]


# ------------------------------------------------------------------ locating and annotating

FINANCE = [
    ("Scheme", "Amount", "Share of the Pooled Fund"),
    ("Scheme A", "£1,200,000", "25%"),  # wrong: 24%
    ("Scheme B", "£3,800,000", "76%"),
    ("Total", "£5,000,000", "100%"),
]


def finance_document(path: Path) -> Path:
    """Clauses, a finance table whose third row sits in a content control, a placeholder
    in a body-level content control and one in a nested table."""
    rows = [row(*(cell(t) for t in r)) for r in FINANCE]
    rows[2] = control(rows[2])
    nested = table(row(cell("Signed for the Council"), cell("[insert name]")))
    body = (
        para("1. The Pooled Fund")
        + para("1.1 The Partners contribute to the Pooled Fund as follows.")
        + table(*rows)
        + control(para("1.2 This Agreement is dated [insert date]."))
        + para("2. Signatures")
        + table(row(cell("Execution"), f"<w:tc>{nested}</w:tc>"))
    )
    return make_docx(path, body)


def test_findings_in_cells_and_controls_say_where_they_are(tmp_path: Path) -> None:
    path = finance_document(tmp_path / "finance.docx")
    runner = CliRunner()
    done = runner.invoke(main, ["check", str(path), "--format", "json"])
    found = json.loads(done.output)["findings"]
    by_code = {(f["code"], f["text"]): f for f in found}
    percent = by_code[("money-percent", "25%")]
    assert percent["suggestion"] == "24%"
    assert (percent["table"], percent["row"], percent["column"]) == (1, 2, 3)
    assert percent["place"] == "table 1, row 2, column 3"
    assert percent["clause"] == "Clause 1.1"
    assert "paragraph" not in percent
    date = by_code[("placeholder", "[insert date]")]
    assert date["place"] == "a content control" and "table" not in date
    name = by_code[("placeholder", "[insert name]")]
    assert name["place"] == "table 3, row 1, column 2"  # the nested table is table 3

    text = runner.invoke(main, ["check", str(path)]).output
    assert f"{path}: table 1, row 2, column 3: error money-percent: 25% is not" in text
    assert f"{path}: a content control: " in text


def _comment_anchors(path: Path) -> dict[str, tuple[str, str]]:
    """Each comment's text -> (the text its range covers, the tag of the range's container)."""
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    texts = {
        c.get(_w("id")): "".join(str(t) for t in c.itertext())
        for c in comments.iterfind("w:comment", NS)
    }
    out: dict[str, tuple[str, str]] = {}
    for start in document.iter(_w("commentRangeStart")):
        ident = start.get(_w("id"))
        p = start.getparent()
        assert p is not None and p.tag == _w("p")
        covered: list[str] = []
        inside = False
        for element in p.iter():
            if element is start:
                inside = True
            elif element.tag == _w("commentRangeEnd") and element.get(_w("id")) == ident:
                break
            elif inside and element.tag == _w("t"):
                covered.append(element.text or "")
        container = p.getparent()
        while container is not None and container.tag not in (
            _w("tc"),
            _w("sdtContent"),
            _w("body"),
        ):
            container = container.getparent()
        assert container is not None
        out[texts[ident]] = ("".join(covered), etree.QName(container).localname)
    return out


MOVED = "In the content control after this paragraph: "


def test_docx_output_comments_on_the_cells(tmp_path: Path) -> None:
    """Cells (also in a row in a content control, and in a nested table) carry their
    comments; a paragraph in a content control has its comment just before the control."""
    path = finance_document(tmp_path / "finance.docx")
    out = tmp_path / "checked.docx"
    done = CliRunner().invoke(main, ["check", str(path), "--format", "docx", "-o", str(out)])
    assert done.exit_code == 1, done.output
    assert "with 3 comment(s)" in done.output
    anchors = _comment_anchors(out)
    percent = next(t for t in anchors if t.startswith("error money-percent: 25% is not"))
    assert anchors[percent] == ("25%", "tc")
    name = next(t for t in anchors if "[insert name]" in t)
    assert anchors[name] == ("[insert name]", "tc")
    date = next(t for t in anchors if "[insert date]" in t)
    assert date.startswith(MOVED + "error placeholder")
    assert anchors[date] == ("", "tc")  # a point in the cell just above the control
    # python-docx opens it: same body paragraphs, same cells, and the comments
    before, after = docx.Document(str(path)), docx.Document(str(out))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert sorted(c.text for c in after.comments) == sorted(anchors)
    assert after.tables[0].cell(1, 2).text == "25%"
    assert after.tables[0].cell(2, 2).text == "100%"  # python-docx skips the row in a control
    # the reader reads the same text from the output as from the input
    assert [p.text for p in read_docx(out)] == [p.text for p in read_docx(path)]
    assert sum(p.comments for p in read_docx(out)) == 3


def test_a_note_names_any_paragraph_by_its_block(tmp_path: Path) -> None:
    path = finance_document(tmp_path / "finance.docx")
    read = read_docx(path)
    target = next(p for p in read if p.text == "£1,200,000")
    out = tmp_path / "noted.docx"
    assert annotate_docx(path, out, [Note(0, "On a cell.", quote="200", block=target.block)]) == 1
    assert _comment_anchors(out) == {"On a cell.": ("200", "tc")}
    with pytest.raises(ValueError, match="block 99 is out of range"):
        annotate_docx(path, out, [Note(0, "Nowhere.", block=99)])


def controls_document(path: Path) -> Path:
    """Content controls around a paragraph and a table at the start of the body, around a
    cell, and around a paragraph in a cell."""
    body = (
        control(para("First [TBC] in a control"))
        + control(table(row(cell("Whole table [TBC]"))))
        + para("Between.")
        + table(
            row(cell("Alpha"), control(cell("Beta [TBC] cell in a control"))),
            row(cell("Gamma"), f"<w:tc>{control(para('Delta [TBC] paragraph'))}</w:tc>"),
        )
    )
    return make_docx(path, body)


def tbc_notes(path: Path) -> list[Note]:
    return [
        Note(0, p.text, "[TBC]", p.block, f"row {p.cell[1]}" if p.cell else "")
        for p in read_docx(path)
        if "[TBC]" in p.text
    ]


def test_comments_leave_content_controls(tmp_path: Path) -> None:
    """LibreOffice loses text before a comment inside a content control: the comment goes
    to the nearest paragraph outside any, before the control (else after it)."""
    path = controls_document(tmp_path / "controls.docx")
    out = tmp_path / "checked.docx"
    assert annotate_docx(path, out, tbc_notes(path)) == 4
    after = "In the content control before this paragraph"
    assert _comment_anchors(out) == {
        f"{after}: First [TBC] in a control": ("", "body"),  # at the start of "Between."
        f"{after}, row 1: Whole table [TBC]": ("", "body"),
        MOVED.replace(":", ", row 1:") + "Beta [TBC] cell in a control": ("", "tc"),  # "Alpha"
        MOVED.replace(":", ", row 2:") + "Delta [TBC] paragraph": ("", "tc"),  # after "Gamma"
    }
    assert [p.text for p in read_docx(out)] == [p.text for p in read_docx(path)]


def test_a_body_wholly_in_a_content_control_gets_no_comments(tmp_path: Path) -> None:
    inner = para("THIS AGREEMENT is made on 1 April 2024") + para("1 PAYMENT")
    inner += para("1.1 The Council pays [TBC].")
    path = make_docx(tmp_path / "wrapped.docx", control(inner))
    out = tmp_path / "checked.docx"
    done = CliRunner().invoke(main, ["check", str(path), "--format", "docx", "-o", str(out)])
    assert "with 0 comment(s) (1 left out: no paragraph outside the content controls)" in (
        done.output
    )
    assert docx.Document(str(out)).paragraphs == []  # the copy opens, unchanged
    assert [p.text for p in read_docx(out)][-1] == "1.1 The Council pays [TBC]."


def lo_text(tmp_path: Path, path: Path) -> str:
    """LibreOffice's text export of a .docx (its own profile: other tests may run soffice)."""
    office = shutil.which("soffice") or "soffice"
    profile = (tmp_path / "lo-profile").as_uri()
    command = [office, f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "txt:Text", "--outdir", str(tmp_path / "lo"), str(path)]
    done = subprocess.run(
        command,
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return (tmp_path / "lo" / path.with_suffix(".txt").name).read_text(encoding="utf-8-sig")


@pytest.mark.libreoffice
def test_libreoffice_shows_the_comments_and_keeps_the_text(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    finance = finance_document(tmp_path / "finance.docx")
    checked = tmp_path / "checked.docx"
    CliRunner().invoke(main, ["check", str(finance), "--format", "docx", "-o", str(checked)])
    controls = controls_document(tmp_path / "controls.docx")
    noted = tmp_path / "noted.docx"
    annotate_docx(controls, noted, tbc_notes(controls))
    report = lo_annotations(libreoffice, tmp_path, [checked, noted])
    seen = {a["content"]: a["anchor"] for a in report[str(checked)]}
    assert sorted(seen.values()) == ["", "25%", "[insert name]"]
    assert all(content.startswith(("error", MOVED)) for content in seen)
    assert sorted(a["anchor"] for a in report[str(noted)]) == ["", "", "", ""]
    assert all(a["content"].startswith("In the content") for a in report[str(noted)])
    # nothing of the text is lost (LibreOffice drops a content control's text before a
    # comment placed inside it: the comments stay outside them)
    for source, annotated in ((finance, checked), (controls, noted)):
        assert lo_text(tmp_path, annotated) == lo_text(tmp_path, source)
