"""The DOCX at XML level: live list numbering, _Ref bookmarks, REF/TOC/PAGE fields, styles."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from lxml import etree

from s75docs.doctree.nodes import (
    Block,
    Body,
    Definition,
    Document,
    Item,
    MoneyAmount,
    Ref,
    RefPart,
    Schedule,
    Table,
    inline_text,
    inlines_of,
    number_bookmark,
)
from s75docs.ooxml import PKG_REL_NS, R_NS, W_NS
from s75docs.pipeline import render_bytes
from tests.conftest import BuiltCase

LEGAL_TEXTS = ["%1", "%1.%2", "%1.%2.%3", "(%4)", "(%5)"]
LEGAL_FORMATS = ["decimal", "decimal", "decimal", "lowerLetter", "lowerRoman"]


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# ------------------------------------------------------------------ reading the package


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def body(data: bytes) -> etree._Element:
    found = part(data, "word/document.xml").find(w("body"))
    assert found is not None, "word/document.xml has no w:body"
    return found


def para_text(p: etree._Element) -> str:
    out: list[str] = []
    for r in p.iter(w("r")):
        for child in r:
            if child.tag == w("t"):
                out.append(child.text or "")
            elif child.tag == w("tab"):
                out.append("\t")
    return "".join(out)


def num_pr(p: etree._Element) -> tuple[int, int] | None:
    """(numId, ilvl) set directly on a paragraph."""
    pr = p.find(f"{w('pPr')}/{w('numPr')}")
    if pr is None:
        return None
    num_id = pr.find(w("numId"))
    ilvl = pr.find(w("ilvl"))
    assert num_id is not None, f"numPr without numId in paragraph {para_text(p)!r}"
    level = 0 if ilvl is None else int(ilvl.get(w("val"), "0"))
    return int(num_id.get(w("val"), "0")), level


@dataclass
class Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    abstracts: dict[int, list[Level]]
    nums: dict[int, int]  # numId -> abstractNumId
    overrides: dict[int, dict[int, int]]  # numId -> {ilvl: startOverride}

    def levels(self, num_id: int) -> list[Level]:
        return self.abstracts[self.nums[num_id]]


def numbering(data: bytes) -> Numbering:
    root = part(data, "word/numbering.xml")
    abstracts: dict[int, list[Level]] = {}
    for abstract in root.iter(w("abstractNum")):
        levels: list[Level] = []
        for lvl in sorted(abstract.iter(w("lvl")), key=lambda e: int(e.get(w("ilvl"), "0"))):
            fmt, text, start = lvl.find(w("numFmt")), lvl.find(w("lvlText")), lvl.find(w("start"))
            levels.append(
                Level(
                    "" if fmt is None else fmt.get(w("val"), ""),
                    "" if text is None else text.get(w("val"), ""),
                    1 if start is None else int(start.get(w("val"), "1")),
                )
            )
        abstracts[int(abstract.get(w("abstractNumId"), "-1"))] = levels
    nums: dict[int, int] = {}
    overrides: dict[int, dict[int, int]] = {}
    for num in root.iter(w("num")):
        ident = int(num.get(w("numId"), "-1"))
        ref = num.find(w("abstractNumId"))
        assert ref is not None, f"w:num {ident} names no abstractNum"
        nums[ident] = int(ref.get(w("val"), "-1"))
        overrides[ident] = {}
        for override in num.iter(w("lvlOverride")):
            start = override.find(w("startOverride"))
            if start is not None:
                overrides[ident][int(override.get(w("ilvl"), "0"))] = int(start.get(w("val"), "0"))
    return Numbering(abstracts, nums, overrides)


def legal_abstract(nb: Numbering) -> int:
    found = [a for a, levels in nb.abstracts.items() if [lv.text for lv in levels] == LEGAL_TEXTS]
    assert len(found) == 1, f"expected one abstractNum with lvlText {LEGAL_TEXTS}, found {found}"
    return found[0]


@dataclass
class Field:
    instr: str
    result: str  # the cached result; paragraphs joined by newlines
    paragraph: etree._Element  # where the field begins
    order: int


@dataclass
class _Open:
    paragraph: etree._Element
    order: int
    instr: str = ""
    result: list[str] = field(default_factory=list)
    in_result: bool = False


def fields(root: etree._Element) -> list[Field]:
    """Complex fields (fldChar begin/separate/end) in document order, nested ones included."""
    done: list[Field] = []
    stack: list[_Open] = []
    count = 0
    for p in root.iter(w("p")):
        for r in p.iter(w("r")):
            for child in r:
                if child.tag == w("fldChar"):
                    kind = child.get(w("fldCharType"))
                    if kind == "begin":
                        stack.append(_Open(p, count))
                        count += 1
                        continue
                    assert stack, f"fldChar {kind} without begin in {para_text(p)!r}"
                    if kind == "separate":
                        stack[-1].in_result = True
                    elif kind == "end":
                        f = stack.pop()
                        done.append(Field(f.instr.strip(), "".join(f.result), f.paragraph, f.order))
                elif child.tag == w("instrText"):
                    assert stack, f"instrText outside a field in {para_text(p)!r}"
                    stack[-1].instr += child.text or ""
                elif child.tag in (w("t"), w("tab")):
                    text = "\t" if child.tag == w("tab") else child.text or ""
                    for open_field in stack:
                        if open_field.in_result:
                            open_field.result.append(text)
        for open_field in stack:
            if open_field.in_result:
                open_field.result.append("\n")
    assert not stack, f"{len(stack)} field(s) never end"
    return sorted(done, key=lambda f: f.order)


def ref_fields(data: bytes) -> list[Field]:
    return [f for f in fields(body(data)) if f.instr.split()[:1] == ["REF"]]


def bookmark_names(data: bytes) -> list[str]:
    return [b.get(w("name"), "") for b in body(data).iter(w("bookmarkStart"))]


# ------------------------------------------------------------------ expectations from the tree


def expected_number(node: Item | Schedule) -> str:
    """What Word computes for REF \\w to the node's bookmark."""
    return f"{node.name} {node.number}" if isinstance(node, Schedule) else node.full_number


