"""annotate_docx: Word comments at findings, read back by python-docx, lxml and LibreOffice."""

from __future__ import annotations

import json
import subprocess
import textwrap
import warnings
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from s75docs.check.annotate import Note, annotate_docx
from s75docs.check.read_docx import read_docx
from s75docs.errors import UsageError
from s75docs.ooxml import COMMENTS_REL, R_NS, XML_NS
from s75docs.ooxml import W_NS as W
from s75docs.pipeline import load_and_build, render_bytes
from tests.conftest import LibreOffice

REPO = Path(__file__).resolve().parent.parent.parent
NS = {"w": W}
AUTHOR = "s75docs check"
COMMENT_PARTS = ("word/document.xml", "word/comments.xml")
PACKAGE_PARTS = ("word/_rels/document.xml.rels", "[Content_Types].xml")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


# ------------------------------------------------------------------ inputs
def make_source(path: Path) -> Path:
    """Six body paragraphs (and a table between them, whose cell is not counted)."""
    d = docx.Document()
    d.add_heading("Section 75 Partnership Agreement", level=1)  # 1
    d.add_paragraph("The Partners agree as follows.")  # 2
    d.add_table(rows=1, cols=1).cell(0, 0).text = "A table cell paragraph."
    p3 = d.add_paragraph("The Council shall ")  # 3
    bold = p3.add_run("host the pooled fund")
    bold.bold = True
    bold.font.size = Pt(12)
    p3.add_run(" for each Financial Year.")
    d.add_paragraph().add_run("This paragraph has\ta tab.")  # 4: one run, w:t w:tab w:t
    d.add_paragraph("")  # 5
    d.add_paragraph("  Last paragraph.  ")  # 6
    d.save(str(path))
    return path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return make_source(tmp_path / "source.docx")


