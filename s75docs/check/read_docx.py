"""Read a .docx into raw paragraphs: the list numbers Word displays, fields, bookmarks, styles.

Parsed with lxml straight from the package (see safe_zip): no python-docx, so a large or
hostile file costs one bounded parse. Paragraphs come in document order, body and table
cells alike; list numbers are computed from numbering.xml the way Word counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from s75docs.check.budget import check_document_xml
from s75docs.check.raw import Field, RawParagraph
from s75docs.check.safe_zip import Package, open_package
from s75docs.check.word_blocks import Block, walk
from s75docs.check.word_numbering import ListNumber, ListNumbering, NumberingDefs
from s75docs.check.word_stories import (
    ALTERNATE,
    MATH,
    alternative,
    math_text,
    refuse_if_text_elsewhere,
    text_boxes,
)
from s75docs.check.word_styles import OUR_HEADINGS, StyleDef, StyleSheet
from s75docs.check.wordml import attr_val, int_of, local_name, w_tag

# ------------------------------------------------------------------ paragraph content


@dataclass
class _Draft:
    """A paragraph being read; fields it begins may end in a later paragraph."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    bookmarks: list[str] = field(default_factory=list)
    comment_ids: set[str] = field(default_factory=set)
    fields: list[_OpenField] = field(default_factory=list)
    toc_text: bool = False  # text shown while a TOC field was open
    toc_throughout: bool = False  # began and ended inside a TOC field
    style: StyleDef | None = None
    outline: int | None = None
    list_number: ListNumber | None = None
    paragraph: int | None = None
    in_table: bool = False
    cell: tuple[int, int, int] | None = None
    block: int = 0
    control: bool = False
    letters: bool = False  # some letter or digit is shown
    plain: bool = False  # some letter or digit is shown without bold direct formatting

    def add(self, text: str, bold: bool = False) -> None:
        self.pieces.append(text)
        self.length += len(text)
        if not (self.letters and (bold or self.plain)):  # else nothing more to learn
            shown = any(c.isalnum() for c in text)
            self.letters = self.letters or shown
            self.plain = self.plain or (shown and not bold)


RESULT_LIMIT = 1_000  # characters of a field's cached result kept (a REF shows a number)


@dataclass(eq=False)
class _OpenField:
    """A field being read: complex (fldChar) or simple (fldSimple)."""

    owner: _Draft
    simple: bool
    instruction: list[str]
    in_result: bool
    start: int
    order: int = 0  # when it was opened: its place on the stack of open fields
    result: list[str] = field(default_factory=list)
    length: int = 0  # characters in result
    paragraph: int = 0  # the paragraph that last gave it result text
    toc: bool = False  # a TOC field showing its result

    @property
    def instruction_text(self) -> str:
        return "".join(self.instruction).strip()

    @property
    def is_toc(self) -> bool:
        head = ""
        for piece in self.instruction:  # the first three letters, not the whole code
            head = head + piece if head else piece.lstrip()
            if len(head) >= 3:
                break
        return head[:3].upper() == "TOC"

    def add_result(self, text: str, paragraph: int) -> bool:
        """Add shown text to the cached result; False once it holds RESULT_LIMIT characters
        (2,000 nested fields must not each keep a copy of all the text inside them)."""
        if paragraph != self.paragraph and self.result:
            self.result.append("\n")  # the cached result runs on into another paragraph
            self.length += 1
        self.paragraph = paragraph
        room = max(0, RESULT_LIMIT - self.length)
        self.result.append(text[:room])
        self.length += min(len(text), room)
        return self.length < RESULT_LIMIT

    def freeze(self) -> Field:
        return Field(self.instruction_text, "".join(self.result), self.start)


def _drop(fields: list[_OpenField], gone: _OpenField) -> None:
    """Remove one field, searching from the top, where the field that ends usually is."""
    for index in range(len(fields) - 1, -1, -1):
        if fields[index] is gone:
            del fields[index]
            return


