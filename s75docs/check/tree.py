"""Raw paragraphs (from a .docx or text) -> the document tree the checker's rules walk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from s75docs.check.outline import BODY, CONTENTS, EXECUTION, SCHEDULE, Entry, Outline, recognise
from s75docs.check.outline import split_typed as split_typed
from s75docs.check.raw import RawParagraph
from s75docs.check.read_text import DEFINITION
from s75docs.check.spans import Spans
from s75docs.doctree.nodes import (
    Block,
    Body,
    Cited,
    Definition,
    Document,
    Inline,
    Item,
    Para,
    Recital,
    Schedule,
    Text,
    inline_text,
    inlines_of,
)
from s75docs.doctree.numbers import Format, parse_alpha, parse_decimal, parse_roman
from s75docs.errors import Location

_CLAUSE_REF = re.compile(
    r"\b(?P<this>this\s+)?(?P<noun>[Cc]lauses?)\s+(?P<a>\d{1,2}(?:\.\d{1,2}){0,3}(?:\s?\([a-z]{1,4}\))*)"
    r"(?:\s*(?:to|-|–|and)\s*(?:[Cc]lause\s+)?(?P<b>\d{1,2}(?:\.\d{1,2}){0,3}(?:\([a-z]{1,4}\))*))?"
    r"(?![\w.]*\d)(?P<tail>[A-Z]{0,2}(?:\(\d{1,3}\))*\s+(?:of|to)\s+the\s+[A-Z0-9][\w ]{0,60}?"
    r"\b(?:Act|Regulations|Order)\b)?"
)
_PARA_REF = re.compile(
    r"\b(?P<noun>[Pp]aragraphs?)\s+(?P<a>\d{1,2}(?:\.\d{1,2}){0,3}(?:\([a-z]{1,4}\))*)"
    r"(?:\s*(?:to|-|–|and)\s*(?P<b>\d{1,2}(?:\.\d{1,2}){0,3}))?"
    r"(?:\s+(?:of|in)\s+(?:(?P<this>this)\s+Schedule|Schedule\s+(?P<sch>\d{1,2})))?"
    r"(?P<tail>\s+(?:to|of)\s+the\s+[A-Z0-9][\w ]{0,60}?\b(?:Act|Regulations|Order)\b)?"
)
_SCHEDULE_REF = re.compile(
    r"\b(?:(?:[Pp]art|PART)\s+(?P<part>\d{1,2}[A-Z]?)\s+of\s+)?(?P<this>this\s+)?"
    r"(?P<noun>Schedules?)\s+(?P<a>\d{1,2})\b(?:\s*,?\s*[Pp]art\s+(?P<part2>\d{1,2}[A-Z]?))?"
    r"(?P<tail>\s+(?:to|of)\s+the\s+[A-Z0-9][\w ]{0,60}?\b(?:Act|Regulations|Order)\b)?"
)
_QUOTE = re.compile(r"“[^”]*(?:”|$)")  # quoted words: another document's, not this one's
_DEED = re.compile(r"\b(?:DEED\s+OF\s+VARIATION|[Dd]eed\s+of\s+[Vv]ariation|[Tt]his\s+Deed)\b")
_VARIATIONS = re.compile(
    r"^(?:THE\s+)?(?:EFFECT\s+OF\s+THE\s+)?VARIATIONS?(?:\s+TO\s+THE\s+AGREEMENT)?$", re.I
)
_BROKEN = re.compile(r"Error!\s*Reference source not found\.?|Error!\s*Bookmark not defined\.?")
BROKEN_REFERENCE = _BROKEN  # the text Word shows for a cross-reference whose target is gone


@dataclass
class ReadDocument:
    """The tree plus what only a read document has: where each paragraph came from."""

    doc: Document
    paragraphs: list[RawParagraph]
    items: list[tuple[Item, RawParagraph]] = field(default_factory=list)
    definitions: list[tuple[Definition, RawParagraph]] = field(default_factory=list)
    body_start: int | None = None  # index in paragraphs of the first clause
    raw_of: dict[int, RawParagraph] = field(default_factory=dict)  # id(node) -> its paragraph
    outline: Outline = field(default_factory=Outline)  # what each paragraph was read as

    def raw(self, node: object) -> RawParagraph | None:
        return self.raw_of.get(id(node))


# Word has nine list levels: a number deeper than that (a hostile file's "1.1.1...", 1,500
# deep) stands at the ninth, so that the tree's depth, and every walk of it, is bounded
MAX_DEPTH = 9


def bracketed(level: int) -> Format:
    """How a bracketed number counts at `level`: Roman numerals at 5, letters otherwise."""
    return Format.ROMAN if level == 5 else Format.LETTER


def level_of(number: str, previous: list[Item]) -> int:
    """1 for "12", 2 for "12.3", 3 for "12.3.1", 4 for "(a)", 5 for "(i)".

    "(i)", "(v)", "(x)", "(ii)", "(l)"... are letters and Roman numerals both: a numeral
    when it continues the numerals of the current provision, a letter when it continues its
    letters ("(i)" after "(h)"), otherwise the smaller reading ("(v)" 5, "(l)" the 12th).
    """
    if number[:1].isdigit():
        return number.count(".") + 1
    inner = number.strip("()")
    numeral = parse_roman(inner) if inner.islower() else None
    letter = parse_alpha(inner)
    if numeral is None or letter is None:
        return 5 if numeral is not None else 4
    last_letter, last_numeral = _open_lists(previous)
    if last_numeral is not None and numeral == last_numeral + 1:
        return 5
    if last_letter is not None and letter == last_letter + 1:
        return 4
    return 5 if numeral < letter else 4


def _open_lists(previous: list[Item]) -> tuple[int | None, int | None]:
    """The last letter under the current numbered provision, and the last numeral after it."""
    numeral: int | None = None
    for item in reversed(previous):
        if item.level < 4 or item.number[:1].isdigit() or not item.path:
            break
        if item.level == 4:
            return item.path[-1], numeral
        numeral = item.path[-1] if numeral is None else numeral
    return None, numeral


def path_of(number: str, level: int, parent: Item | None) -> tuple[int, ...]:
    """The printed number as held: "12.3" -> (12, 3), "(c)" under 12.3 -> (12, 3, 3) (just
    (3,) where the number above cannot be read); () when the number itself cannot be read."""
    if number[:1].isdigit():
        return parse_decimal(number) or ()
    own = bracketed(level).parse(number.strip("()"))
    if own is None:
        return ()
    return (*(parent.path if parent is not None else ()), own)


def _finds(pattern: re.Pattern[str], text: str, needle: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), skipped where the words every match holds are absent (most
    paragraphs cite nothing: one substring search instead of a regex at every word)."""
    return pattern.finditer(text) if needle in text else iter(())


