"""The .docx reader: Word's displayed list numbers, fields, bookmarks, styles, document order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from s75docs.check.raw import Field, RawParagraph
from s75docs.check.read_docx import read_docx
from s75docs.check.word_numbering import format_number
from s75docs.doctree.nodes import (
    Definition,
    DefinitionItem,
    Document,
    Item,
    Recital,
    Ref,
    Schedule,
    inlines_of,
)
from s75docs.ooxml import MC_NS, W_NS
from s75docs.pipeline import load_and_build, render_bytes
from tests.helpers import FAIRHAVEN

NS = f'xmlns:w="{W_NS}"'
LEGAL = [
    ("decimal", "%1"),
    ("decimal", "%1.%2"),
    ("decimal", "%1.%2.%3"),
    ("lowerLetter", "(%4)"),
    ("lowerRoman", "(%5)"),
]

# ------------------------------------------------------------------ building inputs


def _fragment(xml: str, wrapper: str = "w:body") -> list[etree._Element]:
    return list(etree.fromstring(f"<{wrapper} {NS}>{xml}</{wrapper}>"))


def make_docx(
    path: Path, body: str, numbering: str = "", styles: str = "", *, keep_numbering: bool = False
) -> Path:
    """A real .docx from python-docx's template with raw body, numbering and style XML."""
    document = docx.Document()
    numbering_root = document.part.numbering_part.element
    if not keep_numbering:
        for child in list(numbering_root):
            numbering_root.remove(child)
    elements = _fragment(numbering, "w:numbering")
    abstracts = [e for e in elements if e.tag == qn("w:abstractNum")]
    for element in abstracts + [e for e in elements if e not in abstracts]:
        numbering_root.append(element)
    for element in _fragment(styles, "w:styles"):
        document.styles.element.append(element)
    section = document.element.body.find(qn("w:sectPr"))
    for element in _fragment(body):
        section.addprevious(element)
    document.save(str(path))
    return path


def level_xml(ilvl: int, fmt: str, text: str, *, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def abstract_xml(
    ident: int, levels: list[tuple[str, str]], *, start: int = 1, extra: str = ""
) -> str:
    body = "".join(level_xml(i, fmt, text, start=start) for i, (fmt, text) in enumerate(levels))
    return f'<w:abstractNum w:abstractNumId="{ident}">{extra}{body}</w:abstractNum>'


def num_xml(
    ident: int, abstract: int, restart: dict[int, int] | None = None, extra: str = ""
) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
        for i, v in (restart or {}).items()
    )
    return (
        f'<w:num w:numId="{ident}"><w:abstractNumId w:val="{abstract}"/>{overrides}{extra}</w:num>'
    )


