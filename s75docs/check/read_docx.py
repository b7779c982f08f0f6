"""Read a .docx into raw paragraphs: the list numbers Word displays, fields, bookmarks, styles.

Parsed with lxml straight from the package (see safe_zip): no python-docx, so a large or
hostile file costs one bounded parse. Paragraphs come in document order, body and table
cells alike; list numbers are computed from numbering.xml the way Word counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from s75docs.check.raw import Field, RawParagraph
from s75docs.check.safe_zip import Package, open_package
from s75docs.doctree.numbers import alpha, roman
from s75docs.ooxml import MC_NS, W_NS

_MAX_LEVEL = 8
_MAX_LINKS = 8  # numStyleLink / basedOn chains longer than this are treated as cycles


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rpartition("}")[2] if tag.startswith(f"{{{W_NS}}}") else ""


def _val(element: etree._Element | None, attr: str = "val") -> str | None:
    return None if element is None else element.get(_w(attr))


def _int(text: str | None, default: int | None = None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _on(element: etree._Element | None) -> bool:
    """A WordprocessingML toggle: present and not val=false/0/off."""
    return element is not None and _val(element) not in ("false", "0", "off")


# ------------------------------------------------------------------ styles

# Word stores these built-in names in lower case; python-docx (and Word's UI) show them so
_UI_NAMES = {
    "caption": "Caption",
    "footer": "Footer",
    "header": "Header",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}
_OUR_HEADINGS = {"S75 Clause Heading", "S75 Schedule Heading", "S75 Paragraph Heading"}


@dataclass(frozen=True)
class StyleDef:
    """One w:style: its name and what a paragraph inherits from it."""

    style_id: str
    name: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


class StyleSheet:
    """styles.xml: names by id, the default paragraph style, basedOn inheritance."""

    def __init__(self, styles: dict[str, StyleDef], default_paragraph: str | None) -> None:
        self.styles = styles
        self.default_paragraph = default_paragraph

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> StyleSheet:
        styles: dict[str, StyleDef] = {}
        default: str | None = None
        for element in [] if root is None else root.iterchildren(_w("style")):
            style = _style_def(element)
            styles[style.style_id] = style
            if element.get(_w("type")) == "paragraph" and _on_attr(element, "default"):
                default = default or style.style_id
        return cls(styles, default)

    def paragraph_style(self, style_id: str | None) -> StyleDef | None:
        """The style a paragraph has: its pStyle, or the default when absent or unknown."""
        if style_id is not None and style_id in self.styles:
            return self.styles[style_id]
        return self.styles.get(self.default_paragraph or "")

    def chain(self, style: StyleDef | None) -> Iterator[StyleDef]:
        seen: set[str] = set()
        while style is not None and style.style_id not in seen and len(seen) < _MAX_LINKS:
            seen.add(style.style_id)
            yield style
            style = self.styles.get(style.based_on or "")

    def numbering(self, style: StyleDef | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph of this style inherits, following basedOn."""
        num_id: str | None = None
        ilvl: int | None = None
        for link in self.chain(style):
            num_id = num_id if num_id is not None else link.num_id
            ilvl = ilvl if ilvl is not None else link.ilvl
        return num_id, ilvl

    def outline(self, style: StyleDef | None) -> int | None:
        return next((s.outline for s in self.chain(style) if s.outline is not None), None)


def _on_attr(element: etree._Element, attr: str) -> bool:
    return element.get(_w(attr)) in ("1", "true", "on")


def _style_def(element: etree._Element) -> StyleDef:
    style_id = element.get(_w("styleId")) or ""
    name = _val(element.find(_w("name"))) or style_id
    ppr = element.find(_w("pPr"))
    num_pr = None if ppr is None else ppr.find(_w("numPr"))
    return StyleDef(
        style_id=style_id,
        name=_UI_NAMES.get(name, name),
        based_on=_val(element.find(_w("basedOn"))),
        num_id=None if num_pr is None else _val(num_pr.find(_w("numId"))),
        ilvl=None if num_pr is None else _int(_val(num_pr.find(_w("ilvl")))),
        outline=None if ppr is None else _int(_val(ppr.find(_w("outlineLvl")))),
    )