_TRANSPARENT = {"hyperlink", "ins", "moveTo", "smartTag", "customXml", "dir", "bdo"}
_RUN_TEXT = {"tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


class _ContentReader:
    """Walks paragraph content in order: runs, fields (across paragraphs), marks."""

    def __init__(self, root: etree._Element) -> None:
        self.stack: list[_OpenField] = []
        self.coding: list[_OpenField] = []  # open fields still reading their instruction
        self.collecting: list[_OpenField] = []  # open fields showing a result not yet full
        self.tocs = 0  # open TOC fields showing their result
        self.opened = 0  # fields opened so far
        self.paragraph = 0  # paragraphs read so far
        # comment ids with a commentRangeStart: counted there, not at their reference
        self.anchored_comments = {
            attr_val(e, "id") or "" for e in root.iter(w_tag("commentRangeStart"))
        }
        self.unterminated = unterminated_fields(root)
        self.bold = False  # the run being read is bold

    def read(self, paragraph: etree._Element, draft: _Draft) -> None:
        self.paragraph += 1
        started_in_toc = self._in_toc()
        self._content(paragraph, draft)
        draft.toc_throughout = started_in_toc and self._in_toc()

    def _in_toc(self) -> bool:
        return self.tocs > 0 or any(f.is_toc for f in self.coding)

    def _content(self, parent: etree._Element, draft: _Draft) -> None:
        for child in parent:
            tag = local_name(child)
            if tag == "r":
                self._run(child, draft)
            elif tag in _TRANSPARENT:
                self._content(child, draft)
            elif tag == "sdt":
                for content in child.iterchildren(w_tag("sdtContent")):
                    self._content(content, draft)
            elif tag == "fldSimple":
                self._simple_field(child, draft)
            elif child.tag == ALTERNATE:
                for chosen in alternative(child):
                    self._content(chosen, draft)
            elif child.tag in MATH:
                self._emit(math_text(child), draft)
            else:
                _mark(child, tag, draft)
            # w:del and w:moveFrom (deleted text), w:pPr and the rest are not shown

    def _run(self, run: etree._Element, draft: _Draft) -> None:
        self.bold = _bold(run)
        for child in run:
            tag = local_name(child)
            if tag == "t":
                self._emit(child.text or "", draft)
            elif tag == "br" and attr_val(child, "type") in ("page", "column"):
                continue  # a page or column break is layout, not text (as python-docx reads it)
            elif tag in _RUN_TEXT:
                self._emit(_RUN_TEXT[tag], draft)
            elif tag == "sym":
                self._emit(_symbol(child), draft)
            elif tag == "fldChar":
                self._field_char(child, draft)
            elif tag == "instrText":
                if self.stack and not self.stack[-1].in_result:
                    self.stack[-1].instruction.append(child.text or "")
            elif tag == "commentReference":
                ident = attr_val(child, "id") or ""
                if ident not in self.anchored_comments:
                    draft.comment_ids.add(ident)

    def _emit(self, text: str, draft: _Draft) -> None:
        """Shown text goes to the paragraph; inside an instruction it is part of the code."""
        if not text:
            return
        if self.coding:  # the innermost field reading its instruction takes it
            hidden = self.coding[-1]
            hidden.instruction.append(text)
            self._show(text, above=hidden.order)
            return
        draft.add(text, self.bold)
        self._show(text, above=-1)
        draft.toc_text = draft.toc_text or self._in_toc()

    def _show(self, text: str, above: int) -> None:
        """Add text to the result of every field opened after `above` (each of them showing
        its result): fields whose result is full are no longer visited."""
        first = len(self.collecting)
        while first > 0 and self.collecting[first - 1].order > above:
            first -= 1
        full = [f for f in self.collecting[first:] if not f.add_result(text, self.paragraph)]
        for done in full:
            _drop(self.collecting, done)

    def _open(self, opened: _OpenField, draft: _Draft) -> None:
        self.opened += 1
        opened.order = self.opened
        self.stack.append(opened)
        draft.fields.append(opened)
        if opened.in_result:
            self._showing(opened)
        else:
            self.coding.append(opened)

    def _showing(self, opened: _OpenField) -> None:
        """A field begins to show its result (stack order is opening order)."""
        opened.paragraph = self.paragraph
        opened.toc = opened.is_toc
        self.tocs += opened.toc
        self.collecting.append(opened)
        if len(self.collecting) > 1 and self.collecting[-2].order > opened.order:
            self.collecting.sort(key=lambda f: f.order)

    def _close(self, closed: _OpenField) -> None:
        _drop(self.stack, closed)
        _drop(self.coding, closed)
        _drop(self.collecting, closed)
        self.tocs -= closed.toc

    def _field_char(self, element: etree._Element, draft: _Draft) -> None:
        kind = attr_val(element, "fldCharType")
        if kind == "begin":
            if element in self.unterminated:
                return  # a field that never ends would swallow the rest of the document
            self._open(_OpenField(draft, False, [], in_result=False, start=draft.length), draft)
            return
        index = next(
            (i for i in range(len(self.stack) - 1, -1, -1) if not self.stack[i].simple), None
        )
        if index is None:
            return  # a stray separate or end: ignore
        complex_field = self.stack[index]
        if kind == "separate":
            complex_field.start = complex_field.owner.length
            if not complex_field.in_result:
                complex_field.in_result = True
                _drop(self.coding, complex_field)
                self._showing(complex_field)
        elif kind == "end":
            self._close(complex_field)

    def _simple_field(self, element: etree._Element, draft: _Draft) -> None:
        instruction = element.get(w_tag("instr")) or ""
        opened = _OpenField(draft, True, [instruction], in_result=True, start=draft.length)
        self._open(opened, draft)
        self._content(element, draft)
        self._close(opened)


def _mark(element: etree._Element, tag: str, draft: _Draft) -> None:
    """Record a bookmark or a comment anchor (anything else is ignored)."""
    if tag == "bookmarkStart":
        name = attr_val(element, "name")
        if name:
            draft.bookmarks.append(name)
    elif tag == "commentRangeStart":
        draft.comment_ids.add(attr_val(element, "id") or "")


_UNREAD = {"del", "moveFrom", "txbxContent", "drawing", "pict", "object"}


def _read_here(element: etree._Element, story: etree._Element | None = None) -> bool:
    """Whether the reader walks this element as part of `story` (the document, or a text
    box read on its own): not deleted, not in a text box or drawing within it."""
    for ancestor in element.iterancestors():
        if ancestor is story:
            return True
        if local_name(ancestor) in _UNREAD or not local_name(ancestor):
            return False
    return True


def unterminated_fields(root: etree._Element) -> set[etree._Element]:
    """The fldChar begins with no matching end (hand-damaged documents have them), in the
    story `root` is (the document, or one text box)."""
    open_begins: list[etree._Element] = []
    story = root if root.tag == w_tag("txbxContent") else None
    for element in root.iter(w_tag("fldChar")):
        kind = attr_val(element, "fldCharType")
        if kind not in ("begin", "end") or not _read_here(element, story):
            continue
        if kind == "begin":
            open_begins.append(element)
        elif open_begins:
            open_begins.pop()
    return set(open_begins)


def _bold(run: etree._Element) -> bool:
    rpr = run.find(w_tag("rPr"))
    mark = None if rpr is None else rpr.find(w_tag("b"))
    return mark is not None and (attr_val(mark) or "true") not in ("0", "false", "off")


def _symbol(element: etree._Element) -> str:
    """The character of a w:sym; a surrogate (never a character on its own) reads as U+FFFD."""
    code = _int_hex(attr_val(element, "char"))
    if code is None or not 0 < code < 0x110000:
        return ""
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)