def labelled(doc: Document) -> list[Item | Schedule]:
    return [n for n in doc.walk() if isinstance(n, Item | Schedule) and n.label]


def by_bookmark(doc: Document) -> dict[str, Item | Schedule]:
    return {n.bookmark: n for n in labelled(doc) if n.bookmark}


def bookmark_parts(doc: Document) -> list[tuple[Ref, RefPart]]:
    return [
        (ref, p)
        for node in doc.walk()
        for ref in inlines_of(node)
        if isinstance(ref, Ref)
        for p in ref.parts
        if p.bookmark
    ]


def items_with_division(doc: Document) -> list[tuple[Item, Body | Schedule]]:
    """Every Item in document order with the division (body or schedule) it stands in."""
    out: list[tuple[Item, Body | Schedule]] = []

    def visit(node: Block, division: Body | Schedule | None) -> None:
        if isinstance(node, Body | Schedule):
            division = node
        if isinstance(node, Item):
            assert division is not None, f"item {node.number} outside body and schedules"
            out.append((node, division))
        for child in node.children:
            visit(child, division)

    for child in doc.children:
        visit(child, None)
    return out


def toc_expected(doc: Document) -> list[tuple[str, str, str | None]]:
    """(number, heading, bookmark) of every clause heading, then every schedule heading."""
    out: list[tuple[str, str, str | None]] = []
    for division in (n for n in doc.walk() if isinstance(n, Body)):
        for clause in division.children:
            if isinstance(clause, Item) and clause.title and clause.toc:
                out.append((clause.number, clause.title, clause.bookmark))
    for schedule in doc.schedules():
        out.append((f"{schedule.name} {schedule.number}", schedule.title, schedule.bookmark))
    return out


def _item_text(item: Item) -> str:
    return (item.title or inline_text(item.inlines))[:60]


def division_name(division: Body | Schedule) -> str:
    return "the body" if isinstance(division, Body) else f"{division.name} {division.number}"