# ------------------------------------------------------------------ numbering definitions


@dataclass(frozen=True)
class LevelDef:
    """One w:lvl: how a level counts and what it prints (spec defaults when absent)."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 0 never, n after a level-n (1-based) item
    legal: bool = False  # w:isLgl: every number in the text shown as decimal
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


@dataclass(frozen=True)
class NumDef:
    """One w:num: a list instance over an abstractNum, with its level overrides."""

    num_id: str
    abstract_id: str
    start_overrides: dict[int, int]
    level_overrides: dict[int, etree._Element]


@dataclass(frozen=True)
class ListInstance:
    """A w:num resolved: the levels it prints and whose running counts it shares."""

    num_id: str
    counter_key: str  # the abstractNum (after numStyleLink) whose counts it shares
    levels: dict[int, LevelDef]
    start_overrides: dict[int, int]

    def level_for_style(self, style_id: str | None) -> int | None:
        return next(
            (i for i, lvl in self.levels.items() if style_id and lvl.style == style_id), None
        )


def _level_def(element: etree._Element, base: LevelDef | None = None) -> LevelDef:
    base = base or LevelDef()
    restart = element.find(_w("lvlRestart"))
    legal = element.find(_w("isLgl"))
    text = element.find(_w("lvlText"))
    return LevelDef(
        start=_int(_val(element.find(_w("start"))), base.start) or 0,
        fmt=_num_fmt(element) or base.fmt,
        text=(_val(text) or "") if text is not None else base.text,
        restart=_int(_val(restart)) if restart is not None else base.restart,
        legal=_on(legal) if legal is not None else base.legal,
        style=_val(element.find(_w("pStyle"))) or base.style,
    )


def _num_fmt(level: etree._Element) -> str | None:
    """w:numFmt, or the Fallback of an mc:AlternateContent (Word 2010 custom formats)."""
    direct = level.find(_w("numFmt"))
    if direct is not None:
        return _val(direct)
    fallback = level.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{_w('numFmt')}")
    return _val(fallback)


def _levels(abstract: etree._Element) -> dict[int, LevelDef]:
    out: dict[int, LevelDef] = {}
    for lvl in abstract.iterchildren(_w("lvl")):
        ilvl = _int(lvl.get(_w("ilvl")))
        if ilvl is not None and 0 <= ilvl <= _MAX_LEVEL:
            out[ilvl] = _level_def(lvl)
    return out


def _num_def(element: etree._Element) -> NumDef:
    starts: dict[int, int] = {}
    levels: dict[int, etree._Element] = {}
    for override in element.iterchildren(_w("lvlOverride")):
        ilvl = _int(override.get(_w("ilvl")))
        if ilvl is None or not 0 <= ilvl <= _MAX_LEVEL:
            continue
        start = _int(_val(override.find(_w("startOverride"))))
        if start is not None:
            starts[ilvl] = start
        lvl = override.find(_w("lvl"))
        if lvl is not None:
            levels[ilvl] = lvl
    return NumDef(
        num_id=element.get(_w("numId")) or "",
        abstract_id=_val(element.find(_w("abstractNumId"))) or "",
        start_overrides=starts,
        level_overrides=levels,
    )


class NumberingDefs:
    """numbering.xml: abstractNums, nums, and numStyleLink indirection through styles."""

    def __init__(self, root: etree._Element | None, styles: StyleSheet) -> None:
        self.styles = styles
        self.abstracts: dict[str, etree._Element] = {}
        self.nums: dict[str, NumDef] = {}
        for element in [] if root is None else root.iterchildren(_w("abstractNum")):
            self.abstracts[element.get(_w("abstractNumId")) or ""] = element
        for element in [] if root is None else root.iterchildren(_w("num")):
            num = _num_def(element)
            self.nums[num.num_id] = num
        self._instances: dict[str, ListInstance | None] = {}

    def instance(self, num_id: str) -> ListInstance | None:
        if num_id not in self._instances:
            self._instances[num_id] = self._resolve(num_id)
        return self._instances[num_id]

    def _resolve(self, num_id: str) -> ListInstance | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract_id = self._follow_style_links(num.abstract_id)
        abstract = self.abstracts.get(abstract_id)
        if abstract is None:
            return None
        levels = _levels(abstract)
        for ilvl, lvl in num.level_overrides.items():
            levels[ilvl] = _level_def(lvl, levels.get(ilvl))
        return ListInstance(num_id, abstract_id, levels, dict(num.start_overrides))

    def _follow_style_links(self, abstract_id: str) -> str:
        """An abstractNum with w:numStyleLink takes its levels from the numbering style's list."""
        for _ in range(_MAX_LINKS):
            abstract = self.abstracts.get(abstract_id)
            link = None if abstract is None else _val(abstract.find(_w("numStyleLink")))
            if link is None:
                return abstract_id
            style_num, _ilvl = self.styles.numbering(self.styles.styles.get(link))
            target = self.nums.get(style_num or "")
            if target is None or target.abstract_id == abstract_id:
                return abstract_id
            abstract_id = target.abstract_id
        return abstract_id