def citations(text: str) -> list[Inline]:
    """Split paragraph text into Text and Cited inlines."""
    found: list[Cited] = []
    for m in _finds(_BROKEN, text, "Error!"):
        found.append(Cited(m.group(0), "broken", start=m.start()))
    for m in _finds(_CLAUSE_REF, text, "lause"):
        if m.group("tail"):
            continue  # "Clause 14O of the National Health Service Act" cites a statute
        found.append(
            Cited(
                m.group(0).rstrip(),
                "clause",
                number=re.sub(r"\s", "", m.group("a")),
                end=m.group("b") or "",
                this=bool(m.group("this")),
                start=m.start(),
            )
        )
    for m in _finds(_PARA_REF, text, "aragraph"):
        if (
            not m.group("sch")
            and not m.group("this")
            and re.match(r"\s+(?:of|in)\s+(?:the|a|an|its|their|that)\b", text[m.end() :])
        ):
            continue  # "paragraph 4.12 of the Register of Interests": another document
        if m.group("tail"):
            continue  # "paragraph 18 of Schedule 1 to the Data Protection Act 2018"
        found.append(
            Cited(
                m.group(0).rstrip(),
                "paragraph",
                number=m.group("a"),
                end=m.group("b") or "",
                schedule=m.group("sch") or ("this" if m.group("this") else ""),
                start=m.start(),
            )
        )
    cited = Spans((c.start, c.start + len(c.text)) for c in found)
    for m in _finds(_SCHEDULE_REF, text, "Schedule"):
        if m.group("tail"):
            continue  # "Schedule 1 to the Data Protection Act 2018"
        if cited.covers(m.start()):
            continue  # part of "paragraph 3 of Schedule 7"
        part = m.group("part") or m.group("part2") or ""
        found.append(
            Cited(
                m.group(0).rstrip(),
                "part" if part else "schedule",
                number=part,
                schedule=m.group("a"),
                this=bool(m.group("this")),
                start=m.start(),
            )
        )
    quotes = Spans((m.start(), m.end()) for m in _finds(_QUOTE, text, "“"))
    for cite in found:
        cite.external = quotes.covers(cite.start, open_start=True)
    found.sort(key=lambda c: c.start)
    out: list[Inline] = []
    pos = 0
    for cite in found:
        if cite.start < pos:
            continue
        if cite.start > pos:
            out.append(Text(text[pos : cite.start]))
        out.append(cite)
        pos = cite.start + len(cite.text)
    if pos < len(text):
        out.append(Text(text[pos:]))
    return out