def _int_hex(text: str | None) -> int | None:
    try:
        return int(text, 16) if text and len(text) <= 8 else None
    except ValueError:
        return None


# ------------------------------------------------------------------ document order


def _is_toc_style(name: str) -> bool:
    return name[:3].lower() == "toc" or name.startswith("S75 TOC")


def _is_heading_style(name: str) -> bool:
    return name.lower().startswith("heading") or name in OUR_HEADINGS


class _DocumentReader:
    """Reads the body's paragraphs in document order (word_blocks: tables, content controls)."""

    def __init__(self, root: etree._Element, styles: StyleSheet, numbering: NumberingDefs):
        self.styles = styles
        self.lists = ListNumbering(numbering, styles)
        self.content = _ContentReader(root)
        self.drafts: list[_Draft] = []
        self.pending = _Draft()  # bookmarks and comment anchors standing between paragraphs

    def read(self, body: etree._Element) -> list[RawParagraph]:
        count = 0  # the body's paragraphs as word_blocks walks them (the annotator's count)
        for block in walk(body):
            if block.paragraph:
                count += 1
                self._paragraph(block, count)
            else:
                _mark(block.element, local_name(block.element), self.pending)
        return [_freeze(draft) for draft in self.drafts]

    def _paragraph(self, block: Block, number: int) -> None:
        """One paragraph; `number` its place in the body's walk (0 for a text box's, which
        the annotator cannot reach: those findings are reported without a comment)."""
        element, cell = block.element, block.cell
        ppr = element.find(w_tag("pPr"))
        style = self.styles.paragraph_style(
            attr_val(None if ppr is None else ppr.find(w_tag("pStyle")))
        )
        draft = _Draft(
            bookmarks=self.pending.bookmarks,
            comment_ids=self.pending.comment_ids,
            style=style,
            outline=_outline(ppr, style, self.styles),
            list_number=self.lists.number(ppr, style),
            paragraph=block.body_index,
            in_table=cell is not None,
            cell=None if cell is None else (cell.table, cell.row, cell.column),
            block=number,
            control=block.control,
        )
        self.pending = _Draft()
        self.content.read(element, draft)
        self.drafts.append(draft)
        for box in text_boxes(element):  # each its own story, read after its paragraph
            outer, self.content = self.content, _ContentReader(box)
            for inner in walk(box):
                if inner.paragraph:
                    self._paragraph(Block(inner.element, True, None, cell, block.control), 0)
                else:
                    _mark(inner.element, local_name(inner.element), self.pending)
            self.content = outer


