"""Anchor Word comments at the checker's findings in a copy of the original .docx.

The package is read as the checker's reader reads it (safe_zip: size limits, the same main
document part, XML without DTDs or entities, part names normalised and kept inside the
package) and edited at the part level: every part is copied byte for byte, with its zip
entry's name, date and compression, except the main document part, the comments part, the
main document's relationships and [Content_Types].xml, which change only as far as the
comments need. A member whose name would leave the package is not copied, and a comments
relationship pointing outside it is replaced. Existing comments are kept and new ids
continue after them. The output is deterministic (the changed parts carry a fixed date,
stable serialisation) and written atomically.

A note names its paragraph as python-docx numbers them: `docx.Document(path).paragraphs`,
1-based, i.e. the w:p elements that are direct children of w:body (table cells and
content controls excluded); or, for any paragraph at all (table cells, nested tables,
content controls), by its `block`: its 1-based place among the paragraphs the checker's
reader read (word_blocks.paragraphs, the same walk). A comment spans its `quote` when the
quote can be isolated on run boundaries (splitting a plain text run where needed), else
the whole paragraph.
"""

from __future__ import annotations

import copy
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from s75docs.check import comment_places
from s75docs.check.findings import Finding
from s75docs.check.package_out import write_package
from s75docs.check.safe_zip import Package, open_package, rels_name, resolve_target
from s75docs.errors import Location, UsageError
from s75docs.ooxml import COMMENTS_REL, CT_NS, PKG_REL_NS, W_NS, XML_NS

COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
INITIALS = "S75"

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


_P, _R, _T, _PPR, _RPR, _HYPERLINK, _BODY = (
    _w(n) for n in ("p", "r", "t", "pPr", "rPr", "hyperlink", "body")
)
_ID = _w("id")
_MARKERS = (_w("commentRangeStart"), _w("commentRangeEnd"), _w("commentReference"))


@dataclass(frozen=True)
class Note:
    """One finding to show as a comment: on body paragraph `paragraph` (1-based), or on
    the `block`-th paragraph read (1-based, word_blocks) when `block` is given."""

    paragraph: int
    text: str
    quote: str = ""
    block: int | None = None
    place: str = ""  # e.g. "table 3, row 4, column 2": said when the comment stands elsewhere


def notes_for(findings: list[Finding]) -> list[Note]:
    """One comment per finding that names a paragraph (`check --format docx` and the Check
    page write the same annotated copy)."""
    return [
        Note(
            paragraph=f.paragraph or 0,
            text=f"{f.level.value} {f.code}: {f.message}"
            + (f". Suggestion: {f.suggestion}." if f.suggestion else ""),
            quote=f.text,
            block=f.block,  # any paragraph read: body, table cell, content control
            place=f.place if f.cell is not None else "",
        )
        for f in findings
        if f.block is not None or f.paragraph is not None
    ]


class _Unreadable(Exception):
    """The package is not a WordprocessingML document this module can edit."""


def annotate_docx(
    source: Path,
    target: Path,
    notes: list[Note],
    *,
    author: str = "s75docs check",
    date: str = "2026-01-01T00:00:00Z",
) -> int:
    """Write `target`: `source` with one Word comment per note, anchored at its paragraph
    (comment_places: one in a content control goes beside it). Returns how many were
    written: a note no paragraph outside content controls can carry is left out."""
    package = open_package(source)  # the XML parts; the others are streamed across
    try:
        changed, written = _annotate(package, notes, author, date)
    except _Unreadable as exc:
        raise UsageError(
            f"cannot read as a Word document: {exc}",
            Location(file=str(source)),
            code="file-unreadable",
        ) from None
    write_package(package, target, changed)
    return written