def _location(raw: RawParagraph, file: str) -> Location:
    return Location(file, raw.line if raw.line is not None else raw.paragraph)


def build_tree(paragraphs: list[RawParagraph], file: str) -> ReadDocument:
    """Put paragraphs into Body / Schedule divisions, as the outline placed them, and nest
    numbered items by level."""
    read = ReadDocument(Document(title=file), paragraphs)
    read.outline = recognise(paragraphs)
    _Builder(read, file).build()
    _mark_external(read)
    return read


class _Builder:
    def __init__(self, read: ReadDocument, file: str) -> None:
        self.read, self.file = read, file
        self.division: Body | Schedule | None = None
        self.stack: list[Item] = []
        self.flat: list[Item] = []
        self.in_definitions = False
        self.defn: Definition | None = None  # lettered limbs after a definition belong to it

    def build(self) -> None:
        doc = self.read.doc
        for entry in self.read.outline.entries:
            if entry.region == CONTENTS or entry.joined:
                continue
            raw, number, text = entry.raw, entry.number, entry.text
            loc = _location(raw, self.file)
            if entry.heading and number.startswith("Part ") and entry.division.count(" ") > 1:
                label = number.partition(" ")[2].strip()
                part = Schedule(
                    title=f"PART {label} {text}".strip(),
                    number=entry.division.split()[1],
                    name=entry.division.split()[0],
                    location=loc,
                )
                self._open(part, raw)
                continue
            if entry.heading and number.startswith(("Schedule ", "Appendix ", "Annex ")):
                name, _, label = number.partition(" ")
                self._open(Schedule(title=text, number=label, name=name, location=loc), raw)
                self.in_definitions = False
                continue
            if entry.region == BODY and not isinstance(self.division, Body):
                self.division = Body(location=loc)
                doc.children.append(self.division)
                self.read.body_start = entry.index
                self.stack, self.flat, self.defn = [], [], None
            if entry.region not in (BODY, SCHEDULE) or self.division is None:
                node: Block
                if entry.region != EXECUTION and re.fullmatch(r"\([A-Z]\)", number):
                    node = Recital(inlines=citations(text), number=number, location=loc)
                else:
                    node = Para(inlines=citations(raw.text), location=loc)
                self.read.raw_of[id(node)] = raw
                doc.children.append(node)
                continue
            self._provision(entry, number, text, loc)

    def _open(self, division: Schedule, raw: RawParagraph) -> None:
        self.read.raw_of[id(division)] = raw
        self.read.doc.children.append(division)
        self.division, self.stack, self.flat, self.defn = division, [], [], None

    def _provision(self, entry: Entry, number: str, text: str, loc: Location) -> None:
        raw, division, stack = entry.raw, self.division, self.stack
        assert division is not None
        read = self.read
        if self.defn is not None and number.startswith("(") and not raw.in_table:
            limbs = [c for c in self.defn.children if isinstance(c, Item)]
            level = level_of(number, limbs)
            limb = Item(level=level, inlines=citations(text), number=number, location=loc)
            limb.full_number = number
            limb.path = path_of(number, level, None)
            self.defn.children.append(limb)
            read.raw_of[id(limb)] = raw
            return
        self.defn = None
        if number and not raw.in_table:
            level = min(level_of(number, self.flat), MAX_DEPTH)
            while stack and stack[-1].level >= level:
                stack.pop()
            heading = level == 1 and (entry.heading or _looks_heading(text))
            item = Item(
                level=level,
                title=text if heading else None,
                inlines=[] if heading else citations(text),
                number=number,
                location=loc,
            )
            item.full_number = _full(number, stack)
            item.path = path_of(number, level, stack[-1] if stack else None)
            (stack[-1].children if stack else division.children).append(item)
            stack.append(item)
            self.flat.append(item)
            read.items.append((item, raw))
            read.raw_of[id(item)] = raw
            if level == 1 and isinstance(division, Body):
                self.in_definitions = bool(
                    heading and re.search(r"DEFINITION|INTERPRETATION", text, re.I)
                )
            return
        match = DEFINITION.match(text) if self.in_definitions else None
        if match and not raw.in_table:
            entry_node = Definition(
                term=match.group("term").strip(), inlines=citations(text), location=loc
            )
            (stack[-1].children if stack else division.children).append(entry_node)
            read.definitions.append((entry_node, raw))
            read.raw_of[id(entry_node)] = raw
            self.defn = entry_node
            return
        para = Para(inlines=citations(text), location=loc)
        read.raw_of[id(para)] = raw
        (stack[-1].children if stack else division.children).append(para)