def where(ref: Ref) -> str:
    target = f"[[{ref.target}..{ref.end}]]" if ref.end else f"[[{ref.target}]]"
    return f"{target} at {ref.location or '?'} ({ref.text!r})"


# ------------------------------------------------------------------ numbering


def test_numbering_has_the_legal_list(docx_case: BuiltCase) -> None:
    nb = numbering(docx_case.docx)
    levels = nb.abstracts[legal_abstract(nb)]
    assert [lv.fmt for lv in levels] == LEGAL_FORMATS, "numFmt of the legal list levels"
    assert all(lv.start == 1 for lv in levels), "every legal list level starts at 1"


def _legal_paragraphs(data: bytes) -> list[tuple[etree._Element, int, int]]:
    """(paragraph, numId, ilvl) of every paragraph numbered by the legal list."""
    nb = numbering(data)
    legal = legal_abstract(nb)
    out: list[tuple[etree._Element, int, int]] = []
    for p in body(data).iter(w("p")):
        pr = num_pr(p)
        if pr is not None and pr[0] != 0:  # numId 0: out of any list (a typed number)
            assert pr[0] in nb.nums, f"paragraph {para_text(p)!r} uses unknown numId {pr[0]}"
            if nb.nums[pr[0]] == legal:
                out.append((p, pr[0], pr[1]))
    return out


