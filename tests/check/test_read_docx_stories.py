"""What Word shows outside plain body paragraphs: text boxes (each once), mc:AlternateContent,
content controls, ISO Strict packages, and values a hostile file makes absurd."""

from __future__ import annotations

from pathlib import Path

import pytest

from s75docs.check.read_docx import read_docx
from s75docs.errors import UsageError
from tests.hostile_parts import (
    MC_NS,
    STRICT_W,
    V_NS,
    W_NS,
    WPS_NS,
    document,
    level,
    numbering,
    p,
    package,
    write_zip,
)

EXTRA_NS = f' xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:v="{V_NS}"'


def read(tmp_path: Path, body: str) -> list[tuple[str, int | None]]:
    """(text, body paragraph number) of each paragraph the reader gives."""
    path = tmp_path / "doc.docx"
    write_zip(path, package(document(body, extra_ns=EXTRA_NS)))
    return [(raw.text, raw.paragraph) for raw in read_docx(path)]


def vml_box(*paragraphs: str) -> str:
    box = f"<w:txbxContent>{''.join(paragraphs)}</w:txbxContent>"
    return f"<w:r><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></w:r>"


def test_a_text_box_is_read_once_after_its_paragraph(tmp_path: Path) -> None:
    box = f"<w:txbxContent>{p('In the box.')}{p('Second line.')}</w:txbxContent>"
    drawing = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
        f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
        "</w:r>"
    )
    body = p("Before.") + p("Anchor ", raw=drawing) + p("After.")
    assert read(tmp_path, body) == [
        ("Before.", 1),
        ("Anchor ", 2),
        ("In the box.", None),  # not a body paragraph: python-docx does not count it
        ("Second line.", None),
        ("After.", 3),
    ]


def test_nested_vml_text_boxes_are_each_read_once(tmp_path: Path) -> None:
    inner = vml_box(p("Inner."))
    body = p("Anchor", raw=vml_box(p("Outer.", raw=inner)))
    assert [text for text, _ in read(tmp_path, body)] == ["Anchor", "Outer.", "Inner."]


def test_a_field_left_open_in_a_text_box_stays_in_it(tmp_path: Path) -> None:
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>REF x</w:instrText></w:r>'
    )
    body = p("Anchor", raw=vml_box(p("Boxed", raw=begin))) + p("Body text.")
    assert [text for text, _ in read(tmp_path, body)] == ["Anchor", "Boxed", "Body text."]


def test_alternate_content_reads_one_branch(tmp_path: Path) -> None:
    inline = (
        '<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>Choice</w:t></w:r>'
        "</mc:Choice><mc:Fallback><w:r><w:t>Fallback</w:t></w:r></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    choice = f'<mc:Choice Requires="w14">{p("Only choice.")}</mc:Choice>'
    block = f"<mc:AlternateContent>{choice}</mc:AlternateContent>"
    assert [text for text, _ in read(tmp_path, p("Text: ", raw=inline) + block)] == [
        "Text: Fallback",
        "Only choice.",
    ]


def test_content_controls_at_body_and_paragraph_level(tmp_path: Path) -> None:
    inline = "<w:sdt><w:sdtContent><w:r><w:t>inline</w:t></w:r></w:sdtContent></w:sdt>"
    body = f"<w:sdt><w:sdtContent>{p('Body control.')}</w:sdtContent></w:sdt>" + p(
        "An ", raw=inline
    )
    assert [text for text, _ in read(tmp_path, body)] == ["Body control.", "An inline"]


def test_strict_numbering_is_read(tmp_path: Path) -> None:
    strict_numbering = numbering(level(0, "%1.")).replace(W_NS.encode(), STRICT_W.encode())
    path = tmp_path / "strict.docx"
    body = "".join(p(f"Clause {i}", num=(1, 0)) for i in range(3))
    write_zip(
        path,
        package(
            document(body, ns=STRICT_W),
            parts={"word/numbering.xml": strict_numbering},
            rels={"numbering": "numbering.xml"},
            strict=True,
        ),
    )
    assert [(r.number, r.text) for r in read_docx(path)] == [
        ("1.", "Clause 0"),
        ("2.", "Clause 1"),
        ("3.", "Clause 2"),
    ]


def test_a_lone_surrogate_symbol_reads_as_the_replacement_character(tmp_path: Path) -> None:
    sym = '<w:r><w:sym w:char="D800"/><w:sym w:char="F0B7"/><w:sym w:char="110000"/></w:r>'
    assert read(tmp_path, p("x", raw=sym)) == [("x\ufffd\uf0b7", 1)]


def test_a_start_value_of_thousands_of_digits_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "start.docx"
    levels = level(0, "%1.", start="9" * 4300) + level(1, "%1.%2.", start="8" * 5000)
    body = p("One", num=(1, 0)) + p("Two", num=(1, 1))
    write_zip(
        path,
        package(
            document(body),
            parts={"word/numbering.xml": numbering(levels)},
            rels={"numbering": "numbering.xml"},
        ),
    )
    assert [r.number for r in read_docx(path)] == ["0.", "0.0."]


def test_an_equation_reads_as_its_characters(tmp_path: Path) -> None:
    m = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    equation = f'<m:oMath xmlns:m="{m}"><m:r><m:t>x</m:t></m:r><m:r><m:t>=2</m:t></m:r></m:oMath>'
    assert read(tmp_path, p("Where ", raw=equation)) == [("Where x=2", 1)]


def test_a_body_without_text_says_where_the_text_is(tmp_path: Path) -> None:
    path = tmp_path / "header.docx"
    header = f'<w:hdr xmlns:w="{W_NS}">{p("Header text")}</w:hdr>'.encode()
    write_zip(path, package(document(p("")), parts={"word/header1.xml": header}))
    with pytest.raises(UsageError, match="its text is only in headers"):
        read_docx(path)
    empty = tmp_path / "empty.docx"
    write_zip(empty, package(document(p(""))))
    assert [r.text for r in read_docx(empty)] == [""]  # truly empty: run.py says so
