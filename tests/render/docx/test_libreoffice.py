"""The DOCX opened by a real client: LibreOffice headless (text export, UNO refresh, PDF)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    Document,
    Item,
    Ref,
    Schedule,
    Table,
    Toc,
    inline_text,
    inlines_of,
)
from s75docs.ooxml import W_NS
from tests.conftest import BuiltCase

pytestmark = [pytest.mark.libreoffice]


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ------------------------------------------------------------------ expectations from the tree


def all_refs(doc: Document) -> list[Ref]:
    return [r for n in doc.walk() for r in inlines_of(n) if isinstance(r, Ref)]


def describe(ref: Ref) -> str:
    target = f"[[{ref.target}..{ref.end}]]" if ref.end else f"[[{ref.target}]]"
    return f"{target} at {ref.location or '?'} ({ref.text!r})"


def item_text(item: Item) -> str:
    """An item's paragraph as a reader sees it, without its list number."""
    if item.title and item.inlines:
        return f"{item.title}. {inline_text(item.inlines)}"
    return item.title or inline_text(item.inlines)


def clause_headings(doc: Document) -> list[Item]:
    return [
        clause
        for division in doc.walk()
        if isinstance(division, Body)
        for clause in division.children
        if isinstance(clause, Item) and clause.title
    ]


def toc_expected(doc: Document) -> list[tuple[str, str]]:
    """(number, heading) of every clause heading meant for the contents, then each schedule."""
    out = [(c.number, c.title or "") for c in clause_headings(doc) if c.toc]
    out += [(f"{s.name} {s.number}", s.title) for s in doc.schedules()]
    return out


def numbered_lines(doc: Document) -> list[tuple[str, str, str]]:
    """(what, number, text) of every schedule heading and numbered item, in document order."""
    out: list[tuple[str, str, str]] = []
    for node in doc.walk():
        if isinstance(node, Schedule):
            out.append((f"schedule {node.number}", f"{node.name} {node.number}", node.title))
        elif isinstance(node, Item):
            out.append((f"item {node.full_number}", node.number, item_text(node)))
    return out


def ref_paragraphs(doc: Document) -> list[tuple[str, list[Ref]]]:
    """Every paragraph (or table cell) holding a reference, as its text reads in full."""
    out: list[tuple[str, list[Ref]]] = []
    for node in doc.walk():
        cells: list[tuple[str, list[Ref]]] = []
        if isinstance(node, Table):
            for cell in [*node.header, *(c for row in node.rows for c in row)]:
                cells.append(
                    (inline_text(cell.inlines), [i for i in cell.inlines if isinstance(i, Ref)])
                )
        else:
            refs = [i for i in inlines_of(node) if isinstance(i, Ref)]
            cells.append((_block_text(node), refs))
        out += [(text, refs) for text, refs in cells if refs]
    return out


def _block_text(node: Block) -> str:
    if isinstance(node, Item) and node.typed:  # a lettered number is typed in the paragraph
        return f"{node.number} {item_text(node)}"
    if isinstance(node, Item):
        return item_text(node)
    if isinstance(node, Definition):
        return f"{node.term} {inline_text(node.inlines)}"
    return inline_text(inlines_of(node))