def _fmt(value: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(value)
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rem = divmod(value - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ]
        out = ""
        for size, numeral in numerals:
            while value >= size:
                out += numeral
                value -= size
        return out if fmt == "lowerRoman" else out.upper()
    raise AssertionError(f"unexpected numFmt {fmt}")


def _label(text: str, count: list[int], levels: list[Level]) -> str:
    def one(m: re.Match[str]) -> str:
        level = int(m.group(1)) - 1
        return _fmt(count[level], levels[level].fmt)

    return re.sub(r"%(\d)", one, text)


def word_labels(data: bytes) -> list[tuple[etree._Element, int, int, str]]:
    """What Word prints before each legal-list paragraph: instances of one abstractNum share
    counters unless the instance overrides a level's start (the first time it is used)."""
    nb = numbering(data)
    counters: dict[int, list[int]] = {}
    seen: set[int] = set()
    out: list[tuple[etree._Element, int, int, str]] = []
    for p, num_id, ilvl in _legal_paragraphs(data):
        abstract = nb.nums[num_id]
        levels = nb.abstracts[abstract]
        count = counters.setdefault(abstract, [lv.start - 1 for lv in levels])
        if num_id not in seen:
            seen.add(num_id)
            for level, start in nb.overrides[num_id].items():
                count[level] = start - 1
        count[ilvl] += 1
        for deeper in range(ilvl + 1, len(levels)):
            count[deeper] = levels[deeper].start - 1
        label = _label(levels[ilvl].text, count, levels)
        out.append((p, num_id, ilvl, label))
    return out


def listed_items(doc: Document) -> list[tuple[Item, Body | Schedule]]:
    """The items Word numbers with the legal list: all but lettered provisions (and those
    under them), whose numbers are typed (a variation's "13.1.3A")."""
    return [(i, d) for i, d in items_with_division(doc) if not i.typed]


def test_lettered_items_have_typed_numbers_out_of_the_list(docx_case: BuiltCase) -> None:
    typed = [i for i, _d in items_with_division(docx_case.doc) if i.typed]
    typed_schedules = [s for s in docx_case.doc.schedules() if s.inserted]
    if not typed and not typed_schedules:
        return
    texts = {para_text(p): num_pr(p) for p in body(docx_case.docx).iter(w("p")) if para_text(p)}
    problems: list[str] = []
    for item in typed:
        found = [
            (t, pr)
            for t, pr in texts.items()
            if t.startswith(item.number) and t[len(item.number) : len(item.number) + 1].isspace()
        ]
        if not found:
            problems.append(f"lettered item {item.number}: no paragraph starts with its number")
        elif any(pr is None or pr[0] != 0 for _t, pr in found):
            problems.append(f"lettered item {item.number}: its paragraph is in a list")
    for schedule in typed_schedules:
        head = f"{schedule.name} {schedule.number}"
        if not any(t.startswith(head) and pr == (0, 0) for t, pr in texts.items()):
            problems.append(f"{head}: no heading with its typed number, out of the list")
    assert not problems, "\n".join(problems)


def test_list_numbers_word_prints_equal_the_tree_numbers(docx_case: BuiltCase) -> None:
    items = listed_items(docx_case.doc)
    printed = word_labels(docx_case.docx)
    assert len(printed) == len(items), (
        f"{len(items)} numbered items in the tree but {len(printed)} paragraphs use the legal list"
    )
    wrong = [
        f"{division_name(division)} item {item.number} ({_item_text(item)!r}):"
        f" ilvl {ilvl}, Word prints {label!r}"
        for (item, division), (_p, _num, ilvl, label) in zip(items, printed, strict=True)
        if ilvl != item.level - 1 or label != item.number
    ]
    assert not wrong, "list numbering disagrees with the tree:\n" + "\n".join(wrong)


def test_each_schedule_restarts_the_legal_list(docx_case: BuiltCase) -> None:
    nb = numbering(docx_case.docx)
    items = listed_items(docx_case.doc)
    paragraphs = _legal_paragraphs(docx_case.docx)
    assert len(paragraphs) == len(items), "legal-list paragraphs vs items in the tree"
    num_ids: dict[int, set[int]] = {}
    divisions: dict[int, Body | Schedule] = {}
    for (_item, division), (_p, num_id, _ilvl) in zip(items, paragraphs, strict=True):
        num_ids.setdefault(id(division), set()).add(num_id)
        divisions[id(division)] = division
    problems: list[str] = []
    used: dict[int, str] = {}
    for key, ids in num_ids.items():
        name = division_name(divisions[key])
        if len(ids) != 1:
            problems.append(f"{name} uses several list instances {sorted(ids)}")
            continue
        (num_id,) = ids
        if num_id in used:
            problems.append(f"{name} shares w:num {num_id} with {used[num_id]}")
        used[num_id] = name
        if isinstance(divisions[key], Schedule):
            starts = nb.overrides[num_id]
            if starts.get(0) != 1 or any(v != 1 for v in starts.values()):
                problems.append(f"{name}: w:num {num_id} does not restart at 1 ({starts})")
    schedules_with_items = {id(d) for _i, d in items if isinstance(d, Schedule)}
    assert schedules_with_items, "no schedule has numbered paragraphs"
    assert not problems, "\n".join(problems)


def test_schedule_headings_use_the_schedule_list(docx_case: BuiltCase) -> None:
    nb = numbering(docx_case.docx)
    # a lettered schedule ("Schedule 6A") is typed, out of the list (see the test above)
    schedules = [s for s in docx_case.doc.schedules() if not s.inserted]
    assert schedules, "the agreement has no schedules"
    lvl_text = f"{schedules[0].name} %1"  # "Schedule %1", or "Annex %1" in a deed
    heads = [
        (p, pr)
        for p in body(docx_case.docx).iter(w("p"))
        if (pr := num_pr(p)) is not None
        and pr[0] != 0
        and [lv.text for lv in nb.levels(pr[0])] == [lvl_text]
    ]
    assert len(heads) == len(schedules), (
        f"{len(schedules)} schedules but {len(heads)} paragraphs numbered {lvl_text!r}"
    )
    assert len({pr[0] for _p, pr in heads}) == 1, "schedule headings use one list instance"
    for index, (schedule, (p, pr)) in enumerate(zip(schedules, heads, strict=True), start=1):
        assert nb.levels(pr[0])[0].fmt == "decimal"
        assert pr[1] == 0, f"Schedule {schedule.number} heading is at ilvl {pr[1]}"
        assert schedule.number == str(index), (
            f"schedule {schedule.title!r} is numbered {schedule.number} in the tree,"
            f" Word prints Schedule {index}"
        )
        assert schedule.title in para_text(p), (
            f"Schedule {index} heading reads {para_text(p)!r}, expected {schedule.title!r}"
        )


# ------------------------------------------------------------------ bookmarks


def test_every_labelled_node_has_its_bookmark(docx_case: BuiltCase) -> None:
    root = body(docx_case.docx)
    starts = {b.get(w("name"), ""): b for b in root.iter(w("bookmarkStart"))}
    ends = {b.get(w("id"), ""): b for b in root.iter(w("bookmarkEnd"))}
    names = set(starts)
    problems: list[str] = []
    nodes = labelled(docx_case.doc)
    assert nodes, "no labelled node in the tree"
    for node in nodes:
        what = f"{expected_number(node)} (label {node.label!r})"
        if not node.bookmark or not node.bookmark.startswith("_Ref"):
            problems.append(f"{what}: bookmark {node.bookmark!r} does not start with _Ref")
            continue
        if node.bookmark not in names:
            problems.append(f"{what}: bookmark {node.bookmark} is not in the document")
            continue
        start = starts[node.bookmark]
        p = start.getparent()
        end = ends.get(start.get(w("id"), ""))
        if p is None or p.tag != w("p") or end is None or end.getparent() is not p:
            problems.append(f"{what}: bookmark {node.bookmark} is not within one paragraph")
            continue
        pr = num_pr(p)
        if isinstance(node, Item) and node.typed:
            if pr is None or pr[0] != 0 or not para_text(p).startswith(node.number):
                problems.append(f"{what}: lettered, but not typed out of the list: {pr}")
        elif isinstance(node, Item) and (pr is None or pr[1] != node.level - 1):
            problems.append(f"{what}: bookmarked paragraph is not list level {node.level}: {pr}")
        if isinstance(node, Schedule) and node.title not in para_text(p):
            problems.append(f"{what}: bookmark sits in {para_text(p)!r}, not the heading")
    assert not problems, "\n".join(problems)


def test_bookmark_names_are_unique_and_short(docx_case: BuiltCase) -> None:
    names = bookmark_names(docx_case.docx)
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"duplicate bookmark names: {duplicates}"
    too_long = [n for n in names if len(n) > 40]
    assert not too_long, f"bookmark names longer than Word's 40 characters: {too_long}"


# ------------------------------------------------------------------ REF fields


def test_ref_fields_name_existing_bookmarks_with_h(docx_case: BuiltCase) -> None:
    names = set(bookmark_names(docx_case.docx))
    problems: list[str] = []
    for f in ref_fields(docx_case.docx):
        words = f.instr.split()
        where_ = f"REF field '{f.instr}' in {para_text(f.paragraph)!r}"
        if len(words) < 2 or words[1] not in names:
            problems.append(f"{where_}: names no bookmark of the document")
        if "\\h" not in words:
            problems.append(f"{where_}: lacks \\h (no hyperlink)")
        if "\\w" not in words and words[1] not in typed_numbers(docx_case.doc):
            problems.append(f"{where_}: lacks \\w, so Word would not give the full number")
    assert not problems, "\n".join(problems)


def typed_numbers(doc: Document) -> dict[str, Item | Schedule]:
    """The bookmarks on the typed numbers of lettered provisions (REF without \\w)."""
    return {
        number_bookmark(n.bookmark): n
        for n in labelled(doc)
        if n.bookmark and (n.typed if isinstance(n, Item) else bool(n.inserted))
    }


def test_ref_cached_results_are_the_target_numbers(docx_case: BuiltCase) -> None:
    targets = by_bookmark(docx_case.doc) | typed_numbers(docx_case.doc)
    refs = ref_fields(docx_case.docx)
    assert refs, "no REF field in the document"
    problems: list[str] = []
    for f in refs:
        name = f.instr.split()[1]
        node = targets.get(name)
        if node is None:
            problems.append(f"REF {name} in {para_text(f.paragraph)!r}: no node of the tree")
        elif f.result != expected_number(node):
            problems.append(
                f"REF {name} to {node.label!r} in {para_text(f.paragraph)!r}: cached"
                f" {f.result!r}, Word would compute {expected_number(node)!r}"
            )
    assert not problems, "\n".join(problems)


def test_one_ref_field_per_numbered_reference_part(docx_case: BuiltCase) -> None:
    parts = bookmark_parts(docx_case.doc)
    refs = ref_fields(docx_case.docx)
    assert len(refs) == len(parts), (
        f"{len(parts)} reference numbers in the tree but {len(refs)} REF fields"
    )
    wrong = [
        f"{where(ref)}: part {p.text!r} -> {p.bookmark}, field '{f.instr}' cached {f.result!r}"
        for (ref, p), f in zip(parts, refs, strict=True)
        if f.instr.split()[1] != p.bookmark or f.result != p.text
    ]
    assert not wrong, "REF fields out of step with the tree's references:\n" + "\n".join(wrong)


# ------------------------------------------------------------------ TOC, footer


def _toc_field(data: bytes) -> Field:
    tocs = [f for f in fields(body(data)) if f.instr.split()[:1] == ["TOC"]]
    assert len(tocs) == 1, f"expected one TOC field, found {len(tocs)}"
    return tocs[0]


def test_toc_field_caches_every_heading_in_order(docx_case: BuiltCase) -> None:
    toc = _toc_field(docx_case.docx)
    expected = [(number, title) for number, title, _b in toc_expected(docx_case.doc)]
    assert expected, "the tree has no headings"
    got = [tuple(line.split("\t")[:2]) for line in toc.result.split("\n") if line.strip()]
    missing = [f"{n} {t}" for n, t in expected if (n, t) not in got]
    assert not missing, f"headings missing from the cached TOC: {missing}"
    assert got == expected, f"cached TOC entries {got} differ from the headings {expected}"


def test_toc_entries_link_to_the_heading_bookmarks(docx_case: BuiltCase) -> None:
    names = set(bookmark_names(docx_case.docx))
    toc = _toc_field(docx_case.docx)
    pagerefs = [
        f
        for f in fields(body(docx_case.docx))
        if f.instr.split()[:1] == ["PAGEREF"] and f.order > toc.order
    ]
    expected = toc_expected(docx_case.doc)
    assert len(pagerefs) == len(expected), "one PAGEREF per TOC entry"
    problems: list[str] = []
    for (number, title, bookmark), f in zip(expected, pagerefs, strict=True):
        name = f.instr.split()[1] if len(f.instr.split()) > 1 else ""
        if name != bookmark or name not in names:
            problems.append(f"TOC entry {number} {title!r}: '{f.instr}', heading has {bookmark}")
        anchors = [h.get(w("anchor")) for h in f.paragraph.iter(w("hyperlink"))]
        if bookmark not in anchors:
            problems.append(f"TOC entry {number} {title!r}: hyperlink anchors {anchors}")
    assert not problems, "\n".join(problems)


def _footer(data: bytes) -> etree._Element:
    sect = body(data).find(w("sectPr"))
    assert sect is not None, "no section properties"
    refs = [r for r in sect.iter(w("footerReference")) if r.get(w("type")) == "default"]
    assert refs, "the section has no default footer"
    rid = refs[0].get(f"{{{R_NS}}}id")
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{PKG_REL_NS}}}Relationship")}
    return part(data, posixpath.normpath(posixpath.join("word", targets[rid])))