# ------------------------------------------------------------------ annotate
def _annotate(
    package: Package, notes: list[Note], author: str, date: str
) -> tuple[dict[str, bytes], int]:
    """The parts the output changes or adds, and how many comments it carries."""
    parts = package.parts
    if package.find("_rels/.rels") is None:  # Word could not open what we would write
        raise _Unreadable("no _rels/.rels (not an OOXML package)")
    main = package.main
    document = package.xml(main)
    body = document.find(_BODY)
    if document.tag != _w("document") or body is None:
        raise _Unreadable(f"{main} is not a WordprocessingML document body")
    spots = comment_places.spots(body, [(n.paragraph, n.block) for n in notes])
    targets = [(spot, note) for spot, note in zip(spots, notes, strict=True) if spot is not None]
    if not targets:
        return {}, 0

    rels_part = package.find(rels_name(main)) or rels_name(main)
    rels = (
        package.xml(rels_part)
        if rels_part in parts
        else etree.fromstring(f'<Relationships xmlns="{PKG_REL_NS}"/>')
    )
    comments_name, rels_changed = _comments_relationship(rels, main)
    comments_name = package.find(comments_name) or comments_name
    comments = (
        package.xml(comments_name)
        if comments_name in parts
        else etree.Element(_w("comments"), nsmap={"w": W_NS})
    )
    if comments.tag != _w("comments"):
        raise _Unreadable(f"{comments_name} is not a WordprocessingML comments part")

    next_id = _next_comment_id(document, comments)
    fields = _Fields(body, {spot.paragraph for spot, _ in targets})
    for spot, note in sorted(targets, key=lambda t: t[0].order):  # stable: caller's order
        _anchor(spot.paragraph, next_id, note.quote, fields, spot.point)
        text = spot.preface(note.place) + note.text
        comments.append(_comment(next_id, text, author, date))
        next_id += 1

    changed = {main: package.serialise(document), comments_name: package.serialise(comments)}
    if rels_changed:
        changed[rels_part] = package.serialise(rels)
    types_name = package.find("[Content_Types].xml")
    if types_name is None:
        raise _Unreadable("no [Content_Types].xml (not an OOXML package)")
    types = package.xml(types_name)
    if _declare_comments(types, comments_name):
        changed[types_name] = package.serialise(types)
    return changed, len(targets)


def _comments_relationship(rels: etree._Element, main: str) -> tuple[str, bool]:
    """The comments part's name, adding the relationship when missing (-> True).

    A comments relationship whose target lies outside the package is dropped, never
    followed or written, and one to a new comments part inside it takes its place."""
    ids: set[str] = set()
    folder = posixpath.dirname(main)
    dropped = False
    for rel in list(rels.iterfind(f"{{{PKG_REL_NS}}}Relationship")):
        ids.add(rel.get("Id", ""))
        if rel.get("Type") == COMMENTS_REL and rel.get("TargetMode") != "External":
            target = resolve_target(folder, rel.get("Target", ""))
            if target is not None:
                return target, dropped
            rels.remove(rel)
            dropped = True
    number = 1
    while f"rId{number}" in ids:
        number += 1
    rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
    rel.set("Id", f"rId{number}")
    rel.set("Type", COMMENTS_REL)
    rel.set("Target", "comments.xml")
    return posixpath.join(folder, "comments.xml"), True


def _declare_comments(types: etree._Element, comments_name: str) -> bool:
    """Add or correct the comments part's Override; True when [Content_Types].xml changed."""
    part_name = "/" + comments_name
    for override in types.iterfind(f"{{{CT_NS}}}Override"):
        if override.get("PartName", "").casefold() == part_name.casefold():
            if override.get("ContentType") == COMMENTS_CT:
                return False
            override.set("ContentType", COMMENTS_CT)
            return True
    override = etree.SubElement(types, f"{{{CT_NS}}}Override")
    override.set("PartName", part_name)
    override.set("ContentType", COMMENTS_CT)
    return True


def _next_comment_id(document: etree._Element, comments: etree._Element) -> int:
    """One past every comment id in use, in comments.xml or by markers in the document."""
    used = [c.get(_ID) for c in comments.iterfind(_w("comment"))]
    for tag in _MARKERS:
        used.extend(m.get(_ID) for m in document.iter(tag))
    numbers = [_id_number(v.strip()) for v in used if v is not None]
    return max((n for n in numbers if n is not None), default=-1) + 1


# Comment ids are 32-bit numbers: LibreOffice reads one of more digits (thousands, in a
# hostile file, which int() would refuse) as 0, so it counts as 0 and new ids start above it.
_SMALL_ID = re.compile(r"-?0*\d{1,18}")


def _id_number(text: str) -> int | None:
    if _SMALL_ID.fullmatch(text):
        return int(text)
    return 0 if re.fullmatch(r"-?\d+", text) else None


# ------------------------------------------------------------------ comment part
def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _text_element(parent: etree._Element, text: str) -> None:
    t = etree.SubElement(parent, _T)
    t.text = text
    if text != text.strip():
        t.set(f"{{{XML_NS}}}space", "preserve")


def _comment(number: int, text: str, author: str, date: str) -> etree._Element:
    comment = etree.Element(_w("comment"), nsmap={"w": W_NS})
    comment.set(_ID, str(number))
    comment.set(_w("author"), _clean(author))
    comment.set(_w("date"), date)
    comment.set(_w("initials"), INITIALS)
    lines = _clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        p = etree.SubElement(comment, _P)
        style = etree.SubElement(etree.SubElement(p, _PPR), _w("pStyle"))
        style.set(_w("val"), "CommentText")  # Word's names; unknown styles fall back
        if i == 0:  # the mark Word shows at the start of the comment text
            mark = etree.SubElement(p, _R)
            _reference_style(mark)
            etree.SubElement(mark, _w("annotationRef"))
        if not line:
            continue
        run = etree.SubElement(p, _R)
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, _w("tab"))
            if piece:
                _text_element(run, piece)
    return comment