def _outline(ppr: etree._Element | None, style: StyleDef | None, styles: StyleSheet) -> int | None:
    direct = None if ppr is None else int_of(attr_val(ppr.find(w_tag("outlineLvl"))))
    return direct if direct is not None else styles.outline(style)


def _freeze(draft: _Draft) -> RawParagraph:
    name = draft.style.name if draft.style else ""
    listed = draft.list_number
    return RawParagraph(
        text="".join(draft.pieces),
        number=listed.number if listed else "",
        numbered_by_word=listed is not None,
        level=listed.level if listed else None,
        style=name,
        paragraph=draft.paragraph,
        in_table=draft.in_table,
        cell=draft.cell,
        block=draft.block or None,
        control=draft.control,
        bookmarks=tuple(draft.bookmarks),
        fields=tuple(f.freeze() for f in draft.fields),
        comments=len(draft.comment_ids),
        is_heading=_is_heading_style(name)
        or (draft.outline is not None and draft.outline < 9)
        or _bold_heading(draft),
        toc_entry=_is_toc_style(name)
        or draft.toc_text
        or draft.toc_throughout
        or any(f.is_toc for f in draft.fields),
        list_id=listed.list_id if listed else "",
    )


def _bold_heading(draft: _Draft) -> bool:
    """A short paragraph all in bold, not a sentence: a heading made by direct formatting."""
    text = "".join(draft.pieces).strip()
    return (
        draft.letters
        and not draft.plain
        and len(text) <= 90
        and not text.endswith((".", ";", ",", ":"))
        and not draft.in_table
    )


# ------------------------------------------------------------------ entry point


def read_docx(path: Path) -> list[RawParagraph]:
    """Every paragraph of a .docx (body and table cells) in document order, as Word shows it."""
    package = open_package(path)
    check_document_xml(path, package.parts[package.main])
    root = package.xml(package.main)
    targets = {kind.rpartition("/")[2]: name for kind, name in package.relationships(package.main)}
    styles = StyleSheet.from_xml(_optional_part(package, targets.get("styles", "word/styles.xml")))
    numbering_root = _optional_part(package, targets.get("numbering", "word/numbering.xml"))
    numbering = NumberingDefs(numbering_root, styles)
    body = root.find(w_tag("body"))
    paragraphs = [] if body is None else _DocumentReader(root, styles, numbering).read(body)
    if not any(p.text.strip() for p in paragraphs):
        refuse_if_text_elsewhere(package)  # say where the text is, not "empty"
    return paragraphs


def _optional_part(package: Package, name: str) -> etree._Element | None:
    found = package.find(name)
    return None if found is None else package.xml(found)