def test_footer_has_page_x_of_y(docx_case: BuiltCase) -> None:
    footer = _footer(docx_case.docx)
    instructions = [f.instr.split()[0] for f in fields(footer) if f.instr]
    assert "PAGE" in instructions, f"footer fields {instructions} lack PAGE"
    assert "NUMPAGES" in instructions, f"footer fields {instructions} lack NUMPAGES"
    text = "".join(para_text(p) for p in footer.iter(w("p")))
    assert re.search(r"Page \d+ of \d+", text), f"footer reads {text!r}"


# ------------------------------------------------------------------ definitions, tables


def test_defined_terms_are_bold_in_the_definitions_list(docx_case: BuiltCase) -> None:
    definitions = [n for n in docx_case.doc.walk() if isinstance(n, Definition)]
    assert definitions, "the tree has no definitions"
    word: Any = docx.Document(io.BytesIO(docx_case.docx))
    paragraphs = [p for p in word.paragraphs if p.style.name == "S75 Definition"]
    assert len(paragraphs) == len(definitions), "one 'S75 Definition' paragraph per definition"
    problems: list[str] = []
    for node, p in zip(definitions, paragraphs, strict=True):
        first = p.runs[0] if p.runs else None
        if first is None or first.text != node.term:
            problems.append(f"{node.term!r}: first run is {first and first.text!r}")
        elif first.bold is not True:
            problems.append(f"{node.term!r}: the term is not bold")
        expected = f"{node.term} {inline_text(node.inlines)}"
        if p.text != expected:
            problems.append(f"{node.term!r}: paragraph reads {p.text!r}, expected {expected!r}")
    assert not problems, "\n".join(problems)