# ------------------------------------------------------------------ anchoring
def _marker(tag: str, number: int) -> etree._Element:
    element = etree.Element(_w(tag), nsmap={"w": W_NS})
    element.set(_ID, str(number))
    return element


def _reference_style(run: etree._Element) -> None:
    style = etree.SubElement(etree.SubElement(run, _RPR), _w("rStyle"))
    style.set(_w("val"), "CommentReference")


def _reference_run(number: int) -> etree._Element:
    run = etree.Element(_R, nsmap={"w": W_NS})
    _reference_style(run)
    run.append(_marker("commentReference", number))
    return run


# A place for a marker: before or after a run, or at the start or end of a paragraph.
_Place = tuple[str, etree._Element]


class _Fields:
    """How deep in complex fields (fldChar begin ... end) each run of the body sits.

    Markers never go inside a field's code or result: Word rebuilds the result when it
    updates the field (a TOC, a REF) and drops whatever was in it, and LibreOffice
    imports a comment whose reference sits in a field result without its text.
    """

    def __init__(self, body: etree._Element, anchored: set[etree._Element]) -> None:
        self.before: dict[etree._Element, int] = {}
        self.after: dict[etree._Element, int] = {}
        self.ends: dict[etree._Element, tuple[int, int]] = {}  # w:p -> start, end depth
        self.outer: dict[etree._Element, etree._Element] = {}  # w:p -> open field's begin
        stack: list[etree._Element] = []
        starts: dict[etree._Element, int] = {}
        for event, element in etree.iterwalk(body, events=("start", "end")):
            if element.tag == _P and element in anchored:
                if event == "start":
                    starts[element] = len(stack)
                    if stack:
                        self.outer[element] = stack[0]
                else:
                    self.ends[element] = (starts[element], len(stack))
            elif element.tag == _R and event == "start":
                self.before[element] = len(stack)
                for kind in element.iterchildren(_w("fldChar")):
                    if kind.get(_w("fldCharType")) == "begin":
                        stack.append(element)
                    elif kind.get(_w("fldCharType")) == "end" and stack:
                        stack.pop()
                self.after[element] = len(stack)
        if stack:  # unbalanced field characters: the depths mean nothing, ignore them
            self.before.clear()
            self.after.clear()
            self.ends.clear()
            self.outer.clear()

    def split(self, run: etree._Element, second: etree._Element) -> None:
        """`second` was cut from text run `run`: same depth."""
        depth = self.before.get(run, 0)
        self.before[second] = self.after[second] = depth

    def safe(self, place: _Place) -> bool:
        kind, element = place
        if kind == "before":
            return self.before.get(element, 0) == 0
        if kind == "after":
            return self.after.get(element, 0) == 0
        start, end = self.ends.get(element, (0, 0))
        return (start if kind == "start" else end) == 0


_NO_MARKERS = frozenset(_w(n) for n in ("fldSimple", "del", "moveFrom"))


def _own_runs(p: etree._Element) -> list[etree._Element]:
    """The paragraph's runs a marker may sit beside, in order.

    Not those of a text box inside it (another story), of a simple field (its result is
    rebuilt) or of deleted text.
    """
    own: list[etree._Element] = []
    for run in p.iter(_R):
        for ancestor in run.iterancestors():
            if ancestor is p:
                own.append(run)
                break
            if ancestor.tag == _P or ancestor.tag in _NO_MARKERS:
                break
    return own


def _places(p: etree._Element) -> list[_Place]:
    """Every place for a marker in the paragraph, in document order."""
    places: list[_Place] = [("start", p)]
    for run in _own_runs(p):
        places += [("before", run), ("after", run)]
    return [*places, ("end", p)]


def _anchor(
    p: etree._Element, number: int, quote: str, fields: _Fields, point: str | None = None
) -> None:
    """Around the quote, else the paragraph; or a point at its start or end (`point`)."""
    span: tuple[_Place, _Place] | None = None
    if point is not None and fields.safe((point, p)):
        span = (point, p), (point, p)
    elif point is None and quote:
        span = _isolate(p, quote, fields)
    if span is None:  # the whole paragraph, as far as it lies outside fields
        safe = [place for place in _places(p) if fields.safe(place)]
        if safe:
            span = safe[0], safe[-1]
        elif p in fields.outer:  # wholly inside a field spanning paragraphs (a TOC entry)
            begin = fields.outer[p]  # just before it
            span = ("before", begin), ("before", begin)
        else:
            span = ("start", p), ("end", p)
    _place(span, number, fields)


