"""Anchor Word comments at the checker's findings in a copy of the original .docx.

The package is read as the checker's reader reads it (safe_zip: size limits, the same main
document part, XML without DTDs or entities) and edited at the part level: every part is
copied byte for byte except the main document part, the comments part, the main document's
relationships and [Content_Types].xml, which change only as far as the comments need.
Existing comments are kept and new ids continue after them. The output is deterministic (fixed zip
timestamps, stable serialisation) and written atomically.

Paragraphs are numbered as python-docx numbers them: `docx.Document(path).paragraphs`,
1-based, i.e. the w:p elements that are direct children of w:body (table cells and
content controls excluded). A comment spans its `quote` when the quote can be isolated
on run boundaries (splitting a plain text run where needed), else the whole paragraph.
"""

from __future__ import annotations

import copy
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

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
    """One finding to show as a comment: on body paragraph `paragraph` (1-based)."""

    paragraph: int
    text: str
    quote: str = ""


class _Unreadable(Exception):
    """The package is not a WordprocessingML document this module can edit."""


def annotate_docx(
    source: Path,
    target: Path,
    notes: list[Note],
    *,
    author: str = "s75docs check",
    date: str = "2026-01-01T00:00:00Z",
) -> None:
    """Write `target`: `source` with one Word comment per note, anchored at its paragraph."""
    package = open_package(source)  # the XML parts; the others are streamed across
    try:
        parts = _annotate(package, notes, author, date)
    except _Unreadable as exc:
        raise UsageError(
            f"cannot read as a Word document: {exc}",
            Location(file=str(source)),
            code="file-unreadable",
        ) from None
    write_package(source, target, parts)


# ------------------------------------------------------------------ annotate
def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _annotate(package: Package, notes: list[Note], author: str, date: str) -> dict[str, bytes]:
    """The XML parts of the output (the unchanged ones as read, in the package's order)."""
    parts = package.parts
    if package.find("_rels/.rels") is None:  # Word could not open what we would write
        raise _Unreadable("no _rels/.rels (not an OOXML package)")
    main = package.main
    document = package.xml(main)
    body = document.find(_BODY)
    if document.tag != _w("document") or body is None:
        raise _Unreadable(f"{main} is not a WordprocessingML document body")
    paragraphs = body.findall(_P)
    for note in notes:
        if not 1 <= note.paragraph <= len(paragraphs):
            raise ValueError(
                f"note paragraph {note.paragraph} is out of range:"
                f" the document has {len(paragraphs)} body paragraphs"
            )
    if not notes:
        return dict(parts)

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
    fields = _Fields(body)
    for note in sorted(notes, key=lambda n: n.paragraph):  # stable: caller's order within one
        _anchor(paragraphs[note.paragraph - 1], next_id, note.quote, fields)
        comments.append(_comment(next_id, note.text, author, date))
        next_id += 1

    out = dict(parts)
    out[main] = _serialise(document)
    out[comments_name] = _serialise(comments)
    if rels_changed:
        out[rels_part] = _serialise(rels)
    types_name = package.find("[Content_Types].xml")
    if types_name is None:
        raise _Unreadable("no [Content_Types].xml (not an OOXML package)")
    types = package.xml(types_name)
    if _declare_comments(types, comments_name):
        out[types_name] = _serialise(types)
    return out


def _comments_relationship(rels: etree._Element, main: str) -> tuple[str, bool]:
    """The comments part's zip name, adding the relationship when missing (-> True)."""
    ids: set[str] = set()
    folder = posixpath.dirname(main)
    for rel in rels.iterfind(f"{{{PKG_REL_NS}}}Relationship"):
        ids.add(rel.get("Id", ""))
        if rel.get("Type") == COMMENTS_REL and rel.get("TargetMode") != "External":
            return resolve_target(folder, rel.get("Target", "")), False
    number = 1
    while f"rId{number}" in ids:
        number += 1
    rel = etree.SubElement(rels, f"{{{PKG_REL_NS}}}Relationship")
    rel.set("Id", f"rId{number}")
    rel.set("Type", COMMENTS_REL)
    rel.set("Target", "comments.xml")
    return resolve_target(folder, "comments.xml"), True


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
    numbers = [int(v) for v in used if v is not None and re.fullmatch(r"-?\d+", v.strip())]
    return max(numbers, default=-1) + 1


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

    def __init__(self, body: etree._Element) -> None:
        self.before: dict[etree._Element, int] = {}
        self.after: dict[etree._Element, int] = {}
        self.ends: dict[etree._Element, tuple[int, int]] = {}  # body w:p -> start, end depth
        self.outer: dict[etree._Element, etree._Element] = {}  # body w:p -> open field's begin
        stack: list[etree._Element] = []
        starts: dict[etree._Element, int] = {}
        for event, element in etree.iterwalk(body, events=("start", "end")):
            if element.tag == _P and element.getparent() is body:
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


def _anchor(p: etree._Element, number: int, quote: str, fields: _Fields) -> None:
    span = _isolate(p, quote, fields) if quote else None
    if span is None:  # the whole paragraph, as far as it lies outside fields
        safe = [place for place in _places(p) if fields.safe(place)]
        if safe:
            span = safe[0], safe[-1]
        else:  # wholly inside a field spanning paragraphs (a TOC entry): just before it
            begin = fields.outer[p]
            span = ("before", begin), ("before", begin)
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