@pytest.fixture(scope="module")
def fairhaven(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = load_and_build(REPO / "examples" / "fairhaven" / "scheme.yaml")
    path = tmp_path_factory.mktemp("fairhaven") / "fairhaven.docx"
    path.write_bytes(render_bytes(built.doc, "docx"))
    return path


# ------------------------------------------------------------------ readers
def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def xml(path: Path, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False)
    return etree.fromstring(part(path, name), parser)


def body_paragraphs(path: Path) -> list[etree._Element]:
    body = xml(path, "word/document.xml").find(w("body"))
    assert body is not None
    return body.findall(w("p"))


def comments(path: Path) -> dict[str, etree._Element]:
    root = xml(path, "word/comments.xml")
    return {c.get(w("id"), ""): c for c in root.iterfind(w("comment"))}


def comment_text(comment: etree._Element) -> str:
    lines = []
    for p in comment.iterfind(w("p")):
        pieces = []
        for e in p.iter(w("t"), w("tab")):
            pieces.append("\t" if e.tag == w("tab") else (e.text or ""))
        lines.append("".join(pieces))
    return "\n".join(lines)


def ids(p: etree._Element, tag: str) -> list[str]:
    return [e.get(w("id"), "") for e in p.iter(w(tag))]


def where(paragraphs: list[etree._Element], tag: str, cid: str) -> list[int]:
    """1-based indexes of the paragraphs holding marker `tag` with id `cid`."""
    return [i for i, p in enumerate(paragraphs, 1) if cid in ids(p, tag)]


def range_text(p: etree._Element, cid: str) -> str:
    """The text between commentRangeStart and commentRangeEnd `cid`, in document order."""
    inside = False
    out: list[str] = []
    for e in p.iter():
        if e.tag == w("commentRangeStart") and e.get(w("id")) == cid:
            inside = True
        elif e.tag == w("commentRangeEnd") and e.get(w("id")) == cid:
            inside = False
        elif inside and e.tag == w("t"):
            out.append(e.text or "")
        elif inside and e.tag == w("tab"):
            out.append("\t")
    return "".join(out)


def texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def assert_well_formed_comments(path: Path) -> dict[str, etree._Element]:
    """Every comment has exactly one start, end and reference, start before end."""
    found = comments(path)
    paragraphs = body_paragraphs(path)
    everything = [e for p in paragraphs for e in p.iter()]
    for cid in found:
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            hits = [e for e in everything if e.tag == w(tag) and e.get(w("id")) == cid]
            assert len(hits) == 1, (cid, tag)
        order = [
            e.tag for e in everything if e.tag.startswith(w("comment")) and e.get(w("id")) == cid
        ]
        assert order == [w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")]
    return found


# ------------------------------------------------------------------ tests
NOTES = [
    Note(2, "First note on paragraph two."),
    Note(6, "A quote that is the whole run.", quote="Last paragraph."),
    Note(3, "The pooled fund is not defined.", quote="pooled"),
    Note(2, "Second note\nwith two lines."),
]


def test_comments_have_their_text_and_sit_in_their_paragraphs(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    annotate_docx(source, target, NOTES)

    assert texts(target) == texts(source)
    found = assert_well_formed_comments(target)
    assert len(found) == len(set(found)) == 4
    # ids in document order: sorted by paragraph, the caller's order within one
    by_id = {cid: comment_text(c) for cid, c in found.items()}
    assert by_id == {
        "0": "First note on paragraph two.",
        "1": "Second note\nwith two lines.",
        "2": "The pooled fund is not defined.",
        "3": "A quote that is the whole run.",
    }
    for c in found.values():
        assert c.get(w("author")) == AUTHOR
        assert c.get(w("initials")) == "S75"
        assert c.get(w("date")) == "2026-01-01T00:00:00Z"
    assert len(found["1"].findall(w("p"))) == 2

    paragraphs = body_paragraphs(target)
    expected = {"0": 2, "1": 2, "2": 3, "3": 6}
    for cid, index in expected.items():
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            assert where(paragraphs, tag, cid) == [index], (cid, tag)
    # whole paragraph without a quote; exactly the quote with one
    assert range_text(paragraphs[1], "0") == range_text(paragraphs[1], "1") == texts(source)[1]
    assert range_text(paragraphs[2], "2") == "pooled"
    assert range_text(paragraphs[5], "3") == "Last paragraph."


def test_a_quote_inside_one_run_splits_it_keeping_its_formatting(
    source: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.docx"
    annotate_docx(source, target, [Note(3, "n", quote="pooled")])
    runs = docx.Document(str(target)).paragraphs[2].runs
    assert [r.text for r in runs] == [
        "The Council shall ",
        "host the ",
        "pooled",
        "",  # the comment reference, right after the range
        " fund",
        " for each Financial Year.",
    ]
    cut = [runs[1], runs[2], runs[4]]
    assert [bool(r.bold) for r in cut] == [True, True, True]
    assert {r.font.size for r in cut} == {Pt(12)}
    # spaces at the cut are kept
    t = body_paragraphs(target)[2].findall(f"{w('r')}/{w('t')}")
    assert t[1].get(f"{{{XML_NS}}}space") == "preserve"


def test_a_quote_across_runs_is_anchored_on_their_boundaries(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    quote = "host the pooled fund for each"
    annotate_docx(source, target, [Note(3, "n", quote=quote)])
    assert texts(target) == texts(source)
    assert range_text(body_paragraphs(target)[2], "0") == quote


@pytest.mark.parametrize(
    ("paragraph", "quote"),
    [
        (4, "has"),  # inside a run holding a tab: not cut, whole paragraph
        (3, "not in this paragraph"),
        (5, "anything"),  # an empty paragraph
    ],
)
def test_a_quote_that_cannot_be_isolated_anchors_the_whole_paragraph(
    source: Path, tmp_path: Path, paragraph: int, quote: str
) -> None:
    target = tmp_path / "out.docx"
    annotate_docx(source, target, [Note(paragraph, "n", quote=quote)])
    assert texts(target) == texts(source)
    assert_well_formed_comments(target)
    p = body_paragraphs(target)[paragraph - 1]
    assert range_text(p, "0") == texts(source)[paragraph - 1]
    children = [c.tag for c in p if c.tag != w("pPr")]
    assert children[0] == w("commentRangeStart")
    assert children[-2] == w("commentRangeEnd")
    assert ids(p, "commentReference") == ["0"]


def test_python_docx_reads_the_comments(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    annotate_docx(source, target, NOTES, author="Reviewer")
    read = docx.Document(str(target)).comments
    assert [(c.comment_id, c.author, c.initials) for c in read] == [
        (i, "Reviewer", "S75") for i in range(4)
    ]
    assert [c.text for c in read][1] == "Second note\nwith two lines."


def test_re_annotating_keeps_the_old_comments(source: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.docx"
    second = tmp_path / "second.docx"
    annotate_docx(source, first, NOTES)
    annotate_docx(first, second, [Note(1, "Title note."), Note(3, "Again.", quote="Council")])

    assert texts(second) == texts(source)
    before = comments(first)
    after = assert_well_formed_comments(second)
    assert set(after) == {"0", "1", "2", "3", "4", "5"}
    for cid, c in before.items():
        assert etree.tostring(after[cid]) == etree.tostring(c)
    assert comment_text(after["4"]) == "Title note."
    assert comment_text(after["5"]) == "Again."
    paragraphs = body_paragraphs(second)
    assert where(paragraphs, "commentReference", "4") == [1]
    assert range_text(paragraphs[2], "5") == "Council"
    assert range_text(paragraphs[2], "2") == "pooled"
    # one relationship and one content-type override, not two
    rels = part(second, "word/_rels/document.xml.rels").decode()
    assert rels.count("relationships/comments") == 1
    types = part(second, "[Content_Types].xml").decode()
    assert types.count("/word/comments.xml") == 1


def test_comments_made_elsewhere_are_kept_and_ids_continue(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Already reviewed.")
    d.add_paragraph("Not yet.")
    d.add_comment(p.runs, text="A colleague's comment.", author="Ann", initials="AN")
    source = tmp_path / "commented.docx"
    d.save(str(source))
    target = tmp_path / "out.docx"
    annotate_docx(source, target, [Note(1, "Mine too."), Note(2, "Mine.")])

    found = assert_well_formed_comments(target)
    assert {cid: comment_text(c) for cid, c in found.items()} == {
        "0": "A colleague's comment.",
        "1": "Mine too.",
        "2": "Mine.",
    }
    assert found["0"].get(w("author")) == "Ann"
    assert texts(target) == texts(source)


def test_other_parts_are_copied_unchanged_and_output_is_deterministic(
    source: Path, tmp_path: Path
) -> None:
    one, two = tmp_path / "one.docx", tmp_path / "two.docx"
    annotate_docx(source, one, NOTES)
    annotate_docx(source, two, NOTES)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(one) as out:
        names = src.namelist()
        assert out.namelist() == [*names, "word/comments.xml"]
        for name in names:
            if name not in (*COMMENT_PARTS, *PACKAGE_PARTS):
                assert out.read(name) == src.read(name), name
                old, new = src.getinfo(name), out.getinfo(name)
                fields = ("filename", "date_time", "compress_type", "CRC", "file_size")
                assert [getattr(new, f) for f in fields] == [getattr(old, f) for f in fields]
                assert new.external_attr == 0o644 << 16  # a regular file, whatever it was
            else:  # the parts it writes carry one fixed date
                assert out.getinfo(name).date_time == (1980, 1, 1, 0, 0, 0), name
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_source_may_be_the_target(source: Path) -> None:
    before = texts(source)
    annotate_docx(source, source, [Note(2, "In place.")])
    assert texts(source) == before
    assert [comment_text(c) for c in comments(source).values()] == ["In place."]


def test_no_notes_copies_the_document(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    annotate_docx(source, target, [])
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target) as out:
        assert out.namelist() == src.namelist()
        assert all(out.read(n) == src.read(n) for n in src.namelist())


def test_special_characters_in_notes(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    text = 'Use <b> & "quotes"\tthen a tab;\x0b control dropped\r\nnext line '
    annotate_docx(source, target, [Note(2, text)])
    assert comment_text(comments(target)["0"]) == (
        'Use <b> & "quotes"\tthen a tab; control dropped\nnext line '
    )


@pytest.mark.parametrize("paragraph", [0, 7, -1])
def test_a_paragraph_out_of_range_is_a_value_error(
    source: Path, tmp_path: Path, paragraph: int
) -> None:
    target = tmp_path / "out.docx"
    with pytest.raises(ValueError, match=rf"paragraph {paragraph}\b.*6 body paragraphs"):
        annotate_docx(source, target, [Note(2, "fine"), Note(paragraph, "bad")])
    assert not target.exists()


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("kind", ["missing", "text", "no-rels", "bad-xml", "no-body"])
def test_an_unreadable_source_is_a_usage_error(source: Path, tmp_path: Path, kind: str) -> None:
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    bad = tmp_path / f"{kind}.docx"
    if kind == "text":
        bad.write_text("not a zip\n", encoding="utf-8")
    elif kind == "no-rels":
        _zip(bad, {k: v for k, v in parts.items() if k != "_rels/.rels"})
    elif kind == "bad-xml":
        _zip(bad, {**parts, "word/document.xml": b"<w:document"})
    elif kind == "no-body":
        _zip(bad, {**parts, "word/document.xml": f'<w:document xmlns:w="{W}"/>'.encode()})
    target = tmp_path / "out.docx"
    with pytest.raises(UsageError) as caught:
        annotate_docx(bad, target, [Note(1, "n")])
    message = str(caught.value)
    assert "\n" not in message and str(bad) in message
    assert caught.value.exit_status == 2
    assert not target.exists()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("kind", ["dtd", "bomb", "twice", "rels-dtd", "comments-dtd"])
def test_a_hostile_source_is_refused_as_the_reader_refuses_it(
    source: Path, tmp_path: Path, kind: str
) -> None:
    """The annotator opens a package only through safe_zip, as the reader does."""
    parts = _parts(source)
    bad = tmp_path / f"{kind}.docx"
    if kind == "dtd":
        document = parts["word/document.xml"].replace(
            b"<w:document", b'<!DOCTYPE w:document [<!ENTITY x "x">]><w:document', 1
        )
        _zip(bad, {**parts, "word/document.xml": document})
        expected = "word/document.xml contains a DTD, which Word documents never do"
    elif kind == "bomb":
        with zipfile.ZipFile(_zip(bad, parts), "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/media/zeros.bin", bytes(20 * 1024 * 1024))
        expected = "refused: part 'word/media/zeros.bin' expands 20 MB"
    elif kind == "twice":
        with warnings.catch_warnings(), zipfile.ZipFile(_zip(bad, parts), "a") as z:
            warnings.simplefilter("ignore")  # zipfile warns of the duplicate it is asked to add
            z.writestr("word/document.xml", parts["word/document.xml"])
        expected = "refused: the package holds two parts named 'word/document.xml'"
    elif kind == "rels-dtd":
        rels = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "x">]><Relationships/>'
        _zip(bad, {**parts, "_rels/.rels": rels})
        expected = "_rels/.rels contains a DTD"
    else:  # an existing comments part the reader never parses: the annotator refuses it
        comments_xml = (
            f'<?xml version="1.0"?><!DOCTYPE w:comments [<!ENTITY x "x">]>'
            f'<w:comments xmlns:w="{W}"><w:comment w:id="0"><w:p><w:r><w:t>&x;</w:t>'
            "</w:r></w:p></w:comment></w:comments>"
        ).encode()
        rels = parts["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            f'<Relationship Id="rId99" Type="{COMMENTS_REL}" Target="comments.xml"/>'
            "</Relationships>".encode(),
        )
        _zip(
            bad, {**parts, "word/comments.xml": comments_xml, "word/_rels/document.xml.rels": rels}
        )
        expected = "word/comments.xml contains a DTD"
    target = tmp_path / "out.docx"
    with pytest.raises(UsageError, match=expected):
        annotate_docx(bad, target, [Note(1, "n")])
    assert not target.exists()


def test_the_annotator_edits_the_part_the_reader_reads(source: Path, tmp_path: Path) -> None:
    """The main document part is the one _rels/.rels names (OPC names ignore case), not a
    decoy word/document.xml; two parts of one name are refused by both (see below)."""
    parts = _parts(source)
    main = parts.pop("word/document.xml")
    decoy = main.replace(b"Last paragraph.", b"A decoy.")
    renamed = {
        **parts,
        "_rels/.rels": parts["_rels/.rels"].replace(b'"word/document.xml"', b'"word/Main.xml"'),
        "[Content_Types].xml": parts["[Content_Types].xml"].replace(
            b'"/word/document.xml"', b'"/word/main.xml"'
        ),
        "word/_rels/main.xml.rels": parts.pop("word/_rels/document.xml.rels"),
        "word/main.xml": main,
        "word/document.xml": decoy,
    }
    path = _zip(tmp_path / "renamed.docx", renamed)
    assert [p.text for p in read_docx(path)] == [p.text for p in read_docx(source)]

    target = tmp_path / "out.docx"
    annotate_docx(path, target, [Note(6, "n", quote="Last")])
    with zipfile.ZipFile(target) as z:
        assert z.read("word/document.xml") == decoy
        edited = z.read("word/main.xml")
        assert b"commentReference" in edited and b"decoy" not in edited
        assert b"comments.xml" in z.read("word/_rels/main.xml.rels")


# ------------------------------------------------------------------ fields
def field_depths(path: Path) -> dict[tuple[str, str], int]:
    """(marker tag, id) -> how many complex fields are open where the marker sits."""
    body = xml(path, "word/document.xml").find(w("body"))
    assert body is not None
    depth = 0
    found: dict[tuple[str, str], int] = {}
    for e in body.iter():
        if e.tag == w("fldChar"):
            depth += {"begin": 1, "end": -1}.get(e.get(w("fldCharType"), ""), 0)
        elif e.tag in (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")):
            found[(etree.QName(e).localname, e.get(w("id"), ""))] = depth
    return found


def assert_outside_fields(path: Path) -> None:
    depths = field_depths(path)
    assert depths
    assert all(d == 0 for d in depths.values()), {k: d for k, d in depths.items() if d}


REF_PARAGRAPH = (
    '<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">See Clause </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\w \\h </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    "<w:r><w:t>27.2</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    "<w:r><w:t>, and more.</w:t></w:r></w:p>"
)
# a field whose result spans three paragraphs, as a TOC's does
SPANNING = (
    '<w:p xmlns:w="{W}"><w:r><w:t>Contents: </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1 Entry one</w:t></w:r></w:p>',
    '<w:p xmlns:w="{W}"><w:r><w:t>2 Entry two</w:t></w:r></w:p>',
    '<w:p xmlns:w="{W}"><w:r><w:t>3 Entry three</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t> after</w:t></w:r></w:p>',
)


def make_fields_source(path: Path, *, balanced: bool = True) -> Path:
    """1: a REF field mid-paragraph; 2-4: a field spanning paragraphs; 5: plain."""
    d = docx.Document()
    body = d.element.body
    sect = body[-1]
    xmls = [REF_PARAGRAPH, *SPANNING]
    if not balanced:
        xmls[-1] = xmls[-1].replace('<w:r><w:fldChar w:fldCharType="end"/></w:r>', "")
    for fragment in xmls:
        sect.addprevious(etree.fromstring(fragment.replace("{W}", W)))
    d.add_paragraph("Plain.")
    d.save(str(path))
    return path


def test_a_quote_in_a_field_result_is_widened_to_the_whole_field(tmp_path: Path) -> None:
    source = make_fields_source(tmp_path / "fields.docx")
    target = tmp_path / "out.docx"
    annotate_docx(source, target, [Note(1, "Wrong clause.", quote="27.2")])
    assert texts(target) == texts(source)
    assert_outside_fields(target)
    p = body_paragraphs(target)[0]
    assert range_text(p, "0") == "27.2"
    kids = [etree.QName(c).localname for c in p]
    assert kids.index("commentRangeStart") == 1  # just before the field's begin
    assert kids[kids.index("commentRangeEnd") - 1 : kids.index("commentRangeEnd") + 2] == [
        "r",  # the field's end
        "commentRangeEnd",
        "r",  # the reference
    ]


def test_a_quote_around_a_field_keeps_its_ends(tmp_path: Path) -> None:
    source = make_fields_source(tmp_path / "fields.docx")
    target = tmp_path / "out.docx"
    annotate_docx(source, target, [Note(1, "n", quote="Clause 27.2, and")])
    assert_outside_fields(target)
    assert range_text(body_paragraphs(target)[0], "0") == "Clause 27.2, and"
    assert texts(target) == texts(source)


def test_paragraphs_in_a_field_spanning_paragraphs(tmp_path: Path) -> None:
    source = make_fields_source(tmp_path / "fields.docx")
    target = tmp_path / "out.docx"
    notes = [
        Note(2, "Starts the field: the part before it.", quote="Entry one"),
        Note(3, "Wholly inside: a point before the field."),
        Note(4, "Ends the field: the part after it."),
        Note(3, "Quoted, still a point.", quote="Entry two"),
    ]
    annotate_docx(source, target, notes)
    assert texts(target) == texts(source)
    assert_outside_fields(target)
    assert_well_formed_comments(target)
    paragraphs = body_paragraphs(target)
    assert range_text(paragraphs[1], "0") == "Contents: "
    for cid in ("1", "2"):  # in the paragraph where the field begins, an empty range
        assert where(paragraphs, "commentRangeStart", cid) == [2]
        assert where(paragraphs, "commentReference", cid) == [2]
        assert range_text(paragraphs[1], cid) == ""
    assert range_text(paragraphs[3], "3") == " after"
    kids = [etree.QName(c).localname for c in paragraphs[1]]
    begin = next(i for i, c in enumerate(paragraphs[1]) if c.find(w("fldChar")) is not None)
    assert kids[begin - 6 : begin] == ["commentRangeStart", "commentRangeEnd", "r"] * 2


def test_unbalanced_fields_are_ignored(tmp_path: Path) -> None:
    source = make_fields_source(tmp_path / "fields.docx", balanced=False)
    target = tmp_path / "out.docx"
    annotate_docx(source, target, [Note(3, "n"), Note(5, "m")])
    paragraphs = body_paragraphs(target)
    assert range_text(paragraphs[2], "0") == "2 Entry two"
    assert range_text(paragraphs[4], "1") == "Plain."


HYPERLINK = (
    f'<w:p xmlns:w="{W}" xmlns:r="{R_NS}"><w:r><w:t xml:space="preserve">Read </w:t></w:r>'
    '<w:hyperlink w:anchor="guidance"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
    "<w:t>the guidance</w:t></w:r></w:hyperlink>"
    '<w:r><w:t xml:space="preserve"> now.</w:t></w:r></w:p>'
)


def make_hyperlink_source(path: Path) -> Path:
    d = docx.Document()
    d.element.body[-1].addprevious(etree.fromstring(HYPERLINK.replace("{W}", W)))
    d.save(str(path))
    return path


HYPERLINK_NOTES = [
    Note(1, "Inside the link.", quote="guidance"),
    Note(1, "Into the link.", quote="Read the"),
    Note(1, "Out of the link.", quote="guidance now"),
]


def test_quotes_in_and_across_a_hyperlink(tmp_path: Path) -> None:
    source = make_hyperlink_source(tmp_path / "link.docx")
    target = tmp_path / "out.docx"
    annotate_docx(source, target, HYPERLINK_NOTES)
    assert texts(target) == texts(source) == ["Read the guidance now."]
    assert_well_formed_comments(target)
    p = body_paragraphs(target)[0]
    assert [range_text(p, str(i)) for i in range(3)] == ["guidance", "Read the", "guidance now"]
    link = p.find(w("hyperlink"))
    assert link is not None
    assert link.find(f".//{w('commentReference')}") is None  # references stay out of it
    assert "".join(t.text or "" for t in link.iter(w("t"))) == "the guidance"
    assert all(r.findtext(f"{w('rPr')}/{w('u')}") is not None for r in link.iter(w("r")))


# ------------------------------------------------------------------ s75docs output
def fairhaven_notes(path: Path) -> list[Note]:
    """Notes on a TOC entry, a REF field's result, a defined term, a whole paragraph."""
    all_texts = texts(path)

    def index(prefix: str) -> int:
        return next(i for i, t in enumerate(all_texts, 1) if t.startswith(prefix))

    return [
        Note(index("2\tCommencement and duration"), "TOC entry.", quote="Commencement"),
        Note(index("Affected Partner has the meaning"), "Wrong clause?", quote="27.2"),
        Note(index("The Better Care Fund brings"), "Defined term used.", quote="Better Care Fund"),
        Note(index("The Better Care Fund brings"), "And the paragraph as a whole."),
        Note(index("Section 75 Partnership Agreement"), "Title."),
    ]


def test_annotating_a_document_s75docs_built(fairhaven: Path, tmp_path: Path) -> None:
    target = tmp_path / "fairhaven-annotated.docx"
    notes = fairhaven_notes(fairhaven)
    annotate_docx(fairhaven, target, notes)

    assert texts(target) == texts(fairhaven)
    found = assert_well_formed_comments(target)
    assert_outside_fields(target)
    assert len(found) == 5
    paragraphs = body_paragraphs(target)
    toc_begin = next(
        i
        for i, p in enumerate(paragraphs, 1)
        if any((t.text or "").strip().startswith("TOC") for t in p.iter(w("instrText")))
    )
    toc_note = notes[0]
    assert toc_begin < toc_note.paragraph
    ordered = sorted(notes, key=lambda n: n.paragraph)
    for cid, note in enumerate(ordered):
        assert comment_text(found[str(cid)]) == note.text
        # the TOC entry lies wholly in the TOC field: a point just before the field
        expected = toc_begin if note is toc_note else note.paragraph
        for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
            assert where(paragraphs, tag, str(cid)) == [expected], (note, tag)
        if note is toc_note:
            assert range_text(paragraphs[expected - 1], str(cid)) == ""
        elif note.quote:
            assert range_text(paragraphs[expected - 1], str(cid)) == note.quote
        else:
            assert range_text(paragraphs[expected - 1], str(cid)) == texts(fairhaven)[expected - 1]
    # and the result re-annotates
    again = tmp_path / "again.docx"
    annotate_docx(target, again, [Note(notes[1].paragraph, "Once more.")])
    assert len(assert_well_formed_comments(again)) == 6
    assert_outside_fields(again)


# ------------------------------------------------------------------ LibreOffice
UNO_COMMENTS = textwrap.dedent(
    '''
    """Print, for each .docx given, LibreOffice's annotations: content, author, anchor."""
    import json
    import os
    import sys

    sys.path.insert(0, sys.argv[1])  # the repository: s75docs.render.lo_uno needs nothing else
    from s75docs.render import lo_uno
    import uno


    def prop(name, value):
        p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        p.Name = name
        p.Value = value
        return p


    def annotations(doc):
        found = []
        fields = doc.getTextFields().createEnumeration()
        while fields.hasMoreElements():
            field = fields.nextElement()
            if field.supportsService("com.sun.star.text.textfield.Annotation"):
                found.append(
                    {
                        "content": field.Content,
                        "author": field.Author,
                        "initials": field.Initials,
                        "anchor": field.getAnchor().getString(),
                    }
                )
        return found


    def main(soffice, files):
        result = {}
        with lo_uno.office("s75annotate", soffice) as ctx:
            smgr = ctx.ServiceManager
            for path in files:
                # A model without a view: Desktop.loadComponentFromURL (even Hidden) makes
                # a view, and a view of a document with comments aborts soffice 7.4
                # headless (NoSuchElementException, signal 6).
                doc = smgr.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
                url = uno.systemPathToFileUrl(os.path.abspath(path))
                doc.load((prop("URL", url), prop("FilterName", "MS Word 2007 XML")))
                result[path] = annotations(doc)
                doc.close(True)
        print(json.dumps(result))


    main(sys.argv[2], sys.argv[3:])
    '''
)


def lo_annotations(
    libreoffice: LibreOffice, tmp_path: Path, files: list[Path]
) -> dict[str, list[dict[str, Any]]]:
    script = tmp_path / "lo_comments.py"
    script.write_text(UNO_COMMENTS, encoding="utf-8")
    done = subprocess.run(
        [
            str(libreoffice.python),
            str(script),
            str(REPO),
            str(libreoffice.soffice),
            *map(str, files),
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    report: dict[str, list[dict[str, Any]]] = json.loads(done.stdout)
    return report


@pytest.mark.libreoffice
def test_libreoffice_sees_every_comment(
    libreoffice: LibreOffice, source: Path, fairhaven: Path, tmp_path: Path
) -> None:
    small = tmp_path / "small.docx"
    annotate_docx(source, small, NOTES, author="Checker")
    twice = tmp_path / "twice.docx"
    annotate_docx(small, twice, [Note(3, "Second pass.", quote="Council")], author="Again")
    big = tmp_path / "fairhaven.docx"
    notes = fairhaven_notes(fairhaven)
    annotate_docx(fairhaven, big, notes)
    link = tmp_path / "link.docx"
    annotate_docx(make_hyperlink_source(tmp_path / "link-source.docx"), link, HYPERLINK_NOTES)

    report = lo_annotations(libreoffice, tmp_path, [small, twice, big, link])

    def seen(path: Path) -> list[tuple[str, str, str]]:
        return sorted((a["content"], a["author"], a["initials"]) for a in report[str(path)])

    small_expected = [(n.text, "Checker", "S75") for n in NOTES]
    assert seen(small) == sorted(small_expected)
    assert seen(twice) == sorted([*small_expected, ("Second pass.", "Again", "S75")])
    assert seen(big) == sorted((n.text, AUTHOR, "S75") for n in notes)
    # the anchors LibreOffice shows: the quote when one was isolated
    anchors = {a["content"]: a["anchor"] for a in report[str(big)]}
    assert anchors["TOC entry."] == ""  # a point before the TOC field
    for note in notes[1:]:
        if note.quote:
            assert anchors[note.text] == note.quote, note
    anchors = {a["content"]: a["anchor"] for a in report[str(link)]}
    assert anchors == {n.text: n.quote for n in HYPERLINK_NOTES}
    anchors = {a["content"]: a["anchor"] for a in report[str(twice)]}
    assert anchors["The pooled fund is not defined."] == "pooled"
    assert anchors["Second pass."] == "Council"
    assert anchors["First note on paragraph two."] == "The Partners agree as follows."


# ------------------------------------------------------------------ hostile packages
def test_names_outside_the_package_are_not_copied(source: Path, tmp_path: Path) -> None:
    parts = _parts(source)
    evil = {"../../evil.xml": b"<e/>", "/tmp/abs.xml": b"<a/>", "word/../../up.xml": b"<u/>"}
    path = _zip(tmp_path / "names.docx", {**parts, **evil})
    target = tmp_path / "out.docx"
    annotate_docx(path, target, [Note(2, "n")])
    with zipfile.ZipFile(target) as z:
        names = z.namelist()
    assert "tmp/abs.xml" in names  # an absolute name, normalised
    assert all(not n.startswith(("/", "..")) and "/../" not in n for n in names), names
    assert len(docx.Document(str(target)).paragraphs) == len(docx.Document(str(source)).paragraphs)


def test_a_comments_relationship_outside_the_package_is_replaced(
    source: Path, tmp_path: Path
) -> None:
    parts = _parts(source)
    outside = "../../../tmp/evil_comments.xml"
    rels = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rId98" Type="{COMMENTS_REL}" Target="{outside}"/>'
        "</Relationships>".encode(),
    )
    path = _zip(
        tmp_path / "outside.docx",
        {**parts, "word/_rels/document.xml.rels": rels, "word/" + outside: b"<x/>"},
    )
    target = tmp_path / "out.docx"
    annotate_docx(path, target, [Note(2, "Inside.")])
    with zipfile.ZipFile(target) as z:
        assert not any("evil" in n for n in z.namelist())
        written = z.read("word/_rels/document.xml.rels")
    assert outside.encode() not in written and b'Target="comments.xml"' in written
    assert [comment_text(c) for c in comments(target).values()] == ["Inside."]


def test_comment_ids_of_thousands_of_digits(source: Path, tmp_path: Path) -> None:
    big = "9" * 5000
    first = tmp_path / "first.docx"
    annotate_docx(source, first, [Note(2, "Old.")])
    parts = _parts(first)
    parts["word/comments.xml"] = parts["word/comments.xml"].replace(
        b'w:id="0"', f'w:id="{big}"'.encode()
    )
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b'w:id="0"', f'w:id="{big}"'.encode()
    )
    path = _zip(tmp_path / "big.docx", parts)
    target = tmp_path / "out.docx"
    annotate_docx(path, target, [Note(3, "New.")])
    assert sorted(comment_text(c) for c in comments(target).values()) == ["New.", "Old."]
    assert "1" in comments(target)  # the new comment's id: the huge one counts as 0