def _place(span: tuple[_Place, _Place], number: int, fields: _Fields) -> None:
    (start_kind, first), (end_kind, last) = span
    start = _marker("commentRangeStart", number)
    end = _marker("commentRangeEnd", number)
    if start_kind == "start":  # after the properties and earlier range starts
        at = 0
        for child in first:
            if child.tag != _PPR and child.tag != _w("commentRangeStart"):
                break
            at += 1
        first.insert(at, start)
    elif start_kind == "before":
        first.addprevious(start)
    elif start_kind == "after":
        first.addnext(start)
    else:
        first.append(start)
    if span[0] == span[1]:  # a point: the end right after the start
        start.addnext(end)
    elif end_kind == "before":
        last.addprevious(end)
    elif end_kind == "after":
        last.addnext(end)
    else:  # "end" ("start" only ever ends a point)
        last.append(end)
    reference = _reference_run(number)
    holder = end.getparent()
    if holder is None or holder.tag == _P:
        end.addnext(reference)
        return
    # the range ends inside a hyperlink or the like: keep the reference out of it if safe
    outer = holder
    while (parent := outer.getparent()) is not None and parent.tag != _P:
        outer = parent
    runs = list(outer.iter(_R))
    if not runs or fields.after.get(runs[-1], 0) == 0:
        outer.addnext(reference)
    else:
        end.addnext(reference)


def _runs(p: etree._Element) -> list[etree._Element]:
    """The runs python-docx counts in Paragraph.text: direct ones and hyperlinks' ones."""
    found: list[etree._Element] = []
    for child in p:
        if child.tag == _R:
            found.append(child)
        elif child.tag == _HYPERLINK:
            found.extend(child.findall(_R))
    return found


def _run_text(run: etree._Element) -> str:
    """A run's text as python-docx gives it (w:t, tabs, line breaks, hyphens)."""
    out: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag in (_w("tab"), _w("ptab")):
            out.append("\t")
        elif tag == _w("cr") or (
            tag == _w("br") and child.get(_w("type"), "textWrapping") == "textWrapping"
        ):
            out.append("\n")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
    return "".join(out)


def _splittable(run: etree._Element) -> bool:
    """A plain text run: optional properties and a single w:t, nothing else."""
    kids = [c for c in run if c.tag != _RPR]
    return len(kids) == 1 and kids[0].tag == _T


def _split(run: etree._Element, at: int) -> etree._Element:
    """Cut a plain text run into two at character `at`; returns the second half."""
    text = _run_text(run)
    second = copy.deepcopy(run)
    for half, piece in ((run, text[:at]), (second, text[at:])):
        t = half.find(_T)
        assert t is not None
        t.text = piece
        if piece != piece.strip():
            t.set(f"{{{XML_NS}}}space", "preserve")
    run.addnext(second)
    return second


def _isolate(p: etree._Element, quote: str, fields: _Fields) -> tuple[_Place, _Place] | None:
    """Places around the quote's first occurrence, splitting text runs as needed.

    A quote that starts or ends inside a field is widened to the whole field. None
    (nothing changed) when the quote is not in the paragraph, would need a run that is
    not plain text to be cut, or sits in a field that spans paragraphs.
    """
    runs = _runs(p)
    texts = [_run_text(r) for r in runs]
    begin = "".join(texts).find(quote)
    if begin < 0:
        return None
    finish = begin + len(quote)
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    i = next(k for k, s in enumerate(starts) if s <= begin < s + len(texts[k]))
    j = next(k for k, s in enumerate(starts) if s < finish <= s + len(texts[k]))
    own = _own_runs(p)
    head = own.index(runs[i])
    while fields.before.get(own[head], 0):  # back to the outermost field's begin
        head -= 1
        if head < 0:
            return None
    tail = own.index(runs[j])
    while fields.after.get(own[tail], 0):  # on to its end
        tail += 1
        if tail == len(own):
            return None
    first, last = own[head], own[tail]
    cut_head = begin - starts[i] if first is runs[i] else 0  # run i's characters before
    cut_tail = finish - starts[j] if last is runs[j] else len(texts[j])  # run j's inside
    if (cut_head and not _splittable(first)) or (
        cut_tail < len(texts[j]) and not _splittable(last)
    ):
        return None
    if cut_tail < len(texts[j]):
        fields.split(last, _split(last, cut_tail))
    if cut_head:
        second = _split(first, cut_head)
        fields.split(first, second)
        last = second if last is first else last
        first = second
    return ("before", first), ("after", last)


__all__ = ["Note", "annotate_docx"]