# a definition opens with its quoted term: “Pooled Fund” means ... (not a quotation)
_DEFINES = re.compile(r"“[^”]{1,80}”\s*(?:means|has the meaning|shall mean|includes|is)\b")


def _mark_external(read: ReadDocument) -> None:
    """Citations another text owns: paragraphs quoted across several lines (from an opening
    “ to the closing ”) and, in a deed of variation, the background, the variations clause
    and the annexes, which cite the agreement being varied (as does the clause on the effect of
    the variations)."""
    deed = any(_DEED.search(r.text) for r in read.paragraphs[:60])
    quoting = False
    for node in read.doc.walk():
        cited = [i for i in inlines_of(node) if isinstance(i, Cited)]
        text = inline_text(inlines_of(node)).strip()
        opens = text.startswith("“") and not _DEFINES.match(text)
        if quoting or opens:
            for c in cited:
                c.external = True
        if opens or quoting:
            quoting = not text.endswith("”")
    if not deed:
        return
    for top in read.doc.children:
        if isinstance(top, Recital) or (isinstance(top, Schedule) and top.name == "Annex"):
            owners: list[Block] = [top, *top.walk()]
        elif isinstance(top, Body):
            owners = [
                n
                for clause in top.children
                if isinstance(clause, Item) and _VARIATIONS.match((clause.title or "").strip())
                for n in clause.walk()
            ]
        else:
            continue
        for node in owners:
            for c in (i for i in inlines_of(node) if isinstance(i, Cited)):
                c.external = True


def _full(number: str, stack: list[Item]) -> str:
    if number[:1].isdigit() or not stack:
        return number
    return stack[-1].full_number + number


def _looks_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        bool(letters)
        and text[:1].isalnum()
        and len(text) < 90
        and sum(c.isupper() for c in letters) / len(letters) > 0.8
    )