def test_contribution_tables_right_align_money(docx_case: BuiltCase) -> None:
    tables = [n for n in docx_case.doc.walk() if isinstance(n, Table)]
    word: Any = docx.Document(io.BytesIO(docx_case.docx))
    assert len(word.tables) == len(tables), "one Word table per table of the tree"
    money_cells = 0
    problems: list[str] = []
    for node, table in zip(tables, word.tables, strict=True):
        for r_index, row in enumerate([node.header, *node.rows]):
            cells = table.rows[r_index].cells
            if len(cells) != len(row):
                problems.append(f"table {node.caption!r} row {r_index}: {len(cells)} cells")
                continue
            for cell, docx_cell in zip(row, cells, strict=True):
                text = inline_text(cell.inlines)
                if docx_cell.text != text:
                    problems.append(f"table {node.caption!r}: cell {docx_cell.text!r} != {text!r}")
                if not any(isinstance(i, MoneyAmount) for i in cell.inlines):
                    continue
                money_cells += 1
                align = docx_cell.paragraphs[0].alignment
                if cell.align != "right" or align != WD_ALIGN_PARAGRAPH.RIGHT:
                    problems.append(
                        f"table {node.caption!r}: money cell {text!r} is aligned {align}"
                        f" (tree: {cell.align})"
                    )
    money = [i for n in docx_case.doc.walk() for i in inlines_of(n) if isinstance(i, MoneyAmount)]
    assert money_cells or not money, "no contribution table with money in the agreement"
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ reference document