# ------------------------------------------------------------------ counting and display

_MAX_LETTERED = 26 * 30  # beyond "zzz...z" (30 letters) a hostile start prints as decimal


def ordinal(value: int) -> str:
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def format_number(value: int, fmt: str) -> str:
    """One level's number in a w:numFmt; formats we do not know print as decimal."""
    if fmt == "none":
        return ""
    if value <= 0 or fmt in ("decimal", "bullet"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter") and value <= _MAX_LETTERED:
        text = alpha(value)
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman") and value < 4000:
        text = roman(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "ordinal":
        return ordinal(value)
    return str(value)


class ListCounters:
    """The running counts of one abstract list, shared by every w:num that uses it."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}
        self.pending_starts: dict[int, int] = {}  # a startOverride waiting for its level

    def restart(self, starts: dict[int, int]) -> None:
        for ilvl, start in starts.items():
            self.counts.pop(ilvl, None)
            self.pending_starts[ilvl] = start

    def start_of(self, ilvl: int, levels: dict[int, LevelDef]) -> int:
        level = levels.get(ilvl)
        return self.pending_starts.get(ilvl, level.start if level else 0)

    def advance(self, ilvl: int, levels: dict[int, LevelDef]) -> None:
        for parent in range(ilvl):
            if parent not in self.counts:  # an item before any item of its parent level:
                self._seed(parent, levels)  # the parent counts as started (1.1, then 2)
        count = self.counts.get(ilvl)
        if count is None:
            self._seed(ilvl, levels)
        else:
            self.counts[ilvl] = count + 1
        for deeper in [d for d in self.counts if d > ilvl]:
            if _restarts(levels.get(deeper), deeper, ilvl):
                del self.counts[deeper]

    def _seed(self, ilvl: int, levels: dict[int, LevelDef]) -> None:
        self.counts[ilvl] = self.start_of(ilvl, levels)
        self.pending_starts.pop(ilvl, None)

    def value(self, ilvl: int, levels: dict[int, LevelDef]) -> int:
        count = self.counts.get(ilvl)
        return self.start_of(ilvl, levels) if count is None else count


def _restarts(level: LevelDef | None, deeper: int, used: int) -> bool:
    """Whether an item at level `used` restarts level `deeper` (w:lvlRestart, 1-based)."""
    restart = level.restart if level is not None else None
    if restart is None or restart > deeper:  # absent, or naming a deeper level: the default
        return True
    return restart != 0 and used < restart


_PLACEHOLDER = re.compile(r"%([1-9])")


def display(instance: ListInstance, ilvl: int, counters: ListCounters) -> str:
    """The number Word prints for an item: lvlText with each %n replaced by level n's count."""
    level = instance.levels[ilvl]
    if level.fmt == "bullet":
        return ""  # a bullet glyph is not a number (the paragraph keeps numbered_by_word)

    def substitute(match: re.Match[str]) -> str:
        ref = int(match.group(1)) - 1
        ref_level = instance.levels.get(ref)
        if ref_level is None or ref_level.fmt in ("bullet", "none"):
            return ""  # a level without a number of its own prints nothing in another's text
        fmt = "decimal" if level.legal and ref_level.fmt != "none" else ref_level.fmt
        return format_number(counters.value(ref, instance.levels), fmt)

    return _PLACEHOLDER.sub(substitute, level.text)


@dataclass(frozen=True)
class ListNumber:
    number: str
    level: int
    list_id: str


class ListNumbering:
    """Counts every list paragraph in document order and says what Word displays."""

    def __init__(self, numbering: NumberingDefs, styles: StyleSheet) -> None:
        self.numbering = numbering
        self.styles = styles
        self.counters: dict[str, ListCounters] = {}
        self.used: set[str] = set()

    def number(self, ppr: etree._Element | None, style: StyleDef | None) -> ListNumber | None:
        reference = self._list_reference(ppr, style)
        if reference is None:
            return None
        instance, ilvl = reference
        counters = self.counters.setdefault(instance.counter_key, ListCounters())
        if instance.num_id not in self.used:
            self.used.add(instance.num_id)
            counters.restart(instance.start_overrides)  # "restart numbering" in Word
        counters.advance(ilvl, instance.levels)
        return ListNumber(display(instance, ilvl, counters), ilvl, instance.num_id)

    def _list_reference(
        self, ppr: etree._Element | None, style: StyleDef | None
    ) -> tuple[ListInstance, int] | None:
        num_pr = None if ppr is None else ppr.find(_w("numPr"))
        num_id = None if num_pr is None else _val(num_pr.find(_w("numId")))
        ilvl = None if num_pr is None else _int(_val(num_pr.find(_w("ilvl"))))
        style_num, style_ilvl = self.styles.numbering(style)
        num_id = num_id if num_id is not None else style_num
        if num_id is None or num_id == "0":
            return None  # numId 0 switches numbering off, even a style's
        instance = self.numbering.instance(num_id)
        if instance is None:
            return None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = instance.level_for_style(style.style_id if style else None) or 0
        ilvl = min(max(ilvl, 0), _MAX_LEVEL)
        return (instance, ilvl) if ilvl in instance.levels else None


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

    def add(self, text: str) -> None:
        self.pieces.append(text)
        self.length += len(text)


@dataclass
class _OpenField:
    """A field being read: complex (fldChar) or simple (fldSimple)."""

    owner: _Draft
    simple: bool
    instruction: list[str]
    in_result: bool
    start: int
    result: list[str] = field(default_factory=list)
    break_pending: bool = False

    @property
    def instruction_text(self) -> str:
        return "".join(self.instruction).strip()

    @property
    def is_toc(self) -> bool:
        return self.instruction_text[:3].upper() == "TOC"

    def add_result(self, text: str) -> None:
        if self.break_pending and self.result:
            self.result.append("\n")  # the cached result runs on into another paragraph
        self.break_pending = False
        self.result.append(text)

    def freeze(self) -> Field:
        return Field(self.instruction_text, "".join(self.result), self.start)


_TRANSPARENT = {"hyperlink", "ins", "moveTo", "smartTag", "customXml", "dir", "bdo"}
_RUN_TEXT = {"tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


class _ContentReader:
    """Walks paragraph content in order: runs, fields (across paragraphs), marks."""

    def __init__(self, root: etree._Element) -> None:
        self.stack: list[_OpenField] = []
        # comment ids with a commentRangeStart: counted there, not at their reference
        self.anchored_comments = {_val(e, "id") or "" for e in root.iter(_w("commentRangeStart"))}
        self.unterminated = unterminated_fields(root)

    def read(self, paragraph: etree._Element, draft: _Draft) -> None:
        started_in_toc = self._in_toc()
        self._content(paragraph, draft)
        draft.toc_throughout = started_in_toc and self._in_toc()
        for open_field in self.stack:
            open_field.break_pending = open_field.in_result

    def _in_toc(self) -> bool:
        return any(f.is_toc for f in self.stack)

    def _content(self, parent: etree._Element, draft: _Draft) -> None:
        for child in parent:
            tag = _local(child)
            if tag == "r":
                self._run(child, draft)
            elif tag in _TRANSPARENT:
                self._content(child, draft)
            elif tag == "sdt":
                for content in child.iterchildren(_w("sdtContent")):
                    self._content(content, draft)
            elif tag == "fldSimple":
                self._simple_field(child, draft)
            else:
                _mark(child, tag, draft)
            # w:del and w:moveFrom (deleted text), w:pPr and the rest are not shown

    def _run(self, run: etree._Element, draft: _Draft) -> None:
        for child in run:
            tag = _local(child)
            if tag == "t":
                self._emit(child.text or "", draft)
            elif tag == "br" and _val(child, "type") in ("page", "column"):
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
                ident = _val(child, "id") or ""
                if ident not in self.anchored_comments:
                    draft.comment_ids.add(ident)

    def _emit(self, text: str, draft: _Draft) -> None:
        """Shown text goes to the paragraph; inside an instruction it is part of the code."""
        if not text:
            return
        hidden = next(
            (i for i in range(len(self.stack) - 1, -1, -1) if not self.stack[i].in_result), None
        )
        if hidden is not None:
            self.stack[hidden].instruction.append(text)
            for inner in self.stack[hidden + 1 :]:
                inner.add_result(text)
            return
        draft.add(text)
        for open_field in self.stack:
            open_field.add_result(text)
        draft.toc_text = draft.toc_text or self._in_toc()

    def _field_char(self, element: etree._Element, draft: _Draft) -> None:
        kind = _val(element, "fldCharType")
        if kind == "begin":
            if element in self.unterminated:
                return  # a field that never ends would swallow the rest of the document
            opened = _OpenField(draft, False, [], in_result=False, start=draft.length)
            self.stack.append(opened)
            draft.fields.append(opened)
            return
        index = next(
            (i for i in range(len(self.stack) - 1, -1, -1) if not self.stack[i].simple), None
        )
        if index is None:
            return  # a stray separate or end: ignore
        if kind == "separate":
            complex_field = self.stack[index]
            complex_field.in_result = True
            complex_field.start = complex_field.owner.length
        elif kind == "end":
            del self.stack[index]

    def _simple_field(self, element: etree._Element, draft: _Draft) -> None:
        instruction = element.get(_w("instr")) or ""
        opened = _OpenField(draft, True, [instruction], in_result=True, start=draft.length)
        draft.fields.append(opened)
        self.stack.append(opened)
        self._content(element, draft)
        if opened in self.stack:
            self.stack.remove(opened)


def _mark(element: etree._Element, tag: str, draft: _Draft) -> None:
    """Record a bookmark or a comment anchor (anything else is ignored)."""
    if tag == "bookmarkStart":
        name = _val(element, "name")
        if name:
            draft.bookmarks.append(name)
    elif tag == "commentRangeStart":
        draft.comment_ids.add(_val(element, "id") or "")


_UNREAD = {"del", "moveFrom", "txbxContent", "drawing", "pict", "object"}


def _read_here(element: etree._Element) -> bool:
    """Whether the reader walks this element: not deleted, not in a text box or drawing."""
    return not any(_local(a) in _UNREAD or not _local(a) for a in element.iterancestors())


def unterminated_fields(root: etree._Element) -> set[etree._Element]:
    """The fldChar begins with no matching end (hand-damaged documents have them)."""
    open_begins: list[etree._Element] = []
    for element in root.iter(_w("fldChar")):
        kind = _val(element, "fldCharType")
        if kind not in ("begin", "end") or not _read_here(element):
            continue
        if kind == "begin":
            open_begins.append(element)
        elif open_begins:
            open_begins.pop()
    return set(open_begins)


def _symbol(element: etree._Element) -> str:
    code = _int_hex(_val(element, "char"))
    return chr(code) if code is not None and 0 < code < 0x110000 else ""


def _int_hex(text: str | None) -> int | None:
    try:
        return int(text, 16) if text else None
    except ValueError:
        return None


# ------------------------------------------------------------------ document order


def _is_toc_style(name: str) -> bool:
    return name[:3].lower() == "toc" or name.startswith("S75 TOC")


def _is_heading_style(name: str) -> bool:
    return name.lower().startswith("heading") or name in _OUR_HEADINGS


class _DocumentReader:
    """Walks the body in document order: paragraphs, tables (nested), content controls."""

    def __init__(self, root: etree._Element, styles: StyleSheet, numbering: NumberingDefs):
        self.styles = styles
        self.lists = ListNumbering(numbering, styles)
        self.content = _ContentReader(root)
        self.drafts: list[_Draft] = []
        self.pending = _Draft()  # bookmarks and comment anchors standing between paragraphs
        self.body_index = 0
        self.tables = 0
        self.cell: tuple[int, int, int] | None = None

    def read(self, body: etree._Element) -> list[RawParagraph]:
        self._blocks(body, in_table=False, body=True)
        return [_freeze(draft) for draft in self.drafts]

    def _blocks(self, container: etree._Element, *, in_table: bool, body: bool) -> None:
        for child in container:
            tag = _local(child)
            if tag == "p":
                self._paragraph(child, in_table=in_table, body=body)
            elif tag == "tbl":
                self._table(child)
            elif tag in ("tr", "tc", "sdtContent", "customXml", "sdt"):
                self._blocks(child, in_table=in_table, body=False)
            else:
                _mark(child, tag, self.pending)

    def _table(self, table: etree._Element) -> None:
        """Cells in row order, each paragraph tagged with (table, row, column)."""
        self.tables += 1
        number, outer = self.tables, self.cell
        for r, row in enumerate(table.iterfind(_w("tr"))):
            for c, cell in enumerate(row.iterfind(_w("tc"))):
                self.cell = (number, r, c)
                self._blocks(cell, in_table=True, body=False)
        self.cell = outer

    def _paragraph(self, element: etree._Element, *, in_table: bool, body: bool) -> None:
        if body:
            self.body_index += 1  # python-docx's Document.paragraphs: the body's own w:p
        ppr = element.find(_w("pPr"))
        style = self.styles.paragraph_style(_val(None if ppr is None else ppr.find(_w("pStyle"))))
        draft = _Draft(
            bookmarks=self.pending.bookmarks,
            comment_ids=self.pending.comment_ids,
            style=style,
            outline=_outline(ppr, style, self.styles),
            list_number=self.lists.number(ppr, style),
            paragraph=self.body_index if body else None,
            in_table=in_table,
            cell=self.cell if in_table else None,
        )
        self.pending = _Draft()
        self.content.read(element, draft)
        self.drafts.append(draft)


def _outline(ppr: etree._Element | None, style: StyleDef | None, styles: StyleSheet) -> int | None:
    direct = None if ppr is None else _int(_val(ppr.find(_w("outlineLvl"))))
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
        bookmarks=tuple(draft.bookmarks),
        fields=tuple(f.freeze() for f in draft.fields),
        comments=len(draft.comment_ids),
        is_heading=_is_heading_style(name) or (draft.outline is not None and draft.outline < 9),
        toc_entry=_is_toc_style(name)
        or draft.toc_text
        or draft.toc_throughout
        or any(f.is_toc for f in draft.fields),
        list_id=listed.list_id if listed else "",
    )


# ------------------------------------------------------------------ entry point


def read_docx(path: Path) -> list[RawParagraph]:
    """Every paragraph of a .docx (body and table cells) in document order, as Word shows it."""
    package = open_package(path)
    root = package.xml(package.main)
    targets = {kind.rpartition("/")[2]: name for kind, name in package.relationships(package.main)}
    styles = StyleSheet.from_xml(_optional_part(package, targets.get("styles", "word/styles.xml")))
    numbering_root = _optional_part(package, targets.get("numbering", "word/numbering.xml"))
    numbering = NumberingDefs(numbering_root, styles)
    body = root.find(_w("body"))
    if body is None:
        return []
    return _DocumentReader(root, styles, numbering).read(body)


def _optional_part(package: Package, name: str) -> etree._Element | None:
    found = package.find(name)
    return None if found is None else package.xml(found)