def ref_bookmarks(data: bytes) -> list[str]:
    """Bookmarks named by REF fields in document.xml (instructions joined per field)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out: list[str] = []
    instr: list[str] | None = None
    for element in root.iter(w("fldChar"), w("instrText")):
        if element.tag == w("instrText"):
            if instr is not None:
                instr.append(element.text or "")
        elif element.get(w("fldCharType")) == "begin":
            instr = []
        elif instr is not None:
            words = "".join(instr).split()
            if words[:1] == ["REF"] and len(words) > 1:
                out.append(words[1])
            instr = None
    return out


# ------------------------------------------------------------------ the text export (cached)


def _toc_block(doc: Document, lines: list[str]) -> tuple[int, int]:
    """[start, end) of the contents lines in a text export: tabbed lines after the title."""
    tocs = [n for n in doc.walk() if isinstance(n, Toc)]
    assert tocs, "the tree has no table of contents"
    title = tocs[0].title
    starts = [i for i, line in enumerate(lines) if norm(line).lower() == title.lower()]
    assert starts, f"no {title!r} line in the text export"
    start = end = starts[0] + 1
    while end < len(lines) and "\t" in lines[end]:
        end += 1
    return start, end


def test_text_export_has_no_field_errors(lo_text: str) -> None:
    bad = [
        line
        for line in lo_text.splitlines()
        if "Error!" in line or "reference source not found" in line.lower()
    ]
    assert not bad, "LibreOffice shows field errors:\n" + "\n".join(bad)


def test_text_export_shows_every_reference(docx_case: BuiltCase, lo_text: str) -> None:
    refs = all_refs(docx_case.doc)
    assert refs, "the tree has no references"
    text = norm(lo_text)
    missing = [describe(r) for r in refs if not r.text or norm(r.text) not in text]
    assert not missing, "references not shown as resolved:\n" + "\n".join(missing)


def test_text_export_contents_list_every_heading(docx_case: BuiltCase, lo_text: str) -> None:
    lines = lo_text.splitlines()
    start, end = _toc_block(docx_case.doc, lines)
    got = [tuple(norm(part) for part in line.split("\t")[:2]) for line in lines[start:end]]
    expected = toc_expected(docx_case.doc)
    missing = [f"{n} {t}" for n, t in expected if (n, norm(t)) not in got]
    assert not missing, f"headings missing from the contents: {missing}"
    assert got == [(n, norm(t)) for n, t in expected], "contents out of order"


def _find_in_order(
    lines: list[str], wanted: list[tuple[str, str]], start: int
) -> tuple[list[str], int]:
    """Look for each (what, line) in turn after start; report those not found."""
    missing: list[str] = []
    pos = start
    for what, line in wanted:
        target = norm(line)
        found = next((i for i in range(pos, len(lines)) if norm(lines[i]) == target), None)
        if found is None:
            missing.append(f"{what}: no line {line!r} after line {pos}")
        else:
            pos = found + 1
    return missing, pos


def test_text_export_clause_numbers_start_heading_lines(docx_case: BuiltCase, lo_text: str) -> None:
    lines = lo_text.splitlines()
    _start, end = _toc_block(docx_case.doc, lines)
    wanted = [
        (f"clause {c.number} {c.title!r}", f"{c.number} {item_text(c)}")
        for c in clause_headings(docx_case.doc)
    ]
    missing, _pos = _find_in_order(lines, wanted, end)
    assert not missing, "clause headings not numbered as in the tree:\n" + "\n".join(missing)


def test_text_export_numbers_every_item_and_schedule(docx_case: BuiltCase, lo_text: str) -> None:
    lines = lo_text.splitlines()
    _start, end = _toc_block(docx_case.doc, lines)
    wanted: list[tuple[str, str]] = []
    for what, number, text in numbered_lines(docx_case.doc):
        if what.startswith("schedule"):
            # the heading paragraph breaks the line after its number
            wanted += [(what, number), (f"{what} title", text)]
        else:
            wanted.append((f"{what} {text[:50]!r}", f"{number} {text}"))
    missing, _pos = _find_in_order(lines, wanted, end)
    assert not missing, "LibreOffice's list numbers differ from the tree's:\n" + "\n".join(
        missing[:40]
    )


# ------------------------------------------------------------------ UNO: fields recomputed


def _without_toc(text: str, toc: list[str], which: str) -> list[str]:
    lines = text.split("\n")
    for block in toc:
        block_lines = block.split("\n")
        at = next(
            (
                i
                for i in range(len(lines) - len(block_lines) + 1)
                if lines[i : i + len(block_lines)] == block_lines
            ),
            None,
        )
        assert at is not None, f"the {which} TOC is not found in the {which} text"
        del lines[at : at + len(block_lines)]
    return lines


def test_uno_refresh_changes_nothing_outside_the_toc(lo_report: dict[str, Any]) -> None:
    cached = _without_toc(lo_report["cached"]["text"], lo_report["cached"]["toc"], "cached")
    fresh = _without_toc(lo_report["refreshed"]["text"], lo_report["refreshed"]["toc"], "fresh")
    assert len(cached) == len(fresh), f"{len(cached)} lines before refresh, {len(fresh)} after"
    changed = [
        f"line {i + 1}: {a!r} -> {b!r}"
        for i, (a, b) in enumerate(zip(cached, fresh, strict=True))
        if a != b
    ]
    assert not changed, "recomputing the fields changed the text:\n" + "\n".join(changed)


def test_uno_toc_changes_only_page_numbers(lo_report: dict[str, Any]) -> None:
    cached = "\n".join(lo_report["cached"]["toc"]).split("\n")
    fresh = "\n".join(lo_report["refreshed"]["toc"]).split("\n")
    assert len(cached) == len(fresh), f"TOC had {len(cached)} lines, {len(fresh)} after update"
    problems: list[str] = []
    for before, after in zip(cached, fresh, strict=True):
        entry, _tab, page = after.rpartition("\t")
        if not page.strip().isdigit():
            problems.append(f"updated TOC line {after!r} has no page number")
        if norm(before) != norm(entry):
            problems.append(f"TOC line {before!r} became {after!r}")
    assert not problems, "\n".join(problems)


def test_uno_ref_bookmarks_exist(docx_case: BuiltCase, lo_report: dict[str, Any]) -> None:
    names = set(lo_report["bookmarks"])
    used = ref_bookmarks(docx_case.docx)
    assert used, "no REF field in the document"
    missing = sorted({b for b in used if b not in names})
    assert not missing, f"REF fields name bookmarks LibreOffice does not have: {missing}"


def test_uno_refreshed_toc_lists_every_heading(
    docx_case: BuiltCase, lo_report: dict[str, Any]
) -> None:
    lines = [line for line in "\n".join(lo_report["refreshed"]["toc"]).split("\n") if line]
    expected = toc_expected(docx_case.doc)
    problems: list[str] = []
    if len(lines) != len(expected):
        problems.append(f"{len(expected)} headings, {len(lines)} lines in the updated TOC")
    for (number, title), line in zip(expected, lines, strict=False):
        entry, _tab, page = line.rpartition("\t")
        if norm(entry) != norm(f"{number} {title}") or not page.isdigit():
            problems.append(f"heading {number} {title!r}: updated TOC line {line!r}")
    assert not problems, "\n".join(problems)


def test_cached_references_equal_recomputed_ones(
    docx_case: BuiltCase, lo_text: str, lo_report: dict[str, Any]
) -> None:
    """The text export shows the cached results; UNO's refreshed text shows LibreOffice's own
    results from the bookmarks and the list numbering. Each paragraph that holds a reference
    must read as the tree says in both."""
    exported = [norm(line) for line in lo_text.splitlines()]
    fresh = [norm(line) for line in lo_report["refreshed"]["text"].split("\n")]
    problems: list[str] = []
    pos_cached = pos_fresh = 0
    for text, refs in ref_paragraphs(docx_case.doc):
        target = norm(text)
        names = ", ".join(describe(r) for r in refs)
        at = next(
            (i for i in range(pos_cached, len(exported)) if exported[i].endswith(target)), None
        )
        if at is None:
            problems.append(f"{names}: cached text lacks {text!r}")
        else:
            pos_cached = at + 1
        at = next((i for i in range(pos_fresh, len(fresh)) if fresh[i] == target), None)
        if at is None:
            problems.append(f"{names}: after LibreOffice recomputes, {text!r} reads otherwise")
        else:
            pos_fresh = at + 1
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ PDF


@pytest.fixture(scope="session")
def pdf_bytes(lo_pdf: bytes) -> bytes:
    return lo_pdf


@pytest.fixture(scope="session")
def pdf_text(pdf_bytes: bytes, tmp_path_factory: pytest.TempPathFactory) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        message = "pdftotext is not installed: sudo apt-get install poppler-utils"
        if os.environ.get("S75DOCS_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    pdf = Path(tmp_path_factory.mktemp("pdf")) / "agreement.pdf"
    pdf.write_bytes(pdf_bytes)
    done = subprocess.run([tool, str(pdf), "-"], capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8")


def test_pdf_is_a_pdf(pdf_bytes: bytes) -> None:
    assert pdf_bytes.startswith(b"%PDF"), f"not a PDF: {pdf_bytes[:20]!r}"


def test_pdf_contents_have_page_numbers(docx_case: BuiltCase, pdf_text: str) -> None:
    tocs = [n for n in docx_case.doc.walk() if isinstance(n, Toc)]
    assert tocs, "the tree has no table of contents"
    heading = re.search(rf"^\s*{re.escape(tocs[0].title)}\s*$", pdf_text, re.M | re.I)
    assert heading, f"no {tocs[0].title!r} heading in the PDF"
    pos = heading.end()
    problems: list[str] = []
    pages: list[int] = []
    for number, title in toc_expected(docx_case.doc):
        words = r"\s+".join(re.escape(word) for word in title.split())
        pattern = rf"^[^\S\n]*{re.escape(number)}\s+{words}[\s.]*(\d+)[ \t]*$"
        found = re.compile(pattern, re.M).search(pdf_text, pos)
        if found is None:
            problems.append(f"contents line for {number} {title!r} has no page number")
            continue
        pos = found.end()
        pages.append(int(found.group(1)))
    assert not problems, "\n".join(problems)
    assert pages == sorted(pages), f"contents page numbers go backwards: {pages}"


def test_pdf_footer_reads_page_x_of_y(pdf_text: str) -> None:
    pages = pdf_text.rstrip("\f").split("\f")
    total = len(pages)
    wrong = [i for i, page in enumerate(pages, 1) if f"Page {i} of {total}" not in page]
    assert not wrong, f"pages without 'Page N of {total}' in the footer: {wrong}"