def _house_style(path: Path) -> None:
    ref: Any = docx.Document()
    style = ref.styles.add_style("S75 Body", WD_STYLE_TYPE.PARAGRAPH)
    style.font.size = Pt(13.5)
    style.font.name = "Georgia"
    ref.sections[0].header.paragraphs[0].text = "HOUSE STYLE"
    ref.save(str(path))


def test_reference_docx_supplies_styles_and_header(docx_case: BuiltCase, tmp_path: Path) -> None:
    plain: Any = docx.Document(io.BytesIO(docx_case.docx))
    default_size = next(s for s in plain.styles if s.name == "S75 Body").font.size
    assert default_size != Pt(13.5), "the test's house size must differ from the default"
    reference = tmp_path / "house.docx"
    _house_style(reference)
    data = render_bytes(docx_case.doc, "docx", reference)
    word: Any = docx.Document(io.BytesIO(data))
    bodies = [s for s in word.styles if s.name == "S75 Body"]
    assert len(bodies) == 1, f"{len(bodies)} styles named 'S75 Body'"
    assert bodies[0].font.size == Pt(13.5), "S75 Body keeps the reference's 13.5 pt"
    assert bodies[0].font.name == "Georgia", "S75 Body keeps the reference's font"
    assert any(p.style.name == "S75 Body" for p in word.paragraphs), "S75 Body is used"
    assert "S75 Clause Heading" in {s.name for s in word.styles}, "missing styles are added"
    header = "\n".join(p.text for p in word.sections[0].header.paragraphs)
    assert "HOUSE STYLE" in header, f"the reference's header is lost: {header!r}"
    instructions = [f.instr.split()[0] for f in fields(_footer(data)) if f.instr]
    assert {"PAGE", "NUMPAGES"} <= set(instructions), "page X of Y with a reference document"
    assert len(ref_fields(data)) == len(bookmark_parts(docx_case.doc)), "REF fields kept"