def para(
    text: str,
    num: int | None = None,
    ilvl: int | None = 0,
    *,
    style: str | None = None,
    content: str | None = None,
) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
        ppr += f'<w:numPr>{level}<w:numId w:val="{num}"/></w:numPr>'
    runs = content if content is not None else f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def field(instruction: str, cached: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(cached)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def numbers(paragraphs: list[RawParagraph]) -> list[str]:
    return [p.number for p in paragraphs]


@pytest.fixture
def legal(tmp_path: Path) -> Path:
    items = [
        (0, "Definitions"),
        (1, "one one"),
        (1, "one two"),
        (2, "one two one"),
        (3, "letter a"),
        (3, "letter b"),
        (4, "roman i"),
        (4, "roman ii"),
        (3, "letter c"),
        (2, "one two two"),
        (1, "one three"),
        (0, "Term"),
        (1, "two one"),
        (3, "letter under two one"),
    ]
    body = "".join(para(text, 1, ilvl) for ilvl, text in items)
    return make_docx(tmp_path / "legal.docx", body, abstract_xml(0, LEGAL) + num_xml(1, 0))


# ------------------------------------------------------------------ list numbering


def test_multi_level_legal_list_shows_each_level_and_resets_deeper_levels(legal: Path) -> None:
    read = read_docx(legal)
    assert numbers(read) == [
        "1",
        "1.1",
        "1.2",
        "1.2.1",
        "(a)",
        "(b)",
        "(i)",
        "(ii)",
        "(c)",
        "1.2.2",
        "1.3",
        "2",
        "2.1",
        "(a)",
    ]
    assert [p.level for p in read] == [0, 1, 1, 2, 3, 3, 4, 4, 3, 2, 1, 0, 1, 3]
    assert all(p.numbered_by_word and p.list_id == "1" for p in read)
    assert read[0].text == "Definitions"  # the number is not part of the text


def test_second_num_with_start_override_restarts_the_list(tmp_path: Path) -> None:
    numbering = abstract_xml(0, LEGAL) + num_xml(1, 0) + num_xml(2, 0, {0: 1, 1: 1})
    body = (
        para("a", 1)
        + para("b", 1)
        + para("b.1", 1, 1)
        + para("restart", 2)
        + para("restart.1", 2, 1)
        + para("next", 2)
    )
    read = read_docx(make_docx(tmp_path / "restart.docx", body, numbering))
    assert numbers(read) == ["1", "2", "2.1", "1", "1.1", "2"]
    assert [p.list_id for p in read] == ["1", "1", "1", "2", "2", "2"]


def test_restart_is_shared_with_other_nums_of_the_same_abstract(tmp_path: Path) -> None:
    """Word counts per abstractNum: after a restart, the first num continues from it."""
    numbering = abstract_xml(0, LEGAL) + num_xml(1, 0) + num_xml(2, 0, {0: 1})
    body = para("a", 1) + para("b", 1) + para("restart", 2) + para("back", 1)
    read = read_docx(make_docx(tmp_path / "shared.docx", body, numbering))
    assert numbers(read) == ["1", "2", "1", "2"]


def test_nums_sharing_an_abstract_continue_into_the_next_schedule(tmp_path: Path) -> None:
    """The classic fault: schedule 2's list was not restarted, so Word shows 4, 5 not 1, 2."""
    numbering = abstract_xml(0, LEGAL) + num_xml(3, 0) + num_xml(4, 0)
    body = (
        para("SCHEDULE 1")
        + para("first", 3)
        + para("second", 3)
        + para("second.1", 3, 1)
        + para("third", 3)
        + para("SCHEDULE 2")
        + para("first again?", 4)
        + para("first again.1", 4, 1)
        + para("second again?", 4)
    )
    read = read_docx(make_docx(tmp_path / "continues.docx", body, numbering))
    assert numbers(read) == ["", "1", "2", "2.1", "3", "", "4", "4.1", "5"]
    assert [p.list_id for p in read if p.numbered_by_word] == ["3"] * 4 + ["4"] * 3
    assert read[5].text == "SCHEDULE 2" and not read[5].numbered_by_word


def test_start_value(tmp_path: Path) -> None:
    numbering = abstract_xml(0, [("decimal", "%1.")], start=5) + num_xml(1, 0)
    read = read_docx(make_docx(tmp_path / "start.docx", para("a", 1) + para("b", 1), numbering))
    assert numbers(read) == ["5.", "6."]


def test_start_override_value_other_than_one(tmp_path: Path) -> None:
    numbering = abstract_xml(0, [("decimal", "%1")]) + num_xml(1, 0, {0: 7})
    read = read_docx(make_docx(tmp_path / "seven.docx", para("a", 1) + para("b", 1), numbering))
    assert numbers(read) == ["7", "8"]


def test_is_lgl_shows_every_level_as_decimal(tmp_path: Path) -> None:
    levels = (
        level_xml(0, "upperRoman", "Article %1")
        + level_xml(1, "decimal", "%1.%2", extra="<w:isLgl/>")
        + level_xml(2, "lowerLetter", "%1.%2.%3")
    )
    numbering = f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>' + num_xml(1, 0)
    body = para("art", 1, 0) + para("art", 1, 0) + para("sec", 1, 1) + para("sub", 1, 2)
    read = read_docx(make_docx(tmp_path / "lgl.docx", body, numbering))
    assert numbers(read) == ["Article I", "Article II", "2.1", "II.1.a"]


def test_numbering_inherited_from_paragraph_styles(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="ClauseL1"><w:name w:val="Clause L1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ClauseL2"><w:name w:val="Clause L2"/>'
        '<w:basedOn w:val="ClauseL1"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ClauseL3"><w:name w:val="Clause L3"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    levels = level_xml(0, "decimal", "%1") + level_xml(1, "decimal", "%1.%2")
    levels += level_xml(2, "decimal", "%1.%2.%3", extra='<w:pStyle w:val="ClauseL3"/>')
    numbering = f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>' + num_xml(1, 0)
    body = (
        para("one", style="ClauseL1", num=None)
        + para("one.one", style="ClauseL2", num=None)
        + para("linked by the level's pStyle", style="ClauseL3", num=None)
        + para("switched off", style="ClauseL1", num=0)
        + para("two", style="ClauseL1", num=None)
        + para("direct level", style="ClauseL1", num=None, ilvl=None)
    )
    read = read_docx(make_docx(tmp_path / "styles.docx", body, numbering, styles))
    assert numbers(read) == ["1", "1.1", "1.1.1", "", "2", "3"]
    assert read[1].style == "Clause L2"
    assert not read[3].numbered_by_word and read[3].list_id == ""


def test_paragraph_ilvl_with_the_style_num_id(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Clause"><w:name w:val="Clause"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    numbering = abstract_xml(0, LEGAL) + num_xml(1, 0)
    body = (
        para("one", style="Clause")
        + '<w:p><w:pPr><w:pStyle w:val="Clause"/><w:numPr><w:ilvl w:val="1"/></w:numPr>'
        "</w:pPr><w:r><w:t>sub</w:t></w:r></w:p>"
    )
    read = read_docx(make_docx(tmp_path / "ilvl.docx", body, numbering, styles))
    assert numbers(read) == ["1", "1.1"]


def test_recitals_upper_letter(tmp_path: Path) -> None:
    numbering = abstract_xml(0, [("upperLetter", "(%1)")]) + num_xml(1, 0)
    body = "".join(para(f"recital {i}", 1) for i in range(3))
    read = read_docx(make_docx(tmp_path / "recitals.docx", body, numbering))
    assert numbers(read) == ["(A)", "(B)", "(C)"]


def test_num_id_zero_means_no_numbering(tmp_path: Path) -> None:
    numbering = abstract_xml(0, LEGAL) + num_xml(1, 0)
    body = para("one", 1) + para("12.3 typed by hand", 0) + para("two", 1)
    read = read_docx(make_docx(tmp_path / "zero.docx", body, numbering))
    assert numbers(read) == ["1", "", "2"]
    assert read[1] == RawParagraph(text="12.3 typed by hand", style="Normal", paragraph=2, block=2)


def test_unknown_num_id_is_not_numbered(tmp_path: Path) -> None:
    read = read_docx(make_docx(tmp_path / "unknown.docx", para("x", 9)))
    assert not read[0].numbered_by_word and read[0].number == ""


def test_bullets_are_list_members_without_a_number(tmp_path: Path) -> None:
    levels = level_xml(0, "decimal", "%1") + level_xml(1, "bullet", "\u2022")
    numbering = f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>' + num_xml(1, 0)
    body = para("one", 1) + para("dot", 1, 1) + para("dot", 1, 1) + para("two", 1)
    read = read_docx(make_docx(tmp_path / "bullets.docx", body, numbering))
    assert numbers(read) == ["1", "", "", "2"]
    assert [p.numbered_by_word for p in read] == [True] * 4
    assert read[1].level == 1 and read[1].list_id == "1"


def test_typed_numbers_are_left_in_the_text(tmp_path: Path) -> None:
    body = (
        para("12.3 The Partners shall")
        + para("12.4\tThe Partners")
        + para("(a) the first")
        + para("SCHEDULE 4")
        + para("Schedule 4 Finance")
    )
    read = read_docx(make_docx(tmp_path / "typed.docx", body))
    assert [p.text for p in read] == [
        "12.3 The Partners shall",
        "12.4\tThe Partners",
        "(a) the first",
        "SCHEDULE 4",
        "Schedule 4 Finance",
    ]
    assert numbers(read) == [""] * 5 and not any(p.numbered_by_word for p in read)


def test_num_style_link_takes_levels_and_counts_from_the_linked_list(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/>'
        '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
    )
    numbering = (
        '<w:abstractNum w:abstractNumId="5"><w:numStyleLink w:val="LegalList"/></w:abstractNum>'
        + abstract_xml(
            6,
            [("decimal", "Clause %1"), ("lowerLetter", "(%2)")],
            extra=('<w:styleLink w:val="LegalList"/>'),
        )
        + num_xml(7, 6)
        + num_xml(8, 5)
    )
    body = para("via link", 8) + para("limb", 8, 1) + para("direct", 7) + para("via link", 8)
    read = read_docx(make_docx(tmp_path / "link.docx", body, numbering, styles))
    assert numbers(read) == ["Clause 1", "(a)", "Clause 2", "Clause 3"]
    assert [p.list_id for p in read] == ["8", "8", "7", "8"]


def test_lvl_restart_zero_never_restarts(tmp_path: Path) -> None:
    levels = level_xml(0, "decimal", "%1") + level_xml(
        1, "decimal", "%2)", extra='<w:lvlRestart w:val="0"/>'
    )
    numbering = f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>' + num_xml(1, 0)
    body = para("a", 1) + para("x", 1, 1) + para("y", 1, 1) + para("b", 1) + para("z", 1, 1)
    read = read_docx(make_docx(tmp_path / "lvlrestart.docx", body, numbering))
    assert numbers(read) == ["1", "1)", "2)", "2", "3)"]


def test_lvl_restart_after_a_named_level_only(tmp_path: Path) -> None:
    """Level 3 restarts after a level-1 item (lvlRestart 1), not after a level-2 item."""
    levels = (
        level_xml(0, "decimal", "%1")
        + level_xml(1, "decimal", "%1.%2")
        + level_xml(2, "lowerLetter", "(%3)", extra='<w:lvlRestart w:val="1"/>')
    )
    numbering = f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>' + num_xml(1, 0)
    body = (
        para("1", 1, 0)
        + para("1.1", 1, 1)
        + para("a", 1, 2)
        + para("1.2", 1, 1)
        + para("b", 1, 2)
        + para("2", 1, 0)
        + para("a", 1, 2)
    )
    read = read_docx(make_docx(tmp_path / "restart1.docx", body, numbering))
    assert numbers(read) == ["1", "1.1", "(a)", "1.2", "(b)", "2", "(a)"]


def test_level_override_replaces_the_level_for_that_num(tmp_path: Path) -> None:
    override = (
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="Part %1"/></w:lvl></w:lvlOverride>'
    )
    numbering = abstract_xml(0, LEGAL) + num_xml(1, 0) + num_xml(2, 0, extra=override)
    body = para("a", 1) + para("b", 2) + para("c", 2)
    read = read_docx(make_docx(tmp_path / "lvl.docx", body, numbering))
    assert numbers(read) == ["1", "Part I", "Part II"]


def test_custom_number_format_uses_the_fallback(tmp_path: Path) -> None:
    level = (
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent xmlns:mc="{MC_NS}">'
        '<mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003"/>'
        '</mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback>'
        '</mc:AlternateContent><w:lvlText w:val="%1."/></w:lvl>'
    )
    numbering = f'<w:abstractNum w:abstractNumId="0">{level}</w:abstractNum>' + num_xml(1, 0)
    read = read_docx(make_docx(tmp_path / "custom.docx", para("a", 1), numbering))
    assert numbers(read) == ["01."]


def test_deeper_level_before_its_parent_starts_the_parent(tmp_path: Path) -> None:
    """Word (and LibreOffice) show 1.1 with no clause 1 before it; the next clause is 2."""
    numbering = abstract_xml(0, LEGAL) + num_xml(1, 0)
    body = para("orphan", 1, 1) + para("parent", 1, 0) + para("child", 1, 1)
    body += para("skipped level", 1, 2) + para("sub", 1, 1)
    read = read_docx(make_docx(tmp_path / "orphan.docx", body, numbering))
    assert numbers(read) == ["1.1", "2", "2.1", "2.1.1", "2.2"]


def test_a_bullet_level_prints_nothing_inside_another_levels_text(tmp_path: Path) -> None:
    levels = (
        level_xml(0, "decimal", "%1.")
        + level_xml(1, "decimal", "%1.%2.")
        + level_xml(2, "bullet", "\u2014")
        + level_xml(3, "decimal", "%1.%2.%3%4.")
    )
    numbering = f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>' + num_xml(1, 0)
    body = para("s", 1, 0) + para("ss", 1, 1) + para("item", 1, 3) + para("item", 1, 3)
    read = read_docx(make_docx(tmp_path / "bullet-level.docx", body, numbering))
    assert numbers(read) == ["1.", "1.1.", "1.1.1.", "1.1.2."]


def test_number_formats() -> None:
    assert format_number(27, "lowerLetter") == "aa"
    assert format_number(28, "upperLetter") == "BB"
    assert format_number(1994, "lowerRoman") == "mcmxciv"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(7, "decimalZero") == "07"
    assert format_number(12, "decimalZero") == "12"
    assert format_number(3, "none") == ""
    assert format_number(22, "ordinal") == "22nd"
    assert format_number(13, "ordinal") == "13th"
    assert format_number(5, "chineseCounting") == "5"
    assert format_number(10**9, "lowerLetter") == str(10**9)  # no billion-letter strings


def test_list_numbers_count_through_table_cells(tmp_path: Path) -> None:
    numbering = abstract_xml(0, LEGAL) + num_xml(1, 0)
    table = (
        "<w:tbl><w:tr><w:tc>"
        + para("in a cell", 1)
        + "<w:tbl><w:tr><w:tc>"
        + para("nested cell")
        + "</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>"
    )
    body = para("one", 1) + table + para("after", 1)
    path = make_docx(tmp_path / "table.docx", body, numbering)
    read = read_docx(path)
    assert numbers(read) == ["1", "2", "", "3"]
    assert [(p.in_table, p.paragraph) for p in read] == [
        (False, 1),
        (True, None),
        (True, None),
        (False, 2),
    ]
    assert [p.text for p in docx.Document(str(path)).paragraphs] == ["one", "after"]


# ------------------------------------------------------------------ text, fields, marks


def test_text_tabs_breaks_and_tracked_changes(tmp_path: Path) -> None:
    content = (
        run("The ")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>old </w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins>'
        + "<w:r><w:t>words</w:t><w:tab/><w:t>after tab</w:t><w:br/><w:t>next line</w:t>"
        + '<w:br w:type="page"/><w:t>!</w:t></w:r>'
        + '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>'
        + '<w:hyperlink w:anchor="x"><w:r><w:t xml:space="preserve"> linked</w:t></w:r>'
        + "</w:hyperlink>"
        + '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> control</w:t></w:r>'
        + "</w:sdtContent></w:sdt>"
    )
    read = read_docx(make_docx(tmp_path / "text.docx", para("", content=content)))
    assert read[0].text == "The new words\tafter tab\nnext line! linked control"


def test_complex_fields_with_cached_results_and_offsets(tmp_path: Path) -> None:
    content = (
        run("See Clause ")
        + field("REF _Ref123456 \\w \\h", "12.3")
        + run(" and ")
        + field("PAGEREF _Ref9 \\h", "7")
    )
    read = read_docx(make_docx(tmp_path / "fields.docx", para("", content=content)))
    raw = read[0]
    assert raw.text == "See Clause 12.3 and 7"
    assert raw.fields == (
        Field("REF _Ref123456 \\w \\h", "12.3", 11),
        Field("PAGEREF _Ref9 \\h", "7", 20),
    )
    ref = raw.fields[0]
    assert ref.kind == "REF" and ref.bookmark == "_Ref123456"
    assert raw.text[ref.start : ref.start + len(ref.cached)] == "12.3"


def test_instruction_split_over_runs_and_nested_fields(tmp_path: Path) -> None:
    content = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        + field("REF _RefA \\w", "4.2")
        + '<w:r><w:instrText xml:space="preserve"> = "4.2" "same" "differs" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("same")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF </w:instrText></w:r>'
        '<w:r><w:instrText xml:space="preserve">_RefB \\r</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("(b)")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    raw = read_docx(make_docx(tmp_path / "nested.docx", para("", content=content)))[0]
    assert raw.text == "same(b)"
    assert [(f.instruction, f.cached, f.start) for f in raw.fields] == [
        ('IF 4.2 = "4.2" "same" "differs"', "same", 0),  # the nested result is code
        ("REF _RefA \\w", "4.2", 0),
        ("REF _RefB \\r", "(b)", 4),
    ]


def test_a_field_that_never_ends_does_not_swallow_the_document(tmp_path: Path) -> None:
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o </w:instrText></w:r>'
    )
    body = (
        para("", content=run("Contents") + begin)
        + para("1 DEFINITIONS")
        + para("", content=run("See ") + field("REF _Ref1 \\w", "2.1"))
    )
    read = read_docx(make_docx(tmp_path / "unended.docx", body))
    assert [p.text for p in read] == ["Contents", "1 DEFINITIONS", "See 2.1"]
    assert [p.toc_entry for p in read] == [False, False, False]
    assert read[2].fields == (Field("REF _Ref1 \\w", "2.1", 4),)


def test_deleted_field_characters_are_ignored(tmp_path: Path) -> None:
    deleted = (
        '<w:del w:id="1" w:author="a"><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:delInstrText xml:space="preserve"> REF _Old </w:delInstrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:del>'
    )
    content = run("Clause ") + deleted + field("REF _New \\w", "3") + run(" applies")
    raw = read_docx(make_docx(tmp_path / "deleted-field.docx", para("", content=content)))[0]
    assert raw.text == "Clause 3 applies"
    assert raw.fields == (Field("REF _New \\w", "3", 7),)


def test_simple_fields(tmp_path: Path) -> None:
    content = (
        run("Clause ")
        + '<w:fldSimple w:instr=" REF _Ref77 \\w \\h "><w:r><w:t>9.1</w:t></w:r></w:fldSimple>'
        + run(" applies")
    )
    raw = read_docx(make_docx(tmp_path / "simple.docx", para("", content=content)))[0]
    assert raw.text == "Clause 9.1 applies"
    assert raw.fields == (Field("REF _Ref77 \\w \\h", "9.1", 7),)


def test_bookmarks_and_comments(tmp_path: Path) -> None:
    content = (
        '<w:bookmarkStart w:id="1" w:name="_Ref111"/>'
        '<w:commentRangeStart w:id="5"/>'
        + run("Text")
        + '<w:commentRangeEnd w:id="5"/><w:r><w:commentReference w:id="5"/></w:r>'
        '<w:hyperlink w:anchor="x"><w:bookmarkStart w:id="2" w:name="inner"/>'
        + run("!")
        + '<w:bookmarkEnd w:id="2"/></w:hyperlink><w:r><w:commentReference w:id="6"/></w:r>'
        '<w:bookmarkEnd w:id="1"/>'
    )
    body = (
        '<w:bookmarkStart w:id="3" w:name="between"/>'
        + para("", content=content)
        + '<w:bookmarkEnd w:id="3"/>'
        + para("plain")
    )
    read = read_docx(make_docx(tmp_path / "marks.docx", body))
    assert read[0].bookmarks == ("between", "_Ref111", "inner")
    assert read[0].comments == 2  # comment 5 (range and reference) and comment 6
    assert read[1].bookmarks == () and read[1].comments == 0


def test_comment_spanning_paragraphs_counts_where_it_starts(tmp_path: Path) -> None:
    body = para("", content='<w:commentRangeStart w:id="1"/>' + run("a")) + para(
        "",
        content=run("b") + '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>',
    )
    read = read_docx(make_docx(tmp_path / "span.docx", body))
    assert [p.comments for p in read] == [1, 0]


def test_toc_field_spanning_paragraphs(tmp_path: Path) -> None:
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    body = (
        para("Contents")
        + para("", content=begin + run("1\tDefinitions\t") + field("PAGEREF _Ref1 \\h", "3"))
        + para("", content=run("2\tTerm\t") + field("PAGEREF _Ref2 \\h", "5"))
        + para("", content=end)
        + para("1 DEFINITIONS")
    )
    read = read_docx(make_docx(tmp_path / "toc.docx", body))
    assert [p.toc_entry for p in read] == [False, True, True, False, False]
    toc = read[1].fields[0]
    assert toc.kind == "TOC"
    assert toc.cached == "1\tDefinitions\t3\n2\tTerm\t5"
    assert read[2].fields == (Field("PAGEREF _Ref2 \\h", "5", 7),)


def test_toc_end_at_the_start_of_the_next_heading(tmp_path: Path) -> None:
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    body = para("", content=begin + run("1\tTerm\t2")) + para("", content=end + run("1 TERM"))
    read = read_docx(make_docx(tmp_path / "toc-end.docx", body))
    assert [p.toc_entry for p in read] == [True, False]


def test_styles_headings_and_toc_styles(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Clause Title"/>'
        '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="BodyLevel"><w:name w:val="Body Level"/>'
        '<w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="S75ClauseHeading">'
        '<w:name w:val="S75 Clause Heading"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="S75TOC"><w:name w:val="S75 TOC"/></w:style>'
    )
    body = (
        para("h", style="Heading1")
        + para("o", style="Outline")
        + para("b", style="BodyLevel")
        + para("t", style="TOC1")
        + para("c", style="S75ClauseHeading")
        + para("s", style="S75TOC")
        + para("n")
        + para("missing", style="NoSuchStyle")
    )
    read = read_docx(make_docx(tmp_path / "styles.docx", body, styles=styles))
    assert [p.style for p in read] == [
        "Heading 1",
        "Clause Title",
        "Body Level",
        "toc 1",
        "S75 Clause Heading",
        "S75 TOC",
        "Normal",
        "Normal",
    ]
    assert [p.is_heading for p in read] == [True, True, False, False, True, False, False, False]
    assert [p.toc_entry for p in read] == [False, False, False, True, False, True, False, False]


def test_paragraphs_in_body_content_controls_are_read_without_an_index(tmp_path: Path) -> None:
    body = para("first") + "<w:sdt><w:sdtContent>" + para("inside") + "</w:sdtContent></w:sdt>"
    path = make_docx(tmp_path / "sdt.docx", body + para("last"))
    read = read_docx(path)
    assert [(p.text, p.paragraph, p.in_table) for p in read] == [
        ("first", 1, False),
        ("inside", None, False),
        ("last", 2, False),
    ]
    assert [p.text for p in docx.Document(str(path)).paragraphs] == ["first", "last"]


def test_document_without_styles_or_numbering_parts(tmp_path: Path) -> None:
    import zipfile

    source = make_docx(tmp_path / "full.docx", para("Hello"))
    bare = tmp_path / "bare.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(bare, "w") as out:
        for info in src.infolist():
            if info.filename not in ("word/styles.xml", "word/numbering.xml"):
                out.writestr(info, src.read(info.filename))
    read = read_docx(bare)
    assert [(p.text, p.style, p.number) for p in read] == [("Hello", "", "")]


# ------------------------------------------------------------------ an agreement s75docs built


@pytest.fixture(scope="module")
def fairhaven(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    built = load_and_build(FAIRHAVEN)
    path = tmp_path_factory.mktemp("fairhaven") / "fairhaven.docx"
    path.write_bytes(render_bytes(built.doc, "docx"))
    return built.doc, path


@pytest.fixture(scope="module")
def fairhaven_read(fairhaven: tuple[Document, Path]) -> list[RawParagraph]:
    return read_docx(fairhaven[1])


def expected_numbers(doc: Document) -> Iterator[tuple[str, str | None]]:
    """(number Word should show, bookmark) for every numbered node, in document order."""
    for node in doc.walk():
        if isinstance(node, Recital | DefinitionItem):
            yield node.number, node.bookmark
        elif isinstance(node, Item):
            yield (node.full_number if node.level <= 3 else node.number), node.bookmark
        elif isinstance(node, Schedule):
            yield f"Schedule {node.number}", node.bookmark


def test_fairhaven_numbers_read_back_as_built(
    fairhaven: tuple[Document, Path], fairhaven_read: list[RawParagraph]
) -> None:
    doc, _path = fairhaven
    expected = list(expected_numbers(doc))
    listed = [p for p in fairhaven_read if p.numbered_by_word]
    assert len(expected) > 500
    assert [p.number for p in listed] == [number for number, _ in expected]
    by_bookmark = {name: p for p in fairhaven_read for name in p.bookmarks}
    for number, bookmark in expected:
        if bookmark:
            assert by_bookmark[bookmark].number == number


def test_fairhaven_schedules_restart_and_items_have_levels(
    fairhaven_read: list[RawParagraph],
) -> None:
    headings = [p for p in fairhaven_read if p.number.startswith("Schedule ")]
    assert [p.number for p in headings] == [f"Schedule {n}" for n in range(1, 13)]
    assert all(p.is_heading and p.style == "S75 Schedule Heading" for p in headings)
    after_first = fairhaven_read[fairhaven_read.index(headings[0]) + 1 :]
    first_item = next(p for p in after_first if p.numbered_by_word)
    assert first_item.number == "1" and first_item.level == 0


def test_fairhaven_ref_fields_and_bookmarks(
    fairhaven: tuple[Document, Path], fairhaven_read: list[RawParagraph]
) -> None:
    doc, _path = fairhaven
    built: list[tuple[str, str]] = []
    for node in doc.walk():
        for inline in inlines_of(node):
            if isinstance(inline, Ref):
                built += [(f"REF {p.bookmark} \\w \\h", p.text) for p in inline.parts if p.bookmark]
    read = [
        (f.instruction, f.cached)
        for p in fairhaven_read
        if not p.toc_entry
        for f in p.fields
        if f.kind == "REF"
    ]
    assert len(built) > 100
    assert sorted(read) == sorted(built)
    bookmarks = {name for p in fairhaven_read for name in p.bookmarks}
    assert {n.bookmark for n in doc.walk() if n.bookmark} <= bookmarks
    for raw in fairhaven_read:
        for f in raw.fields:
            if f.kind == "REF":
                assert f.bookmark in bookmarks
                assert raw.text[f.start : f.start + len(f.cached)] == f.cached


def test_fairhaven_toc_and_definitions(
    fairhaven: tuple[Document, Path], fairhaven_read: list[RawParagraph]
) -> None:
    doc, _path = fairhaven
    toc = [p for p in fairhaven_read if p.toc_entry]
    assert toc and all(p.style == "toc 1" for p in toc)
    assert toc[0].fields[0].kind == "TOC"
    assert [f.kind for p in toc[1:] for f in p.fields] == ["PAGEREF"] * (len(toc) - 1)
    terms = [n.term for n in doc.walk() if isinstance(n, Definition)]
    definitions = [p for p in fairhaven_read if p.style == "S75 Definition"]
    assert [p.text.startswith(t) for p, t in zip(definitions, terms, strict=True)] == [True] * len(
        terms
    )


def test_fairhaven_paragraph_indices_match_python_docx(
    fairhaven: tuple[Document, Path], fairhaven_read: list[RawParagraph]
) -> None:
    _doc, path = fairhaven
    word = docx.Document(str(path)).paragraphs
    body = [p for p in fairhaven_read if p.paragraph is not None]
    assert [p.paragraph for p in body] == list(range(1, len(word) + 1))
    assert [p.text for p in body] == [w.text for w in word]
    assert [p.style for p in body] == [w.style.name if w.style else "" for w in word]
    tables = [p for p in fairhaven_read if p.in_table]
    assert tables and all(p.paragraph is None for p in tables)
